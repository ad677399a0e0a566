"""The browser editor's pages ("Isi SKP", "Laporkan realisasi", "Beri penilaian") and the one
data file they read, `editor/data.json`, generated at build time from the public projection.

Everything in the data file is already public on the site: the cascade names plans by their
public code and jabatan (never a person id or NIP), sasaran are the unit pages' sasaran. It
adds the forms' field ids (from .github/ISSUE_TEMPLATE/), the schemas of schemas/, the
repository address and URL ceiling from organisation/instansi.yml, the build commit, and the
message table (`messages()`), written here from model/schemas.translate so the browser says
what `kinerja validate` says. The pages are shells: site/assets/editor/editor.js builds the
form; site/overrides/main.html gives them a Content-Security-Policy (connect-src 'self') and
the scripts when the front matter says `kt_editor`.
"""

from __future__ import annotations

import json
from pathlib import Path

from kinerja.publish.html import block, el, safe_title

DATA = "editor/data.json"
PAGES = {
    "skp": ("editor/isi-skp.md", "Isi SKP"),
    "realisasi": ("editor/laporkan-realisasi.md", "Laporkan realisasi"),
    "penilaian": ("editor/beri-penilaian.md", "Beri penilaian"),
}
DEFAULT_URL_LIMIT = 8000
SCHEMAS = ("common.schema.json", "plan.schema.json", "evaluation.schema.json")
# A sentinel that no message text contains; shown() wraps it in “ ” like any user value.
_V = "zqzqzqzqzqzqzq"

INTRO = {
    "skp": "Susun rencana SKP Anda dengan memilih, bukan mengetik kode: tahun, unit, RHK atasan yang Anda dukung "
           "(menurut teksnya), lalu RHK dan IKI Anda. Isian diperiksa saat Anda mengetik. Saat dikirim, editor "
           "membuka formulir \"Ajukan SKP\" di GitHub yang sudah terisi; Anda tinggal menekan Submit.",
    "realisasi": "Tempel atau buka berkas rencana SKP Anda (dari repositori), lalu isi realisasi setiap IKI, uraian "
                 "dan bukti dukung. Berkas Anda hanya dibaca di peramban ini dan tidak dikirim ke mana pun.",
    "penilaian": "Untuk pejabat penilai: tempel atau buka berkas rencana dan evaluasi pegawai (dari repositori), lalu "
                 "beri rating dan umpan balik setiap RHK. Umpan balik hanya disimpan di tab peramban ini "
                 "(sessionStorage) sampai Anda mengirim atau menghapus drafnya.",
}


