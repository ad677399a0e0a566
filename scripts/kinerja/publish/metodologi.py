"""The Metodologi page, rendered from the same rule files (rules/*.yml) the scorer reads.

Nothing here states a rule number of its own: the quadrant, synonyms, consistency
guidance, BerAKHLAK guides, capaian formula, organisation->rating mapping, the curve, angka
kredit and the usual evaluator pairs all come from the RuleSet records (reached through
the projection). Rule files are reviewed admin data, but their text is still escaped.
"""

from __future__ import annotations

from kinerja.model.rules import RuleSet
from kinerja.publish.html import el, esc, join, md_heading
from kinerja.publish.pageparts import fiktif_banner, page, table
from kinerja.publish.public import ORG_PREDIKAT, Projection
from kinerja.publish.suara import metodologi_parts

JENIS_JABATAN = {
    "jpt_utama": "JPT Utama",
    "jpt_madya": "JPT Madya",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "pelaksana": "Pelaksana",
    "fungsional": "Fungsional",
    "pejabat_negara": "Pejabat negara (Bupati/Wakil Bupati)",
}
JENJANG = {
    "ahli_pertama": "Ahli Pertama", "ahli_muda": "Ahli Muda", "ahli_madya": "Ahli Madya", "ahli_utama": "Ahli Utama",
    "pemula": "Pemula", "terampil": "Terampil", "mahir": "Mahir", "penyelia": "Penyelia",
}
VERIFY = "ketentuan ini belum dipastikan dari sumber resmi dan dapat diubah pengelola"


def _num(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x).replace(".", ",")


def _jabatan(key: str) -> str:
    if key.startswith("fungsional."):
        return "Fungsional " + JENJANG.get(key.split(".", 1)[1], key.split(".", 1)[1])
    return JENIS_JABATAN.get(key, key)


def status_section(rs: RuleSet, table) -> list:
    """The public IKI status (score/status.py), as the rule file states it."""
    st = rs.status_iki
    if not st:
        return []
    out: list = [md_heading(3, "Status IKI di situs ini")]
    out.append(el("p", join(esc(st.get("keterangan", "")), esc(f" ({VERIFY}.)" if st.get("verifikasi") else ""))))
    ambang = _num(st["ambang_sesuai_jalur"])
    out.append(el("p", "Capaian IKI pada suatu periode dibandingkan dengan kemajuan yang diharapkan pada akhir periode itu. "
                       "IKI yang realisasinya per periode (jenis_realisasi: per_periode) diharapkan mencapai target penuh setiap "
                       "periode; IKI kumulatif (jenis_realisasi: kumulatif) diharapkan mencapai bagian target sebanding waktu: "
                       "triwulan ke-k dari 4 berarti k/4 target, bulan ke-m berarti m/12 target. IKI yang rencananya belum "
                       "menyebut jenis_realisasi dianggap kumulatif. Untuk indikator lebih kecil lebih baik dan target rentang "
                       "dipakai capaian seperti dijelaskan di atas. Status sasaran adalah status terburuk dari IKI pada RHK "
                       "kepala perangkat daerah yang ditautkan ke sasaran itu."))
    labels = {k: v for k, v in st["status"].items()}
    rows = [
        [join(esc(labels["tercapai"]["simbol"] + " "), esc(labels["tercapai"]["label"])), el("code", "tercapai"), "capaian sedikitnya 100% dari target"],
        [join(esc(labels["sesuai_jalur"]["simbol"] + " "), esc(labels["sesuai_jalur"]["label"])), el("code", "sesuai_jalur"),
         f"capaian di bawah 100% tetapi sedikitnya {ambang}% dari kemajuan yang diharapkan"],
        [join(esc(labels["perlu_perhatian"]["simbol"] + " "), esc(labels["perlu_perhatian"]["label"])), el("code", "perlu_perhatian"),
         f"capaian di bawah {ambang}% dari kemajuan yang diharapkan"],
        [join(esc(labels["belum_ada_data"]["simbol"] + " "), esc(labels["belum_ada_data"]["label"])), el("code", "belum_ada_data"),
         "belum ada evaluasi final, atau capaiannya tidak dapat dihitung (misalnya target naratif)"],
    ]
    out.append(table(["Status", "Kode", "Syarat"], rows, caption="Status IKI per periode"))
    return out


