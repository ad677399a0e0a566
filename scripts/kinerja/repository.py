"""Load a repository: list its data files, read each through the loader, its schema and the
single-document checks, and give later stages one `Repository` of typed records.

This is the "load -> model" half of the pipeline. Each file is processed on its own
(`process_file`), so the work runs in parallel and is cached by content (kinerja.cache).
Records of organisation files are loaded eagerly; plans and evaluations only when a stage
asks for them, so an incremental run touches a handful of records, not thirty thousand.
"""

from __future__ import annotations

import hashlib
import os
import re
import pickle
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kinerja import __version__
from kinerja.cache import Cache
from kinerja.gcpause import no_gc
from kinerja.check import document
from kinerja.findings import ERROR, Collector, Finding, raw_may_hold_nip
from kinerja.layout import classify, data_files, expected_places, git_data_files
from kinerja.loader import LoadError, Loaded, load_bytes
from kinerja.model import records as R
from kinerja.model import schemas
from kinerja.model.rules import RuleSet, build_rule_set, synonym_map
from kinerja.suara import checks as suara_checks
from kinerja.suara import records as S

_LONG_DIGITS = re.compile(r"[0-9]{16}")
ORG_KINDS = frozenset({"regency", "unit", "person", "goals", "rules", "publication"})
PARALLEL_THRESHOLD = 200  # below this, starting worker processes costs more than it saves


@dataclass(slots=True)
class FileEntry(R.Record):
    """What the per-file stage learned about one file (cached by content)."""

    rel: str
    kind: str | None
    keys: dict
    ok: bool  # loaded and schema-valid: a record exists
    findings: list[Finding]
    facts: tuple | None = None  # the few fields the timing checks need
    digest: str | None = None


def entry_tuple(e: FileEntry) -> tuple:
    """A FileEntry as plain values (what the snapshot stores: pickles at C speed)."""
    return (e.kind, e.keys, e.ok, e.findings, e.facts, e.digest)


@dataclass
class Context:
    """What processing one file needs besides its bytes (inherited by worker processes)."""

    root: Path
    schema_dir: Path
    synonyms: dict = field(default_factory=dict)


# --- one file ------------------------------------------------------------------------------------


def process_file(ctx: Context, rel: str, raw: bytes | None, is_symlink: bool = False) -> tuple[FileEntry, object]:
    """Read one file through loader, schema and single-document checks -> (entry, record)."""
    classified = classify(rel)
    if _LONG_DIGITS.search(rel):
        return FileEntry(rel, None, {}, False, [Finding(rel, None, None, ERROR, "path-nip",
            "Nama berkas atau folder memuat deretan 16 angka atau lebih (seperti NIP). Beri nama berkas "
            "dengan id pegawai (misalnya disdik-0042.yml), jangan dengan NIP.")]), None
    if is_symlink:
        return FileEntry(rel, None, {}, False, [Finding(rel, None, None, ERROR, "path-symlink",
            "Ini tautan simbolik (symlink) atau submodule, bukan berkas biasa. Simpan berkas biasa di "
            "tempatnya: symlink bisa menarik isi berkas lain ke situs publik.")]), None
    if classified is None:
        hint = " Gunakan akhiran .yml (bukan .yaml)." if rel.endswith(".yaml") else ""
        return FileEntry(rel, None, {}, False, [Finding(rel, None, None, ERROR, "path-unknown",
            f"Berkas ini tidak berada di tempat yang dikenal.{hint} Tempat yang dikenal: {expected_places()}.")]), None
    kind, keys = classified.kind.name, classified.keys
    if raw is None:
        return FileEntry(rel, kind, keys, False, [Finding(rel, None, None, ERROR, "file-unreadable",
            "Berkas tidak dapat dibaca (izin atau jenis berkas). Periksa berkasnya.")]), None
    try:
        loaded = load_bytes(raw)
    except LoadError as exc:
        return FileEntry(rel, kind, keys, False, [Finding(rel, exc.line, exc.column, ERROR, exc.code, exc.message)]), None
    validator = schemas.validator_for(ctx.schema_dir, classified.kind.schema)
    findings = schemas.check(validator, loaded.data, rel, loaded.where, ctx.synonyms)
    if findings:
        return FileEntry(rel, kind, keys, False, findings), None
    c = Collector()
    document.check_path_agrees(c, rel, kind, keys, loaded.data)
    if raw_may_hold_nip(raw):  # most files have no eight digits in a row: no walk of their strings
        document.check_free_text(c, rel, loaded.data, suara_checks.PUBLIC_TEXT.get(kind, frozenset()))
    record = _build(kind, rel, keys, loaded.data, c)
    findings = c.resolve(lambda f, p, k: loaded.where(p, k))
    facts = _facts(kind, record)
    if kind == "complaint":  # where a late step's warning points (no re-read of thousands of open complaints)
        facts += (loaded.where(("riwayat", len(record.riwayat) - 1), False),)
    return FileEntry(rel, kind, keys, True, findings, facts), record


