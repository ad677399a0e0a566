"""The three report formats of `kinerja validate`: text, github, json.

Findings carry user text (values, keys, file names). Whatever it contains, the text report
has one line per finding, the github report has no line that user text starts (a line
starting with `::` is a workflow command), and none of them shows a NIP.
"""

from __future__ import annotations

import json
import os
import re

from kthelpers import run_kinerja
from vhelpers import NIP_SHAPED, cli_json, edit

from kinerja.findings import CODES, ERROR, GITHUB_ANNOTATIONS_PER_KIND, WARNING, Finding, format_github, format_json, format_text, shown

HOSTILE = Finding(
    "plans/2026/a:b,c.yml", 3, 7, ERROR, "schema-enum",
    "100% salah\r\n::error file=README.md::palsu\nbaris baru", "/status",
)
NO_POSITION = Finding("plans/2026/x.yaml", None, None, ERROR, "path-unknown", "Berkas ini tidak berada di tempat yang dikenal.")
TEXT_LINE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>kesalahan|peringatan) (?P<code>[a-z-]+): (?P<msg>\S.*)$")


def _many(n_errors: int, n_warnings: int) -> list[Finding]:
    out = [Finding(f"plans/2026/p-{i:02d}.yml", i + 1, 1, ERROR, "schema-type", f"kesalahan {i}") for i in range(n_errors)]
    out += [Finding(f"plans/2026/w-{i:02d}.yml", i + 1, 1, WARNING, "deadline-skp", f"peringatan {i}") for i in range(n_warnings)]
    return out


# --- github ---------------------------------------------------------------------------------------


def test_github_escapes_percent_cr_lf_and_property_separators():
    out = format_github([HOSTILE])
    lines = out.splitlines()
    assert all(line.startswith("::") for line in lines), out
    first = lines[0]
    assert first.startswith("::error file=plans/2026/a%3Ab%2Cc.yml,line=3,col=7,title=schema-enum%3A ")
    assert first.endswith("::100%25 salah%0D%0A::error file=README.md::palsu%0Abaris baru")
    assert "\r" not in out


def test_github_shows_at_most_10_annotations_per_severity_and_a_summary():
    out = format_github(_many(25, 12))
    lines = out.splitlines()
    assert sum(line.startswith("::error file=") for line in lines) == GITHUB_ANNOTATIONS_PER_KIND == 10
    assert sum(line.startswith("::warning file=") for line in lines) == 10
    assert [line for line in lines if "title=Masih ada" in line] == [
        "::error title=Masih ada 15 kesalahan lain::GitHub hanya menampilkan 10 anotasi per jenis. 15 kesalahan lainnya ada di laporan lengkap (ringkasan job atau artefak JSON).",
        "::warning title=Masih ada 2 peringatan lain::GitHub hanya menampilkan 10 anotasi per jenis. 2 peringatan lainnya ada di laporan lengkap (ringkasan job atau artefak JSON).",
    ]
    assert lines[-1] == "::notice title=Ringkasan validasi::25 kesalahan dan 12 peringatan di 37 berkas."
    assert len(lines) == 10 + 1 + 10 + 1 + 1


def test_github_finding_without_position_has_no_line_property():
    line = format_github([NO_POSITION]).splitlines()[0]
    assert line.startswith("::error file=plans/2026/x.yaml,title=path-unknown")
    assert "line=" not in line and "col=" not in line


# --- text -------------------------------------------------------------------------------------------


def test_text_is_one_line_per_finding_with_file_line_column():
    out = format_text([HOSTILE, NO_POSITION, *_many(1, 1)])
    lines = out.splitlines()
    assert len(lines) == 4 + 1
    assert lines[0] == "plans/2026/a:b,c.yml:3:7: kesalahan schema-enum: 100% salah\\r\\n::error file=README.md::palsu\\nbaris baru"
    assert lines[1] == "plans/2026/x.yaml: kesalahan path-unknown: Berkas ini tidak berada di tempat yang dikenal."
    third, fourth = TEXT_LINE.match(lines[2]), TEXT_LINE.match(lines[3])
    assert (third["file"], third["line"], third["col"], third["sev"], third["code"], third["msg"]) == (
        "plans/2026/p-00.yml", "1", "1", "kesalahan", "schema-type", "kesalahan 0"
    )
    assert fourth["sev"] == "peringatan" and fourth["code"] == "deadline-skp"
    assert lines[-1] == "3 kesalahan dan 1 peringatan di 4 berkas."


