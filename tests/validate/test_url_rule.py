"""One URL rule everywhere (issue 11 item 12): the schema, the issue forms and the public projection
refuse credentials in a link's authority; and every schema pattern is a valid ECMA-262 pattern in
Unicode mode (issue 13), compiled by node the way JavaScript JSON Schema tools and editors do."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from vhelpers import check, edit, line_of, walk_json

from kthelpers import ROOT
from kinerja.publish.projection import safe_url
from kinerja.review.lineformat import parse_bukti
from kinerja.urlrule import SCHEMA_PATTERN, is_safe_url

EVAL = "evaluations/2026/triwulan_3/bkpsdm-0001.yml"
GOOD_URL = "https://dokumen.batanghari.example/bkpsdm-0001/2026/triwulan_3/rhk-1.pdf"

ATTACKS = [
    "https://user:password@dokumen.batanghari.example/a.pdf",  # a pasted token
    "https://ghp_abc123@dokumen.batanghari.example/a.pdf",
    "https://bank.example@evil.example/",  # the host hidden behind a user name
    "https://bank.example:443@evil.example/",
    "https://@evil.example/",
    "http://a.example:8080@evil.example",
]
FINE = [
    "https://dokumen.batanghari.example/a.pdf",
    "http://a.example:8080/x?y=1#z",
    "https://a.example/@pengguna/berkas",  # "@" in the path is not in the authority
    "https://a.example",
]
OTHER_BAD = ["javascript:alert(1)", "HTTPS://A.EXAMPLE/", "https://a.example/ x", "https://a.example/\"x", "ftp://a.example/",
             "https://a.example/x\n", "https://a.example/x\u2028", "https://a.example/\u202ex", "https://a.example/\u00a0", "https://-a.example/", "https://a.example/" + "x" * 500]


@pytest.mark.parametrize("url", ATTACKS + OTHER_BAD)
def test_the_rule_refuses(url):
    assert not is_safe_url(url)
    assert safe_url(url) is None


@pytest.mark.parametrize("url", FINE)
def test_the_rule_accepts(url):
    assert is_safe_url(url) and safe_url(url) == url


def test_the_schema_uses_the_same_rule():
    url = json.loads((ROOT / "schemas/common.schema.json").read_text(encoding="utf-8"))["$defs"]["url"]
    assert url["pattern"] == SCHEMA_PATTERN
    assert url["maxLength"] == 500


@pytest.mark.parametrize("url", ATTACKS[:3])
def test_validate_refuses_credentials_in_an_evidence_link_with_the_line(demo, url):
    edit(demo, EVAL, GOOD_URL, url)
    findings = check(demo)
    line = line_of(demo, EVAL, url)
    hits = [f for f in findings if f.file == EVAL and f.line == line and f.severity == "error"]
    assert hits, [(f.file, f.line, f.code) for f in findings]
    assert any("user:sandi@" in f.message for f in hits)
    assert all("password" not in f.message and "ghp_" not in f.message for f in findings)  # never echoed


@pytest.mark.parametrize("url", ATTACKS)
def test_the_form_refuses_credentials(url):
    out, errors = parse_bukti(f"rhk-1 | {url} | publik | laporan")
    assert out == {} and len(errors) == 1 and "user:sandi@" in errors[0].message


def test_the_form_accepts_a_plain_link():
    out, errors = parse_bukti(f"rhk-1 | {FINE[0]} | publik | laporan")
    assert errors == [] and out["rhk-1"][0]["url"] == FINE[0]


# --- every schema pattern compiles in JavaScript with flag u ----------------------------------------


def _patterns() -> list[tuple[str, str]]:
    out = []
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for where, value in walk_json(doc):
            if where and where[-1] == "pattern" and isinstance(value, str):
                out.append((f"{path.name}:{'/'.join(map(str, where))}", value))
    return out


NODE = shutil.which("node")


def _node(script: str, payload) -> object:
    proc = subprocess.run([NODE, "-e", script], input=json.dumps(payload), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


COMPILE = """
let s = ''; process.stdin.on('data', d => s += d).on('end', () => {
  const out = {};
  for (const [where, p] of JSON.parse(s)) { try { new RegExp(p, 'u'); } catch (e) { out[where] = String(e.message); } }
  process.stdout.write(JSON.stringify(out));
});
"""


def test_node_is_installed():
    assert NODE, "node is needed for the ECMA-262 pattern check (it is installed machine-wide)"


def test_every_schema_pattern_is_a_valid_unicode_mode_regexp():
    patterns = _patterns()
    assert len(patterns) >= 10 and any(p == SCHEMA_PATTERN for _, p in patterns)
    assert _node(COMPILE, patterns) == {}


def test_the_node_check_notices_an_invalid_pattern():
    # positive control: the old URL pattern (`\\"` inside a class) is invalid with flag u
    assert list(_node(COMPILE, [["old", "^https?://[^\\s<>\\\"'`\\\\]+(?![\\s\\S])"]])) == ["old"]


def test_the_url_pattern_means_the_same_in_javascript_and_python():
    samples = ATTACKS + FINE + OTHER_BAD
    js = _node("""
let s = ''; process.stdin.on('data', d => s += d).on('end', () => {
  const [p, xs] = JSON.parse(s); const r = new RegExp(p, 'u');
  process.stdout.write(JSON.stringify(xs.map(x => r.test(x))));
});
""", [SCHEMA_PATTERN, samples])
    assert js == [re.search(SCHEMA_PATTERN, x) is not None for x in samples]  # how jsonschema applies it
    assert js[:len(ATTACKS)] == [False] * len(ATTACKS) and js[len(ATTACKS):len(ATTACKS) + len(FINE)] == [True] * len(FINE)
