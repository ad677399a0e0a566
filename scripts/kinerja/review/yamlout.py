"""A tiny YAML writer for data built from user input (issue forms).

Only dicts, lists, strings, numbers, booleans and None; every string is written
double-quoted with JSON escapes, so no user text can become a key, a tag, an anchor, a
comment or a second document. The result is read back through the strict loader before
it is used.
"""

from __future__ import annotations

import json
import unicodedata


def quote(text: str) -> str:
    out = []
    for ch in json.dumps(text, ensure_ascii=False)[1:-1]:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def scalar(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if "e" not in text and "inf" not in text and "nan" not in text else quote(text)
    return quote(str(value))


def _key(k: str) -> str:
    import re

    return k if re.fullmatch(r"[a-z_][a-z0-9_]*", k) else quote(k)


def dump(value, indent: int = 0, scalar=scalar) -> str:
    """Block-style YAML of `value`; `scalar` writes each leaf (orgio/emit.py passes one that leaves
    plain ids and dates bare)."""
    pad = " " * indent
    lines: list[str] = []

    def leaf(v) -> str:
        if isinstance(v, (dict, list)):
            return "{}" if isinstance(v, dict) else "[]"
        return scalar(v)

    if isinstance(value, dict):
        if not value:
            return pad + "{}\n"
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{_key(k)}:\n" + dump(v, indent + 2, scalar))
            else:
                lines.append(f"{pad}{_key(k)}: {leaf(v)}\n")
        return "".join(lines)
    if isinstance(value, list):
        if not value:
            return pad + "[]\n"
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = dump(item, indent + 2, scalar)
                lines.append(f"{pad}- " + inner[indent + 2 :])
            else:
                lines.append(f"{pad}- {leaf(item)}\n")
        return "".join(lines)
    return pad + scalar(value) + "\n"
