"""Career output: a dossier as text, JSON or a Markdown document; for a unit or the regency
an eligibility table (who is eligible on the date, and why not the others); the SIASN CSV.

Deterministic (sorted, no clock). User text in Markdown goes through `safe.md_text`; CSV
cells through `safe.csv_cell`.
"""

from __future__ import annotations

import csv
import io
import json

from kinerja.career.dossier import STATUS_TEXT, Dossier
from kinerja.model.calendar import PERIOD_LABEL
from kinerja.safe import csv_cell, md_text
from kinerja.score.numbers import as_number, indonesian

_md = md_text


def _d(x) -> str | None:
    return x.isoformat() if x else None


def _label(v: str | None) -> str:
    return v.replace("_", " ") if v else "–"


def to_dict(d: Dossier) -> dict:
    ak = d.angka_kredit
    return {
        "pegawai": d.pegawai,
        "nama": d.nama,
        "status_kepegawaian": d.status_kepegawaian,
        "pendidikan_terakhir": d.pendidikan_terakhir,
        "tmt_golongan": _d(d.tmt_golongan),
        "jabatan": [
            {"mulai": _d(p.mulai), "selesai": _d(p.selesai), "unit": p.unit, "unit_nama": p.unit_nama, "jabatan": p.jabatan,
             "jenis_jabatan": p.jenis_jabatan, "jenjang": p.jenjang, "golongan": p.golongan, "pejabat_penilai": p.pejabat_penilai}
            for p in d.jabatan
        ],
        "predikat": [
            {"tahun": r.tahun, "periode": r.periode, "rencana": r.rencana, "status": r.status, "predikat": r.predikat,
             "predikat_awal": r.predikat_awal, "aturan": r.aturan, "sumber_rating": r.sumber, "file": r.file}
            for r in d.predikat
        ],
        "predikat_tahunan": {str(y): r.predikat for y, r in sorted(d.tahunan.items())},
        "angka_kredit": {
            "jenjang": ak.jenjang,
            "kumulatif_jenjang": as_number(ak.kumulatif_jenjang, 2),
            "kebutuhan_pangkat": ak.kebutuhan_pangkat,
            "kebutuhan_jenjang": ak.kebutuhan_jenjang,
            "verifikasi": ak.verifikasi,
            "rincian": [
                {"tahun": r.tahun, "rencana": r.rencana, "jenjang": r.jenjang, "mulai_bulan": r.mulai_bulan, "bulan": r.bulan,
                 "angka_kredit": as_number(r.angka_kredit, 2), "kumulatif_jenjang": as_number(r.kumulatif_jenjang, 2),
                 "keterangan": r.keterangan}
                for r in ak.rows
            ],
            "catatan": ak.catatan,
        },
        "kenaikan_pangkat": {
            "per": _d(d.kenaikan_pangkat.per),
            "status": d.kenaikan_pangkat.status,
            "golongan_berikut": d.kenaikan_pangkat.golongan_berikut,
            "syarat": [{"syarat": c.nama, "status": c.status, "keterangan": c.keterangan} for c in d.kenaikan_pangkat.syarat],
            "aturan": d.kenaikan_pangkat.aturan,
            "sumber": list(d.kenaikan_pangkat.sumber),
        },
        "pppk": None if d.pppk is None else [
            {"mulai": _d(c.mulai), "selesai": _d(c.selesai), "perpanjangan": c.status, "keterangan": c.keterangan,
             "evaluasi": [{"tahun": r.tahun, "periode": r.periode, "status": r.status, "predikat": r.predikat} for r in c.evaluasi]}
            for c in d.pppk
        ],
    }


def format_json(dossiers: list[Dossier]) -> str:
    return json.dumps({"dossiers": [to_dict(d) for d in dossiers], "summary": summary(dossiers)}, ensure_ascii=False, indent=2) + "\n"


def summary(dossiers: list[Dossier]) -> dict:
    out: dict = {"pegawai": len(dossiers)}
    for d in dossiers:
        out[d.kenaikan_pangkat.status] = out.get(d.kenaikan_pangkat.status, 0) + 1
    return out


def _ak(x) -> str:
    return indonesian(x, 2) if x is not None else "–"


