"""Text that looks like personal data, refused in every public free-text field of the
suara publik kinds: a NIK (16 digits), a NIP / NI PPPK (18 digits), a phone number, an
e-mail address. Digits may be grouped by spaces, dots or hyphens ("3504 1234 ...")."""

from __future__ import annotations

import re

# a run of digits, allowing one space/dot/hyphen between digits
_DIGITS = re.compile(r"(?<![0-9])[0-9](?:[ .\-]?[0-9])*(?![0-9])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def _phone(digits: str, raw: str) -> bool:
    # Indonesian numbers: 08xx (mobile) or 0 + area code, 9-13 digits; +62 / 62 prefix
    if raw.lstrip().startswith("+") or digits.startswith("62"):
        return digits.startswith("62") and 10 <= len(digits) <= 14
    return digits.startswith("0") and 9 <= len(digits) <= 13


def find(text: str) -> tuple[str, int] | None:
    """(what it looks like, 1-based line inside the text) of the first match, or None."""
    for m in _EMAIL.finditer(text):
        return "alamat surel", text.count("\n", 0, m.start()) + 1
    for m in _DIGITS.finditer(text):
        raw = m.group(0)
        digits = re.sub(r"[^0-9]", "", raw)
        plus = text[max(0, m.start() - 1) : m.start()] == "+"
        what = None
        if len(digits) == 16:
            what = "NIK (16 angka)"
        elif len(digits) == 18:
            what = "NIP (18 angka)"
        elif len(digits) > 16:
            what = "deretan angka panjang (seperti NIK/NIP)"
        elif _phone(digits, ("+" if plus else "") + raw):
            what = "nomor telepon"
        if what:
            return what, text.count("\n", 0, m.start()) + 1
    return None
