"""The demo site in a real browser (Debian's Chromium driven by Playwright) on localhost:
no console errors, no request leaves the machine, navigation and search work, charts show."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from sitekit import Server, html_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def demo_server(demo_site):
    server = Server(demo_site)
    yield server
    server.close()


@pytest.fixture
def watched(browser, demo_server):
    """A page whose console errors, page errors and outside requests are recorded."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = {"errors": [], "outside": []}

    def route(r):
        host = urlsplit(r.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            seen["outside"].append(r.request.url)
            return r.abort()
        return r.continue_()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("console", lambda m: seen["errors"].append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: seen["errors"].append(f"pageerror: {e}"))
    page.on("response", lambda r: seen["errors"].append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page, seen
    ctx.close()


def url_of(server, site, path):
    rel = path.relative_to(site).as_posix()
    return server.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def test_every_page_loads_without_errors_or_outside_requests(watched, demo_server, demo_site):
    page, seen = watched
    pages = html_pages(demo_site)
    assert len(pages) > 25
    for path in pages:
        page.goto(url_of(demo_server, demo_site, path), wait_until="load")
    page.wait_for_timeout(300)
    assert seen["errors"] == []
    assert seen["outside"] == []


def test_navigation_works(watched, demo_server):
    page, seen = watched
    page.goto(demo_server.base, wait_until="load")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Metodologi", exact=True).first.click()
    page.wait_for_url("**/metodologi/")
    assert page.locator("h1").first.inner_text() == "Metodologi"
    page.goto(demo_server.base + "unit/", wait_until="load")
    page.locator("article").get_by_role("link", name="Dinas Pendidikan", exact=True).first.click()
    page.wait_for_url("**/unit/disdik/")
    page.locator("article").get_by_role("link", name="Bidang Pembinaan Sekolah Dasar", exact=True).first.click()
    page.wait_for_url("**/unit/disdik/disdik-bid-sd/")
    page.locator("article").get_by_role("link", name="SD Negeri 12 Muara Bulian", exact=True).first.click()
    page.wait_for_url("**/unit/disdik/disdik-sdn-12-mb/")
    assert "Guru Ahli Pertama" in page.locator("article").inner_text()
    assert seen["errors"] == [] and seen["outside"] == []


def test_search_finds_pages(watched, demo_server):
    page, seen = watched
    page.goto(demo_server.base, wait_until="load")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("literasi", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    results.first.locator("a").first.click()
    page.wait_for_load_state("load")
    assert "literasi" in page.locator("article").inner_text().lower()
    assert seen["errors"] == [] and seen["outside"] == []


def test_charts_show_with_text_alternatives(watched, demo_server):
    page, seen = watched
    for path in ("", "unit/disdik/"):
        page.goto(demo_server.base + path, wait_until="load")
        images = page.locator("figure.kt-grafik img")
        assert images.count() >= 2
        for i in range(images.count()):
            img = images.nth(i)
            img.scroll_into_view_if_needed()
            # charts load lazily: scrolled into view, the browser starts fetching; wait until it has finished
            # (loaded or failed), then judge what arrived
            page.wait_for_function("el => el.complete", arg=img.element_handle(), timeout=20000)
            ok = img.evaluate("el => el.complete && el.naturalWidth > 100 && el.naturalHeight > 50")
            assert ok, img.get_attribute("src")
            assert (img.get_attribute("alt") or "").startswith("Grafik ")
            # the same numbers as a table next to the chart
            assert img.locator("xpath=ancestor::figure[1]//table").count() == 1
    assert seen["errors"] == [] and seen["outside"] == []


def test_dark_mode_toggle(watched, demo_server):
    page, seen = watched
    page.goto(demo_server.base, wait_until="load")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_timeout(200)
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
    assert seen["errors"] == []


def test_search_finds_a_department_by_its_abbreviation(watched, demo_server):
    page, seen = watched
    page.goto(demo_server.base, wait_until="load")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("disdik", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert "Dinas Pendidikan" in titles, titles
    assert seen["errors"] == [] and seen["outside"] == []


def test_search_index_and_worker_load_only_once_search_is_opened(watched, demo_server):
    """Material fetches search_index.json and starts its worker on every page load; the site
    holds both until the reader opens the search (a first visit loads neither)."""
    page, seen = watched
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(demo_server.base + "unit/disdik/", wait_until="load")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "search_index.json" in u or "/workers/search." in u], requested
    assert page.evaluate("window.ktSearchWanted()") is False
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("disdik", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert [u for u in requested if u.endswith("/search/search_index.json")]
    assert "Dinas Pendidikan" in page.locator(".md-search-result__article h1").all_inner_texts()
    assert seen["errors"] == [] and seen["outside"] == []
