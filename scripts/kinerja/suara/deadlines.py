"""Deadline clocks of one complaint: for each rule step, when it started, when it was due,
when it was done and how many days late it is (as of a date, or as of when it was done)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.suara.records import Complaint, Deadline
from kinerja.suara.workdays import WorkCalendar


@dataclass(frozen=True, slots=True)
class Clock:
    deadline: Deadline
    start: date | None  # None: the step has not started (its starting status never came)
    due: date | None
    done: date | None
    late: int  # days past due (in the deadline's kind of days), 0 when on time
    on_time: bool | None  # None while open and not yet due

    @property
    def overdue(self) -> bool:
        """Open and past due."""
        return self.start is not None and self.done is None and self.late > 0


def clocks(c: Complaint, deadlines, cal: WorkCalendar, today: date) -> list[Clock]:
    out = []
    for dl in deadlines:
        start = c.diterima if dl.mulai_dari == "diterima" else next(
            (s.tanggal for s in c.riwayat if s.status == dl.mulai_dari), None)
        if start is None:
            out.append(Clock(dl, None, None, None, 0, None))
            continue
        due = cal.add(start, dl.hari, dl.jenis)
        done = next((s.tanggal for s in c.riwayat if s.status in dl.selesai_pada and s.tanggal >= start), None)
        upto = done if done is not None else today
        late = cal.between(due, upto, dl.jenis)
        on_time = (done <= due) if done is not None else (False if late > 0 else None)
        out.append(Clock(dl, start, due, done, late, on_time))
    return out


def first_response(c: Complaint, cal: WorkCalendar) -> int | None:
    """Working days from receipt to the first status other than `diterima`."""
    for s in c.riwayat:
        if s.status != "diterima":
            return cal.between(c.diterima, s.tanggal, "kerja")
    return None


def resolution(c: Complaint, closing: set[str]) -> int | None:
    """Calendar days from receipt to the first closing status."""
    for s in c.riwayat:
        if s.status in closing:
            return (s.tanggal - c.diterima).days
    return None
