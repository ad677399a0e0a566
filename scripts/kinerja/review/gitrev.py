"""Reading a git repository at given revisions: trees, blobs, and what a change touched.

Only plumbing commands are used (`rev-parse`, `merge-tree`, `ls-tree`, `cat-file`), with
`--end-of-options` where a user-supplied revision is passed, so a revision such as
`--output=x` is a bad revision, never an option. Paths are kept as git stores them
(bytes decoded with surrogateescape), so a path that is not UTF-8 is still reported.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

# git's entry modes
REGULAR, EXECUTABLE, SYMLINK, SUBMODULE = "100644", "100755", "120000", "160000"


class GitError(Exception):
    """A revision or repository problem (exit code 2); the message is Indonesian."""


@dataclass(frozen=True, slots=True)
class Entry:
    mode: str
    sha: str

    @property
    def is_regular(self) -> bool:
        return self.mode == REGULAR


@dataclass(frozen=True, slots=True)
class Change:
    path: str
    before: Entry | None  # at the base revision (None: the file does not exist there)
    after: Entry | None  # at the head revision (None: deleted)

    @property
    def status(self) -> str:
        if self.before is None:
            return "tambah"
        if self.after is None:
            return "hapus"
        return "ubah"


def _run(root: Path, *args: str, input: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True,
            input=input,
            timeout=300,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git tidak dapat dijalankan ({type(exc).__name__}). Pastikan git terpasang.") from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] if proc.stderr.strip() else "git gagal")
    return proc.stdout


def resolve(root: Path, rev: str) -> str:
    """Full commit id of `rev`, or GitError with an Indonesian message."""
    if not rev or rev.startswith("-") or any(ord(c) < 0x20 for c in rev):
        raise GitError(f"Revisi {rev!r} tidak sah.")
    try:
        out = _run(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"Revisi {rev!r} tidak ditemukan di repositori {root}.") from None
    return out.decode().strip()


def merge_base(root: Path, a: str, b: str) -> str:
    try:
        return _run(root, "merge-base", a, b).decode().strip()
    except GitError:
        raise GitError(f"Revisi {a[:12]} dan {b[:12]} tidak punya leluhur bersama.") from None


def tree(root: Path, rev: str, *folders: str) -> dict[str, Entry]:
    """Every entry (files, symlinks, submodules) of a revision, or of some folders of it."""
    out = _run(root, "ls-tree", "-r", "-z", "--full-tree", rev, "--", *folders)
    entries: dict[str, Entry] = {}
    for item in out.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, _kind, sha = meta.decode().split(" ")
        entries[path.decode("utf-8", "surrogateescape")] = Entry(mode, sha)
    return entries


def read_blobs(root: Path, shas) -> dict[str, bytes]:
    """Contents of many blobs in one `git cat-file --batch` call."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    out = _run(root, "cat-file", "--batch", input=("\n".join(wanted) + "\n").encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for sha in wanted:
        header_end = out.index(b"\n", pos)
        header = out[pos:header_end].split(b" ")
        if len(header) != 3:  # "<sha> missing"
            raise GitError(f"Objek git {sha[:12]} tidak ditemukan.")
        size = int(header[2])
        blobs[sha] = out[header_end + 1 : header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return blobs


def merge_tree(root: Path, base: str, head: str) -> str:
    """The tree the merge of `head` into `base` would produce (`git merge-tree --write-tree`).

    This is what a merge actually writes, whatever the history looks like: with several
    merge bases (a criss-cross history) git merges the bases first, as a real merge does,
    so a change hidden behind one of them is still seen. A conflict is a GitError."""
    try:
        out = _run(root, "merge-tree", "--write-tree", "--no-messages", "--end-of-options", base, head)
    except GitError as exc:
        if "unknown option" in str(exc) or "usage" in str(exc).lower():
            raise GitError("git terlalu lama: perlu git 2.38 atau lebih baru (git merge-tree --write-tree).") from None
        raise GitError(f"Usulan {head[:12]} tidak dapat digabung dengan {base[:12]}: ada konflik. "
                       "Perbarui usulan dari cabang utama lebih dulu.") from None
    return out.decode().split("\n", 1)[0].strip()


def changes(root: Path, base: str, head: str) -> tuple[list[Change], dict[str, Entry], dict[str, Entry]]:
    """The files a PR touches: the base revision against what merging the PR into it produces.

    Comparing the base (the current state of the target branch) with the merge result
    judges exactly what the merge would write: a file finalised on the target branch after
    the PR started is judged as final, a change others merged meanwhile is not the PR's,
    and a criss-cross history cannot hide a change behind one of its merge bases (the
    merge-base of `git merge-base` is not used). Renames are a delete plus an add, so each
    path is judged on its own. The third value is the merged tree.
    """
    merged = merge_tree(root, base, head)
    t_base, t_merged = tree(root, base), tree(root, merged)
    touched = {p for p in set(t_base) | set(t_merged) if t_base.get(p) != t_merged.get(p)}
    out = [Change(p, t_base.get(p), t_merged.get(p)) for p in sorted(touched)]
    return out, t_base, t_merged
