"""The guide page "Membaca pesan CI" (site/panduan/pesan.md), generated from findings.CODES:
one entry (heading = the code, so `#<code>` links to it) per finding code, with its title
and what to do. The PR comment links every code here. `kinerja panduan-pesan --periksa`
(and a test) keeps the page and the registry in step: a new code without an entry fails.
"""

from __future__ import annotations

from kinerja.findings import CODES

PAGE = "site/panduan/pesan.md"

# (prefixes, group heading, what the group means and what to do), in page order
GROUPS = [
    (("file", "yaml", "internal"), "Membaca berkas (YAML)",
     "Berkas tidak dapat dibaca sebagai YAML yang aman. Buka berkas pada baris dan kolom yang disebut, perbaiki "
     "penulisannya (indentasi dua spasi, tanda kutip untuk teks yang berisi titik dua), lalu simpan lagi. Alat tidak "
     "menebak maksud berkas yang rusak. Kesalahan internal alat dilaporkan ke admin BKPSDM beserta berkasnya."),
    (("path", "rules"), "Tempat dan nama berkas",
     "Setiap jenis berkas punya tempat yang tetap (lihat Panduan pegawai dan contoh di schemas/examples/). Pindahkan "
     "atau ganti nama berkas sesuai pesan; isi berkas harus menyebut tahun, periode dan pegawai yang sama dengan namanya."),
    (("schema",), "Isian tidak sesuai format",
     "Sebuah kolom hilang, tidak dikenal, atau bernilai salah. Pesan menyebut kolom, nilai yang tertulis, dan pilihan "
     "yang sah. Perbaiki kolom itu; jangan menambah kolom yang tidak ada di format."),
    (("duplicate", "ref", "unit", "assignment", "head", "penilai", "nip", "github", "period", "config"),
     "Data organisasi dan rujukan",
     "Rujukan ke pegawai, unit, sasaran, RHK atau IKI yang tidak ada, atau data organisasi yang saling bertentangan. "
     "Data organisasi hanya diubah admin BKPSDM: bila pesan menyangkut penugasan, pejabat penilai atau akun GitHub, "
     "hubungi admin."),
    (("plan", "cascade", "perspektif", "deadline"), "Rencana (SKP)",
     "Masalah pada rencana: periode, penugasan, target, masa berlaku RHK/IKI, atau kaskade ke RHK atasan. Rencana draf "
     "boleh digabung dengan peringatan; rencana disetujui harus bersih dari kesalahan."),
    (("eval", "koreksi"), "Evaluasi",
     "Masalah pada realisasi (bagian pegawai) atau penilaian (bagian pejabat penilai). Rating di atas ekspektasi perlu "
     "bukti dukung pada RHK itu; evaluasi final perlu umpan balik. Evaluasi final hanya dikoreksi admin dengan catatan koreksi."),
    (("keberatan",), "Keberatan",
     "Keberatan diajukan pegawai yang dinilai atas evaluasi finalnya, paling lambat keberatan_hari hari sesudah evaluasi "
     "final digabung; diputus oleh pemegang jabatan atasan pejabat penilai sesudah meminta penjelasan. Lihat Panduan "
     "pegawai dan Panduan atasan."),
    (("score",), "Skor dan pertimbangan penilaian",
     "Peringatan dari penghitungan skor: tidak menghalangi usulan, tetapi perlu dipertimbangkan pejabat penilai "
     "(kesesuaian rating, pola kurva unit, realisasi kumulatif yang turun, angka kredit)."),
    (("authz",), "Hak ubah",
     "Siapa boleh mengubah berkas ini ditentukan dari data organisasi di main (bukan dari usulan). Pesan menyebut "
     "siapa yang berhak; bila Anda merasa berhak, minta admin memeriksa data penugasan atau akun Anda."),
    (("approval", "codeowners"), "Persetujuan",
     "Persetujuan (Approve) dihitung dari id angka akun pada commit terakhir. Minta orang yang disebut menyetujui ulang "
     "bila ada commit baru."),
    (("form",), "Formulir isu",
     "Isian formulir tidak dapat diproses. Sunting isu (menu ··· > Edit), perbaiki bagian yang disebut, lalu simpan: "
     "sistem memeriksa ulang otomatis."),
]


def _group_of(c: str) -> int:
    prefix = c.split("-", 1)[0]
    for i, (prefixes, _h, _t) in enumerate(GROUPS):
        if prefix in prefixes:
            return i
    return len(GROUPS)


def render() -> str:
    out = [
        "# Membaca pesan CI",
        "",
        "Setiap usulan (pull request) diperiksa otomatis. Hasilnya tampil di **komentar pemeriksaan** pada usulan itu "
        "(diperbarui setiap ada commit atau tinjauan), di anotasi tab *Files changed*, dan di ringkasan job. Setiap "
        "temuan punya **kode** (misalnya `eval-coverage`); kode di komentar menaut ke penjelasannya di halaman ini.",
        "",
        "- **kesalahan** menghalangi usulan digabung sampai diperbaiki;",
        "- **peringatan** tidak menghalangi, tetapi perlu dibaca (misalnya rencana draf yang menunggu rencana atasan).",
        "",
        "Pesan menyebut berkas, baris dan kolom (`berkas:baris:kolom`), apa yang salah, dan apa yang perlu dilakukan. "
        "Perbaiki berkas di cabang usulan Anda, atau sunting isu formulirnya; pemeriksaan berjalan lagi sendiri.",
        "",
        "Untuk evaluasi, komentar juga menampilkan apa yang dinilai: target, realisasi (kumulatif atau per periode), "
        "capaian, jumlah bukti dukung (publik atau tidak), rating per RHK, kedua rating, predikat yang dihitung dari "
        "kuadran, dan peringatan yang perlu dipertimbangkan. Untuk rencana: RHK, IKI dan target, beserta teks RHK atasan "
        "yang diintervensi.",
        "",
        "Halaman ini dibuat dari daftar kode di `scripts/kinerja/findings.py` dengan `kinerja panduan-pesan --tulis`.",
        "",
    ]
    by_group: dict[int, list[str]] = {}
    for c in CODES:
        by_group.setdefault(_group_of(c), []).append(c)
    for i in sorted(by_group):
        heading, text = (GROUPS[i][1], GROUPS[i][2]) if i < len(GROUPS) else ("Lain-lain", "Pesan lain dari alat.")
        out += [f"## {heading}", "", text, ""]
        for c in sorted(by_group[i]):
            title = "".join("\\" + ch if ch in "*_`[]<>&\\" else ch for ch in CODES[c])
            out += [f"### {c}", "", f"**{title}.**", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def missing(text: str) -> list[str]:
    """Codes without their entry (heading) in the page's text."""
    headings = {line[4:].strip() for line in text.splitlines() if line.startswith("### ")}
    return [c for c in CODES if c not in headings]
