"""The gate on GitHub Free: PRs judged on their merge with main, merged by a push without
force. Real git (a bare origin with refs/pull/N/head), recorded API JSON as GitHub."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

from gate_helpers import APP, Hub
from kthelpers import git, run_kinerja
from review_helpers import ACCOUNTS, T3, commit_all, edit

from kinerja.review import facts
from kinerja.review.gate import DIGABUNG, DITOLAK, GALAT, SIAP, Gate, record_acknowledgement
from kinerja.review.github import FakeGitHub

SITI_PLAN = "plans/2026/disdik-0042.yml"
NADIA_PLAN = "plans/2026/kominfo-0040.yml"  # draft
YULI_T3 = f"{T3}/disdik-0044.yml"  # draft evaluation, penilai disdik-0040
TODAY = date(2026, 11, 28)


def _branch(hub: Hub, name: str, change, message="usulan") -> None:
    git(hub.dev, "checkout", "-q", "-B", name, "main")
    change(hub.dev)
    commit_all(hub.dev, message)
    git(hub.dev, "checkout", "-q", "main")


def _gate(hub: Hub, tmp_path) -> Gate:
    return Gate(hub.gate, FakeGitHub(hub.api, "batanghari/kinerja"), today=TODAY, workdir=tmp_path / "kerja")


def _cli(hub: Hub, *args):
    return run_kinerja("gate", "--akar", str(hub.gate), "--tanggal", TODAY.isoformat(), *args, env=hub.env())


def _siti_target(r):
    # an edit of her approved plan that needs the penilai's approval (an evaluated target itself is
    # locked since the closed periods used it: retire and add instead, tests/review/test_authz_rules.py)
    edit(r, SITI_PLAN, '"Jumlah proyek literasi berbasis kearifan lokal yang diselesaikan siswa"',
         '"Jumlah proyek literasi berbasis kearifan lokal yang diselesaikan dan dipamerkan siswa"')


def test_waits_for_the_penilai_then_merges_with_the_facts_in_git(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "siti-rencana", _siti_target)
    head = hub.open_pr(7, "siti-rencana", "siti")
    before = hub.main()
    result = _cli(hub, "--usulan", "7", "--gabung", "--kabari")
    assert result.code == 1 and "#7: menunggu_persetujuan" in result.out, result
    assert hub.main() == before  # nothing pushed
    calls = hub.calls()
    # the penilai disdik-0040 is asked for a review, and the PR (no form issue) is told
    assert {"method": "POST", "path": "repos/batanghari/kinerja/pulls/7/requested_reviewers",
            "body": {"reviewers": ["kt-demo-kepsek-sdn12"]}} in calls
    assert any(c["path"].endswith("issues/7/comments") and "menunggu" not in c["body"]["body"][:0] for c in calls)
    # the same state again: no second comment
    _cli(hub, "--usulan", "7", "--kabari")
    assert len([c for c in hub.calls() if c["path"].endswith("/comments")]) == 1
    hub.approve(7, "penilai-approved.json", head)
    result = _cli(hub, "--usulan", "7", "--gabung")
    assert result.code == 0 and "#7: digabung" in result.out, result
    merge = hub.main()
    parents = git(hub.origin, "rev-list", "--parents", "-n", "1", merge).split()[1:]
    assert parents == [before, head]  # a real merge: first parent main, second the PR head
    git(hub.gate, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    got = facts.approvals_for(hub.gate, SITI_PLAN, "refs/remotes/origin/main")
    assert [(a.person, a.github_id, a.commit, a.pr) for a in got] == [("disdik-0040", 91000035, head, 7)]
    assert got[0].at == datetime(2026, 11, 26, 2, 5, tzinfo=timezone.utc)


def test_draft_plan_merges_without_approval(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    hub.open_pr(3, "nadia", "nadia")
    result = _cli(hub, "--usulan", "3", "--gabung")
    assert result.code == 0 and "#3: digabung" in result.out, result
    assert "interaktif" in git(hub.origin, "show", f"main:{NADIA_PLAN}")


def test_github_draft_pr_is_judged_but_not_merged(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    hub.open_pr(3, "nadia", "nadia", draft=True)
    before = hub.main()
    result = _cli(hub, "--usulan", "3", "--gabung")
    assert "#3: draf" in result.out and hub.main() == before


def test_two_prs_racing_for_main_the_second_is_rejudged_on_the_new_tree(tmp_path, demo_git):
    """A: the penilai makes Yuli's triwulan_3 evaluation final (his own rating PR needs no
    approval); B, judged on the old main, is Yuli's edit of that evaluation's realisasi. B's
    push is refused (main moved), and on the new main B is refused: the evaluation is final now.
    (Closing the period instead is no longer a clean A: other plans still lack a final evaluation
    for it, which validate reports as period-close-missing.)"""
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "final", lambda r: edit(r, YULI_T3, "status: draf", "status: final"))
    hub.open_pr(1, "final", "kepsek")
    _branch(hub, "yuli", lambda r: edit(r, YULI_T3, "realisasi:", "realisasi:\n  # catatan", 1))
    head_b = hub.open_pr(2, "yuli", "yuliana")
    gate = _gate(hub, tmp_path)
    from kinerja.review.gate import parse_pull

    pr_b = parse_pull(gate.client.pull(2))
    jb = gate.judge(pr_b, gate.fetch(pr_b))
    assert jb.state == SIAP, jb.sentence  # on the old main B was fine
    ja = gate.run(1, merge=True)
    assert ja.state == DIGABUNG
    assert gate.push(jb) is False  # B's merge commit was made on m0: refused without force
    assert hub.main() == ja.merge_commit
    jb2 = gate.run(2, merge=True)
    assert jb2.main == ja.merge_commit and jb2.state == DITOLAK
    assert {d.file: d.code for d in jb2.verdict.decisions} == {YULI_T3: "authz-locked"}
    assert hub.main() == ja.merge_commit
    gate.close()


def test_race_where_the_second_pr_still_holds_merges_on_top(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    _branch(hub, "siti", _siti_target)
    hub.open_pr(3, "nadia", "nadia")
    head_s = hub.open_pr(4, "siti", "siti")
    hub.approve(4, "penilai-approved.json", head_s)
    gate = _gate(hub, tmp_path)
    from kinerja.review.gate import parse_pull

    pr4 = parse_pull(gate.client.pull(4))
    j4 = gate.judge(pr4, gate.fetch(pr4))
    j3 = gate.run(3, merge=True)
    assert j3.state == DIGABUNG and gate.push(j4) is False
    j4 = gate.run(4, merge=True)
    assert j4.state == DIGABUNG
    first_parent = git(hub.origin, "rev-parse", f"{j4.merge_commit}^1").strip()
    assert first_parent == j3.merge_commit
    gate.close()


def _rename_rhk(r):
    # Siti's final triwulan evaluations point at rhk-1 of her plan: renaming it breaks them
    edit(r, SITI_PLAN, "  - id: rhk-1\n", "  - id: rhk-9\n")


def _rename_draft_rhk(r):
    # Nadia's plan is a draft (no approval needed), but her triwulan_3 evaluation points at its
    # rhk-1: renaming it breaks that evaluation, a file the PR does not touch. (Siti's approved
    # plan cannot be renamed by a PR at all: its RHK were evaluated in closed periods.)
    edit(r, NADIA_PLAN, "  - id: rhk-1\n", "  - id: rhk-9\n")


def test_pr_adding_an_error_elsewhere_is_blocked(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "nadia", _rename_draft_rhk)
    hub.open_pr(5, "nadia", "nadia")
    gate = _gate(hub, tmp_path)
    j = gate.run(5, merge=True)
    assert j.state == GALAT
    files = {f.file for f in j.added_errors}
    assert "evaluations/2026/triwulan_3/kominfo-0040.yml" in files, files
    gate.close()


def test_pr_facing_a_preexisting_error_elsewhere_is_not_blocked(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    # an admin's direct push broke someone else's plan on main (the checks flag it, nobody is blocked)
    _rename_rhk(hub.dev)
    commit_all(hub.dev, "admin: langsung ke main")
    git(hub.dev, "push", "-q", "origin", "main")
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    hub.open_pr(3, "nadia", "nadia")
    gate = _gate(hub, tmp_path)
    assert any(f.severity == "error" for f in gate.main_findings(gate.fetch(None)))
    j = gate.run(3, merge=True)
    assert j.state == DIGABUNG and j.added_errors == []
    gate.close()


def _form_pr(hub: Hub, issue: int, pr: int, who_issue: str, *, login=APP[0], gid=APP[1], commit_by=APP):
    branch = f"formulir/isu-{issue}"
    _branch(hub, branch, lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    hub.open_pr(pr, branch, login=login, gid=gid, kind="Bot")
    hub.form_issue(issue, who_issue)
    hub.commits_by(pr, branch, *commit_by)


def test_form_pr_by_the_app_is_judged_as_the_issue_author(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 9, 10, "nadia")
    result = _cli(hub, "--usulan", "10", "--gabung", "--kabari")
    assert "#10: digabung" in result.out, result
    # the state change is written in the issue (authors are not subscribed to App PRs)
    assert any(c["path"].endswith("issues/9/comments") and "digabung" in c["body"]["body"] for c in hub.calls())


def test_a_merged_form_pr_closes_the_issues_its_description_names(tmp_path, demo_git):
    """The merge is a push, so the App closes the issues itself: those of its own description only."""
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 9, 10, "nadia")
    pull = json.loads((hub.base / "pulls" / "10.json").read_text(encoding="utf-8"))
    pull["body"] = "Usulan ini dibuat otomatis dari isu #9.\n\nCloses #9\nCloses #4\n"
    hub.put("pulls/10", pull)
    result = _cli(hub, "--usulan", "10", "--gabung", "--kabari")
    assert "#10: digabung" in result.out, result
    closed = sorted(c["path"] for c in hub.calls() if c["method"] == "PATCH" and c["body"] == {"state": "closed"})
    assert closed == ["repos/batanghari/kinerja/issues/4", "repos/batanghari/kinerja/issues/9"]
    # a colleague's own PR names issues in text she wrote: the App closes nothing for it
    before = len(hub.calls())
    git(hub.dev, "pull", "-q", "--ff-only", "origin", "main")
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "dasbor interaktif", "dasbor interaktif daring"))
    hub.open_pr(3, "nadia", "nadia")
    pull = json.loads((hub.base / "pulls" / "3.json").read_text(encoding="utf-8"))
    pull["body"] = "Closes #1"
    hub.put("pulls/3", pull)
    result = _cli(hub, "--usulan", "3", "--gabung", "--kabari")
    assert "#3: digabung" in result.out, result
    assert not [c for c in hub.calls()[before:] if c["method"] == "PATCH"]


def test_evil_bot_on_a_form_branch_is_not_the_issue_author(tmp_path, demo_git):
    """evil-app[bot] opens a PR from formulir/isu-7, an admin's issue: it stays an unknown account."""
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 7, 11, "fajar", login="evil-app[bot]", gid=666001, commit_by=("evil-app[bot]", 666001))
    gate = _gate(hub, tmp_path)
    j = gate.run(11, merge=True)
    assert j.state == DITOLAK and j.actor.login == "evil-app[bot]" and j.actor.github_id == 666001
    assert {d.code for d in j.verdict.decisions} == {"authz-actor-unknown"}
    gate.close()


