"""The schemas of schemas/ mean the same in every validator that reads them: for every annotated
example and every demo file (plus deliberately broken copies), the browser editor's validator
(site/assets/editor/check.js: Ajv 2020-12 from the vendored bundle, run by node), check-jsonschema
and `kinerja validate`'s schema stage give the same verdict; where the browser can say it, the
browser's Indonesian message is the one `kinerja validate` writes."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kinerja.layout import classify
from kinerja.loader import load_bytes
from kinerja.model.schemas import translate, validator_for
from kinerja.publish.editor import messages

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
NODE = shutil.which("node")
pytestmark = [pytest.mark.skipif(NODE is None, reason="node tidak terpasang (CI memasangnya)"), pytest.mark.slow]

RUN = """
globalThis.KTVendor = undefined;
require(process.argv[1]);  // the vendored bundle sets globalThis.KTVendor
const { Checker } = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const c = new Checker(input.schemas, input.table, input.synonyms);
process.stdout.write(JSON.stringify(input.docs.map(([name, doc]) => c.check(name, doc))));
"""


def _schema_of_example(path: Path) -> str:
    m = re.search(r"\$schema=\.\./([a-z-]+\.schema\.json)", path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert m, path
    return m.group(1)


def cases() -> list[tuple[str, str, object]]:
    """(label, schema name, data) for every example and demo file."""
    out = []
    for path in sorted((SCHEMAS / "examples").glob("*.yml")):
        out.append((f"schemas/examples/{path.name}", _schema_of_example(path), load_bytes(path.read_bytes()).data))
    for path in sorted(ROOT.glob("*/**/*.yml")):
        rel = path.relative_to(ROOT).as_posix()
        kind = classify(rel)
        if kind is None or rel.startswith((".", "schemas/", "tests/", "site/", "node_modules/")):
            continue
        out.append((rel, kind.kind.schema, load_bytes(path.read_bytes()).data))
    return out


def python_messages(name: str, data, synonyms=None) -> list[str]:
    return sorted({m for e in validator_for(SCHEMAS, name).iter_errors(data) for (_p, _k, _c, m) in translate(e, synonyms)})


def node_results(docs: list[tuple[str, object]], synonyms: dict | None = None) -> list[list[dict]]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.schema.json")}
    payload = json.dumps({"schemas": schemas, "table": messages(), "docs": docs, "synonyms": synonyms or {}}, default=str)
    proc = subprocess.run([NODE, "-e", RUN, str(ROOT / "site/assets/editor/vendor.js"), str(ROOT / "site/assets/editor/check.js")],
                          input=payload, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def broken(data):
    """Copies with one plain mistake each (an unknown key, a missing key, a wrong type)."""
    if not isinstance(data, dict) or len(data) < 2:
        return []
    first = next(k for k in data if k != "versi_format")
    unknown = dict(data, kunci_tak_dikenal=1)
    missing = {k: v for k, v in data.items() if k != "versi_format"}
    wrong = dict(data, versi_format="satu")
    return [unknown, missing, wrong, dict(data, **{first: None})]


def test_browser_validator_agrees_with_kinerja_validate_on_every_example_and_demo_file():
    all_cases = cases()
    assert len(all_cases) > 80  # every example and the whole demo regency
    docs = [(name, data) for _l, name, data in all_cases]
    labels = [label for label, _n, _d in all_cases]
    for label, name, data in all_cases:
        for n, b in enumerate(broken(data)):
            docs.append((name, b))
            labels.append(f"{label} (rusak {n})")
    results = node_results(docs)
    disagree = []
    for label, (name, data), js in zip(labels, docs, results):
        py = python_messages(name, data)
        if bool(py) != bool(js):
            disagree.append(f"{label}: kinerja validate {py[:2]} vs browser {[e['message'] for e in js[:2]]}")
    assert not disagree, "\n".join(disagree[:20])
    assert sum(1 for r in results if r) > 200  # the broken copies really are refused


def test_browser_messages_are_the_ones_kinerja_validate_writes():
    plan = load_bytes((ROOT / "plans/2026/disdik-0042.yml").read_bytes()).data
    bad = copy.deepcopy(plan)
    bad["pendekatn"] = bad.pop("pendekatan")[:0] + "kuantitatif"  # an unknown key; pendekatan now missing
    bad["hasil_kerja"][0]["jenis"] = "pokok"  # not a choice
    bad["hasil_kerja"][1]["jenis"] = "utamaa"  # a choice misspelt
    bad["hasil_kerja"][0]["indikator"][0]["uraian"] = ""  # empty text
    bad["tahun"] = "dua ribu"  # text for a number
    bad["hasil_kerja"][0]["intervensi"] = "Kepala Sekolah"  # the schema's own pattern message
    js = sorted({e["message"] for e in node_results([("plan.schema.json", bad)])[0]})
    py = python_messages("plan.schema.json", bad)
    assert js == py
    assert len(js) >= 5 and any("Mungkin maksud Anda “pendekatan”" in m for m in js)


def test_check_jsonschema_gives_the_same_verdict_on_every_example_and_demo_file(tmp_path):
    exe = Path(sys.executable).parent / "check-jsonschema"
    if not exe.exists():
        pytest.skip("check-jsonschema tidak terpasang (pip install -e '.[test]')")
    by_schema: dict[str, list[tuple[str, Path, bool]]] = {}
    for label, name, data in cases():
        path = ROOT / label
        by_schema.setdefault(name, []).append((label, path, bool(python_messages(name, data))))
    # one broken copy per schema, so the comparison can see a refusal too
    for name, items in by_schema.items():
        label, path, _ = items[0]
        bad = tmp_path / f"rusak-{name}.yml"
        bad.write_text(path.read_text(encoding="utf-8") + "\nkunci_tak_dikenal: 1\n", encoding="utf-8")
        items.append((f"{label} (rusak)", bad, True))
    disagree = []
    for name, items in by_schema.items():
        proc = subprocess.run([str(exe), "--schemafile", str(SCHEMAS / name), "-o", "json", *[str(p) for _l, p, _b in items]],
                              capture_output=True, text=True, timeout=600)
        assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
        report = json.loads(proc.stdout)
        refused = {Path(e["filename"]).resolve() for e in report.get("errors", [])} | {Path(e["filename"]).resolve() for e in report.get("parse_errors", [])}
        for label, path, py_refuses in items:
            if (path.resolve() in refused) != py_refuses:
                disagree.append(f"{label} ({name}): kinerja validate {'menolak' if py_refuses else 'menerima'}, check-jsonschema sebaliknya")
    assert not disagree, "\n".join(disagree)


def test_browser_gives_the_same_hints_for_special_text_in_number_and_date_fields():
    """The hints of model/schemas (Indonesian thousands, decimal comma, long digit strings,
    leading zero, e-notation, a day-first date) reach the browser from the same table."""
    plan = load_bytes((ROOT / "plans/2026/disdik-0042.yml").read_bytes()).data
    bad = copy.deepcopy(plan)
    first = bad["hasil_kerja"][0]["indikator"][0]
    texts = ["1.000", "25.000", "1.000.000", "7,5", "1234567890123456", "199001012015031001", "0123", "1e3", "12 orang"]
    bad["hasil_kerja"][0]["indikator"] = [dict(copy.deepcopy(first), id=f"iki-{n + 1}", target={"nilai": t, "satuan": "dokumen"})
                                          for n, t in enumerate(texts)]
    bad["periode"] = {"mulai": "31-12-2026", "selesai": "1.2.2026"}
    js = sorted({e["message"] for e in node_results([("plan.schema.json", bad)])[0]})
    py = python_messages("plan.schema.json", bad)
    assert js == py
    joined = "\n".join(js)
    # by hand, from what a reader needs to be told
    assert "tulis 2026-12-31" in joined and "tulis 2026-02-01" in joined
    assert "YAML akan membaca 25.000 sebagai 25. Tulis 25000" in joined and "Tulis 1000000 (tanpa titik)" in joined
    assert "tulis 7.5, bukan 7,5" in joined
    assert joined.count("Angka lebih dari 15 digit") == 1 and "199001012015031001" not in joined  # same message twice, and a NIP is never echoed
    assert "tidak boleh diawali nol" in joined and "tanpa notasi e" in joined and "satuan ditulis di kolom 'satuan'" in joined


def test_browser_rewords_synonyms_and_other_spellings_like_kinerja_validate():
    from kinerja.model.rules import synonym_map
    from kinerja.publish.editor import synonyms as editor_synonyms
    from kinerja.model.rules import build_rule_set

    docs = [(p.name, load_bytes(p.read_bytes()).data) for p in sorted((ROOT / "rules").glob("*.yml"))]
    rule_sets = [build_rule_set(name, d) for name, d in docs if "metode" in d]  # rule sets, not the other rule data
    py_syn = synonym_map(rule_sets)
    js_syn = editor_synonyms(type("P", (), {"rule_sets": rule_sets})())
    assert js_syn["diatas"] == ["di_atas_ekspektasi"]  # by hand, from rules/permenpanrb-6-2022.yml
    ev = load_bytes((ROOT / "evaluations/2026/triwulan_1/bkpsdm-0001.yml").read_bytes()).data
    bad = copy.deepcopy(ev)
    bad["penilaian"]["rating_hasil_kerja"] = "Di atas ekspektasi"  # another spelling
    bad["penilaian"]["rating_perilaku_kerja"] = "diatas"  # a synonym from the rule set
    bad["penilaian"]["hasil_kerja"][0]["rating"] = "sesuaii_ekspektasi"  # a typo: "did you mean"
    js = sorted({e["message"] for e in node_results([("evaluation.schema.json", bad)], js_syn)[0]})
    py = python_messages("evaluation.schema.json", bad, py_syn)
    assert js == py
    joined = "\n".join(js)
    assert "“Di atas ekspektasi” adalah istilah atau ejaan lain; tulis istilah baku “di_atas_ekspektasi”." in joined
    assert "“diatas” adalah istilah atau ejaan lain" in joined and "Mungkin maksud Anda “sesuai_ekspektasi”?" in joined
