"""The one target grammar (kinerja.model.target): a table of real phrasings, round trips,
and "never a traceback, never a silent misreading"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.model.target import Target, TargetError, format_number, number, parse, render
from kinerja.review import lineformat

TABLE = yaml.safe_load((Path(__file__).parent / "phrasings.yml").read_text(encoding="utf-8"))


def test_the_table_is_large_and_varied():
    assert len(TABLE) >= 60
    assert sum("tolak" in row for row in TABLE) >= 20


@pytest.mark.parametrize("row", TABLE, ids=[r["teks"] or "<kosong>" for r in TABLE])
def test_phrasing(row):
    if "tolak" in row:
        with pytest.raises(TargetError) as exc:
            parse(row["teks"])
        assert row["tolak"] in str(exc.value)
        return
    want = row["baca"]
    t = parse(row["teks"])
    assert t.satuan == want["satuan"]
    assert t.lower_is_better is want.get("lebih_kecil", False)
    assert (t.nilai, t.min, t.maks) == (want.get("nilai"), want.get("min"), want.get("maks"))
    assert parse(render(t)) == t


@pytest.mark.parametrize("row", [r for r in TABLE if "tolak" not in r][:20], ids=lambda r: r["teks"])
def test_forms_use_the_same_grammar(row):
    value, lower, problem = lineformat.parse_target(row["teks"], False)
    assert problem is None
    assert value == parse(row["teks"]).as_yaml() and lower == parse(row["teks"]).lower_is_better


def test_forms_say_why_and_keep_going():
    value, lower, problem = lineformat.parse_target("1,000 dokumen", False)
    assert value is None and "1.000 untuk ribuan" in problem


def test_realisasi_in_forms_is_never_misread():
    items, errors = lineformat.parse_realisasi("rhk-1 | iki-1 | 1.000\nrhk-1 | iki-2 | 1,000\nrhk-1 | iki-3 | 7,5\nrhk-1 | iki-4 | selesai tepat waktu")
    assert [e.line for e in errors] == [2] and "dapat berarti 1000" in errors[0].message
    assert items == {"rhk-1": [{"iki": "iki-1", "realisasi": 1000}, {"iki": "iki-3", "realisasi": 7.5}, {"iki": "iki-4", "realisasi": "selesai tepat waktu"}]}


units = st.sampled_from(["dokumen", "%", "hari", "hari kerja", "orang", "% tepat waktu", "rupiah", "SD", "m", "laporan"])
values = st.one_of(
    st.integers(0, 10**12),
    st.fractions(min_value=0, max_value=10**6, max_denominator=1000).filter(lambda f: f.denominator in (2, 4, 5, 8, 10, 20, 25, 100, 1000)).map(float),
)


@settings(deadline=None, max_examples=400)
@given(values, st.one_of(st.none(), values), units, st.booleans())
def test_render_then_parse_gives_the_same_target(a, b, unit, lower):
    if b is not None and b > a:
        t = Target(unit, min=a, maks=b, lower_is_better=lower)
    else:
        t = Target(unit, nilai=a, lower_is_better=lower)
    assert parse(render(t)) == t


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.integers(0, 10**15), values))
def test_number_round_trip(v):
    assert number(format_number(v)) == (v if isinstance(v, int) else __import__("fractions").Fraction(str(v)))


@settings(deadline=None, max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,-–% RpmaksimlnhrtuSD≥≤<>()")), max_size=40) | st.text(max_size=60))
def test_any_text_is_read_or_refused_never_crashes(text):
    try:
        t = parse(text)
    except TargetError as exc:
        assert str(exc)
        return
    assert t.satuan and not any(ch.isdigit() for ch in t.satuan)
    assert parse(render(t)) == t