def test_app_login_with_another_id_is_not_the_app(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 7, 12, "fajar", login=APP[0], gid=666002, commit_by=(APP[0], 666002))
    j = _gate(hub, tmp_path).run(12, merge=True)
    assert j.state == DITOLAK and j.actor.github_id == 666002


def test_form_branch_with_a_colleagues_commit_is_refused(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 9, 13, "nadia", commit_by=ACCOUNTS["bambang"])
    j = _gate(hub, tmp_path).run(13, merge=True)
    assert j.state == DITOLAK and "bukan buatan GitHub App" in j.reason


def test_form_pr_of_a_closed_or_unlabelled_issue_is_refused(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _form_pr(hub, 9, 14, "nadia")
    hub.form_issue(9, "nadia", state="closed")
    assert _gate(hub, tmp_path).run(14, merge=False).state == DITOLAK
    hub.form_issue(9, "nadia", label="pertanyaan")
    assert _gate(hub, tmp_path).run(14, merge=False).state == DITOLAK


def test_criss_cross_history_cannot_hide_a_revert_of_a_final_evaluation(demo_git):
    """Two merge bases: one (a PR commit) still has the draft evaluation. The merge would set
    the final evaluation back to draft; check-change judges what the merge produces."""
    repo = demo_git
    b0 = git(repo, "rev-parse", "HEAD").strip()
    original = (repo / YULI_T3).read_text(encoding="utf-8")
    # main: the penilai's evaluation becomes final (merged earlier)
    edit(repo, YULI_T3, "status: draf", "status: final")
    m1 = commit_all(repo, "final")
    # the PR: an innocent plan edit, then criss-cross merges both ways
    git(repo, "checkout", "-q", "-b", "pr", b0)
    _siti_target(repo)
    p1 = commit_all(repo, "plan")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "m2", p1)
    git(repo, "checkout", "-q", "pr")
    git(repo, "merge", "-q", "--no-ff", "-m", "p2", m1)
    (repo / YULI_T3).write_text(original, encoding="utf-8")  # back to draft, hidden in the merge
    git(repo, "commit", "-q", "--amend", "-a", "--no-edit")
    bases = git(repo, "merge-base", "--all", "main", "pr").split()
    assert len(bases) == 2
    result = run_kinerja("check-change", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", "pr",
                         "--pembuat", ACCOUNTS["siti"][0], "--id-pembuat", str(ACCOUNTS["siti"][1]), "--format", "json")
    doc = json.loads(result.out)
    assert result.code == 1
    codes = {d["file"]: d["code"] for d in doc["decisions"]}
    assert codes.get(YULI_T3) == "authz-locked", codes
    # and the merge git would make does set it back to draft: the verdict is about real content
    tree = git(repo, "merge-tree", "--write-tree", "main", "pr").split()[0]
    assert "status: draf" in git(repo, "show", f"{tree}:{YULI_T3}")


