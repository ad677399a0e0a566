"""The one grammar of a numeric target as people write it (forms, editor, messages).

A phrase either parses to the meaning a reader would give it, or is refused with the reason
and a corrected example — never silently read as something else:

    "90%-100%", "90 - 100 %", "90 s.d. 100 %", "90–100%"      -> range 90..100 %
    "≥ 95 %", ">= 95%", "minimal 95 %", "paling sedikit 95%"     -> 95 %, higher is better
    "≤ 7 hari", "maksimal 7 hari", "paling lambat 7 hari kerja" -> 7 hari, lower is better
    "1.000 dokumen", "1.000.000 orang", "7,5 jam"                  -> Indonesian numbers
    "Rp 50.000.000", "Rp50 juta", "Rp 1,5 miliar"                 -> rupiah
    "1.5", "1.000,5", "1,000", "> 95 %", "31 Desember"            -> refused, with a hint

Numbers are Indonesian: dots group thousands (in threes), a comma starts decimals. A dot
followed by other than three digits is an English decimal; a comma followed by exactly three
digits could be either; both are refused because a reader cannot tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

MAX_VALUE = 10**15
MAX_UNIT = 40

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEP = r"(?:-|s\.?\s?/?\s?d\.?|sampai(?:\s+dengan)?|hingga)"
# a separator counts only when a number follows it ("12 SD" is twelve schools, not a range)
_RANGE_SEP = re.compile(rf"\s*{_SEP}\s*(?=(?:rp\.?\s*)?\d)", re.I)
_UNIT_THEN_SEP = re.compile(rf"(%|[^\d\s-][^\d-]*?)\s*{_SEP}\s*(?=(?:rp\.?\s*)?\d)", re.I)
_MULTIPLIER = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
_MONEY_MULTIPLIER = {"rb": 10**3, "jt": 10**6, "m": 10**9}  # abbreviations read only after "Rp" ("500 m" is metres)
_HIGHER = ("paling sedikit", "sekurang-kurangnya", "sekurangnya", "setidaknya", "setidak-tidaknya", "minimal", "minimum", "min.", "min", "≥", ">=")
_LOWER = ("selambat-lambatnya", "paling lambat", "paling lama", "paling banyak", "tidak lebih dari", "maksimal", "maksimum", "maks.", "maks", "max", "≤", "<=")
_STRICT = ("lebih dari", "kurang dari", ">", "<")
_LOWER_SUFFIX = re.compile(r"\s*\(?\s*(?:lebih kecil|makin kecil|semakin kecil)\s+(?:lebih|makin|semakin)\s+baik\s*\)?\s*$", re.I)
_MONTHS = re.compile(r"\b(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b", re.I)
_WORD_NUMBERS = re.compile(r"^(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|seratus|seribu|sejuta)\b", re.I)


class TargetError(ValueError):
    """A phrase that cannot be read with certainty; the message says why and how to write it."""


@dataclass(frozen=True)
class Target:
    """nilai (one value) or min/maks (a range), with a unit; `lower_is_better` for waktu/biaya-like IKI."""

    satuan: str
    nilai: int | float | None = None
    min: int | float | None = None
    maks: int | float | None = None
    lower_is_better: bool = False

    def as_yaml(self) -> dict:
        d = {"nilai": self.nilai} if self.nilai is not None else {"min": self.min, "maks": self.maks}
        d["satuan"] = self.satuan
        return d


def _plain(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def number(text: str) -> Fraction:
    """An Indonesian-written number. Raises TargetError (with a hint) when it is ambiguous."""
    t = text.strip()
    if not re.fullmatch(r"\d[\d.,]*", t) or t.endswith((".", ",")):
        raise TargetError(f"“{text}” bukan angka.")
    if "." in t and "," in t:
        raise TargetError(
            f"angka “{text}” memakai titik dan koma sekaligus; tulis tanpa titik ribuan bila ada pecahan, "
            f"misalnya {t.replace('.', '')}."
        )
    if "," in t:
        whole, _, frac = t.partition(",")
        if "," in frac:
            raise TargetError(f"angka “{text}” memakai koma lebih dari sekali; tulis ribuan dengan titik, misalnya 1.000.000.")
        if len(frac) == 3 and whole.lstrip("0"):  # "0,125" can only be a fraction
            raise TargetError(
                f"angka “{text}” dapat berarti {whole}{frac} (ribuan ala Inggris) atau {whole},{frac} (pecahan); "
                f"tulis {whole}.{frac} untuk ribuan, atau {whole},{frac.rstrip('0') or '0'} untuk pecahan."
            )
        return Fraction(int(whole)) + Fraction(int(frac), 10 ** len(frac))
    if "." in t:
        groups = t.split(".")
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])) or groups[0].startswith("0"):
            raise TargetError(
                f"angka “{text}”: pecahan ditulis dengan koma ({t.replace('.', ',', 1)}); titik hanya untuk ribuan (1.000)."
            )
        return Fraction(int(t.replace(".", "")))
    if len(t) > 1 and t.startswith("0"):
        raise TargetError(f"angka “{text}” diawali nol; tulis {t.lstrip('0') or '0'}.")
    return Fraction(int(t))


def _prefix(text: str, words) -> tuple[str | None, str]:
    low = text.casefold()
    for w in words:
        if low.startswith(w) and (not w[-1].isalpha() or len(low) == len(w) or not low[len(w)].isalpha()):
            return w, text[len(w):].strip()
    return None, text


def _amount(text: str, rupiah: bool) -> tuple[Fraction, str]:
    """A number with an optional multiplier word, then the rest (the unit)."""
    m = re.match(r"(\d(?:[\d.,]*\d)?)\s*(.*)$", text, re.S)
    if not m:
        raise TargetError("tidak ada angka")
    value = number(m.group(1))
    rest = m.group(2)
    words = {**_MULTIPLIER, **(_MONEY_MULTIPLIER if rupiah else {})}
    mult = re.match(r"([a-z]+)\b\.?\s*(.*)$", rest, re.I | re.S)
    if mult and mult.group(1).casefold() in words:
        value *= words[mult.group(1).casefold()]
        rest = mult.group(2)
    return value, rest.strip()


def _unit(text: str, rupiah: bool) -> str:
    unit = re.sub(r"\s+", " ", text).strip()
    if re.fullmatch(r"(?i)persen|%", unit):
        unit = "%"
    elif re.match(r"(?i)persen\b", unit):
        unit = "%" + unit[6:]
    if rupiah:
        if unit and unit.casefold() not in ("rupiah", "rp"):
            unit = f"rupiah {unit}"
        else:
            unit = "rupiah"
    return unit


EXAMPLES = "'1.000 dokumen', '90–100 %', 'minimal 95 %', 'paling lambat 7 hari' atau 'Rp 50.000.000'"


def parse(text: str) -> Target:
    """The target a phrase means. Raises TargetError with an Indonesian reason and example."""
    original = text
    t = re.sub(r"\s+", " ", (text or "").strip())
    for dash in _DASHES:
        t = t.replace(dash, "-")
    if not t:
        raise TargetError("target kosong. Tulis angka lalu satuan, misalnya " + EXAMPLES + ".")
    lower = False
    m = _LOWER_SUFFIX.search(t)
    if m:
        lower, t = True, t[: m.start()].strip()
    strict, _ = _prefix(t, _STRICT)
    if strict and not _prefix(t, (">=", "<="))[0]:
        bound = "minimal" if strict in ("lebih dari", ">") else "maksimal"
        raise TargetError(
            f"target “{original}” memakai batas tanpa sama dengan ({strict}); tulis batas yang termasuk, "
            f"misalnya '{bound} …' atau '{'≥' if bound == 'minimal' else '≤'} …'."
        )
    word, t = _prefix(t, _HIGHER)
    if word is None:
        word, t = _prefix(t, _LOWER)
        if word is not None:
            lower = True
    rupiah = False
    if re.match(r"(?i)rp\.?\s*", t):
        rupiah = True
        t = re.sub(r"(?i)^rp\.?\s*", "", t)
    if _MONTHS.search(t) or re.search(r"\d{1,2}[-/]\d{1,2}[-/]\d{2,4}", t):
        raise TargetError(
            f"target “{original}” berupa tanggal; tulis lama waktu dengan angka dan satuan, misalnya "
            "'paling lambat 10 hari kerja' atau '12 bulan'."
        )
    if _WORD_NUMBERS.match(t):
        raise TargetError(f"target “{original}”: tulis angkanya dengan digit, misalnya '1 laporan' atau '100 %'.")
    if t.startswith("-") or t.startswith("+"):
        raise TargetError(f"target “{original}”: target tidak boleh bertanda minus atau plus.")
    try:
        a, rest = _amount(t, rupiah)
    except TargetError as exc:
        if str(exc) == "tidak ada angka":
            raise TargetError(f"target “{original}” tidak dapat dibaca. Tulis angka lalu satuan, misalnya {EXAMPLES}.") from None
        raise TargetError(f"target “{original}”: {exc}") from None
    b = None
    unit_a = ""
    sep = _RANGE_SEP.match(rest)
    if sep is None:
        # "90%-100%": the first unit sits between the number and the separator
        m = _UNIT_THEN_SEP.match(rest)
        if m:
            unit_a, rest = m.group(1).strip(), rest[m.end():]
            sep = True
    else:
        rest = rest[sep.end():]
    if sep is not None:
        if word is not None:
            raise TargetError(f"target “{original}”: rentang tidak memakai '{word}'; tulis '90–100 %' saja.")
        rest = re.sub(r"(?i)^rp\.?\s*", "", rest) if rupiah else rest
        try:
            b, rest = _amount(rest, rupiah)
        except TargetError as exc:
            raise TargetError(f"target “{original}”: {exc}") from None
    unit = _unit(rest, rupiah)
    if unit_a:
        ua = _unit(unit_a, rupiah)
        if unit and ua != unit:
            raise TargetError(f"target “{original}”: satuan kedua angka berbeda ({ua} dan {unit}); tulis satu satuan, misalnya '90–100 %'.")
        unit = unit or ua
    if not unit:
        raise TargetError(f"target “{original}” belum bersatuan. Tulis satuannya, misalnya {EXAMPLES}.")
    if len(unit) > MAX_UNIT:
        raise TargetError(f"satuan target lebih dari {MAX_UNIT} karakter; pindahkan penjelasan ke uraian IKI.")
    if any(ch.isdigit() or ch.isnumeric() for ch in unit):
        raise TargetError(f"target “{original}”: ada angka lain di satuan ({unit}); tulis satu angka atau satu rentang.")
    for v in (a, b):
        if v is not None and v > MAX_VALUE:
            raise TargetError(f"angka target “{original}” terlalu besar.")
    if b is not None:
        if b < a:
            raise TargetError(f"rentang target “{original}”: angka pertama harus lebih kecil dari angka kedua.")
        if b == a:
            return Target(unit, nilai=_plain(a), lower_is_better=lower)
        return Target(unit, min=_plain(a), maks=_plain(b), lower_is_better=lower)
    return Target(unit, nilai=_plain(a), lower_is_better=lower)


def format_number(value: int | float) -> str:
    """Indonesian notation that `number` reads back to the same value: 1.000, 7,5, 1234,5."""
    f = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    if f.denominator == 1:
        return f"{int(f):,}".replace(",", ".")
    text = repr(float(f))
    whole, _, frac = text.partition(".")
    if "e" in text or "E" in text:
        text = f"{float(f):.15f}".rstrip("0")
        whole, _, frac = text.partition(".")
    if len(frac) == 3:
        frac += "0"  # 1,5 is fine; ",125" would read as ambiguous thousands: write 0,1250
    return f"{whole},{frac}"


def render(t: Target) -> str:
    """The canonical phrase of a target (what the forms and the editor show)."""
    unit = t.satuan
    joint = "" if unit.startswith("%") else " "
    if t.nilai is not None:
        body = f"{format_number(t.nilai)}{joint}{unit}"
    else:
        body = f"{format_number(t.min)}–{format_number(t.maks)}{joint}{unit}"
    if unit.startswith("rupiah"):
        amount = format_number(t.nilai) if t.nilai is not None else f"{format_number(t.min)}–Rp {format_number(t.maks)}"
        rest = unit[len("rupiah"):].strip()
        body = f"Rp {amount}" + (f" {rest}" if rest else "")
    if not t.lower_is_better:
        return body
    return f"maksimal {body}" if t.nilai is not None else f"{body} (lebih kecil lebih baik)"
