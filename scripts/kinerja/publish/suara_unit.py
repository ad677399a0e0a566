"""Complaint figures on a unit's own page (unit/...): per unit with public services, how many
complaints came in, how many were resolved (`selesai`) within every deadline, how many are
open past a deadline, and the corrective steps (tindak lanjut) recorded, with how many link
to a change. For a perangkat daerah: one row per unit of it that has services, and a total.

Read only from the public projection of complaints (publish/suara_projection.py): counts
and unit names, never a complaint's text here, and nothing of the complainant exists there.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.publish.html import Html, el, href, md_heading


@dataclass
class UnitCounts:
    received: int = 0
    resolved_on_time: int = 0
    resolved: int = 0
    overdue: int = 0  # open and past a deadline
    steps: int = 0  # tindak lanjut recorded
    steps_with_change: int = 0  # of which link to the corrective change

    def add(self, other: "UnitCounts") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def counts(suara, unit: str) -> UnitCounts:
    """The figures of one unit's services, from the projected complaints."""
    out = UnitCounts()
    for key in suara.by_unit.get(unit, ()):
        for k in suara.services[key].complaints:
            out.received += 1
            if k.status_kode == "selesai":
                out.resolved += 1
                out.resolved_on_time += all(c.on_time is not False for c in k.clocks)
            out.overdue += k.terbuka and any(c.late > 0 for c in k.clocks)
            out.steps += len(k.tindak_lanjut)
            out.steps_with_change += sum(1 for t in k.tindak_lanjut if t.perubahan)
    return out


def _units_in_scope(proj, unit_id: str) -> list[str]:
    """The unit itself, or for a perangkat daerah every unit of it, that has public services."""
    u = proj.units[unit_id]
    suara = proj.suara
    if u.is_pd:
        scope = [uid for uid in proj.units if proj.units[uid].pd == unit_id or uid == unit_id]
    else:
        scope = [unit_id]
    return [uid for uid in scope if suara.by_unit.get(uid)]


def section(proj, here: str, unit_id: str) -> list[Html]:
    """Heading, note and table for the unit page; nothing where the unit has no public service."""
    from kinerja.publish.pageparts import note, table
    from kinerja.publish.suara import unit_src as service_unit_src

    suara = getattr(proj, "suara", None)
    if suara is None or unit_id not in proj.units:
        return []
    units = _units_in_scope(proj, unit_id)
    if not units:
        return []
    total = UnitCounts()
    rows = []
    for uid in units:
        n = counts(suara, uid)
        total.add(n)
        rows.append(_row(el("a", proj.units[uid].nama, href=href(here, service_unit_src(uid))), n))
    if len(units) > 1:
        rows.append(_row(el("strong", "Jumlah"), total))
    headers = ["Unit layanan", "Pengaduan diterima", "Selesai dalam tenggat", "Terbuka melewati tenggat",
               "Tindak lanjut (dengan perubahan)"]
    return [
        md_heading(2, "Pengaduan masyarakat"),
        note("Pengaduan tentang layanan publik unit ini, sejak dicatat. Identitas pelapor tidak pernah diterbitkan; "
             "rincian setiap pengaduan, tenggatnya, dan survei kepuasan ada di halaman layanan."),
        table(headers, rows, numeric_from=1, caption="Pengaduan masyarakat per unit layanan"),
    ]


def _row(name: Html, n: UnitCounts) -> list:
    return [name, str(n.received), f"{n.resolved_on_time} dari {n.resolved} selesai", str(n.overdue),
            f"{n.steps} ({n.steps_with_change})"]
