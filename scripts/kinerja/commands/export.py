"""`kinerja export`: the current people and units in the columns `kinerja import` reads."""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja.cli import EXIT_OK, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="ekspor pegawai dan unit ke .xlsx/.csv dengan kolom yang sama dengan kinerja import",
        description="Tulis data organisasi saat ini (satu baris per pegawai: penugasan terakhirnya; satu baris per unit) "
        "ke berkas baru. Ubah di spreadsheet, lalu impor lagi dengan kinerja import. NIP tidak pernah diekspor "
        "kecuali instansi menyimpan NIP apa adanya (impor_nip: jelas).",
    )
    p.add_argument("--ke", dest="target", required=True, metavar="BERKAS", help="berkas tujuan .xlsx (lembar Pegawai dan Unit) atau .csv; tidak pernah ditimpa")
    p.add_argument("--tabel", choices=["pegawai", "unit"], default="pegawai", help="untuk .csv: tabel yang ditulis (bawaan pegawai)")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.orgio.columns import PEOPLE_SHEET, UNIT_SHEET
    from kinerja.orgio.exporter import export_files
    from kinerja.writefile import AlreadyExists, write_new

    root = resolve_root(args.root)
    target = Path(args.target)
    if target.suffix.casefold() not in (".xlsx", ".csv"):
        raise UsageError("Berkas tujuan harus berakhiran .xlsx atau .csv.")
    content, export = export_files(root, target, UNIT_SHEET if args.tabel == "unit" else PEOPLE_SHEET)
    try:
        write_new(target, content)
    except AlreadyExists:
        raise UsageError(f"{target} sudah ada; tidak ditimpa. Pilih nama lain atau hapus dulu.") from None
    except OSError as exc:
        raise UsageError(f"{target} tidak dapat ditulis ({exc.strerror or type(exc).__name__}).") from None
    for line in export.skipped:
        print(f"kinerja export: {line}", file=sys.stderr)
    what = f"{len(export.people)} pegawai dan {len(export.units)} unit" if target.suffix.casefold() == ".xlsx" else (
        f"{len(export.units)} unit" if args.tabel == "unit" else f"{len(export.people)} pegawai")
    print(f"{what} diekspor ke {target}.")
    return EXIT_OK
