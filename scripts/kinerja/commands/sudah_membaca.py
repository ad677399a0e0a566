"""`kinerja sudah-membaca`: the rated employee's "tanda sudah membaca", checked and recorded in git.

Two ways in, one rule (review/facts.py): the comment command `/sudah-membaca` on a merged
rating PR (`--body-file` with the comment, `--author-id`, `--file`/`--files-from` with the
PR's files; or `--sapu`, the gate's periodic sweep, which reads the recent comments through
the API: no `issue_comment` workflow is needed), or the "Tanda sudah membaca" form, whose
conversion (`kinerja form`) leaves the fact in its result (`--fact hasil.json`). Without `--catat` it only checks, on the checked-out
main, and writes the facts (`--result`); with `--catat` it fetches main, checks again there and
records each fact as an empty commit of the App on main, pushed without force (gate.py). Her
acknowledgement never changes a file and never blocks anything.
"""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, add_root, parse_moment, read_utf8, resolve_root


def add_parser(sub) -> None:
    p = sub.add_parser("sudah-membaca", help="periksa dan catat tanda sudah membaca pegawai (perintah komentar /sudah-membaca atau formulir)")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--berkas-isi", dest="body_file", metavar="BERKAS", help="isi komentar di usulan yang sudah digabung")
    src.add_argument("--fakta", dest="fact", metavar="BERKAS", help="hasil JSON kinerja form (formulir Tanda sudah membaca) atau hasil sebelumnya perintah ini")
    src.add_argument("--sapu", action="store_true", help="baca komentar /sudah-membaca terbaru di usulan lewat API GitHub, lalu catat (penyapuan berkala)")
    p.add_argument("--id-pembuat", dest="author_id", type=int, metavar="ID", help="id angka akun penulis komentar (dengan --berkas-isi)")
    p.add_argument("--berkas", dest="file", action="append", default=[], metavar="BERKAS", help="berkas yang diubah usulan itu (boleh diulang)")
    p.add_argument("--daftar-berkas", dest="files_from", metavar="BERKAS", help="daftar berkas usulan, satu per baris")
    p.add_argument("--usulan", dest="pr", type=int, metavar="NOMOR", help="nomor usulan tempat komentar ditulis")
    p.add_argument("--waktu", dest="at", metavar="WAKTU", help="waktu komentar (ISO 8601 dengan zona waktu; bawaan: sekarang)")
    p.add_argument("--sejak-jam", type=int, default=24, metavar="JAM", help="dengan --sapu: komentar sejak berapa jam lalu (bawaan: 24)")
    p.add_argument("--catat", action="store_true", help="ambil main dari remote, periksa lagi di sana, lalu catat sebagai commit App (tanpa force push)")
    p.add_argument("--remote", default="origin", help="remote cabang utama (bawaan: origin)")
    p.add_argument("--cabang", dest="branch", default="main", help="cabang utama (bawaan: main)")
    p.add_argument("--repositori", dest="repo", metavar="PEMILIK/NAMA", help="dengan --sapu: repositori GitHub (bawaan: $GITHUB_REPOSITORY)")
    p.add_argument("--hasil", dest="result", metavar="BERKAS", help="hasil JSON (tidak menimpa)")
    p.add_argument("--balasan", dest="reply", metavar="BERKAS", help="tambahkan jawaban (Markdown) ke berkas ini")
    add_root(p)
    p.set_defaults(func=run)