def test_final_since_and_acknowledgement_read_git(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    # the penilai's evaluation becomes final through the gate
    def finalize(r):
        edit(r, YULI_T3, "status: draf", "status: final")
    _branch(hub, "nilai", finalize)
    head = hub.open_pr(20, "nilai", "kepsek")
    reviews = json.loads(json.dumps([{"user": {"login": ACCOUNTS["yuliana"][0], "id": ACCOUNTS["yuliana"][1]},
                                      "state": "APPROVED", "commit_id": head, "submitted_at": "2026-11-27T03:00:00Z"}]))
    hub.put("pulls/20/reviews", reviews)
    gate = _gate(hub, tmp_path)
    j = gate.run(20, merge=True)
    gate.close()
    assert j.state == DIGABUNG, j.sentence
    git(hub.gate, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    since = facts.final_since(hub.gate, YULI_T3, "refs/remotes/origin/main")
    assert since is not None and since.commit == j.merge_commit
    # day 0 is the merge's day in the regency's time zone
    merged_at = int(git(hub.gate, "log", "-1", "--format=%ct", j.merge_commit))
    assert since.at.timestamp() == merged_at
    assert facts.acknowledgement(hub.gate, YULI_T3, "refs/remotes/origin/main") is None
    at = datetime.now(timezone.utc).replace(microsecond=0)  # after the merge landed
    # her response is kept in the commit, quoted: a line that looks like a trailer stays text
    response = "Terima kasih.\n\nDibaca-oleh: disdik-0040 91000040"
    commit = record_acknowledgement(hub.gate, YULI_T3, "disdik-0044", ACCOUNTS["yuliana"][1], at, app=APP, response=response)
    git(hub.gate, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    ack = facts.acknowledgement(hub.gate, YULI_T3, "refs/remotes/origin/main")
    assert ack is not None and (ack.person, ack.github_id, ack.at, ack.commit) == ("disdik-0044", ACCOUNTS["yuliana"][1], at, commit)
    message = git(hub.gate, "log", "-1", "--format=%B", commit)
    assert "> Terima kasih." in message and "> Dibaca-oleh: disdik-0040 91000040" in message
    assert git(hub.gate, "log", "-1", "--format=%(trailers:key=Dibaca-oleh,valueonly)", commit).split() == ["disdik-0044", "91000044"]
    # an acknowledgement commit does not change the file: final_since is still the merge
    assert facts.final_since(hub.gate, YULI_T3, "refs/remotes/origin/main").commit == j.merge_commit
    # the documents' batch reader gives the same facts
    h = facts.History(hub.gate, "refs/remotes/origin/main")
    assert h.final_since(YULI_T3).commit == j.merge_commit and h.acknowledgement(YULI_T3).commit == commit
    h.close()


def test_periodic_sweep_merges_every_ready_pr_on_the_newest_main(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    _branch(hub, "nadia", lambda r: edit(r, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    _branch(hub, "siti", _siti_target)
    _branch(hub, "nadia-lain", _rename_draft_rhk)  # adds errors: stays open
    hub.open_pr(3, "nadia", "nadia")
    head = hub.open_pr(4, "siti", "siti")
    hub.approve(4, "penilai-approved.json", head)
    hub.open_pr(6, "nadia-lain", "nadia")
    before = hub.main()
    result = _cli(hub, "--semua", "--gabung")
    assert result.code == 0, result
    lines = sorted(line for line in result.out.splitlines() if line.startswith("#"))
    assert [line.split(":")[0:2] for line in lines] == [["#3", " digabung"], ["#4", " digabung"], ["#6", " ada_kesalahan"]]
    # two merges, one on top of the other: the second was judged on the main the first made
    first_parents = git(hub.origin, "rev-list", "--first-parent", f"{before}..main").split()
    assert len(first_parents) == 2


def test_sudah_membaca_command_records_only_for_the_rated_employee_after_final(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    siti_final = f"{T3}/disdik-0042.yml"  # final on main in the demo
    (tmp_path / "c.md").write_text("/sudah-membaca Sudah saya baca.", encoding="utf-8")

    def ack(path, who, name):
        return run_kinerja("sudah-membaca", "--akar", str(hub.gate), "--catat", "--berkas-isi", str(tmp_path / "c.md"),
                           "--id-pembuat", str(ACCOUNTS[who][1]), "--berkas", path, "--usulan", "7",
                           "--waktu", "2026-11-28T03:00:00Z", "--hasil", str(tmp_path / name), env=hub.env())
    before = hub.main()
    # someone else's account: nothing is recorded
    other = ack(siti_final, "bambang", "a.json")
    assert other.code == 1 and "pegawai yang dinilai" in other.out and hub.main() == before
    # a draft evaluation: not yet
    draft = ack(YULI_T3, "yuliana", "b.json")
    assert draft.code == 1 and "belum final" in draft.out and hub.main() == before
    ok = ack(siti_final, "siti", "c.json")
    assert ok.code == 0, ok
    assert git(hub.origin, "rev-parse", "main^").strip() == before  # one commit on top, no force
    git(hub.gate, "fetch", "-q", "origin", "main:refs/remotes/origin/main")
    got = facts.acknowledgement(hub.gate, siti_final, "refs/remotes/origin/main")
    assert got is not None and got.person == "disdik-0042" and got.github_id == ACCOUNTS["siti"][1]
    assert got.at == datetime(2026, 11, 28, 3, tzinfo=timezone.utc)
    doc = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    assert doc["facts"][0]["tanggapan"] == "Sudah saya baca." and doc["facts"][0]["usulan"] == 7
    again = ack(siti_final, "siti", "d.json")
    assert again.code == 0 and "sudah tercatat" in again.out and hub.main() == git(hub.origin, "rev-parse", "main").strip()
    assert git(hub.origin, "rev-parse", "main^").strip() == before
