"""Indeks Kepuasan Masyarakat (PermenPANRB 14/2017), exactly (fractions).

NRR of an unsur = (1*n1 + 2*n2 + 3*n3 + 4*n4) / respondents; IKM = sum(NRR x weight) x
konversi (weights 1/9 each and konversi 25 by default: range 25-100). The mutu is the
highest band whose lower bound the IKM reaches. Weights, konversi and bands are data.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Result:
    respondents: int
    nrr: dict  # unsur -> Fraction
    ikm: Fraction
    mutu: str | None
    kinerja: str | None


def respondents(counts: tuple) -> int:
    return sum(counts)


def nrr(counts: tuple) -> Fraction:
    total = sum(counts)
    return Fraction(sum((i + 1) * n for i, n in enumerate(counts)), total)


def band(value: Fraction, bands) -> tuple[str | None, str | None]:
    for b in bands:  # highest first
        if value >= b.dari:
            return b.mutu, b.kinerja
    return None, None


def compute(unsur: dict, rules) -> Result | None:
    """None when the survey cannot be computed (no respondents, or unequal totals: the
    checks report those)."""
    totals = {sum(c) for c in unsur.values()}
    if len(totals) != 1 or 0 in totals:
        return None
    values = {k: nrr(c) for k, c in unsur.items()}
    weighted = sum((values[k] * rules.unsur[k][1] for k in values if k in rules.unsur), Fraction(0))
    value = weighted * rules.konversi
    mutu, kinerja = band(value, rules.bands)
    return Result(totals.pop(), values, value, mutu, kinerja)