def _build(kind: str, rel: str, keys: dict, data: dict, c: Collector):
    if kind == "person":
        rec = R.build_person(rel, data)
        document.check_person(c, rec)
    elif kind == "unit":
        rec = R.build_units(rel, data)
        document.check_units(c, rec)
    elif kind == "regency":
        rec = R.build_regency(rel, data)
        document.check_regency(c, rec)
    elif kind == "goals":
        rec = R.build_goals(rel, data)
        document.check_goals(c, rec)
    elif kind == "unit_result":
        rec = R.build_unit_result(rel, data)
    elif kind == "plan":
        rec = R.build_plan(rel, stem(rel), data)
        document.check_plan(c, rec, keys)
    elif kind == "evaluation":
        rec = R.build_evaluation(rel, stem(rel), data)
        document.check_evaluation(c, rec)
    elif kind == "rules":
        rec = build_rule_set(rel, data)
        document.check_rules(c, rel, rec)
    elif kind == "service_rules":
        rec = S.build_rules(rel, data)
        suara_checks.check_rules(c, rec)
    elif kind == "complaint":
        rec = S.build_complaint(rel, int(keys["tahun"]), data)
        suara_checks.check_complaint(c, rec, keys)
    elif kind == "survey":
        rec = S.build_survey(rel, data)
        suara_checks.check_survey(c, rec, keys)
    elif kind == "service_map":
        rec = S.build_service_map(rel, data)
        suara_checks.check_service_map(c, rec, keys)
    elif kind == "holidays":
        rec = S.build_holidays(rel, data)
        suara_checks.check_holidays(c, rec, keys)
    else:  # kinds owned by other stages keep their validated data
        rec = data
    return rec


def _facts(kind: str, rec) -> tuple | None:
    if kind == "plan":  # the 5th: does an IKI take its realisasi from a survey (suara publik)?
        return (rec.status, rec.mulai, rec.tahun, rec.selesai, any(i.sumber_survei for r in rec.rhk for i in r.indikator))
    if kind == "evaluation":
        above = [r for r in rec.ratings if r.rating == "di_atas_ekspektasi"]
        backed = sum(1 for r in above if (rep := rec.report_for(r.rhk)) is not None and rep.bukti)
        # the timing rules read the first three; career and fairness reports the rest (no record load)
        return (rec.status, rec.tahun, rec.periode, rec.pejabat_penilai, rec.rating_hasil_kerja, rec.rating_perilaku_kerja,
                len(above), backed)
    if kind == "complaint":
        return (rec.status, rec.diterima)
    return None


def plan_order(rel: str) -> str:
    """Sort key of one person's plans (or their evaluations) in a year: the first plan's file is
    <id>.yml, a later one's <id>.<start date>.yml (check/crossfile.py), so "" comes first and ISO
    dates follow in order (comparing whole names would put <id>.yml last: "y" > "2")."""
    return stem(rel).partition(".")[2]


