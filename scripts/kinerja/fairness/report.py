"""The fairness report: per period, per pejabat penilai (with enough people rated) and per
assessment group, before and after calibration."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.career.facts import EvalFact
from kinerja.fairness import indicators as I
from kinerja.model.calendar import period_order, period_range


@dataclass
class Group:
    """One rater's or one unit's evaluations in a period."""

    id: str
    nama: str
    unit: str | None  # a rater's assessment group
    dinilai: int
    sebaran: Counter  # predikat after calibration
    sebaran_awal: Counter  # predikat in the evaluation files
    rating_hasil_kerja: Counter
    rating_perilaku_kerja: Counter
    lunak: Fraction | None = None
    lunak_bendera: bool = False
    terpusat: Fraction | None = None
    terpusat_bendera: bool = False
    di_atas: int = 0
    di_atas_berbukti: int = 0
    tepat_waktu: Fraction | None = None
    median_hari: Fraction | None = None
    hari_diketahui: int = 0
    predikat_organisasi: str | None = None
    selisih_organisasi: Fraction | None = None
    selisih_bendera: bool = False
    terlalu_kecil: bool = False


@dataclass
class PeriodReport:
    tahun: int
    periode: str
    aturan: str
    predikat: list[tuple[str, str]]
    kabupaten: Group
    penilai: list[Group]
    units: list[Group]
    ambang: dict
    batas_hari: int
    git: bool


@dataclass
class FairnessReport:
    periods: list[PeriodReport] = field(default_factory=list)
    git: bool = False
    catatan: list[str] = field(default_factory=list)


def _group(gid: str, nama: str, unit: str | None, facts: list[EvalFact], days: dict[str, int], limit: int) -> Group:
    g = Group(gid, nama, unit, len({f.pegawai for f in facts}),
              Counter(f.predikat for f in facts if f.predikat), Counter(f.predikat_awal for f in facts if f.predikat_awal),
              Counter(f.rating_hasil_kerja for f in facts if f.rating_hasil_kerja),
              Counter(f.rating_perilaku_kerja for f in facts if f.rating_perilaku_kerja))
    g.di_atas = sum(f.di_atas for f in facts)
    g.di_atas_berbukti = sum(f.di_atas_berbukti for f in facts)
    known = [days[f.file] for f in facts if f.file in days]
    g.hari_diketahui = len(known)
    g.tepat_waktu, g.median_hari = I.timeliness(known, limit)
    return g


def build(repo, facts: list[EvalFact], final_dates: dict | None, year: int | None = None, period: str | None = None,
          unit: str | None = None) -> FairnessReport:
    from kinerja.score.engine import assessment_groups

    groups = assessment_groups(repo)
    regency = repo.regency
    limit = regency.deadlines["evaluasi_hari_setelah_periode"] if regency else 15
    out = FairnessReport(git=final_dates is not None)
    if final_dates is None:
        out.catatan.append("Riwayat git tidak tersedia (bukan repositori git, atau klon dangkal): ketepatan waktu tidak dihitung.")
    by_period: dict[tuple[int, str], list[EvalFact]] = {}
    for f in facts:
        if f.status == "final" and f.metode == "kuadran" and (year is None or f.tahun == year) and (period is None or f.periode == period):
            by_period.setdefault((f.tahun, f.periode), []).append(f)
    for (y, p), items in sorted(by_period.items(), key=lambda kv: (kv[0][0], period_order(kv[0][1]))):
        rules = repo.rules_for_year(y)
        if rules is None or not rules.keadilan:
            out.catatan.append(f"{y} {p}: aturan {rules.id if rules else '-'} tidak memuat indikator keadilan (keadilan).")
            continue
        k = rules.keadilan
        end = period_range(y, p)[1]
        days = {}
        if final_dates is not None:
            for f in items:
                if f.file in final_dates:
                    days[f.file] = (final_dates[f.file] - end).days
        # the group each person counts in: by the assignment in force at the period's end
        person_group = {}
        for f in items:
            person = repo.people.get(f.pegawai)
            a = (person.assignment_on(end) or (person.assignments_between(*period_range(y, p)) or [None])[-1]) if person else None
            person_group[f.pegawai] = groups.get(a.unit) if a else None
        all_ = _group("kabupaten", regency.nama if regency else "Kabupaten", None, items, days, limit)
        if unit is not None:  # the regency stays the baseline; only the unit's people are shown
            items = [f for f in items if person_group.get(f.pegawai) == unit]
        raters: dict[str, list[EvalFact]] = {}
        for f in items:
            raters.setdefault(f.penilai, []).append(f)
        rater_groups = []
        minimum = k["penilai_minimum_dinilai"]
        for pid, own in sorted(raters.items()):
            person = repo.people.get(pid)
            home = Counter(person_group.get(f.pegawai) for f in own if person_group.get(f.pegawai)).most_common(1)
            g = _group(pid, person.nama if person else pid, home[0][0] if home else None, own, days, limit)
            if g.dinilai < minimum:
                g.terlalu_kecil = True
            else:
                g.lunak, g.lunak_bendera = I.leniency(g.sebaran, all_.sebaran, k["lunak"])
                g.terpusat, g.terpusat_bendera = I.central_tendency(g.sebaran, k["terpusat"])
            rater_groups.append(g)
        unit_groups = []
        order = [pid for pid, _ in rules.predikat]
        members: dict[str, list[EvalFact]] = {}
        for f in items:
            if person_group.get(f.pegawai):
                members.setdefault(person_group[f.pegawai], []).append(f)
        for uid, own in sorted(members.items()):
            u = repo.units.get(uid)
            g = _group(uid, u.nama if u else uid, uid, own, days, limit)
            result = repo.unit_results.get((uid, y, p))
            g.predikat_organisasi = result.predikat if result else None
            g.selisih_organisasi, g.selisih_bendera = I.org_gap(g.sebaran, g.predikat_organisasi, order, k["selisih_organisasi"])
            g.terpusat, g.terpusat_bendera = I.central_tendency(g.sebaran, k["terpusat"])
            g.lunak, g.lunak_bendera = I.leniency(g.sebaran, all_.sebaran, k["lunak"])
            if g.dinilai < minimum:
                g.terlalu_kecil, g.lunak_bendera, g.terpusat_bendera = True, False, False
            unit_groups.append(g)
        out.periods.append(PeriodReport(y, p, rules.id, list(rules.predikat), all_, rater_groups, unit_groups, k, limit,
                                        final_dates is not None))
    return out
