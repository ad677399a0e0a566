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
from kinerja.review.yamlout import _key, dump, quote, scalar

_PLAIN = re.compile(r"[a-z][a-z0-9_-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}|[IVX]+(?:/[a-e])?")
# YAML 1.1 words a reader might take for something else, even though our loader does not.
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _scalar(value) -> str:
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.casefold() not in _RESERVED:
        return value
    return scalar(value)


def _dump(value, indent: int = 0) -> str:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{_key(k)}:\n" + _dump(v, indent + 2))
            elif isinstance(v, (dict, list)):
                lines.append(f"{pad}{_key(k)}: {'{}' if isinstance(v, dict) else '[]'}\n")
            else:
                lines.append(f"{pad}{_key(k)}: {_scalar(v)}\n")
        return "".join(lines)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = _dump(item, indent + 2)
                lines.append(f"{pad}- " + inner[indent + 2 :])
            elif isinstance(item, (dict, list)):
                lines.append(f"{pad}- {'{}' if isinstance(item, dict) else '[]'}\n")
            else:
                lines.append(f"{pad}- {_scalar(item)}\n")
        return "".join(lines)
    return pad + _scalar(value) + "\n"


def render(header: list[str], doc: dict) -> str:
    head = "".join(line + "\n" for line in header)
    body = _dump(doc)
    try:
        if load_text(head + body).data == doc:
            return head + body
    except LoadError:
        pass
    return head + dump(doc)


__all__ = ["render", "quote"]
