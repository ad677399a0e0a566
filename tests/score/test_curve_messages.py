"""score/curve.py: the exact warnings, the boundaries of each guidance row, and the statuses
without a judgement (SE MenPANRB 03/2023 as quoted in domain.md §5; rule file `kurva`).
Percentages in the messages are worked out by hand."""

from __future__ import annotations

from dataclasses import replace

from test_rule_tables import RULES

from kinerja.score.curve import check_curve


def _check(org, **counts):
    return check_curve(RULES, org, counts)


def test_each_kind_of_row_says_what_is_wrong_in_numbers():
    # 8 of 10 Baik = 80.0% > 70%
    assert _check("baik", baik=8, butuh_perbaikan=1, sangat_baik=1).pelanggaran == [
        "Baik: 8 dari 10 pegawai (80,0%), melebihi batas 70%."]
    # 5 of 10 = 50.0% < 60%
    assert _check("butuh_perbaikan", butuh_perbaikan=5, baik=5).pelanggaran == [
        "Butuh Perbaikan: 5 dari 10 pegawai (50,0%), kurang dari batas bawah 60%."]
    assert _check("baik", baik=7, sangat_baik=3).pelanggaran == [
        "Butuh Perbaikan dan/atau Kurang/Misconduct: 0 pegawai, padahal paling sedikit 1 orang."]
    assert _check("baik", baik=3, butuh_perbaikan=1, sangat_baik=6).pelanggaran == [
        "Baik seharusnya kelompok terbanyak, tetapi hanya 3 dari 10 pegawai."]
    # 5 of 6 = 83.33...% -> shown 83,3%
    assert _check("istimewa", sangat_baik=5, baik=1).pelanggaran == [
        "Sangat Baik: 5 dari 6 pegawai (83,3%), melebihi batas 70%."]


def test_several_rows_broken_at_once_are_all_reported_in_rule_order():
    result = _check("baik", baik=5)
    assert result.status == "menyimpang" and result.ukuran_minimum == 5
    assert result.pelanggaran == ["Baik: 5 dari 5 pegawai (100,0%), melebihi batas 70%.",
                                  "Butuh Perbaikan dan/atau Kurang/Misconduct: 0 pegawai, padahal paling sedikit 1 orang."]


def test_boundaries_are_inclusive_where_the_guidance_says_at_most_or_at_least():
    # exactly 60% butuh perbaikan and exactly 10% sangat baik: both allowed
    ok = _check("butuh_perbaikan", butuh_perbaikan=6, baik=3, sangat_baik=1)
    assert (ok.status, ok.pelanggaran) == ("sesuai", [])
    # exactly one person in the lowest group is enough
    assert _check("baik", baik=6, sangat_baik=3, kurang_misconduct=1).status == "sesuai"
    # a tie for the most frequent predikat is still "the most"
    assert _check("baik", baik=4, sangat_baik=4, butuh_perbaikan=2).status == "sesuai"
    # 0% allowed means none at all
    assert _check("sangat_kurang", sangat_kurang=6, butuh_perbaikan=1, baik=3).status == "sesuai"
    assert "melebihi batas 0%" in _check("sangat_kurang", sangat_kurang=6, butuh_perbaikan=1, baik=2,
                                         sangat_baik=1).pelanggaran[0]


def test_just_below_a_lower_limit_in_a_large_group():
    # 10 of 101 = 9.90...% < 10%: below the limit, though it rounds to 9,9% and 10 x 101 is close to 10 x 100
    result = _check("kurang", butuh_perbaikan=10, kurang_misconduct=61, baik=30)
    assert result.pelanggaran == ["Butuh Perbaikan: 10 dari 101 pegawai (9,9%), kurang dari batas bawah 10%."]
    # 61 of 101 = 60.4% kurang/misconduct is above its 60% minimum; 0% sangat baik is within its 10% maximum
    # 70 of 99 = 70.7% > 70%: above the limit, though 70 x 99 = 6930 is just 70 below 70 x 100
    assert _check("baik", baik=70, sangat_baik=20, butuh_perbaikan=9).pelanggaran == [
        "Baik: 70 dari 99 pegawai (70,7%), melebihi batas 70%."]


def test_group_size_and_missing_rules():
    # exactly the minimum (5) is judged; 4 is too small
    five = _check("baik", baik=3, butuh_perbaikan=1, sangat_baik=1)
    assert (five.status, five.ukuran_minimum) == ("sesuai", 5)
    four = _check("baik", baik=2, butuh_perbaikan=1, sangat_baik=1)
    assert (four.status, four.pelanggaran, four.ukuran_minimum) == ("terlalu_kecil", [], 5)
    none = _check(None, baik=9)
    assert (none.status, none.ukuran_minimum) == ("tanpa_predikat_organisasi", 5)
    assert check_curve(None, "baik", {"baik": 9}).status == "tanpa_aturan"
    assert check_curve(replace(RULES, kurva={}), "baik", {"baik": 9}).status == "tanpa_aturan"
    # a predikat organisasi with no guidance rows: nothing to break
    assert _check("predikat_tanpa_aturan", baik=9).status == "sesuai"


def test_the_minimum_group_size_is_rule_data():
    seven = replace(RULES, kurva=dict(RULES.kurva, ukuran_kelompok_minimum=7))
    assert check_curve(seven, "baik", {"baik": 4, "sangat_baik": 1, "butuh_perbaikan": 1}).status == "terlalu_kecil"
    assert check_curve(seven, "baik", {"baik": 4, "sangat_baik": 2, "butuh_perbaikan": 1}).status == "sesuai"
