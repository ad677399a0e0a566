"""Ratings final by the penilai (issue 10 §2): "di atas ekspektasi" rests on bukti dukung,
a final evaluation carries umpan balik, and the settings say so in plain Indonesian."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "validate"))

from vhelpers import check, edit, line_of, of_code  # noqa: E402

from kinerja.findings import ERROR, WARNING  # noqa: E402

T3 = "evaluations/2026/triwulan_3/disdik-0042.yml"
T1 = "evaluations/2026/triwulan_1/disdik-0042.yml"


def _drop_rhk2_evidence(root):
    path = root / T3
    text = path.read_text(encoding="utf-8")
    start = text.index("      bukti_dukung:", text.index("- rhk: rhk-2"))
    end = text.index("    - rhk: rhk-3")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def test_di_atas_without_evidence_for_that_rhk_is_an_error_by_default(demo):
    _drop_rhk2_evidence(demo)
    found = of_code(check(demo), "eval-di-atas-bukti", T3)
    # rhk-2 is rated di atas and lost its evidence; rhk-1 and rhk-3 (di atas) keep theirs, and the
    # overall di atas still rests on rhk-1's evidence
    assert [(f.severity, "RHK rhk-2" in f.message) for f in found] == [(ERROR, True)]
    penilaian = line_of(demo, T3, "penilaian:")
    rhk2_rating = [i for i, line in enumerate((demo / T3).read_text().splitlines(), 1) if i > penilaian and "rating: di_atas" in line][1]
    assert found[0].line == rhk2_rating


def test_overall_di_atas_without_any_evidence_is_an_error(demo):
    # triwulan_1: no RHK rated di atas; the overall rating di atas; take away rhk-1's evidence (the only one)
    path = demo / T1
    text = path.read_text(encoding="utf-8")
    start, end = text.index("      bukti_dukung:"), text.index("    - rhk: rhk-2")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    edit(demo, T1, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    found = of_code(check(demo), "eval-di-atas-bukti", T1)
    assert len(found) == 1 and found[0].severity == ERROR
    assert found[0].line == line_of(demo, T1, "rating_hasil_kerja:")


def test_the_regency_may_make_it_a_warning(demo):
    _drop_rhk2_evidence(demo)
    edit(demo, "organisation/instansi.yml", "di_atas_perlu_bukti: galat", "di_atas_perlu_bukti: peringatan")
    found = of_code(check(demo), "eval-di-atas-bukti", T3)
    assert [f.severity for f in found] == [WARNING]


def test_a_final_evaluation_without_any_feedback_is_an_error(demo):
    path = demo / T1
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if "umpan_balik:" not in x]
    # the perilaku block loses its only entry: drop the emptied mapping too
    text = "".join(kept).replace("  perilaku_kerja:\n    akuntabel:\n", "")
    path.write_text(text, encoding="utf-8")
    found = of_code(check(demo), "eval-umpan-balik", T1)
    assert len(found) == 1 and found[0].severity == ERROR
    # one sentence of feedback anywhere is enough
    edit(demo, T1, "  rating_hasil_kerja:", "  catatan: \"Pertahankan.\"\n  rating_hasil_kerja:")
    assert of_code(check(demo), "eval-umpan-balik", T1) == []


def test_a_draft_needs_no_feedback_yet(demo):
    path = demo / T1
    text = "".join(x for x in path.read_text(encoding="utf-8").splitlines(keepends=True) if "umpan_balik:" not in x)
    path.write_text(text.replace("  perilaku_kerja:\n    akuntabel:\n", "").replace("status: final", "status: draf"), encoding="utf-8")
    assert of_code(check(demo, today="2026-12-01"), "eval-umpan-balik") == []


def test_the_old_setting_pegawai_names_the_new_values(demo):
    edit(demo, "organisation/instansi.yml", "persetujuan_rating: tidak_ada", "persetujuan_rating: pegawai")
    found = [f for f in check(demo) if f.file == "organisation/instansi.yml" and f.severity == ERROR]
    assert len(found) == 1 and found[0].line == line_of(demo, "organisation/instansi.yml", "persetujuan_rating:")
    assert "tidak_ada" in found[0].message and "atasan_pejabat_penilai" in found[0].message
    assert "tanda sudah membaca" in found[0].message
