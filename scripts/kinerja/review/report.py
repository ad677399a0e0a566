"""Small output helpers shared by the review commands: safe paths, workflow commands, JSON files.

User-controlled text (file names, logins, form values) reaches these outputs. Paths and
values are shown with control characters escaped (findings.shown), and every GitHub
workflow command line starts with `::` written here, never with user text.
"""

from __future__ import annotations

import json
from pathlib import Path

from kinerja.findings import _escape_data, _escape_property, shown
from kinerja.writefile import AlreadyExists, write_new

ANNOTATIONS_PER_KIND = 10


def safe(text: str, limit: int = 300) -> str:
    """User text on one line, control characters escaped, without the quotes of shown()."""
    return shown(text, limit)[1:-1]


def annotation(level: str, message: str, *, file: str | None = None, title: str | None = None) -> str:
    props = []
    if file is not None:
        props.append(f"file={_escape_property(safe(file))}")
    if title is not None:
        props.append(f"title={_escape_property(title)}")
    head = f"::{level}" + (" " + ",".join(props) if props else "")
    return f"{head}::{_escape_data(message)}"


def annotations(items: list[tuple[str, str, str | None, str | None]]) -> list[str]:
    """(level, message, file, title) -> lines, at most 10 per level plus a note on the rest."""
    shown_count: dict[str, int] = {}
    hidden: dict[str, int] = {}
    lines = []
    for level, message, file, title in items:
        if shown_count.get(level, 0) >= ANNOTATIONS_PER_KIND:
            hidden[level] = hidden.get(level, 0) + 1
            continue
        shown_count[level] = shown_count.get(level, 0) + 1
        lines.append(annotation(level, message, file=file, title=title))
    for level, n in hidden.items():
        lines.append(annotation(level, f"{n} catatan lain tidak ditampilkan (GitHub membatasi {ANNOTATIONS_PER_KIND} "
                                       "anotasi per jenis); lihat laporan JSON di artefak.", title="Catatan lain"))
    return lines


def write_json(path: str, doc: dict) -> None:
    """Write a report file; never over an existing file."""
    from kinerja.cli import UsageError

    try:
        write_new(Path(path), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    except AlreadyExists:
        raise UsageError(f"{path} sudah ada; pilih nama berkas lain (berkas yang ada tidak ditimpa).") from None


def read_json(path: str):
    from kinerja.cli import UsageError

    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"Berkas {path} tidak dapat dibaca ({exc.strerror}).") from None
    except (ValueError, UnicodeDecodeError):
        raise UsageError(f"Berkas {path} bukan JSON yang sah.") from None


_MD_SPECIAL = set("\\`*_[]|~!")


def md(text: str, limit: int = 500) -> str:
    """User text inside Markdown (PR comments, issue replies): one line, no markup, no mentions.

    HTML is entity-escaped, `@` becomes an entity so no one is pinged, and Markdown
    punctuation is backslash-escaped, so links, images and tables cannot be injected.
    """
    out = []
    for ch in safe(text, limit):
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "@":
            out.append("&#64;")
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def code(text: str, limit: int = 300) -> str:
    """User text (a file name) as inline code: a fence longer than any backtick run inside."""
    text = safe(text, limit)
    run = longest = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"
