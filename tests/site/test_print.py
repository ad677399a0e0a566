"""The print stylesheet: a department page printed by Chromium to PDF (A4) keeps every column
of every table, names the site (the regency) and the page on every page, writes evidence
addresses out, and carries the build commit and date below each page."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from sitekit import Server, git

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("a11y-0")]

A4 = (595.3, 841.9)  # points


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))  # NFKC: the PDF's "ﬁ" ligature is "fi"


@pytest.mark.parametrize("path", ["unit/disdik/", "unit/disdik/disdik-sdn-12-mb.realisasi/"])
def test_a_printed_department_page_keeps_every_column(browser, demo_site, demo_repo, path):
    from pypdf import PdfReader

    server = Server(demo_site)
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    try:
        page.goto(server.base + path, wait_until="load")
        headers = page.evaluate("() => Array.from(document.querySelectorAll('article th[scope=col]'), th => th.textContent.trim())")
        title = page.evaluate("() => document.querySelector('article h1').textContent.trim()")
        links = page.evaluate("() => Array.from(document.querySelectorAll('article .kt-rencana-tabel a[href^=\"http\"]'), a => a.href)")
        pdf = page.pdf(prefer_css_page_size=True, print_background=False)
        # laid out as printed, on the width of an A4 page less its margins (188 mm): no table
        # (nor anything else) reaches past the right edge of the page
        page.emulate_media(media="print")
        page.set_viewport_size({"width": round(188 / 25.4 * 96), "height": 1000})
        wider = page.evaluate("""() => { const w = document.documentElement.clientWidth;
          return Array.from(document.querySelectorAll('article table, article img'))
            .filter(t => t.getBoundingClientRect().right > w + 1).map(t => t.outerHTML.slice(0, 120)); }""")
    finally:
        ctx.close()
        server.close()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    texts = [p.extract_text() for p in reader.pages]
    whole = _squash(" ".join(texts))
    for box in (p.mediabox for p in reader.pages):
        assert abs(float(box.width) - A4[0]) < 2 and abs(float(box.height) - A4[1]) < 2  # A4, not US Letter
    assert not wider, wider
    assert len(headers) >= 3
    missing = [h for h in headers if _squash(h) not in whole]
    assert not missing, missing  # no column is cut off
    commit = git(demo_repo, "rev-parse", "HEAD").strip()[:12]
    for n, text in enumerate(texts, start=1):
        flat = _squash(text)
        assert _squash("Pemerintah Kabupaten Batang Hari") in flat, f"page {n}: the regency is not named"
        assert _squash(title)[:40] in flat, f"page {n}: the page title is missing"
        assert commit in flat and _squash("28 November 2026") in flat, f"page {n}: no build commit and date"
    if "realisasi" in path:
        assert links
        for url in links:
            assert _squash(url) in whole, url  # evidence addresses are written out
