"""The one sticky PR comment: the verdicts of check-change, check-approval and validation
in plain Indonesian, updated in place by the workflow (found by its first-line marker).

Inputs are the JSON reports the checks wrote; any of them may be missing (a step that did
not run). User text (file names, values quoted in messages) is escaped so it cannot add
links, images, HTML or mentions. The body stays under GitHub's 65,536-character limit.
"""

from __future__ import annotations

from kinerja.findings import CODES
from kinerja.review.report import code, md

MARKER = "<!-- kinerja-terbuka:pemeriksaan -->"
LIMIT = 60_000  # GitHub refuses comments above 65,536 characters
MAX_ITEMS = 30


def _status(ok: bool | None) -> str:
    return "✅" if ok else ("❔" if ok is None else "❌")


def suara_section(suara: list[dict] | None) -> list[str]:
    """Complaints and survey results for the evaluated person's RHK/IKI that answer for a
    public service (private: the PR is seen only by repository members)."""
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


def render(change: dict | None, approval: dict | None, validation: dict | None, suara: list[dict] | None = None) -> str:
    out = [MARKER, "## Hasil pemeriksaan otomatis", ""]
    if change:
        actor = change.get("actor", {})
        who = f"pegawai {md(str(actor.get('pegawai')))}" if actor.get("pegawai") else "akun tidak terdaftar"
        out.append(f"Commit {code(str(change.get('head', ''))[:7])} · pembuat usulan {code(str(actor.get('login', '')))} ({who})")
        out.append("")
    changed = {d["file"] for d in (change or {}).get("decisions", [])}
    v_findings = [f for f in (validation or {}).get("findings", []) if not changed or f.get("file") in changed]
    errors = [f for f in v_findings if f.get("severity") == "error"]
    warnings = [f for f in v_findings if f.get("severity") != "error"]

    out += ["| Pemeriksaan | Hasil |", "|---|---|"]
    if change is None:
        out.append("| Hak ubah | ❔ tidak berjalan (lihat log job) |")
    else:
        refused = [d for d in change["decisions"] if not d["allowed"]]
        text = f"{len(refused)} berkas ditolak" if refused else f"semua {len(change['decisions'])} berkas boleh diubah"
        out.append(f"| Hak ubah | {_status(not refused)} {text} |")
    if validation is None:
        out.append("| Validasi | ❔ tidak berjalan (lihat log job) |")
    else:
        out.append(f"| Validasi | {_status(not errors)} {len(errors)} kesalahan, {len(warnings)} peringatan di berkas yang berubah |")
    if approval is None:
        out.append("| Persetujuan | ❔ tidak berjalan (lihat log job) |")
    else:
        out.append(f"| Persetujuan | {'✅' if approval.get('ok') else '⏳'} {md(approval.get('sentence', ''))} |")
    out.append("")

    if change and any(not d["allowed"] for d in change["decisions"]):
        out += ["### Berkas yang tidak boleh diubah oleh pembuat usulan", ""]
        refused = [d for d in change["decisions"] if not d["allowed"]]
        for d in refused[:MAX_ITEMS]:
            out.append(f"- ❌ {code(d['file'])}: {md(d['message'], 700)}")
        if len(refused) > MAX_ITEMS:
            out.append(f"- … dan {len(refused) - MAX_ITEMS} berkas lain (lihat artefak laporan-pemeriksaan).")
        out.append("")
    if approval and approval.get("approvals"):
        out += ["### Persetujuan yang diperlukan", ""]
        for a in approval["approvals"][:MAX_ITEMS]:
            files = ", ".join(code(f) for f in a.get("files", [])[:3]) + (" …" if len(a.get("files", [])) > 3 else "")
            out.append(f"- {'✅' if a.get('ok') else '⏳'} {md(a.get('message', ''), 700)} ({files})")
        out.append("")
    if v_findings:
        out += ["### Temuan validasi", ""]
        for f in (errors + warnings)[:MAX_ITEMS]:
            where = f["file"] + (f":{f['line']}" if f.get("line") else "")
            word = "kesalahan" if f.get("severity") == "error" else "peringatan"
            title = CODES.get(f.get("code", ""), "")
            out.append(f"- {code(where)} {word} **{md(title)}**: {md(f.get('message', ''), 700)}")
        if len(v_findings) > MAX_ITEMS:
            out.append(f"- … dan {len(v_findings) - MAX_ITEMS} temuan lain (anotasi di tab Files changed dan artefak JSON).")
        out.append("")
    out += suara_section(suara)
    out += [
        "Ringkasan skor berkas yang berubah ada di ringkasan job (Actions > job \"Periksa usulan\" > Summary).",
        "Cara membaca dan memperbaiki pesan ini: Panduan > Membaca pesan CI. Komentar ini diperbarui otomatis "
        "setiap ada commit atau tinjauan baru.",
    ]
    text = "\n".join(out) + "\n"
    if len(text) > LIMIT:
        text = text[: LIMIT - 200].rsplit("\n", 1)[0] + "\n\n… (dipotong; laporan lengkap ada di artefak laporan-pemeriksaan)\n"
    return text
