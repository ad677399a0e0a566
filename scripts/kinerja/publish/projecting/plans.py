"""Which plans and person pages are public, and what they show: the plan of each jabatan
per unit (a stable code instead of the person), its RHK with their cascade link, the IKI with
target, realisasi and status per final period, and public evidence. Then the two views: what
unit pages show and what (only published) person pages show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from kinerja.model.calendar import PERIOD_LABEL
from kinerja.model.records import Plan
from kinerja.publish.projecting.context import Context
from kinerja.publish.projecting.goals import public_target
from kinerja.publish.public import (
    ASPEK, BERAKHLAK, LAMPIRAN, PERSPEKTIF, PublicEvidence, PublicIki, PublicPerson, PublicPersonRef, PublicPlan,
    PublicRealisasi, PublicRhk, number_text, safe_url,
)
from kinerja.score.capaian import target_text, with_unit
from kinerja.score.status import DEFAULT_JENIS, iki_status


@dataclass
class PlanSet:
    """The plans step's output (and what later steps read of it)."""
    plans: dict[str, PublicPlan] = field(default_factory=dict)  # code -> plan (before the views)
    plans_by_unit: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    code_of: dict[tuple[int, str], str] = field(default_factory=dict)  # (year, plan key) -> code
    plan_of_code: dict[str, Plan] = field(default_factory=dict)
    persons: dict[str, PublicPerson] = field(default_factory=dict)
    plan_counts: dict[int, dict[str, int]] = field(default_factory=dict)
    unit_plan_counts: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)


def validity(first: str | None, last: str | None) -> str | None:
    if first and last:
        return f"berlaku {PERIOD_LABEL.get(first, first)} s.d. {PERIOD_LABEL.get(last, last)}"
    if first:
        return f"berlaku mulai {PERIOD_LABEL.get(first, first)}"
    if last:
        return f"berlaku sampai {PERIOD_LABEL.get(last, last)}"
    return None


def plan_place(ctx: Context, plan: Plan) -> tuple[str | None, str]:
    """The unit and jabatan a plan is shown under (the plan's own, else the assignment's)."""
    person = ctx.repo.people.get(plan.pegawai)
    a = None
    if person is not None:
        a = person.assignment_on(plan.selesai) or person.assignment_on(plan.mulai)
        if a is None:
            overlapping = person.assignments_between(plan.mulai, plan.selesai)
            a = overlapping[-1] if overlapping else None
    unit = plan.unit or (a.unit if a else None)
    jabatan = plan.jabatan or (a.jabatan if a else "Jabatan tidak tercatat")
    return unit, jabatan


def public_office(ctx: Context, plan: Plan) -> bool:
    """The plan's holder holds a public office in the plan's range, as the policy names them."""
    kinds = ctx.policy.pegawai.pejabat_publik
    repo = ctx.repo
    person = repo.people.get(plan.pegawai)
    if person is None:
        return False
    if "jpt" in kinds and any(a.jenis_jabatan.startswith("jpt_") for a in person.assignments_between(plan.mulai, plan.selesai)):
        return True
    headed = ctx.units_headed(plan.pegawai, plan.mulai, plan.selesai)
    if "kepala_perangkat_daerah" in kinds and any(u in repo.units and repo.units[u].is_pd for u in headed):
        return True
    if "kepala_unit" in kinds and headed:
        return True
    return False


def published_with_person(ctx: Context, plan: Plan) -> bool:
    mode = ctx.policy.pegawai.halaman
    if mode == "semua":
        return True
    if mode == "pejabat_publik":
        return public_office(ctx, plan)
    return False


