"""`kinerja acknowledge`: record the rated employee's "tanda sudah membaca" in git (the App).

Checks, from main's data, that the evaluation is final and that the account is the rated
employee's (numeric id), then pushes an empty commit with the facts.py trailers to main
without force. Her acknowledgement never changes the file and never blocks anything.
"""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_root, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("acknowledge", help="catat tanda sudah membaca pegawai atas evaluasi final (commit App di main)")
    p.add_argument("--berkas", dest="path", required=True, metavar="BERKAS", help="berkas evaluasi, mis. evaluations/2026/triwulan_1/disdik-0042.yml")
    p.add_argument("--id-github", dest="github_id", required=True, type=int, metavar="ID", help="id angka akun GitHub yang menandai")
    p.add_argument("--remote", default="origin", help="remote cabang utama (bawaan: origin)")
    p.add_argument("--cabang", dest="branch", default="main", help="cabang utama (bawaan: main)")
    add_root(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from datetime import datetime, timezone

    from kinerja.review import facts
    from kinerja.review.changes import kind_of
    from kinerja.review.gate import GateError, record_acknowledgement
    from kinerja.review.gitrev import GitError, resolve
    from kinerja.review.orgdata import load_org

    root = resolve_root(args.root)
    kind = kind_of(args.path)
    if kind.name != "evaluation":
        print(f"{args.path} bukan berkas evaluasi.")
        return EXIT_FINDINGS
    try:
        subprocess_fetch(root, args.remote, args.branch)
        main = resolve(root, f"refs/kinerja/{args.branch}")
        data = load_org(root, main)
        person = data.org.person(kind.keys["pegawai"])
        if person is None or person.github_id != args.github_id:
            print("Tanda sudah membaca hanya dapat diberikan pegawai yang dinilai (id akun GitHub tidak cocok).")
            return EXIT_FINDINGS
        if facts.final_since(root, args.path, main) is None:
            print(f"{args.path} belum final di cabang utama; tanda sudah membaca diberikan setelah penilaian digabung.")
            return EXIT_FINDINGS
        if facts.acknowledgement(root, args.path, main) is not None:
            print("Tanda sudah membaca untuk evaluasi ini sudah tercatat.")
            return EXIT_OK
        commit = record_acknowledgement(root, args.path, person.id, args.github_id, datetime.now(timezone.utc),
                                        remote=args.remote, branch=args.branch, app=data.regency.app_account)
    except (GateError, GitError) as exc:
        print(f"kinerja acknowledge: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Tanda sudah membaca tercatat: commit {commit[:12]}.")
    return EXIT_OK


def subprocess_fetch(root, remote: str, branch: str) -> None:
    import os
    import subprocess

    from kinerja.review.gate import GateError
    from kinerja.review.github import git_auth_env

    env = dict(os.environ, **(git_auth_env(os.environ.get("GH_TOKEN")) if not os.environ.get("KINERJA_GITHUB_FAKE") else {}))
    proc = subprocess.run(["git", "-C", str(root), "fetch", "--quiet", "--no-tags", remote,
                           f"+refs/heads/{branch}:refs/kinerja/{branch}"], capture_output=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise GateError(f"git fetch gagal: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