def stem(rel: str) -> str:
    """File name without .yml: the person id, or '<id>.<start date>' for a second plan."""
    return rel.rsplit("/", 1)[1][: -len(".yml")]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _worker(args):
    ctx, rel = args
    entry, record = process_file(ctx, rel, _read(ctx.root / rel))
    # Pickled here, in parallel; the parent stores the bytes and unpickles only what it needs.
    return entry, (pickle.dumps(record, protocol=5) if record is not None else None)


def stage_files(ctx: Context, cache: Cache | None, digests: dict[str, str], raws: Mapping[str, bytes],
                records: dict[str, object], *, jobs: int | None = None, prepare=None) -> dict[str, FileEntry]:
    """The per-file stage of the files `digests` names (rel -> cache digest): their entries, in
    that order. A digest the cache holds gives its entry; any other file goes through
    process_file (in worker processes when there are many, which read it from disk; else from
    `raws` or the disk), its record put in `records` (the object, or a worker's pickle of it) and
    its result in the cache. `prepare` runs once, before the first file is processed."""
    enabled = cache is not None and cache.enabled
    hits = cache.metas(list(digests.values())) if enabled else {}
    out: dict[str, FileEntry | None] = {}
    todo = []
    for rel, digest in digests.items():
        meta = hits.get(digest)
        if meta is not None:
            out[rel] = FileEntry(rel, *meta, digest=digest)
        else:
            out[rel] = None  # its place kept: processed below
            todo.append(rel)
    if not todo:
        return out
    if prepare is not None:
        prepare()
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        import multiprocessing

        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            fresh = list(pool.map(_worker, [(ctx, rel) for rel in todo], chunksize=64))
        for entry, blob in fresh:
            if blob is not None:
                records[entry.rel] = blob
    else:
        fresh = []
        for rel in todo:
            raw = raws.get(rel)
            entry, record = process_file(ctx, rel, raw if raw is not None else _read(ctx.root / rel))
            if record is not None:
                records[rel] = record
            fresh.append((entry, pickle.dumps(record, protocol=5) if entry.ok and enabled else None))
    for entry, _ in fresh:
        entry.digest = digests[entry.rel]
        out[entry.rel] = entry
    if enabled:
        cache.put_results([(e.digest, pickle.dumps((e.kind, e.keys, e.ok, e.findings, e.facts), protocol=5), blob)
                           for e, blob in fresh])
    return out


# --- the repository ------------------------------------------------------------------------------


class People(Mapping):
    """Person records by id, read from the cache one by one as checks ask for them."""

    def __init__(self, repo: "Repository"):
        self._repo = repo
        self._rels = {stem(rel): rel for rel, e in repo.files.items() if e.kind == "person" and e.ok}

    def __getitem__(self, person_id: str) -> R.Person:
        rel = self._rels.get(person_id) if isinstance(person_id, str) else None
        if rel is None:
            raise KeyError(person_id)
        return self._repo.record(rel)

    def __contains__(self, person_id) -> bool:
        return isinstance(person_id, str) and person_id in self._rels

    def __iter__(self):
        return iter(sorted(self._rels))

    def __len__(self) -> int:
        return len(self._rels)

    def values(self):
        self._repo.preload(list(self._rels.values()))
        return [self[i] for i in self]

    def items(self):
        return list(zip(self, self.values()))



def _is_sorted(d: dict) -> bool:
    keys = list(d)
    return all(a <= b for a, b in zip(keys, keys[1:]))


