"""The career dossier as a PDF (`kinerja career --pegawai ID --format pdf`): the same blocks as
the text and Markdown dossier (career/render.py `blocks`), laid out by Typst with the shipped
fonts (documents/render.py). User text goes in as data, never as markup. Private: written only
to a new local file, never beside the site.

The dossier is a working view for BKPSDM and the person, not an official form: it carries no
integrity QR code (`kinerja print --verify` covers the official documents only), and it says
so on the page.
"""

from __future__ import annotations

from datetime import datetime, time, timezone

from kinerja.career.dossier import Dossier
from kinerja.career.render import blocks

TEMPLATE = "karier.typ"


def data(d: Dossier, instansi: str) -> dict:
    parts = blocks(d)
    title = parts[0][1]
    sections: list[dict] = [{"judul": "", "isi": []}]
    for kind, text in parts[1:]:
        if kind == "h2":
            sections.append({"judul": text, "isi": []})
        else:
            sections[-1]["isi"].append({"jenis": kind, "teks": text})
    return {
        "instansi": instansi.upper(),
        "judul_dokumen": "Riwayat Kinerja Pegawai",
        "judul": title,
        "per": d.kenaikan_pangkat.per.isoformat(),
        "bagian": [s for s in sections if s["judul"] or s["isi"]],
    }


def pdf(d: Dossier, instansi: str) -> tuple[bytes, set[str]]:
    """(PDF bytes, characters no shipped font has); the same dossier and date give the same bytes."""
    from kinerja.documents.render import cover, render_pdf

    missing: set[str] = set()
    shown = cover(data(d, instansi), missing)
    epoch = int(datetime.combine(d.kenaikan_pangkat.per, time(0), timezone.utc).timestamp())
    return render_pdf(TEMPLATE, shown, None, epoch), missing
