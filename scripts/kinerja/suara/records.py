"""Typed records of the suara publik kinds, built from schema-valid documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from kinerja.model.records import Record


def _d(text: str) -> date:
    return date.fromisoformat(text)


@dataclass(slots=True)
class Deadline(Record):
    key: str
    nama: str
    hari: int
    jenis: str  # kerja / kalender
    mulai_dari: str
    selesai_pada: tuple
    sumber: str
    verified: bool


@dataclass(slots=True)
class Status(Record):
    key: str
    nama: str
    lapor: str
    terbuka: bool


@dataclass(slots=True)
class Band(Record):
    mutu: str
    kinerja: str
    dari: Fraction


@dataclass(slots=True)
class ServiceRules(Record):
    file: str
    deadlines: tuple  # Deadline, in file order
    cuti_bersama_libur: bool
    weekdays: frozenset  # ISO weekday numbers that are working days
    kanal: dict
    kategori: dict
    status: dict  # key -> Status
    survey_periods: dict  # key -> (nama, "MM-DD", "MM-DD")
    ikm_sumber: str
    ikm_verified: bool
    konversi: int
    unsur: dict  # key -> (nama, weight Fraction)
    bands: tuple  # Band, highest first
    tanggapan: str  # peringatan / kesalahan


def frac(text: str) -> Fraction:
    return Fraction(text)


def build_rules(file: str, d: dict) -> ServiceRules:
    ikm = d["ikm"]
    return ServiceRules(
        file=file,
        deadlines=tuple(
            Deadline(k, v["nama"], v["hari"], v["jenis"], v["mulai_dari"], tuple(v["selesai_pada"]), v["sumber"],
                     v["verifikasi"] == "terverifikasi")
            for k, v in d["tenggat"].items()
        ),
        cuti_bersama_libur=d["cuti_bersama_libur"],
        weekdays=frozenset(d["hari_kerja_pekan"]),
        kanal=dict(d["kanal"]),
        kategori=dict(d["kategori"]),
        status={k: Status(k, v["nama"], v["lapor"], v["terbuka"]) for k, v in d["status"].items()},
        survey_periods={k: (v["nama"], v["mulai"], v["sampai"]) for k, v in d["periode_survei"].items()},
        ikm_sumber=ikm["sumber"],
        ikm_verified=ikm["verifikasi"] == "terverifikasi",
        konversi=ikm["konversi"],
        unsur={k: (v["nama"], frac(v["bobot"])) for k, v in ikm["unsur"].items()},
        bands=tuple(sorted((Band(b["mutu"], b["kinerja"], frac(b["dari"])) for b in ikm["mutu"]), key=lambda b: -b.dari)),
        tanggapan=d["tanggapan_pengaduan_wajib"],
    )


@dataclass(slots=True)
class Step(Record):
    path: tuple
    status: str
    tanggal: date
    keterangan: str | None


@dataclass(slots=True)
class FollowUp(Record):
    path: tuple
    tanggal: date
    unit: str
    uraian: str
    perubahan: str | None


@dataclass(slots=True)
class RhkRef(Record):
    path: tuple
    pegawai: str
    rhk: str
    iki: str | None


@dataclass(slots=True)
class Complaint(Record):
    file: str
    nomor: str
    tahun: int
    kanal: str
    nomor_lapor: str | None  # PRIVATE: never published
    diterima: date
    unit: str
    layanan: str
    kategori: str
    ringkasan: str
    riwayat: tuple  # Step
    tindak_lanjut: tuple  # FollowUp
    rhk: tuple  # RhkRef
    fiktif: bool

    @property
    def status(self) -> str:
        return self.riwayat[-1].status


def _refs(base: tuple, items) -> tuple:
    return tuple(RhkRef(base + (i,), r["pegawai"], r["rhk"], r.get("iki")) for i, r in enumerate(items))


def build_complaint(file: str, tahun: int, d: dict) -> Complaint:
    return Complaint(
        file=file,
        nomor=d["nomor"],
        tahun=tahun,
        kanal=d["kanal"],
        nomor_lapor=d.get("nomor_lapor"),
        diterima=_d(d["diterima"]),
        unit=d["unit"],
        layanan=d["layanan"],
        kategori=d["kategori"],
        ringkasan=d["ringkasan"],
        riwayat=tuple(Step(("riwayat", i), s["status"], _d(s["tanggal"]), s.get("keterangan")) for i, s in enumerate(d["riwayat"])),
        tindak_lanjut=tuple(
            FollowUp(("tindak_lanjut", i), _d(t["tanggal"]), t["unit"], t["uraian"], t.get("perubahan"))
            for i, t in enumerate(d.get("tindak_lanjut", ()))
        ),
        rhk=_refs(("rhk",), d.get("rhk", ())),
        fiktif=d.get("fiktif", False),
    )


@dataclass(slots=True)
class Survey(Record):
    file: str
    unit: str
    layanan: str | None
    tahun: int
    periode: str
    metode: str | None
    unsur: dict  # unsur key -> (n1, n2, n3, n4)
    fiktif: bool


def build_survey(file: str, d: dict) -> Survey:
    return Survey(
        file=file,
        unit=d["unit"],
        layanan=d.get("layanan"),
        tahun=d["tahun"],
        periode=d["periode"],
        metode=d.get("metode"),
        unsur={k: tuple(v) for k, v in d["unsur"].items()},
        fiktif=d.get("fiktif", False),
    )


@dataclass(slots=True)
class MappedService(Record):
    path: tuple
    unit: str
    layanan: str
    dijawab_oleh: tuple  # RhkRef


@dataclass(slots=True)
class ServiceMap(Record):
    file: str
    unit: str  # the perangkat daerah
    tahun: int
    layanan: tuple  # MappedService


def build_service_map(file: str, d: dict) -> ServiceMap:
    return ServiceMap(
        file=file,
        unit=d["unit"],
        tahun=d["tahun"],
        layanan=tuple(
            MappedService(("layanan", i), s["unit"], s["layanan"], _refs(("layanan", i, "dijawab_oleh"), s["dijawab_oleh"]))
            for i, s in enumerate(d["layanan"])
        ),
    )


@dataclass(slots=True)
class Holidays(Record):
    file: str
    tahun: int
    days: dict  # date -> (nama, jenis)
    paths: dict  # date -> JSON path


def build_holidays(file: str, d: dict) -> Holidays:
    days, paths = {}, {}
    for i, h in enumerate(d["hari"]):
        day = _d(h["tanggal"])
        days.setdefault(day, (h["nama"], h["jenis"]))
        paths.setdefault(day, ("hari", i))
    return Holidays(file, d["tahun"], days, paths)
