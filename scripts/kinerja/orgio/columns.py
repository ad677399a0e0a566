"""The columns of the people and unit tables: the one definition that `kinerja import`
reads, `kinerja export` writes and the admin guide documents (a test compares them).

A column absent from a file's header leaves that field untouched; a column present with an
empty cell clears an optional field (so export -> edit -> import round-trips). The NIP is
the exception: an empty nip cell never clears anything (export never writes a NIP).
"""

from __future__ import annotations

from dataclasses import dataclass

PEOPLE_SHEET = "Pegawai"
UNIT_SHEET = "Unit"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, id, date, int, bool, enum, nip, code
    required: bool
    description: str  # Indonesian, for the guide and the error messages


PEOPLE_COLUMNS: tuple[Column, ...] = (
    Column("id_pegawai", "id", True, "Id tetap pegawai (misalnya disdik-0042), kunci pencocokan baris. Boleh kosong hanya bila baris dicocokkan lewat NIP (lihat Sidik NIP)."),
    Column("nama", "text", True, "Nama lengkap dengan gelar."),
    Column("status_kepegawaian", "enum", True, "pns, pppk, atau non_asn (pejabat negara seperti Bupati: menilai, tanpa SKP)."),
    Column("nip", "nip", False, "NIP / NI PPPK, 18 angka, format sel Teks. Bawaan: hanya sidiknya (HMAC-SHA256) yang disimpan; sel kosong tidak menghapus apa pun."),
    Column("github_login", "text", False, "Login GitHub."),
    Column("github_id", "int", False, "Id angka akun GitHub (wajib bila login diisi, dan sebaliknya)."),
    Column("unit", "id", False, "Id unit kerja penugasan. Boleh kosong bila kode_unit_siasn diisi."),
    Column("kode_unit_siasn", "code", False, "Kode unit di SIASN/SIMPEG; dicocokkan dengan kode_unit_siasn di berkas unit."),
    Column("jabatan", "text", True, "Nama jabatan sesuai SK."),
    Column("jenis_jabatan", "enum", True, "jpt_pratama, administrator, pengawas, pelaksana, fungsional, pejabat_negara, ..."),
    Column("jenjang", "enum", False, "Jenjang jabatan fungsional (wajib untuk fungsional), misalnya ahli_pertama."),
    Column("golongan", "text", False, "Golongan ruang, misalnya III/b (PPPK: I s.d. XVII)."),
    Column("pangkat", "text", False, "Nama pangkat, misalnya Penata Muda Tingkat I."),
    Column("tmt_golongan", "date", False, "TMT golongan saat ini (TTTT-BB-HH atau sel tanggal)."),
    Column("pendidikan_terakhir", "enum", False, "sd, sltp, slta, d1, d2, d3, d4, s1, s2 atau s3 (juga diterima: SMP, SMA, SMK, D-III, S-1, S1, S2, ...)."),
    Column("kepala_unit", "bool", False, "ya bila jabatan ini kepala unit tersebut (definitif); kosong atau tidak bila bukan."),
    Column("pejabat_penilai", "id", False, "Id pejabat penilai, hanya bila berbeda dari yang diturunkan dari struktur unit."),
    Column("mulai", "date", True, "TMT penugasan ini. Perubahan unit, jabatan, golongan dan seterusnya memerlukan tanggal mulai baru yang lebih akhir: penugasan lama diakhiri sehari sebelumnya, riwayat tidak diubah."),
    Column("selesai", "date", False, "Tanggal terakhir penugasan (pensiun, berhenti, pindah ke luar instansi). Kosong bila masih berlaku."),
    Column("dasar", "text", False, "Nomor SK penugasan (opsional)."),
)

UNIT_COLUMNS: tuple[Column, ...] = (
    Column("id_unit", "id", True, "Id tetap unit (misalnya disdik atau disdik-bid-sd), kunci pencocokan baris."),
    Column("nama", "text", True, "Nama resmi unit."),
    Column("jenis", "enum", True, "Perangkat daerah: dinas, badan, kecamatan, ...; sub-unit: bidang, seksi, sekolah, puskesmas, ..."),
    Column("induk", "id", False, "Id unit tepat di atasnya. Kosong untuk perangkat daerah."),
    Column("kode_unit_siasn", "code", False, "Kode unit di SIASN/SIMPEG (opsional)."),
    Column("jabatan_kepala", "text", True, "Nama jabatan kepala unit."),
    Column("jenis_jabatan_kepala", "enum", True, "Jenis jabatan kepala unit, misalnya administrator."),
    Column("singkatan", "text", False, "Singkatan resmi (hanya perangkat daerah)."),
    Column("hasil_organisasi", "bool", False, "ya bila unit ini menerima predikat kinerja organisasi sendiri (bawaan: ya untuk perangkat daerah, tidak untuk sub-unit)."),
    Column("layanan_publik", "text", False, "Layanan publik unit ini (opsional)."),
    Column("dibubarkan", "date", False, "Tanggal unit dibubarkan (opsional)."),
)

TABLES = {PEOPLE_SHEET: PEOPLE_COLUMNS, UNIT_SHEET: UNIT_COLUMNS}
KEY_COLUMN = {PEOPLE_SHEET: "id_pegawai", UNIT_SHEET: "id_unit"}

# Assignment fields a row describes (compared with the latest assignment).
ASSIGNMENT_FIELDS = ("unit", "jabatan", "jenis_jabatan", "jenjang", "golongan", "pangkat", "kepala_unit", "pejabat_penilai", "dasar")
# Carried from the previous assignment into a new one when the file has no such column.
CARRIED_WHEN_ABSENT = ("unit", "jabatan", "jenis_jabatan", "jenjang", "golongan", "pangkat")

# Accepted spellings of pendidikan_terakhir (compared after removing spaces, dots and dashes,
# upper-cased) -> the schema's enum value.
EDUCATION = {
    "SD": "sd", "MI": "sd",
    "SLTP": "sltp", "SMP": "sltp", "MTS": "sltp",
    "SLTA": "slta", "SMA": "slta", "SMK": "slta", "MA": "slta", "SMU": "slta",
    "D1": "d1", "DI": "d1", "DIPLOMAI": "d1",
    "D2": "d2", "DII": "d2", "DIPLOMAII": "d2",
    "D3": "d3", "DIII": "d3", "DIPLOMAIII": "d3",
    "D4": "d4", "DIV": "d4", "DIPLOMAIV": "d4", "SARJANATERAPAN": "d4",
    "S1": "s1", "SARJANA": "s1",
    "S2": "s2", "MAGISTER": "s2",
    "S3": "s3", "DOKTOR": "s3",
}

TRUE_WORDS = {"ya", "y", "true", "benar", "1"}
FALSE_WORDS = {"tidak", "t", "false", "salah", "0", "bukan"}


def column_letter(index: int) -> str:
    """0-based column index -> spreadsheet letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
