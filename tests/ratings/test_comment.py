"""What the penilai sees (issue 10 §3): the sticky comment and the job summary describe the
changed evaluation (capaian table, ratings, derived predikat, warnings) or plan (with the
supervisor's RHK text), nothing of other people or years; every code links to an entry of
"Membaca pesan CI", and every registered code has one."""

from __future__ import annotations

import re
import subprocess

from kthelpers import ROOT, run_kinerja
from kinerja.findings import CODES
from kinerja.review.pesan import PAGE, missing, render

YULI_T3 = "evaluations/2026/triwulan_3/disdik-0044.yml"
SITI_PLAN = "plans/2026/disdik-0042.yml"
GUIDE = "https://kinerja.example/panduan/pesan/"


def _comment(repo, tmp_path, changed, validation=True):
    digest = tmp_path / "digest.json"
    r = run_kinerja("pr-digest", "--akar", str(repo), "--keluaran", str(digest), *changed)
    assert r.code == 0, r
    args = ["pr-comment", "--rincian", str(digest), "--keluaran", str(tmp_path / "c.md"), "--ringkasan", str(tmp_path / "s.md"),
            "--alamat-panduan", GUIDE]
    if validation:
        v = run_kinerja("validate", "--akar", str(repo), "--format", "json")
        (tmp_path / "v.json").write_text(v.out, encoding="utf-8")
        args += ["--validasi", str(tmp_path / "v.json")]
    assert run_kinerja(*args).code == 0
    return (tmp_path / "c.md").read_text(encoding="utf-8"), (tmp_path / "s.md").read_text(encoding="utf-8")


def _rate_yuliana_above(repo):
    path = repo / YULI_T3
    text = path.read_text(encoding="utf-8")
    text = text.replace("rating: sesuai_ekspektasi", "rating: di_atas_ekspektasi", 1)
    text = text.replace("rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    path.write_text(text.replace("status: draf", "status: final"), encoding="utf-8")


def _row(text, iki_cell):
    return next(line for line in text.splitlines() if line.startswith("|") and iki_cell in line)


def test_evaluation_comment_shows_capaian_ratings_predikat_and_the_evidence_warning(demo, tmp_path):
    _rate_yuliana_above(demo)
    comment, summary = _comment(demo, tmp_path, [YULI_T3])
    for text in (comment, summary):
        # iki-1: 7 of 10 modul, cumulative -> 70%; iki-2: 82% against 85% -> 96.47...% shown 96,5%
        row1 = _row(text, "`iki-1` Jumlah modul ajar kelas II")
        cells = [c.strip() for c in row1.strip("|").split("|")]
        assert cells[2:7] == ["10 modul", "7 (kumulatif sejak awal rencana)", "70%", "0 (0 publik, 0 tidak)", "Di Atas Ekspektasi"]
        cells = [c.strip() for c in _row(text, "`iki-2`").strip("|").split("|")]
        assert cells[2:5] == ["85%", "82 (periode ini saja)", "96,5%"]
        # di atas x sesuai = Baik (domain.md §4), derived, not written
        assert "Rating hasil kerja: **Di Atas Ekspektasi**" in text and "Rating perilaku kerja: **Sesuai Ekspektasi**" in text
        assert "**Baik**" in text and "Predikat (dihitung" in text
        # "di atas" without any bukti dukung is flagged beside the decision, linked to its guide entry
        assert f"[`eval-di-atas-bukti`]({GUIDE}#eval-di-atas-bukti)" in text
        assert "Sebaran predikat Dinas Pendidikan" in text
    assert "❌" in comment  # validation refuses it: no longer all green


def test_plan_comment_shows_the_plan_and_the_supervisor_rhk_text_and_nothing_else(demo, tmp_path):
    path = demo / SITI_PLAN
    path.write_text(path.read_text(encoding="utf-8").replace('target: {nilai: 6, satuan: "proyek"}',
                                                             'target: {nilai: 8, satuan: "proyek"}'), encoding="utf-8")
    comment, summary = _comment(demo, tmp_path, [SITI_PLAN], validation=False)
    for text in (comment, summary):
        row = _row(text, "`rhk-1` (utama)")
        assert "8 proyek" in row and "75–85%" in row
        assert "`disdik-0040/rhk-1`: Meningkatnya capaian literasi siswa SD Negeri 12 Muara Bulian" in row
        # nothing else of the supervisor (her other RHK, her IKI) and no other year or evaluation
        assert "Terkelolanya sekolah" not in text and "Persentase siswa yang mencapai kompetensi minimum literasi" not in text
        assert "2021" not in text and "Evaluasi" not in text and "Dinas Kesehatan" not in text
        assert "Rosmaini" not in text  # the supervisor's name is not needed to judge the plan


def test_hostile_plan_text_stays_text(demo, tmp_path):
    path = demo / SITI_PLAN
    text = path.read_text(encoding="utf-8").replace(
        "\"Terlaksananya program pembelajaran inovatif 'Kelas Literasi Sungai' berbasis proyek di kelas IV\"",
        "\"<img src=x onerror=alert(1)> [klik](javascript:alert(1)) @kt-demo-admin-fajar | kolom\"")
    path.write_text(text, encoding="utf-8")
    comment, _ = _comment(demo, tmp_path, [SITI_PLAN], validation=False)
    assert "<img" not in comment and "&lt;img" in comment
    assert "\\[klik\\](javascript" in comment  # brackets escaped: no link
    assert "@kt-demo-admin-fajar" not in comment and "&#64;kt-demo-admin-fajar" in comment  # no mention
    row = _row(comment, "`rhk-1` (utama)")
    assert row.count(" | ") == 2  # the user's "|" did not add a column


def test_every_code_has_an_entry_in_the_guide_page():
    text = (ROOT / PAGE).read_text(encoding="utf-8")
    assert missing(text) == []
    assert text == render(), "site/panduan/pesan.md is stale: run kinerja panduan-pesan --tulis"
    for c in CODES:  # a heading that is just the code: its anchor is #<code> on the site and on GitHub
        assert re.search(rf"^### {re.escape(c)}$", text, re.M)
    assert run_kinerja("panduan-pesan", "--periksa", "--akar", str(ROOT)).code == 0


def test_a_new_code_without_an_entry_is_caught(monkeypatch):
    monkeypatch.setitem(CODES, "uji-kode-baru", "Kode uji")
    assert missing((ROOT / PAGE).read_text(encoding="utf-8")) == ["uji-kode-baru"]
