"""What git knows about the build: the commit, its date, and which data changed when.

History-based facts ("latest changes", "diperbarui") need a full clone; in a shallow
clone or outside git they are reported as unavailable instead of guessed. Only commit ids,
commit times and changed paths are read here: commit messages and author names are user
text and personal data, and never reach the site.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kinerja.layout import DATA_FOLDERS

# What a build reads besides the data: a change here is a local change of the site too.
INPUT_PATHS = (*DATA_FOLDERS, "schemas", "site", "mkdocs.yml")


@dataclass(frozen=True)
class BuildInfo:
    is_git: bool
    sha: str | None = None
    epoch: int | None = None  # commit time, seconds since the epoch
    date: str | None = None  # commit date (YYYY-MM-DD) in the committer's time zone
    dirty: bool = False  # inputs differ from the commit
    shallow: bool = False

    @property
    def short(self) -> str | None:
        return self.sha[:12] if self.sha else None


@dataclass(frozen=True)
class Change:
    sha: str
    epoch: int
    paths: tuple[str, ...]


@dataclass
class History:
    available: bool  # False outside git or in a shallow clone
    changes: list[Change] = field(default_factory=list)  # newest first
    last_changed: dict[str, int] = field(default_factory=dict)  # path -> commit time
    reason: str | None = None  # Indonesian, when not available
    target_changes: dict = field(default_factory=dict)  # (year, plan stem) -> [targethistory.TargetChange]


def _git(root: Path, *args: str, timeout: int = 120) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args],
            capture_output=True,
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return proc.stdout.decode("utf-8", "surrogateescape")


def _is_top(root: Path) -> bool:
    top = _git(root, "rev-parse", "--show-toplevel")
    return top is not None and Path(top.strip()).resolve() == root.resolve()


def build_info(root: Path) -> BuildInfo:
    if not _is_top(root):
        return BuildInfo(False)
    line = _git(root, "log", "-1", "--format=%H %ct %cI")
    if not line or not line.strip():
        return BuildInfo(True)  # a repository without commits
    sha, epoch, iso = line.split()
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *INPUT_PATHS)
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return BuildInfo(True, sha, int(epoch), iso[:10], bool(status and status.strip()), shallow)


def history(root: Path, info: BuildInfo | None = None, recent: int = 10) -> History:
    """Latest commits touching data, and the last commit time of every data file.

    One pass over the first-parent history (merge commits compared with their first
    parent, so a merged pull request counts as one change)."""
    info = info or build_info(root)
    if not info.is_git or info.sha is None:
        return History(False, reason="Situs ini dibangun dari salinan tanpa riwayat git.")
    if info.shallow:
        return History(False, reason="Riwayat perubahan tidak tersedia: situs dibangun dari klon git dangkal (shallow).")
    out = _git(root, "log", "--first-parent", "-m", "--name-only", "--format=%x01%H %ct", "--", *DATA_FOLDERS, timeout=600)
    if out is None:
        return History(False, reason="Riwayat perubahan tidak dapat dibaca dari git.")
    changes: list[Change] = []
    last: dict[str, int] = {}
    sha, epoch, paths = None, 0, []

    def flush():
        if sha is not None and paths:
            changes.append(Change(sha, epoch, tuple(sorted(set(paths)))))

    for line in out.splitlines():
        if line.startswith("\x01"):
            flush()
            sha, stamp = line[1:].split()
            epoch, paths = int(stamp), []
        elif line:
            paths.append(line)
            last.setdefault(line, epoch)
    flush()
    return History(True, changes[:recent], last)


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")


def indonesian_date(day: str | None) -> str:
    """2026-11-28 -> 28 November 2026."""
    if not day:
        return "–"
    y, m, d = (int(x) for x in day.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def epoch_date(epoch: int, offset_hours: int = 7) -> str:
    """The calendar date of a commit time (WIB by default: the regencies' own time zone)."""
    return (datetime.fromtimestamp(epoch, timezone.utc) + timedelta(hours=offset_hours)).date().isoformat()
