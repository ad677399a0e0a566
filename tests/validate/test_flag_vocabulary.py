"""One flag vocabulary, in Indonesian, for every subcommand (kinerja/flags.py).

The parser of every subcommand is walked: a flag outside the canonical table, an old spelling
still declared, an English help text or an English argparse heading fails here. Old spellings
keep working, with a message naming the new one; the admin guide prints the table.
"""

from __future__ import annotations

import argparse
import re

import pytest
from kthelpers import ROOT, run_kinerja

from kinerja.cli import build_parser
from kinerja.flags import CANONICAL, RENAMED, RENAMED_IN, subparsers

COMMANDS = subparsers(build_parser())

# English words that have no business in an Indonesian help text (code in backticks and
# parenthesised examples of other programs' output are removed first).
ENGLISH = {
    "the", "of", "and", "to", "for", "with", "from", "this", "that", "write", "writes", "show", "shows",
    "default", "only", "file", "report", "if", "or", "is", "are", "when", "output", "input", "directory",
    "path", "run", "use", "help", "exit", "message", "usage", "options", "arguments", "argument", "optional",
    "positional", "required", "choose", "number", "repeat", "people", "year", "period", "today", "branch",
}


def _words(text: str) -> set[str]:
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\S*[/.]\S*", " ", text)  # paths and file names are not prose
    text = re.sub(r"\((?:gh|API)[^)]*\)", " ", text)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", text)}


def test_the_tables_agree():
    assert not set(RENAMED) & set(CANONICAL), "an old spelling is also canonical"
    assert set(RENAMED.values()) <= set(CANONICAL)
    for command, table in RENAMED_IN.items():
        assert command in COMMANDS and set(table.values()) <= set(CANONICAL)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_flag_is_canonical_and_every_text_indonesian(name):
    parser = COMMANDS[name]
    for action in parser._actions:
        for flag in action.option_strings:
            assert flag in CANONICAL, f"kinerja {name}: {flag} is not in kinerja/flags.py CANONICAL"
        if action.help not in (None, argparse.SUPPRESS):
            english = _words(action.help) & ENGLISH
            assert not english, f"kinerja {name} {action.option_strings or action.dest}: English help {english}: {action.help}"
        if action.option_strings and action.nargs != 0 and action.choices is None:
            assert action.metavar and not _words(action.metavar) & ENGLISH, (name, action.option_strings, action.metavar)
    for group in parser._action_groups:
        assert group.title and not _words(group.title) & ENGLISH, (name, group.title)
    text = parser.format_help()
    assert text.startswith(f"penggunaan: kinerja {name}"), text
    for heading in ("usage:", "options:", "positional arguments", "optional arguments", "show this help"):
        assert heading not in text, (name, heading)
    if parser.description:
        assert not _words(parser.description) & ENGLISH, (name, parser.description)


def test_the_subcommand_list_is_indonesian():
    text = build_parser().format_help()
    assert text.startswith("penggunaan: kinerja") and "\nperintah:\n" in text and "\nopsi:\n" in text
    for heading in ("usage:", "options:", "positional arguments", "show this help", "show program"):
        assert heading not in text


@pytest.mark.parametrize("old,new", sorted(RENAMED.items()))
def test_each_old_spelling_is_accepted_by_the_commands_that_have_the_new_one(old, new, capsys):
    from kinerja.flags import rename_old_flags

    users = [c for c, p in COMMANDS.items() if new in p._option_string_actions and old not in RENAMED_IN.get(c, {})]
    assert users, f"{new} is declared by no command"
    for command in users:
        argv = rename_old_flags(build_parser(), [command, f"{old}=x", "tetap"])
        assert argv == [command, f"{new}=x", "tetap"]
        assert f"opsi {old} sudah usang dan akan dihapus; pakai {new}." in capsys.readouterr().err


