"""The site build's fast paths give what the general code gives (issue 12): the redaction's
pre-check never misses a NIP-shaped string, open-data rows sort and key as before, and the
directly written outside links are el()'s markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import pytest

from kinerja.publish import opendata
from kinerja.publish.html import Html, el, esc, link_out
from kinerja.publish.projecting import redact as R

NIP = "198501012010011001"
SPACED = "19850101 201001 1 001"


@dataclass
class PublicCell:
    teks: str
    persen: Fraction | None = None
    url: str = ""


@dataclass(frozen=True)
class PublicFrozenCell:
    teks: str


@dataclass
class PublicHolder:
    nama: str
    isi: list = field(default_factory=list)
    peta: dict = field(default_factory=dict)


class Kode(str):
    pass


def _holders(text):
    """`text` in every kind of place the walk reaches."""
    return [
        PublicHolder("x", [PublicCell(text)]),
        PublicHolder("x", peta={"k": (1, PublicFrozenCell(text))}),
        PublicHolder(text),
        [[{"a": text}]],
        Kode(text),
        PublicHolder("x", [f"awal {text} akhir"]),
        PublicHolder("x", [f"é中{text}✔"]),  # multi-byte neighbours
    ]


@pytest.mark.parametrize("text", [NIP, SPACED, "3201012345678901", NIP + "9"])
@pytest.mark.parametrize("where", range(7))
def test_a_nip_shaped_string_anywhere_makes_the_walk_run(text, where):
    value = _holders(text)[where]
    assert R.may_hold_nip([value])
    out = R.redact(value)
    assert text not in repr(out) and "(disembunyikan)" in repr(out)


def test_without_eight_digits_in_a_row_nothing_is_walked_and_nothing_would_change():
    value = [PublicHolder("Rp 1.500.000.000 dan 2026-11-28", [PublicCell("1234567 ok", Fraction(275, 2))]),
             {"kode": "2026-dinas-01", "n": 12345678901234567890}]  # a big int is not text: pickled in binary
    assert not R.may_hold_nip(value)
    assert R.redact(value) == value


def test_a_cycle_or_an_unpicklable_value_is_walked():
    a = PublicHolder("a")
    a.isi.append(a)
    assert R.may_hold_nip([a])
    assert R.may_hold_nip([lambda: None])


def test_a_projection_without_nip_shaped_text_is_returned_untouched_and_one_with_it_redacted():
    @dataclass
    class Projection:
        unit: list
        policy: str

    clean = Projection([PublicCell("tanpa nomor")], f"kebijakan {NIP}")  # configuration is never walked nor read
    assert R.redacted(clean) is clean and clean.unit[0].teks == "tanpa nomor"
    dirty = Projection([PublicCell(f"nomor {NIP}")], "kebijakan")
    assert R.redacted(dirty) is dirty and dirty.unit[0].teks == "nomor (disembunyikan)"


def _old_sort(rows, keys):
    rows.sort(key=lambda row: tuple(["" if (v := row.get(k)) is None else v if type(v) is str else str(v) for k in keys]))


@pytest.mark.parametrize("rows", [
    [{"a": "b", "b": "2"}, {"a": "a", "b": "9"}, {"a": "b", "b": "10"}, {"a": "a", "b": "1"}],
    [{"a": "b", "b": None}, {"a": "a", "b": "x"}, {"a": "b", "b": ""}, {"a": "a", "b": None}],
    [{"a": 10, "b": "x"}, {"a": 9, "b": "x"}, {"a": "10", "b": "y"}],
    [{"a": "z"}, {"a": "y", "b": "q"}],  # a row without a key column
    [],
])
def test_rows_sort_as_they_did(rows):
    mine, theirs = [dict(r) for r in rows], [dict(r) for r in rows]
    opendata._sort_rows(mine, ("a", "b"))
    _old_sort(theirs, ("a", "b"))
    assert mine == theirs


def test_the_download_key_depends_on_values_not_on_shared_objects():
    r = opendata.RESOURCES[2]
    text = "sesuai" * 3
    shared = [{"x": text, "y": text}]
    apart = [{"x": "".join(["sesuai"] * 3), "y": "".join(["sesuai"] * 3)}]
    assert shared[0]["x"] is shared[0]["y"] and apart[0]["x"] is not apart[0]["y"]
    assert opendata._content_key((2026,), r, shared) == opendata._content_key((2026,), r, apart)
    assert opendata._content_key((2026,), r, shared) != opendata._content_key((2026,), r, [{"x": text, "y": "lain"}])
    assert opendata._content_key((2026,), r, [{"x": 1}]) != opendata._content_key((2026,), r, [{"x": True}])
    # a value marshal cannot write (a Fraction) still gives a values-only key
    f = [{"x": Fraction(1, 3)}]
    assert opendata._content_key((2026,), r, f) == opendata._content_key((2026,), r, [{"x": Fraction(2, 6)}])
    assert opendata._content_key((2026,), r, f) != opendata._content_key((2026,), r, [{"x": Fraction(1, 4)}])


@pytest.mark.parametrize("text", ["Bukti TW I: <b>&\"'", "", "a\nb", "\x07kontrol", Html("<i>siap</i>"), None, ["a", "b"]])
@pytest.mark.parametrize("new_tab", [True, False])
@pytest.mark.parametrize("url", ["https://contoh.example/a?b=1&c=\"2\"", None])
def test_an_outside_link_is_el_markup(text, new_tab, url):
    assert link_out(url, text, new_tab) == el("a", text, href=url, rel="nofollow noopener", target="_blank" if new_tab else None)


@pytest.mark.parametrize("text", ["satu baris <&>", "\r\ndua\r\nbaris\n", "a\rb", "\x00\x1f x", "", None, 12, "\n"])
def test_esc_is_unchanged(text):
    import html
    import re

    control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
    raw = control.sub("", "" if text is None else str(text))
    expected = "<br>".join(html.escape(p, quote=True) for p in re.split(r"\r\n|\r|\n", raw.strip("\r\n")))
    assert esc(text) == expected
