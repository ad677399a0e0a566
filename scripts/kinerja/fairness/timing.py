"""When each evaluation became final, from git, through the one reader of review facts
(review/facts.py): the first commit of the latest unbroken first-parent run in which the file
says `status: final` (a merged pull request counts at its merge). Days are calendar days in
the regency's time zone, the period's last day being day 0."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def final_dates(root: Path, zone: str | None = "Asia/Jakarta", known: dict[str, str] | None = None) -> dict[str, date] | None:
    """evaluation path -> the local date it became final; None when git history is not available.

    `known`: evaluation path -> status as the repository read it from the working copy. For a
    file the working copy has unchanged, that is its status in the newest commit that touched
    it, so git is asked only for older versions (20,000 evaluations: one parse each saved)."""
    from kinerja.review import facts

    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=60)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
            return None
        if subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True,
                          timeout=60).stdout.strip() == "true":
            return None
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        history = facts.History(root, "HEAD", ("evaluations",))
    except facts.FactsUnavailable:
        return None
    try:
        if known:
            dirty = _dirty(root)
            for path, status in known.items() if dirty is not None else ():
                commits = history.commits_of(path) if path not in dirty else []
                if commits:
                    history.seed_state(commits[0].sha, path, status)
        return history.final_days(zone)
    except facts.FactsUnavailable:
        return None
    finally:
        history.close()


def _dirty(root: Path) -> set[str] | None:
    """Evaluation files whose working copy differs from HEAD (their parsed status is not HEAD's);
    None when git cannot tell (then nothing is taken from the working copy)."""
    try:
        out = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames",
                              "--", "evaluations"], capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return {e[3:].decode("utf-8", "surrogateescape") for e in out.stdout.split(b"\0") if len(e) > 3}