def rule_set_section(rs: RuleSet, years: list[int], table) -> list:
    out: list = [md_heading(2, f"Aturan {rs.id}"), el("p", el("strong", rs.nama))]
    used = f"Dipakai untuk data tahun {', '.join(str(y) for y in years)}." if years else "Tidak dipakai untuk data yang tampil di situs ini."
    intro = [esc(f"Berkas aturan rules/{rs.id}.yml. {used} Sumber: "), esc("; ".join(rs.sumber) if rs.sumber else "–"), esc(".")]
    out.append(el("p", join(*intro)))
    labels = dict(rs.predikat)
    out.append(el("p", "Predikat dari terendah ke tertinggi: " + ", ".join(label for _, label in rs.predikat) + "."))
    out.append(md_heading(3, "Nama di situs dan di berkas YAML"))
    out.append(el("p", "Nama yang dibaca warga dan pegawai, dan cara menuliskannya di berkas data (misalnya "
                       "“Di Atas Ekspektasi” ditulis di_atas_ekspektasi)."))
    names = [["Predikat", label, el("code", pid)] for pid, label in rs.predikat]
    names += [["Rating", label, el("code", rid)] for rid, label in rs.rating]
    out.append(table(["Jenis", "Di situs", "Di berkas YAML"], names, search=True))
    if rs.metode == "kuadran":
        ratings = [r for r, _ in rs.rating][::-1]
        rows = []
        for hasil in ratings:
            rows.append([el("strong", rs.rating_label(hasil))] + [labels.get(rs.kuadran.get(hasil, {}).get(p), "–") for p in ratings[::-1]])
        out.append(md_heading(3, "Predikat dari dua rating"))
        out.append(el("p", "Tidak ada rumus angka: pejabat penilai memberi rating hasil kerja dan rating perilaku kerja, lalu predikat "
                           "dibaca dari tabel ini (baris: rating hasil kerja; kolom: rating perilaku kerja)."))
        out.append(table(["Rating hasil kerja \\ perilaku"] + [rs.rating_label(p) for p in ratings[::-1]], rows, search=True))
        if rs.sinonim:
            rows = [[vocab.replace("_", " "), term, labels.get(canon) or rs.rating_label(canon) if vocab != "predikat_organisasi" else ORG_PREDIKAT.get(canon, canon)]
                    for vocab, terms in sorted(rs.sinonim.items()) for term, canon in sorted(terms.items())]
            out.append(md_heading(3, "Istilah lain atau sinonim"))
            out.append(el("p", "Istilah yang beredar di formulir dan aplikasi lain. Menuliskannya di berkas data dianggap kesalahan, dengan pesan yang menyebut istilah bakunya."))
            out.append(table(["Kelompok", "Istilah lain", "Istilah baku"], rows, search=False))
        k = rs.konsistensi
        if k:
            out.append(md_heading(3, "Peringatan konsistensi"))
            out.append(el("p", f"Rating hasil kerja diperiksa terhadap rating per RHK. “Sebagian besar” berarti lebih dari "
                               f"{_num(k.get('ambang_sebagian_besar_persen', 50))}% RHK yang dinilai. Hasilnya peringatan bagi "
                               "peninjau, bukan larangan, dan tidak diterbitkan per orang."))
            rows = []
            for rating, rule in k.get("aturan", {}).items():
                extra = ""
                if rule.get("tidak_boleh_rhk_utama"):
                    extra = "Tidak ada RHK utama: " + ", ".join(rs.rating_label(x).lower() for x in rule["tidak_boleh_rhk_utama"]) + "."
                rows.append([rs.rating_label(rating), ", ".join(rs.rating_label(x).lower() for x in rule.get("sebagian_besar", [])), extra, rule.get("keterangan", "")])
            out.append(table(["Rating hasil kerja", "Sebagian besar RHK", "Syarat tambahan", "Panduan"], rows))
        if rs.perilaku_kerja:
            out.append(md_heading(3, "Perilaku kerja BerAKHLAK"))
            rows = [[v.get("label", v.get("id")), el("ul", [el("li", g) for g in v.get("pedoman", [])])] for v in rs.perilaku_kerja]
            out.append(table(["Nilai dasar", "Pedoman perilaku"], rows))
        if rs.capaian:
            out.append(md_heading(3, "Capaian IKI"))
            out.append(el("p", rs.capaian.get("keterangan", "")))
            out.append(el("p", f"Capaian dihitung dengan pecahan eksak dan hanya dibulatkan saat ditampilkan: "
                               f"{rs.capaian.get('desimal_tampilan', 1)} angka desimal, pembulatan setengah ke atas. Capaian di bawah 0% "
                               "ditampilkan 0%. Target naratif (pendekatan kualitatif) tidak dihitung capaiannya. Capaian adalah bukti "
                               "objektif untuk dialog kinerja; predikat tetap ditentukan oleh rating pejabat penilai."))
        out += status_section(rs, table)
        m = rs.org_ke_rating
        if m:
            out.append(md_heading(3, "Predikat organisasi menjadi rating kepala unit"))
            out.append(el("p", join(esc(m.get("keterangan", "")), esc(f" ({VERIFY}.)" if m.get("verifikasi") else ""))))
            rows = [[ORG_PREDIKAT.get(o, o), rs.rating_label(r)] for o, r in m.get("peta", {}).items()]
            out.append(table(["Predikat organisasi", "Rating hasil kerja kepala unit"], rows))
        kv = rs.kurva
        if kv:
            out.append(md_heading(3, "Pola distribusi atau kurva"))
            out.append(el("p", f"Sebaran predikat pegawai di sebuah kelompok penilaian dibandingkan dengan pola menurut predikat organisasinya "
                               f"(SE MenPANRB 03/2023). Ini panduan, bukan larangan. Kelompok dengan kurang dari "
                               f"{kv.get('ukuran_kelompok_minimum')} pegawai dilaporkan terlalu kecil untuk dinilai."
                               + (f" ({VERIFY}.)" if kv.get("verifikasi") else "")))
            if kv.get("pembulatan"):
                out.append(el("p", "Pembulatan: " + kv["pembulatan"]))
            rows = []
            for org, items in kv.get("aturan", {}).items():
                for item in items:
                    cond = []
                    if "maks_persen" in item:
                        cond.append(f"paling banyak {_num(item['maks_persen'])}%")
                    if "min_persen" in item:
                        cond.append(f"paling sedikit {_num(item['min_persen'])}%")
                    if "min_orang" in item:
                        cond.append(f"paling sedikit {item['min_orang']} orang")
                    if item.get("terbanyak"):
                        cond.append("kelompok terbanyak")
                    rows.append([ORG_PREDIKAT.get(org, org), " dan/atau ".join(labels.get(p, p) for p in item["predikat"]), "; ".join(cond)])
            out.append(table(["Predikat organisasi", "Predikat pegawai", "Pola"], rows))
        ak = rs.angka_kredit
        if ak:
            out.append(md_heading(3, "Angka kredit jabatan fungsional"))
            out.append(el("p", "Angka kredit = jumlah, untuk setiap bulan rencana, 1/12 × persentase konversi predikat × koefisien "
                               "tahunan jenjang yang dipegang pada bulan itu, dari predikat evaluasi penutup rencana (tahunan untuk "
                               "rencana setahun penuh). Bila jenjang berubah di tengah satu rencana, bulan-bulan jenjang lama dihitung "
                               "dengan koefisien lama dan bulan-bulan jenjang baru dengan koefisien baru, dan hasil penilaian memberi "
                               "peringatan bahwa jenjang baru memerlukan SKP baru. Dihitung eksak, ditampilkan "
                               f"{ak.get('desimal_tampilan', 2)} angka desimal. Angka kredit perorangan tidak diterbitkan di situs ini."))
            part = ak.get("bulan_sebagian")
            if part:
                day = {"hari_pertama": "tanggal 1", "hari_terakhir": "hari terakhir"}.get(part.get("hitung"), part.get("hitung"))
                out.append(el("p", join(esc(f"Bulan yang tercakup sebagian (hari penentu: {day} bulan itu): "), esc(part.get("keterangan", "")),
                                        esc(f" Sumber: {part['sumber']}." if part.get("sumber") else ""),
                                        esc(f" ({VERIFY}.)" if part.get("verifikasi") else ""))))
            rows = [[labels.get(p, p), f"{_num(v)}%"] for p, v in ak.get("konversi_persen", {}).items()]
            out.append(table(["Predikat", "Konversi"], rows))
            rows = [[JENJANG.get(j, j), _num(c.get("nilai")), VERIFY if c.get("verifikasi") else "terkonfirmasi"] for j, c in ak.get("koefisien_tahunan", {}).items()]
            out.append(table(["Jenjang", "Koefisien tahunan", "Status"], rows))
        kd = rs.keadilan
        if kd:
            out.append(md_heading(3, "Indikator keadilan penilaian"))
            out.append(el("p", join(esc("Laporan keadilan (kinerja fairness) dibuat admin BKPSDM di komputernya sendiri dan tidak diterbitkan, "
                                        "karena menyebut pejabat penilai. Definisi dan ambangnya diterbitkan di sini. Indikator hanya "
                                        f"dihitung untuk pejabat penilai dan kelompok dengan sedikitnya {kd.get('penilai_minimum_dinilai')} "
                                        "pegawai dinilai final pada periode itu, sesudah kalibrasi yang diberlakukan (sebaran sebelum kalibrasi "
                                        "ditampilkan di sampingnya)."),
                                    esc(f" Sumber: {kd['sumber']}." if kd.get("sumber") else ""),
                                    esc(f" ({VERIFY}.)" if kd.get("verifikasi") else ""))))
            rows = [["Kelonggaran (leniency)", kd["lunak"]["keterangan"]],
                    ["Kecenderungan ke tengah", kd["terpusat"]["keterangan"]],
                    ["Selisih dengan predikat organisasi", kd["selisih_organisasi"]["keterangan"]],
                    ["Rating di atas ekspektasi berbukti", "Bagian RHK berrating di atas ekspektasi yang laporan realisasinya memuat bukti dukung."],
                    ["Ketepatan waktu", "Bagian evaluasi yang menjadi final (menurut waktu commit git yang menggabungkannya, zona waktu "
                                        "instansi) paling lambat sekian hari setelah periode berakhir menurut tenggat instansi, dan median "
                                        "harinya; hari terakhir periode dihitung hari ke-0."]]
            out.append(table(["Indikator", "Definisi"], rows))
        if rs.penilai_lazim:
            out.append(md_heading(3, "Pejabat penilai yang lazim"))
            out.append(el("p", "Pejabat penilai diturunkan dari pohon unit: naik dari unit pegawai, kepala pertama yang menjabat "
                               "(definitif, lalu Plt., lalu Plh.) yang jenis jabatannya ada di tabel ini; kepala unit berjabatan "
                               "fungsional (kepala sekolah, kepala puskesmas) selalu dihitung. Bila tidak ada yang cocok, kepala "
                               "terdekat di perangkat daerah yang sama yang menilai. Penilai yang ditulis di data pegawai adalah "
                               "pengecualian beralasan."))
            rows = [[_jabatan(k), ", ".join(_jabatan(x) for x in v)] for k, v in rs.penilai_lazim.items()]
            out.append(table(["Jabatan pegawai", "Pejabat penilai"], rows))
        pp = rs.penentuan_penilai
        if pp:
            rows = []
            for key, label in (("plt_menilai", "Plt. (jabatan kosong) menilai bawahan jabatan itu"),
                               ("plh_menilai", "Plh. (kepala berhalangan sementara) menilai bawahan jabatan itu")):
                if key in pp:
                    flag = pp[key]
                    rows.append([label, "ya" if flag.get("nilai") else "tidak",
                                 (VERIFY + (f"; sumber: {flag['sumber']}" if flag.get("sumber") else "")) if flag.get("verifikasi") else "terkonfirmasi"])
            if pp.get("kepala_perangkat_daerah_dinilai_oleh"):
                rows.append(["Kepala perangkat daerah dinilai oleh kepala", pp["kepala_perangkat_daerah_dinilai_oleh"].replace("_", " "), "terkonfirmasi"])
            if pp.get("pergantian_dalam_periode") == "akhir_periode":
                rows.append(["Penilai berganti dalam satu periode", "yang menjabat pada hari terakhir periode menilai; masukan "
                             "penilai sebelumnya dicatat", "keputusan instansi"])
            out.append(md_heading(3, "Penentuan pejabat penilai"))
            out.append(table(["Aturan", "Nilai", "Status"], rows))
    else:
        n = rs.numerik
        out.append(md_heading(3, "Nilai angka aturan lama"))
        w = n.get("bobot_persen", {})
        out.append(el("p", f"Nilai akhir = {_num(w.get('skp', 0))}% nilai SKP + {_num(w.get('perilaku', 0))}% nilai perilaku. "
                           "Nilai perilaku = rata-rata aspek perilaku yang diisi."))
        skp = n.get("nilai_skp")
        if skp:
            out.append(el("p", join(esc("Nilai SKP: " + skp.get("keterangan", "")), esc(f" Sumber: {skp['sumber']}." if skp.get("sumber") else ""))))
        extras = []
        tt = n.get("tugas_tambahan")
        if tt:
            steps = sorted(tt.get("pita", []), key=lambda b: b["min_jumlah"])
            for i, b in enumerate(steps):
                top = steps[i + 1]["min_jumlah"] - 1 if i + 1 < len(steps) else None
                count = f"{b['min_jumlah']}–{top}" if top is not None and top != b["min_jumlah"] else (f"{b['min_jumlah']}" if top is not None else f"{b['min_jumlah']} atau lebih")
                extras.append([f"Tugas tambahan: {count}", f"+{_num(b['nilai'])}", VERIFY if tt.get("verifikasi") else "terkonfirmasi", tt.get("sumber", "–")])
        kr = n.get("kreativitas")
        if kr:
            names = {"unit_kerja": "unit kerja", "instansi": "instansi", "nasional": "nasional"}
            for level, v in kr.get("tingkat", {}).items():
                extras.append([f"Kreativitas tingkat {names.get(level, level)}", f"+{_num(v)}", VERIFY if kr.get("verifikasi") else "terkonfirmasi", kr.get("sumber", "–")])
        if extras:
            out.append(table(["Tambahan pada nilai SKP", "Nilai", "Status", "Sumber"], extras))
        rows = []
        for aspek, rule in n.get("aspek", {}).items():
            if rule.get("rumus") == "efisiensi":
                text = (f"({_num(rule.get('faktor'))} × target − realisasi) / target × 100 bila efisiensi tidak melebihi "
                        f"{_num(rule.get('batas_efisiensi_persen'))}%; di atas itu rumusnya tidak ditemukan sehingga dilaporkan tidak dapat dihitung")
            else:
                text = "realisasi / target × 100"
            rows.append([aspek, text])
        out.append(table(["Aspek", "Rumus"], rows))
        rows = [[p.get("label", p.get("id")), "hanya jabatan struktural" if p.get("hanya_struktural") else "semua"] for p in n.get("perilaku", [])]
        if rows:
            out.append(table(["Aspek perilaku", "Berlaku untuk"], rows))
        rows = [[f"≥ {_num(b['min'])}", labels.get(b["predikat"], b["predikat"])] for b in n.get("pita", [])]
        out.append(table(["Nilai", "Predikat"], rows))
    return out


