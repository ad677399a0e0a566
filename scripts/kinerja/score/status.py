"""Status of an IKI in a period, for the public reader: tercapai, sesuai jalur, perlu
perhatian, belum ada data.

The rules are data (`status_iki` in the rule set; rendered on the Metodologi page): the
capaian of the period (score/capaian.py: realisasi against the full target, lower-is-better
and ranges already applied) is compared with the period's expected progress:
- `per_periode` IKI (each period stands alone): the full target, 100%;
- `kumulatif` IKI (the realisasi adds up through the year): pro rata, k/n of the target in
  the k-th of n periods (triwulan: n = 4, bulan: n = 12).
At least 100% of the target is "tercapai"; at least `ambang_sesuai_jalur`% of the expected
progress is "sesuai jalur"; below that "perlu perhatian"; no final realisasi (or no number
to compare) is "belum ada data". A sasaran takes the worst status of the IKI that answer for
it, ignoring "belum ada data" unless nothing else is there.

Exact fractions throughout; nothing here knows a threshold of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from kinerja.model.records import JENIS_REALISASI_DEFAULT

ORDER = ("perlu_perhatian", "sesuai_jalur", "tercapai", "belum_ada_data")  # worst first; no data last
JENIS = ("per_periode", "kumulatif")
DEFAULT_JENIS = JENIS_REALISASI_DEFAULT  # one default, in model/records.py
_PERIOD = re.compile(r"(triwulan)_([1-4])|(bulan)_(0[1-9]|1[0-2])")


@dataclass(frozen=True, slots=True)
class StatusRules:
    ambang_sesuai_jalur: Fraction  # percent of the expected progress
    label: dict[str, str]  # status id -> label as users read it
    simbol: dict[str, str]  # status id -> a symbol (never colour alone)
    verifikasi: bool


def rules_from(section: dict | None) -> StatusRules | None:
    """The rule set's `status_iki` section as a record; None when the rule set has none."""
    if not section:
        return None
    return StatusRules(
        ambang_sesuai_jalur=Fraction(str(section["ambang_sesuai_jalur"])),
        label={k: v["label"] for k, v in section["status"].items()},
        simbol={k: v["simbol"] for k, v in section["status"].items()},
        verifikasi=bool(section.get("verifikasi", False)),
    )


def expected_share(periode: str, jenis: str) -> Fraction:
    """The share of the full target expected by the end of `periode`."""
    if jenis != "kumulatif":
        return Fraction(1)
    m = _PERIOD.fullmatch(periode)
    if m is None:
        return Fraction(1)
    if m.group(1):
        return Fraction(int(m.group(2)), 4)
    return Fraction(int(m.group(4)), 12)


def iki_status(persen: Fraction | None, periode: str, jenis: str | None, rules: StatusRules) -> str:
    if persen is None:
        return "belum_ada_data"
    if persen >= 100:
        return "tercapai"
    if persen >= _on_track_from(periode, jenis or DEFAULT_JENIS, rules.ambang_sesuai_jalur):
        return "sesuai_jalur"
    return "perlu_perhatian"


@lru_cache(maxsize=256)
def _on_track_from(periode: str, jenis: str, ambang: Fraction) -> Fraction:
    """The lowest capaian (percent) that is "sesuai jalur": persen * 100 >= ambang * expected% is
    persen >= ambang * expected / 100, exactly (fractions). Computed once per (period, jenis,
    threshold): the site asks for every IKI of every plan."""
    return ambang * expected_share(periode, jenis)


def combined(statuses) -> str:
    """The status of a group (a sasaran): its worst IKI status; "belum ada data" only when
    no IKI of the group has data."""
    seen = set(statuses)
    for s in ORDER:
        if s in seen:
            return s
    return "belum_ada_data"
