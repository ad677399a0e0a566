"""publish/projecting/plans.py in process: who gets a person page (public office as the policy
names it), where a plan is shown, how plans are numbered, and what each kind of page may show
of a plan (the policy's switches). Small hand-made inputs; expected values by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction
from types import SimpleNamespace as NS

import pytest

from kinerja.publish.policy import DEFAULT
from kinerja.publish.projecting import plans as P
from kinerja.publish.public import PublicEvidence, PublicIki, PublicPersonRef, PublicPlan, PublicRealisasi, PublicRhk

JAN, JUN, DEC = date(2026, 1, 1), date(2026, 6, 30), date(2026, 12, 31)


def test_validity_text():
    assert P.validity("triwulan_2", "triwulan_3") == "berlaku Triwulan II s.d. Triwulan III"
    assert P.validity("triwulan_2", None) == "berlaku mulai Triwulan II"
    assert P.validity(None, "triwulan_3") == "berlaku sampai Triwulan III"
    assert P.validity(None, None) is None
    assert P.validity("x", None) == "berlaku mulai x"


class Person:
    def __init__(self, pid, *posts):  # (unit, jabatan, jenis_jabatan, start, end)
        self.id, self.nama, self.posts = pid, f"Nama {pid}", posts

    def _a(self, p):
        return NS(unit=p[0], jabatan=p[1], jenis_jabatan=p[2])

    def assignment_on(self, day):
        return next((self._a(p) for p in self.posts if p[3] <= day <= p[4]), None)

    def assignments_between(self, start, end):
        return [self._a(p) for p in self.posts if p[3] <= end and p[4] >= start]


def _ctx(people, heads=None, units=None, plans=None, **pegawai):
    policy = replace(DEFAULT, pegawai=replace(DEFAULT.pegawai, **pegawai))
    heads = heads or {}  # person -> [units headed in the plan's range]
    return NS(repo=NS(people=people, units=units or {}), policy=policy, plans=plans or {},
              units_headed=lambda pid, s, e: heads.get(pid, []))


def _plan(pegawai, mulai=JAN, selesai=DEC, unit=None, jabatan=None, status="disetujui", key=None):
    return NS(pegawai=pegawai, mulai=mulai, selesai=selesai, unit=unit, jabatan=jabatan, status=status, key=key or pegawai)


def test_a_plan_is_shown_under_its_own_unit_else_the_post_at_its_end():
    people = {"a": Person("a", ("u1", "Guru", "fungsional", JAN, JUN), ("u2", "Kepala Sekolah", "struktural", date(2026, 7, 1), DEC))}
    ctx = _ctx(people)
    assert P.plan_place(ctx, _plan("a")) == ("u2", "Kepala Sekolah")  # the post on the plan's last day
    assert P.plan_place(ctx, _plan("a", selesai=JUN)) == ("u1", "Guru")
    assert P.plan_place(ctx, _plan("a", unit="u9", jabatan="Analis")) == ("u9", "Analis")
    # no post on either end day: the last post overlapping the range
    gap = {"b": Person("b", ("u1", "Guru", "fungsional", date(2026, 2, 1), date(2026, 3, 31)),
                       ("u3", "Pengawas", "fungsional", date(2026, 4, 1), date(2026, 5, 31)))}
    assert P.plan_place(_ctx(gap), _plan("b")) == ("u3", "Pengawas")
    three = {"c": Person("c", ("u1", "Guru", "fungsional", date(2026, 2, 1), date(2026, 2, 28)),
                         ("u2", "Analis", "fungsional", date(2026, 3, 1), date(2026, 3, 31)),
                         ("u3", "Pengawas", "fungsional", date(2026, 4, 1), date(2026, 5, 31)))}
    assert P.plan_place(_ctx(three), _plan("c")) == ("u3", "Pengawas")  # the last of three, not the second
    assert P.plan_place(_ctx({}), _plan("x")) == (None, "Jabatan tidak tercatat")
    assert P.plan_place(_ctx(gap), _plan("b", mulai=date(2026, 7, 1))) == (None, "Jabatan tidak tercatat")


UNITS = {"dinas": NS(is_pd=True), "bidang": NS(is_pd=False)}


@pytest.mark.parametrize("kinds, person, heads, public", [
    (("jpt",), ("jpt_pratama",), [], True),
    (("jpt",), ("administrator",), [], False),
    (("kepala_perangkat_daerah",), ("administrator",), ["dinas"], True),
    (("kepala_perangkat_daerah",), ("administrator",), ["bidang"], False),  # heads a unit, not a perangkat daerah
    (("kepala_perangkat_daerah",), ("administrator",), ["hilang"], False),  # a unit not in the repository
    (("kepala_unit",), ("administrator",), ["bidang"], True),
    (("kepala_unit",), ("administrator",), [], False),
    ((), ("jpt_pratama",), ["dinas"], False),  # the policy names no office
    (("kepala_perangkat_daerah",), ("jpt_pratama",), [], False),  # jpt counts only where the policy names it
])
def test_public_office_as_the_policy_names_it(kinds, person, heads, public):
    people = {"a": Person("a", ("dinas", "Kepala", person[0], JAN, DEC))}
    ctx = _ctx(people, heads={"a": heads}, units=UNITS, pejabat_publik=kinds)
    assert P.public_office(ctx, _plan("a")) is public
    assert P.public_office(ctx, _plan("tidak-ada")) is False


def test_only_a_post_inside_the_plans_range_counts():
    people = {"a": Person("a", ("dinas", "Kepala", "jpt_pratama", date(2027, 1, 1), date(2027, 12, 31)))}
    assert P.public_office(_ctx(people, pejabat_publik=("jpt",)), _plan("a")) is False


@pytest.mark.parametrize("halaman, jpt, shown", [("semua", False, True), ("pejabat_publik", True, True),
                                                   ("pejabat_publik", False, False), ("tidak_ada", True, False)])
def test_who_gets_a_person_page(halaman, jpt, shown):
    people = {"a": Person("a", ("dinas", "Kepala", "jpt_pratama" if jpt else "fungsional", JAN, DEC))}
    assert P.published_with_person(_ctx(people, halaman=halaman, pejabat_publik=("jpt",)), _plan("a")) is shown
    # the value as read from publikasi.yml: an equal string, never the same object as a literal
    read = "".join(list(halaman))
    assert P.published_with_person(_ctx(people, halaman=read, pejabat_publik=("jpt",)), _plan("a")) is shown


def test_plans_are_numbered_per_unit_and_year_by_jabatan():
    people = {pid: Person(pid, (u, j, "fungsional", JAN, DEC)) for pid, u, j in [
        ("p1", "u1", "guru"), ("p2", "u1", "Analis"), ("p3", "u1", "Guru"), ("p4", "u2", "Guru"), ("p5", "luar", "Guru"),
        ("p6", "u1", "Pengawas")]}
    plans = {(2026, "p1"): _plan("p1", key="p1"), (2026, "p2"): _plan("p2", key="p2"), (2026, "p3"): _plan("p3", key="p3"),
             (2026, "p4"): _plan("p4", key="p4"), (2026, "p5"): _plan("p5", key="p5"),
             (2026, "p6"): _plan("p6", key="p6", status="".join(["dr", "af"])),  # as read from the file
             (2025, "p1"): _plan("p1", key="p1")}
    ctx = _ctx(people, plans=plans)
    out = [(k, u, y, j, h, p.key) for k, u, y, j, h, p in P.numbered_plans(ctx, ["u2", "u1"])]
    # years in order, units in page order; within a unit by jabatan (case-insensitive), then plan key;
    # "Guru" and "guru" are different jabatan (one holder each); a unit outside the order is not published
    assert out == [
        ("2025-u1-01", "u1", 2025, "guru", "guru", "p1"),
        ("2026-u2-01", "u2", 2026, "Guru", "Guru", "p4"),
        ("2026-u1-01", "u1", 2026, "Analis", "Analis", "p2"),
        ("2026-u1-02", "u1", 2026, "guru", "guru", "p1"),
        ("2026-u1-03", "u1", 2026, "Guru", "Guru", "p3"),
        ("2026-u1-04", "u1", 2026, "Pengawas", "Pengawas", "p6"),
    ]
    ctx.policy = replace(ctx.policy, unit=replace(ctx.policy.unit, rencana_draf=False))
    # the draft is left out and the plans after it are still numbered
    assert [(k, p.key) for k, _u, _y, _j, _h, p in P.numbered_plans(ctx, ["u2", "u1"])] == [
        ("2025-u1-01", "p1"), ("2026-u2-01", "p4"), ("2026-u1-01", "p2"), ("2026-u1-02", "p1"), ("2026-u1-03", "p3")]


def test_several_holders_of_one_jabatan_are_told_apart():
    people = {pid: Person(pid, ("u1", "Guru", "fungsional", JAN, DEC)) for pid in ("b", "a", "c")}
    people["d"] = Person("d", ("u1", "Analis", "fungsional", JAN, DEC))
    plans = {(2026, pid): _plan(pid, key=pid) for pid in ("b", "a", "c", "d")}
    out = [(k, h) for k, _u, _y, _j, h, _p in P.numbered_plans(_ctx(people, plans=plans), ["u1"])]
    assert out == [("2026-u1-01", "Analis"), ("2026-u1-02", "Guru (pemegang ke-1)"), ("2026-u1-03", "Guru (pemegang ke-2)"),
                   ("2026-u1-04", "Guru (pemegang ke-3)")]


def _public_plan(**kw):
    real = PublicRealisasi("triwulan_1", 4, "4 proyek", None, None)
    iki = PublicIki("iki-1", None, "u", None, "6 proyek", False, None, realisasi={"triwulan_1": real})
    rhk = PublicRhk("k/rhk-1", "rhk-1", "utama", "u", None, None, False, None, [iki],
                    uraian_realisasi={"triwulan_1": "laporan"}, bukti={"triwulan_1": [PublicEvidence("https://a.example/", None)]})
    base = dict(kode="k", tahun=2026, unit="u1", pd="u1", jabatan="Guru", pemegang="Guru", status="disetujui", mulai=JAN,
                selesai=DEC, pendekatan="kuantitatif", rhk=[rhk], periode_final=["triwulan_1"], periode_draf=[],
                pegawai=PublicPersonRef("a", "A"), perilaku={"Berorientasi Pelayanan": "x"}, lampiran={"L": ["y"]},
                predikat={"triwulan_1": "Baik"})
    base.update(kw)
    return PublicPlan(**base)


def _shown(pp):
    r = pp.rhk[0]
    return {"realisasi": bool(r.indikator[0].realisasi), "uraian": bool(r.uraian_realisasi), "bukti": bool(r.bukti),
            "final": bool(pp.periode_final), "lampiran": bool(pp.perilaku) or bool(pp.lampiran), "predikat": bool(pp.predikat)}


@pytest.mark.parametrize("switches, shown", [
    ((True, True, True, True), dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=True, predikat=True)),
    ((False, True, True, True), dict(realisasi=False, uraian=False, bukti=False, final=False, lampiran=True, predikat=True)),
    ((True, False, True, True), dict(realisasi=True, uraian=True, bukti=False, final=True, lampiran=True, predikat=True)),
    ((True, True, False, True), dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=False, predikat=True)),
    ((True, True, True, False), dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=True, predikat=False)),
])
def test_a_view_shows_only_what_its_page_may(switches, shown):
    pp = _public_plan()
    v = P.view(pp, *switches)
    assert _shown(v) == shown
    assert _shown(pp) == dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=True, predikat=True)  # a copy
    if all(switches):
        assert v is pp


def test_hiding_only_the_lampiran_keeps_both_parts_empty():
    v = P.view(_public_plan(perilaku={}), True, True, False, True)
    assert (v.perilaku, v.lampiran) == ({}, {})
    v = P.view(_public_plan(lampiran={}), True, True, False, True)
    assert (v.perilaku, v.lampiran) == ({}, {})


def test_a_view_of_a_plan_without_realisasi_or_links_is_the_plan_itself():
    pp = _public_plan(periode_final=[], perilaku={}, lampiran={}, predikat={})
    pp.rhk[0].indikator[0].realisasi = {}
    pp.rhk[0].uraian_realisasi = {}
    pp.rhk[0].bukti = {}
    assert P.view(pp, False, False, False, False) is pp


def test_only_the_realisasi_text_counts_as_realisasi_to_strip():
    pp = _public_plan()
    pp.rhk[0].indikator[0].realisasi = {}
    v = P.view(pp, False, True, True, True)
    assert v.rhk[0].uraian_realisasi == {} and v.rhk[0].bukti == {}


def test_unit_and_person_page_views_follow_their_own_switches():
    anon = _public_plan(kode="k2", pegawai=None)
    plans = {"k": _public_plan(), "k2": anon}
    unit_plans, person_plans = P.views(DEFAULT, plans)
    assert set(unit_plans) == {"k", "k2"} and set(person_plans) == {"k"}  # person pages: published people only
    # unit pages never show the lampiran or the predikat
    assert _shown(unit_plans["k"]) == dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=False, predikat=False)
    # the default person policy hides the predikat only
    assert _shown(person_plans["k"]) == dict(realisasi=True, uraian=True, bukti=True, final=True, lampiran=True, predikat=False)
    no_links = replace(DEFAULT, unit=replace(DEFAULT.unit, bukti_dukung=False),
                       pegawai=replace(DEFAULT.pegawai, realisasi=False, predikat=True))
    unit_plans, person_plans = P.views(no_links, plans)
    assert _shown(unit_plans["k"])["bukti"] is False and _shown(unit_plans["k"])["realisasi"] is True
    assert _shown(person_plans["k"]) == dict(realisasi=False, uraian=False, bukti=False, final=False, lampiran=True, predikat=True)
    only_cascade = replace(DEFAULT, unit=replace(DEFAULT.unit, realisasi=False))
    assert _shown(P.views(only_cascade, plans)[0]["k"])["realisasi"] is False
    nothing = replace(DEFAULT, unit=replace(DEFAULT.unit, realisasi=False, kaskade_rhk=False))
    assert P.views(nothing, plans)[0] == {}


def test_unit_page_sections_follow_the_policy():
    assert P.sections(DEFAULT) == {"kaskade", "realisasi", "sasaran", "sebaran", "data_terbuka"}
    off = replace(DEFAULT, data_terbuka=False, unit=replace(DEFAULT.unit, kaskade_rhk=False, realisasi=False, sasaran=False,
                                                           sebaran_predikat=False))
    assert P.sections(off) == set()
    for name, section in [("kaskade_rhk", "kaskade"), ("realisasi", "realisasi"), ("sasaran", "sasaran"),
                          ("sebaran_predikat", "sebaran")]:
        assert P.sections(replace(off, unit=replace(off.unit, **{name: True}))) == {section}
    assert P.sections(replace(off, data_terbuka=True)) == {"data_terbuka"}


# --- fill_rhk: RHK, cascade links and realisasi per final period -----------------------------------


def _iki(iid, target=None, teks=None):
    return NS(id=iid, aspek="kuantitas", uraian=f"uraian {iid}", target=target, target_teks=teks, lebih_kecil_lebih_baik=False,
              berlaku_mulai=None, berlaku_sampai="triwulan_4", jenis_realisasi=None)  # the default: kumulatif


def _rhk(rid, ikis, sasaran=None, intervensi=None):
    return NS(id=rid, jenis="utama", uraian=f"uraian {rid}", perspektif="proses_bisnis" if sasaran else None,
              sasaran=sasaran, intervensi=intervensi, berlaku_mulai="triwulan_2", berlaku_sampai=None, indikator=ikis)


class Plan:
    def __init__(self, pegawai, key, rhk, mulai=JAN, selesai=DEC):
        self.pegawai, self.key, self.rhk, self.mulai, self.selesai = pegawai, key, rhk, mulai, selesai

    def rhk_by_id(self, rid):
        return next((r for r in self.rhk if r.id == rid), None)


def _evaluation(file, status, reports=None, narasi=None):
    reports = reports or {}
    return NS(file=file, status=status, narasi_publik=narasi, report_for=lambda rid: reports.get(rid))


def _pp(kode, unit="bid", pd="dinas", pegawai=None):
    return PublicPlan(kode=kode, tahun=2026, unit=unit, pd=pd, jabatan="J", pemegang="J", status="disetujui", mulai=JAN,
                      selesai=DEC, pendekatan="kuantitatif", rhk=[], periode_final=[], periode_draf=[], pegawai=pegawai)


TARGET = NS(nilai=6, min=None, maks=None, satuan="proyek", is_range=False)


def _fill(staff_range=(date(2026, 8, 1), DEC), boss_first_end=JUN, **pegawai):
    boss_first = Plan("boss", "boss", [_rhk("rhk-9", [])], selesai=boss_first_end)  # January-June
    boss_second = Plan("boss", "boss.2026-07-01", [_rhk("rhk-9", [])], mulai=date(2026, 7, 1))
    staff = Plan("staf", "staf", [
        _rhk("rhk-1", [_iki("iki-1", TARGET), _iki("iki-2", None, "Laporan terbit"), _iki("iki-3", TARGET)],
             sasaran="".join(["s-", "1"])),  # read from the plan file: equal to the goal's id, not the same object
        _rhk("rhk-2", [], sasaran="s-0"),  # not a goal of the unit (sorts before "s-1")
        _rhk("rhk-3", [], intervensi=("boss", "rhk-9")),
        _rhk("rhk-4", [], intervensi=("boss", "rhk-tidak-ada")),
        _rhk("rhk-5", []),
        _rhk("rhk-6", []),  # reported on in triwulan_3 only
        _rhk("rhk-7", [], sasaran="s-2"),  # not a goal of the unit either (sorts after "s-1")
    ], mulai=staff_range[0], selesai=staff_range[1])
    ps = P.PlanSet()
    for kode, plan in [("k-boss1", boss_first), ("k-boss2", boss_second), ("k-staf", staff)]:
        ps.code_of[(2026, plan.key)] = kode
        ps.plan_of_code[kode] = plan
    ps.plans["k-staf"] = _pp("k-staf", pegawai=PublicPersonRef("staf", "Staf") if pegawai.pop("published", True) else None)
    bukti = [NS(url="https://dokumen.example/a.pdf", keterangan="a", publik=True),
             NS(url="https://dokumen.example/rahasia.pdf", keterangan="b", publik=False),
             NS(url="javascript:alert(1)", keterangan="c", publik=True)]
    evaluations = {
        (2026, "triwulan_3", "staf"): _evaluation("e3", "".join(["fi", "nal"]), {"rhk-1": NS(uraian="Sudah 4 proyek", bukti=bukti),
                                                                   "rhk-6": NS(uraian="Laporan rhk-6", bukti=[bukti[0]])},
                                                  narasi="Kata saya"),
        (2026, "triwulan_4", "staf"): _evaluation("e4", "draf"),
        (2026, "triwulan_2", "staf"): _evaluation("e2", "final", {"rhk-1": NS(uraian="", bukti=[bukti[1]])}),
    }
    cap = [NS(rhk="rhk-1", iki="iki-1", realisasi=4, persen=Fraction(200, 3), keterangan=None),
           NS(rhk="rhk-1", iki="iki-2", realisasi="Terbit Agustus", persen=None, keterangan="k"),
           NS(rhk="rhk-1", iki="iki-3", realisasi=None, persen=None, keterangan=None)]
    report = NS(evaluations=[NS(file="e3", dinilai=True, capaian=cap, predikat_label="Baik"),
                             NS(file="e2", dinilai=False, capaian=cap, predikat_label="Kurang")])
    policy = replace(DEFAULT, pegawai=replace(DEFAULT.pegawai, **pegawai))
    ctx = NS(policy=policy, plans={(2026, p.key): p for p in (boss_first, boss_second, staff)}, evaluations=evaluations)
    units = {"bid": NS(is_pd=False), "dinas": NS(is_pd=True)}
    goals = {("dinas", 2026): [NS(id="s-1")]}
    periods = {2026: ["triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4"]}
    P.fill_rhk(ctx, ps, units, goals, periods, {}, report)
    return ps.plans["k-staf"]


def test_realisasi_is_shown_per_final_period_only():
    pp = _fill()
    assert (pp.periode_final, pp.periode_draf) == (["triwulan_2", "triwulan_3"], ["triwulan_4"])
    r1 = pp.rhk[0]
    assert (r1.key, r1.perspektif, r1.berlaku) == ("k-staf/rhk-1", "Proses bisnis", "berlaku mulai Triwulan II")
    i1, i2, i3 = r1.indikator
    assert (i1.aspek, i1.target_teks, i1.berlaku, i1.jenis_realisasi) == ("Kuantitas", "6 proyek", "berlaku sampai Triwulan IV (akhir/tahunan)", "kumulatif")
    assert (i2.target, i2.target_teks) == (None, "Laporan terbit")
    # triwulan_2's evaluation was not scored (dinilai false): no realisasi from it
    assert list(i1.realisasi) == ["triwulan_3"]
    # no status rules for the year: no status is claimed, whatever the capaian
    assert (i1.realisasi["triwulan_3"].teks, i1.realisasi["triwulan_3"].status) == ("4 proyek", "belum_ada_data")
    assert i1.realisasi["triwulan_3"].persen == Fraction(200, 3)
    assert (i2.realisasi["triwulan_3"].teks, i2.realisasi["triwulan_3"].keterangan) == ("Terbit Agustus", "k")
    assert i3.realisasi["triwulan_3"].teks == "–"


def test_only_public_evidence_with_a_safe_link_is_published():
    r1 = _fill().rhk[0]
    assert [(e.url, e.keterangan) for e in r1.bukti["triwulan_3"]] == [("https://dokumen.example/a.pdf", "a")]
    assert "triwulan_2" not in r1.bukti  # its only link is not public
    assert r1.uraian_realisasi == {"triwulan_3": "Sudah 4 proyek"}  # an empty report text is not shown


def test_cascade_links_go_to_the_goal_or_the_overlapping_plan_of_the_supervisor():
    pp = _fill()
    links = {r.id: (r.parent, r.parent_missing) for r in pp.rhk}
    # a bidang's plan refers to its perangkat daerah's goals; the staff plan (from August) overlaps the
    # supervisor's second plan (from July), not the first (January-June)
    assert links == {"rhk-1": ("sasaran:dinas:s-1", False), "rhk-2": ("sasaran:dinas:s-0", True),
                     "rhk-3": ("k-boss2/rhk-9", False), "rhk-4": (None, True), "rhk-5": (None, False),
                     "rhk-6": (None, False), "rhk-7": ("sasaran:dinas:s-2", True)}


@pytest.mark.parametrize("staff_range, parent", [
    ((JUN, DEC), "k-boss1/rhk-9"),  # starts on the last day of the first plan: both overlap, the earlier wins
    ((date(2026, 7, 1), date(2026, 7, 1)), "k-boss2/rhk-9"),  # ends on the first day of the second plan
    ((date(2026, 7, 1), DEC), "k-boss2/rhk-9"),  # the first plan ended the day before
    ((JAN, JAN), "k-boss1/rhk-9"),
])
def test_the_supervisors_plan_overlapping_on_a_single_day_counts(staff_range, parent):
    pp = _fill(staff_range)
    assert next(r.parent for r in pp.rhk if r.id == "rhk-3") == parent


def test_without_an_overlapping_plan_the_supervisors_earliest_counts():
    # the supervisor's plans: January-May and July-December; the staff plan is June only
    pp = _fill((JUN.replace(day=1), JUN), boss_first_end=date(2026, 5, 31))
    assert next(r.parent for r in pp.rhk if r.id == "rhk-3") == "k-boss1/rhk-9"


def test_a_period_without_a_report_does_not_end_the_later_ones():
    r6 = next(r for r in _fill().rhk if r.id == "rhk-6")
    # triwulan_2 (final) has no report on rhk-6; triwulan_3 has one
    assert r6.uraian_realisasi == {"triwulan_3": "Laporan rhk-6"}
    assert [e.url for e in r6.bukti["triwulan_3"]] == ["https://dokumen.example/a.pdf"]


def test_predikat_and_narrative_only_on_published_people_as_the_policy_allows():
    assert (_fill().predikat, _fill().narasi) == ({}, {})  # the default policy: neither
    pp = _fill(predikat=True, narasi_publik=True)
    assert (pp.predikat, pp.narasi) == ({"triwulan_3": "Baik"}, {"triwulan_3": "Kata saya"})
    pp = _fill(predikat=True, narasi_publik=True, published=False)
    assert (pp.predikat, pp.narasi) == ({}, {})


# --- public_plans: counts, codes, and the person reference of published people ---------------------


def _full_plan(pegawai, status="disetujui", unit=None):
    p = _plan(pegawai, status=status, unit=unit, key=pegawai)
    p.pendekatan, p.perilaku = "kuantitatif", {"berorientasi_pelayanan": "Ramah", "akuntabel": "Cermat"}
    p.lampiran = {"dukungan_sumber_daya": ["Anggaran"], "skema_pertanggungjawaban": []}
    return p


def _public_ctx(**pegawai):
    people = {"kepala": Person("kepala", ("dinas", "Kepala Dinas", "jpt_pratama", JAN, DEC)),
              "staf": Person("staf", ("dinas", "Analis", "fungsional", JAN, DEC)),
              "luar": Person("luar", ("kantor-lain", "Analis", "fungsional", JAN, DEC))}
    plans = {(2026, "kepala"): _full_plan("kepala"), (2026, "staf"): _full_plan("staf", status="draf"),
             (2026, "luar"): _full_plan("luar"), (2026, "hilang"): _full_plan("hilang", unit="dinas")}
    return _ctx(people, heads={"kepala": ["dinas"]}, units={"dinas": NS(is_pd=True)}, plans=plans,
                pejabat_publik=("jpt",), **pegawai)


UNITS_PD = {"dinas": NS(pd="dinas", nama="Dinas Pendidikan")}


def test_plan_counts_cover_every_plan_and_per_unit_only_published_units():
    ps = P.public_plans(_public_ctx(), UNITS_PD, ["dinas"])
    assert ps.plan_counts == {2026: {"disetujui": 3, "draf": 1}}
    assert ps.unit_plan_counts == {("dinas", 2026): {"disetujui": 2, "draf": 1}}
    # numbered by jabatan: "Analis" (staf) < "Jabatan tidak tercatat" (hilang) < "Kepala Dinas"
    assert ps.plans_by_unit == {("dinas", 2026): ["2026-dinas-01", "2026-dinas-02", "2026-dinas-03"]}
    assert ps.code_of == {(2026, "staf"): "2026-dinas-01", (2026, "hilang"): "2026-dinas-02", (2026, "kepala"): "2026-dinas-03"}
    assert {k: p.pegawai for k, p in ps.plan_of_code.items()} == {"2026-dinas-01": "staf", "2026-dinas-02": "hilang",
                                                                  "2026-dinas-03": "kepala"}
    head = ps.plans["2026-dinas-03"]
    assert (head.pd, head.kepala_unit, head.status, head.pendekatan) == ("dinas", True, "disetujui", "kuantitatif")
    assert ps.plans["2026-dinas-01"].kepala_unit is False


def test_only_published_people_get_a_reference_and_a_page():
    ps = P.public_plans(_public_ctx(), UNITS_PD, ["dinas"])
    assert set(ps.persons) == {"kepala"}  # the default policy: public offices only
    assert [p.pegawai for k, p in sorted(ps.plans.items())] == [None, None, PublicPersonRef("kepala", "Nama kepala")]
    person = ps.persons["kepala"]
    assert (person.nama, person.judul, person.jabatan, person.unit, person.pejabat_publik, person.plans) == (
        "Nama kepala", "Nama kepala", "Kepala Dinas", "dinas", True, ["2026-dinas-03"])
    head = ps.plans["2026-dinas-03"]
    assert head.perilaku == {"Berorientasi Pelayanan": "Ramah", "Akuntabel": "Cermat"}
    assert head.lampiran == {"Dukungan sumber daya": ["Anggaran"]}  # empty parts are left out
    assert ps.plans["2026-dinas-01"].perilaku == {} and ps.plans["2026-dinas-01"].lampiran == {}


def test_names_hidden_by_policy_are_replaced_by_the_post():
    ps = P.public_plans(_public_ctx(nama=False, lampiran_skp=False), UNITS_PD, ["dinas"])
    person = ps.persons["kepala"]
    assert (person.nama, person.judul) == (None, "Kepala Dinas — Dinas Pendidikan")
    assert ps.plans["2026-dinas-03"].pegawai == PublicPersonRef("kepala", "Kepala Dinas — Dinas Pendidikan")
    assert (ps.plans["2026-dinas-03"].perilaku, ps.plans["2026-dinas-03"].lampiran) == ({}, {})


def test_every_plan_of_a_published_person_is_listed_on_her_page():
    ctx = _public_ctx(halaman="semua")
    ctx.plans[(2025, "kepala")] = _full_plan("kepala")
    ps = P.public_plans(ctx, UNITS_PD, ["dinas"])
    assert set(ps.persons) == {"kepala", "staf"}  # "hilang" has no person record
    assert sorted(ps.persons["kepala"].plans) == ["2025-dinas-01", "2026-dinas-03"]  # person pages order them by year
    assert ps.persons["staf"].pejabat_publik is False


def test_unit_pages_name_as_head_only_people_whose_page_is_published():
    ref = PublicPersonRef("kepala", "Nama kepala")
    ps = P.PlanSet()
    for kode, pegawai, ref_ in [("k3", "anonim", None), ("k1", "kepala", ref), ("k2", "kepala", ref)]:
        ps.plans[kode] = _pp(kode, pegawai=ref_)
        ps.plan_of_code[kode] = _plan(pegawai)
    units = {"dinas": NS(kepala={}), "bidang": NS(kepala={2026: [PublicPersonRef("lain", "Lain")]})}
    ctx = _ctx({}, heads={"kepala": ["dinas", "bidang", "tidak-dipublikasi"], "anonim": ["dinas"]})
    P.add_heads(ctx, ps, units)
    # two plans of the same head: named once; the unpublished head is not named at all
    assert units["dinas"].kepala == {2026: [ref]}
    assert units["bidang"].kepala == {2026: [PublicPersonRef("lain", "Lain"), ref]}