def comment_facts(body: str, author_id: int, files: list[str], pr: int | None, at, zone: str):
    """(facts, problems) of one comment; facts is None when the comment is not the command."""
    from kinerja.review import facts
    from kinerja.review.changes import kind_of
    from kinerja.review.convert import ack_fact

    is_command, response = facts.parse_ack_command(body)
    if not is_command:
        return None, []
    if len(response) > facts.ACK_RESPONSE_MAX:
        return [], [f"Tanggapan lebih dari {facts.ACK_RESPONSE_MAX} karakter; ringkas tanggapan Anda."]
    evaluations = sorted({f for f in files if kind_of(f).name == "evaluation"})
    if not evaluations:
        return [], ["Usulan ini tidak mengubah berkas evaluasi; tanda sudah membaca diberikan di usulan penilaian."]
    # the person is settled per file from git (numeric id); here the fact only names the account
    return [ack_fact(rel, "", author_id, at, zone, response, pr=pr) for rel in evaluations], []


def _comment_facts(args, zone):
    from datetime import datetime, timezone

    if args.author_id is None:
        raise UsageError("--berkas-isi memerlukan --id-pembuat (id angka akun penulis komentar).")
    files = list(args.file)
    if args.files_from:
        files += [line.strip() for line in read_utf8(args.files_from, "Daftar berkas").splitlines() if line.strip()]
    at = parse_moment(args.at, "--waktu") if args.at else datetime.now(timezone.utc)
    return comment_facts(read_utf8(args.body_file, "Isi komentar"), args.author_id, files, args.pr, at, zone)


def _read_facts(path: str) -> list[dict]:
    from kinerja.review.report import read_json

    doc = read_json(path)
    items = [doc["ack"]] if isinstance(doc, dict) and isinstance(doc.get("ack"), dict) else (
        doc.get("facts") if isinstance(doc, dict) and isinstance(doc.get("facts"), list) else None)
    if items is None:
        raise UsageError(f"{path} tidak memuat tanda sudah membaca (kunci ack atau facts).")
    for f in items:
        if not (isinstance(f, dict) and isinstance(f.get("evaluasi"), str) and isinstance(f.get("akun_id"), int)
                and isinstance(f.get("waktu"), str)):
            raise UsageError(f"{path} memuat tanda sudah membaca yang tidak lengkap.")
    return items


class Recorder:
    """Checks each fact on main (git only) and, with `catat`, records it; remembers what it said."""

    def __init__(self, root, rev: str, regency, catat: bool, remote: str, branch: str):
        self.root, self.rev, self.regency, self.catat, self.remote, self.branch = root, rev, regency, catat, remote, branch
        self.done: list[dict] = []
        self.lines: list[str] = []
        self.problems: list[str] = []

    def take(self, f: dict, quiet_if_recorded: bool = False) -> None:
        from kinerja.findings import shown
        from kinerja.review import facts
        from kinerja.review.gate import record_acknowledgement

        rel = f["evaluasi"]
        person, problem = facts.acknowledgement_problem(self.root, self.rev, rel, f["akun_id"])
        if problem:
            self.problems.append(problem)
            return
        f = dict(f, pegawai=person)
        if not self.catat:
            self.done.append(f)
            return
        if facts.acknowledgement(self.root, rel, self.rev) is not None:
            if not quiet_if_recorded:
                self.lines.append(f"Tanda sudah membaca untuk `{shown(rel)}` sudah tercatat sebelumnya.")
            self.done.append(dict(f, commit=None))
            return
        commit = record_acknowledgement(self.root, rel, person, f["akun_id"], parse_moment(f["waktu"], "waktu"),
                                        remote=self.remote, branch=self.branch, app=self.regency.app_account,
                                        response=f.get("tanggapan") or "")
        self.rev = commit  # the next fact is checked on the main this push made
        self.lines.append(f"Tanda sudah membaca untuk `{shown(rel)}` tercatat di git (commit {commit[:12]}). "
                          "Tanda ini tidak mengubah rating.")
        self.done.append(dict(f, commit=commit))


