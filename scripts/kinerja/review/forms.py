"""Issue forms: the templates' checks, the rendered body parsed back into fields, and the
conversion of "Ajukan SKP", "Laporkan realisasi" and "Ajukan keberatan" into files.

GitHub renders a submitted form as Markdown: for each field a line `### <label>`, a blank
line and the value (`_No response_` when empty). Labels come from the templates in
.github/ISSUE_TEMPLATE/ (read from the checked-out main branch), so the parser and the
forms cannot drift apart. A label heading written twice (a user typing `### Tahun` in a
textarea) is refused rather than guessed. `required` is not enforced by GitHub in private
repositories, so every required field is checked here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.findings import shown
from kinerja.loader import LoadError, load_bytes

TEMPLATE_DIR = ".github/ISSUE_TEMPLATE"
NO_RESPONSE = "_No response_"
MAX_BODY = 65_536


@dataclass(frozen=True)
class FormSpec:
    key: str
    template: str
    label: str  # the issue label that selects this form
    required: tuple[str, ...]
    textareas: tuple[str, ...]


FORMS = {
    "skp": FormSpec("skp", "ajukan-skp.yml", "formulir-skp", ("tahun", "pendekatan", "status", "rhk", "iki"),
                    ("rhk", "iki", "perilaku", "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi", "catatan")),
    "realisasi": FormSpec("realisasi", "laporkan-realisasi.yml", "formulir-realisasi", ("tahun", "periode", "realisasi"),
                          ("realisasi", "uraian", "bukti", "catatan")),
    "keberatan": FormSpec("keberatan", "ajukan-keberatan.yml", "keberatan", ("tahun", "periode", "alasan", "pernyataan"),
                          ("alasan",)),
    "penilaian": FormSpec("penilaian", "beri-penilaian.yml", "formulir-penilaian",
                          ("pegawai", "tahun", "periode", "rating_rhk", "rating_hasil_kerja", "rating_perilaku_kerja", "status"),
                          ("rating_rhk", "perilaku", "catatan")),
    "membaca": FormSpec("membaca", "tanda-sudah-membaca.yml", "formulir-membaca", ("tahun", "periode", "pernyataan"),
                        ("tanggapan",)),
    "putusan": FormSpec("putusan", "putuskan-keberatan.yml", "formulir-putusan", ("pegawai", "tahun", "periode", "langkah"),
                        ("penjelasan_penilai", "penjelasan_pegawai", "rating_rhk", "alasan")),
    "akun": FormSpec("akun", "daftarkan-akun.yml", "formulir-akun", ("pegawai", "nama", "pernyataan"), ()),
    "kalibrasi": FormSpec("kalibrasi", "berlakukan-kalibrasi.yml", "formulir-kalibrasi", ("pegawai", "tahun", "periode", "pernyataan"),
                          ()),
    "pengaduan": FormSpec("pengaduan", "catat-pengaduan.yml", "formulir-pengaduan", ("nomor",),
                          ("ringkasan", "riwayat", "tindak_lanjut", "rhk")),
}
# fields each converter reads: a test checks that the templates define exactly these
FIELDS = {
    "skp": ("tahun", "mulai", "pendekatan", "status", "rhk", "iki", "perilaku", "dukungan_sumber_daya",
            "skema_pertanggungjawaban", "konsekuensi", "catatan"),
    "realisasi": ("tahun", "periode", "mulai", "realisasi", "uraian", "bukti", "catatan"),
    "keberatan": ("tahun", "periode", "mulai", "alasan", "pernyataan"),
    "penilaian": ("pegawai", "tahun", "periode", "mulai", "rating_rhk", "perilaku", "rating_hasil_kerja",
                  "rating_perilaku_kerja", "catatan", "status"),
    "membaca": ("tahun", "periode", "mulai", "tanggapan", "pernyataan"),
    "putusan": ("pegawai", "tahun", "periode", "mulai", "langkah", "penjelasan_penilai", "penjelasan_pegawai", "hasil",
                "rating_hasil_kerja", "rating_perilaku_kerja", "rating_rhk", "alasan"),
    "akun": ("pegawai", "nama", "pernyataan"),
    "kalibrasi": ("pegawai", "tahun", "periode", "mulai", "pernyataan"),
    "pengaduan": ("nomor", "kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan", "riwayat",
                  "tindak_lanjut", "rhk"),
}


@dataclass
class Field:
    id: str
    label: str
    type: str
    options: list[str] = field(default_factory=list)
    placeholder: str = ""  # the template's example text (a line copied unchanged from it is flagged)


class FormError(Exception):
    pass


# --- templates ---------------------------------------------------------------------------------

ELEMENT_KEYS = {
    "markdown": {"value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "input": {"label", "description", "placeholder", "value"},
    "dropdown": {"label", "description", "options", "multiple", "default"},
    "checkboxes": {"label", "description", "options"},
}
TOP_KEYS = {"name", "description", "title", "labels", "assignees", "body", "projects", "type"}
ID_RE = re.compile(r"[A-Za-z0-9_-]+")


def check_template(raw: bytes, name: str) -> list[str]:
    """Why GitHub would drop this issue form from the chooser (empty list: it is valid)."""
    try:
        doc = load_bytes(raw).data
    except LoadError as exc:
        return [f"{name}:{exc.line}: {exc.message}"]
    if not isinstance(doc, dict):
        return [f"{name}: isi templat harus berupa pemetaan (mapping)."]
    problems = []
    for key in ("name", "description", "body"):
        if key not in doc:
            problems.append(f"{name}: kunci wajib {key} tidak ada.")
    for key in doc:
        if key not in TOP_KEYS:
            problems.append(f"{name}: kunci {shown(key)} tidak dikenal GitHub.")
    for key in ("name", "description", "title"):
        if key in doc and (not isinstance(doc[key], str) or not doc[key].strip()):
            problems.append(f"{name}: {key} harus berupa teks yang tidak kosong.")
    labels = doc.get("labels", [])
    if not (isinstance(labels, str) or (isinstance(labels, list) and all(isinstance(x, str) and x for x in labels))):
        problems.append(f"{name}: labels harus berupa daftar teks.")
    body = doc.get("body")
    if not isinstance(body, list) or not body:
        return problems + [f"{name}: body harus berupa daftar elemen yang tidak kosong."]
    ids, seen_labels, non_markdown = set(), set(), 0
    for i, el in enumerate(body, start=1):
        where = f"{name}: elemen ke-{i}"
        if not isinstance(el, dict) or el.get("type") not in ELEMENT_KEYS:
            problems.append(f"{where}: type harus salah satu dari {', '.join(ELEMENT_KEYS)}.")
            continue
        kind = el["type"]
        for key in el:
            if key not in ("type", "id", "attributes", "validations"):
                problems.append(f"{where}: kunci {shown(key)} tidak dikenal.")
        attrs = el.get("attributes")
        if not isinstance(attrs, dict):
            problems.append(f"{where}: attributes wajib ada.")
            continue
        for key in attrs:
            if key not in ELEMENT_KEYS[kind]:
                problems.append(f"{where}: atribut {shown(key)} tidak berlaku untuk {kind}.")
        if "id" in el:
            if kind == "markdown":
                problems.append(f"{where}: elemen markdown tidak boleh punya id.")
            elif not isinstance(el["id"], str) or not ID_RE.fullmatch(el["id"]):
                problems.append(f"{where}: id hanya boleh huruf, angka, '-' dan '_'.")
            elif el["id"] in ids:
                problems.append(f"{where}: id {el['id']} dipakai dua kali.")
            else:
                ids.add(el["id"])
        if "validations" in el:
            v = el["validations"]
            if kind == "markdown" or not isinstance(v, dict) or set(v) - {"required"} or not isinstance(v.get("required", False), bool):
                problems.append(f"{where}: validations hanya berisi required: true/false, dan tidak untuk markdown.")
        if kind == "markdown":
            if not isinstance(attrs.get("value"), str) or not attrs["value"].strip():
                problems.append(f"{where}: markdown wajib punya value.")
            continue
        non_markdown += 1
        label = attrs.get("label")
        if not isinstance(label, str) or not label.strip():
            problems.append(f"{where}: label wajib diisi.")
        elif label in seen_labels:
            problems.append(f"{where}: label {shown(label)} dipakai dua kali.")
        else:
            seen_labels.add(label)
        if kind == "dropdown":
            opts = attrs.get("options")
            if not isinstance(opts, list) or not opts or not all(isinstance(o, str) and o.strip() for o in opts):
                problems.append(f"{where}: options dropdown harus daftar teks yang tidak kosong.")
            elif len(set(opts)) != len(opts) or "None" in opts:
                problems.append(f"{where}: options dropdown harus unik dan tidak boleh 'None'.")
        if kind == "checkboxes":
            opts = attrs.get("options")
            if not isinstance(opts, list) or not opts or not all(
                isinstance(o, dict) and isinstance(o.get("label"), str) and o["label"].strip()
                and set(o) <= {"label", "required"} and isinstance(o.get("required", False), bool) for o in opts
            ):
                problems.append(f"{where}: options checkboxes harus daftar {{label, required}}.")
    if non_markdown == 0:
        problems.append(f"{name}: formulir harus punya setidaknya satu isian selain markdown.")
    return problems


def template_fields(root: Path, spec: FormSpec) -> list[Field]:
    path = root / TEMPLATE_DIR / spec.template
    try:
        raw = path.read_bytes()
    except OSError:
        raise FormError(f"Templat formulir {TEMPLATE_DIR}/{spec.template} tidak ditemukan.") from None
    problems = check_template(raw, spec.template)
    if problems:
        raise FormError("Templat formulir tidak sah: " + " ".join(problems))
    out = []
    for el in load_bytes(raw).data["body"]:
        if el["type"] == "markdown":
            continue
        attrs = el["attributes"]
        opts = [o if isinstance(o, str) else o["label"] for o in attrs.get("options", [])]
        example = attrs.get("placeholder") if isinstance(attrs.get("placeholder"), str) else ""
        out.append(Field(el.get("id", ""), attrs["label"].strip(), el["type"], opts, example))
    return out


# --- the rendered body -----------------------------------------------------------------------


def _bad_char(text: str, multiline: bool) -> str | None:
    for ch in text:
        if multiline and ch in "\n\t\r":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
            return f"U+{ord(ch):04X}"
    return None


def parse_body(body: str, fields: list[Field], spec: FormSpec) -> tuple[dict, list[str]]:
    """Field id -> value (str; checkboxes: list of ticked options) and the problems found."""
    problems: list[str] = []
    if len(body) > MAX_BODY:
        return {}, [f"Isi isu lebih dari {MAX_BODY} karakter."]
    by_heading = {f"### {f.label}": f for f in fields}
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts: dict[str, int] = {}
    order: list[tuple[int, Field]] = []
    for i, line in enumerate(lines):
        f = by_heading.get(line.rstrip())
        if f is None:
            continue
        if f.id in starts:
            problems.append(f"Judul bagian «{f.label}» muncul dua kali. Jangan menulis baris '### {f.label}' di dalam isian; "
                            "sunting isu dan hapus baris itu.")
            continue
        starts[f.id] = i
        order.append((i, f))
    if any("muncul dua kali" in p for p in problems):
        return {}, problems
    values: dict = {}
    for n, (start, f) in enumerate(order):
        end = order[n + 1][0] if n + 1 < len(order) else len(lines)
        text = "\n".join(lines[start + 1 : end]).strip()
        if text == NO_RESPONSE:
            text = ""
        if f.type == "checkboxes":
            ticked = []
            for line in text.split("\n"):
                m = re.fullmatch(r"- \[[xX]\] (.*)", line.strip())
                if m:
                    ticked.append(m.group(1).strip())
            values[f.id] = ticked
            continue
        if f.type == "textarea" and text.startswith("```") and text.endswith("```"):
            text = "\n".join(text.split("\n")[1:-1]).strip()
        bad = _bad_char(text, f.type == "textarea")
        if bad:
            problems.append(f"Bagian «{f.label}» berisi karakter tersembunyi atau kendali ({bad}). Ketik ulang isiannya "
                            "tanpa menyalin dari dokumen lain.")
            continue
        if f.type != "textarea" and "\n" in text:
            problems.append(f"Bagian «{f.label}» harus satu baris.")
            continue
        if f.type == "dropdown" and text and text not in f.options:
            problems.append(f"Bagian «{f.label}» berisi {shown(text)}, bukan salah satu pilihan: {', '.join(f.options)}.")
            continue
        values[f.id] = text
    for f in fields:
        if f.id in spec.required and not values.get(f.id) and not any(f.label in p for p in problems):
            if f.id not in starts:
                problems.append(f"Bagian «{f.label}» tidak ditemukan di isi isu (judulnya terhapus?). Sunting isu dan "
                                f"tambahkan kembali baris '### {f.label}' beserta isiannya.")
            elif f.type == "checkboxes":
                problems.append(f"Bagian «{f.label}» wajib dicentang.")
            else:
                problems.append(f"Bagian «{f.label}» wajib diisi.")
    return values, problems
