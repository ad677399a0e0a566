"""The workflows' own `run:` steps, executed as the runner would (bash -eo pipefail), with the
GitHub API replaced by recorded JSON (KINERJA_GITHUB_FAKE), a fake `gh`, and a bare
repository under GITHUB_SERVER_URL=file://... as github.com."""

from __future__ import annotations

import json

import yaml
from gate_helpers import APP, Hub
from kthelpers import git
from review_helpers import ACCOUNTS, commit_all, edit
from workflow_helpers import WORKFLOWS, _run, _step

NADIA_PLAN = "plans/2026/kominfo-0040.yml"


# -- 1. someone else's form issue, a closed issue
def test_formulir_acts_only_for_the_issue_author_on_an_open_issue(tmp_path):
    step = _step("formulir.yml", "ubah", "Pastikan pengirim adalah pembuat isu dan isu terbuka")
    author = str(ACCOUNTS["siti"][1])
    cases = [(author, "open", "true"), (str(ACCOUNTS["bambang"][1]), "open", "false"), (author, "closed", "false"),
             ("", "open", "false"), (f"{author} ", "open", "false")]
    for sender, state, expected in cases:
        code, out, outputs = _run(step, {"SENDER_ID": sender, "ISSUE_AUTHOR_ID": author, "ISSUE_STATE": state},
                                  tmp_path, tmp_path)
        assert code == 0 and outputs["lanjut"] == expected, (sender, state, out)
    doc = yaml.safe_load((WORKFLOWS / "formulir.yml").read_text(encoding="utf-8"))
    job = doc["jobs"]["ubah"]
    assert "github.event.sender.id == github.event.issue.user.id" in job["if"]
    assert "github.event.issue.state == 'open'" in job["if"]
    # every later step is gated on that output
    for s in job["steps"][1:5]:
        assert "steps.pengirim.outputs.lanjut == 'true'" in s["if"], s["name"]


