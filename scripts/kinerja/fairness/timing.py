"""When each evaluation became final, from git: the first first-parent commit (a merged pull
request counts at its merge) that added the line `status: final`. Days are calendar days in
the regency's time zone (WIB by default), the period's last day being day 0."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timedelta, timezone
from pathlib import Path


def final_dates(root: Path, offset_hours: int = 7) -> dict[str, date] | None:
    """evaluation path -> the local date it became final; None when git history is not available."""
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, timeout=60)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
            return None
        if subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True,
                          timeout=60).stdout.strip() == "true":
            return None
        proc = subprocess.run(
            ["git", "-C", str(root), "log", "--first-parent", "-m", "--reverse", "-G", "^status: *final", "--format=%x01%ct",
             "--name-only", "--", "evaluations/"],
            capture_output=True, timeout=600,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    out: dict[str, date] = {}
    when = None
    for line in proc.stdout.decode("utf-8", "surrogateescape").splitlines():
        if line.startswith("\x01"):
            epoch = int(line[1:])
            when = (datetime.fromtimestamp(epoch, timezone.utc) + timedelta(hours=offset_hours)).date()
        elif line and when is not None:
            out.setdefault(line, when)
    return out
