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
DATA_FOLDERS = ("organisation", "plans", "evaluations", "unit-results", "rules", "complaints", "surveys", "objections", "calibrations")
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
    # Suara publik (complaints, surveys, services, working-day calendar): decisions.md, "Paths of the new kinds".
    Kind(
        "service_rules",
        re.compile(r"rules/pelayanan-publik\.yml"),
        "service-rules.schema.json",
        "rules/pelayanan-publik.yml",
    ),
    Kind("rules", re.compile(rf"rules/(?P<id>{ID})\.yml"), "rules.schema.json", "rules/<id-aturan>.yml"),
    Kind(
        "complaint",
        re.compile(rf"complaints/(?P<tahun>{YEAR})/(?P<nomor>[0-9]{{4}}-[0-9]{{4,6}})\.yml"),
        "complaint.schema.json",
        "complaints/<tahun>/<nomor>.yml",
    ),
    Kind(
        "survey",
        re.compile(rf"surveys/(?P<tahun>{YEAR})/(?P<periode_survei>[a-z][a-z0-9_]*)/(?P<unit>{ID})(?:\.(?P<layanan>{ID}))?\.yml"),
        "survey.schema.json",
        "surveys/<tahun>/<periode-survei>/<id-unit>[.<id-layanan>].yml",
    ),
    Kind(
        "service_map",
        re.compile(rf"organisation/layanan/(?P<tahun>{YEAR})/(?P<unit>{ID})\.yml"),
        "service-map.schema.json",
        "organisation/layanan/<tahun>/<id-perangkat-daerah>.yml",
    ),
    Kind(
        "holidays",
        re.compile(rf"organisation/hari-libur/(?P<tahun>{YEAR})\.yml"),
        "holidays.schema.json",
        "organisation/hari-libur/<tahun>.yml",
    ),
    Kind(
        "objection",
        re.compile(rf"objections/(?P<tahun>{YEAR})/(?P<periode>{PERIOD})/{STEM}\.yml"),
        "objection.schema.json",
        "objections/<tahun>/<periode>/<id-pegawai>.yml",
    ),
    Kind(
        "career_rules",
        re.compile(rf"rules/karier/(?P<id>{ID})\.yml"),
        "career-rules.schema.json",
        "rules/karier/<id-aturan>.yml",
    ),
    Kind(
        "calibration",
        re.compile(rf"calibrations/(?P<tahun>{YEAR})/(?P<periode>{PERIOD})/(?P<unit>{ID})\.yml"),
        "calibration.schema.json",
        "calibrations/<tahun>/<periode>/<id-unit>.yml",
    ),
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


def data_files(root: Path) -> list[tuple[str, os.stat_result | None, bool]]:
    """Every file under the data folders: sorted (root-relative POSIX path, stat, is_symlink).

    Symlinks are listed as themselves (never followed), so the checker can refuse them; a
    symlinked folder is listed, never walked into. stat is None when it cannot be read.
    """
    out = []
    for folder in DATA_FOLDERS:
        base = root / folder
        if not base.is_dir() or base.is_symlink():
            continue
        stack = [(str(base), folder)]
        while stack:
            path, rel_dir = stack.pop()
            try:
                entries = list(os.scandir(path))
            except OSError:
                continue
            for entry in entries:
                rel = f"{rel_dir}/{entry.name}"
                if entry.is_symlink():
                    out.append((rel, None, True))
                elif entry.is_dir():
                    stack.append((entry.path, rel))
                elif entry.name not in IGNORED_NAMES:
                    try:
                        out.append((rel, entry.stat(), False))
                    except OSError:
                        out.append((rel, None, False))
    out.sort(key=lambda x: x[0])
    return out


def git_data_files(root: Path) -> list[tuple[str, str | None, bool]] | None:
    """Data files as git sees them: (path, blob id or None if changed, is_symlink).

    In a git work tree this replaces walking and hashing thousands of files: git already
    knows the content id of every unchanged file, and which ones changed. Returns None
    when `root` is not the top of a git work tree (then the caller walks the folders).
    """
    raw = git_listing(root, DATA_FOLDERS, DATA_FOLDERS)
    if raw is None:
        return None
    from kinerja.gcpause import no_gc

    with no_gc():
        return _parse_git_listing(root, *raw)


def _git_out(root: Path, *args: str) -> bytes | None:
    import subprocess

    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def git_status(root: Path, pathspecs) -> bytes | None:
    """`git status --porcelain=v1 -z` of the files under `pathspecs` (never of the whole tree)."""
    if not pathspecs:
        return b""
    return _git_out(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", *pathspecs)


def git_listing(root: Path, listed_specs, status_specs) -> tuple[bytes, bytes] | None:
    """(`git ls-files -s -z` of `listed_specs`, `git status` of `status_specs`), or None when
    `root` is not the top of a git work tree."""
    top = _git_out(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.decode().strip()).resolve() != root.resolve():
        return None
    listed = _git_out(root, "ls-files", "-s", "-z", "--", *listed_specs)
    status = git_status(root, status_specs)
    if listed is None or status is None:
        return None
    return listed, status


def _parse_git_listing(root: Path, listed: bytes, status: bytes) -> list[tuple[str, str | None, bool]]:
    files: dict[str, tuple[str | None, bool]] = {}
    for item in listed.decode("utf-8", "surrogateescape").split("\0"):
        if item:
            # "<mode> <blob> <stage>\t<path>"; 120000 = symlink, 160000 = submodule (both refused)
            tab = item.index("\t")
            files[item[tab + 1 :]] = (item[7 : item.index(" ", 7)], not item.startswith("100"))
    for item in status.split(b"\0"):
        if len(item) < 4:
            continue
        x, y, path = chr(item[0]), chr(item[1]), item[3:].decode("utf-8", "surrogateescape")
        if y == "D" or (x == "D" and y == " "):
            files.pop(path, None)
        elif x == "?" or y != " ":
            files[path] = (None, os.path.islink(root / path))
    out = [(rel, blob, link) for rel, (blob, link) in files.items() if rel.rsplit("/", 1)[-1] not in IGNORED_NAMES]
    out.sort()
    return out
