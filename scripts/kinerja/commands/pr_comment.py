"""`kinerja pr-comment`: render the sticky PR comment (and the job summary) from the checks'
JSON reports and the digest of `kinerja pr-digest`."""

from __future__ import annotations

from kinerja.cli import EXIT_OK, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("pr-comment", help="susun komentar PR dari laporan JSON pemeriksaan")
    p.add_argument("--hak-ubah", dest="change", metavar="BERKAS", help="laporan JSON check-change")
    p.add_argument("--persetujuan", dest="approval", metavar="BERKAS", help="laporan JSON check-approval")
    p.add_argument("--validasi", dest="validation", metavar="BERKAS", help="laporan JSON validate --format json")
    p.add_argument("--rincian", dest="digest", metavar="BERKAS", help="JSON kinerja pr-digest (rencana/evaluasi yang berubah)")
    p.add_argument("--alamat-panduan", dest="guide_url", metavar="URL",
                   help="alamat halaman Panduan > Membaca pesan CI (bawaan: site_url di mkdocs.yml + panduan/pesan/, "
                        "atau berkas site/panduan/pesan.md di repositori GITHUB_REPOSITORY)")
    p.add_argument("--ringkasan", dest="summary", metavar="BERKAS", help="tulis juga ringkasan job (Markdown) ke berkas ini (tidak menimpa)")
    p.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori usulan: tambahkan bagian suara publik (pengaduan dan survei layanan)")
    p.add_argument("--keluaran", dest="out", required=True, metavar="BERKAS", help="berkas Markdown keluaran (tidak menimpa)")
    p.set_defaults(func=run)


def guide_url(explicit: str | None) -> str | None:
    import os
    import re
    from pathlib import Path

    from kinerja.review.comment import GUIDE_PAGE

    if explicit:
        return explicit if re.fullmatch(r"https://[^\s()<>\[\]]+", explicit) else None
    mk = Path("mkdocs.yml")
    if mk.is_file():
        m = re.search(r"^site_url:\s*(https://\S+?)/?\s*$", mk.read_text(encoding="utf-8"), re.M)
        if m:
            return f"{m.group(1)}/{GUIDE_PAGE}"
    repo, server = os.environ.get("GITHUB_REPOSITORY", ""), os.environ.get("GITHUB_SERVER_URL", "https://github.com")
    if re.fullmatch(r"[A-Za-z0-9._-]+/[A-Za-z0-9._-]+", repo) and re.fullmatch(r"https://[A-Za-z0-9.-]+", server):
        return f"{server}/{repo}/blob/HEAD/site/panduan/pesan.md"
    return None


def run(args) -> int:
    from pathlib import Path

    from kinerja.review.comment import render, render_summary
    from kinerja.review.report import read_json
    from kinerja.writefile import AlreadyExists, write_new

    def optional(path):
        return read_json(path) if path and Path(path).exists() else None

    if args.guide_url and guide_url(args.guide_url) is None:
        raise UsageError("--alamat-panduan harus alamat https:// tanpa spasi atau tanda kurung.")
    url = guide_url(args.guide_url)
    digest = optional(args.digest)
    change = optional(args.change)
    suara = None
    if args.root and change:
        suara = _suara(Path(args.root), [d["file"] for d in change.get("decisions", [])])
    text = render(change, optional(args.approval), optional(args.validation), digest, url, suara)
    try:
        write_new(Path(args.out), text)
        if args.summary:
            write_new(Path(args.summary), render_summary(digest, url))
    except AlreadyExists as exc:
        raise UsageError(f"{exc} sudah ada (tidak ditimpa).") from None
    return EXIT_OK


def _suara(root, files: list[str]) -> list[dict] | None:
    """The suara publik section's data; None when the repository cannot be read (the
    comment is still written, without that section)."""
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.suara.penilai import for_evaluations

    try:
        repo = load_repository(root)
        return for_evaluations(repo, files, org_index(repo))
    except Exception as exc:  # noqa: BLE001 - the comment must never fail because of this section
        import sys

        print(f"kinerja pr-comment: bagian suara publik dilewati ({type(exc).__name__}).", file=sys.stderr)
        return None
