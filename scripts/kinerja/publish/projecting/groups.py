"""Predikat distributions per assessment group and period, published only where statistical
disclosure control allows (distribution_shown), the regency totals summed over published
groups only, and the count of ASN per year."""

from __future__ import annotations

from collections import Counter
from datetime import date
from fractions import Fraction

from kinerja.model.calendar import period_range
from kinerja.model.rules import RuleSet
from kinerja.publish.projecting.context import Context
from kinerja.publish.public import KURVA_STATUS, ORG_PREDIKAT, PublicGroup, PublicTotals
from kinerja.score.engine import assessment_groups


def distribution_shown(sebaran: dict[str, int], individually_shown: int, unit_policy) -> tuple[bool, str | None]:
    """Whether a group's predikat distribution may be published, and why not (statistical disclosure control).

    Two rules, both counted without the people whose predikat is already public on their own
    page (the public could subtract them):
    * size: at least `kelompok_minimum` people;
    * homogeneity: at least `kelompok_beda_minimum` people outside the most frequent predikat,
      so "5 of 5 Baik" (or "all but one Baik") never tells the public each member's predikat.
      The individually shown are assumed to be outside it (the cautious reading)."""
    if not unit_policy.sebaran_predikat:
        return False, "Kebijakan publikasi instansi tidak menampilkan sebaran predikat."
    n = sum(sebaran.values())
    minimum = unit_policy.kelompok_minimum
    if n - individually_shown < minimum:
        return False, (f"Disembunyikan: kurang dari {minimum} pegawai dengan evaluasi final (kelompok kecil dapat "
                       "mengungkap predikat perorangan).")
    others = n - max(sebaran.values(), default=0) - individually_shown
    if others < unit_policy.kelompok_beda_minimum:
        return False, (f"Disembunyikan: kurang dari {unit_policy.kelompok_beda_minimum} pegawai berpredikat lain daripada "
                       "predikat terbanyak (sebaran yang seragam mengungkap predikat setiap anggota).")
    return True, None


def limits(rules: RuleSet | None, org_predikat: str | None) -> dict[str, tuple[Fraction | None, Fraction | None]]:
    """Per single predikat: the curve's (min %, max %) for this predikat organisasi."""
    out: dict[str, tuple[Fraction | None, Fraction | None]] = {}
    if rules is None or not rules.kurva or org_predikat is None:
        return out
    for rule in rules.kurva.get("aturan", {}).get(org_predikat, ()):
        if len(rule["predikat"]) != 1:
            continue
        pid = rule["predikat"][0]
        lo, hi = out.get(pid, (None, None))
        if "min_persen" in rule:
            lo = Fraction(str(rule["min_persen"]))
        if "maks_persen" in rule:
            hi = Fraction(str(rule["maks_persen"]))
        out[pid] = (lo, hi)
    return out


def individually_shown(ctx: Context, plans: dict) -> Counter:
    """(group unit, year, period) -> people whose predikat is on their own page."""
    out: Counter = Counter()
    if not ctx.policy.pegawai.predikat:
        return out
    people = ctx.repo.people
    group_of = assessment_groups(ctx.repo)  # the scorer's grouping rule
    for pp in plans.values():
        if pp.pegawai is None or not pp.predikat:
            continue
        person = people[pp.pegawai.id]
        for period in pp.predikat:
            start, end = period_range(pp.tahun, period)
            overlapping = person.assignments_between(start, end)
            grp = group_of.get(overlapping[-1].unit) if overlapping else None
            if grp is not None:
                out[(grp, pp.tahun, period)] += 1
    return out


def public_groups(ctx: Context, report, units: dict, plans: dict, rule_by_year: dict) -> dict[tuple[str, int, str], PublicGroup]:
    hidden_by_group = individually_shown(ctx, plans)
    groups: dict[tuple[str, int, str], PublicGroup] = {}
    for us in report.units:
        if us.unit not in units:
            continue
        rules = rule_by_year.get(us.tahun)
        hidden = hidden_by_group[(us.unit, us.tahun, us.periode)]
        shown, why = distribution_shown(dict(us.sebaran), hidden, ctx.policy.unit)
        label = ORG_PREDIKAT.get(us.predikat_organisasi) if us.predikat_organisasi else None
        groups[(us.unit, us.tahun, us.periode)] = PublicGroup(
            unit=us.unit, tahun=us.tahun, periode=us.periode, predikat_organisasi=us.predikat_organisasi,
            predikat_organisasi_label=label, pegawai=us.pegawai, final=us.final, draf=us.draf, belum_ada=us.belum_ada,
            ditampilkan=shown, alasan=why, sebaran=dict(us.sebaran) if shown else None,
            kurva_status=us.kurva.status if shown else None, kurva_label=KURVA_STATUS.get(us.kurva.status) if shown else None,
            pelanggaran=list(us.kurva.pelanggaran) if shown else [],
            batas=limits(rules, us.predikat_organisasi) if shown else {},
        )
    return groups


def totals(ctx: Context, groups: dict, predikat_labels: dict) -> dict[tuple[int, str], PublicTotals]:
    out: dict[tuple[int, str], PublicTotals] = {}
    for (uid, y, p), g in groups.items():
        t = out.setdefault((y, p), PublicTotals(y, p, 0, 0, 0, 0, 0, {k: 0 for k, _ in predikat_labels.get(y, [])}, 0))
        t.evaluasi_belum_ada += g.belum_ada
        t.kelompok += 1
        if g.ditampilkan:
            t.kelompok_ditampilkan += 1
            for k, v in g.sebaran.items():
                t.sebaran[k] = t.sebaran.get(k, 0) + v
                t.pegawai_dalam_sebaran += v
    # evaluations per period over everyone (a count, not a predikat: no suppression needed)
    for (y, p, _k) in ctx.repo.eval_paths:
        if (y, p) not in out:
            out[(y, p)] = PublicTotals(y, p, 0, 0, 0, 0, 0, {k: 0 for k, _ in predikat_labels.get(y, [])}, 0)
    ev_counts: Counter = Counter()
    for (y, p, _k), e in ctx.evaluations.items():
        ev_counts[(y, p, e.status)] += 1
    for (y, p), t in out.items():
        t.evaluasi_final = ev_counts[(y, p, "final")]
        t.evaluasi_draf = ev_counts[(y, p, "draf")]
    return out


def people_count(ctx: Context, years: list[int]) -> dict[int, int]:
    """ASN with an assignment in the year (non-ASN officials are not counted)."""
    people = ctx.repo.people
    out: dict[int, int] = {}
    for y in years:
        start, end = date(y, 1, 1), date(y, 12, 31)
        out[y] = sum(1 for p in people.values() if p.status != "non_asn" and p.assignments_between(start, end))
    return out
