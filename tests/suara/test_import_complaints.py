"""`kinerja import-complaints`: CSV and XLSX, row and column in messages, nothing written on
error, a re-run changes nothing."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import Workbook

from kinerja.validate import validate

HEADER = ["nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan", "status",
          "tanggal_status", "keterangan", "tindak_lanjut_tanggal", "tindak_lanjut_unit", "tindak_lanjut_uraian"]
GOOD = [
    ["2026-0010", "lapor", "LPR-ABC123", "2026-10-05", "disdukcapil-bid-capil", "akta-lahir", "waktu_layanan",
     "Akta kelahiran belum terbit setelah 10 hari kerja.", "diterima", "2026-10-05", "", "", "", ""],
    ["2026-0010", "", "", "", "", "", "", "", "dalam_proses", "2026-10-06", "Diteruskan ke bidang", "", "", ""],
    ["2026-0010", "", "", "", "", "", "", "", "selesai", "2026-10-20", "", "2026-10-19", "disdukcapil-bid-capil",
     "Akta diterbitkan; satu petugas verifikasi ditambah."],
]


def _csv(path, rows, sep=","):
    import csv

    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=sep)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _complaints(repo):
    return sorted(p.name for p in (repo / "complaints/2026").glob("*.yml"))


def test_csv_import_writes_valid_files_and_a_rerun_changes_nothing(demo, kinerja, tmp_path):
    table = _csv(tmp_path / "pengaduan.csv", GOOD, sep=";")
    first = kinerja("import-complaints", str(table), "--akar", str(demo))
    assert first.code == 0, first
    written = demo / "complaints/2026/2026-0010.yml"
    text = written.read_text(encoding="utf-8")
    assert "status: \"selesai\"" in text and "LPR-ABC123" in text
    _, findings = validate(demo, ["complaints/2026/2026-0010.yml"], today=date(2026, 11, 16), use_cache=False)
    assert findings == []
    again = kinerja("import-complaints", str(table), "--akar", str(demo))
    assert again.code == 0 and "sudah sama" in again.out
    assert written.read_text(encoding="utf-8") == text
    # the same number with other content: refused, nothing written
    changed = [list(r) for r in GOOD]
    changed[0][7] = "Ringkasan lain."
    other = kinerja("import-complaints", str(_csv(tmp_path / "lain.csv", changed)), "--akar", str(demo))
    assert other.code == 1 and "sudah ada dengan isi lain" in other.out
    assert "lain.csv:2:1: kesalahan import-exists: baris 2: complaints/2026/2026-0010.yml sudah ada" in other.out
    assert written.read_text(encoding="utf-8") == text


def test_errors_name_row_and_column_and_nothing_is_written(demo, kinerja, tmp_path):
    before = _complaints(demo)
    rows = [list(r) for r in GOOD]
    rows[0][7] = "Hubungi pelapor di 0812-3456-7890"  # ringkasan = column H, row 2
    rows.append(["2026-0011", "lapor", "", "2026-10-07", "disdukcapil-bid-capil", "paspor", "waktu_layanan", "Antre lama.",
                 "diterima", "2026-10-07", "", "", "", ""])  # unknown service, row 5 column F
    rows.append(["2026-0012", "lapor", "", "2026-10-07", "disdukcapil-bid-capil", "akta-lahir", "waktu_layanan", "Antre lama.",
                 "diterima", "2026-02-30", "", "", "", ""])  # no such day, row 6 column J
    result = kinerja("import-complaints", str(_csv(tmp_path / "salah.csv", rows)), "--akar", str(demo))
    assert result.code == 1, result
    # file:row:col, the file's own finding code (looked up in the guide), then the cell as a spreadsheet names it
    assert "salah.csv:2:8: kesalahan suara-personal-data: baris 2, kolom H (kolom ringkasan): pengaduan 2026-0010:" in result.out
    assert "nomor telepon" in result.out
    assert "salah.csv:5:6: kesalahan " in result.out and "baris 5, kolom F (kolom layanan)" in result.out and "paspor" in result.out
    assert "salah.csv:6:10: kesalahan import-date: baris 6, kolom J (kolom tanggal_status): tanggal “2026-02-30” tidak ada di kalender" in result.out
    assert "Tidak ada berkas yang ditulis" in result.out
    assert _complaints(demo) == before


def test_xlsx_with_date_cells_and_formulas(demo, kinerja, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    row = list(GOOD[0])
    row[3], row[9] = datetime(2026, 10, 5), datetime(2026, 10, 5)
    ws.append(row)
    path = tmp_path / "pengaduan.xlsx"
    wb.save(path)
    ok = kinerja("import-complaints", str(path), "--akar", str(demo))
    assert ok.code == 0, ok
    assert "diterima: \"2026-10-05\"" in (demo / "complaints/2026/2026-0010.yml").read_text(encoding="utf-8")
    ws["H2"] = "=HYPERLINK(\"https://contoh.invalid\")"
    ws["A2"] = "2026-0020"
    wb.save(path)
    bad = kinerja("import-complaints", str(path), "--akar", str(demo))
    assert bad.code == 1 and "pengaduan.xlsx:2:8: kesalahan import-formula: Sheet!H2 (kolom ringkasan): sel berisi rumus" in bad.out
    assert not (demo / "complaints/2026/2026-0020.yml").exists()


def test_the_table_reader_of_kinerja_import_refuses_the_same_cells(demo, kinerja, tmp_path):
    """import-complaints reads through orgio/table.py: the refusals of kinerja import hold for it too."""
    before = _complaints(demo)
    rows = [list(r) for r in GOOD]
    rows[1][10] = "Diteruskan\u202eke bidang"  # a bidi override hidden in keterangan (row 3, column K)
    rows[2][13] = "+62 812 pemberitahuan"  # text a spreadsheet reads as a formula (row 4, column N)
    result = kinerja("import-complaints", str(_csv(tmp_path / "tersembunyi.csv", rows)), "--akar", str(demo))
    assert result.code == 1, result
    assert "tersembunyi.csv:3:11: kesalahan import-char: baris 3, kolom K (kolom keterangan): sel memuat karakter tersembunyi" in result.out
    assert "U+202E" in result.out
    assert "tersembunyi.csv:4:14: kesalahan import-formula: baris 4, kolom N (kolom tindak_lanjut_uraian): sel diawali '+'" in result.out
    # a CSV saved as Windows-1252: the byte and where it is, nothing written
    ansi = tmp_path / "ansi.csv"
    ansi.write_bytes(",".join(HEADER).encode() + b"\n2026-0030,lapor,,2026-10-05,disdukcapil-bid-capil,akta-lahir,"
                     b"waktu_layanan,Antrean caf\xe9,diterima,2026-10-05,,,,\n")
    enc = kinerja("import-complaints", str(ansi), "--akar", str(demo))
    assert enc.code == 1 and "ansi.csv:2:8: kesalahan import-encoding: baris 2, kolom H: berkas bukan UTF-8 (byte 0xE9" in enc.out
    # an unknown and a missing required column are named in the header row
    head = tmp_path / "judul.csv"
    head.write_text("nomor,status,warna\n2026-0031,diterima,merah\n", encoding="utf-8")
    bad = kinerja("import-complaints", str(head), "--akar", str(demo))
    assert bad.code == 1 and "judul.csv:1:3: kesalahan import-header: baris 1, kolom C (kolom ?): kolom “warna” tidak dikenal" in bad.out
    assert "judul.csv:1:1: kesalahan import-header: baris 1: kolom wajib tanggal_status tidak ada di baris judul" in bad.out
    # a line break is allowed in a public summary, as in the file
    multi = [list(r) for r in GOOD]
    multi[0][7] = "Akta kelahiran belum terbit.\nSudah 10 hari kerja."
    ok = kinerja("import-complaints", str(_csv(tmp_path / "baris.csv", multi)), "--akar", str(demo))
    assert ok.code == 0, ok
    assert _complaints(demo) == sorted(before + ["2026-0010.yml"])
