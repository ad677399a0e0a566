"""score/angka_kredit.py in process: the jenjang held month by month, the partial-month rule,
months outside a jabatan fungsional, unknown coefficients and the explanation text.

AK = sum over months of 1/12 x konversi% x koefisien of the jenjang held on the month's deciding
day (rule file, domain.md §6). Each expected value is worked out in the comment beside it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from types import SimpleNamespace

from kthelpers import ROOT
from test_rule_tables import RULES

from kinerja.loader import load_bytes
from kinerja.model.records import build_person
from kinerja.model.rules import build_rule_set
from kinerja.score.angka_kredit import angka_kredit, closing_period, deciding_day, month_rule, months


class _Plan:
    def __init__(self, start: str, end: str):
        self.mulai, self.selesai = date.fromisoformat(start), date.fromisoformat(end)
        self.tahun = self.mulai.year


class _Person:
    """assignments: (first day, last day, jenis_jabatan, jenjang)."""

    def __init__(self, *assignments):
        self.assignments = [(date.fromisoformat(a), date.fromisoformat(b), jenis, jenjang)
                            for a, b, jenis, jenjang in assignments]

    def assignment_on(self, day):
        for first, last, jenis, jenjang in self.assignments:
            if first <= day <= last:
                return SimpleNamespace(jenis_jabatan=jenis, jenjang=jenjang)
        return None


def _rules_counting_by(hitung):
    ak = dict(RULES.angka_kredit, bulan_sebagian={"hitung": hitung})
    return replace(RULES, angka_kredit=ak)


YEAR = _Plan("2026-01-01", "2026-12-31")


def test_jenjang_change_on_1_july_credits_each_half_at_the_jenjang_held():
    person = _Person(("2026-01-01", "2026-06-30", "fungsional", "ahli_pertama"),
                     ("2026-07-01", "2026-12-31", "fungsional", "ahli_muda"))
    ak = angka_kredit(RULES, YEAR, person, "sangat_baik")
    # 6/12 x 150% x 12.5 + 6/12 x 150% x 25 = 9.375 + 18.75 = 28.125
    assert ak.value == Fraction(225, 8)
    assert [(s.jenjang, s.mulai_bulan, s.bulan, s.value) for s in ak.segments] == [
        ("ahli_pertama", 1, 6, Fraction(75, 8)), ("ahli_muda", 7, 6, Fraction(75, 4))]
    assert (ak.bulan, ak.jenjang, ak.jenjang_berubah) == (12, "ahli_muda", True)
    assert ak.keterangan == "6/12 x 150% x 12,5 (ahli pertama) + 6/12 x 150% x 25 (ahli muda)"


def test_one_jenjang_all_year_has_one_segment_and_a_short_note():
    person = _Person(("2025-03-01", "2027-12-31", "fungsional", "ahli_pertama"))
    ak = angka_kredit(RULES, YEAR, person, "baik")
    # 12/12 x 100% x 12.5
    assert (ak.value, ak.bulan, ak.jenjang, ak.jenjang_berubah) == (Fraction(25, 2), 12, "ahli_pertama", False)
    assert ak.keterangan == "12/12 x 100% x 12,5"


def test_a_change_in_the_middle_of_a_month_counts_by_the_deciding_day():
    person = _Person(("2026-01-01", "2026-07-14", "fungsional", "ahli_pertama"),
                     ("2026-07-15", "2026-12-31", "fungsional", "ahli_muda"))
    # first day decides: July is still ahli_pertama (1 Jul), 7 + 5 months
    # 7/12 x 100% x 12.5 + 5/12 x 100% x 25 = 87.5/12 + 125/12 = 212.5/12 = 425/24
    first = angka_kredit(RULES, YEAR, person, "baik")
    assert [(s.jenjang, s.bulan) for s in first.segments] == [("ahli_pertama", 7), ("ahli_muda", 5)]
    assert first.value == Fraction(425, 24)
    # last day decides: July is ahli_muda (31 Jul), 6 + 6 months: 6/12 x 12.5 + 6/12 x 25 = 18.75
    last = angka_kredit(_rules_counting_by("hari_terakhir"), YEAR, person, "baik")
    assert [(s.jenjang, s.bulan) for s in last.segments] == [("ahli_pertama", 6), ("ahli_muda", 6)]
    assert last.value == Fraction(75, 4)


def test_the_month_rule_and_its_deciding_days():
    assert month_rule(RULES) == "hari_pertama"
    assert month_rule(None) == "hari_pertama"
    assert month_rule(_rules_counting_by("hari_terakhir")) == "hari_terakhir"
    assert deciding_day(2026, 2, "hari_terakhir") == date(2026, 2, 28)
    assert deciding_day(2024, 2, "hari_terakhir") == date(2024, 2, 29)
    assert deciding_day(2026, 12, "hari_terakhir") == date(2026, 12, 31)
    assert deciding_day(2026, 2, "hari_pertama") == date(2026, 2, 1)
    # a plan from 15 March to 14 August: by first days April..August (5), by last days March..July (5)
    plan = _Plan("2026-03-15", "2026-08-14")
    assert months(plan) == [4, 5, 6, 7, 8]
    assert months(plan, "hari_terakhir") == [3, 4, 5, 6, 7]
    # a plan of exactly one whole month
    assert months(_Plan("2026-12-01", "2026-12-31")) == [12] == months(_Plan("2026-12-01", "2026-12-31"), "hari_terakhir")


def test_the_closing_period_is_the_quarter_the_plan_ends_in():
    assert [closing_period(_Plan("2026-01-01", f"2026-{m:02d}-28")) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [
        "triwulan_1", "triwulan_1", "triwulan_2", "triwulan_2", "triwulan_3", "triwulan_3", "triwulan_4", "triwulan_4"]


def test_months_outside_a_jabatan_fungsional_count_zero():
    person = _Person(("2026-01-01", "2026-03-31", "pelaksana", None),
                     ("2026-04-01", "2026-12-31", "fungsional", "ahli_muda"))
    ak = angka_kredit(RULES, YEAR, person, "baik")
    # 3 months pelaksana: 0; 9/12 x 100% x 25 = 18.75
    assert ak.value == Fraction(75, 4)
    assert [(s.jenjang, s.mulai_bulan, s.bulan, s.value) for s in ak.segments] == [
        (None, 1, 3, 0), ("ahli_muda", 4, 9, Fraction(75, 4))]
    assert ak.keterangan == "3/12 bukan jabatan fungsional (0) + 9/12 x 100% x 25 (ahli muda)"
    assert ak.jenjang == "ahli_muda"
    # a month with no assignment at all is not in a jabatan fungsional either
    gap = _Person(("2026-01-01", "2026-05-31", "fungsional", "ahli_muda"))
    ak = angka_kredit(RULES, YEAR, gap, "baik")
    # 5/12 x 25 = 125/12
    assert ak.value == Fraction(125, 12) and ak.bulan == 12 and ak.jenjang == "ahli_muda"


def test_the_same_jenjang_after_a_break_is_a_new_segment():
    person = _Person(("2026-01-01", "2026-02-28", "fungsional", "ahli_muda"),
                     ("2026-03-01", "2026-03-31", "pelaksana", None),
                     ("2026-04-01", "2026-12-31", "fungsional", "ahli_muda"))
    ak = angka_kredit(RULES, YEAR, person, "baik")
    assert [(s.jenjang, s.mulai_bulan, s.bulan) for s in ak.segments] == [
        ("ahli_muda", 1, 2), (None, 3, 1), ("ahli_muda", 4, 9)]
    # (2 + 9)/12 x 25 = 275/12
    assert ak.value == Fraction(275, 12)
    # the jenjang the ledger continues with is the last one held, even when the plan ends outside it
    tail = _Person(("2026-01-01", "2026-10-31", "fungsional", "ahli_pertama"),
                   ("2026-11-01", "2026-12-31", "pelaksana", None))
    assert angka_kredit(RULES, YEAR, tail, "baik").jenjang == "ahli_pertama"
    assert angka_kredit(RULES, YEAR, _Person(("2026-01-01", "2026-12-31", "pelaksana", None)), "baik").jenjang is None


def test_unknown_predikat_or_coefficient_gives_no_number_and_says_why():
    unknown = angka_kredit(RULES, YEAR, "ahli_muda", "istimewa")
    assert unknown.value is None and unknown.bulan == 12 and unknown.jenjang == "ahli_muda"
    assert unknown.keterangan == "konversi predikat istimewa tidak diketahui"
    person = _Person(("2026-01-01", "2026-06-30", "fungsional", "pemula"),
                     ("2026-07-01", "2026-12-31", "fungsional", "ahli_pertama"))
    ak = angka_kredit(RULES, YEAR, person, "baik")
    assert ak.value is None
    assert ak.keterangan == "koefisien jenjang pemula tidak diketahui; angka kredit tidak dihitung"
    assert [(s.jenjang, s.value) for s in ak.segments] == [("pemula", None), ("ahli_pertama", Fraction(25, 4))]


def test_coefficients_to_be_verified_are_flagged_in_the_note():
    madya = angka_kredit(RULES, YEAR, "ahli_madya", "baik")
    # 12/12 x 100% x 37.5
    assert madya.value == Fraction(75, 2)
    assert madya.keterangan == "12/12 x 100% x 37,5 (koefisien perlu verifikasi)"
    assert "verifikasi" not in angka_kredit(RULES, YEAR, "ahli_muda", "baik").keterangan
    # a verified jenjang before a to-be-verified one still flags the whole figure
    person = _Person(("2026-01-01", "2026-06-30", "fungsional", "ahli_muda"),
                     ("2026-07-01", "2026-12-31", "fungsional", "ahli_madya"))
    assert angka_kredit(RULES, YEAR, person, "baik").keterangan.endswith("(koefisien perlu verifikasi)")
    # butuh perbaikan: 75% of 25 for half a year = 6/12 x 3/4 x 25 = 75/8
    assert angka_kredit(RULES, _Plan("2026-07-01", "2026-12-31"), "ahli_muda", "butuh_perbaikan").value == Fraction(75, 8)


def test_no_months_or_no_conversion_is_no_change_of_jenjang():
    # jenjang_berubah means more than one jenjang held: an empty list of segments is not a change
    unknown = angka_kredit(RULES, YEAR, "ahli_muda", "istimewa")
    assert unknown.segments == [] and unknown.jenjang_berubah is False
    # a plan from 2 to 20 January holds no month's first day: no month, no segment, AK 0
    short = angka_kredit(RULES, _Plan("2026-01-02", "2026-01-20"), "ahli_muda", "baik")
    assert (short.value, short.bulan, short.segments, short.jenjang_berubah) == (0, 0, [], False)


_PERSON_YAML = """versi_format: 1
id: uji-0001
nama: "Uji"
status_kepegawaian: pns
penugasan:
  - mulai: 2026-01-01
    selesai: 2026-06-30
    unit: unit-a
    jabatan: "Analis Ahli Muda"
    jenis_jabatan: fungsional
    jenjang: ahli_muda
  - mulai: 2026-07-01
    unit: unit-b
    jabatan: "Analis Ahli Muda"
    jenis_jabatan: fungsional
    jenjang: ahli_muda
