"""The gate: judge a PR on the tree its merge would produce, and merge it by pushing.

Runs in default-branch context (gerbang.yml: `pull_request_target`, reviews, a periodic
sweep), from the code of main; the PR's content is only data. For one PR:

1. the actor: the PR's author, or — for a PR the regency's App (numeric id from
   `aplikasi_github` in organisation/instansi.yml) opened from `formulir/isu-N` — the
   author of issue N, if that issue is open, carries the form label and every commit of
   the PR is the App's; any other bot is just an unknown account;
2. the merge of the PR head with the current main (`git merge-tree --write-tree`); a
   conflict blocks;
3. check-change and check-approval of main's code and organisation data on that merge
   (authz.py, approval.py), and validation of the merged tree against main: only errors
   the PR *adds* block (newfindings.py);
4. when everything holds, a merge commit (first parent main, second the head) carrying the
   review facts as trailers (facts.py) is pushed to main **without force**: a refused push
   means main moved meanwhile, so the PR is judged again on the new main.

GitHub draft PRs are judged (feedback) but never merged. The gate requests reviews from
the people whose approval is missing and writes each state change in the issue the PR
came from (or in the PR), once per state and head.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from kinerja.findings import ERROR, Finding
from kinerja.review import facts, gitrev, newfindings
from kinerja.review.approval import Outcome, check_approvals, parse_reviews
from kinerja.review.authz import Verdict, check_change
from kinerja.review.github import Client, GitHubError, git_auth_env

FORM_BRANCH = re.compile(r"formulir/isu-([1-9][0-9]{0,9})(?:-([2-9]|[1-9][0-9]{1,3}))?")  # -k: a later round after a merge
FORM_LABEL = "formulir"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?:\[bot\])?")

# states, in Indonesian as users read them
SIAP, DIGABUNG, MENUNGGU, DITOLAK, GALAT, KONFLIK, DRAF = (
    "siap", "digabung", "menunggu_persetujuan", "ditolak", "ada_kesalahan", "konflik", "draf")
SENTENCES = {
    SIAP: "Semua pemeriksaan lolos; usulan siap digabung.",
    DIGABUNG: "Usulan sudah digabung ke cabang utama oleh GitHub App instansi.",
    MENUNGGU: "Pemeriksaan lolos, tetapi persetujuan yang diperlukan belum ada pada commit terakhir.",
    DITOLAK: "Usulan memuat perubahan yang tidak boleh dilakukan akun ini (lihat hak ubah).",
    GALAT: "Usulan menambah kesalahan validasi; perbaiki dulu.",
    KONFLIK: "Usulan bertabrakan (konflik) dengan cabang utama; perbarui usulan.",
    DRAF: "Usulan masih berstatus draf di GitHub; tandai Ready for review bila sudah siap.",
}


class GateError(Exception):
    """The gate cannot judge (bad PR data, git or API failure); Indonesian message."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    head_sha: str
    head_ref: str
    base_ref: str
    author_login: str
    author_id: int
    draft: bool
    open: bool
    body: str = ""


def parse_pull(doc: dict) -> PullRequest:
    try:
        head, base, user = doc["head"], doc["base"], doc["user"]
        pr = PullRequest(int(doc["number"]), str(head["sha"]), str(head["ref"]), str(base["ref"]), str(user["login"]),
                         int(user["id"]), bool(doc.get("draft", False)), doc.get("state") == "open",
                         str(doc.get("body") or "")[:65536])
    except (KeyError, TypeError, ValueError):
        raise GateError("Data usulan dari API GitHub tidak lengkap.") from None
    if not re.fullmatch(r"[0-9a-f]{40}", pr.head_sha) or not LOGIN.fullmatch(pr.author_login) or pr.author_id < 1:
        raise GateError(f"Data usulan #{pr.number} dari API GitHub tidak sah.")
    return pr


@dataclass
class ActorOf:
    login: str
    github_id: int
    issue: int | None = None  # the form issue the PR came from
    problem: str | None = None  # why the PR cannot be judged as the issue author's


