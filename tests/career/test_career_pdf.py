"""The career dossier as a PDF (issue 15 asks for it "readable as a document", with the documents
issue's engine): the same content as the text dossier, hostile text as typed, private output."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml
from pypdf import PdfReader

from kthelpers import run_kinerja

PERSON = "organisation/people/disdik-0042.yml"


def _text(pdf: Path) -> str:
    return re.sub(r"[\s\u200b]+", " ", " ".join((p.extract_text() or "") for p in PdfReader(pdf).pages))


ONE_ASSIGNMENT = """  - mulai: 2019-03-01
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Pertama"
    jenis_jabatan: fungsional
    jenjang: ahli_pertama
"""


def _promoted(demo: Path) -> None:
    """Ahli Pertama until 30 June 2026, Ahli Muda from 1 July (same unit); an annual Sangat Baik."""
    path = demo / PERSON
    text = path.read_text(encoding="utf-8")
    assert text.count(ONE_ASSIGNMENT) == 1
    lines = text.split(ONE_ASSIGNMENT, 1)[1].splitlines(keepends=True)
    tail = "".join(lines[: next(i for i, line in enumerate(lines) if not line.startswith("    "))])
    second = ('  - mulai: 2026-07-01\n    unit: disdik-sdn-12-mb\n    jabatan: "Guru Ahli Muda"\n    jenis_jabatan: fungsional\n'
              "    jenjang: ahli_muda\n" + tail)
    first = ONE_ASSIGNMENT + "    selesai: 2026-06-30\n"
    path.write_text(text.replace(ONE_ASSIGNMENT + tail, first + tail + second), encoding="utf-8")
    q3 = (demo / "evaluations/2026/triwulan_3/disdik-0042.yml").read_text(encoding="utf-8")
    (demo / "evaluations/2026/triwulan_4").mkdir(exist_ok=True)
    (demo / "evaluations/2026/triwulan_4/disdik-0042.yml").write_text(q3.replace("periode: triwulan_3", "periode: triwulan_4"), encoding="utf-8")


def test_dossier_pdf_holds_what_the_text_dossier_says(demo, tmp_path):
    _promoted(demo)
    args = ("career", "--akar", str(demo), "--pegawai", "disdik-0042", "--tanggal", "2026-12-31")
    text = run_kinerja(*args)
    assert text.code == 0, text
    out = tmp_path / "riwayat.pdf"
    r = run_kinerja(*args, "--format", "pdf", "--keluaran", str(out))
    assert r.code == 0, r
    pdf = _text(out)
    # every line of the text dossier, headings aside (upper case there), is in the PDF as written
    for line in text.out.splitlines():
        line = line.strip().removeprefix("- ").strip()
        if line and not line.isupper():
            assert " ".join(line.split()) in pdf, line
    # the angka kredit per jenjang: Jan-Jun 6/12 x 150% x 12.5 = 9.375 -> 9,38; Jul-Dec 6/12 x 150% x 25 = 18,75
    assert "ahli pertama, 6 bulan dari bulan ke-1: 9,38" in pdf and "ahli muda, 6 bulan dari bulan ke-7: 18,75" in pdf
    assert "DOKUMEN PRIBADI" in pdf and "tanpa kode QR" in pdf
    # the same dossier on the same date: the same bytes; an existing file is never overwritten
    again = tmp_path / "lagi.pdf"
    assert run_kinerja(*args, "--format", "pdf", "--keluaran", str(again)).code == 0
    assert again.read_bytes() == out.read_bytes()
    r = run_kinerja(*args, "--format", "pdf", "--keluaran", str(out))
    assert r.code == 2 and "tidak ditimpa" in r.err
    exe = shutil.which("pdftoppm")
    assert exe
    subprocess.run([exe, "-png", "-r", "30", "-f", "1", "-l", "1", str(out), str(tmp_path / "p")], check=True)
    from matplotlib import image

    pixels = image.imread(next(tmp_path.glob("p*.png")))
    assert 0.005 < (pixels[..., :3].mean(axis=2) < 0.5).mean() < 0.5


def test_dossier_pdf_prints_hostile_text_as_typed(demo, tmp_path):
    hostile = '#set page(fill: red) *tebal* $x$ <l> @r \\ ] [ `k` // c #eval("1") مرحبا'
    path = demo / PERSON
    data = path.read_text(encoding="utf-8")
    name = yaml.safe_load(data)["nama"]
    path.write_text(data.replace(f'"{name}"', yaml.safe_dump(hostile, allow_unicode=True, width=10000).strip().removesuffix("...").strip()), encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["nama"] == hostile
    out = tmp_path / "r.pdf"
    r = run_kinerja("career", "--akar", str(demo), "--pegawai", "disdik-0042", "--format", "pdf", "--keluaran", str(out))
    assert r.code == 0, r
    squeezed = re.sub(r"\s+", "", _text(out))
    assert re.sub(r"\s+", "", hostile.split(" مرحبا")[0]) in squeezed
    assert len(PdfReader(out).pages) >= 1


def test_dossier_pdf_is_for_one_person_and_never_beside_the_site(demo, tmp_path):
    r = run_kinerja("career", "--akar", str(demo), "--format", "pdf", "--keluaran", str(tmp_path / "x.pdf"))
    assert r.code == 2 and "--pegawai" in r.err
    r = run_kinerja("career", "--akar", str(demo), "--pegawai", "disdik-0042", "--format", "pdf")
    assert r.code == 2 and "--keluaran" in r.err
    r = run_kinerja("career", "--akar", str(demo), "--pegawai", "disdik-0042", "--format", "pdf", "--keluaran", str(demo / "site" / "x.pdf"))
    assert r.code == 2 and "folder situs" in r.err and not (demo / "site" / "x.pdf").exists()
