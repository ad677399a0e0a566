"""The realisasi of an IKI measured by a survey (`sumber_survei` in the plan): computed from
the survey's answers, never typed. ONE rule, read by the scorer, the checks and the PR digest:

* the value is the survey's IKM (PermenPANRB 14/2017, `suara/ikm.py`), rounded half up to 2
  decimals, as it is displayed;
* a final evaluation keeps the survey as it stood when the evaluation became final: the
  survey file at the commit on main's first-parent history since which the evaluation has
  said `status: final` (git history, review/facts.py). A later change of the survey does not
  move the score; `changed` says so (the checks warn). Without git history (a plain folder,
  an evaluation not yet final in history), the survey as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from kinerja.score.numbers import rounded
from kinerja.suara import load as L
from kinerja.suara.ikm import compute


@dataclass(frozen=True, slots=True)
class SurveyValue:
    value: float | None  # the realisasi (IKM to 2 decimals); None: no survey, or not computable
    survey: str  # the survey file (repository path)
    commit: str | None  # the commit whose version of the survey was used (final evaluations in git)
    now: float | None  # the survey's value as it is now
    changed: bool  # the survey changed since the evaluation became final (value != now)


def survey_path(year: int, source: tuple) -> str:
    unit, layanan, periode = source
    return f"surveys/{year}/{periode}/{unit}{'.' + layanan if layanan else ''}.yml"


def _value(unsur: dict, rules) -> float | None:
    r = compute(unsur, rules) if rules is not None else None
    return float(rounded(r.ikm, 2)) if r is not None else None


def _current(repo, rel: str, rules) -> float | None:
    entry = repo.files.get(rel)
    if entry is None or not entry.ok or any(f.severity == "error" for f in entry.findings):
        return None
    rec = repo.record(rel)
    return _value(rec.unsur, rules) if rec is not None else None


@lru_cache(maxsize=256)
def _final_commit(root: str, rel: str, head: str) -> str | None:
    from kinerja.review import facts, gitrev

    try:
        since = facts.final_since(Path(root), rel, head)
    except gitrev.GitError:
        return None
    return since.commit if since else None


@lru_cache(maxsize=256)
def _survey_at(root: str, commit: str, rel: str) -> dict | None:
    """The survey's unsur counts in `commit` (None when absent or unreadable there)."""
    from kinerja.review import changes, gitrev

    try:
        entry = gitrev.tree(Path(root), commit, rel).get(rel)
        if entry is None or not entry.is_regular:
            return None
        data = changes.load_data(gitrev.read_blobs(Path(root), [entry.sha])[entry.sha])
    except gitrev.GitError:
        return None
    unsur = data.get("unsur") if isinstance(data, dict) else None
    if not isinstance(unsur, dict) or not all(isinstance(v, list) and all(type(n) is int for n in v) for v in unsur.values()):
        return None
    return {k: tuple(v) for k, v in unsur.items()}


def _head(root: Path) -> str | None:
    from kinerja.review import gitrev

    try:
        return gitrev.resolve(root, "HEAD")
    except gitrev.GitError:
        return None


def value_for(repo, iki, evaluation) -> SurveyValue | None:
    """The realisasi of `iki` in `evaluation`, when the IKI takes it from a survey (else None)."""
    if iki.sumber_survei is None:
        return None
    rules = L.rules(repo)
    rel = survey_path(evaluation.tahun, iki.sumber_survei)
    now = _current(repo, rel, rules)
    commit = None
    used = now
    if evaluation.status == "final" and (repo.root / ".git").exists():
        head = _head(repo.root)
        commit = _final_commit(str(repo.root), evaluation.file, head) if head else None
        if commit is not None:
            then = _survey_at(str(repo.root), commit, rel)
            used = _value(then, rules) if then is not None else None
    return SurveyValue(used, rel, commit, now, commit is not None and used != now)


def typed_agrees(typed, value: float | None) -> bool:
    """Whether a realisasi typed into the evaluation is the computed one (both to 2 decimals)."""
    if value is None:
        return False
    try:
        return Fraction(str(typed)) == Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return False
