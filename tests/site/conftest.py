"""Site builds shared by the site tests: each is made once per test run and shared by every
xdist worker (sitekit.shared: a file lock and a folder keyed by a digest of the sources), in
its own temporary git repository, with `mkdocs build --strict` run exactly as a newcomer or
the publish workflow runs it. Tests only read these folders."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inject import inject, load_payloads  # noqa: E402
from sitekit import (  # noqa: E402
    CHROMIUM_ARGS, EVERYTHING_POLICY, HERE, chromium_path, commit_all, mkdocs_build, shared, site_copy, source_digest,
)


def _demo(folder: Path) -> None:
    repo = site_copy(folder / "repo")
    commit_all(repo)
    build = mkdocs_build(repo, folder / "public")
    (folder / "build.log").write_text(build.log, encoding="utf-8")
    assert build.code == 0, build


def _xss(folder: Path) -> None:
    repo = site_copy(folder / "repo")
    stats = inject(repo, load_payloads(HERE / "payloads.txt"))
    (repo / "organisation" / "publikasi.yml").write_text(EVERYTHING_POLICY, encoding="utf-8")
    commit_all(repo, "payloads")
    (folder / "stats.json").write_text(json.dumps({**stats, "used": sorted(stats["used"])}), encoding="utf-8")
    build = mkdocs_build(repo, folder / "public")
    assert build.code == 0, build


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Path:
    return shared(tmp_path_factory, "demo", source_digest(), _demo)


@pytest.fixture(scope="session")
def demo_repo(demo_build) -> Path:
    return demo_build / "repo"


@pytest.fixture(scope="session")
def demo_site(demo_build) -> Path:
    """The demo regency built with its own (default) policy."""
    log = (demo_build / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log[-4000:]
    return demo_build / "public"


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    return load_payloads(HERE / "payloads.txt")


@pytest.fixture(scope="session")
def xss_build(tmp_path_factory) -> Path:
    key = source_digest(HERE / "payloads.txt", HERE / "inject.py", HERE / "sitekit.py")
    return shared(tmp_path_factory, "xss", key, _xss)


@pytest.fixture(scope="session")
def xss_repo(xss_build):
    """A demo copy with payloads in every free-text field and a policy publishing everything."""
    stats = json.loads((xss_build / "stats.json").read_text(encoding="utf-8"))
    return xss_build / "repo", {**stats, "used": set(stats["used"])}


@pytest.fixture(scope="session")
def xss_site(xss_build) -> Path:
    return xss_build / "public"


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium tidak terpasang (CI memasangnya lewat .ci/install-system-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
