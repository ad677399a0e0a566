"""Open-ended inputs: the personal-data detector and the working-day arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.suara.privacy import find
from kinerja.suara.workdays import WorkCalendar

SEPARATORS = st.sampled_from(["", " ", ".", "-"])
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,", max_size=40)


@st.composite
def grouped_digits(draw, n: int, first: str = ""):
    digits = first + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=n - len(first), max_size=n - len(first))))
    out, sep = "", draw(SEPARATORS)
    for i, d in enumerate(digits):
        out += d
        if i % 4 == 3 and i < n - 1:
            out += sep
    return out


@settings(deadline=None, max_examples=200)
@given(WORDS, grouped_digits(16), WORDS)
def test_any_16_digit_run_is_seen_as_a_nik(before, number, after):
    hit = find(f"{before} {number} {after}")
    assert hit is not None and hit[0].startswith("NIK")


@settings(deadline=None, max_examples=200)
@given(WORDS, grouped_digits(18), WORDS)
def test_any_18_digit_run_is_seen_as_a_nip(before, number, after):
    hit = find(f"{before} {number} {after}")
    assert hit is not None and hit[0].startswith("NIP")


@settings(deadline=None, max_examples=200)
@given(WORDS, st.integers(9, 13), st.data())
def test_mobile_numbers_are_seen(before, length, data):
    number = data.draw(grouped_digits(length, first="08"))
    assert find(f"{before} {number}") == ("nomor telepon", 1)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(["antre", "lama", "14", "hari", "kerja", "loket", "2026-09-07", "120", "orang", "3"]), max_size=12))
def test_ordinary_complaint_text_passes(words):
    assert find(" ".join(words)) is None


@settings(deadline=None, max_examples=300)
@given(st.dates(date(2026, 1, 1), date(2026, 12, 31)), st.integers(0, 40),
       st.sets(st.dates(date(2026, 1, 1), date(2027, 3, 31)), max_size=20))
def test_working_days_due_date_and_count_agree(start, days, holidays):
    cal = WorkCalendar({2026: {d: ("x", "libur_nasional") for d in holidays if d.year == 2026},
                        2027: {d: ("x", "libur_nasional") for d in holidays if d.year == 2027}})
    due = cal.add(start, days, "kerja")
    # exactly `days` working days after the start up to the due date, and the due date itself
    # is a working day (unless no days are asked for)
    assert cal.between(start, due, "kerja") == days
    if days:
        assert due.isoweekday() <= 5 and due not in holidays
        assert cal.between(start, due - timedelta(days=1), "kerja") == days - 1
