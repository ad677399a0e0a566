"""THE public projection: the only place where repository data becomes publishable data.

Input: the Repository (typed records), the ScoreReport of the scorer, the publication
policy and what git says about history. Output: plain public dataclasses (publish/public.py).
Every page, chart, search entry and download is made from a `Projection`, never from
records, so what the policy does not allow is simply absent downstream.

What is copied, field by field, is listed in publish/public.py and filled by the small steps
in publish/projecting/ (units, goals, plans, groups, history, redact) and nowhere else. Never
copied: NIP, birth date (derivable from a NIP), gender, GitHub accounts, golongan/pangkat,
contact data, umpan balik, catatan (of the plan, the employee or the evaluator), kendala,
behaviour scores, ratings, warnings, corrections' reasons, and evidence not marked public.
Staff appear on unit pages by jabatan only; a person's name appears only on the pages the
policy publishes, keyed by the opaque person id (never derived from a NIP or name).

This module only runs the steps in order; the names other modules import from here (the
public records, `safe_url`, `distribution_shown`, ...) are re-exported.
"""

from __future__ import annotations

from kinerja.publish.gitinfo import BuildInfo, History
from kinerja.publish.policy import DEFAULT_COMPLAINT_URL, Policy
from kinerja.publish.projecting import goals as G, groups as GR, history as H, plans as P, units as U
from kinerja.publish.projecting.context import context
from kinerja.publish.projecting.groups import distribution_shown  # noqa: F401  (re-exported)
from kinerja.publish.projecting.history import (  # noqa: F401  (re-exported)
    CHANGE_KINDS_SHOWN, CHANGE_OFFICES_SHOWN, KIND_TEXT, PRIVATE_KINDS, describe_change as _describe_change,
)
from kinerja.publish.projecting.redact import redacted
from kinerja.publish.public import *  # noqa: F401,F403  (the public records, re-exported)
from kinerja.publish.public import Projection, PublicRegency, safe_url
from kinerja.repository import Repository
from kinerja.score.engine import ScoreReport


def project(repo: Repository, report: ScoreReport, policy: Policy, build: BuildInfo, history: History) -> Projection:
    """Run the projection's steps in order and return the (redacted) public projection."""
    ctx = context(repo, policy)
    reg = repo.regency
    order, units, pd_order = U.public_units(ctx)
    years, periods = U.years_and_periods(repo)
    rules = U.rule_tables(repo, years)
    goals = G.public_goals(ctx)
    ps = P.public_plans(ctx, units, order)
    P.fill_rhk(ctx, ps, units, goals, periods, rules["status_rules"], report)
    P.add_heads(ctx, ps, units)
    unit_plans, person_plans = P.views(policy, ps.plans)
    groups = GR.public_groups(ctx, report, units, ps.plans, rules["rule_by_year"])
    return redacted(Projection(
        regency=PublicRegency(reg.id, reg.nama, reg.provinsi, reg.ibu_kota, reg.jabatan_kepala, reg.fiktif),
        policy=policy, build=build, history_available=history.available, history_reason=history.reason,
        years=years, periods=periods, units=units, pd_order=pd_order, goals=goals, plans=unit_plans, person_plans=person_plans,
        plans_by_unit=ps.plans_by_unit if unit_plans else {}, sections=P.sections(policy),
        persons=ps.persons, groups=groups, totals=GR.totals(ctx, groups, rules["predikat_labels"]), plan_counts=ps.plan_counts,
        unit_plan_counts=ps.unit_plan_counts, people_count=GR.people_count(ctx, years), rule_sets=rules["rule_sets"],
        rule_years=rules["rule_years"], predikat_labels=rules["predikat_labels"], capaian_places=rules["capaian_places"],
        status_rules=rules["status_rules"], changes=H.public_changes(ctx, history, units),
        target_changes=H.target_changes(history, ps.code_of, ps.plans),
        data_errors=sum(1 for e in repo.files.values() if not e.ok),
        kanal_pengaduan_url=safe_url(policy.kanal_pengaduan_url) or DEFAULT_COMPLAINT_URL,
        kanal_pengaduan_nama=policy.kanal_pengaduan_nama,
    ))
