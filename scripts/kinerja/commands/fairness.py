"""`kinerja fairness`: the private fairness report for BKPSDM and the heads.

It names pejabat penilai and flags them: run it on an admin's machine, never in CI (CI
artifacts are readable by every member of the repository).
"""

from __future__ import annotations

from kinerja.cli import EXIT_OK, UsageError, add_root, resolve_root
from kinerja.commands.career import emit
from kinerja.commands.score import PERIODS


def add_parser(sub) -> None:
    f = sub.add_parser("fairness", help="laporan keadilan penilaian per pejabat penilai dan unit (pribadi; jangan di CI)")
    f.add_argument("--tahun", dest="year", type=int, metavar="TAHUN", help="hanya tahun ini")
    f.add_argument("--periode", dest="period", choices=PERIODS, metavar="PERIODE", help="hanya periode ini (triwulan_1 … triwulan_4)")
    f.add_argument("--unit", metavar="ID", help="hanya pegawai kelompok penilaian ini (pembanding tetap seluruh kabupaten)")
    f.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="bentuk keluaran (bawaan: text)")
    f.add_argument("--keluaran", metavar="BERKAS", help="tulis ke berkas baru (tidak pernah menimpa) alih-alih layar")
    add_root(f)
    f.set_defaults(func=run)


def run(args) -> int:
    from kinerja.career.facts import collect
    from kinerja.fairness import render, report, timing
    from kinerja.repository import load_repository

    root = resolve_root(args.root)
    repo = load_repository(root)
    if args.unit is not None and (args.unit not in repo.units or not repo.units[args.unit].hasil_organisasi):
        raise UsageError(f"{args.unit} bukan kelompok penilaian (unit dengan predikat organisasi sendiri) di organisation/units/.")
    facts = collect(repo)
    zone = repo.regency.zona_waktu if repo.regency else None
    r = report.build(repo, facts, timing.final_dates(root, zone, {f.file: f.status for f in facts}), args.year, args.period, args.unit)
    text = render.format_json(r) if args.format == "json" else render.format_text(r, md=args.format == "markdown")
    emit(text, args.keluaran)
    return EXIT_OK
