"""Complaints from a spreadsheet (CSV or XLSX) -> complaints/<tahun>/<nomor>.yml.

There is no LAPOR export to rely on, so the regency keeps its own table, one row per status
event (a complaint with four statuses has four rows; the complaint's own columns may be
left empty after its first row, and must agree where repeated):

    nomor, kanal, nomor_lapor, diterima, unit, layanan, kategori, ringkasan,      (the complaint)
    status, tanggal_status, keterangan,                                         (one status event)
    tindak_lanjut_tanggal, tindak_lanjut_unit, tindak_lanjut_uraian,
    tindak_lanjut_perubahan                                                     (optional: one follow-up)

Every message names the row and the column. Each complaint is built, then checked like any
file (strict loader, schema, single-file rules, and its unit/service/codes): if any row has
an error nothing is written. A complaint whose file already exists with the same content is
left alone (a re-run changes nothing); one that exists with other content is refused (edit
it in a PR instead), and then nothing is written either.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

COMPLAINT_COLUMNS = ("nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan")
EVENT_COLUMNS = ("status", "tanggal_status", "keterangan")
FOLLOW_COLUMNS = ("tindak_lanjut_tanggal", "tindak_lanjut_unit", "tindak_lanjut_uraian", "tindak_lanjut_perubahan")
REQUIRED = ("nomor", "status", "tanggal_status")
COLUMNS = COMPLAINT_COLUMNS + EVENT_COLUMNS + FOLLOW_COLUMNS
DATE_COLUMNS = {"diterima", "tanggal_status", "tindak_lanjut_tanggal"}
MAX_ROWS = 100_000


class ImportError_(Exception):
    """The table cannot be read at all (message in Indonesian)."""


@dataclass
class Problem:
    row: int | None  # 1-based spreadsheet row (the header is row 1)
    column: str | None
    message: str

    def text(self, source: str) -> str:
        where = source
        if self.row is not None:
            where += f": baris {self.row}"
        if self.column is not None:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Result:
    written: list[str]
    unchanged: list[str]
    problems: list[Problem]


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_table(path: Path) -> tuple[list[str], list[tuple[int, list]]]:
    """(header, [(row number, cells)]) from a .csv (UTF-8, comma or semicolon) or .xlsx file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportError_("Berkas CSV bukan UTF-8. Simpan ulang sebagai \"CSV UTF-8\".") from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if not rows:
            raise ImportError_("Berkas CSV kosong.")
        return [h.strip() for h in rows[0]], [(i + 2, r) for i, r in enumerate(rows[1:]) if any(c.strip() for c in r)]
    if suffix == ".xlsx":
        import zipfile

        from openpyxl import load_workbook

        try:
            wb = load_workbook(path, read_only=True, data_only=False)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise ImportError_(f"Berkas XLSX tidak dapat dibaca ({type(exc).__name__}).") from None
        ws = wb.worksheets[0]
        out, header = [], None
        for n, row in enumerate(ws.iter_rows(values_only=True), 1):
            if header is None:
                header = ["" if v is None else str(v).strip() for v in row]
                continue
            if n > MAX_ROWS:
                raise ImportError_(f"Tabel lebih dari {MAX_ROWS} baris; bagi menjadi beberapa berkas.")
            cells = list(row)
            if any(v not in (None, "") for v in cells):
                out.append((n, cells))
        wb.close()
        if header is None:
            raise ImportError_("Lembar kerja pertama kosong.")
        return header, out
    raise ImportError_("Hanya berkas .csv atau .xlsx yang dapat diimpor.")


def _cell(value, column: str, row: int, col_name: str, problems: list) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat() if column in DATE_COLUMNS else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        return None
    if text.startswith("="):
        problems.append(Problem(row, col_name, "Sel berisi rumus. Tulis nilainya saja (salin, lalu tempel sebagai nilai)."))
        return None
    if column in DATE_COLUMNS:
        try:
            date.fromisoformat(text)
        except ValueError:
            problems.append(Problem(row, col_name, f"Tanggal “{text[:40]}” tidak sah; tulis TTTT-BB-HH, misalnya 2026-09-07."))
            return None
    return text


