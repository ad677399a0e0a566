"""Issue forms: templates valid for GitHub's chooser, bodies (valid, missing fields, hostile)
turned into YAML files on a real repository copy, and the line formats under Hypothesis."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kthelpers import ROOT, run_kinerja
from kinerja.loader import load_text
from kinerja.review import forms, lineformat
from kinerja.review.yamlout import dump

pytestmark = pytest.mark.xdist_group("forms")


@pytest.fixture
def demo(demo):
    """The demo copy plus the issue-form templates (the converter reads them from the repository)."""
    import shutil

    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo / ".github" / "ISSUE_TEMPLATE")
    return demo


def body(**fields) -> str:
    """A body as GitHub renders a submitted form: ### label, blank line, value."""
    spec = forms.FORMS[fields.pop("_form")]
    out = []
    for f in forms.template_fields(ROOT, spec):
        value = fields.get(f.id)
        out += [f"### {f.label}", "", value if value else "_No response_", ""]
    return "\n".join(out)


SKP = dict(
    _form="skp", tahun="2027", pendekatan="kuantitatif", status="Belum, simpan sebagai draf",
    rhk="rhk-1 | utama | Terlaksananya pembelajaran berbasis proyek di kelas IV | disdik-0040/rhk-1",
    iki="rhk-1 | iki-1 | kuantitas | Jumlah proyek literasi yang diselesaikan | 6 proyek\n"
        "rhk-1 | iki-2 | waktu | Waktu penyerahan nilai rapor | <= 7,5 hari",
)


def convert(repo, tmp_path, text, who=("kt-demo-siti", 91000042), form="skp", issue=12):
    (tmp_path / "body.md").write_text(text, encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp_path / name).unlink(missing_ok=True)
    result = run_kinerja("form", "--akar", str(repo), "--berkas-isi", str(tmp_path / "body.md"), "--formulir", form,
                         "--pembuat", who[0], "--id-pembuat", str(who[1]), "--isu", str(issue),
                         "--balasan", str(tmp_path / "reply.md"), "--hasil", str(tmp_path / "result.json"))
    reply = (tmp_path / "reply.md").read_text(encoding="utf-8") if (tmp_path / "reply.md").exists() else ""
    res = json.loads((tmp_path / "result.json").read_text(encoding="utf-8")) if (tmp_path / "result.json").exists() else None
    return result, reply, res


def test_templates_are_valid_and_match_the_converter():
    result = run_kinerja("check-forms", "--akar", str(ROOT))
    assert result.code == 0, result


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["body"][1].update(id="tahun lagi"), "id hanya boleh"),
    (lambda d: d["body"][2]["attributes"].update(label=d["body"][1]["attributes"]["label"]), "dipakai dua kali"),
    (lambda d: d["body"][3]["attributes"].update(options=["None", "x"]), "tidak boleh 'None'"),
    (lambda d: d["body"][0].update(validations={"required": True}), "validations"),
    (lambda d: d.pop("description"), "kunci wajib description"),
])
def test_broken_templates_are_caught(mutate, expected):
    doc = load_text((ROOT / ".github/ISSUE_TEMPLATE/ajukan-skp.yml").read_text(encoding="utf-8")).data
    mutate(doc)
    problems = forms.check_template(dump(doc).encode(), "ajukan-skp.yml")
    assert any(expected in p for p in problems), problems


def test_valid_skp_form_becomes_a_valid_plan(demo, tmp_path):
    result, reply, res = convert(demo, tmp_path, body(**SKP))
    assert result.code == 0, (result, reply)
    assert res["file"] == "plans/2027/disdik-0042.yml" and res["pull_request"] is True
    assert "Closes #12" in res["body"] and "@kt-demo-siti" in res["body"]
    data = load_text((demo / res["file"]).read_text(encoding="utf-8")).data
    iki = data["hasil_kerja"][0]["indikator"]
    assert iki[1]["target"] == {"nilai": 7.5, "satuan": "hari"} and iki[1]["lebih_kecil_lebih_baik"] is True
    assert data["status"] == "draf" and data["unit"] == "disdik-sdn-12-mb"
    assert run_kinerja("validate", "--akar", str(demo)).code == 0