def numbered_plans(ctx: Context, order: list[str]):
    """The published plans with their public code `<year>-<unit>-<nn>`: (kode, unit, year,
    jabatan, pemegang, plan), in page order: plans placed on units (drafts only where the policy
    shows them), numbered per unit and year by jabatan. The ONE numbering rule: the projection
    names plans with it, and `kinerja form` re-runs it on a past commit's data to resolve the
    editor's link `<kode>@<commit>/<rhk>` back to a plan (review/publiclink.py)."""
    placed: dict[tuple[str, int], list[tuple[str, Plan]]] = {}  # (unit, year) -> [(jabatan, plan)]
    known = set(order)
    for (year, _key), plan in ctx.plans.items():
        unit, jabatan = plan_place(ctx, plan)
        if unit is None or unit not in known:
            continue
        if plan.status == "draf" and not ctx.policy.unit.rencana_draf:
            continue
        placed.setdefault((unit, year), []).append((jabatan, plan))
    position = {u: i for i, u in enumerate(order)}
    for (unit, year) in sorted(placed, key=lambda k: (k[1], position.get(k[0], 0))):
        items = sorted(placed[(unit, year)], key=lambda jp: (jp[0].casefold(), jp[1].key))
        holders = Counter(j for j, _ in items)
        seen: Counter = Counter()
        for n, (jabatan, plan) in enumerate(items, start=1):
            seen[jabatan] += 1
            pemegang = jabatan if holders[jabatan] == 1 else f"{jabatan} (pemegang ke-{seen[jabatan]})"
            yield f"{year}-{unit}-{n:02d}", unit, year, jabatan, pemegang, plan


def public_plans(ctx: Context, units: dict, order: list[str]) -> PlanSet:
    """Plans placed on units (drafts only where the policy shows them), numbered per unit and
    year by jabatan; a published person's plans carry the reference to their page."""
    policy, people, all_plans = ctx.policy, ctx.repo.people, ctx.plans
    out = PlanSet()
    for (year, key), plan in all_plans.items():
        unit, _jabatan = plan_place(ctx, plan)
        counts = out.plan_counts.setdefault(year, {"disetujui": 0, "draf": 0})
        counts[plan.status] = counts.get(plan.status, 0) + 1
        if unit is None or unit not in units:
            continue
        uc = out.unit_plan_counts.setdefault((unit, year), {"disetujui": 0, "draf": 0})
        uc[plan.status] = uc.get(plan.status, 0) + 1

    person_label: dict[str, str] = {}
    for kode, unit, year, jabatan, pemegang, plan in numbered_plans(ctx, order):
        out.code_of[(year, plan.key)] = kode
        heads = unit in ctx.units_headed(plan.pegawai, plan.mulai, plan.selesai)
        pp = PublicPlan(
            kode=kode, tahun=year, unit=unit, pd=units[unit].pd, jabatan=jabatan, pemegang=pemegang, status=plan.status,
            mulai=plan.mulai, selesai=plan.selesai, pendekatan=plan.pendekatan, rhk=[], periode_final=[], periode_draf=[],
            kepala_unit=heads,
        )
        if published_with_person(ctx, plan) and plan.pegawai in people:
            person = people[plan.pegawai]
            label = person.nama if policy.pegawai.nama else f"{jabatan} — {units[unit].nama}"
            person_label.setdefault(person.id, label)
            pp.pegawai = PublicPersonRef(person.id, person_label[person.id])
            if person.id not in out.persons:
                out.persons[person.id] = PublicPerson(
                    id=person.id, nama=person.nama if policy.pegawai.nama else None, judul=person_label[person.id],
                    jabatan=jabatan, unit=unit, pejabat_publik=public_office(ctx, plan), plans=[],
                )
            out.persons[person.id].plans.append(kode)
            if policy.pegawai.lampiran_skp:
                pp.perilaku = {BERAKHLAK.get(k, k): v for k, v in plan.perilaku.items()}
                pp.lampiran = {LAMPIRAN.get(k, k): list(v) for k, v in plan.lampiran.items() if v}
        out.plans[kode] = pp
        out.plans_by_unit.setdefault((unit, year), []).append(kode)
    out.plan_of_code = {out.code_of[(y, k)]: all_plans[(y, k)] for (y, k) in out.code_of}
    return out


