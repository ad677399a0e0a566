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
    assert "name: Periksa usulan" in (ROOT / ".github/workflows/pemeriksaan.yml").read_text(encoding="utf-8")


def test_admin_guide_matches_the_workflows_and_the_setup_script():
    admin = (PAGES / "admin.md").read_text(encoding="utf-8")
    script = (ROOT / "scripts/terapkan-pengaturan-github.sh").read_text(encoding="utf-8")
    workflows = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    # the secrets the guide tells admins to create are the ones the workflows read, and no other
    used = set(re.findall(r"secrets\.([A-Z_]+)", "".join(workflows.values())))
    assert used == {"KINERJA_APP_CLIENT_ID", "KINERJA_APP_KEY", "KINERJA_CACHE_KEY"}  # the last signs the kept charts
    assert all(f"`{name}`" in admin for name in used)
    # the App's permissions in the guide, the script's check and the gate's token agree
    assert 'expected="contents=write issues=write metadata=read pull_requests=write"' in script
    for words in ("Contents: Read and write", "Pull requests: Read and write", "Issues: Read and write", "*Workflows*"):
        assert words in admin
    assert "gerbang.yml" in admin and "runs-on: [self-hosted, kinerja]" in admin
    # what the setup script no longer does, the guide no longer claims
    assert "rulesets" not in script and "Ruleset cabang `main`" not in admin
