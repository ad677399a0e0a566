"""PermenPANRB 6/2022: predikat from two ratings, and the consistency guidance.

The quadrant, the order of ratings and the guidance thresholds come from the rule set.
"""

from __future__ import annotations

from fractions import Fraction

from kinerja.model.records import Evaluation, Plan
from kinerja.model.rules import RuleSet


def predikat(rules: RuleSet, rating_hasil_kerja: str | None, rating_perilaku_kerja: str | None) -> str | None:
    if rating_hasil_kerja is None or rating_perilaku_kerja is None:
        return None
    return rules.kuadran[rating_hasil_kerja][rating_perilaku_kerja]


def consistency(rules: RuleSet, e: Evaluation, plan: Plan) -> list[tuple[tuple, str]]:
    """(JSON path, Indonesian warning) when rating_hasil_kerja does not fit the per-RHK ratings."""
    overall = e.rating_hasil_kerja
    rule = rules.konsistensi.get("aturan", {}).get(overall) if overall else None
    if rule is None:
        return []
    rated = [(r, plan.rhk_by_id(r.rhk)) for r in e.ratings if r.rating is not None]
    rated = [(r, rhk) for r, rhk in rated if rhk is not None and rhk.in_force(e.periode)]
    if not rated:
        return []
    out = []
    path = ("penilaian", "rating_hasil_kerja")
    label = rules.rating_label(overall)
    threshold = Fraction(rules.konsistensi["ambang_sebagian_besar_persen"]) / 100
    fitting = [r for r, _ in rated if r.rating in rule["sebagian_besar"]]
    if Fraction(len(fitting), len(rated)) <= threshold:
        others = ", ".join(f"{r.rhk} ({rules.rating_label(r.rating).lower()})" for r, _ in rated if r not in fitting)
        out.append(
            (
                path,
                f"Rating hasil kerja “{label}” kurang sesuai dengan rating per RHK: hanya {len(fitting)} dari "
                f"{len(rated)} RHK yang mendukungnya; yang lain: {others}. Panduan: {rule['keterangan']}",
            )
        )
    for r, rhk in rated:
        if rhk.jenis == "utama" and r.rating in rule.get("tidak_boleh_rhk_utama", ()):
            out.append(
                (
                    r.path + ("rating",),
                    f"RHK utama {r.rhk} dinilai “{rules.rating_label(r.rating)}”, sehingga rating hasil kerja "
                    f"“{label}” tidak sesuai panduan: {rule['keterangan']}",
                )
            )
    return out
