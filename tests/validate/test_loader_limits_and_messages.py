"""loader.py in process: the limits at their exact boundaries, root scalars and documents, the
flow-mapping decimal comma, and the message (with its place) of the syntax errors the other
loader tests leave out. Expected values written by hand; fast enough for mutation testing
(`make mutants`), which is why these are here and not behind a demo copy."""

from __future__ import annotations

import pytest
import yaml

from kinerja import loader
from kinerja.loader import MAX_BYTES, MAX_NODES, LibyamlMissing, LoadError, load_bytes, load_text


def _error(text: str, **kw) -> LoadError:
    with pytest.raises(LoadError) as err:
        load_text(text, **kw)
    return err.value


# --- limits --------------------------------------------------------------------------------


def test_the_default_size_limit_is_one_mebibyte():
    assert MAX_BYTES == 1024 * 1024
    at_limit = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(at_limit) == MAX_BYTES
    assert load_bytes(at_limit).data == {"a": "x" * (MAX_BYTES - 4)}
    with pytest.raises(LoadError) as err:
        load_bytes(at_limit + b"\n")
    assert (err.value.code, err.value.line, err.value.column) == ("yaml-too-large", 1, 1)
    assert "1,048,577 byte, melebihi batas 1,048,576 byte" in err.value.message


def test_the_default_node_limit_is_one_hundred_thousand_values():
    assert MAX_NODES == 100_000
    # a list of n items is n + 1 nodes (the list itself)
    assert len(load_text("[" + ",".join(["1"] * (MAX_NODES - 1)) + "]").data) == MAX_NODES - 1
    e = _error("[" + ",".join(["1"] * MAX_NODES) + "]")
    assert (e.code, e.line) == ("yaml-too-many-nodes", 1)
    assert e.message == f"Berkas berisi lebih dari {MAX_NODES} nilai. Pecah menjadi beberapa berkas."


@pytest.mark.parametrize("doc, nodes", [
    ("a: 1\n", 3),  # the mapping, its key and its value
    ("- 1\n- 2\n", 3),
    ("a:\n  b: [1]\n", 6),  # mapping, a, mapping, b, the list and 1
    ("a: []\n", 3),  # the last node a list: the limit counts collections the same way
])
def test_a_file_of_exactly_max_nodes_is_read_and_one_more_is_refused(doc, nodes):
    load_text(doc, max_nodes=nodes)
    e = _error(doc, max_nodes=nodes - 1)
    assert e.code == "yaml-too-many-nodes"


def test_the_last_node_over_the_limit_is_the_place_named():
    e = _error("a: 1\nb: 2\nc: 3\n", max_nodes=5)  # the 6th node is the key c
    assert (e.line, e.column) == (3, 1)
    e = _error("a: 1\nb:\n  - 2\n", max_nodes=4)  # the 5th node is the list under b
    assert (e.line, e.column) == (3, 3)


def test_without_libyaml_the_loader_refuses_to_run(monkeypatch):
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    with pytest.raises(LibyamlMissing):
        load_text("a: 1\n")
    monkeypatch.delattr(yaml, "__with_libyaml__")  # a build that does not say is taken as one without
    with pytest.raises(LibyamlMissing):
        load_text("a: 1\n")
    monkeypatch.undo()
    monkeypatch.setattr(loader, "_CParser", None)
    with pytest.raises(LibyamlMissing):
        load_text("a: 1\n")


# --- documents and root values ---------------------------------------------------------------


def test_a_root_scalar_follows_the_scalar_schema_when_plain_and_stays_text_when_quoted():
    assert load_text("42\n").data == 42 and type(load_text("42\n").data) is int
    assert load_text("'42'\n").data == "42"
    assert load_text('"true"\n').data == "true"
    assert load_text("teks\n").data == "teks"


