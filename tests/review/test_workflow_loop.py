"""The appraisal loop through the workflows' own `run:` steps (issue 10): recorded webhook
payloads (tests/review/data/github/events/) expanded into each step's env as the runner does,
a fake `gh`, recorded API JSON (KINERJA_GITHUB_FAKE) and a bare repository as github.com.

- a form issue edited from draft to "minta persetujuan": the PR's title and description follow
  (status, the penilai mentioned by the login in the people data), never a force push;
- "Tanda sudah membaca" by form: recorded in git by the App, the issue closed;
- the keberatan window counts from the issue's creation time (form --filed-at), not the run;
- the feedback check's comment carries the digest of what the penilai judges;
- the gate's sweep records `/sudah-membaca` comments on PRs, once, and answers once.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from gate_helpers import APP, Hub
from kthelpers import ROOT, git
from review_helpers import ACCOUNTS, T3, commit_all, edit
from workflow_helpers import _run, _step, event_env

EVENTS = Path(__file__).parent / "data" / "github" / "events"
CONVERT = "Ubah formulir menjadi berkas dan validasi"
PUSH = "Buat atau perbarui usulan (tanpa force push)"
RECORD = "Catat tanda sudah membaca (commit App di main, tanpa force push)"
REPLY = "Jawab di isu"
SITI_T3 = f"{T3}/disdik-0042.yml"  # final on main since the demo commit (28 Nov 2026, 08:00 WIB)
TODAY = "2026-11-28"


def _event(name: str, **values) -> dict:
    text = (EVENTS / name).read_text(encoding="utf-8")
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", v)
    return json.loads(text)


@pytest.fixture
def hub(tmp_path, demo_git):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    commit_all(demo_git, "formulir")
    return Hub(demo_git, tmp_path)


class Runner:
    """One run of formulir.yml's job `ubah` for an event, step after step, in a fresh checkout of main."""

    def __init__(self, hub: Hub, tmp: Path, event: dict, name: str):
        self.hub, self.event, self.tmp = hub, event, tmp / name
        self.tmp.mkdir()
        self.temp = self.tmp / "runner-temp"
        self.outputs: dict[str, str] = {}
        git(hub.gate, "fetch", "-q", "origin", "main")
        git(hub.gate, "checkout", "-q", "-f", "-B", "main", "origin/main")
        git(hub.gate, "clean", "-qfd")

    def step(self, name: str, step_id: str | None = None) -> tuple[int, str]:
        env = event_env("formulir.yml", "ubah", name, self.event, self.outputs)
        env.update(self.hub.env(), RUNNER_TEMP=str(self.temp), KINERJA_TODAY=TODAY)
        code, out, outputs = _run(_step("formulir.yml", "ubah", name), env, self.hub.gate, self.tmp)
        for k, v in outputs.items():
            self.outputs[f"steps.{step_id}.outputs.{k}"] = v
        return code, out

    def result(self) -> dict:
        return json.loads((self.temp / "hasil.json").read_text(encoding="utf-8"))


def _penilai_login(pid: str) -> str:
    """The penilai's login as the people data records it (read independently of the code)."""
    from kinerja.loader import load_bytes

    return load_bytes((ROOT / "organisation" / "people" / f"{pid}.yml").read_bytes()).data["github"]["login"]


