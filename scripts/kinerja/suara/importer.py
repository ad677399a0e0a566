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

from dataclasses import dataclass
from pathlib import Path

from kinerja.findings import ERROR, Finding
from kinerja.orgio.cells import BAD, MISSING, RowReader
from kinerja.orgio.columns import Column
from kinerja.orgio.table import Cell, Table, TableError, TableSpec, read_tables

SHEET = "Pengaduan"
COMPLAINT_COLUMNS = ("nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan")
EVENT_COLUMNS = ("status", "tanggal_status", "keterangan")
FOLLOW_COLUMNS = ("tindak_lanjut_tanggal", "tindak_lanjut_unit", "tindak_lanjut_uraian", "tindak_lanjut_perubahan")
COLUMNS: tuple[Column, ...] = (
    Column("nomor", "id", True, "nomor pengaduan milik pemda, misalnya 2026-0007"),
    Column("kanal", "enum", False, "kanal pengaduan, seperti di berkas pengaduan"),
    Column("nomor_lapor", "text", False, "nomor pelacakan SP4N-LAPOR! (tidak pernah diterbitkan)"),
    Column("diterima", "date", False, "tanggal diterima, TTTT-BB-HH"),
    Column("unit", "id", False, "id unit"),
    Column("layanan", "id", False, "id layanan unit itu"),
    Column("kategori", "enum", False, "kategori pengaduan"),
    Column("ringkasan", "text", False, "ringkasan publik yang ditulis admin"),
    Column("status", "enum", True, "satu status riwayat"),
    Column("tanggal_status", "date", True, "tanggal status itu, TTTT-BB-HH"),
    Column("keterangan", "text", False, "keterangan status (boleh kosong)"),
    Column("tindak_lanjut_tanggal", "date", False, "tanggal tindak lanjut"),
    Column("tindak_lanjut_unit", "id", False, "id unit yang menindaklanjuti"),
    Column("tindak_lanjut_uraian", "text", False, "apa yang dilakukan"),
    Column("tindak_lanjut_perubahan", "text", False, "tautan perubahan perbaikan (boleh kosong)"),
)
assert tuple(c.name for c in COLUMNS) == COMPLAINT_COLUMNS + EVENT_COLUMNS + FOLLOW_COLUMNS
DATE_COLUMNS = {c.name for c in COLUMNS if c.kind == "date"}
# the one spreadsheet reader of the project (orgio/table.py): the same refusals as kinerja import
SPEC = TableSpec({SHEET: COLUMNS}, lambda _names: SHEET,
                 multiline=frozenset({"ringkasan", "keterangan", "tindak_lanjut_uraian"}))


class ImportError_(Exception):
    """The table cannot be read at all (message in Indonesian)."""


@dataclass
class Result:
    written: list[str]
    unchanged: list[str]
    findings: list[Finding]  # each names the table's row and column; errors mean nothing was written


def read_table(path: Path, source: str) -> tuple[Table | None, list[Finding]]:
    """The complaint table of a .csv (UTF-8, comma or semicolon) or .xlsx file, with the reader's findings."""
    try:
        tables, findings = read_tables(path, source, SPEC)
    except TableError as exc:
        raise ImportError_(str(exc)) from None
    return (tables[0] if tables else None), findings


def _values(table: Table, cells: dict[str, Cell], findings: list) -> dict[str, str | None]:
    """A row's cells as the file's text, read by orgio/cells.py's RowReader (the typed reads of
    kinerja import: dates as TTTT-BB-HH or HH/BB/TTTT or date cells, numbers without ".0");
    an empty, absent or refused cell is None (a refused one has added its finding)."""
    r = RowReader(table, cells, findings)
    out = {}
    for name in cells:
        v = r.date(name) if name in DATE_COLUMNS else r.text(name)
        out[name] = None if v is MISSING or v is BAD or v == "" else v
    return out


@dataclass
class Origin:
    """Where each part of a built complaint came from in the table."""

    table: Table
    first_row: dict  # nomor -> row
    event_rows: dict  # nomor -> [row per riwayat item]
    follow_rows: dict  # nomor -> [row per tindak_lanjut item]

    def locate(self, nomor: str, pointer: str) -> tuple[int, str | None]:
        """(row, column name or None) of a JSON pointer into complaint `nomor`'s document."""
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
        return row, (name if name in self.table.header else None)

    def finding(self, nomor: str, pointer: str, code: str, message: str) -> Finding:
        row, name = self.locate(nomor, pointer)
        return self.table.finding(row, self.table.header.get(name) if name else None, name, code, message)


