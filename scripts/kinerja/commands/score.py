"""`kinerja score`: predikat, consistency warnings, capaian, angka kredit and the curve."""

from __future__ import annotations

import sys

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, relative_paths, resolve_root

PERIODS = [f"triwulan_{i}" for i in range(1, 5)] + [f"bulan_{i:02d}" for i in range(1, 13)]


def add_parser(sub) -> None:
    s = sub.add_parser("score", help="hitung predikat, capaian, angka kredit dan sebaran per unit")
    s.add_argument("--tahun", dest="year", type=int, metavar="TAHUN", help="hanya tahun ini")
    s.add_argument("--periode", dest="period", choices=PERIODS, metavar="PERIODE", help="hanya periode ini (triwulan_1 … triwulan_4, bulan_01 …)")
    s.add_argument(
        "--berubah", dest="changed", nargs="+", metavar="BERKAS", help="hanya pegawai yang disentuh berkas-berkas ini (untuk ringkasan pull request)"
    )
    s.add_argument("--format", choices=["text", "json", "csv", "markdown"], default="text", help="bentuk keluaran (bawaan: text)")
    add_root(s)
    s.set_defaults(func=run)


def touched_people(repo, changed: list[str]) -> set[str]:
    """People a set of changed files concerns: the owners of plans and evaluations, the
    people in a changed person file, and everyone when organisation-wide data changed."""
    people: set[str] = set()
    for rel in changed:
        entry = repo.files.get(rel)
        if entry is None:
            continue
        if entry.kind in ("plan", "evaluation"):
            people.add(entry.keys["pegawai"])
        elif entry.kind == "person":
            people.add(entry.keys["id"])
        elif entry.kind in ("regency", "rules", "unit", "goals", "unit_result"):
            return set(repo.people)
    return people


def run(args) -> int:
    from kinerja.repository import load_repository
    from kinerja.score import score_repository
    from kinerja.score.report import FORMATS

    root = resolve_root(args.root)
    changed = None
    if args.changed:
        try:
            changed = relative_paths(root, args.changed)
        except UsageError:
            # a deleted file in a pull request still names the person it concerned
            changed = [p for p in args.changed if not p.startswith("/")]
    repo = load_repository(root)
    report = score_repository(repo, year=args.year, period=args.period)
    if changed is not None:
        people = touched_people(repo, changed)
        report.evaluations = [s for s in report.evaluations if s.pegawai in people]
        units = {s.unit for s in report.evaluations}
        report.units = [u for u in report.units if u.unit in units or u.perangkat_daerah in units]
    sys.stdout.write(FORMATS[args.format](report))
    return EXIT_FINDINGS if report.unscored else EXIT_OK
