"""The indicators as pure functions of counts (exact fractions), one place for each rule."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from statistics import median


def share(counts: Counter, key: str) -> Fraction | None:
    total = sum(counts.values())
    return Fraction(counts.get(key, 0), total) if total else None


def leniency(rater: Counter, regency: Counter, rule: dict) -> tuple[Fraction | None, bool]:
    """Points by which the rater's share of the top predikat exceeds the regency's; flagged at the threshold."""
    mine, all_ = share(rater, rule["predikat"]), share(regency, rule["predikat"])
    if mine is None or all_ is None:
        return None, False
    points = (mine - all_) * 100
    return points, points >= Fraction(str(rule["selisih_poin_minimum"]))


def central_tendency(rater: Counter, rule: dict) -> tuple[Fraction | None, bool]:
    """Percentage of the middle predikat among the rater's; flagged at the threshold."""
    mine = share(rater, rule["predikat"])
    if mine is None:
        return None, False
    percent = mine * 100
    return percent, percent >= Fraction(str(rule["persen_minimum"]))


def org_gap(staff: Counter, org_predikat: str | None, order: list[str], rule: dict) -> tuple[Fraction | None, bool]:
    """Mean level of the staff's predikat (1 = lowest) minus the level matching the unit's predikat organisasi."""
    target = rule["peta"].get(org_predikat) if org_predikat else None
    total = sum(staff.values())
    if target not in order or not total:
        return None, False
    mean = Fraction(sum((order.index(p) + 1) * n for p, n in staff.items() if p in order), total)
    gap = mean - (order.index(target) + 1)
    return gap, gap >= Fraction(str(rule["selisih_minimum"]))


def evidence_share(above: int, backed: int) -> Fraction | None:
    return Fraction(backed, above) if above else None


def timeliness(days: list[int], limit: int) -> tuple[Fraction | None, Fraction | None]:
    """Share finalised within `limit` days of the period end, and the median days."""
    if not days:
        return None, None
    return Fraction(sum(1 for d in days if d <= limit), len(days)), Fraction(median(days))
