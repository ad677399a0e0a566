"""`kinerja validate`: load -> schema -> single-document -> cross-file checks, as findings.

Cross-file checks run per *subject* — the organisation as a whole, one person's plans in
one year, one evaluation — and the last run's findings per subject are kept in the cache.
After a change only the subjects that read a changed file are checked again (any change
to organisation data re-checks everything), so one edited plan costs about the same in a
repository of 30 or of 30,000 files. Checks that depend on today's date run every time,
from a few facts cached per file.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple
from datetime import date
from pathlib import Path

from kinerja.gcpause import no_gc
from kinerja.check import crossfile, suggest
from kinerja.findings import Collector, Finding
from kinerja.check.keberatan import check_objection
from kinerja.model.org import Tenure
from kinerja.repository import ORG_KINDS, Repository, entry_tuple, load_repository, stem
from kinerja.score import calibration
from kinerja.suara import checks as suara_checks


def _subjects(repo: Repository) -> dict[str, tuple]:
    subjects: dict[str, tuple] = {"org": ("org",), "closing": ("closing",)}
    for person, year in repo.plan_groups:
        subjects[f"group:{person}:{year}"] = ("group", person, year)
    for (year, _period, key), rel in repo.eval_paths.items():
        subjects[f"eval:{rel}"] = ("eval", rel, repo.plan_paths.get((year, key)))
    for year in sorted({int(e.keys["tahun"]) for e in repo.files.values()
                        if e.kind in SUARA_YEAR_KINDS or (e.kind == "plan" and e.facts and len(e.facts) > 4 and e.facts[4])}):
        subjects[f"suara:{year}"] = ("suara", year)
    for rel, e in repo.files.items():
        if e.kind == "objection":  # the objection and the evaluation it objects to
            subjects[f"obj:{rel}"] = ("obj", rel, f"evaluations/{e.keys['tahun']}/{e.keys['periode']}/{rel.rsplit('/', 1)[1]}")
    for rel, e in repo.files.items():
        if e.kind == "calibration" and e.ok:
            subjects[f"cal:{rel}"] = ("cal", rel, (e.keys["tahun"], e.keys["periode"]))
    return subjects


# Suara publik kinds: checked per year (suara:<year>); the rules and calendar re-check every year.
SUARA_YEAR_KINDS = frozenset({"complaint", "survey", "service_map"})
SUARA_ALL_KINDS = frozenset({"service_rules", "holidays"})


PUBLISH_ONLY_KINDS = frozenset({"publication"})


def _dirty(repo: Repository, subjects: dict[str, tuple], prev: dict | None) -> tuple[set[str], bool]:
    """Subjects whose checks could give another answer than in the previous run, and
    whether any file changed at all."""
    if prev is None:
        return set(subjects), True
    old_entries, new_entries = prev["entries"], repo.files  # old: rel -> (sha, entry_tuple)
    changed = {rel for rel, e in new_entries.items() if (o := old_entries.get(rel)) is None or o[1][5] != e.digest}
    changed |= set(old_entries) - set(new_entries)
    if not changed:
        return set(), False

    def kind_keys(rel):
        e = new_entries.get(rel)
        return (e.kind, e.keys) if e is not None else old_entries[rel][1][:2]

    # The publication policy is checked on its own (schema) and read only by the site: editing
    # it must not re-run every cross-file check of a 5,000-person regency.
    kinds = {kind_keys(rel)[0] for rel in changed} - PUBLISH_ONLY_KINDS
    if kinds & ORG_KINDS or None in kinds:
        return set(subjects), True  # the organisation itself changed: everything reads it
    old_subjects = prev["subjects"]
    dirty = {name for name in subjects if name not in old_subjects}
    if "unit_result" in kinds:
        dirty.add("org")
    if kinds & {"plan", "evaluation"}:
        dirty.add("closing")  # closed periods need every plan's final evaluation (facts only: cheap)
    changed_groups = set()
    suara_years: set[int] = set()
    changed_evals: set[tuple[str, int]] = set()
    changed_periods = set()  # (tahun, periode) of changed evaluations and calibration records
    for rel in changed:
        kind, keys = kind_keys(rel)
        if kind == "plan":
            changed_groups.add((keys["pegawai"], int(keys["tahun"])))
            new, old = new_entries.get(rel), old_entries.get(rel)
            facts = [f for f in ((new.facts if new else None), (old[1][4] if old else None)) if f]
            if any(len(f) > 4 and f[4] for f in facts):
                suara_years.add(int(keys["tahun"]))  # an IKI takes its realisasi from a survey
        elif kind == "evaluation":
            changed_evals.add((keys["pegawai"], int(keys["tahun"])))
            changed_periods.add((keys["tahun"], keys["periode"]))
        elif kind == "calibration":
            changed_periods.add((keys["tahun"], keys["periode"]))
        elif kind in SUARA_YEAR_KINDS:
            suara_years.add(int(keys["tahun"]))
    suara_all = bool(kinds & SUARA_ALL_KINDS)
    for name, subject in subjects.items():
        if subject[0] == "group":
            _, person, year = subject
            bosses = old_subjects.get(name, (None, []))[1]
            if (person, year) in changed_groups or any((b, year) in changed_groups for b in bosses):
                dirty.add(name)
        elif subject[0] == "obj":  # reads the objection, its evaluation and that evaluation's plan
            _, rel, eval_rel = subject
            old = old_subjects.get(name)
            e = new_entries.get(rel)
            plan_rel = repo.plan_paths.get((int(e.keys["tahun"]), stem(rel))) if e is not None else None
            if rel in changed or eval_rel in changed or (plan_rel is not None and plan_rel in changed) \
                    or (old is not None and old[2] != eval_rel):
                dirty.add(name)
        elif subject[0] == "eval":
            _, rel, plan_rel = subject
            old = old_subjects.get(name)
            if rel in changed or (plan_rel is not None and plan_rel in changed) or (old is not None and old[2] != plan_rel):
                dirty.add(name)
        elif subject[0] == "suara":
            people_read = old_subjects.get(name, (None, []))[1]
            if suara_all or subject[1] in suara_years or any(
                    (p, subject[1]) in changed_groups or (p, subject[1]) in changed_evals for p in people_read):
                dirty.add(name)
        elif subject[0] == "cal" and subject[2] in changed_periods:
            dirty.add(name)  # it reads its own file, the period's evaluations and the period's other records
    return dirty, True


def _org_digest(repo: Repository) -> str:
    h = hashlib.sha256()
    for rel, e in repo.files.items():
        if e.kind in ORG_KINDS and e.kind not in PUBLISH_ONLY_KINDS:
            h.update(f"{rel}={e.digest}\n".encode())
    return h.hexdigest()


def _save(repo: Repository, prev: dict | None, results: dict, fresh: set[str], org_digest: str, heads) -> None:
    """Write what changed since the previous run (everything when there was none)."""
    old_entries = prev["entries"] if prev else {}
    entries = {
        rel: (repo.shas.get(rel), entry_tuple(e))
        for rel, e in repo.files.items()
        if (o := old_entries.get(rel)) is None or o[1][5] != e.digest
    }
    removed = [rel for rel in old_entries if rel not in repo.files]
    old_subjects = prev["subjects"] if prev else {}
    meta = dict(
        repo.snapshot_identity,
        org_digest=org_digest,
        heads=None if heads is None else {u: [astuple(t) for t in ts] for u, ts in heads.items()},
    )
    repo._cache.save_state(
        meta,
        entries,
        removed,
        {n: results[n] for n in fresh},
        [n for n in old_subjects if n not in results],
        full=prev is None,
    )
    if len(fresh) > 1000:  # a big rebuild: forget file results no current file refers to
        repo._cache.prune({e.digest for e in repo.files.values() if e.digest})


def run_checks(repo: Repository, today: date | None, only: set[str] | None = None) -> list[Finding]:
    """All findings of the repository (of the `only` files). `today=None` skips the rules
    that depend on the date (the scorer's output must not change from day to day)."""
    findings = [f for e in repo.files.values() for f in e.findings]
    prev = repo.snapshot
    with no_gc():  # walks of every file and subject (gcpause.no_gc)
        subjects = _subjects(repo)
        dirty, changed = _dirty(repo, subjects, prev)
    results: dict[str, tuple] = {}
    fresh: set[str] = set()
    org_digest = _org_digest(repo)
    heads = None
    if prev is not None and prev.get("org_digest") == org_digest and prev.get("heads") is not None:
        heads = {u: [Tenure(*t) for t in ts] for u, ts in prev["heads"].items()}
    org = crossfile.org_index(repo, heads) if dirty else None
    for name, subject in subjects.items():
        if name not in dirty:
            results[name] = prev["subjects"][name]
            continue
        fresh.add(name)
        c = Collector()
        bosses: list[str] = []
        if subject[0] == "org":
            crossfile.check_org(c, repo, org)
        elif subject[0] == "closing":
            crossfile.check_closing(c, repo)
        elif subject[0] == "group":
            bosses = crossfile.check_group(c, repo, org, subject[1], subject[2])
        elif subject[0] == "suara":
            bosses = suara_checks.check_year(c, repo, subject[1])  # the plan files read
        elif subject[0] == "obj":
            check_objection(c, repo, org, subject[1])
        elif subject[0] == "cal":
            calibration.check_record(c, repo, subject[1])
        else:
            crossfile.check_evaluation_subject(c, repo, org, subject[1])
        results[name] = (c.resolve(repo.locate), bosses, subject[2] if subject[0] in ("eval", "obj") else None)
    for payload, _bosses, _plan in results.values():
        findings += payload
    if repo._cache is not None and changed:
        known_heads = org._heads if org is not None and org._heads is not None else heads  # never load people just to save
        with no_gc():
            _save(repo, prev, results, fresh, org_digest, known_heads)
    if today is not None:
        timing = Collector()
        crossfile.check_timing(timing, repo, today)
        suara_checks.check_timing(timing, repo, today)
        findings += timing.resolve(repo.locate)
    if only is not None:
        findings = [f for f in findings if f.file in only]
    findings = suggest.enrich(repo, findings, lambda: org if org is not None else crossfile.org_index(repo, heads))
    return sorted(set(findings), key=Finding.sort_key)


def validate(
    root: Path,
    paths: list[str] | None = None,
    *,
    today: date | None = None,
    use_cache: bool = True,
    jobs: int | None = None,
) -> tuple[Repository, list[Finding]]:
    repo = load_repository(root, use_cache=use_cache, jobs=jobs)
    only = select_files(repo, paths) if paths else None
    return repo, run_checks(repo, today or date.today(), only)


class NoMatch(ValueError):
    """Paths given on the command line that name no data file (a usage error)."""

    def __init__(self, paths: list[str]):
        super().__init__(", ".join(paths))
        self.paths = paths


def select_files(repo: Repository, paths: list[str]) -> set[str]:
    """The data files named by `paths` (files, or folders: every data file under them)."""
    out: set[str] = set()
    empty = []
    for p in paths:
        p = p.rstrip("/")
        if p in ("", "."):
            matched = set(repo.files)
        else:
            matched = {rel for rel in repo.files if rel == p or rel.startswith(p + "/")}
        if not matched:
            empty.append(p or ".")
        out |= matched
    if empty:
        raise NoMatch(empty)
    return out
