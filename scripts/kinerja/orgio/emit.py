"""YAML text for an imported person or unit document.

Built on review/yamlout.py's quoting emitter: every string is double-quoted with escapes,
except plain tokens that cannot mean anything else (ids, codes, dates, golongan such as
III/b), which are written bare so that a rewritten file differs from the original only
where the data changed. The result is read back through the strict loader and must give
the same document; otherwise the fully quoted form is used.
"""

from __future__ import annotations

import re

from kinerja.loader import LoadError, load_text
from kinerja.review.yamlout import dump, scalar

_PLAIN = re.compile(r"[a-z][a-z0-9_-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}|[IVX]+(?:/[a-e])?")
# YAML 1.1 words a reader might take for something else, even though our loader does not.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _scalar(value) -> str:
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.casefold() not in _RESERVED:
        return value
    return scalar(value)


def render(header: list[str], doc: dict) -> str:
    head = "".join(line + "\n" for line in header)
    body = dump(doc, scalar=_scalar)
    try:
        if load_text(head + body).data == doc:
            return head + body
    except LoadError:
        pass
    return head + dump(doc)


__all__ = ["carry_comments", "render"]


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')
_INLINE = re.compile(r"\s+#")


def _split(line: str) -> tuple[str, str | None]:
    """(content, inline comment) of a YAML line; '#' inside quotes is not a comment."""
    masked = _QUOTED.sub(lambda m: "x" * len(m.group(0)), line)
    m = _INLINE.search(masked)
    if m is None:
        return line.rstrip(), None
    return line[: m.start()].rstrip(), line[m.start():]


def carry_comments(old: bytes, new_text: str, doc: dict) -> tuple[str, list[int]]:
    """Put the comments of the old file back into its rewritten text: a full-line comment
    above the same line, an inline comment after the same line (lines matched by their exact
    text, when it occurs once in each file), trailing comments at the end. Returns the text
    and the 1-based old lines whose comment found no place. The result must load to `doc`."""
    old_lines = old.decode("utf-8", errors="replace").splitlines()
    new_lines = new_text.splitlines()
    start = 0
    while start < len(old_lines) and (old_lines[start].startswith("#") or not old_lines[start].strip()):
        start += 1
    above: dict[str, list[tuple[int, str]]] = {}
    inline: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    pending: list[tuple[int, str]] = []
    lost: list[int] = []
    for n, line in enumerate(old_lines[start:], start=start + 1):
        if line.lstrip().startswith("#"):
            pending.append((n, line))
            continue
        if not line.strip():
            continue
        content, comment = _split(line)
        counts[content] = counts.get(content, 0) + 1
        if pending:
            above.setdefault(content, []).extend(pending)
            pending = []
        if comment:
            inline[content] = (n, comment)
    new_counts: dict[str, int] = {}
    for line in new_lines:
        new_counts[line] = new_counts.get(line, 0) + 1
    out, placed = [], set()
    for i, line in enumerate(new_lines):
        unique = counts.get(line) == 1 and new_counts.get(line) == 1 and i >= _header_end(new_lines)
        if unique and line in above:
            for n, text in above[line]:
                out.append(text)
                placed.add(n)
        if unique and line in inline:
            n, comment = inline[line]
            out.append(line + comment)
            placed.add(n)
        else:
            out.append(line)
    for n, text in pending:
        out.append(text)
        placed.add(n)
    for lines in above.values():
        lost += [n for n, _ in lines if n not in placed]
    lost += [n for n, _ in inline.values() if n not in placed]
    text = "\n".join(out) + "\n"
    try:
        if load_text(text).data != doc:
            raise LoadError("internal-error", "comments changed the data")
    except LoadError:
        comment_lines = sorted({n for lines in above.values() for n, _ in lines} | {n for n, _ in inline.values()} | {n for n, _ in pending})
        return new_text, comment_lines
    return text, sorted(lost)


def _header_end(lines: list[str]) -> int:
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    return i
