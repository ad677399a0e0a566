"""The one strict YAML loader of the project.

Every YAML file the tool reads (plans, evaluations, organisation data, rule sets, issue
forms turned into files) goes through `load_bytes`. It is built on libyaml's event parser
(PyYAML's C loader) and constructs plain JSON-like values itself, because PyYAML's own
constructors are what make YAML dangerous for hand-written data (see ../shared/hazards.md):

* duplicate keys are an error at every depth (PyYAML silently keeps the last one);
* anchors, aliases, tags, merge keys, directives and several documents are refused;
* plain scalars follow a small JSON-like schema: only `true`/`false`, `null`/`~`/empty,
  plain decimal integers (at most 15 digits) and plain decimal fractions become
  non-strings. Everything YAML 1.1 would convert behind the writer's back stays the text
  that was written: `no`, `on`, `1:20`, `0123`, `2025-02-30`, an 18-digit NIP, `1e3`,
  `.nan`, `0x1F`. The schema then says where a number or a boolean was expected;
* input must be UTF-8, below a size limit, without invisible control or bidi characters
  (which would make the reviewer read something other than what is scored), and no
  deeper than the model needs;
* every value and key keeps its 1-based line and column.

Any failure raises `LoadError` carrying a position and an Indonesian message; nothing
else escapes, whatever the bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from kinerja.findings import shown

MAX_BYTES = 1024 * 1024  # largest realistic file: a big perangkat daerah's unit list
MAX_DEPTH = 12  # the model nests at most 7 levels (evaluation > realisasi > hasil_kerja > ...)
MAX_NODES = 100_000

try:
    _CParser = yaml.CSafeLoader  # libyaml
except AttributeError:  # pragma: no cover - depends on the installed PyYAML build
    _CParser = None


class LibyamlMissing(RuntimeError):
    """PyYAML was installed without libyaml: an environment problem (exit code 2)."""


def require_libyaml() -> None:
    # The pure-Python and C loaders disagree on some inputs (hazards.md); one loader only.
    if _CParser is None or not getattr(yaml, "__with_libyaml__", False):
        raise LibyamlMissing(
            "PyYAML terpasang tanpa libyaml. Pasang ulang: pip install --force-reinstall "
            "--no-binary=:none: PyYAML (paket wheel resmi sudah menyertakan libyaml)."
        )


class LoadError(Exception):
    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


Path = tuple  # a JSON path: keys (str) and list indexes (int)


@dataclass(slots=True)
class Loaded:
    data: object
    # value positions and key positions, 1-based (line, column), keyed by JSON path
    positions: dict = field(default_factory=dict)
    key_positions: dict = field(default_factory=dict)

    def where(self, path: Path, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key); the nearest ancestor if absent.

        A mapping or list as a whole is located at its key ("hasil_kerja:"), not at its
        first item: a finding about the list must not read as one about its first RHK."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            pos = self.positions.get(path)
            if pos is not None:
                if path in self.key_positions and self._is_container(path):
                    return self.key_positions[path]
                return pos
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def _is_container(self, path: tuple) -> bool:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return False
        return isinstance(node, (dict, list))


# --- characters ---------------------------------------------------------------------------

# C0 controls except tab/LF/CR, DEL, C1 controls (incl. U+0085 NEL, which YAML counts as a
# line break while editors do not), line/paragraph separators, bidi embedding/override/
# isolate controls ("Trojan Source"), and a byte-order mark anywhere but the start.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufeff\ufffe\uffff]"
)


def _position_in_text(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(
            "yaml-encoding",
            "Berkas disimpan sebagai UTF-16, bukan UTF-8. Simpan ulang sebagai UTF-8 "
            "(di VS Code: klik pengodean di bilah bawah, pilih 'Save with Encoding' > UTF-8).",
            1,
            1,
        )
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM is still UTF-8
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(
            "yaml-encoding",
            f"Berkas bukan UTF-8 (byte 0x{raw[exc.start]:02x} tidak sah). Simpan ulang berkas "
            "sebagai UTF-8; teks dari Word atau Excel sering membawa pengodean lain.",
            line,
            col,
        ) from None
    return text


def _check_characters(text: str) -> None:
    bad = _FORBIDDEN.search(text)
    if bad:
        line, col = _position_in_text(text, bad.start())
        raise LoadError(
            "yaml-char",
            f"Ada karakter tersembunyi U+{ord(bad.group()):04X} di sini. Hapus karakter itu "
            "(biasanya terbawa saat menyalin dari dokumen atau situs lain) lalu ketik ulang teksnya.",
            line,
            col,
        )


# --- scalars ------------------------------------------------------------------------------

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,14})")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}")
_THOUSANDS = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUES = frozenset(("true", "True", "TRUE"))
_FALSES = frozenset(("false", "False", "FALSE"))


_WORDS = {**dict.fromkeys(_NULLS), **dict.fromkeys(_TRUES, True), **dict.fromkeys(_FALSES, False)}
_NOT_A_WORD = object()


def resolve_plain(text: str):
    """Type of an unquoted scalar under the project's small JSON-like schema."""
    word = _WORDS.get(text, _NOT_A_WORD)  # null / true / false in one look-up
    if word is not _NOT_A_WORD:
        return word
    c = text[0]
    if c.isdigit() or c in "+-":
        if "." not in text:  # _THOUSANDS and _FLOAT need a dot: only an integer is possible (dates end here)
            return int(text) if _INT.fullmatch(text) else text
        if _THOUSANDS.fullmatch(text):
            # "1.000" is 1.0 to YAML but a thousand to an Indonesian reader: keep the text, so
            # a number field refuses it with a hint instead of silently reading 1
            return text
        if _FLOAT.fullmatch(text):
            return float(text)
    return text


