"""Incremental validation (the cache) must give exactly what a cold run gives.

`kinerja validate` keeps the last run's findings per cross-file subject and re-checks only
what a change can affect (validate.py, cache.py). Whatever the sequence of edits, commits,
untracked files and reverts, the cached answer must equal `--tanpa-cache`. In a git work tree
the file list comes from git; elsewhere the folders are walked: both are tested.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from kthelpers import ROOT, copy_demo, git
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vhelpers import check, cli_json, describe, write

PLAN_40 = "plans/2026/disdik-0040.yml"
PLAN_42 = "plans/2026/disdik-0042.yml"
PLAN_44 = "plans/2026/disdik-0044.yml"
PERSON_43 = "organisation/people/disdik-0043.yml"
EVAL_RETIRED = "evaluations/2026/triwulan_3/dinkes-0010.yml"
UNIT_RESULT = "unit-results/2026/triwulan_2/disdik.yml"
GOALS = "organisation/goals/2026/disdik.yml"
RULES = "rules/permenpanrb-6-2022.yml"


def _original(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def _toggle(root: Path, rel: str, a: str, b: str) -> None:
    """Replace a by b, or b by a if the file already has b (a file that was removed comes back)."""
    path = root / rel
    if not path.exists():
        path.write_text(_original(rel), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    if a in text:
        path.write_text(text.replace(a, b, 1), encoding="utf-8")
    elif b in text:
        path.write_text(text.replace(b, a, 1), encoding="utf-8")


# Each edit is something a pull request does; applied in any order, each keeps the repository
# loadable (a broken file is one of the edits).
def rename_supervisor_rhk(root):
    _toggle(root, PLAN_40, "  - id: rhk-1\n", "  - id: rhk-9\n")


def delete_or_restore_plan(root):
    path = root / PLAN_42
    if path.exists():
        path.unlink()
    else:
        path.write_text(_original(PLAN_42), encoding="utf-8")


def add_or_remove_evaluation(root):
    path = root / EVAL_RETIRED
    if path.exists():
        path.unlink()
    else:
        source = _original("evaluations/2026/triwulan_2/dinkes-0010.yml")
        write(root, EVAL_RETIRED, source.replace("periode: triwulan_2", "periode: triwulan_3"))


def change_supervisor(root):
    # the penilai is derived from the unit tree; an explicit exception changes it
    _toggle(root, PERSON_43, '    pangkat: "Penata Tingkat I"\nfiktif', '    pangkat: "Penata Tingkat I"\n    pejabat_penilai: disdik-0005\nfiktif')


def break_or_mend_a_plan(root):
    _toggle(root, PLAN_44, "status: disetujui\n", "status: disetujui\nstatus: draf\n")


def change_unit_result(root):
    _toggle(root, UNIT_RESULT, "predikat_organisasi: baik", "predikat_organisasi: istimewa")


def rename_a_sasaran(root):
    _toggle(root, GOALS, "  - id: ss-2\n", "  - id: ss-7\n")


def change_a_synonym(root):
    _toggle(root, RULES, "    sesuai: sesuai_ekspektasi\n", "    pas: sesuai_ekspektasi\n")


def break_or_mend_the_policy(root):
    """The publication policy is outside every cross-file subject; its own errors still show."""
    _toggle(root, "organisation/publikasi.yml", "kelompok_minimum: 5", "kelompok_minimum: lima")


def rename_a_service_holders_rhk(root):
    """The service map names disdukcapil-0010/rhk-1: a plan edit re-checks the suara subject."""
    _toggle(root, "plans/2026/disdukcapil-0010.yml", "  - id: rhk-1\n", "  - id: rhk-8\n")


def change_a_complaints_service(root):
    _toggle(root, "complaints/2026/2026-0003.yml", "layanan: kk\n", "layanan: paspor\n")


def add_or_remove_a_service_holders_evaluation(root):
    """A final evaluation of a service holder must answer the period's complaints."""
    rel = "evaluations/2026/triwulan_3/disdukcapil-0020.yml"
    path = root / rel
    if path.exists():
        path.unlink()
    else:
        write(root, rel, "versi_format: 1\npegawai: disdukcapil-0020\ntahun: 2026\nperiode: triwulan_3\nstatus: final\n"
                         "pejabat_penilai: disdukcapil-0010\nrealisasi:\n  hasil_kerja:\n    - rhk: rhk-1\n      indikator:\n"
                         "        - iki: iki-1\n          realisasi: 600\npenilaian:\n  hasil_kerja:\n    - rhk: rhk-1\n"
                         "      rating: sesuai_ekspektasi\n  rating_hasil_kerja: sesuai_ekspektasi\n"
                         "  rating_perilaku_kerja: sesuai_ekspektasi\n")


