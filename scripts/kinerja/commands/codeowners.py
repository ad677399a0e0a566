"""`kinerja codeowners --tulis | --periksa`: .github/CODEOWNERS from the organisation data."""

from __future__ import annotations

import difflib
import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("codeowners", help="buat atau periksa .github/CODEOWNERS dari data organisasi")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--tulis", dest="write", action="store_true", help="tulis .github/CODEOWNERS (hanya menimpa berkas buatan alat ini)")
    mode.add_argument("--periksa", dest="check", action="store_true", help="gagal (kode 1) bila .github/CODEOWNERS tidak sesuai data organisasi")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.codeowners import GENERATED_BY, PATH, render
    from kinerja.writefile import replace

    root = resolve_root(args.root)
    repo = load_repository(root)
    if repo.regency is None:
        print("kinerja codeowners: organisation/instansi.yml tidak ada atau tidak sah; jalankan kinerja validate.", file=sys.stderr)
        return EXIT_USAGE
    text = render(org_index(repo), repo.regency.admins, repo.regency.rating_approval, parse_today(args.today))
    target = root / PATH
    try:
        current = target.read_text(encoding="utf-8") if target.exists() else None
    except (OSError, UnicodeDecodeError):
        current = ""
    if args.check:
        if current == text:
            print(f"{PATH} sesuai data organisasi.")
            return EXIT_OK
        if current is None:
            print(f"{PATH} belum ada. Jalankan: kinerja codeowners --tulis")
            return EXIT_FINDINGS
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), "tercatat", "seharusnya", lineterm="", n=0))
        print(f"{PATH} tidak sesuai data organisasi. Jalankan: kinerja codeowners --tulis, lalu commit hasilnya.")
        for line in diff[:40]:
            print("  " + line)
        if len(diff) > 40:
            print(f"  ... dan {len(diff) - 40} baris lain")
        return EXIT_FINDINGS
    if current == text:
        print(f"{PATH} sudah sesuai; tidak ada yang ditulis.")
        return EXIT_OK
    if current is not None and not current.startswith(GENERATED_BY):
        print(f"kinerja codeowners: {PATH} yang ada bukan buatan alat ini; tidak ditimpa. Pindahkan atau hapus dulu.", file=sys.stderr)
        return EXIT_USAGE
    replace(target, text)
    print(f"{PATH} ditulis ({text.count(chr(10))} baris).")
    return EXIT_OK
