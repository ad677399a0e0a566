"""When an evaluation became final: the first first-parent commit on main whose version of
the file says `status: final`, at its committer time, as a date in the regency's time zone
(decisions.md, "Dates and days": the day of the merge is day 0).

ONE small function, read from git history, so that it can be swapped for the review facts
the App records at merge (review/facts.py) without touching its callers.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from kinerja.loader import LoadError, load_bytes


def local_date(moment: datetime, zone: str) -> date:
    """The calendar date of an aware datetime in the regency's time zone."""
    return moment.astimezone(ZoneInfo(zone)).date()


def final_since(root: Path, rel: str, ref: str, zone: str) -> tuple[date, str] | None:
    """(local date, commit) when `rel` first became final on `ref`'s first-parent line; None if never."""
    try:
        log = subprocess.run(["git", "-C", str(root), "log", "--first-parent", "--reverse", "--format=%H %ct", ref, "--", rel],
                             capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    if log.returncode != 0:
        return None
    for line in log.stdout.split("\n"):
        if not line.strip():
            continue
        sha, ts = line.split()
        blob = subprocess.run(["git", "-C", str(root), "show", f"{sha}:{rel}"], capture_output=True, timeout=60)
        if blob.returncode != 0:
            continue
        try:
            data = load_bytes(blob.stdout).data
        except LoadError:
            continue
        if isinstance(data, dict) and data.get("status") == "final":
            return local_date(datetime.fromtimestamp(int(ts), timezone.utc), zone), sha
    return None


def filing_window(final_day: date, days: int) -> date:
    """The last day a keberatan may be filed: day 0 is the day the evaluation became final."""
    return final_day + timedelta(days=days)
