"""`kinerja import-complaints FILE.csv|FILE.xlsx`: complaints from the regency's own table."""

from __future__ import annotations

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("import-complaints", help="impor pengaduan masyarakat dari tabel CSV atau XLSX")
    p.add_argument("file", metavar="BERKAS", help="tabel .csv (UTF-8) atau .xlsx; kolomnya di Panduan pengaduan")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kinerja.findings import ERROR, format_text
    from kinerja.suara.importer import ImportError_, import_table

    root = resolve_root(args.root)
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"Berkas {args.file} tidak ditemukan.")
    try:
        result = import_table(root, path)
    except ImportError_ as exc:
        raise UsageError(str(exc)) from None
    if result.findings:
        print(format_text(result.findings).rstrip("\n"))
    if any(f.severity == ERROR for f in result.findings):
        print("Tidak ada berkas yang ditulis: perbaiki baris di atas, lalu impor lagi.")
        return EXIT_FINDINGS
    for rel in result.written:
        print(f"ditulis: {rel}")
    for rel in result.unchanged:
        print(f"sudah sama, dilewati: {rel}")
    print(f"{len(result.written)} pengaduan ditulis, {len(result.unchanged)} sudah ada dengan isi yang sama.")
    return EXIT_OK
