"""The two scoring corrections of issue 15, cell by cell, with hand-derived expectations.

1. Angka kredit when the jenjang changes inside one plan's period: each month at the jenjang
   held (not all twelve at the last one), a warning in the score output, partial months by
   the rule file's `bulan_sebagian`.
2. PP 46/2011 nilai SKP: the mean of the activities, each the mean of its own aspects, plus
   the points for tugas tambahan and kreativitas.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kthelpers import run_kinerja

EVAL_Q3 = "evaluations/2026/triwulan_3/disdik-0042.yml"
EVAL_Q4 = "evaluations/2026/triwulan_4/disdik-0042.yml"
PERSON = "organisation/people/disdik-0042.yml"
ONE_ASSIGNMENT = """  - mulai: 2019-03-01
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Pertama"
    jenis_jabatan: fungsional
    jenjang: ahli_pertama
"""


def _annual_sangat_baik(demo: Path) -> None:
    """Siti's third-quarter evaluation (Sangat Baik) copied as her annual one."""
    (demo / EVAL_Q4).parent.mkdir(parents=True, exist_ok=True)
    text = (demo / EVAL_Q3).read_text(encoding="utf-8").replace("periode: triwulan_3", "periode: triwulan_4")
    (demo / EVAL_Q4).write_text(text, encoding="utf-8")


def _promote(demo: Path, on: str, last_old: str) -> None:
    path = demo / PERSON
    text = path.read_text(encoding="utf-8")
    assert text.count(ONE_ASSIGNMENT) == 1
    new = ONE_ASSIGNMENT.replace("    jenjang: ahli_pertama\n", f"    jenjang: ahli_pertama\n    selesai: {last_old}\n")
    rest = text.split(ONE_ASSIGNMENT, 1)[1]
    lines = rest.splitlines(keepends=True)
    tail_of_first = "".join(lines[: next(i for i, line in enumerate(lines) if not line.startswith("    "))])  # golongan, penilai
    second = (f"  - mulai: {on}\n    unit: disdik-sdn-12-mb\n    jabatan: \"Guru Ahli Muda\"\n    jenis_jabatan: fungsional\n"
              f"    jenjang: ahli_muda\n" + tail_of_first)
    path.write_text(text.replace(ONE_ASSIGNMENT + tail_of_first, new + tail_of_first + second), encoding="utf-8")


def _score(demo: Path, fmt: str = "json"):
    result = run_kinerja("score", "--format", fmt, "--akar", str(demo), "--tahun", "2026", "--periode", "triwulan_4")
    return json.loads(result.out) if fmt == "json" else result.out


def _q4(doc: dict) -> dict:
    return next(e for e in doc["evaluations"] if e["file"] == EVAL_Q4)


def test_full_year_at_one_jenjang_is_unchanged(demo):
    _annual_sangat_baik(demo)
    e = _q4(_score(demo))
    assert e["predikat"] == "sangat_baik"
    assert e["angka_kredit"] == 18.75  # 12/12 x 150% x 12.5
    assert not [w for w in e["peringatan"] if w["code"] == "score-jenjang-changed"]


def test_jenjang_change_on_1_july_credits_each_month_at_the_jenjang_held(demo):
    _annual_sangat_baik(demo)
    _promote(demo, "2026-07-01", "2026-06-30")
    doc = _score(demo)
    e = _q4(doc)
    # January-June at Ahli Pertama: 6/12 x 1.5 x 12.5 = 9.375; July-December at Ahli Muda: 6/12 x 1.5 x 25 = 18.75
    assert e["angka_kredit"] == 28.13  # 28.125, half up; before the correction: 12/12 x 1.5 x 25 = 37.5
    assert [(s["jenjang"], s["mulai_bulan"], s["bulan"], s["angka_kredit"]) for s in e["angka_kredit_per_jenjang"]] == [
        ("ahli_pertama", 1, 6, 9.38),
        ("ahli_muda", 7, 6, 18.75),
    ]
    warned = [w for w in e["peringatan"] if w["code"] == "score-jenjang-changed"]
    assert len(warned) == 1 and "SKP baru" in warned[0]["message"] and "ahli pertama → ahli muda" in warned[0]["message"]
    text = _score(demo, "text")
    assert "28,13" in text and "score-jenjang-changed" in text
    assert "score-jenjang-changed" in _score(demo, "markdown")


def test_a_partial_month_counts_by_the_rule_file(demo):
    _annual_sangat_baik(demo)
    _promote(demo, "2026-07-15", "2026-07-14")
    # hari_pertama (the shipped rule): 1 July is still Ahli Pertama, so July counts at the old jenjang:
    # 7/12 x 1.5 x 12.5 + 5/12 x 1.5 x 25 = 10.9375 + 15.625 = 26.5625
    assert _q4(_score(demo))["angka_kredit"] == 26.56
    rules = demo / "rules/permenpanrb-6-2022.yml"
    text = rules.read_text(encoding="utf-8")
    assert text.count("hitung: hari_pertama") == 1
    rules.write_text(text.replace("hitung: hari_pertama", "hitung: hari_terakhir"), encoding="utf-8")
    # hari_terakhir: 31 July is Ahli Muda: 6/12 x 1.5 x 12.5 + 6/12 x 1.5 x 25 = 28.125
    assert _q4(_score(demo))["angka_kredit"] == 28.13


