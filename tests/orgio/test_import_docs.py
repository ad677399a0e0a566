"""The admin guide documents exactly the columns and messages the importer knows."""

from __future__ import annotations

import re

from kthelpers import ROOT

from kinerja.findings import CODES
from kinerja.orgio.columns import PEOPLE_COLUMNS, UNIT_COLUMNS

GUIDE = (ROOT / "site/panduan/admin.md").read_text(encoding="utf-8")


def _table_after(heading: str) -> list[str]:
    start = GUIDE.index(heading)
    block = GUIDE[start:].split("\n\n", 2)[1]
    return re.findall(r"^\| `([a-z_]+)` \|", block, flags=re.M)


def test_every_column_is_documented_in_order():
    assert _table_after("Kolom lembar **Pegawai**") == [c.name for c in PEOPLE_COLUMNS]
    assert _table_after("Kolom lembar **Unit**") == [c.name for c in UNIT_COLUMNS]


def test_every_import_code_is_documented():
    codes = {c for c in CODES if c.startswith("import-")}
    documented = set(re.findall(r"^\| `(import-[a-z-]+)` \|", GUIDE, flags=re.M))
    assert codes == documented
    emitted = set()
    for path in (ROOT / "scripts/kinerja/orgio").glob("*.py"):
        emitted |= set(re.findall(r'"(import-[a-z-]+)"', path.read_text(encoding="utf-8")))
    assert emitted <= codes, emitted - codes


def test_samples_are_linked_and_hold_no_nip():
    for name in ("pegawai.csv", "unit.csv"):
        assert f"(contoh/{name})" in GUIDE
        text = (ROOT / "site/panduan/contoh" / name).read_text(encoding="utf-8")
        assert not re.search(r"(?<![0-9])[0-9]{18}(?![0-9])", text)
