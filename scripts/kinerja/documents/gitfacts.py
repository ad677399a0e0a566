"""What git says about the inputs of a document: the commit, its date, blob ids, approvals.

Documents read git only (decisions.md, "Facts live in git"): the commit the data comes from,
the blob id of every input file in it, and when the primary file reached its approved state.
The review facts (since when a file is approved/final, the App's trailers, the employee's
acknowledgement) come from review/facts.py, the one reader: one `History` (one `git log`
pass over the first-parent history) serves every document of a run.
"""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kinerja.review import facts as review_facts


class GitUnavailable(Exception):
    pass


def git(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(root), *args], input=input, capture_output=True, timeout=300
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitUnavailable(f"git tidak dapat dijalankan: {exc}") from None
    if proc.returncode != 0:
        raise GitUnavailable(proc.stderr.decode("utf-8", "replace").strip()[:300] or "git gagal")
    return proc.stdout


def tz_of(name: str | None):
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name or "Asia/Jakarta")
    except Exception:  # noqa: BLE001 - no tz database: WIB is UTC+7
        return timezone(timedelta(hours=7))


def _parse_tree(out: bytes) -> dict[str, str]:
    """`git ls-tree -z` output -> path -> blob id (blobs only)."""
    blobs = {}
    for item in out.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == b"blob":
            blobs[path.decode("utf-8", "surrogateescape")] = parts[2].decode()
    return blobs


def _status_paths(out: bytes) -> set[str]:
    return {entry[3:].decode("utf-8", "replace") for entry in out.split(b"\0") if len(entry) > 3}


class GitFacts:
    def __init__(self, root: Path, rev: str = "HEAD", tz=None, paths: tuple[str, ...] | None = None,
                 history_paths: tuple[str, ...] | None = None):
        """`paths`: git pathspecs of every file this run may read (None: the whole repository);
        then `git status` and blob ids cover those files only. `history_paths`: the files whose
        approvals are asked (default: every plan and evaluation)."""
        self.root = root
        self.commit = git(root, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
        epoch = int(git(root, "log", "-1", "--format=%ct", self.commit).decode().strip())
        self.tz = tz or tz_of(None)
        self.epoch = epoch
        self.when = datetime.fromtimestamp(epoch, self.tz)
        self._blobs: dict[str, str] | None = None
        self.paths = paths
        self.history = review_facts.History(root, self.commit, *([tuple(history_paths)] if history_paths else []))
        self._some_blobs: dict[str, str] = {}
        self.known_blobs: dict[str, str] = {}  # with a scope: blob ids the caller knows (clean files git lists)
        self._asked: set[str] = set()
        self._dirty: set[str] | None = None
        self._cat = None

    @property
    def blobs(self) -> dict[str, str]:
        """path -> blob id of every file in the commit."""
        if self._blobs is None:
            self._blobs = _parse_tree(git(self.root, "ls-tree", "-r", "-z", "--full-tree", self.commit))
        return self._blobs

    def blob_map(self, paths) -> dict[str, str]:
        """path -> blob id for (at least) `paths`: the whole tree, or with `self.paths` only the paths asked."""
        if self.paths is None or self._blobs is not None:
            return self.blobs
        for p in paths:
            if p not in self._asked and p in self.known_blobs:
                self._some_blobs[p] = self.known_blobs[p]
                self._asked.add(p)
        missing = sorted(p for p in paths if p not in self._asked)
        if missing:
            out = git(self.root, "ls-tree", "-z", "--full-tree", self.commit, "--", *missing)
            self._some_blobs.update(_parse_tree(out))
            self._asked.update(missing)
        return self._some_blobs

    def dirty(self, paths) -> list[str]:
        """Input files whose working copy differs from the commit (a document must not claim them)."""
        if self.paths is not None:
            return self._dirty_among(paths)
        if self._dirty is None:  # one `git status` for the whole run
            out = git(self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames")
            self._dirty = _status_paths(out)
        return sorted(self._dirty.intersection(paths))

    def seed_status(self, out: bytes, folders: tuple[str, ...], files) -> None:
        """A `git status` the caller already ran, covering `folders` and the exact `files`."""
        if self._dirty is None:
            self._dirty, self._covered_folders, self._covered = set(), (), set()
        self._dirty |= _status_paths(out)
        self._covered_folders += tuple(f.rstrip("/") + "/" for f in folders)
        self._covered.update(files)

    def _dirty_among(self, paths) -> list[str]:
        """With a scope: the status of exactly the paths asked, one `git status` for any not yet covered."""
        if self._dirty is None:
            self._dirty, self._covered_folders, self._covered = set(), (), set()
        missing = sorted(p for p in paths if p not in self._covered and not p.startswith(self._covered_folders))
        if missing:
            self._dirty |= _status_paths(git(self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", *missing))
            self._covered.update(missing)
        return sorted(self._dirty.intersection(paths))

    def close(self) -> None:
        self.history.close()

    def since(self, path: str, states: tuple[str, ...]) -> review_facts.Since | None:
        """Since when `path` has had one of `states` (review/facts.py), trailers kept to the shown ones."""
        s = self.history.since(path, states)
        if s is None:
            return None
        shown = tuple((k, v[:200]) for k, v in s.trailers if k in review_facts.SHOWN_TRAILERS)
        return review_facts.Since(s.commit, s.at.astimezone(self.tz), shown)

    def changed_since(self, commit: str, paths) -> list[tuple[str, str, list[str]]]:
        """Later commits (first-parent, up to HEAD) that changed any of `paths`: (sha, date, paths)."""
        out = git(self.root, "log", "--first-parent", "--name-only", "-z", "--format=%x1e%H%x1f%cs%x1f", f"{commit}..HEAD", "--", *sorted(paths))
        rows = []
        for record in out.split(b"\x1e"):
            if not record.strip(b"\0\n"):
                continue
            head, _, names = record.rpartition(b"\x1f")
            sha, day = head.split(b"\x1f")[:2]
            rows.append((sha.decode(), day.decode(), [n.strip(b"\n").decode() for n in names.split(b"\0") if n.strip(b"\n")]))
        return rows
