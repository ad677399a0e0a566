"""`kinerja bench-suara`: what complaints and surveys cost (a benchmark, not a test).

Issue 14's target: 20,000 complaints and 500 surveys in the 5,000-person synthetic regency
add at most 20% to cold validation and to the site build, against the same regency without
them. Generates both regencies (kinerja.synth: the rest of the regency is identical), makes
each a git repository with this repository's site sources (as `kinerja bench-site`), then
times, alternating between the two so that a change in the machine's load hits both alike,
each run in a fresh process:
  - cold validation (`kinerja validate --tanpa-cache`),
  - the site build after a data change (`mkdocs build --strict`, data cache warm, the
    site's score cache emptied), or `kinerja site --keluaran` with `--situs pohon`, twice: with the
    chart cache emptied (every chart drawn: the first build, or after charts.py or matplotlib
    changed) and with the chart cache kept (a data change redraws only the charts whose
    numbers changed, a handful per merged complaint or survey; the bench's data does not
    change between runs, so none is redrawn here).
Reports medians of wall time and of CPU time (the process and its workers: steadier than
wall time on a shared machine), the added share, and the machine.
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
    b = sub.add_parser("bench-suara", help="ukur beban pengaduan dan survei pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, default=5000, help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--pengaduan", dest="complaints", type=int, default=20000, help="jumlah pengaduan (bawaan 20000)")
    b.add_argument("--survei", dest="surveys", type=int, default=500, help="jumlah survei (bawaan 500)")
    b.add_argument("--ulang", dest="repeat", type=int, default=3, help="ulangan per pengukuran; median dilaporkan (bawaan 3)")
    b.add_argument("--situs", choices=["mkdocs", "pohon", "lewati"], default="mkdocs",
                   help="ukur mkdocs build (bawaan), hanya kinerja site --keluaran (pohon), atau lewati")
    b.add_argument("--tanpa-validasi", dest="no_validate", action="store_true",
                   help="jangan ukur validasi dingin (hanya build situs)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--simpan", dest="keep", action="store_true", help="jangan hapus folder kerja setelah selesai")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal (bawaan: repositori ini)")
    b.set_defaults(func=run)


def _timed(cmd: list[str], env: dict, cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall s, CPU s of the process and every child it waited for, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, proc.returncode


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine
    from kinerja.commands.bench_site import prepare

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-suara-"))
    repos = {"tanpa": work / "tanpa-suara", "dengan": work / "dengan-suara"}
    if any(p.exists() for p in repos.values()):
        print(f"kinerja bench-suara: {work} sudah berisi kabupaten; pakai --folder lain.", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    print(f"Mesin: {machine()}")
    for name, repo in repos.items():
        t0 = time.perf_counter()
        n = (args.complaints, args.surveys) if name == "dengan" else (0, 0)
        counts = prepare(source, repo, args.people, *n)
        files = sum(1 for _ in repo.rglob("*.yml"))
        print(f"{name} suara publik: {counts['people']} pegawai, {counts.get('complaints', 0)} pengaduan, "
              f"{counts.get('surveys', 0)} survei, {files} berkas YAML (dibuat {time.perf_counter() - t0:.0f} s)")

    def env_of(name: str) -> dict:
        env = dict(os.environ, KINERJA_CACHE_DIR=str(work / f"cache-{name}"), KINERJA_TODAY="2026-11-28",
                   NO_MKDOCS_2_WARNING="1")
        env.pop("SOURCE_DATE_EPOCH", None)
        return env

    measures = [] if args.no_validate else [
        ("validasi dingin", lambda name, repo: [sys.executable, "-m", "kinerja", "validate", "--akar", str(repo), "--tanpa-cache"], False)]
    site = None
    if args.situs == "mkdocs":
        site = ("mkdocs build", lambda name, repo: [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / f"public-{name}")])
    elif args.situs == "pohon":
        site = ("kinerja site --keluaran", lambda name, repo: [sys.executable, "-m", "kinerja", "site", "--keluaran", str(work / f"pohon-{name}")])
    if site is not None:
        measures.append((f"{site[0]}, grafik digambar ulang", site[1], True))
        measures.append((f"{site[0]}, grafik tersimpan", site[1], False))
    if args.situs != "lewati":
        for name, repo in repos.items():  # warm the data cache once: the site build is measured after a data change
            subprocess.run([sys.executable, "-m", "kinerja", "validate", "--akar", str(repo)], env=env_of(name), capture_output=True)

    print(f"\n{'pengukuran':44} {'tanpa':>16} {'dengan':>16} {'tambahan':>10}   (median wall / CPU; semua ulangan)", flush=True)
    for label, cmd_of, redraw in measures:
        runs: dict[str, list] = {"tanpa": [], "dengan": []}
        for _ in range(args.repeat):
            for name, repo in repos.items():  # alternate: both see the same load
                shutil.rmtree(work / f"cache-{name}" / "site", ignore_errors=True)
                if redraw:
                    shutil.rmtree(work / f"cache-{name}" / "charts", ignore_errors=True)
                shutil.rmtree(work / f"pohon-{name}", ignore_errors=True)
                runs[name].append(_timed(cmd_of(name, repo), env_of(name), cwd=repo))
        _report(label, runs)  # each measurement as soon as it is done (a long run can be read while it goes on)
    if not args.keep and not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _report(label: str, runs: dict) -> None:
    med = {n: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for n, v in runs.items()}
    bad = sorted({r[2] for v in runs.values() for r in v} - {0, 1})
    note = f"  (kode keluar {bad}!)" if bad else ""
    note += "  beban {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    print(f"{label:44} {med['tanpa'][0]:7.1f}/{med['tanpa'][1]:6.1f}s {med['dengan'][0]:7.1f}/{med['dengan'][1]:6.1f}s "
          f"{100 * (med['dengan'][0] / med['tanpa'][0] - 1):+5.0f}%/{100 * (med['dengan'][1] / med['tanpa'][1] - 1):+4.0f}%{note}")
    for n, v in runs.items():
        print(f"    {n:8} " + ", ".join(f"{w:.1f}/{c:.1f}" for w, c, _rc in v), flush=True)
