"""publish/html.py, function by function, with the exact markup each must write (in process,
fast enough for mutation testing). The escaping rules are the module docstring's; the expected
strings are written out by hand."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.publish import html


def test_text_is_escaped_and_line_breaks_become_br():
    assert html.esc('<b>"Tom" & \'Jerry\'</b>') == "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;"
    assert html.esc("baris 1\nbaris 2\r\nbaris 3\rbaris 4") == "baris 1<br>baris 2<br>baris 3<br>baris 4"
    # line breaks at either end are dropped, spaces are kept
    assert html.esc("\r\n\n teks \n\n") == " teks "
    assert html.esc(None) == "" and html.esc(7) == "7"
    built = html.el("b", "x")
    assert html.esc(built) is built  # markup built here is not escaped twice
    assert isinstance(html.esc("x"), html.Html)


def test_attribute_values_are_one_escaped_line():
    assert html.attr_value('a"b\n<c>&\r\nd') == "a&quot;b &lt;c&gt;&amp; d"
    assert html.attr_value(None) == ""
    assert html.attr_value("x\u202ey\x00") == "xy"


def test_join_escapes_text_keeps_markup_and_skips_none():
    out = html.join("a<", None, html.el("i", "b"), 3)
    assert out == "a&lt;<i>b</i>3" and isinstance(out, html.Html)


def test_elements_children_and_attributes():
    assert html.el("p", "a", None, ["b<", None, html.el("i", "c")], ("d",)) == "<p>ab&lt;<i>c</i>d</p>"
    # None and False attributes are left out; True is a bare attribute; trailing _ and inner _ handled
    assert html.el("button", "x", type_="button", disabled=True, hidden=False, title=None) == '<button type="button" disabled>x</button>'
    assert html.el("td", "x", colspan=2, data_nilai_rata="1,5") == '<td colspan="2" data-nilai-rata="1,5">x</td>'
    # void elements have no children and no closing tag
    assert html.el("br") == "<br>"
    assert html.el("img", "ignored", src="a.svg", alt='"x"') == '<img src="a.svg" alt="&quot;x&quot;">'
    for bad in ("A", "div>", "1h", "", "sc ript"):
        with pytest.raises(ValueError, match="bad tag"):
            html.el(bad)


def test_outside_links_never_pass_the_referrer_or_the_opener():
    assert html.link_out("https://a.example/x?y=1&z=2", "Dokumen <1>") == (
        '<a href="https://a.example/x?y=1&amp;z=2" rel="nofollow noopener" target="_blank">Dokumen &lt;1&gt;</a>')
    assert html.link_out("https://a.example/", "x", new_tab=False) == '<a href="https://a.example/" rel="nofollow noopener">x</a>'
    # a text that is markup or no str takes the general builder: the same attributes, tab or not
    assert html.link_out("https://a.example/", 7) == '<a href="https://a.example/" rel="nofollow noopener" target="_blank">7</a>'
    assert html.link_out("https://a.example/", 7, new_tab=False) == '<a href="https://a.example/" rel="nofollow noopener">7</a>'


def test_text_escapes_quotes_too_on_every_path():
    # esc() output is also written inside attribute values by the string-built tables
    assert html.esc('a "b" \'c\' <d>') == "a &quot;b&quot; &#x27;c&#x27; &lt;d&gt;"  # printable: the fast path
    assert html.esc('a "b"\x02') == "a &quot;b&quot;"  # a control character dropped: the one-line path
    assert html.esc('a "b"\nc') == "a &quot;b&quot;<br>c"


def test_a_block_is_one_div_line_with_a_space_after_each_cell():
    table = html.el("table", html.el("tr", html.el("th", "Jenis"), html.el("td", "Puskesmas")))
    assert html.block(table) == "\n<div><table><tr><th>Jenis</th> <td>Puskesmas</td> </tr> </table></div>\n\n"
    # already a div: not wrapped again; carriage returns dropped, newlines become spaces
    assert html.block(html.Html("<div>a\r\nb\nc</div>")) == "\n<div>a b c</div>\n\n"
    assert html.block(html.el("ul", html.el("li", "a"), html.el("li", "b"))) == "\n<div><ul><li>a</li> <li>b</li> </ul></div>\n\n"
    # the last closing tag (nothing after it) gets no space
    assert html.block(html.el("p", "x")) == "\n<div><p>x</p></div>\n\n"


def test_safe_titles_are_plain_short_and_never_empty():
    assert html.safe_title('<Dinas> "A" & \'B\' `c` {d} \\') == "‹Dinas› ”A” ＆ ’B’ ʼcʼ (d) ∖"
    assert html.safe_title("  dua \n\t spasi  ") == "dua spasi"
    assert html.safe_title(None) == "Tanpa judul" and html.safe_title("\u202e \x00") == "Tanpa judul"
    assert html.safe_title("a" * 120) == "a" * 120
    # over the limit: cut to limit - 1 characters (trailing spaces dropped) and an ellipsis
    assert html.safe_title("a" * 121) == "a" * 119 + "…"
    assert html.safe_title("abcd efgh", limit=6) == "abcd…"


def test_front_matter_is_json_inside_yaml_markers():
    # ASCII-only JSON: "Dinas ‹Kesehatan›" with the angle quotes as \u escapes
    assert html.front_matter("Dinas <Kesehatan>") == '---\n{"title": "Dinas \\u2039Kesehatan\\u203a"}\n---\n'
    fm = html.front_matter("x", search_exclude=True, hide=("navigation", "toc"))
    lines = fm.split("\n")
    assert lines[0] == "---" and lines[2] == "---" and lines[3] == ""
    assert json.loads(lines[1]) == {"title": "x", "search": {"exclude": True}, "hide": ["navigation", "toc"]}
    assert json.loads(html.front_matter("x").split("\n")[1]) == {"title": "x"}


def test_md_headings_are_for_the_sites_own_words():
    assert html.md_heading(2, "Sasaran dan indikator") == "\n## Sasaran dan indikator\n\n"
    assert html.md_heading(3, "Data") == "\n### Data\n\n"
    for bad in "<>&[]{}()*_`#\\!|~":
        with pytest.raises(ValueError):
            html.md_heading(2, f"kata {bad} kata")


@pytest.mark.parametrize("src, url", [
    ("index.md", ""), ("unit/index.md", "unit/"), ("unit/disdik/index.md", "unit/disdik/"),
    ("unit/disdik.md", "unit/disdik/"), ("metodologi.md", "metodologi/"), ("grafik/a.svg", "grafik/a.svg"),
    ("unduhan/data.csv", "unduhan/data.csv"),
])
def test_page_urls_are_directory_urls(src, url):
    assert html.page_url(src) == url


def test_links_with_anchors_and_to_files():
    assert html.href("unit/disdik/index.md", "metodologi.md", "kurva") == "../../metodologi/#kurva"
    assert html.href("index.md", "unduhan/data.csv") == "unduhan/data.csv"
    assert html.href("unit/disdik/index.md", "unit/disdik/index.md") == "./"
    assert html.href("unit/disdik/index.md", "unit/disdik/index.md", "a") == "./#a"


def test_a_left_out_attribute_does_not_drop_the_ones_after_it():
    # None/False leave out that one attribute only; the attributes named after it are still written
    assert html.el("a", "x", title=None, href="../u/", hidden=False, class_="k") == '<a href="../u/" class="k">x</a>'


def test_front_matter_keys_are_written_in_sorted_order():
    # byte-identical pages whatever order the keys were added in: hide < search < title
    assert html.front_matter("x", search_exclude=True, hide=("toc",)) == (
        '---\n{"hide": ["toc"], "search": {"exclude": true}, "title": "x"}\n---\n')


def test_a_link_to_a_page_whose_name_sorts_before_the_dot_is_still_its_directory():
    # "-x" sorts before "." (0x2d < 0x2e): only the page itself (".") becomes "./"
    assert html.href("index.md", "-x.md") == "-x/"
    assert html.href("index.md", "-x.md", "a") == "-x/#a"


def test_only_the_value_true_makes_a_bare_attribute():
    # 1 == True in Python, but colspan=1 is a number to write, not a flag
    assert html.el("td", "x", colspan=1) == '<td colspan="1">x</td>'
    assert html.el("td", "x", colspan=0) == '<td colspan="0">x</td>'  # 0 == False, but not False


@pytest.mark.parametrize("src, url", [("beranda.md", "beranda/"), ("a/index.md", "a/"), ("grafik/index.md", "grafik/"),
                                      ("index2.md", "index2/")])
def test_only_the_top_index_page_is_the_site_root(src, url):
    # names sorting before "index" (and "index2" after it) are pages of their own, not the root
    assert html.page_url(src) == url


_REFERENCE_CELL_END = re.compile(r"(</(?:td|th|li|p|caption|figcaption|h[1-6]|dt|dd|tr)>)(?=<)")  # the rule as one regex
_PIECES = st.sampled_from(["</td>", "</th>", "</li>", "</p>", "</pre>", "</caption>", "</figcaption>", "</h1>", "</h6>",
                           "</h7>", "</dt>", "</dd>", "</tr>", "</table>", "<td>", "<", ">", " ", "x", "</", "td>"])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(_PIECES, max_size=30))
def test_block_puts_a_space_after_exactly_the_cell_ends_the_rule_names(parts):
    line = "<div>" + "".join(parts) + "</div>"
    assert html.block(html.Html(line)) == "\n" + _REFERENCE_CELL_END.sub(r"\1 ", line) + "\n\n"
