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


def render(change: dict | None, approval: dict | None, validation: dict | None) -> str:
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
    out += [
        "Ringkasan skor berkas yang berubah ada di ringkasan job (Actions > job \"Periksa usulan\" > Summary).",
        "Cara membaca dan memperbaiki pesan ini: Panduan > Membaca pesan CI. Komentar ini diperbarui otomatis "
        "setiap ada commit atau tinjauan baru.",
    ]
    text = "\n".join(out) + "\n"
    if len(text) > LIMIT:
        text = text[: LIMIT - 200].rsplit("\n", 1)[0] + "\n\n… (dipotong; laporan lengkap ada di artefak laporan-pemeriksaan)\n"
    return text
