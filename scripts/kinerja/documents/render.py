"""Typst rendering: the shipped fonts only, user text as data, a QR code, PDF/A-2b.

User text never becomes Typst markup: the whole document is one JSON string in
`sys.inputs`, and the templates show its strings as they are. A character that no shipped
font covers is replaced by a visible marker (and reported), so nothing disappears silently
and PDF/A (which refuses missing glyphs) stays possible.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
FONTS = HERE / "fonts"
TEMPLATES = HERE / "templates"
MARKER = "\u25a1"  # □
PDF_STANDARD = "a-2b"


class RenderError(Exception):
    pass


@lru_cache(maxsize=1)
def _coverage() -> frozenset[int]:
    covered: set[int] = set()
    for path in sorted(FONTS.glob("*.ttf")):
        covered |= cmap_codepoints(path.read_bytes())
    return frozenset(covered)


# fontTools' getBestCmap order: the first subtable present decides
_BEST = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def cmap_codepoints(font: bytes) -> set[int]:
    """The code points of a TrueType font's best cmap subtable, as fontTools' getBestCmap gives
    them (its keys), read directly: fontTools decodes every glyph name first, which cost more than
    rendering a document. Formats 4 and 12 are read here; any other falls back to fontTools."""
    import struct

    def u16(at):
        return struct.unpack_from(">H", font, at)[0]

    tables = {font[12 + 16 * i: 16 + 16 * i]: struct.unpack_from(">I", font, 20 + 16 * i)[0] for i in range(u16(4))}
    base = tables.get(b"cmap")
    subtables = {}
    if base is not None:
        for i in range(u16(base + 2)):
            platform, encoding, offset = struct.unpack_from(">HHI", font, base + 4 + 8 * i)
            subtables.setdefault((platform, encoding), base + offset)
    for key in _BEST:
        at = subtables.get(key)
        if at is None:
            continue
        fmt = u16(at)
        if fmt == 4:  # segments of code points; the last (0xFFFF) is not a character
            n = u16(at + 6) // 2
            ends = struct.unpack_from(f">{n}H", font, at + 14)
            starts = struct.unpack_from(f">{n}H", font, at + 16 + 2 * n)
            return {c for start, end in zip(starts[:-1], ends[:-1]) for c in range(start, end + 1)}
        if fmt == 12:
            groups = struct.unpack_from(">I", font, at + 12)[0]
            out = set()
            for g in range(groups):
                start, end, _glyph = struct.unpack_from(">III", font, at + 16 + 12 * g)
                out.update(range(start, end + 1))
            return out
        break
    import io as _io

    from fontTools.ttLib import TTFont

    return set(TTFont(_io.BytesIO(font), lazy=True).getBestCmap() or {})


def _printable(ch: str, covered) -> bool:
    if ord(ch) in covered or ch in "\n\t":
        return True
    # joiners, direction marks and variation selectors shape text; they have no glyph of their own
    return unicodedata.category(ch) in ("Cf", "Mn", "Me") and ch not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


_LONG_RUN = re.compile(r"\S{%d,}" % 28)


def _breakable(text: str) -> str:
    """Typst does not break a word wider than its cell: offer a (zero-width) break every 14
    characters of a very long unbroken run, so it wraps instead of overflowing."""
    return _LONG_RUN.sub(lambda m: "\u200b".join(m.group(0)[i: i + 14] for i in range(0, len(m.group(0)), 14)), text)


def cover(value, missing: set[str]):
    """`value` with every character no shipped font has replaced by the marker, and very
    long words made breakable."""
    if isinstance(value, str):
        covered = _coverage()
        if all(_printable(ch, covered) for ch in value):
            return _breakable(value)
        out = []
        for ch in value:
            if _printable(ch, covered):
                out.append(ch)
            else:
                missing.add(ch)
                out.append(MARKER)
        return _breakable("".join(out))
    if isinstance(value, list):
        return [cover(v, missing) for v in value]
    if isinstance(value, dict):
        return {k: cover(v, missing) for k, v in value.items()}
    return value


def qr_svg(payload: str) -> str:
    import segno

    buf = io.BytesIO()
    # A fixed mask pattern (valid for every reader) instead of scoring all eight: the search
    # was 3/4 of the time of a whole document, and a regency prints tens of thousands.
    segno.make(payload, error="m", micro=False, mask=0).save(buf, kind="svg", border=2, xmldecl=False, svgns=True)
    return buf.getvalue().decode("ascii")


@lru_cache(maxsize=1)
def _fonts():
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)])


def render_pdf(template: str, data: dict, payload: str | None, epoch: int) -> bytes:
    """One PDF. Same data, payload and epoch -> the same bytes. No payload: no QR code (a
    document that `--verify` does not cover, such as the career dossier)."""
    import typst

    try:
        pdf = typst.compile(
            str(TEMPLATES / template),
            root=str(TEMPLATES),
            font_paths=_fonts(),
            sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True), "qr": qr_svg(payload) if payload else ""},
            timestamp=epoch,
            pdf_standards=[PDF_STANDARD],
        )
    except typst.TypstError as exc:  # a template bug, never user text: say it plainly
        raise RenderError(f"Typst gagal membuat dokumen: {exc.message}") from None
    return pdf