# --- libyaml problems in Indonesian -------------------------------------------------------

_TAB = "Ada karakter tab. YAML hanya menerima spasi untuk indentasi: ganti tab dengan spasi."
# `uraian: * Menyusun laporan` (a star as a bullet): libyaml reads an alias (or an anchor, `&`), finds
# no name after it and marks the column after the sign. These contexts are reported where they began
# (the sign), with their text; they are also entries of _PROBLEMS.
_AT_OPENING = {
    "while scanning an alias":
        "Tanda * di awal nilai dibaca YAML sebagai alias. Bila itu teks (misalnya butir '* Menyusun laporan'), "
        "bungkus seluruh nilai dengan tanda kutip; butir daftar ditulis dengan '- '.",
    "while scanning an anchor":
        "Tanda & di awal nilai dibaca YAML sebagai jangkar (anchor). Bila itu teks, bungkus seluruh nilai "
        "dengan tanda kutip.",
}

_PROBLEMS = [
    ("found character '\\t' that cannot start any token", _TAB),
    ("mapping values are not allowed",
     "Titik dua (:) di tempat yang tidak boleh. Jika teks berisi ': ', bungkus seluruh teks dengan "
     "tanda kutip, atau periksa indentasi baris ini."),
    ("could not find expected ':'",
     "Tanda titik dua (:) yang diharapkan tidak ada. Periksa baris ini: setiap kunci ditulis "
     "'kunci: nilai', dan teks panjang sebaiknya dibungkus tanda kutip."),
    ("did not find expected key",
     "Indentasi tidak rata. Pastikan kunci-kunci sejajar dan setiap butir daftar diawali '- ' "
     "dengan jumlah spasi yang sama."),
    ("did not find expected '-' indicator",
     "Butir daftar tidak sejajar. Setiap butir daftar diawali '- ' pada kolom yang sama."),
    ("found unexpected end of stream",
     "Berkas berakhir sebelum tanda kutip atau kurung ditutup. Tutup tanda kutip/kurung yang terbuka."),
    ("found unexpected ':'",
     "Titik dua (:) tidak terduga. Bungkus teks yang mengandung titik dua dengan tanda kutip."),
    ("found undefined alias", "Alias YAML (*nama) tidak didukung. Tulis nilainya secara lengkap."),
    *_AT_OPENING.items(),
    ("found character that cannot start any token",
     "Karakter ini tidak boleh mengawali nilai (misalnya ` @ atau %). Bungkus nilai dengan tanda kutip."),
    ("found unknown escape character",
     "Garis miring terbalik (\\) dalam teks bertanda kutip ganda membentuk kode yang tidak dikenal. "
     "Gunakan tanda kutip tunggal, atau tulis \\\\."),
    ("expected <block end>, but found",
     "Indentasi atau struktur tidak rata. Periksa jumlah spasi di awal baris ini dan baris sebelumnya."),
    ("expected ',' or ']'", "Daftar dalam kurung siku [...] tidak tertutup dengan benar."),
    ("expected ',' or '}'", "Pemetaan dalam kurung kurawal {...} tidak tertutup dengan benar."),
    ("did not find expected node content",
     "Nilai yang diharapkan tidak ada. Periksa tanda '-' atau ':' yang berlebih."),
    ("found a tab character", _TAB),
    ("block sequence entries are not allowed in this context",
     "Butir daftar ('- ') tidak boleh di sini. Pindahkan ke baris baru dengan indentasi yang benar."),
    ("found duplicate anchor", "Anchor YAML (&nama) tidak didukung."),
    ("while scanning a simple key", "Kunci tidak diikuti titik dua (:). Tulis 'kunci: nilai'."),
]


