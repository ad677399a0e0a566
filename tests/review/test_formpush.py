"""A form becomes the App's commit and PR, never a force push (formpush.py), against a bare
origin and recorded API JSON."""

from __future__ import annotations

import json

import pytest
from gate_helpers import APP, Hub
from kthelpers import git
from review_helpers import ACCOUNTS, edit

from kinerja.review.formpush import FormPusher, FormPushError
from kinerja.review.gate import FORM_BRANCH
from kinerja.review.github import FakeGitHub

PLAN = "plans/2026/kominfo-0040.yml"


def _submit(hub: Hub, text: str):
    """What `kinerja form` leaves behind: the converted file in the work tree of main."""
    git(hub.gate, "checkout", "-q", "-f", "main")
    git(hub.gate, "pull", "-q", "origin", "main")
    edit(hub.gate, PLAN, "Tersedianya dasbor", text)
    return FormPusher(hub.gate, FakeGitHub(hub.api, "batanghari/kinerja"), APP).push(9, PLAN, "Ajukan SKP kominfo-0040", "isi")


def _author(hub: Hub, sha: str) -> str:
    return git(hub.origin, "log", "-1", "--format=%an <%ae>|%cn", sha).strip()


def test_first_submission_opens_a_pr_from_an_app_commit_on_main(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    main = hub.main()
    pushed = _submit(hub, "Tersedianya dasbor A")
    assert pushed.branch == "formulir/isu-9" and pushed.created
    assert git(hub.origin, "rev-parse", f"{pushed.commit}^").strip() == main
    assert _author(hub, pushed.commit) == f"{APP[0]} <{APP[1]}+{APP[0]}@users.noreply.github.com>|{APP[0]}"
    calls = [c for c in hub.calls() if c["path"].endswith("/pulls")]
    assert calls == [{"method": "POST", "path": "repos/batanghari/kinerja/pulls",
                      "body": {"title": "Ajukan SKP kominfo-0040", "head": "formulir/isu-9", "base": "main", "body": "isi"}}]
    # the work tree of main is untouched by the commit (a temporary index was used)
    assert git(hub.gate, "rev-parse", "HEAD").strip() == main


def _open(hub: Hub, number: int, branch: str, state: str = "open"):
    hub.put("pulls", [{"number": number, "state": state, "head": {"ref": branch}}])


def test_an_edit_before_the_merge_adds_a_commit_on_top(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    first = _submit(hub, "Tersedianya dasbor A")
    _open(hub, 21, first.branch)
    hub.put("pulls/21/commits", [{"sha": first.commit, "author": {"id": APP[1]}, "committer": {"id": APP[1]}}])
    second = _submit(hub, "Tersedianya dasbor B")
    assert second.branch == first.branch and second.pull_request == 21 and not second.created
    tip = git(hub.origin, "rev-parse", "refs/heads/formulir/isu-9").strip()
    assert tip == second.commit and git(hub.origin, "rev-parse", f"{tip}^").strip() == first.commit
    assert "dasbor B" in git(hub.origin, "show", f"{tip}:{PLAN}")


def test_a_colleagues_commit_on_the_branch_stops_the_push(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    first = _submit(hub, "Tersedianya dasbor A")
    _open(hub, 21, first.branch)
    hub.put("pulls/21/commits", [{"sha": first.commit, "author": {"id": APP[1]}, "committer": {"id": APP[1]}},
                                 {"sha": "b" * 40, "author": {"id": ACCOUNTS["bambang"][1]}, "committer": {"id": APP[1]}}])
    with pytest.raises(FormPushError, match="bukan buatan GitHub App"):
        _submit(hub, "Tersedianya dasbor B")
    assert git(hub.origin, "rev-parse", "refs/heads/formulir/isu-9").strip() == first.commit


def test_an_edit_after_the_merge_opens_a_new_pr(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    first = _submit(hub, "Tersedianya dasbor A")
    # the gate merged it: main now contains the branch tip, the PR is closed (merged)
    git(hub.gate, "fetch", "-q", "origin", "formulir/isu-9")
    git(hub.gate, "checkout", "-q", "-f", "main")
    git(hub.gate, "merge", "-q", "--ff-only", "FETCH_HEAD")
    git(hub.gate, "push", "-q", "origin", "main")
    _open(hub, 21, first.branch, state="closed")
    second = _submit(hub, "Tersedianya dasbor B")
    assert second.branch == "formulir/isu-9-2" and second.created
    assert git(hub.origin, "rev-parse", "refs/heads/formulir/isu-9").strip() == first.commit  # history kept
    assert git(hub.origin, "rev-parse", f"{second.commit}^").strip() == hub.main()
    assert FORM_BRANCH.fullmatch(second.branch).group(1) == "9"


def test_cli_reports_the_refusal_for_the_issue(tmp_path, demo_git):
    from kthelpers import run_kinerja

    hub = Hub(demo_git, tmp_path)
    first = _submit(hub, "Tersedianya dasbor A")
    _open(hub, 21, first.branch)
    hub.put("pulls/21/commits", [{"sha": "c" * 40, "author": {"id": 5}, "committer": {"id": 5}}])
    edit(hub.gate, PLAN, "dasbor A", "dasbor C")
    result_file = tmp_path / "hasil.json"
    result_file.write_text(json.dumps({"file": PLAN, "title": "Ajukan SKP", "body": "isi"}), encoding="utf-8")
    reply = tmp_path / "balasan.md"
    reply.write_text("Formulir diterima.\n", encoding="utf-8")
    result = run_kinerja("form-push", "--akar", str(hub.gate), "--hasil", str(result_file), "--isu", "9",
                         "--balasan", str(reply), env=hub.env())
    assert result.code == 1
    assert "bukan buatan GitHub App" in reply.read_text(encoding="utf-8")
