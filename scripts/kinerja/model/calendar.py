"""Performance years and periods (triwulan, optional bulan) as date ranges."""

from __future__ import annotations

import calendar
from datetime import date

QUARTERS = tuple(f"triwulan_{i}" for i in range(1, 5))
MONTHS = tuple(f"bulan_{i:02d}" for i in range(1, 13))
ANNUAL = "triwulan_4"  # the official form's "TRIWULAN IV-AKHIR": the annual evaluation

PERIOD_LABEL = {
    **{f"triwulan_{i}": f"Triwulan {r}" for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))},
    **{
        f"bulan_{i:02d}": name
        for i, name in enumerate(
            (
                "Januari", "Februari", "Maret", "April", "Mei", "Juni",
                "Juli", "Agustus", "September", "Oktober", "November", "Desember",
            ),
            start=1,
        )
    },
}
PERIOD_LABEL[ANNUAL] = "Triwulan IV (akhir/tahunan)"


def period_months(period: str) -> tuple[int, int]:
    """First and last month (1-12) a period covers."""
    if period.startswith("triwulan_"):
        q = int(period[-1])
        return 3 * q - 2, 3 * q
    m = int(period[-2:])
    return m, m


def period_range(year: int, period: str) -> tuple[date, date]:
    first_month, last_month = period_months(period)
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def period_order(period: str) -> tuple[int, int]:
    """Sort key: by the last month covered, quarters after the months they contain."""
    if period.startswith("triwulan_"):
        return (3 * int(period[-1]), 1)
    return (int(period[-2:]), 0)


def same_family(a: str, b: str) -> bool:
    return a.split("_")[0] == b.split("_")[0]


def periods_enabled(kinds: list[str]) -> tuple[str, ...]:
    out: tuple[str, ...] = ()
    if "triwulan" in kinds:
        out += QUARTERS
    if "bulan" in kinds:
        out += MONTHS
    return out


def overlaps(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    a_end = a_end or date.max
    b_end = b_end or date.max
    return a_start <= b_end and b_start <= a_end


def in_force(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


def months_between(start: date, end: date) -> int:
    """Whole calendar months touched by [start, end] within one year (pro rata for angka kredit)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1
