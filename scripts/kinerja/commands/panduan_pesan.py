"""`kinerja panduan-pesan`: write or check site/panduan/pesan.md ("Membaca pesan CI") from findings.CODES."""

from __future__ import annotations

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("panduan-pesan", help="tulis atau periksa halaman Panduan > Membaca pesan CI dari daftar kode temuan")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--tulis", dest="write", action="store_true", help="tulis ulang site/panduan/pesan.md (hanya berkas hasil alat ini)")
    which.add_argument("--periksa", dest="check", action="store_true", help="periksa bahwa halaman sama dengan yang dibuat dari daftar kode")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from kinerja.review.pesan import PAGE, missing, render
    from kinerja.writefile import replace, write_new

    root = resolve_root(args.root)
    path = root / PAGE
    text = render()
    current = path.read_text(encoding="utf-8") if path.exists() else None
    if args.check:
        if current == text:
            print("Halaman Membaca pesan CI sesuai daftar kode.")
            return EXIT_OK
        gaps = missing(current or "")
        print(f"{PAGE} tidak sesuai daftar kode" + (f" (tanpa entri: {', '.join(gaps)})" if gaps else "")
              + "; jalankan kinerja panduan-pesan --tulis.", file=sys.stderr)
        return EXIT_FINDINGS
    if current is not None and not current.startswith("# Membaca pesan CI"):
        print(f"{PAGE} bukan halaman buatan alat ini; tidak ditimpa.", file=sys.stderr)
        return EXIT_FINDINGS
    (replace if current is not None else write_new)(path, text)
    print(f"{PAGE} ditulis ({text.count(chr(10) + '### ')} kode).")
    return EXIT_OK
