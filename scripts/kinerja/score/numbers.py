"""Exact arithmetic and its display: Fractions inside, rounded decimals only when shown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache


def exact(value) -> Fraction:
    """The number as written: 6.5 -> 13/2 (repr of a float is the shortest exact decimal)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return _of_float(value)
    return Fraction(repr(value))


@lru_cache(maxsize=8192)
def _of_float(value: float) -> Fraction:
    # Targets and realisasi repeat (100, 90, 12.5, ...): parsing each one's text again was a fifth of
    # the capaian work when the site scores 5,000 people. A Fraction is immutable, so one is shared.
    return Fraction(repr(value))


def rounded(value: Fraction, places: int) -> Decimal:
    """Round half up (the rounding rule stated on the methodology page)."""
    q = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(q, rounding=ROUND_HALF_UP)


def as_number(value: Fraction | None, places: int):
    """For JSON: an int when whole, else a float of the rounded decimal."""
    if value is None:
        return None
    d = rounded(value, places)
    return int(d) if d == d.to_integral_value() else float(d)


def indonesian(value: Fraction | None, places: int, suffix: str = "") -> str:
    """Display in Indonesian notation: 107,1% (comma decimals, dot thousands)."""
    if value is None:
        return "–"
    d = rounded(value, places)
    text = f"{d:,.{places}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text + suffix
