"""Accessibility of every page type of the demo site, checked by axe-core (from npm, pinned in
package.json) inside Debian's Chromium: no serious or critical violation of WCAG 2.1 A/AA at
a desktop (1366 px) and a phone (390 px) width, in the light and the dark scheme; a phone
never scrolls the page sideways; the keyboard reaches the skip link first and never lands on
something hidden. A failure names the rule, the page and the nodes."""

from __future__ import annotations

import pytest

from sitekit import ROOT, Server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# One page of each type (the list), as paths below the site root.
PAGES = {
    "beranda": "",
    "daftar perangkat daerah": "unit/",
    "perangkat daerah": "unit/disdik/",
    "unit": "unit/disdik/disdik-sdn-12-mb/",
    "realisasi": "unit/disdik/disdik-sdn-12-mb.realisasi/",
    "pegawai": "pegawai/disdik-0001/",
    "pejabat publik": "pegawai/",
    "metodologi": "metodologi/",
    "privasi": "privasi/",
    "data terbuka": "data-terbuka/",
    "panduan": "panduan/",
    # every guide, as site/panduan/ holds them (a new guide is checked without editing this list)
    **{f"panduan {p.stem}": f"panduan/{p.stem}/" for p in sorted((ROOT / "site" / "panduan").glob("*.md")) if p.stem != "index"},
    "404": "404.html",
}
SEARCHES = {"pencarian dengan hasil": "literasi", "pencarian tanpa hasil": "zzqxv"}

RUN = """async (tags) => {
  const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200)),
    count: v.nodes.length }));
}"""

OVERFLOW = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth"


@pytest.fixture(scope="module")
def demo_server(demo_site):
    server = Server(demo_site)
    yield server
    server.close()


def test_every_page_type_is_in_the_site(demo_site):
    assert len([p for p in PAGES.values() if p.startswith("panduan/")]) >= 5  # the guides were found
    for path in PAGES.values():
        target = demo_site / (path if path.endswith(".html") else path + "index.html")
        assert target.is_file(), path


def _violations(page) -> list[dict]:
    # measure the page as the reader sees it once it has settled: a CSS transition still running
    # (Material fades the search results in) would give axe the colours of a half-faded frame
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')", timeout=10000)
    if not page.evaluate("typeof window.axe === 'object'"):  # not loaded with the context (with_axe)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN, WCAG)


def with_axe(ctx):
    """A context whose every page has axe-core from the start, as an init script: sent to the
    browser once instead of with each page (half a megabyte each time). axe only reads the page
    until it is run."""
    ctx.add_init_script(path=str(AXE))
    return ctx


def _describe(where: str, found: list[dict]) -> list[str]:
    return [f"{where}: {v['impact']} {v['id']} ({v['help']}; {v['count']} node(s)): " + " | ".join(v["nodes"]) for v in found]


@pytest.mark.parametrize("width,scheme", [
    pytest.param(1366, "light", marks=pytest.mark.xdist_group("a11y-0")),
    pytest.param(390, "dark", marks=pytest.mark.xdist_group("a11y-0")),
    pytest.param(390, "light", marks=pytest.mark.xdist_group("a11y-1")),
    pytest.param(1366, "dark", marks=pytest.mark.xdist_group("a11y-1")),
])
def test_no_serious_axe_violation_on_any_page_type(browser, demo_server, width, scheme):
    ctx = with_axe(browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme))
    page = ctx.new_page()
    problems: list[str] = []
    try:
        for name, path in PAGES.items():
            page.goto(demo_server.base + path, wait_until="load")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
            problems += _describe(f"{name} ({path or '/'}) {width}px {scheme}", _violations(page))
            if width < 500:
                over = page.evaluate(OVERFLOW)
                if over > 0:
                    problems.append(f"{name} ({path or '/'}) {width}px: the page scrolls sideways by {over}px")
        for name, word in SEARCHES.items():
            page.goto(demo_server.base, wait_until="load")
            # the search button of a phone, the search box of a desktop
            page.locator('label.md-header__button[for="__search"]' if width < 960 else "input.md-search__input").first.click()
            page.locator("input.md-search__input").press_sequentially(word, delay=10)
            if name == "pencarian dengan hasil":
                page.locator(".md-search-result__item").first.wait_for(timeout=15000)
            else:
                page.locator(".md-search-result__meta").filter(has_text="Tidak").first.wait_for(timeout=15000)
            problems += _describe(f"{name} ({word!r}) {width}px {scheme}", _violations(page))
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


