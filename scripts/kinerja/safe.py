"""Neutralising user text for the places it is shown outside HTML pages.

User text (names, RHK, feedback) is hostile by default. HTML pages escape it themselves
(publish/); this module covers spreadsheets and Markdown tables.
"""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMULA_START = _FORMULA_START  # text starting so is read as a formula by spreadsheet programs
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+!|~"


def csv_cell(value) -> str:
    """A spreadsheet cell that can never be read as a formula (OWASP "CSV injection")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def md_text(value) -> str:
    """Text for a Markdown table cell or list item: no markup, links, HTML or line breaks."""
    text = "–" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # no HTML, no entities of the writer's
    for ch in _MARKDOWN_SPECIAL:
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())