def fill_rhk(ctx: Context, ps: PlanSet, units: dict, goals: dict, periods: dict, status_rules: dict, report) -> None:
    """RHK, the cascade links and realisasi per final period, into each public plan."""
    policy, all_plans, evaluations = ctx.policy, ctx.plans, ctx.evaluations
    scores = {s.file: s for s in report.evaluations if s.dinilai}
    codes_of_person: dict[tuple[str, int], list[str]] = {}
    for (y, k), kode in ps.code_of.items():
        codes_of_person.setdefault((all_plans[(y, k)].pegawai, y), []).append(kode)

    def parent_key(plan: Plan, pp: PublicPlan, rhk) -> tuple[str | None, bool]:
        if rhk.sasaran:
            goal_unit = pp.pd  # a sasaran is the perangkat daerah's (check/crossfile._check_cascade: heads_pd)
            known = any(g.id == rhk.sasaran for g in goals.get((goal_unit, pp.tahun), []))
            return f"sasaran:{goal_unit}:{rhk.sasaran}", not known
        if rhk.intervensi:
            boss, boss_rhk = rhk.intervensi
            candidates = []
            for kode in codes_of_person.get((boss, pp.tahun), []):
                bp = ps.plan_of_code[kode]
                if bp.rhk_by_id(boss_rhk) is not None:
                    overlap = bp.mulai <= plan.selesai and plan.mulai <= bp.selesai
                    candidates.append((not overlap, bp.mulai, kode))
            if candidates:
                return f"{min(candidates)[2]}/{boss_rhk}", False
            return None, True
        return None, False

    for kode, pp in ps.plans.items():
        plan = ps.plan_of_code[kode]
        finals: dict[str, object] = {}
        for period in periods.get(pp.tahun, []):
            e = evaluations.get((pp.tahun, period, plan.key))
            if e is None:
                continue
            if e.status == "final":
                finals[period] = e
                pp.periode_final.append(period)
            else:
                pp.periode_draf.append(period)
        cap: dict[tuple[str, str, str], object] = {}
        for period, e in finals.items():
            s = scores.get(e.file)
            if s is None:
                continue
            for c in s.capaian:
                cap[(period, c.rhk, c.iki)] = c
            if pp.pegawai is not None and policy.pegawai.predikat and s.predikat_label:
                pp.predikat[period] = s.predikat_label
        if pp.pegawai is not None and policy.pegawai.narasi_publik:  # the holder's own words, published people only
            pp.narasi = {period: e.narasi_publik for period, e in finals.items() if getattr(e, "narasi_publik", None)}
        for rhk in plan.rhk:
            parent, missing = parent_key(plan, pp, rhk)
            pr = PublicRhk(
                key=f"{kode}/{rhk.id}", id=rhk.id, jenis=rhk.jenis, uraian=rhk.uraian,
                perspektif=PERSPEKTIF.get(rhk.perspektif, rhk.perspektif) if rhk.perspektif else None,
                parent=parent, parent_missing=missing, berlaku=validity(rhk.berlaku_mulai, rhk.berlaku_sampai), indikator=[],
            )
            for iki in rhk.indikator:
                pi = PublicIki(
                    id=iki.id, aspek=ASPEK.get(iki.aspek, iki.aspek) if iki.aspek else None, uraian=iki.uraian,
                    target=public_target(iki.target, iki.target_teks), target_teks=target_text(iki.target, iki.target_teks),
                    lebih_kecil_lebih_baik=iki.lebih_kecil_lebih_baik, berlaku=validity(iki.berlaku_mulai, iki.berlaku_sampai),
                    jenis_realisasi=getattr(iki, "jenis_realisasi", None) or DEFAULT_JENIS,
                )
                rules = status_rules.get(pp.tahun)
                for period in finals:
                    c = cap.get((period, rhk.id, iki.id))
                    if c is None:
                        continue
                    if c.realisasi is None:
                        shown = "–"
                    elif isinstance(c.realisasi, str):
                        shown = c.realisasi
                    else:
                        shown = with_unit(number_text(c.realisasi), iki.target.satuan if iki.target else None)
                    status = iki_status(c.persen, period, pi.jenis_realisasi, rules) if rules else "belum_ada_data"
                    pi.realisasi[period] = PublicRealisasi(period, c.realisasi, shown, c.persen, c.keterangan, status)
                pr.indikator.append(pi)
            for period, e in finals.items():
                report_ = e.report_for(rhk.id)
                if report_ is None:
                    continue
                if report_.uraian:
                    pr.uraian_realisasi[period] = report_.uraian
                links = [PublicEvidence(u, b.keterangan) for b in report_.bukti if b.publik and (u := safe_url(b.url))]
                if links:
                    pr.bukti[period] = links
            pp.rhk.append(pr)


