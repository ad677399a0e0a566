"""score/capaian.py in process: the year's realisasi of an IKI from its periods (`jenis_realisasi`)
and the report of a cumulative total that goes down (domain.md §4). Expected values are worked
out by hand in the comments."""

from __future__ import annotations

from fractions import Fraction

from kinerja.score.capaian import decreases, is_number, yearly_realisasi


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