# Where the keyboard focus is: a description, and whether a sighted user can see it there.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const visible = (x) => {
    const r = x.getBoundingClientRect();
    // (opacity is not checked: Material fades the skip link and permalinks in when focused)
    return x.checkVisibility({ checkVisibilityCSS: true })
      && r.width > 0 && r.height > 0 && r.right > 0 && r.left < window.innerWidth;
  };
  // a visually hidden control whose visible label shows the focus (Material's palette switch) counts as shown
  const form = el.classList.contains('md-option') && el.closest('form');
  const shown = visible(el) || Array.from(el.labels || []).some(visible)
    || (!!form && Array.from(form.querySelectorAll('label')).some(visible));
  return { what: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                 + ' ' + (el.getAttribute('href') || '') + ' ' + (el.textContent || '').trim().slice(0, 40),
           skip: el.classList.contains('md-skip'), shown };
}"""


@pytest.mark.xdist_group("a11y-1")
@pytest.mark.parametrize("width", [390, 1366])
def test_keyboard_reaches_the_skip_link_first_and_nothing_hidden(browser, demo_server, width):
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    problems = []
    try:
        for name, path in PAGES.items():
            page.goto(demo_server.base + path, wait_until="load")
            page.keyboard.press("Tab")
            first = page.evaluate(FOCUSED)
            if not (first and first["skip"]):
                problems.append(f"{name} ({path or '/'}) {width}px: the first Tab stop is not the skip link but {first}")
            for _ in range(25):
                page.keyboard.press("Tab")
                now = page.evaluate(FOCUSED)
                if now and not now["shown"]:
                    problems.append(f"{name} ({path or '/'}) {width}px: focus on something hidden: {now['what']}")
                    break
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)


@pytest.mark.xdist_group("a11y-0")
def test_charts_on_a_phone_keep_text_at_least_11px(browser, demo_server):
    """Chart text is drawn at charts.SMALL points or more; 1 pt = 4/3 CSS px at the chart's own
    size. On a 390 px phone a chart is shown at its own size (it scrolls in its own box), so
    its smallest text stays >= 11 px, and the page does not scroll sideways."""
    from kinerja.publish import charts

    assert charts.SMALL * 4 / 3 >= 11
    ctx = browser.new_context(viewport={"width": 390, "height": 844})
    page = ctx.new_page()
    try:
        for path in ("", "unit/disdik/"):
            page.goto(demo_server.base + path, wait_until="load")
            # the charts load lazily: each is scrolled to and decoded before it is measured
            found = page.evaluate("""async () => { const out = [];
              for (const img of document.querySelectorAll('figure.kt-grafik img')) {
                img.scrollIntoView(); await img.decode().catch(() => null);
                out.push({ src: img.getAttribute('src'), shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
                           box: img.parentElement.getAttribute('tabindex') }); }
              window.scrollTo(0, 0); return out; }""")
            assert len(found) >= 2
            for f in found:
                assert f["natural"] > 100, f  # loaded
                assert f["shown"] >= f["natural"] - 1, f  # not shrunk
                assert f["box"] == "0", f  # the scrolling box is reachable by keyboard
            assert page.evaluate(OVERFLOW) <= 0
    finally:
        ctx.close()


LABELS = """() => Array.from(document.querySelectorAll('.kt-rencana-tabel tbody tr:not([class])')).slice(0, 40).flatMap(tr =>
  Array.from(tr.children).map(c => [c.textContent.trim().slice(0, 40), getComputedStyle(c, '::before').content]))"""


@pytest.mark.xdist_group("a11y-1")
def test_a_phone_shows_each_realisasi_cell_with_its_column_name(browser, demo_server):
    """At 390 px the realisasi table is a list per IKI; each cell says which column it is
    ("TW III: 68% · 97,1% ◐ Sesuai jalur"), from one CSS rule per column of the table
    (plantables.column_labels), not an attribute on every cell. At 1366 px no label is drawn."""
    shown = {}
    for width in (390, 1366):
        ctx = browser.new_context(viewport={"width": width, "height": 900})
        page = ctx.new_page()
        try:
            page.goto(demo_server.base + "unit/disdik/disdik-sdn-12-mb.realisasi/", wait_until="load")
            shown[width] = page.evaluate(LABELS)
        finally:
            ctx.close()
    phone = shown[390]
    assert phone and all(label not in ("none", "normal", "") for _, label in phone), phone[:10]
    assert ("68% · 97,1% ◐ Sesuai jalur", '"TW III: "') in [(text, label) for text, label in phone], phone[:20]
    assert {label for _, label in phone} >= {'"IKI: "', '"Target: "', '"TW I: "', '"Bukti: "'}
    assert all(label in ("none", "normal") for _, label in shown[1366])
