"""PP 46/2011 (legacy, for historic years): a numeric score from the rule set's formulas.

Per IKI: kuantitas and kualitas = realisasi / target x 100; waktu and biaya by the
efficiency rule (valid up to the rule set's efficiency limit; beyond it the formula is
unknown and the score is reported as not computable, never guessed). SKP = mean of the
IKI scores; nilai = weighted SKP + weighted mean of the behaviour scores; the band gives
the predikat.
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


def score(rules: RuleSet, e: Evaluation, plan: Plan, structural: bool) -> NumericScore:
    num = rules.numerik
    out = NumericScore(None, None, None, None)
    scores = []
    for rhk in plan.rhk:
        if not rhk.in_force(e.periode):
            continue
        report = e.report_for(rhk.id)
        for iki in rhk.indikator:
            if not iki.in_force(e.periode):
                continue
            rule = num["aspek"].get(iki.aspek or "")
            if rule is None:
                out.masalah.append((iki.path, f"IKI {rhk.id}/{iki.id}: aspek “{iki.aspek}” tidak punya rumus di {rules.id}."))
                scores.append(None)
                continue
            real = next((x.realisasi for x in report.indikator if x.iki == iki.id), None) if report else None
            value, problem = iki_score(rule, iki.target, real)
            out.per_iki[f"{rhk.id}/{iki.id}"] = value
            if problem:
                out.masalah.append((report.path if report else ("realisasi",), f"IKI {rhk.id}/{iki.id}: {problem}."))
            scores.append(value)
    if scores and all(s is not None for s in scores):
        out.nilai_skp = sum(scores, Fraction(0)) / len(scores)
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
