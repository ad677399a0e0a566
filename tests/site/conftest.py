"""Site builds shared by the site tests: each is made once per test session (a build costs
seconds), in its own temporary git repository, with `mkdocs build --strict` run exactly as a
newcomer or the publish workflow runs it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from inject import inject, load_payloads  # noqa: E402
from sitekit import EVERYTHING_POLICY, HERE, chromium_path, CHROMIUM_ARGS, commit_all, mkdocs_build, site_copy  # noqa: E402


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory) -> Path:
    repo = site_copy(tmp_path_factory.mktemp("demo-site") / "repo")
    commit_all(repo)
    return repo


@pytest.fixture(scope="session")
def demo_site(demo_repo, tmp_path_factory) -> Path:
    """The demo regency built with its own (default) policy."""
    out = tmp_path_factory.mktemp("demo-public") / "public"
    build = mkdocs_build(demo_repo, out)
    assert build.code == 0, build
    assert "WARNING" not in build.log, build
    return out


@pytest.fixture(scope="session")
def payloads() -> list[str]:
    return load_payloads(HERE / "payloads.txt")


@pytest.fixture(scope="session")
def xss_repo(tmp_path_factory, payloads):
    """A demo copy with payloads in every free-text field and a policy publishing everything."""
    repo = site_copy(tmp_path_factory.mktemp("xss-site") / "repo")
    stats = inject(repo, payloads)
    (repo / "organisation" / "publikasi.yml").write_text(EVERYTHING_POLICY, encoding="utf-8")
    commit_all(repo, "payloads")
    return repo, stats


@pytest.fixture(scope="session")
def xss_site(xss_repo, tmp_path_factory) -> Path:
    repo, _ = xss_repo
    out = tmp_path_factory.mktemp("xss-public") / "public"
    build = mkdocs_build(repo, out)
    assert build.code == 0, build
    return out


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