def page_text(proj: Projection) -> str:
    parts: list = [fiktif_banner(proj)]
    parts.append(el("p", "Halaman ini dibuat otomatis dari berkas aturan yang sama yang dibaca penghitung predikat. Bila instansi "
                         "mengubah aturan lewat pull request yang ditinjau, halaman ini ikut berubah pada pembangunan berikutnya."))
    parts.append(md_heading(2, "Yang ditampilkan situs ini"))
    parts.append(el("ul", [
        el("li", "Realisasi dan capaian berasal dari evaluasi berstatus final. Evaluasi draf hanya dihitung jumlahnya."),
        el("li", f"Sebaran predikat diterbitkan per kelompok penilaian (unit yang punya predikat organisasi sendiri) bila sedikitnya "
                 f"{proj.policy.unit.kelompok_minimum} pegawai dinilai final dan predikatnya tidak tampil secara perorangan. Jumlah untuk "
                 "seluruh kabupaten hanya menjumlahkan kelompok yang diterbitkan."),
        el("li", "Predikat dan peringatan konsistensi dihitung oleh perangkat lunak yang sama dengan yang memeriksa setiap pull request."),
        el("li", "Realisasi setiap IKI bertarget angka bersifat kumulatif (bawaan: jumlah sejak awal rencana sampai akhir periode; "
                 "capaian tahunan = realisasi periode terakhir) atau per periode (target berlaku tiap periode; capaian tahunan = "
                 "rata-rata realisasi periode-periodenya dibanding target), sesuai kolom jenis_realisasi di rencana."),
        el("li", "Rating yang diubah sesudah final (kalibrasi, lalu keputusan keberatan menurut PP 30/2019 Pasal 59) dipakai "
                 "menggantikan rating evaluasi. Keberatan diajukan paling lambat 14 hari kalender sesudah evaluasi final "
                 "(tenggat.keberatan_hari); batas waktu keputusan keberatan (tenggat.keputusan_keberatan_hari) belum "
                 "diverifikasi terhadap peraturan dan hanya dipakai untuk pengingat."),
    ]))
    for rs in proj.rule_sets:
        parts += rule_set_section(rs, proj.rule_years.get(rs.id, []), table)
    parts += metodologi_parts(proj)
    return page("Metodologi", parts)
