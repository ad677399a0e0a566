"""Helpers for the validation tests: edit a copy of the demo, validate it, read the findings.

Tests start from a copy of the demo repository (the `demo` / `demo_git` fixtures of
tests/conftest.py), change one thing and look at what `kinerja validate` says. Edits are
text substitutions that must match exactly once, so a fixture never silently stops
applying when the demo data changes, and the expected line is read from the edited text
(`line_of`) instead of being counted by hand.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from kthelpers import TODAY, run_kinerja

from kinerja.findings import CODES, ERROR, Finding
from kinerja.validate import validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# An 18-digit run (a NIP or NI PPPK), also in its usual spaced form "19920723 201903 2 011".
NIP_SHAPED = re.compile(r"(?<![0-9])[0-9]{8} ?[0-9]{6} ?[0-9] ?[0-9]{3}(?![0-9])")

# Common Indonesian words (none of them English): a message or description in Indonesian
# contains at least one.
INDONESIAN = re.compile(
    r"\b(yang|dan|di|ke|dari|ini|itu|tidak|belum|sudah|harus|atau|dengan|untuk|pada|dalam|adalah|hanya|"
    r"tulis|hapus|berkas|kunci|nilai|satu|lebih|menurut|padahal|diberi|mencatat|membentuk|isi|bukan|"
    r"tanda|misalnya|kosong|teks|angka|atas|bagian|setiap|berdasarkan|tanggal|bila|masih|nomor|khusus|"
    r"semua|sebagai|paling|sekian|orang|daftar|jenis|cara|harapan|sesuai|induk|bulan|tahun|tahunan)\b",
    re.IGNORECASE,
)


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> Path:
    """Replace `old` by `new` in one file; `old` must occur exactly `count` times."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    assert found == count, f"{rel}: expected {count} occurrence(s) of {old!r}, found {found}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def line_of(root: Path, rel: str, needle: str, nth: int = 1) -> int:
    """1-based line of the `nth` line containing `needle` (asserts it exists)."""
    hits = [i for i, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} occurs on {len(hits)} line(s) of {rel}, wanted #{nth}"
    return hits[nth - 1]


def check(root: Path, paths: list[str] | None = None, today: str = TODAY, use_cache: bool = False) -> list[Finding]:
    """`kinerja validate` in-process: the findings, sorted as the reporters print them."""
    _, findings = validate(root, paths, today=date.fromisoformat(today), use_cache=use_cache, jobs=1)
    unknown = {f.code for f in findings} - set(CODES)
    assert not unknown, f"codes missing from findings.CODES (and from the guide): {unknown}"
    return findings


def exit_code(findings: list[Finding]) -> int:
    """The exit code `kinerja validate` gives for these findings."""
    return 1 if any(f.severity == ERROR for f in findings) else 0


def of_code(findings: list[Finding], code: str, file: str | None = None) -> list[Finding]:
    return [f for f in findings if f.code == code and (file is None or f.file == file)]


def first_per_file(findings) -> dict:
    """The first finding reported for each file (findings come sorted by file and line)."""
    first: dict = {}
    for f in findings:
        first.setdefault(f["file"] if isinstance(f, dict) else f.file, f)
    return first


def walk_json(node, path: tuple = ()):
    """(path, value) for a JSON-like value and everything inside it."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk_json(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_json(v, path + (i,))


def describe(findings: list[Finding]) -> str:
    return "\n".join(f"{f.file}:{f.line}:{f.column}: {f.severity} {f.code}: {f.message}" for f in findings) or "(no findings)"


def cli_json(root: Path, *args: str):
    """Run `kinerja validate --format json` as a subprocess: (result, parsed document)."""
    result = run_kinerja("validate", "--format", "json", "--akar", str(root), *args, cwd=root)
    return result, json.loads(result.out)


def assert_clean_message(message: str) -> None:
    """Indonesian, one line, and no NIP-shaped number."""
    assert INDONESIAN.search(message), f"not an Indonesian message: {message!r}"
    assert "\n" not in message and "\r" not in message, message
    assert not NIP_SHAPED.search(message), f"message echoes an 18-digit number: {message!r}"
