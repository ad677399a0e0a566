"""`kinerja sudah-membaca`: the comment command `/sudah-membaca` on a merged rating PR -> the
acknowledgement fact (JSON) for the App to record in git, or the reason it is refused."""

from __future__ import annotations

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("sudah-membaca", help="baca perintah komentar /sudah-membaca (tanda sudah membaca pegawai)")
    p.add_argument("--berkas-isi", dest="body_file", required=True, metavar="BERKAS", help="isi komentar")
    p.add_argument("--pembuat", dest="author", required=True, metavar="LOGIN", help="login GitHub penulis komentar")
    p.add_argument("--id-pembuat", dest="author_id", required=True, type=int, metavar="ID", help="id angka akun penulis komentar")
    p.add_argument("--berkas", dest="file", required=True, action="append", metavar="BERKAS", help="berkas evaluasi yang diubah usulan itu (boleh diulang)")
    p.add_argument("--usulan", dest="pr", type=int, metavar="NOMOR", help="nomor usulan")
    p.add_argument("--waktu", dest="at", metavar="WAKTU", help="waktu komentar (ISO 8601 dengan zona waktu)")
    p.add_argument("--hasil", dest="result", required=True, metavar="BERKAS", help="hasil JSON (tidak menimpa)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from datetime import datetime
    from pathlib import Path

    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.acknowledge import acknowledgement, parse_command, trailers
    from kinerja.review.finality import local_date
    from kinerja.review.report import write_json

    root = resolve_root(args.root)
    try:
        body = Path(args.body_file).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"Isi komentar {args.body_file} tidak dapat dibaca sebagai UTF-8.") from None
    is_command, response = parse_command(body)
    if not is_command:
        write_json(args.result, {"ok": False, "command": False, "facts": []})
        return EXIT_OK
    repo = load_repository(root)
    org = org_index(repo)
    person = org.by_account(args.author, args.author_id)
    day = parse_today(args.today)
    if args.at:
        try:
            day = local_date(datetime.fromisoformat(args.at.replace("Z", "+00:00")), repo.regency.zona_waktu)
        except (ValueError, TypeError):
            raise UsageError("--waktu harus waktu ISO 8601 dengan zona waktu, misalnya 2026-10-02T03:00:00Z.") from None
    facts, problems = [], []
    for rel in args.file:
        fact, problem = acknowledgement(repo, rel, person, day, response, pr=args.pr)
        if fact:
            facts.append(dict(fact, trailers=trailers(fact)))
        else:
            problems.append(problem)
    write_json(args.result, {"ok": bool(facts), "command": True, "facts": facts, "problems": problems})
    return EXIT_OK if facts else EXIT_FINDINGS