def test_formulir_push_step_pushes_without_force_as_the_app(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    edit(hub.gate, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif")
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    (temp / "hasil.json").write_text(json.dumps({"file": NADIA_PLAN, "title": "Ajukan SKP", "body": "isi"}), encoding="utf-8")
    step = _step("formulir.yml", "ubah", "Buat atau perbarui usulan (tanpa force push)")
    assert "--force" not in step["run"]
    code, out, _ = _run(step, dict(hub.env(), RUNNER_TEMP=str(temp), ISSUE_NUMBER="9", GH_TOKEN="tidak-dipakai"),
                        hub.gate, tmp_path)
    assert code == 0, out
    tip = git(hub.origin, "rev-parse", "refs/heads/formulir/isu-9").strip()
    assert git(hub.origin, "log", "-1", "--format=%an", tip).strip() == APP[0]
    assert "interaktif" in git(hub.origin, "show", f"{tip}:{NADIA_PLAN}")


def test_formulir_conversion_step_has_no_token():
    doc = yaml.safe_load((WORKFLOWS / "formulir.yml").read_text(encoding="utf-8"))
    job = doc["jobs"]["ubah"]
    assert not any("TOKEN" in k for k in job.get("env", {}))
    convert = next(s for s in job["steps"] if s.get("id") == "formulir")
    assert not any("TOKEN" in k or "secrets" in str(v) for k, v in convert.get("env", {}).items())
    steps = job["steps"]
    assert steps.index(convert) < next(i for i, s in enumerate(steps) if s.get("id") == "app")


# -- 2. any bot becomes the issue author; 4. commits by others on form branches
def _feedback(hub: Hub, tmp_path, number: int):
    """The feedback workflow's gate step, in a workspace with base/ and pr/ as the runner has them."""
    ws = tmp_path / "ws"
    ws.mkdir()
    git(ws, "clone", "-q", str(hub.origin), "pr")
    git(ws / "pr", "fetch", "-q", "origin", f"refs/pull/{number}/head")
    git(ws / "pr", "checkout", "-q", "FETCH_HEAD")
    temp = tmp_path / "runner-temp"
    step = _step("pemeriksaan.yml", "periksa", "Nilai seperti gerbang (tanpa menggabung)")
    code, out, _ = _run(step, dict(hub.env(), RUNNER_TEMP=str(temp), PR_NUMBER=str(number), BASE_SHA=hub.main()),
                        ws, tmp_path)
    report = json.loads((temp / "laporan" / "gerbang.json").read_text(encoding="utf-8"))
    return code, out, report


def _form_branch(hub: Hub, issue: int, number: int, login: str, gid: int, commit_by: tuple):
    branch = f"formulir/isu-{issue}"
    git(hub.dev, "checkout", "-q", "-B", branch, "main")
    edit(hub.dev, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif")
    commit_all(hub.dev, "formulir")
    git(hub.dev, "checkout", "-q", "main")
    hub.open_pr(number, branch, login=login, gid=gid, kind="Bot")
    hub.commits_by(number, branch, *commit_by)


def test_feedback_step_refuses_evil_app_bot_on_a_form_branch(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    hub.form_issue(7, "fajar")  # an admin's form issue
    _form_branch(hub, 7, 30, "evil-app[bot]", 666001, ("evil-app[bot]", 666001))
    code, out, report = _feedback(hub, tmp_path, 30)
    assert code == 1
    assert report["state"] == "ditolak" and report["actor"] == {"login": "evil-app[bot]", "id": 666001, "issue": None, "pegawai": None}
    assert all(line.startswith("::") for line in out.splitlines() if line.strip()), out


def test_feedback_step_takes_the_issue_author_only_for_the_app(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    hub.form_issue(8, "nadia")
    _form_branch(hub, 8, 31, *APP, APP)
    code, out, report = _feedback(hub, tmp_path, 31)
    assert code == 0, out
    assert report["actor"] == {"login": ACCOUNTS["nadia"][0], "id": ACCOUNTS["nadia"][1], "issue": 8, "pegawai": "kominfo-0040"}
    assert report["state"] == "siap"


def test_feedback_step_refuses_a_colleagues_commit_on_a_form_branch(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    hub.form_issue(8, "nadia")
    _form_branch(hub, 8, 32, *APP, ACCOUNTS["bambang"])
    code, out, report = _feedback(hub, tmp_path, 32)
    assert code == 1 and report["state"] == "ditolak"
    assert "bukan buatan GitHub App" in out


# -- the gate workflow's step merges through the bare origin
def test_gate_step_merges_a_draft_plan(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    git(hub.dev, "checkout", "-q", "-B", "nadia", "main")
    edit(hub.dev, NADIA_PLAN, "Tersedianya dasbor", "Tersedianya dasbor interaktif")
    commit_all(hub.dev, "nadia")
    git(hub.dev, "checkout", "-q", "main")
    head = hub.open_pr(3, "nadia", "nadia")
    before = hub.main()
    step = _step("gerbang.yml", "gerbang", "Gerbang")
    code, out, _ = _run(step, dict(hub.env(), PR_NUMBER="3", GH_TOKEN="tidak-dipakai"), hub.gate, tmp_path)
    assert code == 0, out
    assert git(hub.origin, "rev-list", "--parents", "-n", "1", "main").split()[1:] == [before, head]


# -- issue 16: CI prints the PR author's own documents, never anyone else's, kept one day
def _print_step(hub: Hub, tmp_path, number: int):
    """The gate step, then the print step, in the runner's workspace (base/ and pr/)."""
    code, out, report = _feedback(hub, tmp_path, number)
    step = _step("pemeriksaan.yml", "periksa", "Cetak dokumen milik pembuat usulan")
    temp = tmp_path / "runner-temp"
    code, out, _ = _run(step, dict(hub.env(), RUNNER_TEMP=str(temp)), tmp_path / "ws", tmp_path)
    return code, out, report, temp / "dokumen-pribadi"


def test_print_step_prints_only_the_pr_authors_documents(tmp_path, demo_git):
    from pypdf import PdfReader

    hub = Hub(demo_git, tmp_path)
    siti_plan = "plans/2026/disdik-0042.yml"
    git(hub.dev, "checkout", "-q", "-B", "siti", "main")
    edit(hub.dev, siti_plan, "yang diselesaikan siswa", "yang diselesaikan siswa kelas IV")
    commit_all(hub.dev, "siti")
    git(hub.dev, "checkout", "-q", "main")
    hub.open_pr(40, "siti", "siti")
    code, out, report, folder = _print_step(hub, tmp_path, 40)
    assert code == 0, out
    assert report["actor"]["pegawai"] == "disdik-0042"
    pdfs = sorted(folder.rglob("*.pdf"))
    assert pdfs, out
    for pdf in pdfs:
        assert pdf.parent.name == "disdik-0042", pdf  # <tahun>/<her stem>/<document>.pdf
        assert ";s=disdik-0042;" in PdfReader(pdf).metadata["/Keywords"]  # the document's own subject
    # her SKP shows the PR's change, "according to" the PR's head commit: a preview of what she submitted
    skp = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(folder / "2026/disdik-0042/skp.pdf").pages).split())
    head = git(tmp_path / "ws" / "pr", "rev-parse", "HEAD").strip()
    assert "yang diselesaikan siswa kelas IV" in skp and f"menurut commit {head[:12]}" in skp


def test_print_step_prints_nothing_for_a_refused_pr_or_an_unknown_author(tmp_path, demo_git):
    hub = Hub(demo_git, tmp_path)
    hub.form_issue(7, "fajar")
    _form_branch(hub, 7, 30, "evil-app[bot]", 666001, ("evil-app[bot]", 666001))
    code, out, report, folder = _print_step(hub, tmp_path, 30)
    assert code == 0 and report["state"] == "ditolak" and report["actor"]["pegawai"] is None
    assert "Tidak ada dokumen dicetak" in out and not folder.exists()


def test_print_artifact_is_private_and_kept_one_day():
    doc = yaml.safe_load((WORKFLOWS / "pemeriksaan.yml").read_text(encoding="utf-8"))
    steps = doc["jobs"]["periksa"]["steps"]
    names = [s.get("name") for s in steps]
    printing = steps[names.index("Cetak dokumen milik pembuat usulan")]
    upload = steps[names.index("Simpan dokumen pembuat usulan (pribadi, 1 hari)")]
    assert names.index("Nilai seperti gerbang (tanpa menggabung)") < names.index("Cetak dokumen milik pembuat usulan")
    # one person only, named by the gate from main's data; never --semua or --unit
    assert "--pegawai \"$pegawai\"" in printing["run"] and "--semua" not in printing["run"] and "--unit" not in printing["run"]
    assert "${{" not in printing["run"]
    assert upload["with"]["retention-days"] == 1 and upload["with"]["name"] == "dokumen-pembuat-usulan"
    assert upload["with"]["path"] == "${{ runner.temp }}/dokumen-pribadi"
    # the comment job reads only the report artifact; the documents reach no other job, nor the public site
    text = (WORKFLOWS / "pemeriksaan.yml").read_text(encoding="utf-8")
    assert text.count("dokumen-pembuat-usulan") == 1
    for other in ("terbitkan.yml", "gerbang.yml", "formulir.yml", "pengingat.yml"):
        t = (WORKFLOWS / other).read_text(encoding="utf-8")
        assert "kinerja print" not in t and "dokumen-pribadi" not in t, other