@pytest.mark.parametrize("doc, line", [
    ("a\n--- b\n", 2),  # a root scalar, then a second document
    ("a: 1\n---\nb: 2\n", 2),
    ("- 1\n--- [2]\n", 2),
])
def test_a_second_document_is_refused_after_any_root(doc, line):
    e = _error(doc)
    assert (e.code, e.line, e.column) == ("yaml-multi-document", line, 1)


@pytest.mark.parametrize("doc", ["", "# hanya komentar\n", "~\n", "null\n", "---\n...\n"])
def test_an_empty_document_is_refused_at_the_start(doc):
    e = _error(doc)
    assert (e.code, e.line, e.column) == ("yaml-empty", 1, 1)


# --- the decimal comma in flow mappings -------------------------------------------------------


@pytest.mark.parametrize("doc, value", [
    ('{a: "7",5: x}', {"a": "7", "5": "x"}),  # a quoted value is text, not the first half of a number
    ("{a: x,5: y}", {"a": "x", "5": "y"}),  # a plain value that is no integer
    ("{a: 7.5,5: y}", {"a": 7.5, "5": "y"}),
    ("{a: 7, 5: y}", {"a": 7, "5": "y"}),  # a space after the comma: two entries
    ("a: 7\n5: y\n", {"a": 7, "5": "y"}),  # block style: no comma at all
])
def test_a_digit_key_after_a_comma_is_a_decimal_comma_only_right_after_a_plain_integer(doc, value):
    assert load_text(doc).data == value


def test_the_decimal_comma_is_looked_for_after_a_list_or_mapping_value_too():
    e = _error("{a: [1], b: 7,5: x}")  # the list value ends no flow mapping's check
    assert (e.code, e.line, e.column) == ("yaml-decimal-comma", 1, 13)
    assert load_text("{a: 7, b: [1],5: x}").data == {"a": 7, "b": [1], "5": "x"}  # 7 is not before the 5


def test_the_decimal_comma_is_found_far_into_a_file():
    # the comma test compares text offsets: past offset 256 they are no longer CPython's cached ints
    e = _error('catatan: "' + "x" * 300 + '"\nt: {nilai: 7,5}\n')
    assert (e.code, e.line, e.column) == ("yaml-decimal-comma", 2, 12)


def test_the_decimal_comma_is_reported_at_the_integer_with_the_number_to_write():
    e = _error("x: 1\nt: {nilai: 7,5, satuan: \"%\"}\n")
    assert (e.code, e.line, e.column) == ("yaml-decimal-comma", 2, 12)
    assert e.message == ("Angka 7,5 ditulis dengan koma desimal; di dalam {...} koma memisahkan isian. "
                         "Tulis 7.5 (titik sebagai pemisah desimal).")


# --- aliases --------------------------------------------------------------------------------


def test_an_alias_is_refused_with_its_name():
    e = _error("a: 1\nb: *abc\n")
    assert (e.code, e.line, e.column) == ("yaml-alias", 2, 4)
    assert e.message == "Alias YAML \u201c*abc\u201d tidak didukung: tulis nilainya secara lengkap di sini."


def test_a_long_alias_name_is_shortened_like_an_anchors():
    e = _error("a: *" + "n" * 50 + "\n")
    assert "\u201c*" + "n" * 38 + "\u2026\u201d" in e.message  # 40 characters shown: 39 and an ellipsis


# --- quotes closed too early ------------------------------------------------------------------


@pytest.mark.parametrize("doc, line, col, message", [
    ("x: 1\nhari: 'Jum'at'\n", 2, 7,
     "Tanda kutip tunggal di dalam teks menutup teks itu terlalu awal (sebelum \u201cat'\u201d). Untuk tanda kutip di "
     "dalam teks, tulis dua kali ('') di dalam teks bertanda kutip tunggal, misalnya 'Jum''at', atau bungkus seluruh "
     "teks dengan kutip ganda."),
    ('x: 1\ny:\n  - "kata "kutip" di"\n', 3, 5,
     "Tanda kutip ganda di dalam teks menutup teks itu terlalu awal (sebelum \u201ckutip\" di\"\u201d). Untuk tanda "
     "kutip di dalam teks, tulis \\\" untuk tanda kutip di dalam teks, atau bungkus seluruh teks dengan kutip tunggal."),
])
def test_a_quote_closed_too_early_is_reported_at_its_opening_quote(doc, line, col, message):
    e = _error(doc)
    assert (e.code, e.line, e.column, e.message) == ("yaml-unclosed-quote", line, col, message)


