"""The `kinerja` command line: one entry point, one subcommand per job.

Exit codes everywhere: 0 = fine (warnings allowed), 1 = the data has errors (or a check
refused), 2 = usage or environment problem. No input ever produces a traceback: errors in
the data become findings; an unexpected crash is reported in one Indonesian line.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

from kinerja import __version__
from kinerja.flags import rename_old_flags
from kinerja.layout import find_root

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


# argparse writes its errors in English; the common ones are said again in Indonesian (the
# users are civil servants, not programmers). Anything else keeps argparse's wording.
_ARGPARSE_ERRORS = [
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "pilihan {value} untuk {arg} tidak dikenal; pilih salah satu: {choices}"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "argumen tidak dikenal: {args}"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "argumen wajib belum diisi: {args}"),
    (re.compile(r"argument (?P<arg>\S+): expected one argument"), "{arg} memerlukan satu nilai"),
    (re.compile(r"argument (?P<arg>\S+): invalid int value: (?P<value>.+)"), "nilai {value} untuk {arg} harus bilangan bulat"),
    (re.compile(r"argument (?P<arg>\S+): not allowed with argument (?P<other>\S+)"), "{arg} tidak boleh dipakai bersama {other}"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "salah satu dari {args} wajib diisi"),
    (re.compile(r"ambiguous option: (?P<arg>\S+) could match (?P<matches>.+)"), "opsi {arg} tidak jelas; bisa berarti {matches}"),
    (re.compile(r"argument (?P<arg>\S+): expected at most one argument"), "{arg} memerlukan paling banyak satu nilai"),
    (re.compile(r"argument (?P<arg>\S+): expected at least one argument"), "{arg} memerlukan paling sedikit satu nilai"),
    (re.compile(r"argument (?P<arg>\S+): expected (?P<n>\d+) arguments?"), "{arg} memerlukan {n} nilai"),
    (re.compile(r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.+)"), "{arg} tidak menerima nilai ({value})"),
    (re.compile(r"argument (?P<arg>\S+): invalid (?P<type>\S+) value: (?P<value>.+)"), "nilai {value} untuk {arg} tidak sah"),
]


def _indonesian(message: str) -> str:
    for pattern, template in _ARGPARSE_ERRORS:
        m = pattern.fullmatch(message)
        if m:
            return template.format(**m.groupdict())
    return message


class _HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with Indonesian help texts (usage, headings, -h) and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="tampilkan bantuan ini lalu keluar")

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: kesalahan penggunaan: {_indonesian(message)}\n")


def resolve_root(arg: str | None) -> Path:
    if arg:
        root = Path(arg).resolve()
        if not (root / "mkdocs.yml").is_file():
            raise UsageError(f"{root} bukan akar repositori Kinerja Terbuka (tidak ada mkdocs.yml).")
        return root
    root = find_root(Path.cwd())
    if root is None:
        raise UsageError("Akar repositori tidak ditemukan (folder yang berisi mkdocs.yml). Jalankan dari dalam repositori atau pakai --akar.")
    return root


def parse_today(text: str | None) -> date:
    text = text or os.environ.get("KINERJA_TODAY")
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"Tanggal acuan {text!r} tidak sah; tulis TTTT-BB-HH.") from None


def read_utf8(path: str, what: str) -> str:
    """A text file a workflow wrote from an event (issue body, comment), or a clear refusal."""
    try:
        return Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"{what} {path} tidak dapat dibaca sebagai UTF-8.") from None


def parse_moment(text: str, flag: str):
    """An aware datetime from ISO 8601 text (an event's time, e.g. 2026-07-15T16:30:00Z)."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise UsageError(f"{flag} harus waktu ISO 8601, misalnya 2026-07-15T16:30:00Z.") from None
    if moment.tzinfo is None:
        raise UsageError(f"{flag} harus menyebut zona waktunya (misalnya akhiran Z untuk UTC).")
    return moment


def write_reply(path: str | None, text: str) -> None:
    """The answer posted in the issue: to a new file (never over an existing one), else stdout."""
    from kinerja.writefile import AlreadyExists, write_new

    if not path:
        sys.stdout.write(text)
        return
    try:
        write_new(Path(path), text)
    except AlreadyExists:
        raise UsageError(f"{path} sudah ada (tidak ditimpa).") from None


def relative_paths(root: Path, paths: list[str]) -> list[str]:
    out = []
    for p in paths:
        full = Path(p)
        full = (full if full.is_absolute() else Path.cwd() / full).absolute()
        try:
            rel = full.relative_to(root)
        except ValueError:
            try:
                rel = full.resolve().relative_to(root)
            except ValueError:
                raise UsageError(f"{p} berada di luar repositori {root}.") from None
        if not full.exists() and not full.is_symlink():
            raise UsageError(f"{p} tidak ditemukan.")
        out.append(rel.as_posix())
    return out


def add_root(p: argparse.ArgumentParser) -> None:
    p.add_argument("--akar", dest="root", metavar="FOLDER", help="akar repositori (bawaan: folder terdekat ke atas yang berisi mkdocs.yml)")


def add_today(p: argparse.ArgumentParser) -> None:
    p.add_argument("--tanggal", dest="today", metavar="TTTT-BB-HH", help="tanggal acuan untuk aturan tenggat (bawaan: hari ini)")


def command_module(name: str) -> str:
    """The module in kinerja.commands that defines the subcommand `name` (bench-gate ->
    bench_gate; a name that is a Python keyword or a builtin module gets a trailing _)."""
    return name.replace("-", "_")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser. Given the arguments, and when their first word names a command, only that
    command's module is imported (a one-file `validate` must not pay for importing every
    command); otherwise (help, a mistyped command) every command is registered."""
    import importlib
    import pkgutil

    import kinerja.commands

    parser = _Parser(
        prog="kinerja",
        description="Kinerja Terbuka: periksa, hitung, dan terbitkan data kinerja ASN dari repositori Git.",
    )
    parser.add_argument("--version", action="version", version=f"kinerja {__version__}", help="tampilkan versi lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser, title="perintah")
    names = sorted(info.name for info in pkgutil.iter_modules(kinerja.commands.__path__))
    if argv and not argv[0].startswith("-"):
        wanted = [m for m in (command_module(argv[0]), command_module(argv[0]) + "_") if m in names]
        if wanted:
            importlib.import_module(f"kinerja.commands.{wanted[0]}").add_parser(sub)
            if argv[0] in sub.choices:
                _name_values(sub.choices[argv[0]])
                return parser
            return build_parser()  # the guessed module registered another name: register them all
    for name in names:
        importlib.import_module(f"kinerja.commands.{name}").add_parser(sub)
    for command in sub.choices.values():
        _name_values(command)
    return parser


def _name_values(parser: argparse.ArgumentParser) -> None:
    """A value without a metavar is shown by argparse as its (English) dest; show the flag's word."""
    for action in parser._actions:
        if action.option_strings and action.nargs != 0 and action.metavar is None and action.choices is None:
            action.metavar = action.option_strings[-1].lstrip("-").upper()


def main(argv: list[str] | None = None) -> int:
    from kinerja.loader import LibyamlMissing
    from kinerja.model.schemas import SchemaSetupError

    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        parser = build_parser(argv)
        args = parser.parse_args(rename_old_flags(parser, argv))
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        return args.func(args)
    except UsageError as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (LibyamlMissing, SchemaSetupError) as exc:
        print(f"kinerja: masalah lingkungan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - last resort: one line, never a traceback
        if os.environ.get("KINERJA_DEBUG"):
            raise
        print(
            f"kinerja: kesalahan internal ({type(exc).__name__}: {str(exc)[:200]}). "
            "Laporkan ke admin; jalankan ulang dengan KINERJA_DEBUG=1 untuk rinciannya.",
            file=sys.stderr,
        )
        return EXIT_USAGE
