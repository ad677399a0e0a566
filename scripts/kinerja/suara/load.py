"""The suara publik records of a repository, from its file entries (no other reader)."""

from __future__ import annotations

from kinerja.suara import RULES_FILE
from kinerja.suara.records import Complaint, ServiceMap, ServiceRules, Survey
from kinerja.suara.workdays import WorkCalendar


def _rels(repo, kind: str, year: int | None = None) -> list[str]:
    return [rel for rel, e in repo.files.items() if e.kind == kind and e.ok and (year is None or int(e.keys["tahun"]) == year)]


def _records(repo, rels: list[str]) -> list:
    repo.preload(rels)
    return [r for r in (repo.record(rel) for rel in rels) if r is not None]


def rules(repo) -> ServiceRules | None:
    return repo.record(RULES_FILE) if RULES_FILE in repo.files else None


def calendar(repo, rules: ServiceRules | None) -> WorkCalendar:
    holidays = {h.tahun: h.days for h in _records(repo, _rels(repo, "holidays"))}
    if rules is None:
        return WorkCalendar(holidays)
    return WorkCalendar(holidays, rules.weekdays, rules.cuti_bersama_libur)


def complaints(repo, year: int | None = None) -> list[Complaint]:
    return _records(repo, _rels(repo, "complaint", year))


def surveys(repo, year: int | None = None) -> list[Survey]:
    return _records(repo, _rels(repo, "survey", year))


def service_maps(repo, year: int | None = None) -> list[ServiceMap]:
    return _records(repo, _rels(repo, "service_map", year))


def years(repo) -> list[int]:
    return sorted({int(e.keys["tahun"]) for e in repo.files.values() if e.kind in ("complaint", "survey", "service_map")})
