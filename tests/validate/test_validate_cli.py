"""Usage and environment errors: exit 2, one Indonesian line on stderr, never a traceback."""

from __future__ import annotations

import json

import pytest
from kthelpers import run_kinerja
from vhelpers import INDONESIAN


def _usage_error(result, *words):
    assert result.code == 2, result
    assert result.out == "" or "usage" in result.out.lower() or "PERINTAH" in result.out, result
    message = result.err.strip().splitlines()[-1]
    assert INDONESIAN.search(message), result
    for word in words:
        assert word in result.err, result


def test_root_that_is_not_a_repository(tmp_path):
    _usage_error(run_kinerja("validate", "--akar", str(tmp_path / "tidak-ada"), cwd=tmp_path), "bukan akar repositori", "mkdocs.yml")


def test_no_repository_above_the_working_folder(tmp_path):
    _usage_error(run_kinerja("validate", cwd=tmp_path), "Akar repositori tidak ditemukan", "--akar")


def test_path_outside_the_repository(demo, tmp_path):
    outside = tmp_path / "lain.yml"
    outside.write_text("a: 1\n", encoding="utf-8")
    _usage_error(run_kinerja("validate", str(outside), cwd=demo), "di luar repositori")


def test_path_that_does_not_exist(demo):
    _usage_error(run_kinerja("validate", "plans/2026/tidak-ada.yml", cwd=demo), "tidak ditemukan")


@pytest.mark.parametrize("today", ["2026-02-30", "28-11-2026", "kemarin"])
def test_bad_today(demo, today):
    _usage_error(run_kinerja("validate", "--tanggal", today, cwd=demo), "Tanggal acuan", "TTTT-BB-HH")


def test_bad_today_from_the_environment(demo):
    _usage_error(run_kinerja("validate", cwd=demo, env={"KINERJA_TODAY": "2026-13-01"}), "Tanggal acuan")


def test_unknown_subcommand(demo):
    _usage_error(run_kinerja("validasi", cwd=demo), "kesalahan penggunaan", "pilihan 'validasi' untuk PERINTAH tidak dikenal")


@pytest.mark.parametrize(
    "args,words",
    [
        (("validate", "--format", "xml"), "pilihan 'xml' untuk --format tidak dikenal"),
        (("validate", "--proses", "dua"), "nilai 'dua' untuk --proses harus bilangan bulat"),
        (("validate", "--bulan", "2026-01"), "argumen tidak dikenal: --bulan"),
        (("new", "--tahun", "2027"), "salah satu dari --pegawai --unit wajib diisi"),
        (("new", "--pegawai", "disdik-0042"), "argumen wajib belum diisi: --tahun"),
        (("new", "--pegawai", "disdik-0042", "--unit", "disdik", "--tahun", "2027"), "tidak boleh dipakai bersama"),
    ],
    ids=["bad-choice", "not-a-number", "unknown-option", "one-of-required", "required", "exclusive"],
)
def test_wrong_options(demo, args, words):
    _usage_error(run_kinerja(*args, cwd=demo), "kesalahan penggunaan", words)


def test_no_subcommand_prints_help(demo):
    result = run_kinerja(cwd=demo)
    assert result.code == 2 and "PERINTAH" in result.out, result


def test_new_with_a_bad_start_date(demo):
    _usage_error(run_kinerja("new", "--pegawai", "disdik-0042", "--tahun", "2027", "--mulai", "2027-02-30", cwd=demo), "Tanggal mulai")
    _usage_error(run_kinerja("new", "--pegawai", "disdik-0042", "--tahun", "2027", "--mulai", "2026-07-01", cwd=demo), "tahun kinerja")


def test_new_for_an_unknown_person_is_a_data_error(demo):
    result = run_kinerja("new", "--pegawai", "disdik-9999", "--tahun", "2027", cwd=demo)
    assert result.code == 1 and "tidak ada di organisation/people/" in result.err, result


def test_schema_with_a_remote_ref_is_refused_without_network(demo):
    path = demo / "schemas/plan.schema.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["properties"]["catatan"] = {"$ref": "https://example.com/schema.json"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = run_kinerja("validate", "--tanpa-cache", cwd=demo, env={"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"})
    _usage_error(result, "masalah lingkungan", "$ref")


def test_missing_schema_folder(demo):
    import shutil

    shutil.rmtree(demo / "schemas")
    _usage_error(run_kinerja("validate", "--tanpa-cache", cwd=demo), "masalah lingkungan", "Folder skema")


def test_each_command_alone_parses_like_in_the_full_parser():
    """cli.build_parser(argv) imports only the named command's module: every registered
    command must be found that way, with the same options as when all are registered."""
    from kinerja.cli import build_parser

    full = build_parser()
    commands = next(a for a in full._actions if a.__class__.__name__ == "_SubParsersAction").choices
    assert {"validate", "bench-gate", "print", "import", "pr-digest"} <= set(commands)
    for name, sub in commands.items():
        alone = build_parser([name])
        alone_sub = next(a for a in alone._actions if a.__class__.__name__ == "_SubParsersAction").choices
        assert alone_sub.keys() == {name}, name
        assert alone_sub[name].format_help() == sub.format_help(), name


def test_a_mistyped_command_still_lists_every_command(demo):
    result = run_kinerja("validat", "--akar", str(demo))
    assert result.code == 2 and "'validate'" in result.err and "'bench-gate'" in result.err, result
