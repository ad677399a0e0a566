"""CODEOWNERS, the sticky PR comment and the reminder issues: real outputs, checked for
content, escaping of hostile text, and GitHub's size limits."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from kthelpers import ROOT, run_kinerja
from kinerja.review.comment import MARKER, render as render_comment

pytestmark = pytest.mark.xdist_group("outputs")


def test_committed_codeowners_is_current():
    result = run_kinerja("codeowners", "--periksa", "--akar", str(ROOT))
    assert result.code == 0, result


def test_codeowners_goes_stale_when_a_supervisor_changes(demo, tmp_path):
    (demo / ".github").mkdir()
    shutil.copy(ROOT / ".github" / "CODEOWNERS", demo / ".github" / "CODEOWNERS")
    p = demo / "organisation/people/disdik-0043.yml"
    text = p.read_text(encoding="utf-8")  # an explicit exception to the derived penilai
    p.write_text(text.replace('    pangkat: "Penata Tingkat I"\n', '    pangkat: "Penata Tingkat I"\n    pejabat_penilai: disdik-0005\n', 1), encoding="utf-8")
    result = run_kinerja("codeowners", "--periksa", "--akar", str(demo))
    assert result.code == 1 and "kinerja codeowners --tulis" in result.out
    assert run_kinerja("codeowners", "--tulis", "--akar", str(demo)).code == 0
    text = (demo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/plans/*/disdik-0043.yml @kt-demo-kabid-sd\n" in text
    assert text.startswith("# Dibuat otomatis") and "\n* @kt-demo-admin-fajar @kt-demo-admin-mega\n" in text
    assert run_kinerja("codeowners", "--periksa", "--akar", str(demo)).code == 0


def test_codeowners_never_overwrites_a_hand_written_file(demo):
    (demo / ".github").mkdir()
    (demo / ".github/CODEOWNERS").write_text("* @seseorang\n", encoding="utf-8")
    result = run_kinerja("codeowners", "--tulis", "--akar", str(demo))
    assert result.code == 2 and (demo / ".github/CODEOWNERS").read_text(encoding="utf-8") == "* @seseorang\n"


HOSTILE = "plans/2026/@kt-demo-bupati <img src=x onerror=alert(1)> [x](javascript:alert(1)) `tick`.yml"


def test_comment_escapes_hostile_text_and_reports_all_checks():
    change = {"actor": {"login": "kt-demo-siti", "id": 91000042, "pegawai": "disdik-0042"}, "head": "a" * 40,
              "decisions": [{"file": HOSTILE, "allowed": False, "code": "authz-path", "message": "Berkas “@kt-demo-sekda ![p](http://x/p.png)” ditolak."},
                            {"file": "plans/2026/disdik-0042.yml", "allowed": True, "code": "authz-allowed", "message": "ok"}]}
    approval = {"ok": False, "sentence": "1 persetujuan yang diperlukan belum ada.",
                "approvals": [{"ok": False, "message": "Belum ada persetujuan dari pejabat penilai.", "files": ["plans/2026/disdik-0042.yml"]}]}
    validation = {"findings": [{"file": "plans/2026/disdik-0042.yml", "line": 3, "severity": "error", "code": "schema-type",
                                "message": "Nilai “<script>” salah @kt-demo-kadisdik"}]}
    text = render_comment(change, approval, validation)
    assert text.startswith(MARKER)
    import re

    # file names sit in code spans (GitHub renders them literally: no mention, no HTML) ...
    assert "``plans/2026/@kt-demo-bupati <img src=x onerror=alert(1)> [x](javascript:alert(1)) `tick`.yml``" in text
    outside = re.sub(r"(`+).*?\1", "", text)
    # ... and everything outside code spans is escaped: no one is pinged, no markup from user text
    assert "@kt-demo" not in outside and "&#64;kt-demo-sekda" in outside
    assert "<img" not in outside and "<script>" not in outside and "](javascript" not in outside and "![p](" not in outside
    assert "| Hak ubah | ❌ 1 berkas ditolak |" in text and "⏳" in text and "1 kesalahan" in text


def test_comment_stays_under_the_limit_and_handles_missing_reports():
    change = {"actor": {}, "head": "b" * 40, "decisions": [
        {"file": f"plans/2026/p-{i}.yml", "allowed": False, "code": "authz-not-owner", "message": "x" * 2000} for i in range(500)]}
    validation = {"findings": [{"file": f"plans/2026/p-{i}.yml", "line": 1, "severity": "error", "code": "yaml-syntax", "message": "y" * 2000} for i in range(500)]}
    text = render_comment(change, None, validation)
    assert len(text) < 65_536 and "tidak berjalan" in text and "dan 470 berkas lain" in text
    assert render_comment(None, None, None).startswith(MARKER)


def test_pr_comment_command_writes_once(tmp_path):
    (tmp_path / "v.json").write_text(json.dumps({"findings": []}), encoding="utf-8")
    out = tmp_path / "komentar.md"
    assert run_kinerja("pr-comment", "--validasi", str(tmp_path / "v.json"), "--keluaran", str(out)).code == 0
    assert out.read_text(encoding="utf-8").startswith(MARKER)
    assert run_kinerja("pr-comment", "--keluaran", str(out)).code == 2


def test_reminders_per_perangkat_daerah(demo, tmp_path):
    prs = [{"number": 7, "isDraft": False, "createdAt": "2026-11-02T03:00:00Z", "author": {"login": "kt-demo-siti"},
            "files": [{"path": "plans/2026/disdik-0042.yml"}], "reviews": []},
           {"number": 8, "isDraft": False, "createdAt": "2026-11-27T03:00:00Z", "author": {"login": "kt-demo-andi"},
            "files": [{"path": "plans/2026/disdik-0045.yml"}], "reviews": []}]
    # people are matched by numeric account id: #32 carries Siti's login on another account
    keberatan = [{"number": 31, "created_at": "2026-11-01T00:00:00Z", "user": {"login": "kt-demo-siti", "id": 91000042}},
                 {"number": 32, "created_at": "2026-11-01T00:00:00Z", "user": {"login": "kt-demo-siti", "id": 5}}]
    (tmp_path / "prs.json").write_text(json.dumps(prs), encoding="utf-8")
    (tmp_path / "k.json").write_text(json.dumps(keberatan), encoding="utf-8")
    out = tmp_path / "pengingat"
    result = run_kinerja("reminders", "--akar", str(demo), "--keluaran", str(out), "--usulan", str(tmp_path / "prs.json"),
                         "--keberatan", str(tmp_path / "k.json"), "--tanggal", "2026-11-28")
    assert result.code == 0, result
    index = {i["pd"]: i for i in json.loads((out / "index.json").read_text(encoding="utf-8"))}
    assert set(index) == {"bkpsdm", "dinkes", "disdik", "disdukcapil", "diskominfo", "setda"}
    disdik = (out / "disdik.md").read_text(encoding="utf-8")
    assert "usulan #7" in disdik and "usulan #8" not in disdik  # #8 is only one day old
    assert "@kt-demo-kepsek-sdn12" in disdik and "keberatan #31" in disdik and "#32" not in disdik
    assert "Triwulan III 2026 belum final" in disdik and "@kt-demo-yuliana" in disdik
    assert index["bkpsdm"]["empty"] is True and "Tidak ada pengingat" in (out / "bkpsdm.md").read_text(encoding="utf-8")
    again = run_kinerja("reminders", "--akar", str(demo), "--keluaran", str(out), "--tanggal", "2026-11-28")
    assert again.code == 2  # never overwrites


def test_reminders_after_the_skp_deadline_and_size_limit():
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.reminders import Item, compute, render

    repo = load_repository(ROOT)
    boards = {b.pd: b for b in compute(repo, date(2027, 2, 20))}
    texts = [i.text for i in boards["disdik"].sections["skp"]]
    assert any("SKP 2027 belum ada (tenggat 2027-01-31)" in t for t in texts)
    board = boards["disdik"]
    for _ in range(3000):
        board.add("evaluasi", Item("{0}: evaluasi belum final; menunggu {1}." + "x" * 40, ["disdik-0042", "disdik-0040"]))
    text, empty = render(board, org_index(repo), date(2027, 2, 20))
    assert len(text) < 65_536 and not empty and "butir lain" in text


def test_codeowners_adds_the_atasan_to_evaluations_when_ratings_need_her_approval(demo):
    # persetujuan_rating as loaded from instansi.yml: a string built at run time (an `is` against the
    # module's constant would not hold), in both settings
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.codeowners import render

    line = "/evaluations/*/*/disdik-0044.yml @kt-demo-yuliana @kt-demo-kepsek-sdn12"
    repo = load_repository(demo)
    text = render(org_index(repo), repo.regency.admins, repo.regency.rating_approval, date(2026, 11, 28))
    assert repo.regency.rating_approval == "tidak_ada" and line + "\n" in text
    p = demo / "organisation/instansi.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("persetujuan_rating: tidak_ada",
                                                       "persetujuan_rating: atasan_pejabat_penilai", 1), encoding="utf-8")
    repo = load_repository(demo)
    text = render(org_index(repo), repo.regency.admins, repo.regency.rating_approval, date(2026, 11, 28))
    assert repo.regency.rating_approval == "atasan_pejabat_penilai"
    assert line + " @kt-demo-kabid-sd\n" in text  # the atasan of the penilai disdik-0040
    assert "/plans/*/disdik-0044.yml @kt-demo-kepsek-sdn12\n" in text  # plans stay the penilai's
