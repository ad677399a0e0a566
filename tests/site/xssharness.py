"""The XSS browser harness: watch a page for anything that runs or leaves the machine, then
act on it the way a visitor (or a careless script) could.

Detection paths (each is proved to report by the canary page, tests/site/xss_canary.html):
- hooks in the page: alert/confirm/prompt/print, the kt_xss() canary, eval, Function,
  fetch, XMLHttpRequest, sendBeacon, window.open (reported through an exposed binding);
- real dialogs (a payload that reaches an unhooked window, e.g. a fresh iframe);
- requests leaving localhost (aborted and recorded by the route);
- pop-up pages (a link with target=_blank, a form, a window the hooks did not see).

The harness's own calls are exempt by a secret only the harness knows: every script it
evaluates starts with a comment holding a per-run nonce, and Playwright's page.evaluate()
hands exactly that text to the page's eval. Anything else that calls eval — including a
handler fired synchronously by the harness's synthetic events — is reported.

Per page: real mouse clicks (which hover first) on the elements that carry user text,
measured in one browser call per screen; synthetic events, focus() and click() on every
element of the article; and, once per page type, 15 Tab presses from the last click (real
keyboard focus through the next links of the article, the navigation and the header) and
synthetic events on every element of the shared header, navigation and footer (the same
template and titles on every page of a type).
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

NONCE = secrets.token_hex(16)
MARK = f"/*kt-harness-{NONCE}*/"

HOOKS = r"""
(() => {
  const MARK = '__MARK__';
  // reported as console messages (CDP events: nothing is evaluated in the page to deliver them)
  const log = console.debug.bind(console);
  const report = (what) => { try { log(MARK + ' ' + String(what) + ' @ ' + location.href); } catch (e) {} };
  const text = (args) => Array.from(args, (a) => String(a).slice(0, 120)).join(' ');
  for (const name of (HOOK_DIALOGS ? ['alert', 'confirm', 'prompt', 'print'] : [])) {
    try { Object.defineProperty(window, name, { value: function () { report(name + ' ' + text(arguments)); return null; }, configurable: false, writable: false }); } catch (e) {}
  }
  window.kt_xss = function () { report('canary kt_xss ' + text(arguments)); };
  // report, then behave as usual (the browser harness itself must keep working);
  // only the harness's own evaluate() calls carry MARK (a per-run secret)
  window.eval = new Proxy(window.eval, { apply(t, self, args) { if (!String(args[0]).includes(MARK)) report('eval ' + text(args)); return Reflect.apply(t, self, args); } });
  // The editor pages' schema validator (Ajv, vendored) compiles each schema with exactly
  // new Function("self", "scope", code): that one shape is exempt there, and only there.
  const editorPage = /\/editor\//.test(location.pathname);
  const ajvCompile = (args) => editorPage && args.length === 3 && String(args[0]) === 'self' && String(args[1]) === 'scope';
  window.Function = new Proxy(window.Function, {
    construct(t, args, nt) { if (!ajvCompile(args)) report('Function ' + text(args)); return Reflect.construct(t, args, nt); },
    apply(t, self, args) { if (!ajvCompile(args)) report('Function ' + text(args)); return Reflect.apply(t, self, args); },
  });
  // same-origin data the site's own scripts load: the search index, the editor's public data
  const allowed = (url) => url.origin === location.origin
    && (/\/search\/search_index\.json$/.test(url.pathname) || (editorPage && /\/editor\/data\.json$/.test(url.pathname)));
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (!allowed(url)) report('fetch ' + url.href);
    return nativeFetch.apply(this, arguments);
  };
  const nativeOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    const u = new URL(url, location.href);
    if (!allowed(u)) report('xhr ' + u.href);
    return nativeOpen.apply(this, arguments);
  };
  if (navigator.sendBeacon) navigator.sendBeacon = function (u) { report('beacon ' + u); return false; };
  window.open = function (u) { report('window.open ' + u); return null; };
  // A real click on an in-page link would scroll the page under the remaining targets (their
  // coordinates are measured once per screen): keep the page still; handlers still run.
  document.addEventListener('click', (e) => {
    const a = e.isTrusted && e.target && e.target.closest && e.target.closest('a[href^="#"]');
    if (a) e.preventDefault();
  }, true);
})();
"""

# Synthetic events, focus and click on every element under `scope` (a CSS selector).
POKE = r"""
(scope) => {
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
  const seen = new Set();
  for (const root of Array.from(document.querySelectorAll(scope))) {
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (seen.has(el) || outside(el)) continue;
      seen.add(el);
      for (const type of events) {
        try { el.dispatchEvent(new Event(type, { bubbles: true, cancelable: true })); } catch (e) {}
      }
      try { if (typeof el.focus === 'function') el.focus(); } catch (e) {}
      try { el.click(); } catch (e) {}
      n++;
    }
  }
  return n;
}
"""

# Mark the elements that carry user text (at most 30) and return their page coordinates
# plus the viewport height, all in one call.
TARGETS = r"""
(selector) => {
  const external = (a) => /^https?:/i.test((a.getAttribute('href') || '').trim()) && new URL(a.href).host !== location.host;
  const outside = (el) => { const a = el.closest('a[href]'); return !!a && external(a); };
  // a cell holding an outside link (an evidence link) is not clicked either: its middle may be the link
  const holds = (el) => Array.from(el.querySelectorAll('a[href]')).some(external);
  const els = Array.from(document.querySelectorAll(selector)).filter(el => !outside(el) && !holds(el)).slice(0, 30);
  const out = [];
  els.forEach((el, i) => {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.push([i, r.left + window.scrollX + r.width / 2, r.top + window.scrollY + r.height / 2]);
  });
  return [out, window.innerHeight];
}
"""

# Scroll to a page offset; where the page actually is.
SCROLL = r"""(y) => { window.scrollTo(0, y); return window.scrollY; }"""

ARTICLE_TARGETS = "article td, article th, article li, article p, article a, article img, article h1, article h2, article h3, article span, article caption, article summary, .md-header__topic"
SHARED_TARGETS = ".md-nav__link, .md-footer a, .md-header__topic"
SHARED_SCOPE = "header.md-header, .md-sidebar, .md-tabs, footer.md-footer, .md-search"
ARTICLE_SCOPE = "article, .md-header__topic, .md-footer__inner"


def script(js: str) -> str:
    return MARK + " " + js.strip()


def page_type(rel: str) -> str:
    """A page's kind from its path: ids replaced by '*', the realisasi suffix kept."""
    parts = [p for p in rel.split("/") if p and p != "index.html"]
    if not parts:
        return "/"
    shaped = [parts[0]] + [("*.realisasi" if p.endswith(".realisasi") else "*") for p in parts[1:]]
    return "/".join(shaped)


