"""`kinerja new`: scaffold plan files (SKP) from the organisation data."""

from __future__ import annotations

from kinerja.cli import UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    n = sub.add_parser("new", help="buat kerangka rencana SKP untuk satu pegawai atau satu unit")
    target = n.add_mutually_exclusive_group(required=True)
    target.add_argument("--pegawai", metavar="ID", help="id pegawai")
    target.add_argument("--unit", metavar="ID", help="id unit: buat untuk semua pegawai di unit ini (termasuk sub-unitnya)")
    n.add_argument("--tahun", type=int, required=True, help="tahun kinerja")
    n.add_argument("--mulai", metavar="TTTT-BB-HH", help="tanggal mulai rencana (bawaan: 1 Januari, atau awal penugasan bila lebih akhir)")
    add_root(n)
    n.set_defaults(func=run)


def run(args) -> int:
    from datetime import date

    from kinerja.scaffold import scaffold

    root = resolve_root(args.root)
    try:
        start = date.fromisoformat(args.mulai) if args.mulai else None
    except ValueError:
        raise UsageError(f"Tanggal mulai {args.mulai!r} tidak sah; tulis TTTT-BB-HH.") from None
    if start is not None and start.year != args.tahun:
        raise UsageError("Tanggal mulai harus berada di tahun kinerja yang sama.")
    return scaffold(root, year=args.tahun, person=args.pegawai, unit=args.unit, start=start)
