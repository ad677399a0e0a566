"""A plan written back as the "Ajukan SKP" form's text: field id -> value, in the line formats
of `lineformat` (the inverse of the conversion in `convert.py`).

Used to pre-fill the form for a revision and to test that a round trip form -> YAML -> form
keeps every value. Targets are written in the one target grammar (`model.target.render`), so
`1000` comes back as `1.000` and reads again as 1000. A value a form line cannot carry (a `|`
inside a cell, a line break inside an RHK's uraian) raises `NotRepresentable` instead of
being changed.
"""

from __future__ import annotations

from datetime import date

from kinerja.model.target import Target, render
from kinerja.review.lineformat import BULLET

# what a form line carries; a plan using any other key (berlaku_mulai, jenis_realisasi, ...) is
# not turned into form text, because the form would drop it
RHK_KEYS = {"id", "jenis", "uraian", "intervensi", "sasaran", "perspektif", "indikator"}
IKI_KEYS = {"id", "aspek", "uraian", "target", "lebih_kecil_lebih_baik"}
STATUS_OPTION = {"disetujui": "Ya, minta persetujuan pejabat penilai (disetujui)", "draf": "Belum, simpan sebagai draf"}
LAMPIRAN_KEYS = ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")


class NotRepresentable(ValueError):
    """A value the form's line format cannot carry as written."""


def _cell(value, what: str) -> str:
    text = "" if value is None else str(value)
    if "|" in text or "\n" in text or "\r" in text or text != text.strip():
        raise NotRepresentable(f"{what} {text!r} tidak dapat ditulis sebagai satu kolom formulir.")
    return text


def _line(value, what: str) -> str:
    text = str(value)
    if "\n" in text or "\r" in text or text != text.strip() or not text or BULLET.match(text):
        raise NotRepresentable(f"{what} {text!r} tidak dapat ditulis sebagai satu baris formulir.")
    return text


def target_text(iki: dict, kualitatif: bool) -> str:
    t = iki.get("target")
    if kualitatif or isinstance(t, str):
        return _cell(t, "target")
    if not isinstance(t, dict):
        raise NotRepresentable("IKI tanpa target tidak dapat ditulis di formulir.")
    lower = bool(iki.get("lebih_kecil_lebih_baik"))
    return _cell(render(Target(t["satuan"], nilai=t.get("nilai"), min=t.get("min"), maks=t.get("maks"),
                               lower_is_better=lower)), "target")


def skp_fields(plan: dict) -> dict[str, str]:
    """The form's fields for a plan (as loaded from YAML)."""
    kualitatif = plan.get("pendekatan") == "kualitatif"
    start = str(plan["periode"]["mulai"])
    rhk_lines, iki_lines = [], []
    for r in plan["hasil_kerja"]:
        extra = sorted(set(r) - RHK_KEYS) + sorted({k for i in r["indikator"] for k in i} - IKI_KEYS)
        if extra:
            raise NotRepresentable(f"RHK {r['id']} memakai {', '.join(extra)}, yang tidak ada di formulir; sunting berkasnya langsung.")
        link = r.get("intervensi") or r.get("sasaran") or "-"
        cells = [_cell(r["id"], "id RHK"), _cell(r["jenis"], "jenis"), _cell(r["uraian"], "uraian RHK"), _cell(link, "tautan")]
        if r.get("perspektif"):
            cells.append(_cell(r["perspektif"], "perspektif"))
        rhk_lines.append(" | ".join(cells))
        for k in r["indikator"]:
            iki_lines.append(" | ".join([r["id"], _cell(k["id"], "id IKI"), _cell(k.get("aspek") or "-", "aspek"),
                                         _cell(k["uraian"], "uraian IKI"), target_text(k, kualitatif)]))
    fields = {
        "tahun": str(plan["tahun"]),
        "mulai": "" if start == date(int(plan["tahun"]), 1, 1).isoformat() else start,
        "pendekatan": plan.get("pendekatan", "kuantitatif"),
        "status": STATUS_OPTION[plan.get("status", "draf")],
        "rhk": "\n".join(rhk_lines),
        "iki": "\n".join(iki_lines),
        "perilaku": "\n".join(f"{k} | {_cell(v['ekspektasi_khusus'], 'ekspektasi')}"
                              for k, v in (plan.get("perilaku_kerja") or {}).items() if v.get("ekspektasi_khusus")),
    }
    for key in LAMPIRAN_KEYS:
        fields[key] = "\n".join(_line(x, key) for x in (plan.get("lampiran") or {}).get(key, []))
    fields["catatan"] = plan.get("catatan") or ""
    return fields
