"""The organisation as it stands at a revision (the PR's base): people, units, admins.

Authorization must never read the organisation data a PR brings along, or a PR could
grant itself rights. The files are read straight from git objects through the same
per-file stage as validation (strict loader, schema, record builders); the base
revision's schemas are written to a temporary folder only because the validator reads
schemas from a folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from kinerja.model.org import OrgIndex
from kinerja.model.records import Regency
from kinerja.repository import Context, process_file
from kinerja.review import gitrev

ORG_FOLDERS = ("organisation/instansi.yml", "organisation/units", "organisation/people", "rules")


class OrgDataError(gitrev.GitError):
    """The base revision's organisation data cannot be used (exit code 2)."""


@dataclass
class OrgData:
    regency: Regency
    org: OrgIndex


def load_org(root: Path, rev: str) -> OrgData:
    entries = gitrev.tree(root, rev, *ORG_FOLDERS)
    schema_entries = gitrev.tree(root, rev, "schemas")
    wanted = {p: e for p, e in entries.items() if e.is_regular and p.endswith(".yml")}
    blobs = gitrev.read_blobs(root, [e.sha for e in wanted.values()] + [e.sha for e in schema_entries.values() if e.is_regular])
    regency, people, units, rule_sets, broken = None, {}, {}, {}, []
    with tempfile.TemporaryDirectory(prefix="kinerja-base-schemas-") as tmp:
        schema_dir = Path(tmp)
        for path, e in schema_entries.items():
            name = path.rsplit("/", 1)[-1]
            if e.is_regular and name.endswith(".schema.json") and "/" not in path[len("schemas/"):]:
                (schema_dir / name).write_bytes(blobs[e.sha])
        ctx = Context(root, schema_dir)
        for path, e in sorted(wanted.items()):
            entry, record = process_file(ctx, path, blobs[e.sha])
            if record is None:
                broken.append(path)
                continue
            if entry.kind == "regency":
                regency = record
            elif entry.kind == "person":
                people[record.id] = record
            elif entry.kind == "unit":
                for u in record:
                    units.setdefault(u.id, u)
            elif entry.kind == "rules":
                rule_sets[record.id] = record  # the usual evaluator pairs: who is penilai is derived
    if regency is None:
        raise OrgDataError(
            f"Data organisasi pada revisi dasar {rev[:12]} tidak dapat dipakai (organisation/instansi.yml "
            "tidak ada atau tidak sah). Perbaiki cabang utama lebih dulu."
        )
    def rules_for_year(year: int):
        rule_id = regency.rule_set_for(year)
        return rule_sets.get(rule_id) if rule_id else None

    return OrgData(regency, OrgIndex(people, units, regency.id, regency.admins, rules_for_year=rules_for_year))