def messages() -> dict:
    """Message templates per validation keyword, produced by running model/schemas.translate
    on real jsonschema errors whose values are sentinels; {v} = the shown value, {k} = a key,
    {n} = the schema's limit, {len} = the value's length, {pilihan} = the choices."""
    import jsonschema

    from kinerja.findings import shown
    from kinerja.model.schemas import TYPE_WORDS, translate

    def one(schema, instance) -> str:
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(instance))
        assert len(errors) == 1, (schema, instance)
        out = translate(errors[0])
        assert len(out) == 1, out
        return out[0][3]

    v = shown(_V)
    table = {
        "required": one({"required": ["kkkk"]}, {}).replace("kkkk", "{k}"),
        "additionalProperties": one({"properties": {"ppp": {}}, "additionalProperties": False}, {_V: 1}).replace(v, "{v}").replace("ppp", "{pilihan}"),
        "additionalProperties_close": one({"properties": {"abcdefgh": {}}, "additionalProperties": False}, {"abcdefgx": 1})
        .replace(shown("abcdefgx"), "{v}").replace("“abcdefgh”", "“{k}”").replace("abcdefgh", "{pilihan}"),
        "enum": one({"enum": ["ppp"]}, _V).replace(v, "{v}").replace("ppp", "{pilihan}"),
        "enum_close": one({"enum": ["abcdefgh"]}, "abcdefgx").replace(shown("abcdefgx"), "{v}").replace("“abcdefgh”", "“{k}”"),
        "enum_custom": one({"enum": ["ppp"], "errorMessage": "MMM"}, _V).replace(v, "{v}").replace("MMM", "{pesan}"),
        "const": one({"const": "ppp"}, _V).replace(v, "{v}").replace(shown("ppp"), "{c}"),
        "pattern": one({"pattern": "^a$"}, _V).replace(v, "{v}"),
        "minLength": one({"minLength": 999}, _V),
        "maxLength": one({"maxLength": 3}, _V).replace(str(len(_V)), "{len}").replace("3", "{n}"),
        "minItems": one({"minItems": 77}, []).replace("77", "{n}"),
        "maxItems": one({"maxItems": 0}, [1]).replace("1 butir", "{len} butir").replace("paling banyak 0", "paling banyak {n}"),
        "minimum": one({"minimum": 77}, 5).replace(shown(5), "{v}").replace("77", "{n}"),
        "maximum": one({"maximum": 77}, 500).replace(shown(500), "{v}").replace("77", "{n}"),
        "uniqueItems": one({"uniqueItems": True}, [1, 1]),
        "false": one({"properties": {"x": False}}, {"x": 1}),
        "choice": one({"anyOf": [{"type": "integer"}, {"type": "boolean"}]}, _V).replace(v, "{v}"),
    }
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(lambda x: False)
    err = next(jsonschema.Draft202012Validator({"format": "date"}, format_checker=checker).iter_errors("2026-02-30"))
    table["format_date"] = translate(err)[0][3].replace(shown("2026-02-30"), "{v}")
    # type: one template per expected type and kind of value written (the hint depends on both)
    samples = {"teks": _V, "angka": 12345, "benar_salah": True, "daftar": [], "bagian": {}, "kosong": None}
    types = {}
    for expected in TYPE_WORDS:
        for kind, sample in samples.items():
            errors = list(jsonschema.Draft202012Validator({"type": expected}).iter_errors(sample))
            if errors:
                types[f"{expected}:{kind}"] = translate(errors[0])[0][3].replace(shown(sample), "{v}")
    table["type"] = types
    # text where a number belongs: the hint depends on the text (schemas.NUMBER_TEXT_HINTS);
    # the "angka/bilangan bulat : teks" templates above end with the default hint
    from kinerja.model.schemas import DATE_PATTERN_PREFIX, DMY_PATTERN, NUMBER_TEXT_DEFAULT, NUMBER_TEXT_HINTS

    table["petunjuk_angka"] = [[pattern, flags, hint] for pattern, flags, hint in NUMBER_TEXT_HINTS]
    table["petunjuk_angka_bawaan"] = NUMBER_TEXT_DEFAULT
    # a date written day-month-year: one message with the date rewritten (schemas._day_first_date)
    err = next(jsonschema.Draft202012Validator({"format": "date"}, format_checker=checker).iter_errors("31-12-2026"))
    table["tanggal_hbt"] = translate(err)[0][3].replace(shown("31-12-2026"), "{v}").replace("2026-12-31", "{iso}")
    table["tanggal_hbt_pola"] = DMY_PATTERN.replace("?P<", "?<")  # Python's named groups in ECMA-262 syntax
    table["tanggal_pola_awal"] = DATE_PATTERN_PREFIX
    # another spelling or a synonym of a choice (the rule sets' sinonim, in data.json)
    err = next(jsonschema.Draft202012Validator({"enum": ["ppp"]}).iter_errors("Ppp"))
    table["enum_synonym"] = translate(err)[0][3].replace(shown("Ppp"), "{v}").replace("“ppp”", "“{k}”")
    return table


def synonyms(proj) -> dict:
    """Normalised term -> its canonical values, from the public rule sets (Metodologi lists them)."""
    from kinerja.model.rules import synonym_map

    return {term: sorted(canon) for term, canon in sorted(synonym_map(proj.rule_sets).items())}


