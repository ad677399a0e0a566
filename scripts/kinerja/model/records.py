"""Typed records built from schema-valid documents.

Every later stage (cross-file checks, scoring, authorization, publication) reads these
records, never raw YAML. Each record remembers its file and the JSON path of each item so a
finding about it points at the right line. Records are plain slotted dataclasses so they
pickle quickly into the validation cache.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kinerja.model.calendar import period_months


# The one default of jenis_realisasi (an IKI that does not say): the scorer, the status on the
# site and the documents all read it from here.
JENIS_REALISASI_DEFAULT = "kumulatif"


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class Record:
    """Base of every record: pickles as (class, field values), 2-3x faster than the default
    for slotted dataclasses; the validation cache stores thousands of them."""

    __slots__ = ()

    def __reduce__(self):
        return (self.__class__, tuple(getattr(self, name) for name in self.__slots__))


# --- organisation ----------------------------------------------------------------------------


@dataclass(slots=True)
class Regency(Record):
    file: str
    id: str
    nama: str
    jabatan_kepala: str
    provinsi: str | None
    kode_wilayah: str | None
    ibu_kota: str | None
    fiktif: bool
    admins: list[str]
    period_kinds: list[str]
    closed: dict[int, set[str]]
    rule_sets: list[tuple[int, str]]  # (from year, rule id), sorted by year
    deadlines: dict
    rating_approval: str  # "tidak_ada" (ratings final by the penilai) or "atasan_pejabat_penilai"
    complaint_admins: dict = field(default_factory=dict)  # perangkat daerah id -> [person ids]
    tim_penilai: list[str] = field(default_factory=list)  # tim penilai kinerja: who writes calibration records
    app_account: tuple[str, int] | None = None  # (login, numeric id) of the regency's GitHub App bot
    nip_import: str = "sidik"  # impor_nip: sidik / jelas / abaikan (kinerja import)
    di_atas_perlu_bukti: str = "galat"  # "galat" (error) or "peringatan" (warning)
    zona_waktu: str = "Asia/Jakarta"  # days are counted in the regency's time zone
    pemutus_keberatan: str | None = None  # who decides objections where the penilai has no atasan

    def rule_set_for(self, year: int) -> str | None:
        chosen = None
        for start, rule_id in self.rule_sets:
            if start <= year:
                chosen = rule_id
        return chosen

    def is_closed(self, year: int, period: str) -> bool:
        return period in self.closed.get(year, ())


@dataclass(slots=True)
class Unit(Record):
    file: str
    path: tuple  # JSON path of this unit inside its file
    id: str
    nama: str
    jenis: str
    induk: str | None  # None for a perangkat daerah: its parent is the regency itself
    pd: str  # the perangkat daerah this unit belongs to (itself for a perangkat daerah)
    is_pd: bool
    jabatan_kepala: str
    jenis_jabatan_kepala: str
    hasil_organisasi: bool
    layanan: tuple  # Service records, in file order
    singkatan: str | None
    dibubarkan: date | None
    fiktif: bool
    kode_unit_siasn: str | None = None


@dataclass(slots=True)
class Assignment(Record):
    index: int
    mulai: date
    selesai: date | None
    unit: str
    jabatan: str
    jenis_jabatan: str
    jenjang: str | None
    golongan: str | None
    pangkat: str | None
    kepala_unit: bool
    pejabat_penilai: str | None  # an exception to the derived evaluator (model/org.py), for this assignment's dates
    alasan_penilai: str | None = None  # why the exception is needed

    @property
    def path(self) -> tuple:
        return ("penugasan", self.index)


@dataclass(slots=True)
class Acting(Record):
    index: int
    jenis: str  # plt / plh
    unit: str
    mulai: date
    selesai: date | None
    pejabat_penilai: str | None

    @property
    def path(self) -> tuple:
        return ("plt_plh", self.index)


@dataclass(slots=True)
class Person(Record):
    file: str
    id: str
    nama: str
    status: str  # pns / pppk / non_asn
    nip: str | None
    github_login: str | None
    github_id: int | None
    assignments: list[Assignment]
    acting: list[Acting]
    fiktif: bool
    tmt_golongan: date | None = None  # TMT of the golongan of the latest assignment
    pendidikan_terakhir: str | None = None  # sd, sltp, slta, d1..d4, s1..s3 (PP 99/2000 terms)
    sidik_nip: str | None = None  # HMAC-SHA256 of the NIP under the regency's key (kinerja import)
    kontrak: list[tuple[date, date]] = field(default_factory=list)  # PPPK contract periods (kontrak_pppk)

    def assignment_on(self, day: date) -> Assignment | None:
        for a in self.assignments:
            if a.mulai <= day and (a.selesai is None or day <= a.selesai):
                return a
        return None

    def position_end(self, a: Assignment) -> date | None:
        """When the position of `a` ends. A new supervisor or a new rank is a new assignment
        but not a new position: contiguous assignments with the same unit, jabatan and
        jenjang count as one position (and one plan)."""
        end = a.selesai
        while end is not None:
            nxt = self.assignment_on(end + timedelta(days=1))
            if nxt is None or (nxt.unit, nxt.jabatan, nxt.jenis_jabatan, nxt.jenjang) != (a.unit, a.jabatan, a.jenis_jabatan, a.jenjang):
                break
            end = nxt.selesai
        return end

    def assignments_between(self, start: date, end: date) -> list[Assignment]:
        return [a for a in self.assignments if a.mulai <= end and (a.selesai is None or start <= a.selesai)]


@dataclass(slots=True)
class GoalIndicator(Record):
    uraian: str
    target: "Target | None"
    lebih_kecil_lebih_baik: bool


@dataclass(slots=True)
class Goal(Record):
    index: int
    id: str
    uraian: str
    mendukung: str | None
    indikator: list[GoalIndicator]

    @property
    def path(self) -> tuple:
        return ("sasaran", self.index)


@dataclass(slots=True)
class GoalSet(Record):
    file: str
    unit: str
    tahun: int
    sumber: str | None
    goals: list[Goal]


@dataclass(slots=True)
class UnitResult(Record):
    file: str
    unit: str
    tahun: int
    periode: str
    predikat: str
    ditetapkan_oleh: str
    tanggal: date
    dasar: str | None
    koreksi: list["Correction"]


@dataclass(slots=True)
class Correction(Record):
    oleh: str
    tanggal: date
    alasan: str
    keberatan: int | None


# --- plans ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Target(Record):
    satuan: str
    nilai: float | int | None = None
    min: float | int | None = None
    maks: float | int | None = None

    @property
    def is_range(self) -> bool:
        return self.min is not None


@dataclass(slots=True)
class Iki(Record):
    path: tuple
    id: str
    aspek: str | None
    uraian: str
    target: Target | None  # numeric target (kuantitatif)
    target_teks: str | None  # narrative target (kualitatif)
    lebih_kecil_lebih_baik: bool
    berlaku_mulai: str | None
    berlaku_sampai: str | None
    sumber_survei: tuple | None = None  # (unit, layanan or None, periode): realisasi = that survey's IKM
    # "kumulatif": each period's realisasi is the total since the plan began (default);
    # "per_periode": the target holds for each period and realisasi is that period's alone
    jenis_realisasi: str = JENIS_REALISASI_DEFAULT

    def in_force(self, period: str) -> bool:
        return _in_force(self.berlaku_mulai, self.berlaku_sampai, period)


@dataclass(slots=True)
class Rhk(Record):
    path: tuple
    id: str
    jenis: str  # utama / tambahan
    uraian: str
    intervensi: tuple[str, str] | None  # (supervisor id, supervisor's rhk id)
    sasaran: str | None
    perspektif: str | None
    indikator: list[Iki]
    berlaku_mulai: str | None
    berlaku_sampai: str | None

    def in_force(self, period: str) -> bool:
        return _in_force(self.berlaku_mulai, self.berlaku_sampai, period)


def _in_force(first: str | None, last: str | None, period: str) -> bool:
    """An RHK/IKI applies to a period that overlaps [start of `first`, end of `last`]."""
    p_first, p_last = period_months(period)
    if first is not None and p_last < period_months(first)[0]:
        return False
    if last is not None and p_first > period_months(last)[1]:
        return False
    return True


@dataclass(slots=True)
class Plan(Record):
    file: str
    key: str  # file stem: the person id, or "<id>.<start date>" for a second plan in the year
    pegawai: str
    tahun: int
    mulai: date
    selesai: date
    status: str  # draf / disetujui
    pendekatan: str  # kuantitatif / kualitatif
    jabatan: str | None
    unit: str | None
    rhk: list[Rhk]
    perilaku: dict[str, str]  # BerAKHLAK value -> ekspektasi khusus pimpinan
    lampiran: dict[str, list[str]]
    catatan: str | None

    def rhk_by_id(self, rhk_id: str) -> Rhk | None:
        for r in self.rhk:
            if r.id == rhk_id:
                return r
        return None


# --- evaluations -----------------------------------------------------------------------------


@dataclass(slots=True)
class Evidence(Record):
    url: str
    publik: bool
    keterangan: str | None


@dataclass(slots=True)
class IkiReport(Record):
    path: tuple
    iki: str
    realisasi: float | int | str


@dataclass(slots=True)
class RhkReport(Record):
    path: tuple
    rhk: str
    uraian: str | None
    indikator: list[IkiReport]
    bukti: list[Evidence]
    kendala: str | None


@dataclass(slots=True)
class RhkRating(Record):
    path: tuple
    rhk: str
    rating: str | None
    umpan_balik: str | None


@dataclass(slots=True)
class Evaluation(Record):
    file: str
    key: str  # same stem as the plan it belongs to
    pegawai: str
    tahun: int
    periode: str
    status: str  # draf / final
    pejabat_penilai: str
    reports: list[RhkReport]
    catatan_pegawai: str | None
    ratings: list[RhkRating]
    perilaku_umpan_balik: dict[str, str]
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    nilai_perilaku: dict[str, float]
    catatan_penilai: str | None
    koreksi: list[Correction]
    has_realisasi: bool
    has_penilaian: bool
    pengaduan_ditanggapi: tuple = ()  # complaint numbers the penilai considered (suara publik)
    tugas_tambahan: int | None = None  # PP 46/2011 only: number of additional tasks
    kreativitas: str | None = None  # PP 46/2011 only: level of a creative contribution
    alasan_tidak_dinilai: str | None = None  # with status tidak_dinilai
    masukan_sebelumnya: list[tuple[str, str]] = field(default_factory=list)  # (earlier penilai, input); private
    narasi_publik: str | None = None  # the employee's own public narrative (published only as publikasi.yml allows)

    def report_for(self, rhk_id: str) -> RhkReport | None:
        for r in self.reports:
            if r.rhk == rhk_id:
                return r
        return None

    def rating_for(self, rhk_id: str) -> RhkRating | None:
        for r in self.ratings:
            if r.rhk == rhk_id:
                return r
        return None


# --- builders: validated data -> records -------------------------------------------------------


def _target(d) -> Target | None:
    if not isinstance(d, dict):
        return None
    return Target(satuan=d["satuan"], nilai=d.get("nilai"), min=d.get("min"), maks=d.get("maks"))


def _corrections(items) -> list[Correction]:
    return [Correction(c["oleh"], _date(c["tanggal"]), c["alasan"], c.get("keberatan")) for c in items or ()]


def build_regency(file: str, d: dict) -> Regency:
    tenggat = d.get("tenggat", {})
    return Regency(
        file=file,
        id=d["id"],
        nama=d["nama"],
        jabatan_kepala=d["jabatan_kepala"],
        provinsi=d.get("provinsi"),
        kode_wilayah=d.get("kode_wilayah"),
        ibu_kota=d.get("ibu_kota"),
        fiktif=d.get("fiktif", False),
        admins=list(d["admin"]),
        period_kinds=list(d.get("periode_penilaian", ["triwulan"])),
        closed={int(y): set(ps) for y, ps in d.get("periode_ditutup", {}).items()},
        rule_sets=sorted((a["mulai_tahun"], a["aturan"]) for a in d["aturan"]),
        deadlines={
            "skp_disetujui": tenggat.get("skp_disetujui", "01-31"),
            "skp_hari_setelah_mulai": tenggat.get("skp_hari_setelah_mulai", 30),
            "evaluasi_hari_setelah_periode": tenggat.get("evaluasi_hari_setelah_periode", 15),
            "tinjauan_hari": tenggat.get("tinjauan_hari", 7),
            "keberatan_hari": tenggat.get("keberatan_hari", 14),
            "keputusan_keberatan_hari": tenggat.get("keputusan_keberatan_hari", 21),
        },
        rating_approval=d.get("persetujuan_rating", "tidak_ada"),
        complaint_admins={pd: list(ids) for pd, ids in d.get("admin_pengaduan", {}).items()},
        tim_penilai=list(d.get("tim_penilai_kinerja", ())),
        app_account=(d["aplikasi_github"]["login"], d["aplikasi_github"]["id"]) if d.get("aplikasi_github") else None,
        nip_import=d.get("impor_nip", "sidik"),
        di_atas_perlu_bukti=d.get("di_atas_perlu_bukti", "galat"),
        zona_waktu=d.get("zona_waktu", "Asia/Jakarta"),
        pemutus_keberatan=d.get("pemutus_keberatan"),
    )


@dataclass(slots=True)
class Service(Record):
    """One public service of a unit, with its standard service time (standar pelayanan)."""

    path: tuple
    id: str
    nama: str
    uraian: str | None
    hari: int
    jenis_hari: str  # kerja / kalender


def _services(file: str, base: tuple, items) -> tuple:
    return tuple(
        Service(base + ("layanan", i), s["id"], s["nama"], s.get("uraian"), s["waktu_layanan"]["hari"], s["waktu_layanan"]["jenis"])
        for i, s in enumerate(items)
    )


def build_units(file: str, d: dict) -> list[Unit]:
    fiktif = d.get("fiktif", False)
    pd = Unit(
        file=file,
        path=(),
        id=d["id"],
        nama=d["nama"],
        jenis=d["jenis"],
        induk=None,
        pd=d["id"],
        is_pd=True,
        jabatan_kepala=d["jabatan_kepala"],
        jenis_jabatan_kepala=d["jenis_jabatan_kepala"],
        hasil_organisasi=d.get("hasil_organisasi", True),
        layanan=_services(file, (), d.get("layanan", ())),
        singkatan=d.get("singkatan"),
        dibubarkan=_date(d.get("dibubarkan")),
        fiktif=fiktif,
        kode_unit_siasn=d.get("kode_unit_siasn"),
    )
    units = [pd]
    for i, s in enumerate(d.get("sub_unit", ())):
        units.append(
            Unit(
                file=file,
                path=("sub_unit", i),
                id=s["id"],
                nama=s["nama"],
                jenis=s["jenis"],
                induk=s["induk"],
                pd=d["id"],
                is_pd=False,
                jabatan_kepala=s["jabatan_kepala"],
                jenis_jabatan_kepala=s["jenis_jabatan_kepala"],
                hasil_organisasi=s.get("hasil_organisasi", False),
                layanan=_services(file, ("sub_unit", i), s.get("layanan", ())),
                singkatan=None,
                dibubarkan=_date(s.get("dibubarkan")),
                fiktif=fiktif,
                kode_unit_siasn=s.get("kode_unit_siasn"),
            )
        )
    return units


def build_person(file: str, d: dict) -> Person:
    gh = d.get("github") or {}
    return Person(
        file=file,
        id=d["id"],
        nama=d["nama"],
        status=d["status_kepegawaian"],
        nip=d.get("nip"),
        github_login=gh.get("login"),
        github_id=gh.get("id"),
        assignments=[
            Assignment(
                index=i,
                mulai=_date(a["mulai"]),
                selesai=_date(a.get("selesai")),
                unit=a["unit"],
                jabatan=a["jabatan"],
                jenis_jabatan=a["jenis_jabatan"],
                jenjang=a.get("jenjang"),
                golongan=a.get("golongan"),
                pangkat=a.get("pangkat"),
                kepala_unit=a.get("kepala_unit", False),
                pejabat_penilai=a.get("pejabat_penilai"),
                alasan_penilai=a.get("alasan_penilai"),
            )
            for i, a in enumerate(d["penugasan"])
        ],
        acting=[
            Acting(
                index=i,
                jenis=a["jenis"],
                unit=a["unit"],
                mulai=_date(a["mulai"]),
                selesai=_date(a.get("selesai")),
                pejabat_penilai=a.get("pejabat_penilai"),
            )
            for i, a in enumerate(d.get("plt_plh", ()))
        ],
        fiktif=d.get("fiktif", False),
        tmt_golongan=_date(d.get("tmt_golongan")),
        pendidikan_terakhir=d.get("pendidikan_terakhir"),
        kontrak=[(_date(k["mulai"]), _date(k["selesai"])) for k in d.get("kontrak_pppk", ())],
        sidik_nip=d.get("sidik_nip"),
    )


def build_goals(file: str, d: dict) -> GoalSet:
    return GoalSet(
        file=file,
        unit=d["unit"],
        tahun=d["tahun"],
        sumber=d.get("sumber"),
        goals=[
            Goal(
                index=i,
                id=g["id"],
                uraian=g["uraian"],
                mendukung=g.get("mendukung"),
                indikator=[
                    GoalIndicator(x["uraian"], _target(x.get("target")), x.get("lebih_kecil_lebih_baik", False))
                    for x in g.get("indikator", ())
                ],
            )
            for i, g in enumerate(d["sasaran"])
        ],
    )


def build_unit_result(file: str, d: dict) -> UnitResult:
    return UnitResult(
        file=file,
        unit=d["unit"],
        tahun=d["tahun"],
        periode=d["periode"],
        predikat=d["predikat_organisasi"],
        ditetapkan_oleh=d["ditetapkan_oleh"],
        tanggal=_date(d["tanggal"]),
        dasar=d.get("dasar"),
        koreksi=_corrections(d.get("koreksi")),
    )


def build_plan(file: str, key: str, d: dict) -> Plan:
    rhks = []
    for i, r in enumerate(d["hasil_kerja"]):
        ikis = []
        for j, k in enumerate(r["indikator"]):
            t = k.get("target")
            ikis.append(
                Iki(
                    path=("hasil_kerja", i, "indikator", j),
                    id=k["id"],
                    aspek=k.get("aspek"),
                    uraian=k["uraian"],
                    target=_target(t),
                    target_teks=t if isinstance(t, str) else None,
                    lebih_kecil_lebih_baik=k.get("lebih_kecil_lebih_baik", False),
                    berlaku_mulai=k.get("berlaku_mulai"),
                    berlaku_sampai=k.get("berlaku_sampai"),
                    sumber_survei=(k["sumber_survei"]["unit"], k["sumber_survei"].get("layanan"), k["sumber_survei"]["periode"])
                    if "sumber_survei" in k else None,
                    jenis_realisasi=k.get("jenis_realisasi", JENIS_REALISASI_DEFAULT),
                )
            )
        link = r.get("intervensi")
        rhks.append(
            Rhk(
                path=("hasil_kerja", i),
                id=r["id"],
                jenis=r["jenis"],
                uraian=r["uraian"],
                intervensi=tuple(link.split("/", 1)) if link else None,
                sasaran=r.get("sasaran"),
                perspektif=r.get("perspektif"),
                indikator=ikis,
                berlaku_mulai=r.get("berlaku_mulai"),
                berlaku_sampai=r.get("berlaku_sampai"),
            )
        )
    lampiran = d.get("lampiran", {})
    return Plan(
        file=file,
        key=key,
        pegawai=d["pegawai"],
        tahun=d["tahun"],
        mulai=_date(d["periode"]["mulai"]),
        selesai=_date(d["periode"]["selesai"]),
        status=d["status"],
        pendekatan=d["pendekatan"],
        jabatan=d.get("jabatan"),
        unit=d.get("unit"),
        rhk=rhks,
        perilaku={k: v.get("ekspektasi_khusus") for k, v in d.get("perilaku_kerja", {}).items() if v.get("ekspektasi_khusus")},
        lampiran={k: list(v) for k, v in lampiran.items()},
        catatan=d.get("catatan"),
    )


def build_evaluation(file: str, key: str, d: dict) -> Evaluation:
    real = d.get("realisasi") or {}
    pen = d.get("penilaian") or {}
    reports = []
    for i, r in enumerate(real.get("hasil_kerja", ())):
        reports.append(
            RhkReport(
                path=("realisasi", "hasil_kerja", i),
                rhk=r["rhk"],
                uraian=r.get("uraian"),
                indikator=[
                    IkiReport(("realisasi", "hasil_kerja", i, "indikator", j), x["iki"], x["realisasi"])
                    for j, x in enumerate(r.get("indikator", ()))
                ],
                bukti=[Evidence(b["url"], b["publik"], b.get("keterangan")) for b in r.get("bukti_dukung", ())],
                kendala=r.get("kendala"),
            )
        )
    ratings = [
        RhkRating(("penilaian", "hasil_kerja", i), r["rhk"], r.get("rating"), r.get("umpan_balik"))
        for i, r in enumerate(pen.get("hasil_kerja", ()))
    ]
    return Evaluation(
        file=file,
        key=key,
        pegawai=d["pegawai"],
        tahun=d["tahun"],
        periode=d["periode"],
        status=d["status"],
        pejabat_penilai=d["pejabat_penilai"],
        reports=reports,
        catatan_pegawai=real.get("catatan"),
        narasi_publik=real.get("narasi_publik"),
        ratings=ratings,
        perilaku_umpan_balik={k: v["umpan_balik"] for k, v in pen.get("perilaku_kerja", {}).items() if v.get("umpan_balik")},
        rating_hasil_kerja=pen.get("rating_hasil_kerja"),
        rating_perilaku_kerja=pen.get("rating_perilaku_kerja"),
        nilai_perilaku=dict(pen.get("nilai_perilaku", {})),
        catatan_penilai=pen.get("catatan"),
        koreksi=_corrections(d.get("koreksi")),
        has_realisasi="realisasi" in d,
        has_penilaian="penilaian" in d,
        pengaduan_ditanggapi=tuple(pen.get("pengaduan_ditanggapi", ())),
        tugas_tambahan=pen.get("tugas_tambahan"),
        kreativitas=pen.get("kreativitas"),
        alasan_tidak_dinilai=d.get("alasan_tidak_dinilai"),
        masukan_sebelumnya=[(m["oleh"], m["catatan"]) for m in d.get("masukan_penilai_sebelumnya", ())],
    )
