"""The browser editor's target grammar (site/assets/editor/target.js, run by node) reads every
phrase exactly as kinerja.model.target does: the same value, unit and direction, or a refusal
with the same Indonesian message. Inputs: the phrasing table, its renderings, and phrases
Hypothesis builds from the grammar's own pieces (numbers, separators, bound words, units)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.model.target import TargetError, parse, render

ROOT = Path(__file__).resolve().parents[2]
TARGET_JS = ROOT / "site" / "assets" / "editor" / "target.js"
TABLE = yaml.safe_load((ROOT / "tests" / "target" / "phrasings.yml").read_text(encoding="utf-8"))
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node tidak terpasang (CI memasangnya)")

RUN = """
const T = require(process.argv[1]);
const phrases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = phrases.map(p => {
  try { const t = T.parse(p); return {ok: Object.assign(T.asYaml(t), {lower: t.lower_is_better}), render: T.render(t)}; }
  catch (e) { if (e instanceof T.TargetError) return {error: e.message}; return {crash: String(e)}; }
});
process.stdout.write(JSON.stringify(out));
"""


def python_reading(text: str) -> dict:
    try:
        t = parse(text)
    except TargetError as exc:
        return {"error": str(exc)}
    return {"ok": dict(t.as_yaml(), lower=t.lower_is_better), "render": render(t)}


def node_readings(phrases: list[str]) -> list[dict]:
    proc = subprocess.run([NODE, "-e", RUN, str(TARGET_JS)], input=json.dumps(phrases), capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def assert_same(phrases):
    for text, js in zip(phrases, node_readings(phrases)):
        assert js == python_reading(text), text


def test_every_phrasing_of_the_table_reads_the_same_in_the_browser():
    phrases = [row["teks"] for row in TABLE]
    assert len(phrases) >= 60
    assert_same(phrases + [render(parse(p)) for p in phrases if "baca" in next(r for r in TABLE if r["teks"] == p)])


def test_the_port_is_checked_by_something_that_can_fail():
    # positive control: a reading the port would get wrong if it read "1.5" the English way
    js = node_readings(["1.5 jam", "1.000 dokumen"])
    assert "error" in js[0] and js[1]["ok"] == {"nilai": 1000, "satuan": "dokumen", "lower": False}


numbers = st.one_of(st.integers(0, 10**13).map(str), st.from_regex(r"[0-9]{1,3}(\.[0-9]{3}){0,3}(,[0-9]{1,4})?", fullmatch=True),
                    st.from_regex(r"[0-9.,]{1,8}", fullmatch=True))
pieces = st.tuples(
    st.sampled_from(["", "minimal ", "≥ ", ">= ", "maksimal ", "paling lambat ", "> ", "Rp ", "Rp", "sekitar ", "-"]),
    numbers,
    st.sampled_from(["", " ", "%", " %", " persen", " juta", " rb", " ribu "]),
    st.sampled_from(["", " - ", "-", " s.d. ", "–", " sampai dengan ", " hingga "]),
    st.one_of(st.just(""), numbers),
    st.sampled_from(["", " dokumen", " hari kerja", "%", " % tepat waktu", " orang", " Januari", " 12 SD", " (lebih kecil lebih baik)", " kali/bulan"]),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(pieces.map("".join), min_size=40, max_size=40))
def test_built_phrases_read_the_same(phrases):
    assert_same(phrases)