def test_the_backslash_hint_reads_only_the_line_of_the_open_quote():
    e = _error('a: "satu\nb: \\"dua\n')  # the \" is on a later line of the runaway text
    assert "garis miring" not in e.message and (e.line, e.column) == (1, 4)
    e = _error('a: "satu \\"\nb: 2\n')
    assert "hapus garis miring terbalik itu" in e.message and (e.line, e.column) == (1, 4)
    e = _error("a: 'satu \\\"\nb: 2\n")  # in single quotes a backslash is only a character: no hint
    assert "garis miring" not in e.message and e.message.startswith("Tanda kutip tunggal (')")


def test_the_text_after_an_early_close_is_shown_up_to_30_characters():
    e = _error("x: 1\ny: 'Jum'at pagi sampai sore hari di kantor kecamatan'\n")
    assert "(sebelum \u201cat pagi sampai sore hari di k\u2026\u201d)" in e.message  # 29 characters and an ellipsis


def test_only_quotes_up_to_the_line_of_the_error_are_looked_at():
    # the parser stops at line 2 ("- b" under a mapping); the quote closed too early on line 3 is after it
    e = _error("a: 1\n- b\nc: 'Jum'at'\n")
    assert (e.code, e.line, e.column) == ("yaml-syntax", 2, 1)


@pytest.mark.parametrize("doc", [
    'x: 1\n"a"b\nc: d\n',  # the scanner stops on the line after the glued quote
    'x: 1\n"a"b\n\nc: d\n',  # two lines after
    'x: 1\n"a"b\n\n\n\n\nc: d\n',  # five lines after: libyaml still names where the key began
])
def test_a_quoted_key_glued_to_what_follows_is_found_where_the_key_began(doc):
    e = _error(doc)
    assert (e.code, e.line, e.column) == ("yaml-unclosed-quote", 2, 1)
    assert "terlalu awal (sebelum \u201cb\u201d)" in e.message


@pytest.mark.parametrize("doc, line, col", [
    ("a:\n  - b\n  c\n", 3, 3),  # libyaml notices at the end of the file, past the last line
    ("x: 1\ny\nz: 2\n", 2, 1),  # ... or on the next line
    ('x: 1\n"a"\n  b: 2\n', 2, 1),  # a quoted key that is not glued to anything: no quote problem
])
def test_a_key_without_its_colon_is_reported_where_the_key_began(doc, line, col):
    e = _error(doc)
    assert (e.code, e.line, e.column) == ("yaml-syntax", line, col)
    assert e.message.startswith("Tanda titik dua (:) yang diharapkan tidak ada.")


def test_a_key_at_the_column_of_a_parent_key_swallowed_by_an_open_quote_is_named():
    e = _error('x:\n  a: "satu\nb: dua"\n')
    assert (e.code, e.line, e.column) == ("yaml-unclosed-quote", 2, 6)
    assert "menelan \u201cb: dua\"\u201d" in e.message


@pytest.mark.parametrize("doc, value", [
    ('"\r"', " "),  # libyaml breaks lines at a lone CR; the text split at LF has one line only
    ('\r\r\r"a\rb: c"', "a b: c"),
    ('a: "x\rb: y"\r', {"a": "x b: y"}),
    ('\r"a\rb"', "a b"),  # the quote starts on libyaml's line 2, which the LF split does not have at all
])
def test_a_quoted_text_over_lone_carriage_returns_reads_without_an_internal_error(doc, value):
    # found by Hypothesis (test_validate_properties.py) when the line clamp of _swallowed_key was taken out
    assert load_text(doc).data == value