def resolve_actor(pr: PullRequest, app: tuple[str, int] | None, issue_doc: dict | None, commits: list[dict]) -> ActorOf:
    """Whose change is this PR (decisions.md: the actor is the PR author, or the form issue's author)."""
    m = FORM_BRANCH.fullmatch(pr.head_ref)
    is_app = app is not None and pr.author_id == app[1]
    if not (is_app and m):
        return ActorOf(pr.author_login, pr.author_id)  # any other bot is an unknown account to check-change
    number = int(m.group(1))
    if not isinstance(issue_doc, dict) or issue_doc.get("pull_request") is not None:
        return ActorOf(pr.author_login, pr.author_id, number, f"Isu #{number} tidak ditemukan.")
    user = issue_doc.get("user") if isinstance(issue_doc.get("user"), dict) else {}
    labels = {lab.get("name") for lab in issue_doc.get("labels") or [] if isinstance(lab, dict)}
    login, gid = user.get("login"), user.get("id")
    if issue_doc.get("state") != "open":
        return ActorOf(pr.author_login, pr.author_id, number, f"Isu #{number} sudah ditutup; usulan dari isu tertutup tidak diproses.")
    if FORM_LABEL not in labels:
        return ActorOf(pr.author_login, pr.author_id, number, f"Isu #{number} tidak berlabel {FORM_LABEL}.")
    if not isinstance(login, str) or not LOGIN.fullmatch(login) or not isinstance(gid, int) or isinstance(gid, bool):
        return ActorOf(pr.author_login, pr.author_id, number, f"Pembuat isu #{number} tidak dapat ditentukan.")
    others = []
    for c in commits:
        author = c.get("author") if isinstance(c.get("author"), dict) else {}
        committer = c.get("committer") if isinstance(c.get("committer"), dict) else {}
        if author.get("id") != app[1] or committer.get("id") != app[1]:
            others.append(str(c.get("sha", ""))[:12])
    if others or not commits:
        return ActorOf(pr.author_login, pr.author_id, number,
                       f"Cabang formulir/isu-{number} memuat commit yang bukan buatan GitHub App instansi "
                       f"({', '.join(others) or 'tidak ada commit'}); usulan dari formulir hanya berisi commit App.")
    return ActorOf(login, gid, number)


@dataclass
class Judgement:
    pr: PullRequest
    main: str
    state: str
    actor: ActorOf
    tree: str | None = None
    verdict: Verdict | None = None
    approvals: list[Outcome] = field(default_factory=list)
    added_errors: list[Finding] = field(default_factory=list)
    changed_findings: list[Finding] = field(default_factory=list)
    approved_by: list = field(default_factory=list)  # facts.Approval-like tuples for the trailers
    reason: str = ""
    merge_commit: str | None = None

    @property
    def sentence(self) -> str:
        return SENTENCES[self.state] + (f" {self.reason}" if self.reason else "")


def _utc(text: str) -> str | None:
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if t.tzinfo else None


