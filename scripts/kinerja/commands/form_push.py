"""`kinerja form-push`: the converted form as the App's commit on formulir/isu-N and a PR (no force push)."""

from __future__ import annotations

import json
import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("form-push", help="dorong hasil formulir sebagai commit GitHub App dan buat usulan (PR), tanpa force push")
    p.add_argument("--hasil", dest="result", required=True, metavar="BERKAS", help="berkas hasil `kinerja form` (JSON)")
    p.add_argument("--isu", dest="issue", required=True, type=int, metavar="NOMOR", help="nomor isu formulir")
    p.add_argument("--remote", default="origin", help="remote repositori (bawaan: origin)")
    p.add_argument("--repositori", dest="repo", metavar="PEMILIK/NAMA", help="repositori GitHub (bawaan: $GITHUB_REPOSITORY)")
    p.add_argument("--balasan", dest="reply", metavar="BERKAS", help="tambahkan pesan untuk isu ke berkas ini bila gagal")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kinerja.review.formpush import FormPusher, FormPushError, app_of
    from kinerja.review.github import GitHubError, client_from_env

    root = resolve_root(args.root)
    try:
        result = json.loads(Path(args.result).read_text(encoding="utf-8"))
        path, title, body = str(result["file"]), str(result["title"]), str(result["body"])
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(f"Hasil formulir {args.result} tidak dapat dibaca.") from None
    try:
        pushed = FormPusher(root, client_from_env(args.repo), app_of(root), remote=args.remote).push(args.issue, path, title, body)
    except FormPushError as exc:
        print(str(exc))
        if args.reply:
            with open(args.reply, "a", encoding="utf-8") as fh:
                fh.write(f"\n\n{exc}\n")
        return EXIT_FINDINGS
    except GitHubError as exc:
        print(f"kinerja form-push: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps({"branch": pushed.branch, "commit": pushed.commit, "pull_request": pushed.pull_request,
                      "created": pushed.created}))
    return EXIT_OK
