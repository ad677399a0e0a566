"""Building HTML where user text can only ever be text.

Every generated page is Markdown whose user text sits ONLY inside raw HTML blocks, escaped
with html.escape(quote=True): Python-Markdown stashes a raw HTML block and puts it back
verbatim, so no Markdown syntax (links, attr_list braces, snippets, footnotes, admonition
titles) is ever read in it. Escaping *then* running Markdown is not enough (hazards.md:
6 of 92 payloads still ran); escaping inside a raw block: 0.

Rules this module enforces by construction:
- `el(tag, *children, **attrs)`: plain `str` children are escaped; only `Html` values (built
  here) pass through. Attribute names come from code; values are always escaped.
- URLs in attributes come from `href()` (internal, built from ids) or from
  projection.safe_url (http/https only), and outside links get rel="nofollow noopener".
- `block(html)` makes one raw HTML block: a single line, no blank line, starting with a
  block-level tag, so Markdown can neither end it early nor read inside it.
- `safe_title()` makes the only user text that leaves the raw blocks (front matter title,
  shown by the theme in <title>, the header, the navigation and search results, sometimes
  unescaped or through `striptags`) free of every character HTML gives meaning to.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_TITLE_MAP = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "'": "’", "`": "ʼ", "\\": "∖", "{": "(", "}": ")"})
VOID = frozenset({"br", "img", "hr", "wbr", "col"})
_TAG = re.compile(r"[a-z][a-z0-9]*")
_ATTR = re.compile(r"[a-z][a-z0-9_-]*")


class Html(str):
    """Markup built by this module (safe to concatenate without escaping again)."""

    __slots__ = ()


def esc(value) -> Html:
    """User text -> HTML text: control characters dropped, escaped, line breaks kept as <br>."""
    if isinstance(value, Html):
        return value
    text = "" if value is None else str(value)
    if text.isprintable():  # no control, format or separator character, no line break: nothing to drop or split
        return Html(html.escape(text, quote=True))
    text = _CONTROL.sub("", text).strip("\r\n")
    if "\n" not in text and "\r" not in text:  # one line, the usual case
        return Html(html.escape(text, quote=True))
    return Html("<br>".join(html.escape(p, quote=True) for p in _NEWLINES.split(text)))


def attr_value(value) -> str:
    text = _CONTROL.sub("", "" if value is None else str(value))
    return html.escape(_NEWLINES.sub(" ", text), quote=True)


def join(*parts) -> Html:
    return Html("".join(p if isinstance(p, Html) else esc(p) for p in parts if p is not None))


def el(tag: str, *children, **attrs) -> Html:
    """<tag attrs>children</tag>. `class_` -> class; `data_x` -> data-x; True -> bare attribute."""
    if not _TAG.fullmatch(tag):
        raise ValueError(f"bad tag {tag!r}")
    out = ["<", tag]
    for name, value in attrs.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        if not _ATTR.fullmatch(name) or name.startswith("on") or name in ("style", "srcdoc", "formaction"):
            raise ValueError(f"attribute {name!r} not allowed")
        if value is True:
            out.append(f" {name}")
        else:
            out.append(f' {name}="{attr_value(value)}"')
    out.append(">")
    if tag in VOID:
        return Html("".join(out))
    for child in children:
        if child is None:
            continue
        if isinstance(child, (list, tuple)):
            out.extend(c if isinstance(c, Html) else esc(c) for c in child if c is not None)
        else:
            out.append(child if isinstance(child, Html) else esc(child))
    out.append(f"</{tag}>")
    return Html("".join(out))


def link_out(url: str, text, new_tab: bool = True) -> Html:
    """A link leaving the site: the URL was checked by projection.safe_url. Written directly
    (there are tens of thousands of evidence links): the same markup el("a", text, href=url,
    rel="nofollow noopener", target="_blank" if new_tab else None) gives."""
    if not isinstance(url, str) or not isinstance(text, str):
        return el("a", text, href=url, rel="nofollow noopener", target="_blank" if new_tab else None)
    target = ' target="_blank"' if new_tab else ""
    return Html(f'<a href="{attr_value(url)}" rel="nofollow noopener"{target}>{esc(text)}</a>')


# Closing tags that end a cell, item or paragraph: a space goes after each one that another tag follows.
_CELL_ENDS = tuple(f"</{t}><" for t in ("td", "th", "li", "p", "caption", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
                                        "dt", "dd", "tr"))


def block(content: Html) -> str:
    """One raw HTML block for a Markdown page: a <div> on a single line, blank lines around."""
    if not isinstance(content, Html):
        raise TypeError("block() takes Html built by this module")
    line = content.replace("\r", "").replace("\n", " ")
    # a space after each cell, item and paragraph: the search index reads the text without the
    # tags, and "Jenis</th><td>Puskesmas" would otherwise become one word "JenisPuskesmas"
    for end in _CELL_ENDS:  # str.replace, not a regex with a template: tens of thousands of cells per page
        while end in line:  # a second pass for a run of one tag ("</td></td><"): each match took the next one's "<"
            line = line.replace(end, end[:-1] + " <")
    if not line.startswith("<div"):
        line = "<div>" + line + "</div>"
    return "\n" + line + "\n\n"


def safe_title(text, limit: int = 120) -> str:
    """Plain text without HTML-significant characters (for titles outside raw blocks)."""
    t = _CONTROL.sub("", "" if text is None else str(text)).translate(_TITLE_MAP)
    t = " ".join(t.split())
    if len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    return t or "Tanpa judul"


def front_matter(title: str, *, search_exclude: bool = False, hide: tuple[str, ...] = ()) -> str:
    """YAML front matter written as JSON (a subset of YAML): no YAML feature can be triggered."""
    meta: dict = {"title": safe_title(title)}
    if search_exclude:
        meta["search"] = {"exclude": True}
    if hide:
        meta["hide"] = list(hide)
    return "---\n" + json.dumps(meta, ensure_ascii=True, sort_keys=True) + "\n---\n"


def md_heading(level: int, text: str, anchor: str | None = None) -> str:
    """A Markdown heading for the site's OWN words only (never user text)."""
    if any(c in text for c in "<>&[]{}()*_`#\\!|~"):
        raise ValueError("md_heading is for fixed text only")
    return "\n" + "#" * level + " " + text + "\n\n"


# --- URLs between generated files ---------------------------------------------------------------


def page_url(src: str) -> str:
    """The URL path (directory URLs) of a docs file: unit/disdik.md -> unit/disdik/."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A relative link from one docs file's page to another docs file (page or asset)."""
    base = page_url(from_src)
    target = page_url(to_src)
    rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if (target.endswith("/") or target == "") and not rel.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    if anchor:
        rel += "#" + anchor
    return rel
