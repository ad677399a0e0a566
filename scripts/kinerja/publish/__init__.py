"""Publication: data -> one public projection -> pages, charts and open data.

`generate(root)` is the whole pipeline as a plain function returning the generated tree
({docs path: content}) and its navigation. The MkDocs hook (publish/hook.py) and the
`kinerja site --keluaran DIR` command both call it, so any generator that reads mkdocs.yml can
build the same pages from the written-out tree.

    policy.py      the publication policy file (organisation/publikasi.yml)
    projection.py  THE public projection (the only reader of records for publishing)
    pages.py       projection -> Markdown pages whose user text sits only in raw HTML
    html.py        escaping HTML builder; safe titles; relative links
    charts.py      matplotlib SVG charts (deterministic)
    opendata.py    CSV/JSON per year, data dictionary, JSON Schema, datapackage.json
    metodologi.py  the methodology page from the rule files
    privasi.py     the privacy page from the policy
    gitinfo.py     commit, date, history (latest changes, "diperbarui")
    hook.py        the thin MkDocs hook
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.findings import ERROR


class SiteError(Exception):
    """The site must not be built (message in Indonesian)."""


@dataclass
class Site:
    files: dict[str, str | bytes]
    nav: list
    not_in_nav: list[str]
    build: object  # gitinfo.BuildInfo
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def _code_digest() -> str:
    """Content digest of the kinerja package: a cached result is reused only by the same code."""
    h = hashlib.sha256()
    base = Path(__file__).resolve().parent.parent
    for path in sorted(base.rglob("*.py")):
        h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _cache_folder() -> Path | None:
    from kinerja.cache import cache_dir

    folder = cache_dir() / "site"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


class _Forked:
    """A function run in a forked child (Linux), its result pickled back; inline elsewhere.

    Fork shares the parent's loaded records without copying or pickling them, so two cores
    can work on one repository."""

    def __init__(self, fn):
        import multiprocessing

        self._value = None
        self._proc = None
        try:
            ctx = multiprocessing.get_context("fork")
        except ValueError:
            self._value = fn()
            return
        self._recv, send = ctx.Pipe(duplex=False)

        def child():
            try:
                payload = pickle.dumps((True, fn()), protocol=5)
            except BaseException as exc:  # noqa: BLE001 - reported in the parent
                import traceback

                payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"), protocol=5)
            send.send_bytes(payload)
            send.close()

        self._proc = ctx.Process(target=child, daemon=True)
        self._proc.start()
        send.close()

    def result(self):
        if self._proc is None:
            return self._value
        try:
            ok, value = pickle.loads(self._recv.recv_bytes())
        except EOFError:
            ok, value = False, "the worker process ended without a result"
        self._proc.join()
        if not ok:
            raise RuntimeError(f"Kinerja Terbuka: proses pembantu gagal: {value}")
        return value


def _workers(jobs: int | None) -> int:
    return max(1, jobs if jobs is not None else (os.cpu_count() or 1))


def score(repo, findings, code: str, jobs: int | None = None):
    """The scorer's report, per period reused from the cache or computed in parallel.

    Scoring reads every plan and evaluation; the site needs it on every build. A period's
    report depends on the code, on every file except other periods' evaluations, and on its
    own evaluations: it is cached (outside the repository, like the validation cache) under
    that key, so a merged evaluation re-scores one period only. Missing periods are scored
    with score_repository(year=, period=) on several cores and concatenated in the scorer's
    own order. The scorer's warnings (`peringatan`, of evaluations and units) are left out of
    the site's reports: the site never shows them, and they were two fifths of every cached
    report, unpickled on every build (their line numbers are not looked up either)."""
    from kinerja.cache import seal_bytes, unseal_bytes
    from kinerja.model.calendar import period_order
    from kinerja.score import ScoreReport, score_repository

    periods = sorted({(y, p) for (y, p, _k) in repo.eval_paths} | {(y, p) for (_u, y, p) in repo.unit_results},
                     key=lambda yp: (yp[0], period_order(yp[1])))
    shared = hashlib.sha256(code.encode())
    own: dict[tuple[int, str], "hashlib._Hash"] = {yp: hashlib.sha256() for yp in periods}
    for rel, e in repo.files.items():
        if e.kind == "publication":
            continue  # scores do not depend on what is published
        line = f"{rel}\0{e.digest}\0{e.ok}\n".encode()
        if e.kind == "evaluation" and (int(e.keys["tahun"]), e.keys["periode"]) in own:
            own[(int(e.keys["tahun"]), e.keys["periode"])].update(line)
        else:
            shared.update(line)
    shared_key = shared.hexdigest()
    keys = {yp: hashlib.sha256(f"{shared_key}{yp}{h.hexdigest()}".encode()).hexdigest() for yp, h in own.items()}
    folder = _cache_folder()
    reports: dict[tuple[int, str], object] = {}
    if folder is not None:
        for yp, k in keys.items():
            try:
                blob = (folder / "score" / f"{k}.pickle").read_bytes()
            except OSError:  # a missing entry is simply recomputed
                continue
            payload = unseal_bytes(f"score/{k}", blob)
            if payload is None:  # unsigned, altered or signed with another key: never unpickled
                continue
            try:
                reports[yp] = pickle.loads(payload)
            except Exception:  # noqa: BLE001 - a stale entry (older classes) is simply recomputed
                pass
    todo = [yp for yp in periods if yp not in reports]
    if todo:
        repo.preload(list(repo.plan_paths.values()) + list(repo.eval_paths.values()))  # one query, not 25,000
        repo.people.values()  # and the people, before any fork
        repo.locate = lambda rel, path, key=False: None  # positions are not shown on the site

        def run(group):
            return [_without_warnings(score_repository(repo, year=y, period=p, findings=findings)) for y, p in group]

        try:
            n = min(_workers(jobs), len(todo))
            groups = [todo[i::n] for i in range(n)]
            children = [_Forked(lambda g=g: run(g)) for g in groups[1:]]
            results = [run(groups[0])] + [c.result() for c in children]
        finally:
            del repo.locate
        for group, reps in zip(groups, results):
            for yp, rep in zip(group, reps):
                reports[yp] = rep
                sealed = seal_bytes(f"score/{keys[yp]}", pickle.dumps(rep, protocol=5)) if folder is not None else None
                if sealed is not None:  # no key, no cache: an unsigned pickle is never written
                    (folder / "score").mkdir(exist_ok=True)
                    _write_atomic(folder / "score" / f"{keys[yp]}.pickle", sealed)
    return ScoreReport([e for yp in periods for e in reports[yp].evaluations], [u for yp in periods for u in reports[yp].units])


def _without_warnings(report):
    """The scorer's report as the site keeps it: without the warnings no page reads."""
    for e in report.evaluations:
        e.peringatan = []
    for u in report.units:
        u.peringatan = []
    return report


