"""`kinerja check-approval`: have the right people approved the PR's head commit?"""

from __future__ import annotations

import json
import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("check-approval", help="periksa apakah orang yang tepat sudah menyetujui commit terakhir usulan (PR)")
    p.add_argument("--revisi-dasar", dest="base", required=True, metavar="REV", help="revisi dasar (cabang tujuan), sumber data organisasi")
    p.add_argument("--revisi-usulan", dest="head", required=True, metavar="REV", help="revisi usulan (kepala PR)")
    p.add_argument("--pembuat", dest="author", required=True, metavar="LOGIN", help="login GitHub pembuat usulan")
    p.add_argument("--id-pembuat", dest="author_id", required=True, type=int, metavar="ID", help="id angka akun GitHub pembuat usulan")
    p.add_argument("--tinjauan", dest="reviews", required=True, metavar="BERKAS", help="JSON tinjauan dari API GitHub (pulls/N/reviews)")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="bentuk laporan (bawaan: text)")
    p.add_argument("--laporan", dest="report", metavar="BERKAS", help="tulis juga laporan JSON ke berkas ini (tidak menimpa)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def approval_doc(v, outcomes) -> dict:
    """The JSON report of check-approval (also written by the gate for the PR comment)."""
    from kinerja.review import report

    ok = v.allowed and all(o.ok for o in outcomes)
    if not v.allowed:
        sentence = "Usulan ini memuat perubahan yang ditolak pemeriksaan hak ubah; persetujuan tidak dapat menggantikannya."
    elif not outcomes:
        sentence = "Usulan ini tidak memerlukan persetujuan khusus."
    elif ok:
        sentence = "Semua persetujuan yang diperlukan sudah ada pada commit terakhir."
    else:
        sentence = f"{sum(not o.ok for o in outcomes)} persetujuan yang diperlukan belum ada."
    doc = {
        "head": v.head,
        "allowed": v.allowed,
        "ok": ok,
        "sentence": sentence,
        "approvals": [
            {"label": o.label, "people": o.people, "files": [report.safe(f) for f in o.files], "ok": o.ok,
             "code": o.code, "message": o.message}
            for o in outcomes
        ],
    }
    return doc


def run(args) -> int:
    from pathlib import Path

    from kinerja.review import report
    from kinerja.review.approval import ReviewsError, check_approvals, parse_reviews
    from kinerja.review.authz import check_change
    from kinerja.review.gitrev import GitError

    root = resolve_root(args.root)
    try:
        text = Path(args.reviews).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"Berkas tinjauan {args.reviews} tidak dapat dibaca.") from None
    try:
        reviews = parse_reviews(text)
    except ReviewsError as exc:
        raise UsageError(str(exc)) from None
    try:
        v = check_change(root, args.base, args.head, args.author, args.author_id, parse_today(args.today))
    except GitError as exc:
        print(f"kinerja check-approval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    outcomes = check_approvals(v, reviews)
    doc = approval_doc(v, outcomes)
    ok, sentence = doc["ok"], doc["sentence"]
    if args.report:
        report.write_json(args.report, doc)
    if args.format == "json":
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "github":
        items = [("error", o.message, None, "Persetujuan") for o in outcomes if not o.ok]
        lines = report.annotations(items)
        lines.append(report.annotation("notice" if ok else "error", sentence, title="Persetujuan"))
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        for o in outcomes:
            mark = "ada" if o.ok else "BELUM"
            files = ", ".join(report.safe(f) for f in o.files[:5]) + (f" dan {len(o.files) - 5} lainnya" if len(o.files) > 5 else "")
            print(f"[{mark}] {o.message} (berkas: {files})")
        print(sentence)
    return EXIT_OK if ok else EXIT_FINDINGS
