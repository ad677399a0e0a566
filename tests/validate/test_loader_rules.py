"""loader.py in process, rule by rule of its docstring: the encoding and the hidden characters
(with the position each error names), the small scalar schema, and refused node properties.
Expected values written by hand (fast enough for mutation testing)."""

from __future__ import annotations

import pytest

from kinerja.loader import LoadError, load_bytes, load_text, resolve_plain


def _error(raw: bytes, **kw) -> LoadError:
    with pytest.raises(LoadError) as err:
        load_bytes(raw, **kw)
    return err.value


def test_a_byte_that_is_not_utf8_is_reported_where_it_is():
    e = _error(b"a: 1\nbb: x\xe9y\n")  # line 2, the 6th character
    assert (e.code, e.line, e.column) == ("yaml-encoding", 2, 6) and "0xe9" in e.message
    e = _error(b"\xff: 1\n")
    assert (e.line, e.column) == (1, 1)
    e = _error(b"a: 1\n\nc: \x80\n")
    assert (e.line, e.column) == (3, 4)


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_is_refused_at_the_start(bom):
    e = _error(bom + "a: 1\n".encode("utf-16-le"))
    assert (e.code, e.line, e.column) == ("yaml-encoding", 1, 1) and "UTF-16" in e.message


def test_a_utf8_byte_order_mark_at_the_start_is_still_utf8():
    assert load_bytes(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}
    e = _error(b"a: 1\nb: \xef\xbb\xbfx\n")  # anywhere else it is a hidden character
    assert (e.code, e.line, e.column) == ("yaml-char", 2, 4) and "U+FEFF" in e.message


@pytest.mark.parametrize("ch, line, col", [("\u202e", 2, 7), ("\x00", 1, 4), ("\u2028", 3, 1), ("\x85", 1, 5)])
def test_hidden_characters_are_refused_where_they_are(ch, line, col):
    lines = ["a: 1", "b: abc", "c: 2"]
    row = lines[line - 1]
    lines[line - 1] = row[: col - 1] + ch + row[col - 1:]
    with pytest.raises(LoadError) as err:
        load_text("\n".join(lines) + "\n")
    assert (err.value.code, err.value.line, err.value.column) == ("yaml-char", line, col)
    assert f"U+{ord(ch):04X}" in err.value.message


def test_tabs_and_line_ends_are_allowed_text():
    assert load_text("a: \"x\ty\"\r\nb: 2\r\n").data == {"a": "x\ty", "b": 2}


def test_files_over_the_size_limit_are_refused_and_at_the_limit_read():
    raw = b"a: 1\nb: 2\n"  # 10 bytes
    e = _error(raw, max_bytes=9)
    assert (e.code, e.line, e.column) == ("yaml-too-large", 1, 1)
    assert load_bytes(raw, max_bytes=10).data == {"a": 1, "b": 2}


@pytest.mark.parametrize("text, value", [
    ("", None), ("~", None), ("null", None), ("Null", None), ("NULL", None),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
    ("0", 0), ("7", 7), ("-7", -7), ("+7", 7), ("123456789012345", 123456789012345),
    ("1.5", 1.5), ("-0.25", -0.25), ("+2.0", 2.0), ("0.5", 0.5),
    # YAML 1.1 would convert these behind the writer's back: they stay the text written
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("1:20", "1:20"), ("0123", "0123"), ("2025-02-30", "2025-02-30"),
    ("1234567890123456", "1234567890123456"), ("199207232019032011", "199207232019032011"),  # 16+ digits: a NIK/NIP
    ("1e3", "1e3"), (".nan", ".nan"), (".inf", ".inf"), ("0x1F", "0x1F"), ("1_000", "1_000"), ("nULL", "nULL"),
    ("1.000", "1.000"), ("12.500.000", "12.500.000"), ("-1.000", "-1.000"),  # Indonesian thousands: not 1.0
    ("1.0000", 1.0), ("1.00", 1.0), ("1000.000", 1000.0),  # not a thousands pattern: a decimal fraction
    ("1.", "1."), (".5", ".5"), ("-", "-"), ("+", "+"), ("1.5.", "1.5."), ("5 orang", "5 orang"), ("abc", "abc"),
])
def test_plain_scalars_follow_the_small_schema(text, value):
    got = resolve_plain(text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("doc, code, line, col", [
    ("a: &x 1\nb: 2\n", "yaml-anchor", 1, 4),
    ("a: 1\nb: !!str 2\n", "yaml-tag", 2, 4),
    ("a:\n  - !custom {x: 1}\n", "yaml-tag", 2, 5),
    ("a: &m\n  x: 1\n", "yaml-anchor", 1, 4),
    ("a: !!seq\n  - 1\n", "yaml-tag", 1, 4),
])
def test_anchors_and_tags_are_refused_where_they_are(doc, code, line, col):
    with pytest.raises(LoadError) as err:
        load_text(doc)
    assert (err.value.code, err.value.line, err.value.column) == (code, line, col)


def test_quoted_scalars_stay_text():
    assert load_text("a: \"1\"\nb: 'true'\nc: \"\"\n").data == {"a": "1", "b": "true", "c": ""}


def test_a_bad_byte_after_a_leading_blank_line_is_placed_right():
    e = _error(b"\na: \xe9\n")  # the first byte is a line break
    assert (e.line, e.column) == (2, 4)


def test_a_long_anchor_name_is_shortened_in_the_message():
    with pytest.raises(LoadError) as err:
        load_text("a: &" + "n" * 50 + " 1\n")
    # '&' and 50 letters: cut to 39 characters and an ellipsis, in quotes
    assert "\u201c&" + "n" * 38 + "\u2026\u201d" in err.value.message


@pytest.mark.parametrize("doc, line, col, words", [
    ("a: b: c\n", 1, 5, "Titik dua (:) di tempat yang tidak boleh"),  # the second ': '
    ("a: [1\n", 1, 4, "kurung siku"),  # at the bracket left open
])
def test_syntax_errors_are_indonesian_findings_at_their_place(doc, line, col, words):
    with pytest.raises(LoadError) as err:
        load_text(doc)
    assert (err.value.code, err.value.line, err.value.column) == ("yaml-syntax", line, col)
    assert words in err.value.message


def test_nesting_beyond_the_model_is_refused_before_any_recursion():
    with pytest.raises(LoadError) as err:
        load_text("[" * 5000 + "]" * 5000)
    assert (err.value.code, err.value.line, err.value.column) == ("yaml-too-deep", 1, 13)  # the 13th bracket
