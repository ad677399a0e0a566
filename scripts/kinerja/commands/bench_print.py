"""`kinerja bench-print`: time `kinerja print` on a synthetic regency (a benchmark, not a test).

Generates a synthetic regency (kinerja.synth) outside the repository as a git repository,
warms the validation cache (and, with one untimed print, the compiled code and the heads
index), then times, each in a fresh process: one person's whole set of
documents (SKP, four periodic evaluations, the annual document, angka kredit where it
applies), and every document of the regency. Reports medians, document counts, sizes and
the machine.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def add_parser(sub) -> None:
    b = sub.add_parser("bench-print", help="ukur waktu kinerja print pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", type=int, default=5000, dest="people", help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--ulang", type=int, default=3, dest="repeat", help="ulangan untuk satu pegawai; median dilaporkan (bawaan 3)")
    b.add_argument("--ulang-semua", type=int, default=1, dest="repeat_all", help="ulangan untuk seluruh kabupaten (bawaan 1)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal (bawaan: repositori ini)")
    b.set_defaults(func=run)


CPU = {"last": 0.0}


def _timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time; the CPU time of the run (all its processes) is left in CPU["last"]."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, proc


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine
    from kinerja.commands.bench_site import prepare

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-print-"))
    repo = work / f"kabupaten-{args.people}"
    if repo.exists():
        print(f"kinerja bench-print: {repo} sudah ada; pakai --folder lain.", file=sys.stderr)
        return 2
    env = dict(os.environ, KINERJA_CACHE_DIR=str(work / "cache"), KINERJA_TODAY="2026-11-28",
               PYTHONPYCACHEPREFIX=str(work / "pycache"))
    # as in an installed package, the code is compiled once (not on every run)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"Mesin: {machine()}")
    counts = prepare(source, repo, args.people)
    print(f"Kabupaten sintetis {counts['people']} pegawai, {counts['plans']} rencana, {counts['evaluations']} evaluasi.")
    subprocess.run([sys.executable, "-m", "kinerja", "validate", "--akar", str(repo)], env=env, capture_output=True)
    plans = sorted(p.stem for p in (repo / "plans" / "2026").glob("*.yml") if "." not in p.stem)
    person = plans[len(plans) // 2]
    base = [sys.executable, "-m", "kinerja", "print", "--akar", str(repo)]
    # warm-up, not timed: compiles the code and fills the heads index (documents/scoped.py), as the
    # validation cache was filled above
    subprocess.run([*base, "--pegawai", person, "--keluaran", str(work / "pemanasan")], cwd=repo, env=env, capture_output=True)
    one, one_cpu = [], []
    for i in range(args.repeat):
        out = work / f"satu-{i}"
        t, proc = _timed([*base, "--pegawai", person, "--keluaran", str(out)], repo, env)
        one.append(t)
        one_cpu.append(CPU["last"])
        if proc.returncode != 0:
            print(proc.stdout[-1500:], proc.stderr[-1500:], file=sys.stderr)
            return 1
    docs = sorted(p for p in (work / "satu-0").rglob("*.pdf"))
    print(f"Satu pegawai ({person}): {len(docs)} dokumen, median {statistics.median(one):.2f} s "
          f"(ulangan {', '.join(f'{t:.2f}' for t in one)}; waktu CPU median {statistics.median(one_cpu):.2f} s; "
          "termasuk memuat berkas pegawai itu dan pemeriksaan)")
    full = []
    for i in range(args.repeat_all):
        out = work / f"semua-{i}"
        t, proc = _timed([*base, "--semua", "--keluaran", str(out)], repo, env)
        full.append(t)
        last = proc.stdout.strip().splitlines()[-2:] if proc.stdout.strip() else []
        print(f"Seluruh kabupaten, ulangan {i + 1}: {t:.0f} s (waktu CPU {CPU['last']:.0f} s); {' '.join(last)}")
        if proc.returncode != 0:
            print(proc.stderr[-1500:], file=sys.stderr)
    pdfs = list((work / "semua-0").rglob("*.pdf"))
    size = sum(p.stat().st_size for p in pdfs)
    print(f"Seluruh kabupaten: {len(pdfs)} dokumen, median {statistics.median(full):.0f} s "
          f"({statistics.median(full) / max(len(pdfs), 1) * 1000:.1f} ms per dokumen), {size / 2**20:,.0f} MB")
    if not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0
