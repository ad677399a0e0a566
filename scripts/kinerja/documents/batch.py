"""Making many documents: one outcome per document, in a stable order, on every core.

The checks that decide whether a document may be made (its inputs load, carry no error and
are committed) live here, beside the making, so the command only writes and reports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from kinerja.documents import content as C

_STATE: dict = {}


@dataclass
class Outcome:
    label: str
    state: str  # "made", "not_applicable", "data_problem", "failed"
    message: str = ""
    relpath: str = ""
    pdf: bytes = b""
    missing: set[str] = field(default_factory=set)


def _one(job: tuple[str, str]) -> Outcome:
    from kinerja.documents import produce, record_for
    from kinerja.documents.render import RenderError

    kind, rel = job
    repo, ctx, facts, broken = _STATE["repo"], _STATE["ctx"], _STATE["facts"], _STATE["broken"]
    label = f"{kind} {rel}"
    record = record_for(repo, kind, rel)
    if record is None:
        return Outcome(label, "data_problem", f"berkas tidak lolos pemeriksaan; jalankan kinerja validate {rel}")
    try:
        made = produce(ctx, facts, kind, record)
    except C.NotPrintable as exc:
        return Outcome(label, "not_applicable", str(exc))
    except RenderError as exc:
        return Outcome(label, "failed", str(exc))
    bad = sorted(made.content.inputs & broken)
    if bad:
        return Outcome(label, "data_problem", f"berkas masukan masih bergalat ({', '.join(bad)}); jalankan kinerja validate")
    dirty = facts.dirty(made.content.inputs)
    if dirty:
        return Outcome(label, "data_problem", f"berkas masukan belum di-commit ({', '.join(dirty)}); dokumen hanya dibuat dari data yang sudah di-commit")
    return Outcome(label, "made", relpath=made.relpath, pdf=made.pdf, missing=made.missing_glyphs)


def _init_worker() -> None:
    _STATE["facts"].history.after_fork()  # never share the parent's `git cat-file` pipe


def make_all(repo, facts, broken, jobs: list[tuple[str, str]], workers: int | None = None, ctx: C.Context | None = None):
    """Yield an Outcome per (kind, file) job, in order. Forks up to `workers` processes.
    `broken`: the input files carrying an error (a set, or anything `inputs & broken` asks)."""
    facts.dirty(())  # one `git status` and one `git log` before forking
    facts.history.load()
    _STATE.update(repo=repo, ctx=ctx or C.Context(repo), facts=facts, broken=broken)
    workers = workers or min(os.cpu_count() or 1, 4)
    if workers <= 1 or len(jobs) < 40:
        for job in jobs:
            yield _one(job)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker) as pool:
        yield from pool.imap(_one, jobs, chunksize=8)
