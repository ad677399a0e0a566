"""What git says, made public: the latest changes (offices and kinds of data only, never whose
file or the commit message), when each unit's data last changed, and the target changes after
approval of published plans (from publish/targethistory.py)."""

from __future__ import annotations

from functools import lru_cache

from kinerja.layout import classify
from kinerja.model.calendar import PERIOD_LABEL
from kinerja.publish.projecting.context import Context
from kinerja.publish.public import PublicChange

KIND_TEXT = {
    "plan": "Rencana kinerja (SKP)",
    "evaluation": "Evaluasi kinerja",
    "goals": "Sasaran organisasi",
    "unit_result": "Predikat kinerja organisasi",
    "unit": "Susunan unit kerja",
    "person": "Data pegawai dan penugasan",
    "regency": "Pengaturan instansi",
    "rules": "Aturan penilaian",
    "publication": "Kebijakan publikasi",
}

# Internal HR records: not even the fact that one changed reaches the public home page.
PRIVATE_KINDS = frozenset({"calibration"})

CHANGE_KINDS_SHOWN = 4
CHANGE_OFFICES_SHOWN = 3


def target_changes(history, code_of: dict, plans: dict) -> dict[str, dict]:
    """public plan code -> {(rhk, iki): [TargetChange]}, for published plans only."""
    out: dict[str, dict] = {}
    for (y, k), found in getattr(history, "target_changes", {}).items():
        kode = code_of.get((y, k))
        if kode in plans:
            for ch in found:
                out.setdefault(kode, {}).setdefault((ch.rhk, ch.iki), []).append(ch)
    return out


def person_units(ctx: Context, units: dict) -> dict[str, set[str]]:
    """person id -> units their plans belong to (to place a changed file on unit pages)."""
    out: dict[str, set[str]] = {}
    for (_y, _k), plan in ctx.plans.items():
        unit = plan.unit
        if unit is None:
            person = ctx.repo.people.get(plan.pegawai)
            a = person.assignment_on(plan.selesai) if person else None
            unit = a.unit if a else None
        if unit in units:
            out.setdefault(plan.pegawai, set()).add(unit)
    return out


_classify = lru_cache(maxsize=None)(classify)


def units_of_path(path: str, person_unit: dict, units: dict) -> set[str]:
    c = _classify(path)
    if c is None:
        return set()
    kind, keys = c.kind.name, c.keys
    if kind in ("plan", "evaluation"):
        return set(person_unit.get(keys.get("pegawai"), ()))
    if kind in ("goals", "unit_result") and keys.get("unit") in units:
        return {keys["unit"]}
    if kind == "unit" and keys.get("unit") in units:
        return {u for u, x in units.items() if x.pd == keys["unit"]}
    return set()


def describe_change(paths: tuple[str, ...], person_unit: dict, units: dict) -> list[str]:
    """'Evaluasi kinerja 2026 Triwulan III: Dinas Pendidikan, Dinas Kesehatan' — offices only,
    never whose file changed."""
    grouped: dict[str, set[str]] = {}
    for path in paths:
        c = _classify(path)
        if c is None:
            continue
        kind, keys = c.kind.name, c.keys
        if kind in PRIVATE_KINDS:
            continue
        label = KIND_TEXT.get(kind, "Data lain")
        if "tahun" in keys:
            label += f" {keys['tahun']}"
        if "periode" in keys:
            label += f" {PERIOD_LABEL.get(keys['periode'], keys['periode'])}"
        pds = grouped.setdefault(label, set())
        if kind not in ("person", "regency", "rules", "publication"):
            for uid in units_of_path(path, person_unit, units):
                pds.add(units[units[uid].pd].nama)
    # A large commit (a new year, a period closing) touches every office: name a few and count
    # the rest, so the home page stays a readable list of changes.
    out = []
    for label in sorted(grouped)[:CHANGE_KINDS_SHOWN]:
        names = sorted(grouped[label])
        shown = names[:CHANGE_OFFICES_SHOWN]
        if len(names) > len(shown):
            shown.append(f"dan {len(names) - len(shown)} perangkat daerah lain")
        out.append(label + (": " + ", ".join(shown) if shown else ""))
    if len(grouped) > CHANGE_KINDS_SHOWN:
        out.append(f"dan {len(grouped) - CHANGE_KINDS_SHOWN} jenis data lain")
    return out


def public_changes(ctx: Context, history, units: dict) -> list[PublicChange]:
    """The latest changes, and each unit's (and its perangkat daerah's) "diperbarui" time."""
    changes: list[PublicChange] = []
    if not history.available:
        return changes
    person_unit = person_units(ctx, units)
    for ch in history.changes:
        described = describe_change(ch.paths, person_unit, units)
        if described:  # a commit of private records only is not listed
            changes.append(PublicChange(ch.sha, ch.epoch, described))
    for path, epoch in history.last_changed.items():
        for uid in units_of_path(path, person_unit, units):
            pd = units[uid].pd
            for target in {uid, pd}:
                if units[target].diperbarui is None or epoch > units[target].diperbarui:
                    units[target].diperbarui = epoch
    return changes
