"""Keberatan by PP 30/2019 Pasal 59 (issue 10 §4), on real git repositories with set dates.

Yuliana's (disdik-0044) triwulan_3 evaluation becomes final by a merge committed at 00:30 WIB
on 1 October 2026 (30 September 17:30 UTC): day 0 is 1 October in the regency's time zone.
With keberatan_hari 14 the last filing day is 15 October: filed at 23:30 WIB that day it is
accepted; at 23:30 WIB on 16 October it is refused. (Counted in UTC, day 0 would be
30 September and the 15 October filing would already be late.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from kthelpers import ROOT, git, run_kinerja
from kinerja.check.crossfile import org_index
from kinerja.loader import load_bytes
from kinerja.model.keberatan import decider
from kinerja.repository import load_repository

EVAL = "evaluations/2026/triwulan_3/disdik-0044.yml"
OBJ = "objections/2026/triwulan_3/disdik-0044.yml"
YULIANA = ("kt-demo-yuliana", 91000044)
KABID = ("kt-demo-kabid-sd", 91000032)  # disdik-0005: heads disdik-bid-sd, evaluates the kepsek disdik-0040
KEPSEK = ("kt-demo-kepsek-sdn12", 91000035)


def _dated(repo, when: str, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.invalid", GIT_COMMITTER_NAME="Uji",
               GIT_COMMITTER_EMAIL="uji@example.invalid", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def final_repo(demo_git):
    """The penilai's PR setting the evaluation final, merged into main at 00:30 WIB on 1 October."""
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "forms")
    git(demo_git, "checkout", "-q", "-b", "penilaian")
    path = demo_git / EVAL
    path.write_text(path.read_text(encoding="utf-8").replace("status: draf", "status: final"), encoding="utf-8")
    _dated(demo_git, "2026-09-30T20:00:00+07:00", "commit", "-qam", "penilaian final")
    git(demo_git, "checkout", "-q", "main")
    _dated(demo_git, "2026-10-01T00:30:00+07:00", "merge", "-q", "--no-ff", "-m", "merge penilaian", "penilaian")
    return demo_git


def _form(repo, tmp_path, filed_at: str, who=YULIANA, issue=41, today="2026-10-20"):
    spec_labels = {}
    from kinerja.review import forms

    out = []
    for f in forms.template_fields(ROOT, forms.FORMS["keberatan"]):
        value = {"tahun": "2026", "periode": "triwulan_3",
                 "alasan": "Realisasi IKI 2 (82%) melampaui rentang target; mohon rating RHK rhk-1 ditinjau ulang.",
                 "pernyataan": "- [X] " + f.options[0] if f.options else ""}.get(f.id)
        out += [f"### {f.label}", "", value or "_No response_", ""]
    (tmp_path / "body.md").write_text("\n".join(out), encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp_path / name).unlink(missing_ok=True)
    result = run_kinerja("form", "--akar", str(repo), "--berkas-isi", str(tmp_path / "body.md"), "--formulir", "keberatan",
                         "--pembuat", who[0], "--id-pembuat", str(who[1]), "--isu", str(issue), "--waktu", filed_at,
                         "--tanggal", today, "--balasan", str(tmp_path / "reply.md"), "--hasil", str(tmp_path / "result.json"))
    del spec_labels
    return result, (tmp_path / "reply.md").read_text(encoding="utf-8"), json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))


def test_day_14_at_2330_wib_is_accepted(final_repo, tmp_path):
    result, reply, res = _form(final_repo, tmp_path, "2026-10-15T23:30:00+07:00")
    assert result.code == 0, (result, reply)
    assert res["file"] == OBJ and res["pull_request"] is True
    assert "Keberatan diterima" in reply and "2026-10-01" in reply and "2026-10-15" in reply
    assert "@kt-demo-kabid-sd" in reply  # the decider
    assert "2026-11-05" in reply  # 15 October + keputusan_keberatan_hari 21
    data = load_bytes((final_repo / OBJ).read_bytes()).data
    assert data["pemutus"] == "disdik-0005" and data["diajukan"]["tanggal"] == "2026-10-15" and data["diajukan"]["isu"] == 41


