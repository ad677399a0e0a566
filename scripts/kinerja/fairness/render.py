"""Fairness output: text, JSON, Markdown. Deterministic; user text escaped in Markdown."""

from __future__ import annotations

import json

from kinerja.fairness.indicators import evidence_share
from kinerja.fairness.report import FairnessReport, Group, PeriodReport
from kinerja.model.calendar import PERIOD_LABEL
from kinerja.safe import md_text
from kinerja.score.numbers import as_number, indonesian

FLAG_TEXT = {"lunak": "longgar (leniency)", "terpusat": "ke tengah (central tendency)", "selisih": "di atas predikat organisasi"}


def flags(g: Group) -> list[str]:
    out = []
    if g.lunak_bendera:
        out.append("lunak")
    if g.terpusat_bendera:
        out.append("terpusat")
    if g.selisih_bendera:
        out.append("selisih")
    return out


def _pct(x) -> str:
    return indonesian(x * 100, 1, "%") if x is not None else "–"


def _num(x, places=1) -> str:
    return indonesian(x, places) if x is not None else "–"


def _group_dict(g: Group, order: list[str]) -> dict:
    return {
        "id": g.id,
        "nama": g.nama,
        "kelompok": g.unit,
        "dinilai": g.dinilai,
        "terlalu_kecil": g.terlalu_kecil,
        "sebaran_predikat": {p: g.sebaran.get(p, 0) for p in order},
        "sebaran_predikat_sebelum_kalibrasi": {p: g.sebaran_awal.get(p, 0) for p in order},
        "sebaran_rating_hasil_kerja": dict(sorted(g.rating_hasil_kerja.items())),
        "sebaran_rating_perilaku_kerja": dict(sorted(g.rating_perilaku_kerja.items())),
        "lunak_poin": as_number(g.lunak, 1),
        "terpusat_persen": as_number(g.terpusat, 1),
        "predikat_organisasi": g.predikat_organisasi,
        "selisih_organisasi": as_number(g.selisih_organisasi, 2),
        "di_atas_ekspektasi": g.di_atas,
        "di_atas_berbukti": g.di_atas_berbukti,
        "di_atas_berbukti_persen": as_number(evidence_share(g.di_atas, g.di_atas_berbukti) * 100, 1) if g.di_atas else None,
        "tepat_waktu_persen": as_number(g.tepat_waktu * 100 if g.tepat_waktu is not None else None, 1),
        "median_hari_sampai_final": as_number(g.median_hari, 1),
        "bendera": flags(g),
    }


def format_json(r: FairnessReport) -> str:
    doc = {"periods": [], "git": r.git, "catatan": r.catatan}
    for p in r.periods:
        order = [pid for pid, _ in p.predikat]
        doc["periods"].append({
            "tahun": p.tahun, "periode": p.periode, "aturan": p.aturan, "ambang": p.ambang, "batas_hari_final": p.batas_hari,
            "kabupaten": _group_dict(p.kabupaten, order),
            "penilai": [_group_dict(g, order) for g in p.penilai],
            "units": [_group_dict(g, order) for g in p.units],
        })
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"


def _dist(g: Group, labels: list[tuple[str, str]], before: bool = False) -> str:
    counts = g.sebaran_awal if before else g.sebaran
    total = sum(counts.values())
    return ", ".join(f"{label} {counts.get(pid, 0)}" for pid, label in labels if counts.get(pid)) + f" (n={total})" if total else "–"


def _period_lines(p: PeriodReport, md: bool) -> list[str]:
    t = md_text if md else (lambda s: str(s))
    labels = p.predikat[::-1]
    units = {g.id: g for g in p.units}
    out = [("## " if md else "") + f"{p.tahun} {PERIOD_LABEL.get(p.periode, p.periode)} ({p.aturan})", ""]
    out.append(f"Kabupaten: {_dist(p.kabupaten, labels)}; sebelum kalibrasi: {_dist(p.kabupaten, labels, True)}.")
    if p.git:
        out.append(f"Final tepat waktu (≤ {p.batas_hari} hari setelah periode): {_pct(p.kabupaten.tepat_waktu)}; "
                   f"median {_num(p.kabupaten.median_hari)} hari sampai final.")
    out += ["", ("### " if md else "") + f"Pejabat penilai (indikator bila menilai sedikitnya {p.ambang['penilai_minimum_dinilai']} pegawai)", ""]
    rows = []
    for g in sorted(p.penilai, key=lambda g: (-len(flags(g)), g.id)):
        if g.terlalu_kecil:
            continue
        unit = units.get(g.unit)
        rows.append([t(g.id), t(g.nama), str(g.dinilai), _dist(g, labels), _dist(unit, labels) if unit else "–",
                     _num(g.lunak), _pct(g.terpusat / 100 if g.terpusat is not None else None),
                     _pct(evidence_share(g.di_atas, g.di_atas_berbukti)),
                     ", ".join(FLAG_TEXT[f] for f in flags(g)) or "–"])
    small = sum(1 for g in p.penilai if g.terlalu_kecil)
    head = ["Penilai", "Nama", "Dinilai", "Predikat diberikan", "Kelompok", "Lunak (poin)", "Baik", "Di atas berbukti", "Bendera"]
    out += _table(head, rows, md)
    if small:
        out.append("")
        out.append(f"{small} pejabat penilai menilai terlalu sedikit pegawai untuk diberi indikator.")
    out += ["", ("### " if md else "") + "Kelompok penilaian", ""]
    rows = []
    for g in p.units:
        rows.append([t(g.id), t(g.nama), str(g.dinilai), t((g.predikat_organisasi or "–").replace("_", " ")), _dist(g, labels),
                     _dist(g, labels, True), _num(g.selisih_organisasi, 2),
                     _pct(g.tepat_waktu) if p.git else "–", ", ".join(FLAG_TEXT[f] for f in flags(g)) or ("terlalu kecil" if g.terlalu_kecil else "–")])
    out += _table(["Unit", "Nama", "Dinilai", "Predikat org.", "Sesudah kalibrasi", "Sebelum kalibrasi", "Selisih org.", "Tepat waktu", "Bendera"], rows, md)
    return out


def _table(head: list[str], rows: list[list[str]], md: bool) -> list[str]:
    if md:
        return ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in rows]
    return ["  ".join(head)] + ["  ".join(r) for r in rows]


def format_text(r: FairnessReport, md: bool = False) -> str:
    out = [("# " if md else "") + "Laporan keadilan penilaian", ""]
    out.append(("_" if md else "") + "Laporan pribadi (menyebut pejabat penilai): jangan diterbitkan dan jangan dilampirkan di CI." + ("_" if md else ""))
    out.append("")
    for note in r.catatan:
        out.append(f"- {md_text(note) if md else note}")
    if r.catatan:
        out.append("")
    for p in r.periods:
        out += _period_lines(p, md) + [""]
    if not r.periods:
        out.append("Tidak ada evaluasi final pada pilihan ini.")
    return "\n".join(out) + "\n"
