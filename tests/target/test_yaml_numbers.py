"""Numbers in YAML written the Indonesian way are refused with what to write, never misread."""

from __future__ import annotations

import pytest

from kinerja.loader import LoadError, load_text
from kthelpers import run_kinerja


@pytest.mark.parametrize("text", ["1.000", "25.000", "1.000.000", "-1.000"])
def test_thousands_separator_is_kept_as_written(text):
    assert load_text(f"nilai: {text}\n").data == {"nilai": text}


@pytest.mark.parametrize("text,value", [("1.5", 1.5), ("0.125", 0.125), ("1000", 1000), ("1.0001", 1.0001), ("12.30", 12.3)])
def test_ordinary_numbers_stay_numbers(text, value):
    assert load_text(f"nilai: {text}\n").data == {"nilai": value}


def test_decimal_comma_inside_braces_is_one_clear_error_at_the_number():
    with pytest.raises(LoadError) as exc:
        load_text('target:\n  x: 1\n  t: {nilai: 7,5, satuan: "jam"}\n')
    assert exc.value.code == "yaml-decimal-comma"
    assert (exc.value.line, exc.value.column) == (3, 14)
    assert "Tulis 7.5" in exc.value.message


@pytest.mark.parametrize("src", ["a: {x: 7, 5: b}\n", "a: 7\n5: b\n", "a: [7,5]\n", "{a: 7,\n 5: b}\n"])
def test_no_false_alarm_on_real_keys(src):
    load_text(src)


def test_validate_says_what_to_write(demo):
    rel = "plans/2026/dinkes-0020.yml"
    path = demo / rel
    text = path.read_text(encoding="utf-8")
    assert 'target: {nilai: 1800, satuan: "pasien"}' in text and "  selesai: 2026-12-31" in text
    path.write_text(text.replace("nilai: 1800,", "nilai: 1.800,").replace("  selesai: 2026-12-31", "  selesai: 31-12-2026"), encoding="utf-8")
    r = run_kinerja("validate", rel, cwd=demo)
    assert r.code == 1, r
    lines = [ln for ln in r.out.splitlines() if ln.startswith(rel)]
    assert any(":8:" in ln and "schema-format" in ln and "tulis 2026-12-31" in ln for ln in lines), r.out
    assert sum(":8:" in ln for ln in lines) == 1  # one message for the date, not two
    assert any("schema-type" in ln and "Tulis 1800 (tanpa titik)" in ln for ln in lines), r.out