def test_day_15_at_2330_wib_is_refused_with_both_dates(final_repo, tmp_path):
    result, reply, res = _form(final_repo, tmp_path, "2026-10-16T16:30:00Z")  # 23:30 WIB
    assert result.code == 1 and res["ok"] is False
    assert "2026-10-01" in reply and "2026-10-16" in reply and "2026-10-15" in reply
    assert not (final_repo / OBJ).exists()


def test_only_the_rated_employee_files(final_repo, tmp_path):
    # the kepsek files "for" Yuliana: the form only ever writes the author's own objection (here his
    # own triwulan_3, final only since the demo commit of 28 November, so not yet objectable on 10 October)
    result, reply, res = _form(final_repo, tmp_path, "2026-10-10T10:00:00+07:00", who=KEPSEK)
    assert result.code == 1 and not (final_repo / OBJ).exists() and "2026-11-28" in reply


def _pr(repo, branch, change, when="2026-10-15T23:30:00+07:00"):
    git(repo, "checkout", "-q", "-b", branch, "main")
    change(repo)
    git(repo, "add", "-A")
    _dated(repo, when, "commit", "-qm", branch)


def _check_change(repo, who, today, head):
    r = run_kinerja("check-change", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", head, "--pembuat", who[0],
                    "--id-pembuat", str(who[1]), "--format", "json", "--tanggal", today)
    return r, json.loads(r.out)


def _objection(filed: str, pemutus="disdik-0005", extra="") -> str:
    return (f"versi_format: 1\npegawai: disdik-0044\ntahun: 2026\nperiode: triwulan_3\npemutus: {pemutus}\n"
            f"diajukan:\n  tanggal: {filed}\n  isu: 41\n  alasan: \"Realisasi IKI 2 melampaui target; mohon ditinjau ulang.\"\n{extra}")


def _write(rel, text):
    def change(repo):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    return change


def test_check_change_applies_the_same_window_and_decider(final_repo):
    _pr(final_repo, "k14", _write(OBJ, _objection("2026-10-15")))
    r, doc = _check_change(final_repo, YULIANA, "2026-10-15", "k14")
    assert r.code == 0, r
    git(final_repo, "checkout", "-q", "main")
    _pr(final_repo, "k15", _write(OBJ, _objection("2026-10-16")))
    r, doc = _check_change(final_repo, YULIANA, "2026-10-16", "k15")
    assert r.code == 1 and doc["decisions"][0]["code"] == "keberatan-terlambat"
    assert "2026-10-01" in doc["decisions"][0]["message"] and "2026-10-15" in doc["decisions"][0]["message"]
    git(final_repo, "checkout", "-q", "main")
    _pr(final_repo, "kwrong", _write(OBJ, _objection("2026-10-10", pemutus="disdik-0040")))
    r, doc = _check_change(final_repo, YULIANA, "2026-10-10", "kwrong")
    assert r.code == 1 and doc["decisions"][0]["code"] == "keberatan-pemutus" and "disdik-0005" in doc["decisions"][0]["message"]
    git(final_repo, "checkout", "-q", "main")
    _pr(final_repo, "kother", _write(OBJ, _objection("2026-10-10")))
    r, doc = _check_change(final_repo, KEPSEK, "2026-10-10", "kother")
    assert r.code == 1 and doc["decisions"][0]["code"] == "keberatan-bukan-pegawai"


def _merge(repo, branch, when):
    git(repo, "checkout", "-q", "main")
    _dated(repo, when, "merge", "-q", "--no-ff", "-m", f"merge {branch}", branch)


DECISION = """penjelasan:
  diminta: 2026-10-16
keputusan:
  tanggal: 2026-10-20
  hasil: diubah
  alasan: "Realisasi melampaui target dan didukung bukti."
  rating_hasil_kerja: di_atas_ekspektasi
  rating_perilaku_kerja: di_atas_ekspektasi
"""


