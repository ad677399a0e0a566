"""Shared test helpers: copies of the demo repository, real git repositories, running the CLI.

Tests run against real files and real processes: the demo data is copied into a temporary
folder (optionally as a git repository with a commit), and `kinerja` runs as a subprocess
the way CI runs it. The validation cache goes to a per-session temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Everything a repository copy needs to validate and build (no caches, no venv).
REPO_CONTENT = ("organisation", "plans", "evaluations", "unit-results", "complaints", "surveys", "objections", "calibrations", "rules", "schemas", "site", "mkdocs.yml")
TODAY = "2026-11-28"  # the demo data's "today": timing rules are tested against a fixed date


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    cache = tmp_path_factory.mktemp("kinerja-cache")
    old = os.environ.get("KINERJA_CACHE_DIR")
    os.environ["KINERJA_CACHE_DIR"] = str(cache)
    os.environ.setdefault("KINERJA_CACHE_KEY_FILE", str(tmp_path_factory.mktemp("kinerja-key") / "cache-key"))
    os.environ["KINERJA_TODAY"] = TODAY
    yield
    if old is None:
        os.environ.pop("KINERJA_CACHE_DIR", None)
    else:
        os.environ["KINERJA_CACHE_DIR"] = old


def copy_demo(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in REPO_CONTENT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, target / name)
    return target


@pytest.fixture
def demo(tmp_path) -> Path:
    """A plain (non-git) copy of the demo repository."""
    return copy_demo(tmp_path / "repo")


def git(cwd: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Uji",
        GIT_AUTHOR_EMAIL="uji@example.invalid",
        GIT_COMMITTER_NAME="Uji",
        GIT_COMMITTER_EMAIL="uji@example.invalid",
        GIT_AUTHOR_DATE="2026-11-28T08:00:00+07:00",
        GIT_COMMITTER_DATE="2026-11-28T08:00:00+07:00",
    )
    proc = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


@pytest.fixture
def demo_git(tmp_path) -> Path:
    """A copy of the demo repository as a git repository with one commit on main."""
    repo = copy_demo(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "demo")
    return repo


class Result:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return f"<exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}>"


def run_kinerja(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
                old_flags: bool = False) -> Result:
    """Run the CLI as CI does; a traceback anywhere fails the test, and so does an old flag
    spelling (every caller uses the canonical vocabulary of kinerja/flags.py) unless asked for."""
    proc = subprocess.run(
        [sys.executable, "-m", "kinerja", *args],
        cwd=cwd or ROOT,
        env=dict(os.environ, **(env or {})),
        capture_output=True,
        text=True,
        input=input,
        timeout=600,
    )
    result = Result(proc)
    assert "Traceback" not in result.out + result.err, result
    assert old_flags or "sudah usang dan akan dihapus" not in result.err, result
    return result


@pytest.fixture
def kinerja():
    return run_kinerja
