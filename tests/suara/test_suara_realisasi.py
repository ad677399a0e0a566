"""An IKI measured by a survey (sumber_survei): the scorer computes its realisasi from the
survey (never typed); a final evaluation keeps the survey as it stood when it became final,
read from git history, and a later change of the survey is a warning. Real git repositories."""

from __future__ import annotations

import re
import shutil
from datetime import date
from fractions import Fraction
from pathlib import Path

from kthelpers import git
from kinerja.findings import ERROR, WARNING
from kinerja.validate import validate

SURVEY = "surveys/2026/semester_1/disdukcapil-bid-dafduk.ktp-el.yml"
FINAL = "evaluations/2026/triwulan_2/disdukcapil-0001.yml"  # final in the demo, realisasi typed 75.6
DRAFT = "evaluations/2026/triwulan_4/disdukcapil-0001.yml"
TODAY = date(2026, 11, 30)

# a draft without any typed realisasi for the survey's IKI (only a narrative)
DRAFT_TEXT = """versi_format: 1
pegawai: disdukcapil-0001
tahun: 2026
periode: triwulan_4
status: draf
pejabat_penilai: setda-0001
realisasi:
  hasil_kerja:
    - rhk: rhk-1
      uraian: "Survei semester 1 dipakai sebagai dasar perbaikan layanan."
"""


def _by_hand(text: str) -> Fraction:
    """IKM = (sum of the 9 NRR) / 9 x 25, NRR = (1 n1 + 2 n2 + 3 n3 + 4 n4) / respondents."""
    rows = re.findall(r"^  [a-z_]+: \[(\d+), (\d+), (\d+), (\d+)\]", text, re.M)
    assert len(rows) == 9
    nrr = [Fraction(sum((i + 1) * int(n) for i, n in enumerate(r)), sum(int(n) for n in r)) for r in rows]
    return sum(nrr, Fraction(0)) / 9 * 25


def _two_places(value: Fraction) -> float:
    return float(Fraction(int(value * 100 + Fraction(1, 2)), 100))  # half up (positive values)


def _scores(repo: Path) -> dict:
    from kinerja.repository import load_repository
    from kinerja.score import score_repository

    report = score_repository(load_repository(repo, use_cache=False))
    return {(e.periode, c.iki): c.realisasi for e in report.evaluations if e.pegawai == "disdukcapil-0001" for c in e.capaian}


def _change_survey(repo: Path) -> str:
    text = (repo / SURVEY).read_text(encoding="utf-8")
    new = text.replace("waktu_penyelesaian: [14, 38, 52, 16]", "waktu_penyelesaian: [2, 20, 62, 36]")
    assert new != text
    (repo / SURVEY).write_text(new, encoding="utf-8")
    return new


def test_realisasi_is_computed_from_the_survey_not_typed(demo):
    before = _by_hand((demo / SURVEY).read_text(encoding="utf-8"))
    (demo / DRAFT).parent.mkdir(parents=True, exist_ok=True)
    (demo / DRAFT).write_text(DRAFT_TEXT, encoding="utf-8")
    _, findings = validate(demo, [DRAFT], today=TODAY, use_cache=False)
    # not typed: no "belum diisi" for that IKI, and no survey finding
    assert not [f for f in findings if f.code in ("eval-coverage", "suara-survey-realisasi") and "iki-1" in f.message], findings
    assert _scores(demo)[("triwulan_4", "iki-1")] == _two_places(before)
    # without git history the survey counts as it is now, for every evaluation: a change moves the
    # draft's value, and the final one's typed 75.6 now disagrees (an error: it cannot be told
    # apart from a typing mistake without history)
    after = _by_hand(_change_survey(demo))
    assert _two_places(after) != _two_places(before)
    assert _scores(demo)[("triwulan_4", "iki-1")] == _two_places(after)
    _, findings = validate(demo, [FINAL], today=TODAY, use_cache=False)
    bad = [f for f in findings if f.code == "suara-survey-realisasi"]
    assert [f.severity for f in bad] == [ERROR], findings
    assert f"{_two_places(after):.2f}" in bad[0].message and "75.6" in bad[0].message


def test_survey_changed_after_final_is_found_in_git_history(demo_git):
    repo = demo_git
    before = _by_hand((repo / SURVEY).read_text(encoding="utf-8"))
    assert _two_places(before) == 75.6  # the value the final evaluation was typed with
    (repo / DRAFT).parent.mkdir(parents=True, exist_ok=True)
    (repo / DRAFT).write_text(DRAFT_TEXT, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "draf triwulan 4")
    _, findings = validate(repo, today=TODAY, use_cache=False)
    assert not [f for f in findings if f.code.startswith("suara-survey")], findings
    first = git(repo, "rev-parse", "HEAD").strip()
    final_commit = git(repo, "log", "--format=%H", "--", FINAL).split()[-1]

    after = _by_hand(_change_survey(repo))
    git(repo, "commit", "-q", "-am", "survei semester 1 dikoreksi")
    _, findings = validate(repo, today=TODAY, use_cache=False)
    changed = [f for f in findings if f.code == "suara-survey-changed"]
    # every final evaluation that used the survey is warned, with the commit and both values; nothing is an error
    finals = sorted(f"evaluations/2026/{p}/disdukcapil-0001.yml" for p in ("triwulan_1", "triwulan_2", "triwulan_3"))
    assert sorted(f.file for f in changed) == finals, findings
    assert all(f.severity == WARNING for f in changed)
    mine = next(f for f in changed if f.file == FINAL)
    assert final_commit[:12] in mine.message
    assert f"final {_two_places(before):.2f}" in mine.message and f"kini {_two_places(after):.2f}" in mine.message
    assert not [f for f in findings if f.code == "suara-survey-realisasi"], findings
    # the score: final evaluations keep the survey as it stood then; the draft takes it as it is now
    scores = _scores(repo)
    assert scores[("triwulan_2", "iki-1")] == _two_places(before)
    assert scores[("triwulan_4", "iki-1")] == _two_places(after)

    # the same files without history: no warning can be given, the typed value is now an error
    plain = repo.parent / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    _, findings = validate(plain, [FINAL], today=TODAY, use_cache=False)
    assert [f.code for f in findings if f.code.startswith("suara-survey")] == ["suara-survey-realisasi"]
    assert first != git(repo, "rev-parse", "HEAD").strip()

