"""Open data as .xlsx, one workbook beside each CSV: the data dictionary as the first sheet,
the rows (the very rows of the CSV, from the public projection) as the second.

Spreadsheet programs in an Indonesian locale read a comma-separated file with decimal
points as one column; a workbook carries real numbers and needs no import dialog.

openpyxl writes the package (workbook, styles, the dictionary sheet, the data sheet's bold
header and frozen first row); the data rows, up to a million cells at regency scale, are
then written straight into the data sheet's XML in openpyxl's own write-only form (inline
strings), some ten times faster than cell objects.

Safety: every text cell is an inline string (`t="inlineStr"`), never a formula, whatever it
starts with; text that *looks* like a formula (=, +, -, @, tab, CR, LF first) also gets
Excel's quotePrefix style, so editing the cell keeps it text. Characters a workbook cannot
hold (C0 control characters, U+FFFE/U+FFFF) become U+FFFD. Bytes are reproducible: the
document's dates are the build commit's, and every zip entry carries the same fixed time.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from kinerja.safe import FORMULA_START

TYPE_TEXT = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "ya/tidak", "date": "tanggal"}
DICTIONARY_SHEET = "Kamus data"
DATA_SHEET = "Data"
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's time: the same bytes for the same data
DATA_PART = "xl/worksheets/sheet2.xml"  # the second sheet created
DICTIONARY_PART = "xl/worksheets/sheet1.xml"
QUOTE_NOTE = "Teks yang diawali =, +, - atau @ disimpan sebagai teks, bukan rumus."
_ENTITIES = {"\r": "&#13;"}  # a parser turns a literal CR (and CR LF) into LF
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(ws, value: str):
    """A string cell; formula-looking text is a string cell with quotePrefix."""
    clean = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if not clean.startswith(FORMULA_START):
        return clean  # plain text: openpyxl writes it as a string cell
    cell = WriteOnlyCell(ws, value=clean)
    cell.data_type = "s"  # openpyxl would have made it a formula
    cell.quotePrefix = True
    return cell


def _bold(ws, text: str):
    clean = _plain(text)
    cell = WriteOnlyCell(ws, value=clean)
    cell.data_type = "s"  # never a formula
    cell.quotePrefix = clean.startswith(FORMULA_START)
    cell.font = Font(bold=True)
    return cell


def _plain(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def to_xlsx(resource, rows: list[dict], *, year: int | None, regency: str, fiktif: bool, commit: str | None, epoch: int | None) -> bytes:
    """The workbook of one open-data table (of one year, or of every year when `year` is None)."""
    title = f"{resource.title} {year}" if year else resource.title
    wb = Workbook(write_only=True)
    when = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).replace(tzinfo=None) if epoch else datetime.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = wb.properties.lastModifiedBy = "Kinerja Terbuka"
    wb.properties.title = title

    kamus = wb.create_sheet(DICTIONARY_SHEET)
    kamus.column_dimensions["A"].width = 24
    kamus.column_dimensions["B"].width = 28
    kamus.column_dimensions["E"].width = 90
    kamus.append([_bold(kamus, f"{title} — {regency}")])
    kamus.append([_text(kamus, resource.description)])
    kamus.append([_text(kamus, f"Sumber: commit {commit or '(bukan repositori git)'}. Baris data ada di lembar \"{DATA_SHEET}\"; "
                               "kolomnya sama dengan berkas CSV yang bernama sama.")])
    if fiktif:
        kamus.append([_bold(kamus, "DATA DEMO FIKTIF: orang, jabatan, tautan dan angka tidak nyata.")])
    kamus.append([])
    kamus.append([_bold(kamus, h) for h in ("Kolom", "Judul", "Jenis", "Isian", "Arti")])
    for f in resource.fields:
        kamus.append([f.name, _text(kamus, f.title), TYPE_TEXT[f.type], "wajib" if f.required else "boleh kosong", _text(kamus, f.description)])

    # this note carries quotePrefix (harmless on plain text), so the package's styles hold that
    # style and its id can be read back for the data rows
    kamus.append([])
    kamus.append([_marked(kamus, QUOTE_NOTE)])

    data = wb.create_sheet(DATA_SHEET)
    data.freeze_panes = "A2"
    names = [f.name for f in resource.fields]
    data.append([_bold(data, n) for n in names])

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not save_workbook(): it stamps the current time
    return _finish(raw.getvalue(), names, rows)


def _marked(ws, text: str):
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def rows_xml(names: list[str], rows: list[dict], quote_style: str, first: int = 2) -> str:
    """The data rows as SpreadsheetML <row> elements: inline strings and numbers, as openpyxl's
    write-only mode writes them, but without cell references (optional in SpreadsheetML: a
    cell is in the column after the previous one; an empty cell is an empty <c/>). Each
    distinct value is rendered once: unit, jabatan, RHK and IKI texts repeat on many rows."""
    memo: dict = {None: "<c/>"}  # key (type, value); None: the empty cell

    def cell(v) -> str:
        if v is True or v is False:
            v = "ya" if v else "tidak"
        elif type(v) in (int, float):
            return f'<c t="n"><v>{v!r}</v></c>'
        text = _NOT_IN_XML.sub("\ufffd", str(v))
        style = f' s="{quote_style}"' if text.startswith(FORMULA_START) else ""
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f'<c{style} t="inlineStr"><is><t{space}>{escape(text, _ENTITIES)}</t></is></c>'

    out = []
    for r, row in enumerate(rows, start=first):
        cells = []
        for n in names:
            v = row.get(n)
            key = (type(v), v)  # True and 1 are equal keys otherwise
            x = memo.get(key)
            if x is None:
                x = memo[key] = memo[None] if v is None else cell(v)
            cells.append(x)
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return "".join(out)


def _finish(data: bytes, names: list[str], rows: list[dict]) -> bytes:
    """The archive with the data rows in the data sheet and every entry's time fixed
    (zipfile stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        kamus = src.read(DICTIONARY_PART).decode("utf-8")
        marker = re.findall(r'<c r="A\d+" s="(\d+)" t="inlineStr"><is><t>' + re.escape(escape(QUOTE_NOTE)) + "</t></is></c>", kamus)
        if len(marker) != 1:
            raise RuntimeError("xlsx: gaya quotePrefix tidak ditemukan")  # a change of openpyxl's output: fail loudly
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == DATA_PART:
                sheet = content.decode("utf-8")
                assert sheet.count("</sheetData>") == 1
                content = sheet.replace("</sheetData>", rows_xml(names, rows, marker[0]) + "</sheetData>").encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            # the data sheet is most of the bytes: the fastest deflate level (files ~10% larger)
            dst.writestr(entry, content, compresslevel=1 if info.filename == DATA_PART else 6)
    return out.getvalue()