# --- an unclosed quote, reported at the quote ------------------------------------------------

# a line inside a quoted text that looks like the next key (`jenis: utama`, `- id: rhk-2`): the
# quote before it was never closed, and the text ran on until some later quote
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)[a-z_][a-z0-9_]*:(?:\s|$)")
_KEY_COLUMN = re.compile(r"^\s*(?:-\s+)?")
_QUOTE_NAME = {'"': "Tanda kutip ganda (\")", "'": "Tanda kutip tunggal (')"}


def _swallowed_key(lines: list[str], start, end) -> str | None:
    """The first line a quoted scalar from `start` to `end` (marks) ran over that looks like a
    key at (or left of) the column of the key it belongs to — a sibling or parent key, not
    text wrapped deeper. `lines` is the text split at "\n" only, while libyaml also breaks
    lines at a lone "\r": a mark's line can then lie past the last item, and is clamped."""
    if start.line >= len(lines):
        return None
    own = len(_KEY_COLUMN.match(lines[start.line]).group(0))
    for n in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
        line = lines[n]
        if n == end.line:
            line = line[: end.column]
        m = _KEY_LINE.match(line)
        if m and len(m.group(1)) <= own:
            return line.strip()
    return None


def _unclosed(style: str, line: int, column: int, swallowed: str | None, tail: str = "") -> LoadError:
    what = _QUOTE_NAME.get(style, "Tanda kutip")
    ran = f" Teksnya terbaca berlanjut ke baris berikutnya dan menelan {shown(swallowed)}." if swallowed else ""
    escape = (" Di dalam kutip ganda, \\\" dibaca sebagai tanda kutip biasa, bukan penutup: hapus garis miring "
              "terbalik itu, atau pakai kutip tunggal." if style == '"' and '\\"' in tail else "")
    return LoadError(
        "yaml-unclosed-quote",
        f"{what} yang dibuka di sini tidak ditutup.{ran}{escape} Tutup tanda kutip di akhir teks pada baris ini.",
        line + 1,
        column + 1,
    )


# a quoted text followed at once by more text (matched where a key began): closed too early
_GLUED = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')(?=[^\s,\]}:#])""")


def _early_close(style: str, start, rest: str) -> LoadError:
    """A quote inside quoted text closed it too early (`'Jum'at`, `"kata "kutip" di"`)."""
    if style == "'":
        word, inside = "Tanda kutip tunggal", ("tulis dua kali ('') di dalam teks bertanda kutip tunggal, misalnya "
                                              "'Jum''at', atau bungkus seluruh teks dengan kutip ganda")
    else:
        word, inside = "Tanda kutip ganda", "tulis \\\" untuk tanda kutip di dalam teks, atau bungkus seluruh teks dengan kutip tunggal"
    return LoadError(
        "yaml-unclosed-quote",
        f"{word} di dalam teks menutup teks itu terlalu awal (sebelum {shown(rest, 30)}). Untuk tanda kutip di dalam "
        f"teks, {inside}.",
        start.line + 1,
        start.column + 1,
    )