def test_text_keeps_a_hostile_file_name_on_one_line():
    evil = Finding("plans/2026/x\n::error file=a::b.yml", None, None, ERROR, "path-unknown", "Berkas ini tidak dikenal.")
    out = format_text([evil])
    assert out.splitlines()[0] == "plans/2026/x\\n::error file=a::b.yml: kesalahan path-unknown: Berkas ini tidak dikenal."
    assert not any(line.startswith("::") for line in out.splitlines())


def test_text_without_findings():
    assert format_text([]) == "Tidak ada masalah ditemukan.\n"


# --- json ---------------------------------------------------------------------------------------------


def test_json_envelope_and_null_line():
    doc = json.loads(format_json([HOSTILE, NO_POSITION]))
    assert set(doc) == {"findings", "summary"}
    assert doc["summary"] == {"errors": 2, "warnings": 0, "files": 2}
    assert [set(f) for f in doc["findings"]] == [{"file", "line", "column", "severity", "code", "message", "pointer"}] * 2
    assert doc["findings"][1]["line"] is None and doc["findings"][1]["column"] is None
    assert doc["findings"][0]["message"] == HOSTILE.message  # JSON escapes, nothing is lost


# --- user values in messages ------------------------------------------------------------------------------


def test_shown_hides_nips_and_escapes_line_breaks():
    assert shown("199207232019032011") == "“(disembunyikan)”"
    assert shown("NIP 19920723 201903 2 011 ya") == "“NIP (disembunyikan) ya”"
    assert shown(199207232019032011) == "“(disembunyikan)”"
    assert not NIP_SHAPED.search(shown("x" * 45 + "199207232019032011"))  # never half a NIP either
    assert re.search(r"[0-9]{8}", shown("x" * 45 + "199207232019032011")) is None
    assert shown("123456789012345") == "“123456789012345”"  # a 15-digit number is not a NIP
    assert shown("a\nb\r\u202ec\u2028") == "“a\\nb\\r\\u202ec\\u2028”"


# --- the command line -------------------------------------------------------------------------------------


def test_every_format_from_the_command_line(demo):
    os.symlink("../../organisation/people/disdik-0042.yml", demo / "plans/2026/disdik-0099.yml")
    edit(demo, "plans/2026/disdik-0042.yml", "status: disetujui", 'status: "100%\\n::error::palsu 199207232019032011"')
    result, doc = cli_json(demo, "--tanpa-cache")
    assert result.code == 1, result
    assert set(doc) == {"findings", "summary"}
    by_file = {f["file"]: f for f in doc["findings"]}
    assert by_file["plans/2026/disdik-0099.yml"]["line"] is None
    assert by_file["plans/2026/disdik-0042.yml"]["line"] == 11
    assert doc["summary"]["errors"] == sum(f["severity"] == "error" for f in doc["findings"])
    assert all(f["code"] in CODES for f in doc["findings"])

    text = run_kinerja("validate", "--tanpa-cache", "--akar", str(demo), cwd=demo)
    assert text.code == 1
    lines = text.out.splitlines()
    assert all(TEXT_LINE.match(line) for line in lines[:-1]), text.out
    assert "plans/2026/disdik-0099.yml: kesalahan path-symlink: " in text.out

    github = run_kinerja("validate", "--tanpa-cache", "--format", "github", "--akar", str(demo), cwd=demo)
    assert github.code == 1
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in github.out.splitlines()), github.out
    for out in (result.out, text.out, github.out):
        assert not NIP_SHAPED.search(out)


def test_one_line_shortcut_escapes_exactly_what_the_character_loop_escapes():
    """one_line returns text without an escapable character unchanged (a regex search): that
    set must be exactly the characters its loop rewrites, over every code point."""
    from kinerja.findings import _ESCAPED, one_line

    changed = [cp for cp in range(0x110000) if one_line("a" + chr(cp)) != "a" + chr(cp)]
    assert [cp for cp in range(0x110000) if _ESCAPED.search(chr(cp))] == changed
    assert changed[:3] == [0, 1, 2] and 0x202E in changed and 0xA0 not in changed
    assert one_line("x\ny\u202e") == "x\\ny\\u202e"