@pytest.mark.parametrize("doc, line", [
    (" -\r (", 2),  # found by Hypothesis: libyaml's mark of the key is on its line 2, the LF split has one line
    ('a: 1\r\rb: 2\r"Perawat" Ahli\r', 4),  # the key on libyaml's line 4, two lines past the split's last
    ('x: 1\r\r\r"k" v\rz: 2\n', 4),
])
def test_a_key_libyaml_could_not_finish_after_lone_carriage_returns_is_no_internal_error(doc, line):
    e = _error(doc)
    assert (e.code, e.line) == ("yaml-syntax", line)


def test_a_swallowed_key_is_found_whatever_the_column_of_the_closing_quote():
    # the closing quote at the start of the last line: only that line is cut at the quote
    e = _error('x:\n  a: "satu\n  b: dua\n"\n')
    assert (e.code, e.line, e.column) == ("yaml-unclosed-quote", 2, 6)
    assert "menelan \u201cb: dua\u201d" in e.message


def test_a_swallowed_key_on_the_last_line_of_a_file_without_a_final_line_break_is_found():
    e = _error('a: "satu\nb: dua"')
    assert (e.code, e.line, e.column) == ("yaml-unclosed-quote", 1, 4)


def test_a_block_scalar_is_not_checked_for_swallowed_keys():
    assert load_text("a: |\n  satu\n  dua\nb: 2\n").data == {"a": "satu\ndua\n", "b": 2}
    assert load_text("a: >\n  satu\n  dua\nb: 2\n").data == {"a": "satu dua\n", "b": 2}


def test_a_block_scalar_before_the_error_is_not_taken_for_a_quote():
    e = _error("a: |\n  teks\nb: 'Jum'at'\n")
    assert (e.code, e.line, e.column) == ("yaml-unclosed-quote", 3, 4)


def test_a_quote_left_open_to_the_end_of_the_file_is_named_by_its_kind():
    single = _error("x: 1\ny: 'satu\n")
    assert single.message == ("Tanda kutip tunggal (') yang dibuka di sini tidak ditutup. Tutup tanda "
                              "kutip di akhir teks pada baris ini.")
    # no word on backslashes where the text has none
    assert _error('x: 1\ny: "satu\n').message == ('Tanda kutip ganda (") yang dibuka di sini tidak ditutup. Tutup tanda '
                                                  "kutip di akhir teks pada baris ini.")
    assert (single.line, single.column) == (2, 4)


# --- other syntax errors ----------------------------------------------------------------------


def test_an_error_at_the_end_of_a_line_is_not_called_a_tab():
    e = _error("a: !<x\n")  # libyaml's mark is just past the unfinished tag, at the end of the line
    assert (e.code, e.line, e.column) == ("yaml-syntax", 1, 7)
    assert "tab" not in e.message


def test_a_syntax_error_without_an_indonesian_text_names_libyamls_problem():
    e = _error("%FOO\n---\na: 1\n")
    assert (e.code, e.line, e.column) == ("yaml-syntax", 1, 5)
    assert e.message == "Penulisan YAML tidak sah (found unknown directive name). Periksa baris ini dan baris sebelumnya."


def test_a_tab_at_the_error_is_named():
    e = _error("a:\n\t- b\n")
    assert (e.code, e.line, e.column) == ("yaml-syntax", 2, 1)
    assert "tab" in e.message


# --- the malformed corpus, loader only ---------------------------------------------------------


def _yaml_cases():
    from test_validate_malformed import CASES  # the corpus table (tests/validate/fixtures/malformed)

    return [c for c in CASES if c.code.startswith("yaml-")]


