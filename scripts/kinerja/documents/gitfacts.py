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


class GitFacts:
    def __init__(self, root: Path, rev: str = "HEAD", tz=None):
        self.root = root
        self.commit = git(root, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
        epoch = int(git(root, "log", "-1", "--format=%ct", self.commit).decode().strip())
        self.tz = tz or tz_of(None)
        self.epoch = epoch
        self.when = datetime.fromtimestamp(epoch, self.tz)
        self._blobs: dict[str, str] | None = None
        self.history = review_facts.History(root, self.commit)
        self._dirty: set[str] | None = None
        self._cat = None

    @property
    def blobs(self) -> dict[str, str]:
        """path -> blob id of every file in the commit."""
        if self._blobs is None:
            out = git(self.root, "ls-tree", "-r", "-z", "--full-tree", self.commit)
            blobs = {}
            for item in out.split(b"\0"):
                if not item:
                    continue
                meta, _, path = item.partition(b"\t")
                parts = meta.split()
                if len(parts) == 3 and parts[1] == b"blob":
                    blobs[path.decode("utf-8", "surrogateescape")] = parts[2].decode()
            self._blobs = blobs
        return self._blobs

    def dirty(self, paths) -> list[str]:
        """Input files whose working copy differs from the commit (a document must not claim them)."""
        if self._dirty is None:  # one `git status` for the whole run
            out = git(self.root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames")
            self._dirty = {entry[3:].decode("utf-8", "replace") for entry in out.split(b"\0") if len(entry) > 3}
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
