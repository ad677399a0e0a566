"""Which errors a change adds: the findings of the merged tree against those of main.

A PR is blocked only by the errors it adds, so a pre-existing finding elsewhere, or one
that appears because a date passed, never blocks everyone (both sides are validated with
the same date). Findings are compared as a multiset on (file, severity, code, JSON pointer,
message) — not on the line, which moves when lines are added above it. Changed files come
first in every report.
"""

from __future__ import annotations

import json
from collections import Counter

from kinerja.findings import ERROR, Finding


def _key(f: Finding) -> tuple:
    return (f.file, f.severity, f.code, f.pointer, f.message)


def added(before: list[Finding], after: list[Finding], severity: str = ERROR) -> list[Finding]:
    """Findings of `severity` in `after` that `before` did not have (counted with multiplicity)."""
    left = Counter(_key(f) for f in before if f.severity == severity)
    out = []
    for f in after:
        if f.severity != severity:
            continue
        k = _key(f)
        if left[k]:
            left[k] -= 1
        else:
            out.append(f)
    return out


def changed_first(findings: list[Finding], changed: set[str]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file not in changed, f.sort_key()))


def from_json(text: str) -> list[Finding]:
    """Findings from `kinerja validate --format json` output; ValueError if it is not that."""
    doc = json.loads(text)
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise ValueError("bukan laporan JSON kinerja validate")
    out = []
    for d in doc["findings"]:
        out.append(Finding(str(d["file"]), d.get("line"), d.get("column"), str(d["severity"]), str(d["code"]),
                           str(d["message"]), str(d.get("pointer") or "")))
    return out
