"""check-approval against recorded GitHub review JSON, on real git repositories.

The recorded files in data/reviews/ are GitHub API review objects; `{{head}}` and `{{old}}`
stand for the PR's head commit and an earlier commit of the same PR.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kthelpers import run_kinerja
from review_helpers import ACCOUNTS, T3, add_admin_commit_on_main, commit_all, edit, start_pr, write



DATA = Path(__file__).parent / "data" / "reviews"
SITI_PLAN = "plans/2026/disdik-0042.yml"
YULI_T3 = f"{T3}/disdik-0044.yml"


def _two_commit_pr(repo, change):
    """A PR with two commits; returns (old commit, head commit)."""
    start_pr(repo)
    old = commit_all(repo, "first commit")
    change(repo)
    head = commit_all(repo, "second commit")
    return old, head


def _approval(repo, who, recorded, old, head, tmp_path):
    text = (DATA / recorded).read_text(encoding="utf-8").replace("{{head}}", head).replace("{{old}}", old)
    reviews = tmp_path / "reviews.json"
    reviews.write_text(text, encoding="utf-8")
    login, gid = ACCOUNTS[who]
    result = run_kinerja("check-approval", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", "pr", "--pembuat", login,
                         "--id-pembuat", str(gid), "--tinjauan", str(reviews), "--format", "json")
    return result, (json.loads(result.out) if result.out.startswith("{") else None)


def _only(doc, label, people, files, code):
    """The one approval requirement, with its reason: who must approve which files, and why it is (not) met."""
    [a] = doc["approvals"]
    assert (a["label"], a["people"], a["files"], a["code"]) == (label, people, files, code), a
    ok = code == "approval-ok"
    assert a["ok"] is ok
    if ok:
        assert a["message"].startswith(f"Disetujui oleh {label} ") and "pada commit terakhir" in a["message"], a
    elif code == "approval-missing":
        assert a["message"].startswith(f"Belum ada persetujuan (Approve) dari {label}: "), a
        assert all(p in a["message"] for p in people), a
    return a


def _siti_plan(r):
    edit(r, SITI_PLAN, "yang diselesaikan siswa", "yang diselesaikan siswa kelas IV")


@pytest.mark.parametrize("recorded, exit_code, code", [
    ("penilai-approved.json", 0, "approval-ok"),
    ("penilai-approved-old-commit.json", 1, "approval-stale"),
    ("peer-approved.json", 1, "approval-missing"),
    ("penilai-approved-then-changes-requested.json", 1, "approval-missing"),
    ("penilai-approved-then-commented.json", 0, "approval-ok"),
    ("penilai-dismissed.json", 1, "approval-missing"),
    ("penilai-approved-renamed-login.json", 1, "approval-missing"),
    ("empty.json", 1, "approval-missing"),
])
def test_approved_plan_needs_the_penilai_on_the_head_commit(demo_git, tmp_path, recorded, exit_code, code):
    old, head = _two_commit_pr(demo_git, _siti_plan)
    result, doc = _approval(demo_git, "siti", recorded, old, head, tmp_path)
    assert result.code == exit_code, result
    a = _only(doc, "pejabat penilai", ["disdik-0040"], [SITI_PLAN], code)
    if code == "approval-ok":
        assert "disdik-0040" in a["message"]
    if code == "approval-stale":
        assert old[:7] in doc["approvals"][0]["message"] and "menyetujui ulang" in doc["approvals"][0]["message"]


def test_draft_plan_needs_no_approval(demo_git, tmp_path):
    old, head = _two_commit_pr(demo_git, lambda r: edit(r, "plans/2026/kominfo-0040.yml", "Tersedianya dasbor", "Tersedianya dasbor baru"))
    result, doc = _approval(demo_git, "nadia", "empty.json", old, head, tmp_path)
    assert result.code == 0 and doc["approvals"] == []
    assert doc["ok"] is True and doc["sentence"] == "Usulan ini tidak memerlukan persetujuan khusus."


def _rating(r):
    edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")


@pytest.mark.parametrize("recorded", ["employee-changes-requested.json", "employee-acknowledged.json", "empty.json"])
def test_ratings_are_final_by_the_penilai_and_the_employee_never_blocks(demo_git, tmp_path, recorded):
    """persetujuan_rating: tidak_ada (the default): the penilai's own PR needs no one's approval,
    and the rated employee's Request changes does not block it."""
    old, head = _two_commit_pr(demo_git, _rating)
    result, doc = _approval(demo_git, "kepsek", recorded, old, head, tmp_path)
    assert result.code == 0, result
    assert doc["approvals"] == []


