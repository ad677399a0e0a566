"""Reading a staff or complaint table from a CSV or .xlsx file into located cells.

The one spreadsheet reader of the project: `kinerja import` (people and units, ORG_SPEC) and
`kinerja import-complaints` (suara/importer.py, its own TableSpec) both read through it, so
both refuse the same things (non-UTF-8 CSV, formulas, hidden characters, oversize files).
Every problem becomes a Finding whose line/column are the spreadsheet row and column
(1-based, the header is row 1) and whose message names the cell the way a spreadsheet
does (`Pegawai!C7`, or "baris 7, kolom C" for a CSV). Nothing here raises on bad input
except `TableError` for a file that cannot be opened at all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kinerja.findings import ERROR, Finding
from kinerja.orgio.columns import PEOPLE_SHEET, TABLES, UNIT_SHEET, Column, column_letter

MAX_BYTES = 50_000_000
MAX_ROWS = 200_000
MAX_COLUMNS = 200
MAX_CELL = 5000

FORMULA_START = ("=", "+", "-", "@")
# Control characters (a tab or carriage return too), line/paragraph separators, bidi
# controls, BOM/non-characters, surrogates. A line break is allowed only in multi-line text.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]")


@dataclass(frozen=True)
class TableSpec:
    """What one kind of table may hold: its sheets and their columns, and the header rules."""

    sheets: dict[str, tuple[Column, ...]]  # sheet name -> columns; a workbook is searched for these names
    guess: Callable[[list[str]], str]  # header names -> the sheet a CSV (or a workbook's only sheet) is
    required_unless: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, column) -> a column that stands in
    one_of: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # sheet -> groups needing one column
    multiline: frozenset[str] = frozenset()  # columns whose text may hold line breaks


def _guess_org(names: list[str]) -> str:
    return PEOPLE_SHEET if ("id_pegawai" in names or "nip" in names) else UNIT_SHEET if "id_unit" in names else PEOPLE_SHEET


ORG_SPEC = TableSpec(
    TABLES, _guess_org,
    required_unless={(PEOPLE_SHEET, "id_pegawai"): "nip"},  # rows matched by NIP
    one_of={PEOPLE_SHEET: (("unit", "kode_unit_siasn"),)},
)


class TableError(Exception):
    """The file cannot be read at all (not a spreadsheet, unreadable): a usage problem."""


@dataclass(slots=True)
class Cell:
    value: object  # None, str, int, float, bool, date, datetime
    row: int  # 1-based spreadsheet row
    col: int  # 1-based column


@dataclass
class Table:
    sheet: str  # one of the spec's sheet names (PEOPLE_SHEET or UNIT_SHEET for ORG_SPEC)
    source: str  # the file name as shown in messages
    is_xlsx: bool
    sheet_title: str  # the worksheet's own title (xlsx) or the file name (CSV)
    header: dict[str, int] = field(default_factory=dict)  # column name -> 1-based column
    rows: list[dict[str, Cell]] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    def where(self, row: int, col: int | None, column: str | None = None) -> str:
        name = f" (kolom {column})" if column else ""
        if col is None:
            return (f"{self.sheet_title}!{row}:{row}" if self.is_xlsx else f"baris {row}") + name
        letter = column_letter(col - 1)
        if self.is_xlsx:
            return f"{quote_sheet(self.sheet_title)}!{letter}{row}{name}"
        return f"baris {row}, kolom {letter}{name}"

    def finding(self, row: int, col: int | None, column: str | None, code: str, message: str, severity: str = ERROR) -> Finding:
        return Finding(self.source, row, col, severity, code, f"{self.where(row, col, column)}: {message}")

    def cell_finding(self, cell: Cell, column: str, code: str, message: str, severity: str = ERROR) -> Finding:
        return self.finding(cell.row, cell.col, column, code, message, severity)


def quote_sheet(title: str) -> str:
    return title if re.fullmatch(r"[A-Za-z0-9_]+", title) else "'" + title.replace("'", "''") + "'"


def _header_name(value) -> str:
    return re.sub(r"[\s\-]+", "_", str(value).strip().casefold()) if value is not None else ""


# --- CSV -------------------------------------------------------------------------------------


def _decode_csv(raw: bytes, source: str) -> tuple[str | None, list[Finding]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Finding(source, 1, 1, ERROR, "import-encoding",
                              "baris 1: berkas ditulis dalam UTF-16. Simpan ulang sebagai 'CSV UTF-8 (dipisahkan koma)'.")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        prefix = before[line_start:].decode("utf-8", errors="replace")
        delimiter = _delimiter(raw.split(b"\n", 1)[0].decode("utf-8", errors="replace"))
        col = prefix.count(delimiter) + 1
        return None, [Finding(
            source, line, col, ERROR, "import-encoding",
            f"baris {line}, kolom {column_letter(col - 1)}: berkas bukan UTF-8 (byte 0x{raw[exc.start]:02X} tidak sah; "
            "kemungkinan disimpan sebagai ANSI/Windows-1252). Simpan ulang sebagai 'CSV UTF-8 (dipisahkan koma)', "
            "lalu impor lagi. Tidak ada yang ditulis.",
        )]


def _delimiter(first_line: str) -> str:
    # Excel in an Indonesian locale saves "CSV" with semicolons.
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(path: Path, source: str, sheet: str | None = None, spec: TableSpec = ORG_SPEC) -> tuple[list[Table], list[Finding]]:
    raw = _read_bytes(path)
    text, problems = _decode_csv(raw, source)
    if text is None:
        return [], problems
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        records = list(reader)
    except csv.Error:
        line = reader.line_num or 1
        return [], [Finding(source, line, None, ERROR, "import-encoding",
                            f"baris {line}: tanda kutip ganda (\") tidak berpasangan, sehingga sel tidak dapat dipisahkan. "
                            "Simpan ulang dari spreadsheet sebagai 'CSV UTF-8 (dipisahkan koma)'.")]
    grid = [[Cell(v if v != "" else None, r, c) for c, v in enumerate(rec, start=1)] for r, rec in enumerate(records, start=1)]
    table, found = _table(grid, source, False, Path(source).name, sheet, spec)
    return ([table] if table else []), problems + found


# --- xlsx ------------------------------------------------------------------------------------


def read_xlsx(path: Path, source: str, spec: TableSpec = ORG_SPEC) -> tuple[list[Table], list[Finding]]:
    import zipfile

    try:
        import openpyxl
    except ImportError:  # pragma: no cover - pinned in pyproject.toml
        raise TableError("paket openpyxl belum terpasang (pip install -e .).") from None
    _read_bytes(path)  # size check
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TableError(f"{source} bukan berkas .xlsx yang dapat dibaca ({type(exc).__name__}). Simpan ulang dari spreadsheet sebagai .xlsx.") from None
    tables, problems = [], []
    try:
        by_name = {ws.title.strip().casefold(): ws for ws in wb.worksheets}
        chosen = [(name, by_name[name.casefold()]) for name in spec.sheets if name.casefold() in by_name]
        if not chosen and len(wb.worksheets) == 1:
            chosen = [(None, wb.worksheets[0])]
        if not chosen:
            raise TableError(
                f"{source} tidak punya lembar bernama {' atau '.join(spec.sheets)} "
                f"(lembar yang ada: {', '.join(ws.title for ws in wb.worksheets)[:200]})."
            )
        for name, ws in chosen:
            grid = []
            # values_only: about twice as fast; with data_only=False a formula cell reads as its
            # text "=...", which is refused below like any cell that starts like a formula.
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if r > MAX_ROWS + 1:
                    problems.append(Finding(source, r, None, ERROR, "import-too-large", f"{ws.title}: lebih dari {MAX_ROWS} baris; pecah berkasnya."))
                    break
                grid.append([
                    Cell(_Formula(v) if isinstance(v, str) and v.startswith("=") else v, r, c)
                    for c, v in enumerate(row[:MAX_COLUMNS], start=1)
                ])
            table, found = _table(grid, source, True, ws.title, name, spec)
            problems += found
            if table:
                tables.append(table)
    finally:
        wb.close()
    return tables, problems


class _Formula(str):
    """The text of a formula cell (never evaluated)."""


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TableError(f"{path.name} berukuran {size:,} byte, melebihi batas {MAX_BYTES:,} byte.")
        return path.read_bytes()
    except OSError as exc:
        raise TableError(f"{path} tidak dapat dibaca ({exc.strerror or type(exc).__name__}).") from None


# --- shared ----------------------------------------------------------------------------------


def _table(grid: list[list[Cell]], source: str, is_xlsx: bool, title: str, sheet: str | None,
           spec: TableSpec) -> tuple[Table | None, list[Finding]]:
    problems: list[Finding] = []
    if not grid or not any(c.value is not None for c in grid[0]):
        where = f"{quote_sheet(title)}!1:1" if is_xlsx else "baris 1"
        first = next(iter(spec.sheets.values()))
        return None, [Finding(source, 1, None, ERROR, "import-header",
                              f"{where}: baris pertama harus berisi nama kolom (misalnya {first[0].name}, {first[1].name}, ...).")]
    names = [_header_name(c.value) if not isinstance(c.value, (datetime, date)) else "" for c in grid[0]]
    if sheet is None:
        sheet = spec.guess(names)
    columns = spec.sheets[sheet]
    table = Table(sheet, source, is_xlsx, title)
    known = {c.name for c in columns}
    for cell, name in zip(grid[0], names):
        if not name:
            if cell.value is not None:
                problems.append(table.cell_finding(cell, "?", "import-header", "nama kolom tidak sah."))
            continue
        if name not in known:
            choices = ", ".join(c.name for c in columns)
            problems.append(table.cell_finding(cell, "?", "import-header",
                                               f"kolom {_shown(cell.value)} tidak dikenal. Kolom yang dikenal: {choices}."))
            continue
        if name in table.header:
            problems.append(table.cell_finding(cell, name, "import-header", f"kolom {name} ditulis dua kali."))
            continue
        table.header[name] = cell.col
    for col in columns:
        if col.required and col.name not in table.header:
            if spec.required_unless.get((sheet, col.name)) in table.header:
                continue
            problems.append(table.finding(1, None, None, "import-header",
                                          f"kolom wajib {col.name} tidak ada di baris judul ({col.description})"))
    for group in spec.one_of.get(sheet, ()):
        if not any(name in table.header for name in group):
            problems.append(table.finding(1, None, None, "import-header", f"perlu kolom {' atau '.join(group)}."))
    by_col = {v: k for k, v in table.header.items()}
    for row in grid[1:]:
        if not any(c.value is not None and not (isinstance(c.value, str) and not c.value.strip()) for c in row):
            continue  # an empty row
        cells: dict[str, Cell] = {}
        for cell in row:
            name = by_col.get(cell.col)
            if name is None:
                if cell.value is not None and str(cell.value).strip():
                    problems.append(table.cell_finding(cell, "?", "import-header", "sel berisi data di luar kolom yang berjudul; beri judul kolomnya atau hapus isinya."))
                continue
            value, problem = _clean(cell.value, name in spec.multiline)
            if problem:
                problems.append(table.cell_finding(cell, name, *problem))
                value = None
            cells[name] = Cell(value, cell.row, cell.col)
        for name, col in table.header.items():
            cells.setdefault(name, Cell(None, row[0].row if row else 0, col))
        table.rows.append(cells)
        table.row_numbers.append(row[0].row if row else 0)
    return table, problems


def _shown(value) -> str:
    from kinerja.findings import shown

    return shown(value, 40)


def _clean(value, multiline: bool) -> tuple[object, tuple[str, str] | None]:
    """A cell's value with surrounding spaces removed, or a (code, message) problem."""
    if isinstance(value, _Formula):
        return None, ("import-formula", "sel berisi rumus (formula). Salin lalu tempel sebagai nilai (Paste Special > Values); rumus tidak pernah dijalankan.")
    if value is None or isinstance(value, (bool, int, float, date, datetime)):
        return value, None
    if not isinstance(value, str):
        return None, ("import-value", "isi sel tidak dikenal; tulis sebagai teks.")
    text = value.strip()
    if not text:
        return None, None
    if len(text) > MAX_CELL:
        return None, ("import-value", f"isi sel lebih dari {MAX_CELL} karakter.")
    bad = _FORBIDDEN.search(text)
    if bad is None and not multiline:
        bad = re.search("\n", text)
    if bad:
        ch = bad.group(0)
        return None, ("import-char", f"sel memuat karakter tersembunyi atau ganti baris (U+{ord(ch):04X}); hapus karakter itu.")
    if text.startswith("'") and text[1:2] in FORMULA_START:
        return text[1:], None  # the export's escape for text that starts like a formula
    if text.startswith(FORMULA_START):
        return None, ("import-formula", f"sel diawali {text[0]!r} sehingga dapat dibaca spreadsheet sebagai rumus. "
                      f"Bila memang teks, tulis tanda kutip tunggal di depannya ('{text[0]}...).")
    return text, None


def read_tables(path: Path, source: str, spec: TableSpec = ORG_SPEC) -> tuple[list[Table], list[Finding]]:
    suffix = path.suffix.casefold()
    if suffix == ".xlsx":
        return read_xlsx(path, source, spec)
    if suffix in (".csv", ".txt"):
        return read_csv(path, source, spec=spec)
    raise TableError(f"{source}: hanya berkas .csv atau .xlsx yang dapat diimpor.")