def test_metodologi_states_the_partial_month_rule_from_the_rule_file():
    from kinerja.model.rules import build_rule_set
    from kinerja.publish.metodologi import rule_set_section
    from test_rule_tables import load_rules

    rs = load_rules("permenpanrb-6-2022")
    html = str(rule_set_section(rs, [2026], lambda headers, rows, **_: f"{headers}{rows}"))
    assert "tanggal 1" in html and "Juli" in html and "belum dipastikan dari sumber resmi" in html
    changed = dict(rs.angka_kredit, bulan_sebagian={"hitung": "hari_terakhir", "keterangan": "Aturan uji."})
    rs2 = build_rule_set(rs.file, {"id": rs.id, "nama": rs.nama, "metode": rs.metode, "predikat": [{"id": p, "label": label} for p, label in rs.predikat],
                                   "angka_kredit": changed})
    assert "hari terakhir" in str(rule_set_section(rs2, [], lambda h, r, **_: f"{h}{r}"))


# --- PP 46/2011 -------------------------------------------------------------------------------

PLAN_2021 = """versi_format: 1
pegawai: disdik-0042
tahun: 2021
periode: {mulai: 2021-01-01, selesai: 2021-12-31}
status: disetujui
pendekatan: kuantitatif
hasil_kerja:
  - id: rhk-a
    jenis: utama
    uraian: "Kegiatan A"
    indikator:
      - {id: iki-1, aspek: kuantitas, uraian: "Jumlah", target: {nilai: 10, satuan: dokumen}}
      - {id: iki-2, aspek: kualitas, uraian: "Mutu", target: {nilai: 100, satuan: poin}}
      - {id: iki-3, aspek: waktu, uraian: "Waktu", target: {nilai: 12, satuan: bulan}, lebih_kecil_lebih_baik: true}
  - id: rhk-b
    jenis: utama
    uraian: "Kegiatan B"
    indikator:
      - {id: iki-1, aspek: kuantitas, uraian: "Jumlah", target: {nilai: 10, satuan: dokumen}}
"""
EVAL_2021 = """versi_format: 1
pegawai: disdik-0042
tahun: 2021
periode: triwulan_4
status: final
pejabat_penilai: disdik-0040
realisasi:
  hasil_kerja:
    - rhk: rhk-a
      indikator:
        - {iki: iki-1, realisasi: 10}
        - {iki: iki-2, realisasi: 100}
        - {iki: iki-3, realisasi: 12}
    - rhk: rhk-b
      indikator:
        - {iki: iki-1, realisasi: 5}
penilaian:
  hasil_kerja:
    - {rhk: rhk-a}
    - {rhk: rhk-b}
  nilai_perilaku: {orientasi_pelayanan: 80, integritas: 80, komitmen: 80, disiplin: 80, kerja_sama: 80}
EXTRA"""


def _legacy(demo: Path, extra: str = "") -> dict:
    (demo / "plans/2021/disdik-0042.yml").write_text(PLAN_2021, encoding="utf-8")
    (demo / "evaluations/2021/triwulan_4/disdik-0042.yml").write_text(EVAL_2021.replace("EXTRA", extra), encoding="utf-8")
    result = run_kinerja("score", "--format", "json", "--akar", str(demo), "--tahun", "2021")
    [e] = json.loads(result.out)["evaluations"]
    return e


def test_pp46_nilai_skp_averages_aspects_within_each_activity_then_activities(demo):
    e = _legacy(demo)
    # A: kuantitas 10/10 = 100, kualitas 100/100 = 100, waktu (1.76 x 12 - 12) / 12 x 100 = 76 -> (100 + 100 + 76) / 3 = 92
    # B: kuantitas 5/10 = 50 -> 50
    assert e["nilai_kegiatan"] == {"rhk-a": 92, "rhk-b": 50}
    assert e["nilai_skp"] == 71  # (92 + 50) / 2; the mean of all four aspects would be 81.5
    # 0.6 x 71 + 0.4 x 80 = 42.6 + 32 = 74.6 -> cukup (61-75)
    assert e["nilai_akhir"] == 74.6 and e["predikat"] == "cukup"
    assert e["nilai_tugas_tambahan"] is None and e["nilai_kreativitas"] is None


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)])
def test_pp46_tugas_tambahan_points_by_count(demo, count, points):
    e = _legacy(demo, f"  tugas_tambahan: {count}\n")
    assert e["nilai_tugas_tambahan"] == points
    assert e["nilai_skp"] == 71 + points


@pytest.mark.parametrize(("level", "points"), [("unit_kerja", 3), ("instansi", 6), ("nasional", 12)])
def test_pp46_kreativitas_points_by_level(demo, level, points):
    e = _legacy(demo, f"  tugas_tambahan: 2\n  kreativitas: {level}\n")
    assert e["nilai_kreativitas"] == points
    assert e["nilai_skp"] == 71 + 1 + points
    # nilai akhir = 0.6 x SKP + 0.4 x 80
    assert e["nilai_akhir"] == pytest.approx(round(0.6 * (72 + points) + 32, 2))


def test_pp46_extra_points_are_marked_unverified_on_metodologi():
    from kinerja.publish.metodologi import rule_set_section
    from test_rule_tables import load_rules

    html = str(rule_set_section(load_rules("pp-46-2011"), [2021], lambda h, rows, **_: repr(rows)))
    assert "(92 + 50) / 2 = 71" in html
    assert "Tugas tambahan: 1–3" in html and "Tugas tambahan: 7 atau lebih" in html and "+12" in html
    assert html.count("belum dipastikan dari sumber resmi") >= 6


def test_demo_legacy_file_is_still_valid_and_scored(demo):
    shutil.rmtree(demo / "plans/2026")  # irrelevant here; keeps the run short
    result = run_kinerja("score", "--format", "json", "--akar", str(demo), "--tahun", "2021")
    [e] = json.loads(result.out)["evaluations"]
    assert e["nilai_skp"] == 96.44  # one activity: (100 + 105 + 84.33) / 3
