"""publish/projecting/units.py, goals.py and history.py in process: the unit tree and its order,
the years and periods, the rule tables per year, sasaran with the higher sasaran they support,
and what the public learns of git (offices and kinds of data, never whose file). Small
hand-made inputs, and the demo repository read once; expected values by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache
from types import SimpleNamespace as NS

import pytest
from kthelpers import ROOT

from kinerja.publish.policy import DEFAULT, UnitPolicy, load_policy
from kinerja.publish.projecting import goals as G
from kinerja.publish.projecting import history as H
from kinerja.publish.projecting import units as U
from kinerja.publish.projecting.context import context
from kinerja.repository import load_repository


@lru_cache(maxsize=1)
def _demo():
    repo = load_repository(ROOT)
    return repo, load_policy(ROOT)


def _ctx(policy=None):
    repo, demo_policy = _demo()
    return context(repo, policy or demo_policy)


# --- units.py --------------------------------------------------------------------------------


def _unit(uid, nama, induk=None):
    return NS(id=uid, nama=nama, induk=induk)


def test_tree_order_is_by_name_depth_first_and_a_cycle_comes_last():
    units = {u.id: u for u in [
        _unit("z", "dinas zebra"), _unit("a", "Badan Arsip"), _unit("z-2", "Bidang B", "z"), _unit("z-1", "bidang a", "z"),
        _unit("z-1-x", "Seksi", "z-1"), _unit("lost", "Anak Yatim", "hilang"),  # a parent that is no unit: a root
        _unit("c1", "Siklus Satu", "c2"), _unit("c2", "Siklus Dua", "c1"),
    ]}
    # roots by name ignoring case ("Anak", "Badan", "dinas"); children likewise, depth first
    assert U.tree_order(units) == ["lost", "a", "z", "z-1", "z-1-x", "z-2", "c1", "c2"]


def test_tree_order_breaks_a_tie_of_names_by_id():
    units = {u.id: u for u in [_unit("b", "Sama"), _unit("a", "sama")]}
    assert U.tree_order(units) == ["a", "b"]


def test_public_units_of_the_demo_know_their_place_in_the_tree():
    order, units, pds = U.public_units(_ctx())
    assert pds == ["bkpsdm", "disdukcapil", "dinkes", "diskominfo", "disdik", "setda"]
    assert order[:8] == ["bkpsdm", "bkpsdm-bid-pkp", "disdukcapil", "disdukcapil-bid-capil", "disdukcapil-bid-dafduk",
                         "dinkes", "dinkes-bid-yankes", "dinkes-pkm-mb"]
    assert list(units) == order
    pkm = units["dinkes-pkm-mb"]
    assert (pkm.induk, pkm.pd, pkm.depth, pkm.is_pd, pkm.children) == ("dinkes-bid-yankes", "dinkes", 2, False, [])
    assert units["dinkes-bid-yankes"].children == ["dinkes-pkm-mb"] and units["dinkes-bid-yankes"].depth == 1
    assert units["dinkes"].induk is None and units["dinkes"].depth == 0 and units["dinkes"].is_pd
    assert units["disdukcapil"].children == ["disdukcapil-bid-capil", "disdukcapil-bid-dafduk"]
    assert (units["dinkes"].jenis_label, pkm.jenis_label) == ("Dinas", "Puskesmas")


def test_each_unit_gets_its_own_complaint_channel_or_the_regencys():
    policy = replace(DEFAULT, kanal_pengaduan_url="https://pengaduan.example.go.id/",
                     kanal_pengaduan_per_unit={"dinkes": "https://dinkes.example.go.id/lapor", "disdik": "javascript:alert(1)"})
    _order, units, _pds = U.public_units(_ctx(policy))
    assert units["dinkes"].kanal_pengaduan == "https://dinkes.example.go.id/lapor"
    assert units["bkpsdm"].kanal_pengaduan == "https://pengaduan.example.go.id/"
    assert units["disdik"].kanal_pengaduan == "https://www.lapor.go.id/"  # an unsafe link: the national channel


def test_years_are_newest_first_and_periods_in_calendar_order():
    repo = NS(goals={("disdik", 2024): None}, plan_paths={(2025, "a"): "x"},
              eval_paths={(2026, "triwulan_3", "a"): "x", (2026, "bulan_02", "b"): "x", (2026, "triwulan_1", "c"): "x",
                          (2025, "triwulan_1", "a"): "x"},
              unit_results={("disdik", 2027, "triwulan_2"): "x", ("disdik", 2026, "triwulan_1"): "x"})
    years, periods = U.years_and_periods(repo)
    assert years == [2027, 2026, 2025, 2024]
    assert periods == {2027: ["triwulan_2"], 2026: ["bulan_02", "triwulan_1", "triwulan_3"], 2025: ["triwulan_1"], 2024: []}


def test_rule_tables_per_year_and_a_year_without_rules():
    status = {"ambang_sesuai_jalur": 90, "status": {"tercapai": {"label": "Tercapai", "simbol": "✓"}}}
    a = NS(id="a", predikat={"baik": 1, "cukup": 2}, capaian={"desimal_tampilan": 2}, status_iki=None)
    b = NS(id="b", predikat={"x": 1}, capaian=None, status_iki=status)
    c = NS(id="c", predikat={}, capaian={"rumus": "x"}, status_iki=None)  # capaian rules without display places
    by_year = {2026: a, 2025: a, 2024: None, 2023: b, 2022: c}
    repo = NS(rules_for_year=by_year.get, rule_sets={"b": b, "a": a, "c": c})
    t = U.rule_tables(repo, [2026, 2025, 2024, 2023, 2022])
    assert t["rule_by_year"] == by_year
    assert t["predikat_labels"] == {2026: ["baik", "cukup"], 2025: ["baik", "cukup"], 2024: [], 2023: ["x"], 2022: []}
    assert t["capaian_places"] == {2026: 2, 2025: 2, 2024: 1, 2023: 1, 2022: 1}
    assert t["status_rules"][2026] is None and t["status_rules"][2024] is None
    assert t["status_rules"][2023].ambang_sesuai_jalur == 90
    assert t["rule_years"] == {"a": [2025, 2026], "b": [2023], "c": [2022]}
    assert t["rule_sets"] == [a, b, c]  # by id


# --- goals.py --------------------------------------------------------------------------------


def test_sasaran_name_the_higher_sasaran_they_support():
    goals = G.public_goals(_ctx())
    assert list(goals)[0] == ("batanghari", 2026)
    keys = list(goals)
    assert keys == sorted(keys, key=lambda k: (k[1], k[0]))
    regency = {g.id: g.uraian for g in goals[("batanghari", 2026)]}
    bkpsdm = goals[("bkpsdm", 2026)]
    # a perangkat daerah's sasaran support the regency's
    assert [(g.id, g.mendukung, g.mendukung_uraian) for g in bkpsdm] == [
        ("ss-1", "ss-3", regency["ss-3"]), ("ss-2", "ss-1", regency["ss-1"])]
    assert all(g.mendukung is None and g.mendukung_uraian is None for g in goals[("batanghari", 2026)])
    assert all(g.unit == "bkpsdm" and g.tahun == 2026 for g in bkpsdm)
    first = bkpsdm[0].indikator[0]
    assert first.uraian == "Persentase ASN dengan SKP disetujui tepat waktu"
    assert (first.target.teks, first.target.nilai, first.target.satuan) == ("95%", 95, "%")
    assert G.public_target(None) is None


def test_sasaran_are_listed_by_year_then_unit():
    repo, _policy = _demo()
    ctx = _ctx()
    one = NS(goals=[], sumber=None)
    ctx.repo = NS(regency=repo.regency, units={}, goals={("b", 2025): one, ("a", 2026): one, ("a", 2025): one})
    assert list(G.public_goals(ctx)) == [("a", 2025), ("b", 2025), ("a", 2026)]


def test_a_sub_units_sasaran_support_its_parent_units():
    repo, policy = _demo()
    ctx = _ctx()
    parent = next(iter(repo.goals[("disdik", 2026)].goals))
    fake_goal = NS(id="s-x", uraian="Sasaran seksi", mendukung=parent.id, indikator=[])
    ctx.repo = NS(regency=repo.regency, units=repo.units,
                  goals={("disdik", 2026): repo.goals[("disdik", 2026)],
                         ("disdik-bid-sd", 2026): NS(goals=[fake_goal], sumber=None)})
    sub = G.public_goals(ctx)[("disdik-bid-sd", 2026)]
    assert [(g.id, g.mendukung_uraian) for g in sub] == [("s-x", parent.uraian)]


def test_no_sasaran_are_published_when_the_policy_says_so():
    policy = replace(DEFAULT, unit=replace(UnitPolicy(), sasaran=False))
    assert G.public_goals(_ctx(policy)) == {}


# --- history.py ------------------------------------------------------------------------------


UNITS = {
    "disdik": NS(pd="disdik", nama="Dinas Pendidikan"), "disdik-bid-sd": NS(pd="disdik", nama="Bidang SD"),
    "dinkes": NS(pd="dinkes", nama="Dinas Kesehatan"), "setda": NS(pd="setda", nama="Sekretariat Daerah"),
    "bkpsdm": NS(pd="bkpsdm", nama="BKPSDM"),
}
PERSON_UNIT = {"p1": {"disdik-bid-sd"}, "p2": {"dinkes"}}


def test_a_changed_file_belongs_to_the_units_of_its_kind():
    assert H.units_of_path("plans/2026/p1.yml", PERSON_UNIT, UNITS) == {"disdik-bid-sd"}
    assert H.units_of_path("evaluations/2026/triwulan_3/p2.yml", PERSON_UNIT, UNITS) == {"dinkes"}
    assert H.units_of_path("plans/2026/p9.yml", PERSON_UNIT, UNITS) == set()  # nobody's plan placed
    assert H.units_of_path("organisation/goals/2026/dinkes.yml", PERSON_UNIT, UNITS) == {"dinkes"}
    assert H.units_of_path("unit-results/2026/triwulan_1/setda.yml", PERSON_UNIT, UNITS) == {"setda"}
    assert H.units_of_path("organisation/goals/2026/hilang.yml", PERSON_UNIT, UNITS) == set()
    # a unit file: every unit of that perangkat daerah
    assert H.units_of_path("organisation/units/disdik.yml", PERSON_UNIT, UNITS) == {"disdik", "disdik-bid-sd"}
    assert H.units_of_path("organisation/units/hilang.yml", PERSON_UNIT, UNITS) == set()
    assert H.units_of_path("organisation/people/p1.yml", PERSON_UNIT, UNITS) == set()
    assert H.units_of_path("README.md", PERSON_UNIT, UNITS) == set()


def test_a_change_is_described_by_kind_year_period_and_office_never_by_whose_file():
    # an unknown path or a private record first does not end the description of the others
    out = H.describe_change(("README.md", "calibrations/2026/triwulan_2/disdik.yml", "evaluations/2026/triwulan_3/p1.yml",
                             "evaluations/2026/triwulan_3/p2.yml", "organisation/people/p1.yml"),
                            PERSON_UNIT, UNITS)
    assert out == ["Data pegawai dan penugasan", "Evaluasi kinerja 2026 Triwulan III: Dinas Kesehatan, Dinas Pendidikan"]
    assert H.describe_change(("calibrations/2026/triwulan_2/disdik.yml",), PERSON_UNIT, UNITS) == []
    assert H.describe_change(("plans/2026/p1.yml", "organisation/publikasi.yml", "organisation/instansi.yml"),
                             PERSON_UNIT, UNITS) == ["Kebijakan publikasi", "Pengaturan instansi", "Rencana kinerja (SKP) 2026: Dinas Pendidikan"]
    assert H.describe_change(("surveys/2026/semester_1/disdik.yml",), PERSON_UNIT, UNITS) == ["Data lain 2026"]


def test_a_big_change_names_three_offices_and_four_kinds_and_counts_the_rest():
    units = {f"pd{i}": NS(pd=f"pd{i}", nama=f"Dinas {i}") for i in range(5)}
    paths = tuple(f"organisation/goals/2026/pd{i}.yml" for i in range(5))
    assert H.describe_change(paths, {}, units) == ["Sasaran organisasi 2026: Dinas 0, Dinas 1, Dinas 2, dan 2 perangkat daerah lain"]
    three = tuple(f"organisation/goals/2026/pd{i}.yml" for i in range(3))
    assert H.describe_change(three, {}, units) == ["Sasaran organisasi 2026: Dinas 0, Dinas 1, Dinas 2"]
    kinds = ("plans/2026/x.yml", "evaluations/2026/triwulan_1/x.yml", "organisation/goals/2026/x.yml",
             "unit-results/2026/triwulan_1/x.yml", "organisation/units/x.yml", "rules/pp-46-2011.yml")
    out = H.describe_change(kinds, {}, units)
    assert out == ["Aturan penilaian", "Evaluasi kinerja 2026 Triwulan I", "Predikat kinerja organisasi 2026 Triwulan I",
                   "Rencana kinerja (SKP) 2026", "dan 2 jenis data lain"]
    assert len(H.describe_change(kinds[:4], {}, units)) == 4  # four kinds: no count line


def test_plans_are_placed_by_their_unit_or_the_persons_assignment_at_the_plans_end():
    end = date(2026, 12, 31)
    person = NS(assignment_on=lambda day: NS(unit="dinkes") if day == end else None)
    repo = NS(people={"p2": person})
    ctx = NS(repo=repo, plans={(2026, "p1"): NS(unit="disdik-bid-sd", pegawai="p1", selesai=end),
                               (2026, "p2"): NS(unit=None, pegawai="p2", selesai=end),
                               (2026, "p3"): NS(unit=None, pegawai="p3", selesai=end),  # nobody on file
                               (2026, "p4"): NS(unit="hilang", pegawai="p4", selesai=end)})
    assert H.person_units(ctx, UNITS) == {"p1": {"disdik-bid-sd"}, "p2": {"dinkes"}}


def test_public_changes_list_public_commits_and_date_each_unit_and_its_perangkat_daerah():
    units = {"disdik": NS(pd="disdik", nama="Dinas Pendidikan", diperbarui=None),
             "disdik-bid-sd": NS(pd="disdik", nama="Bidang SD", diperbarui=None),
             "dinkes": NS(pd="dinkes", nama="Dinas Kesehatan", diperbarui=500),
             "setda": NS(pd="setda", nama="Sekretariat Daerah", diperbarui=300)}
    ctx = NS(repo=NS(people={}), plans={(2026, "p1"): NS(unit="disdik-bid-sd", pegawai="p1", selesai=date(2026, 12, 31))})
    history = NS(available=True,
                 changes=[NS(sha="b", epoch=200, paths=("calibrations/2026/triwulan_2/disdik.yml",)),  # private only
                          NS(sha="a", epoch=100, paths=("plans/2026/p1.yml",))],
                 last_changed={"plans/2026/p1.yml": 100, "organisation/goals/2026/disdik.yml": 50,
                               "organisation/goals/2026/dinkes.yml": 400, "organisation/goals/2026/setda.yml": 400})
    changes = H.public_changes(ctx, history, units)
    assert [(c.sha, c.epoch, c.uraian) for c in changes] == [("a", 100, ["Rencana kinerja (SKP) 2026: Dinas Pendidikan"])]
    # the sub-unit's plan dates it and its perangkat daerah; an older change does not go back in time
    assert (units["disdik-bid-sd"].diperbarui, units["disdik"].diperbarui, units["dinkes"].diperbarui) == (100, 100, 500)
    assert units["setda"].diperbarui == 400  # a newer change replaces an older time
    assert H.public_changes(ctx, NS(available=False), units) == []


def test_target_changes_reach_published_plans_only():
    ch1, ch2, ch3 = (NS(rhk="rhk-1", iki="iki-1"), NS(rhk="rhk-1", iki="iki-1"), NS(rhk="rhk-2", iki="iki-1"))
    history = NS(target_changes={(2026, "p1"): [ch1, ch2, ch3], (2026, "p2"): [ch1], (2026, "p3"): [ch1]})
    code_of = {(2026, "p1"): "2026-0001", (2026, "p2"): "2026-0002"}  # p3 has no public code
    out = H.target_changes(history, code_of, plans={"2026-0001": object()})  # p2's plan is not published
    assert out == {"2026-0001": {("rhk-1", "iki-1"): [ch1, ch2], ("rhk-2", "iki-1"): [ch3]}}
    assert H.target_changes(NS(), code_of, {"2026-0001": object()}) == {}  # no history at all


@pytest.mark.parametrize("kind", sorted(H.PRIVATE_KINDS))
def test_private_kinds_have_no_public_label(kind):
    assert kind not in H.KIND_TEXT
