"""The Metodologi page, rendered from the same rule files (rules/*.yml) the scorer reads.

Nothing here states a rule number of its own: the quadrant, synonyms, consistency
guidance, BerAKHLAK guides, capaian formula, organisation->rating mapping, the curve, angka
kredit and the usual evaluator pairs all come from the RuleSet records (reached through
the projection). Rule files are reviewed admin data, but their text is still escaped.
"""

from __future__ import annotations

from kinerja.model.rules import RuleSet
from kinerja.publish.html import el, esc, join, md_heading
from kinerja.publish.projection import ORG_PREDIKAT, Projection

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
VERIFY = "perlu verifikasi (bersumber dari satu rujukan; dapat diubah instansi)"


def _num(x) -> str:
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x).replace(".", ",")


def _jabatan(key: str) -> str:
    if key.startswith("fungsional."):
        return "Fungsional " + JENJANG.get(key.split(".", 1)[1], key.split(".", 1)[1])
    return JENIS_JABATAN.get(key, key)


def rule_set_section(rs: RuleSet, years: list[int], table) -> list:
    out: list = [el("h2", f"{rs.nama}", id=f"aturan-{rs.id}")]
    used = f"Dipakai untuk data tahun {', '.join(str(y) for y in years)}." if years else "Tidak dipakai untuk data yang tampil di situs ini."
    intro = [esc(f"Berkas aturan rules/{rs.id}.yml. {used} Sumber: "), esc("; ".join(rs.sumber) if rs.sumber else "–"), esc(".")]
    out.append(el("p", join(*intro)))
    labels = dict(rs.predikat)
    out.append(el("p", "Predikat dari terendah ke tertinggi: " + ", ".join(label for _, label in rs.predikat) + "."))
    if rs.metode == "kuadran":
        ratings = [r for r, _ in rs.rating][::-1]
        rows = []
        for hasil in ratings:
            rows.append([el("strong", rs.rating_label(hasil))] + [labels.get(rs.kuadran.get(hasil, {}).get(p), "–") for p in ratings[::-1]])
        out.append(el("h3", "Predikat dari dua rating (kuadran)", id=f"kuadran-{rs.id}"))
        out.append(el("p", "Tidak ada rumus angka: pejabat penilai memberi rating hasil kerja dan rating perilaku kerja, lalu predikat "
                           "dibaca dari tabel ini (baris: rating hasil kerja; kolom: rating perilaku kerja)."))
        out.append(table(["Rating hasil kerja \\ perilaku"] + [rs.rating_label(p) for p in ratings[::-1]], rows, search=True))
        if rs.sinonim:
            rows = [[vocab.replace("_", " "), term, labels.get(canon) or rs.rating_label(canon) if vocab != "predikat_organisasi" else ORG_PREDIKAT.get(canon, canon)]
                    for vocab, terms in sorted(rs.sinonim.items()) for term, canon in sorted(terms.items())]
            out.append(el("h3", "Istilah lain (sinonim)", id=f"sinonim-{rs.id}"))
            out.append(el("p", "Istilah yang beredar di formulir dan aplikasi lain. Menuliskannya di berkas data dianggap kesalahan, dengan pesan yang menyebut istilah bakunya."))
            out.append(table(["Kelompok", "Istilah lain", "Istilah baku"], rows, search=False))
        k = rs.konsistensi
        if k:
            out.append(el("h3", "Peringatan konsistensi", id=f"konsistensi-{rs.id}"))
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
            out.append(el("h3", "Perilaku kerja (BerAKHLAK)", id=f"berakhlak-{rs.id}"))
            rows = [[v.get("label", v.get("id")), el("ul", [el("li", g) for g in v.get("pedoman", [])])] for v in rs.perilaku_kerja]
            out.append(table(["Nilai dasar", "Pedoman perilaku"], rows))
        if rs.capaian:
            out.append(el("h3", "Capaian IKI", id=f"capaian-{rs.id}"))
            out.append(el("p", rs.capaian.get("keterangan", "")))
            out.append(el("p", f"Capaian dihitung dengan pecahan eksak dan hanya dibulatkan saat ditampilkan: "
                               f"{rs.capaian.get('desimal_tampilan', 1)} angka desimal, pembulatan setengah ke atas. Capaian di bawah 0% "
                               "ditampilkan 0%. Target naratif (pendekatan kualitatif) tidak dihitung capaiannya. Capaian adalah bukti "
                               "objektif untuk dialog kinerja; predikat tetap ditentukan oleh rating pejabat penilai."))
        m = rs.org_ke_rating
        if m:
            out.append(el("h3", "Predikat organisasi menjadi rating kepala unit", id=f"organisasi-{rs.id}"))
            out.append(el("p", join(esc(m.get("keterangan", "")), esc(f" ({VERIFY}.)" if m.get("verifikasi") else ""))))
            rows = [[ORG_PREDIKAT.get(o, o), rs.rating_label(r)] for o, r in m.get("peta", {}).items()]
            out.append(table(["Predikat organisasi", "Rating hasil kerja kepala unit"], rows))
        kv = rs.kurva
        if kv:
            out.append(el("h3", "Pola distribusi (kurva)", id=f"kurva-{rs.id}"))
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
            out.append(el("h3", "Angka kredit jabatan fungsional", id=f"angka-kredit-{rs.id}"))
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
            out.append(el("h3", "Indikator keadilan penilaian", id=f"keadilan-{rs.id}"))
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
            out.append(el("h3", "Pejabat penilai yang lazim", id=f"penilai-{rs.id}"))
            out.append(el("p", "Pasangan lain menghasilkan peringatan (bukan kesalahan). Kepala unit kerja pegawai sendiri selalu lazim."))
            rows = [[_jabatan(k), ", ".join(_jabatan(x) for x in v)] for k, v in rs.penilai_lazim.items()]
            out.append(table(["Jabatan pegawai", "Pejabat penilai"], rows))
    else:
        n = rs.numerik
        out.append(el("h3", "Nilai angka (aturan lama)", id=f"numerik-{rs.id}"))
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
    from kinerja.publish.pages import fiktif_banner, page, table

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
    ]))
    for rs in proj.rule_sets:
        parts += rule_set_section(rs, proj.rule_years.get(rs.id, []), table)
    return page("Metodologi", parts)
