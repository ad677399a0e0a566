"""The JSON Schemas in schemas/ (the source of truth for file formats).

- every schema is a valid Draft 2020-12 schema;
- every property, reached from each schema's root through properties, items,
  additionalProperties and anyOf/oneOf branches (local $refs resolved), has a title and an
  Indonesian description: editors (VS Code) show them, and the guide is rendered from them;
- every `pattern` is anchored at both ends and refuses a value followed by a line break
  (`$` would accept "disdik-0042\\n");
- every `format` used has a fixture that fails validation (jsonschema ignores formats unless
  a checker is given, and both validators must agree).
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from kthelpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from vhelpers import INDONESIAN, check, describe, edit, line_of, of_code, walk_json

SCHEMA_DIR = ROOT / "schemas"
DOCS = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}
ANCHOR_END = "(?![\\s\\S])"


def _resolve(node: dict, current: str) -> tuple[dict | None, str]:
    ref = node.get("$ref")
    if ref is None:
        return None, current
    name, _, pointer = ref.partition("#")
    name = name or current
    assert name in DOCS, f"{current}: $ref {ref} leaves schemas/"
    target = DOCS[name]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    return target, name


def _annotation(node, current: str, key: str):
    """The node's own title/description, else the one of what its $ref points to."""
    while isinstance(node, dict):
        if key in node:
            return node[key]
        node, current = _resolve(node, current)
    return None


def _properties(node, current: str, where: str, seen=frozenset()):
    """(location, property schema, its document) for every property reachable from `node`."""
    if not isinstance(node, dict):
        return
    target, target_doc = _resolve(node, current)
    if target is not None and id(target) not in seen:
        yield from _properties(target, target_doc, where, seen | {id(target)})
    for name, sub in node.get("properties", {}).items():
        if isinstance(sub, bool):  # `min: false` forbids a key in one branch; it declares nothing
            continue
        yield f"{where}.{name}", sub, current
        yield from _properties(sub, current, f"{where}.{name}", seen)
    if isinstance(node.get("items"), dict):
        yield from _properties(node["items"], current, f"{where}[]", seen)
    if isinstance(node.get("additionalProperties"), dict):
        yield from _properties(node["additionalProperties"], current, f"{where}.*", seen)
    for key in ("anyOf", "oneOf"):
        for branch in node.get(key, ()):
            yield from _properties(branch, current, where, seen)


def _all_properties():
    for name, doc in DOCS.items():
        if name != "common.schema.json":  # reached through the $refs of the others
            yield from _properties(doc, name, name.removesuffix(".schema.json"))


# Patterns that say what a value must look like; a pattern under `not` says what it must
# not contain (e.g. no NIP-like digit run in an id) and is deliberately unanchored.
PATTERNS = sorted(
    {
        node["pattern"]
        for doc in DOCS.values()
        for path, node in walk_json(doc)
        if isinstance(node, dict) and isinstance(node.get("pattern"), str) and "not" not in path
    }
)
FORMATS = sorted(
    {node["format"] for doc in DOCS.values() for _, node in walk_json(doc) if isinstance(node, dict) and isinstance(node.get("format"), str)}
)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_schema_is_valid_draft_2020_12(name):
    doc = DOCS[name]
    assert doc.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)
    assert doc.get("title") and doc.get("description"), f"{name}: the schema itself has no title/description"


def test_every_property_has_an_indonesian_title_and_description():
    found = list(_all_properties())
    assert len(found) > 200  # the walk reaches deep into every schema
    missing = []
    for where, sub, current in found:
        title, description = _annotation(sub, current, "title"), _annotation(sub, current, "description")
        if not (isinstance(title, str) and title.strip()):
            missing.append(f"{where}: title")
        if not (isinstance(description, str) and INDONESIAN.search(description)):
            missing.append(f"{where}: description {description!r}")
    assert missing == [], "\n".join(missing)


def test_there_are_patterns_to_check():
    assert len(PATTERNS) >= 8


@pytest.mark.parametrize("pattern", PATTERNS)
def test_pattern_is_anchored_at_both_ends(pattern):
    assert pattern.startswith("^") and pattern.endswith(ANCHOR_END), pattern


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_pattern_refuses_a_trailing_line_break(pattern, data):
    core = pattern.removeprefix("^").removesuffix(ANCHOR_END)
    value = data.draw(st.from_regex(core, fullmatch=True))
    compiled = re.compile(pattern)
    if not compiled.search(value):  # a lookahead inside the pattern refused the generated text
        return
    for tail in ("\n", "\r\n", "\r", " ", "\u2028"):
        assert not compiled.search(value + tail), f"{pattern} accepts {value + tail!r}"


# One fixture per format: (file, text to replace, replacement), each must fail validation.
FORMAT_FIXTURES = {
    "date": [
        ("plans/2026/disdik-0042.yml", "  selesai: 2026-12-31", "  selesai: 2026-02-29"),  # 2026 is no leap year
        ("organisation/people/disdik-0042.yml", "  - mulai: 2019-03-01", "  - mulai: 2019-04-31"),
        ("unit-results/2026/triwulan_2/disdik.yml", "tanggal: 2026-07-20", "tanggal: 2026-00-20"),
    ],
}


def test_every_format_used_has_a_failing_fixture():
    assert FORMATS and set(FORMATS) == set(FORMAT_FIXTURES)


@pytest.mark.parametrize(
    "fmt,rel,old,new",
    [(fmt, *fixture) for fmt, fixtures in FORMAT_FIXTURES.items() for fixture in fixtures],
    ids=lambda v: v if isinstance(v, str) and "/" not in v and ":" not in v else None,
)
def test_format_is_enforced(demo, fmt, rel, old, new):
    edit(demo, rel, old, new)
    findings = check(demo, [rel])
    hits = of_code(findings, "schema-format", rel)
    assert [f.line for f in hits] == [line_of(demo, rel, new.strip())], describe(findings)


def test_formats_are_not_enforced_by_accident_of_the_pattern():
    """The date pattern alone would accept 2026-02-30: the format check is what refuses it."""
    date_pattern = DOCS["common.schema.json"]["$defs"]["tanggal"]["pattern"]
    assert re.search(date_pattern, "2026-02-30")
