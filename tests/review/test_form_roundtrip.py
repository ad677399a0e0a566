"""Every form round trip keeps every value, and hostile text stays text.

- Ajukan SKP: form -> YAML -> validate -> form text (review/formtext.py) -> YAML again: the
  second file is the first, byte for byte, and both carry exactly the values typed (expected
  values are built here from what was typed, never read back from the converter). Hypothesis
  draws the field values: ids, free text with markup and quotes, Indonesian numbers, ranges,
  lower-is-better bounds, lampiran lists, a multi-line catatan.
- Laporkan realisasi and Beri penilaian (no renderer back): form -> YAML -> validate, and every
  value typed is in the file where it belongs.
- The XSS corpus (tests/site/payloads.txt) through every free-text field of the three forms:
  each payload is in the YAML exactly as typed (read back by the strict loader), nothing else
  in the file changed (status, people), and neither the reply nor the PR description carries
  it unescaped.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kthelpers import ROOT, copy_demo
from kinerja.loader import load_text
from kinerja.review import forms
from kinerja.review.convert import Converter
from kinerja.review.formtext import skp_fields

pytestmark = pytest.mark.xdist_group("forms")

RATNA = ("kt-demo-dinkes-0020", 91000060)
KEPSEK = ("kt-demo-kepsek-sdn12", 91000035)
SITI = ("kt-demo-siti", 91000042)
PLAN = "plans/2027/dinkes-0020.yml"
TODAY = date(2026, 11, 28)


def _payloads() -> list[str]:
    """The site's XSS corpus, read by its own documented rules ('#' comments, '⏎' = line break)."""
    text = (ROOT / "tests/site/payloads.txt").read_text(encoding="utf-8")
    return [line.replace("⏎", "\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


PAYLOADS = _payloads()
ONE_LINE = [p for p in PAYLOADS if "\n" not in p and p == p.strip()]
CELL = [p for p in ONE_LINE if "|" not in p]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("roundtrip") / "repo")
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", root / ".github" / "ISSUE_TEMPLATE")
    kapus = (ROOT / "plans/2026/dinkes-0011.yml").read_text(encoding="utf-8")
    kapus = kapus.replace("tahun: 2026", "tahun: 2027").replace("mulai: 2026-08-03", "mulai: 2027-01-01")
    kapus = kapus.replace("selesai: 2026-12-31", "selesai: 2027-12-31").replace("status: disetujui", "status: draf")
    (root / "plans/2027").mkdir()
    (root / "plans/2027/dinkes-0011.yml").write_text(kapus, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def converter(repo) -> Converter:
    return Converter(repo, TODAY)


def body(form: str, fields: dict) -> str:
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS[form]):
        value = fields.get(f.id)
        if f.type == "checkboxes" and value is True:
            value = "- [X] " + f.options[0]
        out += [f"### {f.label}", "", value if value else "_No response_", ""]
    return "\n".join(out)


def submit(converter, form, fields, who, issue=41):
    return converter.run(forms.FORMS[form], body(form, fields), *who, issue)


def _read(repo: Path, rel: str) -> dict:
    return load_text((repo / rel).read_text(encoding="utf-8")).data


def _indonesian(value: int | tuple[int, int]) -> str:
    """A number as an Indonesian reader writes it (1.800; 7,5), written here independently."""
    if isinstance(value, tuple):
        whole, tenth = value
        return f"{whole:,}".replace(",", ".") + f",{tenth}"
    return f"{value:,}".replace(",", ".")


def _number(value):
    return (value[0] * 10 + value[1]) / 10 if isinstance(value, tuple) else value


# --- strategies ---------------------------------------------------------------------------------

# free text as people type it, markup and quotes included; no '|' (the column separator), no
# line breaks, no long digit runs (a NIP-shaped number is refused, tested elsewhere)
WORDS = st.sampled_from(["Terlaksananya", "asuhan", "keperawatan", "<b>pasien</b>", "poli", "umum", "\"standar\"",
                         "'mutu'", "KTP-el", "loket", "#1", "50%", "&amp;", "{{ x }}", "${{ y }}", "::error::", "[x](y)",
                         "*tebal*", "_miring_", "—", "é", "ñ", "🙂", "\\n", "`kode`", "a:b", "- c", "@admin", "--8<--"])
TEXT = st.lists(WORDS, min_size=2, max_size=9).map(" ".join)
UNITS = st.sampled_from(["pasien", "dokumen", "%", "hari", "menit", "permohonan", "kali", "sekolah", "bayi"])
VALUE = st.one_of(st.integers(0, 2_000_000), st.tuples(st.integers(0, 999), st.integers(1, 9)))


@st.composite
def targets(draw):
    """(form text, expected YAML target, lower is better)."""
    unit = draw(UNITS)
    kind = draw(st.sampled_from(["nilai", "range", "min", "max"]))
    sep = "" if unit == "%" else " "
    if kind == "range":
        a = draw(st.integers(0, 1000))
        b = draw(st.integers(a + 1, 2000))
        word = draw(st.sampled_from(["-", " - ", " s.d. ", "–"]))
        return f"{_indonesian(a)}{word}{_indonesian(b)}{sep}{unit}", {"min": a, "maks": b, "satuan": unit}, False
    v = draw(VALUE)
    text = f"{_indonesian(v)}{sep}{unit}"
    if kind == "min":
        return f"minimal {text}", {"nilai": _number(v), "satuan": unit}, False
    if kind == "max":
        return f"paling lambat {text}", {"nilai": _number(v), "satuan": unit}, True
    return text, {"nilai": _number(v), "satuan": unit}, False


@st.composite
def skp_forms(draw):
    """Field values of an Ajukan SKP form and the hasil_kerja/lampiran/catatan a reader expects."""
    n = draw(st.integers(1, 4))
    rhk_lines, iki_lines, expected = [], [], []
    for i in range(1, n + 1):
        rid = f"rhk-{i}"
        jenis = draw(st.sampled_from(["utama", "tambahan"]))
        uraian = draw(TEXT)
        link = draw(st.sampled_from(["dinkes-0011/rhk-1", "dinkes-0011/rhk-2"]))
        rhk_lines.append(f"{rid} | {jenis} | {uraian} | {link}")
        indikator = []
        for j in range(1, draw(st.integers(1, 3)) + 1):
            aspek = draw(st.sampled_from(["kuantitas", "kualitas", "waktu", "biaya"]))
            text, target, lower = draw(targets())
            iki_uraian = draw(TEXT)
            iki_lines.append(f"{rid} | iki-{j} | {aspek} | {iki_uraian} | {text}")
            item = {"id": f"iki-{j}", "aspek": aspek, "uraian": iki_uraian, "target": target}
            if lower:
                item["lebih_kecil_lebih_baik"] = True
            indikator.append(item)
        expected.append({"id": rid, "jenis": jenis, "uraian": uraian, "intervensi": link, "indikator": indikator})
    item = TEXT.filter(lambda t: not t.startswith("- "))  # a leading "- " is a list bullet, dropped by design
    lampiran = {k: draw(st.lists(item, max_size=3)) for k in ("dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi")}
    catatan = "\n".join(draw(st.lists(TEXT, max_size=3)))
    fields = dict(tahun="2027", pendekatan="kuantitatif", status="Belum, simpan sebagai draf",
                  rhk="\n".join(rhk_lines), iki="\n".join(iki_lines), catatan=catatan,
                  **{k: "\n".join(v) for k, v in lampiran.items()})
    return fields, expected, {k: v for k, v in lampiran.items() if v}, catatan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(skp_forms())
def test_skp_form_to_yaml_to_form_keeps_every_value(repo, converter, drawn):
    fields, expected, lampiran, catatan = drawn
    try:
        out = submit(converter, "skp", fields, RATNA)
        assert out.ok, (out.problems, fields)
        first = (repo / PLAN).read_text(encoding="utf-8")
        data = load_text(first).data
        assert data["hasil_kerja"] == expected
        assert data.get("lampiran", {}) == lampiran
        assert data.get("catatan", "") == catatan
        assert (data["pegawai"], data["status"], data["tahun"]) == ("dinkes-0020", "draf", 2027)
        # and back: the form text of the file converts to the same file, byte for byte
        again = submit(converter, "skp", skp_fields(data), RATNA)
        assert again.ok, again.problems
        assert (repo / PLAN).read_text(encoding="utf-8") == first
    finally:
        (repo / PLAN).unlink(missing_ok=True)


def test_a_hand_written_plan_renders_as_form_text_that_reads_back_the_same(repo, converter):
    """A demo plan written by hand (the Disdukcapil loket officer's) becomes her 2027 form and
    converts to the same RHK, IKI, targets, links and lampiran."""
    plan = _read(ROOT, "plans/2026/disdukcapil-0020.yml")
    fields = dict(skp_fields(plan), tahun="2027", status="Belum, simpan sebagai draf")
    rel = "plans/2027/disdukcapil-0020.yml"
    try:
        out = submit(converter, "skp", fields, ("kt-demo-disdukcapil-0020", 91000220))
        assert out.ok, out.problems
        data = _read(repo, rel)
        assert data["hasil_kerja"] == plan["hasil_kerja"] and data["lampiran"] == plan["lampiran"]
    finally:
        (repo / rel).unlink(missing_ok=True)


def test_a_plan_the_form_cannot_carry_is_not_turned_into_form_text():
    from kinerja.review.formtext import NotRepresentable

    plan = _read(ROOT, "plans/2026/dinkes-0020.yml")  # RHK retired and added mid-year: berlaku_*
    with pytest.raises(NotRepresentable, match="berlaku_sampai"):
        skp_fields(plan)


# --- realisasi and penilaian: every value present -----------------------------------------------

REAL_T4 = "evaluations/2026/triwulan_4/disdik-0042.yml"
YULI_T3 = "evaluations/2026/triwulan_3/disdik-0044.yml"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(VALUE, min_size=6, max_size=6), TEXT, TEXT, st.booleans())
def test_realisasi_form_keeps_every_value(repo, converter, values, uraian, note, public):
    keys = [("rhk-1", "iki-1"), ("rhk-1", "iki-2"), ("rhk-1", "iki-3"), ("rhk-2", "iki-1"), ("rhk-2", "iki-2"), ("rhk-3", "iki-1")]
    url = "https://dokumen.batanghari.example/sdn12/laporan-t4.pdf"
    fields = dict(tahun="2026", periode="triwulan_4",
                  realisasi="\n".join(f"{r} | {i} | {_indonesian(v)}" for (r, i), v in zip(keys, values)),
                  uraian=f"rhk-2 | {uraian}", bukti=f"rhk-1 | {url} | {'publik' if public else 'tidak'} | {note[:200]}",
                  catatan=note)
    try:
        out = submit(converter, "realisasi", fields, SITI)
        assert out.ok, out.problems
        data = _read(repo, REAL_T4)
        got = {(h["rhk"], k["iki"]): k["realisasi"] for h in data["realisasi"]["hasil_kerja"] for k in h.get("indikator", [])}
        assert got == {k: _number(v) for k, v in zip(keys, values)}
        by_rhk = {h["rhk"]: h for h in data["realisasi"]["hasil_kerja"]}
        assert by_rhk["rhk-2"]["uraian"] == uraian
        assert by_rhk["rhk-1"]["bukti_dukung"] == [{"url": url, "publik": public, "keterangan": note[:200]}]
        assert data["realisasi"]["catatan"] == note and data["status"] == "draf"
    finally:
        (repo / REAL_T4).unlink(missing_ok=True)


