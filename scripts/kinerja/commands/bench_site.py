"""`kinerja bench-site`: time the public site build on a synthetic regency (a benchmark,
not a test).

Generates synthetic regencies (kinerja.synth) outside the repository, makes each a git
repository with this repository's site sources, mkdocs.yml, code and publication policy,
warms the data (validation) cache, then times `mkdocs build --strict`, each run in a fresh
process:
  - default policy after a data change (site caches emptied: scores and charts recomputed),
  - default policy with every cache warm,
  - every person's page published (pegawai.halaman: semua), caches warm,
and reports medians of wall and CPU time (the build and its forked workers; the figure to compare
on a shared machine), page counts and sizes, the search index size, and the machine.
Several sizes (--people 2500 5000) show whether time grows linearly with people.
"""

from __future__ import annotations

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COPIED = ("site", "mkdocs.yml")


def add_parser(sub) -> None:
    b = sub.add_parser("bench-site", help="ukur waktu build situs pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, nargs="+", default=[2500, 5000], help="jumlah pegawai sintetis, boleh beberapa (bawaan 2500 5000)")
    b.add_argument("--ulang", dest="repeat", type=int, default=3, help="ulangan per pengukuran; median dilaporkan (bawaan 3)")
    b.add_argument("--folder", dest="dir", metavar="FOLDER", help="folder kerja (bawaan: folder sementara di luar repositori)")
    b.add_argument("--simpan", dest="keep", action="store_true", help="jangan hapus folder kerja setelah selesai")
    b.add_argument("--pengaduan", dest="complaints", type=int, default=0, help="tambahkan sekian pengaduan masyarakat (suara publik; bawaan 0)")
    b.add_argument("--survei", dest="surveys", type=int, default=0, help="tambahkan sekian survei kepuasan (bawaan 0)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal (bawaan: repositori ini)")
    b.set_defaults(func=run)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid", "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.invalid", "GIT_AUTHOR_DATE": "2026-11-28T08:00:00+07:00",
    "GIT_COMMITTER_DATE": "2026-11-28T08:00:00+07:00",
}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=dict(os.environ, **GIT_ENV), check=True, capture_output=True)


