"""`kinerja pr-comment`: render the sticky PR comment from the checks' JSON reports."""

from __future__ import annotations

from kinerja.cli import EXIT_OK, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("pr-comment", help="susun komentar PR dari laporan JSON pemeriksaan")
    p.add_argument("--change", metavar="BERKAS", help="laporan JSON check-change")
    p.add_argument("--approval", metavar="BERKAS", help="laporan JSON check-approval")
    p.add_argument("--validation", metavar="BERKAS", help="laporan JSON validate --format json")
    p.add_argument("--root", metavar="FOLDER", help="repositori usulan: tambahkan bagian suara publik (pengaduan dan survei layanan)")
    p.add_argument("--out", required=True, metavar="BERKAS", help="berkas Markdown keluaran (tidak menimpa)")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kinerja.review.comment import render
    from kinerja.review.report import read_json
    from kinerja.writefile import AlreadyExists, write_new

    def optional(path):
        return read_json(path) if path and Path(path).exists() else None

    change = optional(args.change)
    suara = None
    if args.root and change:
        suara = _suara(Path(args.root), [d["file"] for d in change.get("decisions", [])])
    text = render(change, optional(args.approval), optional(args.validation), suara)
    try:
        write_new(Path(args.out), text)
    except AlreadyExists:
        raise UsageError(f"{args.out} sudah ada (tidak ditimpa).") from None
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