def _quote_problem(source: str, error_line: int | None, key_start=None) -> LoadError | None:
    """After a syntax error: the quote that caused it, found by scanning the tokens up to the
    error — a quoted text that swallowed a following key line, or one closed too early by a
    quote inside it (`'Jum'at`, `"kata "kutip" di"`). `key_start` is libyaml's mark of where a
    key it could not finish began (a "simple key" error), if any."""
    lines = source.split("\n")
    try:
        for tok in yaml.scan(source, Loader=yaml.CSafeLoader):
            if error_line is not None and tok.start_mark.line > error_line:
                break
            if not isinstance(tok, yaml.ScalarToken) or tok.plain or tok.style not in _QUOTE_NAME:
                continue
            start = tok.start_mark
            swallowed = _swallowed_key(lines, start, tok.end_mark)
            if swallowed is not None:
                return _unclosed(tok.style, start.line, start.column, swallowed, lines[start.line][start.column:])
            after = source[tok.end_mark.index : tok.end_mark.index + 1]
            if after and after not in " \t\r\n,]}:#":
                return _early_close(tok.style, start, source[tok.end_mark.index :].split("\n", 1)[0])
    except yaml.YAMLError:
        # the scanner stops before handing out a quoted key it cannot finish (`"Perawat" Ahli` at
        # the start of a line): where that key began, a quoted text glued to what follows closed early
        # (a mark's line can lie past the LF split's last item: libyaml also breaks at a lone CR)
        if key_start is not None and key_start.line < len(lines) and (m := _GLUED.match(lines[key_start.line], key_start.column)):
            return _early_close(m.group(1)[0], key_start, lines[key_start.line][m.end(1):])
    return None


def _syntax_error(exc: yaml.YAMLError, source: str) -> LoadError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    opened = getattr(exc, "context_mark", None)
    if opened is not None and "quoted scalar" in context and "end of stream" in problem:
        # the quote is open to the end of the file: report it where it was opened
        style = source[opened.index] if opened.index < len(source) else '"'
        tail = source[opened.index:].split("\n", 1)[0]
        return _unclosed(style, opened.line, opened.column, None, tail)
    # "could not find expected ':'" while scanning a simple key: libyaml marks where that key began
    key_start = opened if opened is not None and "simple key" in context else None
    quote = _quote_problem(source, mark.line if mark is not None else None, key_start)
    if quote is not None:
        return quote
    if key_start is not None or (opened is not None and (
            ("flow" in context and "expected ',' or" in problem) or context in _AT_OPENING)):
        # An unclosed bracket, or a key without its colon, is noticed lines later (often at the
        # end of the file); the line to fix is the one where it was opened or began. A star or
        # ampersand with no name (_AT_OPENING) is reported at the sign, not the column after it.
        # (An unclosed quote was reported above: libyaml's only "end of stream" problem is inside
        # a quoted text.)
        mark = opened
    text = None
    if mark is not None:
        lines = source.split("\n", mark.line + 1)
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            text = _TAB
    for needle, indonesian in _PROBLEMS:
        if text is None and (needle in problem or needle in context):
            text = indonesian
    if text is None:
        detail = (problem or str(exc)).strip().splitlines()[0] if (problem or str(exc)) else ""
        text = f"Penulisan YAML tidak sah ({detail[:120]}). Periksa baris ini dan baris sebelumnya."
    if mark is None:
        return LoadError("yaml-syntax", text)
    return LoadError("yaml-syntax", text, mark.line + 1, mark.column + 1)


# --- building values from events -----------------------------------------------------------


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _refuse_node_properties(ev) -> None:
    if ev.anchor is not None:
        raise LoadError(
            "yaml-anchor",
            f"Anchor YAML {shown('&' + ev.anchor, 40)} tidak didukung: tulis setiap nilai secara lengkap "
            "agar peninjau membaca persis apa yang dinilai.",
            *_pos(ev.start_mark),
        )
    if ev.tag is not None:
        raise LoadError(
            "yaml-tag",
            f"Tag YAML {shown(ev.tag)} tidak didukung: hapus tag itu. Bila nilai harus teks, "
            "bungkus dengan tanda kutip.",
            *_pos(ev.start_mark),
        )


