"""Text that looks like personal data, refused in every public free-text field of the
suara publik kinds: a NIK (16 digits), a NIP / NI PPPK (18 digits), a phone number, an
e-mail address. The same detector redacts what slipped through on the way to the public
site (`redact`, the projection's second line of defence).

Digits may be grouped: "3504123412341234", "3504 1234 1234 1234", "35.04.12.3412341234",
the NIP's own "19920723 201903 2 011", phones as "0812-3456-7890", "+62 812 3456 7890",
"+62 (0)812 3456 7890", "+62 21 5551234", with the area code in brackets "(0743) 21234",
"(021) 555-1234", or any number of 5 or more digits after a word that names a phone
("telp. 21234", "HP: 812345678", "WA 0812...", "faks 21235").
Dates (2026-09-07, 07-09-2026, 7/9/2026), clock times (08.00-12.00) and short numbers next
to each other ("14 14 14 ...") are not joined into one number: a run separated by spaces
counts only when every group but the last has 4 or more digits (or it is the NIP layout
8-6-1-3, or a phone: a leading 0 / 62 / +62, then groups of 3 digits or more, where the
first and the last may have 2); dots
and hyphens without spaces join.
E-mail addresses also in their spelled-out forms: "nama (at) dinas.go.id",
"nama [at] dinas [dot] go [dot] id".
"""

from __future__ import annotations

import re

HIDDEN = "(disembunyikan)"

_DOT = r"(?:\.|\s*[\(\[]\s*(?:dot|titik)\s*[\)\]]\s*)"
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:@|[\(\[]\s*(?:at|et)\s*[\)\]])\s*[A-Za-z0-9\-]+(?:" + _DOT + r"[A-Za-z0-9\-]+)+",
    re.IGNORECASE,
)
# masked (same length, no digits) before numbers are read: dates and clock times
_DATE = re.compile(
    r"(?<![0-9])(?:(?:19|20)[0-9]{2}-[01]?[0-9]-[0-3]?[0-9]|[0-3]?[0-9][-/.][01]?[0-9][-/.](?:19|20)[0-9]{2})(?![0-9])"
)
_TIME = re.compile(r"(?<![0-9.:])[0-2]?[0-9][.:][0-5][0-9](?![0-9]|[.:][0-9])")
# "(0743) 21234", "+62 (0)812 ...", "(021)5551234": the brackets are read as spaces
_OPEN = re.compile(r"\((?=[ ]?\+?[0-9])")
_CLOSE = re.compile(r"(?<=[0-9])[ ]?\)")
_ZERO = re.compile(r"(?<=62)[ ]?\(0\)")
_ANY_DIGIT = re.compile(r"[0-9]")
_RUN = re.compile(r"(?<![0-9])\+?[0-9]+(?:(?:[ ]{1,4}|[ ]?[.\-/][ ]?)[0-9]+)*(?![0-9])")
_SEP = re.compile(r"[ .\-/]+")
_PHONE_WORD = re.compile(
    r"(?i)(?<![a-z])(?:telp|telpon|telepon|tlp|tel|hp|handphone|ponsel|wa|whatsapp|sms|fax|faks|faksimile)"
    r"(?![a-z])\.?[ ]?(?:[:.][ ]?)?(?=\+?[0-9(])"
)


def _what(groups: list[str], plus: bool, named: bool = False) -> str | None:
    digits = "".join(groups)
    lengths = [len(g) for g in groups]
    prefixed = plus or digits.startswith(("0", "62"))
    if len(groups) > 1 and lengths != [8, 6, 1, 3]:
        # a phone keeps a short prefix group ("+62 812 ...", "0812 ...", "+62 21 ..."); otherwise groups of >= 4 digits
        phone_like = (prefixed or named) and all(n >= 2 for n in lengths[1:2] + lengths[-1:]) and all(n >= 3 for n in lengths[2:-1])
        if not phone_like and any(n < 4 for n in lengths[:-1]):
            # look at the longest stretch of >=4-digit groups instead
            best = max(("".join(g for g in part) for part in _stretches(groups)), key=len, default="")
            return _what([best], False) if best and best != digits else None
    n = len(digits)
    if n == 16:
        return "NIK (16 angka)"
    if n == 18:
        return "NIP (18 angka)"
    if n > 16:
        return "deretan angka panjang (seperti NIK/NIP)"
    if digits.startswith("62") and 10 <= n <= 14:
        return "nomor telepon"
    if not plus and digits.startswith("0") and 9 <= n <= 13:
        return "nomor telepon"
    if named and n >= 5:
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


def _blank(m: re.Match) -> str:
    return "d" * len(m.group(0))


def _spaces(m: re.Match) -> str:
    return " " * len(m.group(0))


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, what it looks like) of every match, in order, not overlapping."""
    if "@" not in text and "[" not in text and "(" not in text and not _ANY_DIGIT.search(text):
        return []  # most public text: nothing to look at (20,000 complaints are checked per run)
    found = [(m.start(), m.end(), "alamat surel") for m in _EMAIL.finditer(text)]
    masked = text
    for start, end, _w in found:
        masked = masked[:start] + "e" * (end - start) + masked[end:]
    masked = _DATE.sub(_blank, masked)
    masked = _TIME.sub(_blank, masked)
    masked = _ZERO.sub(_spaces, masked)
    masked = _OPEN.sub(" ", masked)
    masked = _CLOSE.sub(_spaces, masked)
    named_at = {m.end() for m in _PHONE_WORD.finditer(masked)}
    for m in _RUN.finditer(masked):
        raw = m.group(0)
        plus = raw.startswith("+")
        body = raw.lstrip("+")
        # without spaces ("35.04.12.3412341234", "0812-3456-7890") the dots and hyphens only group one number
        groups = [g for g in _SEP.split(body) if g] if " " in body else [re.sub(r"[.\-/]", "", body)]
        named = any(m.start() - 2 <= at <= m.start() for at in named_at)
        what = _what(groups, plus, named)
        if what:
            start = m.start()
            if start and text[start - 1] == "(":  # the area code's bracket belongs to the number
                start -= 1
            end = m.end()
            if text[end:end + 1] == ")" and text.count("(", start, end) > text.count(")", start, end):
                end += 1  # "(0812 3456 7890)": the closing bracket too, but never one the number did not open
            found.append((start, end, what))
    found.sort()
    out, last = [], -1
    for start, end, what in found:
        if start >= last:
            out.append((start, end, what))
            last = end
    return out


def find(text: str) -> tuple[str, int] | None:
    """(what it looks like, 1-based line inside the text) of the first match, or None."""
    hits = spans(text)
    if not hits:
        return None
    emails = [h for h in hits if h[2] == "alamat surel"]
    start, _end, what = (emails or hits)[0]
    return what, text.count("\n", 0, start) + 1


def redact(text: str) -> str:
    """The text with every match replaced by "(disembunyikan)"."""
    hits = spans(text)
    if not hits:
        return text
    out, pos = [], 0
    for start, end, _what in hits:
        out.append(text[pos:start])
        out.append(HIDDEN)
        pos = end
    out.append(text[pos:])
    return "".join(out)
