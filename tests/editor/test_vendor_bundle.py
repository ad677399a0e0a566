"""The editor's vendored bundle (site/assets/editor/vendor.js) is what package-lock.json pins:
its banner names the locked versions, and rebuilding it with the pinned esbuild from
node_modules gives the same bytes, so the committed file hides nothing. `make serve` needs no
Node: the bundle is committed. The loader's rule "a key written twice is refused" holds for the
bundled js-yaml too."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "site" / "assets" / "editor" / "vendor.js"
NODE = shutil.which("node")


def locked() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    return {name: lock["packages"][f"node_modules/{name}"]["version"] for name in ("ajv", "js-yaml", "esbuild")}


def test_banner_names_the_locked_versions():
    banner = BUNDLE.read_text(encoding="utf-8").split("\n", 1)[0]
    named = dict(re.findall(r"([a-z-]+)@([0-9][0-9.]*)", banner))
    assert named == locked()
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    for name, version in locked().items():
        assert package[name] == version  # pinned exactly, no ranges


@pytest.mark.skipif(NODE is None or not (ROOT / "node_modules" / "esbuild").is_dir(), reason="npm ci belum dijalankan")
def test_rebuilding_gives_the_same_bytes(tmp_path):
    out = tmp_path / "vendor.js"
    subprocess.run([NODE, str(ROOT / "js" / "build-vendor.mjs"), str(out)], check=True, cwd=ROOT, timeout=300)
    assert out.read_bytes() == BUNDLE.read_bytes(), "site/assets/editor/vendor.js is stale: run node js/build-vendor.mjs"


@pytest.mark.skipif(NODE is None, reason="node tidak terpasang")
def test_bundled_yaml_parser_refuses_duplicate_keys_and_keeps_dates_as_text():
    script = """
    require(process.argv[1]);
    const y = globalThis.KTVendor.yaml, out = {};
    try { y.load('target: 5\\ntarget: 50\\n', {schema: y.CORE_SCHEMA}); out.dup = 'read'; } catch (e) { out.dup = e.reason; }
    try { y.load('a:\\n  b: 1\\n  b: 2\\n', {schema: y.CORE_SCHEMA}); out.deep = 'read'; } catch (e) { out.deep = e.reason; }
    out.date = typeof y.load('d: 2026-01-15', {schema: y.CORE_SCHEMA}).d;
    process.stdout.write(JSON.stringify(out));
    """
    proc = subprocess.run([NODE, "-e", script, str(BUNDLE)], capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout) == {"dup": "duplicated mapping key", "deep": "duplicated mapping key", "date": "string"}