def test_the_decider_records_and_the_decision_changes_the_score(final_repo, tmp_path):
    _pr(final_repo, "k14", _write(OBJ, _objection("2026-10-15")))
    _merge(final_repo, "k14", "2026-10-15T23:40:00+07:00")
    before = json.loads(run_kinerja("score", "--akar", str(final_repo), "--format", "json", "--tahun", "2026").out)
    e = next(x for x in before["evaluations"] if x["file"] == EVAL)
    assert e["predikat"] == "baik" and e["sumber_rating"]["rating_hasil_kerja"] == EVAL

    def decide(repo):
        (repo / OBJ).write_text(_objection("2026-10-15") + DECISION, encoding="utf-8")
    _pr(final_repo, "putus", decide, when="2026-10-20T09:00:00+07:00")
    r, doc = _check_change(final_repo, YULIANA, "2026-10-20", "putus")
    assert r.code == 1 and doc["decisions"][0]["code"] == "keberatan-pemutus"  # not hers to decide
    r, doc = _check_change(final_repo, KABID, "2026-10-20", "putus")
    assert r.code == 0, r
    after = json.loads(run_kinerja("score", "--akar", str(final_repo), "--format", "json", "--tahun", "2026").out)
    e = next(x for x in after["evaluations"] if x["file"] == EVAL)
    # quadrant: di atas x di atas = Sangat Baik (domain.md §4)
    assert e["predikat"] == "sangat_baik"
    assert e["rating_hasil_kerja"] == "di_atas_ekspektasi" and e["sumber_rating"]["rating_hasil_kerja"] == OBJ
    assert e["sumber_rating"]["rhk:rhk-1"] == EVAL  # per-RHK rating untouched by this decision
    # the text and CSV outputs name the record too
    text = run_kinerja("score", "--akar", str(final_repo), "--tahun", "2026").out
    assert f"{EVAL}: rating_hasil_kerja: {OBJ}; rating_perilaku_kerja: {OBJ}" in text
    csv_text = run_kinerja("score", "--akar", str(final_repo), "--tahun", "2026", "--format", "csv").out
    row = next(line for line in csv_text.splitlines() if line.startswith("disdik-0044,") and "triwulan_3" in line)
    assert row.endswith(f"rating_hasil_kerja: {OBJ}; rating_perilaku_kerja: {OBJ}")
    _merge(final_repo, "putus", "2026-10-20T10:00:00+07:00")
    git(final_repo, "checkout", "-q", "-b", "ubah-lagi", "main")
    (final_repo / OBJ).write_text(_objection("2026-10-15") + DECISION.replace("hasil: diubah", "hasil: tetap")
                                  .replace("  rating_hasil_kerja: di_atas_ekspektasi\n  rating_perilaku_kerja: di_atas_ekspektasi\n", ""),
                                  encoding="utf-8")
    git(final_repo, "commit", "-qam", "change the decision")
    r, doc = _check_change(final_repo, KABID, "2026-10-21", "ubah-lagi")
    assert r.code == 1 and doc["decisions"][0]["code"] == "authz-locked"  # a recorded decision is final


def test_validation_checks_the_decider_and_the_order(final_repo):
    (final_repo / OBJ).parent.mkdir(parents=True)
    (final_repo / OBJ).write_text(_objection("2026-10-15", pemutus="disdik-0040") + DECISION.replace("diminta: 2026-10-16", "diminta: 2026-10-21"),
                                  encoding="utf-8")
    r = run_kinerja("validate", "--akar", str(final_repo), "--format", "json", str(final_repo / OBJ))
    codes = sorted(f["code"] for f in json.loads(r.out)["findings"])
    assert r.code == 1 and codes == ["keberatan-pemutus", "keberatan-urutan"]


def test_the_decider_is_the_same_person_everywhere(final_repo, tmp_path):
    """The one function, the form reply and the reminders all name disdik-0005, the head of the post
    (disdik-bid-sd) that evaluated the penilai at the period's end (check-change and validation: above)."""
    repo = load_repository(final_repo, use_cache=False)
    org = org_index(repo)
    from datetime import date

    who = decider(org, repo.regency, "disdik-0044", "disdik-0040", date(2026, 9, 30), date(2026, 10, 15))
    assert (who.person, who.post) == ("disdik-0005", "disdik-bid-sd")
    # the form names the same person
    result, reply, res = _form(final_repo, tmp_path, "2026-10-15T10:00:00+07:00")
    assert "@kt-demo-kabid-sd" in reply and load_bytes((final_repo / OBJ).read_bytes()).data["pemutus"] == "disdik-0005"
    # reminders: overdue (21 days after 15 October) names the same decider by account
    git(final_repo, "add", "-A")
    git(final_repo, "commit", "-qm", "objection")
    out = tmp_path / "pengingat"
    r = run_kinerja("reminders", "--akar", str(final_repo), "--keluaran", str(out), "--tanggal", "2026-11-06")
    assert r.code == 0, r
    disdik = (out / "disdik.md").read_text(encoding="utf-8")
    line = next(x for x in disdik.splitlines() if OBJ in x)
    assert "@kt-demo-kabid-sd" in line and "2026-11-05" in line
    r = run_kinerja("reminders", "--akar", str(final_repo), "--keluaran", str(tmp_path / "p2"), "--tanggal", "2026-11-05")
    assert OBJ not in (tmp_path / "p2" / "disdik.md").read_text(encoding="utf-8")  # not overdue yet


