"""`kinerja export`: the current people and units in the import's columns.

One row per person (the latest assignment: the one that starts last) and one per unit, so
that export -> edit in a spreadsheet -> import changes only what was edited. Cells that
start like a formula are written with a leading apostrophe (the import reads it back as
text). The NIP is never written unless the regency's configuration keeps NIPs in clear.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.orgio.columns import PEOPLE_COLUMNS, PEOPLE_SHEET, UNIT_COLUMNS, UNIT_SHEET
from kinerja.orgio.state import OrgState, load_state
from kinerja.orgio.table import FORMULA_START


@dataclass
class Export:
    people: list[list] = field(default_factory=list)
    units: list[list] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Indonesian lines: files left out and why


def _bool(value):
    return None if value is None else ("ya" if value is True else "tidak" if value is False else value)


def _latest(assignments) -> dict | None:
    items = [a for a in assignments or () if isinstance(a, dict)]
    if not items:
        return None
    return max(enumerate(items), key=lambda ia: (str(ia[1].get("mulai", "")), ia[0]))[1]


def collect(state: OrgState) -> Export:
    out = Export()
    units = state.units()
    mode = (state.regency or {}).get("impor_nip", "sidik")
    for pd, f in sorted(state.unit_files.items()):
        if f.data is None:
            out.skipped.append(f"{f.rel} dilewati: {f.problem}")
            continue
        rows = [(f.data, None)] + [(s, f.data.get("id")) for s in f.data.get("sub_unit") or () if isinstance(s, dict)]
        for u, parent in rows:
            values = {
                "id_unit": u.get("id"), "nama": u.get("nama"), "jenis": u.get("jenis"),
                "induk": None if parent is None else u.get("induk"),
                "kode_unit_siasn": u.get("kode_unit_siasn"), "jabatan_kepala": u.get("jabatan_kepala"),
                "jenis_jabatan_kepala": u.get("jenis_jabatan_kepala"), "singkatan": u.get("singkatan") if parent is None else None,
                "hasil_organisasi": _bool(u.get("hasil_organisasi")), "layanan_publik": u.get("layanan_publik"),
                "dibubarkan": u.get("dibubarkan"),
            }
            out.units.append([values[c.name] for c in UNIT_COLUMNS])
    for pid, f in sorted(state.people.items()):
        if f.data is None:
            out.skipped.append(f"{f.rel} dilewati: {f.problem}")
            continue
        d = f.data
        a = _latest(d.get("penugasan"))
        if a is None:
            out.skipped.append(f"{f.rel} dilewati: tidak ada penugasan")
            continue
        gh = d.get("github") if isinstance(d.get("github"), dict) else {}
        unit = units.get(a.get("unit"))
        values = {
            "id_pegawai": d.get("id", pid), "nama": d.get("nama"), "status_kepegawaian": d.get("status_kepegawaian"),
            "nip": d.get("nip") if mode == "jelas" else None,
            "github_login": gh.get("login"), "github_id": gh.get("id"),
            "unit": a.get("unit"), "kode_unit_siasn": unit[2].get("kode_unit_siasn") if unit else None,
            "jabatan": a.get("jabatan"), "jenis_jabatan": a.get("jenis_jabatan"), "jenjang": a.get("jenjang"),
            "golongan": a.get("golongan"), "pangkat": a.get("pangkat"),
            "tmt_golongan": d.get("tmt_golongan"), "pendidikan_terakhir": d.get("pendidikan_terakhir"),
            "kepala_unit": _bool(a.get("kepala_unit")), "pejabat_penilai": a.get("pejabat_penilai"),
            "mulai": a.get("mulai"), "selesai": a.get("selesai"), "dasar": a.get("dasar"),
        }
        out.people.append([values[c.name] for c in PEOPLE_COLUMNS])
    return out


def _cell(value):
    if value is None or isinstance(value, bool):
        return _bool(value)
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(rows: list[list], columns) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return "\ufeff" + buf.getvalue()  # a BOM: Excel then opens it as UTF-8


def to_xlsx(export: Export) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    for title, columns, rows in ((PEOPLE_SHEET, PEOPLE_COLUMNS, export.people), (UNIT_SHEET, UNIT_COLUMNS, export.units)):
        ws = wb.create_sheet(title)
        for i, c in enumerate(columns):
            dim = ws.column_dimensions[_letter(i)]
            dim.width = max(12, min(40, len(c.name) + 4))
            if c.kind in ("nip", "date"):
                dim.number_format = "@"  # Text: a NIP or a date typed in later stays as typed
        ws.append([c.name for c in columns])
        for row in rows:
            ws.append([_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _letter(i: int) -> str:
    from kinerja.orgio.columns import column_letter

    return column_letter(i)


def export_files(root: Path, target: Path, table: str = PEOPLE_SHEET) -> tuple[bytes | str, Export]:
    export = collect(load_state(root))
    if target.suffix.casefold() == ".xlsx":
        return to_xlsx(export), export
    if table == UNIT_SHEET:
        return to_csv(export.units, UNIT_COLUMNS), export
    return to_csv(export.people, PEOPLE_COLUMNS), export
