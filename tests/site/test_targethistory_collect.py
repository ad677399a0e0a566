"""publish/targethistory.py in process: `collect` over a small real git repository of plan files
only (a few commits, no site build), and `target_shown` by hand. The page and open-data side is in
test_targethistory.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sitekit import GIT_ENV

from kinerja.publish.targethistory import TargetChange, collect, read_batch, target_shown

EPOCH_0812 = 1786503600  # 2026-08-12 10:00 WIB


def _plan(status: str, target: str, *, second: str | None = None, iki2: bool = True) -> str:
    iki_2 = f"      - id: iki-2\n        uraian: \"Kedua\"\n        target: {second or '{nilai: 3, satuan: modul}'}\n" if iki2 else ""
    return ("versi_format: 1\npegawai: p1\ntahun: 2026\nstatus: " + status + "\nhasil_kerja:\n"
            "  - id: rhk-1\n    indikator:\n      - id: iki-1\n        uraian: \"Pertama\"\n        target: " + target + "\n"
            + iki_2 + "  - id: rhk-2\n    indikator:\n      - id: iki-1\n        uraian: \"Lain\"\n        target: \"Laporan lengkap\"\n")


class Repo:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)

    def commit(self, files: dict[str, str | None], epoch: int) -> None:
        for rel, text in files.items():
            path = self.root / rel
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        env = dict(os.environ, **{**GIT_ENV, "GIT_AUTHOR_DATE": f"@{epoch} +0700", "GIT_COMMITTER_DATE": f"@{epoch} +0700"})
        for args in (["add", "-A"], ["commit", "-q", "--allow-empty", "-m", "PESAN"]):
            subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True)


P1 = "plans/2026/p1.yml"


def test_a_change_between_two_approved_versions_is_one_target_change_at_its_commit_time(tmp_path):
    r = Repo(tmp_path / "r")
    r.commit({P1: _plan("disetujui", "{nilai: 6, satuan: proyek}")}, EPOCH_0812 - 86400)
    r.commit({P1: _plan("disetujui", "{nilai: 5, satuan: proyek}", second="{min: 80, maks: 90, satuan: \"%\"}")}, EPOCH_0812)
    assert collect(r.root) == {(2026, "p1"): [
        TargetChange("rhk-1", "iki-1", "6 proyek", "5 proyek", EPOCH_0812),
        TargetChange("rhk-1", "iki-2", "3 modul", "80–90%", EPOCH_0812)]}


def test_drafts_in_between_are_skipped_and_a_change_while_draft_never_shows(tmp_path):
    r = Repo(tmp_path / "r")
    r.commit({P1: _plan("draf", "{nilai: 6, satuan: proyek}")}, 1000)
    r.commit({P1: _plan("draf", "{nilai: 4, satuan: proyek}")}, 2000)  # changed as a draft
    r.commit({P1: _plan("disetujui", "{nilai: 4, satuan: proyek}")}, 3000)  # approved as it stands
    assert collect(r.root) == {}
    # back to draft, changed twice, approved again: one change, from the last approved target to the new one
    r.commit({P1: _plan("draf", "{nilai: 2, satuan: proyek}")}, 4000)
    r.commit({P1: _plan("draf", "{nilai: 3, satuan: proyek}")}, 5000)
    r.commit({P1: _plan("disetujui", "{nilai: 3, satuan: proyek}")}, 6000)
    assert collect(r.root) == {(2026, "p1"): [TargetChange("rhk-1", "iki-1", "4 proyek", "3 proyek", 6000)]}


def test_an_unreadable_version_a_removed_iki_and_a_deleted_file_are_passed_over(tmp_path):
    r = Repo(tmp_path / "r")
    other = "plans/2026/p2.yml"
    r.commit({P1: _plan("disetujui", "{nilai: 6, satuan: proyek}"), other: _plan("disetujui", "{nilai: 1, satuan: x}")}, 1000)
    r.commit({P1: "status: disetujui\nstatus: disetujui\n"}, 2000)  # a duplicate key: not a version to compare
    r.commit({P1: _plan("disetujui", "{nilai: 7, satuan: proyek}", iki2=False)}, 3000)  # iki-2 removed: no change for it
    r.commit({other: None}, 4000)  # deleted, then written again with another target
    r.commit({other: _plan("disetujui", "{nilai: 2, satuan: x}")}, 5000)
    assert collect(r.root) == {
        (2026, "p1"): [TargetChange("rhk-1", "iki-1", "6 proyek", "7 proyek", 3000)],
        (2026, "p2"): [TargetChange("rhk-1", "iki-1", "1 x", "2 x", 5000)]}


def test_only_plan_files_are_read_and_a_repository_without_history_gives_nothing(tmp_path):
    assert collect(tmp_path) == {}  # not a git repository
    r = Repo(tmp_path / "r")
    r.commit({"plans/README.md": "a", "plans/2026/p1.yml.bak": _plan("disetujui", "{nilai: 1, satuan: x}")}, 1000)
    r.commit({"plans/README.md": "b", "plans/2026/p1.yml.bak": _plan("disetujui", "{nilai: 2, satuan: x}")}, 2000)
    assert collect(r.root) == {}
    r.commit({P1: _plan("disetujui", "{nilai: 1, satuan: x}")}, 3000)  # one version only: nothing to compare
    assert collect(r.root) == {}


def test_a_second_plan_of_the_year_is_its_own_file(tmp_path):
    r = Repo(tmp_path / "r")
    second = "plans/2026/p1.2026-07-01.yml"
    r.commit({second: _plan("disetujui", "{nilai: 6, satuan: proyek}")}, 1000)
    r.commit({second: _plan("disetujui", "{nilai: 8, satuan: proyek}")}, 2000)
    assert collect(r.root) == {(2026, "p1.2026-07-01"): [TargetChange("rhk-1", "iki-1", "6 proyek", "8 proyek", 2000)]}


def test_target_shown_as_the_site_writes_it():
    assert target_shown({"nilai": 7.5, "satuan": "%"}) == "7,5%"
    assert target_shown({"nilai": 12, "satuan": "kelas"}) == "12 kelas"
    assert target_shown({"min": 80, "maks": 90, "satuan": "%"}) == "80–90%"
    assert target_shown({"min": 1.5, "maks": 2}) == "1,5–2"
    assert target_shown({"nilai": 3, "satuan": 4}) == "3"  # a unit that is no text is left out
    assert target_shown({"nilai": True}) == "True"  # a boolean is no number
    assert target_shown("Laporan lengkap") == "–"
    assert target_shown(None, "Laporan lengkap") == "Laporan lengkap"
    assert target_shown(None, "") == "–" and target_shown(None, 5) == "–"


def test_a_version_with_another_status_is_not_an_approved_one(tmp_path):
    r = Repo(tmp_path / "r")
    r.commit({P1: _plan("disetujui", "{nilai: 6, satuan: proyek}")}, 1000)
    r.commit({P1: _plan("batal", "{nilai: 1, satuan: proyek}")}, 2000)  # not a status the schema knows
    r.commit({P1: _plan("disetujui", "{nilai: 6, satuan: proyek}")}, 3000)
    assert collect(r.root) == {}


def test_a_plan_without_a_final_line_break_is_read_to_its_last_byte(tmp_path):
    r = Repo(tmp_path / "r")
    last = "plans/2026/p3.yml"
    r.commit({last: _plan("disetujui", "{nilai: 6, satuan: proyek}", iki2=False).replace(
        '        target: "Laporan lengkap"\n', "        target: {nilai: 1, satuan: laporan}")}, 1000)
    r.commit({last: _plan("disetujui", "{nilai: 6, satuan: proyek}", iki2=False).replace(
        '        target: "Laporan lengkap"\n', "        target: {nilai: 2, satuan: laporan}")}, 2000)
    assert collect(r.root) == {(2026, "p3"): [TargetChange("rhk-2", "iki-1", "1 laporan", "2 laporan", 2000)]}


def test_the_batch_reader_reads_gits_exact_format_and_refuses_anything_else():
    raw = b"aaa blob 3\nab\n\nbbb missing\nccc blob 0\n\nddd blob 2\nxy\n"
    assert read_batch(raw) == {"aaa": b"ab\n", "ccc": b"", "ddd": b"xy"}
    assert read_batch(b"") == {}
    for bad in (b"aaa blob 3\nabcd\n", b"aaa blob 5\nab\n", b"aaa blob\nab\n", b"aaa blob x\nab\n", b"aaa blob 2\nab",
                b"aaa blob 2\nabXbbb blob 1\nc\n"):  # the last: no line break after the first object
        with pytest.raises(ValueError):
            read_batch(bad)


def test_without_git_or_with_output_git_never_writes_there_is_no_history(tmp_path, monkeypatch):
    from kinerja.publish import targethistory

    r = Repo(tmp_path / "r")
    r.commit({P1: _plan("disetujui", "{nilai: 6, satuan: proyek}")}, 1000)
    r.commit({P1: _plan("disetujui", "{nilai: 5, satuan: proyek}")}, 2000)
    assert collect(r.root) != {}  # the positive control

    def no_git(*_a, **_kw):
        raise FileNotFoundError("git")

    monkeypatch.setattr(targethistory.subprocess, "run", no_git)
    assert collect(r.root) == {}
    monkeypatch.undo()
    real = targethistory._git
    monkeypatch.setattr(targethistory, "_git", lambda root, args, stdin=None: (
        b"x blob 9\nkurang\n" if args[0] == "cat-file" else real(root, args, stdin)))
    assert collect(r.root) == {}
