"""The distribution of employee predikat in a unit against its predikat organisasi
(SE MenPANRB 03/2023): guidance, reported as warnings, never a block.

Percentages are compared exactly (count x 100 against limit x group size); only the
displayed numbers are rounded. Groups below the rule set's minimum size are reported as
too small to judge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.model.rules import RuleSet
from kinerja.score.numbers import exact, indonesian


@dataclass(slots=True)
class CurveResult:
    status: str  # "sesuai", "menyimpang", "terlalu_kecil", "tanpa_predikat_organisasi", "tanpa_aturan"
    pelanggaran: list[str] = field(default_factory=list)
    ukuran_minimum: int | None = None


def check_curve(rules: RuleSet | None, predikat_organisasi: str | None, counts: dict[str, int]) -> CurveResult:
    if rules is None or not rules.kurva:
        return CurveResult("tanpa_aturan")
    minimum = rules.kurva["ukuran_kelompok_minimum"]
    if predikat_organisasi is None:
        return CurveResult("tanpa_predikat_organisasi", ukuran_minimum=minimum)
    n = sum(counts.values())
    if n < minimum:
        return CurveResult("terlalu_kecil", ukuran_minimum=minimum)
    label = rules.predikat_label
    problems = []
    for rule in rules.kurva["aturan"].get(predikat_organisasi, ()):
        group = rule["predikat"]
        k = sum(counts.get(p, 0) for p in group)
        names = " dan/atau ".join(label(p) for p in group)
        share = indonesian(Fraction(k * 100, n), 1, "%")
        if "maks_persen" in rule and k * 100 > exact(rule["maks_persen"]) * n:
            problems.append(f"{names}: {k} dari {n} pegawai ({share}), melebihi batas {rule['maks_persen']:g}%.")
        if "min_persen" in rule and k * 100 < exact(rule["min_persen"]) * n:
            problems.append(f"{names}: {k} dari {n} pegawai ({share}), kurang dari batas bawah {rule['min_persen']:g}%.")
        if "min_orang" in rule and k < rule["min_orang"]:
            problems.append(f"{names}: {k} pegawai, padahal paling sedikit {rule['min_orang']} orang.")
        if rule.get("terbanyak"):
            others = max((c for p, c in counts.items() if p not in group), default=0)
            if k < others:
                problems.append(f"{names} seharusnya kelompok terbanyak, tetapi hanya {k} dari {n} pegawai.")
    return CurveResult("menyimpang" if problems else "sesuai", problems, minimum)
