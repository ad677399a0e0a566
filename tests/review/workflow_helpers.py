"""Running a workflow's own `run:` step as the runner would (bash -eo pipefail), with a fake
`gh` that logs its arguments, the workflow's venv location pointing at this interpreter's
`kinerja`, and GITHUB_OUTPUT read back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml
from gate_helpers import REPO
from kthelpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FAKE_GH = """#!/bin/sh
printf '%s\\n' "$*" >> "$FAKE_GH_LOG"
"""


def _step(workflow: str, job: str, name: str) -> dict:
    doc = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    return next(s for s in doc["jobs"][job]["steps"] if s.get("name") == name)


def _run(step: dict, env: dict, cwd: Path, tmp: Path) -> tuple[int, str, dict]:
    """Run one step's script; returns (exit code, stdout, GITHUB_OUTPUT values)."""
    runner_temp = Path(env.get("RUNNER_TEMP") or tmp / "runner-temp")
    runner_temp.mkdir(parents=True, exist_ok=True)
    bindir = tmp / "bin"
    bindir.mkdir(exist_ok=True)
    (bindir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bindir / "gh").chmod(0o755)
    venv_bin = runner_temp / "venv" / "bin"  # the workflow's own install location
    venv_bin.mkdir(parents=True, exist_ok=True)
    if not (venv_bin / "kinerja").exists():
        (venv_bin / "kinerja").symlink_to(Path(sys.executable).parent / "kinerja")
    out_file = tmp / "github-output"
    out_file.write_text("", encoding="utf-8")
    script = tmp / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    full = dict(os.environ, GITHUB_REPOSITORY=REPO, FAKE_GH_LOG=str(tmp / "gh.log"),
                GITHUB_STEP_SUMMARY=str(tmp / "summary.md"))
    full.update(env)
    full.update(RUNNER_TEMP=str(runner_temp), GITHUB_OUTPUT=str(out_file),
                PATH=f"{bindir}:{Path(sys.executable).parent}:{os.environ['PATH']}")
    proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=600)
    outputs = dict(line.split("=", 1) for line in out_file.read_text(encoding="utf-8").splitlines() if "=" in line)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr, outputs


_EXPR = re.compile(r"\$\{\{\s*(.+?)\s*\}\}")


def _walk(obj, parts: list[str]):
    if not parts:
        return obj
    if parts[0] == "*":
        return [_walk(x, parts[1:]) for x in (obj or [])]
    return _walk(obj.get(parts[0]) if isinstance(obj, dict) else None, parts[1:])


def _value(expr: str, event: dict, outputs: dict):
    if expr.startswith("toJSON(") and expr.endswith(")"):
        return json.dumps(_value(expr[len("toJSON("):-1], event, outputs))
    if expr.startswith("github.event."):
        return _walk(event, expr.removeprefix("github.event.").split("."))
    if expr.startswith("steps."):
        return outputs.get(expr, "")
    if expr == "github.token" or expr.startswith("secrets."):
        return "tidak-dipakai"
    raise AssertionError(f"ungkapan workflow tidak dikenal uji ini: {expr}")


def event_env(workflow: str, job: str, name: str, event: dict, outputs: dict | None = None) -> dict:
    """The job's and the step's `env:` as the runner would expand them for `event` (the webhook
    payload): `${{ github.event.… }}` (with `.*.`), `toJSON(…)`, `steps.<id>.outputs.<name>`."""
    doc = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))
    raw = dict(doc["jobs"][job].get("env") or {}, **(_step(workflow, job, name).get("env") or {}))
    env = {}
    for key, text in raw.items():
        text = str(text)
        m = _EXPR.fullmatch(text.strip())
        if m:
            v = _value(m.group(1), event, outputs or {})
            env[key] = "" if v is None else (str(v).lower() if isinstance(v, bool) else str(v))
        else:
            env[key] = _EXPR.sub(lambda mm: str(_value(mm.group(1), event, outputs or {})), text)
    return env
