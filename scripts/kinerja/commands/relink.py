"""`kinerja relink`: propose (and with --tulis, make) the cascade edits a supervisor change needs,
for one person (`--pegawai`) or for everyone who works in a unit during the year (`--unit`)."""

from __future__ import annotations

import sys
from datetime import date

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("relink", help="tautkan ulang RHK ke atasan baru setelah pejabat penilai berganti")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--pegawai", metavar="ID", help="id pegawai")
    who.add_argument("--unit", metavar="ID", help="semua pegawai yang bertugas di unit ini (termasuk sub-unitnya) kapan pun dalam tahun itu")
    p.add_argument("--tahun", type=int, required=True, help="tahun kinerja")
    p.add_argument("--pilih", action="append", default=[], metavar="RHK=RHK_ATASAN",
                   help="RHK atasan baru untuk RHK ini, misalnya rhk-1=rhk-2 (bawaan: RHK atasan ber-id sama, atau yang pertama)")
    p.add_argument("--tulis", dest="write", action="store_true", help="tulis perubahannya (bawaan: hanya tampilkan usulan)")
    add_root(p)
    p.set_defaults(func=run)


def _people_of_unit(repo, org, unit: str, year: int) -> list[str]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    inside = lambda u: u == unit or unit in org.ancestors(u)  # noqa: E731
    return sorted(p.id for p in repo.people.values() if any(inside(a.unit) for a in p.assignments_between(first, last)))


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
    org = org_index(repo)
    if args.unit is not None:
        if args.unit not in repo.units:
            print(f"kinerja relink: unit “{args.unit}” tidak ada di organisation/units/.", file=sys.stderr)
            return EXIT_FINDINGS
        people = _people_of_unit(repo, org, args.unit, args.tahun)
    elif args.pegawai not in repo.people:
        print(f"kinerja relink: pegawai “{args.pegawai}” tidak ada di organisation/people/.", file=sys.stderr)
        return EXIT_FINDINGS
    else:
        people = [args.pegawai]
    status, proposed, nothing, no_plan = EXIT_OK, False, [], []
    for person in people:
        if repo.people[person].status == "non_asn":
            continue  # pejabat negara have no SKP to relink
        if not repo.plans_of(person, args.tahun):
            no_plan.append(person)
            continue
        proposals = propose(repo, org, person, args.tahun, choices)
        if not proposals:
            nothing.append(person)
            continue
        status = max(status, _apply(root, proposals, args.write, replace, unchanged_on_disk))
        proposed = proposed or any(p.after != p.before for p in proposals)
    if args.pegawai is not None and nothing:
        print(f"Tidak ada yang perlu ditautkan ulang: rencana {args.pegawai} tahun {args.tahun} tidak mengintervensi RHK atasan lama.")
    elif args.pegawai is not None and no_plan:
        print(f"{args.pegawai} belum punya rencana tahun {args.tahun}; tidak ada yang ditautkan ulang (buat dengan kinerja new).")
    elif args.unit is not None:
        print(f"Tidak perlu ditautkan ulang ({len(nothing)}): {', '.join(nothing) or '—'}")
        print(f"Belum punya rencana tahun {args.tahun}, dilewati ({len(no_plan)}): {', '.join(no_plan) or '—'}")
    if not args.write and proposed:
        print("Ini usulan saja; jalankan lagi dengan --tulis untuk menulisnya.")
    return status


def _apply(root, proposals, write: bool, replace, unchanged_on_disk) -> int:
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
        if not write:
            sys.stdout.write(prop.diff())
            continue
        if not unchanged_on_disk(root, prop):
            print(f"  tidak ditulis: {prop.file} berubah sejak dibaca; jalankan lagi.", file=sys.stderr)
            status = EXIT_FINDINGS
            continue
        replace(root / prop.file, prop.after)
        print(f"  ditulis {prop.file}")
    return status
