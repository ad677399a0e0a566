"""score/capaian.py in process: the year's realisasi of an IKI from its periods (`jenis_realisasi`)
and the report of a cumulative total that goes down (domain.md §4). Expected values are worked
out by hand in the comments."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.score.capaian import decreases, is_number, yearly_realisasi
from kinerja.score.numbers import exact


def test_per_periode_year_is_the_mean_of_the_numbers_reported():
    # (10 + 20 + 40) / 3 = 70/3; the text and the missing period are not numbers and not counted
    assert yearly_realisasi("per_periode", [10, 20, "tidak ada", None, 40]) == Fraction(70, 3)
    # exact: (0.1 + 0.2) / 2 = 3/20, not the float 0.15000000000000002
    assert yearly_realisasi("per_periode", [0.1, 0.2]) == Fraction(3, 20)
    # one period: its own value
    assert yearly_realisasi("per_periode", [7]) == 7


def test_kumulatif_year_is_the_last_total_reported():
    # the last number, even when a later period has no number
    assert yearly_realisasi("kumulatif", [10, 20, 40, None]) == 40
    assert yearly_realisasi("kumulatif", [10, 20, 40]) == 40


def test_a_year_with_no_number_has_no_realisasi():
    assert yearly_realisasi("per_periode", [None, "belum"]) is None
    assert yearly_realisasi("kumulatif", []) is None


def test_a_yes_no_answer_is_not_a_number():
    # YAML `ya`/`true` is a bool: not counted, so the mean of [true, 5] is 5, not (1 + 5) / 2
    assert not is_number(True) and not is_number(False)
    assert is_number(0) and is_number(2.5) and not is_number("3")
    assert yearly_realisasi("per_periode", [True, 5]) == 5


def test_a_cumulative_total_that_goes_down_is_reported_per_pair():
    assert decreases([("triwulan_1", 10), ("triwulan_2", 8), ("triwulan_3", 12), ("triwulan_4", 12)]) == [
        ("triwulan_1", "triwulan_2")]  # 8 < 10; 12 after 8 rises; 12 after 12 is not a fall
    # each fall is compared with the period just before it: 10 > 8 > 6 is two falls
    assert decreases([("triwulan_1", 10), ("triwulan_2", 8), ("triwulan_3", 6)]) == [
        ("triwulan_1", "triwulan_2"), ("triwulan_2", "triwulan_3")]
    # a period with no number is skipped: 7 is compared with 10, two periods back
    assert decreases([("triwulan_1", 10), ("triwulan_2", None), ("triwulan_3", "n/a"), ("triwulan_4", 7)]) == [
        ("triwulan_1", "triwulan_4")]
    # exact comparison: 0.3 after 0.1 + 0.2 written as 0.30000000000000004 is a fall
    assert decreases([("triwulan_1", 0.30000000000000004), ("triwulan_2", 0.3)]) == [("triwulan_1", "triwulan_2")]
    assert decreases([("triwulan_1", 5)]) == [] and decreases([]) == []


def test_the_jenis_read_from_a_plan_file_is_compared_by_value():
    # a plan's `jenis_realisasi: per_periode` as the YAML loader builds it (not this file's literal)
    from kinerja.loader import load_bytes

    jenis = load_bytes(b"jenis_realisasi: per_periode\n").data["jenis_realisasi"]
    assert jenis == "per_periode"
    # (10 + 20) / 2 = 15, not the last value 20
    assert yearly_realisasi(jenis, [10, 20]) == 15


_NUMBERS = st.one_of(st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False),
                     st.sampled_from([0.1, 0.2, 0.3, 0.30000000000000004, 1e16, 1e16 + 2, 2**53 + 1, 9007199254740993.0]))


@settings(max_examples=500, deadline=None)
@given(a=_NUMBERS, b=_NUMBERS)
def test_a_decrease_is_decided_on_the_numbers_as_written(a, b):
    # the fast comparison of two floats or two ints agrees with the exact decimals' everywhere
    assert (decreases([("triwulan_1", a), ("triwulan_2", b)]) != []) == (exact(b) < exact(a))


def test_a_mixed_int_and_float_pair_compares_as_written():
    # 2.0**60 is written 1.152921504606847e+18 (= 1152921504606847000) but its binary value is
    # 1152921504606846976; the int 1152921504606846990 lies between the two, so a raw comparison
    # (binary) would call it a decrease and the decimals as written do not
    assert decreases([("triwulan_1", 1152921504606846990), ("triwulan_2", 2.0**60)]) == []
    assert decreases([("triwulan_1", 2.0**60), ("triwulan_2", 1152921504606846990)]) == [("triwulan_1", "triwulan_2")]
