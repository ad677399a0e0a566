"""The public unit tree, the years and periods present in the data, and per year the rule
tables the pages need (predikat labels, capaian places, status rules)."""

from __future__ import annotations

from kinerja.model.calendar import period_order
from kinerja.publish.policy import DEFAULT_COMPLAINT_URL
from kinerja.publish.projecting.context import Context
from kinerja.publish.public import JENIS_UNIT, PublicUnit, public_service, safe_url
from kinerja.score.status import rules_from as status_rules_from


def tree_order(units: dict) -> list[str]:
    """Perangkat daerah by name, each followed by its sub-units depth first (by name)."""
    children: dict[str | None, list[str]] = {}
    for u in units.values():
        parent = u.induk if u.induk in units else None
        children.setdefault(parent, []).append(u.id)
    for ids in children.values():
        ids.sort(key=lambda i: (units[i].nama.casefold(), i))
    # every unit is in exactly one children list (its parent's, or the roots'), so each is pushed once
    out, stack = [], list(reversed(children.get(None, [])))
    while stack:
        uid = stack.pop()
        out.append(uid)
        stack.extend(reversed(children.get(uid, [])))
    placed = set(out)
    out += sorted(u for u in units if u not in placed)  # cycles (reported by validate) last
    return out


def public_units(ctx: Context) -> tuple[list[str], dict[str, PublicUnit], list[str]]:
    """(tree order, units in tree order, perangkat daerah in tree order)."""
    repo, org, policy = ctx.repo, ctx.org, ctx.policy
    order = tree_order(repo.units)
    units: dict[str, PublicUnit] = {}
    for uid in order:
        u = repo.units[uid]
        depth = len([a for a in org.ancestors(uid) if a in repo.units])
        units[uid] = PublicUnit(
            id=u.id, nama=u.nama, singkatan=u.singkatan, jenis=u.jenis, jenis_label=JENIS_UNIT.get(u.jenis, u.jenis.replace("_", " ")),
            jabatan_kepala=u.jabatan_kepala, layanan=[public_service(sv) for sv in u.layanan], induk=u.induk if u.induk in repo.units else None,
            pd=u.pd, is_pd=u.is_pd, depth=depth, children=[], kelompok_penilaian=u.hasil_organisasi, dibubarkan=u.dibubarkan,
            kanal_pengaduan=safe_url(policy.complaint_url(u.id)) or DEFAULT_COMPLAINT_URL,
        )
    for uid, pu in units.items():
        if pu.induk is not None:
            units[pu.induk].children.append(uid)
    return order, units, [u for u in order if units[u].is_pd]


def years_and_periods(repo) -> tuple[list[int], dict[int, list[str]]]:
    """Years present in the data (newest first) and each year's periods in order."""
    years = sorted({y for (_u, y) in repo.goals} | {y for (y, _k) in repo.plan_paths} | {y for (y, _p, _k) in repo.eval_paths}
                   | {y for (_u, y, _p) in repo.unit_results}, reverse=True)
    periods: dict[int, list[str]] = {}
    for (y, p, _k) in repo.eval_paths:
        periods.setdefault(y, []).append(p)
    for (_u, y, p) in repo.unit_results:
        periods.setdefault(y, []).append(p)
    periods = {y: sorted(set(ps), key=period_order) for y, ps in periods.items()}
    for y in years:
        periods.setdefault(y, [])
    return years, periods


def rule_tables(repo, years: list[int]) -> dict:
    """Per year: the rule set scoring it and the tables the pages read from it."""
    rule_by_year = {y: repo.rules_for_year(y) for y in years}
    rule_years: dict[str, list[int]] = {}
    for y, r in rule_by_year.items():
        if r is not None:
            rule_years.setdefault(r.id, []).append(y)
    return {
        "rule_by_year": rule_by_year,
        "predikat_labels": {y: list(r.predikat) if r else [] for y, r in rule_by_year.items()},
        "capaian_places": {y: (r.capaian.get("desimal_tampilan", 1) if r and r.capaian else 1) for y, r in rule_by_year.items()},
        "status_rules": {y: (status_rules_from(r.status_iki) if r else None) for y, r in rule_by_year.items()},
        "rule_years": {k: sorted(v) for k, v in rule_years.items()},
        "rule_sets": [repo.rule_sets[k] for k in sorted(repo.rule_sets)],
    }
