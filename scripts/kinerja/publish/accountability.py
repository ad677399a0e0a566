"""Accountability at a glance, from the public projection only: the status of each IKI per
period (computed in the projection by score/status.py), summarised per sasaran (from the
head's RHK that answer for it), per perangkat daerah and for the home page, and the position
that answers for each sasaran. Pages render these; nothing here reads records or rules of
its own."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kinerja.publish.public import Projection, PublicPlan, PublicRhk
from kinerja.score.status import ORDER, combined


@dataclass
class Answer:
    """A public plan's RHK that answers for a sasaran."""

    plan: PublicPlan
    rhk: PublicRhk


def status_text(proj: Projection, year: int, status: str) -> str:
    """"✔ Tercapai": a symbol and words, never colour alone."""
    rules = proj.status_rules.get(year)
    if rules is None:
        return ""
    return f"{rules.simbol[status]} {rules.label[status]}"


def _answers(proj: Projection) -> dict[tuple[str, int, str], list[Answer]]:
    cache = proj.__dict__.get("_sasaran_answers")
    if cache is None:
        cache = {}
        for pp in proj.plans.values():
            for r in pp.rhk:
                if r.parent and r.parent.startswith("sasaran:") and not r.parent_missing:
                    _, unit, goal = r.parent.split(":", 2)
                    cache.setdefault((unit, pp.tahun, goal), []).append(Answer(pp, r))
        proj.__dict__["_sasaran_answers"] = cache
    return cache


def answers(proj: Projection, pd: str, year: int, goal_id: str) -> list[Answer]:
    return _answers(proj).get((pd, year, goal_id), [])


def sasaran_status(proj: Projection, pd: str, year: int, goal_id: str, period: str) -> str:
    return combined(
        (iki.realisasi[period].status if period in iki.realisasi else "belum_ada_data")
        for a in answers(proj, pd, year, goal_id) for iki in a.rhk.indikator
    )


def pd_counts(proj: Projection, pd: str, year: int, period: str) -> Counter:
    """How many IKI of the perangkat daerah's published plans have each status in `period`."""
    counts: Counter = Counter()
    units = set(proj.units_in_pd(pd))
    for pp in proj.plans.values():
        if pp.tahun != year or pp.unit not in units:
            continue
        for r in pp.rhk:
            for iki in r.indikator:
                counts[iki.realisasi[period].status if period in iki.realisasi else "belum_ada_data"] += 1
    return counts


def counts_text(proj: Projection, year: int, counts: Counter) -> str:
    """"✔ Tercapai 5 · ◐ Sesuai jalur 3 · ⚠ Perlu perhatian 1 · – Belum ada data 2"."""
    return " · ".join(f"{status_text(proj, year, s)} {counts[s]}" for s in ORDER if counts.get(s))


def latest_period(proj: Projection, year: int, final_periods) -> str | None:
    periods = final_periods(proj, year)
    return periods[-1] if periods else None
