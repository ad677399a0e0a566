"""What a changed file is, and which parts of its content changed.

An evaluation has two authors: the employee writes `realisasi`, the pejabat penilai writes
`penilaian` and sets `status: final`. Which part a change touches is decided by comparing
the loaded data of the base and head versions key by key, never by looking at diff lines,
so reordering or reformatting cannot hide a change in the other person's part.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.layout import classify
from kinerja.loader import LoadError, load_bytes

# parts of an evaluation
EMPLOYEE = "realisasi"  # written by the employee
PENILAI = "penilaian"  # ratings, umpan balik, and setting status final
HEADER = "kepala"  # who/when: either author may write it (validation checks it)
KOREKSI = "koreksi"  # admins only
OTHER = "lain"  # keys the format does not know: admins only (validation refuses them anyway)

HEADER_KEYS = frozenset({"versi_format", "pegawai", "tahun", "periode", "pejabat_penilai"})

PART_LABEL = {
    EMPLOYEE: "bagian realisasi (diisi pegawai)",
    PENILAI: "bagian penilaian atau status final (diisi pejabat penilai)",
    HEADER: "kepala berkas",
    KOREKSI: "catatan koreksi (hanya admin)",
    OTHER: "kunci yang tidak dikenal",
}


class Unreadable:
    """Content that could not be loaded (broken YAML): its parts are unknown."""

    def __init__(self, error: LoadError):
        self.error = error


def load_data(raw: bytes | None):
    """dict (or other value) of a file's content, None if absent, Unreadable if broken."""
    if raw is None:
        return None
    try:
        return load_bytes(raw).data
    except LoadError as exc:
        return Unreadable(exc)


def _part_of(key: str) -> str:
    if key == "realisasi":
        return EMPLOYEE
    if key in ("penilaian", "status", "alasan_tidak_dinilai", "masukan_penilai_sebelumnya"):
        return PENILAI  # tidak_dinilai and an earlier penilai's input are recorded by the rating penilai
    if key in HEADER_KEYS:
        return HEADER
    if key == "koreksi":
        return KOREKSI
    return OTHER


def evaluation_parts(before, after) -> set[str]:
    """The parts of an evaluation a change touches (before/after: loaded dicts or None)."""
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    parts = set()
    for key in set(b) | set(a):
        if b.get(key, _MISSING) == a.get(key, _MISSING):
            continue
        if key == "status":
            old, new = b.get("status"), a.get("status")
            # creating or keeping a draft is no one's privilege; final (or leaving it) is the penilai's
            if new == "draf" and old in (None, "draf"):
                continue
        parts.add(_part_of(key))
    return parts


_MISSING = object()


def new_corrections(before, after) -> list[dict] | None:
    """koreksi entries the change appends; None if it edits or removes existing entries."""
    old = before.get("koreksi") if isinstance(before, dict) else None
    new = after.get("koreksi") if isinstance(after, dict) else None
    old = old if isinstance(old, list) else []
    new = new if isinstance(new, list) else []
    if new[: len(old)] != old:
        return None
    return [k for k in new[len(old) :] if isinstance(k, dict)]


@dataclass(frozen=True, slots=True)
class Kind:
    name: str | None  # layout kind name, None for files outside the known places
    keys: dict


def kind_of(path: str) -> Kind:
    c = classify(path)
    return Kind(c.kind.name, c.keys) if c else Kind(None, {})


# --- calibration records: the tim's part and each penilai's enactment ----------------------


def _recommendations(d) -> list:
    items = d.get("rekomendasi") if isinstance(d, dict) else None
    return [r for r in items if isinstance(r, dict)] if isinstance(items, list) else []


def _rec_key(r: dict) -> str:
    return str(r.get("rencana") or r.get("pegawai"))


def calibration_tim_part(d) -> object:
    """Everything of a calibration record but the enactments and the koreksi (the tim's writing)."""
    if not isinstance(d, dict):
        return d
    out = {k: v for k, v in d.items() if k not in ("rekomendasi", "koreksi")}
    out["rekomendasi"] = [{k: v for k, v in r.items() if k != "diberlakukan"} for r in _recommendations(d)]
    return out


def calibration_enactments(d) -> dict[str, object]:
    """recommendation key (person or plan stem) -> its `diberlakukan` (None if not enacted)."""
    return {_rec_key(r): r.get("diberlakukan") for r in _recommendations(d)}


def calibration_person(d, key: str) -> str:
    for r in _recommendations(d):
        if _rec_key(r) == key:
            return str(r.get("pegawai"))
    return key.split(".", 1)[0]