def test_missing_required_fields_are_reported_and_nothing_is_written(demo, tmp_path):
    fields = dict(SKP, rhk="", tahun="")
    result, reply, res = convert(demo, tmp_path, body(**fields))
    assert result.code == 1
    assert "«Rencana Hasil Kerja (RHK)» wajib diisi" in reply and "«Tahun kinerja» wajib diisi" in reply
    assert res["ok"] is False and not (demo / "plans/2027").exists()


def test_a_file_refused_by_validation_leaves_no_file_and_no_new_folder(demo):
    # The form parser already refuses what it can see; whatever only validation sees (here a plan whose
    # schema fails) is written, validated, and removed again: the year folder the file needed goes with it,
    # the folders that were there stay.
    from datetime import date

    from kinerja.review.convert import Converter, Outcome

    conv = Converter(demo, date(2027, 1, 5))
    out = Outcome(ok=False, form="skp")
    conv._write_text(out, "plans/2027/disdik-0042.yml", "pegawai: disdik-0042\ntahun: 2027\n")
    assert out.ok is False and out.problems, out
    assert not (demo / "plans/2027").exists()
    assert (demo / "plans/2026").is_dir()


def test_deleted_heading_is_reported(demo, tmp_path):
    text = body(**SKP).replace("### Indikator Kinerja Individu (IKI)\n", "")
    result, reply, _ = convert(demo, tmp_path, text)
    assert result.code == 1 and "tidak ditemukan di isi isu" in reply


def test_heading_injected_in_a_textarea_is_refused(demo, tmp_path):
    fields = dict(SKP, catatan="### Tahun kinerja\n\n2020")
    result, reply, _ = convert(demo, tmp_path, body(**fields))
    assert result.code == 1 and "muncul dua kali" in reply


def test_hostile_text_stays_data(demo, tmp_path):
    hostile = ('"\nstatus: disetujui\n::error::palsu @kt-demo-admin-mega <img src=x onerror=alert(1)> '
               '[klik](javascript:alert(1)) --8<-- "mkdocs.yml" {{ secrets.X }} ${{ github.token }}')
    fields = dict(SKP, catatan=hostile)
    result, reply, res = convert(demo, tmp_path, body(**fields))
    assert result.code == 0, (result, reply)
    data = load_text((demo / res["file"]).read_text(encoding="utf-8")).data
    assert data["status"] == "draf" and data["catatan"] == hostile
    assert "@kt-demo-admin-mega" not in reply and "::error" not in reply


def test_hidden_characters_are_refused(demo, tmp_path):
    fields = dict(SKP, rhk=SKP["rhk"].replace("Terlaksananya", "Terlaksana\u202enya"))
    result, reply, _ = convert(demo, tmp_path, body(**fields))
    assert result.code == 1 and "U+202E" in reply


def test_unknown_account_is_refused(demo, tmp_path):
    result, reply, _ = convert(demo, tmp_path, body(**SKP), who=("kt-demo-siti", 12345))
    assert result.code == 1 and "id angka" in reply


def test_bad_lines_are_reported_with_line_numbers(demo, tmp_path):
    fields = dict(SKP, iki="rhk-1 | iki-1 | kuantitas | Jumlah proyek | 6 proyek\nrhk-1 | iki-2 | mutu | Persen | 7.5 %\nrhk-9 | iki-1 | waktu | x")
    result, reply, _ = convert(demo, tmp_path, body(**fields))
    assert result.code == 1
    assert "baris 2: aspek “mutu” tidak dikenal" in reply and "koma" in reply and "baris 3: berisi 4 kolom" in reply


REAL = dict(_form="realisasi", tahun="2026", periode="triwulan_4",
            realisasi="rhk-1 | iki-1 | 6\nrhk-1 | iki-2 | 86\nrhk-1 | iki-3 | 90\nrhk-2 | iki-1 | 11\nrhk-2 | iki-2 | 6\nrhk-3 | iki-1 | 3",
            bukti="rhk-1 | https://dokumen.batanghari.example/sdn12/laporan-t4.pdf | publik | Laporan triwulan IV")


