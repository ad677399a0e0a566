"""`kinerja score` end to end on copies of the demo regency."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kthelpers import ROOT, run_kinerja


def score_json(root: Path, *args: str) -> tuple[int, dict]:
    result = run_kinerja("score", "--format", "json", "--akar", str(root), *args)
    return result.code, json.loads(result.out)


def by_file(doc: dict) -> dict[str, dict]:
    return {e["file"]: e for e in doc["evaluations"]}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_demo_records_have_the_documented_fields():
    code, doc = score_json(ROOT)
    assert code == 0
    assert set(doc) == {"evaluations", "units", "summary"}
    assert doc["summary"]["unscored"] == 0
    for e in doc["evaluations"]:
        assert {"pegawai", "tahun", "periode", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "angka_kredit", "capaian", "peringatan"} <= set(e)
        for w in e["peringatan"]:
            assert {"file", "line", "column", "severity", "code", "message"} <= set(w)
    for u in doc["units"]:
        assert {"unit", "tahun", "periode", "predikat_organisasi", "evaluasi_final", "evaluasi_draf", "evaluasi_belum_ada", "sebaran_predikat", "kurva"} <= set(u)


def test_demo_known_predikat_values():
    _, doc = score_json(ROOT)
    e = by_file(doc)
    assert e["evaluations/2026/triwulan_2/disdik-0042.yml"]["predikat"] == "sangat_baik"
    assert e["evaluations/2026/triwulan_3/disdik-0043.yml"]["predikat"] == "kurang_misconduct"
    assert e["evaluations/2026/triwulan_1/dinkes-0022.yml"]["predikat"] == "butuh_perbaikan"
    assert e["evaluations/2026/triwulan_3/kominfo-0040.yml"]["predikat"] is None  # a draft without ratings
    # capaian of a range target and of a lower-is-better indicator, from the demo data
    siti = {(c["rhk"], c["iki"]): c for c in e["evaluations/2026/triwulan_3/disdik-0042.yml"]["capaian"]}
    assert siti[("rhk-1", "iki-2")]["capaian_persen"] == pytest.approx(88 / 85 * 100, abs=0.05)
    front = {(c["rhk"], c["iki"]): c for c in e["evaluations/2026/triwulan_2/dinkes-0022.yml"]["capaian"]}
    assert front[("rhk-1", "iki-1")]["capaian_persen"] == 60  # 14 minutes against 10: (1 + (1 - 1.4)) x 100


def test_head_of_unit_rating_is_checked_against_the_predikat_organisasi():
    _, doc = score_json(ROOT)
    warnings = by_file(doc)["evaluations/2026/triwulan_1/dinkes-0001.yml"]["peringatan"]
    assert any(w["code"] == "score-org-rating" and "butuh_perbaikan" in w["message"] for w in warnings)


def test_units_report_counts_and_curve():
    _, doc = score_json(ROOT, "--tahun", "2026", "--periode", "triwulan_3")
    units = {u["unit"]: u for u in doc["units"]}
    disdik = units["disdik"]
    assert disdik["evaluasi_final"] + disdik["evaluasi_draf"] + disdik["evaluasi_belum_ada"] == disdik["pegawai"]
    assert disdik["kurva"]["status"] in {"sesuai", "menyimpang"}
    assert units["setda"]["kurva"]["status"] == "terlalu_kecil"
    assert all(e["periode"] == "triwulan_3" for e in doc["evaluations"])


def test_consistency_warning_names_the_utama_rhk(demo):
    path = demo / "evaluations/2026/triwulan_1/disdik-0042.yml"
    text = path.read_text(encoding="utf-8")
    # rhk-1 (utama) below expectation, the overall rating above it
    text = text.replace("rhk: rhk-1\n      rating: sesuai_ekspektasi", "rhk: rhk-1\n      rating: di_bawah_ekspektasi", 1)
    text = text.replace("rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    path.write_text(text, encoding="utf-8")
    _, doc = score_json(demo)
    warnings = by_file(doc)["evaluations/2026/triwulan_1/disdik-0042.yml"]["peringatan"]
    utama = [w for w in warnings if w["code"] == "score-consistency" and "RHK utama rhk-1" in w["message"]]
    assert utama and utama[0]["line"] == text.splitlines().index("    - rhk: rhk-1", text.splitlines().index("penilaian:")) + 2


def test_di_atas_without_evidence_is_refused_by_validation_and_left_unscored(demo):
    """The rule lives in validation now (tests/ratings/test_rating_rules.py); the scorer leaves
    such an evaluation unscored and lists the finding."""
    path = demo / "evaluations/2026/triwulan_3/disdik-0042.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      bukti_dukung:", text.index("- rhk: rhk-2"))
    end = text.index("    - rhk: rhk-3")
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # rhk-2 loses its evidence
    _, doc = score_json(demo)
    e = by_file(doc)["evaluations/2026/triwulan_3/disdik-0042.yml"]
    assert e["dinilai"] is False and e["predikat"] is None
    assert [m["code"] for m in e["masalah"]] == ["eval-di-atas-bukti"] and "rhk-2" in e["masalah"][0]["message"]


def test_an_invalid_evaluation_is_listed_unscored_and_the_rest_are_scored(demo):
    edit(demo / "evaluations/2026/triwulan_1/disdik-0008.yml", "rating_perilaku_kerja: sesuai_ekspektasi", "rating_perilaku_kerja: Cukup")
    code, doc = score_json(demo)
    assert code == 1
    bad = by_file(doc)["evaluations/2026/triwulan_1/disdik-0008.yml"]
    assert bad["dinilai"] is False and bad["predikat"] is None
    assert any(m["code"] in ("schema-synonym", "schema-enum") for m in bad["masalah"])
    assert doc["summary"]["scored"] == doc["summary"]["evaluations"] - 1
    text = run_kinerja("score", "--akar", str(demo))
    assert text.code == 1 and "TIDAK DINILAI" in text.out


def test_angka_kredit_pro_rata_for_a_plan_ending_mid_year():
    # Before his transfer on 1 July, kominfo-0031 is a Pranata Komputer Terampil: his first
    # plan (January-June) closes with the triwulan_2 evaluation, worth 6/12 of a year.
    _, doc = score_json(ROOT)
    e = by_file(doc)
    q2 = e["evaluations/2026/triwulan_2/kominfo-0031.yml"]
    assert q2["predikat"] == "baik"
    assert q2["angka_kredit"] == 2.5  # 6/12 x 100% x 5 (coefficient of terampil)
    assert "6/12" in q2["angka_kredit_keterangan"] and "verifikasi" in q2["angka_kredit_keterangan"]
    assert e["evaluations/2026/triwulan_1/kominfo-0031.yml"]["angka_kredit"] is None  # not the closing evaluation
    assert e["evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml"]["angka_kredit"] is None  # pelaksana after the transfer
    assert all(x["angka_kredit"] is None for x in doc["evaluations"] if x["jabatan"] and "Guru" not in x["jabatan"] and x["pegawai"] != "kominfo-0031")


def test_changing_the_rule_file_changes_the_result(demo):
    before = by_file(score_json(demo)[1])["evaluations/2026/triwulan_1/disdik-0042.yml"]["predikat"]
    assert before == "baik"
    rules = demo / "rules/permenpanrb-6-2022.yml"
    edit(rules, "  sesuai_ekspektasi:\n    di_bawah_ekspektasi: kurang_misconduct\n    sesuai_ekspektasi: baik", "  sesuai_ekspektasi:\n    di_bawah_ekspektasi: kurang_misconduct\n    sesuai_ekspektasi: sangat_baik")
    after = by_file(score_json(demo)[1])["evaluations/2026/triwulan_1/disdik-0042.yml"]["predikat"]
    assert after == "sangat_baik"


def test_output_is_byte_identical_across_runs_and_working_directories(demo, tmp_path):
    first = run_kinerja("score", "--format", "json", "--akar", str(demo)).out
    second = run_kinerja("score", "--format", "json", cwd=demo / "plans").out
    assert first == second
    for fmt in ("text", "csv", "markdown"):
        a = run_kinerja("score", "--format", fmt, "--akar", str(demo)).out
        b = run_kinerja("score", "--format", fmt, "--akar", str(demo), env={"KINERJA_TODAY": "2030-01-01", "TZ": "Asia/Jayapura"}).out
        assert a == b, fmt
    assert str(demo) not in first and str(tmp_path) not in first


def test_csv_opens_in_a_spreadsheet_and_cannot_carry_formulas(demo):
    edit(demo / "organisation/people/disdik-0008.yml", 'nama: "Agus Salim"', 'nama: "=HYPERLINK(\\"https://evil.example\\")"')
    out = run_kinerja("score", "--format", "csv", "--akar", str(demo)).out
    assert out.startswith("\ufeffpegawai,nama,")
    row = next(line for line in out.splitlines() if line.startswith("disdik-0008"))
    assert "'=HYPERLINK" in row


def test_markdown_is_sized_for_github_and_escapes_user_text(demo):
    edit(demo / "organisation/people/disdik-0008.yml", 'nama: "Agus Salim"', 'nama: "<img src=x onerror=alert(1)> **x** [a](javascript:1)"')
    out = run_kinerja("score", "--format", "markdown", "--akar", str(demo)).out
    assert "<img" not in out and "](javascript" not in out and "&lt;img" in out
    assert len(out.encode()) < 64_000
    from kinerja.repository import load_repository
    from kinerja.score import score_repository
    from kinerja.score.report import format_markdown

    small = format_markdown(score_repository(load_repository(demo)), limit=3000)
    assert len(small.encode()) <= 3000 and "dipotong" in small


def test_changed_files_limit_the_report_to_the_people_they_touch():
    _, doc = score_json(ROOT, "--berubah", "plans/2026/disdik-0042.yml", "evaluations/2026/triwulan_1/dinkes-0022.yml")
    assert {e["pegawai"] for e in doc["evaluations"]} == {"disdik-0042", "dinkes-0022"}
    _, everyone = score_json(ROOT, "--berubah", "rules/permenpanrb-6-2022.yml")
    assert len(everyone["evaluations"]) == len(score_json(ROOT)[1]["evaluations"])


def test_demo_legacy_year():
    _, doc = score_json(ROOT, "--tahun", "2021")
    [e] = doc["evaluations"]
    assert (e["aturan"], e["predikat"], e["nilai_akhir"]) == ("pp-46-2011", "sangat_baik", 91.87)
    # kuantitas 24/24 = 100, kualitas 84/80 = 105, waktu (1.76 x 12 - 11) / 12 = 84.33 -> SKP 96.44
    assert e["nilai_skp"] == 96.44 and e["nilai_perilaku"] == 85


def test_usage_errors_exit_2():
    result = run_kinerja("score", "--periode", "triwulan_9")
    assert result.code == 2 and "kesalahan penggunaan" in result.err


LEGACY_PLAN = """versi_format: 1
pegawai: disdik-0042
tahun: 2021
periode: {mulai: 2021-01-01, selesai: 2021-12-31}
status: disetujui
pendekatan: kuantitatif
hasil_kerja:
  - id: rhk-1
    jenis: utama
    uraian: "Terlaksananya pembelajaran kelas IV"
    indikator:
      - {id: iki-1, aspek: kuantitas, uraian: "Modul ajar disusun", target: {nilai: 10, satuan: modul}}
      - {id: iki-2, aspek: kualitas, uraian: "Nilai rata-rata kualitas modul", target: {nilai: 80, satuan: poin}}
      - {id: iki-3, aspek: waktu, uraian: "Waktu penyusunan", target: {nilai: 12, satuan: bulan}, lebih_kecil_lebih_baik: true}
