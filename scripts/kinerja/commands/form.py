"""`kinerja form`: turn a submitted issue form into a file (and a PR request) or an answer."""

from __future__ import annotations

import json
import sys

from kinerja.cli import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, add_today, parse_moment, parse_today,
                         read_utf8, resolve_root, write_reply)


def add_parser(sub) -> None:
    p = sub.add_parser("form", help="ubah isian formulir isu (Ajukan SKP, Laporkan realisasi, Beri penilaian, Tanda sudah membaca, Ajukan/Putuskan keberatan, Daftarkan akun, Berlakukan rekomendasi kalibrasi, Catat pengaduan)")
    p.add_argument("--berkas-isi", dest="body_file", required=True, metavar="BERKAS", help="isi isu (Markdown buatan GitHub)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--formulir", dest="form", choices=["skp", "realisasi", "keberatan", "penilaian", "membaca", "putusan", "akun", "kalibrasi", "pengaduan"], help="jenis formulir")
    which.add_argument("--label", dest="labels", metavar="JSON", help="label isu sebagai daftar JSON; jenis formulir dipilih dari labelnya")
    p.add_argument("--pembuat", dest="author", required=True, metavar="LOGIN", help="login GitHub pembuat isu")
    p.add_argument("--id-pembuat", dest="author_id", required=True, type=int, metavar="ID", help="id angka akun GitHub pembuat isu")
    p.add_argument("--isu", dest="issue", required=True, type=int, metavar="NOMOR", help="nomor isu")
    p.add_argument("--waktu", dest="filed_at", metavar="WAKTU", help="waktu isu dibuat (ISO 8601, misalnya 2026-07-15T16:30:00Z): tanggal pengajuan keberatan")
    p.add_argument("--balasan", dest="reply", metavar="BERKAS", help="tulis jawaban untuk isu (Markdown) ke berkas ini (tidak menimpa)")
    p.add_argument("--hasil", dest="result", metavar="BERKAS", help="tulis hasil (JSON: berkas, judul dan isi usulan) ke berkas ini (tidak menimpa)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from kinerja.review import forms
    from kinerja.review.convert import Converter, pick_form
    from kinerja.review.report import write_json

    root = resolve_root(args.root)
    body = read_utf8(args.body_file, "Isi isu")
    if args.form:
        spec = forms.FORMS[args.form]
    else:
        try:
            labels = json.loads(args.labels)
        except ValueError:
            raise UsageError("--label harus berupa daftar JSON.") from None
        spec = pick_form([x for x in labels if isinstance(x, str)] if isinstance(labels, list) else [])
        if spec is None:
            raise UsageError("Label isu tidak menunjuk formulir yang dikenal (" + ", ".join(s.label for s in forms.FORMS.values()) + ").")
    filed_at = parse_moment(args.filed_at, "--waktu") if args.filed_at else None
    try:
        out = Converter(root, parse_today(args.today), filed_at).run(spec, body, args.author, args.author_id, args.issue)
    except forms.FormError as exc:
        print(f"kinerja form: {exc}", file=sys.stderr)
        return EXIT_USAGE
    write_reply(args.reply, out.reply)
    if args.result:
        write_json(args.result, {"ok": out.ok, "form": out.form, "file": out.file, "replaced": out.replaced,
                                 "pull_request": out.pull_request, "title": out.title, "body": out.pr_body, "ack": out.ack})
    return EXIT_OK if out.ok else EXIT_FINDINGS
