"""`kinerja validate [PATH ...]`: check the data files (schema and cross-file rules)."""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, add_today, parse_today, relative_paths, resolve_root


def add_parser(sub) -> None:
    v = sub.add_parser("validate", help="periksa berkas data (skema dan aturan antarberkas)")
    v.add_argument(
        "paths", nargs="*", metavar="BERKAS",
        help="hanya laporkan temuan untuk berkas ini, atau untuk semua berkas data di folder ini (pemeriksaan antarberkas tetap jalan)"
    )
    add_root(v)
    v.add_argument("--format", choices=["text", "github", "json"], default="text", help="bentuk laporan (bawaan: text)")
    v.add_argument("--tanpa-cache", dest="no_cache", action="store_true", help="jangan pakai atau tulis cache validasi")
    v.add_argument("--proses", dest="jobs", type=int, default=None, metavar="N", help="jumlah proses paralel (bawaan: jumlah inti CPU)")
    add_today(v)
    v.set_defaults(func=run)


def run(args) -> int:
    from kinerja.findings import ERROR, REPORTERS
    from kinerja.validate import NoMatch, validate

    root = resolve_root(args.root)
    paths = relative_paths(root, args.paths) if args.paths else None
    try:
        _, findings = validate(root, paths, today=parse_today(args.today), use_cache=not args.no_cache, jobs=args.jobs)
    except NoMatch as exc:
        raise UsageError(f"Tidak ada berkas data (rencana, evaluasi, organisasi, aturan) di {', '.join(exc.paths)}; "
                         "periksa jalurnya.") from None
    sys.stdout.write(REPORTERS[args.format](findings))
    return EXIT_FINDINGS if any(f.severity == ERROR for f in findings) else EXIT_OK
