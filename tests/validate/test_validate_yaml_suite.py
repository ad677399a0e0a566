"""The official YAML test suite as hostile input: a clean finding for each, never a crash.

The corpus (yaml/yaml-test-suite, data branch) is read in place from ../shared/corpora
beside the repository, as CI checks it out; it is not copied into the project. Where it
is absent the tests are skipped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from kthelpers import run_kinerja
from vhelpers import INDONESIAN, cli_json, first_per_file

from kinerja.findings import CODES
from kinerja.loader import LoadError, load_bytes

# KINERJA_YAML_SUITE: the corpus elsewhere (.ci/mutants.py runs the tests in a copy of the repository)
SUITE = Path(os.environ.get("KINERJA_YAML_SUITE") or
             Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "yaml-test-suite")
INPUTS = sorted(SUITE.glob("*/in.yaml")) + sorted(SUITE.glob("*/*/in.yaml"))


def _id(path: Path) -> str:
    return "-".join(path.relative_to(SUITE).parts[:-1])


needs_suite = pytest.mark.skipif(not INPUTS, reason=f"YAML test suite not found at {SUITE}")


@needs_suite
def test_the_corpus_is_the_full_suite():
    assert len(INPUTS) > 300  # a broken checkout would silently shrink the test


@needs_suite
@pytest.mark.parametrize("path", INPUTS, ids=[_id(p) for p in INPUTS])
def test_loader_returns_or_raises_only_its_own_error(path: Path):
    raw = path.read_bytes()
    try:
        loaded = load_bytes(raw)
    except LoadError as exc:
        assert exc.code in CODES and exc.code != "internal-error", (exc.code, exc.message)
        assert INDONESIAN.search(exc.message) and "\n" not in exc.message, exc.message
        if exc.line is not None:
            assert 1 <= exc.line <= raw.count(b"\n") + raw.count(b"\r") + 1
            assert exc.column is not None and exc.column >= 1
        if (path.parent / "error").exists() and exc.code == "yaml-syntax":
            assert exc.line is not None  # libyaml knows where a syntax error is
        return
    # Accepted input is plain data: only JSON-like types, every position 1-based.
    _assert_plain(loaded.data)
    assert all(line >= 1 and col >= 1 for line, col in loaded.positions.values())


def _assert_plain(value) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str)
            _assert_plain(v)
    elif isinstance(value, list):
        for v in value:
            _assert_plain(v)
    else:
        assert value is None or isinstance(value, (str, int, float, bool)), type(value)


@needs_suite
def test_every_suite_input_as_a_plan_gets_a_clean_finding(demo):
    """All inputs at once as plans of a demo copy, through the real command line."""
    placed = {}
    for i, path in enumerate(INPUTS):
        rel = f"plans/2026/yts-{i:04d}.yml"
        (demo / rel).write_bytes(path.read_bytes())
        placed[rel] = _id(path)
    result, doc = cli_json(demo, "--tanpa-cache")
    assert result.code == 1 and result.err == "", result
    first = first_per_file(doc["findings"])
    for rel, test_id in placed.items():
        f = first.get(rel)
        assert f is not None, f"{test_id}: no finding for {rel}"  # none of them is a plan
        assert f["severity"] == "error" and f["code"] != "internal-error", (test_id, f)
        assert INDONESIAN.search(f["message"]), (test_id, f)
    text = run_kinerja("validate", "--tanpa-cache", "--akar", str(demo), cwd=demo)
    assert text.code == 1
    assert not any(re.match(r"\s*::", line) for line in text.out.splitlines())
