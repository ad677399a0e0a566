"""Daftarkan akun (issue 10): a new member records her own GitHub account (login and numeric id
from the event) in her person record through the App; an admin approves; nothing else of the
file changes. Real git, a bare origin, recorded API JSON."""

from __future__ import annotations

import json
import shutil

import pytest
from gate_helpers import APP, Hub, _fill
from kthelpers import ROOT, git, run_kinerja
from review_helpers import ACCOUNTS, commit_all, edit

from kinerja.loader import load_text
from kinerja.review.gate import DIGABUNG, MENUNGGU, Gate
from kinerja.review.github import FakeGitHub

BAMBANG = "organisation/people/disdik-0043.yml"
NEW = ("bambang-baru", 93000043)  # Bambang's account, not registered yet
TODAY = "2026-11-28"


@pytest.fixture
def repo(demo_git):
    """The demo without Bambang's account (a new member), with the issue forms."""
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    edit(demo_git, BAMBANG, "github:\n  login: kt-demo-bambang\n  id: 91000043\n", "")
    commit_all(demo_git, "Bambang belum punya akun")
    return demo_git


def body(pegawai: str, nama: str) -> str:
    return (f"### Id pegawai\n\n{pegawai}\n\n### Nama\n\n{nama}\n\n### Pernyataan\n\n"
            "- [X] Akun GitHub yang membuat isu ini adalah akun saya sendiri, dan id pegawai di atas adalah id saya.\n")


def convert(root, tmp_path, text, who=NEW, name="r"):
    (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    r = run_kinerja("form", "--akar", str(root), "--berkas-isi", str(tmp_path / f"{name}.md"), "--formulir", "akun",
                    "--pembuat", who[0], "--id-pembuat", str(who[1]), "--isu", "30", "--tanggal", TODAY,
                    "--balasan", str(tmp_path / f"{name}-reply.md"), "--hasil", str(tmp_path / f"{name}.json"))
    return r, (tmp_path / f"{name}-reply.md").read_text(encoding="utf-8"), json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))


def test_form_adds_only_the_github_block_of_the_event_account(repo, tmp_path):
    before = (repo / BAMBANG).read_text(encoding="utf-8")
    r, reply, res = convert(repo, tmp_path, body("disdik-0043", "Bambang Supriadi"))
    assert r.code == 0, reply
    assert res["file"] == BAMBANG and res["pull_request"] is True and "Admin BKPSDM" in res["body"]
    after = (repo / BAMBANG).read_text(encoding="utf-8")
    # exactly the three lines of the block were added; comments and every other line as written
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ["github:", "  login: bambang-baru", "  id: 93000043"]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    assert load_text(after).data["github"] == {"login": "bambang-baru", "id": 93000043}


def test_form_refusals(repo, tmp_path):
    # a typo in the id (the name does not match the record)
    r, reply, _ = convert(repo, tmp_path, body("disdik-0042", "Bambang Supriadi"), name="a")
    assert r.code == 1 and "tidak cocok" in reply
    # an unknown id
    r, reply, _ = convert(repo, tmp_path, body("disdik-9999", "Bambang Supriadi"), name="b")
    assert r.code == 1 and "tidak ada di organisation/people" in reply
    # an account already registered for someone else cannot be put on another record
    r, reply, _ = convert(repo, tmp_path, body("disdik-0043", "Bambang Supriadi"), who=ACCOUNTS["siti"], name="c")
    assert r.code == 1 and "disdik-0042" in reply
    assert "github" not in load_text((repo / BAMBANG).read_text(encoding="utf-8")).data


def _pr(repo, branch: str, change) -> str:
    git(repo, "checkout", "-q", "-b", branch, "main")
    change(repo)
    commit_all(repo, branch)
    git(repo, "checkout", "-q", "main")
    return branch


def _check(repo, branch, who):
    r = run_kinerja("check-change", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", branch, "--pembuat", who[0],
                    "--id-pembuat", str(who[1]), "--format", "json", "--tanggal", TODAY)
    return r.code, json.loads(r.out)


def _add_block(login: str, gid: int):
    def change(repo):
        edit(repo, BAMBANG, "penugasan:", f"github:\n  login: {login}\n  id: {gid}\npenugasan:")
    return change


def test_check_change_allows_only_registering_ones_own_account_with_an_admin(repo):
    own = _pr(repo, "own", _add_block(*NEW))
    code, doc = _check(repo, own, NEW)
    assert code == 0, doc
    d = doc["decisions"][0]
    assert d["file"] == BAMBANG and d["allowed"] is True
    assert [sorted(req["people"]) for req in d["requires"]] == [["bkpsdm-0020", "bkpsdm-0021"]]  # instansi.yml admin
    # someone else's account cannot be written by this account
    code, doc = _check(repo, _pr(repo, "other", _add_block("orang-lain", 93009999)), NEW)
    assert code == 1 and doc["decisions"][0]["code"] == "authz-actor-unknown"
    # the account plus any other change of the person file stays admin-only
    def more(r):
        _add_block(*NEW)(r)
        edit(r, BAMBANG, 'nama: "Bambang Supriadi, S.Pd."', 'nama: "Bambang Supriadi, S.Pd., M.Pd."')
    code, doc = _check(repo, _pr(repo, "more", more), NEW)
    assert code == 1
    # a registered colleague cannot register her account onto his record
    code, doc = _check(repo, _pr(repo, "siti", _add_block(*ACCOUNTS["siti"])), ACCOUNTS["siti"])
    assert code == 1 and doc["decisions"][0]["code"] == "authz-account"


def test_the_gate_merges_a_registration_only_after_an_admin_approves(repo, tmp_path):
    hub = Hub(repo, tmp_path)
    branch = "formulir/isu-30"
    git(hub.dev, "checkout", "-q", "-B", branch, "main")
    _add_block(*NEW)(hub.dev)
    commit_all(hub.dev, "formulir")
    git(hub.dev, "checkout", "-q", "main")
    head = hub.open_pr(30, branch, login=APP[0], gid=APP[1], kind="Bot")
    hub.commits_by(30, branch, *APP)
    hub.put("issues/30", _fill("issue.json", number=30, login=NEW[0], id=NEW[1], state="open", label="formulir"))
    gate = Gate(hub.gate, FakeGitHub(hub.api, "batanghari/kinerja"), today=__import__("datetime").date(2026, 11, 28),
                workdir=tmp_path / "kerja")
    j = gate.run(30, merge=True)
    assert j.state == MENUNGGU and j.actor.login == NEW[0], j.sentence
    gate.notify(j)
    asked = [c for c in hub.calls() if c["path"].endswith("/requested_reviewers")]
    assert asked and set(asked[0]["body"]["reviewers"]) == {ACCOUNTS["fajar"][0], ACCOUNTS["mega"][0]}
    hub.approve(30, "admin-other-approved.json", head)
    j = gate.run(30, merge=True)
    gate.close()
    assert j.state == DIGABUNG, j.sentence
    git(hub.gate, "fetch", "-q", "origin", "main")
    merged = load_text(git(hub.gate, "show", f"origin/main:{BAMBANG}")).data
    assert merged["github"] == {"login": NEW[0], "id": NEW[1]}
