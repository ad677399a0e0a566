"""`kinerja print`: official documents (SKP, evaluations, angka kredit) as PDFs; `--periksa-pdf`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kinerja.cli import EXIT_FINDINGS, EXIT_OK, UsageError, add_root, resolve_root

JENIS = {"skp": "skp", "evaluasi": "evaluasi", "dokumen-evaluasi": "dokumen_evaluasi", "angka-kredit": "angka_kredit",
         "keputusan-keberatan": "keputusan_keberatan"}
PERIODS = [f"triwulan_{i}" for i in range(1, 5)] + [f"bulan_{i:02d}" for i in range(1, 13)]


def add_parser(sub) -> None:
    p = sub.add_parser(
        "print",
        help="cetak dokumen resmi (SKP, evaluasi, dokumen evaluasi tahunan, konversi angka kredit, keputusan keberatan) sebagai PDF",
        description=(
            "Membuat PDF dokumen kinerja dari data pada commit saat ini. Dokumen ini PRIBADI (memuat nama, "
            "penilaian dan NIP bila dicatat): simpan di luar situs publik. --periksa-pdf dan --periksa-kode memeriksa sebuah PDF atau kode QR."
        ),
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--pegawai", metavar="ID", help="dokumen satu pegawai")
    who.add_argument("--unit", metavar="ID", help="dokumen semua pegawai yang rencananya di unit ini (termasuk sub-unit)")
    who.add_argument("--semua", action="store_true", help="dokumen seluruh pegawai instansi")
    who.add_argument("--periksa-pdf", dest="verify", metavar="BERKAS.pdf", help="periksa keaslian sebuah PDF terhadap repositori")
    who.add_argument("--periksa-kode", dest="verify_payload", metavar="KODE", help="periksa kode QR yang dipindai (teks yang diawali KT1;)")
    p.add_argument("--tahun", type=int, help="hanya tahun ini")
    p.add_argument("--periode", choices=PERIODS, metavar="PERIODE", help="hanya evaluasi periode ini")
    p.add_argument("--jenis", action="append", choices=sorted(JENIS), help="jenis dokumen (boleh berulang; bawaan: semua)")
    p.add_argument("--keluaran", dest="keluar", metavar="FOLDER", help="folder hasil (bawaan: cetak/ di akar repositori, diabaikan git)")
    p.add_argument("--timpa", action="store_true", help="ganti PDF lama yang isinya berbeda (tanpa ini: ditolak)")
    add_root(p)
    p.set_defaults(func=run)


def _site_folders(root: Path) -> list[Path]:
    """The site's source and output folders, where a private document must never land."""
    folders = {"docs_dir": "docs", "site_dir": "site"}
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        text = ""
    for key in folders:
        m = re.search(rf"^{key}:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", text, re.M)
        if m:
            folders[key] = m.group(1).strip()
    return [(root / v).resolve() for v in folders.values()]


def _people(repo, args) -> set[str] | None:
    if args.pegawai:
        if args.pegawai not in repo.people:
            raise UsageError(f"Pegawai {args.pegawai} tidak ada di organisation/people/.")
        return {args.pegawai}
    if args.unit:
        if args.unit not in repo.units:
            raise UsageError(f"Unit {args.unit} tidak ada di organisation/units/.")
        from kinerja.check.crossfile import org_index

        org = org_index(repo)
        inside = {u for u in repo.units if u == args.unit or args.unit in org.ancestors(u)}
        return {plan.pegawai for plan in repo.plans.values() if plan.unit in inside}
    if args.semua:
        return None
    raise UsageError("Pilih --pegawai ID, --unit ID atau --semua (atau --periksa-pdf BERKAS.pdf).")


