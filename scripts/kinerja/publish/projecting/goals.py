"""Sasaran per unit and year, with the text of the higher sasaran each supports."""

from __future__ import annotations

from kinerja.model.records import Target
from kinerja.publish.projecting.context import Context
from kinerja.publish.public import PublicGoal, PublicGoalIndicator, PublicTarget
from kinerja.score.capaian import target_text


def public_target(t: Target | None, narrative: str | None = None) -> PublicTarget | None:
    if t is None:
        return None
    return PublicTarget(target_text(t, narrative), t.nilai, t.min, t.maks, t.satuan)


def public_goals(ctx: Context) -> dict[tuple[str, int], list[PublicGoal]]:
    repo, reg = ctx.repo, ctx.repo.regency
    goals: dict[tuple[str, int], list[PublicGoal]] = {}
    if not ctx.policy.unit.sasaran:
        return goals
    for (unit_id, year), gs in sorted(repo.goals.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        parent_unit = reg.id if unit_id in repo.units and repo.units[unit_id].is_pd else repo.units[unit_id].induk if unit_id in repo.units else None
        upper = repo.goals.get((parent_unit, year)) if parent_unit else None
        upper_text = {g.id: g.uraian for g in upper.goals} if upper else {}
        goals[(unit_id, year)] = [
            PublicGoal(
                unit=unit_id, tahun=year, id=g.id, uraian=g.uraian, mendukung=g.mendukung,
                mendukung_uraian=upper_text.get(g.mendukung) if g.mendukung else None,
                indikator=[PublicGoalIndicator(i.uraian, public_target(i.target), i.lebih_kecil_lebih_baik) for i in g.indikator],
                sumber=gs.sumber,
            )
            for g in gs.goals
        ]
    return goals
