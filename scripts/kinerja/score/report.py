"""`kinerja score` output: text (Indonesian table), json, csv (for spreadsheets), markdown
(sized for a GitHub job summary or PR comment). Deterministic: sorted, no clock, no paths
outside the repository, the same bytes on every machine."""

from __future__ import annotations

import csv
import io
import json

from kinerja.findings import as_dict
from kinerja.model.calendar import PERIOD_LABEL
from kinerja.score.engine import EvaluationScore, ScoreReport, UnitScore
from kinerja.safe import csv_cell, md_text
from kinerja.score.numbers import as_number, indonesian

GITHUB_COMMENT_LIMIT = 60_000  # bytes; GitHub caps a comment at 65,536 characters


def _label(value: str | None) -> str:
    return value.replace("_", " ") if value else "–"


# --- json --------------------------------------------------------------------------------------


def evaluation_dict(s: EvaluationScore) -> dict:
    d = {
        "file": s.file,
        "pegawai": s.pegawai,
        "nama": s.nama,
        "tahun": s.tahun,
        "periode": s.periode,
        "status": s.status,
        "dinilai": s.dinilai,
        "aturan": s.aturan,
        "jabatan": s.jabatan,
        "unit": s.unit,
        "rating_hasil_kerja": s.rating_hasil_kerja,
        "rating_perilaku_kerja": s.rating_perilaku_kerja,
        "predikat": s.predikat,
        "rating_rhk": s.rating_rhk,
        "sumber_rating": s.sumber_rating,
        "rating_sebelum": s.rating_sebelum,
        "angka_kredit": as_number(s.angka_kredit.value, s.desimal["angka_kredit"]) if s.angka_kredit else None,
        "angka_kredit_keterangan": s.angka_kredit.keterangan if s.angka_kredit else None,
        "angka_kredit_per_jenjang": [
            {"jenjang": g.jenjang, "mulai_bulan": g.mulai_bulan, "bulan": g.bulan,
             "angka_kredit": as_number(g.value, s.desimal["angka_kredit"])}
            for g in s.angka_kredit.segments
        ] if s.angka_kredit else [],
        "capaian": [
            {
                "rhk": c.rhk,
                "iki": c.iki,
                "aspek": c.aspek,
                "target": c.target,
                "realisasi": c.realisasi,
                "lebih_kecil_lebih_baik": c.lebih_kecil_lebih_baik,
                "jenis_realisasi": c.jenis_realisasi,
                "capaian_persen": as_number(c.persen, s.desimal["capaian"]),
                "keterangan": c.keterangan,
                **({"realisasi_tahunan": as_number(c.realisasi_tahunan, s.desimal["capaian"]),
                    "capaian_tahunan_persen": as_number(c.persen_tahunan, s.desimal["capaian"])}
                   if c.realisasi_tahunan is not None else {}),
            }
            for c in s.capaian
        ],
        "peringatan": [as_dict(f) for f in s.peringatan],
    }
    if s.numerik is not None:
        places = s.desimal["nilai"]
        d["nilai_skp"] = as_number(s.numerik.nilai_skp, places)
        d["nilai_perilaku"] = as_number(s.numerik.nilai_perilaku, places)
        d["nilai_akhir"] = as_number(s.numerik.nilai_akhir, places)
        d["nilai_kegiatan"] = {rhk: as_number(v, places) for rhk, v in s.numerik.per_kegiatan.items()}
        d["nilai_tugas_tambahan"] = as_number(s.numerik.tugas_tambahan, places)
        d["nilai_kreativitas"] = as_number(s.numerik.kreativitas, places)
    if not s.dinilai:
        d["masalah"] = [as_dict(f) for f in s.masalah]
    return d


def unit_dict(u: UnitScore) -> dict:
    return {
        "unit": u.unit,
        "nama": u.nama,
        "perangkat_daerah": u.perangkat_daerah,
        "tahun": u.tahun,
        "periode": u.periode,
        "predikat_organisasi": u.predikat_organisasi,
        "pegawai": u.pegawai,
        "evaluasi_final": u.final,
        "evaluasi_draf": u.draf,
        "evaluasi_belum_ada": u.belum_ada,
        "sebaran_predikat": u.sebaran,
        "kurva": {"status": u.kurva.status, "ukuran_kelompok_minimum": u.kurva.ukuran_minimum, "pelanggaran": u.kurva.pelanggaran},
        "peringatan": [as_dict(f) for f in u.peringatan],
    }