"""


def _loaded_person():
    """A person read from YAML like the real data (its strings are built by the loader, not
    literals of this file), moving to another unit on 1 July with the same jenjang."""
    return build_person("organisation/people/uji-0001.yml", load_bytes(_PERSON_YAML.encode()).data)


def test_a_move_to_another_unit_in_the_same_jenjang_is_one_segment():
    ak = angka_kredit(RULES, YEAR, _loaded_person(), "baik")
    # both assignments are fungsional ahli_muda: 12/12 x 100% x 25 = 25, one run, no change
    assert [(s.jenjang, s.mulai_bulan, s.bulan) for s in ak.segments] == [("ahli_muda", 1, 12)]
    assert (ak.value, ak.jenjang, ak.jenjang_berubah) == (25, "ahli_muda", False)
    assert ak.keterangan == "12/12 x 100% x 25"


def test_the_last_day_rule_read_from_the_rule_file_counts_by_the_last_day():
    text = (ROOT / "rules" / "permenpanrb-6-2022.yml").read_text(encoding="utf-8")
    assert "hitung: hari_pertama" in text
    rules = build_rule_set("rules/permenpanrb-6-2022.yml",
                           load_bytes(text.replace("hitung: hari_pertama", "hitung: hari_terakhir").encode()).data)
    assert month_rule(rules) == "hari_terakhir"
    # 15 March to 14 August by last days: March..July, 5/12 x 100% x 25 = 125/12
    ak = angka_kredit(rules, _Plan("2026-03-15", "2026-08-14"), "ahli_muda", "baik")
    assert (ak.bulan, ak.value, ak.segments[0].mulai_bulan) == (5, Fraction(125, 12), 3)
