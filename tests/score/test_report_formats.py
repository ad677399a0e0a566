"""score/report.py in process: the four outputs of `kinerja score` (json, csv, text, markdown)
for a hand-built report, each compared with the output written out by hand.

The report holds one scored kuadran evaluation with angka kredit, capaian, a warning and a
rating changed after final by a calibration; one scored PP 46/2011 evaluation (a draft, with a
name a spreadsheet or Markdown would read as markup); one evaluation left unscored; one unit."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

from kinerja.findings import ERROR, WARNING, Finding
from kinerja.score.angka_kredit import AngkaKredit, Segment
from kinerja.score.capaian import Capaian
from kinerja.score.curve import CurveResult
from kinerja.score.engine import EvaluationScore, ScoreReport, UnitScore
from kinerja.score.pp46 import NumericScore
from kinerja.score.report import format_csv, format_json, format_markdown, format_text, rating_sources

A = "evaluations/2026/triwulan_4/ani-0001.yml"
B = "evaluations/2021/triwulan_4/budi-0002.yml"
C = "evaluations/2026/triwulan_4/citra-0003.yml"
CAL = "calibrations/2026/triwulan_4/unit-a.yml"
U = "unit-results/2026/triwulan_4/unit-a.yml"
NAME = "Ani Lestari Wulandari Kusumaningrum, S.Kom."  # 43 characters; the text table shows 32


def _report() -> ScoreReport:
    ani = EvaluationScore(
        A, "ani-0001", NAME, 2026, "triwulan_4", "final", aturan="permenpanrb-6-2022", metode="kuadran",
        jabatan="Analis Ahli Muda", jenis_jabatan="fungsional", unit="unit-a",
        rating_hasil_kerja="di_atas_ekspektasi", rating_perilaku_kerja="sesuai_ekspektasi",
        predikat="baik", predikat_label="Baik",
        capaian=[
            # 23 of 30 modul: 230/3 = 76.67% -> 76.7 with one decimal
            Capaian("rhk-1", "iki-1", "kuantitas", "Modul disusun", "30 modul", 23, False, Fraction(230, 3), None,
                    "kumulatif", persen_tahunan=Fraction(230, 3), realisasi_tahunan=Fraction(23)),
            Capaian("rhk-1", "iki-2", None, "Laporan", "Laporan diterima", None, False, None,
                    "target naratif (kualitatif)", "per_periode"),
        ],
        rating_rhk={"rhk-1": "di_atas_ekspektasi"},
        sumber_rating={"rating_hasil_kerja": CAL, "rating_perilaku_kerja": A},
        # 28.125 -> 28.13 (half up, two decimals); 9.375 -> 9.38; 18.75
        angka_kredit=AngkaKredit(Fraction(225, 8), 12, "ahli_muda", "6/12 x 150% x 12,5 + 6/12 x 150% x 25",
                                 [Segment("ahli_pertama", 1, 6, Fraction(75, 8)), Segment("ahli_muda", 7, 6, Fraction(75, 4))]),
        peringatan=[Finding(A, 7, 3, WARNING, "score-consistency", "Rating tidak konsisten.")],
        rating_sebelum={"rating_hasil_kerja": "sesuai_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"},
    )
    budi = EvaluationScore(
        B, "budi-0002", "=Budi *B*", 2021, "triwulan_4", "draf", aturan="pp-46-2011", metode="numerik_pp46",
        predikat="baik", predikat_label="Baik",
        # 81.25; 80; 81.02; 245/3 = 81.666.. -> 81.67
        numerik=NumericScore(Fraction(325, 4), Fraction(80), Fraction(4051, 50), "baik",
                             per_kegiatan={"rhk-1": Fraction(245, 3)}, tugas_tambahan=Fraction(1)),
    )
    citra = EvaluationScore(
        C, "citra-0003", None, 2026, "triwulan_4", "?", dinilai=False,
        masalah=[Finding(C, 4, 2, ERROR, "eval-plan", "Rencana tidak ada."),
                 Finding(C, None, None, ERROR, "score-no-rules", "Aturan tidak ada.")],
    )
    unit = UnitScore("unit-a", "Bidang <A>", "pd-a", 2026, "triwulan_4", "baik", 3, 1, 1, 1,
                     {"sangat_baik": 0, "baik": 1, "butuh_perbaikan": 0},
                     CurveResult("menyimpang", ["terlalu banyak baik"], 5),
                     peringatan=[Finding(U, None, None, WARNING, "score-curve", "Sebaran menyimpang.")])
    return ScoreReport([ani, budi, citra], [unit])


def test_json_carries_every_field_rounded_by_the_rule_set_places():
    doc = json.loads(format_json(_report()))
    ani, budi, citra = doc["evaluations"]
    assert {k: ani[k] for k in ("file", "pegawai", "nama", "tahun", "periode", "status", "dinilai", "aturan", "jabatan",
                                "unit", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "rating_rhk",
                                "sumber_rating", "rating_sebelum")} == {
        "file": A, "pegawai": "ani-0001", "nama": NAME, "tahun": 2026, "periode": "triwulan_4", "status": "final",
        "dinilai": True, "aturan": "permenpanrb-6-2022", "jabatan": "Analis Ahli Muda", "unit": "unit-a",
        "rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi", "predikat": "baik",
        "rating_rhk": {"rhk-1": "di_atas_ekspektasi"},
        "sumber_rating": {"rating_hasil_kerja": CAL, "rating_perilaku_kerja": A},
        "rating_sebelum": {"rating_hasil_kerja": "sesuai_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}}
    assert (ani["angka_kredit"], ani["angka_kredit_keterangan"]) == (28.13, "6/12 x 150% x 12,5 + 6/12 x 150% x 25")
    assert ani["angka_kredit_per_jenjang"] == [
        {"jenjang": "ahli_pertama", "mulai_bulan": 1, "bulan": 6, "angka_kredit": 9.38},
        {"jenjang": "ahli_muda", "mulai_bulan": 7, "bulan": 6, "angka_kredit": 18.75}]
    assert ani["capaian"] == [
        {"rhk": "rhk-1", "iki": "iki-1", "aspek": "kuantitas", "target": "30 modul", "realisasi": 23,
         "lebih_kecil_lebih_baik": False, "jenis_realisasi": "kumulatif", "capaian_persen": 76.7, "keterangan": None,
         "realisasi_tahunan": 23, "capaian_tahunan_persen": 76.7},
        # no year's realisasi: the two year fields are left out, not null
        {"rhk": "rhk-1", "iki": "iki-2", "aspek": None, "target": "Laporan diterima", "realisasi": None,
         "lebih_kecil_lebih_baik": False, "jenis_realisasi": "per_periode", "capaian_persen": None,
         "keterangan": "target naratif (kualitatif)"}]
    assert ani["peringatan"] == [{"file": A, "line": 7, "column": 3, "severity": "warning", "code": "score-consistency",
                                  "message": "Rating tidak konsisten.", "pointer": ""}]
    # a scored evaluation has no "masalah"; a kuadran one no PP 46 figures
    assert "masalah" not in ani and "nilai_akhir" not in ani
    # PP 46: the figures with the rule set's two decimals; a whole number stays an integer
    assert {k: budi[k] for k in ("nilai_skp", "nilai_perilaku", "nilai_akhir", "nilai_kegiatan", "nilai_tugas_tambahan",
                                 "nilai_kreativitas")} == {
        "nilai_skp": 81.25, "nilai_perilaku": 80, "nilai_akhir": 81.02, "nilai_kegiatan": {"rhk-1": 81.67},
        "nilai_tugas_tambahan": 1, "nilai_kreativitas": None}
    assert isinstance(budi["nilai_perilaku"], int)
    assert (budi["angka_kredit"], budi["angka_kredit_keterangan"], budi["angka_kredit_per_jenjang"]) == (None, None, [])
    assert citra["dinilai"] is False and [m["code"] for m in citra["masalah"]] == ["eval-plan", "score-no-rules"]
    assert doc["units"] == [{
        "unit": "unit-a", "nama": "Bidang <A>", "perangkat_daerah": "pd-a", "tahun": 2026, "periode": "triwulan_4",
        "predikat_organisasi": "baik", "pegawai": 3, "evaluasi_final": 1, "evaluasi_draf": 1, "evaluasi_belum_ada": 1,
        "sebaran_predikat": {"sangat_baik": 0, "baik": 1, "butuh_perbaikan": 0},
        "kurva": {"status": "menyimpang", "ukuran_kelompok_minimum": 5, "pelanggaran": ["terlalu banyak baik"]},
        "peringatan": [{"file": U, "line": None, "column": None, "severity": "warning", "code": "score-curve",
                        "message": "Sebaran menyimpang.", "pointer": ""}]}]
    # 3 evaluations, 2 scored, 1 unscored; warnings: 1 of the evaluations + 1 of the unit
    assert doc["summary"] == {"evaluations": 3, "scored": 2, "unscored": 1, "warnings": 2}


def test_rating_sources_name_only_records_other_than_the_evaluation():
    ani, budi, _ = _report().evaluations
    assert rating_sources(ani) == f"rating_hasil_kerja: {CAL}"
    assert rating_sources(budi) == ""
    ani.sumber_rating["rhk:rhk-1"] = "objections/2026/k-1.yml"
    # sorted by key: "rating_hasil_kerja" < "rhk:rhk-1"
    assert rating_sources(ani) == f"rating_hasil_kerja: {CAL}; rhk:rhk-1: objections/2026/k-1.yml"


def test_csv_rows_for_a_spreadsheet():
    text = format_csv(_report())
    assert text.startswith("\ufeff") and text.count("\r\n") == 4
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows == [
        ["pegawai", "nama", "tahun", "periode", "status", "dinilai", "aturan", "jabatan", "unit", "rating_hasil_kerja",
         "rating_perilaku_kerja", "predikat", "angka_kredit", "nilai_akhir", "peringatan", "sumber_rating"],
        ["ani-0001", NAME, "2026", "triwulan_4", "final", "ya", "permenpanrb-6-2022", "Analis Ahli Muda", "unit-a",
         "di_atas_ekspektasi", "sesuai_ekspektasi", "baik", "28.13", "", "score-consistency: Rating tidak konsisten.",
         f"rating_hasil_kerja: {CAL}"],
        # a name starting with "=" would be a formula: it is quoted; no other record set a rating: the evaluation
        ["budi-0002", "'=Budi *B*", "2021", "triwulan_4", "draf", "ya", "pp-46-2011", "", "", "", "", "baik", "",
         "81.02", "", B],
        # unscored: its problems instead of warnings, joined with " | "
        ["citra-0003", "", "2026", "triwulan_4", "?", "tidak", "", "", "", "", "", "", "", "",
         "eval-plan: Rencana tidak ada. | score-no-rules: Aturan tidak ada.", C],
    ]


def _row(cells, widths):
    return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()


def test_text_report_in_indonesian_columns():
    # widths: the longest cell of each column (the name cut at 32 characters)
    w = [9, 32, 15, 6, 18, 17, 8, 5, 10]
    expected = "\n".join([
        "EVALUASI",
        _row(["Pegawai", "Nama", "Periode", "Status", "Hasil kerja", "Perilaku", "Predikat", "AK", "Peringatan"], w),
        _row(["-" * n for n in w], w),
        _row(["ani-0001", "Ani Lestari Wulandari Kusumaning", "2026 triwulan_4", "final", "di atas ekspektasi",
              "sesuai ekspektasi", "Baik", "28,13", "1"], w),
        _row(["budi-0002", "=Budi *B*", "2021 triwulan_4", "draf", "–", "–", "Baik", "–", "0"], w),
        "",
        "PERINGATAN",
        f"{A}:7:3: score-consistency: Rating tidak konsisten.",
        f"{U}:1:1: score-curve: Sebaran menyimpang.",  # no position: line 1, column 1
        "",
        "RATING SETELAH FINAL (kalibrasi, keberatan)",
        f"{A}: rating hasil kerja sesuai ekspektasi → di atas ekspektasi ({CAL})",  # perilaku unchanged: no line
        "",
        "UNIT DAN PERIODE",
        _row(["Unit", "Periode", "Predikat org.", "Pegawai", "Final", "Draf", "Belum", "Sebaran", "Kurva"],
             [6, 15, 13, 7, 5, 4, 5, 7, 10]),
        _row(["-" * n for n in [6, 15, 13, 7, 5, 4, 5, 7, 10]], [6, 15, 13, 7, 5, 4, 5, 7, 10]),
        # only the predikat with people: "baik=1"
        _row(["unit-a", "2026 triwulan_4", "baik", "3", "1", "1", "1", "baik=1", "menyimpang"], [6, 15, 13, 7, 5, 4, 5, 7, 10]),
        "",
        "RATING DARI CATATAN SESUDAH FINAL (kalibrasi, keputusan keberatan)",
        f"{A}: rating_hasil_kerja: {CAL}",
        "",
        "TIDAK DINILAI (perbaiki dulu kesalahannya)",
        f"{C}:",
        f"  {C}:4:2: eval-plan: Rencana tidak ada.",
        f"  {C}: score-no-rules: Aturan tidak ada.",  # no line: the file alone
        "",
        "2 dari 3 evaluasi dinilai; 1 tidak dinilai; 2 peringatan.",
    ]) + "\n"
    assert format_text(_report()) == expected


def test_text_report_without_evaluations_units_or_warnings():
    # empty table: each column as wide as its header; no optional section
    w = [7, 4, 7, 6, 11, 8, 8, 2, 10]
    assert format_text(ScoreReport([], [])) == "\n".join([
        "EVALUASI",
        _row(["Pegawai", "Nama", "Periode", "Status", "Hasil kerja", "Perilaku", "Predikat", "AK", "Peringatan"], w),
        _row(["-" * n for n in w], w),
        "",
        "0 dari 0 evaluasi dinilai; 0 tidak dinilai; 0 peringatan.",
    ]) + "\n"


def test_an_unknown_angka_kredit_is_a_question_mark_and_a_unit_with_nobody_shows_a_dash():
    r = _report()
    r.evaluations[0].angka_kredit.value = None
    r.units[0].sebaran = {"sangat_baik": 0, "baik": 0}
    r.units[0].predikat_organisasi = None
    lines = format_text(r).splitlines()
    assert lines[3].split()[-2:] == ["?", "1"]
    unit_row = lines[lines.index("UNIT DAN PERIODE") + 3]
    assert unit_row.split() == ["unit-a", "2026", "triwulan_4", "–", "3", "1", "1", "1", "–", "menyimpang"]


def _esc(path: str) -> str:
    return path.replace("_", "\\_")  # "_" would start emphasis; "-", "/" and "." are plain in Markdown text


MARKDOWN = "\n".join([
    "### Ringkasan penilaian",
    "",
    "2 dari 3 evaluasi dinilai, **1 tidak dinilai** (lihat di bawah).",
    "",
    "| Pegawai | Periode | Status | Hasil kerja | Perilaku | Predikat | AK | Peringatan |",
    "|---|---|---|---|---|---|---|---|",
    # the period as users read it, its brackets escaped
    f"| ani-0001 {NAME} | 2026 Triwulan IV \\(akhir/tahunan\\) | final | di atas ekspektasi | sesuai ekspektasi | "
    "**Baik** | 28,13 | 1 |",
    # user text escaped: "*" would be emphasis
    "| budi-0002 =Budi \\*B\\* | 2021 Triwulan IV \\(akhir/tahunan\\) | draf | – | – | **Baik** | – | 0 |",
    "",
    "| Unit | Periode | Predikat organisasi | Final | Draf | Belum | Kurva |",
    "|---|---|---|---|---|---|---|",
    "| Bidang &lt;A&gt; | 2026 triwulan\\_4 | baik | 1 | 1 | 1 | menyimpang |",
    "",
    "<details><summary>Peringatan dan kesalahan</summary>",
    "",
    f"- {_esc(A)}",
    "  - score-consistency: Rating tidak konsisten.",
    f"- {_esc(C)}",  # unscored: its problems
    "  - eval-plan: Rencana tidak ada.",
    "  - score-no-rules: Aturan tidak ada.",
    f"- {_esc(A)}: rating ditetapkan rating\\_hasil\\_kerja: {_esc(CAL)}",
    "- Bidang &lt;A&gt; (2026 triwulan\\_4)",
    "  - score-curve: Sebaran menyimpang.",
    "- Rating setelah final (kalibrasi, keberatan)",
    f"  - {_esc(A)}: rating hasil kerja sesuai ekspektasi → di atas ekspektasi \\({_esc(CAL)}\\)",
    "",
    "</details>",
]) + "\n"


def test_markdown_for_a_pr_comment():
    assert format_markdown(_report()) == MARKDOWN


def test_markdown_all_scored_and_without_details_or_units():
    r = _report()
    r.evaluations = r.evaluations[1:2]
    r.units = []
    text = format_markdown(r, title="Ringkasan PR")
    assert text == "\n".join([
        "### Ringkasan PR", "", "1 dari 1 evaluasi dinilai.", "",
        "| Pegawai | Periode | Status | Hasil kerja | Perilaku | Predikat | AK | Peringatan |",
        "|---|---|---|---|---|---|---|---|",
        "| budi-0002 =Budi \\*B\\* | 2021 Triwulan IV \\(akhir/tahunan\\) | draf | – | – | **Baik** | – | 0 |",
    ]) + "\n"


def test_markdown_at_the_limit_is_kept_whole_and_above_it_cut_at_a_line():
    size = len(MARKDOWN.encode())
    assert format_markdown(_report(), limit=size) == MARKDOWN
    note = "\n_… laporan dipotong karena batas ukuran GitHub; laporan lengkap ada di artefak JSON._\n"
    lines = MARKDOWN.splitlines(keepends=True)
    assert format_markdown(_report(), limit=size - 1).endswith(note)
    # room for exactly the 6 heading lines and the note: they are kept, the 7th is not; nothing to close
    head = "".join(lines[:6])
    assert format_markdown(_report(), limit=len(head.encode()) + len(note.encode())) == head + note
    assert format_markdown(_report(), limit=len(head.encode()) + len(note.encode()) - 1) == "".join(lines[:5]) + note
    # cut inside the details (lines[13] opens them, lines[15] is the first entry): they are closed
    inside = "".join(lines[:16])
    assert lines[13].startswith("<details>") and lines[15] == f"- {_esc(A)}\n"
    assert format_markdown(_report(), limit=len(inside.encode()) + len(note.encode())) == inside + "\n</details>\n" + note


def test_a_pr_comment_is_cut_above_60000_bytes():
    # GitHub caps a comment at 65,536 characters; the report keeps to 60,000 bytes by default.
    # The name appears once in the Markdown: pad it so the whole text is exactly 60,000 bytes.
    pad = 60_000 - len(MARKDOWN.encode())
    r = _report()
    r.evaluations[0].nama = NAME + "a" * pad
    assert len(format_markdown(r).encode()) == 60_000 and "dipotong" not in format_markdown(r)
    r.evaluations[0].nama = NAME + "a" * (pad + 1)
    assert "laporan dipotong karena batas ukuran GitHub" in format_markdown(r)


def test_a_rating_lowered_after_final_is_listed_too():
    from kinerja.score.report import _changed_lines

    ani = _report().evaluations[0]
    # a keberatan decision lowers perilaku: di atas -> sesuai (the alphabet says nothing about up or down)
    ani.rating_sebelum = {"rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "di_atas_ekspektasi"}
    ani.rating_hasil_kerja = "di_atas_ekspektasi"
    ani.sumber_rating["rating_perilaku_kerja"] = "objections/2026/k-1.yml"
    assert _changed_lines([ani]) == [
        f"{A}: rating perilaku kerja di atas ekspektasi → sesuai ekspektasi (objections/2026/k-1.yml)"]


def test_json_is_indented_and_keeps_indonesian_text_as_written():
    r = _report()
    r.units[0].nama = "Bidang “A” – Ketahanan"
    text = format_json(r)
    assert text.startswith('{\n  "evaluations": [\n    {\n      "file": ')
    assert '\n      "nama": "Bidang “A” – Ketahanan",\n' in text and text.endswith("}\n")


def test_an_unchanged_rating_is_not_listed_even_as_another_string():
    from kinerja.score.report import _changed_lines

    ani = _report().evaluations[0]
    # the same word built elsewhere (another object, equal text) is not a change
    ani.rating_sebelum["rating_perilaku_kerja"] = "".join(["sesuai", "_ekspektasi"])
    assert len(_changed_lines([ani])) == 1


def test_markdown_rows_go_on_after_an_unscored_evaluation():
    r = _report()
    r.evaluations = [r.evaluations[2], r.evaluations[1]]  # citra (unscored), then budi
    rows = [line for line in format_markdown(r).splitlines() if line.startswith("| budi-0002 ")]
    assert len(rows) == 1
