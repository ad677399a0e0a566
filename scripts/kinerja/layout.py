"""Where each kind of file lives in a repository, and what its path says about it.

Paths are keyed by year, period and person id, never by unit, because people move
between units (decisions.md, "Files and paths"). Everything takes a repository root, so a
later split into one repository per perangkat daerah needs no code change.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ID = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
YEAR = r"20[0-9]{2}"
PERIOD = r"triwulan_[1-4]|bulan_(?:0[1-9]|1[0-2])"
DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# A plan or evaluation file is named after the person; a second plan in the same year
# (new position) carries its start date: disdik-0042.2026-07-01.yml
STEM = rf"(?P<pegawai>{ID})(?:\.(?P<mulai>{DATE}))?"

# Folders whose every file is data (or a README for people browsing the repository).
DATA_FOLDERS = ("organisation", "plans", "evaluations", "unit-results", "rules")
IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    pattern: re.Pattern
    schema: str
    description: str  # Indonesian, for "file in the wrong place" messages


KINDS = [
    Kind("regency", re.compile(r"organisation/instansi\.yml"), "regency.schema.json", "organisation/instansi.yml"),
    Kind(
        "publication",
        re.compile(r"organisation/publikasi\.yml"),
        "publication.schema.json",
        "organisation/publikasi.yml",
    ),
    Kind("unit", re.compile(rf"organisation/units/(?P<unit>{ID})\.yml"), "unit.schema.json", "organisation/units/<id-unit>.yml"),
    Kind("person", re.compile(rf"organisation/people/(?P<id>{ID})\.yml"), "person.schema.json", "organisation/people/<id-pegawai>.yml"),
    Kind(
        "goals",
        re.compile(rf"organisation/goals/(?P<tahun>{YEAR})/(?P<unit>{ID})\.yml"),
        "goals.schema.json",
        "organisation/goals/<tahun>/<id-unit>.yml",
    ),
    Kind(
        "unit_result",
        re.compile(rf"unit-results/(?P<tahun>{YEAR})/(?P<periode>{PERIOD})/(?P<unit>{ID})\.yml"),
        "unit-result.schema.json",
        "unit-results/<tahun>/<periode>/<id-unit>.yml",
    ),
    Kind("plan", re.compile(rf"plans/(?P<tahun>{YEAR})/{STEM}\.yml"), "plan.schema.json", "plans/<tahun>/<id-pegawai>.yml"),
    Kind(
        "evaluation",
        re.compile(rf"evaluations/(?P<tahun>{YEAR})/(?P<periode>{PERIOD})/{STEM}\.yml"),
        "evaluation.schema.json",
        "evaluations/<tahun>/<periode>/<id-pegawai>.yml",
    ),
    Kind("rules", re.compile(rf"rules/(?P<id>{ID})\.yml"), "rules.schema.json", "rules/<id-aturan>.yml"),
]


@dataclass(frozen=True, slots=True)
class Classified:
    kind: Kind
    keys: dict


def classify(rel: str) -> Classified | None:
    for kind in KINDS:
        m = kind.pattern.fullmatch(rel)
        if m:
            return Classified(kind, {k: v for k, v in m.groupdict().items() if v is not None})
    return None


def is_data_path(rel: str) -> bool:
    return rel.split("/", 1)[0] in DATA_FOLDERS


def expected_places() -> str:
    return ", ".join(k.description for k in KINDS)


def find_root(start: Path) -> Path | None:
    """The repository root: the nearest folder upwards holding mkdocs.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return None


def data_files(root: Path) -> list[str]:
    """Every file under the data folders, as sorted root-relative POSIX paths.

    Symlinks are listed too (as themselves, not followed) so the checker can refuse them.
    """
    out = []
    for folder in DATA_FOLDERS:
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            # a symlinked folder is listed as an entry of its own, never walked into
            names = filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
            for name in names:
                if name not in IGNORED_NAMES:
                    out.append(f"{rel_dir}/{name}")
    return sorted(out)
