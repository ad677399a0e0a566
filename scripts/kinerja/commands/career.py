"""`kinerja career`: the private career dossier of one person, a unit or the regency.

Run on an admin's machine (or by a person for her own dossier), never in CI: the output
names people and their predikat. `--per` is the date of the kenaikan pangkat check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kinerja.cli import EXIT_OK, UsageError, add_root, parse_today, resolve_root


def add_parser(sub) -> None:
    c = sub.add_parser("career", help="riwayat kinerja pribadi: jabatan, predikat, angka kredit, kelayakan kenaikan pangkat (jangan di CI)")
    who = c.add_mutually_exclusive_group()
    who.add_argument("--pegawai", metavar="ID", help="satu pegawai (id di organisation/people/)")
    who.add_argument("--unit", metavar="ID", help="semua pegawai unit ini dan sub-unitnya pada tanggal --per")
    c.add_argument("--tanggal", dest="per", metavar="TTTT-BB-HH", help="tanggal pemeriksaan kelayakan kenaikan pangkat (bawaan: hari ini)")
    c.add_argument("--format", choices=["text", "json", "markdown", "csv", "pdf"], default="text",
                   help="text/markdown: dokumen (satu pegawai) atau tabel kelayakan; json: semua rincian; csv: ekspor predikat "
                        "untuk SIASN; pdf: dokumen satu pegawai (perlu --keluaran BERKAS.pdf)")
    c.add_argument("--keluaran", metavar="BERKAS", help="tulis ke berkas baru (tidak pernah menimpa) alih-alih layar")
    add_root(c)
    c.set_defaults(func=run)


def select_people(repo, pegawai: str | None, unit: str | None, per) -> list:
    """The people a report covers: one person, everyone in a unit's subtree on `per`, or every ASN."""
    if pegawai is not None:
        person = repo.people.get(pegawai)
        if person is None:
            raise UsageError(f"Pegawai {pegawai} tidak ada di organisation/people/.")
        return [person]
    people = [p for p in repo.people.values() if p.status != "non_asn"]
    if unit is None:
        return sorted(people, key=lambda p: p.id)
    if unit not in repo.units:
        raise UsageError(f"Unit {unit} tidak ada di organisation/units/.")
    inside = set()
    for uid in repo.units:
        cursor, seen = uid, set()
        while cursor in repo.units and cursor not in seen:
            if cursor == unit:
                inside.add(uid)
                break
            seen.add(cursor)
            cursor = repo.units[cursor].induk
    out = []
    for p in people:
        a = p.assignment_on(per)
        if a is not None and a.unit in inside:
            out.append(p)
    return sorted(out, key=lambda p: p.id)


def emit(text: str, target: str | None) -> None:
    if target is None:
        sys.stdout.write(text)
        return
    from kinerja.writefile import AlreadyExists, write_new

    try:
        write_new(Path(target), text)
    except AlreadyExists:
        raise UsageError(f"{target} sudah ada; pilih nama berkas lain (berkas yang ada tidak ditimpa).") from None
    print(f"Ditulis: {target}", file=sys.stderr)


def run(args) -> int:
    from kinerja.career import dossier as D
    from kinerja.career import render
    from kinerja.career.facts import collect
    from kinerja.career.rules import load_all
    from kinerja.repository import load_repository

    root = resolve_root(args.root)
    per = parse_today(args.per)
    if args.format == "pdf":
        _check_pdf_target(root, args)
    repo = load_repository(root)
    people = select_people(repo, args.pegawai, args.unit, per)
    ids = {p.id for p in people}
    facts = collect(repo, ids if args.pegawai or args.unit else None)
    by_person: dict[str, list] = {}
    for f in facts:
        by_person.setdefault(f.pegawai, []).append(f)
    rules = load_all(repo)
    plans = D.plan_index(repo)
    dossiers = [D.build(repo, p, by_person.get(p.id, []), rules, per, plans.get(p.id, [])) for p in people]
    if args.format == "pdf":
        return _write_pdf(repo, dossiers[0], Path(args.keluaran))
    if args.format == "json":
        text = render.format_json(dossiers)
    elif args.format == "csv":
        text = render.format_siasn_csv(repo, dossiers, {f.file: f for f in facts})
    elif args.pegawai:
        text = render.format_dossier(dossiers[0], md=args.format == "markdown")
    else:
        title = repo.units[args.unit].nama if args.unit else (repo.regency.nama if repo.regency else "")
        text = render.format_table(dossiers, md=args.format == "markdown", title=title)
    emit(text, args.keluaran)
    return EXIT_OK


def _check_pdf_target(root: Path, args) -> None:
    from kinerja.commands.print_ import _site_folders

    if not args.pegawai:
        raise UsageError("--format pdf membuat dokumen satu pegawai: pakai --pegawai ID (untuk unit: text, markdown atau json).")
    if not args.keluaran:
        raise UsageError("--format pdf perlu --keluaran BERKAS.pdf (PDF tidak ditulis ke layar).")
    out = Path(args.keluaran).resolve()
    for folder in _site_folders(root):
        if folder == out.parent or folder in out.parents:
            raise UsageError(f"{out} berada di folder situs ({folder}): dokumen pribadi tidak boleh ikut terbit. Pilih folder lain.")


def _write_pdf(repo, dossier, target: Path) -> int:
    from kinerja.career.document import pdf
    from kinerja.documents.render import RenderError
    from kinerja.writefile import AlreadyExists, write_new

    try:
        raw, missing = pdf(dossier, repo.regency.nama if repo.regency else "")
    except RenderError as exc:
        raise UsageError(str(exc)) from None
    if missing:
        shown = " ".join(f"U+{ord(ch):04X}" for ch in sorted(missing))
        print(f"peringatan: karakter tanpa fon ({shown}) dicetak sebagai □.", file=sys.stderr)
    try:
        write_new(target, raw)
    except AlreadyExists:
        raise UsageError(f"{target} sudah ada; pilih nama berkas lain (berkas yang ada tidak ditimpa).") from None
    print(f"Ditulis: {target} (dokumen pribadi: jangan diterbitkan dan jangan dilampirkan di CI)", file=sys.stderr)
    return EXIT_OK
