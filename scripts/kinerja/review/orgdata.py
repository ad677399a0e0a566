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


_MEMO: dict[tuple[str, str], OrgData] = {}


def load_org(root: Path, rev: str) -> OrgData:
    """The organisation at `rev`; remembered per (repository, commit id) within one process
    (a commit's content never changes), so the gate reads it once per main."""
    key = (str(Path(root).resolve()), rev)
    if len(rev) == 40 and key in _MEMO:
        return _MEMO[key]
    data = _load_org_cached(root, rev)
    if len(rev) == 40:
        if len(_MEMO) > 8:
            _MEMO.clear()
        _MEMO[key] = data
    return data


def _load_org_cached(root: Path, rev: str) -> OrgData:
    """Across processes: the built organisation is kept in the cache folder under the digest of
    the organisation and schema blobs it was built from, signed (cache.seal_bytes) and loaded only
    when the signature checks. 5,000 people cost seconds to build and milliseconds to load."""
    import hashlib
    import pickle

    from kinerja import __version__
    from kinerja.cache import cache_dir, seal_bytes, unseal_bytes

    entries = gitrev.tree(root, rev, *ORG_FOLDERS)
    schema_entries = gitrev.tree(root, rev, "schemas")
    h = hashlib.sha256(f"orgdata\0{__version__}\0".encode())
    for path, e in sorted(entries.items()) + sorted(schema_entries.items()):
        h.update(f"{path}\0{e.mode}\0{e.sha}\n".encode("utf-8", "surrogateescape"))
    digest = h.hexdigest()[:32]
    path = cache_dir() / "orgdata" / f"{digest}.pickle"
    try:
        payload = unseal_bytes(f"orgdata:{digest}", path.read_bytes())
        if payload is not None:
            return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - unreadable or not ours: build it again
        pass
    data = _load_org(root, rev, entries, schema_entries)
    try:
        sealed = seal_bytes(f"orgdata:{digest}", pickle.dumps(data, protocol=5))
        if sealed is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in sorted(path.parent.glob("*.pickle"), key=lambda f: f.stat().st_mtime)[:-4]:
                old.unlink(missing_ok=True)  # keep the last few organisations only
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with open(fd, "wb") as fh:
                fh.write(sealed)
            Path(tmp).replace(path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    return data


def _load_org(root: Path, rev: str, entries=None, schema_entries=None) -> OrgData:
    entries = entries if entries is not None else gitrev.tree(root, rev, *ORG_FOLDERS)
    schema_entries = schema_entries if schema_entries is not None else gitrev.tree(root, rev, "schemas")
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
    return OrgData(regency, OrgIndex(people, units, regency.id, regency.admins, rules_for_year=_RulesByYear(regency, rule_sets)))


@dataclass
class _RulesByYear:
    """year -> the rule set in force (the usual evaluator pairs); picklable, for the cache."""

    regency: Regency
    rule_sets: dict

    def __call__(self, year: int):
        rule_id = self.regency.rule_set_for(year)
        return self.rule_sets.get(rule_id) if rule_id else None
