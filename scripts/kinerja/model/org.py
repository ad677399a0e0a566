"""Questions about the organisation on a given date: who heads a unit, who evaluates whom.

Built once from the repository's people and units. Validation, scoring, authorization and
publication all ask these questions, so the answers live here and nowhere else.

Who evaluates whom is *derived* (`penilai_on`): walking up the unit tree from the person's
unit, the first head (definitive, else Plt., else Plh.) whose jenis jabatan the rule set's
usual pairs (`pejabat_penilai_lazim`) allow; a fungsional head marked `kepala_unit` always
counts; a unit the person heads is skipped; for the head of a perangkat daerah, the head of
the perangkat daerah named by `penentuan_penilai.kepala_perangkat_daerah_dinilai_oleh` (the
Sekda) comes before the regency head. When no head on the way is usual, the nearest head
inside the person's perangkat daerah rates; when there is none, nobody does (a finding). An assignment's explicit `pejabat_penilai` is an exception for that assignment's dates.
Who rates a period (`penilai_for_period`) is the penilai on its last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kinerja.model.records import Assignment, Person, Unit


@dataclass(frozen=True, slots=True)
class Tenure:
    """Someone holding a unit's head position for a while."""

    person: str
    mulai: date
    selesai: date | None
    how: str  # "definitif", "plt" or "plh"
    level: str | None = None  # jenis jabatan of the position held (definitive: the holder's own)

    def covers(self, day: date) -> bool:
        return self.mulai <= day and (self.selesai is None or day <= self.selesai)

    def overlaps(self, start: date, end: date) -> bool:
        return self.mulai <= end and (self.selesai is None or start <= self.selesai)


