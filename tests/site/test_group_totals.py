"""publish/projecting/groups.py beyond the disclosure rule itself (test_suppression.py): the
curve limits shown per predikat, who counts as published individually (and in which group),
the published group record, the regency totals summed over published groups only, and the
ASN count per year. In process, on small hand-made inputs; expected values by hand."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from fractions import Fraction
from types import SimpleNamespace as NS

import pytest

from kinerja.publish.policy import DEFAULT, UnitPolicy
from kinerja.publish.projecting import groups

KURVA = {"aturan": {"baik": [
    {"predikat": ["baik"], "maks_persen": 70},
    {"predikat": ["baik"], "terbanyak": True},
    {"predikat": ["butuh_perbaikan", "kurang_misconduct"], "maks_persen": 30},  # two predikat: no single limit
    {"predikat": ["sangat_baik"], "min_persen": 5},
    {"predikat": ["sangat_baik"], "maks_persen": "12.5"},
]}}


def test_curve_limits_per_single_predikat():
    rules = NS(kurva=KURVA)
    assert groups.limits(rules, "baik") == {"baik": (None, Fraction(70)), "sangat_baik": (Fraction(5), Fraction(25, 2))}
    assert groups.limits(rules, "istimewa") == {}  # no rule for this predikat organisasi


@pytest.mark.parametrize("rules, org", [(None, "baik"), (NS(kurva=None), "baik"), (NS(kurva={}), "baik"),
                                        (NS(kurva=KURVA), None)])
def test_no_limits_without_a_curve_or_a_predikat_organisasi(rules, org):
    assert groups.limits(rules, org) == {}


class Person:
    def __init__(self, pid, *assignments, status="pns"):
        self.id, self.status, self._a = pid, status, assignments  # (unit, start, end)

    def assignments_between(self, start, end):
        return [NS(unit=u) for u, s, e in self._a if s <= end and e >= start]


def _ctx(people, predikat_public=True, evaluations=None, eval_paths=()):
    policy = replace(DEFAULT, pegawai=replace(DEFAULT.pegawai, predikat=predikat_public))
    return NS(repo=NS(people=people, eval_paths=eval_paths), policy=policy, evaluations=evaluations or {})


GROUP_OF = {"sdn-12": "disdik-bid-sd", "bid-sd": "disdik-bid-sd", "dinkes": "dinkes"}


@pytest.fixture
def grouping(monkeypatch):
    monkeypatch.setattr(groups, "assessment_groups", lambda repo: GROUP_OF)


def test_individually_published_people_are_counted_in_the_group_of_their_last_post(grouping):
    people = {
        "a": Person("a", ("sdn-12", date(2026, 1, 1), date(2026, 12, 31))),
        # moved on 15 August from dinkes to bid-sd: in triwulan_3 she counts where she ended
        "b": Person("b", ("dinkes", date(2026, 1, 1), date(2026, 8, 14)), ("bid-sd", date(2026, 8, 15), date(2026, 12, 31))),
        "c": Person("c", ("kantor-lain", date(2026, 1, 1), date(2026, 12, 31))),  # not in any group
        "d": Person("d", ("sdn-12", date(2027, 1, 1), date(2027, 12, 31))),  # no post in 2026
    }
    plans = {
        1: NS(pegawai=NS(id="a"), tahun=2026, predikat={"triwulan_3": "baik", "triwulan_2": "baik"}),
        2: NS(pegawai=NS(id="b"), tahun=2026, predikat={"triwulan_3": "baik", "triwulan_2": "baik"}),
        3: NS(pegawai=NS(id="c"), tahun=2026, predikat={"triwulan_3": "baik"}),
        4: NS(pegawai=NS(id="d"), tahun=2026, predikat={"triwulan_3": "baik"}),
        5: NS(pegawai=None, tahun=2026, predikat={"triwulan_3": "baik"}),  # a plan of no known person
        6: NS(pegawai=NS(id="a"), tahun=2026, predikat={}),  # no predikat shown
    }
    out = groups.individually_shown(_ctx(people), plans)
    assert out == Counter({("disdik-bid-sd", 2026, "triwulan_3"): 2, ("disdik-bid-sd", 2026, "triwulan_2"): 1,
                           ("dinkes", 2026, "triwulan_2"): 1})
    assert groups.individually_shown(_ctx(people, predikat_public=False), plans) == Counter()


def _unit(unit, sebaran, org="baik", status="sesuai", tahun=2026, periode="triwulan_3"):
    return NS(unit=unit, tahun=tahun, periode=periode, sebaran=sebaran, predikat_organisasi=org, pegawai=9,
              final=sum(sebaran.values()), draf=1, belum_ada=2, kurva=NS(status=status, pelanggaran=["p1"]))


def test_the_published_group_record(grouping):
    report = NS(units=[
        _unit("tidak-dipublikasi", {"baik": 3, "sangat_baik": 2}),  # not a published unit: left out, the rest go on
        _unit("disdik-bid-sd", {"baik": 3, "sangat_baik": 2}),
        _unit("dinkes", {"baik": 5}, org=None, status="tanpa_predikat_organisasi"),
    ])
    units = {"disdik-bid-sd": object(), "dinkes": object()}
    out = groups.public_groups(_ctx({}), report, units, {}, {2026: NS(kurva=KURVA)})
    assert set(out) == {("disdik-bid-sd", 2026, "triwulan_3"), ("dinkes", 2026, "triwulan_3")}
    g = out[("disdik-bid-sd", 2026, "triwulan_3")]
    assert (g.ditampilkan, g.alasan, g.sebaran) == (True, None, {"baik": 3, "sangat_baik": 2})
    assert (g.predikat_organisasi, g.predikat_organisasi_label) == ("baik", "Baik")
    assert (g.kurva_status, g.kurva_label, g.pelanggaran) == ("sesuai", "sesuai pola kurva", ["p1"])
    assert g.batas == {"baik": (None, Fraction(70)), "sangat_baik": (Fraction(5), Fraction(25, 2))}
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (9, 5, 1, 2)
    h = out[("dinkes", 2026, "triwulan_3")]  # 5 of 5 Baik: hidden, and nothing about it shown
    assert (h.ditampilkan, h.sebaran, h.kurva_status, h.kurva_label, h.pelanggaran, h.batas) == (False, None, None, None, [], {})
    assert "predikat terbanyak" in h.alasan and h.predikat_organisasi_label is None


def test_people_published_individually_are_subtracted_from_their_group(grouping):
    people = {"a": Person("a", ("sdn-12", date(2026, 1, 1), date(2026, 12, 31)))}
    plans = {1: NS(pegawai=NS(id="a"), tahun=2026, predikat={"triwulan_3": "baik"})}
    report = NS(units=[_unit("disdik-bid-sd", {"baik": 3, "sangat_baik": 2})])
    g = groups.public_groups(_ctx(people), report, {"disdik-bid-sd": 1}, plans, {})
    assert g[("disdik-bid-sd", 2026, "triwulan_3")].ditampilkan is False  # 5 - 1 published = 4 < 5


LABELS = {2026: [("baik", "Baik"), ("sangat_baik", "Sangat Baik")]}


def _group(shown, sebaran, final, draf=0, belum=0, tahun=2026, periode="triwulan_3"):
    return NS(ditampilkan=shown, sebaran=sebaran if shown else None, final=final, draf=draf, belum_ada=belum)


def test_regency_totals_sum_only_the_published_groups():
    gs = {
        ("a", 2026, "triwulan_3"): _group(True, {"baik": 3, "sangat_baik": 2}, 5, 1, 2),
        ("b", 2026, "triwulan_3"): _group(True, {"baik": 4, "butuh_perbaikan": 2}, 6, 0, 1),
        ("c", 2026, "triwulan_3"): _group(False, {"baik": 5}, 5, 2, 0),
    }
    evaluations = {(2026, "triwulan_3", k): NS(status=s) for k, s in
                   [("x1", "final"), ("x2", "final"), ("x3", "draf"), ("x4", "final")]}
    eval_paths = [(2026, "triwulan_3", "x1"), (2026, "triwulan_4", "y1")]
    out = groups.totals(_ctx({}, evaluations=evaluations, eval_paths=eval_paths), gs, LABELS)
    t = out[(2026, "triwulan_3")]
    assert (t.kelompok, t.kelompok_ditampilkan) == (3, 2)
    assert t.sebaran == {"baik": 7, "sangat_baik": 2, "butuh_perbaikan": 2} and t.pegawai_dalam_sebaran == 11
    assert t.evaluasi_belum_ada == 3  # 2 + 1 + 0, over every group
    assert (t.evaluasi_final, t.evaluasi_draf) == (3, 1)  # counted over every evaluation of the period
    # a period with evaluations but no group: zero counts, every predikat at 0
    u = out[(2026, "triwulan_4")]
    assert (u.kelompok, u.kelompok_ditampilkan, u.pegawai_dalam_sebaran, u.evaluasi_belum_ada) == (0, 0, 0, 0)
    assert u.sebaran == {"baik": 0, "sangat_baik": 0} and (u.evaluasi_final, u.evaluasi_draf) == (0, 0)
    assert set(out) == {(2026, "triwulan_3"), (2026, "triwulan_4")}


def test_a_period_whose_groups_are_all_hidden_shows_zeros_for_every_predikat():
    out = groups.totals(_ctx({}), {("c", 2026, "triwulan_3"): _group(False, {"baik": 5}, 5)}, LABELS)
    t = out[(2026, "triwulan_3")]
    assert t.sebaran == {"baik": 0, "sangat_baik": 0} and t.pegawai_dalam_sebaran == 0
    assert (t.kelompok, t.kelompok_ditampilkan) == (1, 0)


def test_asn_counted_per_year_with_an_assignment_in_it():
    people = {
        "a": Person("a", ("u", date(2025, 3, 1), date(2026, 1, 1))),  # one day of 2026 counts
        "b": Person("b", ("u", date(2026, 12, 31), date(2027, 6, 30))),
        "c": Person("c", ("u", date(2024, 1, 1), date(2025, 12, 31))),
        # not an ASN (the status built at run time, as the YAML loader builds it: never the same object as a literal)
        "d": Person("d", ("u", date(2026, 1, 1), date(2026, 12, 31)), status="".join(["non_", "asn"])),
        "e": Person("e", ("u", date(2026, 1, 1), date(2026, 12, 31)), status="pppk"),
    }
    assert groups.people_count(_ctx(people), [2025, 2026, 2027]) == {2025: 2, 2026: 3, 2027: 1}


def test_the_policy_can_hide_every_distribution():
    assert groups.distribution_shown({"baik": 3, "sangat_baik": 2}, 0, UnitPolicy(sebaran_predikat=False))[0] is False
