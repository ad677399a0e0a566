"""`kinerja bench`: time validation on a generated regency (a benchmark, not a test).

Generates a synthetic regency outside the repository, then times, each in a fresh
process: cold validation (no cache), validation when nothing changed (warm cache), after
one changed file, and check-jsonschema on the same files for comparison. Prints medians
and the machine they were measured on.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def add_parser(sub) -> None:
    b = sub.add_parser("bench", help="ukur kecepatan validasi pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, default=5000, help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--ulang", dest="repeat", type=int, default=3, help="ulangan per pengukuran; median dilaporkan (bawaan 3)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--simpan", dest="keep", action="store_true", help="jangan hapus kabupaten sintetis setelah selesai")
    b.add_argument(
        "--bandingkan", dest="check_jsonschema",
        choices=["full", "sample", "skip"],
        default="full",
        help="bandingkan dengan check-jsonschema pada semua berkas (full), 1000 berkas (sample), atau lewati",
    )
    b.add_argument("--pengaduan", dest="complaints", type=int, default=0, help="tambahkan sekian pengaduan masyarakat (suara publik; bawaan 0)")
    b.add_argument("--survei", dest="surveys", type=int, default=0, help="tambahkan sekian survei kepuasan (bawaan 0)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal schemas/ dan rules/ (bawaan: repositori ini)")
    b.set_defaults(func=run)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} inti, {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _timed(cmd: list[str], env: dict) -> tuple[float, int]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, proc.returncode


def _median(cmd, env, repeat, before=None) -> tuple[float, list[float], int]:
    times, rc = [], 0
    for i in range(repeat):
        if before:
            before(i)
        t, rc = _timed(cmd, env)
        times.append(t)
    return statistics.median(times), times, rc


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.synth import generate

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    repo = work / "kabupaten"
    if repo.exists():
        print(f"kinerja bench: {repo} sudah ada; pakai --folder lain.", file=sys.stderr)
        return 2
    cache = work / "cache"
    env = dict(os.environ, KINERJA_CACHE_DIR=str(cache), KINERJA_TODAY="2026-11-28")
    print(f"Mesin: {machine()}")
    t0 = time.perf_counter()
    counts = generate(repo, args.people, template_root=source, complaints=args.complaints, surveys=args.surveys)
    files = sum(1 for _ in repo.rglob("*.yml"))
    size = sum(p.stat().st_size for p in repo.rglob("*.yml"))
    print(
        f"Kabupaten sintetis: {counts['people']} pegawai, {counts['plans']} rencana, {counts['evaluations']} evaluasi, "
        + (f"{counts['complaints']} pengaduan, {counts['surveys']} survei, " if "complaints" in counts else "")
        + f"{files} berkas YAML ({size / 1e6:.1f} MB), dibuat dalam {time.perf_counter() - t0:.1f} s di {repo}"
    )
    kinerja = [sys.executable, "-m", "kinerja", "validate", "--akar", str(repo)]
    rows = []

    med, runs, rc = _median(kinerja + ["--tanpa-cache"], env, args.repeat)
    rows.append(("validasi dingin (tanpa cache)", med, runs, rc))
    _timed(kinerja, env)  # fill the cache
    med, runs, rc = _median(kinerja, env, args.repeat)
    rows.append(("validasi tanpa perubahan (cache hangat)", med, runs, rc))
    victim = next(iter(sorted((repo / "evaluations").rglob("*.yml"))))

    def touch(i):
        with open(victim, "a", encoding="utf-8") as fh:
            fh.write(f"# perubahan {i}\n")

    med, runs, rc = _median(kinerja, env, args.repeat, before=touch)
    rows.append(("satu berkas berubah, seluruh repositori", med, runs, rc))
    med, runs, rc = _median(kinerja + [str(victim)], env, args.repeat, before=touch)
    rows.append(("satu berkas berubah, laporan berkas itu saja", med, runs, rc))

    # The one beside this interpreter first (a venv's bin/ is often not on PATH).
    cj = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which("check-jsonschema")
    if args.check_jsonschema != "skip" and cj:
        total, checked = 0.0, 0
        kinds = [("plans", "plan"), ("evaluations", "evaluation"), ("organisation/people", "person")]
        for folder, schema in kinds:
            paths = sorted(str(p) for p in (repo / folder).rglob("*.yml"))
            if args.check_jsonschema == "sample":
                paths = paths[: max(1, 1000 * len(paths) // files)]
            for chunk in range(0, len(paths), 2000):
                t, _ = _timed([cj, "--schemafile", str(repo / "schemas" / f"{schema}.schema.json"), *paths[chunk : chunk + 2000]], env)
                total += t
            checked += len(paths)
        per_file = total / max(checked, 1)
        label = "check-jsonschema (hanya skema)" + (f", sampel {checked} berkas, diproyeksikan" if args.check_jsonschema == "sample" else "")
        rows.append((label, per_file * files, [total], 0))
    elif args.check_jsonschema != "skip":
        print("check-jsonschema tidak terpasang (pip install check-jsonschema); perbandingan dilewati.")

    print()
    print(f"{'pengukuran':58} {'median':>10}   semua ulangan")
    for label, med, runs, rc in rows:
        note = "" if rc in (0, 1) else f"  (kode keluar {rc}!)"
        print(f"{label:58} {med:9.2f}s   {', '.join(f'{t:.2f}' for t in runs)}{note}")
    if cj and args.check_jsonschema != "skip":
        print(f"\nValidasi dingin {rows[-1][1] / rows[0][1]:.1f}x lebih cepat daripada check-jsonschema, sambil memeriksa aturan antarberkas.")
    if not args.keep and not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0