def _too_many(max_nodes: int, mark) -> LoadError:
    return LoadError(
        "yaml-too-many-nodes",
        f"Berkas berisi lebih dari {max_nodes} nilai. Pecah menjadi beberapa berkas.",
        *_pos(mark),
    )


def _build(parser, max_depth: int, max_nodes: int, source: str | None = None) -> Loaded:
    # Every check below runs for every node of every file, in the order it always had; the loop
    # is written for the common case (a scalar, no anchor or tag, plain or quoted on one line):
    # the value of a scalar is resolved only once it is known not to be a key, and positions
    # are built inline rather than through helper calls.
    lines: list[str] | None = None  # the source's lines, split only when a quoted text spans lines
    positions: dict = {}
    key_positions: dict = {}
    # A frame: [container, path, is_mapping, pending_key or None, seen_keys,
    #           (end index, text, position) of the last plain integer value, or None, is_flow]
    stack: list = []
    root = None  # None at the end: no document, or one that is only null (both refused as empty)
    documents = 0
    nodes = 0
    get_event = parser.get_event
    while True:
        ev = get_event()
        kind = type(ev)
        if kind is ScalarEvent:
            if ev.anchor is not None or ev.tag is not None:
                _refuse_node_properties(ev)
            nodes += 1
            if nodes > max_nodes:
                raise _too_many(max_nodes, ev.start_mark)
            style = ev.style
            text = ev.value
            mark = ev.start_mark
            if style:
                if style == '"' and _FORBIDDEN.search(text):
                    # "\u202e" or "\x00" escapes build the characters refused in raw text
                    raise LoadError(
                        "yaml-char",
                        "Teks bertanda kutip ganda ini memuat kode karakter tersembunyi (misalnya \\u202e). "
                        "Hapus kode itu dan tulis teksnya biasa.",
                        *_pos(mark),
                    )
                if style in _QUOTE_NAME and source is not None and ev.end_mark.line > mark.line:
                    lines = lines if lines is not None else source.split("\n")
                    swallowed = _swallowed_key(lines, mark, ev.end_mark)
                    if swallowed is not None:  # `a: "satu` + `b: dua"` reads as one text: never silently
                        raise _unclosed(style, mark.line, mark.column, swallowed, lines[mark.line][mark.column:])
            pos = (mark.line + 1, mark.column + 1)
            if not stack:
                # libyaml reports a plain (unquoted) scalar with style '' (None from Python events)
                root = resolve_plain(text) if not style else text
                positions[()] = pos
                continue
            frame = stack[-1]
            if frame[2]:  # mapping
                if frame[3] is None:  # this scalar is a key: always the text written, never converted
                    last = frame[5]
                    if frame[6] and not style and last is not None and text.isdigit() and last[0] + 1 == mark.index:
                        # {nilai: 7,5}: the comma split a decimal into a value and a key
                        raise LoadError(
                            "yaml-decimal-comma",
                            f"Angka {last[1]},{text} ditulis dengan koma desimal; di dalam {{...}} koma memisahkan "
                            f"isian. Tulis {last[1]}.{text} (titik sebagai pemisah desimal).",
                            *last[2],
                        )
                    if text == "<<" and not style:
                        raise LoadError(
                            "yaml-merge-key",
                            "Merge key (<<) tidak didukung: tulis setiap kunci secara lengkap.",
                            *pos,
                        )
                    seen = frame[4]
                    if text in seen:
                        first = key_positions.get(frame[1] + (text,))
                        where = f" (pertama kali di baris {first[0]})" if first else ""
                        raise LoadError(
                            "yaml-duplicate-key",
                            f"Kunci {shown(text)} ditulis dua kali dalam bagian yang sama{where}. "
                            "Hanya satu yang boleh ada: hapus salah satunya agar tidak ada nilai "
                            "yang diam-diam tertimpa.",
                            *pos,
                        )
                    seen.add(text)
                    frame[3] = text
                    key_positions[frame[1] + (text,)] = pos
                    continue
                key = frame[3]
                frame[3] = None
                value = resolve_plain(text) if not style else text
                frame[0][key] = value
                positions[frame[1] + (key,)] = pos
                frame[5] = (ev.end_mark.index, text, pos) if not style and type(value) is int else None
            else:
                parent = frame[0]
                positions[frame[1] + (len(parent),)] = pos
                parent.append(resolve_plain(text) if not style else text)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if ev.anchor is not None or ev.tag is not None:
                _refuse_node_properties(ev)
            nodes += 1
            if nodes > max_nodes:
                raise _too_many(max_nodes, ev.start_mark)
            is_mapping = kind is MappingStartEvent
            container = {} if is_mapping else []
            mark = ev.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if not stack:
                root, path = container, ()
            else:
                frame = stack[-1]
                parent = frame[0]
                if frame[2]:  # mapping
                    if frame[3] is None:  # this node is a key
                        raise LoadError(
                            "yaml-complex-key",
                            "Kunci harus berupa teks biasa, bukan daftar atau pemetaan.",
                            *pos,
                        )
                    key = frame[3]
                    frame[3] = None
                    path = frame[1] + (key,)
                    parent[key] = container
                    frame[5] = None
                else:
                    path = frame[1] + (len(parent),)
                    parent.append(container)
            positions[path] = pos
            if len(stack) >= max_depth:
                raise LoadError(
                    "yaml-too-deep",
                    f"Susunan bertingkat lebih dari {max_depth} lapis; model data tidak "
                    "sedalam itu. Periksa indentasi.",
                    *pos,
                )
            stack.append([container, path, is_mapping, None, set(), None, bool(ev.flow_style)])
        elif kind is AliasEvent:
            raise LoadError(
                "yaml-alias",
                f"Alias YAML {shown('*' + (ev.anchor or ''), 40)} tidak didukung: tulis nilainya secara "
                "lengkap di sini.",
                *_pos(ev.start_mark),
            )
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise LoadError(
                    "yaml-multi-document",
                    "Berkas berisi lebih dari satu dokumen (ada pemisah '---' kedua). Satu berkas "
                    "hanya untuk satu dokumen: pindahkan sisanya ke berkas lain.",
                    *_pos(ev.start_mark),
                )
            if ev.version is not None or ev.tags:
                raise LoadError(
                    "yaml-directive",
                    "Direktif YAML (%YAML atau %TAG) tidak didukung: hapus baris yang diawali '%'.",
                    *_pos(ev.start_mark),
                )
        elif kind is StreamEndEvent:
            break
        elif kind is StreamStartEvent or kind is DocumentEndEvent:
            pass
    if root is None:
        raise LoadError(
            "yaml-empty",
            "Berkas kosong (atau hanya berisi komentar). Isi berkas sesuai contoh di panduan, atau hapus berkasnya.",
            1,
            1,
        )
    return Loaded(root, positions, key_positions)


def load_text(text: str, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES) -> Loaded:
    require_libyaml()
    _check_characters(text)
    parser = _CParser(text)
    try:
        return _build(parser, max_depth, max_nodes, text)
    except LoadError:
        raise
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text) from None
    except RecursionError:
        raise LoadError("yaml-too-deep", "Susunan bertingkat terlalu dalam. Periksa indentasi.") from None
    except Exception as exc:  # noqa: BLE001 - whatever libyaml does, the user gets a finding
        raise LoadError(
            "internal-error",
            f"Berkas tidak dapat dibaca karena kesalahan internal ({type(exc).__name__}). "
            "Laporkan ke admin BKPSDM beserta berkas ini.",
        ) from None
    finally:
        parser.dispose()


def load_bytes(
    raw: bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES
) -> Loaded:
    if len(raw) > max_bytes:
        raise LoadError(
            "yaml-too-large",
            f"Berkas berukuran {len(raw):,} byte, melebihi batas {max_bytes:,} byte. "
            "Pecah isinya atau hapus lampiran yang tidak perlu (tautkan bukti, jangan salin isinya).",
            1,
            1,
        )
    return load_text(_decode(raw), max_depth=max_depth, max_nodes=max_nodes)