def run(args) -> int:
    root = resolve_root(args.root)
    if args.verify or args.verify_payload:
        return _verify(root, args)
    from kinerja.documents import subjects
    from kinerja.documents.batch import make_all
    from kinerja.repository import load_repository
    from kinerja.validate import run_checks
    from kinerja.writefile import AlreadyExists, write_bytes

    out = Path(args.keluar).resolve() if args.keluar else root / "cetak"
    for folder in _site_folders(root):
        if out == folder or folder in out.parents or out in folder.parents:
            raise UsageError(f"Folder hasil {out} berada di folder situs ({folder}): dokumen pribadi tidak boleh ikut terbit. Pilih folder lain.")
    kinds = {JENIS[j] for j in args.jenis} if args.jenis else set(JENIS.values())
    scoped = _scoped(root, args, kinds) if args.pegawai else None
    if scoped is not None:
        facts, outcomes = scoped
    else:
        facts = _facts(root)
        repo = load_repository(root)
        people = _people(repo, args)
        broken = {f.file for f in run_checks(repo, today=None) if f.severity == "error"}
        jobs = [(kind, rel) for kind, rel, _ in subjects(repo, people=people, year=args.tahun, period=args.periode, kinds=kinds)]
        outcomes = make_all(repo, facts, broken, jobs)
    made = skipped = unchanged = problems = 0
    for result in outcomes:
        if result.state != "made":
            print(f"{'gagal' if result.state == 'failed' else 'dilewati'}: {result.label}: {result.message}.")
            skipped += 1
            problems += result.state != "not_applicable"
            continue
        if result.missing:
            shown = " ".join(f"U+{ord(ch):04X}" for ch in sorted(result.missing))
            print(f"peringatan: {result.label}: karakter tanpa fon ({shown}) dicetak sebagai □.", file=sys.stderr)
        target = out / result.relpath
        try:
            state = write_bytes(target, result.pdf, overwrite=args.timpa)
        except AlreadyExists:
            print(f"ditolak: {target} sudah ada dengan isi berbeda; pakai --timpa untuk menggantinya.", file=sys.stderr)
            problems += 1
            continue
        if state == "same":
            unchanged += 1
        else:
            made += 1
            print(f"dibuat: {target}")
    print(f"{made} dokumen dibuat, {unchanged} tidak berubah, {skipped} dilewati" + (f" ({problems} bermasalah)" if problems else "") + f" (commit {facts.commit[:12]}).")
    print("Dokumen ini pribadi: jangan diunggah ke situs publik atau dibagikan sebagai artefak CI.")
    return EXIT_FINDINGS if problems else EXIT_OK


def _facts(root: Path, **scope):
    from kinerja.documents.gitfacts import GitFacts, GitUnavailable

    try:
        return GitFacts(root, **scope)
    except GitUnavailable:
        raise UsageError("Dokumen dibuat dari sebuah commit: jalankan di dalam repositori git yang sudah punya commit.") from None


def _scoped(root: Path, args, kinds: set[str]):
    """One person's documents from her files only (documents/scoped.py): (facts, outcomes), or
    None when the whole repository must be loaded (no git listing, or a whole-repository question)."""
    from kinerja.check.crossfile import org_index
    from kinerja.documents import content as C
    from kinerja.documents import subjects
    from kinerja.documents.batch import make_all
    from kinerja.documents import scoped as S

    person = args.pegawai
    facts = _facts(root, paths=S.pathspecs(person), history_paths=S.history_pathspecs(person))
    repo = S.load_scoped(root, person, facts)
    if repo is None:
        return None
    try:
        if person not in repo.people:
            raise UsageError(f"Pegawai {person} tidak ada di organisation/people/.")
        org = org_index(repo, repo.heads())
        jobs = [(kind, rel) for kind, rel, _ in subjects(repo, people={person}, year=args.tahun, period=args.periode, kinds=kinds)]
        outcomes = list(make_all(repo, facts, S.ScopedBroken(repo, org), jobs, workers=1, ctx=C.Context(repo, org)))
    except S.ScopeExceeded:
        return None
    return facts, outcomes


def _verify(root: Path, args) -> int:
    from kinerja.documents import verify

    if args.verify:
        try:
            raw = Path(args.verify).read_bytes()
        except OSError as exc:
            raise UsageError(f"{args.verify} tidak dapat dibaca ({exc.strerror}).") from None
        verdict = verify(root, pdf=raw)
    else:
        verdict = verify(root, text=args.verify_payload)
    for line in verdict.lines:
        print(line)
    print("Catatan: pemeriksaan ini memastikan keutuhan data, bukan tanda tangan elektronik tersertifikasi (TTE).")
    return EXIT_OK if verdict.ok else EXIT_FINDINGS
