"""The one-line-per-item formats of the issue forms (variable-length lists in a textarea).

Each line is cells separated by `|`; blank lines are skipped and a leading list bullet
(`-`, `*`, `•`) is ignored, because people paste lists. The formats, as the forms and the
Panduan show them:

    RHK:        id-rhk | utama/tambahan | uraian | intervensi (id-atasan/id-rhk, or the editor's
                <kode-rencana>@<commit>/<id-rhk>) atau sasaran (ss-1) atau - [| perspektif]
    IKI:        id-rhk | id-iki | aspek | uraian | target
    target:     6 proyek | 75-85 % | minimal 95 % | paling lambat 7 hari | Rp 50.000.000 | a sentence
                (kualitatif) — the grammar of kinerja.model.target
    realisasi:  id-rhk | id-iki | angka atau kalimat
    uraian:     id-rhk | uraian realisasi
    bukti:      id-rhk | https://tautan | publik atau tidak | keterangan (boleh kosong)
    perilaku:   nilai BerAKHLAK | ekspektasi khusus

Numbers are written the Indonesian way: a comma for decimals (7,5) and dots between
thousands (1.000). "7.5" is refused with a hint instead of being guessed.

Every problem is a `LineError` with the line number and an Indonesian message; parsing
never raises anything else, whatever the text (tested with Hypothesis).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kinerja.findings import shown
from kinerja.model.target import TargetError
from kinerja.model.target import number as target_number
from kinerja.review.publiclink import PUBLIC_LINK
from kinerja.urlrule import is_safe_url

ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
LINK = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*/[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
NUM = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
BULLET = re.compile(r"^\s*(?:[-*•]\s+)")
ASPEK = ("kuantitas", "kualitas", "waktu", "biaya")
JENIS = ("utama", "tambahan")
PERSPEKTIF = ("penerima_layanan", "proses_bisnis", "penguatan_internal", "anggaran")
BERAKHLAK = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")
MAX_LINES = 60
MAX_CELL = 2000
NOTE_MAX = 200  # teks_pendek in schemas/common.schema.json (keterangan of a bukti dukung)


@dataclass(frozen=True, slots=True)
class LineError:
    line: int  # 1-based line in the textarea
    message: str


def _lines(text: str):
    # only \n ends a line: str.splitlines() would also split on \x1c-\x1e, \x85 and U+2028
    for n, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        line = BULLET.sub("", raw, count=1).strip()
        if line:
            yield n, line


def _cells(line: str, n: int, count: tuple[int, int], fmt: str, errors: list) -> list[str] | None:
    cells = [c.strip() for c in line.split("|")]
    lo, hi = count
    if not (lo <= len(cells) <= hi):
        want = f"{lo}" if lo == hi else f"{lo} sampai {hi}"
        errors.append(LineError(n, f"berisi {len(cells)} kolom, seharusnya {want} kolom dipisah '|': {fmt}. "
                                   "Tanda '|' tidak boleh dipakai di dalam uraian."))
        return None
    for c in cells:
        if len(c) > MAX_CELL:
            errors.append(LineError(n, f"ada kolom yang lebih panjang dari {MAX_CELL} karakter."))
            return None
    return cells + [""] * (hi - len(cells))


def _id(value: str, n: int, what: str, errors: list) -> bool:
    if ID.fullmatch(value) and len(value) <= 30:
        return True
    errors.append(LineError(n, f"{what} {shown(value)} tidak sah: pakai huruf kecil, angka dan tanda hubung, misalnya rhk-1 atau iki-2."))
    return False


def number(text: str) -> int | float | None:
    """An Indonesian-written number (1.000 or 7,5) as int/float; None for text (a narrative
    realisasi). An ambiguous number (1.5, 1,000, 1.000,5) raises TargetError with a hint."""
    if not re.fullmatch(r"\d(?:[\d.,]*\d)?", text.strip()):
        return None
    value = target_number(text)
    if value > 1_000_000_000_000:
        raise TargetError(f"angka {shown(text)} terlalu besar.")
    return int(value) if value.denominator == 1 else float(value)


def _too_many(lines: list, errors: list) -> bool:
    if len(lines) > MAX_LINES:
        errors.append(LineError(lines[MAX_LINES][0], f"terlalu banyak baris (paling banyak {MAX_LINES})."))
        return True
    return False


def _rows(text: str, count: tuple[int, int], fmt: str, errors: list):
    """(line number, cells) of each well-formed line of a textarea; the problems of the
    others (too many lines, wrong number of columns, overlong cells) go to `errors`."""
    lines = list(_lines(text))
    if _too_many(lines, errors):
        return
    for n, line in lines:
        cells = _cells(line, n, count, fmt, errors)
        if cells is not None:
            yield n, cells


@dataclass
class Parsed:
    """Items of a textarea with, for each, the line it came from; and the ids of lines that were
    refused, so that later checks do not blame the lines that depend on them (no follow-on errors)."""

    items: list | dict
    errors: list[LineError]
    line_of: dict  # item key (rhk id, or (rhk id, iki id)) -> line number
    refused: set  # ids (rhk id) of refused lines


def _first_id(line: str) -> str | None:
    first = line.split("|", 1)[0].strip()
    return first if ID.fullmatch(first) else None


def parse_rhk(text: str) -> tuple[list[dict], list[LineError]]:
    r = parse_rhk_lines(text)
    return r.items, r.errors


def parse_rhk_lines(text: str) -> Parsed:
    fmt = "id-rhk | utama/tambahan | uraian | intervensi atau sasaran atau - [| perspektif]"
    out, errors, seen, line_of, first = [], [], set(), {}, {}
    refused = {rid for _, line in _lines(text) if (rid := _first_id(line))}  # narrowed to the refused below
    for n, cells in _rows(text, (4, 5), fmt, errors):
        rid, jenis, uraian, link, perspektif = cells
        ok = _id(rid, n, "Id RHK", errors)
        if ok and rid in seen:
            errors.append(LineError(n, f"Id RHK {rid} ditulis dua kali (pertama di baris {first[rid]}); beri id lain."))
            continue  # the first line of that id stands; its IKI lines are not blamed
        seen.add(rid)
        first[rid] = n
        if jenis.lower() not in JENIS:
            errors.append(LineError(n, f"jenis RHK {shown(jenis)} tidak dikenal; tulis utama atau tambahan."))
            ok = False
        if not uraian:
            errors.append(LineError(n, "uraian RHK kosong."))
            ok = False
        item = {"id": rid, "jenis": jenis.lower(), "uraian": uraian}
        if link and link != "-":
            if LINK.fullmatch(link):
                item["intervensi"] = link
            elif PUBLIC_LINK.fullmatch(link):
                item["intervensi_publik"] = link  # the editor's <kode>@<commit>/<rhk>: resolved by review/publiclink.py
            elif ID.fullmatch(link):
                item["sasaran"] = link
            else:
                errors.append(LineError(n, f"kolom keempat {shown(link)} bukan RHK atasan (id-atasan/id-rhk, misalnya "
                                           "dinkes-0011/rhk-1), bukan id sasaran (misalnya ss-1), dan bukan '-'."))
                ok = False
        if perspektif:
            if perspektif not in PERSPEKTIF:
                errors.append(LineError(n, f"perspektif {shown(perspektif)} tidak dikenal; pilih {', '.join(PERSPEKTIF)}."))
                ok = False
            else:
                item["perspektif"] = perspektif
        if ok:
            out.append(item)
            line_of[rid] = n
    refused -= set(line_of)
    return Parsed(out, errors, line_of, refused)


def parse_target(text: str, kualitatif: bool) -> tuple[dict | str | None, bool, str | None]:
    """(target, lebih kecil lebih baik, error message), through the one target grammar
    (kinerja.model.target) that the editor and the messages share."""
    from kinerja.model.target import parse

    if kualitatif:
        return (text, False, None) if text else (None, False, "target kosong.")
    try:
        t = parse(text)
    except TargetError as exc:
        return None, False, str(exc)
    return t.as_yaml(), t.lower_is_better, None


def parse_iki(text: str, rhk_ids: set[str], kualitatif: bool) -> tuple[dict[str, list[dict]], list[LineError]]:
    r = parse_iki_lines(text, rhk_ids, kualitatif)
    return r.items, r.errors


def parse_iki_lines(text: str, rhk_ids: set[str], kualitatif: bool, refused_rhk: frozenset | set = frozenset()) -> Parsed:
    """IKI lines; a line of an RHK whose own line was refused (`refused_rhk`) is not blamed for
    it: its RHK is checked again once that line is mended. `refused` holds the RHK ids with a
    refused IKI line (their "no IKI yet" is a consequence, not a finding)."""
    fmt = "id-rhk | id-iki | aspek | uraian | target"
    out: dict[str, list[dict]] = {}
    errors: list[LineError] = []
    line_of: dict = {}
    for n, cells in _rows(text, (5, 5), fmt, errors):
        rid, iid, aspek, uraian, target_text = cells
        ok = _id(rid, n, "Id RHK", errors) and _id(iid, n, "Id IKI", errors)
        if ok and rid not in rhk_ids:
            if rid not in refused_rhk:
                errors.append(LineError(n, f"RHK {rid} tidak ada di daftar RHK."))
            ok = False
        if ok and any(i["id"] == iid for i in out.get(rid, [])):
            errors.append(LineError(n, f"IKI {iid} ditulis dua kali untuk {rid} (pertama di baris {line_of[(rid, iid)]})."))
            ok = False
        aspek = aspek.lower()
        if aspek in ("", "-") and kualitatif:
            aspek = ""
        elif aspek not in ASPEK:
            errors.append(LineError(n, f"aspek {shown(aspek)} tidak dikenal; pilih {', '.join(ASPEK)}."))
            ok = False
        if not uraian:
            errors.append(LineError(n, "uraian IKI kosong."))
            ok = False
        target, lower, problem = parse_target(target_text, kualitatif)
        if problem:
            errors.append(LineError(n, problem))
            ok = False
        if ok:
            item = {"id": iid}
            if aspek:
                item["aspek"] = aspek
            item["uraian"] = uraian
            item["target"] = target
            if lower:
                item["lebih_kecil_lebih_baik"] = True
            out.setdefault(rid, []).append(item)
            line_of[(rid, iid)] = n
    accepted = set(line_of.values())
    refused = {rid for n, line in _lines(text) if (rid := _first_id(line)) and n not in accepted}
    return Parsed(out, errors, line_of, refused)


def parse_list(text: str, max_items: int = 30) -> Parsed:
    """One item per line (the lampiran lists): bullets and blank lines dropped, text kept as written."""
    errors: list[LineError] = []
    lines = list(_lines(text))
    if len(lines) > max_items:
        errors.append(LineError(lines[max_items][0], f"terlalu banyak baris (paling banyak {max_items})."))
        return Parsed([], errors, {}, set())
    items, line_of = [], {}
    for n, line in lines:
        if len(line) > MAX_CELL:
            errors.append(LineError(n, f"teks lebih panjang dari {MAX_CELL} karakter."))
            continue
        line_of[len(items)] = n
        items.append(line)
    return Parsed(items, errors, line_of, set())


def parse_realisasi(text: str, lines: dict | None = None) -> tuple[dict[str, list[dict]], list[LineError]]:
    """`lines`, when given, is filled with (id-rhk, id-iki) -> line number of each accepted line."""
    out: dict[str, list[dict]] = {}
    errors: list[LineError] = []
    lines = {} if lines is None else lines
    for n, cells in _rows(text, (3, 3), "id-rhk | id-iki | realisasi", errors):
        rid, iid, value = cells
        if not (_id(rid, n, "Id RHK", errors) and _id(iid, n, "Id IKI", errors)):
            continue
        if not value:
            errors.append(LineError(n, "realisasi kosong."))
            continue
        try:
            num = number(value)
        except TargetError as exc:
            errors.append(LineError(n, f"realisasi: {exc}"))
            continue
        if any(x["iki"] == iid for x in out.get(rid, [])):
            errors.append(LineError(n, f"realisasi {rid}/{iid} ditulis dua kali."))
            continue
        out.setdefault(rid, []).append({"iki": iid, "realisasi": num if num is not None else value})
        lines[(rid, iid)] = n
    return out, errors


def parse_pairs(text: str, fmt: str, key_check, line_of: dict | None = None) -> tuple[list[tuple[str, str]], list[LineError]]:
    """Lines of `key | text` (uraian per RHK, ekspektasi per nilai BerAKHLAK); `line_of`, when
    given, is filled with key -> line number."""
    out, errors = [], []
    line_of = {} if line_of is None else line_of
    lines = list(_lines(text))
    if _too_many(lines, errors):
        return out, errors
    for n, line in lines:
        cells = [c.strip() for c in line.split("|", 1)]
        if len(cells) != 2 or not cells[1]:
            errors.append(LineError(n, f"tulis dalam bentuk: {fmt}."))
            continue
        problem = key_check(cells[0])
        if problem:
            errors.append(LineError(n, problem))
            continue
        if any(k == cells[0] for k, _ in out):
            errors.append(LineError(n, f"{shown(cells[0])} ditulis dua kali."))
            continue
        if len(cells[1]) > MAX_CELL:
            errors.append(LineError(n, f"teks lebih panjang dari {MAX_CELL} karakter."))
            continue
        out.append((cells[0], cells[1]))
        line_of[cells[0]] = n
    return out, errors


def parse_bukti(text: str, lines: dict | None = None) -> tuple[dict[str, list[dict]], list[LineError]]:
    """`lines`, when given, is filled with (id-rhk, index in its list) -> line number."""
    out: dict[str, list[dict]] = {}
    errors: list[LineError] = []
    lines = {} if lines is None else lines
    for n, cells in _rows(text, (3, 4), "id-rhk | https://tautan | publik atau tidak | keterangan", errors):
        rid, url, public, note = cells
        if not _id(rid, n, "Id RHK", errors):
            continue
        if not is_safe_url(url):
            errors.append(LineError(n, f"tautan {shown(url)} harus diawali http:// atau https://, tanpa spasi atau tanda "
                                       "kutip, dan tanpa nama pengguna/kata sandi sebelum nama situs (user:sandi@)."))
            continue
        if public.lower() not in ("publik", "tidak"):
            errors.append(LineError(n, f"kolom ketiga {shown(public)}: tulis 'publik' bila boleh tampil di situs, atau 'tidak'."))
            continue
        if len(note) > NOTE_MAX:  # never cut what she wrote: say so
            errors.append(LineError(n, f"keterangan berisi {len(note)} karakter; paling banyak {NOTE_MAX}. Ringkas keterangannya."))
            continue
        item = {"url": url, "publik": public.lower() == "publik"}
        if note:
            item["keterangan"] = note
        lines[(rid, len(out.get(rid, [])))] = n
        out.setdefault(rid, []).append(item)
    return out, errors


RATINGS = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
RATING_WORDS = {"di atas": "di_atas_ekspektasi", "diatas": "di_atas_ekspektasi", "sesuai": "sesuai_ekspektasi",
                "di bawah": "di_bawah_ekspektasi", "dibawah": "di_bawah_ekspektasi"}


def rating_value(text: str) -> str | None:
    """'di_atas_ekspektasi', 'Di atas ekspektasi', 'di atas' -> the rating id (None if unknown)."""
    t = " ".join(text.strip().lower().replace("_", " ").split())
    t = t[: -len(" ekspektasi")] if t.endswith(" ekspektasi") else t
    return RATING_WORDS.get(t)


def parse_ratings(text: str, line_of: dict | None = None) -> tuple[list[dict], list[LineError]]:
    """Lines of `id-rhk | rating | umpan balik` (the penilai's part, form "Beri penilaian");
    `line_of`, when given, is filled with the index of each rating -> its line number."""
    fmt = "id-rhk | di atas / sesuai / di bawah | umpan balik"
    out: list[dict] = []
    errors: list[LineError] = []
    line_of = {} if line_of is None else line_of
    for n, (rid, rating, feedback) in _rows(text, (2, 3), fmt, errors):
        if not _id(rid, n, "Id RHK", errors):
            continue
        value = rating_value(rating)
        if value is None:
            errors.append(LineError(n, f"rating {shown(rating)} tidak dikenal; tulis di atas, sesuai, atau di bawah."))
            continue
        if any(x["rhk"] == rid for x in out):
            errors.append(LineError(n, f"RHK {rid} ditulis dua kali."))
            continue
        item = {"rhk": rid, "rating": value}
        if feedback:
            item["umpan_balik"] = feedback
        line_of[len(out)] = n
        out.append(item)
    return out, errors
