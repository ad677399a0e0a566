"""The Panduan pages exist, are Indonesian hand-written Markdown, and their examples are
exactly what the issue-form parser accepts (guide and code cannot drift apart)."""

from __future__ import annotations

import re

import pytest

from kthelpers import ROOT
from kinerja.review import lineformat

PAGES = ROOT / "site" / "panduan"


def _blocks(name: str) -> list[str]:
    return re.findall(r"```text\n(.*?)```", (PAGES / name).read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("name", ["index.md", "pegawai.md", "atasan.md", "admin.md", "situs-publik.md"])
def test_pages_exist(name):
    text = (PAGES / name).read_text(encoding="utf-8")
    assert text.startswith("# ") and len(text) > 1500 or name == "index.md"
    # The guides are published: not even a fictitious NIP may appear in them.
    assert "Traceback" not in text and not re.search(r"(?<![0-9])[0-9]{18}(?![0-9])", text)


def test_guide_examples_parse_without_errors():
    rhk_text, iki_text = _blocks("pegawai.md")[:2]
    rhk, errors = lineformat.parse_rhk(rhk_text)
    assert errors == [] and [r["id"] for r in rhk] == ["rhk-1", "rhk-2"]
    iki, errors = lineformat.parse_iki(iki_text, {"rhk-1", "rhk-2"}, False)
    assert errors == [] and iki["rhk-2"][0]["lebih_kecil_lebih_baik"] is True


def test_guide_names_the_real_form_labels_and_commands():
    text = (PAGES / "pegawai.md").read_text(encoding="utf-8")
    for words in ("Ajukan SKP", "Laporkan realisasi", "Ajukan keberatan", "kinerja new", "Periksa usulan"):
        assert words in text
    admin = (PAGES / "admin.md").read_text(encoding="utf-8")
    assert "scripts/terapkan-pengaturan-github.sh" in admin and (ROOT / "scripts/terapkan-pengaturan-github.sh").exists()
    script = (ROOT / "scripts/terapkan-pengaturan-github.sh").read_text(encoding="utf-8")
    assert '"context": "Periksa usulan"' in script  # the required check is the PR-check job's name
    assert "name: Periksa usulan" in (ROOT / ".github/workflows/pemeriksaan.yml").read_text(encoding="utf-8")
