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
