"""Official documents as reproducible PDFs (`kinerja print`), and their verification.

records → content (strings, per official form) → payload (commit, blob ids, content hash)
→ Typst (shipped fonts, user text as data) → PDF/A-2b. Private artifacts: they hold names,
ratings and, where recorded, the NIP, so they are written outside the site's source and
output folders and never published.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.documents import content as C
from kinerja.documents.gitfacts import GitFacts, GitUnavailable
from kinerja.documents.payload import BadPayload, Payload, decode, from_pdf, make
from kinerja.documents.render import RenderError, cover, render_pdf

__all__ = ["Made", "Skipped", "plan_documents", "produce", "record_for", "verify", "BadPayload", "GitUnavailable", "RenderError"]


@dataclass
class Made:
    content: C.Content
    payload: Payload
    pdf: bytes
    relpath: str
    missing_glyphs: set[str] = field(default_factory=set)


@dataclass
class Skipped:
    subject: str
    reason: str


def file_name(c: C.Content) -> str:
    stem = C.KINDS[c.kind][2]
    if c.kind in ("evaluasi", "keputusan_keberatan"):
        stem += f"-{c.periode}"
    return f"{c.tahun}/{c.stem}/{stem}.pdf"


def subjects(repo, *, people: set[str] | None, year: int | None, period: str | None, kinds: set[str]):
    """(kind, file, record) to print, in a stable order; record is None for a file that
    does not load (the caller says it skipped it)."""
    from kinerja.score.angka_kredit import closing_period

    def wanted(y, rel):
        # the path names the person: no record is loaded for anyone else
        return (year is None or y == year) and (people is None or repo.files[rel].keys.get("pegawai") in people)

    if "skp" in kinds:
        for (y, key), rel in sorted(repo.plan_paths.items()):
            if wanted(y, rel):
                yield "skp", rel, repo.record(rel)
    for (y, p, key), rel in sorted(repo.eval_paths.items()):
        if (period is not None and p != period) or not wanted(y, rel):
            continue
        e = repo.record(rel)
        if e is None:
            yield "evaluasi", rel, None
            continue
        if "evaluasi" in kinds:
            yield "evaluasi", rel, e
        if "dokumen_evaluasi" in kinds and p == "triwulan_4":
            yield "dokumen_evaluasi", rel, e
        if "angka_kredit" in kinds and e.status == "final":
            plan = repo.plan(y, e.key)
            person = repo.people.get(e.pegawai)
            a = person.assignment_on(plan.selesai) if plan and person else None
            if plan is not None and a is not None and a.jenis_jabatan == "fungsional" and p == closing_period(plan):
                yield "angka_kredit", rel, e
    if "keputusan_keberatan" in kinds:
        for rel, entry in sorted(repo.files.items()):
            if entry.kind != "objection" or (period is not None and entry.keys.get("periode") != period):
                continue
            if (year is None or int(entry.keys["tahun"]) == year) and (people is None or entry.keys.get("pegawai") in people):
                o = record_for(repo, "keputusan_keberatan", rel)
                if o is None or o.keputusan is not None:
                    yield "keputusan_keberatan", rel, o


def record_for(repo, kind: str, rel: str):
    """The record a document of `kind` is made from (None: the file does not load)."""
    data = repo.record(rel)
    if kind == "keputusan_keberatan":
        from kinerja.model.keberatan import objection_record

        return objection_record(rel, data) if isinstance(data, dict) else None
    return data


def _approval_lines(ctx: C.Context, facts: GitFacts, c: C.Content, primary: str) -> list[str]:
    lines = []
    if c.kind == "keputusan_keberatan":
        from kinerja.documents.keberatan import approval_lines

        return approval_lines(ctx, facts, primary)
    if c.kind == "skp":
        a = facts.since(primary, ("disetujui",))
        what = "SKP berstatus disetujui"
    else:
        a = facts.since(primary, ("final",))
        what = "Evaluasi berstatus final"
    if a is None:
        lines.append(f"{primary}: belum disetujui/final menurut riwayat git; dokumen ini bukan dokumen akhir.")
        return lines
    lines.append(f"{what} sejak commit {a.commit[:12]} pada {C.long_date(a.at.date())} pukul {a.at:%H.%M} ({ctx.tz_name}).")
    for key, value in a.trailers:
        lines.append(f"{key}: {value}")
    if c.kind != "skp":
        # the acknowledgement comes after the merge, as its own commit (review/facts.py)
        from kinerja.review.facts import FactsUnavailable

        try:
            ack = facts.history.acknowledgement(primary)
        except FactsUnavailable:  # git trouble: say it is not recorded
            ack = None
        if ack is None:
            lines.append("Tanda sudah membaca dari pegawai: belum tercatat di git.")
        else:
            when = ack.at.astimezone(facts.tz)
            lines.append(f"Dibaca-oleh: {ack.person} pada {C.long_date(when.date())} pukul {when:%H.%M} ({ctx.tz_name}).")
    return lines


def build_one(ctx: C.Context, facts: GitFacts, kind: str, record) -> tuple[C.Content, Payload, dict]:
    c = C.BUILDERS[kind](ctx, record)
    primary = record.file
    c.data["persetujuan"] = _approval_lines(ctx, facts, c, primary)
    day = facts.when.date()
    c.data["tempat_tanggal"] = f"{ctx.seat}, {C.long_date(day)}" if ctx.seat else C.long_date(day)
    c.data["jejak"] = f"menurut commit {facts.commit[:12]} ({C.long_date(day)})"
    payload = make(c, facts.commit, facts.blob_map(c.inputs))
    return c, payload, c.data


def produce(ctx: C.Context, facts: GitFacts, kind: str, record) -> Made:
    c, payload, data = build_one(ctx, facts, kind, record)
    missing: set[str] = set()
    shown = dict(cover(data, missing), payload=payload.encode())
    pdf = render_pdf(C.KINDS[kind][0], shown, payload.encode(), facts.epoch)
    return Made(c, payload, pdf, file_name(c), missing)


# --- verification ----------------------------------------------------------------------------------


@dataclass
class Verdict:
    ok: bool
    lines: list[str]


def _repository_at(root: Path, commit: str, into: Path):
    from kinerja.documents.gitfacts import git
    from kinerja.repository import load_repository

    raw = git(root, "archive", "--format=tar", commit)
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        tar.extractall(into, filter="data")
    return load_repository(into, use_cache=False)


def _find(repo, p: Payload):
    if p.kind == "skp":
        return repo.plan(p.tahun, p.stem)
    if p.kind == "keputusan_keberatan":
        rel = f"objections/{p.tahun}/{p.periode}/{p.stem}.yml"
        return record_for(repo, p.kind, rel) if rel in repo.files else None
    return repo.evaluations.get((p.tahun, p.periode, p.stem))


def verify(root: Path, text: str | None = None, pdf: bytes | None = None) -> Verdict:
    """Recompute a document from the repository and compare (payload string or a PDF)."""
    try:
        p = decode(from_pdf(pdf) if pdf is not None else text or "")
    except BadPayload as exc:
        return Verdict(False, [f"Tidak dapat diperiksa: {exc}."])
    if p.kind not in C.KINDS:
        return Verdict(False, [f"Jenis dokumen {p.kind!r} tidak dikenal."])
    try:
        facts = GitFacts(root, p.commit)
    except GitUnavailable:
        return Verdict(False, [f"Commit {p.commit[:12]} tidak ada di repositori ini: dokumen tidak dapat dicocokkan (tarik riwayat lengkap, atau dokumen ini bukan dari repositori ini)."])
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kinerja-verify-") as tmp:
        repo = _repository_at(root, p.commit, Path(tmp))
        record = _find(repo, p)
        if record is None:
            return Verdict(False, [f"Berkas sumber dokumen ({p.stem}, {p.tahun}) tidak ada pada commit {p.commit[:12]}."])
        ctx = C.Context(repo)
        try:
            made = produce(ctx, facts, p.kind, record)
        except (C.NotPrintable, RenderError) as exc:
            return Verdict(False, [f"Dokumen tidak dapat dibuat ulang dari commit {p.commit[:12]}: {exc}."])
    ok = True
    if made.payload.digest != p.digest:
        ok = False
        lines.append("Isi dokumen TIDAK sesuai dengan data pada commit tersebut (sidik isi berbeda).")
    ours = sorted(made.content.inputs)
    if made.payload.blobs != p.blobs:
        ok = False
        differ = [path for path, a, b in zip(ours, made.payload.blobs, p.blobs) if a != b]
        if len(made.payload.blobs) != len(p.blobs):
            lines.append(f"Daftar berkas masukan berbeda ({len(p.blobs)} pada kode, {len(ours)} menurut repositori).")
        for path in differ:
            lines.append(f"Berkas masukan berbeda dari commit: {path}")
    if pdf is not None and ok and made.pdf != pdf:
        ok = False
        lines.append("Kode QR/metadata cocok, tetapi berkas PDF ini BERBEDA dari PDF yang dihasilkan commit tersebut: isinya telah diubah.")
        lines += _text_differences(made.pdf, pdf)
    if ok:
        lines.insert(0, f"Sesuai: dokumen {C.KINDS[p.kind][1].title()} untuk {p.stem} ({p.tahun}{', ' + p.periode if p.periode else ''}) cocok dengan commit {p.commit[:12]}.")
    later = facts.changed_since(p.commit, ours)
    if later:
        lines.append("Sesudah commit itu, berkas masukan diubah oleh:")
        for sha, day, paths in later:
            lines.append(f"  {sha[:12]} ({day}): {', '.join(x for x in paths if x in ours)}")
        lines.append("Dokumen ini menggambarkan data pada commit tersebut; cetak ulang untuk data terbaru.")
    else:
        lines.append("Tidak ada perubahan berkas masukan sesudah commit tersebut.")
    return Verdict(ok, lines)


def _text_differences(expected: bytes, got: bytes, limit: int = 10) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    def lines_of(raw):
        try:
            return [ln for page in PdfReader(io.BytesIO(raw)).pages for ln in (page.extract_text() or "").splitlines()]
        except (PyPdfError, ValueError, OSError):
            return []

    a, b = lines_of(expected), lines_of(got)
    import difflib

    out = []
    for line in difflib.unified_diff(a, b, lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        out.append(("  seharusnya: " if line.startswith("-") else "  pada berkas: ") + line[1:])
        if len(out) >= limit:
            break
    return out
