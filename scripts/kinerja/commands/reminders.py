"""`kinerja reminders`: one reminder issue body per perangkat daerah, written to a folder."""

from __future__ import annotations

import json

from kinerja.cli import EXIT_OK, EXIT_USAGE, UsageError, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("reminders", help="susun isi isu pengingat per perangkat daerah")
    p.add_argument("--keluaran", dest="out", required=True, metavar="FOLDER", help="folder keluaran (baru atau kosong): <pd>.md dan index.json")
    p.add_argument("--usulan", dest="prs", metavar="BERKAS", help="JSON usulan terbuka (gh pr list --json number,author,createdAt,files,reviews,isDraft)")
    p.add_argument("--keberatan", metavar="BERKAS", help="JSON isu keberatan terbuka (API REST .../issues?labels=keberatan: number, user.id, created_at; atau gh issue list --json number,author,createdAt)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def run(args) -> int:
    import sys
    from pathlib import Path

    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.reminders import compute, render
    from kinerja.review.report import read_json
    from kinerja.writefile import AlreadyExists, write_new

    root = resolve_root(args.root)
    today = parse_today(args.today)
    prs = read_json(args.prs) if args.prs else []
    keberatan = read_json(args.keberatan) if args.keberatan else []
    if not isinstance(prs, list) or not isinstance(keberatan, list):
        raise UsageError("Berkas --usulan dan --keberatan harus berisi daftar JSON.")
    repo = load_repository(root)
    if repo.regency is None:
        print("kinerja reminders: organisation/instansi.yml tidak sah; jalankan kinerja validate.", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    index = []
    org = org_index(repo)
    try:
        for board in compute(repo, today, prs, keberatan):
            text, empty = render(board, org, today)
            write_new(out / f"{board.pd}.md", text)
            index.append({"pd": board.pd, "title": board.title, "file": f"{board.pd}.md", "empty": empty,
                          "items": sum(len(v) for v in board.sections.values())})
        write_new(out / "index.json", json.dumps(index, ensure_ascii=False, indent=2) + "\n")
    except AlreadyExists as exc:
        raise UsageError(f"{exc} sudah ada; pakai folder keluaran yang baru (tidak ada yang ditimpa).") from None
    for item in index:
        print(f"{item['pd']}: {item['items']} butir")
    return EXIT_OK
