"""Open data: CSV and JSON per year, a data dictionary, a JSON Schema and a Frictionless
datapackage.json, all from the same public projection as the pages (so a download can
never hold more than the site shows).

One table of field definitions (`RESOURCES`) drives the CSV header, the JSON rows, the
JSON Schema, the datapackage Table Schema and the dictionary on the Data terbuka page.
CSV: UTF-8 with BOM (spreadsheets then read it as UTF-8), CRLF, every text cell through
kinerja.safe.csv_cell so no cell can become a formula. Beside each CSV the same rows as .xlsx
with the data dictionary as its first sheet (publish/xlsxdata.py). JSON: UTF-8, sorted keys, numbers
rounded for display only where the site shows them rounded (capaian).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import marshal
import pickle
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

from kinerja.publish.gitinfo import epoch_date
from kinerja.publish.html import el, esc, href, md_heading
from kinerja.publish.pageparts import fiktif_banner, note as pnote, page, table as ptable
from kinerja.publish.public import Projection
from kinerja.publish.xlsxdata import to_xlsx
from kinerja.safe import csv_cell
from kinerja.score.numbers import as_number

BASE = "data-terbuka"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, number, boolean, date
    title: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    in_json: bool = True  # also a table of the year's data.json (False: a CSV/xlsx of rows other tables already hold)


F = Field


def _target_fields(shown: str, required: bool = False) -> tuple[Field, ...]:
    """The columns of a target, the same in every table that has one."""
    return (
        F("target", "string", "Target", shown, required),
        F("target_nilai", "number", "Nilai target", "Target tunggal (kosong untuk target rentang)."),
        F("target_min", "number", "Batas bawah target", "Batas bawah target rentang."),
        F("target_maks", "number", "Batas atas target", "Batas atas target rentang."),
        F("satuan", "string", "Satuan", "Satuan target."),
        F("lebih_kecil_lebih_baik", "boolean", "Lebih kecil lebih baik",
          "ya bila nilai yang lebih kecil berarti lebih baik (misalnya waktu atau biaya)."),
    )
STATUS_DESC = ("Status capaian pada periode itu: tercapai, sesuai_jalur, perlu_perhatian atau belum_ada_data "
               "(aturannya di halaman Metodologi, dari status_iki di berkas aturan).")

RESOURCES: tuple[Resource, ...] = (
    Resource("sasaran", "Sasaran organisasi", "Sasaran setiap perangkat daerah (dan sasaran daerah) beserta indikator dan targetnya; satu baris per indikator.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("unit", "string", "Id unit", "Id perangkat daerah, atau id kabupaten untuk sasaran daerah (RPJMD).", True),
        F("unit_nama", "string", "Nama unit", "Nama perangkat daerah atau pemerintah daerah.", True),
        F("sasaran", "string", "Id sasaran", "Id sasaran di dalam unit, misalnya ss-1.", True),
        F("sasaran_uraian", "string", "Sasaran", "Uraian sasaran.", True),
        F("mendukung", "string", "Mendukung sasaran", "Id sasaran daerah yang didukung (kosong bila tidak ada)."),
        F("indikator", "string", "Indikator", "Uraian indikator sasaran (kosong bila sasaran belum punya indikator)."),
        *_target_fields("Target seperti ditampilkan, misalnya 85 poin atau 75–85%."),
    )),
    Resource("rencana", "Rencana hasil kerja per jabatan", "RHK dan IKI setiap rencana (SKP) yang diterbitkan, menurut jabatan dan tanpa nama staf; satu baris per IKI. Kolom intervensi membentuk kaskade.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("kode_rencana", "string", "Kode rencana", "Kode rencana di dalam situs ini: <tahun>-<unit>-<nomor urut>. Bukan identitas orang; dapat berubah bila susunan pegawai berubah.", True),
        F("perangkat_daerah", "string", "Id perangkat daerah", "Perangkat daerah tempat unit berada.", True),
        F("unit", "string", "Id unit", "Unit kerja pemegang jabatan.", True),
        F("unit_nama", "string", "Nama unit", "Nama unit kerja.", True),
        F("jabatan", "string", "Jabatan", "Jabatan pemegang rencana (dengan nomor pemegang bila jabatan yang sama dipegang beberapa orang di unit itu).", True),
        F("kepala_unit", "boolean", "Kepala unit", "ya bila pemegang jabatan adalah kepala unit."),
        F("status_rencana", "string", "Status rencana", "disetujui atau draf.", True),
        F("pegawai", "string", "Id pegawai", "Id halaman perorangan bila halaman orang ini diterbitkan; kosong untuk pegawai lain."),
        F("rhk", "string", "Id RHK", "Id RHK di dalam rencana, misalnya rhk-1.", True),
        F("rhk_jenis", "string", "Jenis RHK", "utama atau tambahan.", True),
        F("rhk_uraian", "string", "RHK", "Uraian rencana hasil kerja.", True),
        F("intervensi", "string", "Mendukung", "Kaskade: <kode_rencana>/<rhk> dari RHK atasan yang didukung, atau sasaran:<unit>:<id sasaran>; kosong bila belum tertaut ke yang diterbitkan."),
        F("perspektif", "string", "Perspektif", "Perspektif RHK JPT (penerima layanan, proses bisnis, penguatan internal, anggaran)."),
        F("iki", "string", "Id IKI", "Id indikator kinerja individu di dalam RHK.", True),
        F("aspek", "string", "Aspek", "Kuantitas, kualitas, waktu atau biaya."),
        F("iki_uraian", "string", "IKI", "Uraian indikator kinerja individu.", True),
        *_target_fields("Target seperti ditampilkan, atau ukuran keberhasilan naratif.", required=True),
    )),
    Resource("realisasi", "Realisasi dan capaian IKI", "Realisasi setiap IKI per periode dari evaluasi final; satu baris per IKI per periode.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "triwulan_1 … triwulan_4 (triwulan_4 = tahunan) atau bulan_01 … bulan_12.", True),
        F("kode_rencana", "string", "Kode rencana", "Menghubungkan ke tabel rencana.", True),
        F("rhk", "string", "Id RHK", "Id RHK.", True),
        F("iki", "string", "Id IKI", "Id IKI.", True),
        F("realisasi", "string", "Realisasi", "Realisasi seperti dilaporkan (angka atau teks)."),
        F("realisasi_angka", "number", "Realisasi (angka)", "Realisasi bila berupa angka."),
        F("capaian_persen", "number", "Capaian (%)", "Realisasi dibanding target dalam persen, dibulatkan (lihat Metodologi); kosong bila tidak dapat dihitung."),
        F("keterangan", "string", "Keterangan", "Mengapa capaian tidak dihitung, atau catatan cara menghitungnya."),
        F("status", "string", "Status", STATUS_DESC, True),
    )),
    Resource("realisasi_lengkap", "Realisasi lengkap (satu tabel)", "Realisasi setiap IKI per periode beserta unit, jabatan, RHK, IKI dan target, tanpa perlu menggabungkan tabel; satu baris per IKI per periode.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "triwulan_1 … triwulan_4 atau bulan_01 … bulan_12.", True),
        F("perangkat_daerah", "string", "Id perangkat daerah", "Perangkat daerah tempat unit berada.", True),
        F("unit", "string", "Id unit", "Unit kerja pemegang jabatan.", True),
        F("unit_nama", "string", "Nama unit", "Nama unit kerja.", True),
        F("jabatan", "string", "Jabatan", "Jabatan pemegang rencana.", True),
        F("rhk_uraian", "string", "RHK", "Uraian rencana hasil kerja.", True),
        F("iki_uraian", "string", "IKI", "Uraian indikator kinerja individu.", True),
        F("target", "string", "Target", "Target seperti ditampilkan.", True),
        F("jenis_realisasi", "string", "Jenis realisasi", "per_periode atau kumulatif (kumulatif bila rencana tidak menyebutnya).", True),
        F("realisasi", "string", "Realisasi", "Realisasi seperti dilaporkan (angka atau teks)."),
        F("capaian_persen", "number", "Capaian (%)", "Realisasi dibanding target dalam persen, dibulatkan; kosong bila tidak dapat dihitung."),
        F("status", "string", "Status", STATUS_DESC, True),
    ), in_json=False),  # the rencana and realisasi rows joined: in data.json they would be the same rows twice
    Resource("perubahan_target", "Perubahan target setelah disetujui", "Target IKI yang diubah setelah rencananya disetujui, dari riwayat git (versi disetujui yang berurutan); satu baris per perubahan. Tanpa nama pengubah dan tanpa pesan commit.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("kode_rencana", "string", "Kode rencana", "Menghubungkan ke tabel rencana.", True),
        F("unit", "string", "Id unit", "Unit kerja pemegang jabatan.", True),
        F("jabatan", "string", "Jabatan", "Jabatan pemegang rencana.", True),
        F("rhk", "string", "Id RHK", "Id RHK.", True),
        F("iki", "string", "Id IKI", "Id IKI.", True),
        F("target_lama", "string", "Target lama", "Target pada versi disetujui sebelumnya.", True),
        F("target_baru", "string", "Target baru", "Target pada versi disetujui berikutnya.", True),
        F("tanggal", "string", "Tanggal", "Tanggal commit versi yang mengubahnya (YYYY-MM-DD).", True),
    )),
    Resource("bukti_dukung", "Bukti dukung publik", "Tautan bukti dukung yang ditandai publik oleh pegawai; satu baris per tautan.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "Periode evaluasi.", True),
        F("kode_rencana", "string", "Kode rencana", "Menghubungkan ke tabel rencana.", True),
        F("rhk", "string", "Id RHK", "Id RHK.", True),
        F("url", "string", "Tautan", "Alamat http(s) bukti dukung.", True),
        F("keterangan", "string", "Keterangan", "Keterangan bukti dukung."),
    )),
    Resource("kelompok_penilaian", "Evaluasi per kelompok penilaian", "Jumlah evaluasi per kelompok penilaian (unit yang punya predikat organisasi sendiri) dan periode, serta apakah sebaran predikatnya diterbitkan.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "Periode evaluasi.", True),
        F("unit", "string", "Id unit", "Unit yang punya predikat organisasi sendiri.", True),
        F("unit_nama", "string", "Nama unit", "Nama unit.", True),
        F("predikat_organisasi", "string", "Predikat organisasi", "istimewa, baik, butuh_perbaikan, kurang, sangat_kurang; kosong bila belum ditetapkan."),
        F("pegawai", "integer", "Pegawai", "Pegawai yang seharusnya dievaluasi pada periode ini.", True),
        F("evaluasi_final", "integer", "Evaluasi final", "Evaluasi berstatus final.", True),
        F("evaluasi_draf", "integer", "Evaluasi draf", "Evaluasi yang masih draf.", True),
        F("evaluasi_belum_ada", "integer", "Belum ada evaluasi", "Pegawai tanpa evaluasi pada periode ini.", True),
        F("sebaran_diterbitkan", "boolean", "Sebaran diterbitkan", "ya bila kelompok cukup besar menurut kebijakan publikasi (lihat tabel sebaran_predikat).", True),
        F("kurva", "string", "Pola kurva", "sesuai, menyimpang, terlalu_kecil, tanpa_predikat_organisasi; kosong bila sebaran tidak diterbitkan."),
    )),
    Resource("sebaran_predikat", "Sebaran predikat", "Jumlah pegawai per predikat, hanya untuk kelompok penilaian yang sebarannya diterbitkan; satu baris per predikat.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "Periode evaluasi.", True),
        F("unit", "string", "Id unit", "Kelompok penilaian.", True),
        F("predikat", "string", "Predikat", "Id predikat menurut aturan tahun itu, misalnya baik.", True),
        F("predikat_label", "string", "Label predikat", "Nama predikat, misalnya Baik.", True),
        F("jumlah", "integer", "Jumlah pegawai", "Pegawai dengan evaluasi final berpredikat ini.", True),
    )),
    Resource("pegawai", "Halaman perorangan", "Pegawai yang halaman perorangannya diterbitkan menurut kebijakan publikasi (bawaan: pemegang jabatan publik).", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("pegawai", "string", "Id pegawai", "Id tetap, tidak diturunkan dari NIP atau nama.", True),
        F("nama", "string", "Nama", "Nama (kosong bila kebijakan tidak menerbitkan nama)."),
        F("jabatan", "string", "Jabatan", "Jabatan.", True),
        F("unit", "string", "Id unit", "Unit kerja.", True),
        F("pejabat_publik", "boolean", "Pejabat publik", "ya bila jabatan ini jabatan publik menurut kebijakan.", True),
        F("kode_rencana", "string", "Kode rencana", "Rencana orang ini (menghubungkan ke tabel rencana).", True),
        F("periode", "string", "Periode", "Periode predikat (kosong bila predikat tidak diterbitkan)."),
        F("predikat", "string", "Predikat", "Predikat kinerja dari evaluasi final, hanya bila kebijakan menerbitkannya."),
    )),
    Resource("narasi_publik", "Narasi publik pejabat", "Penjelasan pemegang jabatan sendiri per periode (realisasi.narasi_publik di "
             "evaluasi final), hanya untuk pegawai yang halaman perorangannya diterbitkan dan hanya bila kebijakan publikasi "
             "mengizinkan (pegawai.narasi_publik); satu baris per periode.", (
        F("tahun", "integer", "Tahun", "Tahun kinerja.", True),
        F("periode", "string", "Periode", "Periode evaluasi.", True),
        F("pegawai", "string", "Id pegawai", "Id halaman perorangan.", True),
        F("kode_rencana", "string", "Kode rencana", "Rencana yang dievaluasi (menghubungkan ke tabel rencana).", True),
        F("unit", "string", "Id unit", "Unit kerja.", True),
        F("jabatan", "string", "Jabatan", "Jabatan.", True),
        F("narasi", "string", "Narasi", "Teks narasi seperti ditulis pegawai.", True),
    )),
)


def _target_fields(t) -> dict:
    if t is None:
        return {"target_nilai": None, "target_min": None, "target_maks": None, "satuan": None}
    return {"target_nilai": t.nilai, "target_min": t.min, "target_maks": t.maks, "satuan": t.satuan}


def rows_for_year(proj: Projection, year: int) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {r.name: [] for r in RESOURCES}
    # sasaran
    for (unit, y), goals in proj.goals.items():
        if y != year:
            continue
        name = proj.units[unit].nama if unit in proj.units else proj.regency.nama
        for g in goals:
            base = {"tahun": y, "unit": unit, "unit_nama": name, "sasaran": g.id, "sasaran_uraian": g.uraian, "mendukung": g.mendukung}
            if not g.indikator:
                out["sasaran"].append({**base, "indikator": None, "target": None, **_target_fields(None), "lebih_kecil_lebih_baik": None})
            for i in g.indikator:
                out["sasaran"].append({**base, "indikator": i.uraian, "target": i.target.teks if i.target else None, **_target_fields(i.target),
                                       "lebih_kecil_lebih_baik": i.lebih_kecil_lebih_baik})
    # rencana, realisasi, bukti
    places = proj.capaian_places.get(year, 1)
    for kode, pp in proj.plans.items():
        if pp.tahun != year:
            continue
        for r in pp.rhk:
            parent = None if r.parent_missing else r.parent
            for i in r.indikator:
                out["rencana"].append({
                    "tahun": year, "kode_rencana": kode, "perangkat_daerah": pp.pd, "unit": pp.unit,
                    "unit_nama": proj.units[pp.unit].nama, "jabatan": pp.pemegang, "kepala_unit": pp.kepala_unit,
                    "status_rencana": pp.status, "pegawai": pp.pegawai.id if pp.pegawai and pp.pegawai.id in proj.persons else None,
                    "rhk": r.id, "rhk_jenis": r.jenis, "rhk_uraian": r.uraian, "intervensi": parent, "perspektif": r.perspektif,
                    "iki": i.id, "aspek": i.aspek, "iki_uraian": i.uraian, "target": i.target_teks, **_target_fields(i.target),
                    "lebih_kecil_lebih_baik": i.lebih_kecil_lebih_baik,
                })
                for period in proj.periods.get(year, []):
                    real = i.realisasi.get(period)
                    if real is None:
                        continue
                    numeric = real.realisasi if isinstance(real.realisasi, (int, float)) and not isinstance(real.realisasi, bool) else None
                    shown = None if real.realisasi is None else str(real.realisasi)
                    capaian = as_number(real.persen, places)  # the same value in both tables: rounded once
                    out["realisasi"].append({
                        "tahun": year, "periode": period, "kode_rencana": kode, "rhk": r.id, "iki": i.id,
                        "realisasi": shown, "realisasi_angka": numeric,
                        "capaian_persen": capaian, "keterangan": real.keterangan, "status": real.status,
                    })
                    out["realisasi_lengkap"].append({
                        "tahun": year, "periode": period, "perangkat_daerah": pp.pd, "unit": pp.unit, "unit_nama": proj.units[pp.unit].nama,
                        "jabatan": pp.pemegang, "rhk_uraian": r.uraian, "iki_uraian": i.uraian, "target": i.target_teks,
                        "jenis_realisasi": i.jenis_realisasi, "realisasi": shown,
                        "capaian_persen": capaian, "status": real.status,
                    })
            for period in proj.periods.get(year, []):
                for b in r.bukti.get(period, []):
                    out["bukti_dukung"].append({"tahun": year, "periode": period, "kode_rencana": kode, "rhk": r.id, "url": b.url, "keterangan": b.keterangan})
    for kode, found in proj.target_changes.items():
        pp = proj.plans.get(kode)
        if pp is None or pp.tahun != year:
            continue
        for (rhk, iki), changes in found.items():
            for ch in changes:
                out["perubahan_target"].append({"tahun": year, "kode_rencana": kode, "unit": pp.unit, "jabatan": pp.pemegang, "rhk": rhk,
                                                "iki": iki, "target_lama": ch.lama, "target_baru": ch.baru, "tanggal": epoch_date(ch.epoch)})
    # groups and their distributions (published groups only)
    labels = dict(proj.predikat_labels.get(year, []))
    for (unit, y, period), g in proj.groups.items():
        if y != year:
            continue
        out["kelompok_penilaian"].append({
            "tahun": y, "periode": period, "unit": unit, "unit_nama": proj.units[unit].nama, "predikat_organisasi": g.predikat_organisasi,
            "pegawai": g.pegawai, "evaluasi_final": g.final, "evaluasi_draf": g.draf, "evaluasi_belum_ada": g.belum_ada,
            "sebaran_diterbitkan": g.ditampilkan, "kurva": g.kurva_status,
        })
        if g.sebaran is not None:
            for pid, n in g.sebaran.items():
                out["sebaran_predikat"].append({"tahun": y, "periode": period, "unit": unit, "predikat": pid,
                                                "predikat_label": labels.get(pid, pid), "jumlah": n})
    # pegawai (published pages only)
    for pid, person in proj.persons.items():
        for kode in person.plans:
            pp = proj.person_plans.get(kode)
            if pp is None or pp.tahun != year:
                continue
            base = {"tahun": year, "pegawai": pid, "nama": person.nama, "jabatan": pp.pemegang, "unit": pp.unit,
                    "pejabat_publik": person.pejabat_publik, "kode_rencana": kode}
            if pp.predikat:
                for period, label in pp.predikat.items():
                    out["pegawai"].append({**base, "periode": period, "predikat": label})
            else:
                out["pegawai"].append({**base, "periode": None, "predikat": None})
    # the holder's own public narrative: PublicPlan.narasi is filled only for published people
    # and only where the policy allows it (projecting/plans.py)
    for kode, pp in proj.person_plans.items():
        if pp.tahun != year or not pp.narasi or pp.pegawai is None or pp.pegawai.id not in proj.persons:
            continue
        for period, text in pp.narasi.items():
            out["narasi_publik"].append({"tahun": year, "periode": period, "pegawai": pp.pegawai.id, "kode_rencana": kode,
                                         "unit": pp.unit, "jabatan": pp.pemegang, "narasi": text})
    order = {
        "sasaran": ("unit", "sasaran"),
        "rencana": ("kode_rencana", "rhk", "iki"),
        "realisasi": ("kode_rencana", "rhk", "iki", "periode"),
        "realisasi_lengkap": ("unit", "jabatan", "rhk_uraian", "iki_uraian", "periode"),
        "bukti_dukung": ("kode_rencana", "rhk", "periode", "url"),
        "perubahan_target": ("kode_rencana", "rhk", "iki", "tanggal"),
        "kelompok_penilaian": ("unit", "periode"),
        "sebaran_predikat": ("unit", "periode"),
        "pegawai": ("pegawai", "kode_rencana", "periode"),
        "narasi_publik": ("pegawai", "kode_rencana", "periode"),
    }
    for name, keys in order.items():
        _sort_rows(out[name], keys)
    return out


def _sort_rows(rows: list[dict], keys: tuple[str, ...]) -> None:
    """Sort rows by the text of their key columns (None as "", other values as str()). When every
    key value is already text, which is the usual case, the values themselves are the sort key
    (itemgetter: no Python call per row); the order is the same."""
    get = itemgetter(*keys)
    try:
        only_text = set(map(type, chain.from_iterable(map(get, rows)))) <= {str}
    except KeyError:  # a row without one of the columns: read as None below
        only_text = False
    if only_text:
        rows.sort(key=get)
    else:
        rows.sort(key=lambda row: tuple(["" if (v := row.get(k)) is None else v if type(v) is str else str(v) for k in keys]))


def _content_key(meta: tuple, resource: Resource, rows: list[dict]) -> str:
    """A digest of exactly what one table's files are made from: the year's metadata, the table's
    definition and its rows' values. marshal format 2 writes values only (no back-references, no
    interning marks), so equal rows give the same digest whatever objects they share; a value
    marshal cannot write falls back to pickle without its memo (values only as well)."""
    h = hashlib.sha256(pickle.dumps((meta, resource), protocol=5))
    try:
        h.update(b"marshal\0" + marshal.dumps(rows, 2))
    except ValueError:
        from kinerja.cache import values_pickle

        h.update(b"pickle\0" + values_pickle(rows))
    return h.hexdigest()


def to_csv(resource: Resource, rows: list[dict]) -> bytes:
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([f.name for f in resource.fields])
    names = [f.name for f in resource.fields]
    for row in rows:
        # text (and booleans) through csv_cell, which defuses formulas; numbers are plain
        w.writerow(["" if (v := row.get(n)) is None else str(v) if type(v) in (int, float) else csv_cell(v) for n in names])
    return buf.getvalue().encode("utf-8")


def json_resources() -> tuple[Resource, ...]:
    """The tables of data.json: every table but the joined ones (realisasi_lengkap = rencana + realisasi)."""
    return tuple(r for r in RESOURCES if r.in_json)


def _json_type(f: Field) -> dict:
    base = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}[f.type]
    return {"type": [base] if f.required else [base, "null"], "title": f.title, "description": f.description}


def json_schema() -> dict:
    resources = {}
    for r in json_resources():
        resources[r.name] = {
            "title": r.title,
            "description": r.description,
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [f.name for f in r.fields],
                "properties": {f.name: _json_type(f) for f in r.fields},
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Data terbuka kinerja per tahun",
        "description": "Isi berkas data-terbuka/<tahun>/data.json: proyeksi publik satu tahun kinerja (semua tabel kecuali "
                       "realisasi_lengkap, yang hanya menggabungkan tabel rencana dan realisasi; tabel itu tersedia sebagai CSV dan .xlsx).",
        "type": "object",
        "additionalProperties": False,
        "required": ["tahun", "instansi", "sumber", *[r.name for r in json_resources()]],
        "properties": {
            "tahun": {"type": "integer", "title": "Tahun", "description": "Tahun kinerja."},
            "instansi": {"type": "object", "title": "Instansi", "description": "Pemerintah daerah pemilik data.",
                         "required": ["id", "nama", "fiktif"], "additionalProperties": False,
                         "properties": {"id": {"type": "string", "title": "Id", "description": "Id instansi."},
                                        "nama": {"type": "string", "title": "Nama", "description": "Nama instansi."},
                                        "fiktif": {"type": "boolean", "title": "Data fiktif", "description": "true untuk data demo."}}},
            "sumber": {"type": "object", "title": "Sumber", "description": "Commit repositori tempat data ini dibuat.",
                       "required": ["commit", "tanggal_commit"], "additionalProperties": False,
                       "properties": {"commit": {"type": ["string", "null"], "title": "Commit", "description": "Id commit git."},
                                      "tanggal_commit": {"type": ["string", "null"], "title": "Tanggal commit", "description": "Tanggal commit (TTTT-BB-HH)."}}},
            **resources,
        },
    }


def datapackage(proj: Projection) -> dict:
    resources = []
    for year in sorted(proj.years):
        for r in RESOURCES:
            fields = []
            for f in r.fields:
                d = {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
                if f.type == "boolean":
                    d.update({"trueValues": ["ya"], "falseValues": ["tidak"]})
                if f.required:
                    d["constraints"] = {"required": True}
                fields.append(d)
            resources.append({
                "name": f"{r.name.replace('_', '-')}-{year}",
                "path": f"{year}/{r.name}.csv",
                "title": f"{r.title} {year}",
                "description": r.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                "schema": {"fields": fields, "missingValues": [""]},
            })
    return {
        "profile": "tabular-data-package",
        "name": f"kinerja-{proj.regency.id}",
        "title": f"Data terbuka kinerja {proj.regency.nama}",
        "description": "Proyeksi publik data kinerja ASN (tanpa data pribadi), dibuat dari repositori Kinerja Terbuka."
        + (" DATA DEMO FIKTIF." if proj.regency.fiktif else ""),
        "version": proj.build.short or "lokal",
        "resources": resources,
    }


def _dumps(doc, compact: bool = False) -> bytes:
    if compact:  # the big per-year file: one line (the C encoder, several times faster than indent)
        return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def build(proj: Projection, store=None) -> dict[str, bytes]:
    """Every download. `store` (optional; get(key, suffix) -> bytes | None, put(key, suffix, bytes))
    keeps each written file under a digest of exactly what it is made from (the resource, its
    rows, the year, the regency and the commit): a table whose rows did not change is not
    written again (the caller adds the code's digest to the key)."""
    files: dict[str, bytes] = {}
    for year in proj.years:
        rows = rows_for_year(proj, year)
        meta = (year, proj.regency.id, proj.regency.nama, proj.regency.fiktif, proj.build.sha, proj.build.date, proj.build.epoch)
        keys = {r.name: _content_key(meta, r, rows[r.name]) for r in RESOURCES} if store is not None else {}

        def cached(key, suffix, make):
            data = store.get(key, suffix) if store is not None else None
            if data is None:
                data = make()
                if store is not None:
                    store.put(key, suffix, data)
            return data

        for r in RESOURCES:
            files[f"{BASE}/{year}/{r.name}.csv"] = cached(keys.get(r.name), "csv", lambda r=r: to_csv(r, rows[r.name]))
            files[f"{BASE}/{year}/{r.name}.xlsx"] = cached(
                keys.get(r.name), "xlsx", lambda r=r: to_xlsx(r, rows[r.name], year=year, regency=proj.regency.nama,
                                                              fiktif=proj.regency.fiktif, commit=proj.build.sha, epoch=proj.build.epoch))

        def whole():
            doc = {
                "tahun": year,
                "instansi": {"id": proj.regency.id, "nama": proj.regency.nama, "fiktif": proj.regency.fiktif},
                "sumber": {"commit": proj.build.sha, "tanggal_commit": proj.build.date},
                **{r.name: [{f.name: row.get(f.name) for f in r.fields} for row in rows[r.name]] for r in json_resources()},
            }
            return _dumps(doc, compact=True)

        whole_key = hashlib.sha256("".join(keys[r.name] for r in json_resources()).encode()).hexdigest() if keys else None
        files[f"{BASE}/{year}/data.json"] = cached(whole_key, "json", whole)
    files[f"{BASE}/data.schema.json"] = _dumps(json_schema())
    files[f"{BASE}/datapackage.json"] = _dumps(datapackage(proj))
    return files


def _size(n: int) -> str:
    return f"{n:,} byte".replace(",", ".")


def _dictionary(r: Resource, file: str) -> str:
    rows = [[f.name, {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "ya/tidak", "date": "tanggal"}[f.type],
             "wajib" if f.required else "boleh kosong", f.description] for f in r.fields]
    return el("div", el("h3", f"{file} — {r.title}", id=f"kamus-{r.name}"), el("p", r.description),
              ptable(["Kolom", "Jenis", "Isian", "Arti"], rows, search=False))


def page_text(proj: Projection, downloads: dict[str, bytes], extra: tuple[tuple[str, str, Resource], ...] = ()) -> str:
    """The Data terbuka page. `extra`: other tables beside the yearly ones, as (heading,
    folder under data-terbuka/, resource), e.g. complaints and surveys (publish/suara.py):
    their files and dictionary are listed like the others when their CSV is among the downloads."""
    here = f"{BASE}/index.md"
    extra = tuple(x for x in extra if f"{BASE}/{x[1]}/{x[2].name}.csv" in downloads)
    parts: list = [fiktif_banner(proj)]
    parts.append(el("p", "Semua angka dan teks di situs ini juga tersedia sebagai data terbuka, dibuat dari proyeksi publik yang sama "
                         "dengan halaman: tidak ada unduhan yang memuat lebih dari yang tampil di situs. CSV memakai UTF-8 (dengan BOM) "
                         "dan dapat dibuka langsung di aplikasi lembar kerja; teks yang diawali =, +, - atau @ diberi tanda kutip tunggal "
                         "agar tidak terbaca sebagai rumus. Setiap CSV juga tersedia sebagai buku kerja .xlsx (lembar pertama: kamus "
                         "data; lembar kedua: baris data dengan angka sebagai angka), yang terbuka benar di aplikasi lembar kerja "
                         "berbahasa Indonesia tanpa mengatur pemisah desimal; teks yang tampak seperti rumus disimpan sebagai teks."))
    parts.append(md_heading(2, "Unduhan"))
    for year in proj.years:
        items = []
        for r in RESOURCES:
            path = f"{BASE}/{year}/{r.name}.csv"
            size = len(downloads.get(path, b""))
            book = f"{BASE}/{year}/{r.name}.xlsx"
            links = [el("a", f"{r.name}.csv", href=href(here, path)), esc(f" ({_size(size)})")]
            if book in downloads:
                links += [esc(" · "), el("a", f"{r.name}.xlsx", href=href(here, book)), esc(f" ({_size(len(downloads[book]))})")]
            items.append(el("li", *links, esc(f" — {r.title}")))
        path = f"{BASE}/{year}/data.json"
        items.append(el("li", el("a", "data.json", href=href(here, path)), esc(f" — semua tabel tahun {year} dalam satu berkas JSON, kecuali "
                                                                                 "realisasi_lengkap (gabungan tabel rencana dan realisasi "
                                                                                 "yang sudah ada di berkas ini)")))
        parts.append(el("div", el("h3", f"Tahun {year}", id=f"tahun-{year}"), el("ul", items)))
    groups: dict[tuple[str, str], list[Resource]] = {}
    for heading, folder, r in extra:
        groups.setdefault((heading, folder), []).append(r)
    for (heading, folder), resources in groups.items():
        items = []
        for r in resources:
            links = []
            for suffix in ("csv", "xlsx", "json"):
                path = f"{BASE}/{folder}/{r.name}.{suffix}"
                if path in downloads:
                    links += ([esc(" · ")] if links else []) + [el("a", f"{r.name}.{suffix}", href=href(here, path)),
                                                                esc(f" ({_size(len(downloads[path]))})")]
            items.append(el("li", *links, esc(f" — {r.title}")))
        parts.append(el("div", el("h3", heading, id=f"unduhan-{folder}"), el("ul", items)))
    parts.append(el("ul", [
        el("li", el("a", "datapackage.json", href=href(here, f"{BASE}/datapackage.json")), esc(" — deskripsi Frictionless Data Package untuk semua CSV")),
        el("li", el("a", "data.schema.json", href=href(here, f"{BASE}/data.schema.json")), esc(" — JSON Schema berkas data.json")),
    ]))
    parts.append(md_heading(2, "Kamus data"))
    for r in RESOURCES:
        parts.append(_dictionary(r, f"{r.name}.csv"))
    for _heading, folder, r in extra:
        parts.append(_dictionary(r, f"{folder}/{r.name}.csv"))
    parts.append(pnote("Kode rencana menghubungkan tabel rencana, realisasi dan bukti dukung di tahun yang sama. Kode ini bukan "
                       "identitas orang dan dapat berubah bila susunan pegawai berubah; nama hanya ada untuk halaman perorangan yang "
                       "diterbitkan kebijakan."))
    return page("Data terbuka", parts)
