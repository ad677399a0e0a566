"""Helpers for the import/export tests: tables written as real CSV and .xlsx files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kthelpers import git

PEOPLE_HEADER = [
    "id_pegawai", "nama", "status_kepegawaian", "github_login", "github_id", "unit", "jabatan",
    "jenis_jabatan", "jenjang", "golongan", "pangkat", "pejabat_penilai", "mulai", "selesai",
]
# disdik-0042 exactly as the demo records her (organisation/people/disdik-0042.yml); no pejabat
# penilai: it is derived from the unit tree (the head of SD Negeri 12), like in the demo.
SITI = ["disdik-0042", "Siti Rahmawati, S.Pd.", "pns", "kt-demo-siti", "91000042", "disdik-sdn-12-mb",
        "Guru Ahli Pertama", "fungsional", "ahli_pertama", "III/b", "Penata Muda Tingkat I", "", "2019-03-01", ""]
# disdik-0045 as recorded (organisation/people/disdik-0045.yml).
ANDI = ["disdik-0045", "Andi Pratama", "pppk", "kt-demo-andi", "91000045", "disdik-sdn-12-mb",
        "Operator Layanan Operasional", "pelaksana", "", "V", "", "", "2024-06-01", ""]
NEW = ["disdik-0046", "Nur Aini, S.Pd.", "pppk", "kt-demo-nuraini", "91000046", "disdik-sdn-12-mb",
       "Guru Ahli Pertama", "fungsional", "ahli_pertama", "IX", "", "", "2027-04-01", ""]


def write_csv(path: Path, header: list[str], rows: list[list], delimiter: str = ",", bom: bool = False) -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8"))
    return path


def write_xlsx(path: Path, sheets: dict[str, tuple[list[str], list[list]]]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    wb.save(path)
    return path


def row(base: list, **changes) -> list:
    out = list(base)
    for name, value in changes.items():
        out[PEOPLE_HEADER.index(name)] = value
    return out


def status(repo: Path) -> str:
    return git(repo, "status", "--porcelain", "--untracked-files=all", "--", "organisation")
