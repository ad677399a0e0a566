"""The JSON Schemas in schemas/ and the translation of their errors into findings.

Schemas are read from the repository being checked (schemas/ at its root), so a regency's
reviewed change to a schema is what CI enforces. Validators are built on first use;
references between schema files resolve from a local registry only, never the network.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from kinerja.findings import ERROR, Finding, pointer_of, shown

# Resources get this made-up base so relative $refs ("common.schema.json#/$defs/id")
# resolve inside the registry; anything not in it is refused, never fetched.
BASE = "https://kinerja-terbuka.invalid/schemas/"


class SchemaSetupError(RuntimeError):
    """A schema file is missing or broken: an environment problem (exit code 2)."""


def _no_retrieval(uri: str):
    import referencing.exceptions

    raise referencing.exceptions.NoSuchResource(ref=uri)


ANNOTATIONS = frozenset({"title", "description", "errorMessage", "patternErrorMessage", "$comment"})


def inline_refs(node, documents: dict[str, dict], current: str):
    """A copy of `node` with every local $ref replaced by what it points to.

    Resolving references is half of jsonschema's time on these documents; the schemas have
    no recursion, so the validator gets a self-contained copy while the files in schemas/
    keep their shared definitions (which editors resolve themselves).
    """
    if isinstance(node, list):
        return [inline_refs(x, documents, current) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: inline_refs(v, documents, current) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if ref is None:
        return out
    doc_name, _, pointer = ref.partition("#")
    doc_name = doc_name or current
    if doc_name not in documents:
        raise SchemaSetupError(f"Skema {current}: $ref ke {ref} tidak dapat diselesaikan (hanya berkas di schemas/).")
    target = documents[doc_name]
    for part in [p for p in pointer.split("/") if p]:
        try:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        except (KeyError, TypeError):
            raise SchemaSetupError(f"Skema {current}: $ref {ref} tidak ditemukan.") from None
    resolved = inline_refs(target, documents, doc_name)
    if not isinstance(resolved, dict):
        return {"allOf": [resolved], **out}
    clashes = (set(resolved) & set(out)) - ANNOTATIONS
    if clashes:
        return {"allOf": [resolved], **out}
    return {**resolved, **out}


# --- the fast path -----------------------------------------------------------------------
#
# jsonschema is the source of truth and writes every message, but walking a document
# costs it ~1.5 ms. fastjsonschema compiles the same (inlined) schema to Python and says
# "valid" in ~0.05 ms. A document is valid if the fast validator accepts it; only when it
# refuses does jsonschema run, and its verdict decides. The fast path is used only when the
# schema sticks to keywords with identical meaning in draft-07 and 2020-12 and its names
# are plain (fastjsonschema generates source code from the schema).

SAME_IN_BOTH_DRAFTS = frozenset(
    {
        "type", "properties", "required", "additionalProperties", "enum", "const", "pattern",
        "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum", "format",
        "items", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "propertyNames",
        "uniqueItems",
    }
) | ANNOTATIONS | {"$schema", "$id", "$defs"}
_PLAIN = re.compile(r"[A-Za-z0-9_./%: -]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(value) -> bool:
    """The one definition of format "date", given to both validators."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return not isinstance(value, str)
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _fast_compatible(node, in_properties=False) -> bool:
    if isinstance(node, list):
        return all(_fast_compatible(x) for x in node)
    if not isinstance(node, dict):
        return True
    for key, value in node.items():
        if in_properties:
            if not re.fullmatch(r"[a-z_]+", key) or not _fast_compatible(value):
                return False
            continue
        if key not in SAME_IN_BOTH_DRAFTS:
            return False
        if key in ("enum", "const"):
            values = value if key == "enum" else [value]
            if not all(isinstance(v, (int, float, bool)) or (isinstance(v, str) and _PLAIN.fullmatch(v)) for v in values):
                return False
        elif key == "properties":
            if not _fast_compatible(value, in_properties=True):
                return False
        elif key == "$defs" or key in ANNOTATIONS:
            continue
        elif not _fast_compatible(value):
            return False
    return True