def test_pr_title_and_description_follow_the_edited_issue(hub, tmp_path):
    first = Runner(hub, tmp_path, _event("issues-opened-skp.json"), "dibuka")
    code, out = first.step(CONVERT, "formulir")
    assert code == 0 and first.outputs["steps.formulir.outputs.status"] == "0", out
    code, out = first.step(PUSH)
    assert code == 0, out
    created = [c for c in hub.calls() if c["method"] == "POST" and c["path"].endswith("/pulls")]
    assert len(created) == 1
    assert created[0]["body"]["title"] == "SKP 2026 kominfo-0040: draf (dari isu #12)"
    assert "masih draf" in created[0]["body"]["body"]
    tip1 = git(hub.origin, "rev-parse", "refs/heads/formulir/isu-12").strip()
    # GitHub now lists the App's open PR for the branch, with its one commit
    hub.put("pulls", [{"number": 101, "state": "open", "head": {"ref": "formulir/isu-12"}}])
    hub.put("pulls/101/commits", [{"sha": tip1, "author": {"id": APP[1]}, "committer": {"id": APP[1]}}])

    second = Runner(hub, tmp_path, _event("issues-edited-skp.json"), "disunting")
    code, out = second.step(CONVERT, "formulir")
    assert code == 0, out
    code, out = second.step(PUSH)
    assert code == 0, out
    # a new commit on top of the first (no force push), and the PR updated in place
    tip2 = git(hub.origin, "rev-parse", "refs/heads/formulir/isu-12").strip()
    assert git(hub.origin, "rev-parse", f"{tip2}^").strip() == tip1
    assert re.search(r"^status: \"?disetujui\"?$", git(hub.origin, "show", f"{tip2}:plans/2026/kominfo-0040.yml"), re.M)
    patches = [c for c in hub.calls() if c["method"] == "PATCH"]
    assert [c["path"] for c in patches] == ["repos/batanghari/kinerja/pulls/101"]
    assert patches[0]["body"]["title"] == "SKP 2026 kominfo-0040: minta persetujuan (dari isu #12)"
    # Nadia's penilai is the head of her bidang (kominfo-0010, whose RHK she intervenes in): mentioned
    # by the login the people data records
    assert f"@{_penilai_login('kominfo-0010')}" in patches[0]["body"]["body"] and "masih draf" not in patches[0]["body"]["body"]
    assert len([c for c in hub.calls() if c["method"] == "POST" and c["path"].endswith("/pulls")]) == 1


def test_tanda_sudah_membaca_form_is_recorded_in_git_and_closes_the_issue(hub, tmp_path):
    event = _event("issues-opened-membaca.json")
    run = Runner(hub, tmp_path, event, "membaca")
    before = hub.main()
    code, out = run.step(CONVERT, "formulir")
    assert code == 0, out
    assert run.outputs["steps.formulir.outputs.membaca"] == "true" and run.outputs["steps.formulir.outputs.usulan"] == "false"
    code, out = run.step(RECORD, "membaca")
    assert code == 0, out
    tip = hub.main()
    assert git(hub.origin, "rev-parse", "main^").strip() == before  # one commit on top, no force push
    assert git(hub.origin, "rev-parse", "main^{tree}").strip() == git(hub.origin, "rev-parse", f"{before}^{{tree}}").strip()
    trailers = git(hub.origin, "log", "-1", "--format=%(trailers:unfold,only)", tip)
    # the time is the issue's creation time from the event, the person the issue author's record
    assert f"Kinerja-Tanda-Baca: {SITI_T3}" in trailers and "Dibaca-oleh: disdik-0042 91000042" in trailers
    assert f"Kinerja-Waktu: {event['issue']['created_at']}" in trailers
    assert "> Terima kasih, akan saya tindak lanjuti." in git(hub.origin, "log", "-1", "--format=%B", tip)
    assert git(hub.origin, "log", "-1", "--format=%an", tip).strip() == APP[0]
    code, out = run.step(REPLY)
    assert code == 0, out
    log = (run.tmp / "gh.log").read_text(encoding="utf-8")
    assert "issue close 13" in log
    assert "tercatat di git" in (run.temp / "balasan.md").read_text(encoding="utf-8")


def test_keberatan_window_counts_from_the_issue_creation_time(hub, tmp_path):
    # final since 28 November (day 0); keberatan_hari 14: the last day is 12 December (WIB).
    # The run itself happens on 28 November (KINERJA_TODAY): only the event's created_at can refuse.
    late = Runner(hub, tmp_path, _event("issues-opened-keberatan.json", created_at="2026-12-13T16:30:00Z"), "hari15")
    code, out = late.step(CONVERT, "formulir")
    assert code == 0 and late.outputs["steps.formulir.outputs.status"] == "1", out
    reply = (late.temp / "balasan.md").read_text(encoding="utf-8")
    assert "2026-11-28" in reply and "2026-12-12" in reply and "2026-12-13" in reply  # 23:30 WIB on 13 December
    on_time = Runner(hub, tmp_path, _event("issues-opened-keberatan.json", created_at="2026-12-12T16:30:00Z"), "hari14")
    code, out = on_time.step(CONVERT, "formulir")
    assert code == 0 and on_time.outputs["steps.formulir.outputs.status"] == "0", out
    assert on_time.result()["file"] == f"objections/2026/triwulan_3/disdik-0042.yml"
    text = (hub.gate / on_time.result()["file"]).read_text(encoding="utf-8")
    assert re.search(r"tanggal: \"?2026-12-12", text)


