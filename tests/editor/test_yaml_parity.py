"""The browser editor reads a pasted plan or evaluation the way `kinerja validate` does: tricky
YAML snippets (YAML 1.1 surprises, anchors, tags, duplicate keys, ...) parsed by the editor's
loader (site/assets/editor/yamlload.js, run by node on the vendored js-yaml) and by
scripts/kinerja/loader.py give the same data, or both refuse with the same finding code."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.loader import LoadError, load_bytes

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node tidak terpasang (CI memasangnya)")

RUN = """
require(process.argv[1]);  // the vendored bundle sets globalThis.KTVendor (js-yaml)
require(process.argv[2]);  // check.js: shown()
const Y = require(process.argv[3]);
const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(texts.map((t) => {
  try { return { data: Y.load(t) }; } catch (e) {
    if (!(e instanceof Y.YamlError)) return { crash: String(e && e.stack) };
    return { code: e.code, message: e.message, line: e.line };
  }
})));
"""

# (snippet, what a reader of the loader's rules expects) -- the expectations are written by
# hand from loader.py's docstring, not copied from either implementation's output
SNIPPETS: list[tuple[str, object]] = [
    ("nilai: 1.000\n", {"nilai": "1.000"}),  # Indonesian thousands: kept as text, never 1
    ("nilai: 25.000\n", {"nilai": "25.000"}),
    ("nilai: 1.000.000\n", {"nilai": "1.000.000"}),
    ("nilai: -1.000\n", {"nilai": "-1.000"}),
    ("nilai: 1.5\n", {"nilai": 1.5}),
    ("nilai: 1.10\n", {"nilai": 1.1}),
    ("nilai: 0.000\n", {"nilai": 0.0}),  # not a thousands pattern (starts with 0)
    ("kode: 0123\n", {"kode": "0123"}),  # octal to YAML 1.1: stays text
    ("telepon: 02112345\n", {"telepon": "02112345"}),
    ("jawab: no\n", {"jawab": "no"}),
    ("a: yes\nb: on\nc: off\nd: y\n", {"a": "yes", "b": "on", "c": "off", "d": "y"}),
    ("waktu: 1:20\n", {"waktu": "1:20"}),  # base 60 to YAML 1.1
    ("tanggal: 2026-12-31\n", {"tanggal": "2026-12-31"}),
    ("tanggal: 2024-02-30\n", {"tanggal": "2024-02-30"}),
    ("tanggal: 31-12-2026\n", {"tanggal": "31-12-2026"}),
    ("nip: 199001012015031001\n", {"nip": "199001012015031001"}),  # 18 digits: text, no precision lost
    ("n: 123456789012345\n", {"n": 123456789012345}),  # 15 digits: a number
    ("n: 1234567890123456\n", {"n": "1234567890123456"}),  # 16: text
    ("x: 1e3\ny: 1.0e+3\nz: .nan\nw: .inf\nh: 0x1F\no: 0o17\n",
     {"x": "1e3", "y": "1.0e+3", "z": ".nan", "w": ".inf", "h": "0x1F", "o": "0o17"}),
    ("a: true\nb: False\nc: TRUE\nd: tRUE\n", {"a": True, "b": False, "c": True, "d": "tRUE"}),
    ("a: null\nb: ~\nc:\nd: Null\ne: nULL\n", {"a": None, "b": None, "c": None, "d": None, "e": "nULL"}),
    ("a: '12'\nb: \"true\"\nc: '1.000'\n", {"a": "12", "b": "true", "c": "1.000"}),
    ("a: +5\nb: -0\nc: 007\n", {"a": 5, "b": 0, "c": "007"}),
    ("1: a\n2.50: b\ntrue: c\n~: d\n", {"1": "a", "2.50": "b", "true": "c", "~": "d"}),  # keys: the text written
    ("- 1\n- satu\n- [2, '3']\n- {a: 7.5}\n", [1, "satu", [2, "3"], {"a": 7.5}]),
    ("uraian: |\n  baris satu\n  baris dua\n", {"uraian": "baris satu\nbaris dua\n"}),
    ("uraian: >-\n  satu\n  dua\n", {"uraian": "satu dua"}),
    ("a: \"tab\\tdi sini\"\n", {"a": "tab\tdi sini"}),
    ("a: 'it''s'\n", {"a": "it's"}),
    ("\ufeffa: 1\n", {"a": 1}),  # a BOM is still UTF-8
    ("__proto__: 1\nconstructor: 2\n", {"__proto__": 1, "constructor": 2}),
    ("a: '<<'\n", {"a": "<<"}),
    ("'<<': 1\n", {"<<": 1}),  # a quoted "<<" is an ordinary key
    ("# hanya komentar\na: 1 # komentar\n", {"a": 1}),
    ("a: b: c\n", "yaml-syntax"),
    ("a: [1, 2\n", "yaml-syntax"),
    ("a: \"tidak ditutup\n", None),  # the loader says where the quote opened; the editor only that it is invalid
    ("a: 1\na: 2\n", "yaml-duplicate-key"),
    ("a:\n  b: 1\n  b: 2\n", "yaml-duplicate-key"),
    ("1: a\n'1': b\n", "yaml-duplicate-key"),  # keys are the text written: the same key twice
    ("a: &x 1\nb: *x\n", "yaml-anchor"),
    ("a: *x\n", None),  # an undefined alias: both refuse (the code may differ: js-yaml stops earlier)
    ("a: &x [1]\n", "yaml-anchor"),
    ("a: !!str 5\n", "yaml-tag"),
    ("a: !!python/object:os.system x\n", "yaml-tag"),
    ("a: ! x\n", "yaml-tag"),
    ("a: !!binary aGVsbG8=\n", "yaml-tag"),
    ("a: !!set {x}\n", "yaml-tag"),
    ("<<: {a: 1}\nb: 2\n", "yaml-merge-key"),
    ("a: 1\n---\nb: 2\n", "yaml-multi-document"),
    ("%YAML 1.1\n---\na: 1\n", "yaml-directive"),
    ("? [a, b]\n: 1\n", "yaml-complex-key"),
    ("{a: 1}: 2\n", None),
    ("target: {nilai: 7,5, satuan: hari}\n", "yaml-decimal-comma"),
    ("a: x\u202ey\n", "yaml-char"),
    ("a: \"x\\u202ey\"\n", "yaml-char"),
    ("a: x\x07\n", "yaml-char"),
    ("", "yaml-empty"),
    ("# komentar saja\n", "yaml-empty"),
    ("~\n", "yaml-empty"),
    ("a:\n" + "".join("  " * (i + 1) + "b:\n" for i in range(13)), "yaml-too-deep"),
]


def plain(data):
    """JSON text with integral floats written as integers: JavaScript has one number type, and
    0.0 means 0 to both validators (an integral float is an integer in JSON Schema)."""
    def norm(x):
        if isinstance(x, float) and x.is_integer():
            return int(x)
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items()}
        if isinstance(x, list):
            return [norm(v) for v in x]
        return x
    return json.dumps(norm(data), sort_keys=True, default=str)


def node_load(texts: list[str]) -> list[dict]:
    proc = subprocess.run([NODE, "-e", RUN, str(ROOT / "site/assets/editor/vendor.js"), str(ROOT / "site/assets/editor/check.js"),
                           str(ROOT / "site/assets/editor/yamlload.js")], input=json.dumps(texts), capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def python_load(text: str) -> dict:
    try:
        return {"data": load_bytes(text.encode("utf-8")).data}  # as the loader reads a file
    except LoadError as e:
        return {"code": e.code, "message": e.message, "line": e.line}


def test_tricky_yaml_means_the_same_to_the_editor_and_to_the_loader():
    results = node_load([t for t, _ in SNIPPETS])
    problems = []
    for (text, expected), js in zip(SNIPPETS, results):
        py = python_load(text)
        assert "crash" not in js, (text, js)
        if isinstance(expected, str) or expected is None:  # a refusal
            if "code" not in py or "code" not in js:
                problems.append(f"{text!r}: loader {py}, editor {js} (expected a refusal {expected})")
            elif expected is not None and not (py["code"] == js["code"] == expected):
                problems.append(f"{text!r}: loader {py['code']}, editor {js['code']}, expected {expected}")
        else:
            if py.get("data") != expected or js.get("data") != expected:
                problems.append(f"{text!r}: loader {py}, editor {js}, expected {expected!r}")
            elif plain(py["data"]) != plain(js["data"]) or list(py["data"]) != list(js["data"]):  # True vs 1, key order
                problems.append(f"{text!r}: loader {json.dumps(py['data'])}, editor {json.dumps(js['data'])}")
    assert not problems, "\n".join(problems)


def test_the_editor_gives_the_loaders_message_and_line_for_event_level_refusals():
    refusals = [(t, e) for t, e in SNIPPETS if isinstance(e, str) and e not in ("yaml-syntax", "yaml-empty")]
    for (text, _code), js in zip(refusals, node_load([t for t, _ in refusals])):
        py = python_load(text)
        assert (js["message"], js["line"]) == (py["message"], py["line"]), text


def test_every_demo_and_example_file_loads_to_the_same_data():
    paths = sorted(p for p in ROOT.glob("*/**/*.yml") if not p.relative_to(ROOT).as_posix().startswith(("node_modules/", "site/", ".")))
    paths = [p for p in paths if p.relative_to(ROOT).parts[0] in ("plans", "evaluations", "organisation", "schemas", "rules")]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(texts) > 50
    for path, text, js in zip(paths, texts, node_load(texts)):
        py = python_load(text)
        assert plain(py) == plain(js), path


scalar = st.one_of(
    st.from_regex(r"[-+]?[0-9]{1,17}(\.[0-9]{1,4}){0,3}", fullmatch=True),
    st.sampled_from(["yes", "no", "on", "~", "null", "True", "tRUE", "1:20", "0x1F", ".nan", "1e3", "2026-12-31", "007"]),
    st.text(alphabet="ab01.:+~_", min_size=1, max_size=8).filter(lambda t: not t.startswith(":") and not t.endswith(":")),
)


# one node run per example (its start-up dominates): few examples of many scalars each
@settings(deadline=None, max_examples=4)
@given(st.lists(scalar, min_size=150, max_size=150))
def test_plain_scalars_resolve_alike(values):
    texts = [f"k: {v}\n" for v in values] + [f"{v}: 1\n" for v in values]
    for text, js in zip(texts, node_load(texts)):
        py = python_load(text)
        if "code" in py:
            assert "code" in js, (text, py, js)
        else:
            assert plain(py["data"]) == plain(js.get("data")), (text, py, js)