def rewrite_unchanged(root):
    """Same bytes, new mtime: nothing may change."""
    path = root / PLAN_40
    path.write_bytes(path.read_bytes())


EDITS = [
    rename_supervisor_rhk,
    delete_or_restore_plan,
    add_or_remove_evaluation,
    change_supervisor,
    break_or_mend_a_plan,
    change_unit_result,
    rename_a_sasaran,
    change_a_synonym,
    break_or_mend_the_policy,
    rename_a_service_holders_rhk,
    change_a_complaints_service,
    add_or_remove_a_service_holders_evaluation,
    rewrite_unchanged,
]


def commit_all(root):
    git(root, "add", "-A")
    if git(root, "status", "--porcelain"):
        git(root, "commit", "-q", "-m", "edit")


def stage_all(root):
    """Staged but not committed: git reports the index's blob ids."""
    git(root, "add", "-A")


def revert_to_head(root):
    git(root, "checkout", "-q", "--", ".")
    git(root, "clean", "-qfd")


def restore_the_demo(root):
    """Outside git: put every data file back as it was (new mtimes, old content)."""
    for folder in ("organisation", "plans", "evaluations", "unit-results", "complaints", "surveys", "rules"):
        shutil.rmtree(root / folder)
        shutil.copytree(ROOT / folder, root / folder)


def assert_cached_equals_cold(root: Path, step: str) -> list:
    cached = check(root, use_cache=True)
    cold = check(root, use_cache=False)
    assert cached == cold, f"after {step}:\ncached:\n{describe(cached)}\ncold:\n{describe(cold)}"
    return cold


# --- the scenario of the issue, through the command line ---------------------------------------


def _cli_equal(root: Path, step: str) -> list:
    cached_run, cached = cli_json(root)
    cold_run, cold = cli_json(root, "--tanpa-cache")
    assert cached_run.code == cold_run.code, step
    assert cached == cold, f"after {step}:\ncached: {cached['findings']}\ncold: {cold['findings']}"
    return cold["findings"]


def test_scenario_in_a_git_work_tree(demo_git):
    root = demo_git
    codes = lambda findings: {f["code"] for f in findings}  # noqa: E731
    assert not codes(_cli_equal(root, "the first run")) & {"cascade-missing", "eval-plan", "eval-period"}
    rename_supervisor_rhk(root)  # uncommitted
    assert "cascade-missing" in codes(_cli_equal(root, "renaming rhk-1 (uncommitted)"))
    commit_all(root)
    assert "cascade-missing" in codes(_cli_equal(root, "committing it"))
    delete_or_restore_plan(root)  # uncommitted deletion
    assert "eval-plan" in codes(_cli_equal(root, "deleting a plan"))
    add_or_remove_evaluation(root)  # untracked file
    assert "eval-period" in codes(_cli_equal(root, "adding an untracked evaluation"))
    change_supervisor(root)
    assert "cascade-supervisor" in codes(_cli_equal(root, "changing organisation data"))
    commit_all(root)
    _cli_equal(root, "committing everything")
    git(root, "revert", "--no-edit", "HEAD~2..HEAD")
    final = _cli_equal(root, "reverting both commits")
    assert not codes(final) & {"cascade-missing", "eval-plan", "eval-period", "cascade-supervisor"}


def test_scenario_outside_git(demo):
    root = demo
    assert_cached_equals_cold(root, "the first run")
    for edit in (rename_supervisor_rhk, delete_or_restore_plan, add_or_remove_evaluation, change_supervisor, rewrite_unchanged):
        assert_cached_equals_cold(root, edit.__name__)
    restore_the_demo(root)
    assert_cached_equals_cold(root, "restoring every file")


# --- random sequences ---------------------------------------------------------------------------------

GIT_STEPS = st.lists(st.sampled_from([*EDITS, stage_all, commit_all, revert_to_head]), min_size=1, max_size=5)
WALK_STEPS = st.lists(st.sampled_from([*EDITS, restore_the_demo]), min_size=1, max_size=5)
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "walk"])
@FEW
@given(data=st.data())
def test_any_sequence_of_edits(in_git, data):
    steps = data.draw(GIT_STEPS if in_git else WALK_STEPS)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_demo(Path(tmp) / "repo")
        if in_git:
            git(root, "init", "-q", "-b", "main")
            commit_all(root)
        assert_cached_equals_cold(root, "the first run")
        for i, step in enumerate(steps):
            step(root)
            assert_cached_equals_cold(root, f"step {i + 1} ({', '.join(s.__name__ for s in steps[: i + 1])})")