class Repository:
    """All files of a repository as entries, and their records on demand."""

    def __init__(self, root: Path, entries: dict[str, FileEntry], records: dict[str, object], cache: Cache | None):
        self.root = root
        self.files: dict[str, FileEntry] = entries if _is_sorted(entries) else dict(sorted(entries.items()))
        self._records = records  # rel -> record or pickled bytes
        self._cache = cache
        self._loaded: dict[str, Loaded] = {}
        self._hints: dict[tuple, tuple] = {}
        self._org_ready = False
        self._people: People | None = None
        self.snapshot: dict | None = None  # the previous run, when the cache has one
        self.snapshot_identity: dict = {}
        self.shas: dict[str, str] = {}  # rel -> content id (git blob or sha256)
        # indexes from paths alone: no record is needed to know where things are
        self.plan_paths: dict[tuple[int, str], str] = {}
        self.plan_groups: dict[tuple[str, int], list[str]] = {}
        self.eval_paths: dict[tuple[int, str, str], str] = {}
        self.plan_evals: dict[tuple[int, str], list[tuple[str, str]]] = {}  # (year, plan stem) -> [(period, rel)]
        for rel, e in self.files.items():
            if e.kind == "plan":
                year = int(e.keys["tahun"])
                self.plan_paths[(year, stem(rel))] = rel
                self.plan_groups.setdefault((e.keys["pegawai"], year), []).append(rel)
            elif e.kind == "evaluation":
                self.eval_paths[(int(e.keys["tahun"]), e.keys["periode"], stem(rel))] = rel
                self.plan_evals.setdefault((int(e.keys["tahun"]), stem(rel)), []).append((e.keys["periode"], rel))
        for rels in self.plan_groups.values():
            rels.sort(key=plan_order)

    # -- records
    def record(self, rel: str):
        entry = self.files.get(rel)
        if entry is None or not entry.ok:
            return None
        rec = self._records.get(rel)
        if rec is None and self._cache is not None:
            self.preload([rel])
            rec = self._records.get(rel)
        if isinstance(rec, bytes):
            rec = pickle.loads(rec)
            self._records[rel] = rec
        return rec

    def valid_records(self, kind: str, year: int | None = None) -> list[tuple[str, object]]:
        """(path, record) of every valid file of one kind (of one year), in path order, fetched in one query."""
        rels = sorted(rel for rel, e in self.files.items()
                      if e.kind == kind and e.ok and (year is None or int(e.keys["tahun"]) == year))
        self.preload(rels)
        return [(rel, rec) for rel in rels if (rec := self.record(rel)) is not None]

    def preload(self, rels) -> None:
        """Fetch many cached records in one query."""
        missing = [r for r in rels if r not in self._records and self.files.get(r) is not None and self.files[r].ok]
        if not missing or self._cache is None:
            return
        by_digest = {self.files[r].digest: r for r in missing}
        for digest, rec in self._cache.records(list(by_digest)).items():
            self._records[by_digest[digest]] = rec

    def _ensure_org(self) -> None:
        if self._org_ready:
            return
        self._org_ready = True
        self._regency = None
        self._units, self._goals, self._results, self._rules, self._other = {}, {}, {}, {}, {}
        # people are many and loaded one by one (People); everything else here is small
        wanted = [rel for rel, e in self.files.items() if e.ok and e.kind != "person" and (e.kind in ORG_KINDS or e.kind == "unit_result")]
        self.preload(wanted)
        for rel in wanted:
            kind, rec = self.files[rel].kind, self.record(rel)
            if kind == "regency":
                self._regency = rec
            elif kind == "unit":
                for u in rec:
                    self._units.setdefault(u.id, u)
            elif kind == "goals":
                self._goals[(rec.unit, rec.tahun)] = rec
            elif kind == "unit_result":
                self._results[(rec.unit, rec.tahun, rec.periode)] = rec
            elif kind == "rules":
                self._rules[rec.id] = rec
            else:
                self._other[kind] = rec

    @property
    def regency(self) -> R.Regency | None:
        if not self._org_ready:  # the timing checks need only this one small record
            rel = "organisation/instansi.yml"
            return self.record(rel) if rel in self.files else None
        return self._regency

    @property
    def units(self) -> dict[str, R.Unit]:
        self._ensure_org()
        return self._units

    @property
    def people(self) -> People:
        if self._people is None:
            self._people = People(self)
        return self._people

    @property
    def goals(self) -> dict[tuple[str, int], R.GoalSet]:
        self._ensure_org()
        return self._goals

    @property
    def unit_results(self) -> dict[tuple[str, int, str], R.UnitResult]:
        self._ensure_org()
        return self._results

    @property
    def rule_sets(self) -> dict:
        self._ensure_org()
        return self._rules

    @property
    def other(self) -> dict:
        self._ensure_org()
        return self._other

    # -- plans and evaluations
    def plan(self, year: int, key: str) -> R.Plan | None:
        rel = self.plan_paths.get((year, key))
        return self.record(rel) if rel else None

    def plans_of(self, person: str, year: int) -> list[R.Plan]:
        """A person's valid plans in a year, earliest first."""
        rels = self.plan_groups.get((person, year), [])
        self.preload(rels)
        return sorted((p for p in (self.record(r) for r in rels) if p is not None), key=lambda p: p.mulai)

    def group_has_broken(self, person: str, year: int) -> bool:
        return any(not self.files[r].ok for r in self.plan_groups.get((person, year), []))

    @property
    def plans(self) -> dict[tuple[int, str], R.Plan]:
        self.preload(list(self.plan_paths.values()))
        return {k: p for k, rel in self.plan_paths.items() if (p := self.record(rel)) is not None}

    @property
    def evaluations(self) -> dict[tuple[int, str, str], R.Evaluation]:
        self.preload(list(self.eval_paths.values()))
        return {k: e for k, rel in self.eval_paths.items() if (e := self.record(rel)) is not None}

    @property
    def plans_by_person(self) -> dict[tuple[str, int], list[R.Plan]]:
        self.preload(list(self.plan_paths.values()))
        return {k: ps for k in self.plan_groups if (ps := self.plans_of(*k))}

    def has_broken(self, kind: str) -> bool:
        """Is some file of this kind unreadable or invalid? (Then a missing id may live there.)"""
        if not hasattr(self, "_broken_kinds"):
            self._broken_kinds = {e.kind for e in self.files.values() if not e.ok}
        return kind in self._broken_kinds

    def is_broken(self, rel: str) -> bool:
        e = self.files.get(rel)
        return e is not None and not e.ok

    def hint(self, rel: str, path: tuple, pos) -> None:
        """A position already known (from a file's cached facts): `locate` need not re-read the file."""
        if pos is not None:
            self._hints[(rel, tuple(path))] = pos

    def locate(self, rel: str, path: tuple, key: bool = False):
        if not key and (hit := self._hints.get((rel, path))) is not None:
            return hit
        loaded = self._loaded.get(rel)
        if loaded is None:
            try:
                loaded = load_bytes((self.root / rel).read_bytes())
            except (OSError, LoadError):
                return None
            self._loaded[rel] = loaded
        return loaded.where(path, key)

    def rules_for_year(self, year: int):
        if self.regency is None:
            return None
        rule_id = self.regency.rule_set_for(year)
        return self.rule_sets.get(rule_id) if rule_id else None


