"""The one sticky PR comment: what the penilai judges (the digest of changed plans and
evaluations), and the verdicts of check-change, check-approval and validation, in plain
Indonesian, updated in place by the workflow (found by its first-line marker).

Inputs are the JSON reports the checks wrote; any of them may be missing (a step that did
not run). User text (file names, values quoted in messages, plan and evaluation text) is
escaped so it cannot add links, images, HTML or mentions. The body stays under GitHub's
65,536-character limit. The comment is a list of small section functions (`SECTIONS`), each
`(reports) -> list of lines`; a new section is one more function.
"""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.findings import CODES
from kinerja.model.calendar import PERIOD_LABEL
from kinerja.review.report import code, md

MARKER = "<!-- kinerja-terbuka:pemeriksaan -->"
LIMIT = 60_000  # GitHub refuses comments above 65,536 characters
MAX_ITEMS = 30
MAX_ROWS = 60
GUIDE_PAGE = "panduan/pesan/"  # site/panduan/pesan.md: one entry per finding code


@dataclass
class Reports:
    change: dict | None = None
    approval: dict | None = None
    validation: dict | None = None
    digest: dict | None = None
    guide_url: str | None = None  # where site/panduan/pesan.md is published (ends with /)
    suara: list | None = None  # complaints and surveys about the services the changed people answer for


def _status(ok: bool | None) -> str:
    return "✅" if ok else ("❔" if ok is None else "❌")


def code_link(c: str, guide_url: str | None) -> str:
    """A finding code, linked to its entry in "Membaca pesan CI" (its heading's anchor)."""
    if c not in CODES:
        return code(c)
    return f"[`{c}`]({guide_url}#{c})" if guide_url else code(c)


def _changed(r: Reports) -> set[str]:
    return {d["file"] for d in (r.change or {}).get("decisions", [])}


def _findings(r: Reports) -> tuple[list, list]:
    changed = _changed(r)
    found = [f for f in (r.validation or {}).get("findings", []) if not changed or f.get("file") in changed]
    return [f for f in found if f.get("severity") == "error"], [f for f in found if f.get("severity") != "error"]


# --- sections -------------------------------------------------------------------------------------


def header(r: Reports) -> list[str]:
    out = [MARKER, "## Hasil pemeriksaan otomatis", ""]
    if r.change:
        actor = r.change.get("actor", {})
        who = f"pegawai {md(str(actor.get('pegawai')))}" if actor.get("pegawai") else "akun tidak terdaftar"
        out += [f"Commit {code(str(r.change.get('head', ''))[:7])} · pembuat usulan {code(str(actor.get('login', '')))} ({who})", ""]
    return out


def summary_table(r: Reports) -> list[str]:
    errors, warnings = _findings(r)
    out = ["| Pemeriksaan | Hasil |", "|---|---|"]
    if r.change is None:
        out.append("| Hak ubah | ❔ tidak berjalan (lihat log job) |")
    else:
        refused = [d for d in r.change["decisions"] if not d["allowed"]]
        text = f"{len(refused)} berkas ditolak" if refused else f"semua {len(r.change['decisions'])} berkas boleh diubah"
        out.append(f"| Hak ubah | {_status(not refused)} {text} |")
    if r.validation is None:
        out.append("| Validasi | ❔ tidak berjalan (lihat log job) |")
    else:
        out.append(f"| Validasi | {_status(not errors)} {len(errors)} kesalahan, {len(warnings)} peringatan di berkas yang berubah |")
    if r.approval is None:
        out.append("| Persetujuan | ❔ tidak berjalan (lihat log job) |")
    else:
        out.append(f"| Persetujuan | {'✅' if r.approval.get('ok') else '⏳'} {md(r.approval.get('sentence', ''))} |")
    return out + [""]


def _num(x) -> str:
    if x is None:
        return "–"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x).replace(".", ",")


def _source(rel: str | None, own: str) -> str:
    return "" if not rel or rel == own else f" (dari {code(rel)})"


