"""One person's documents without loading the whole repository (`kinerja print --pegawai`).

The whole-repository path loads every file's entry, the validation snapshot and every
cross-file check before it prints; for one person that is most of the time. Here a
`ScopedRepository` holds only:

- eagerly: the organisation files except people (instansi, units, goals, rules, publication,
  services, holidays), unit results, calibration records, and the person's own plans,
  evaluations and objections;
- on demand, when a document or a check asks: a person file (her, her penilai, the atasan,
  the pemutus), another person's plans (the supervisor whose RHK she intervenes in), a survey.

Each file goes through the same per-file stage as `load_repository` (repository.stage_files),
keyed by the same digest, so the validation cache serves it and the records are the same.
Who headed which unit needs every person file: that index (`heads`) is kept in the cache
under a digest of every person and unit file, and rebuilt from all people when one changed.

Anything that would need the whole repository (every person, every plan or evaluation)
raises ScopeExceeded, and the caller prints through the whole-repository path instead: the
documents never depend on which path made them (tests/documents/test_print_scoped.py).

Which checks decide (`ScopedBroken`): every per-file finding of each input, and the cross-file
subjects that write on the input itself — the plan group of a plan (check_group), the subject
of an evaluation, of an objection — plus, for a person file, the rules that read that person
(crossfile.check_person), and the regency, unit and goal checks. Not run here (regency-wide,
see ARCHITECTURE.md): duplicate NIP/GitHub accounts, two heads of one unit, penilai cycles,
closed periods missing evaluations, unit-result, suara publik and calibration cross-checks.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import astuple
from pathlib import Path

from kinerja.layout import git_status
from kinerja.repository import (
    plan_order,
    Context,
    FileEntry,
    Repository,
    _code_digest,
    _key,
    _schema_fingerprint,
    process_file,
    stage_files,
    stem,
)

SHARED = ("organisation", "rules", "unit-results", "calibrations", "surveys", "plans")
STATUSED = ("organisation", "rules", "unit-results", "calibrations", "surveys")  # `git status` runs on these whole
ON_DEMAND = ("organisation/people/", "plans/", "surveys/")
HEADS = "heads"


class ScopeExceeded(Exception):
    """A question about the whole repository: print through the whole-repository path."""


def own_pathspecs(person_id: str) -> tuple[str, ...]:
    out = []
    for folder in ("evaluations", "objections"):
        out += [f"{folder}/*/*/{person_id}.yml", f"{folder}/*/*/{person_id}.*.yml"]
    return tuple(out)


def pathspecs(person_id: str) -> tuple[str, ...]:
    """Every file one person's documents may read (git pathspecs)."""
    return SHARED + own_pathspecs(person_id)


def history_pathspecs(person_id: str) -> tuple[str, ...]:
    """The files whose approvals her documents state: her plans, evaluations and objections."""
    return (f"plans/*/{person_id}.yml", f"plans/*/{person_id}.*.yml") + own_pathspecs(person_id)


def _own_names(names, person_id: str) -> list[str]:
    """The file names among `names` that belong to the person: <id>.yml or <id>.<date>.yml."""
    prefix = person_id + "."
    return [n for n in names if n.startswith(prefix) and _owned_by(n, person_id)]