def add_heads(ctx: Context, ps: PlanSet, units: dict) -> None:
    """Heads shown on unit pages: only people whose page is published."""
    for kode, pp in ps.plans.items():
        if pp.pegawai is None:
            continue
        plan = ps.plan_of_code[kode]
        for uid in ctx.units_headed(plan.pegawai, plan.mulai, plan.selesai):
            if uid in units and pp.pegawai.id not in [r.id for r in units[uid].kepala.get(pp.tahun, [])]:
                units[uid].kepala.setdefault(pp.tahun, []).append(pp.pegawai)


def view(pp: PublicPlan, realisasi: bool, bukti: bool, lampiran: bool, predikat: bool) -> PublicPlan:
    """A copy of a plan with only what one kind of page may show (shares what it may keep)."""
    strip_real = not realisasi and any(r.uraian_realisasi or any(i.realisasi for i in r.indikator) for r in pp.rhk)
    strip_links = (not bukti or not realisasi) and any(r.bukti for r in pp.rhk)
    rhk = pp.rhk
    if strip_real or strip_links:
        rhk = [
            replace(
                r,
                indikator=[replace(i, realisasi={}) for i in r.indikator] if strip_real else r.indikator,
                uraian_realisasi={} if strip_real else r.uraian_realisasi,
                bukti={} if strip_links else r.bukti,
            )
            for r in pp.rhk
        ]
    changes = {}
    if rhk is not pp.rhk:
        changes["rhk"] = rhk
    if not realisasi and pp.periode_final:
        changes["periode_final"] = []
    if not lampiran and (pp.perilaku or pp.lampiran):
        changes.update(perilaku={}, lampiran={})
    if not predikat and pp.predikat:
        changes["predikat"] = {}
    return replace(pp, **changes) if changes else pp


def views(policy, plans: dict[str, PublicPlan]) -> tuple[dict[str, PublicPlan], dict[str, PublicPlan]]:
    """(what unit pages show, what person pages show: only published people)."""
    unit_plans: dict[str, PublicPlan] = {}
    if policy.unit.kaskade_rhk or policy.unit.realisasi:
        unit_plans = {k: view(pp, policy.unit.realisasi, policy.unit.bukti_dukung, False, False) for k, pp in plans.items()}
    person_plans = {
        k: view(pp, policy.pegawai.realisasi, policy.pegawai.bukti_dukung, policy.pegawai.lampiran_skp, policy.pegawai.predikat)
        for k, pp in plans.items()
        if pp.pegawai is not None
    }
    return unit_plans, person_plans


def sections(policy) -> set[str]:
    """Unit-page sections the policy allows."""
    out = set()
    if policy.unit.kaskade_rhk:
        out.add("kaskade")
    if policy.unit.realisasi:
        out.add("realisasi")
    if policy.unit.sasaran:
        out.add("sasaran")
    if policy.unit.sebaran_predikat:
        out.add("sebaran")
    if policy.data_terbuka:
        out.add("data_terbuka")
    return out