def _sweep(args, root, regency) -> tuple[list[str], int]:
    """Every /sudah-membaca comment on a PR in the last hours: recorded (once), or answered once
    with the reason; returns the report lines and how many were recorded."""
    from datetime import datetime, timedelta, timezone

    from kinerja.review.facts import utc_text
    from kinerja.review.gate import fetch_main
    from kinerja.review.github import client_from_env

    client = client_from_env(args.repo)
    since = utc_text(datetime.now(timezone.utc) - timedelta(hours=max(1, args.sejak_jam)))
    out, recorded = [], 0
    for c in client.get(f"repos/{client.repo}/issues/comments?since={since}&sort=created&direction=asc&per_page=100", paged=True):
        if not isinstance(c, dict) or "/pull/" not in str(c.get("html_url", "")):
            continue
        try:
            pr = int(str(c.get("issue_url", "")).rstrip("/").rsplit("/", 1)[1])
            author_id, cid = int(c["user"]["id"]), int(c["id"])
            at = parse_moment(str(c["created_at"]), "created_at")
        except (KeyError, TypeError, ValueError, IndexError, UsageError):
            continue
        files = [str(x.get("filename", "")) for x in client.get(f"repos/{client.repo}/pulls/{pr}/files?per_page=100", paged=True)
                 if isinstance(x, dict)]
        items, problems = comment_facts(str(c.get("body") or ""), author_id, files, pr, at, regency.zona_waktu)
        if items is None:
            continue
        rec = Recorder(root, fetch_main(root, args.remote, args.branch), regency, True, args.remote, args.branch)
        rec.problems += problems
        for f in items:
            rec.take(f, quiet_if_recorded=True)
        recorded += sum(1 for f in rec.done if f.get("commit"))
        said = rec.lines + [f"Tanda sudah membaca tidak dicatat: {p}" for p in rec.problems]
        marker = f"<!-- kinerja-sudah-membaca komentar={cid} -->"
        if said and not any(marker in str(x.get("body", "")) for x in client.issue_comments(pr) if isinstance(x, dict)):
            client.comment(pr, marker + "\n" + "\n\n".join(said) + "\n")
        out += [f"#{pr} komentar {cid}: {line}" for line in said]
    return out, recorded


def run(args) -> int:
    from kinerja.review import facts
    from kinerja.review.gate import GateError, fetch_main
    from kinerja.review.github import GitHubError
    from kinerja.review.gitrev import GitError, resolve
    from kinerja.review.orgdata import load_org
    from kinerja.review.report import write_json

    root = resolve_root(args.root)
    try:
        rev = fetch_main(root, args.remote, args.branch) if (args.catat or args.sapu) else resolve(root, "HEAD")
        regency = load_org(root, rev).regency
        if args.sapu:
            lines, recorded = _sweep(args, root, regency)
            for line in lines:
                print(line)
            print(f"Penyapuan tanda sudah membaca: {recorded} dicatat.")
            return EXIT_OK
        if args.body_file:
            items, problems = _comment_facts(args, regency.zona_waktu)
            if items is None:  # not the command: nothing to do, nothing to say
                if args.result:
                    write_json(args.result, {"ok": False, "command": False, "facts": [], "problems": []})
                return EXIT_OK
        else:
            items, problems = _read_facts(args.fact), []
        rec = Recorder(root, rev, regency, args.catat, args.remote, args.branch)
        rec.problems += problems
        for f in items:
            rec.take(f)
    except (GateError, GitError, GitHubError, facts.FactsUnavailable) as exc:
        print(f"kinerja sudah-membaca: {exc}", file=sys.stderr)
        return EXIT_USAGE
    lines = rec.lines + [f"Tanda sudah membaca tidak dicatat: {p}" for p in rec.problems]
    for line in lines:
        print(line)
    if args.reply and lines:
        with open(args.reply, "a", encoding="utf-8") as fh:
            fh.write("\n\n" + "\n\n".join(lines) + "\n")
    ok = bool(rec.done) and not rec.problems
    if args.result:
        write_json(args.result, {"ok": ok, "command": True, "facts": rec.done, "problems": rec.problems})
    return EXIT_OK if ok else EXIT_FINDINGS