@dataclass
class Origin:
    """Where each part of a built complaint came from in the table."""

    index: dict  # column name -> 0-based column
    first_row: dict  # nomor -> row
    event_rows: dict  # nomor -> [row per riwayat item]
    follow_rows: dict  # nomor -> [row per tindak_lanjut item]

    def locate(self, nomor: str, pointer: str) -> tuple[int, str | None]:
        parts = [p for p in pointer.split("/") if p]
        row, name = self.first_row[nomor], None
        if parts and parts[0] in ("riwayat", "tindak_lanjut") and len(parts) > 1 and parts[1].isdigit():
            rows = (self.event_rows if parts[0] == "riwayat" else self.follow_rows)[nomor]
            i = int(parts[1])
            row = rows[i] if i < len(rows) else row
            if len(parts) > 2:
                field = parts[2]
                name = {"tanggal": "tanggal_status"}.get(field, field) if parts[0] == "riwayat" else f"tindak_lanjut_{field}"
        elif parts:
            name = parts[0]
        if name in self.index:
            return row, f"{_letter(self.index[name])} ({name})"
        return row, None


def build(header: list[str], rows: list[tuple[int, list]]) -> tuple[dict[str, dict], Origin, list[Problem]]:
    """{nomor: document}, where it came from, problems."""
    problems: list[Problem] = []
    index = {}
    for i, h in enumerate(header):
        name = str(h).strip().lower()
        if name in COLUMNS and name not in index:
            index[name] = i
        elif name and name not in COLUMNS:
            problems.append(Problem(1, f"{_letter(i)} ({str(h)[:30]})", f"Kolom tidak dikenal. Kolom yang dikenal: {', '.join(COLUMNS)}."))
    for name in REQUIRED:
        if name not in index:
            problems.append(Problem(1, None, f"Kolom wajib “{name}” tidak ada di baris judul."))
    if problems:
        return {}, Origin(index, {}, {}, {}), problems
    docs: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    event_rows: dict[str, list] = {}
    follow_rows: dict[str, list] = {}
    for n, cells in rows:
        values = {}
        for name, i in index.items():
            label = f"{_letter(i)} ({name})"
            values[name] = _cell(cells[i] if i < len(cells) else None, name, n, label, problems)
        label = lambda name: f"{_letter(index[name])} ({name})"  # noqa: E731
        nomor = values.get("nomor")
        if not nomor:
            problems.append(Problem(n, label("nomor"), "Nomor pengaduan kosong."))
            continue
        doc = docs.get(nomor)
        if doc is None:
            doc = docs[nomor] = {"versi_format": 1, "nomor": nomor}
            first_row[nomor] = n
        for name in COMPLAINT_COLUMNS[1:]:
            v = values.get(name)
            if v is None:
                continue
            if name in doc and doc[name] != v:
                problems.append(Problem(n, label(name), f"Berbeda dengan baris {first_row[nomor]} untuk pengaduan {nomor} "
                                                       f"(“{doc[name][:40]}”). Isi kolom pengaduan sekali saja atau samakan."))
            doc[name] = v
        if values.get("status") and values.get("tanggal_status"):
            step = {"status": values["status"], "tanggal": values["tanggal_status"]}
            if values.get("keterangan"):
                step["keterangan"] = values["keterangan"]
            doc.setdefault("riwayat", []).append(step)
            event_rows.setdefault(nomor, []).append(n)
        else:
            problems.append(Problem(n, label("status" if not values.get("status") else "tanggal_status"),
                                    "Setiap baris mencatat satu status dengan tanggalnya."))
        if any(values.get(c) for c in FOLLOW_COLUMNS):
            follow = {"tanggal": values.get("tindak_lanjut_tanggal"), "unit": values.get("tindak_lanjut_unit"),
                      "uraian": values.get("tindak_lanjut_uraian")}
            missing = [k for k, v in follow.items() if not v]
            if missing:
                problems.append(Problem(n, label("tindak_lanjut_" + missing[0]), "Tindak lanjut perlu tanggal, unit dan uraian."))
                continue
            if values.get("tindak_lanjut_perubahan"):
                follow["perubahan"] = values["tindak_lanjut_perubahan"]
            doc.setdefault("tindak_lanjut", []).append(follow)
            follow_rows.setdefault(nomor, []).append(n)
    for doc in docs.values():  # key order as in the annotated example
        order = ["versi_format", "nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan", "riwayat", "tindak_lanjut"]
        items = sorted(doc.items(), key=lambda kv: order.index(kv[0]))
        doc.clear()
        doc.update(items)
    return docs, Origin(index, first_row, event_rows, follow_rows), problems


