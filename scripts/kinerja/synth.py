"""A synthetic regency of N people, for benchmarks (never written into the repository).

Deterministic for a given N and seed: perangkat daerah with bidang and seksi, a head per
unit, staff of every jenis jabatan, a full cascade, one plan per person and four quarterly
evaluations each, with realistic text lengths (a plan ~3 KB, an evaluation ~3-4 KB).
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path


YEAR = 2026
PERIODS = ("triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4")
RATINGS = ("di_atas_ekspektasi", "sesuai_ekspektasi", "sesuai_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
WORDS = (
    "layanan data laporan dokumen masyarakat kinerja anggaran program kegiatan sekolah puskesmas "
    "pendaftaran verifikasi pembinaan evaluasi pemantauan aplikasi informasi kepegawaian pengaduan "
    "tepat waktu akurat terintegrasi berkualitas lengkap terbuka cepat ramah"
).split()


def write_new(path: Path, text: str) -> None:
    # The target folder is new and private to the benchmark: plain writes, no fsync.
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:
        fh.write(text)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def generate(target: Path, people: int = 5000, seed: int = 2026, template_root: Path | None = None) -> dict:
    """Write a complete repository into `target` (which must not exist). Returns counts."""
    rng = random.Random(seed)
    target.mkdir(parents=True)
    if template_root is not None:
        for folder in ("schemas", "rules"):
            shutil.copytree(template_root / folder, target / folder)
    (target / "mkdocs.yml").write_text("site_name: Kabupaten Sintetis\ndocs_dir: site\nsite_dir: public\n", encoding="utf-8")
    (target / "site").mkdir()
    (target / "site" / "index.md").write_text("# Kabupaten sintetis\n", encoding="utf-8")

    units: list[tuple] = []  # (file_unit, id, nama, jenis, induk, jabatan_kepala, jenis_jabatan_kepala)
    persons: list[dict] = []
    n_pd = max(3, people // 200)

    def person(unit: str, jabatan: str, jenis: str, penilai: str | None, head: bool, jenjang: str | None = None) -> str:
        pid = f"p-{len(persons) + 1:05d}"
        persons.append(dict(id=pid, unit=unit, jabatan=jabatan, jenis=jenis, penilai=penilai, head=head, jenjang=jenjang))
        return pid

    bupati = person("kab", "Bupati", "pejabat_negara", None, True)
    sekda = None
    for d in range(n_pd):
        pd = f"pd{d:03d}"
        units.append((pd, pd, f"Dinas Sintetis {d}", "dinas", None, f"Kepala Dinas Sintetis {d}", "jpt_pratama"))
        head = person(pd, f"Kepala Dinas Sintetis {d}", "jpt_pratama", sekda or bupati, True)
        sekda = sekda or head
        for b in range(4):
            bid = f"{pd}-b{b}"
            units.append((pd, bid, f"Bidang {b}", "bidang", pd, f"Kepala Bidang {b}", "administrator"))
            kabid = person(bid, f"Kepala Bidang {b}", "administrator", head, True)
            for s in range(2):
                sid = f"{bid}-s{s}"
                units.append((pd, sid, f"Seksi {b}.{s}", "seksi", bid, f"Kepala Seksi {b}.{s}", "pengawas"))
                person(sid, f"Kepala Seksi {b}.{s}", "pengawas", kabid, True)
    heads = list(persons)
    seksi_heads = [p for p in heads if p["jenis"] == "pengawas"]
    i = 0
    while len(persons) < people:
        boss = seksi_heads[i % len(seksi_heads)]
        i += 1
        if rng.random() < 0.4:
            person(boss["unit"], "Pranata Komputer Ahli Pertama", "fungsional", boss["id"], False, "ahli_pertama")
        else:
            person(boss["unit"], "Pengelola Data", "pelaksana", boss["id"], False)

    org = target / "organisation"
    write_new(
        org / "instansi.yml",
        "versi_format: 1\nid: kab\nnama: Kabupaten Sintetis\njabatan_kepala: Bupati\nfiktif: true\n"
        f"admin: [{persons[1]['id']}]\nperiode_ditutup:\n  \"{YEAR}\": [triwulan_1, triwulan_2]\n"
        "aturan:\n  - mulai_tahun: 2023\n    aturan: permenpanrb-6-2022\n",
    )
    by_pd: dict[str, list] = {}
    for u in units:
        by_pd.setdefault(u[0], []).append(u)
    for pd, items in by_pd.items():
        head = items[0]
        # the first perangkat daerah plays the Sekretariat Daerah: its head rates the other heads
        jenis = "sekretariat_daerah" if pd == units[0][0] else "dinas"
        lines = [
            "versi_format: 1", f"id: {pd}", f"nama: {head[2]}", f"jenis: {jenis}",
            f"jabatan_kepala: {head[5]}", "jenis_jabatan_kepala: jpt_pratama", "fiktif: true", "sub_unit:",
        ]
        for _, uid, nama, jenis, induk, kepala, jj in items[1:]:
            lines += [f"  - id: {uid}", f"    nama: {nama}", f"    jenis: {jenis}", f"    induk: {induk}",
                      f"    jabatan_kepala: {kepala}", f"    jenis_jabatan_kepala: {jj}"]
        write_new(org / "units" / f"{pd}.yml", "\n".join(lines) + "\n")
        goals = ["versi_format: 1", f"unit: {pd}", f"tahun: {YEAR}", "sasaran:"]
        for g in range(1, 4):
            goals += [f"  - id: ss-{g}", f"    uraian: {_text(rng, 8)}"]
        write_new(org / "goals" / str(YEAR) / f"{pd}.yml", "\n".join(goals) + "\n")
    for n, p in enumerate(persons):
        lines = ["versi_format: 1", f"id: {p['id']}", f"nama: Pegawai Sintetis {n}",
                 f"status_kepegawaian: {'non_asn' if p['jenis'] == 'pejabat_negara' else 'pns'}",
                 "github:", f"  login: synth-{p['id']}", f"  id: {100000 + n}", "penugasan:",
                 "  - mulai: 2020-01-01", f"    unit: {p['unit']}", f"    jabatan: {p['jabatan']}", f"    jenis_jabatan: {p['jenis']}"]
        if p["jenjang"]:
            lines.append(f"    jenjang: {p['jenjang']}")
        if p["head"]:
            lines.append("    kepala_unit: true")
        # no pejabat_penilai: it is derived from the unit tree (model/org.py) and equals p["penilai"]
        lines.append("fiktif: true")
        write_new(org / "people" / f"{p['id']}.yml", "\n".join(lines) + "\n")
    # the regency itself is a unit only through instansi.yml; the Bupati heads it
    plans = evaluations = 0
    for p in persons:
        if p["jenis"] == "pejabat_negara":
            continue
        rhk_lines = []
        for r in range(1, 4):
            link = f"sasaran: ss-{r}" if p["jenis"] == "jpt_pratama" else f"intervensi: {p['penilai']}/rhk-{rng.randint(1, 3)}"
            rhk_lines += [f"  - id: rhk-{r}", f"    jenis: {'utama' if r < 3 else 'tambahan'}", f"    uraian: \"{_text(rng, 14)}\"", f"    {link}"]
            if p["jenis"] == "jpt_pratama":
                rhk_lines.append("    perspektif: penerima_layanan")
            rhk_lines.append("    indikator:")
            for k in range(1, 3):
                rhk_lines += [f"      - id: iki-{k}", "        aspek: kuantitas", f"        uraian: \"{_text(rng, 12)}\"",
                              f"        target: {{nilai: {rng.randint(4, 40)}, satuan: dokumen}}"]
        plan = ["versi_format: 1", f"pegawai: {p['id']}", f"tahun: {YEAR}", "periode:", f"  mulai: {YEAR}-01-01",
                f"  selesai: {YEAR}-12-31", f"jabatan: {p['jabatan']}", f"unit: {p['unit']}", "status: disetujui",
                "pendekatan: kuantitatif", "hasil_kerja:", *rhk_lines,
                "perilaku_kerja:", "  kolaboratif:", f"    ekspektasi_khusus: \"{_text(rng, 12)}\"",
                "lampiran:", f"  dukungan_sumber_daya: [\"{_text(rng, 6)}\"]"]
        write_new(target / "plans" / str(YEAR) / f"{p['id']}.yml", "\n".join(plan) + "\n")
        plans += 1
        for period in PERIODS:
            real = ["realisasi:", "  hasil_kerja:"]
            pen = ["penilaian:", "  hasil_kerja:"]
            for r in range(1, 4):
                real += [f"    - rhk: rhk-{r}", f"      uraian: \"{_text(rng, 16)}\"", "      indikator:"]
                real += [f"        - iki: iki-{k}\n          realisasi: {rng.randint(0, 40)}" for k in range(1, 3)]
                real += ["      bukti_dukung:", f"        - url: https://dokumen.sintetis.example/{p['id']}/{period}/{r}.pdf",
                         "          publik: true", f"          keterangan: \"{_text(rng, 5)}\""]
                pen += [f"    - rhk: rhk-{r}", f"      rating: {rng.choice(RATINGS)}", f"      umpan_balik: \"{_text(rng, 18)}\""]
            pen += ["  perilaku_kerja:", "    akuntabel:", f"      umpan_balik: \"{_text(rng, 10)}\"",
                    f"  rating_hasil_kerja: {rng.choice(RATINGS)}", f"  rating_perilaku_kerja: {rng.choice(RATINGS)}"]
            status = "final" if period != "triwulan_4" else "draf"
            ev = ["versi_format: 1", f"pegawai: {p['id']}", f"tahun: {YEAR}", f"periode: {period}", f"status: {status}",
                  f"pejabat_penilai: {p['penilai']}", *real, *pen]
            write_new(target / "evaluations" / str(YEAR) / period / f"{p['id']}.yml", "\n".join(ev) + "\n")
            evaluations += 1
    return {"people": len(persons), "units": len(units), "plans": plans, "evaluations": evaluations}
