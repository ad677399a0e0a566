"""`kinerja check-change`: may this PR author change these files? One reason per file."""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("check-change", help="periksa hak ubah setiap berkas dalam usulan (PR), dari data organisasi revisi dasar")
    p.add_argument("--revisi-dasar", dest="base", required=True, metavar="REV", help="revisi dasar (cabang tujuan), sumber data organisasi")
    p.add_argument("--revisi-usulan", dest="head", required=True, metavar="REV", help="revisi usulan (kepala PR)")
    p.add_argument("--pembuat", dest="actor", required=True, metavar="LOGIN", help="login GitHub pembuat usulan")
    p.add_argument("--id-pembuat", dest="actor_id", required=True, type=int, metavar="ID", help="id angka akun GitHub pembuat usulan")
    p.add_argument("--format", choices=["text", "json", "github"], default="text", help="bentuk laporan (bawaan: text)")
    p.add_argument("--laporan", dest="report", metavar="BERKAS", help="tulis juga laporan JSON lengkap ke berkas ini (tidak menimpa)")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def verdict_json(v) -> dict:
    return {
        "actor": {"login": v.actor.login, "id": v.actor.github_id, "pegawai": v.actor.person.id if v.actor.person else None},
        "base": v.base,
        "head": v.head,
        "allowed": v.allowed,
        "decisions": [
            {
                "file": d.file.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                "allowed": d.allowed,
                "code": d.code,
                "message": d.message,
                "role": d.role,
                "requires": [{"label": r.label, "people": sorted(r.people)} for r in d.requires],
            }
            for d in v.decisions
        ],
        "summary": {"files": len(v.decisions), "allowed": sum(d.allowed for d in v.decisions),
                    "refused": sum(not d.allowed for d in v.decisions)},
    }


def summary_line(v) -> str:
    refused = sum(not d.allowed for d in v.decisions)
    if not v.decisions:
        return "Tidak ada berkas yang berubah."
    if refused:
        return f"{refused} dari {len(v.decisions)} berkas DITOLAK untuk akun ini."
    return f"Semua {len(v.decisions)} berkas boleh diubah oleh akun ini."


def run(args) -> int:
    from kinerja.findings import CODES
    from kinerja.review import report
    from kinerja.review.authz import check_change
    from kinerja.review.gitrev import GitError

    root = resolve_root(args.root)
    try:
        v = check_change(root, args.base, args.head, args.actor, args.actor_id, parse_today(args.today))
    except GitError as exc:
        print(f"kinerja check-change: {exc}", file=sys.stderr)
        return EXIT_USAGE
    doc = verdict_json(v)
    if args.report:
        report.write_json(args.report, doc)
    if args.format == "json":
        sys.stdout.write(__import__("json").dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "github":
        items = [("error", d.message, d.file, f"{d.code}: {CODES.get(d.code, '')}") for d in v.decisions if not d.allowed]
        lines = report.annotations(items)
        level = "error" if not v.allowed else "notice"
        lines.append(report.annotation(level, summary_line(v), title="Hak ubah"))
        sys.stdout.write("\n".join(lines) + "\n")
    else:
        who = v.actor.person.id if v.actor.person else "tidak dikenal"
        print(f"Pembuat usulan: {report.safe(v.actor.login)} (id {v.actor.github_id}) = pegawai {who}")
        for d in v.decisions:
            word = "diizinkan" if d.allowed else f"DITOLAK ({d.code})"
            print(f"{report.safe(d.file)}: {word}: {d.message}")
        print(summary_line(v))
    return EXIT_OK if v.allowed else EXIT_FINDINGS