HEADER = ("# yaml-language-server: $schema=../../schemas/complaint.schema.json\n"
          "# Diimpor dengan kinerja import-complaints. Identitas pelapor tidak pernah dicatat.\n")


def render(doc: dict) -> str:
    from kinerja.review.yamlout import dump

    return HEADER + dump(doc)


def import_table(root: Path, path: Path) -> Result:
    from kinerja.findings import ERROR, Collector
    from kinerja.repository import Context, load_repository, process_file
    from kinerja.suara.checks import check_year

    header, rows = read_table(path)
    docs, origin, problems = build(header, rows)
    first_row = origin.first_row
    planned: dict[str, str] = {}
    clean: dict[str, object] = {}  # rel -> (entry, record) of files without per-file errors
    ctx = Context(root, root / "schemas")
    for nomor, doc in docs.items():
        if "diterima" not in doc:
            if not any(p.row == first_row[nomor] and p.column and "diterima" in p.column for p in problems):
                problems.append(Problem(first_row[nomor], origin.locate(nomor, "/diterima")[1], f"Pengaduan {nomor}: tanggal diterima kosong."))
            continue
        rel = f"complaints/{doc['diterima'][:4]}/{nomor}.yml"
        text = render(doc)
        entry, rec = process_file(ctx, rel, text.encode("utf-8"))
        errors = [f for f in entry.findings if f.severity == ERROR]
        for f in errors:
            row, column = origin.locate(nomor, f.pointer)
            problems.append(Problem(row, column, f"Pengaduan {nomor}: {f.message}"))
        planned[rel] = text
        if not errors:
            clean[rel] = (entry, rec)
    # cross-file: codes, unit and service exist (the year's subject, with these files added)
    repo = load_repository(root, use_cache=False)
    unchanged = []
    for rel, text in planned.items():
        target = root / rel
        if target.exists():
            if target.read_text(encoding="utf-8") == text:
                unchanged.append(rel)
            else:
                nomor = rel.rsplit("/", 1)[1][:-4]
                problems.append(Problem(first_row[nomor], None, f"{rel} sudah ada dengan isi lain. Ubah pengaduan yang sudah "
                                                                 "tercatat lewat PR, jangan lewat impor."))
    for rel, (entry, rec) in clean.items():
        repo.files[rel] = entry
        repo._records[rel] = rec
    from kinerja.findings import pointer_of

    for year in sorted({int(rel.split("/")[1]) for rel in clean}):
        c = Collector()
        check_year(c, repo, year)
        for sev, file, path_, _code, message, _k in c.pending:
            if sev == ERROR and file in clean:
                nomor = file.rsplit("/", 1)[1][:-4]
                row, column = origin.locate(nomor, pointer_of(path_))
                problems.append(Problem(row, column, f"Pengaduan {nomor}: {message}"))
    if problems:
        return Result([], [], sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    from kinerja.writefile import write_new

    written = []
    for rel, text in planned.items():
        if rel not in unchanged:
            write_new(root / rel, text)
            written.append(rel)
    return Result(written, unchanged, [])