class OrgIndex:
    """Indexes are built on first use: checking one evaluation needs two people, not all."""

    def __init__(self, people, units: dict[str, Unit], regency_id: str | None, admins=(), heads=None, rules_for_year=None):
        self.people = people  # a mapping id -> Person (possibly loading records lazily)
        self.units = units
        self.regency_id = regency_id
        self.admins = set(admins)
        self._heads = heads
        self._headed_by = None  # person id -> [(unit id, tenure)], from heads
        self._by_github_id = None
        self._rules_for_year = rules_for_year  # year -> RuleSet | None (the usual evaluator pairs)

    @property
    def heads(self) -> dict[str, list[Tenure]]:
        """unit id -> everyone who held its head position, definitively or acting."""
        if self._heads is None:
            heads: dict[str, list[Tenure]] = {}
            for p in self.people.values():
                for a in p.assignments:
                    if a.kepala_unit:
                        heads.setdefault(a.unit, []).append(Tenure(p.id, a.mulai, a.selesai, "definitif", a.jenis_jabatan))
                for a in p.acting:
                    u = self.units.get(a.unit)
                    heads.setdefault(a.unit, []).append(Tenure(p.id, a.mulai, a.selesai, a.jenis, u.jenis_jabatan_kepala if u else None))
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
        """Units this person heads (definitively or acting) in [start, end], sorted; a unit once per tenure."""
        if self._headed_by is None:  # one pass over heads, not one per question (the scorer asks per evaluation)
            by: dict[str, list[tuple[str, Tenure]]] = {}
            for u, ts in self.heads.items():
                for t in ts:
                    by.setdefault(t.person, []).append((u, t))
            self._headed_by = by
        return sorted(u for u, t in self._headed_by.get(person_id, ()) if t.overlaps(start, end))

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

    # -- who evaluates whom (the one derivation; see the module docstring)
    def _rules(self, year: int):
        return self._rules_for_year(year) if self._rules_for_year else None

    def _settings(self, year: int) -> dict:
        rules = self._rules(year)
        return rules.penentuan_penilai if rules is not None else {}

    def acting_may_rate(self, how: str, year: int) -> bool:
        flag = self._settings(year).get(f"{how}_menilai")
        return True if flag is None else bool(flag.get("nilai", True))

    def _walk(self, unit_id: str, year: int) -> list[str]:
        """Units whose heads may evaluate someone in `unit_id`, nearest first: the unit, the
        units above it, then the regency."""
        memo = self.__dict__.setdefault("_walks", {})
        if unit_id not in memo:
            chain = [unit_id, *self.ancestors(unit_id)]
            if self.regency_id is not None and self.regency_id not in chain:
                chain.append(self.regency_id)
            memo[unit_id] = chain
        return memo[unit_id]

    def _pd_head_raters(self, year: int, own: str) -> list[str]:
        """Perangkat daerah whose head rates the heads of the others (the Sekretariat Daerah)."""
        kind = self._settings(year).get("kepala_perangkat_daerah_dinilai_oleh")
        if not kind:
            return []
        return sorted(u.id for u in self.units.values() if u.is_pd and u.jenis == kind and u.id != own)

    def heads_on(self, unit_id: str, day: date) -> list[Tenure]:
        """Who holds the unit's head position that day, definitive first, then Plt., then Plh."""
        order = {"definitif": 0, "plt": 1, "plh": 2}
        return sorted((t for t in self.heads.get(unit_id, ()) if t.covers(day)), key=lambda t: (order.get(t.how, 3), t.person))

    def derived_penilai_on(self, person_id: str, day: date, a: Assignment | None = None) -> str | None:
        """The evaluator the unit tree gives (ignoring an explicit exception)."""
        return self.derivation_on(person_id, day, a)[0]

    def derivation_on(self, person_id: str, day: date, a: Assignment | None = None) -> tuple[str | None, bool]:
        """(the evaluator the unit tree gives, whether it is only the nearest-head fallback because
        no head on the way is of a usual jenis jabatan for the person)."""
        a = a or self.assignment_on(person_id, day)
        p = self.people.get(person_id)
        if a is None or p is None or p.status == "non_asn":
            return None, False  # elected officials (Bupati, Wakil Bupati) are not evaluated
        rules = self._rules(day.year)
        key = f"fungsional.{a.jenjang}" if a.jenis_jabatan == "fungsional" else a.jenis_jabatan
        usual = set(rules.penilai_lazim.get(key, ())) if rules is not None and rules.penilai_lazim.get(key) else None
        chain = self._walk(a.unit, day.year)
        own = self.units.get(a.unit)
        heads_pd = own is not None and own.is_pd and any(t.person == person_id for t in self.heads_on(a.unit, day))
        if heads_pd:  # a head of perangkat daerah: the Sekda rates, for the regency head
            chain = chain[:-1] + self._pd_head_raters(day.year, a.unit) + chain[-1:]
        nearest = None
        for unit_id in chain:
            tenures = self.heads_on(unit_id, day)
            if any(t.person == person_id for t in tenures):
                continue  # nobody evaluates the head of a unit from inside that unit
            # without a usual pair anywhere, the nearest head inside the perangkat daerah rates
            inside = heads_pd or (own is not None and unit_id in self.units and self.units[unit_id].pd == own.pd)
            for t in tenures:
                if t.how != "definitif" and not self.acting_may_rate(t.how, day.year):
                    continue
                if nearest is None and inside:
                    nearest = t.person
                # a fungsional head position (kepala sekolah, kepala puskesmas) always counts
                if usual is None or t.level in usual or t.level == "fungsional":
                    return t.person, False
        return nearest, nearest is not None

    def penilai_on(self, person_id: str, day: date) -> str | None:
        """The pejabat penilai of a person on a date: the assignment's exception, else derived."""
        a = self.assignment_on(person_id, day)
        if a is None:
            return None
        if a.pejabat_penilai:
            return a.pejabat_penilai
        return self.derived_penilai_on(person_id, day, a)

    def breakpoints(self, person_id: str, start: date, end: date) -> list[date]:
        """Days in [start, end] on which the person's penilai may change (an assignment or a
        head tenure on the way up starts or ends), with `start` itself."""
        p = self.people.get(person_id)
        points = {start}
        if p is None:
            return [start]
        for a in p.assignments_between(start, end):
            points.add(a.mulai)
            if a.selesai is not None:
                points.add(a.selesai + timedelta(days=1))
            for unit_id in self._walk(a.unit, start.year) + self._pd_head_raters(start.year, a.unit):
                for t in self.heads.get(unit_id, ()):
                    points.add(t.mulai)
                    if t.selesai is not None:
                        points.add(t.selesai + timedelta(days=1))
        return sorted(d for d in points if start <= d <= end)

    def penilai_segments(self, person_id: str, start: date, end: date) -> list[tuple[date, date, str | None]]:
        """[(first day, last day, penilai or None)] covering [start, end], merged where equal."""
        points = self.breakpoints(person_id, start, end)
        out: list[tuple[date, date, str | None]] = []
        for i, day in enumerate(points):
            last = points[i + 1] - timedelta(days=1) if i + 1 < len(points) else end
            who = self.penilai_on(person_id, day)
            if out and out[-1][2] == who:
                out[-1] = (out[-1][0], last, who)
            else:
                out.append((day, last, who))
        return out

    def penilai_between(self, person_id: str, start: date, end: date) -> list[str]:
        """Everyone who was the person's penilai at some day in [start, end], earliest first."""
        out = []
        for _, _, who in self.penilai_segments(person_id, start, end):
            if who and who not in out:
                out.append(who)
        return out

    def rating_day(self, person_id: str, start: date, end: date) -> date:
        """The day whose penilai rates [start, end] (rule `pergantian_dalam_periode: akhir_periode`):
        its last day, or the last day of the person's position within it."""
        p = self.people.get(person_id)
        if p is not None:
            first = p.assignment_on(start) or next(iter(p.assignments_between(start, end)), None)
            if first is not None:
                pos_end = p.position_end(first)
                if pos_end is not None and pos_end < end:
                    return max(start, pos_end)
        return end

    def penilai_for_period(self, person_id: str, start: date, end: date) -> str | None:
        """Who rates the person for [start, end] (a period clipped to the plan)."""
        return self.penilai_on(person_id, self.rating_day(person_id, start, end))

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
