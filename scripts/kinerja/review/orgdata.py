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

ORG_FOLDERS = ("organisation/instansi.yml", "organisation/units", "organisation/people")


class OrgDataError(gitrev.GitError):
    """The base revision's organisation data cannot be used (exit code 2)."""


@dataclass
class OrgData:
    regency: Regency
    org: OrgIndex


_MEMO: dict[tuple[str, str], OrgData] = {}


def load_org(root: Path, rev: str) -> OrgData:
    """The organisation at `rev`; remembered per (repository, commit id) within one process
    (a commit's content never changes), so the gate reads it once per main."""
    key = (str(Path(root).resolve()), rev)
    if len(rev) == 40 and key in _MEMO:
        return _MEMO[key]
    data = _load_org(root, rev)
    if len(rev) == 40:
        if len(_MEMO) > 8:
            _MEMO.clear()
        _MEMO[key] = data
    return data


def _load_org(root: Path, rev: str) -> OrgData:
    entries = gitrev.tree(root, rev, *ORG_FOLDERS)
    schema_entries = gitrev.tree(root, rev, "schemas")
    wanted = {p: e for p, e in entries.items() if e.is_regular and p.endswith(".yml")}
    blobs = gitrev.read_blobs(root, [e.sha for e in wanted.values()] + [e.sha for e in schema_entries.values() if e.is_regular])
    regency, people, units, broken = None, {}, {}, []
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
    if regency is None:
        raise OrgDataError(
            f"Data organisasi pada revisi dasar {rev[:12]} tidak dapat dipakai (organisation/instansi.yml "
            "tidak ada atau tidak sah). Perbaiki cabang utama lebih dulu."
        )
    return OrgData(regency, OrgIndex(people, units, regency.id, regency.admins))
