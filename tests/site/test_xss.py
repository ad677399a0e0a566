"""XSS: payloads from the OWASP and PortSwigger cheat sheets plus Markdown-, MkDocs- and
Jinja-specific ones, in every free-text field of the demo data, built once with a policy
that publishes everything that may be published. In Chromium, with every request leaving
localhost aborted and navigation away blocked, every element of every page is hovered,
focused and clicked; the search box is fed payload words. Nothing may run and nothing may
leave the machine."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from sitekit import Server, html_pages

pytestmark = [pytest.mark.slow]

HOOKS = r"""
(() => {
  const report = (what) => { try { window.__kt_report(String(what) + ' @ ' + location.href); } catch (e) {} };
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    try { Object.defineProperty(window, name, { value: function () { report(name); return null; }, configurable: false, writable: false }); } catch (e) {}
  }
  window.kt_xss = function () { report('canary kt_xss'); };
  // report, then behave as usual (the browser harness itself must keep working)
  // (Playwright's own page.evaluate goes through eval from its UtilityScript: not a payload)
  const harness = () => /UtilityScript/.test(new Error().stack);
  window.eval = new Proxy(window.eval, { apply(t, self, args) { if (!harness()) report('eval ' + String(args[0]).slice(0, 80)); return Reflect.apply(t, self, args); } });
  window.Function = new Proxy(window.Function, {
    construct(t, args, nt) { if (!harness()) report('Function'); return Reflect.construct(t, args, nt); },
    apply(t, self, args) { if (!harness()) report('Function'); return Reflect.apply(t, self, args); },
  });
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!(url.origin === location.origin && /\/search\/search_index\.json$/.test(url.pathname))) report('fetch ' + url.href);
    return nativeFetch.apply(this, arguments);
  };
  const nativeOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    const u = new URL(url, location.href);
    if (!(u.origin === location.origin && /\/search\/search_index\.json$/.test(u.pathname))) report('xhr ' + u.href);
    return nativeOpen.apply(this, arguments);
  };
  const nativeBeacon = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
  if (nativeBeacon) navigator.sendBeacon = function (u) { report('beacon ' + u); return false; };
  window.open = function (u) { report('window.open ' + u); return null; };
})();
"""

# Hover, focus and click every element, the way a visitor (or a careless script) could.
# Links leaving the site are plain http(s) links a visitor chooses to follow: they are
# checked for scheme and rel elsewhere and not clicked here; everything else is.
POKE = r"""
() => {
  const outside = (el) => {
    const a = el.closest('a[href]');
    if (!a) return false;
    const href = a.getAttribute('href') || '';
    return /^https?:/i.test(href.trim()) && new URL(a.href).host !== location.host;
  };
  let n = 0;
  const events = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown', 'mousedown',
                  'pointerup', 'mouseup', 'focus', 'focusin', 'dblclick', 'contextmenu', 'keydown', 'keyup', 'input',
                  'change', 'toggle', 'animationstart', 'transitionend', 'load', 'error', 'wheel', 'copy'];
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (outside(el)) continue;
    for (const type of events) {
      try { el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true })); } catch (e) {}
    }
    try { if (typeof el.focus === 'function') el.focus(); } catch (e) {}
    try { el.click(); } catch (e) {}
    n++;
  }
  return n;
}
"""

# Real pointer and keyboard input on the elements that carry user text.
TARGETS = r"""
() => {
  const outside = (el) => { const a = el.closest('a[href]'); return !!a && /^https?:/i.test((a.getAttribute('href') || '').trim()) && new URL(a.href).host !== location.host; };
  const els = Array.from(document.querySelectorAll('article td, article li, article p, article a, article img, article h1, article h2, article h3, article span, .md-nav__link, .md-header__topic'));
  return els.filter(el => !outside(el)).slice(0, 30).map((el, i) => { el.setAttribute('data-kt-target', String(i)); return i; });
}
"""


# Scroll one target into view; its centre in viewport coordinates (None when not shown).
WHERE = r"""
(i) => {
  const el = document.querySelector(`[data-kt-target="${i}"]`);
  if (!el) return null;
  el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return null;
  return [r.left + r.width / 2, r.top + r.height / 2];
}
"""


def test_payload_list_is_large_and_cited(payloads):
    assert len(payloads) >= 90
    header = (sys.modules[__name__].__file__).replace("test_xss.py", "payloads.txt")
    text = open(header, encoding="utf-8").read()
    assert "cheatsheetseries.owasp.org" in text and "portswigger.net" in text


def test_every_payload_reached_a_field_and_the_data_stays_valid(xss_repo, payloads):
    repo, stats = xss_repo
    assert stats["used"] == set(range(len(payloads)))
    assert stats["fields"] > 500
    proc = subprocess.run([sys.executable, "-m", "kinerja", "validate", "--no-cache", "--root", str(repo)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


def test_user_text_stays_inside_raw_html_blocks(xss_repo, tmp_path):
    """Structure of every generated Markdown file: front matter, fixed headings, raw blocks."""
    repo, _ = xss_repo
    out = tmp_path / "tree"
    proc = subprocess.run([sys.executable, "-m", "kinerja", "site", "--root", str(repo), "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    heading = re.compile(r"#{2,3} [A-Za-z0-9 ,]+")
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
@pytest.mark.xdist_group("browser")
def test_no_payload_runs_and_nothing_leaves_localhost(browser, xss_site):
    server = Server(xss_site)
    hits, outside, dialogs, popups = [], [], [], []
    current = {"loaded": False}
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.expose_binding("__kt_report", lambda source, what: hits.append(what))
    ctx.add_init_script(HOOKS)

    def route(r):
        req = r.request
        if urlsplit(req.url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(req.url)
            return r.abort()
        if req.is_navigation_request() and req.frame.parent_frame is None and current["loaded"]:
            return r.fulfill(status=204)  # "No Content": the browser stays on the page under test
        return r.continue_()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ctx.on("page", lambda p: (popups.append(p.url), p.close()))
    poked = 0
    try:
        pages = html_pages(xss_site)
        assert len(pages) > 40
        for path in pages:
            rel = path.relative_to(xss_site).as_posix()
            url = server.base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            current["loaded"] = False
            page.goto(url, wait_until="load")
            current["loaded"] = True
            for i in page.evaluate(TARGETS.strip()):
                box = page.evaluate(WHERE.strip(), i)
                if box:
                    page.mouse.move(box[0], box[1])
                    page.mouse.click(box[0], box[1])
            for _ in range(15):
                page.keyboard.press("Tab")
            poked += page.evaluate(POKE.strip())
            page.wait_for_timeout(30)
        # the search box renders titles and text from the index: feed it payload words
        current["loaded"] = False
        page.goto(server.base, wait_until="load")
        current["loaded"] = True
        for word in ("onerror", "alert", "script", "javascript", "svg", "iframe", "kt_xss", "7*7", "PRIVAT", "mkdocs"):
            box = page.locator("input.md-search__input")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            box.fill("")
            box.press_sequentially(word, delay=5)
            page.wait_for_timeout(400)
            page.evaluate(POKE.strip())
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)
    finally:
        ctx.close()
        server.close()
    assert poked > 10000
    assert dialogs == []
    assert hits == []
    assert outside == []
    assert popups == []
