"""`kinerja pr-digest`: what the penilai judges in a PR (changed plans and evaluations) as JSON,
for `kinerja pr-comment --rincian` (the sticky comment and the job summary)."""

from __future__ import annotations

from kinerja.cli import EXIT_OK, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("pr-digest", help="ringkasan rencana/evaluasi yang berubah untuk komentar PR (JSON)")
    p.add_argument("changed", nargs="*", metavar="BERKAS", help="berkas yang berubah (jalur relatif dari akar repositori)")
    p.add_argument("--keluaran", dest="out", required=True, metavar="BERKAS", help="berkas JSON keluaran (tidak menimpa)")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.repository import load_repository
    from kinerja.review.digest import digest
    from kinerja.review.report import write_json

    root = resolve_root(args.root)
    repo = load_repository(root)
    write_json(args.out, digest(repo, [c.replace("\\", "/") for c in args.changed]))
    return EXIT_OK