def blocks(d: Dossier, t=lambda s: s) -> list[tuple[str, str]]:
    """The dossier as (kind, text) blocks — "h1", "h2", "p", "li", "li2" — with user text passed
    through `t` (Markdown escaping for Markdown; nothing for text and the PDF, where it is data)."""
    out = [("h1", f"Riwayat kinerja {t(d.nama)} ({d.pegawai})")]
    out.append(("p", "Dokumen pribadi: jangan diterbitkan dan jangan dilampirkan di CI."))
    out.append(("p", f"Status kepegawaian: {d.status_kepegawaian.upper()}; pendidikan terakhir: {t(d.pendidikan_terakhir or 'belum dicatat')}; "
                     f"TMT golongan: {_d(d.tmt_golongan) or 'belum dicatat'}."))
    out.append(("h2", "Jabatan"))
    for p in d.jabatan:
        until = _d(p.selesai) or "sekarang"
        extra = ", ".join(x for x in (_label(p.jenjang) if p.jenjang else None, p.golongan) if x)
        out.append(("li", f"{_d(p.mulai)} s.d. {until}: {t(p.jabatan)}, {t(p.unit_nama)}" + (f" ({t(extra)})" if extra else "")
                    + (f"; pejabat penilai {t(p.pejabat_penilai)}" if p.pejabat_penilai else "")))
    out.append(("h2", "Predikat per periode"))
    if not d.predikat:
        out.append(("p", "Belum ada evaluasi."))
    for r in d.predikat:
        changed = [src for key, src in sorted(r.sumber.items()) if src != r.file]
        note = f" — rating dari {', '.join(t(s) for s in changed)}; semula {_label(r.predikat_awal)}" if changed else ""
        out.append(("li", f"{r.tahun} {PERIOD_LABEL.get(r.periode, r.periode)} ({t(r.rencana)}): {r.status}, "
                          f"{t(r.predikat_label or 'belum ada predikat')} [{r.aturan or '-'}]{note}"))
    ak = d.angka_kredit
    if ak.rows or ak.jenjang:
        out.append(("h2", "Angka kredit (jabatan fungsional)"))
        for r in ak.rows:
            out.append(("li", f"{r.tahun} {t(r.rencana)}: {_label(r.jenjang)}, {r.bulan} bulan dari bulan ke-{r.mulai_bulan}: "
                              f"{_ak(r.angka_kredit)} (kumulatif jenjang {_ak(r.kumulatif_jenjang)}); {t(r.keterangan)}"))
        need = []
        if ak.kebutuhan_pangkat is not None:
            need.append(f"kenaikan pangkat {indonesian(_frac(ak.kebutuhan_pangkat), 2)}")
        if ak.kebutuhan_jenjang is not None:
            need.append(f"kenaikan jenjang {indonesian(_frac(ak.kebutuhan_jenjang), 2)}")
        out.append(("p", f"Kumulatif di jenjang {_label(ak.jenjang)}: {_ak(ak.kumulatif_jenjang)}"
                         + (f"; dibutuhkan untuk {' dan '.join(need)}" if need else "") + (" (kebutuhan belum diverifikasi)" if ak.verifikasi else "") + "."))
        for c in ak.catatan:
            out.append(("li", t(c)))
    e = d.kenaikan_pangkat
    out.append(("h2", f"Kenaikan pangkat reguler per {e.per.isoformat()}: {STATUS_TEXT[e.status]}"))
    for c in e.syarat:
        out.append(("li", f"{c.nama}: {STATUS_TEXT[c.status]} — {t(c.keterangan)}"))
    if e.aturan:
        out.append(("p", f"Aturan: {t(e.aturan)}."))
    if d.pppk is not None:
        out.append(("h2", "Perjanjian kerja PPPK"))
        for c in d.pppk:
            out.append(("li", f"{_d(c.mulai)} s.d. {_d(c.selesai)}: perpanjangan {STATUS_TEXT[c.status]}"
                              + (f" — {'; '.join(t(n) for n in c.keterangan)}" if c.keterangan else "")))
            for r in c.evaluasi:
                out.append(("li2", f"{r.tahun} {PERIOD_LABEL.get(r.periode, r.periode)}: {r.status}, {t(r.predikat_label or '–')}"))
    return out


