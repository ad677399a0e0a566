"""A GitHub stand-in for the gate: a local bare repository as origin (PR heads under
refs/pull/N/head, as GitHub keeps them) and recorded API JSON filled per PR."""

from __future__ import annotations

import json
from pathlib import Path

from kthelpers import git
from review_helpers import ACCOUNTS

DATA = Path(__file__).parent / "data"
REPO = "batanghari/kinerja"
APP = ("kinerja-batanghari[bot]", 91900001)  # organisation/instansi.yml: aplikasi_github


def _fill(name: str, **values) -> object:
    text = (DATA / "github" / name).read_text(encoding="utf-8") if name.endswith(".json") and "/" not in name else \
        (DATA / name).read_text(encoding="utf-8")
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", str(v))
    return json.loads(text)


class Hub:
    """origin.git + the gate's clone + the API folder."""

    def __init__(self, demo_git: Path, tmp: Path):
        self.dev = demo_git  # where PR authors make their commits
        self.server = tmp / "srv"  # GITHUB_SERVER_URL=file://<server>: origin is <server>/<repo>.git
        self.origin = self.server / f"{REPO}.git"
        self.origin.parent.mkdir(parents=True)
        git(tmp, "clone", "-q", "--bare", str(demo_git), str(self.origin))
        self.gate = tmp / "gerbang"
        git(tmp, "clone", "-q", str(self.origin), str(self.gate))
        git(self.dev, "remote", "add", "origin", str(self.origin))
        self.api = tmp / "api"
        self.base = self.api / "repos" / REPO
        self.base.mkdir(parents=True)

    def put(self, rel: str, doc) -> None:
        f = self.base / f"{rel}.json"
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(doc), encoding="utf-8")

    def open_pr(self, number: int, branch: str, who: str | None = None, *, login=None, gid=None, kind="User",
                draft=False, reviews=None) -> str:
        """Push `branch` of the developer repo as PR `number`'s head; record the API JSON."""
        head = git(self.dev, "rev-parse", branch).strip()
        git(self.dev, "push", "-q", "origin", f"{branch}:refs/pull/{number}/head")
        login = login or ACCOUNTS[who][0]
        gid = gid or ACCOUNTS[who][1]
        main = git(self.dev, "ls-remote", "origin", "refs/heads/main").split()[0]
        self.put(f"pulls/{number}", _fill("pull.json", number=number, login=login, id=gid, type=kind, head=head,
                                          ref=branch, base=main, draft=str(draft).lower()))
        self.put(f"pulls/{number}/reviews", reviews or [])
        pulls = [json.loads((self.base / "pulls" / p.name).read_text()) for p in sorted((self.base / "pulls").glob("*.json"))]
        self.put("pulls", pulls)
        return head

    def approve(self, number: int, review_file: str, head: str) -> None:
        self.put(f"pulls/{number}/reviews", _fill(f"reviews/{review_file}", head=head))

    def form_issue(self, number: int, who: str, state="open", label="formulir") -> None:
        login, gid = ACCOUNTS[who]
        self.put(f"issues/{number}", _fill("issue.json", number=number, login=login, id=gid, state=state, label=label))

    def commits_by(self, pr: int, branch: str, login: str, gid: int, kind="Bot") -> None:
        shas = git(self.dev, "rev-list", "--reverse", f"main..{branch}").split()
        self.put(f"pulls/{pr}/commits", [_fill("pull-commit.json", sha=s, login=login, id=gid, type=kind, parent="0" * 40)
                                         for s in shas])

    def main(self) -> str:
        return git(self.origin, "rev-parse", "refs/heads/main").strip()

    def calls(self) -> list[dict]:
        f = self.api / "calls.jsonl"
        return [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines()] if f.exists() else []

    def env(self) -> dict:
        return {"KINERJA_GITHUB_FAKE": str(self.api), "GITHUB_REPOSITORY": REPO, "GITHUB_SERVER_URL": f"file://{self.server}"}
