"""One flag vocabulary for every `kinerja` command, in Indonesian like the rest of the interface.

`CANONICAL` is the table of every flag a command may declare, with what it means; the admin guide
prints the same table (Panduan admin > Kosakata opsi) and a test walks every subcommand's parser
against it. `RENAMED` maps an old (English or inconsistent) spelling to its canonical one: the old
spelling keeps working for a release, with a message on stderr naming the new one. `RENAMED_IN`
holds the few renames that belong to one command only (the old word means something else elsewhere).
"""

from __future__ import annotations

import argparse
import sys

# canonical flag -> what it is for (one line, shown in the guide)
CANONICAL = {
    "--akar": "akar repositori (folder yang berisi mkdocs.yml)",
    "--tahun": "tahun kinerja",
    "--periode": "periode penilaian (triwulan_1 … triwulan_4, bulan_01 …)",
    "--tanggal": "tanggal acuan TTTT-BB-HH (bawaan: hari ini)",
    "--mulai": "tanggal mulai rencana",
    "--pegawai": "id seorang pegawai (organisation/people/)",
    "--unit": "id unit (organisation/units/)",
    "--semua": "semua pegawai, atau semua usulan terbuka",
    "--jenis": "jenis dokumen",
    "--pilih": "pilihan RHK atasan, RHK=RHK_ATASAN",
    "--tulis": "benar-benar menulis berkas (tanpa ini hanya ditampilkan)",
    "--periksa": "hanya memeriksa bahwa berkas hasil alat sudah sesuai",
    "--timpa": "mengganti berkas lama yang isinya berbeda",
    "--keluaran": "berkas atau folder hasil (tidak pernah ditimpa diam-diam)",
    "--laporan": "berkas (atau folder) laporan JSON",
    "--format": "bentuk keluaran (text, json, …)",
    "--dari": "berkas sumber untuk impor",
    "--ke": "berkas tujuan untuk ekspor",
    "--tabel": "tabel yang ditulis (pegawai atau unit)",
    "--kunci-nip": "berkas kunci rahasia sidik NIP, di luar repositori",
    "--berkas": "berkas data yang dimaksud",
    "--berkas-isi": "berkas berisi teks isu atau komentar dari GitHub",
    "--berubah": "berkas yang berubah dalam usulan",
    "--revisi-dasar": "revisi Git cabang tujuan",
    "--revisi-usulan": "revisi Git usulan (kepala PR)",
    "--utama": "revisi Git cabang utama yang dipakai tanpa mengambil dari remote",
    "--remote": "nama remote Git (istilah Git; bawaan origin)",
    "--cabang": "cabang utama (bawaan main)",
    "--repositori": "repositori GitHub PEMILIK/NAMA",
    "--usulan": "nomor usulan (pull request), atau berkas JSON usulan terbuka",
    "--isu": "nomor isu GitHub",
    "--pembuat": "login GitHub pembuat usulan, isu atau komentar",
    "--id-pembuat": "id angka akun GitHub pembuat",
    "--waktu": "waktu isu atau komentar dibuat (ISO 8601)",
    "--formulir": "jenis formulir",
    "--label": "label isu (daftar JSON)",
    "--balasan": "berkas jawaban untuk isu",
    "--hasil": "berkas hasil JSON",
    "--tinjauan": "JSON tinjauan (reviews) dari API GitHub",
    "--keberatan": "JSON isu keberatan terbuka",
    "--hak-ubah": "laporan JSON check-change",
    "--persetujuan": "laporan JSON check-approval",
    "--validasi": "laporan JSON validate",
    "--rincian": "JSON pr-digest",
    "--ringkasan": "berkas ringkasan job (Markdown)",
    "--alamat-panduan": "alamat halaman Panduan > Membaca pesan CI",
    "--gabung": "mendorong commit penggabungan bila semua lolos",
    "--kabari": "menulis perubahan keadaan di isu asal",
    "--folder-kerja": "folder tetap untuk pohon kerja validasi",
    "--navigasi": "berkas JSON navigasi situs",
    "--tanpa-cache": "tanpa cache validasi",
    "--proses": "jumlah proses paralel",
    "--periksa-pdf": "memeriksa keaslian sebuah PDF",
    "--periksa-kode": "memeriksa teks kode QR yang dipindai",
    "--jumlah-pegawai": "jumlah pegawai kabupaten sintetis (uji kecepatan)",
    "--ulang": "jumlah ulangan pengukuran (uji kecepatan)",
    "--tanpa-validasi": "lewati pengukuran validasi (uji kecepatan suara publik)",
    "--ulang-semua": "jumlah ulangan untuk seluruh kabupaten (uji kecepatan)",
    "--folder": "folder kerja uji kecepatan",
    "--simpan": "jangan hapus folder kerja uji kecepatan",
    "--bandingkan": "pembanding check-jsonschema (uji kecepatan)",
    "--pengaduan": "jumlah pengaduan sintetis (uji kecepatan)",
    "--survei": "jumlah survei sintetis (uji kecepatan)",
    "--situs": "cara membangun situs yang diukur (uji kecepatan)",
    "--fakta": "berkas hasil JSON formulir Tanda sudah membaca",
    "--sapu": "menyapu komentar terbaru lewat API GitHub",
    "--daftar-berkas": "berkas berisi daftar berkas usulan, satu per baris",
    "--sejak-jam": "sejak berapa jam lalu",
    "--catat": "mencatat hasilnya sebagai commit App",
    "-h": "tampilkan bantuan",
    "--help": "tampilkan bantuan (ejaan umum semua program baris perintah)",
    "--version": "tampilkan versi",
}