def test_penilaian_form_keeps_every_value(repo, converter):
    original = (repo / YULI_T3).read_text(encoding="utf-8")
    fields = dict(pegawai="disdik-0044", tahun="2026", periode="triwulan_3",
                  rating_rhk="rhk-1 | sesuai | Modul ajar dipakai rutin; \"lanjutkan\" <b>ya</b>.",
                  perilaku="akuntabel | Tepat waktu & cermat.\nkolaboratif | {{ bekerja sama }}",
                  rating_hasil_kerja="sesuai_ekspektasi", rating_perilaku_kerja="di_atas_ekspektasi",
                  catatan="Baris satu\nBaris dua: ${{ github.token }}", status="draf")
    try:
        out = submit(converter, "penilaian", fields, KEPSEK)
        assert out.ok, out.problems
        p = _read(repo, YULI_T3)["penilaian"]
        assert p["hasil_kerja"] == [{"rhk": "rhk-1", "rating": "sesuai_ekspektasi",
                                     "umpan_balik": "Modul ajar dipakai rutin; \"lanjutkan\" <b>ya</b>."}]
        assert p["perilaku_kerja"] == {"akuntabel": {"umpan_balik": "Tepat waktu & cermat."},
                                       "kolaboratif": {"umpan_balik": "{{ bekerja sama }}"}}
        assert (p["rating_hasil_kerja"], p["rating_perilaku_kerja"]) == ("sesuai_ekspektasi", "di_atas_ekspektasi")
        assert p["catatan"] == "Baris satu\nBaris dua: ${{ github.token }}"
    finally:
        (repo / YULI_T3).write_text(original, encoding="utf-8")


