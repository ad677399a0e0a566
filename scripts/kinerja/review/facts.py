"""Review facts recorded in git, and the reader every document and deadline uses.

The gate (gate.py) writes the facts as trailers of the commits it pushes to main; nothing
here asks GitHub's API, so documents, deadlines and reports read git only (decisions.md,
"Facts live in git"):

* the merge commit of a PR (two parents, first = main):
      Kinerja-Usulan: 12
      Kinerja-Kepala: <40-hex head commit>
      Kinerja-Pembuat: <person id> <numeric GitHub id>
      Disetujui-oleh: <person id> <numeric GitHub id> <40-hex approved commit> <UTC time>
  (one line per approval that counted for the head; the documents print these lines);
* an acknowledgement by the rated employee, later, as an empty commit on main:
      Kinerja-Tanda-Baca: <path of the evaluation>
      Dibaca-oleh: <person id> <numeric GitHub id>
      Kinerja-Waktu: <UTC time the employee acknowledged>

Trailer values are built only from ids, numbers, commit ids and times, never from text a
user typed; the reader accepts only those shapes and ignores anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kinerja.review import gitrev
from kinerja.review.changes import load_data

PERSON = r"[a-z0-9][a-z0-9.-]{0,63}"
SHA = r"[0-9a-f]{40}"
TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
_APPROVAL = re.compile(rf"({PERSON}) (\d{{1,12}}) ({SHA}) ({TIME})")
_WHO = re.compile(rf"({PERSON}) (\d{{1,12}})")

# Disetujui-oleh / Dibaca-oleh are the keys documents/gitfacts.py prints (APPROVAL_TRAILERS)
T_PR, T_HEAD, T_AUTHOR, T_APPROVAL = "Kinerja-Usulan", "Kinerja-Kepala", "Kinerja-Pembuat", "Disetujui-oleh"
T_ACK, T_ACK_WHO, T_ACK_AT = "Kinerja-Tanda-Baca", "Dibaca-oleh", "Kinerja-Waktu"


@dataclass(frozen=True, slots=True)
class Approval:
    person: str
    github_id: int
    commit: str  # the head commit approved
    at: datetime  # when the review was submitted (UTC)
    pr: int
    merge: str  # the merge commit that recorded it


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    path: str
    person: str
    github_id: int
    at: datetime
    commit: str


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    at: datetime  # committer time (aware)
    parents: tuple[str, ...]
    trailers: tuple[tuple[str, str], ...]


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


_FORMAT = "%H%x1f%cI%x1f%P%x1f%(trailers:unfold,only)%x1e"


def _commits(root: Path, rev: str, *args: str) -> list[Commit]:
    """First-parent history of `rev` (newest first) with each commit's trailers."""
    return _parse(gitrev._run(root, "log", "--first-parent", f"--format={_FORMAT}", *args, "--end-of-options", rev, "--"))


def _path_commits(root: Path, path: str, rev: str) -> list[Commit]:
    """First-parent commits of `rev` that changed `path` (newest first)."""
    return _parse(gitrev._run(root, "log", "--first-parent", f"--format={_FORMAT}", "--end-of-options", rev, "--", path))


def _parse(out: bytes) -> list[Commit]:
    commits = []
    for rec in out.decode("utf-8", "replace").split("\x1e"):
        rec = rec.strip("\n")
        if not rec:
            continue
        sha, at, parents, trailers = (rec.split("\x1f") + ["", "", ""])[:4]
        pairs = []
        for line in trailers.splitlines():
            key, sep, value = line.partition(": ")
            if sep:
                pairs.append((key.strip(), value.strip()))
        commits.append(Commit(sha.strip(), datetime.fromisoformat(at.strip()), tuple(parents.split()), tuple(pairs)))
    return commits


def _values(c: Commit, key: str) -> list[str]:
    return [v for k, v in c.trailers if k == key]


def merge_approvals(c: Commit) -> list[Approval]:
    prs = [v for v in _values(c, T_PR) if v.isdigit()]
    if not prs or len(c.parents) != 2:
        return []
    out = []
    for v in _values(c, T_APPROVAL):
        m = _APPROVAL.fullmatch(v)
        if m:
            out.append(Approval(m.group(1), int(m.group(2)), m.group(3), _time(m.group(4)), int(prs[0]), c.sha))
    return out


def approvals_for(root: Path, path: str, rev: str = "HEAD") -> list[Approval]:
    """Approvals recorded by the merges on main that changed `path`, newest merge first."""
    return [a for c in _path_commits(root, path, rev) for a in merge_approvals(c)]


def _status_at(root: Path, commit: str, path: str) -> str | None:
    entries = gitrev.tree(root, commit, path)
    e = entries.get(path)
    if e is None or not e.is_regular:
        return None
    data = load_data(gitrev.read_blobs(root, [e.sha])[e.sha])
    return data.get("status") if isinstance(data, dict) else None


def final_since(root: Path, path: str, rev: str = "HEAD") -> tuple[str, datetime] | None:
    """The commit on main's first-parent history since which `path` has said `status: final`,
    and that commit's time (when the merge landed); None when it is not final at `rev`."""
    since = None
    for c in _path_commits(root, path, rev):  # newest first
        if _status_at(root, c.sha, path) == "final":
            since = (c.sha, c.at)
        else:
            break
    return since


def acknowledgement(root: Path, path: str, rev: str = "HEAD") -> Acknowledgement | None:
    """The rated employee's acknowledgement of the evaluation at `path` given after it became
    final (the earliest such), or None."""
    became = final_since(root, path, rev)
    if became is None:
        return None
    found = None
    for c in _commits(root, rev, f"--since={became[1].isoformat()}"):
        if path not in _values(c, T_ACK):
            continue
        who = [m for v in _values(c, T_ACK_WHO) if (m := _WHO.fullmatch(v))]
        at = [v for v in _values(c, T_ACK_AT) if re.fullmatch(TIME, v)]
        if who and at and _time(at[0]) >= became[1]:
            found = Acknowledgement(path, who[0].group(1), int(who[0].group(2)), _time(at[0]), c.sha)
    return found
