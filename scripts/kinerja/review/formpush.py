"""A converted form becomes a commit of the App on `formulir/isu-N`, and a PR — never a force push.

* No branch yet: a commit on main, pushed as `formulir/isu-N`, and a PR is opened.
* An open PR for the branch (the issue was edited before the merge): a new commit on top
  of the branch tip, pushed without force, so nothing anyone pushed there is overwritten;
  the PR's title and description are set to the edited issue's (status, who is asked).
  If the branch holds a commit that is not the App's, nothing is pushed (the gate refuses
  such a PR as well; admins look at it).
* The branch's PR was merged or closed (an edit after the merge): a new branch
  `formulir/isu-N-k` from main and a new PR, so the merged history stays as it was.

The App's identity (bot login and numeric id) comes from `aplikasi_github` in
organisation/instansi.yml of main. The commit is built with plumbing in a temporary index:
the work tree is not touched.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kinerja.review.github import Client, GitHubError, git_auth_env


class FormPushError(Exception):
    """The form cannot be turned into a PR; the message is Indonesian and is posted in the issue."""


@dataclass
class Pushed:
    branch: str
    commit: str
    pull_request: int | None  # the PR number, when known
    created: bool  # a new PR was opened


class FormPusher:
    def __init__(self, root: Path, client: Client, app: tuple[str, int], *, remote: str = "origin", base: str = "main"):
        self.root, self.client, self.app, self.remote, self.base = root, client, app, remote, base
        self.env = dict(os.environ)
        if not os.environ.get("KINERJA_GITHUB_FAKE"):
            self.env.update(git_auth_env(os.environ.get("GH_TOKEN")))
        login, gid = app
        email = f"{gid}+{login}@users.noreply.github.com"
        self.identity = {"GIT_AUTHOR_NAME": login, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": login,
                         "GIT_COMMITTER_EMAIL": email}

    def git(self, *args: str, input: bytes | None = None, extra: dict | None = None, check: bool = True):
        proc = subprocess.run(["git", "-C", str(self.root), *args], capture_output=True, input=input, timeout=600,
                              env=dict(self.env, **(extra or {})))
        if check and proc.returncode != 0:
            raise FormPushError(f"git {args[0]} gagal: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
        return proc

    def _remote_heads(self, issue: int) -> dict[str, str]:
        out = self.git("ls-remote", "--heads", self.remote, f"refs/heads/formulir/isu-{issue}",
                       f"refs/heads/formulir/isu-{issue}-*").stdout.decode()
        heads = {}
        for line in out.splitlines():
            sha, _, ref = line.partition("\t")
            name = ref.removeprefix("refs/heads/")
            if re.fullmatch(rf"formulir/isu-{issue}(-[0-9]+)?", name):
                heads[name] = sha
        return heads

    def _open_pr(self, branch: str) -> int | None:
        owner = self.client.repo.split("/", 1)[0]
        for p in self.client.get(f"repos/{self.client.repo}/pulls?state=open&head={owner}:{branch}&per_page=100", paged=True):
            if (isinstance(p, dict) and isinstance(p.get("number"), int) and p.get("state") == "open"
                    and (p.get("head") or {}).get("ref") == branch):
                return p["number"]
        return None

    def _only_app_commits(self, number: int) -> list[str]:
        foreign = []
        for c in self.client.pull_commits(number):
            a = c.get("author") if isinstance(c.get("author"), dict) else {}
            k = c.get("committer") if isinstance(c.get("committer"), dict) else {}
            if a.get("id") != self.app[1] or k.get("id") != self.app[1]:
                foreign.append(str(c.get("sha", ""))[:12])
        return foreign

    def _commit(self, parent: str, path: str, title: str) -> str:
        blob = self.git("hash-object", "-w", "--", path).stdout.decode().strip()
        with tempfile.TemporaryDirectory(prefix="kinerja-indeks-") as tmp:
            index = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self.git("read-tree", parent, extra=index)
            self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", extra=index)
            tree = self.git("write-tree", extra=index).stdout.decode().strip()
        if tree == self.git("rev-parse", f"{parent}^{{tree}}").stdout.decode().strip():
            return parent  # nothing changed
        return self.git("commit-tree", tree, "-p", parent, "-F", "-", input=(title + "\n").encode(),
                        extra=self.identity).stdout.decode().strip()

    def push(self, issue: int, path: str, title: str, body: str) -> Pushed:
        if not re.fullmatch(r"[a-z0-9][a-z0-9/_.-]*\.yml", path) or ".." in path.split("/"):
            raise FormPushError(f"Jalur berkas hasil formulir tidak sah: {path!r}.")
        title = " ".join(title.split())[:200] or f"Formulir isu #{issue}"
        self.git("fetch", "--quiet", "--no-tags", self.remote, f"+refs/heads/{self.base}:refs/kinerja/{self.base}")
        main = self.git("rev-parse", f"refs/kinerja/{self.base}").stdout.decode().strip()
        heads = self._remote_heads(issue)
        # the newest round first: formulir/isu-N, then -2, -3, ...
        rounds = sorted(heads, key=lambda b: int(b.rsplit("-", 1)[1]) if re.search(r"isu-\d+-\d+$", b) else 1)
        for branch in reversed(rounds):
            number = self._open_pr(branch)
            if number is None:
                continue
            foreign = self._only_app_commits(number)
            if foreign:
                raise FormPushError(
                    f"Cabang {branch} memuat commit yang bukan buatan GitHub App ({', '.join(foreign)}); perubahan "
                    "formulir tidak didorong. Admin BKPSDM memeriksa usulan itu.")
            tip = heads[branch]
            self.git("fetch", "--quiet", "--no-tags", self.remote, f"+refs/heads/{branch}:refs/kinerja/form")
            commit = self._commit(tip, path, title)
            if commit != tip:
                self._push(commit, branch)
            # the description follows the issue (draf -> minta persetujuan, the penilai mentioned)
            self.client.post(f"repos/{self.client.repo}/pulls/{number}", {"title": title, "body": body}, method="PATCH")
            return Pushed(branch, commit, number, False)
        k = max([1] + [int(b.rsplit("-", 1)[1]) for b in heads if re.search(r"isu-\d+-\d+$", b)]) + (1 if heads else 0)
        branch = f"formulir/isu-{issue}" if k == 1 else f"formulir/isu-{issue}-{k}"
        commit = self._commit(main, path, title)
        self._push(commit, branch)
        doc = self.client.post(f"repos/{self.client.repo}/pulls",
                               {"title": title, "head": branch, "base": self.base, "body": body})
        number = doc.get("number") if isinstance(doc, dict) else None
        return Pushed(branch, commit, number if isinstance(number, int) else None, True)

    def _push(self, commit: str, branch: str) -> None:
        proc = self.git("push", "--quiet", self.remote, f"{commit}:refs/heads/{branch}", check=False)
        if proc.returncode != 0:
            raise FormPushError(f"Cabang {branch} berubah saat formulir diproses; sunting isu sekali lagi untuk mencoba ulang.")


def app_of(root: Path) -> tuple[str, int]:
    from kinerja.review.orgdata import load_org

    rev = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    app = load_org(root, rev).regency.app_account
    if app is None:
        raise FormPushError("organisation/instansi.yml belum mencatat aplikasi_github (akun bot GitHub App instansi).")
    return app


__all__ = ["FormPushError", "FormPusher", "GitHubError", "Pushed", "app_of"]
