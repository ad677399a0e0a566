"""`kinerja bench-import`: time `kinerja import` and `kinerja export` on the synthetic regency
(a benchmark, not a test).

Generates the synthetic regency (synth.py) outside the repository, exports it, then edits
the table the way a month of changes would (transfers with a new TMT, retirements, new
hires) and times, each in a fresh process: export, an import that changes nothing, the
edited import as a dry run, and the edited import with --tulis (the organisation folder is
restored before each run, untimed). Prints medians and the machine.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def add_parser(sub) -> None:
    b = sub.add_parser("bench-import", help="ukur kecepatan kinerja import/export pada kabupaten sintetis (bukan tes)")
    b.add_argument("--jumlah-pegawai", dest="people", type=int, default=5000, help="jumlah pegawai sintetis (bawaan 5000)")
    b.add_argument("--ulang", dest="repeat", type=int, default=5, help="ulangan per pengukuran; median dilaporkan (bawaan 5)")
    b.add_argument("--akar", dest="root", metavar="FOLDER", help="repositori asal schemas/ dan rules/ (bawaan: repositori ini)")
    b.set_defaults(func=run)


def _timed(cmd: list[str], env: dict) -> tuple[float, float, int, str]:
    """Wall time, CPU time (user + system of the child) and the outcome of one run. The CPU
    time shows the work done even when other jobs share the cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stdout + proc.stderr


def _edited(export_csv: str, people: int) -> tuple[list[str], list[list[str]], dict]:
    rows = list(csv.reader(io.StringIO(export_csv.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    col = {name: i for i, name in enumerate(header)}
    moved = ended = 0
    staff = [r for r in body if r[col["jenis_jabatan"]] in ("pelaksana", "fungsional")]
    for n, r in enumerate(staff):
        if n % 20 == 0:  # 5 %: a transfer or promotion, with its TMT
            r[col["jabatan"]] = r[col["jabatan"]] + " (mutasi)"
            r[col["mulai"]] = "2027-01-04"
            moved += 1
        elif n % 97 == 1:  # about 1 %: retirement
            r[col["selesai"]] = "2026-12-31"
            ended += 1
    template = staff[0]
    hires = max(1, people // 50)
    for n in range(hires):  # 2 %: new hires
        new = list(template)
        new[col["id_pegawai"]] = f"p-9{n:04d}"
        new[col["nama"]] = f"Pegawai Baru {n}"
        new[col["github_login"]] = f"synth-baru-{n}"
        new[col["github_id"]] = str(900000 + n)
        new[col["mulai"]] = "2027-01-04"
        new[col["selesai"]] = ""
        body.append(new)
    return header, body, {"mutasi": moved, "pensiun": ended, "baru": hires}


def run(args) -> int:
    from kinerja.cli import resolve_root
    from kinerja.commands.bench import machine
    from kinerja.orgio.columns import PEOPLE_COLUMNS, UNIT_COLUMNS
    from kinerja.orgio.exporter import Export, collect, to_csv, to_xlsx
    from kinerja.orgio.state import load_state
    from kinerja.synth import generate

    source = resolve_root(args.root)
    work = Path(tempfile.mkdtemp(prefix="kinerja-bench-import-"))
    try:
        repo = work / "kabupaten"
        env = dict(os.environ, KINERJA_CACHE_DIR=str(work / "cache"))
        env.pop("KINERJA_KUNCI_NIP", None)
        print(f"Mesin: {machine()}")
        t0 = time.perf_counter()
        counts = generate(repo, args.people, template_root=source)
        print(f"Kabupaten sintetis: {counts['people']} pegawai, dibuat dalam {time.perf_counter() - t0:.1f} s")
        kinerja = [sys.executable, "-m", "kinerja"]
        rows = []

        def measure(label, cmd, before=None, expect=(0,)):
            times, cpus = [], []
            for i in range(args.repeat):
                if before:
                    before(i)
                t, cpu, rc, out = _timed(cmd, env)
                if rc not in expect:
                    print(f"{label}: kode keluar {rc}\n{out[-2000:]}", file=sys.stderr)
                    raise SystemExit(2)
                times.append(t)
                cpus.append(cpu)
            rows.append((label, statistics.median(times), statistics.median(cpus), times))

        def fresh_export(i):
            target = work / "ekspor.xlsx"
            if target.exists():
                target.unlink()

        measure("export ke .xlsx", kinerja + ["export", "--akar", str(repo), "--ke", str(work / "ekspor.xlsx")], before=fresh_export)
        export = collect(load_state(repo))
        (work / "sama.xlsx").write_bytes(to_xlsx(export))
        header, body, edits = _edited(to_csv(export.people, PEOPLE_COLUMNS), args.people)
        assert header == [c.name for c in PEOPLE_COLUMNS]
        edited = Export(people=body, units=export.units)
        (work / "ubah.xlsx").write_bytes(to_xlsx(edited))
        (work / "ubah.csv").write_text(to_csv(body, PEOPLE_COLUMNS), encoding="utf-8")
        (work / "unit.csv").write_text(to_csv(export.units, UNIT_COLUMNS), encoding="utf-8")
        print(f"Berkas ubahan: {edits['mutasi']} mutasi/promosi, {edits['pensiun']} pensiun, {edits['baru']} pegawai baru")
        imp = kinerja + ["import", "--akar", str(repo)]
        measure("import .xlsx tanpa perubahan (pegawai + unit)", imp + ["--dari", str(work / "sama.xlsx")])
        measure("import .xlsx berubah, hanya tampilkan", imp + ["--dari", str(work / "ubah.xlsx")])
        measure("import .csv berubah, hanya tampilkan", imp + ["--dari", str(work / "ubah.csv"), "--dari", str(work / "unit.csv")])
        pristine = work / "organisation-asli"
        shutil.copytree(repo / "organisation", pristine)

        def restore(i):
            shutil.rmtree(repo / "organisation")
            shutil.copytree(pristine, repo / "organisation")

        measure("import .xlsx berubah, --tulis", imp + ["--dari", str(work / "ubah.xlsx"), "--tulis"], before=restore)
        t, _, rc, out = _timed(imp + ["--dari", str(work / "ubah.xlsx"), "--tulis"], env)
        second = "tidak ada perubahan" if "Tidak ada perubahan" in out else "MASIH ADA PERUBAHAN"
        print()
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"Beban mesin (load average 1 menit) di akhir: {load:.1f} untuk {os.cpu_count()} inti.")
        print(f"{'pengukuran':52} {'median':>9} {'CPU':>8}   semua ulangan (waktu nyata)")
        for label, med, cpu, times in rows:
            print(f"{label:52} {med:8.2f}s {cpu:7.2f}s   {', '.join(f'{x:.2f}' for x in times)}")
        print(f"\nImpor kedua dengan berkas yang sama setelah --tulis: {second} ({t:.2f} s).")
        return 0 if second == "tidak ada perubahan" else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
