"""Publication: data -> one public projection -> pages, charts and open data.

`generate(root)` is the whole pipeline as a plain function returning the generated tree
({docs path: content}) and its navigation. The MkDocs hook (publish/hook.py) and the
`kinerja site --out DIR` command both call it, so any generator that reads mkdocs.yml can
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


def score(repo, findings, code: str):
    """The scorer's report, reused from the cache when neither data nor code changed.

    Scoring reads every plan and evaluation; the site needs it on every build, so the
    report is kept (outside the repository, like the validation cache) under a key made of
    every file's content digest and the code. Warnings' line numbers are not looked up:
    the site never shows them, and finding them means re-reading thousands of files."""
    from kinerja.score import score_repository

    key = hashlib.sha256(code.encode())
    for rel, e in repo.files.items():
        key.update(f"{rel}\0{e.digest}\0{e.ok}\n".encode())
    key = key.hexdigest()
    folder = _cache_folder()
    slot = folder / f"score-{hashlib.sha256(str(repo.root.resolve()).encode()).hexdigest()[:16]}.pickle" if folder else None
    if slot is not None:
        try:
            stored_key, report = pickle.loads(slot.read_bytes())
            if stored_key == key:
                return report
        except Exception:  # noqa: BLE001 - a missing or stale cache is simply rebuilt
            pass
    repo.preload(list(repo.plan_paths.values()) + list(repo.eval_paths.values()))  # one query, not 25,000
    repo.locate = lambda rel, path, key=False: None  # positions are not shown on the site
    try:
        report = score_repository(repo, findings=findings)
    finally:
        del repo.locate
    if slot is not None:
        _write_atomic(slot, pickle.dumps((key, report), protocol=5))
    return report


def render_charts(specs, code: str) -> dict[str, bytes]:
    """SVG bytes per chart path; each chart cached by the digest of its spec and the code."""
    from kinerja.publish import charts

    folder = _cache_folder()
    out: dict[str, bytes] = {}
    todo = []
    keys = {}
    for spec in specs:
        k = hashlib.sha256((code + repr(spec)).encode()).hexdigest()
        keys[spec.path] = k
        if folder is not None:
            try:
                out[spec.path] = (folder / "charts" / f"{k}.svg").read_bytes()
                continue
            except OSError:
                pass
        todo.append(spec)
    fresh = charts.render_all(todo)
    if folder is not None and fresh:
        (folder / "charts").mkdir(exist_ok=True)
        for path, data in fresh.items():
            _write_atomic(folder / "charts" / f"{keys[path]}.svg", data)
    out.update(fresh)
    return out


def generate(root: Path, *, handwritten: list[str] | tuple[str, ...] = (), jobs: int | None = None) -> Site:
    """The whole generated tree for the repository at `root`.

    Raises policy.PolicyError when the policy file is invalid and SiteError when an input
    is a symlink (its target could be anything on the build machine)."""
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
    report = score(repo, findings, code)
    timings["nilai"] = time.perf_counter() - t
    t = time.perf_counter()
    info = gitinfo.build_info(root)
    history = gitinfo.history(root, info)
    timings["git"] = time.perf_counter() - t
    t = time.perf_counter()
    proj = project(repo, report, policy, info, history)
    timings["proyeksi"] = time.perf_counter() - t
    t = time.perf_counter()
    tree = build_pages(proj, list(handwritten))
    timings["halaman"] = time.perf_counter() - t
    t = time.perf_counter()
    files = dict(tree.files)
    files.update(render_charts(tree.charts, code))
    timings["grafik"] = time.perf_counter() - t
    return Site(files, tree.nav, tree.not_in_nav, info, warnings, timings)


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