# old spelling -> canonical, for every command that has the canonical flag
RENAMED = {
    "--root": "--akar",
    "--year": "--tahun",
    "--period": "--periode",
    "--today": "--tanggal",
    "--write": "--tulis",
    "--check": "--periksa",
    "--out": "--keluaran",
    "--keluar": "--keluaran",
    "--report": "--laporan",
    "--reports": "--laporan",
    "--from": "--dari",
    "--to": "--ke",
    "--path": "--berkas",
    "--file": "--berkas",
    "--body-file": "--berkas-isi",
    "--changed": "--berubah",
    "--base": "--revisi-dasar",
    "--head": "--revisi-usulan",
    "--main": "--utama",
    "--branch": "--cabang",
    "--repo": "--repositori",
    "--pr": "--usulan",
    "--prs": "--usulan",
    "--issue": "--isu",
    "--actor": "--pembuat",
    "--author": "--pembuat",
    "--actor-id": "--id-pembuat",
    "--author-id": "--id-pembuat",
    "--at": "--waktu",
    "--filed-at": "--waktu",
    "--form": "--formulir",
    "--labels": "--label",
    "--reply": "--balasan",
    "--result": "--hasil",
    "--reviews": "--tinjauan",
    "--change": "--hak-ubah",
    "--approval": "--persetujuan",
    "--validation": "--validasi",
    "--digest": "--rincian",
    "--summary": "--ringkasan",
    "--guide-url": "--alamat-panduan",
    "--all": "--semua",
    "--merge": "--gabung",
    "--notify": "--kabari",
    "--workdir": "--folder-kerja",
    "--nav": "--navigasi",
    "--no-cache": "--tanpa-cache",
    "--jobs": "--proses",
    "--verify": "--periksa-pdf",
    "--verify-payload": "--periksa-kode",
    "--people": "--jumlah-pegawai",
    "--pegawai-sintetis": "--jumlah-pegawai",
    "--repeat": "--ulang",
    "--dir": "--folder",
    "--keep": "--simpan",
    "--check-jsonschema": "--bandingkan",
    "--complaints": "--pengaduan",
    "--surveys": "--survei",
    "--fact": "--fakta",
    "--json": "--laporan",
    "--files-from": "--daftar-berkas",
}

# renames that hold in one command only (elsewhere the old word is itself canonical)
RENAMED_IN = {
    "bench-import": {"--pegawai": "--jumlah-pegawai"},
    "career": {"--per": "--tanggal"},
}


def renames_for(command: str) -> dict[str, str]:
    return {**RENAMED, **RENAMED_IN.get(command, {})}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return set(parser._option_string_actions)


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def rename_old_flags(parser: argparse.ArgumentParser, argv: list[str], err=None) -> list[str]:
    """Rewrite old spellings in `argv` into the canonical ones, saying so on stderr.

    Only a flag the chosen command really has under its new name is rewritten; anything else is
    left for argparse to refuse (with the word the user typed)."""
    err = err or sys.stderr
    commands = subparsers(parser)
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in commands:
        return argv
    known = _options(commands[command])
    table = renames_for(command)
    start = argv.index(command) + 1
    out = argv[:start]
    for i in range(start, len(argv)):
        arg = argv[i]
        if arg == "--":
            return out + argv[i:]
        name, eq, value = arg.partition("=")
        new = table.get(name)
        if new and new in known and name not in known:
            print(f"kinerja: opsi {name} sudah usang dan akan dihapus; pakai {new}.", file=err)
            arg = new + eq + value
        out.append(arg)
    return out


def guide_table() -> str:
    """The table printed in the admin guide (Panduan admin > Kosakata opsi); a test compares them."""
    old: dict[str, list[str]] = {}
    for name, new in RENAMED.items():
        old.setdefault(new, []).append(f"`{name}`")
    for command, table in RENAMED_IN.items():
        for name, new in table.items():
            old.setdefault(new, []).append(f"`{name}` (di `kinerja {command}`)")
    rows = ["| Opsi | Artinya | Ejaan lama (masih diterima satu rilis, dengan pesan) |", "|---|---|---|"]
    for flag, meaning in CANONICAL.items():
        rows.append(f"| `{flag}` | {meaning} | {', '.join(old.get(flag, [])) or '—'} |")
    return "\n".join(rows) + "\n"
