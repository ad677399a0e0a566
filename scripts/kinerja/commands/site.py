"""`kinerja site --keluaran DIR`: write the generated site tree (pages, charts, open data) to a
folder, without MkDocs. The MkDocs hook adds exactly these files; any generator that reads
mkdocs.yml (Zensical, for one) can build from DIR merged with the hand-written site/."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    s = sub.add_parser("site", help="tulis halaman situs, grafik dan data terbuka ke folder (tanpa MkDocs)")
    s.add_argument("--keluaran", dest="out", required=True, metavar="FOLDER", help="folder tujuan; harus belum ada atau kosong")
    s.add_argument("--navigasi", dest="nav", metavar="BERKAS", help="tulis juga navigasi situs (JSON) ke berkas ini")
    add_root(s)
    s.set_defaults(func=run)


def _handwritten(root: Path) -> list[str]:
    docs = root / "site"
    if not docs.is_dir():
        return []
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if "overrides" not in p.relative_to(docs).parts)


def run(args) -> int:
    from kinerja.publish import SiteError, generate
    from kinerja.publish.policy import PolicyError
    from kinerja.writefile import AlreadyExists, write_new, write_new_tree

    root = resolve_root(args.root)
    out = Path(args.out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} sudah ada dan tidak kosong; pilih folder baru.")
    if args.nav and Path(args.nav).exists():
        raise UsageError(f"{args.nav} sudah ada; pilih nama berkas lain (berkas yang ada tidak ditimpa).")
    if out == root or root in out.parents and out.parts[len(root.parts)] in ("site", "organisation", "plans", "evaluations", "unit-results", "rules", "schemas", "scripts"):
        raise UsageError(f"{out} berada di dalam folder sumber repositori; pilih folder lain (misalnya di luar repositori atau public-generated/).")
    try:
        site = generate(root, handwritten=_handwritten(root))
    except (PolicyError, SiteError) as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FINDINGS
    for warning in site.warnings:
        print(f"peringatan: {warning}", file=sys.stderr)
    try:
        write_new_tree(out, site.files)
        if args.nav:
            write_new(Path(args.nav), json.dumps(site.nav, ensure_ascii=False, indent=1) + "\n")
    except AlreadyExists as exc:
        raise UsageError(f"{exc} muncul selama build; tidak ada yang ditimpa. Ulangi dengan nama lain.") from None
    print(f"{len(site.files)} berkas ditulis ke {out}.")
    return EXIT_FINDINGS if site.warnings else EXIT_OK