class Gate:
    def __init__(self, root: Path, client: Client, *, remote: str = "origin", branch: str = "main",
                 today: date | None = None, workdir: Path | None = None, main_rev: str | None = None):
        """main_rev given: judge against that commit and fetch nothing (the feedback check)."""
        self.root, self.client, self.remote, self.branch = root, client, remote, branch
        self.main_rev = main_rev
        self.git_env = git_auth_env(os.environ.get("GH_TOKEN")) if not os.environ.get("KINERJA_GITHUB_FAKE") else {}
        self.today = today or date.today()
        self._workdir = workdir
        self._tree_dir: Path | None = None
        self._main_findings: dict[str, list[Finding]] = {}

    # -- git
    def git(self, *args: str, input: bytes | None = None, env: dict | None = None) -> str:
        proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, input=input, timeout=600,
                              env=dict(os.environ, **self.git_env, **(env or {})))
        if proc.returncode != 0:
            raise GateError(f"git {args[0]} gagal: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
        return proc.stdout.decode("utf-8", "replace").strip()

    def fetch(self, pr: PullRequest | None) -> str:
        """Fetch main (and the PR head); return main's commit id."""
        if self.main_rev is not None:
            return gitrev.resolve(self.root, self.main_rev)
        ref = f"refs/kinerja/{self.branch}"
        specs = [f"+refs/heads/{self.branch}:{ref}"]
        if pr is not None:
            specs.append(f"+refs/pull/{pr.number}/head:refs/kinerja/pull/{pr.number}")
        self.git("fetch", "--quiet", "--no-tags", self.remote, *specs)
        return self.git("rev-parse", "--verify", f"{ref}^{{commit}}")

    def _tree(self) -> Path:
        if self._tree_dir is None:
            base = self._workdir or Path(tempfile.mkdtemp(prefix="kinerja-gerbang-"))
            self._tree_dir = base / "pohon"
            if not (self._tree_dir / ".git").exists():
                base.mkdir(parents=True, exist_ok=True)
                self.git("worktree", "prune")
                self.git("worktree", "add", "--quiet", "--detach", str(self._tree_dir), "HEAD")
            self._keep_tree = self._workdir is not None
        return self._tree_dir

    def _findings_of(self, commit: str) -> list[Finding]:
        from kinerja.validate import validate

        tree = self._tree()
        subprocess.run(["git", "-C", str(tree), "checkout", "--quiet", "--detach", "--force", commit],
                       check=True, capture_output=True, timeout=600)
        _repo, findings = validate(tree, today=self.today)
        return findings

    def main_findings(self, main: str) -> list[Finding]:
        if main not in self._main_findings:
            self._main_findings = {main: self._findings_of(main)}
        return self._main_findings[main]

    # -- judging
    def judge(self, pr: PullRequest, main: str) -> Judgement:
        from kinerja.review.orgdata import load_org

        app = load_org(self.root, main).regency.app_account
        m = FORM_BRANCH.fullmatch(pr.head_ref)
        issue_doc, commits = None, []
        if app is not None and pr.author_id == app[1] and m:
            try:
                issue_doc = self.client.issue(int(m.group(1)))
            except GitHubError:
                issue_doc = None
            commits = self.client.pull_commits(pr.number)
        actor = resolve_actor(pr, app, issue_doc, commits)
        j = Judgement(pr, main, DITOLAK, actor)
        if actor.problem:
            j.reason = actor.problem
            return j
        try:
            have = self.git("rev-parse", "--verify", "--quiet", f"{pr.head_sha}^{{commit}}")
        except GateError:
            have = ""
        if have != pr.head_sha:
            raise GateError(f"Commit kepala usulan #{pr.number} ({pr.head_sha[:12]}) tidak ada di salinan ini.")
        try:
            j.tree = gitrev.merge_tree(self.root, main, pr.head_sha)
        except gitrev.GitError as exc:
            j.state, j.reason = KONFLIK, str(exc)
            return j
        j.verdict = check_change(self.root, main, pr.head_sha, actor.login, actor.github_id, self.today)
        reviews = parse_reviews(__import__("json").dumps(self.client.reviews(pr.number)))
        j.approvals = check_approvals(j.verdict, reviews)
        merged = self._commit(j, for_validation=True)
        before, after = self.main_findings(main), self._findings_of(merged)
        changed = {d.file for d in j.verdict.decisions}
        j.added_errors = newfindings.changed_first(newfindings.added(before, after), changed)
        j.changed_findings = [f for f in newfindings.changed_first(after, changed) if f.file in changed]
        if not j.verdict.allowed:
            j.state = DITOLAK
        elif j.added_errors:
            j.state = GALAT
        elif not all(o.ok for o in j.approvals):
            j.state = MENUNGGU
        elif pr.draft:
            j.state = DRAF
        else:
            j.state = SIAP
            j.approved_by = self._approvals_for_trailers(j, reviews)
        return j

    def _approvals_for_trailers(self, j: Judgement, reviews) -> list[tuple]:
        from kinerja.review.approval import latest_decisions

        org = j.verdict.data.org
        needed = {p for o in j.approvals for p in o.people}
        out = []
        for rev in latest_decisions(reviews).values():
            person = org.by_account(rev.login, rev.github_id)
            at = _utc(rev.submitted_at)
            if rev.state == "APPROVED" and rev.commit_id == j.pr.head_sha and person and person.id in needed and at:
                out.append((person.id, rev.github_id, rev.commit_id, at))
        return sorted(out)

    def _message(self, j: Judgement) -> str:
        p = j.verdict.actor.person if j.verdict else None
        lines = [f"Gabungkan usulan #{j.pr.number}", "",
                 f"{facts.T_PR}: {j.pr.number}", f"{facts.T_HEAD}: {j.pr.head_sha}"]
        if p is not None:
            lines.append(f"{facts.T_AUTHOR}: {p.id} {j.actor.github_id}")
        lines += [f"{facts.T_APPROVAL}: {pid} {gid} {commit} {at}" for pid, gid, commit, at in j.approved_by]
        return "\n".join(lines) + "\n"

    def _identity(self, j: Judgement) -> dict:
        app = j.verdict.data.regency.app_account if j.verdict else None
        login, gid = app if app else ("kinerja-gerbang[bot]", 0)
        email = f"{gid}+{login}@users.noreply.github.com"
        return {"GIT_AUTHOR_NAME": login, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": login, "GIT_COMMITTER_EMAIL": email}

    def _commit(self, j: Judgement, for_validation: bool = False) -> str:
        msg = "validasi gerbang\n" if for_validation else self._message(j)
        return self.git("commit-tree", j.tree, "-p", j.main, "-p", j.pr.head_sha, "-F", "-",
                        input=msg.encode(), env=self._identity(j))

    # -- merging
    def push(self, j: Judgement) -> bool:
        """Push the merge commit to main without force; False when main moved meanwhile."""
        j.merge_commit = self._commit(j)
        proc = subprocess.run(["git", "-C", str(self.root), "push", "--quiet", "--porcelain", self.remote,
                               f"{j.merge_commit}:refs/heads/{self.branch}"], capture_output=True, timeout=600,
                              env=dict(os.environ, **self.git_env))
        if proc.returncode == 0:
            j.state = DIGABUNG
            return True
        text = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        if "rejected" in text or "non-fast-forward" in text or "fetch first" in text or "stale info" in text:
            return False
        raise GateError(f"Penggabungan usulan #{j.pr.number} gagal didorong: {text.strip()[-300:]}")

    def run(self, number: int, merge: bool, attempts: int = 5) -> Judgement:
        """Judge (and merge) one PR; a refused push re-judges on the new main."""
        for _ in range(attempts):
            pr = parse_pull(self.client.pull(number))
            if not pr.open or pr.base_ref != self.branch:
                raise GateError(f"Usulan #{number} tidak terbuka atau tidak menuju {self.branch}.")
            main = self.fetch(pr)
            j = self.judge(pr, main)
            if not merge or j.state != SIAP:
                return j
            if self.push(j):
                return j
        raise GateError(f"Cabang utama terus berubah; usulan #{number} akan dinilai lagi pada putaran berikutnya.")

    # -- telling people
    def notify(self, j: Judgement) -> None:
        """One comment per state and head in the issue the PR came from (else the PR), and
        review requests to the people whose approval is missing."""
        target = j.actor.issue or j.pr.number
        marker = f"<!-- kinerja-gerbang usulan={j.pr.number} keadaan={j.state} kepala={j.pr.head_sha} -->"
        try:
            seen = any(isinstance(c, dict) and marker in str(c.get("body", "")) for c in self.client.issue_comments(target))
        except GitHubError:
            seen = False
        if seen:
            return
        if j.state == DIGABUNG:
            self._close_issues(j)
        lines = [marker, f"**Usulan #{j.pr.number}: {SENTENCES[j.state]}**", ""]
        if j.reason:
            lines.append(_plain(j.reason))
        for o in j.approvals:
            if not o.ok:
                lines.append(f"- {_plain(o.message)}")
        for f in j.added_errors[:10]:
            lines.append(f"- {_plain(f.file)}: {_plain(f.message)}")
        if len(j.added_errors) > 10:
            lines.append(f"- dan {len(j.added_errors) - 10} kesalahan lain (lihat pemeriksaan di usulan).")
        self.client.comment(target, "\n".join(lines) + "\n")
        if j.state == MENUNGGU and j.verdict is not None:
            org, author = j.verdict.data.org, j.verdict.actor.person
            logins = set()
            for o in j.approvals:
                if o.ok:
                    continue
                for pid in o.people:
                    p = org.person(pid)
                    if p is not None and p.github_login and (author is None or p.id != author.id):
                        logins.add(p.github_login)
            try:
                self.client.request_reviewers(j.pr.number, sorted(logins))
            except GitHubError:
                pass  # a reviewer without access cannot be requested; the comment names them

    def _close_issues(self, j: Judgement) -> None:
        """A merged form PR closes the issues its App-written description names ("Closes #N"):
        the form's own issue, or for a keberatan decision the objection's issue. The merge is a
        push, so the App closes them itself rather than trusting GitHub's closing keywords."""
        if not j.actor.issue:
            return  # only App form PRs: their description is the App's, not a colleague's text
        for n in sorted({int(x) for x in re.findall(r"^Closes #([1-9][0-9]{0,9})$", j.pr.body, re.M)}):
            try:
                self.client.close_issue(n)
            except GitHubError:
                pass  # already closed or gone: the comment still says the PR was merged

    def close(self) -> None:
        if self._tree_dir is not None and not getattr(self, "_keep_tree", False):
            subprocess.run(["git", "-C", str(self.root), "worktree", "remove", "--force", str(self._tree_dir)],
                           capture_output=True, timeout=120)
            self._tree_dir = None


def _plain(text: str) -> str:
    """User-derived text in a Markdown comment: one line, markup characters escaped."""
    from kinerja.safe import md_text

    return md_text(" ".join(str(text).split()))


def record_acknowledgement(root: Path, path: str, person: str, github_id: int, at: datetime, *,
                           remote: str = "origin", branch: str = "main", app: tuple[str, int] | None = None,
                           response: str = "", attempts: int = 5) -> str:
    """The rated employee's acknowledgement as an empty commit on main (message and trailers
    from facts.acknowledgement_message), pushed without force; retried on a moved main.
    Returns the commit id."""
    try:
        msg = facts.acknowledgement_message(path, person, github_id, at, response)
    except ValueError as exc:
        raise GateError(str(exc)) from None
    login, gid = app if app else ("kinerja-gerbang[bot]", 0)
    email = f"{gid}+{login}@users.noreply.github.com"
    env = dict(os.environ, GIT_AUTHOR_NAME=login, GIT_AUTHOR_EMAIL=email, GIT_COMMITTER_NAME=login, GIT_COMMITTER_EMAIL=email,
               **(git_auth_env(os.environ.get("GH_TOKEN")) if not os.environ.get("KINERJA_GITHUB_FAKE") else {}))

    def git(*args, input=None):
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, input=input, env=env, timeout=600)
        return proc.returncode, (proc.stdout + proc.stderr).decode("utf-8", "replace").strip()

    for _ in range(attempts):
        main = fetch_main(root, remote, branch)
        _, tree = git("rev-parse", f"{main}^{{tree}}")
        code, commit = git("commit-tree", tree, "-p", main, "-F", "-", input=msg.encode())
        if code:
            raise GateError(f"git commit-tree gagal: {commit[-300:]}")
        code, out = git("push", "--quiet", remote, f"{commit}:refs/heads/{branch}")
        if code == 0:
            return commit
        if "rejected" not in out and "fetch first" not in out and "non-fast-forward" not in out:
            raise GateError(f"Tanda sudah membaca gagal didorong: {out[-300:]}")
    raise GateError("Cabang utama terus berubah; coba lagi.")


def fetch_main(root: Path, remote: str = "origin", branch: str = "main") -> str:
    """Fetch main into refs/kinerja/<branch> and return its commit id."""
    env = dict(os.environ, **(git_auth_env(os.environ.get("GH_TOKEN")) if not os.environ.get("KINERJA_GITHUB_FAKE") else {}))
    proc = subprocess.run(["git", "-C", str(root), "fetch", "--quiet", "--no-tags", remote,
                           f"+refs/heads/{branch}:refs/kinerja/{branch}"], capture_output=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise GateError(f"git fetch gagal: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    return gitrev.resolve(root, f"refs/kinerja/{branch}")
