"""`kinerja pr-comment`: render the sticky PR comment from the checks' JSON reports."""

from __future__ import annotations

from kinerja.cli import EXIT_OK, UsageError


def add_parser(sub) -> None:
    p = sub.add_parser("pr-comment", help="susun komentar PR dari laporan JSON pemeriksaan")
    p.add_argument("--change", metavar="BERKAS", help="laporan JSON check-change")
    p.add_argument("--approval", metavar="BERKAS", help="laporan JSON check-approval")
    p.add_argument("--validation", metavar="BERKAS", help="laporan JSON validate --format json")
    p.add_argument("--out", required=True, metavar="BERKAS", help="berkas Markdown keluaran (tidak menimpa)")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kinerja.review.comment import render
    from kinerja.review.report import read_json
    from kinerja.writefile import AlreadyExists, write_new

    def optional(path):
        return read_json(path) if path and Path(path).exists() else None

    text = render(optional(args.change), optional(args.approval), optional(args.validation))
    try:
        write_new(Path(args.out), text)
    except AlreadyExists:
        raise UsageError(f"{args.out} sudah ada (tidak ditimpa).") from None
    return EXIT_OK
