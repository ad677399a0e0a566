"""The few GitHub REST calls the gate makes, behind one small interface.

`RestClient` talks to the API with a token (the App's installation token in the gate
workflow). `FakeGitHub` answers the same calls from recorded API JSON in a folder
(`<folder>/<api path>.json`, e.g. `repos/o/r/pulls/7.json`) and appends every write to
`<folder>/calls.jsonl`; the tests and `KINERJA_GITHUB_FAKE=<folder>` (tests only) use it.
The GitHub behaviours the gate relies on are listed, with links, in
site/panduan/admin.md ("Perilaku GitHub yang diandalkan").

Everything returned is untrusted data: callers read fields by name and check their types.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path


class GitHubError(Exception):
    """An API call failed; the message is Indonesian and names no token."""


class Client:
    """The calls the gate needs, written on top of get/post (one page or all pages)."""

    repo: str

    def get(self, path: str, paged: bool = False):
        raise NotImplementedError

    def post(self, path: str, body: dict, method: str = "POST"):
        raise NotImplementedError

    # -- reads
    def pull(self, number: int) -> dict:
        return self.get(f"repos/{self.repo}/pulls/{int(number)}")

    def open_pulls(self, base: str = "main") -> list[dict]:
        return self.get(f"repos/{self.repo}/pulls?state=open&base={urllib.parse.quote(base)}&per_page=100", paged=True)

    def reviews(self, number: int) -> list[dict]:
        return self.get(f"repos/{self.repo}/pulls/{int(number)}/reviews?per_page=100", paged=True)

    def pull_commits(self, number: int) -> list[dict]:
        return self.get(f"repos/{self.repo}/pulls/{int(number)}/commits?per_page=100", paged=True)

    def issue(self, number: int) -> dict:
        return self.get(f"repos/{self.repo}/issues/{int(number)}")

    def issue_comments(self, number: int) -> list[dict]:
        return self.get(f"repos/{self.repo}/issues/{int(number)}/comments?per_page=100", paged=True)

    # -- writes
    def request_reviewers(self, number: int, logins: list[str]) -> None:
        if logins:
            self.post(f"repos/{self.repo}/pulls/{int(number)}/requested_reviewers", {"reviewers": sorted(logins)})

    def comment(self, number: int, body: str) -> None:
        self.post(f"repos/{self.repo}/issues/{int(number)}/comments", {"body": body})

    def close_issue(self, number: int) -> None:
        self.post(f"repos/{self.repo}/issues/{int(number)}", {"state": "closed"}, method="PATCH")


_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')


class RestClient(Client):
    def __init__(self, repo: str, token: str, api_url: str | None = None, timeout: float = 30):
        if not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repo or ""):
            raise GitHubError(f"Nama repositori {repo!r} tidak sah (pemilik/nama).")
        self.repo, self._token, self._timeout = repo, token, timeout
        self._api = (api_url or os.environ.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")

    def _request(self, url: str, data: bytes | None = None, method: str = "GET"):
        req = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self._token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "kinerja-terbuka-gate",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        try:
            with urllib.request.urlopen(req, timeout=self._timeout) as resp:  # noqa: S310 - https API URL
                body = resp.read()
                return (json.loads(body) if body else None), resp.headers.get("Link", "")
        except urllib.error.HTTPError as exc:
            raise GitHubError(f"API GitHub menjawab {exc.code} untuk {method} {url.split('?')[0]}.") from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise GitHubError(f"API GitHub tidak dapat dihubungi ({type(exc).__name__}).") from None

    def get(self, path: str, paged: bool = False):
        url = f"{self._api}/{path}"
        doc, link = self._request(url)
        if not paged:
            return doc
        items = list(doc or [])
        for _ in range(100):  # at most 10,000 items
            m = _NEXT.search(link or "")
            if not m:
                break
            doc, link = self._request(m.group(1))
            items.extend(doc or [])
        return items

    def post(self, path: str, body: dict, method: str = "POST"):
        doc, _ = self._request(f"{self._api}/{path}", json.dumps(body).encode(), method)
        return doc


class FakeGitHub(Client):
    """Recorded API JSON in a folder; writes are appended to calls.jsonl (and kept in `calls`)."""

    def __init__(self, folder: Path, repo: str = "kabupaten/kinerja"):
        self.folder, self.repo = Path(folder), repo
        self.calls: list[dict] = []

    def _file(self, path: str) -> Path:
        clean = path.split("?", 1)[0].strip("/")
        if ".." in clean.split("/"):
            raise GitHubError(f"Jalur API tidak sah: {clean}")
        return self.folder / f"{clean}.json"

    def get(self, path: str, paged: bool = False):
        f = self._file(path)
        if not f.exists():
            if paged:
                return []
            raise GitHubError(f"API GitHub menjawab 404 untuk GET /{path.split('?')[0]}.")
        return json.loads(f.read_text(encoding="utf-8"))

    def post(self, path: str, body: dict, method: str = "POST"):
        call = {"method": method, "path": path.split("?", 1)[0], "body": body}
        self.calls.append(call)
        with (self.folder / "calls.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(call, ensure_ascii=False) + "\n")
        if method == "POST" and path.endswith("/comments"):  # the comment is now on the issue
            f = self._file(path)
            existing = json.loads(f.read_text(encoding="utf-8")) if f.exists() else []
            existing.append({"id": len(existing) + 1, "body": body.get("body", ""), "user": {"login": "app", "id": 0}})
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(existing), encoding="utf-8")
        if method == "POST" and path.split("?", 1)[0].endswith("/pulls"):
            return {"number": 100 + sum(c["path"].endswith("/pulls") for c in self.calls)}
        return {}


def client_from_env(repo: str | None = None) -> Client:
    """The fake when KINERJA_GITHUB_FAKE names a folder (tests), else the REST API with GH_TOKEN."""
    repo = repo or os.environ.get("GITHUB_REPOSITORY", "")
    fake = os.environ.get("KINERJA_GITHUB_FAKE")
    if fake:
        return FakeGitHub(Path(fake), repo or "kabupaten/kinerja")
    token = os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN")
    if not token:
        raise GitHubError("Token GitHub tidak ada (GH_TOKEN). Gerbang dijalankan dari workflow gerbang.yml.")
    return RestClient(repo, token)


def git_auth_env(token: str | None, host: str = "github.com") -> dict:
    """Environment that lets git fetch/push over https with `token` (as actions/checkout
    does: an extra header from the environment, never on the command line or in .git/config)."""
    if not token:
        return {}
    import base64

    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    return {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"http.https://{host}/.extraheader",
            "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"}