def evaluation_section(d: dict, guide_url: str | None) -> list[str]:
    who = md(d.get("nama") or d["pegawai"])
    label = f"{PERIOD_LABEL.get(d['periode'], d['periode'])} {d['tahun']}"
    out = [f"### Evaluasi {md(label)}: {who} ({code(d['pegawai'])})", "",
           f"Berkas {code(d['file'])} · status {md(d['status'])} · pejabat penilai {md(d.get('nama_penilai') or d['pejabat_penilai'])}", "",
           "| RHK | IKI | Target | Realisasi | Capaian | Bukti dukung | Rating RHK |", "|---|---|---|---|---|---|---|"]
    for row in d["rows"][:MAX_ROWS]:
        rhk = f"{code(row['rhk'])} ({md(row['rhk_jenis'])}) {md(row['rhk_uraian'], 160)}" if row.get("rhk_uraian") else code(row["rhk"])
        real = "belum dilaporkan" if row.get("realisasi") is None else md(_num(row["realisasi"]), 160)
        if row.get("jenis_realisasi") and row.get("realisasi") is not None:
            real += f" ({md(row['jenis_realisasi'])})"
        cap = f"{_num(row['capaian_persen'])}%" if row.get("capaian_persen") is not None else md(row.get("capaian_keterangan") or "–")
        bukti = "" if row.get("bukti_publik") is None else f"{row['bukti_publik'] + row['bukti_tidak_publik']} ({row['bukti_publik']} publik, {row['bukti_tidak_publik']} tidak)"
        rating = "" if row.get("rating_sumber") is None else (md(row.get("rating") or "belum diberi") + _source(row["rating_sumber"], d["file"]))
        out.append(f"| {rhk} | {code(row['iki'])} {md(row['iki_uraian'], 160)} | {md(row.get('target') or '–')} | {real} | {cap} | {bukti} | {rating} |")
    if len(d["rows"]) > MAX_ROWS:
        out.append(f"| … dan {len(d['rows']) - MAX_ROWS} IKI lain | | | | | | |")
    src = d.get("sumber_rating", {})
    out += ["",
            f"- Rating hasil kerja: **{md(d.get('rating_hasil_kerja') or 'belum diberi')}**{_source(src.get('rating_hasil_kerja'), d['file'])}",
            f"- Rating perilaku kerja: **{md(d.get('rating_perilaku_kerja') or 'belum diberi')}**{_source(src.get('rating_perilaku_kerja'), d['file'])}",
            f"- Predikat (dihitung dari kedua rating menurut kuadran, tidak ditulis tangan): **{md(d.get('predikat') or 'belum dapat dihitung')}**"]
    notes = []
    for w in d.get("warnings", [])[:MAX_ITEMS]:
        where = f"baris {w['line']}: " if w.get("line") else ""
        word = "kesalahan" if w.get("severity") == "error" else "peringatan"
        notes.append(f"- {word} {code_link(w['code'], guide_url)}: {where}{md(w['message'], 500)}")
    k = d.get("kurva")
    if k:
        spread = ", ".join(f"{md(name)} {n}" for name, n in k["sebaran"].items() if n)
        notes.append(f"- Sebaran predikat {md(k['nama'])} pada periode ini ({k['final']} dari {k['pegawai']} evaluasi final): "
                     f"{spread or 'belum ada'}.")
        for p in k["pelanggaran"][:5]:
            notes.append(f"- peringatan {code_link('score-curve', guide_url)}: {md(p, 400)}")
        if k["status"] == "terlalu_kecil":
            notes.append("- Kelompok terlalu kecil untuk menilai pola kurva.")
    if notes:
        out += ["", "Yang perlu dipertimbangkan sebelum memutus:", ""] + notes
    return out + [""]


def plan_section(d: dict) -> list[str]:
    out = [f"### Rencana {d['tahun']}: {md(d.get('nama') or d['pegawai'])} ({code(d['pegawai'])})", "",
           f"Berkas {code(d['file'])} · status {md(d['status'])} · pendekatan {md(d['pendekatan'])}"
           + (f" · jabatan {md(d['jabatan'])}" if d.get("jabatan") else ""), "",
           "| RHK | IKI dan target | RHK atasan yang diintervensi |", "|---|---|---|"]
    for row in d["rows"][:MAX_ROWS]:
        ikis = "<br>".join(
            f"{code(k['id'])} {md(k['uraian'], 160)}: {md(k['target'])}"
            + (f" ({md(k['jenis_realisasi'])}" + (", lebih kecil lebih baik" if k["lebih_kecil_lebih_baik"] else "") + ")" if k.get("jenis_realisasi") else "")
            for k in row["iki"])
        if row.get("intervensi"):
            link = f"{code(row['intervensi'])}: {md(row['intervensi_teks'], 200)}" if row.get("intervensi_teks") else \
                f"{code(row['intervensi'])} (belum ada di rencana atasan)"
        elif row.get("sasaran"):
            link = f"sasaran {code(row['sasaran'])}"
        else:
            link = "–"
        out.append(f"| {code(row['rhk'])} ({md(row['jenis'])}) {md(row['uraian'], 200)} | {ikis} | {link} |")
    return out + [""]


def digest_sections(r: Reports) -> list[str]:
    if not r.digest:
        return []
    out = []
    for d in r.digest.get("evaluations", []):
        out += evaluation_section(d, r.guide_url)
    for d in r.digest.get("plans", []):
        out += plan_section(d)
    return out


def refused_section(r: Reports) -> list[str]:
    refused = [d for d in (r.change or {}).get("decisions", []) if not d["allowed"]]
    if not refused:
        return []
    out = ["### Berkas yang tidak boleh diubah oleh pembuat usulan", ""]
    for d in refused[:MAX_ITEMS]:
        out.append(f"- ❌ {code(d['file'])} {code_link(d.get('code', ''), r.guide_url)}: {md(d['message'], 700)}")
    if len(refused) > MAX_ITEMS:
        out.append(f"- … dan {len(refused) - MAX_ITEMS} berkas lain (lihat artefak laporan-pemeriksaan).")
    return out + [""]