def test_the_post_decides_when_its_holder_changed(demo):
    """The kabid SD (disdik-0005) leaves on 4 October; the Sekretaris (disdik-0002) is Plt. of the bidang from
    5 October. An objection to the triwulan_3 evaluation filed on 3 October goes to disdik-0005; filed on
    15 October, to the Plt. who then holds the post."""
    from datetime import date

    p5 = demo / "organisation/people/disdik-0005.yml"
    p5.write_text(p5.read_text(encoding="utf-8").replace("    kepala_unit: true\n", "    kepala_unit: true\n    selesai: 2026-10-04\n", 1),
                  encoding="utf-8")
    p2 = demo / "organisation/people/disdik-0002.yml"
    p2.write_text(p2.read_text(encoding="utf-8").replace(
        "fiktif: true", "plt_plh:\n  - jenis: plt\n    unit: disdik-bid-sd\n    mulai: 2026-10-05\n    pejabat_penilai: disdik-0001\n"
        "    dasar: \"Surat perintah (fiktif)\"\nfiktif: true"), encoding="utf-8")
    repo = load_repository(demo, use_cache=False)
    org = org_index(repo)
    early = decider(org, repo.regency, "disdik-0044", "disdik-0040", date(2026, 9, 30), date(2026, 10, 3))
    late = decider(org, repo.regency, "disdik-0044", "disdik-0040", date(2026, 9, 30), date(2026, 10, 15))
    assert (early.person, early.how) == ("disdik-0005", "atasan_penilai")
    assert (late.person, late.how, late.post) == ("disdik-0002", "pemegang_jabatan", "disdik-bid-sd")


def test_a_penilai_without_atasan_goes_to_the_configured_route(demo):
    """The Sekda (setda-0001) is evaluated by the Bupati, who has no evaluator: pemutus_keberatan decides."""
    from datetime import date

    repo = load_repository(demo, use_cache=False)
    org = org_index(repo)
    who = decider(org, repo.regency, "setda-0001", "pemda-0001", date(2026, 9, 30), date(2026, 10, 3))
    assert (who.person, who.how) == ("pemda-0002", "rute_instansi")  # organisation/instansi.yml
    # the route never makes someone decide his own objection
    who = decider(org, repo.regency, "pemda-0002", "pemda-0001", date(2026, 9, 30), date(2026, 10, 3))
    assert (who.person, who.how) == (None, "tidak_ada") and "pemutus_keberatan" in who.explanation


def test_incremental_validation_of_an_objection_equals_a_cold_run(demo):
    """The objection subject re-runs when the objection, its evaluation or that evaluation's plan changes."""
    def both():
        cached = run_kinerja("validate", "--akar", str(demo), "--format", "json")
        cold = run_kinerja("validate", "--akar", str(demo), "--format", "json", "--tanpa-cache")
        assert json.loads(cached.out) == json.loads(cold.out)
        return {f["code"] for f in json.loads(cold.out)["findings"] if f["file"].startswith("objections/")}

    rel = "objections/2026/triwulan_2/disdik-0042.yml"
    assert both() == set()
    (demo / rel).parent.mkdir(parents=True)
    shutil.copy(ROOT / "schemas/examples/keberatan.yml", demo / rel)
    assert both() == set()
    plan = demo / "plans/2026/disdik-0042.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  - id: rhk-3\n", "  - id: rhk-9\n"), encoding="utf-8")
    assert "ref-rhk" in both()  # the decision names rhk-3, which the plan no longer has
    ev = demo / "evaluations/2026/triwulan_2/disdik-0042.yml"
    ev.write_text(ev.read_text(encoding="utf-8").replace("status: final", "status: draf"), encoding="utf-8")
    assert "keberatan-evaluasi" in both()
