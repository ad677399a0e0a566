"""Review facts recorded in git: the one reader (and the trailer format) every user shares.

The gate (gate.py), the keberatan window (keberatan_rules.py, the form conversion), the
acknowledgement ("tanda sudah membaca": the form, the `/sudah-membaca` comment command and
`kinerja sudah-membaca`), the documents and the fairness report read their facts here and
nowhere else; nothing here asks GitHub's API (decisions.md, "Facts live in git"):

* since when a file has had a state (`status: final`, `disetujui`): the first commit of the
  latest unbroken run of first-parent commits of main in which the file says so, at that
  commit's committer time (a merged PR counts at its merge: day 0 of every deadline);
* the merge commit of a PR (two parents, first = main), written by the gate:
      Kinerja-Usulan: 12
      Kinerja-Kepala: <40-hex head commit>
      Kinerja-Pembuat: <person id> <numeric GitHub id>
      Disetujui-oleh: <person id> <numeric GitHub id> <40-hex approved commit> <UTC time>
  (one line per approval that counted for the head; the documents print these lines);
* an acknowledgement by the rated employee, later, as an empty commit on main:
      Kinerja-Tanda-Baca: <path of the evaluation>
      Dibaca-oleh: <person id> <numeric GitHub id>
      Kinerja-Waktu: <UTC time the employee acknowledged>
  Her optional response is kept in the message body above the trailers, every line quoted
  with "> ", so it can never read as a trailer.

Trailer values are built only from ids, numbers, commit ids and times, never from text a
user typed; the reader accepts only those shapes and ignores anything else.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

PERSON = r"[a-z0-9][a-z0-9.-]{0,63}"
SHA = r"[0-9a-f]{40}"
TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
FILE = r"[a-z0-9][a-z0-9/_.-]{0,200}\.yml"
_APPROVAL = re.compile(rf"({PERSON}) (\d{{1,12}}) ({SHA}) ({TIME})")
_WHO = re.compile(rf"({PERSON}) (\d{{1,12}})")

T_PR, T_HEAD, T_AUTHOR, T_APPROVAL = "Kinerja-Usulan", "Kinerja-Kepala", "Kinerja-Pembuat", "Disetujui-oleh"
T_ACK, T_ACK_WHO, T_ACK_AT = "Kinerja-Tanda-Baca", "Dibaca-oleh", "Kinerja-Waktu"
# the trailers a printed document shows (values capped there)
SHOWN_TRAILERS = (T_APPROVAL, "Dinilai-oleh", T_ACK_WHO, "Diputuskan-oleh")

ACK_COMMAND = "/sudah-membaca"
ACK_RESPONSE_MAX = 2000
_COMMAND_LINE = re.compile(r"\s*/sudah-membaca(?:[ \t]+(?P<rest>.*))?\s*")


class FactsUnavailable(Exception):
    """git cannot be read (no repository, no git); Indonesian message."""


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
class Since:
    """Since when a file has had a state: the commit that started the run, its time, its trailers."""

    commit: str
    at: datetime  # committer time (aware)
    trailers: tuple[tuple[str, str], ...]

    def day(self, zone: str) -> date:
        return local_date(self.at, zone)


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    at: datetime  # committer time (aware)
    parents: tuple[str, ...]
    trailers: tuple[tuple[str, str], ...]


def local_date(moment: datetime, zone: str | None) -> date:
    """The calendar date of an aware datetime in the regency's time zone (decisions.md, "Dates and days")."""
    try:
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(zone or "Asia/Jakarta")
    except Exception:  # noqa: BLE001 - no tz database: WIB is UTC+7
        from datetime import timedelta

        tz = timezone(timedelta(hours=7))
    return moment.astimezone(tz).date()


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), "-c", "core.quotepath=off", *args], capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise FactsUnavailable(f"git tidak dapat dijalankan ({type(exc).__name__}).") from None
    if proc.returncode != 0:
        raise FactsUnavailable(proc.stderr.decode("utf-8", "replace").strip()[-300:] or "git gagal")
    return proc.stdout


_FORMAT = "%x1e%H%x1f%cI%x1f%P%x1f%(trailers:unfold,only)%x1f"


