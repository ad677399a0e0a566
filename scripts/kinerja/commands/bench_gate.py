"""`kinerja bench-gate`: time the gate and the feedback check as the workflows run them (a benchmark).

On a synthetic regency (synth.py) committed to git, with a bare repository as origin and
recorded API JSON as GitHub (KINERJA_GITHUB_FAKE), for one changed plan and one changed
evaluation, each in a fresh process and with installation excluded:

* the feedback check: `kinerja gate --pr N --main BASE --format github --reports ...`
  (pemeriksaan.yml's step);
* the gate: `kinerja gate --pr N --merge` (gerbang.yml's step), main reset between runs;
* `kinerja validate FILE` of the one changed file with a warm cache;
* `kinerja pr-digest FILE` (the feedback check's summary for the penilai).

Wall time and CPU time (user+sys of the command and the children it waited for) are both
reported: on a shared machine the CPU time is the fairer figure.

The first run of each fills the cache (reported apart); medians of the rest are printed
with the machine.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def add_parser(sub) -> None:
    b = sub.add_parser("bench-gate", help="ukur kecepatan gerbang dan pemeriksaan umpan balik pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, default=5000, help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--ulang", dest="repeat", type=int, default=5, help="ulangan per pengukuran; median dilaporkan (bawaan 5)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal schemas/ dan rules/ (bawaan: repositori ini)")
    b.set_defaults(func=run)


REPO = "bench/kabupaten"


def _git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.invalid",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.invalid")
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True, env=env).stdout.strip()


def _account(repo: Path, pid: str) -> tuple[str, int]:
    text = (repo / "organisation" / "people" / f"{pid}.yml").read_text(encoding="utf-8")
    return re.search(r"login: (\S+)", text).group(1), int(re.search(r"\n  id: (\d+)", text).group(1))


def _timed(cmd: list[str], env: dict, before=None) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+sys of the process and every child it waited for)."""
    import resource

    if before:
        before()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (now.ru_utime - used.ru_utime) + (now.ru_stime - used.ru_stime)


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine
    from kinerja.synth import generate

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-gate-"))
    dev = work / "kabupaten"
    if dev.exists():
        print(f"kinerja bench-gate: {dev} sudah ada; pakai --folder lain.", file=sys.stderr)
        return 2
    print(f"Mesin: {machine()}")
    counts = generate(dev, args.people, template_root=source)
    # the App, as organisation/instansi.yml names it
    instansi = dev / "organisation" / "instansi.yml"
    instansi.write_text(instansi.read_text(encoding="utf-8") + "aplikasi_github:\n  login: kinerja-bench[bot]\n  id: 99000001\n",
                        encoding="utf-8")
    _git(dev, "init", "-q", "-b", "main")
    _git(dev, "add", "-A")
    _git(dev, "commit", "-q", "-m", "kabupaten sintetis")
    server = work / "srv"
    origin = server / f"{REPO}.git"
    origin.parent.mkdir(parents=True)
    _git(work, "clone", "-q", "--bare", str(dev), str(origin))
    gate_root = work / "gerbang"
    _git(work, "clone", "-q", str(origin), str(gate_root))
    main = _git(origin, "rev-parse", "main")
    api = work / "api" / "repos" / REPO
    (api / "pulls").mkdir(parents=True)

    # one staff member (not a head) with a plan and a draft triwulan_4 evaluation
    ev = sorted((dev / "evaluations" / "2026" / "triwulan_4").glob("*.yml"))[len(counts) * 7]
    pid = ev.stem
    penilai = re.search(r"pejabat_penilai: (\S+)", ev.read_text(encoding="utf-8")).group(1)
    cases = {}
    for number, (branch, rel, old, new) in enumerate([
        # the text of an RHK of her approved plan (its evaluated targets are locked: issue 11), needing the penilai
        ("rencana", f"plans/2026/{pid}.yml", '    uraian: "', '    uraian: "Revisi: '),
        ("evaluasi", f"evaluations/2026/triwulan_4/{pid}.yml", "realisasi: ", "realisasi: 1"),
    ], start=1):
        _git(dev, "checkout", "-q", "-B", branch, "main")
        path = dev / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        _git(dev, "commit", "-q", "-am", branch)
        head = _git(dev, "rev-parse", "HEAD")
        _git(dev, "push", "-q", str(origin), f"{branch}:refs/pull/{number}/head")
        login, gid = _account(dev, pid)
        plogin, pgid = _account(dev, penilai)
        pull = {"number": number, "state": "open", "draft": False, "user": {"login": login, "id": gid},
                "head": {"sha": head, "ref": branch}, "base": {"ref": "main", "sha": main}}
        (api / "pulls" / f"{number}.json").write_text(json.dumps(pull), encoding="utf-8")
        (api / "pulls" / str(number)).mkdir()
        (api / "pulls" / str(number) / "reviews.json").write_text(json.dumps([
            {"user": {"login": plogin, "id": pgid}, "state": "APPROVED", "commit_id": head,
             "submitted_at": "2026-11-27T03:00:00Z"}]), encoding="utf-8")
        cases[branch] = (number, rel)
    _git(dev, "checkout", "-q", "main")
    _git(gate_root, "fetch", "-q", "origin", "+refs/pull/*/head:refs/pull/*/head")

    env = dict(os.environ, KINERJA_CACHE_DIR=str(work / "cache"), KINERJA_CACHE_KEY="bench", KINERJA_TODAY="2026-11-28",
               KINERJA_GITHUB_FAKE=str(work / "api"), GITHUB_REPOSITORY=REPO)
    # as installed in CI (pip compiles bytecode at install): the first run writes .pyc, the
    # timed runs read it
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    k = [sys.executable, "-m", "kinerja"]
    print(f"Kabupaten sintetis: {counts['people']} pegawai, {counts['plans']} rencana, {counts['evaluations']} evaluasi; "
          f"usulan: {', '.join(f'{b} ({rel})' for b, (_, rel) in cases.items())}")
    rows = []
    reports = work / "laporan"
    for branch, (number, rel) in cases.items():
        counter = iter(range(10**6))

        def fresh_reports():
            shutil.rmtree(reports, ignore_errors=True)

        feedback = k + ["gate", "--akar", str(gate_root), "--usulan", str(number), "--utama", main, "--format", "github",
                        "--laporan", str(reports), "--folder-kerja", str(work / "umpan-balik")]
        first = _timed(feedback, env, fresh_reports)
        times = [_timed(feedback, env, fresh_reports) for _ in range(args.repeat)]
        rows.append((f"pemeriksaan umpan balik, {branch}", first, times))

        def reset_main():
            _git(origin, "update-ref", "refs/heads/main", main)
            next(counter)

        merge = k + ["gate", "--akar", str(gate_root), "--usulan", str(number), "--gabung", "--remote", str(origin),
                     "--folder-kerja", str(work / "gerbang-kerja")]
        first = _timed(merge, env, reset_main)
        times = [_timed(merge, env, reset_main) for _ in range(args.repeat)]
        rows.append((f"gerbang (nilai + gabung), {branch}", first, times))
        merged = _git(origin, "rev-parse", "main") != main
        if not merged:
            print(f"PERINGATAN: usulan {branch} tidak digabung gerbang; periksa data sintetis.")
        tree = work / "umpan-balik" / "pohon"

        def touch():
            with open(tree / rel, "a", encoding="utf-8") as fh:
                fh.write(f"# {next(counter)}\n")

        one = k + ["validate", "--akar", str(tree), str(tree / rel)]
        first = _timed(one, env, touch)
        times = [_timed(one, env, touch) for _ in range(args.repeat)]
        rows.append((f"kinerja validate satu berkas berubah (cache), {branch}", first, times))

        def fresh_digest():
            (work / "ringkasan.json").unlink(missing_ok=True)

        digest = k + ["pr-digest", "--akar", str(tree), "--keluaran", str(work / "ringkasan.json"), "--", rel]
        first = _timed(digest, env, fresh_digest)
        times = [_timed(digest, env, fresh_digest) for _ in range(args.repeat)]
        rows.append((f"kinerja pr-digest (ringkasan untuk penilai), {branch}", first, times))
    _git(origin, "update-ref", "refs/heads/main", main)
    print()
    print("Waktu dinding (wall) dan waktu CPU (user+sys, termasuk proses anak) dalam detik; mesin dipakai bersama bila")
    print("beban tinggi: CPU lebih mewakili.")
    print(f"{'pengukuran':62} {'pertama':>13} {'median wall':>12} {'median CPU':>11}   ulangan (wall/CPU)")
    for label, first, times in rows:
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        runs = ", ".join(f"{w:.2f}/{c:.2f}" for w, c in times)
        print(f"{label:62} {first[0]:6.2f}/{first[1]:5.2f} {wall:11.2f}s {cpu:10.2f}s   {runs}")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0
