"""`kinerja import`: people, units and assignments from the regency's staff records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, resolve_root

COUNT_WORDS = [
    ("pegawai_ditambah", "pegawai ditambah"),
    ("pegawai_diubah", "pegawai diubah"),
    ("penugasan_baru", "  di antaranya penugasan baru"),
    ("penugasan_diakhiri", "  di antaranya penugasan diakhiri"),
    ("pegawai_tetap", "pegawai tidak berubah"),
    ("pegawai_tidak_di_berkas", "pegawai tidak ada di berkas (tidak disentuh)"),
    ("unit_ditambah", "unit ditambah"),
    ("unit_diubah", "unit diubah"),
    ("unit_tetap", "unit tidak berubah"),
    ("unit_tidak_di_berkas", "unit tidak ada di berkas (tidak disentuh)"),
]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "import",
        help="impor pegawai, unit dan penugasan dari berkas .xlsx/.csv (SIASN/SIMPEG); menulis hanya dengan --tulis",
        description="Bandingkan tabel pegawai (lembar Pegawai) dan unit (lembar Unit) dengan organisation/, "
        "tampilkan apa yang akan ditambah, diubah dan diakhiri, dan tulis berkasnya hanya dengan --tulis "
        "(semua berkas atau tidak sama sekali). Kolom: lihat Panduan admin, bagian Impor dan ekspor.",
    )
    p.add_argument("--dari", dest="sources", action="append", required=True, metavar="BERKAS",
                   help="berkas .xlsx (lembar Pegawai dan/atau Unit) atau .csv; boleh diulang (satu CSV pegawai, satu CSV unit)")
    p.add_argument("--tulis", dest="write", action="store_true", help="tulis perubahan (tanpa ini hanya ditampilkan)")
    p.add_argument("--kunci-nip", metavar="BERKAS",
                   help="berkas kunci rahasia sidik NIP, di luar repositori (bawaan: variabel lingkungan KINERJA_KUNCI_NIP)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="bentuk laporan (bawaan text)")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.findings import format_text
    from kinerja.orgio.importer import ImportUsageError, plan_import
    from kinerja.writefile import ChangedMeanwhile, replace_many

    root = resolve_root(args.root)
    paths = []
    for s in args.sources:
        path = Path(s)
        if not path.is_file():
            raise UsageError(f"{s} tidak ditemukan.")
        paths.append(path)
    try:
        plan = plan_import(root, paths, key_file=args.kunci_nip, shown_names=[Path(s).name for s in args.sources])
    except ImportUsageError as exc:
        raise UsageError(str(exc)) from None
    written = False
    if not plan.errors and args.write and plan.writes:
        try:
            replace_many(root, plan.writes, plan.expected)
        except ChangedMeanwhile as exc:
            print(f"kinerja import: {exc} berubah sejak dibaca; tidak ada yang ditulis. Jalankan ulang.", file=sys.stderr)
            return EXIT_USAGE
        written = True
    if args.format == "json":
        from kinerja.findings import as_dict, count

        doc = {
            "findings": [as_dict(f) for f in plan.findings],
            "summary": count(plan.findings),
            "counts": plan.counts,
            "changes": [{"sign": e.sign, "kind": e.kind, "id": e.id, "text": e.text} for e in plan.entries],
            "files": sorted(plan.writes) if not plan.errors else [],
            "written": written,
            "notes": plan.notes,
        }
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return EXIT_FINDINGS if plan.errors else EXIT_OK
    out = []
    if plan.findings:
        out.append(format_text(plan.findings).rstrip("\n"))
    if plan.errors:
        out.append("Tidak ada yang ditulis: perbaiki baris di atas, lalu impor lagi.")
        print("\n".join(out))
        return EXIT_FINDINGS
    out.append("Ringkasan:")
    for key, word in COUNT_WORDS:
        if key not in plan.counts:
            continue
        n = plan.counts[key]
        if n or not key.startswith("penugasan"):
            out.append(f"  {word}: {n}")
    if plan.entries:
        out.append("Perubahan:")
        for e in plan.entries:
            out.append(f"  {e.sign} {e.kind} {e.id}: {e.text}")
    for note in plan.notes:
        out.append(f"Catatan: {note}")
    if not plan.writes:
        out.append("Tidak ada perubahan: data organisasi sudah sama dengan berkas ini.")
    elif written:
        out.append(f"{len(plan.writes)} berkas ditulis. Periksa dengan 'kinerja validate', lalu ajukan sebagai pull request.")
    else:
        out.append(f"{len(plan.writes)} berkas akan ditulis. Jalankan lagi dengan --tulis untuk menulisnya.")
    print("\n".join(out))
    return EXIT_OK