def _parse(out: bytes, with_names: bool) -> list[tuple[Commit, list[str]]]:
    rows = []
    for rec in out.split(b"\x1e"):
        if not rec.strip(b"\0\n"):
            continue
        parts = rec.split(b"\x1f")
        sha, at, parents, trailers = (p.decode("utf-8", "replace") for p in (parts + [b""] * 4)[:4])
        names = []
        if with_names and len(parts) > 4:
            names = [n.strip(b"\n").decode("utf-8", "surrogateescape") for n in parts[4].split(b"\0") if n.strip(b"\n")]
        pairs = []
        for line in trailers.splitlines():
            key, sep, value = line.partition(": ")
            if sep:
                pairs.append((key.strip(), value.strip()))
        rows.append((Commit(sha.strip(), datetime.fromisoformat(at.strip()), tuple(parents.split()), tuple(pairs)), names))
    return rows


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


class History:
    """The first-parent history of `rev` for `paths` (folders or files), read once: one
    `git log` for the files, one for the acknowledgement commits, one `git cat-file --batch`
    for the states. Serves a whole run of documents or a single question alike."""

    def __init__(self, root: Path, rev: str = "HEAD", paths: tuple[str, ...] = ("plans", "evaluations")):
        self.root = Path(root)
        if _git(self.root, "rev-parse", "--is-shallow-repository").strip() == b"true":
            # a shallow clone starts history at a grafted commit: every "since" would be wrong
            raise FactsUnavailable("Riwayat git dangkal (shallow clone): ambil seluruh riwayat (fetch-depth: 0).")
        self.commit = _git(self.root, "rev-parse", "--verify", "--end-of-options", f"{rev}^{{commit}}").decode().strip()
        self.paths = paths
        self._log: dict[str, list[Commit]] | None = None
        self._acks: list[Commit] | None = None
        self._cat: subprocess.Popen | None = None
        self._states: dict[tuple[str, str], str | None] = {}

    # -- reading git
    def commits_of(self, path: str) -> list[Commit]:
        """First-parent commits that changed `path` (a merge counts against main), newest first."""
        return self._files().get(path, [])

    def _files(self) -> dict[str, list[Commit]]:
        if self._log is None:
            out = _git(self.root, "log", "--first-parent", "-m", "--name-only", "-z", f"--format={_FORMAT}",
                       "--end-of-options", self.commit, "--", *self.paths)
            log: dict[str, list[Commit]] = {}
            for c, names in _parse(out, with_names=True):
                for name in names:
                    log.setdefault(name, []).append(c)
            self._log = log
        return self._log

    def _blob(self, commit: str, path: str) -> bytes | None:
        if self._cat is None:
            self._cat = subprocess.Popen(["git", "-C", str(self.root), "cat-file", "--batch"],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self._cat.stdin.write(f"{commit}:{path}\n".encode("utf-8", "surrogateescape"))
        self._cat.stdin.flush()
        header = self._cat.stdout.readline().split()
        if len(header) != 3:
            return None
        body = self._cat.stdout.read(int(header[2]))
        self._cat.stdout.read(1)  # the newline after the content
        return body

    def state(self, commit: str, path: str) -> str | None:
        """The file's `status` at a commit (None: absent, unreadable or no status)."""
        key = (commit, path)
        if key not in self._states:
            from kinerja.loader import LoadError, load_bytes

            raw = self._blob(commit, path)
            try:
                data = load_bytes(raw).data if raw is not None else None
            except LoadError:
                data = None
            status = data.get("status") if isinstance(data, dict) else None
            self._states[key] = status if isinstance(status, str) else None
        return self._states[key]

    def seed_state(self, commit: str, path: str, status: str | None) -> None:
        """Record a state already known to the caller (e.g. the newest commit's version of a file
        equals the clean working copy the repository has parsed), so it is not read again."""
        self._states[(commit, path)] = status

    def load(self) -> "History":
        """Read the log now (before forking workers, so each does not read it again)."""
        self._files()
        return self

    def after_fork(self) -> None:
        """In a forked worker: never share the parent's `git cat-file` pipe."""
        self._cat = None

    def close(self) -> None:
        if self._cat is not None:
            self._cat.stdin.close()
            self._cat.wait(timeout=10)
            self._cat = None

    # -- the facts
    def since(self, path: str, states: tuple[str, ...]) -> Since | None:
        """The first commit of the latest unbroken run in which `path` has had one of `states`;
        None when it does not have one at `rev`."""
        found = None
        for c in self.commits_of(path):  # newest first
            if self.state(c.sha, path) not in states:
                break
            found = Since(c.sha, c.at, c.trailers)
        return found

    def final_since(self, path: str) -> Since | None:
        return self.since(path, ("final",))

    def approvals(self, path: str) -> list[Approval]:
        """Approvals recorded by the merges on main that changed `path`, newest merge first."""
        return [a for c in self.commits_of(path) for a in merge_approvals(c)]

    def acknowledgement(self, path: str) -> Acknowledgement | None:
        """The rated employee's acknowledgement of the evaluation at `path` given after it became
        final (the earliest such), or None."""
        became = self.final_since(path)
        if became is None:
            return None
        if self._acks is None:
            out = _git(self.root, "log", "--first-parent", f"--grep=^{T_ACK}: ", f"--format={_FORMAT}",
                       "--end-of-options", self.commit, "--")
            self._acks = [c for c, _ in _parse(out, with_names=False)]
        found = None
        for c in self._acks:  # newest first: the last match is the earliest
            if path not in _values(c, T_ACK) or c.at < became.at:
                continue
            who = [m for v in _values(c, T_ACK_WHO) if (m := _WHO.fullmatch(v))]
            at = [v for v in _values(c, T_ACK_AT) if re.fullmatch(TIME, v)]
            if who and at and _time(at[0]) >= became.at:
                found = Acknowledgement(path, who[0].group(1), int(who[0].group(2)), _time(at[0]), c.sha)
        return found

    def final_days(self, zone: str | None) -> dict[str, date]:
        """Every evaluation under the history's paths that is final at `rev` -> the local day it became so."""
        out = {}
        for path in sorted(self._files()):
            if path.startswith("evaluations/") and path.endswith(".yml"):
                s = self.final_since(path)
                if s is not None:
                    out[path] = s.day(zone)
        return out


def _one(root: Path, path: str, rev: str) -> History:
    return History(root, rev, (path,))


def final_since(root: Path, path: str, rev: str = "HEAD") -> Since | None:
    """Since when `path` has said `status: final` on `rev`'s first-parent line (None: not final)."""
    h = _one(root, path, rev)
    try:
        return h.final_since(path)
    finally:
        h.close()


def approvals_for(root: Path, path: str, rev: str = "HEAD") -> list[Approval]:
    return _one(root, path, rev).approvals(path)


def acknowledgement(root: Path, path: str, rev: str = "HEAD") -> Acknowledgement | None:
    h = _one(root, path, rev)
    try:
        return h.acknowledgement(path)
    finally:
        h.close()


# -- the acknowledgement: who may give it, the comment command, the commit that records it ------------


def parse_ack_command(body: str) -> tuple[bool, str]:
    """(is it the command?, the response text). Only a first line that is the command counts:
    quoting someone else's command further down does nothing."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    m = _COMMAND_LINE.fullmatch(lines[0]) if lines else None
    if not m:
        return False, ""
    return True, "\n".join([m.group("rest") or "", *lines[1:]]).strip()


def acknowledgement_problem(root: Path, rev: str, path: str, github_id: int) -> tuple[str | None, str | None]:
    """(person id, None) when the account `github_id` may acknowledge evaluation `path` at `rev`
    (the rated employee, by numeric id, of an evaluation final on that line); (None, why) otherwise.
    Reads the organisation data and the file from git at `rev` only."""
    from kinerja.findings import shown
    from kinerja.review.changes import kind_of
    from kinerja.review.orgdata import load_org

    kind = kind_of(path)
    if kind.name != "evaluation" or not re.fullmatch(FILE, path):
        return None, f"{shown(path)} bukan berkas evaluasi."
    org = load_org(root, rev).org
    person = org.person(kind.keys["pegawai"])
    if person is None or person.github_id is None or person.github_id != github_id:
        return None, "Tanda sudah membaca hanya diberikan pegawai yang dinilai, atas evaluasinya sendiri (id akun GitHub tidak cocok)."
    if final_since(root, path, rev) is None:
        return None, (f"Evaluasi {shown(path)} belum final di cabang utama: tanda sudah membaca diberikan sesudah "
                      "penilaian final digabung.")
    return person.id, None


def acknowledgement_message(path: str, person: str, github_id: int, at: datetime, response: str = "") -> str:
    """The commit message that records an acknowledgement (the trailers last, the response quoted)."""
    if not re.fullmatch(PERSON, person) or not re.fullmatch(FILE, path) or github_id < 1:
        raise ValueError("Data tanda sudah membaca tidak sah.")
    lines = [f"Tanda sudah membaca: {path}", ""]
    text = response.strip()[:ACK_RESPONSE_MAX]
    if text:
        lines += ["Tanggapan pegawai:"] + ["> " + line for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")] + [""]
    lines += [f"{T_ACK}: {path}", f"{T_ACK_WHO}: {person} {github_id}", f"{T_ACK_AT}: {utc_text(at)}"]
    return "\n".join(lines) + "\n"
