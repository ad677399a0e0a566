"""The head's own public narrative (evaluation realisasi.narasi_publik): published only where
publikasi.yml pegawai.narasi_publik allows it, only for people whose page is published, only
from final evaluations; its rule is on the Privasi page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import commit_all, site_copy

pytestmark = pytest.mark.slow

HEAD_TEXT = "Sembilan SD di daerah sungai masih tertinggal"  # demo: evaluations/2026/triwulan_3/disdik-0001.yml
STAFF_TEXT = "Narasi staf yang tidak boleh terbit 7Q"
DRAFT_TEXT = "Narasi kepala dari evaluasi draf 7Q"


def _site(repo: Path, out: Path) -> dict[str, str]:
    proc = subprocess.run([sys.executable, "-m", "kinerja", "site", "--akar", str(repo), "--keluaran", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return {p.relative_to(out).as_posix(): p.read_bytes().decode("utf-8", "ignore") for p in out.rglob("*") if p.is_file()}


def _workbook_text(path: Path) -> str:
    """Every cell of a downloaded workbook as text (the .xlsx is zipped: a plain scan sees nothing)."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v is not None)


def _add_narrative(path: Path, text: str, status: str | None = None) -> None:
    body = path.read_text(encoding="utf-8")
    assert "\npenilaian:" in body
    body = body.replace("\npenilaian:", f'\n  narasi_publik: "{text}"\npenilaian:', 1)
    if status:
        body = body.replace("status: final", f"status: {status}", 1)
    path.write_text(body, encoding="utf-8")


def test_demo_shows_the_heads_narrative_on_her_page_and_the_departments_page(demo_site):
    person = (demo_site / "pegawai" / "disdik-0001" / "index.html").read_text(encoding="utf-8")
    unit = (demo_site / "unit" / "disdik" / "index.html").read_text(encoding="utf-8")
    for page in (person, unit):
        assert HEAD_TEXT in page
        assert "narasi publik dari evaluasi final" in page
    privasi = (demo_site / "privasi" / "index.html").read_text(encoding="utf-8")
    assert "Narasi publik per periode" in privasi and "realisasi.narasi_publik" in privasi
    # not on another department's page
    assert HEAD_TEXT not in (demo_site / "unit" / "dinkes" / "index.html").read_text(encoding="utf-8")


def test_narrative_only_where_the_policy_and_the_persons_page_allow(tmp_path):
    repo = site_copy(tmp_path / "repo")
    _add_narrative(repo / "evaluations" / "2026" / "triwulan_3" / "disdik-0042.yml", STAFF_TEXT)  # staff: no public page
    _add_narrative(repo / "evaluations" / "2026" / "triwulan_3" / "kominfo-0001.yml", DRAFT_TEXT, status="draf")  # a head, draft
    commit_all(repo, "narasi")
    allowed = _site(repo, tmp_path / "allowed")
    everywhere = "\n".join(allowed.values())
    assert HEAD_TEXT in allowed["pegawai/disdik-0001.md"]
    # the open data carries it too, with the person's page id and the plan code, never a NIP
    table = allowed["data-terbuka/2026/narasi_publik.csv"]
    assert HEAD_TEXT in table and "disdik-0001" in table and "narasi_publik" in allowed["data-terbuka/datapackage.json"]
    assert HEAD_TEXT in allowed["data-terbuka/2026/data.json"]
    assert HEAD_TEXT in _workbook_text(tmp_path / "allowed" / "data-terbuka" / "2026" / "narasi_publik.xlsx")
    assert STAFF_TEXT not in everywhere  # the key is on, but this person's page is not published
    assert DRAFT_TEXT not in everywhere  # only final evaluations

    policy = repo / "organisation" / "publikasi.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("narasi_publik: true", "narasi_publik: false"), encoding="utf-8")
    commit_all(repo, "tutup narasi")
    closed = _site(repo, tmp_path / "closed")
    assert not [p for p, text in closed.items() if HEAD_TEXT in text or STAFF_TEXT in text]
    assert not [p for p in (tmp_path / "closed").rglob("*.xlsx") if HEAD_TEXT in _workbook_text(p)]
    assert closed["data-terbuka/2026/narasi_publik.csv"].count("\r\n") == 1  # the header only
    assert "Narasi publik yang ditulis pegawai di evaluasinya TIDAK diterbitkan" in closed["privasi.md"]
