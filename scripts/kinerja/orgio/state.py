"""The organisation data as the importer and exporter see it: each person and unit file's
document (through the strict loader), its bytes (to detect a concurrent edit before
writing), and its leading comment block (kept when the file is rewritten)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.loader import LoadError, load_bytes

PEOPLE_DIR = "organisation/people"
UNITS_DIR = "organisation/units"
REGENCY_FILE = "organisation/instansi.yml"
_STEM = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


@dataclass
class DocFile:
    rel: str
    raw: bytes
    data: dict | None  # None when the file could not be read
    problem: str | None = None  # Indonesian, when data is None


@dataclass
class OrgState:
    root: Path
    people: dict[str, DocFile] = field(default_factory=dict)  # person id (file stem) -> file
    unit_files: dict[str, DocFile] = field(default_factory=dict)  # perangkat daerah id (file stem) -> file
    regency: dict | None = None

    def units(self) -> dict[str, tuple[str, int | None, dict]]:
        """unit id -> (perangkat daerah file stem, index in sub_unit or None, the unit's mapping)."""
        out = {}
        for pd, f in self.unit_files.items():
            if not isinstance(f.data, dict):
                continue
            out.setdefault(str(f.data.get("id", pd)), (pd, None, f.data))
            for i, s in enumerate(f.data.get("sub_unit") or ()):
                if isinstance(s, dict) and isinstance(s.get("id"), str):
                    out.setdefault(s["id"], (pd, i, s))
        return out


def _read(root: Path, rel: str) -> DocFile:
    raw = (root / rel).read_bytes()
    try:
        data = load_bytes(raw).data
    except LoadError as exc:
        where = f" (baris {exc.line})" if exc.line else ""
        return DocFile(rel, raw, None, f"{exc.message}{where}")
    if not isinstance(data, dict):
        return DocFile(rel, raw, None, "isi berkas bukan bagian berisi kunci: nilai")
    return DocFile(rel, raw, data)


def load_state(root: Path) -> OrgState:
    state = OrgState(root)
    for folder, target in ((PEOPLE_DIR, state.people), (UNITS_DIR, state.unit_files)):
        directory = root / folder
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.yml")):
            if path.is_symlink() or not path.is_file() or not _STEM.fullmatch(path.stem):
                continue
            target[path.stem] = _read(root, f"{folder}/{path.name}")
    regency = root / REGENCY_FILE
    if regency.is_file():
        state.regency = _read(root, REGENCY_FILE).data
    return state


def leading_comments(raw: bytes) -> list[str]:
    """The comment lines at the top of a file (e.g. the yaml-language-server line)."""
    out = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        if line.startswith("#"):
            out.append(line)
        elif line.strip():
            break
    return out
