"""The working-day table (suara/workdays.py: running counts, not a day-by-day walk) gives the
same due dates, day counts and missing-calendar years as stepping through the days one by
one, written out again here as the reference."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.suara.workdays import WorkCalendar


class Stepping:
    """The reference: look at every day in turn."""

    def __init__(self, holidays, weekdays, cuti_bersama_libur):
        self.weekdays, self.years, self.missing = frozenset(weekdays), set(holidays), set()
        self.off = {d for days in holidays.values() for d, (_n, j) in days.items() if j != "cuti_bersama" or cuti_bersama_libur}

    def workday(self, day):
        if day.year not in self.years:
            self.missing.add(day.year)
        return day.isoweekday() in self.weekdays and day not in self.off

    def add(self, start, days, jenis):
        if jenis == "kalender":
            return start + timedelta(days=days)
        day, left, guard = start, days, 0
        while left > 0:
            day += timedelta(days=1)
            guard += 1
            if self.workday(day):
                left -= 1
            if guard > 3660:
                break
        return day

    def between(self, start, end, jenis):
        if end <= start:
            return 0
        if jenis == "kalender":
            return (end - start).days
        n, day = 0, start
        while day < end:
            day += timedelta(days=1)
            n += self.workday(day)
        return n


DAYS = st.dates(date(2024, 6, 1), date(2028, 6, 30))
HOLIDAYS = st.lists(st.tuples(DAYS, st.sampled_from(["libur_nasional", "cuti_bersama", "libur_daerah"])), max_size=40)
CALLS = st.lists(st.tuples(st.sampled_from(["add", "between"]), DAYS, st.integers(-3, 400), DAYS,
                           st.sampled_from(["kerja", "kalender"])), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None)
@given(holidays=HOLIDAYS, years=st.sets(st.integers(2024, 2028)), weekdays=st.sets(st.integers(1, 7)),
       cuti=st.booleans(), calls=CALLS)
def test_the_table_agrees_with_stepping_day_by_day(holidays, years, weekdays, cuti, calls):
    table = {y: {} for y in years}
    for d, jenis in holidays:
        if d.year in table:
            table[d.year].setdefault(d, ("x", jenis))
    fast, slow = WorkCalendar(table, weekdays, cuti), Stepping(table, weekdays, cuti)
    for what, start, days, end, jenis in calls:  # one calendar for many calls: the table grows as asked
        if what == "add":
            assert fast.add(start, days, jenis) == slow.add(start, days, jenis), (start, days, jenis)
        else:
            assert fast.between(start, end, jenis) == slow.between(start, end, jenis), (start, end, jenis)
        assert fast.missing_years() == sorted(slow.missing)


def test_no_working_day_at_all_stops_ten_years_on_as_before():
    cal, ref = WorkCalendar({}, frozenset()), Stepping({}, frozenset(), True)
    start = date(2026, 1, 5)
    assert cal.add(start, 3, "kerja") == ref.add(start, 3, "kerja") == start + timedelta(days=3661)
    assert cal.missing_years() == sorted(ref.missing) == list(range(2026, 2036 + 1))
    assert cal.between(start, date(2026, 3, 1), "kerja") == 0
