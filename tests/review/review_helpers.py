"""Helpers for the review tests: accounts of the demo regency, and PRs made as real commits."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kthelpers import git, run_kinerja

# (login, numeric id) of demo people, from organisation/people/*.yml
ACCOUNTS = {
    "siti": ("kt-demo-siti", 91000042),  # disdik-0042, staff, penilai disdik-0040
    "bambang": ("kt-demo-bambang", 91000043),  # disdik-0043, peer of siti
    "yuliana": ("kt-demo-yuliana", 91000044),  # disdik-0044, draft evaluation in triwulan_3
    "kepsek": ("kt-demo-kepsek-sdn12", 91000035),  # disdik-0040, penilai of the teachers
    "kabid_sd": ("kt-demo-kabid-sd", 91000032),  # disdik-0005, penilai of disdik-0040, heads disdik-bid-sd
    "nadia": ("kt-demo-nadia", 91000075),  # kominfo-0040, draft plan
    "fajar": ("kt-demo-admin-fajar", 91000022),  # bkpsdm-0020, admin
    "mega": ("kt-demo-admin-mega", 91000023),  # bkpsdm-0021, admin
}

T3 = "evaluations/2026/triwulan_3"


def edit(repo: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def start_pr(repo: Path, branch: str = "pr") -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")


def check_change(repo: Path, who: str, base: str = "main", head: str = "pr", login: str | None = None, gid: int | None = None):
    acc_login, acc_id = ACCOUNTS.get(who, (None, None))
    result = run_kinerja(
        "check-change", "--akar", str(repo), "--revisi-dasar", base, "--revisi-usulan", head,
        "--pembuat", login or acc_login, "--id-pembuat", str(gid if gid is not None else acc_id), "--format", "json",
    )
    doc = json.loads(result.out) if result.code in (0, 1) else None
    return result, doc


def verdicts(doc: dict) -> dict[str, str]:
    return {d["file"]: d["code"] for d in doc["decisions"]}


def decision(doc: dict, rel: str) -> dict:
    return next(d for d in doc["decisions"] if d["file"] == rel)


def add_admin_commit_on_main(repo: Path, change) -> None:
    """An admin's change merged on main before the PR starts (e.g. a transfer)."""
    git(repo, "checkout", "-q", "main")
    change(repo)
    commit_all(repo, "admin change on main")
