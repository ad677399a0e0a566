"""PP 46/2011 per-IKI scores, in process (fast enough for mutation testing); expected values by hand
from domain.md §7: kuantitas/kualitas = realisasi/target x 100; waktu/biaya (efficiency <= 24%) =
(1.76 x target - realisasi) / target x 100; beyond 24% not computable."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kinerja.model.records import Target
from kinerja.score.pp46 import iki_score
from test_rule_tables import load_rules

ASPEK = load_rules("pp-46-2011").numerik["aspek"]


def T(n):
    return Target("unit", nilai=n)


def test_ratio_aspects():
    assert iki_score(ASPEK["kuantitas"], T(10), 8) == (80, None)
    assert iki_score(ASPEK["kualitas"], T(80), 88) == (110, None)


def test_efficiency_aspects():
    # waktu 12 -> 10 bulan: efficiency 16.7%; (1.76 x 12 - 10) / 12 x 100 = 1112/12
    assert iki_score(ASPEK["waktu"], T(12), 10) == (Fraction(1112, 12), None)
    # exactly at the 24% limit still computed: (176 - 76) / 100 x 100 = 100
    assert iki_score(ASPEK["biaya"], T(100), 76) == (100, None)
    # realisasi equal to target: (1.76 - 1) x 100 = 76
    assert iki_score(ASPEK["waktu"], T(12), 12) == (76, None)


def test_efficiency_beyond_the_limit_is_not_computable():
    value, why = iki_score(ASPEK["waktu"], T(100), 75)  # 25% > 24%
    assert value is None and "25.0%" in why and "24%" in why and "tidak dihitung" in why


@pytest.mark.parametrize("target, realisasi", [
    (None, 5), (Target("%", min=80, maks=90), 85), (T(10), None), (T(10), "10"), (T(10), True), (T(10), False),
])
def test_not_computable_inputs(target, realisasi):
    assert iki_score(ASPEK["kuantitas"], target, realisasi) == (None, "aturan PP 46/2011 memerlukan target satu angka dan realisasi angka")


def test_zero_target():
    assert iki_score(ASPEK["kuantitas"], T(0), 3) == (None, "target bernilai 0")
    assert iki_score(ASPEK["waktu"], T(0), 3) == (None, "target bernilai 0")


# --- the whole score of one evaluation (records built in process from the YAML the CLI test uses) ---


def _records(plan_text: str, eval_text: str):
    from kinerja.repository import stem
    from kinerja.loader import load_bytes
    from kinerja.model import records as R

    plan = R.build_plan("plans/2021/disdik-0042.yml", stem("plans/2021/disdik-0042.yml"), load_bytes(plan_text.encode()).data)
    rel = "evaluations/2021/triwulan_4/disdik-0042.yml"
    return plan, R.build_evaluation(rel, stem(rel), load_bytes(eval_text.encode()).data)


def test_an_rhk_no_longer_in_force_is_skipped_not_the_end_of_the_plan():
    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    retired = LEGACY_PLAN.replace("hasil_kerja:\n", "hasil_kerja:\n  - id: rhk-0\n    jenis: utama\n    uraian: \"Lama\"\n"
                                  "    berlaku_sampai: triwulan_1\n    indikator:\n"
                                  "      - {id: iki-1, aspek: kuantitas, uraian: \"x\", target: {nilai: 1, satuan: dokumen}}\n", 1)
    plan, ev = _records(retired, LEGACY_EVAL.format(waktu="10"))
    out = pp46.score(load_rules("pp-46-2011"), ev, plan, structural=False)
    # rhk-1 alone, as in the CLI test: (100 + 110 + 1112/12) / 3; perilaku (80+82+78+80+80)/5 = 80
    assert out.nilai_skp == (100 + 110 + Fraction(1112, 12)) / 3
    assert out.nilai_perilaku == 80
    assert out.nilai_akhir == out.nilai_skp * Fraction(60, 100) + 80 * Fraction(40, 100)
    assert out.predikat == "sangat_baik" and out.masalah == []


def test_missing_behaviour_scores_are_named():
    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    plan, ev = _records(LEGACY_PLAN, LEGACY_EVAL.format(waktu="10").replace(", kerja_sama: 80", ""))
    out = pp46.score(load_rules("pp-46-2011"), ev, plan, structural=False)
    assert out.nilai_perilaku is None and out.nilai_akhir is None and out.predikat is None
    assert out.masalah == [(("penilaian", "nilai_perilaku"), "Nilai perilaku belum lengkap: kerja_sama.")]


# --- bands, extra points and the whole score, in process ------------------------------------------

NUM = load_rules("pp-46-2011").numerik


@pytest.mark.parametrize("nilai, predikat", [
    # each band's minimum belongs to it; one hundredth below belongs to the next band down
    (100, "sangat_baik"), (91, "sangat_baik"), (Fraction(9099, 100), "baik"), (76, "baik"),
    (Fraction(7599, 100), "cukup"), (61, "cukup"), (Fraction(6099, 100), "kurang"), (51, "kurang"),
    (Fraction(5099, 100), "buruk"), (0, "buruk"), (Fraction(-1, 100), None),
])
def test_band_minimums_are_inclusive(nilai, predikat):
    from kinerja.score.pp46 import band

    assert band(NUM, Fraction(nilai)) == predikat


@pytest.mark.parametrize("count, points", [(0, 0), (1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (12, 3)])
def test_tugas_tambahan_points_by_count_in_process(count, points):
    from types import SimpleNamespace

    from kinerja.score.pp46 import extra_points

    # 1-3 tasks: 1 point, 4-6: 2, 7 or more: 3 (rule file, highest band first)
    tambahan, kreatif, problems = extra_points(NUM, SimpleNamespace(tugas_tambahan=count, kreativitas=None))
    assert (tambahan, kreatif, problems) == (points, None, [])
    assert isinstance(tambahan, Fraction)


def test_kreativitas_points_and_unknown_inputs():
    from types import SimpleNamespace

    from kinerja.score.pp46 import extra_points

    for level, points in (("unit_kerja", 3), ("instansi", 6), ("nasional", 12)):
        assert extra_points(NUM, SimpleNamespace(tugas_tambahan=None, kreativitas=level)) == (None, points, [])
    assert extra_points(NUM, SimpleNamespace(tugas_tambahan=None, kreativitas=None)) == (None, None, [])
    assert extra_points(NUM, SimpleNamespace(tugas_tambahan=None, kreativitas="dunia")) == (None, None, [
        (("penilaian", "kreativitas"), "Aturan ini tidak memberi nilai kreativitas tingkat “dunia”; isian tidak dihitung.")])
    bare = {k: v for k, v in NUM.items() if k not in ("tugas_tambahan", "kreativitas")}
    tambahan, kreatif, problems = extra_points(bare, SimpleNamespace(tugas_tambahan=2, kreativitas="instansi"))
    assert (tambahan, kreatif) == (None, None)
    assert problems == [
        (("penilaian", "tugas_tambahan"), "Aturan ini tidak memberi nilai tugas tambahan; isian tidak dihitung."),
        (("penilaian", "kreativitas"), "Aturan ini tidak memberi nilai kreativitas tingkat “instansi”; isian tidak dihitung.")]


RHK_2 = ("  - id: rhk-2\n    jenis: tambahan\n    uraian: \"Kegiatan B\"\n    indikator:\n"
         "      - {id: iki-1, aspek: kuantitas, uraian: \"y\", target: {nilai: 10, satuan: dokumen}}\n")
REPORT_2 = "    - rhk: rhk-2\n      indikator:\n        - {iki: iki-1, realisasi: 5}\n"


def _two_activities(extra_penilaian: str = "", report_2: bool = True, structural: bool = False):
    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    plan_text = LEGACY_PLAN + RHK_2
    eval_text = LEGACY_EVAL.format(waktu="10")
    if report_2:
        eval_text = eval_text.replace("penilaian:\n", REPORT_2 + "penilaian:\n")
    eval_text += extra_penilaian
    plan, ev = _records(plan_text, eval_text)
    return pp46.score(load_rules("pp-46-2011"), ev, plan, structural=structural)


def test_nilai_skp_is_the_mean_of_activities_plus_extra_points():
    out = _two_activities()
    # rhk-1: (100 + 110 + 1112/12) / 3 = 908/9; rhk-2: 5/10 x 100 = 50
    assert out.per_kegiatan == {"rhk-1": Fraction(908, 9), "rhk-2": 50}
    assert out.per_iki == {"rhk-1/iki-1": 100, "rhk-1/iki-2": 110, "rhk-1/iki-3": Fraction(1112, 12), "rhk-2/iki-1": 50}
    # (908/9 + 50) / 2 = 1358/18 = 679/9 (75.44); nilai akhir = 679/9 x 60% + 80 x 40% = 679/15 + 32 = 1159/15 (77.27): baik
    assert out.nilai_skp == Fraction(679, 9)
    assert out.nilai_akhir == Fraction(1159, 15) and out.predikat == "baik"
    # 4 tugas tambahan (2 points) and kreativitas instansi (6): 679/9 + 8 = 751/9
    extra = _two_activities("  tugas_tambahan: 4\n  kreativitas: instansi\n")
    assert (extra.tugas_tambahan, extra.kreativitas, extra.nilai_skp) == (2, 6, Fraction(751, 9))
    # 751/9 x 60% + 32 = 751/15 + 32 = 1231/15 (82.07): still baik
    assert extra.nilai_akhir == Fraction(1231, 15) and extra.predikat == "baik" and extra.masalah == []


def test_an_activity_without_realisasi_leaves_nilai_skp_open_and_says_where():
    out = _two_activities(report_2=False)
    assert out.per_iki["rhk-2/iki-1"] is None and out.per_kegiatan["rhk-2"] is None
    assert out.nilai_skp is None and out.nilai_akhir is None and out.predikat is None
    assert out.nilai_perilaku == 80  # the behaviour part is still computed
    assert out.masalah == [(("realisasi",), "IKI rhk-2/iki-1: aturan PP 46/2011 memerlukan target satu angka dan realisasi angka.")]


def test_kepemimpinan_counts_only_for_structural_positions():
    missing = _two_activities(structural=True)
    assert missing.nilai_perilaku is None and missing.predikat is None
    assert missing.masalah == [(("penilaian", "nilai_perilaku"), "Nilai perilaku belum lengkap: kepemimpinan.")]
    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    text = LEGACY_EVAL.format(waktu="10").replace("kerja_sama: 80}", "kerja_sama: 80, kepemimpinan: 92}")
    plan, ev = _records(LEGACY_PLAN, text)
    out = pp46.score(load_rules("pp-46-2011"), ev, plan, structural=True)
    # (80 + 82 + 78 + 80 + 80 + 92) / 6 = 492/6 = 82
    assert out.nilai_perilaku == 82
    # a non-structural position ignores a kepemimpinan score: (80 + 82 + 78 + 80 + 80) / 5 = 80
    assert pp46.score(load_rules("pp-46-2011"), ev, plan, structural=False).nilai_perilaku == 80


def test_an_aspect_without_a_formula_is_named():
    from dataclasses import replace

    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    rules = load_rules("pp-46-2011")
    no_biaya = replace(rules, numerik=dict(rules.numerik, aspek={k: v for k, v in rules.numerik["aspek"].items() if k != "waktu"}))
    plan, ev = _records(LEGACY_PLAN, LEGACY_EVAL.format(waktu="10"))
    out = pp46.score(no_biaya, ev, plan, structural=False)
    assert out.masalah == [(("hasil_kerja", 0, "indikator", 2), "IKI rhk-1/iki-3: aspek “waktu” tidak punya rumus di pp-46-2011.")]
    assert out.per_kegiatan == {"rhk-1": None} and out.nilai_skp is None and out.predikat is None


def test_an_aspect_without_a_formula_does_not_stop_the_next_indicators():
    from dataclasses import replace

    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    rules = load_rules("pp-46-2011")
    aspek = {k: v for k, v in rules.numerik["aspek"].items() if k != "kuantitas"}
    plan, ev = _records(LEGACY_PLAN, LEGACY_EVAL.format(waktu="10"))
    out = pp46.score(replace(rules, numerik=dict(rules.numerik, aspek=aspek)), ev, plan, structural=False)
    # iki-1 (kuantitas) has no formula; iki-2 (kualitas 88 of 80 = 110) and iki-3 (waktu, 1112/12) still scored
    assert out.per_iki == {"rhk-1/iki-2": 110, "rhk-1/iki-3": Fraction(1112, 12)}
    assert out.masalah == [(("hasil_kerja", 0, "indikator", 0), "IKI rhk-1/iki-1: aspek “kuantitas” tidak punya rumus di pp-46-2011.")]
    assert out.per_kegiatan == {"rhk-1": None} and out.nilai_skp is None


def test_indicators_out_of_force_and_report_order_do_not_change_the_score():
    from test_score_command import LEGACY_EVAL, LEGACY_PLAN

    from kinerja.score import pp46

    # rhk-0 is in force but its only IKI ended in triwulan 1: the RHK has no aspect and is skipped;
    # rhk-1 gets a first IKI that also ended in triwulan 1; the report lists rhk-1's IKIs in reverse order
    plan_text = LEGACY_PLAN.replace(
        "hasil_kerja:\n", "hasil_kerja:\n  - id: rhk-0\n    jenis: utama\n    uraian: \"Lama\"\n    indikator:\n"
        "      - {id: iki-9, aspek: kuantitas, uraian: \"x\", target: {nilai: 1, satuan: dokumen}, berlaku_sampai: triwulan_1}\n", 1)
    plan_text = plan_text.replace(
        "    indikator:\n      - {id: iki-1,",
        "    indikator:\n      - {id: iki-0, aspek: kuantitas, uraian: \"z\", target: {nilai: 5, satuan: dokumen}, berlaku_sampai: triwulan_1}\n"
        "      - {id: iki-1,", 1)
    eval_text = LEGACY_EVAL.format(waktu="10")
    lines = ["        - {iki: iki-1, realisasi: 10}\n", "        - {iki: iki-2, realisasi: 88}\n",
             "        - {iki: iki-3, realisasi: 10}\n"]
    eval_text = eval_text.replace("".join(lines), "".join(reversed(lines)))
    assert "iki-0" in plan_text and "iki-9" in plan_text and eval_text.index("iki-3") < eval_text.index("iki-1")
    plan, ev = _records(plan_text, eval_text)
    out = pp46.score(load_rules("pp-46-2011"), ev, plan, structural=False)
    # as rhk-1 alone: iki-1 10/10 = 100, iki-2 88/80 = 110, iki-3 (1.76 x 12 - 10)/12 = 1112/12
    assert out.per_iki == {"rhk-1/iki-1": 100, "rhk-1/iki-2": 110, "rhk-1/iki-3": Fraction(1112, 12)}
    assert out.per_kegiatan == {"rhk-1": (100 + 110 + Fraction(1112, 12)) / 3}
    assert out.nilai_skp == (100 + 110 + Fraction(1112, 12)) / 3 and out.masalah == []
