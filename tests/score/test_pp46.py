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