def test_realisasi_form_creates_the_employee_part(demo, tmp_path):
    result, reply, res = convert(demo, tmp_path, body(**REAL), form="realisasi")
    assert result.code == 0, (result, reply)
    data = load_text((demo / res["file"]).read_text(encoding="utf-8")).data
    assert res["file"] == "evaluations/2026/triwulan_4/disdik-0042.yml"
    assert data["status"] == "draf" and data["pejabat_penilai"] == "disdik-0040" and "penilaian" not in data
    assert data["realisasi"]["hasil_kerja"][0]["bukti_dukung"][0]["publik"] is True


def test_realisasi_form_refuses_a_closed_period(demo, tmp_path):
    result, reply, _ = convert(demo, tmp_path, body(**dict(REAL, periode="triwulan_2")), form="realisasi")
    assert result.code == 1 and "sudah ditutup" in reply


def test_keberatan_needs_the_ticked_statement(demo, tmp_path):
    fields = dict(_form="keberatan", tahun="2026", periode="triwulan_3", alasan="x", pernyataan="- [ ] Saya sudah ...")
    result, reply, _ = convert(demo, tmp_path, body(**fields), form="keberatan")
    assert result.code == 1 and "wajib dicentang" in reply


# --- property-based: open-ended text never crashes the parsers, and valid lines round-trip ----

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
free = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="|\n\r"), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_line_parsers_never_crash(text):
    for parse in (lineformat.parse_rhk, lineformat.parse_realisasi, lineformat.parse_bukti):
        items, errors = parse(text)
        assert all(isinstance(e.line, int) and e.message for e in errors)
    lineformat.parse_iki(text, {"rhk-1"}, False)
    lineformat.parse_iki(text, {"rhk-1"}, True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(ids, st.sampled_from(["utama", "tambahan"]), free), min_size=1, max_size=8, unique_by=lambda t: t[0]))
def test_rhk_lines_round_trip(rows):
    text = "\n".join(f"{i} | {j} | {u} | -" for i, j, u in rows)
    items, errors = lineformat.parse_rhk(text)
    assert errors == []
    assert [(x["id"], x["jenis"], x["uraian"]) for x in items] == rows


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**9), st.integers(0, 99), st.sampled_from(["dokumen", "%", "hari", "sekolah"]))
def test_targets_read_indonesian_numbers(whole, frac, unit):
    grouped = f"{whole:,}".replace(",", ".")
    value, lower, problem = lineformat.parse_target(f"{grouped} {unit}", False)
    assert problem is None and value == {"nilai": whole, "satuan": unit}
    value, lower, problem = lineformat.parse_target(f"{whole},{frac:02d} {unit}", False)
    assert problem is None and value["satuan"] == unit
    assert abs(value["nilai"] - (whole + frac / 100)) < 1e-6
    if whole >= 1000:  # dots and a comma together (1.000,50) are refused as ambiguous, with a hint
        value, lower, problem = lineformat.parse_target(f"{grouped},{frac:02d} {unit}", False)
        assert value is None and f"{whole},{frac:02d}" in problem


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(st.sampled_from(forms.FIELDS["skp"]), st.text(max_size=200), max_size=8))
def test_body_parser_never_crashes(values):
    spec = forms.FORMS["skp"]
    fields = forms.template_fields(ROOT, spec)
    text = "\n".join(f"### {f.label}\n\n{values.get(f.id, '')}\n" for f in fields)
    parsed, problems = forms.parse_body(text, fields, spec)
    assert isinstance(parsed, dict) and all(isinstance(p, str) for p in problems)


@settings(max_examples=150, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Co")), max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), inner, max_size=3),
                    max_leaves=12))
def test_yaml_writer_round_trips(value):
    doc = {"isi": value}
    assert load_text(dump(doc)).data == doc
