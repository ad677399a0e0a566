"""Working days: the weekdays the rules name, less the holidays of the calendar files.

Cuti bersama counts as a holiday when `cuti_bersama_libur` is true in the rules (the
default: offices close on cuti bersama), otherwise as a working day. A year without a
calendar file counts only weekends as non-working days; `missing_years` says so.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

GUARD = 3661  # a due date is sought at most this many days ahead (no working day in ten years: empty weekdays)


class WorkCalendar:
    def __init__(self, holidays: dict[int, dict], weekdays=frozenset({1, 2, 3, 4, 5}), cuti_bersama_libur: bool = True):
        """`holidays`: year -> {date: (nama, jenis)}."""
        self.weekdays = frozenset(weekdays)
        self.years = set(holidays)
        self.off: set[date] = {
            day for days in holidays.values() for day, (_n, jenis) in days.items()
            if jenis != "cuti_bersama" or cuti_bersama_libur
        }
        self.missing: set[int] = set()

    def is_workday(self, day: date) -> bool:
        if day.year not in self.years:
            self.missing.add(day.year)
        return self._workday(day)

    def _workday(self, day: date) -> bool:
        return day.isoweekday() in self.weekdays and day not in self.off

    # `add` and `between` read a table of running working-day counts (`_cum[i]`: working days
    # in lo+1 .. lo+i, by ordinal) instead of stepping day by day: the timing check computes
    # three clocks for each of thousands of open complaints, each up to a year long. They note
    # a year without a calendar exactly as stepping through its days would.
    _lo: int | None = None
    _cum: list

    def _table(self, first: int, last: int) -> None:
        """The table covers ordinals first .. last (with a year's margin each side)."""
        if self._lo is not None and self._lo <= first and last <= self._lo + len(self._cum) - 1:
            return
        lo = first if self._lo is None else min(first, self._lo)
        hi = last if self._lo is None else max(last, self._lo + len(self._cum) - 1)
        lo, hi = max(1, lo - 366), min(date.max.toordinal(), hi + 366)
        cum, n, day = [0], 0, date.fromordinal(lo)
        step = timedelta(days=1)
        for _ in range(hi - lo):
            day += step
            n += self._workday(day)
            cum.append(n)
        self._lo, self._cum = lo, cum

    def _examined(self, first: date, last: date) -> None:
        """Days first .. last were looked at: note the years without a calendar file."""
        for year in range(first.year, last.year + 1):
            if year not in self.years:
                self.missing.add(year)

    def add(self, start: date, days: int, jenis: str) -> date:
        """The due date: `days` days after `start` (the start is day 0)."""
        if jenis == "kalender":
            return start + timedelta(days=days)
        if days <= 0:
            return start
        s = start.toordinal()
        due = None
        for reach in (min(GUARD, 2 * days + 30), GUARD):
            self._table(s, s + reach)
            i = bisect_left(self._cum, self._cum[s - self._lo] + days, s - self._lo + 1, min(s - self._lo + reach + 1, len(self._cum)))
            if i <= s - self._lo + reach and i < len(self._cum):
                due = self._lo + i
                break
        day = date.fromordinal(due if due is not None else s + GUARD)
        self._examined(start + timedelta(days=1), day)
        return day

    def between(self, start: date, end: date, jenis: str) -> int:
        """Days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        if jenis == "kalender":
            return (end - start).days
        s, e = start.toordinal(), end.toordinal()
        self._table(s, e)
        self._examined(start + timedelta(days=1), end)
        return self._cum[e - self._lo] - self._cum[s - self._lo]

    def missing_years(self) -> list[int]:
        return sorted(self.missing)
