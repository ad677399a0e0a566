"""Target changes after approval, from git: what no other system can show.

One pass over main's first-parent history of plans/ (one `git log`, one `git cat-file
--batch` for every version at once; never one git call per file). For each plan file the
versions with `status: disetujui` are compared in order, consecutive approved versions only
(drafts in between are skipped, and a change while the plan is a draft never shows), IKI
matched by RHK id and IKI id. Only public fields are read (the IKI's target and uraian) plus
the commit time; never commit messages or authors.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kinerja.loader import LoadError, load_bytes
from kinerja.score.capaian import with_unit

_PLAN = re.compile(r"plans/([0-9]{4})/([^/]+)\.yml")


@dataclass(frozen=True)
class TargetChange:
    rhk: str
    iki: str
    lama: str  # target as shown before
    baru: str  # target as shown after
    epoch: int  # commit time of the approved version that changed it


def target_shown(t, narrative=None) -> str:
    """A raw target mapping as the site shows it (score/capaian.target_text for records)."""
    if not isinstance(t, dict):
        return narrative if isinstance(narrative, str) and narrative else "–"

    def n(x):
        return f"{x:g}".replace(".", ",") if isinstance(x, (int, float)) and not isinstance(x, bool) else str(x)

    satuan = t.get("satuan") if isinstance(t.get("satuan"), str) else None
    if "min" in t and "maks" in t:
        return with_unit(f"{n(t['min'])}–{n(t['maks'])}", satuan)
    return with_unit(n(t.get("nilai")), satuan)


def _targets(data) -> dict[tuple[str, str], str]:
    out = {}
    for rhk in data.get("hasil_kerja") or []:
        if not isinstance(rhk, dict):
            continue
        for iki in rhk.get("indikator") or []:
            if isinstance(iki, dict) and isinstance(rhk.get("id"), str) and isinstance(iki.get("id"), str):
                out[(rhk["id"], iki["id"])] = target_shown(iki.get("target"), iki.get("target_teks"))
    return out


def _git(root: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args], input=stdin,
                              capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def read_batch(raw: bytes) -> dict[str, bytes]:
    """`git cat-file --batch` output -> object id -> content. The format is exact: a header
    `<id> <type> <size>`, a line break, the content, a line break; an object git cannot find is
    the one line `<id> missing`. Anything else raises ValueError."""
    content: dict[str, bytes] = {}
    pos = 0
    while pos < len(raw):
        nl = raw.index(b"\n", pos)
        head = raw[pos:nl].split(b" ")
        if head[1:] == [b"missing"]:
            pos = nl + 1
            continue
        oid, _kind, size = head
        end = nl + 1 + int(size)
        if raw[end:end + 1] != b"\n":
            raise ValueError(f"no line break after object {oid!r}")
        content[oid.decode("ascii")] = raw[nl + 1:end]
        pos = end + 1
    return content


def collect(root: Path, ref: str = "HEAD") -> dict[tuple[int, str], list[TargetChange]]:
    """(year, plan file stem) -> target changes after approval, oldest first."""
    log = _git(root, ["log", "--first-parent", "--reverse", "--no-renames", "--raw", "--no-abbrev",
                      "--format=%x01%H %ct", ref, "--", "plans/"])
    if not log:
        return {}
    versions: dict[str, list[tuple[int, str]]] = {}  # path -> [(epoch, blob)]
    epoch = 0
    for line in log.decode("utf-8", "replace").splitlines():
        if line.startswith("\x01"):
            epoch = int(line[1:].split()[1])
        elif line.startswith(":"):
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) >= 5 and _PLAN.fullmatch(path):
                blob = parts[3]
                if set(blob) != {"0"}:  # not a deletion
                    versions.setdefault(path, []).append((epoch, blob))
    # a file with one version (or one blob throughout) has nothing to compare: never read it
    versions = {path: vs for path, vs in versions.items() if len({b for _, b in vs}) > 1}
    blobs = sorted({b for vs in versions.values() for _, b in vs})
    if not blobs:
        return {}
    raw = _git(root, ["cat-file", "--batch"], stdin=("\n".join(blobs) + "\n").encode())
    try:
        content = read_batch(raw) if raw is not None else None
    except ValueError:  # not what git writes: show no history rather than a wrong one
        content = None
    if content is None:
        return {}
    out: dict[tuple[int, str], list[TargetChange]] = {}
    for path, vs in versions.items():
        m = _PLAN.fullmatch(path)
        year, stem = int(m.group(1)), m.group(2)
        before = None
        for epoch, blob in vs:
            try:
                data = load_bytes(content.get(blob, b"")).data
            except LoadError:
                continue
            if not isinstance(data, dict) or data.get("status") != "disetujui":
                continue
            now = _targets(data)
            if before is not None:
                for key, old in before.items():
                    new = now.get(key)
                    if new is not None and new != old:
                        out.setdefault((year, stem), []).append(TargetChange(key[0], key[1], old, new, epoch))
            before = now
    return out
