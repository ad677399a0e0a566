"""`kinerja gate`: judge PRs on their merge with main and, with --gabung, merge them (the App)."""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, add_today, parse_today, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("gate", help="nilai usulan (PR) pada hasil penggabungannya dengan cabang utama, dan gabungkan (--gabung)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--usulan", dest="pr", type=int, metavar="NOMOR", help="nomor usulan (PR)")
    which.add_argument("--semua", dest="all", action="store_true", help="semua usulan terbuka ke cabang utama (penyapuan berkala)")
    p.add_argument("--gabung", dest="merge", action="store_true", help="dorong commit penggabungan ke cabang utama bila semua lolos (tanpa force)")
    p.add_argument("--utama", dest="main", metavar="REV", help="nilai terhadap revisi ini tanpa mengambil dari remote (pemeriksaan umpan balik)")
    p.add_argument("--remote", default="origin", help="remote tempat cabang utama (bawaan: origin)")
    p.add_argument("--cabang", dest="branch", default="main", help="cabang utama (bawaan: main)")
    p.add_argument("--repositori", dest="repo", metavar="PEMILIK/NAMA", help="repositori GitHub (bawaan: $GITHUB_REPOSITORY)")
    p.add_argument("--laporan", dest="reports", metavar="FOLDER", help="tulis laporan JSON (hak-ubah, persetujuan, validasi, gerbang) ke folder ini")
    p.add_argument("--folder-kerja", dest="workdir", metavar="FOLDER", help="folder tetap untuk pohon kerja validasi (cache tetap hangat antarjalan)")
    p.add_argument("--format", choices=["text", "github"], default="text",
                   help="bentuk laporan: text, atau github (anotasi: hak ubah, kesalahan baru, persetujuan)")
    p.add_argument("--kabari", dest="notify", action="store_true", help="tulis perubahan keadaan di isu asal dan minta tinjauan")
    add_root(p)
    add_today(p)
    p.set_defaults(func=run)


def _reports(folder, j) -> None:
    from pathlib import Path

    from kinerja.commands.check_approval import approval_doc
    from kinerja.commands.check_change import verdict_json
    from kinerja.findings import format_json
    from kinerja.review import report

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if j.verdict is not None:
        report.write_json(str(out / "hak-ubah.json"), verdict_json(j.verdict))
        report.write_json(str(out / "persetujuan.json"), approval_doc(j.verdict, j.approvals))
        (out / "validasi.json").write_text(
            format_json(j.added_errors + [f for f in j.changed_findings if f.severity != "error"],
                        {"baru": len(j.added_errors)}), encoding="utf-8")
    report.write_json(str(out / "gerbang.json"), doc(j))
    if j.verdict is not None:  # the changed files, NUL-separated, for the score summary
        (out / "berubah").write_bytes(b"".join(d.file.encode("utf-8", "surrogateescape") + b"\0" for d in j.verdict.decisions))


def _annotations(j) -> str:
    """Workflow-command lines only (never user text at the start of a line)."""
    from kinerja.findings import CODES, format_github
    from kinerja.review import report
    from kinerja.review.gate import DIGABUNG, DRAF, SIAP

    items = []
    if j.verdict is not None:
        items += [("error", d.message, d.file, f"{d.code}: {CODES.get(d.code, '')}") for d in j.verdict.decisions if not d.allowed]
    items += [("error", o.message, None, "Persetujuan") for o in j.approvals if not o.ok]
    lines = report.annotations(items)
    out = "\n".join(lines) + ("\n" if lines else "")
    shown = j.added_errors + [f for f in j.changed_findings if f.severity != "error"]
    if shown:
        out += format_github(shown)
    level = "notice" if j.state in (SIAP, DIGABUNG, DRAF) else "error"
    out += report.annotation(level, j.sentence, title=f"Gerbang: {j.state}") + "\n"
    return out


def doc(j) -> dict:
    from kinerja.review import report

    return {"pr": j.pr.number, "head": j.pr.head_sha, "main": j.main, "state": j.state, "sentence": j.sentence,
            "actor": {"login": report.safe(j.actor.login), "id": j.actor.github_id, "issue": j.actor.issue,
                      # the person behind the account, by main's organisation data (CI prints her own documents only)
                      "pegawai": j.verdict.actor.person.id if j.verdict is not None and j.verdict.actor.person else None},
            "added_errors": len(j.added_errors), "merge_commit": j.merge_commit}


def run(args) -> int:
    from pathlib import Path

    from kinerja.review.gate import DIGABUNG, SIAP, Gate, GateError
    from kinerja.review.github import GitHubError, client_from_env
    from kinerja.review.gitrev import GitError

    root = resolve_root(args.root)
    if args.merge and args.main:
        raise UsageError("--gabung tidak dapat dipakai bersama --utama: penggabungan selalu terhadap cabang utama terbaru.")
    try:
        client = client_from_env(args.repo)
        gate = Gate(root, client, remote=args.remote, branch=args.branch, today=parse_today(args.today), main_rev=args.main,
                    workdir=Path(args.workdir) if args.workdir else None)
        numbers = [args.pr] if args.pr else [p["number"] for p in client.open_pulls(args.branch)
                                             if isinstance(p, dict) and isinstance(p.get("number"), int)]
        worst = EXIT_OK
        try:
            for n in sorted(numbers):
                try:
                    j = gate.run(n, merge=args.merge)
                except (GateError, GitError, GitHubError) as exc:
                    print(f"#{n}: tidak dapat dinilai: {exc}")
                    worst = EXIT_FINDINGS if args.pr else worst
                    continue
                if args.format == "github":
                    sys.stdout.write(_annotations(j))
                else:
                    print(f"#{n}: {j.state}: {j.sentence}")
                if args.reports:
                    _reports(args.reports, j)
                if args.notify:
                    gate.notify(j)
                if j.state not in (SIAP, DIGABUNG) and args.pr:
                    worst = EXIT_FINDINGS
        finally:
            gate.close()
    except (GateError, GitHubError, GitError) as exc:
        print(f"kinerja gate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return worst