# --- the XSS corpus through every field -----------------------------------------------------------


def _clean_answer(out, payloads):
    """No payload reaches the PR description, nor the reply unescaped (md() escapes markup)."""
    for p in payloads:
        if len(p) > 6:
            assert p not in out.pr_body, p
            assert p not in out.reply or not any(ch in p for ch in "<>[]`*_&"), p


def _fit(items, limit=2000, sep="\n"):
    """As many items as fit in one text field (the schema's 2,000 characters)."""
    out = []
    for p in items:
        if len(sep.join(out + [p])) > limit:
            break
        out.append(p)
    return sep.join(out)


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def test_xss_payloads_through_every_skp_field_stay_text(repo, converter):
    assert len(PAYLOADS) > 100 and len(CELL) > 100  # a broken corpus would silently shrink the test
    for chunk in _chunks(CELL, 30):
        n = len(chunk)
        fields = dict(
            tahun="2027", pendekatan="kuantitatif", status="Belum, simpan sebagai draf",
            rhk="\n".join(f"rhk-{i} | utama | {p} | dinkes-0011/rhk-1" for i, p in enumerate(chunk, 1)),
            iki="\n".join(f"rhk-{i} | iki-1 | kuantitas | {p} | {i} dokumen" for i, p in enumerate(reversed(chunk), 1)),
            perilaku="\n".join(f"{k} | {p}" for k, p in zip(["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis",
                                                             "loyal", "adaptif", "kolaboratif"], chunk)),
            dukungan_sumber_daya="\n".join(chunk), skema_pertanggungjawaban="\n".join(reversed(chunk)),
            konsekuensi="\n".join(chunk[::2]), catatan=_fit(chunk))
        try:
            out = submit(converter, "skp", fields, RATNA)
            assert out.ok, out.problems[:3]
            data = _read(repo, PLAN)
            assert [r["uraian"] for r in data["hasil_kerja"]] == chunk
            assert [r["indikator"][0]["uraian"] for r in data["hasil_kerja"]] == list(reversed(chunk))
            assert [v["ekspektasi_khusus"] for v in data["perilaku_kerja"].values()] == chunk[:7]
            assert data["lampiran"] == {"dukungan_sumber_daya": chunk, "skema_pertanggungjawaban": list(reversed(chunk)),
                                        "konsekuensi": chunk[::2]}
            assert data["catatan"] == _fit(chunk)
            assert (data["status"], data["pegawai"], len(data["hasil_kerja"])) == ("draf", "dinkes-0020", n)
            _clean_answer(out, chunk)
        finally:
            (repo / PLAN).unlink(missing_ok=True)
    # the rest of the corpus ('|' inside, several lines) where a line may hold it: lampiran and catatan
    rest = [p for p in PAYLOADS if p not in CELL]
    fields = dict(tahun="2027", pendekatan="kuantitatif", status="Belum, simpan sebagai draf",
                  rhk="rhk-1 | utama | Terlaksananya asuhan keperawatan | dinkes-0011/rhk-1",
                  iki="rhk-1 | iki-1 | kuantitas | Jumlah pasien | 1.800 pasien",
                  konsekuensi="\n".join(p for p in rest if "\n" not in p),
                  catatan=_fit([p.strip() for p in rest], sep="\n\n"))
    try:
        out = submit(converter, "skp", fields, RATNA)
        assert out.ok, out.problems[:3]
        data = _read(repo, PLAN)
        assert data["lampiran"]["konsekuensi"] == [p.strip() for p in rest if "\n" not in p]
        assert data["catatan"] == _fit([p.strip() for p in rest], sep="\n\n")
        _clean_answer(out, rest)
    finally:
        (repo / PLAN).unlink(missing_ok=True)


