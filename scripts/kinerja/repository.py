"""Load a repository: list data files, read each through the loader and its schema, build
records, and keep per-file results in a content-keyed cache.

This is the "load -> model" half of the pipeline. Each file is processed on its own
(`process_file`), so the work can run in parallel and be cached by content; the cross-file
stage then sees one `Repository` of records.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kinerja import __version__
from kinerja.check import document
from kinerja.findings import ERROR, Collector, Finding
from kinerja.layout import classify, data_files, expected_places
from kinerja.loader import LoadError, Loaded, load_bytes
from kinerja.model import records as R
from kinerja.model import schemas
from kinerja.model.rules import build_rule_set, synonym_map

CACHE_FORMAT = 3  # bump when FileResult or a record class changes shape


@dataclass(slots=True)
class FileResult:
    rel: str
    kind: str | None
    keys: dict
    findings: list[Finding]
    record: object = None  # a record (or list of Unit) when the file is schema-valid
    loaded: Loaded | None = None  # positions; dropped before caching

    @property
    def ok(self) -> bool:
        return self.record is not None


@dataclass
class Context:
    """What processing one file needs besides its bytes (inherited by worker processes)."""

    root: Path
    schema_dir: Path
    synonyms: dict = field(default_factory=dict)


def _located(loaded: Loaded):
    def where(path, key=False):
        return loaded.where(path, key)

    return where


def process_file(ctx: Context, rel: str, raw: bytes | None, is_symlink: bool = False) -> FileResult:
    """Read one file through loader, schema and single-document checks."""
    classified = classify(rel)
    if is_symlink:
        return FileResult(rel, None, {}, [Finding(rel, None, None, ERROR, "path-symlink",
            "Berkas ini adalah tautan simbolik (symlink). Simpan berkas biasa di tempatnya; "
            "symlink bisa menarik isi berkas lain ke situs publik.")])
    if classified is None:
        hint = " Gunakan akhiran .yml (bukan .yaml)." if rel.endswith(".yaml") else ""
        return FileResult(rel, None, {}, [Finding(rel, None, None, ERROR, "path-unknown",
            f"Berkas ini tidak berada di tempat yang dikenal.{hint} Tempat yang dikenal: {expected_places()}.")])
    kind, keys = classified.kind.name, classified.keys
    if raw is None:
        return FileResult(rel, kind, keys, [Finding(rel, None, None, ERROR, "file-unreadable",
            "Berkas tidak dapat dibaca (izin atau jenis berkas). Periksa berkasnya.")])
    try:
        loaded = load_bytes(raw)
    except LoadError as exc:
        return FileResult(rel, kind, keys, [Finding(rel, exc.line, exc.column, ERROR, exc.code, exc.message)])
    where = _located(loaded)
    validator = schemas.validator_for(ctx.schema_dir, classified.kind.schema)
    findings = schemas.check(validator, loaded.data, rel, where, ctx.synonyms)
    if findings:
        return FileResult(rel, kind, keys, findings, None, loaded)
    data = loaded.data
    c = Collector()
    document.check_path_agrees(c, rel, kind, keys, data)
    record = _build(kind, rel, keys, data, c)
    findings = c.resolve(lambda f, p, k: loaded.where(p, k))
    return FileResult(rel, kind, keys, findings, record, loaded)


def _build(kind: str, rel: str, keys: dict, data: dict, c: Collector):
    if kind == "person":
        rec = R.build_person(rel, data)
        document.check_person(c, rec)
    elif kind == "unit":
        rec = R.build_units(rel, data)
        document.check_units(c, rec)
    elif kind == "regency":
        rec = R.build_regency(rel, data)
    elif kind == "goals":
        rec = R.build_goals(rel, data)
        document.check_goals(c, rec)
    elif kind == "unit_result":
        rec = R.build_unit_result(rel, data)
    elif kind == "plan":
        rec = R.build_plan(rel, _stem(rel), data)
        document.check_plan(c, rec, keys)
    elif kind == "evaluation":
        rec = R.build_evaluation(rel, _stem(rel), data)
        document.check_evaluation(c, rec)
    elif kind == "rules":
        rec = build_rule_set(rel, data)
        document.check_rules(c, rel, rec)
    else:  # kinds owned by other stages keep their validated data
        rec = data
    return rec


def _stem(rel: str) -> str:
    return rel.rsplit("/", 1)[1][: -len(".yml")]


# --- the cache ------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Outside the repository: a pull request cannot plant a cache file that CI would load."""
    env = os.environ.get("KINERJA_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kinerja"


def _fingerprint(ctx: Context) -> str:
    """Everything besides a file's own bytes that its result depends on."""
    h = hashlib.sha256(f"{__version__}/{CACHE_FORMAT}".encode())
    for path in sorted(ctx.schema_dir.glob("*.schema.json")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(repr(sorted((k, sorted(v)) for k, v in ctx.synonyms.items())).encode())
    return h.hexdigest()[:32]


class Cache:
    def __init__(self, ctx: Context, enabled: bool):
        self.enabled = enabled
        self.entries: dict[str, FileResult] = {}
        self.stats: dict[str, tuple] = {}  # rel -> (mtime_ns, size, inode, digest)
        self.dirty = False
        root_key = hashlib.sha256(str(ctx.root.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir() / f"validate-{root_key}-{_fingerprint(ctx)}.pickle"
        if enabled:
            self._read()

    def _read(self) -> None:
        try:
            with open(self.path, "rb") as fh:
                self.stats, self.entries = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a missing or stale cache is simply rebuilt
            self.stats, self.entries = {}, {}

    def digest(self, root: Path, rel: str, st: os.stat_result) -> tuple[str, bytes | None]:
        """Content digest of a file; reuses the last digest when size/mtime/inode are unchanged."""
        key = (st.st_mtime_ns, st.st_size, st.st_ino)
        prev = self.stats.get(rel)
        if prev is not None and prev[:3] == key:
            return prev[3], None
        raw = (root / rel).read_bytes()
        digest = hashlib.sha256(rel.encode() + b"\0" + raw).hexdigest()
        self.stats[rel] = key + (digest,)
        self.dirty = True
        return digest, raw

    def write(self, live: set[str]) -> None:
        if not (self.enabled and self.dirty):
            return
        self.entries = {k: v for k, v in self.entries.items() if k in live}
        self.stats = {k: v for k, v in self.stats.items() if v[3] in live}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            for old in self.path.parent.glob(self.path.name.rsplit("-", 1)[0] + "-*.pickle"):
                if old != self.path:
                    old.unlink(missing_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((self.stats, self.entries), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only home or full disk only costs speed


# --- the repository ------------------------------------------------------------------------------


@dataclass
class Repository:
    root: Path
    files: dict[str, FileResult]
    regency: R.Regency | None = None
    units: dict[str, R.Unit] = field(default_factory=dict)
    people: dict[str, R.Person] = field(default_factory=dict)
    goals: dict[tuple[str, int], R.GoalSet] = field(default_factory=dict)
    unit_results: dict[tuple[str, int, str], R.UnitResult] = field(default_factory=dict)
    plans: dict[tuple[int, str], R.Plan] = field(default_factory=dict)  # (year, stem)
    evaluations: dict[tuple[int, str, str], R.Evaluation] = field(default_factory=dict)  # (year, period, stem)
    rule_sets: dict[str, object] = field(default_factory=dict)
    other: dict[str, object] = field(default_factory=dict)  # kind -> validated data (publication policy)

    plans_by_person: dict[tuple[str, int], list[R.Plan]] = field(default_factory=dict)

    # -- lookups used by every later stage
    def plans_of(self, person: str, year: int) -> list[R.Plan]:
        """A person's plans in a year, earliest first."""
        return self.plans_by_person.get((person, year), [])

    def is_broken(self, rel: str) -> bool:
        fr = self.files.get(rel)
        return fr is not None and not fr.ok

    def locate(self, rel: str, path: tuple, key: bool = False):
        fr = self.files.get(rel)
        if fr is None:
            return None
        if fr.loaded is None:
            try:
                fr.loaded = load_bytes((self.root / rel).read_bytes())
            except (OSError, LoadError):
                return None
        return fr.loaded.where(path, key)

    def rules_for_year(self, year: int):
        if self.regency is None:
            return None
        rule_id = self.regency.rule_set_for(year)
        return self.rule_sets.get(rule_id) if rule_id else None


def _read_synonyms(root: Path, schema_dir: Path) -> dict:
    """Synonyms come from the rule sets; read them first (invalid rule files simply give none)."""
    rule_sets = []
    ctx = Context(root, schema_dir)
    for path in sorted((root / "rules").glob("*.yml")) if (root / "rules").is_dir() else ():
        if path.is_symlink():
            continue
        rel = path.relative_to(root).as_posix()
        fr = process_file(ctx, rel, path.read_bytes())
        if fr.ok:
            rule_sets.append(fr.record)
    return synonym_map(rule_sets)


PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves


def _process_local(ctx: Context, rel: str, raw: bytes | None) -> FileResult:
    if raw is None:
        return _worker((ctx, rel))
    return process_file(ctx, rel, raw)


def _worker(args):
    ctx, rel = args
    path = ctx.root / rel
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    fr = process_file(ctx, rel, raw)
    fr.loaded = None  # positions are re-read on demand; shipping them back costs more
    return fr


def load_repository(root: Path, *, use_cache: bool = True, jobs: int | None = None) -> Repository:
    schema_dir = root / "schemas"
    ctx = Context(root, schema_dir, _read_synonyms(root, schema_dir))
    for kind_schema in sorted(p.name for p in schema_dir.glob("*.schema.json")):
        schemas.validator_for(schema_dir, kind_schema)  # build before forking workers
    cache = Cache(ctx, use_cache)
    results: dict[str, FileResult] = {}
    todo: list[tuple[str, bytes | None]] = []
    digests: dict[str, str] = {}
    for rel in data_files(root):
        path = root / rel
        if path.is_symlink():
            results[rel] = process_file(ctx, rel, None, is_symlink=True)
            continue
        try:
            st = path.stat()
            digest, raw = cache.digest(root, rel, st)
        except OSError:
            results[rel] = process_file(ctx, rel, None)
            continue
        digests[rel] = digest
        hit = cache.entries.get(digest)
        if hit is not None:
            results[rel] = hit
        else:
            todo.append((rel, raw))
    if todo:
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
            import multiprocessing

            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                fresh = list(pool.map(_worker, [(ctx, rel) for rel, _ in todo], chunksize=64))
        else:
            fresh = [_process_local(ctx, rel, raw) for rel, raw in todo]
        for fr in fresh:
            results[fr.rel] = fr
            cache.entries[digests[fr.rel]] = fr
            cache.dirty = True
    cache.write(set(digests.values()))
    return _assemble(root, results)


def _assemble(root: Path, results: dict[str, FileResult]) -> Repository:
    repo = Repository(root=root, files=dict(sorted(results.items())))
    for rel, fr in repo.files.items():
        if not fr.ok:
            continue
        rec = fr.record
        if fr.kind == "regency":
            repo.regency = rec
        elif fr.kind == "unit":
            for u in rec:
                repo.units.setdefault(u.id, u)
        elif fr.kind == "person":
            repo.people[rec.id] = rec
        elif fr.kind == "goals":
            repo.goals[(rec.unit, rec.tahun)] = rec
        elif fr.kind == "unit_result":
            repo.unit_results[(rec.unit, rec.tahun, rec.periode)] = rec
        elif fr.kind == "plan":
            repo.plans[(int(fr.keys["tahun"]), rec.key)] = rec
            repo.plans_by_person.setdefault((rec.pegawai, rec.tahun), []).append(rec)
        elif fr.kind == "evaluation":
            repo.evaluations[(int(fr.keys["tahun"]), fr.keys["periode"], rec.key)] = rec
        elif fr.kind == "rules":
            repo.rule_sets[rec.id] = rec
        else:
            repo.other[fr.kind] = rec
    for plans in repo.plans_by_person.values():
        plans.sort(key=lambda p: p.mulai)
    return repo
