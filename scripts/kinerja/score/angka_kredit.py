"""Angka kredit for jabatan fungsional (PermenPANRB 1/2023, PerBKN 3/2023).

AK = (months / 12) x conversion% x annual coefficient of the jenjang, from the predikat
of the plan's closing evaluation: the annual one (triwulan_4) for a full-year plan, or
the evaluation of the period in which a shorter plan ends. A month counts for the plan
that covers its first day, so two plans in one year share its twelve months exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from kinerja.model.records import Plan
from kinerja.model.rules import RuleSet
from kinerja.score.numbers import exact


@dataclass(slots=True)
class AngkaKredit:
    value: Fraction | None
    bulan: int
    jenjang: str | None
    keterangan: str


def months_covered(plan: Plan) -> int:
    return sum(1 for m in range(1, 13) if plan.mulai <= date(plan.tahun, m, 1) <= plan.selesai)


def closing_period(plan: Plan) -> str:
    return f"triwulan_{(plan.selesai.month - 1) // 3 + 1}"


def angka_kredit(rules: RuleSet, plan: Plan, jenjang: str | None, predikat: str) -> AngkaKredit:
    months = months_covered(plan)
    table = rules.angka_kredit
    coef = table.get("koefisien_tahunan", {}).get(jenjang or "")
    if coef is None:
        return AngkaKredit(None, months, jenjang, f"koefisien jenjang {jenjang or '?'} tidak diketahui; angka kredit tidak dihitung")
    conversion = table["konversi_persen"].get(predikat)
    if conversion is None:
        return AngkaKredit(None, months, jenjang, f"konversi predikat {predikat} tidak diketahui")
    value = Fraction(months, 12) * exact(conversion) / 100 * exact(coef["nilai"])
    note = f"{months}/12 x {conversion}% x {coef['nilai']:g}"
    if coef.get("verifikasi"):
        note += " (koefisien perlu verifikasi)"
    return AngkaKredit(value, months, jenjang, note)