class Watch:
    """One browser context with every detection path attached."""

    def __init__(self, browser, *, width: int = 1280, height: int = 900, hook_dialogs: bool = True):
        """hook_dialogs=False leaves alert/confirm/prompt/print as the browser has them (their
        dialogs are then caught by the dialog listener: how the canary proves that path)."""
        self.hits: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.popups: list[str] = []
        self.loaded = False
        self.ctx = browser.new_context(viewport={"width": width, "height": height})
        hooks = HOOKS.replace("__MARK__", MARK).replace("HOOK_DIALOGS", "true" if hook_dialogs else "false")
        self.ctx.add_init_script(hooks)
        self.ctx.route("**/*", self._route)
        self.page = self.ctx.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.type + " " + d.message), d.dismiss()))
        self.page.on("console", self._console)
        self.ctx.on("page", self._popup)
        self.types_poked: set[str] = set()
        self.poked = 0

    def _console(self, msg):
        text = msg.text
        if text.startswith(MARK + " "):
            self.hits.append(text[len(MARK) + 1:])

    def _popup(self, p):
        self.popups.append(p.url)
        p.close()

    def _route(self, r):
        req = r.request
        if urlsplit(req.url).hostname not in ("127.0.0.1", "localhost"):
            self.outside.append(req.url)
            return r.abort()
        if req.is_navigation_request() and self.loaded:
            try:
                top = req.frame.parent_frame is None
            except PlaywrightError:  # the first navigation of a new window: a pop-up
                self.popups.append(req.url)
                top = True
            if top:
                return r.fulfill(status=204)  # "No Content": the browser stays on the page under test
        return r.continue_()

    def goto(self, url: str) -> None:
        self.loaded = False
        self.page.goto(url, wait_until="load")
        self.loaded = True

    def evaluate(self, js: str, arg=None):
        return self.page.evaluate(script(js), arg)

    def click_targets(self, selector: str) -> int:
        """Real mouse input on each target: measured in one call per screen of the page."""
        found, screen = self.evaluate(TARGETS, selector)
        clicked = 0
        by_screen: dict[int, list] = {}
        for i, x, y in found:
            by_screen.setdefault(int(y // screen), []).append((i, x, y))
        for k in sorted(by_screen):
            top = self.evaluate(SCROLL, k * screen)
            for _, x, y in by_screen[k]:
                vy = y - top
                if 0 <= vy < screen:
                    self.page.mouse.click(x, vy)
                    clicked += 1
        return clicked

    def visit(self, url: str, rel: str) -> None:
        self.goto(url)
        kind = page_type(rel)
        first_of_kind = kind not in self.types_poked
        self.types_poked.add(kind)
        self.click_targets(ARTICLE_TARGETS + (", " + SHARED_TARGETS if first_of_kind else ""))
        if first_of_kind:  # real keyboard focus; every element of every article gets el.focus() in POKE
            for _ in range(15):
                self.page.keyboard.press("Tab")
        self.poked += self.evaluate(POKE, ARTICLE_SCOPE)
        if first_of_kind:
            self.poked += self.evaluate(POKE, SHARED_SCOPE)
        self.page.wait_for_timeout(30)

    def search(self, base: str, words) -> None:
        """The search box renders titles and text from the index: feed it words."""
        self.goto(base)
        for word in words:
            box = self.page.locator("input.md-search__input")
            self.page.locator("label.md-search__icon, .md-search__input").first.click()
            box.fill("")
            box.press_sequentially(word, delay=5)
            self.page.wait_for_timeout(400)
            self.poked += self.evaluate(POKE, ".md-search")
            self.page.keyboard.press("Escape")
        self.page.wait_for_timeout(300)

    def close(self) -> None:
        self.page.wait_for_timeout(100)  # the last console reports arrive
        self.ctx.close()


def url_for(base: str, rel: str) -> str:
    return base + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


TOKEN = re.compile(r"kt-c[0-9]{2}")