def render_charts(specs, code: str) -> dict[str, bytes]:
    """SVG bytes per chart path (charts.render_all keeps its own signed, content-addressed cache)."""
    from kinerja.publish import charts

    return charts.render_all(list(specs))


class _DownloadStore:
    """The open-data files of the last builds (publish/opendata.build), in the site cache under
    a digest of the code and of what each file is made from."""

    def __init__(self, code: str):
        self.code = code
        self.folder = _cache_folder()

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / "opendata" / f"{hashlib.sha256((self.code + key).encode()).hexdigest()}.{suffix}"

    def get(self, key: str, suffix: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(key, suffix).read_bytes()
        except OSError:
            return None

    def put(self, key: str, suffix: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            (self.folder / "opendata").mkdir(exist_ok=True)
        except OSError:
            return
        _write_atomic(self._path(key, suffix), data)


class _Inline:
    def __init__(self, fn):
        self.result = fn


def generate(root: Path, *, handwritten: list[str] | tuple[str, ...] = (), jobs: int | None = None) -> Site:
    """The whole generated tree for the repository at `root`.

    Raises policy.PolicyError when the policy file is invalid and SiteError when an input
    is a symlink (its target could be anything on the build machine)."""
    import gc

    # Hundreds of thousands of small records are alive at once: Python's cyclic collector
    # would scan them again and again (a third of the time at 5,000 people). Nothing here
    # makes reference cycles worth collecting before the function returns.
    enabled = gc.isenabled()
    gc.disable()
    try:
        site = _generate(root, handwritten, jobs)
    finally:
        if enabled:
            gc.enable()
    # What survives (the generated tree) lives until the end of the build: keep it out of
    # the collector's scans while MkDocs renders thousands of pages.
    gc.freeze()
    return site


def _generate(root: Path, handwritten, jobs) -> Site:
    import time

    from kinerja.publish import gitinfo
    from kinerja.publish.pages import build_pages
    from kinerja.publish.policy import load_policy
    from kinerja.publish.projection import project
    from kinerja.repository import load_repository
    from kinerja.validate import run_checks

    t0 = time.perf_counter()
    timings = {}
    policy = load_policy(root)
    repo = load_repository(root, jobs=jobs)
    links = sorted(rel for rel, e in repo.files.items() if any(f.code == "path-symlink" for f in e.findings))
    if links:
        raise SiteError(
            "Situs tidak dibangun: berkas data berikut adalah tautan simbolik (symlink), yang dapat menarik isi berkas "
            "lain ke situs publik. Ganti dengan berkas biasa: " + ", ".join(links)
        )
    findings = run_checks(repo, today=None)
    timings["muat"] = time.perf_counter() - t0
    warnings = []
    broken = sorted({f.file for f in findings if f.severity == ERROR})
    if broken:
        shown = ", ".join(broken[:20]) + (f" dan {len(broken) - 20} lainnya" if len(broken) > 20 else "")
        warnings.append(
            f"{len(broken)} berkas data memuat kesalahan; isinya yang tidak sah tidak diterbitkan. Jalankan `kinerja validate`. Berkas: {shown}"
        )
    code = _code_digest()
    t = time.perf_counter()
    report = score(repo, findings, code, jobs)
    timings["nilai"] = time.perf_counter() - t
    t = time.perf_counter()
    info = gitinfo.build_info(root)
    history = gitinfo.history(root, info)
    if history.available:
        from kinerja.publish import targethistory

        history.target_changes = targethistory.collect(root)
    timings["git"] = time.perf_counter() - t
    t = time.perf_counter()
    proj = project(repo, report, policy, info, history)
    proj.suara = _suara(repo, proj, info)
    timings["proyeksi"] = time.perf_counter() - t
    t = time.perf_counter()
    downloads = None
    if "data_terbuka" in proj.sections:
        from kinerja.publish import opendata

        # the downloads are built on another core while this one writes the pages
        store = _DownloadStore(code)
        downloads = (_Forked(lambda: opendata.build(proj, store)) if _workers(jobs) > 1
                     else _Inline(lambda: opendata.build(proj, store)))
    persons = None
    if len(proj.persons) > 300 and _workers(jobs) > 1:
        from kinerja.publish.pages import person_pages

        persons = _Forked(lambda: person_pages(proj))
    tree = build_pages(proj, list(handwritten), downloads=downloads.result if downloads is not None else None,
                       persons=persons.result if persons is not None else None)
    timings["halaman"] = time.perf_counter() - t
    t = time.perf_counter()
    files = dict(tree.files)
    files.update(render_charts(tree.charts, code))
    from kinerja.publish import editor

    editor.add_pages(root, proj, files, tree.nav)
    timings["grafik"] = time.perf_counter() - t
    return Site(files, tree.nav, tree.not_in_nav, info, warnings, timings)


def _suara(repo, proj, info):
    """Complaints and surveys, projected on their own (publish/suara_projection.py); deadline
    clocks stop at the build commit's date, so a rebuild of the same commit is identical."""
    import datetime

    from kinerja.publish import suara_projection

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if info.date:
        today = datetime.date.fromisoformat(info.date[:10])
    elif epoch and epoch.isdigit():
        today = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    else:
        today = datetime.date.today()
    return suara_projection.project(repo, proj, today)


def footer_values(info) -> dict:
    """What the footer shows (never user text): the commit and its date."""
    from kinerja.publish.gitinfo import indonesian_date

    if info.sha is None:
        import datetime

        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        day = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date() if epoch and epoch.isdigit()
               else datetime.date.today()).isoformat()
        return {"commit": None, "tanggal": indonesian_date(day), "lokal": False}
    return {"commit": info.short, "commit_lengkap": info.sha, "tanggal": indonesian_date(info.date), "lokal": info.dirty}