def approvals_section(r: Reports) -> list[str]:
    if not (r.approval and r.approval.get("approvals")):
        return []
    out = ["### Persetujuan yang diperlukan", ""]
    for a in r.approval["approvals"][:MAX_ITEMS]:
        files = ", ".join(code(f) for f in a.get("files", [])[:3]) + (" …" if len(a.get("files", [])) > 3 else "")
        out.append(f"- {'✅' if a.get('ok') else '⏳'} {md(a.get('message', ''), 700)} ({files})")
    return out + [""]


def findings_section(r: Reports) -> list[str]:
    errors, warnings = _findings(r)
    found = errors + warnings
    if not found:
        return []
    out = ["### Temuan validasi", ""]
    for f in found[:MAX_ITEMS]:
        where = f["file"] + (f":{f['line']}" if f.get("line") else "")
        word = "kesalahan" if f.get("severity") == "error" else "peringatan"
        title = CODES.get(f.get("code", ""), "")
        out.append(f"- {code(where)} {word} {code_link(f.get('code', ''), r.guide_url)} **{md(title)}**: {md(f.get('message', ''), 700)}")
    if len(found) > MAX_ITEMS:
        out.append(f"- … dan {len(found) - MAX_ITEMS} temuan lain (anotasi di tab Files changed dan artefak JSON).")
    return out + [""]


def footer(r: Reports) -> list[str]:
    where = f"[Panduan > Membaca pesan CI]({r.guide_url})" if r.guide_url else "Panduan > Membaca pesan CI (site/panduan/pesan.md)"
    return [f"Cara membaca dan memperbaiki pesan ini: {where}; setiap kode temuan menaut ke penjelasannya. "
            "Komentar ini diperbarui otomatis setiap ada commit atau tinjauan baru."]


def suara_section(r: "Reports") -> list[str]:
    """Complaints and survey results for the evaluated person's RHK/IKI that answer for a
    public service (private: the PR is seen only by repository members)."""
    suara = r.suara
    if not suara:
        return []
    out = ["### Suara publik: pengaduan dan survei layanan", "",
           "RHK/IKI berikut menjawab layanan publik. Pertimbangkan pengaduan ini dalam umpan balik RHK-nya, dan "
           "sebut nomornya di pengaduan_ditanggapi evaluasi akhir.", ""]
    for item in suara[:MAX_ITEMS]:
        target = md(str(item.get("rhk", ""))) + (f"/{md(str(item['iki']))}" if item.get("iki") else "")
        out.append(f"**{md(str(item.get('pegawai', '')))} · {target}** menjawab layanan {md(str(item.get('layanan', '')))} "
                   f"({md(str(item.get('unit_nama', '')))}), berkas {code(str(item.get('file', '')))}")
        out.append("")
        complaints = item.get("pengaduan") or []
        if complaints:
            out += ["| Nomor | Diterima | Kategori | Status | Hari kerja sampai ditanggapi | Tindak lanjut |", "|---|---|---|---|---|---|"]
            for k in complaints[:MAX_ITEMS]:
                days = "belum" if k.get("hari_tanggapan") is None else str(k["hari_tanggapan"])
                follow = "; ".join(md(str(t), 200) for t in k.get("tindak_lanjut", [])[:3]) or "belum ada"
                out.append(f"| {code(str(k.get('nomor', '')))} | {md(str(k.get('diterima', '')))} | {md(str(k.get('kategori', '')))} "
                           f"| {md(str(k.get('status', '')))} | {days} | {follow} |")
        else:
            out.append("Tidak ada pengaduan tentang layanan ini pada periode evaluasi.")
        sv = item.get("survei")
        if sv:
            flag = " (rumus belum diverifikasi)" if sv.get("belum_diverifikasi") else ""
            out.append("")
            out.append(f"Survei kepuasan {md(str(sv.get('periode', '')))}: IKM {md(str(sv.get('ikm', '')))}, mutu "
                       f"{md(str(sv.get('mutu', '')))} ({md(str(sv.get('kinerja', '')))}), {sv.get('responden', 0)} responden{flag}.")
        out.append("")
    return out


SECTIONS = [header, summary_table, digest_sections, refused_section, approvals_section, findings_section, suara_section, footer]


def _cut(text: str) -> str:
    if len(text) > LIMIT:
        text = text[: LIMIT - 200].rsplit("\n", 1)[0] + "\n\n… (dipotong; laporan lengkap ada di artefak laporan-pemeriksaan)\n"
    return text


def render(change: dict | None, approval: dict | None, validation: dict | None, digest: dict | None = None,
           guide_url: str | None = None, suara: list | None = None) -> str:
    r = Reports(change, approval, validation, digest, guide_url, suara)
    out: list[str] = []
    for section in SECTIONS:
        out += section(r)
    return _cut("\n".join(out) + "\n")


def render_summary(digest: dict | None, guide_url: str | None = None) -> str:
    """The job summary: the same digest sections, without the marker and the verdicts."""
    r = Reports(digest=digest, guide_url=guide_url)
    lines = ["## Yang dinilai dalam usulan ini", ""] + (digest_sections(r) or ["Tidak ada rencana atau evaluasi yang berubah.", ""])
    return _cut("\n".join(lines) + "\n")
