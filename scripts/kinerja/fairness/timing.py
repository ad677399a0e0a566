"""When each evaluation became final, from git, through the one reader of review facts
(review/facts.py): the first commit of the latest unbroken first-parent run in which the file
says `status: final` (a merged pull request counts at its merge). Days are calendar days in
the regency's time zone, the period's last day being day 0."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path


def final_dates(root: Path, zone: str | None = "Asia/Jakarta") -> dict[str, date] | None:
    """evaluation path -> the local date it became final; None when git history is not available."""
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
        return history.final_days(zone)
    except facts.FactsUnavailable:
        return None
    finally:
        history.close()