def format_json(report: ScoreReport) -> str:
    doc = {
        "evaluations": [evaluation_dict(s) for s in report.evaluations],
        "units": [unit_dict(u) for u in report.units],
        "summary": {
            "evaluations": len(report.evaluations),
            "scored": sum(1 for s in report.evaluations if s.dinilai),
            "unscored": len(report.unscored),
            "warnings": sum(len(s.peringatan) for s in report.evaluations) + sum(len(u.peringatan) for u in report.units),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- csv ---------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "pegawai", "nama", "tahun", "periode", "status", "dinilai", "aturan", "jabatan", "unit",
    "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "angka_kredit", "nilai_akhir", "peringatan",
    "sumber_rating",
]


def rating_sources(s: EvaluationScore) -> str:
    """The records other than the evaluation itself that set an effective rating
    (decisions.md: every score output names them), e.g. 'rating_hasil_kerja: objections/...'."""
    return "; ".join(f"{k}: {v}" for k, v in sorted(s.sumber_rating.items()) if v != s.file)


def format_csv(report: ScoreReport) -> str:
    buf = io.StringIO()
    buf.write("\ufeff")  # spreadsheet programs then read the file as UTF-8
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for s in report.evaluations:
        d = evaluation_dict(s)
        row = [
            d["pegawai"], d["nama"], d["tahun"], d["periode"], d["status"], s.dinilai, d["aturan"], d["jabatan"], d["unit"],
            d["rating_hasil_kerja"], d["rating_perilaku_kerja"], d["predikat"], d["angka_kredit"], d.get("nilai_akhir"),
            " | ".join(f"{f.code}: {f.message}" for f in (s.peringatan if s.dinilai else s.masalah)),
            rating_sources(s) or s.file,
        ]
        w.writerow([csv_cell(x) for x in row])
    return buf.getvalue()


# --- text --------------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _ak(s: EvaluationScore) -> str:
    if s.angka_kredit is None:
        return "–"
    return indonesian(s.angka_kredit.value, s.desimal["angka_kredit"]) if s.angka_kredit.value is not None else "?"


def _changed_lines(changed: list[EvaluationScore]) -> list[str]:
    """One line per rating a later record set: before -> after, and which record."""
    out = []
    for s in changed:
        for key in ("rating_hasil_kerja", "rating_perilaku_kerja"):
            before, after = s.rating_sebelum.get(key), getattr(s, key)
            if before != after:
                out.append(f"{s.file}: {key.replace('_', ' ')} {_label(before)} → {_label(after)} ({s.sumber_rating.get(key)})")
    return out


def format_text(report: ScoreReport) -> str:
    out = []
    rows = [
        [s.pegawai, (s.nama or "")[:32], f"{s.tahun} {s.periode}", s.status, _label(s.rating_hasil_kerja),
         _label(s.rating_perilaku_kerja), s.predikat_label or "–", _ak(s), str(len(s.peringatan))]
        for s in report.evaluations if s.dinilai
    ]
    out.append("EVALUASI")
    out.append(_table(["Pegawai", "Nama", "Periode", "Status", "Hasil kerja", "Perilaku", "Predikat", "AK", "Peringatan"], rows))
    warnings = [f for s in report.evaluations for f in s.peringatan] + [f for u in report.units for f in u.peringatan]
    if warnings:
        out.append("\nPERINGATAN")
        for f in warnings:
            out.append(f"{f.file}:{f.line or 1}:{f.column or 1}: {f.code}: {f.message}")
    changed = [s for s in report.evaluations if s.rating_sebelum]
    if changed:
        out.append("\nRATING SETELAH FINAL (kalibrasi, keberatan)")
        out += _changed_lines(changed)
    if report.units:
        out.append("\nUNIT DAN PERIODE")
        rows = [
            [u.unit, f"{u.tahun} {u.periode}", _label(u.predikat_organisasi), str(u.pegawai), str(u.final), str(u.draf),
             str(u.belum_ada), ", ".join(f"{k}={v}" for k, v in u.sebaran.items() if v) or "–", u.kurva.status.replace("_", " ")]
            for u in report.units
        ]
        out.append(_table(["Unit", "Periode", "Predikat org.", "Pegawai", "Final", "Draf", "Belum", "Sebaran", "Kurva"], rows))
    changed = [s for s in report.evaluations if s.dinilai and rating_sources(s)]
    if changed:
        out.append("\nRATING DARI CATATAN SESUDAH FINAL (kalibrasi, keputusan keberatan)")
        out += [f"{s.file}: {rating_sources(s)}" for s in changed]
    if report.unscored:
        out.append("\nTIDAK DINILAI (perbaiki dulu kesalahannya)")
        for s in report.unscored:
            out.append(f"{s.file}:")
            for f in s.masalah:
                where = f"{f.file}:{f.line}:{f.column}" if f.line else f.file
                out.append(f"  {where}: {f.code}: {f.message}")
    n = len(report.evaluations)
    out.append(f"\n{n - len(report.unscored)} dari {n} evaluasi dinilai; {len(report.unscored)} tidak dinilai; {len(warnings)} peringatan.")
    return "\n".join(out) + "\n"


# --- markdown ----------------------------------------------------------------------------------


_md = md_text  # user text must not become Markdown or HTML in a PR comment


def format_markdown(report: ScoreReport, limit: int = GITHUB_COMMENT_LIMIT, title: str = "Ringkasan penilaian") -> str:
    head = [f"### {title}", ""]
    n, unscored = len(report.evaluations), len(report.unscored)
    head.append(f"{n - unscored} dari {n} evaluasi dinilai" + (f", **{unscored} tidak dinilai** (lihat di bawah)." if unscored else "."))
    head.append("")
    rows = ["| Pegawai | Periode | Status | Hasil kerja | Perilaku | Predikat | AK | Peringatan |", "|---|---|---|---|---|---|---|---|"]
    for s in report.evaluations:
        if not s.dinilai:
            continue
        rows.append(
            f"| {_md(s.pegawai)} {_md(s.nama or '')} | {s.tahun} {_md(PERIOD_LABEL.get(s.periode, s.periode))} | {_md(s.status)} | "
            f"{_md(_label(s.rating_hasil_kerja))} | {_md(_label(s.rating_perilaku_kerja))} | **{_md(s.predikat_label or '–')}** | "
            f"{_md(_ak(s))} | {len(s.peringatan)} |"
        )
    details = []
    for s in report.evaluations:
        items = s.peringatan if s.dinilai else s.masalah
        if items:
            details.append(f"- {_md(s.file)}")
            details += [f"  - {_md(f.code)}: {_md(f.message)}" for f in items]
    for s in report.evaluations:
        if s.dinilai and rating_sources(s):
            details.append(f"- {_md(s.file)}: rating ditetapkan {_md(rating_sources(s))}")
    for u in report.units:
        if u.peringatan:
            details.append(f"- {_md(u.nama)} ({u.tahun} {_md(u.periode)})")
            details += [f"  - {_md(f.code)}: {_md(f.message)}" for f in u.peringatan]
    changed = [s for s in report.evaluations if s.rating_sebelum]
    if changed:
        details.append("- Rating setelah final (kalibrasi, keberatan)")
        details += [f"  - {_md(line)}" for line in _changed_lines(changed)]
    units = []
    if report.units:
        units = ["", "| Unit | Periode | Predikat organisasi | Final | Draf | Belum | Kurva |", "|---|---|---|---|---|---|---|"]
        units += [
            f"| {_md(u.nama)} | {u.tahun} {_md(u.periode)} | {_md(_label(u.predikat_organisasi))} | {u.final} | {u.draf} | "
            f"{u.belum_ada} | {_md(u.kurva.status.replace('_', ' '))} |"
            for u in report.units
        ]
    body = head + rows + units
    if details:
        body += ["", "<details><summary>Peringatan dan kesalahan</summary>", "", *details, "", "</details>"]
    text = "\n".join(body) + "\n"
    if len(text.encode()) <= limit:
        return text
    # Too big for GitHub: keep whole lines up to the limit and say what was left out.
    kept, size = [], 0
    note = "\n_… laporan dipotong karena batas ukuran GitHub; laporan lengkap ada di artefak JSON._\n"
    for line in text.splitlines(keepends=True):
        if size + len(line.encode()) + len(note.encode()) > limit:
            break
        kept.append(line)
        size += len(line.encode())
    if any(line.startswith("<details>") for line in kept) and not any(line.startswith("</details>") for line in kept):
        kept.append("\n</details>\n")
    return "".join(kept) + note


FORMATS = {"text": format_text, "json": format_json, "csv": format_csv, "markdown": format_markdown}