@pytest.mark.parametrize("case", _yaml_cases(), ids=lambda c: c.name)
def test_each_malformed_yaml_file_is_refused_by_the_loader_itself_at_its_place(case):
    """The loader's part of test_validate_malformed.py, without a demo copy per case: the same
    fixture gives the same code, line, column and words straight from load_bytes."""
    from vhelpers import FIXTURES

    with pytest.raises(LoadError) as err:
        load_bytes((FIXTURES / "malformed" / f"{case.name}.yml").read_bytes())
    e = err.value
    assert (e.code, e.line) == (case.code, case.line), (e.code, e.line, e.column, e.message)
    if case.column is not None:
        assert e.column == case.column, e.message
    for word in case.words:
        assert word in e.message, e.message


# --- positions ---------------------------------------------------------------------------------


def test_a_list_or_mapping_is_located_at_its_key_a_value_at_itself_and_a_missing_path_at_its_nearest_ancestor():
    loaded = load_text("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert loaded.where(("a",)) == (1, 4) and loaded.where(("a",), key=True) == (1, 1)
    assert loaded.where(("b",)) == (2, 1)  # the list: at its key, not at its first item
    assert loaded.where(("b", 0)) == (3, 5)
    assert loaded.where(("b", 1, "c")) == (4, 9)
    assert loaded.where(("b", 1, "zz")) == (4, 5)  # absent: the mapping it would be in
    assert loaded.where(("zz", 3)) == (1, 1)  # nothing on the way: the document


def test_positions_of_a_file_start_after_a_leading_blank_line():
    e = _error("\na: \u202e\n")
    assert (e.code, e.line, e.column) == ("yaml-char", 2, 4)
    e = _error("\n\u202ex: 1\n")  # the first character after the line break is column 1
    assert (e.code, e.line, e.column) == ("yaml-char", 2, 1)


def test_where_without_positions_is_the_start_of_the_file():
    assert loader.Loaded({"a": 1}).where(("a",)) == (1, 1)


def test_where_reads_a_value_position_when_the_data_no_longer_holds_the_path():
    # the data is the caller's to change after loading; positions stay as they were read
    for path, data in ((("b",), {"a": 1}), (("b", 3), {"b": []}), (("b", "c"), {"b": "teks"})):
        loaded = loader.Loaded(data, {path: (5, 7)}, {path: (5, 1)})
        assert loaded.where(path) == (5, 7), path


# --- nothing else escapes ------------------------------------------------------------------------


@pytest.mark.parametrize("raised, code", [(RecursionError, "yaml-too-deep"), (ValueError, "internal-error"),
                                          (KeyError, "internal-error")])
def test_an_unexpected_exception_inside_the_loader_becomes_a_finding(monkeypatch, raised, code):
    # no known input gets here (the builder is iterative and refuses depth itself; libyaml raises
    # YAMLError): the guards are tested by making the builder fail
    def broken(*_args, **_kw):
        raise raised("x")

    monkeypatch.setattr(loader, "_build", broken)
    e = _error("a: 1\n")
    assert e.code == code and (e.line, e.column) == (None, None)
    if code == "internal-error":
        assert e.message == (f"Berkas tidak dapat dibaca karena kesalahan internal ({raised.__name__}). "
                             "Laporkan ke admin BKPSDM beserta berkas ini.")
    else:
        assert e.message == "Susunan bertingkat terlalu dalam. Periksa indentasi."


@pytest.mark.parametrize("doc, col, sign", [
    ("uraian: * Menyusun laporan\n", 9, "*"),  # a star as a bullet
    ("a: *\n", 4, "*"),
    ("lampiran:\n  - * butir pertama\n", 5, "*"),
    ("a: & Co\n", 4, "&"),
])
def test_a_star_or_ampersand_without_a_name_is_explained_in_indonesian_at_the_sign(doc, col, sign):
    e = _error(doc)
    assert (e.code, e.column) == ("yaml-syntax", col)
    assert e.message.startswith(f"Tanda {sign} di awal nilai dibaca YAML sebagai")
    assert "tanda kutip" in e.message and "did not find" not in e.message
