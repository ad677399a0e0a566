"""Open complaints with a step past its deadline, per perangkat daerah (for the reminders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.suara import load as L
from kinerja.suara.deadlines import clocks


@dataclass(frozen=True)
class Overdue:
    pd: str
    nomor: str
    file: str
    step: str
    due: date
    late: int
    jenis: str
    admins: tuple  # the PD's complaint admins (to mention)


def overdue(repo, today: date) -> list[Overdue]:
    rules = L.rules(repo)
    if rules is None:
        return []
    cal = L.calendar(repo, rules)
    reg = repo.regency
    out = []
    for k in L.complaints(repo):
        st = rules.status.get(k.status)
        if st is not None and not st.terbuka or k.diterima > today:
            continue
        unit = repo.units.get(k.unit)
        if unit is None:
            continue
        for c in clocks(k, rules.deadlines, cal, today):
            if c.overdue:
                admins = tuple(reg.complaint_admins.get(unit.pd, ())) if reg else ()
                out.append(Overdue(unit.pd, k.nomor, k.file, c.deadline.nama, c.due, c.late, c.deadline.jenis, admins))
    return sorted(out, key=lambda o: (o.pd, o.nomor, o.step))