def build(table: Table) -> tuple[dict[str, dict], Origin, list[Finding]]:
    """{nomor: document}, where each part came from, findings (the header was checked by the reader)."""
    findings: list[Finding] = []
    docs: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    event_rows: dict[str, list] = {}
    follow_rows: dict[str, list] = {}
    for cells, n in zip(table.rows, table.row_numbers):
        values = _values(table, cells, findings)
        flag = lambda name, code, message: findings.append(table.cell_finding(cells[name], name, code, message))  # noqa: E731
        nomor = values.get("nomor")
        if not nomor:
            flag("nomor", "import-required", "nomor pengaduan kosong.")
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
                flag(name, "import-value", f"berbeda dengan baris {first_row[nomor]} untuk pengaduan {nomor} "
                                           f"(“{doc[name][:40]}”). Isi kolom pengaduan sekali saja atau samakan.")
            doc[name] = v
        if values.get("status") and values.get("tanggal_status"):
            step = {"status": values["status"], "tanggal": values["tanggal_status"]}
            if values.get("keterangan"):
                step["keterangan"] = values["keterangan"]
            doc.setdefault("riwayat", []).append(step)
            event_rows.setdefault(nomor, []).append(n)
        else:
            name = "status" if not values.get("status") else "tanggal_status"
            if cells[name].value is None:  # empty (a refused cell has said why already)
                flag(name, "import-required", "setiap baris mencatat satu status dengan tanggalnya.")
        if any(values.get(c) for c in FOLLOW_COLUMNS):
            follow = {"tanggal": values.get("tindak_lanjut_tanggal"), "unit": values.get("tindak_lanjut_unit"),
                      "uraian": values.get("tindak_lanjut_uraian")}
            missing = [k for k, v in follow.items() if not v]
            if missing:
                name = "tindak_lanjut_" + missing[0]
                if name in cells:
                    flag(name, "import-required", "tindak lanjut perlu tanggal, unit dan uraian.")
                else:
                    findings.append(table.finding(n, None, None, "import-required",
                                                  f"tindak lanjut perlu tanggal, unit dan uraian (kolom {name} tidak ada)."))
                continue
            if values.get("tindak_lanjut_perubahan"):
                follow["perubahan"] = values["tindak_lanjut_perubahan"]
            doc.setdefault("tindak_lanjut", []).append(follow)
            follow_rows.setdefault(nomor, []).append(n)
    order = ["versi_format", "nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan", "riwayat", "tindak_lanjut"]
    for doc in docs.values():  # key order as in the annotated example
        items = sorted(doc.items(), key=lambda kv: order.index(kv[0]))
        doc.clear()
        doc.update(items)
    return docs, Origin(table, first_row, event_rows, follow_rows), findings


HEADER = ("# yaml-language-server: $schema=../../schemas/complaint.schema.json\n"
          "# Diimpor dengan kinerja import-complaints. Identitas pelapor tidak pernah dicatat.\n")


def render(doc: dict) -> str:
    from kinerja.review.yamlout import dump

    return HEADER + dump(doc)


def import_table(root: Path, path: Path) -> Result:
    """Read, build and check every complaint of the table; write them all (atomically) only
    when no row has an error. Raises ImportError_ for a file that cannot be read at all."""
    from kinerja.findings import Collector, pointer_of
    from kinerja.repository import Context, load_repository, process_file
    from kinerja.suara.checks import check_year
    from kinerja.writefile import ChangedMeanwhile, replace_many

    table, findings = read_table(path, path.name)
    if table is None or any(f.code == "import-header" for f in findings):
        return Result([], [], findings)
    docs, origin, built = build(table)
    findings += built
    planned: dict[str, str] = {}
    clean: dict[str, object] = {}  # rel -> (entry, record) of files without per-file errors
    ctx = Context(root, root / "schemas")
    for nomor, doc in docs.items():
        if "diterima" not in doc:
            if not any(f.line == origin.first_row[nomor] and "(kolom diterima)" in f.message for f in findings):
                findings.append(origin.finding(nomor, "/diterima", "import-required", f"pengaduan {nomor}: tanggal diterima kosong."))
            continue
        rel = f"complaints/{doc['diterima'][:4]}/{nomor}.yml"
        text = render(doc)
        entry, rec = process_file(ctx, rel, text.encode("utf-8"))
        errors = [f for f in entry.findings if f.severity == ERROR]
        for f in errors:  # the file's own code (e.g. suara-personal-data), placed at the row and column it came from
            findings.append(origin.finding(nomor, f.pointer or "", f.code, f"pengaduan {nomor}: {f.message}"))
        planned[rel] = text
        if not errors:
            clean[rel] = (entry, rec)
    # cross-file: codes, unit and service exist (the year's subject, with these files added)
    repo = load_repository(root, use_cache=False)
    unchanged, expected = [], {}
    for rel, text in planned.items():
        target = root / rel
        if target.exists():
            current = target.read_bytes()
            if current == text.encode("utf-8"):
                unchanged.append(rel)
            else:
                nomor = rel.rsplit("/", 1)[1][:-4]
                findings.append(table.finding(origin.first_row[nomor], None, None, "import-exists",
                                              f"{rel} sudah ada dengan isi lain. Ubah pengaduan yang sudah tercatat lewat PR, "
                                              "jangan lewat impor."))
        else:
            expected[rel] = None
    for rel, (entry, rec) in clean.items():
        repo.files[rel] = entry
        repo._records[rel] = rec
    for year in sorted({int(rel.split("/")[1]) for rel in clean}):
        c = Collector()
        check_year(c, repo, year)
        for sev, file, path_, code, message, _k in c.pending:
            if sev == ERROR and file in clean:
                nomor = file.rsplit("/", 1)[1][:-4]
                findings.append(origin.finding(nomor, pointer_of(path_), code, f"pengaduan {nomor}: {message}"))
    findings.sort(key=lambda f: (f.line or 0, f.column or 0, f.code, f.message))
    if any(f.severity == ERROR for f in findings):
        return Result([], [], findings)
    writes = {rel: text for rel, text in planned.items() if rel not in unchanged}
    try:
        replace_many(root, writes, expected)  # all of them or none
    except ChangedMeanwhile as exc:
        raise ImportError_(f"{exc} berubah sejak dibaca; tidak ada yang ditulis. Jalankan ulang.") from None
    return Result(sorted(writes), unchanged, findings)
