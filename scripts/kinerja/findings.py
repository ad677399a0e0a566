"""One Finding type for every check, and its text / github / json reporters.

Every stage (loader, schema, cross-file, authorization, scoring) reports problems as
`Finding`s, so positions, severities and output formats are handled in one place.
Messages are plain Indonesian written for civil servants; codes are stable English slugs
for machines and for the guide page that explains each code.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"

# Indonesian words for the text report (the JSON keeps "error"/"warning").
SEVERITY_WORD = {ERROR: "kesalahan", WARNING: "peringatan"}


@dataclass(frozen=True, slots=True)
class Finding:
    file: str  # path relative to the repository root, with forward slashes
    line: int | None  # 1-based; None when the finding has no position
    column: int | None  # 1-based
    severity: str  # ERROR or WARNING
    code: str  # a key of CODES
    message: str  # Indonesian: what is wrong and what to do
    pointer: str = ""  # JSON pointer of the value inside the document ("" = whole file)

    def __reduce__(self):  # compact and fast in the validation cache
        return (Finding, (self.file, self.line, self.column, self.severity, self.code, self.message, self.pointer))

    def sort_key(self):
        return (self.file, self.line or 0, self.column or 0, self.code, self.message)


# code -> short Indonesian title. The guide page "Membaca pesan CI" is generated from this
# table, and a test checks that every code the tool emits is listed here.
CODES: dict[str, str] = {
    # Reading the file
    "file-unreadable": "Berkas tidak dapat dibaca",
    "yaml-encoding": "Berkas bukan UTF-8",
    "yaml-char": "Karakter tersembunyi atau terlarang",
    "yaml-too-large": "Berkas terlalu besar",
    "yaml-syntax": "Penulisan YAML salah",
    "yaml-duplicate-key": "Kunci ditulis dua kali",
    "yaml-decimal-comma": "Koma desimal di dalam {...}",
    "yaml-unclosed-quote": "Tanda kutip tidak ditutup",
    "yaml-alias": "Alias YAML (*nama) tidak didukung",
    "yaml-anchor": "Anchor YAML (&nama) tidak didukung",
    "yaml-tag": "Tag YAML (!...) tidak didukung",
    "yaml-merge-key": "Merge key (<<) tidak didukung",
    "yaml-multi-document": "Lebih dari satu dokumen dalam satu berkas",
    "yaml-directive": "Direktif YAML (%...) tidak didukung",
    "yaml-complex-key": "Kunci harus berupa teks biasa",
    "yaml-too-deep": "Susunan terlalu dalam",
    "yaml-too-many-nodes": "Isi berkas terlalu banyak",
    "yaml-empty": "Berkas kosong",
    "internal-error": "Kesalahan internal alat",
    # The file's place in the repository
    "path-unknown": "Berkas di tempat yang tidak dikenal",
    "path-mismatch": "Isi berkas tidak cocok dengan nama atau foldernya",
    "path-symlink": "Tautan simbolik (symlink) tidak diterima",
    "path-nip": "Nama berkas memuat deretan angka seperti NIP",
    "rules-invalid": "Berkas aturan tidak sah",
    # Schema
    "schema-required": "Kolom wajib belum diisi",
    "schema-unknown-key": "Kunci tidak dikenal",
    "schema-type": "Jenis nilai salah",
    "schema-enum": "Nilai tidak ada dalam pilihan",
    "schema-synonym": "Nilai ditulis dengan istilah lain",
    "schema-pattern": "Format nilai salah",
    "schema-format": "Format nilai salah",
    "schema-length": "Panjang teks di luar batas",
    "schema-count": "Jumlah isian di luar batas",
    "schema-range": "Angka di luar batas",
    "schema-const": "Nilai harus tepat",
    "schema-choice": "Bentuk isian tidak cocok",
    "schema-forbidden": "Kolom ini tidak boleh diisi",
    "schema-unique": "Isian ganda",
    "schema-invalid": "Isian tidak sah",
    # Organisation data
    "duplicate-id": "Id dipakai lebih dari sekali",
    "ref-person": "Pegawai tidak ditemukan",
    "ref-unit": "Unit kerja tidak ditemukan",
    "ref-sasaran": "Sasaran tidak ditemukan",
    "ref-rhk": "RHK tidak ditemukan",
    "ref-iki": "IKI tidak ditemukan",
    "unit-tree": "Susunan unit kerja salah",
    "assignment-dates": "Tanggal penugasan salah",
    "assignment-overlap": "Penugasan bertumpang tindih",
    "head-conflict": "Dua pemegang jabatan kepala unit pada waktu yang sama",
    "penilai-invalid": "Pejabat penilai tidak sah",
    "penilai-unusual": "Pasangan pejabat penilai tidak lazim",
    "penilai-exception": "Pengecualian pejabat penilai tanpa alasan",
    "penilai-redundant": "Pejabat penilai tertulis sama dengan yang diturunkan",
    "penilai-missing": "Tidak ada pejabat penilai pada tanggal rencana yang berlaku",
    "penilai-cycle": "Lingkaran atasan: pegawai menilai atasannya sendiri",
    "nip-invalid": "NIP tidak sah",
    "text-nip": "Teks bebas memuat deretan angka seperti NIP",
    "github-duplicate": "Akun GitHub dipakai lebih dari satu orang",
    "period-invalid": "Periode tidak sah",
    "config-invalid": "Pengaturan instansi tidak sah",
    # Plans
    "plan-period": "Periode rencana salah",
    "plan-assignment": "Rencana tidak sesuai penugasan",
    "plan-target": "Target tidak sah",
    "plan-retired": "Masa berlaku RHK/IKI salah",
    "cascade-pending": "Menunggu rencana atasan",
    "cascade-missing": "RHK atasan yang diintervensi tidak ada",
    "cascade-supervisor": "RHK diintervensikan ke orang yang bukan atasan",
    "cascade-supervisor-changed": "Atasan berganti: RHK masih mengintervensi RHK atasan lama",
    "plan-placeholder": "Teks contoh dari kerangka rencana belum diganti",
    "cascade-sasaran": "Kepala perangkat daerah harus mengacu ke sasaran",
    "perspektif-missing": "Perspektif RHK JPT belum diisi",
    "deadline-skp": "SKP belum disetujui padahal tenggat sudah lewat",
    # Evaluations
    "eval-plan": "Evaluasi tanpa rencana yang cocok",
    "eval-period": "Periode evaluasi di luar periode rencana",
    "eval-coverage": "RHK/IKI yang berlaku belum dilaporkan atau dinilai",
    "eval-penilai": "Pejabat penilai evaluasi salah",
    "period-close-missing": "Periode ditutup padahal evaluasi akhirnya belum ada",
    "eval-early": "Evaluasi final sebelum periodenya berakhir",
    "eval-realisasi": "Realisasi tidak sesuai jenis target",
    "eval-closed-rhk": "RHK/IKI yang sudah dinilai dihapus",
    "eval-di-atas-bukti": "Rating di atas ekspektasi tanpa bukti dukung",
    "eval-umpan-balik": "Evaluasi final tanpa umpan balik",
    "koreksi-invalid": "Catatan koreksi tidak sah",
    "keberatan-evaluasi": "Keberatan atas evaluasi yang tidak ada atau belum final",
    "keberatan-pemutus": "Pemutus keberatan tidak sesuai aturan",
    "keberatan-urutan": "Urutan pengajuan, permintaan penjelasan dan keputusan salah",
    "keberatan-keputusan": "Isi keputusan keberatan tidak sah",
    "keberatan-terlambat": "Keberatan diajukan lewat batas waktu",
    "keberatan-bukan-pegawai": "Keberatan hanya diajukan pegawai yang dinilai",
    "unit-result-invalid": "Predikat organisasi tidak sah",
    # Scoring (issue 3)
    "score-consistency": "Rating hasil kerja kurang sesuai dengan rating per RHK",
    "score-org-rating": "Rating kepala unit tidak mengikuti predikat organisasi",
    "score-ak-unknown": "Angka kredit tidak dapat dihitung",
    "score-kumulatif-turun": "Realisasi kumulatif turun dari periode sebelumnya",
    "score-jenjang-changed": "Jenjang berubah di tengah rencana: perlu SKP baru",
    "score-not-computable": "Nilai tidak dapat dihitung dengan aturan lama",
    "score-curve": "Sebaran predikat menyimpang dari pola kurva",
    "score-no-rules": "Evaluasi tidak dapat dinilai",
    # Career, fairness and calibration (issue 15)
    "calibration-invalid": "Catatan kalibrasi tidak sah",
    "career-rules-invalid": "Aturan karier tidak sah",
    # Site and publication (issue 5)
    # Authorization and review (issue 4)
    "authz-allowed": "Perubahan diizinkan",
    "authz-actor-unknown": "Akun GitHub tidak terdaftar",
    "authz-login-stale": "Login GitHub berubah; data akun perlu diperbarui",
    "authz-admin-only": "Hanya admin yang boleh mengubah berkas ini",
    "authz-account": "Pendaftaran akun GitHub tidak dapat diterima",
    "authz-path": "Jalur atau jenis berkas tidak diterima",
    "authz-not-owner": "Bukan rencana atau evaluasi milik sendiri",
    "authz-not-penilai": "Bukan pejabat penilai yang berlaku",
    "authz-unit-result": "Bukan kepala unit induk",
    "authz-locked": "Periode tertutup atau evaluasi final",
    "authz-koreksi-missing": "Koreksi tanpa catatan koreksi",
    "authz-calibration": "Bukan anggota tim penilai kinerja",
    "authz-calibration-enact": "Hanya pejabat penilai pegawai itu yang memberlakukan rekomendasi",
    "authz-content-mismatch": "Isi berkas menyebut pegawai atau unit lain",
    "authz-unreadable": "Isi berkas tidak terbaca untuk pemeriksaan hak ubah",
    "approval-missing": "Persetujuan yang diperlukan belum ada",
    "approval-stale": "Persetujuan diberikan untuk commit lama",
    "approval-ok": "Persetujuan lengkap",
    "codeowners-stale": "CODEOWNERS tidak sesuai data organisasi",
    "form-field-missing": "Isian formulir wajib belum diisi",
    "form-field-invalid": "Isian formulir tidak sah",
    "form-duplicate-heading": "Judul bagian formulir muncul dua kali",
    "form-account": "Akun pengaju tidak dapat dipakai",
    "form-template-invalid": "Templat formulir isu tidak sah",
    # Suara publik: pengaduan, survei kepuasan, layanan
    "suara-personal-data": "Teks publik tampak memuat data pribadi (NIK, NIP, telepon, surel)",
    "suara-history": "Riwayat status pengaduan tidak runtut",
    "suara-selesai-tanpa-tindak-lanjut": "Pengaduan selesai tanpa tindak lanjut",
    "suara-survey-totals": "Jumlah responden survei berbeda antarunsur",
    "suara-survey-unsur": "Unsur survei kurang atau tidak dikenal",
    "suara-ref-unknown": "Unit, layanan, pegawai atau RHK/IKI yang dirujuk tidak ada",
    "suara-code-unknown": "Kanal, kategori, status atau periode survei tidak dikenal",
    "suara-rules": "Aturan pelayanan publik tidak sah",
    "suara-calendar": "Kalender hari libur tidak sah",
    "suara-calendar-missing": "Kalender hari libur tahun ini belum ada",
    "suara-overdue": "Langkah pengaduan melewati tenggat",
    "suara-survey-realisasi": "Realisasi IKI bersumber survei tidak sama dengan IKM survei",
    "suara-survey-changed": "Survei berubah setelah evaluasi final",
    "suara-tanggapan": "Evaluasi akhir belum menanggapi pengaduan layanan",
    "authz-suara": "Bukan admin pengaduan, kepala unit atau kepala perangkat daerah yang berwenang",
    # Importing people and units from spreadsheets (kinerja import, issue 9)
    "import-encoding": "Berkas impor bukan CSV UTF-8",
    "import-header": "Baris judul kolom tidak sah",
    "import-formula": "Sel berisi atau tampak seperti rumus",
    "import-char": "Sel memuat karakter tersembunyi",
    "import-value": "Isi sel tidak sah",
    "import-too-large": "Berkas impor terlalu besar",
    "import-date": "Tanggal tidak sah",
    "import-dates": "Tanggal bertumpuk dengan riwayat penugasan",
    "import-mulai-differs": "Tanggal mulai berbeda dari riwayat",
    "import-required": "Sel wajib kosong",
    "import-duplicate": "Baris atau akun ganda",
    "import-unknown-unit": "Unit tidak dikenal",
    "import-unknown-person": "Pejabat penilai tidak dikenal",
    "import-cycle": "Rantai unit induk berputar",
    "import-unit-move": "Unit dipindah antarberkas",
    "import-broken-file": "Berkas organisasi yang akan diubah rusak",
    "import-nip": "NIP tidak sah atau tidak cocok",
    "import-nip-ignored": "Kolom NIP diabaikan",
    "import-nip-changed": "NIP diganti",
    "import-nip-key": "Kunci sidik NIP tampaknya berbeda",
    "import-schema": "Hasil impor tidak sesuai skema",
    "import-exists": "Pengaduan sudah tercatat dengan isi lain",
}


def count(findings: Iterable[Finding]) -> dict[str, int]:
    errors = warnings = 0
    files = set()
    for f in findings:
        files.add(f.file)
        if f.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return {"errors": errors, "warnings": warnings, "files": len(files)}


# An 18-digit run (NIP / NI PPPK), also in its usual spaced layout "19920723 201903 2 011",
# or any longer run of digits that may hold one. Never shown, whatever field it was typed in.
_NIP_LIKE = re.compile(r"(?<![0-9])(?:[0-9]{8} [0-9]{6} [0-9] [0-9]{3}|[0-9]{16,})(?![0-9])")
HIDDEN_TEXT = "(disembunyikan)"


def has_nip(text: str) -> bool:
    """Whether text holds a NIP-like digit run (the one definition: reports, validation, projection)."""
    return _NIP_LIKE.search(text) is not None


# Eight ASCII digits in a row, or a backslash. Every NIP-like run has the first; in a file that
# loader.load_bytes accepts (UTF-8 only, where an ASCII digit is one byte no other character's
# encoding contains) the digits of a loaded string stand in a row in the file's bytes too, unless
# an escape sequence of a double-quoted scalar ("\x31", "\u0031", a line ending in "\") writes
# them; line folding turns a line break into a space or keeps it, never removes it.
_RAW_MAY_HOLD_NIP = re.compile(rb"[0-9]{8}|\\")


def raw_may_hold_nip(raw: bytes) -> bool:
    """False only when no string loaded from these YAML bytes can hold a NIP-like run: the
    free-text walk (check/document.check_free_text) is then skipped."""
    return _RAW_MAY_HOLD_NIP.search(raw) is not None


def redact_nips(text: str) -> str:
    return _NIP_LIKE.sub(HIDDEN_TEXT, text)


def shown_path(path: str) -> str:
    """A file path as reports print it: one line, NIP-like digit runs hidden (a file named
    after a NIP is refused, but its report must not repeat the number)."""
    return one_line(_NIP_LIKE.sub(HIDDEN_TEXT, path))


# Exactly the characters one_line escapes (its loop below): most text has none, and is returned as it is
# (a cold validation reports thousands of late-complaint warnings; the loop cost ~40 us per message).
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    """Control, line-break and bidi characters escaped: the text stays on one report line."""
    if _ESCAPED.search(text) is None:
        return text
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or 0x7F <= o < 0xA0 or o in (0x2028, 0x2029) or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069:
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    return "".join(out)


def shown(value, limit: int = 60) -> str:
    """Quote a user value for a message: control characters escaped, long text shortened,
    NIP-like numbers hidden.

    User text reaches messages (unknown keys, wrong values). Escaping newlines here means
    no report line can be split so that a user-controlled line starts with `::` (a GitHub
    workflow command) or fakes another finding. A NIP typed into the wrong field (say, the
    GitHub id) is hidden like the nip field itself: CI logs carry no NIP.
    """
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = one_line(_NIP_LIKE.sub(HIDDEN_TEXT, text))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"“{text}”"


def summary_sentence(counts: dict[str, int]) -> str:
    if counts["errors"] == 0 and counts["warnings"] == 0:
        return "Tidak ada masalah ditemukan."
    return (
        f"{counts['errors']} kesalahan dan {counts['warnings']} peringatan "
        f"di {counts['files']} berkas."
    )


# --- reporters ---------------------------------------------------------------------------


def format_text(findings: list[Finding]) -> str:
    lines = []
    for f in findings:
        # A file name is user text too (git allows line breaks in names): keep one line per finding.
        where = shown_path(f.file)
        if f.line is not None:
            where += f":{f.line}:{f.column or 1}"
        lines.append(f"{where}: {SEVERITY_WORD[f.severity]} {f.code}: {one_line(f.message)}")
    lines.append(summary_sentence(count(findings)))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    # https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_ANNOTATIONS_PER_KIND = 10  # GitHub shows at most 10 annotations of each kind per step


def format_github(findings: list[Finding]) -> str:
    """Workflow-command annotations; every line starts with `::`, never with user text."""
    lines = []
    shown_per_kind = {ERROR: 0, WARNING: 0}
    hidden = {ERROR: 0, WARNING: 0}
    for f in findings:
        if shown_per_kind[f.severity] >= GITHUB_ANNOTATIONS_PER_KIND:
            hidden[f.severity] += 1
            continue
        shown_per_kind[f.severity] += 1
        props = [f"file={_escape_property(shown_path(f.file))}"]
        if f.line is not None:
            props.append(f"line={f.line}")
            props.append(f"col={f.column or 1}")
        props.append(f"title={_escape_property(f.code + ': ' + CODES.get(f.code, ''))}")
        lines.append(f"::{f.severity} {','.join(props)}::{_escape_data(f.message)}")
    for severity, n in hidden.items():
        if n:
            word = SEVERITY_WORD[severity]
            lines.append(
                f"::{severity} title=Masih ada {n} {word} lain::"
                + _escape_data(
                    f"GitHub hanya menampilkan {GITHUB_ANNOTATIONS_PER_KIND} anotasi per jenis. "
                    f"{n} {word} lainnya ada di laporan lengkap (ringkasan job atau artefak JSON)."
                )
            )
    lines.append("::notice title=Ringkasan validasi::" + _escape_data(summary_sentence(count(findings))))
    return "\n".join(lines) + "\n"


def as_dict(f: Finding) -> dict:
    d = asdict(f)
    d["file"] = shown_path(f.file)
    return d


def format_json(findings: list[Finding], extra: dict | None = None) -> str:
    doc = {"findings": [as_dict(f) for f in findings], "summary": count(findings)}
    if extra:
        doc.update(extra)
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


REPORTERS = {"text": format_text, "github": format_github, "json": format_json}


def pointer_of(path: tuple) -> str:
    """JSON pointer (RFC 6901) of a path inside a document.

    Keys are user text: a NIP typed as a key is hidden here too (the JSON report is a CI
    artifact, which carries no NIP)."""
    return "".join("/" + _NIP_LIKE.sub(HIDDEN_TEXT, str(p)).replace("~", "~0").replace("/", "~1") for p in path)


class Collector:
    """Gathers findings by (file, JSON path); positions are looked up only when reported.

    Checks say *where* in the data a problem is; turning that into a line and column may
    mean re-reading a file whose parse came from the cache, so it is done once, at the end,
    and only for the findings that are reported.
    """

    __slots__ = ("pending",)

    def __init__(self):
        self.pending: list[tuple] = []

    def error(self, file: str, path: tuple, code: str, message: str, key: bool = False) -> None:
        self.pending.append((ERROR, file, tuple(path), code, message, key))

    def warning(self, file: str, path: tuple, code: str, message: str, key: bool = False) -> None:
        self.pending.append((WARNING, file, tuple(path), code, message, key))

    def add(self, severity: str, file: str, path: tuple, code: str, message: str, key: bool = False) -> None:
        self.pending.append((severity, file, tuple(path), code, message, key))

    def resolve(self, locate, only_files=None) -> list[Finding]:
        """`locate(file, path, key)` -> (line, column) or None."""
        out = []
        for severity, file, path, code, message, key in self.pending:
            if only_files is not None and file not in only_files:
                continue
            pos = locate(file, path, key) if file else None
            line, col = pos if pos else (None, None)
            out.append(Finding(file, line, col, severity, code, message, pointer_of(path)))
        return out
