"""Scoring: derive what the regulation derives, check what is checkable, show the evidence.

Under PermenPANRB 6/2022 there is no numeric formula: the pejabat penilai gives two
ratings and the predikat follows from a quadrant. Everything here applies a rule set
(`rules/<id>.yml`, `model/rules.py`) chosen per year by `organisation/instansi.yml`; the
code holds no rule numbers of its own.
"""

from kinerja.score.engine import EvaluationScore, ScoreReport, UnitScore, score_repository

__all__ = ["EvaluationScore", "ScoreReport", "UnitScore", "score_repository"]