"""
LEGACY_EVAL = """versi_format: 1
pegawai: disdik-0042
tahun: 2021
periode: triwulan_4
status: final
pejabat_penilai: disdik-0040
realisasi:
  hasil_kerja:
    - rhk: rhk-1
      indikator:
        - {{iki: iki-1, realisasi: 10}}
        - {{iki: iki-2, realisasi: 88}}
        - {{iki: iki-3, realisasi: {waktu}}}
penilaian:
  hasil_kerja:
    - {{rhk: rhk-1, rating: sesuai_ekspektasi}}
  nilai_perilaku: {{orientasi_pelayanan: 80, integritas: 82, komitmen: 78, disiplin: 80, kerja_sama: 80}}
"""


def _legacy(demo: Path, waktu: str) -> dict:
    (demo / "plans/2021").mkdir(exist_ok=True)
    (demo / "plans/2021/disdik-0042.yml").write_text(LEGACY_PLAN, encoding="utf-8")
    (demo / "evaluations/2021/triwulan_4").mkdir(parents=True, exist_ok=True)
    (demo / "evaluations/2021/triwulan_4/disdik-0042.yml").write_text(LEGACY_EVAL.format(waktu=waktu), encoding="utf-8")
    assert run_kinerja("validate", "--akar", str(demo), "--tanpa-cache").code == 0
    return by_file(score_json(demo, "--tahun", "2021")[1])["evaluations/2021/triwulan_4/disdik-0042.yml"]


def test_legacy_year_is_scored_with_pp_46_2011(demo):
    e = _legacy(demo, "10")
    assert e["aturan"] == "pp-46-2011"
    # kuantitas 100, kualitas 110, waktu (1.76 x 12 - 10) / 12 x 100 = 92.67 (efficiency 16.7% <= 24%)
    skp = (100 + 110 + (1.76 * 12 - 10) / 12 * 100) / 3
    perilaku = (80 + 82 + 78 + 80 + 80) / 5  # kepemimpinan only for structural posts
    assert e["nilai_skp"] == pytest.approx(round(skp, 2))
    assert e["nilai_perilaku"] == pytest.approx(perilaku)
    assert e["nilai_akhir"] == pytest.approx(round(0.6 * skp + 0.4 * perilaku, 2))
    assert 0.6 * skp + 0.4 * perilaku >= 91  # 92.53
    assert e["predikat"] == "sangat_baik"


def test_legacy_efficiency_above_the_limit_is_not_computable(demo):
    e = _legacy(demo, "8")  # efficiency 33% > 24%: the formula is unknown
    assert e["nilai_skp"] is None and e["predikat"] is None
    assert any(w["code"] == "score-not-computable" and "24%" in w["message"] for w in e["peringatan"])


@pytest.mark.parametrize(("nilai", "predikat"), [(95, "sangat_baik"), (91, "sangat_baik"), (90.99, "baik"), (90.5, "baik"), (76, "baik"), (75.99, "cukup"), (75, "cukup"), (61, "cukup"), (60.99, "kurang"), (60, "kurang"), (51, "kurang"), (50.99, "buruk"), (50, "buruk"), (0, "buruk")])
def test_legacy_bands(nilai, predikat):
    from test_rule_tables import load_rules

    from kinerja.score import pp46
    from kinerja.score.numbers import exact

    rules = load_rules("pp-46-2011")
    assert pp46.band(rules.numerik, exact(nilai)) == predikat


def test_text_report_is_indonesian():
    out = run_kinerja("score", "--akar", str(ROOT)).out
    assert out.startswith("EVALUASI")
    assert re.search(r"\d+ dari \d+ evaluasi dinilai", out)