# --- loading -------------------------------------------------------------------------------------


def _key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


_CODE_DIGEST: str | None = None


def _code_digest() -> str:
    """The checker's own source: a fix that changes a message must not leave stale cached
    results behind (read once per process, a few milliseconds)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        _CODE_DIGEST = h.hexdigest()
    return _CODE_DIGEST


def _schema_fingerprint(schema_dir: Path) -> str:
    """Everything besides a file's bytes that its per-file result depends on."""
    h = hashlib.sha256(_code_digest().encode())
    for path in sorted(schema_dir.glob("*.schema.json")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _walk(root: Path, cache: Cache, symlinks: list, unreadable: list, shas: dict, raws: dict) -> None:
    """Outside git: walk the folders; reuse a file's digest while size/mtime/inode hold."""
    stats = cache.stats()
    new_stats = []
    for rel, st, is_symlink in data_files(root):
        if is_symlink:
            symlinks.append(rel)
            continue
        if st is None:
            unreadable.append(rel)
            continue
        stat_key = (st.st_mtime_ns, st.st_size, st.st_ino)
        prev = stats.get(rel)
        if prev is not None and tuple(prev[:3]) == stat_key:
            shas[rel] = prev[3]
            continue
        try:
            raw = (root / rel).read_bytes()
        except OSError:
            unreadable.append(rel)
            continue
        raws[rel] = raw
        shas[rel] = "sha256:" + hashlib.sha256(raw).hexdigest()
        new_stats.append((rel, *stat_key, shas[rel]))
    cache.put_stats(new_stats)
    cache.drop_stats([r for r in stats if r not in shas])


def load_repository(root: Path, *, use_cache: bool = True, jobs: int | None = None) -> Repository:
    schema_dir = root / "schemas"
    if not schema_dir.is_dir():
        raise schemas.SchemaSetupError(f"Folder skema tidak ditemukan: {schema_dir}")
    cache = Cache(root, use_cache)
    base = _schema_fingerprint(schema_dir)
    snapshot = cache.load_state() if cache.enabled else None
    if snapshot is not None and snapshot.get("base") != base:
        snapshot = None
    previous: dict[str, tuple] = snapshot["entries"] if snapshot else {}  # rel -> (sha, entry_tuple)
    ctx = Context(root, schema_dir)

    symlinks, unreadable, shas, raws = [], [], {}, {}
    listing = git_data_files(root)
    if listing is not None:
        # git knows the content id of every unchanged file: nothing to walk or hash
        for rel, blob, is_symlink in listing:
            if is_symlink:
                symlinks.append(rel)
            elif blob is not None:
                shas[rel] = "git:" + blob
            else:
                try:
                    raws[rel] = (root / rel).read_bytes()
                except OSError:
                    unreadable.append(rel)
                    continue
                shas[rel] = "sha256:" + hashlib.sha256(raws[rel]).hexdigest()
    else:
        _walk(root, cache, symlinks, unreadable, shas, raws)

    entries: dict[str, FileEntry] = {}
    records: dict[str, object] = {}

    def run(rels: list[str], salt: str, salt_unchanged: bool) -> None:
        digests = {}
        with no_gc():  # tens of thousands of entries, no cycles (gcpause.no_gc)
            for rel in rels:
                prev = previous.get(rel)
                if salt_unchanged and prev is not None and prev[0] == shas[rel]:
                    entries[rel] = FileEntry(rel, *prev[1])  # unchanged since the last run
                else:
                    digests[rel] = _key(base, salt, rel, shas[rel])
        prepare = None if rels is rule_rels else need_synonyms
        entries.update(stage_files(ctx, cache, digests, raws, records, jobs=jobs, prepare=prepare))

    def need_synonyms() -> None:  # rules unchanged: the snapshot gave the salt, not the synonyms
        if not ctx.synonyms:
            ctx.synonyms = synonyms()

    def synonyms() -> dict:
        partial = Repository(root, {r: entries[r] for r in rule_rels}, records, cache if cache.enabled else None)
        return synonym_map([rec for r in rule_rels if isinstance(rec := partial.record(r), RuleSet)])

    # Rule sets first: their synonyms shape the schema messages of every other file.
    rule_rels = [r for r in shas if r.startswith("rules/")]
    run(rule_rels, "rules", True)
    rules_unchanged = snapshot is not None and {r: entries[r].digest for r in rule_rels} == {
        r: t[1][5] for r, t in previous.items() if r.startswith("rules/")
    }
    if rules_unchanged:
        salt = snapshot["salt"]
    else:
        ctx.synonyms = synonyms()
        salt = _key(repr(sorted((k, sorted(v)) for k, v in ctx.synonyms.items())))
    run([r for r in shas if not r.startswith("rules/")], salt, rules_unchanged)

    for rel in symlinks:
        entries[rel] = process_file(ctx, rel, None, is_symlink=True)[0]
    for rel in unreadable:
        entries[rel] = process_file(ctx, rel, None)[0]
    with no_gc():
        repo = Repository(root, entries, records, cache if cache.enabled else None)
    repo.snapshot = snapshot
    repo.snapshot_identity = {"base": base, "salt": salt}
    repo.shas = shas
    return repo