@pytest.mark.parametrize("recorded, exit_code", [("employee-acknowledged.json", 1), ("atasan-approved.json", 0)])
def test_rating_change_needs_atasan_when_configured(demo_git, tmp_path, recorded, exit_code):
    add_admin_commit_on_main(demo_git, lambda r: edit(r, "organisation/instansi.yml", "persetujuan_rating: tidak_ada",
                                                      "persetujuan_rating: atasan_pejabat_penilai"))
    old, head = _two_commit_pr(demo_git, _rating)
    result, doc = _approval(demo_git, "kepsek", recorded, old, head, tmp_path)
    assert result.code == exit_code, result
    _only(doc, "atasan pejabat penilai", ["disdik-0005"], [YULI_T3], "approval-ok" if exit_code == 0 else "approval-missing")


@pytest.mark.parametrize("recorded, exit_code", [("admin-self-approved.json", 1), ("admin-other-approved.json", 0)])
def test_admin_change_needs_another_admin(demo_git, tmp_path, recorded, exit_code):
    old, head = _two_commit_pr(demo_git, lambda r: write(r, "site/tentang.md", "# Tentang\n"))
    result, doc = _approval(demo_git, "fajar", recorded, old, head, tmp_path)
    assert result.code == exit_code, result
    # the author's own approval never counts: only the other admin can give it
    a = _only(doc, "admin lain", ["bkpsdm-0021"], ["site/tentang.md"], "approval-ok" if exit_code == 0 else "approval-missing")
    assert "bkpsdm-0020" not in a["message"]


def test_refused_change_cannot_be_approved_into_passing(demo_git, tmp_path):
    old, head = _two_commit_pr(demo_git, lambda r: edit(r, "plans/2026/disdik-0043.yml", "pendekatan:", "# x\npendekatan:"))
    result, doc = _approval(demo_git, "siti", "penilai-approved.json", old, head, tmp_path)
    assert result.code == 1 and doc["allowed"] is False
    assert doc["approvals"] == []  # a refused file asks for no approval: nobody can approve it into passing
    assert doc["ok"] is False and "ditolak pemeriksaan hak ubah" in doc["sentence"]


def test_malformed_reviews_file_is_a_usage_error(demo_git, tmp_path):
    old, head = _two_commit_pr(demo_git, _siti_plan)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    login, gid = ACCOUNTS["siti"]
    result = run_kinerja("check-approval", "--akar", str(demo_git), "--revisi-dasar", "main", "--revisi-usulan", "pr", "--pembuat", login,
                         "--id-pembuat", str(gid), "--tinjauan", str(bad))
    assert result.code == 2 and "JSON" in result.err


def test_paginated_reviews_are_read(demo_git, tmp_path):
    """`gh api --paginate` prints one array per page, back to back."""
    old, head = _two_commit_pr(demo_git, _siti_plan)
    page1 = (DATA / "peer-approved.json").read_text(encoding="utf-8")
    page2 = (DATA / "penilai-approved.json").read_text(encoding="utf-8").replace("{{head}}", head)
    pages = tmp_path / "pages.json"
    pages.write_text(page1 + page2, encoding="utf-8")
    login, gid = ACCOUNTS["siti"]
    result = run_kinerja("check-approval", "--akar", str(demo_git), "--revisi-dasar", "main", "--revisi-usulan", "pr", "--pembuat", login,
                         "--id-pembuat", str(gid), "--tinjauan", str(pages))
    assert result.code == 0, result