def test_old_spellings_run_the_same_and_name_the_new_one(demo):
    new = run_kinerja("score", "--akar", str(demo), "--tahun", "2021", "--format", "json")
    old = run_kinerja("score", "--root", str(demo), "--year", "2021", "--format", "json", old_flags=True)
    assert new.code == old.code == 0 and new.out == old.out and new.err == ""
    assert old.err.splitlines() == [
        "kinerja: opsi --root sudah usang dan akan dihapus; pakai --akar.",
        "kinerja: opsi --year sudah usang dan akan dihapus; pakai --tahun.",
    ]
    old_period = run_kinerja("score", "--akar", str(demo), "--period=triwulan_4", "--tahun", "2021", "--format", "json", old_flags=True)
    assert old_period.out == new.out and "pakai --periode" in old_period.err
    # a rename that holds in one command only
    bench = run_kinerja("career", "--akar", str(demo), "--pegawai", "disdik-0042", "--per", "2026-12-31", old_flags=True)
    assert "opsi --per sudah usang dan akan dihapus; pakai --tanggal." in bench.err
    # an old word the command does not have under its new name is refused as typed, not renamed
    refused = run_kinerja("validate", "--akar", str(demo), "--write", old_flags=True)
    assert refused.code == 2 and "argumen tidak dikenal: --write" in refused.err and "usang" not in refused.err


def test_argparse_own_messages_are_indonesian(demo):
    cases = [
        (("validate", "--format", "xml"), "pilihan"),
        (("validate", "--tidak-ada"), "argumen tidak dikenal"),
        (("relink", "--pegawai", "x"), "argumen wajib belum diisi"),
        (("score", "--tahun"), "memerlukan satu nilai"),
        (("score", "--tahun", "dua"), "harus bilangan bulat"),
        (("new", "--tahun", "2027"), "salah satu dari"),
        (("print", "--pegawai", "a", "--unit", "b"), "tidak boleh dipakai bersama"),
        (("validate", "--ta", "x"), "tidak jelas"),
        (("validate", "--tanpa-cache=ya"), "tidak menerima nilai"),
        (("tidak-ada",), "pilihan"),
    ]
    for args, phrase in cases:
        result = run_kinerja(*args, cwd=demo)
        assert result.code == 2, (args, result)
        assert "kesalahan penggunaan" in result.err and phrase in result.err, (args, result.err)
        english = _words(result.err.split("kesalahan penggunaan:", 1)[1]) & ENGLISH
        assert not english and "error:" not in result.err, (args, result.err)


def test_the_admin_guide_prints_the_table():
    from kinerja.flags import guide_table

    guide = (ROOT / "site/panduan/admin.md").read_text(encoding="utf-8")
    assert "## 12. Kosakata opsi perintah" in guide
    assert guide_table() in guide, "regenerate the table in site/panduan/admin.md from kinerja.flags.guide_table()"
    table = guide_table()
    # the table really lists every flag and every old spelling (checked by hand, not by the generator)
    for flag in CANONICAL:
        assert f"| `{flag}` |" in table
    assert "| `--akar` | akar repositori (folder yang berisi mkdocs.yml) | `--root` |" in table
    assert "`--per` (di `kinerja career`)" in table and "`--pegawai` (di `kinerja bench-import`)" in table
    for old in RENAMED:
        assert f"`{old}`" in table


def _invocations(text: str):
    """(command, flags) of every `kinerja COMMAND ...` in a shell text (continuation lines joined)."""
    text = text.replace("\\\n", " ")
    for line in text.splitlines():
        for m in re.finditer(r"kinerja\"?\s+([a-z][a-z-]*)([^|;&#`]*)", line):
            if m.group(1) in COMMANDS:
                yield m.group(1), re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2))


def _callers():
    import yaml

    for path in sorted((ROOT / ".github/workflows").glob("*.yml")):
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job.get("steps", []):
                if "run" in step:
                    yield path.name, step["run"]
    yield "Makefile", (ROOT / "Makefile").read_text(encoding="utf-8")
    for path in [*sorted(ROOT.glob("scripts/*.sh")), ROOT / "README.md", *sorted((ROOT / "site/panduan").glob("*.md"))]:
        yield path.name, path.read_text(encoding="utf-8")


def test_every_caller_uses_the_canonical_spelling():
    seen, wrong = 0, []
    for where, text in _callers():
        for command, flags in _invocations(text):
            known = COMMANDS[command]._option_string_actions
            seen += len(flags)
            wrong += [f"{where}: kinerja {command} {flag}" for flag in flags if flag not in known]
    assert not wrong, "not a flag of the command (old spelling?):\n" + "\n".join(wrong)
    assert seen > 40  # the walk really read the workflows and guides
