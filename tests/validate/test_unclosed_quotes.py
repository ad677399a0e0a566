"""An unclosed quote is reported at the quote (yaml-unclosed-quote), whatever follows it.

Each case is a real demo plan with one quote left open (or closed too early), in every
shape we could think of: double and single quotes, at the end of the file or followed by more
quoted text (which libyaml reads as the closing quote, so its own error comes lines later as
"did not find expected key"), inside flow mappings and flow sequences, in list items, in keys,
with an escaped quote, an apostrophe inside single quotes, and an open quote that swallows the
next key yet leaves a file libyaml accepts. The expected line and column are counted by hand
from the edited line (the column of the opening quote, 1-based).
"""

from __future__ import annotations

import pytest
from kthelpers import ROOT
from vhelpers import check, describe

from kinerja.loader import LoadError, load_text

PLAN = "plans/2026/dinkes-0020.yml"
TEXT = (ROOT / PLAN).read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def _line(needle: str) -> int:
    return next(i for i, line in enumerate(LINES, start=1) if needle in line)


def _edit(old: str, new: str) -> str:
    assert TEXT.count(old) >= 1, old
    return TEXT.replace(old, new, 1)


URAIAN = '    uraian: "Terlaksananya asuhan keperawatan pasien poli umum sesuai standar"'
TARGET = '        target: {min: 90, maks: 100, satuan: "%"}'
LAMPIRAN = '    - "Anggaran kegiatan sesuai DPA 2026"'

# name, edited text, line, column (of the opening quote), words the message must contain
CASES = [
    ("double-followed-by-more-quotes", _edit(URAIAN, URAIAN[:-1]), _line(URAIAN), 13, ("kutip ganda", "menelan", "intervensi")),
    ("single-followed-by-more-quotes", _edit(URAIAN, URAIAN.replace('"', "'")[:-1]), _line(URAIAN), 13, ("kutip tunggal",)),
    ("flow-mapping-double", _edit(TARGET, TARGET.replace('"%"}', '"%}')), _line(TARGET), 46, ("kutip ganda",)),
    ("flow-mapping-single", _edit(TARGET, TARGET.replace('"%"}', "'%}")), _line(TARGET), 46, ("kutip tunggal",)),
    ("flow-sequence", _edit("perilaku_kerja: {}", 'perilaku_kerja: {}\ncatatan_x: ["satu, dua]'), _line("perilaku_kerja: {}") + 1, 13, ("kutip",)),
    ("list-item-at-end-of-file", TEXT.rstrip("\n")[:-1] + "\n", len(TEXT.rstrip("\n").split("\n")), 7, ("kutip ganda",)),
    ("list-item-then-more-items", _edit(LAMPIRAN, LAMPIRAN[:-1]), _line(LAMPIRAN), 7, ("kutip ganda",)),
    ("quoted-key", _edit("jabatan:", '"jabatan:'), _line("jabatan:"), 1, ("kutip ganda",)),
    ("escaped-closing-quote", _edit(URAIAN, URAIAN[:-1] + '\\"'), _line(URAIAN), 13, ("\\\"", "garis miring")),
    ("apostrophe-in-single-quotes", _edit(URAIAN, "    uraian: 'Terlaksananya asuhan hari Jum'at'"), _line(URAIAN), 13, ("''", "terlalu awal")),
    ("quote-inside-double-quotes", _edit(URAIAN, '    uraian: "Terlaksananya "asuhan" keperawatan"'), _line(URAIAN), 13, ("terlalu awal", "\\\"")),
    # a file libyaml accepts: the open quote runs to the next quote and swallows "jenis: utama"
    ("accepted-by-libyaml-but-swallows-a-key",
     _edit('    jenis: utama\n    uraian: "Terlaksananya asuhan keperawatan pasien poli umum sesuai standar"',
           '    uraian: "Terlaksananya asuhan keperawatan pasien poli umum sesuai standar\n    jenis: utama"'),
     _line("    jenis: utama"), 13, ("menelan", "jenis: utama")),
]


@pytest.mark.parametrize("name, text, line, column, words", CASES, ids=[c[0] for c in CASES])
def test_an_unclosed_quote_is_reported_at_the_quote(name, text, line, column, words):
    with pytest.raises(LoadError) as err:
        load_text(text)
    exc = err.value
    assert (exc.code, exc.line, exc.column) == ("yaml-unclosed-quote", line, column), (exc.code, exc.line, exc.column, exc.message)
    for w in words:
        assert w in exc.message, exc.message
    assert "Indentasi" not in exc.message


@pytest.mark.parametrize("text", [
    'a: "baris satu\n  baris dua"\nb: 2\n',  # a quoted text wrapped onto an indented line
    "uraian: 'Jum''at bersih'\n",  # the doubled apostrophe
    'uraian: "kata \\"kutip\\" di dalam"\n',
    'a: Ini "kutipan tanpa tutup\nb: 2\n',  # a quote inside plain text is only a character
    "h:\n  - uraian: \"Terlaksananya kegiatan berikut\n      meliputi: a, b dan c\"\n    jenis: utama\n",  # wrapped deeper
])
def test_correct_quotes_are_not_flagged(text):
    load_text(text)


def test_validate_reports_it_once_at_the_quote(demo):
    (demo / PLAN).write_text(_edit(URAIAN, URAIAN[:-1]), encoding="utf-8")
    findings = [f for f in check(demo, [PLAN]) if f.file == PLAN]
    assert [(f.code, f.line, f.column) for f in findings] == [("yaml-unclosed-quote", _line(URAIAN), 13)], describe(findings)
