"""One row of an imported table, read cell by cell into the values the YAML files hold.

`RowReader.get(name)` returns MISSING when the file has no such column, None for an empty
cell, else the converted value; a cell that cannot be converted adds a located finding and
reads as BAD, so one row can report every bad cell at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from kinerja.findings import ERROR, Finding
from kinerja.orgio.columns import EDUCATION, FALSE_WORDS, TRUE_WORDS
from kinerja.orgio.table import Cell, Table

MISSING = object()
BAD = object()

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_GOLONGAN = re.compile(r"(?i)(IV|III|II|I)\s*/\s*([a-e])")
_ROMAN = re.compile(r"(?i)(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)")


class RowReader:
    def __init__(self, table: Table, cells: dict[str, Cell], findings: list[Finding]):
        self.table = table
        self.cells = cells
        self.findings = findings
        self.bad = False
        self.row = next(iter(cells.values())).row if cells else 0

    # --- reporting ----------------------------------------------------------------------
    def error(self, name: str | None, code: str, message: str) -> None:
        self.bad = True
        self.findings.append(self._finding(name, code, message, ERROR))

    def warning(self, name: str | None, code: str, message: str) -> None:
        from kinerja.findings import WARNING

        self.findings.append(self._finding(name, code, message, WARNING))

    def _finding(self, name, code, message, severity) -> Finding:
        cell = self.cells.get(name) if name else None
        if cell is None:
            return self.table.finding(self.row, None, name, code, message, severity)
        return self.table.cell_finding(cell, name, code, message, severity)

    def has(self, name: str) -> bool:
        return name in self.table.header

    def raw(self, name: str):
        if name not in self.table.header:
            return MISSING
        cell = self.cells.get(name)
        return None if cell is None else cell.value

    # --- typed reads --------------------------------------------------------------------
    def text(self, name: str):
        v = self.raw(name)
        if v is MISSING or v is None:
            return v
        if isinstance(v, bool):
            return "ya" if v else "tidak"
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, (datetime, date)):
            return v.date().isoformat() if isinstance(v, datetime) else v.isoformat()
        return str(v)

    def ident(self, name: str):
        """An id (person, unit): kept as written except surrounding spaces and case."""
        v = self.text(name)
        if v is MISSING or v is None:
            return v
        return v.strip().casefold()

    def code(self, name: str):
        """An enum-like value: 'Ahli Pertama' and 'ahli-pertama' read as ahli_pertama."""
        v = self.text(name)
        if v is MISSING or v is None:
            return v
        return re.sub(r"[\s\-]+", "_", v.strip().casefold())

    def date(self, name: str):
        v = self.raw(name)
        if v is MISSING or v is None:
            return v
        if isinstance(v, datetime):
            if (v.hour, v.minute, v.second, v.microsecond) != (0, 0, 0, 0):
                self.error(name, "import-date", "sel tanggal memuat jam; isi tanggal saja (TTTT-BB-HH).")
                return BAD
            return v.date().isoformat()
        if isinstance(v, date):
            return v.isoformat()
        if isinstance(v, str):
            m = _ISO.fullmatch(v)
            if m:
                y, mo, d = int(m[1]), int(m[2]), int(m[3])
            else:
                m = _DMY.fullmatch(v)
                if m:
                    d, mo, y = int(m[1]), int(m[2]), int(m[3])
            if m:
                try:
                    day = date(y, mo, d)
                except ValueError:
                    self.error(name, "import-date", f"tanggal {_shown(v)} tidak ada di kalender.")
                    return BAD
                if not 1900 <= day.year <= 2100:
                    self.error(name, "import-date", f"tahun {day.year} di luar 1900-2100.")
                    return BAD
                return day.isoformat()
        self.error(name, "import-date", f"{_shown(v)} bukan tanggal; tulis TTTT-BB-HH (misalnya 2027-01-02) atau HH/BB/TTTT.")
        return BAD

    def integer(self, name: str):
        v = self.raw(name)
        if v is MISSING or v is None:
            return v
        if isinstance(v, bool):
            pass
        elif isinstance(v, int):
            return v
        elif isinstance(v, float) and v.is_integer():
            return int(v)
        elif isinstance(v, str) and re.fullmatch(r"[0-9]{1,15}", v):
            return int(v)
        self.error(name, "import-value", f"{_shown(v)} bukan bilangan bulat.")
        return BAD

    def boolean(self, name: str):
        v = self.raw(name)
        if v is MISSING or v is None:
            return v
        if isinstance(v, bool):
            return v
        if isinstance(v, (int, float)) and v in (0, 1):
            return bool(v)
        word = str(v).strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        self.error(name, "import-value", f"{_shown(v)} tidak dikenal; tulis ya atau tidak.")
        return BAD

    def education(self, name: str):
        v = self.text(name)
        if v is MISSING or v is None:
            return v
        key = re.sub(r"[\s.\-/]+", "", v).upper()
        if key in EDUCATION:
            return EDUCATION[key]
        self.error(name, "import-value", f"pendidikan {_shown(v)} tidak dikenal; tulis sd, sltp, slta, d1, d2, d3, d4, s1, s2 atau s3.")
        return BAD

    def golongan(self, name: str):
        v = self.text(name)
        if v is MISSING or v is None:
            return v
        m = _GOLONGAN.fullmatch(v.strip())
        if m:
            return f"{m[1].upper()}/{m[2].lower()}"
        if _ROMAN.fullmatch(v.strip()):
            return v.strip().upper()
        return v  # the schema explains what is allowed


def _shown(value) -> str:
    from kinerja.findings import shown

    return shown(value, 40)