def prepare(source: Path, target: Path, people: int, complaints: int = 0, surveys: int = 0) -> dict:
    from kinerja.synth import generate

    counts = generate(target, people, template_root=source, complaints=complaints, surveys=surveys)
    shutil.rmtree(target / "site")
    (target / "mkdocs.yml").unlink()
    for name in COPIED:
        src = source / name
        (shutil.copytree(src, target / name) if src.is_dir() else shutil.copy2(src, target / name))
    shutil.copytree(source / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy2(source / "organisation" / "publikasi.yml", target / "organisation" / "publikasi.yml")
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", f"kabupaten sintetis {people} pegawai")
    return counts


def _children_cpu() -> float:
    """User + system CPU seconds of every finished child (and their children) so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _build(repo: Path, out: Path, env: dict) -> tuple[float, int, str, float]:
    """One `mkdocs build --strict` in a fresh process: (wall s, exit code, stderr tail, CPU s).

    CPU time (the build and the workers it forks) is the figure to compare on a shared
    machine: wall time grows with other people's load, CPU time hardly does."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=repo, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, proc.returncode, proc.stderr[-2000:], _children_cpu() - cpu0


def _median(repo: Path, out: Path, env: dict, repeat: int, before=None) -> tuple[float, list[float], int, str, float, list[float]]:
    times, cpus, rc, err = [], [], 0, ""
    for _ in range(repeat):
        if before:
            before()
        t, rc, err, cpu = _build(repo, out, env)
        times.append(t)
        cpus.append(cpu)
    return statistics.median(times), times, rc, err, statistics.median(cpus), cpus


def _sizes(out: Path) -> dict:
    def pages(pattern):
        return sorted(p.stat().st_size for p in out.glob(pattern))

    index = out / "search" / "search_index.json"
    raw = index.read_bytes() if index.exists() else b""
    return {
        "pages": sum(1 for _ in out.rglob("*.html")),
        "unit": pages("unit/*/index.html") + pages("unit/*/*/index.html"),
        "person": pages("pegawai/*/index.html"),
        "search": len(raw),
        "search_gz": len(gzip.compress(raw, 6)),
        "total": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
    }


def _kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB".replace(",", ".")


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine

    source = resolve_root(args.root)
    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="kinerja-bench-site-"))
    print(f"Mesin: {machine()}")
    results = []
    for people in args.people:
        repo = work / f"kabupaten-{people}"
        if repo.exists():
            print(f"kinerja bench-site: {repo} sudah ada; pakai --folder lain.", file=sys.stderr)
            return 2
        cache = work / f"cache-{people}"
        env = dict(os.environ, KINERJA_CACHE_DIR=str(cache), KINERJA_TODAY="2026-11-28", NO_MKDOCS_2_WARNING="1")
        env.pop("SOURCE_DATE_EPOCH", None)
        t0 = time.perf_counter()
        counts = prepare(source, repo, people, args.complaints, args.surveys)
        print(f"\nKabupaten sintetis {counts['people']} pegawai, {counts['units']} unit, {counts['plans']} rencana, "
              f"{counts['evaluations']} evaluasi (dibuat {time.perf_counter() - t0:.0f} s)")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kinerja", "validate", "--akar", str(repo)], env=env, capture_output=True)
        print(f"Cache data dihangatkan dengan kinerja validate ({time.perf_counter() - t0:.0f} s).")
        out = work / f"public-{people}"
        site_cache = cache / "site"
        rows = []
        rows.append(("kebijakan bawaan, setelah data berubah",
                     *_median(repo, out, env, args.repeat, before=lambda: shutil.rmtree(site_cache, ignore_errors=True))))
        rows.append(("kebijakan bawaan, semua cache hangat", *_median(repo, out, env, args.repeat)))
        default_sizes = _sizes(out)
        policy = repo / "organisation" / "publikasi.yml"
        policy.write_text(policy.read_text(encoding="utf-8").replace("halaman: pejabat_publik ", "halaman: semua "), encoding="utf-8")
        _git(repo, "commit", "-q", "-am", "terbitkan halaman setiap pegawai")
        _build(repo, out, env)  # the new person pages' charts/scores need no cache; this warms nothing else
        rows.append(("halaman setiap pegawai, cache hangat", *_median(repo, out, env, args.repeat)))
        all_sizes = _sizes(out)
        print(f"{'pengukuran':44} {'median':>8}   semua ulangan          {'CPU median':>10}   semua ulangan")
        for label, med, runs, rc, err, cpu, cpus in rows:
            note = "" if rc == 0 else f"  (kode keluar {rc}: {err.strip().splitlines()[-1] if err.strip() else ''})"
            print(f"{label:44} {med:7.1f}s   {', '.join(f'{t:.1f}' for t in runs):22} {cpu:9.1f}s   "
                  f"{', '.join(f'{t:.1f}' for t in cpus)}{note}")
        for label, s in (("kebijakan bawaan", default_sizes), ("halaman setiap pegawai", all_sizes)):
            unit, person = s["unit"], s["person"]
            print(f"{label}: {s['pages']} halaman, situs {_kb(s['total'])}; halaman unit median "
                  f"{_kb(statistics.median(unit)) if unit else '–'}, terbesar {_kb(unit[-1]) if unit else '–'}; halaman pegawai "
                  f"{len(person)}, median {_kb(statistics.median(person)) if person else '–'}, terbesar {_kb(person[-1]) if person else '–'}; "
                  f"indeks pencarian {_kb(s['search'])} ({_kb(s['search_gz'])} gzip)")
        results.append((people, [r[1] for r in rows]))
    if len(results) > 1:
        (p0, t0s), (p1, t1s) = results[0], results[-1]
        print(f"\nPertumbuhan {p0} -> {p1} pegawai (x{p1 / p0:g}): " + "; ".join(
            f"{label} x{b / a:.2f}" for label, a, b in zip(("bawaan/berubah", "bawaan/hangat", "semua pegawai"), t0s, t1s)))
    if not args.keep and not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    return 0
