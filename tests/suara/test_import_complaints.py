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
    assert other.code == 1 and "sudah ada dengan isi lain" in other.out and "baris 2" in other.out
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
    assert "baris 2, kolom H (ringkasan)" in result.out and "nomor telepon" in result.out
    assert "baris 5, kolom F (layanan)" in result.out and "paspor" in result.out
    assert "baris 6, kolom J (tanggal_status)" in result.out
    assert "tidak ada berkas yang ditulis" in result.out
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
    assert bad.code == 1 and "baris 2, kolom H (ringkasan)" in bad.out and "rumus" in bad.out
    assert not (demo / "complaints/2026/2026-0020.yml").exists()