def test_feedback_comment_and_job_summary_carry_the_digest(hub, tmp_path):
    yuli = f"{T3}/disdik-0044.yml"
    git(hub.dev, "checkout", "-q", "-B", "yuli", "main")
    edit(hub.dev, yuli, "status: draf", "status: draf  # realisasi dilaporkan")
    commit_all(hub.dev, "yuli")
    git(hub.dev, "checkout", "-q", "main")
    hub.open_pr(40, "yuli", "yuliana")
    ws = tmp_path / "ws"
    ws.mkdir()
    git(ws, "clone", "-q", str(hub.origin), "pr")
    git(ws / "pr", "fetch", "-q", "origin", "refs/pull/40/head")
    git(ws / "pr", "checkout", "-q", "FETCH_HEAD")
    temp = tmp_path / "runner-temp"
    env = dict(hub.env(), RUNNER_TEMP=str(temp), PR_NUMBER="40", BASE_SHA=hub.main(), KINERJA_TODAY=TODAY)
    code, out, _ = _run(_step("pemeriksaan.yml", "periksa", "Nilai seperti gerbang (tanpa menggabung)"), env, ws, tmp_path)
    assert code == 0, out
    code, out, _ = _run(_step("pemeriksaan.yml", "periksa", "Ringkasan untuk penilai"), env, ws / "pr", tmp_path)
    assert code == 0, out
    digest = json.loads((temp / "laporan" / "ringkasan.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in digest["evaluations"]] == [yuli] and digest["plans"] == []
    code, out, _ = _run(_step("pemeriksaan.yml", "periksa", "Susun komentar"), env, ws, tmp_path)
    assert code == 0, out
    comment = (temp / "laporan" / "komentar.md").read_text(encoding="utf-8")
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    for text in (comment, summary):
        assert yuli in text and "Capaian" in text
        assert "disdik-0042" not in text  # nothing of anyone else


def _comment(cid: int, pr: int, who: str, body: str, at: datetime) -> dict:
    login, gid = ACCOUNTS[who]
    return {"id": cid, "html_url": f"https://github.com/batanghari/kinerja/pull/{pr}#issuecomment-{cid}",
            "issue_url": f"https://api.github.com/repos/batanghari/kinerja/issues/{pr}", "body": body,
            "user": {"login": login, "id": gid, "type": "User"}, "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "author_association": "MEMBER"}


def test_gate_sweep_records_sudah_membaca_comments_once(hub, tmp_path):
    at = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(hours=1)
    hub.put("issues/comments", [
        _comment(501, 7, "siti", "/sudah-membaca Terima kasih atas umpan baliknya.", at),
        _comment(502, 7, "bambang", "/sudah-membaca", at),  # not hers to give
        _comment(503, 7, "siti", "Baik, Bu.\n/sudah-membaca", at),  # not the command (first line)
    ])
    hub.put("pulls/7/files", [{"filename": SITI_T3, "status": "modified"}])
    step = _step("gerbang.yml", "gerbang", "Catat tanda sudah membaca dari komentar")
    before = hub.main()
    env = dict(hub.env(), GH_TOKEN="tidak-dipakai")
    code, out, _ = _run(step, env, hub.gate, tmp_path)
    assert code == 0, out
    assert git(hub.origin, "rev-parse", "main^").strip() == before
    trailers = git(hub.origin, "log", "-1", "--format=%(trailers:unfold,only)", "main")
    assert "Dibaca-oleh: disdik-0042 91000042" in trailers and f"Kinerja-Waktu: {at.strftime('%Y-%m-%dT%H:%M:%SZ')}" in trailers
    said = [c["body"]["body"] for c in hub.calls() if c["method"] == "POST" and c["path"].endswith("issues/7/comments")]
    assert len(said) == 2
    assert any("komentar=501" in s and "tercatat di git" in s for s in said)
    assert any("komentar=502" in s and "pegawai yang dinilai" in s for s in said)
    # the next sweep sees the same comments: nothing new recorded, nothing said twice
    tip = hub.main()
    code, out, _ = _run(step, env, hub.gate, tmp_path)
    assert code == 0, out
    assert hub.main() == tip
    assert len([c for c in hub.calls() if c["method"] == "POST" and c["path"].endswith("issues/7/comments")]) == 2