# A pattern that can sit inside a lookahead unchanged: no group, flag, backreference or escape.
_NEGATABLE = re.compile(r"[^()\\]*")


def positive_not_patterns(node, in_properties: bool = False):
    """For the fast validator only: every `not: {pattern: P}` (the ids' "no 16 digits") as the
    same constraint written positively, `{type: string, pattern: ^(?![\\s\\S]*(?:P))}`.

    Same verdict on every value: a non-string fails both (`{pattern}` accepts a non-string, so its
    `not` refuses it), a string passes both exactly when P matches nowhere in it. fastjsonschema
    checks a `not` by running the inner schema and catching its exception, which it builds with
    the formatted path and the definition: one exception per valid id, tens per plan file. The
    messages never change: jsonschema, on the schema as written, explains every refusal."""
    if isinstance(node, list):
        return [positive_not_patterns(x) for x in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # property names, each with its schema
        return {k: positive_not_patterns(v) for k, v in node.items()}
    out = {}
    for key, value in node.items():
        if key in ("enum", "const") or key in ANNOTATIONS:
            out[key] = value  # values, not schemas
        else:
            out[key] = positive_not_patterns(value, in_properties=key == "properties")
    inner = out.get("not")
    if (isinstance(inner, dict) and list(inner) == ["pattern"] and isinstance(inner["pattern"], str)
            and _NEGATABLE.fullmatch(inner["pattern"])):
        del out["not"]
        positive = {"type": "string", "pattern": "^(?![\\s\\S]*(?:" + inner["pattern"] + "))"}
        out["allOf"] = [*out.get("allOf", []), positive]
    return out


def _fast_code(inlined: dict) -> tuple[str | None, bool]:
    """fastjsonschema's generated validator for this schema, reused from the cache folder.

    Generating it costs ~0.1 s per schema; a run that re-checks one changed file should not
    pay that (nor import jsonschema) when the file is valid."""
    schema = {k: v for k, v in inlined.items() if k not in ("$defs", "$id")}
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    if not _fast_compatible(schema):
        return None, False
    schema = positive_not_patterns(schema)
    from kinerja import __version__
    from kinerja.cache import cache_dir, seal_bytes, unseal_bytes

    text = json.dumps(schema, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{__version__}\0{text}".encode()).hexdigest()[:32]
    path = cache_dir() / "fast" / f"{digest}.py"
    try:  # executed later: only if signed with our key (a planted file is regenerated)
        payload = unseal_bytes(f"fast-py:{digest}", path.read_bytes())
        if payload is not None:
            return payload.decode("utf-8"), False
    except (OSError, UnicodeDecodeError):
        pass
    import fastjsonschema

    try:
        code = fastjsonschema.compile_to_code(schema, formats={"date": is_date})
    except Exception:  # noqa: BLE001 - without a fast path, jsonschema does all the work
        return None, False
    sealed = seal_bytes(f"fast-py:{digest}", code.encode("utf-8"))
    try:
        if sealed is None:
            raise OSError("no signing key")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(sealed)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache folder or key: generate again next time
    return code, True


def _compiled(code: str):
    """Compiling the generated source takes ~0.1 s; keep the code object beside it."""
    import marshal
    import sys

    from kinerja.cache import cache_dir, seal_bytes, unseal_bytes

    tag = hashlib.sha256(f"{sys.version}\0{code}".encode()).hexdigest()[:32]
    path = cache_dir() / "fast" / f"{tag}.marshal"
    try:  # a code object is executed: only if signed with our key
        payload = unseal_bytes(f"fast-marshal:{tag}", path.read_bytes())
        if payload is not None:
            return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    obj = compile(code, "<fastjsonschema>", "exec")
    sealed = seal_bytes(f"fast-marshal:{tag}", marshal.dumps(obj))
    try:
        if sealed is None:
            raise OSError("no signing key")
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(sealed)
        os.replace(tmp, path)
    except OSError:
        pass
    return obj


def _exec_fast(code: str | None):
    if code is None:
        return None
    namespace: dict = {}
    try:
        exec(_compiled(code), namespace)  # noqa: S102 - code generated from our own schemas
    except Exception:  # noqa: BLE001
        return None
    validate = namespace["validate"]
    formats = {"date": is_date}
    return lambda data: validate(data, custom_formats=formats)


class Validator:
    """A schema's validators: fastjsonschema to accept quickly, jsonschema to explain.

    jsonschema (and its import) is paid for only when a document is refused or when no
    fast path exists."""

    __slots__ = ("_build_full", "_full", "fast")

    def __init__(self, build_full, fast):
        self._build_full = build_full
        self._full = None
        self.fast = fast

    @property
    def full(self):
        if self._full is None:
            self._full = self._build_full()
        return self._full

    def iter_errors(self, data):
        if self.fast is not None:
            try:
                self.fast(data)
                return iter(())
            except Exception:  # noqa: BLE001 - a refusal (or anything odd): jsonschema judges
                pass
        return self.full.iter_errors(data)


@lru_cache(maxsize=8)
def _documents(schema_dir: str) -> dict[str, dict]:
    directory = Path(schema_dir)
    if not directory.is_dir():
        raise SchemaSetupError(f"Folder skema tidak ditemukan: {directory}")
    contents = {}
    for path in sorted(directory.glob("*.schema.json")):
        try:
            contents[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SchemaSetupError(f"Skema {path.name} tidak dapat dibaca: {exc}") from None
    return contents


def _full_validator(contents: dict, schema_name: str, inlined: dict):
    import jsonschema
    import referencing
    from referencing.jsonschema import DRAFT202012

    try:
        jsonschema.Draft202012Validator.check_schema(contents[schema_name])
    except jsonschema.SchemaError as exc:
        raise SchemaSetupError(f"Skema {schema_name} tidak sah: {exc.message}") from None
    resources = [(BASE + name, DRAFT202012.create_resource(doc)) for name, doc in contents.items()]
    registry = referencing.Registry(retrieve=_no_retrieval).with_resources(resources)
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(is_date)
    return jsonschema.Draft202012Validator(inlined, registry=registry, format_checker=checker)


@lru_cache(maxsize=64)
def _validator(schema_dir: str, schema_name: str) -> Validator:
    contents = _documents(schema_dir)
    schema = contents.get(schema_name)
    if schema is None:
        raise SchemaSetupError(f"Skema {schema_name} tidak ada di {schema_dir}")
    inlined = dict(inline_refs(schema, contents, schema_name), **{"$id": BASE + schema_name})
    code, fresh = _fast_code(inlined)
    fast = _exec_fast(code)
    validator = Validator(lambda: _full_validator(contents, schema_name, inlined), fast)
    if fast is None or fresh:
        validator.full  # noqa: B018 - check the schema itself whenever it is new to this machine
    return validator


def validator_for(schema_dir: Path, schema_name: str) -> Validator:
    """One schema's validators, built on first use: a run that re-reads one evaluation
    builds only the evaluation schema's."""
    return _validator(str(schema_dir), schema_name)


# --- error translation --------------------------------------------------------------------

TYPE_WORDS = {
    "string": "teks",
    "integer": "bilangan bulat",
    "number": "angka",
    "boolean": "true atau false",
    "array": "daftar (butir diawali '- ')",
    "object": "bagian berisi kunci: nilai",
    "null": "kosong",
}


def _normalise(text: str) -> str:
    return re.sub(r"[\s\-/]+", "_", text.strip().casefold())


# Text written where a number belongs: (pattern matched against the whole stripped text, flags,
# hint). The first match wins; {teks} is the text, {tanpa_titik} it without dots, {depan} its
# part before the first dot, {titik} it with the comma as a dot. One table for `kinerja
# validate` and the browser editor (publish/editor.py exports it; site/assets/editor/check.js).
NUMBER_TEXT_HINTS = (
    (r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+", "",
     " Titik ribuan tidak dipakai di berkas ini: YAML akan membaca {teks} sebagai {depan}. "
     "Tulis {tanpa_titik} (tanpa titik) bila maksudnya {tanpa_titik}, atau tulis pecahan dengan angka desimal lain "
     "(misalnya {depan}.5)."),
    (r"[-+]?[0-9]+,[0-9]+", "", " Gunakan titik sebagai pemisah desimal: tulis {titik}, bukan {teks}."),
    (r"[-+]?[0-9]{16,}", "",
     " Angka lebih dari 15 digit tidak dibaca sebagai angka. Bila ini NIP, NIP tidak ditulis "
     "di kolom ini (nilai tidak ditampilkan)."),
    (r"[-+]?0[0-9]+", "", " Angka tidak boleh diawali nol."),  # YAML 1.1 would read 0123 as octal 83
    (r"[-+]?[0-9.]+(?:e[-+]?[0-9]+)?", "i",
     " Tulis sebagai angka desimal biasa, misalnya 1000 atau 0.5 (tanpa notasi e, tanpa titik di depan)."),
)
NUMBER_TEXT_DEFAULT = " Tulis angka saja tanpa satuan; satuan ditulis di kolom 'satuan'."


def number_text_hint(value: str) -> str:
    text = value.strip()
    for pattern, flags, hint in NUMBER_TEXT_HINTS:
        if re.fullmatch(pattern, text, re.I if "i" in flags else 0):
            return hint.format(teks=text, tanpa_titik=text.replace(".", ""), depan=text.split(".")[0], titik=text.replace(",", "."))
    return NUMBER_TEXT_DEFAULT


def _type_hint(expected, value) -> str:
    expected = expected if isinstance(expected, list) else [expected]
    if isinstance(value, _Hidden):
        return " Tulis sebagai teks dalam tanda kutip."
    if "boolean" in expected and isinstance(value, str):
        return " Tulis true atau false (bukan ya/tidak, yes/no, on/off)."
    if ("number" in expected or "integer" in expected) and isinstance(value, str):
        return number_text_hint(value)
    if "string" in expected and isinstance(value, (int, float)) and not isinstance(value, bool):
        return " Bila nilai ini memang teks, bungkus dengan tanda kutip, misalnya \"0812\"."
    if "string" in expected and isinstance(value, bool):
        return " Kata seperti true/false dibaca sebagai nilai benar/salah; bungkus dengan tanda kutip bila maksudnya teks."
    if value is None:
        return " Kolom ini kosong: isi nilainya atau hapus barisnya."
    return ""


def _describe(value) -> str:
    if isinstance(value, _Hidden):
        return "nilai"
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "nilai benar/salah"
    if isinstance(value, (int, float)):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "bagian berisi kunci"
    return type(value).__name__


def _custom_message(error) -> str | None:
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "pattern" and "patternErrorMessage" in schema:
        return schema["patternErrorMessage"]
    return schema.get("errorMessage")


def _allowed_keys(schema: dict) -> list[str]:
    keys = set(schema.get("properties", {}))
    for sub in schema.get("allOf", []):
        for branch in (sub.get("then", {}), sub.get("else", {})):
            keys |= set(branch.get("properties", {}))
    return sorted(k for k in keys if not (isinstance(schema.get("properties", {}).get(k), dict) and "not" in schema["properties"][k] and schema["properties"][k]["not"] == {}))


def _closest(text: str, choices: list[str]) -> str | None:
    """The choice the writer most likely meant ("pendekatn" -> "pendekatan"), if any."""
    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _typos(schema: dict, value) -> set[str]:
    """Missing required keys that an unknown key of `value` is a likely typo of.

    "pendekatn: kuantitatif" is one mistake: the unknown-key finding on that line names
    "pendekatan"; a second "pendekatan is missing" finding at the top of the mapping would
    send the writer to the wrong line."""
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(value, dict) or not props or schema.get("additionalProperties") is not False:
        return set()
    allowed = _allowed_keys(schema)
    required = set(schema.get("required", ()))
    out = set()
    for key in value:
        if key not in props:
            close = _closest(key, allowed)
            if close in required and close not in value:
                out.add(close)
    return out


# Values of these keys never appear in messages: CI logs, PR comments and artifacts carry no
# NIP (decisions.md, "Where the data lives").
SECRET_KEYS = frozenset({"nip", "sidik_nip"})  # a NIP pasted into sidik_nip must not be echoed either


class _Hidden(str):
    pass


HIDDEN = _Hidden("(disembunyikan)")


DMY_PATTERN = r"(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})"  # also in the browser (publish/editor.py)
DATE_PATTERN_PREFIX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}"
_DMY = re.compile(DMY_PATTERN)


def _day_first_date(error, value) -> str | None:
    """A date written day-month-year (31-12-2026) in a date field: say how to write it."""
    if not isinstance(value, str) or isinstance(value, _Hidden):
        return None
    is_date = (error.validator == "format" and error.validator_value == "date") or (
        error.validator == "pattern" and str(error.validator_value).startswith(DATE_PATTERN_PREFIX)
    )
    m = _DMY.fullmatch(value.strip()) if is_date else None
    if not m:
        return None
    iso = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
    return f"Tanggal {shown(value)} ditulis hari-bulan-tahun; tulis {iso} (tahun-bulan-hari, TTTT-BB-HH)."


def translate(error, synonyms: dict[str, set[str]] | None = None):
    """One jsonschema error -> list of (path, on_key, code, message)."""
    path = tuple(error.absolute_path)
    value = error.instance
    if any(p in SECRET_KEYS for p in path if isinstance(p, str)):
        value = HIDDEN
    kw = error.validator
    custom = _custom_message(error)
    day_first = _day_first_date(error, value)
    if day_first:
        # the pattern and the format both refuse it: one message, with the date rewritten
        return [(path, False, "schema-format", day_first)]
    if kw == "additionalProperties" and isinstance(value, dict):
        allowed = _allowed_keys(error.schema)
        out = []
        extras = [k for k in value if k not in error.schema.get("properties", {})]
        for key in extras:
            close = _closest(key, allowed)
            hint = f" Mungkin maksud Anda “{close}”?" if close else ""
            choices = ", ".join(allowed[:12])
            out.append(
                (
                    path + (key,),
                    True,
                    "schema-unknown-key",
                    f"Kunci {shown(key)} tidak dikenal di bagian ini.{hint} Kunci yang dikenal: {choices}.",
                )
            )
        return out
    if kw == "required":
        typos = _typos(error.schema, value)  # reported once, as an unknown key with a suggestion
        missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value and k not in typos]
        return [
            (path, bool(path), "schema-required", f"Kolom wajib “{k}” belum ada di bagian ini. Tambahkan “{k}: ...”.")
            for k in missing
        ]
    if kw == "not" and custom:
        return [(path, True, "schema-forbidden", custom)]
    if kw == "enum":
        allowed = error.validator_value
        if custom:
            return [(path, False, "schema-enum", f"{custom} (tertulis {shown(value)}).")]
        if isinstance(value, str):
            norm = _normalise(value)
            canonical = None
            for a in allowed:
                if isinstance(a, str) and _normalise(a) == norm:
                    canonical = a
            if canonical is None and synonyms:
                for target in sorted(synonyms.get(norm, ())):
                    if target in allowed:
                        canonical = target
            if canonical is not None:
                return [
                    (
                        path,
                        False,
                        "schema-synonym",
                        f"{shown(value)} adalah istilah atau ejaan lain; tulis istilah baku “{canonical}”.",
                    )
                ]
            close = _closest(value, [a for a in allowed if isinstance(a, str)])
            if close:
                return [(path, False, "schema-enum", f"Nilai {shown(value)} tidak dikenal. Mungkin maksud Anda “{close}”?")]
        choices = ", ".join(str(a) for a in allowed[:20])
        return [(path, False, "schema-enum", f"Nilai {shown(value)} tidak ada dalam pilihan. Pilih salah satu: {choices}.")]
    if custom:
        return [(path, False, _CODE.get(kw, "schema-invalid"), custom)]
    if kw == "type":
        expected = error.validator_value
        words = " atau ".join(TYPE_WORDS.get(t, t) for t in (expected if isinstance(expected, list) else [expected]))
        return [
            (
                path,
                False,
                "schema-type",
                f"Harus berupa {words}, tetapi tertulis {_describe(value)} {shown(value)}.{_type_hint(expected, value)}",
            )
        ]
    if kw == "const":
        return [(path, False, "schema-const", f"Nilai harus tepat {shown(error.validator_value)}, tertulis {shown(value)}.")]
    if kw == "pattern":
        return [(path, False, "schema-pattern", f"Format {shown(value)} tidak sesuai pola yang diminta.")]
    if kw == "format":
        if error.validator_value == "date":
            return [
                (
                    path,
                    False,
                    "schema-format",
                    f"Tanggal {shown(value)} tidak ada di kalender. Periksa bulan dan hari (TTTT-BB-HH).",
                )
            ]
        return [(path, False, "schema-format", f"Format {shown(value)} tidak sah ({error.validator_value}).")]
    if kw in ("minLength", "maxLength"):
        n = error.validator_value
        if kw == "minLength":
            return [(path, False, "schema-length", "Teks ini kosong: isi dengan kalimat yang jelas atau hapus barisnya.")]
        return [(path, False, "schema-length", f"Teks terlalu panjang ({len(value)} karakter, paling banyak {n}). Ringkas, atau tautkan dokumen lengkapnya sebagai bukti dukung.")]
    if kw in ("minItems", "maxItems"):
        n = error.validator_value
        if kw == "minItems":
            return [(path, False, "schema-count", f"Daftar ini harus berisi paling sedikit {n} butir.")]
        return [(path, False, "schema-count", f"Daftar ini berisi {len(value)} butir, paling banyak {n}.")]
    if kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        word = "paling kecil" if "inimum" in kw else "paling besar"
        return [(path, False, "schema-range", f"Angka {shown(value)} di luar batas ({word} {error.validator_value}).")]
    if kw == "uniqueItems":
        return [(path, False, "schema-unique", "Daftar ini berisi butir yang sama lebih dari sekali.")]
    if kw in ("oneOf", "anyOf"):
        return _choice(error, synonyms)
    if kw == "propertyNames":
        return [(path, False, "schema-pattern", f"Nama kunci {shown(value)} tidak sah di bagian ini.")]
    if error.schema is False:
        return [(path, True, "schema-forbidden", "Kunci ini tidak boleh ada di sini (misalnya 'min' bersama 'nilai'). Hapus barisnya.")]
    return [(path, False, "schema-invalid", f"Isian tidak sah: {error.message[:200]}")]


_CODE = {
    "enum": "schema-enum",
    "const": "schema-const",
    "pattern": "schema-pattern",
    "oneOf": "schema-choice",
    "anyOf": "schema-choice",
    "not": "schema-forbidden",
    "type": "schema-type",
    "format": "schema-format",
}


def _choice(error, synonyms):
    """anyOf/oneOf: report the branch that got furthest, which is what the writer meant."""
    best = None
    for sub in error.context or ():
        if best is None or (len(sub.absolute_path), -len(list(sub.context or ()))) > (
            len(best.absolute_path),
            -len(list(best.context or ())),
        ):
            best = sub
    if best is not None and len(best.absolute_path) > len(error.absolute_path):
        return translate(best, synonyms)
    # A branch that explains itself (errorMessage) says more than "wrong shape".
    for sub in error.context or ():
        if isinstance(sub.schema, dict) and sub.schema.get("errorMessage") and len(sub.absolute_path) == len(error.absolute_path):
            return [(tuple(error.absolute_path), False, "schema-choice", sub.schema["errorMessage"])]
    value = error.instance
    return [
        (
            tuple(error.absolute_path),
            False,
            "schema-choice",
            f"Bentuk isian {shown(value)} tidak cocok dengan bentuk yang diminta. Lihat contoh di panduan.",
        )
    ]


def check(
    validator, data, rel_file: str, where, synonyms: dict[str, str] | None = None
) -> list[Finding]:
    """Validate `data`; `where(path, key)` gives 1-based (line, column)."""
    findings = []
    seen = set()
    for error in validator.iter_errors(data):
        for path, on_key, code, message in translate(error, synonyms):
            line, col = where(path, on_key)
            pointer = pointer_of(path)
            key = (line, col, code, message)
            if key in seen:
                continue
            seen.add(key)
            findings.append(Finding(rel_file, line, col, ERROR, code, message, pointer))
    return findings