def test_xss_payloads_through_every_realisasi_and_penilaian_field_stay_text(repo, converter):
    original = (repo / YULI_T3).read_text(encoding="utf-8")
    for chunk in _chunks(ONE_LINE, 20):
        fields = dict(tahun="2026", periode="triwulan_4", realisasi="rhk-1 | iki-1 | 6",
                      uraian="\n".join(f"rhk-{i} | {p}" for i, p in enumerate(chunk[:3], 1)),
                      bukti="\n".join(f"rhk-1 | https://dokumen.batanghari.example/b{i}.pdf | tidak | {p}"
                                      for i, p in enumerate(chunk, 1) if "|" not in p and len(p) <= 200),
                      catatan=_fit(chunk))
        try:
            out = submit(converter, "realisasi", fields, SITI)
            assert out.ok, out.problems[:3]
            r = _read(repo, REAL_T4)["realisasi"]
            by = {h["rhk"]: h for h in r["hasil_kerja"]}
            assert [by[f"rhk-{i}"]["uraian"] for i in range(1, len(chunk[:3]) + 1)] == chunk[:3]
            assert [b["keterangan"] for b in by["rhk-1"]["bukti_dukung"]] == [p for p in chunk if "|" not in p and len(p) <= 200]
            assert r["catatan"] == _fit(chunk)
            _clean_answer(out, chunk)
        finally:
            (repo / REAL_T4).unlink(missing_ok=True)
        fields = dict(pegawai="disdik-0044", tahun="2026", periode="triwulan_3", rating_hasil_kerja="sesuai_ekspektasi",
                      rating_perilaku_kerja="sesuai_ekspektasi", status="draf",
                      rating_rhk=f"rhk-1 | sesuai | {chunk[0]}",
                      perilaku="\n".join(f"{k} | {p}" for k, p in zip(["akuntabel", "kompeten", "harmonis"], chunk[1:4])),
                      catatan=_fit(chunk))
        try:
            out = submit(converter, "penilaian", fields, KEPSEK)
            assert out.ok, out.problems[:3]
            p = _read(repo, YULI_T3)["penilaian"]
            assert p["hasil_kerja"][0]["umpan_balik"] == chunk[0]
            assert [v["umpan_balik"] for v in p["perilaku_kerja"].values()] == chunk[1:4]
            assert p["catatan"] == _fit(chunk)
            _clean_answer(out, chunk)
        finally:
            (repo / YULI_T3).write_text(original, encoding="utf-8")
