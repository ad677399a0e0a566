"""Questions about the organisation on a given date: who heads a unit, who evaluates whom.

Built once from the repository's people and units. Validation, scoring, authorization and
publication all ask these questions, so the answers live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.model.records import Assignment, Person, Unit


@dataclass(frozen=True, slots=True)
class Tenure:
    """Someone holding a unit's head position for a while."""

    person: str
    mulai: date
    selesai: date | None
    how: str  # "definitif", "plt" or "plh"

    def covers(self, day: date) -> bool:
        return self.mulai <= day and (self.selesai is None or day <= self.selesai)

    def overlaps(self, start: date, end: date) -> bool:
        return self.mulai <= end and (self.selesai is None or start <= self.selesai)


class OrgIndex:
    """Indexes are built on first use: checking one evaluation needs two people, not all."""

    def __init__(self, people, units: dict[str, Unit], regency_id: str | None, admins=(), heads=None):
        self.people = people  # a mapping id -> Person (possibly loading records lazily)
        self.units = units
        self.regency_id = regency_id
        self.admins = set(admins)
        self._heads = heads
        self._by_github_id = None

    @property
    def heads(self) -> dict[str, list[Tenure]]:
        """unit id -> everyone who held its head position, definitively or acting."""
        if self._heads is None:
            heads: dict[str, list[Tenure]] = {}
            for p in self.people.values():
                for a in p.assignments:
                    if a.kepala_unit:
                        heads.setdefault(a.unit, []).append(Tenure(p.id, a.mulai, a.selesai, "definitif"))
                for a in p.acting:
                    heads.setdefault(a.unit, []).append(Tenure(p.id, a.mulai, a.selesai, a.jenis))
            for tenures in heads.values():
                tenures.sort(key=lambda t: (t.mulai, t.person))
            self._heads = heads
        return self._heads

    # -- units
    def parent(self, unit_id: str) -> str | None:
        u = self.units.get(unit_id)
        if u is None:
            return None
        return u.induk if u.induk is not None else self.regency_id

    def ancestors(self, unit_id: str) -> list[str]:
        out, cursor = [], self.parent(unit_id)
        while cursor is not None and cursor not in out and cursor in self.units:
            out.append(cursor)
            cursor = self.parent(cursor)
        return out

    def perangkat_daerah(self, unit_id: str) -> str | None:
        u = self.units.get(unit_id)
        return u.pd if u else None

    # -- heads
    def heads_between(self, unit_id: str | None, start: date, end: date) -> list[Tenure]:
        return [t for t in self.heads.get(unit_id, ()) if t.overlaps(start, end)]

    def head_on(self, unit_id: str, day: date) -> str | None:
        """Who heads the unit that day: the definitive holder, else a Plt./Plh."""
        found = [t for t in self.heads.get(unit_id, ()) if t.covers(day)]
        for how in ("definitif", "plt", "plh"):
            for t in found:
                if t.how == how:
                    return t.person
        return None

    def units_headed(self, person_id: str, start: date, end: date) -> list[str]:
        return sorted(u for u, ts in self.heads.items() for t in ts if t.person == person_id and t.overlaps(start, end))

    def heads_pd(self, person_id: str, start: date, end: date) -> list[str]:
        """Perangkat daerah this person heads (definitively or acting) in [start, end]."""
        return [u for u in self.units_headed(person_id, start, end) if u in self.units and self.units[u].is_pd]

    # -- people
    def person(self, person_id: str | None) -> Person | None:
        return self.people.get(person_id) if person_id else None

    def by_account(self, login: str | None, github_id: int | None) -> Person | None:
        """The person behind a GitHub account; the numeric id decides (logins can be reused)."""
        if github_id is None:
            return None
        if self._by_github_id is None:
            self._by_github_id = {}
            for person in self.people.values():
                if person.github_id is not None:
                    self._by_github_id.setdefault(person.github_id, person)
        p = self._by_github_id.get(github_id)
        if p is None:
            return None
        if login is not None and p.github_login and p.github_login.casefold() != login.casefold():
            return None
        return p

    def assignment_on(self, person_id: str, day: date) -> Assignment | None:
        p = self.people.get(person_id)
        return p.assignment_on(day) if p else None

    def penilai_on(self, person_id: str, day: date) -> str | None:
        a = self.assignment_on(person_id, day)
        return a.pejabat_penilai if a else None

    def penilai_between(self, person_id: str, start: date, end: date) -> list[str]:
        p = self.people.get(person_id)
        if p is None:
            return []
        out = []
        for a in p.assignments_between(start, end):
            if a.pejabat_penilai and a.pejabat_penilai not in out:
                out.append(a.pejabat_penilai)
        return out

    def atasan_penilai_on(self, person_id: str, day: date) -> str | None:
        """The evaluator's own evaluator: decides objections (keberatan)."""
        penilai = self.penilai_on(person_id, day)
        return self.penilai_on(penilai, day) if penilai else None

    def level_on(self, person_id: str, day: date) -> set[str]:
        """Job categories a person acts in that day: their own, plus those of positions they cover."""
        out = set()
        a = self.assignment_on(person_id, day)
        if a is not None:
            out.add(a.jenis_jabatan)
        p = self.people.get(person_id)
        if p is not None:
            for act in p.acting:
                if act.mulai <= day and (act.selesai is None or day <= act.selesai) and act.unit in self.units:
                    out.add(self.units[act.unit].jenis_jabatan_kepala)
        return out

    def is_admin(self, person_id: str | None) -> bool:
        return person_id in self.admins
