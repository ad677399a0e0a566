"""Text that looks like personal data, refused in every public free-text field of the
suara publik kinds: a NIK (16 digits), a NIP / NI PPPK (18 digits), a phone number, an
e-mail address.

Digits may be grouped: "3504123412341234", "3504 1234 1234 1234", "35.04.12.3412341234",
the NIP's own "19920723 201903 2 011", phones as "0812-3456-7890" or "+62 812 3456 7890".
Dates (2026-09-07) and short numbers next to each other ("14 14 14 ...") are not joined
into one number: a run separated by spaces counts only when every group but the last has 4
or more digits (or it is the NIP layout 8-6-1-3); dots and hyphens without spaces join.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_DATE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9](?![0-9])")
_ANY_DIGIT = re.compile(r"[0-9]")
_RUN = re.compile(r"(?<![0-9])\+?[0-9]+(?:[ .\-][0-9]+)*(?![0-9])")


def _what(groups: list[str], plus: bool) -> str | None:
    digits = "".join(groups)
    lengths = [len(g) for g in groups]
    if len(groups) > 1 and lengths != [8, 6, 1, 3]:
        # a phone keeps a short prefix group ("+62 812 ...", "0812 ..."); otherwise groups of >= 4 digits
        phone_like = (plus or digits.startswith(("0", "62"))) and all(n >= 3 for n in lengths[1:])
        if not phone_like and any(n < 4 for n in lengths[:-1]):
            # look at the longest stretch of >=3-digit groups instead
            best = max(("".join(g for g in part) for part in _stretches(groups)), key=len, default="")
            return _what([best], False) if best and best != digits else None
    n = len(digits)
    if n == 16:
        return "NIK (16 angka)"
    if n == 18:
        return "NIP (18 angka)"
    if n > 16:
        return "deretan angka panjang (seperti NIK/NIP)"
    if (plus or digits.startswith("62")) and digits.startswith("62") and 10 <= n <= 14:
        return "nomor telepon"
    if not plus and digits.startswith("0") and 9 <= n <= 13:
        return "nomor telepon"
    return None


def _stretches(groups: list[str]) -> list[list[str]]:
    out, cur = [], []
    for g in groups:
        if len(g) >= 4:
            cur.append(g)
        else:
            if cur:
                out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def find(text: str) -> tuple[str, int] | None:
    """(what it looks like, 1-based line inside the text) of the first match, or None."""
    if "@" not in text and "(at)" not in text and "[at]" not in text and not _ANY_DIGIT.search(text):
        return None  # most public text: nothing to look at (20,000 complaints are checked per run)
    for m in _EMAIL.finditer(text):
        return "alamat surel", text.count("\n", 0, m.start()) + 1
    masked = _DATE.sub(lambda m: "d" * len(m.group(0)), text)
    for m in _RUN.finditer(masked):
        raw = m.group(0)
        plus = raw.startswith("+")
        body = raw.lstrip("+")
        # without spaces ("35.04.12.3412341234", "0812-3456-7890") the dots and hyphens only group one number
        groups = re.split(r"[ .\-]", body) if " " in body else [re.sub(r"[.\-]", "", body)]
        what = _what(groups, plus)
        if what:
            return what, text.count("\n", 0, m.start()) + 1
    return None
