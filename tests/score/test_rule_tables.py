"""Every cell of every rule table of PermenPANRB 6/2022, checked against the regulation as
quoted in domain.md (expected values are written here, not read from the rule file, so a
wrong edit of the rule file fails these tests)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kthelpers import ROOT
from kinerja.loader import load_bytes
from kinerja.model.records import Target
from kinerja.model.rules import build_rule_set, semantic_problems
from kinerja.score import kuadran
from kinerja.score.angka_kredit import AngkaKredit, angka_kredit
from kinerja.score.capaian import capaian_percent
from kinerja.score.curve import check_curve
from kinerja.score.numbers import indonesian, rounded


def load_rules(name: str = "permenpanrb-6-2022"):
    path = ROOT / "rules" / f"{name}.yml"
    return build_rule_set(f"rules/{name}.yml", load_bytes(path.read_bytes()).data)


RULES = load_rules()
A, S, B = "di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"

# domain.md §4: rows = rating hasil kerja, columns = rating perilaku kerja
QUADRANT = {
    (A, B): "kurang_misconduct", (A, S): "baik", (A, A): "sangat_baik",
    (S, B): "kurang_misconduct", (S, S): "baik", (S, A): "baik",
    (B, B): "sangat_kurang", (B, S): "butuh_perbaikan", (B, A): "butuh_perbaikan",
}


def test_rule_file_has_no_semantic_problems():
    assert semantic_problems(RULES) == []
    assert semantic_problems(load_rules("pp-46-2011")) == []


@pytest.mark.parametrize(("hasil", "perilaku"), sorted(QUADRANT), ids=lambda v: v.split("_")[0] if isinstance(v, str) else v)
def test_quadrant_cell(hasil, perilaku):
    assert kuadran.predikat(RULES, hasil, perilaku) == QUADRANT[(hasil, perilaku)]


def test_predikat_order_low_to_high():
    assert [p for p, _ in RULES.predikat] == ["sangat_kurang", "kurang_misconduct", "butuh_perbaikan", "baik", "sangat_baik"]
    assert RULES.predikat_label("kurang_misconduct") == "Kurang/Misconduct"


@settings(deadline=None)
@given(
    hasil=st.sampled_from([B, S, A]),
    perilaku=st.sampled_from([B, S, A]),
    which=st.sampled_from(["hasil", "perilaku"]),
)
def test_raising_a_rating_never_lowers_the_predikat(hasil, perilaku, which):
    order = [B, S, A]
    before = RULES.predikat_rank(kuadran.predikat(RULES, hasil, perilaku))
    if which == "hasil" and hasil != A:
        hasil = order[order.index(hasil) + 1]
    elif which == "perilaku" and perilaku != A:
        perilaku = order[order.index(perilaku) + 1]
    assert RULES.predikat_rank(kuadran.predikat(RULES, hasil, perilaku)) >= before


# --- synonyms ------------------------------------------------------------------------------

SYNONYMS = {
    "rating": {"Diatas Ekspektasi": A, "Dibawah Ekspektasi": B, "Di Atas": A, "Di Bawah": B, "Diatas": A,
               "Dibawah": B, "Sesuai": S},
    "predikat": {"Cukup": "butuh_perbaikan", "Kurang": "kurang_misconduct", "Misconduct": "kurang_misconduct",
                 "Kurang atau Misconduct": "kurang_misconduct"},
    "predikat_organisasi": {"Cukup": "butuh_perbaikan"},
}


@pytest.mark.parametrize(
    ("vocab", "written", "canonical"),
    [(v, w, c) for v, pairs in SYNONYMS.items() for w, c in pairs.items()],
)
def test_each_synonym_is_an_error_naming_the_canonical_value(vocab, written, canonical):
    import jsonschema

    from kinerja.model.rules import synonym_map
    from kinerja.model.schemas import translate

    allowed = {
        "rating": [A, S, B],
        "predikat": [p for p, _ in RULES.predikat],
        "predikat_organisasi": ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"],
    }[vocab]
    error = next(jsonschema.Draft202012Validator({"enum": allowed}).iter_errors(written))
    [(path, _on_key, code, message)] = translate(error, synonym_map([RULES]))
    assert code == "schema-synonym"
    assert f"“{canonical}”" in message


def test_every_synonym_in_the_rule_file_is_tested():
    """Both ways: every synonym of the rule file is tested above, and every tested one is in the file."""
    tested = {(v, w.casefold().replace(" ", "_")) for v, pairs in SYNONYMS.items() for w in pairs}
    in_file = {(v, term) for v, terms in RULES.sinonim.items() for term in terms}
    assert in_file - tested == set(), "synonyms in the rule file without a test"
    assert tested - in_file == set(), "tested synonyms missing from the rule file"
    assert {(v, w.casefold().replace(" ", "_")): c for v, pairs in SYNONYMS.items() for w, c in pairs.items()} == {
        (v, term): c for v, terms in RULES.sinonim.items() for term, c in terms.items()}


# --- capaian -------------------------------------------------------------------------------


def test_worked_example_range_above_upper_bound():
    persen, _ = capaian_percent(Target("%", min=80, maks=90), 92, lower_is_better=False)
    assert indonesian(persen, 1, "%") == "102,2%"


def test_worked_example_lower_is_better_below_lower_bound():
    persen, _ = capaian_percent(Target("bulan", min=7, maks=8), 6.5, lower_is_better=True)
    assert persen == (1 + (1 - Fraction(13, 14))) * 100
    assert indonesian(persen, 1, "%") == "107,1%"


def test_inside_a_range_is_100_percent():
    assert capaian_percent(Target("%", min=80, maks=90), 85, False)[0] == 100
    assert capaian_percent(Target("hari", min=3, maks=5), 4, True)[0] == 100


def test_a_negative_capaian_is_shown_as_0_percent():
    # lower is better, target 10 hari, realisasi 25 hari: (1 + (1 - 25/10)) x 100 = -50% -> shown 0%
    persen, note = capaian_percent(Target("hari", nilai=10), 25, lower_is_better=True)
    assert persen == 0 and "0%" in note
    # just below 0%: 1000 -> 2004 hari gives (2 - 2.004) x 100 = -0.4% -> 0%
    assert capaian_percent(Target("hari", nilai=1000), 2004, lower_is_better=True) == (0, "capaian di bawah 0% ditampilkan 0%")
    # exactly 0% (realisasi twice the target) is a computed value, not a clamped one
    assert capaian_percent(Target("hari", nilai=10), 20, lower_is_better=True) == (0, None)
    # just above 0%: 19 hari -> (2 - 1.9) x 100 = 10%
    assert capaian_percent(Target("hari", nilai=10), 19, lower_is_better=True) == (10, None)


def test_range_bounds_belong_to_the_range():
    # the bounds themselves are inside: 100%, with the note saying so (not a ratio against the bound)
    assert capaian_percent(Target("%", min=80, maks=90), 80, False) == (100, "di dalam rentang target")
    assert capaian_percent(Target("%", min=80, maks=90), 90, False) == (100, "di dalam rentang target")
    assert capaian_percent(Target("%", min=80, maks=90), 72, False) == (90, None)  # below: 72/80


def test_target_and_unit_text():
    from kinerja.score.capaian import target_text, with_unit

    assert with_unit("60", "%") == "60%"  # Indonesian writes % against the number
    assert with_unit("85", "poin") == "85 poin"
    assert with_unit("5", "$") == "5 $"  # any other sign keeps its space
    assert with_unit("5", None) == "5" and with_unit("5", "") == "5"
    assert target_text(Target("proyek", nilai=6)) == "6 proyek"
    assert target_text(Target("dokumen", nilai=2.5)) == "2,5 dokumen"
    assert target_text(Target("%", min=75, maks=85)) == "75–85%"
    assert target_text(None, "Laporan diterima tepat waktu") == "Laporan diterima tepat waktu"
    assert target_text(None) == "–"


@pytest.mark.parametrize("realisasi", [True, False, "10", None, [10]])
def test_realisasi_that_is_not_a_number_is_not_computable(realisasi):
    assert capaian_percent(Target("dokumen", nilai=10), realisasi, False) == (None, "realisasi bukan angka")


def test_capaian_of_one_iki():
    from kinerja.model.records import Iki
    from kinerja.score.capaian import for_iki

    def iki(target, teks=None, lower=False):
        return Iki(("x",), "iki-1", "kuantitas", "Modul disusun", target, teks, lower, None, None)

    c = for_iki("rhk-1", iki(Target("modul", nilai=12)), 9)
    assert (c.rhk, c.iki, c.aspek, c.uraian, c.target, c.realisasi) == ("rhk-1", "iki-1", "kuantitas", "Modul disusun", "12 modul", 9)
    assert (c.persen, c.keterangan, c.lebih_kecil_lebih_baik) == (75, None, False)
    c = for_iki("rhk-1", iki(None, "Laporan diterima"), 9)
    assert (c.persen, c.keterangan, c.target) == (None, "target naratif (kualitatif)", "Laporan diterima")
    c = for_iki("rhk-1", iki(Target("modul", nilai=12)), None)
    assert (c.persen, c.keterangan) == (None, "realisasi belum dilaporkan")
    assert for_iki("rhk-1", iki(Target("hari", nilai=10), lower=True), 8).persen == 120


def test_zero_target_is_not_computable():
    persen, note = capaian_percent(Target("dokumen", nilai=0), 3, False)
    assert persen is None and "0" in note


@settings(deadline=None)
@given(
    target=st.fractions(min_value=Fraction(1, 100), max_value=10**6).map(lambda f: float(round(f, 2)) or 1.0),
    lower=st.booleans(),
)
def test_realisasi_equal_to_target_is_100_percent(target, lower):
    assert capaian_percent(Target("unit", nilai=target), target, lower)[0] == 100


# --- angka kredit --------------------------------------------------------------------------

CONVERSION = {"sangat_baik": 150, "baik": 100, "butuh_perbaikan": 75, "kurang_misconduct": 50, "sangat_kurang": 25}
COEFFICIENT = {"ahli_pertama": 12.5, "ahli_muda": 25, "ahli_madya": 37.5, "ahli_utama": 50, "terampil": 5, "mahir": 12.5, "penyelia": 25}


class _Plan:
    def __init__(self, start: str, end: str):
        from datetime import date

        self.mulai, self.selesai = date.fromisoformat(start), date.fromisoformat(end)
        self.tahun = self.mulai.year


@pytest.mark.parametrize("jenjang", sorted(COEFFICIENT))
@pytest.mark.parametrize("predikat", sorted(CONVERSION))
def test_angka_kredit_full_year_every_coefficient_and_percentage(jenjang, predikat):
    result = angka_kredit(RULES, _Plan("2026-01-01", "2026-12-31"), jenjang, predikat)
    assert result.value == Fraction(CONVERSION[predikat], 100) * Fraction(str(COEFFICIENT[jenjang]))
    assert result.bulan == 12


def test_angka_kredit_worked_examples():
    full = angka_kredit(RULES, _Plan("2026-01-01", "2026-12-31"), "ahli_pertama", "sangat_baik")
    assert str(rounded(full.value, 2)) == "18.75"
    two_months = angka_kredit(RULES, _Plan("2026-11-01", "2026-12-31"), "ahli_pertama", "baik")
    assert two_months.bulan == 2
    assert two_months.value == Fraction(2, 12) * Fraction(25, 2)  # exact: 25/12
    assert str(rounded(two_months.value, 2)) == "2.08"


def test_pemula_has_no_published_coefficient_and_is_reported_unknown():
    result = angka_kredit(RULES, _Plan("2026-01-01", "2026-12-31"), "pemula", "baik")
    assert isinstance(result, AngkaKredit) and result.value is None
    assert "tidak diketahui" in result.keterangan


@given(months=st.integers(min_value=1, max_value=12), predikat=st.sampled_from(sorted(CONVERSION)))
@settings(max_examples=60, deadline=None)
def test_angka_kredit_is_linear_in_months(months, predikat):
    start = f"2026-{13 - months:02d}-01"
    part = angka_kredit(RULES, _Plan(start, "2026-12-31"), "ahli_muda", predikat)
    one = angka_kredit(RULES, _Plan("2026-12-01", "2026-12-31"), "ahli_muda", predikat)
    assert part.bulan == months
    assert part.value == months * one.value


def test_two_plans_in_a_year_share_twelve_months():
    from kinerja.score.angka_kredit import months_covered

    first, second = _Plan("2026-01-01", "2026-08-14"), _Plan("2026-08-15", "2026-12-31")
    assert months_covered(first) + months_covered(second) == 12


# --- the distribution curve ----------------------------------------------------------------

# domain.md §5 as (predikat organisasi, counts that keep the guidance, counts that break one row, words in the warning)
CURVE_CASES = [
    ("istimewa", {"sangat_baik": 6, "baik": 4}, {"sangat_baik": 8, "baik": 2}, "melebihi batas 70%"),
    ("istimewa", {"sangat_baik": 6, "baik": 4}, {"sangat_baik": 3, "baik": 7}, "kelompok terbanyak"),
    ("baik", {"baik": 7, "butuh_perbaikan": 2, "sangat_baik": 1}, {"baik": 8, "butuh_perbaikan": 1, "sangat_baik": 1}, "melebihi batas 70%"),
    ("baik", {"baik": 7, "kurang_misconduct": 1, "sangat_baik": 2}, {"baik": 7, "sangat_baik": 3}, "paling sedikit 1 orang"),
    ("baik", {"baik": 6, "butuh_perbaikan": 1, "sangat_baik": 3}, {"baik": 3, "butuh_perbaikan": 1, "sangat_baik": 6}, "kelompok terbanyak"),
    ("butuh_perbaikan", {"butuh_perbaikan": 6, "baik": 3, "sangat_baik": 1}, {"butuh_perbaikan": 6, "baik": 2, "sangat_baik": 2}, "melebihi batas 10%"),
    ("butuh_perbaikan", {"butuh_perbaikan": 6, "baik": 4}, {"butuh_perbaikan": 5, "baik": 5}, "kurang dari batas bawah 60%"),
    ("kurang", {"kurang_misconduct": 6, "butuh_perbaikan": 1, "baik": 3}, {"kurang_misconduct": 6, "butuh_perbaikan": 1, "baik": 1, "sangat_baik": 2}, "melebihi batas 10%"),
    ("kurang", {"kurang_misconduct": 6, "butuh_perbaikan": 1, "baik": 3}, {"kurang_misconduct": 6, "baik": 4}, "kurang dari batas bawah 10%"),
    ("kurang", {"kurang_misconduct": 6, "butuh_perbaikan": 1, "baik": 3}, {"kurang_misconduct": 5, "butuh_perbaikan": 1, "baik": 4}, "kurang dari batas bawah 60%"),
    ("sangat_kurang", {"sangat_kurang": 6, "butuh_perbaikan": 1, "baik": 3}, {"sangat_kurang": 6, "butuh_perbaikan": 1, "baik": 2, "sangat_baik": 1}, "melebihi batas 0%"),
    ("sangat_kurang", {"sangat_kurang": 6, "kurang_misconduct": 1, "baik": 3}, {"sangat_kurang": 6, "baik": 4}, "kurang dari batas bawah 10%"),
    ("sangat_kurang", {"sangat_kurang": 6, "butuh_perbaikan": 1, "baik": 3}, {"sangat_kurang": 5, "butuh_perbaikan": 1, "baik": 4}, "kurang dari batas bawah 60%"),
]


@pytest.mark.parametrize(("org", "good", "bad", "words"), CURVE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CURVE_CASES)])
def test_curve_row(org, good, bad, words):
    assert check_curve(RULES, org, good).status == "sesuai", check_curve(RULES, org, good).pelanggaran
    result = check_curve(RULES, org, bad)
    assert result.status == "menyimpang"
    assert any(words in p for p in result.pelanggaran), result.pelanggaran


def test_every_curve_row_of_the_rule_file_is_exercised():
    rows = sum(len(items) for items in RULES.kurva["aturan"].values())
    assert rows == 13 == len(CURVE_CASES)


def test_small_groups_are_too_small_to_judge():
    assert check_curve(RULES, "baik", {"baik": 4}).status == "terlalu_kecil"
    assert check_curve(RULES, None, {"baik": 9}).status == "tanpa_predikat_organisasi"
    assert RULES.kurva["ukuran_kelompok_minimum"] == 5


def test_curve_compares_exactly_without_rounding():
    # 7 of 10 is exactly 70%: allowed; 71 of 100 is not
    assert check_curve(RULES, "baik", {"baik": 7, "butuh_perbaikan": 3}).status == "sesuai"
    assert check_curve(RULES, "baik", {"baik": 71, "butuh_perbaikan": 29}).status == "menyimpang"


def test_org_to_rating_mapping_is_a_documented_assumption():
    peta = RULES.org_ke_rating["peta"]
    assert peta == {
        "istimewa": A, "baik": S, "butuh_perbaikan": B, "kurang": B, "sangat_kurang": B,
    }
    assert RULES.org_ke_rating["verifikasi"] is True


def test_rules_file_path_is_the_single_source(tmp_path: Path):
    """The methodology page and the scorer read this same file (no copy in code)."""
    import kinerja.score.kuadran as k

    source = Path(k.__file__).read_text(encoding="utf-8")
    for literal in ("sangat_baik", "kurang_misconduct", "150", "12.5"):
        assert literal not in source