def _lines(d: Dossier, md: bool) -> list[str]:
    out: list[str] = []
    prev = None
    for kind, text in blocks(d, _md if md else (lambda s: s)):
        if kind in ("h1", "h2"):
            if out and out[-1] != "":
                out.append("")
            out += [("#" * int(kind[1]) + " " + text) if md else text.upper(), ""]
        elif kind == "p":
            if prev in ("p", "li", "li2"):
                out.append("")
            out.append(f"_{text}_" if md and text.startswith("Dokumen pribadi") else text)
        else:
            out.append(("- " if kind == "li" else "  - ") + text)
        prev = kind
    return out


def _frac(x):
    from kinerja.score.numbers import exact

    return exact(x)


def format_dossier(d: Dossier, md: bool = False) -> str:
    return "\n".join(_lines(d, md)) + "\n"


def format_table(dossiers: list[Dossier], md: bool = False, title: str = "") -> str:
    """Who is eligible for kenaikan pangkat reguler on the date, and why not the others."""
    t = _md if md else (lambda s: s)
    per = dossiers[0].kenaikan_pangkat.per.isoformat() if dossiers else "-"
    out = [(f"# " if md else "") + f"Kelayakan kenaikan pangkat reguler per {per}{(' — ' + t(title)) if title else ''}", ""]
    out.append(("_" if md else "") + "Laporan pribadi: jangan diterbitkan dan jangan dilampirkan di CI." + ("_" if md else ""))
    out.append("")
    order = {"memenuhi": 0, "tidak_dapat_ditentukan": 1, "tidak_memenuhi": 2, "tidak_berlaku": 3}
    if md:
        out += ["| Pegawai | Nama | Status | Yang kurang |", "|---|---|---|---|"]
    for d in sorted(dossiers, key=lambda d: (order[d.kenaikan_pangkat.status], d.pegawai)):
        why = "; ".join(d.kenaikan_pangkat.kurang) or "–"
        if md:
            out.append(f"| {t(d.pegawai)} | {t(d.nama)} | {STATUS_TEXT[d.kenaikan_pangkat.status]} | {t(why)} |")
        else:
            out.append(f"{d.pegawai}  {d.nama[:40]}  {STATUS_TEXT[d.kenaikan_pangkat.status]}  {why}")
    s = summary(dossiers)
    out += ["", f"{s['pegawai']} pegawai: " + ", ".join(f"{s.get(k, 0)} {STATUS_TEXT[k]}" for k in order) + "."]
    return "\n".join(out) + "\n"


# --- SIASN / e-Kinerja export ------------------------------------------------------------------

# The documented layout (site/panduan/admin.md, "Ekspor predikat untuk SIASN"): one row per
# person and period, final evaluations only.
SIASN_COLUMNS = [
    "nip", "pegawai", "nama", "tahun", "periode", "jenis_periode", "tanggal_mulai", "tanggal_selesai",
    "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "predikat_label", "pejabat_penilai", "dasar",
]


def format_siasn_csv(repo, dossiers: list[Dossier], facts_by_file: dict) -> str:
    from kinerja.model.calendar import period_range

    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(SIASN_COLUMNS)
    for d in sorted(dossiers, key=lambda d: d.pegawai):
        person = repo.people.get(d.pegawai)
        for r in d.predikat:
            if r.status != "final" or r.predikat is None:
                continue
            f = facts_by_file[r.file]
            start, end = period_range(r.tahun, r.periode)
            plan = repo.plan(r.tahun, r.rencana)
            if plan is not None:
                start, end = max(start, plan.mulai), min(end, plan.selesai)
            dasar = " | ".join(sorted(set(r.sumber.values())))
            w.writerow([csv_cell(x) for x in (
                person.nip if person and person.nip else "", d.pegawai, d.nama, r.tahun, r.periode,
                "tahunan" if r.periode == "triwulan_4" else "periodik", start.isoformat(), end.isoformat(),
                f.rating_hasil_kerja or "", f.rating_perilaku_kerja or "", r.predikat, r.predikat_label or "", f.penilai, dasar,
            )])
    return buf.getvalue()