def _owned_by(rel: str, person_id: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name == f"{person_id}.yml" or (name.startswith(f"{person_id}.") and name.endswith(".yml"))


class _Files(dict):
    """Loaded entries; a listed file of an on-demand kind is loaded when asked for."""

    def __init__(self, entries: dict, repo: "ScopedRepository"):
        super().__init__(entries)
        self._repo = repo

    def _want(self, rel) -> bool:
        return isinstance(rel, str) and not dict.__contains__(self, rel) and rel in self._repo._listing

    def get(self, rel, default=None):
        if self._want(rel):
            self._repo._load([rel])
        return dict.get(self, rel, default)

    def __contains__(self, rel) -> bool:
        if self._want(rel):
            self._repo._load([rel])
        return dict.__contains__(self, rel)

    def __getitem__(self, rel):
        if self._want(rel):
            self._repo._load([rel])
        return dict.__getitem__(self, rel)


class _People(Mapping):
    """Person records by id, each person file loaded when first asked for."""

    def __init__(self, repo: "ScopedRepository"):
        self._repo = repo
        self._rels = {stem(rel): rel for rel in repo._listing if rel.startswith("organisation/people/")}

    def __getitem__(self, person_id):
        rel = self._rels.get(person_id) if isinstance(person_id, str) else None
        entry = self._repo.files.get(rel) if rel else None
        if entry is None or not entry.ok:
            raise KeyError(person_id)
        return self._repo.record(rel)

    def __contains__(self, person_id) -> bool:
        try:
            self[person_id]
        except KeyError:
            return False
        return True

    def __iter__(self):
        raise ScopeExceeded("every person")

    def __len__(self) -> int:
        raise ScopeExceeded("every person")

    def all(self) -> list:
        """Every valid person record (the heads index only)."""
        rels = sorted(self._rels.values())
        self._repo._load(rels)
        self._repo.preload(rels)
        return [self._repo.record(r) for r in rels if self._repo.files.get(r) is not None and self._repo.files[r].ok]


class ScopedRepository(Repository):
    def __init__(self, root: Path, person_id: str, listing: list, cache, plan_names: dict, statused: set, facts=None):
        self.person_id = person_id
        self._listing = {rel: (blob, link) for rel, blob, link in listing}
        self._plan_names = plan_names  # year -> file names in plans/<year>/ (working tree)
        self._statused = set(statused)  # files outside STATUSED whose `git status` is known
        self._facts = facts
        self._base = _schema_fingerprint(root / "schemas")
        self._ctx = Context(root, root / "schemas")
        self._salt = None
        self._fresh_records: dict[str, object] = {}
        self._groups_ready: set[tuple[str, int]] = set()
        self._plan_index: dict | None = None
        super().__init__(root, {}, self._fresh_records, cache)
        self.files = _Files({}, self)
        self.shas = {}
        rules = [r for r in self._listing if r.startswith("rules/")]
        self._load(rules, salt="rules")
        self._ctx.synonyms = self._synonyms(rules)
        self._salt = _key(repr(sorted((k, sorted(v)) for k, v in self._ctx.synonyms.items())))
        eager = [r for r in self._listing if not r.startswith(ON_DEMAND) and not r.startswith("rules/")]
        eager += [r for r in self._listing if r.startswith("plans/") and _owned_by(r, person_id)]
        self._load(sorted(eager))
        self._people = _People(self)

    # -- loading files as they are asked for, through load_repository's stage (stage_files)
    def _synonyms(self, rule_rels) -> dict:
        from kinerja.model.rules import RuleSet, synonym_map

        return synonym_map([rec for r in rule_rels if isinstance(rec := self.record(r), RuleSet)])

    def _refresh(self, rels) -> None:
        """Ask `git status` about files outside STATUSED before reading them (the listing has their
        index blob only): a changed, new or deleted file is seen as load_repository sees it."""
        todo = sorted(r for r in rels if r not in self._statused and not r.startswith(STATUSED))
        if not todo:
            return
        out = git_status(self.root, todo)
        if out is None:
            raise ScopeExceeded("git status")
        self._statused.update(todo)
        if self._facts is not None:
            self._facts.seed_status(out, (), todo)
        for item in out.split(b"\0"):
            if len(item) < 4:
                continue
            x, y, rel = chr(item[0]), chr(item[1]), item[3:].decode("utf-8", "surrogateescape")
            if y == "D" or (x == "D" and y == " "):
                self._listing.pop(rel, None)
            elif x == "?" or y != " ":
                self._listing[rel] = (None, os.path.islink(self.root / rel))

    def _load(self, rels, salt: str | None = None) -> None:
        self._refresh([r for r in rels if not dict.__contains__(self.files, r)])
        todo = [r for r in rels if not dict.__contains__(self.files, r) and r in self._listing]
        if not todo:
            return
        digests, raws = {}, {}
        for rel in todo:
            blob, link = self._listing[rel]
            if link:
                self._add(process_file(self._ctx, rel, None, is_symlink=True)[0])
                continue
            if blob is not None:
                sha = "git:" + blob
            else:
                try:
                    raws[rel] = (self.root / rel).read_bytes()
                except OSError:
                    self._add(process_file(self._ctx, rel, None)[0])
                    continue
                sha = "sha256:" + hashlib.sha256(raws[rel]).hexdigest()
            self.shas[rel] = sha
            if blob is not None and self._facts is not None and not self._facts.dirty([rel]):
                self._facts.known_blobs[rel] = blob  # clean: the index blob is the commit's
            digests[rel] = _key(self._base, salt or ("rules" if rel.startswith("rules/") else self._salt), rel, sha)
        for entry in stage_files(self._ctx, self._cache, digests, raws, self._fresh_records).values():
            self._add(entry)

    def _add(self, e: FileEntry) -> None:
        dict.__setitem__(self.files, e.rel, e)
        if e.kind == "plan":
            year = int(e.keys["tahun"])
            self.plan_paths[(year, stem(e.rel))] = e.rel
            group = self.plan_groups.setdefault((e.keys["pegawai"], year), [])
            group.append(e.rel)
            group.sort(key=plan_order)
        elif e.kind == "evaluation":
            self.eval_paths[(int(e.keys["tahun"]), e.keys["periode"], stem(e.rel))] = e.rel
            self.plan_evals.setdefault((int(e.keys["tahun"]), stem(e.rel)), []).append((e.keys["periode"], e.rel))

    def _group(self, person: str, year: int) -> None:
        if (person, year) not in self._groups_ready:
            self._groups_ready.add((person, year))
            if self._plan_index is None:  # (person, year) -> plan files git lists
                self._plan_index = {}
                for rel in self._listing:
                    parts = rel.split("/")
                    if parts[0] == "plans" and len(parts) == 3 and parts[1].isdigit():
                        self._plan_index.setdefault((parts[2].split(".", 1)[0], int(parts[1])), []).append(rel)
            present = [f"plans/{year}/{n}" for n in _own_names(self._plan_names.get(year, ()), person)]
            candidates = sorted(set(present) | set(self._plan_index.get((person, year), ())))
            self._refresh(candidates)
            self._load([r for r in candidates if r in self._listing])

    # -- what Repository answers, within the scope
    @property
    def people(self):
        return self._people

    def plan(self, year: int, key: str):
        self._group(key.split(".", 1)[0], year)
        return super().plan(year, key)

    def plans_of(self, person: str, year: int):
        self._group(person, year)
        return super().plans_of(person, year)

    def group_has_broken(self, person: str, year: int) -> bool:
        self._group(person, year)
        return super().group_has_broken(person, year)

    def has_broken(self, kind: str) -> bool:
        if kind in ("person", "plan", "survey"):
            raise ScopeExceeded(f"every {kind} file")
        return any(not e.ok and e.kind == kind for e in dict.values(self.files))

    @property
    def plans(self):
        raise ScopeExceeded("every plan")

    @property
    def evaluations(self):
        raise ScopeExceeded("every evaluation")

    @property
    def plans_by_person(self):
        raise ScopeExceeded("every plan")

    # -- who headed which unit: from the cache, or from every person once
    def heads(self):
        from kinerja.model.org import Tenure

        h = hashlib.sha256((self._base + self._salt + _code_digest()).encode())
        for rel in sorted(self._listing):
            if rel.startswith(("organisation/people/", "organisation/units/")):
                blob, link = self._listing[rel]
                sha = "git:" + blob if blob else ("link" if link else _sha_of(self.root / rel))
                h.update(f"{rel}={sha}\n".encode("utf-8", "surrogateescape"))
        key = h.hexdigest()
        stored = self._cache.derived(HEADS, key) if self._cache is not None else None
        if stored is not None:
            return {u: [Tenure(*t) for t in ts] for u, ts in stored.items()}
        from kinerja.check.crossfile import org_index

        everyone = self._people.all()

        class _All(Mapping):  # the people, all loaded, for OrgIndex.heads
            def __getitem__(self, k):
                return {p.id: p for p in everyone}[k]

            def __iter__(self):
                return iter(p.id for p in everyone)

            def __len__(self):
                return len(everyone)

            def values(self):
                return everyone

        org = org_index(self)
        org.people = _All()
        heads = org.heads
        if self._cache is not None:
            self._cache.put_derived(HEADS, key, {u: [astuple(t) for t in ts] for u, ts in heads.items()})
        return heads


def _sha_of(path: Path) -> str:
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)  # candidates only: `git status` and the listing decide
    except OSError:
        return []


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(Path(e.path) for e in os.scandir(folder) if e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def load_scoped(root: Path, person_id: str, facts=None) -> ScopedRepository | None:
    """One person's scope, or None when git cannot list the files (the caller loads everything).
    `facts` (GitFacts with a scope) is given the `git status` run here, so it does not run it again."""
    from kinerja.cache import Cache
    from kinerja.layout import git_listing

    own = set()  # her files present in the working tree (tracked or not): their exact status is asked
    plan_names: dict[int, list[str]] = {}
    for year_dir in _subfolders(root / "plans"):
        names = _names(year_dir)
        if year_dir.name.isdigit():
            plan_names[int(year_dir.name)] = names
        own.update(f"plans/{year_dir.name}/{n}" for n in _own_names(names, person_id))
    for folder in ("evaluations", "objections"):
        for year_dir in _subfolders(root / folder):
            for period_dir in _subfolders(year_dir):
                prefix = f"{folder}/{year_dir.name}/{period_dir.name}/"
                own.update(prefix + n for n in _own_names(_names(period_dir), person_id))
    # one `git status` for the shared folders and her files present in the working tree; a file of
    # hers git lists but the working tree lacks is asked about before it is read (_refresh)
    raw = git_listing(root, SHARED + own_pathspecs(person_id), STATUSED + tuple(sorted(own)))
    if raw is None:
        return None
    listed, status = raw
    from kinerja.layout import _parse_git_listing

    listing = _parse_git_listing(root, listed, status)
    if facts is not None:
        facts.seed_status(status, STATUSED, own)
    cache = Cache(root, True)
    return ScopedRepository(root, person_id, listing, cache if cache.enabled else None, plan_names, own, facts)


class ScopedBroken:
    """The inputs that carry an error, decided per input file (see the module docstring).

    Used as `inputs & broken`, like the set of broken files of the whole-repository path."""

    def __init__(self, repo: ScopedRepository, org):
        self.repo, self.org = repo, org
        self._errors: dict[str, set[str]] = {}  # subject -> files its error findings are on
        self._org_errors: set[str] | None = None

    def __rand__(self, inputs):
        return {rel for rel in inputs if self.has(rel)}

    def has(self, rel: str) -> bool:
        e = self.repo.files.get(rel)
        if e is None:
            return False
        if any(f.severity == "error" for f in e.findings):
            return True
        if e.kind == "plan":
            return rel in self._subject(f"group:{e.keys['pegawai']}:{e.keys['tahun']}")
        if e.kind == "evaluation":
            return rel in self._subject(f"eval:{rel}")
        if e.kind == "objection":
            return rel in self._subject(f"obj:{rel}")
        if e.kind == "person" and e.ok:
            return rel in self._subject(f"person:{rel}")
        if e.kind in ("regency", "unit", "goals"):
            return rel in self._subject("org")
        return False

    def _subject(self, name: str) -> set[str]:
        if name not in self._errors:
            from kinerja.check import crossfile
            from kinerja.check.keberatan import check_objection
            from kinerja.findings import Collector

            c = Collector()
            kind, _, arg = name.partition(":")
            repo, org = self.repo, self.org
            if repo.regency is not None:
                if kind == "group":
                    person, year = arg.rsplit(":", 1)
                    crossfile.check_group(c, repo, org, person, int(year))
                elif kind == "eval":
                    crossfile.check_evaluation_subject(c, repo, org, arg)
                elif kind == "obj":
                    check_objection(c, repo, org, arg)
                elif kind == "person":
                    crossfile.check_person(c, repo, org, repo.record(arg))
                else:
                    crossfile.check_regency(c, repo)
                    crossfile.check_units(c, repo)
                    crossfile.check_goals(c, repo)
            self._errors[name] = {f.file for f in c.resolve(repo.locate) if f.severity == "error"}
        return self._errors[name]
