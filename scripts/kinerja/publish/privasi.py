"""The Privasi page: the publication policy in plain words, generated from the policy in
force (organisation/publikasi.yml or the defaults), so the page cannot drift from what the
projection actually does."""

from __future__ import annotations

from kinerja.publish.html import el, esc, join, link_out, md_heading
from kinerja.publish.pageparts import fiktif_banner, note, page
from kinerja.publish.public import Projection

KINDS = {
    "kepala_perangkat_daerah": "kepala perangkat daerah (termasuk Plt. dan Plh.)",
    "jpt": "pemegang Jabatan Pimpinan Tinggi (JPT), misalnya Sekretaris Daerah",
    "kepala_unit": "kepala unit kerja mana pun",
}


def _yes(flag: bool, text: str):
    return el("li", text) if flag else None


def page_text(proj: Projection) -> str:
    pol = proj.policy
    parts: list = [fiktif_banner(proj)]
    source = ("berkas organisation/publikasi.yml di repositori instansi" if pol.source
              else "kebijakan bawaan (instansi belum menulis organisation/publikasi.yml)")
    parts.append(el("p", f"Situs ini menerbitkan data kinerja menurut kebijakan publikasi yang tertulis: {source}. Setiap halaman, grafik, "
                         "entri pencarian dan unduhan dibuat dari satu proyeksi publik yang menerapkan kebijakan itu; tidak ada bagian "
                         "situs yang membaca data mentah secara langsung."))

    parts.append(md_heading(2, "Yang tidak pernah diterbitkan"))
    parts.append(el("ul", [
        el("li", "NIP, tanggal lahir dan jenis kelamin (NIP memuat keduanya), serta nomor identitas lain."),
        el("li", "Alamat, nomor telepon, surel dan akun media sosial atau GitHub."),
        el("li", "Umpan balik dan catatan pejabat penilai, catatan pegawai, kendala yang dilaporkan, nilai perilaku dan rating."),
        el("li", "Narasi publik seseorang yang halamannya tidak diterbitkan: narasi hanya terbit di halaman pejabat yang diterbitkan, "
                 "dan hanya bila kebijakan instansi membukanya."),
        el("li", "Tautan bukti dukung yang tidak ditandai publik oleh pegawai."),
        el("li", "Nama staf di halaman unit: rencana dan realisasi staf ditampilkan menurut jabatan."),
        el("li", "Alasan koreksi dan keberatan, dan isi pesan commit atau nama penulisnya."),
    ]))
    parts.append(note("Kebijakan instansi tidak dapat membuka butir-butir di atas: perangkat lunaknya tidak menyalin data itu ke situs sama sekali."))

    parts.append(md_heading(2, "Yang diterbitkan per perangkat daerah dan unit"))
    u = pol.unit
    parts.append(el("ul", [
        el("li", "Profil unit: nama, jenis, jabatan kepala dan layanan publiknya."),
        _yes(u.sasaran, "Sasaran perangkat daerah beserta indikator dan targetnya."),
        _yes(u.kaskade_rhk, "Kaskade rencana hasil kerja (RHK) dari sasaran sampai RHK staf, menurut jabatan dan tanpa nama staf."),
        _yes(u.realisasi, "Realisasi dan capaian setiap indikator per periode, dari evaluasi yang sudah final."),
        _yes(u.realisasi and u.bukti_dukung, "Tautan bukti dukung yang ditandai publik."),
        _yes(u.rencana_draf, "Rencana yang masih draf, dengan tanda “draf”."),
        _yes(u.sebaran_predikat, f"Sebaran predikat pegawai sebagai jumlah, hanya untuk kelompok penilaian dengan sedikitnya "
                                 f"{u.kelompok_minimum} pegawai berevaluasi final yang predikatnya tidak tampil perorangan, dan hanya bila "
                                 f"sedikitnya {u.kelompok_beda_minimum} di antara mereka berpredikat lain daripada predikat "
                                 "terbanyak (aturan homogenitas: “5 dari 5 Baik” mengungkap predikat setiap anggota, jadi tidak "
                                 "ditampilkan). "
                                 "Tidak ada jumlah total yang memungkinkan menghitung kelompok yang disembunyikan."),
        el("li", "Jumlah rencana dan evaluasi (final, draf, belum ada) per periode."),
    ]))

    parts.append(md_heading(2, "Halaman perorangan"))
    p = pol.pegawai
    if p.halaman == "tidak_ada":
        parts.append(el("p", "Kebijakan instansi tidak menerbitkan halaman perorangan."))
    else:
        who = ("setiap pegawai yang punya rencana kinerja" if p.halaman == "semua"
               else "pemegang jabatan publik: " + "; ".join(KINDS[k] for k in p.pejabat_publik))
        parts.append(el("p", f"Halaman perorangan diterbitkan untuk {who}. UU 14/2008 tentang Keterbukaan Informasi Publik Pasal 17 "
                             "huruf h mengecualikan hasil evaluasi seseorang, kecuali yang berkaitan dengan jabatan publik (Pasal 18 "
                             "ayat 2). Isinya:"))
        parts.append(el("ul", [
            el("li", "Nama dan jabatan." if p.nama else "Jabatan dan unit (tanpa nama)."),
            el("li", "Rencana hasil kerja, indikator dan target."),
            _yes(p.lampiran_skp, "Ekspektasi khusus pimpinan atas perilaku kerja dan lampiran SKP."),
            _yes(p.realisasi, "Realisasi dan capaian per periode dari evaluasi final."),
            _yes(p.realisasi and p.bukti_dukung, "Tautan bukti dukung yang ditandai publik."),
            el("li", "Predikat kinerja per periode dari evaluasi final." if p.predikat else "Predikat kinerja TIDAK diterbitkan."),
            el("li", "Narasi publik per periode: penjelasan yang ditulis pejabat itu sendiri di bagian pegawai evaluasinya "
                     "(realisasi.narasi_publik) dan sudah final; narasi kepala perangkat daerah juga tampil di halaman perangkat "
                     "daerahnya, dan semua narasi yang terbit ada di data terbuka (tabel narasi_publik)." if p.narasi_publik else
                     "Narasi publik yang ditulis pegawai di evaluasinya TIDAK diterbitkan (kebijakan instansi: pegawai.narasi_publik)."),
        ]))
        parts.append(el("p", "Alamat halaman memakai id pegawai yang tetap dan tidak diturunkan dari NIP atau nama."))

    parts.append(md_heading(2, "Pengaduan masyarakat dan survei kepuasan"))
    parts.append(el("ul", [
        el("li", "Identitas pelapor (nama, NIK, alamat, telepon, surel, akun) tidak pernah dicatat di repositori, apalagi diterbitkan. "
                 "Ringkasan, catatan status dan uraian tindak lanjut ditulis admin; pemeriksa menolak teks yang tampak memuat NIK, NIP, "
                 "nomor telepon atau alamat surel; teks seperti itu yang tetap lolos diganti \u201c(disembunyikan)\u201d sebelum terbit."),
        el("li", "Nomor pelacakan SP4N-LAPOR! tidak diterbitkan: nomor itu dapat menuntun ke pelapor yang memilih anonim. Yang terbit "
                 "hanya nomor pengaduan milik pemda."),
        el("li", "Pengaduan diterbitkan per layanan dan per unit: ringkasan, kategori, riwayat status, tenggat dan tindak lanjut, "
                 "serta jumlah dan median waktu tanggapan. Halaman setiap unit memuat jumlahnya saja: pengaduan diterima, selesai "
                 "dalam tenggat, terbuka melewati tenggat, dan tindak lanjut."),
        el("li", f"RHK yang menjawab suatu layanan disebut di halaman layanan hanya bila jabatannya jabatan publik atau dipegang sedikitnya "
                 f"{u.kelompok_minimum} orang; selain itu pengaduan tidak dikaitkan dengan jabatan yang dapat menunjuk satu orang "
                 "(UU 14/2008 Pasal 17 huruf h). Kaitan pengaduan dengan pegawai hanya tampil di komentar PR evaluasi yang tertutup."),
        el("li", "Survei kepuasan terbit sebagai nilai per unsur (NRR), IKM dan mutu; jawaban perorangan tidak dicatat."),
    ]))

    parts.append(md_heading(2, "Pencarian, unduhan dan kunjungan"))
    parts.append(el("ul", [
        el("li", "Indeks pencarian dibuat dari halaman yang sama, sehingga tidak memuat lebih dari yang tampil."
                 + ("" if pol.pencarian.teks_rhk else " Uraian RHK tidak diindeks.")
                 + ("" if pol.pencarian.halaman_pegawai else " Halaman perorangan tidak diindeks.")),
        el("li", "Data terbuka (CSV dan JSON) dibuat dari proyeksi publik yang sama." if pol.data_terbuka else "Instansi tidak menyediakan unduhan data terbuka."),
        el("li", "Situs tidak memakai cookie pelacak, analitik, fon atau skrip dari pihak ketiga: browser Anda hanya menghubungi server situs ini."),
    ]))

    parts.append(md_heading(2, "Masukan dan keberatan"))
    parts.append(el("p", join(esc("Masukan tentang kinerja perangkat daerah dapat disampaikan melalui "),
                              link_out(proj.kanal_pengaduan_url, proj.kanal_pengaduan_nama),
                              esc(". Bila Anda menemukan data pribadi di situs ini, laporkan melalui kanal yang sama agar segera dihapus; "
                                  "data pribadi dilindungi UU 27/2022 tentang Pelindungan Data Pribadi."))))
    return page("Privasi", parts)
