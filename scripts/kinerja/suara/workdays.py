"""Working days: the weekdays the rules name, less the holidays of the calendar files.

Cuti bersama counts as a holiday when `cuti_bersama_libur` is true in the rules (the
default: offices close on cuti bersama), otherwise as a working day. A year without a
calendar file counts only weekends as non-working days; `missing_years` says so.
"""

from __future__ import annotations

from datetime import date, timedelta


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
        return day.isoweekday() in self.weekdays and day not in self.off

    def add(self, start: date, days: int, jenis: str) -> date:
        """The due date: `days` days after `start` (the start is day 0)."""
        if jenis == "kalender":
            return start + timedelta(days=days)
        day, left = start, days
        guard = 0
        while left > 0:
            day += timedelta(days=1)
            guard += 1
            if self.is_workday(day):
                left -= 1
            if guard > 3660:  # no working day in ten years: weekdays list is empty
                break
        return day

    def between(self, start: date, end: date, jenis: str) -> int:
        """Days after `start` up to and including `end` (0 when end <= start)."""
        if end <= start:
            return 0
        if jenis == "kalender":
            return (end - start).days
        n, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                n += 1
        return n

    def missing_years(self) -> list[int]:
        return sorted(self.missing)
