"""`kinerja bench-career`: time `kinerja career` and `kinerja fairness` for a whole synthetic
regency (a benchmark, not a test).

Generates the regency outside the repository and commits it to a fresh git repository (so
the fairness report reads the finalisation dates from git as it would in production), fills
the validation cache once, then times each command in a fresh process and prints medians
and the machine.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kinerja.commands.bench import _timed, machine


def _run(cmd: list[str], env: dict) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child) and exit code of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def add_parser(sub) -> None:
    b = sub.add_parser("bench-career", help="ukur kecepatan kinerja career dan kinerja fairness pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, default=5000, help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--ulang", dest="repeat", type=int, default=3, help="ulangan per pengukuran; median dilaporkan (bawaan 3)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal schemas/ dan rules/ (bawaan: repositori ini)")
    b.set_defaults(func=run)


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.synth import generate

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-career-"))
    repo = work / "kabupaten"
    if repo.exists():
        print(f"kinerja bench-career: {repo} sudah ada; pakai --folder lain.", file=sys.stderr)
        return 2
    env = dict(os.environ, KINERJA_CACHE_DIR=str(work / "cache"), KINERJA_TODAY="2026-11-28",
               GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.invalid", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.invalid", GIT_AUTHOR_DATE="2027-01-10T09:00:00+07:00",
               GIT_COMMITTER_DATE="2027-01-10T09:00:00+07:00")
    print(f"Mesin: {machine()}")
    counts = generate(repo, args.people, template_root=source)
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "kabupaten sintetis"]):
        subprocess.run(cmd, cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"Kabupaten sintetis: {counts['people']} pegawai, {counts['evaluations']} evaluasi, satu commit git, di {repo}")
    kinerja = [sys.executable, "-m", "kinerja"]
    t, _ = _timed(kinerja + ["validate", "--akar", str(repo)], env)
    print(f"(cache validasi diisi sekali: {t:.1f} s)")
    rows = []
    for label, cmd in (
        ("kinerja career, seluruh kabupaten (tabel kelayakan)", ["career", "--tanggal", "2027-04-01"]),
        ("kinerja career, seluruh kabupaten (json, semua rincian)", ["career", "--tanggal", "2027-04-01", "--format", "json"]),
        ("kinerja career, satu pegawai", ["career", "--pegawai", "p-00042", "--tanggal", "2027-04-01"]),
        ("kinerja fairness, seluruh kabupaten, setahun", ["fairness", "--tahun", "2026"]),
    ):
        runs = [_run(kinerja + cmd + ["--akar", str(repo)], env) for _ in range(args.repeat)]
        rows.append((label, runs))
    print()
    print(f"Beban mesin (load average 1/5/15 menit): {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'pengukuran':58} {'median waktu':>13} {'median CPU':>11}   ulangan (waktu/CPU)")
    for label, runs in rows:
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        bad = [r[2] for r in runs if r[2] != 0]
        note = f"  (kode keluar {bad[0]}!)" if bad else ""
        print(f"{label:58} {wall:12.2f}s {cpu:10.2f}s   {', '.join(f'{r[0]:.1f}/{r[1]:.1f}' for r in runs)}{note}")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0
