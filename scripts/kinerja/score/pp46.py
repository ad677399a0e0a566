"""PP 46/2011 (legacy, for historic years): a numeric score from the rule set's formulas.

Per IKI: kuantitas and kualitas = realisasi / target x 100; waktu and biaya by the
efficiency rule (valid up to the rule set's efficiency limit; beyond it the formula is
unknown and the score is reported as not computable, never guessed). As on the official
assessment form (Perka BKN 1/2013), each activity (RHK) scores the mean of its own aspects
and nilai SKP is the mean of the activities, plus the points for tugas tambahan and
kreativitas the rule set gives (marked verify there). nilai = weighted SKP + weighted mean
of the behaviour scores; the band gives the predikat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.model.records import Evaluation, Plan
from kinerja.model.rules import RuleSet
from kinerja.score.numbers import exact


@dataclass(slots=True)
class NumericScore:
    nilai_skp: Fraction | None
    nilai_perilaku: Fraction | None
    nilai_akhir: Fraction | None
    predikat: str | None
    per_iki: dict = field(default_factory=dict)  # "rhk/iki" -> Fraction | None
    per_kegiatan: dict = field(default_factory=dict)  # rhk id -> Fraction | None (mean of its aspects)
    tugas_tambahan: Fraction | None = None  # points added to nilai SKP
    kreativitas: Fraction | None = None
    masalah: list = field(default_factory=list)  # (path, Indonesian message)


def iki_score(rule: dict, target, realisasi) -> tuple[Fraction | None, str | None]:
    if target is None or target.is_range or isinstance(realisasi, (str, bool)) or realisasi is None:
        return None, "aturan PP 46/2011 memerlukan target satu angka dan realisasi angka"
    t, r = exact(target.nilai), exact(realisasi)
    if t == 0:
        return None, "target bernilai 0"
    if rule["rumus"] == "rasio":
        return r / t * 100, None
    efficiency = (t - r) / t * 100
    if efficiency > exact(rule["batas_efisiensi_persen"]):
        return None, (
            f"efisiensi {float(efficiency):.1f}% melebihi {rule['batas_efisiensi_persen']}%: rumusnya tidak "
            "ditemukan dalam peraturan, nilai tidak dihitung"
        )
    return (exact(rule["faktor"]) * t - r) / t * 100, None


def extra_points(num: dict, e: Evaluation) -> tuple[Fraction | None, Fraction | None, list]:
    """Points for tugas tambahan (by count) and kreativitas (by level), from the rule set."""
    problems = []
    tambahan = kreatif = None
    if e.tugas_tambahan is not None:
        rule = num.get("tugas_tambahan")
        if rule is None:
            problems.append((("penilaian", "tugas_tambahan"), "Aturan ini tidak memberi nilai tugas tambahan; isian tidak dihitung."))
        else:
            tambahan = Fraction(0)
            for step in rule["pita"]:  # highest count first
                if e.tugas_tambahan >= step["min_jumlah"]:
                    tambahan = exact(step["nilai"])
                    break
    if e.kreativitas is not None:
        rule = num.get("kreativitas")
        level = (rule or {}).get("tingkat", {}).get(e.kreativitas)
        if level is None:
            problems.append((("penilaian", "kreativitas"), f"Aturan ini tidak memberi nilai kreativitas tingkat “{e.kreativitas}”; isian tidak dihitung."))
        else:
            kreatif = exact(level)
    return tambahan, kreatif, problems


def score(rules: RuleSet, e: Evaluation, plan: Plan, structural: bool) -> NumericScore:
    num = rules.numerik
    out = NumericScore(None, None, None, None)
    activities: list[Fraction | None] = []
    for rhk in plan.rhk:
        if not rhk.in_force(e.periode):
            continue
        report = e.report_for(rhk.id)
        aspects: list[Fraction | None] = []
        for iki in rhk.indikator:
            if not iki.in_force(e.periode):
                continue
            rule = num["aspek"].get(iki.aspek or "")
            if rule is None:
                out.masalah.append((iki.path, f"IKI {rhk.id}/{iki.id}: aspek “{iki.aspek}” tidak punya rumus di {rules.id}."))
                aspects.append(None)
                continue
            real = next((x.realisasi for x in report.indikator if x.iki == iki.id), None) if report else None
            value, problem = iki_score(rule, iki.target, real)
            out.per_iki[f"{rhk.id}/{iki.id}"] = value
            if problem:
                out.masalah.append((report.path if report else ("realisasi",), f"IKI {rhk.id}/{iki.id}: {problem}."))
            aspects.append(value)
        if not aspects:
            continue
        activity = sum(aspects, Fraction(0)) / len(aspects) if all(a is not None for a in aspects) else None
        out.per_kegiatan[rhk.id] = activity
        activities.append(activity)
    out.tugas_tambahan, out.kreativitas, problems = extra_points(num, e)
    out.masalah += problems
    if activities and all(a is not None for a in activities):
        out.nilai_skp = sum(activities, Fraction(0)) / len(activities) + (out.tugas_tambahan or 0) + (out.kreativitas or 0)
    wanted = [b["id"] for b in num["perilaku"] if structural or not b.get("hanya_struktural")]
    given = [exact(e.nilai_perilaku[k]) for k in wanted if k in e.nilai_perilaku]
    missing = [k for k in wanted if k not in e.nilai_perilaku]
    if missing:
        out.masalah.append((("penilaian", "nilai_perilaku"), "Nilai perilaku belum lengkap: " + ", ".join(missing) + "."))
    elif given:
        out.nilai_perilaku = sum(given, Fraction(0)) / len(given)
    if out.nilai_skp is not None and out.nilai_perilaku is not None:
        w = num["bobot_persen"]
        out.nilai_akhir = (out.nilai_skp * exact(w["skp"]) + out.nilai_perilaku * exact(w["perilaku"])) / 100
        out.predikat = band(num, out.nilai_akhir)
    return out


def band(num: dict, nilai: Fraction) -> str | None:
    """The predikat of the first band (highest first) whose minimum the score reaches."""
    for b in num["pita"]:
        if nilai >= exact(b["min"]):
            return b["predikat"]
    return None
