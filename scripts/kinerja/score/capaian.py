"""Capaian IKI: realisasi against target, as objective evidence (domain.md §4).

capaian = realisasi / target x 100%; for "lower is better" indicators
(1 + (1 - realisasi / target)) x 100%; a range target uses its upper bound when realisasi
is above it, its lower bound when below, and counts as 100% inside it. Exact fractions;
a capaian below 0% is shown as 0%.

What a period's realisasi means depends on the IKI's `jenis_realisasi` (the one rule, read
by the scorer, the PR comment and the site):
- `kumulatif` (default): the total since the plan began, up to the end of the period; the
  capaian is the progress towards the plan's target, and the year's figure is the last
  period's. A total that goes down from one period to the next is reported (it was
  probably written as that period's amount alone).
- `per_periode`: the target holds for each period; the realisasi is that period's alone; the
  year's figure is the mean of the periods' realisasi (exact), compared with the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kinerja.model.records import Iki, Target
from kinerja.score.numbers import exact


@dataclass(slots=True)
class Capaian:
    rhk: str
    iki: str
    aspek: str | None
    uraian: str
    target: str  # as shown: "12 kelas", "80–90%"
    realisasi: float | int | str | None
    lebih_kecil_lebih_baik: bool
    persen: Fraction | None  # None when not computable (narrative, missing, zero target)
    keterangan: str | None = None
    jenis_realisasi: str = "kumulatif"
    persen_tahunan: Fraction | None = None  # the closing evaluation only: the year's capaian
    realisasi_tahunan: Fraction | None = None  # per_periode: mean of the periods; kumulatif: the last


JENIS_LABEL = {
    "kumulatif": "kumulatif sejak awal rencana",
    "per_periode": "periode ini saja",
}


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def yearly_realisasi(jenis: str, values: list) -> Fraction | None:
    """The year's realisasi of one IKI from its periods' values (in period order)."""
    numbers = [exact(v) for v in values if is_number(v)]
    if not numbers:
        return None
    if jenis == "per_periode":
        return sum(numbers, Fraction(0)) / len(numbers)
    return numbers[-1]


def _below(a, b) -> bool:
    """a < b as the numbers are written (exact decimals). Two floats compare in the same order as
    their shortest decimals (distinct floats' decimals lie in disjoint, ordered rounding
    intervals), two ints exactly; only a mixed pair needs the Fractions (slow in CPython)."""
    if type(a) is type(b):
        return a < b
    return exact(a) < exact(b)


def decreases(values: list[tuple[str, object]]) -> list[tuple[str, str]]:
    """(earlier period, later period) pairs where a cumulative total went down."""
    out, last = [], None
    for period, v in values:
        if not is_number(v):
            continue
        if last is not None and _below(v, last[1]):
            out.append((last[0], period))
        last = (period, v)
    return out


def with_unit(number: str, satuan: str | None) -> str:
    """'85 poin', but '60%': Indonesian writes the percent sign against the number."""
    if not satuan:
        return number
    return number + satuan if satuan == "%" else f"{number} {satuan}"


def target_text(t: Target | None, narrative: str | None = None) -> str:
    if t is None:
        return narrative or "–"
    def n(x):
        return f"{x:g}".replace(".", ",")
    if t.is_range:
        return with_unit(f"{n(t.min)}–{n(t.maks)}", t.satuan)
    return with_unit(n(t.nilai), t.satuan)


def capaian_percent(target: Target, realisasi, lower_is_better: bool) -> tuple[Fraction | None, str | None]:
    if not isinstance(realisasi, Fraction) and not is_number(realisasi):
        return None, "realisasi bukan angka"
    r = exact(realisasi)
    if target.is_range:
        lo, hi = exact(target.min), exact(target.maks)
        if lo <= r <= hi:
            return Fraction(100), "di dalam rentang target"
        bound = hi if r > hi else lo
    else:
        bound = exact(target.nilai)
    if bound == 0:
        return None, "target bernilai 0: capaian tidak dapat dihitung"
    ratio = r / bound
    value = (2 - ratio) * 100 if lower_is_better else ratio * 100
    if value < 0:
        return Fraction(0), "capaian di bawah 0% ditampilkan 0%"
    return value, None


def for_iki(rhk_id: str, iki: Iki, realisasi) -> Capaian:
    if iki.target is None:
        persen, note = None, "target naratif (kualitatif)"
    elif realisasi is None:
        persen, note = None, "realisasi belum dilaporkan"
    else:
        persen, note = capaian_percent(iki.target, realisasi, iki.lebih_kecil_lebih_baik)
    return Capaian(
        rhk=rhk_id,
        iki=iki.id,
        aspek=iki.aspek,
        uraian=iki.uraian,
        target=target_text(iki.target, iki.target_teks),
        realisasi=realisasi,
        lebih_kecil_lebih_baik=iki.lebih_kecil_lebih_baik,
        persen=persen,
        keterangan=note,
        jenis_realisasi=iki.jenis_realisasi,
    )
