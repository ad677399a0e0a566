"""score/kuadran.py in process: no predikat without both ratings, and the consistency guidance
(does rating hasil kerja fit the per-RHK ratings?).

The guidance (rule file `konsistensi`, PermenPANRB 6/2022 as quoted in domain.md): "sebagian
besar" means MORE than 50% of the rated RHK in force, and an overall "di atas ekspektasi" is
not given when an RHK utama is rated "di bawah ekspektasi". Counts below are worked out by hand.
"""

from __future__ import annotations

from types import SimpleNamespace

from test_rule_tables import RULES

from kinerja.score.kuadran import consistency, predikat

A, S, B = "di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"
OVERALL = ("penilaian", "rating_hasil_kerja")


def _built(text):
    """A string made at run time, as the YAML loader makes them (not the interned literal)."""
    return "".join(list(text))


class _Rhk:
    def __init__(self, rid, jenis, periods):
        self.id, self.jenis, self.periods = rid, _built(jenis), periods

    def in_force(self, period):
        return period in self.periods


class _Plan:
    def __init__(self, *rhk):
        self.rhk = {r.id: r for r in rhk}

    def rhk_by_id(self, rid):
        return self.rhk.get(rid)


def _case(overall, *rated, jenis=None, retired=(), periode="triwulan_3"):
    """rated: the per-RHK ratings of rhk-1, rhk-2, ... in order (None: not rated)."""
    jenis = jenis or {}
    rhk = [_Rhk(f"rhk-{i}", jenis.get(i, "tambahan"), () if i in retired else ("triwulan_3",))
           for i in range(1, len(rated) + 1)]
    ratings = [SimpleNamespace(rhk=f"rhk-{i}", rating=r, path=("penilaian", "hasil_kerja", i - 1))
               for i, r in enumerate(rated, 1)]
    e = SimpleNamespace(rating_hasil_kerja=overall, ratings=ratings, periode=periode)
    return consistency(RULES, e, _Plan(*rhk))


def test_no_predikat_without_both_ratings():
    assert predikat(RULES, A, S) == "baik"
    assert predikat(RULES, A, None) is None
    assert predikat(RULES, None, S) is None
    assert predikat(RULES, None, None) is None


def test_more_than_half_fitting_is_consistent():
    # 2 of 3 di atas = 66.7% > 50%
    assert _case(A, A, A, S) == []
    # sesuai: di atas counts as fitting too (3 of 3)
    assert _case(S, S, A, S) == []
    # 2 of 3 di bawah
    assert _case(B, B, B, S) == []


def test_just_over_half_is_most_even_in_a_long_plan():
    # 50 of 99 = 50.5% > 50% (the threshold is exact: 50/99 is not rounded down to 50%)
    assert _case(A, *([A] * 50 + [S] * 49)) == []
    # 49 of 99 = 49.5%: reported
    [(path, message)] = _case(A, *([A] * 49 + [S] * 50))
    assert path == OVERALL and "hanya 49 dari 99 RHK" in message


def test_exactly_half_is_not_most_and_is_reported():
    [(path, message)] = _case(A, A, S)
    assert path == OVERALL
    assert message.startswith("Rating hasil kerja “Di Atas Ekspektasi” kurang sesuai dengan rating per RHK: "
                              "hanya 1 dari 2 RHK yang mendukungnya; yang lain: rhk-2 (sesuai ekspektasi).")
    assert message.endswith("Panduan: Sebagian besar atau seluruh hasil kerja di atas ekspektasi, "
                            "dan tidak ada RHK utama di bawah ekspektasi.")


def test_fewer_than_half_lists_every_other_rhk():
    # sesuai overall, 1 of 4 fitting (rhk-2 sesuai); the other three are di bawah
    [(path, message)] = _case(S, B, S, B, B)
    assert path == OVERALL
    assert ("hanya 1 dari 4 RHK yang mendukungnya; yang lain: rhk-1 (di bawah ekspektasi), "
            "rhk-3 (di bawah ekspektasi), rhk-4 (di bawah ekspektasi).") in message
    # di bawah overall, 1 of 4 di bawah
    [(_, message)] = _case(B, B, S, S, A)
    assert "hanya 1 dari 4 RHK" in message and "rhk-4 (di atas ekspektasi)" in message


def test_an_rhk_utama_below_expectation_contradicts_di_atas():
    # 3 of 4 di atas (75%), but rhk-4 is utama and di bawah: one warning at its rating
    [(path, message)] = _case(A, A, A, A, B, jenis={4: "utama"})
    assert path == ("penilaian", "hasil_kerja", 3, "rating")
    assert message.startswith("RHK utama rhk-4 dinilai “Di Bawah Ekspektasi”, sehingga rating hasil kerja "
                              "“Di Atas Ekspektasi” tidak sesuai panduan: ")
    # the same rating on an RHK tambahan is no contradiction
    assert _case(A, A, A, A, B) == []
    # and an RHK utama below expectation says nothing against an overall sesuai (no such rule)
    assert _case(S, S, S, S, B, jenis={4: "utama"}) == []


def test_both_warnings_at_once():
    found = _case(A, A, B, jenis={2: "utama"})
    assert [path for path, _ in found] == [OVERALL, ("penilaian", "hasil_kerja", 1, "rating")]


def test_unrated_retired_and_unknown_rhk_do_not_count():
    # rhk-2 unrated: 1 of 1 rated fits
    assert _case(A, A, None) == []
    # rhk-2 (di bawah, utama) is not in force in the period: it neither counts nor contradicts
    assert _case(A, A, B, jenis={2: "utama"}, retired={2}) == []
    # a rating of an RHK the plan does not have is left out: 1 of 1
    e = SimpleNamespace(rating_hasil_kerja=A, periode="triwulan_3", ratings=[
        SimpleNamespace(rhk="rhk-1", rating=A, path=("p", 0)), SimpleNamespace(rhk="rhk-9", rating=S, path=("p", 1))])
    assert consistency(RULES, e, _Plan(_Rhk("rhk-1", "utama", ("triwulan_3",)))) == []


def test_nothing_to_judge():
    assert _case(None, B, B) == []
    assert _case(A) == []  # no RHK rated at all
    assert _case(A, None, None) == []
    assert _case("rating_tak_dikenal", B) == []
