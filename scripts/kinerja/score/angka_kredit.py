"""Angka kredit for jabatan fungsional (PermenPANRB 1/2023, PerBKN 3/2023).

AK = sum over the plan's months of (1/12) x conversion% x annual coefficient of the jenjang
held in that month, from the predikat of the plan's closing evaluation: the annual one
(triwulan_4) for a full-year plan, or the evaluation of the period in which a shorter plan
ends. Which day of a month decides (for the plan that covers the month and for the jenjang
held in it) is rule data (`angka_kredit.bulan_sebagian`, default: the month's first day),
so two plans in one year share its twelve months exactly. When the jenjang changes inside
one plan's period each month is still credited at the jenjang held, and the result says
that a new plan was needed (PermenPANRB 6/2022: a new jenjang needs a new SKP).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from kinerja.model.records import Person, Plan
from kinerja.model.rules import RuleSet
from kinerja.score.numbers import exact

# How a month that a plan or a jenjang covers only partly is counted (rule data).
MONTH_RULES = ("hari_pertama", "hari_terakhir")


@dataclass(slots=True)
class Segment:
    jenjang: str | None  # None: the month was not held in a jabatan fungsional
    mulai_bulan: int
    bulan: int
    value: Fraction | None


@dataclass(slots=True)
class AngkaKredit:
    value: Fraction | None
    bulan: int
    jenjang: str | None  # the jenjang at the plan's end (the one the ledger continues with)
    keterangan: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def jenjang_berubah(self) -> bool:
        return len({s.jenjang for s in self.segments}) > 1


def month_rule(rules: RuleSet | None) -> str:
    rule = ((rules.angka_kredit if rules else {}) or {}).get("bulan_sebagian", {})
    return rule.get("hitung", "hari_pertama")


def deciding_day(year: int, month: int, rule: str) -> date:
    if rule == "hari_terakhir":
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, 1)


def months(plan: Plan, rule: str = "hari_pertama") -> list[int]:
    """The months of the year this plan covers (by the rule's deciding day)."""
    return [m for m in range(1, 13) if plan.mulai <= deciding_day(plan.tahun, m, rule) <= plan.selesai]


def months_covered(plan: Plan, rule: str = "hari_pertama") -> int:
    return len(months(plan, rule))


def closing_period(plan: Plan) -> str:
    return f"triwulan_{(plan.selesai.month - 1) // 3 + 1}"


def jenjang_by_month(person: Person, plan: Plan, rule: str) -> list[tuple[int, str | None]]:
    """(month, jenjang held on its deciding day, None when not a jabatan fungsional)."""
    out = []
    for m in months(plan, rule):
        a = person.assignment_on(deciding_day(plan.tahun, m, rule))
        out.append((m, a.jenjang if a is not None and a.jenis_jabatan == "fungsional" else None))
    return out


def _segments(by_month: list[tuple[int, str | None]]) -> list[tuple[str | None, int, int]]:
    """Contiguous runs of the same jenjang: (jenjang, first month, number of months)."""
    runs: list[list] = []
    for m, j in by_month:
        if runs and runs[-1][0] == j and runs[-1][1] + runs[-1][2] == m:
            runs[-1][2] += 1
        else:
            runs.append([j, m, 1])
    return [tuple(r) for r in runs]


def _fmt(x) -> str:
    return f"{x:g}".replace(".", ",")


def angka_kredit(rules: RuleSet, plan: Plan, holder: Person | str, predikat: str) -> AngkaKredit:
    """`holder` is the person (jenjang read month by month from the assignments) or one
    jenjang held throughout the plan."""
    rule = month_rule(rules)
    table = rules.angka_kredit
    if isinstance(holder, str):
        by_month = [(m, holder) for m in months(plan, rule)]
    else:
        by_month = jenjang_by_month(holder, plan, rule)
    runs = _segments(by_month)
    total_months = sum(n for _, _, n in runs)
    last_jenjang = next((j for j, _, _ in reversed(runs) if j is not None), None)
    conversion = table["konversi_persen"].get(predikat)
    if conversion is None:
        return AngkaKredit(None, total_months, last_jenjang, f"konversi predikat {predikat} tidak diketahui")
    segments: list[Segment] = []
    notes: list[str] = []
    unknown: list[str] = []
    verify = False
    for jenjang, first, n in runs:
        if jenjang is None:
            segments.append(Segment(None, first, n, Fraction(0)))
            notes.append(f"{n}/12 bukan jabatan fungsional (0)")
            continue
        coef = table.get("koefisien_tahunan", {}).get(jenjang)
        if coef is None:
            segments.append(Segment(jenjang, first, n, None))
            unknown.append(jenjang)
            continue
        verify = verify or bool(coef.get("verifikasi"))
        value = Fraction(n, 12) * exact(conversion) / 100 * exact(coef["nilai"])
        segments.append(Segment(jenjang, first, n, value))
        notes.append(f"{n}/12 x {_fmt(conversion)}% x {_fmt(coef['nilai'])}" + (f" ({jenjang.replace('_', ' ')})" if len(runs) > 1 else ""))
    if unknown:
        return AngkaKredit(None, total_months, last_jenjang,
                           f"koefisien jenjang {', '.join(unknown)} tidak diketahui; angka kredit tidak dihitung", segments)
    note = " + ".join(notes)
    if verify:
        note += " (koefisien perlu verifikasi)"
    return AngkaKredit(sum((s.value for s in segments), Fraction(0)), total_months, last_jenjang, note, segments)
