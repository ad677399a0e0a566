"""`kinerja relink`: propose (and with --tulis, make) the cascade edits a supervisor change needs."""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("relink", help="tautkan ulang RHK ke atasan baru setelah pejabat penilai berganti")
    p.add_argument("--pegawai", required=True, metavar="ID", help="id pegawai")
    p.add_argument("--tahun", type=int, required=True, help="tahun kinerja")
    p.add_argument("--pilih", action="append", default=[], metavar="RHK=RHK_ATASAN",
                   help="RHK atasan baru untuk RHK ini, misalnya rhk-1=rhk-2 (bawaan: RHK atasan ber-id sama, atau yang pertama)")
    p.add_argument("--tulis", dest="write", action="store_true", help="tulis perubahannya (bawaan: hanya tampilkan usulan)")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.check.crossfile import org_index
    from kinerja.relink import propose, unchanged_on_disk
    from kinerja.repository import load_repository
    from kinerja.writefile import replace

    choices = {}
    for item in args.pilih:
        old, eq, new = item.partition("=")
        if not eq or not old or not new:
            raise UsageError(f"--pilih {item!r}: tulis RHK=RHK_ATASAN, misalnya rhk-1=rhk-2.")
        choices[old] = new
    root = resolve_root(args.root)
    repo = load_repository(root)
    if repo.regency is None:
        print("kinerja relink: organisation/instansi.yml belum ada atau belum sah; jalankan 'kinerja validate'.", file=sys.stderr)
        return EXIT_FINDINGS
    if args.pegawai not in repo.people:
        print(f"kinerja relink: pegawai “{args.pegawai}” tidak ada di organisation/people/.", file=sys.stderr)
        return EXIT_FINDINGS
    proposals = propose(repo, org_index(repo), args.pegawai, args.tahun, choices)
    if not proposals:
        print(f"Tidak ada yang perlu ditautkan ulang: rencana {args.pegawai} tahun {args.tahun} tidak mengintervensi RHK atasan lama.")
        return EXIT_OK
    status = EXIT_OK
    for prop in proposals:
        print(f"== {prop.file}")
        for line in prop.notes:
            print(f"  {line}")
        for line in prop.problems:
            print(f"  tidak dilakukan: {line}")
            status = EXIT_FINDINGS
        for line in prop.advice:
            print(f"  selanjutnya: {line}")
        if prop.after == prop.before:
            continue
        if not args.write:
            sys.stdout.write(prop.diff())
            continue
        if not unchanged_on_disk(root, prop):
            print(f"  tidak ditulis: {prop.file} berubah sejak dibaca; jalankan lagi.", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        replace(root / prop.file, prop.after)
        print(f"  ditulis {prop.file}")
    if not args.write and any(p.after != p.before for p in proposals):
        print("Ini usulan saja; jalankan lagi dengan --tulis untuk menulisnya.")
    return status
