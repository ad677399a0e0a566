"""What git says about the inputs of a document: the commit, its date, blob ids, approvals.

Documents read git only (decisions.md, "Facts live in git"): the commit the data comes from,
the blob id of every input file in it, and when the primary file reached its approved state.
One `git log` pass over the first-parent history serves every document of a run.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kinerja.loader import LoadError, load_bytes

# Trailers the App writes into a merge commit (review facts). Shown on paper when present.
APPROVAL_TRAILERS = ("Disetujui-oleh", "Dinilai-oleh", "Dibaca-oleh", "Diputuskan-oleh")


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


@dataclass(frozen=True)
class Approval:
    commit: str
    when: datetime
    trailers: tuple[tuple[str, str], ...]


class GitFacts:
    def __init__(self, root: Path, rev: str = "HEAD", tz=None):
        self.root = root
        self.commit = git(root, "rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
        epoch = int(git(root, "log", "-1", "--format=%ct", self.commit).decode().strip())
        self.tz = tz or tz_of(None)
        self.epoch = epoch
        self.when = datetime.fromtimestamp(epoch, self.tz)
        self._blobs: dict[str, str] | None = None
        self._log: dict[str, list[tuple[str, int, str]]] | None = None
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

    def blob_text(self, sha: str, path: str) -> bytes | None:
        """The file at a commit, through one long-lived `git cat-file --batch`."""
        if self._cat is None:
            self._cat = subprocess.Popen(
                ["git", "-C", str(self.root), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
        self._cat.stdin.write(f"{sha}:{path}\n".encode("utf-8", "surrogateescape"))
        self._cat.stdin.flush()
        header = self._cat.stdout.readline().split()
        if len(header) != 3:
            return None
        body = self._cat.stdout.read(int(header[2]))
        self._cat.stdout.read(1)  # the newline after the content
        return body

    def close(self) -> None:
        if self._cat is not None:
            self._cat.stdin.close()
            self._cat.wait(timeout=10)
            self._cat = None

    def _history(self) -> dict[str, list[tuple[str, int, str]]]:
        """path -> [(commit, commit time, trailers text)], newest first, first-parent history."""
        if self._log is None:
            out = git(
                self.root, "log", "--first-parent", "-m", "--name-only", "-z",
                "--format=%x1e%H%x1f%ct%x1f%(trailers:unfold,only)%x1f", self.commit, "--", "plans", "evaluations",
            )
            log: dict[str, list[tuple[str, int, str]]] = {}
            for record in out.split(b"\x1e"):
                if not record.strip(b"\0\n"):
                    continue
                head, _, names = record.rpartition(b"\x1f")
                sha, ct, trailers = (head.split(b"\x1f") + [b"", b""])[:3]
                for name in names.split(b"\0"):
                    name = name.strip(b"\n")
                    if name:
                        log.setdefault(name.decode("utf-8", "surrogateescape"), []).append(
                            (sha.decode(), int(ct), trailers.decode("utf-8", "replace"))
                        )
            self._log = log
        return self._log

    def approved_since(self, path: str, states: tuple[str, ...]) -> Approval | None:
        """The first commit of the latest unbroken run in which `path` had one of `states`."""
        found = None
        for sha, ct, trailers in self._history().get(path, ()):
            raw = self.blob_text(sha, path)
            try:
                status = load_bytes(raw).data.get("status") if raw is not None else None
            except (LoadError, AttributeError):
                break
            if status not in states:
                break
            found = Approval(sha, datetime.fromtimestamp(ct, self.tz), _trailers(trailers))
        return found

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


def _trailers(text: str) -> tuple[tuple[str, str], ...]:
    out = []
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() in APPROVAL_TRAILERS:
            out.append((key.strip(), value.strip()[:200]))
    return tuple(out)
