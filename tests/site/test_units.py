"""Fast checks of the publishing building blocks (no site build)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kinerja.publish import charts, html, opendata
from kinerja.publish.policy import DEFAULT, PolicyError, from_data, load_policy
from kinerja.publish.projection import safe_url
from sitekit import ROOT, site_copy


def test_el_escapes_text_and_attribute_values():
    out = html.el("td", '<script>"x"\n&y', class_='a" onmouseover="b', title="<t>")
    assert out == '<td class="a&quot; onmouseover=&quot;b" title="&lt;t&gt;">&lt;script&gt;&quot;x&quot;<br>&amp;y</td>'
    with pytest.raises(ValueError):
        html.el("a", "x", onclick="alert(1)")
    with pytest.raises(ValueError):
        html.el("a", "x", style="x")
    with pytest.raises(ValueError):
        html.el("a b", "x")


def test_control_and_bidi_characters_are_dropped():
    assert html.esc("a\x02wzxhzdk:0\x03b\u202ec") == "awzxhzdk:0bc"


def test_blocks_are_single_line_raw_html():
    b = html.block(html.el("div", "a\n\nb"))
    assert b.strip().count("\n") == 0 and b.strip().startswith("<div") and b.endswith("\n\n")
    with pytest.raises(TypeError):
        html.block("<div>plain str</div>")


@pytest.mark.parametrize("title", ['<img src=x onerror=alert(1)>', '"><script>', "a & b", "{{ 7*7 }}", "x\u2028y", "`x`", "\\"])
def test_safe_titles_carry_no_markup_characters(title):
    t = html.safe_title(title)
    assert not set(t) & set("<>&\"'`\\{}\u2028")
    fm = html.front_matter(title)
    meta = json.loads(fm.split("\n")[1])
    assert meta["title"] == t


def test_md_heading_refuses_anything_but_plain_words():
    with pytest.raises(ValueError):
        html.md_heading(2, "[x](javascript:alert(1))")


@pytest.mark.parametrize("a,b,expected", [
    ("index.md", "unit/disdik/index.md", "unit/disdik/"),
    ("unit/disdik/index.md", "index.md", "../../"),
    ("unit/disdik/disdik-bid-sd.md", "unit/disdik/index.md", "../"),
    ("unit/disdik/disdik-bid-sd.md", "grafik/2026/a.svg", "../../../grafik/2026/a.svg"),
    ("unit/disdik/index.md", "unit/disdik/disdik.realisasi.md", "disdik.realisasi/"),
    ("index.md", "index.md", "./"),
])
def test_relative_links(a, b, expected):
    assert html.href(a, b) == expected


@pytest.mark.parametrize("url,ok", [
    ("https://dokumen.example/a.pdf?x=1#y", True), ("http://a.example", True), ("https://a.example:8443/x", True),
    ("javascript:alert(1)", False), ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False), ("vbscript:x", False),
    ("https://user@a.example/", False), ('https://a.example/"onmouseover=x', False), ("https://a.example/<x>", False),
    ("//a.example/x", False), ("https://a.example/ x", False), ("HTTPS://a.example/", False), ("https://a.example\\@b/", False),
])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_csv_cells_cannot_become_formulas_and_files_open_as_utf8():
    res = next(r for r in opendata.RESOURCES if r.name == "bukti_dukung")
    data = opendata.to_csv(res, [{"tahun": 2026, "periode": "triwulan_1", "kode_rencana": "k", "rhk": "r",
                                  "url": "https://a.example/", "keterangan": "=HYPERLINK(\"https://evil.example\")"}])
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=HYPERLINK" in data.decode("utf-8-sig")


def test_json_schema_of_the_downloads_is_valid():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(opendata.json_schema())


def test_charts_are_deterministic_and_self_contained():
    spec = charts.ChartSpec("a.svg", "batang", "Uji", ("Baik", "$x$ <b>"), (("TW I", (10.0, 20.0)),), "%",
                            limits=(((None, 70.0), (10.0, None)),))
    one, two = charts.render(spec), charts.render(spec)
    assert one == two
    text = one.decode()
    assert "<dc:date>" not in text and "<script" not in text and "<b>" not in text  # labels are escaped (glyphs are paths)
    assert "<text" not in text  # no font needed to show it: every glyph is a path
    assert charts.alt_text(spec).startswith("Grafik Uji.")


def test_missing_policy_file_means_the_defaults_of_decisions(tmp_path):
    (tmp_path / "schemas").mkdir()
    assert load_policy(tmp_path) == DEFAULT
    assert DEFAULT.pegawai.halaman == "pejabat_publik" and not DEFAULT.pegawai.predikat
    assert set(DEFAULT.pegawai.pejabat_publik) == {"kepala_perangkat_daerah", "jpt"}
    assert DEFAULT.unit.kelompok_minimum == 5


def test_demo_policy_file_states_the_defaults():
    """The demo's policy is the defaults, except that it opens the heads' own narrative (default
    false) so that the demo shows one (its header comment says so)."""
    demo = load_policy(ROOT)
    assert DEFAULT.pegawai.narasi_publik is False and demo.pegawai.narasi_publik is True
    assert replace(demo, source=None, pegawai=replace(demo.pegawai, narasi_publik=False)) == DEFAULT


def test_invalid_policy_is_an_error_with_findings(tmp_path):
    repo = site_copy(tmp_path / "repo")
    (repo / "organisation" / "publikasi.yml").write_text("versi_format: 1\npegawai:\n  halaman: everyone\n  nip: true\n", encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        load_policy(repo)
    codes = {f.code for f in err.value.findings}
    assert {"schema-enum", "schema-unknown-key"} <= codes


def test_policy_data_overrides_only_what_it_names():
    p = from_data({"versi_format": 1, "pegawai": {"halaman": "semua"}})
    assert p.pegawai.halaman == "semua" and p.pegawai.predikat is False and p.unit == DEFAULT.unit


def test_scores_per_period_in_parallel_equal_one_full_run(tmp_path, monkeypatch):
    from kinerja.publish import _code_digest, score
    from kinerja.repository import load_repository
    from kinerja.score import score_repository
    from kinerja.score.report import evaluation_dict, unit_dict
    from kinerja.validate import run_checks

    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    repo = load_repository(ROOT)
    findings = run_checks(repo, None)
    full = score_repository(repo, findings=findings)
    split = score(repo, findings, _code_digest(), jobs=2)
    cached = score(repo, findings, _code_digest(), jobs=2)

    def as_json(report):
        strip = lambda d: {k: v for k, v in d.items() if k != "peringatan"}  # noqa: E731 - positions differ by design
        return json.dumps([strip(evaluation_dict(e)) for e in report.evaluations] + [strip(unit_dict(u)) for u in report.units])

    assert as_json(split) == as_json(full) == as_json(cached)
    # the site's reports leave the scorer's warnings out (no page shows them); the demo has some to leave out
    assert any(e.peringatan for e in full.evaluations)
    assert all(not e.peringatan for r in (split, cached) for e in r.evaluations)
    assert all(not u.peringatan for r in (split, cached) for u in r.units)


def test_a_commit_touching_every_office_is_summarised_not_listed():
    from types import SimpleNamespace

    from kinerja.publish.projection import CHANGE_KINDS_SHOWN, CHANGE_OFFICES_SHOWN, _describe_change

    units = {f"u{i}": SimpleNamespace(pd=f"u{i}", nama=f"Dinas {i:02d}") for i in range(8)}
    person_unit = {f"u{i}-0001": {f"u{i}"} for i in range(8)}
    paths = tuple(f"evaluations/2026/triwulan_{k}/u{i}-0001.yml" for k in range(1, 5) for i in range(8)) + (
        "plans/2026/u0-0001.yml", "organisation/rules.yml")
    text = _describe_change(paths, person_unit, units)
    assert len(text) == CHANGE_KINDS_SHOWN + 1 and text[-1].startswith("dan ") and "jenis data lain" in text[-1]
    first = text[0]
    assert first.startswith("Evaluasi kinerja 2026")
    assert first.count("Dinas ") == CHANGE_OFFICES_SHOWN and first.endswith(f"dan {8 - CHANGE_OFFICES_SHOWN} perangkat daerah lain")
    small = _describe_change(("plans/2026/u1-0001.yml",), person_unit, units)
    assert small == ["Rencana kinerja (SKP) 2026: Dinas 01"]


def test_chart_alt_text_summarises_instead_of_repeating_the_table():
    spec = charts.ChartSpec("a.svg", "batang", "Uji", ("Baik", "Kurang"), (("TW I", (10.0, 20.0)), ("TW II", (30.0, 5.0))), "%")
    # by hand: in "Baik" TW II (30) beats TW I (10); in "Kurang" TW I (20) beats TW II (5)
    assert charts.alt_text(spec) == "Grafik Uji. Baik: terbanyak TW II (30 %); Kurang: terbanyak TW I (20 %). Angka lengkap ada pada tabel di bawahnya."
    single = charts.ChartSpec("b.svg", "batang", "Satu", ("A", "B"), (("Jumlah", (3.0, 7.0)),), "IKI")
    assert charts.alt_text(single) == "Grafik Satu. Tertinggi B (7 IKI). Angka lengkap ada pada tabel di bawahnya."


def _contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio, written out here independently of the code under test."""
    def lum(h):
        chans = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        chans = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in chans]
        return 0.2126 * chans[0] + 0.7152 * chans[1] + 0.0722 * chans[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_chart_colours_contrast_with_the_background_and_their_numbers():
    colours = set(charts.PALETTE) | set(charts.STATUS_COLOURS.values()) | set(charts.CAPAIAN_COLOURS)
    weak = [c for c in colours if _contrast(c, "#ffffff") < 3]
    assert not weak, weak  # bars: at least 3:1 against the white chart
    for c in colours:
        text = {"black": "#000000", "white": "#ffffff"}[charts.text_colour(c)]
        assert _contrast(c, text) >= 4.5 or _contrast(c, text) >= max(_contrast(c, "#000000"), _contrast(c, "#ffffff")), c
    assert charts.text_colour("#2166ac") == "white" and charts.text_colour("#e66101") == "black"
