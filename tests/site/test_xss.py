"""XSS: payloads from the OWASP and PortSwigger cheat sheets plus Markdown-, MkDocs- and
Jinja-specific ones, in every free-text field of the demo data, built once with a policy
that publishes everything that may be published. In Chromium, with every request leaving
localhost aborted and navigation away blocked, the elements with user text get real clicks,
every element of every article (and of the shared header and navigation once per page
type) gets synthetic events, focus and clicks; the search box is fed payload words (the
harness: xssharness.py). Nothing may run and nothing may leave the machine. The canary page
(xss_canary.html) proves that each detection path reports a payload that does run."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from sitekit import HERE, Server, html_pages
from xssharness import TOKEN, Watch, page_type, url_for

pytestmark = [pytest.mark.slow]

SHARDS = 2  # the payload site's pages are split across the xdist workers

# The canary page's payloads, each known to run, and where each must be reported:
# (channel, the start of the report). Channels: "hits" (hooks in the page), "outside"
# (requests leaving localhost), "dialogs" (real dialogs).
CANARIES = {
    "kt-c01": ("hits", "alert"), "kt-c02": ("hits", "confirm"), "kt-c03": ("hits", "prompt"),
    "kt-c04": ("hits", "print"), "kt-c05": ("hits", "canary kt_xss"), "kt-c06": ("hits", "canary kt_xss"),
    "kt-c07": ("hits", "eval"), "kt-c08": ("hits", "Function"), "kt-c09": ("hits", "fetch"),
    "kt-c10": ("hits", "xhr"), "kt-c11": ("hits", "beacon"), "kt-c12": ("hits", "window.open"),
    "kt-c13": ("outside", "http://xss.evil.example/"), "kt-c14": ("hits", "alert"),
}
# With the dialog functions left as the browser has them, the same payloads open real dialogs.
DIALOGS = {"kt-c01": "alert", "kt-c02": "confirm", "kt-c03": "prompt", "kt-c14": "alert"}


def test_payload_list_is_large_and_cited(payloads):
    assert len(payloads) >= 90
    header = (sys.modules[__name__].__file__).replace("test_xss.py", "payloads.txt")
    text = open(header, encoding="utf-8").read()
    assert "cheatsheetseries.owasp.org" in text and "portswigger.net" in text


def test_every_payload_reached_a_field_and_the_data_stays_valid(xss_repo, payloads):
    repo, stats = xss_repo
    assert stats["used"] == set(range(len(payloads)))
    assert stats["fields"] > 500
    proc = subprocess.run([sys.executable, "-m", "kinerja", "validate", "--tanpa-cache", "--akar", str(repo)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_user_text_stays_inside_raw_html_blocks(xss_repo, tmp_path):
    """Structure of every generated Markdown file: front matter, fixed headings, raw blocks."""
    repo, _ = xss_repo
    out = tmp_path / "tree"
    proc = subprocess.run([sys.executable, "-m", "kinerja", "site", "--akar", str(repo), "--keluaran", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    heading = re.compile(r"#{2,3} [A-Za-z0-9 ,-]+")  # the site's own words (rule-set ids have hyphens)
    pages = list(out.rglob("*.md"))
    assert len(pages) > 40
    for page in pages:
        lines = page.read_text(encoding="utf-8").split("\n")
        assert lines[0] == "---" and lines[2] == "---", page
        assert lines[1].startswith("{") and "<" not in lines[1] and "&" not in lines[1], (page, lines[1])
        for line in lines[3:]:
            if not line or heading.fullmatch(line):
                continue
            assert line.startswith("<div") or line.startswith("<section"), (page, line[:200])
            assert line.endswith("</div>") or line.endswith("</section>"), (page, line[-200:])


def test_payloads_are_shown_as_text(xss_site):
    pages = html_pages(xss_site)
    shown = sum(1 for p in pages if "&lt;img src=x onerror=alert(1)&gt;" in p.read_text(encoding="utf-8"))
    assert shown >= 10  # the payloads are on the pages, as visible text


@pytest.mark.browser
@pytest.mark.parametrize("shard", [pytest.param(i, marks=pytest.mark.xdist_group(f"xss-{i}")) for i in range(SHARDS)])
def test_no_payload_runs_and_nothing_leaves_localhost(browser, xss_site, shard):
    """Every page of the payload site, split across the workers; the search box in shard 0."""
    server = Server(xss_site)
    watch = Watch(browser)
    pages = html_pages(xss_site)
    assert len(pages) > 40
    mine = pages[shard::SHARDS]
    try:
        for path in mine:
            rel = path.relative_to(xss_site).as_posix()
            watch.visit(url_for(server.base, rel), rel)
        if shard == 0:
            watch.search(server.base, ("onerror", "alert", "script", "javascript", "svg", "iframe", "kt_xss", "7*7", "PRIVAT", "mkdocs"))
    finally:
        watch.close()
        server.close()
    assert watch.poked > 100 * len(mine)
    assert {page_type(p.relative_to(xss_site).as_posix()) for p in mine} == watch.types_poked
    assert watch.dialogs == []
    assert watch.hits == []
    assert watch.outside == []
    assert watch.popups == []


@pytest.mark.browser
@pytest.mark.xdist_group("xss-0")
def canary_run(browser, folder, **options):
    (folder / "index.html").write_text((HERE / "xss_canary.html").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "kanari-2.html").write_text("<!doctype html><title>2</title>", encoding="utf-8")
    server = Server(folder)
    watch = Watch(browser, **options)
    try:
        watch.visit(server.base, "index.html")
        watch.page.wait_for_timeout(300)
    finally:
        watch.close()
        server.close()
    return watch


@pytest.mark.browser
@pytest.mark.xdist_group("xss-0")
def test_the_harness_sees_every_payload_that_runs(browser, tmp_path):
    """Positive control: the same harness on a page whose payloads do run must report each
    of them on the path it takes (hooks, outside requests, pop-ups)."""
    watch = canary_run(browser, tmp_path)
    channels = {"hits": watch.hits, "outside": watch.outside, "dialogs": watch.dialogs}
    missing = []
    for token, (channel, start) in CANARIES.items():
        reports = [r for r in channels[channel] if token in r]
        if not any(r.startswith(start) for r in reports):
            missing.append((token, channel, start))
    assert not missing, (missing, "\n".join(f"{k}: {r}" for k, v in channels.items() for r in v))
    assert watch.popups, "the target=_blank link opened no page that the harness saw"
    # nothing but the canaries was reported: the harness's own calls are exempt
    stray = [r for r in watch.hits + watch.dialogs if not TOKEN.search(r)]
    assert not stray, stray


@pytest.mark.browser
@pytest.mark.xdist_group("xss-1")
def test_the_dialog_listener_sees_dialogs_the_hooks_missed(browser, tmp_path):
    watch = canary_run(browser, tmp_path, hook_dialogs=False)
    for token, kind in DIALOGS.items():
        assert f"{kind} {token}" in watch.dialogs, (token, watch.dialogs)