def _template_fields(root: Path) -> dict:
    from kinerja.review import forms

    out = {}
    for key in PAGES:
        spec = forms.FORMS[key]
        try:
            fields = forms.template_fields(root, spec)
        except forms.FormError:
            continue  # no form: the editor offers copy and download only, and says so
        out[key] = {"template": spec.template, "fields": [{"id": f.id, "label": f.label, "type": f.type, "options": f.options} for f in fields]}
    return out


def _instansi(root: Path) -> dict:
    from kinerja.loader import LoadError, load_bytes

    try:
        data = load_bytes((root / "organisation" / "instansi.yml").read_bytes()).data
    except (OSError, LoadError):
        return {}
    return data if isinstance(data, dict) else {}


def data(root: Path, proj) -> dict:
    """The editor's data file: public facts only (see the module docstring)."""
    from kinerja.publish.projection import BERAKHLAK, LAMPIRAN, PERSPEKTIF
    from kinerja.review.lineformat import ASPEK

    inst = _instansi(root)
    repo_url = inst.get("repositori") if isinstance(inst.get("repositori"), str) else None
    limit = inst.get("batas_panjang_url_formulir")
    cascade = "kaskade" in proj.sections
    plans = []
    if cascade:
        for kode, pp in proj.plans.items():
            plans.append({"kode": kode, "tahun": pp.tahun, "unit": pp.unit, "pemegang": pp.pemegang, "status": pp.status,
                          "kepala_unit": pp.kepala_unit,
                          "rhk": [{"id": r.id, "uraian": r.uraian, "jenis": r.jenis} for r in pp.rhk]})
    goals = [{"unit": g.unit, "tahun": g.tahun, "id": g.id, "uraian": g.uraian}
             for gs in proj.goals.values() for g in gs] if "sasaran" in proj.sections else []
    schemas = {}
    for name in SCHEMAS:
        schemas[name] = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
    years = sorted(set(proj.years) | ({max(proj.years) + 1} if proj.years else set()))
    return {
        "versi": 1,
        "commit": proj.build.sha,
        "repositori": repo_url,
        "batas_url": limit if isinstance(limit, int) and not isinstance(limit, bool) else DEFAULT_URL_LIMIT,
        "formulir": _template_fields(root),
        "tahun": years,
        "kaskade": cascade,
        "unit": [{"id": u.id, "nama": u.nama, "pd": u.pd, "induk": u.induk, "is_pd": u.is_pd} for u in proj.units.values()
                 if u.dibubarkan is None],
        "rencana": plans,
        "sasaran": goals,
        "pilihan": {"aspek": list(ASPEK), "perspektif": PERSPEKTIF, "berakhlak": BERAKHLAK, "lampiran": LAMPIRAN},
        "skema": schemas,
        "pesan": messages(),
        "sinonim": synonyms(proj),
    }


def page(mode: str) -> str:
    src, title = PAGES[mode]
    meta = {"title": safe_title(title), "kt_editor": mode, "search": {"exclude": True}, "hide": ["toc"]}
    parts = [
        "---\n" + json.dumps(meta, ensure_ascii=True, sort_keys=True) + "\n---\n",
        block(el("div", el("p", INTRO[mode]), class_="kt-editor-intro")),
        block(el("div", el("noscript", "Editor ini memerlukan JavaScript. Tanpa JavaScript, pakai formulir isu di GitHub "
                                       "seperti dijelaskan di Panduan."),
                 id="kt-editor", data_mode=mode, data_sumber="../data.json")),
    ]
    return "".join(parts)


def add_pages(root: Path, proj, files: dict, nav: list) -> None:
    files[DATA] = json.dumps(data(root, proj), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for mode, (src, _title) in PAGES.items():
        files[src] = page(mode)
    entry = {"Editor": [{title: src} for src, title in PAGES.values()]}
    at = next((i for i, item in enumerate(nav) if isinstance(item, dict) and "Panduan" in item), len(nav))
    nav.insert(at, entry)
