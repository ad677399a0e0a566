"""The public records: what a page, chart, search entry or download may be made of.

Plain dataclasses filled only by the public projection (kinerja.publish.projection and the
steps in kinerja.publish.projecting); the field lists here are the complete list of what can
reach the public site. Also the fixed Indonesian labels of enum values shown publicly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from kinerja.model.rules import RuleSet
from kinerja.publish.gitinfo import BuildInfo
from kinerja.publish.policy import DEFAULT_COMPLAINT_URL, Policy
from kinerja.score.status import DEFAULT_JENIS, StatusRules
from kinerja.urlrule import is_safe_url

JENIS_UNIT = {
    "sekretariat_daerah": "Sekretariat Daerah",
    "sekretariat_dprd": "Sekretariat DPRD",
    "inspektorat": "Inspektorat",
    "dinas": "Dinas",
    "badan": "Badan",
    "satuan_polisi_pamong_praja": "Satuan Polisi Pamong Praja",
    "kecamatan": "Kecamatan",
    "lainnya": "Perangkat daerah lainnya",
    "sekretariat": "Sekretariat",
    "bidang": "Bidang",
    "bagian": "Bagian",
    "subbagian": "Subbagian",
    "seksi": "Seksi",
    "sekolah": "Sekolah",
    "puskesmas": "Puskesmas",
    "uptd": "UPTD",
    "kelurahan": "Kelurahan",
    "sub_bidang": "Subbidang",
}
ASPEK = {"kuantitas": "Kuantitas", "kualitas": "Kualitas", "waktu": "Waktu", "biaya": "Biaya"}
PERSPEKTIF = {
    "penerima_layanan": "Penerima layanan",
    "proses_bisnis": "Proses bisnis",
    "penguatan_internal": "Penguatan internal",
    "anggaran": "Anggaran",
}
BERAKHLAK = {
    "berorientasi_pelayanan": "Berorientasi Pelayanan",
    "akuntabel": "Akuntabel",
    "kompeten": "Kompeten",
    "harmonis": "Harmonis",
    "loyal": "Loyal",
    "adaptif": "Adaptif",
    "kolaboratif": "Kolaboratif",
}
LAMPIRAN = {
    "dukungan_sumber_daya": "Dukungan sumber daya",
    "skema_pertanggungjawaban": "Skema pertanggungjawaban",
    "konsekuensi": "Konsekuensi",
}
ORG_PREDIKAT = {
    "istimewa": "Istimewa",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang",
    "sangat_kurang": "Sangat Kurang",
}
KURVA_STATUS = {
    "sesuai": "sesuai pola kurva",
    "menyimpang": "menyimpang dari pola kurva",
    "terlalu_kecil": "kelompok terlalu kecil untuk dinilai",
    "tanpa_predikat_organisasi": "predikat organisasi belum ditetapkan",
    "tanpa_aturan": "aturan kurva tidak tersedia",
}


def safe_url(url) -> str | None:
    """An evidence or channel link the site may show: absolute http(s), nothing else.

    The schema already restricts URLs; this is the publishing side's own check (defence
    in depth), the same rule as the schema and the forms (kinerja.urlrule): scheme exactly
    http/https in lower case, a plain host name (so no credentials), no whitespace, quotes,
    angle brackets, backslashes or control characters."""
    return url if is_safe_url(url) else None


def number_text(x) -> str:
    """A number as written in Indonesian notation (comma decimals)."""
    if isinstance(x, bool):
        return "ya" if x else "tidak"
    if isinstance(x, int):
        return f"{x:,}".replace(",", ".")
    if isinstance(x, float):
        return f"{x:g}".replace(".", ",")
    return str(x)


# --- public records ----------------------------------------------------------------------------


@dataclass
class PublicRegency:
    id: str
    nama: str
    provinsi: str | None
    ibu_kota: str | None
    jabatan_kepala: str
    fiktif: bool


@dataclass
class PublicTarget:
    teks: str
    nilai: float | int | None
    min: float | int | None
    maks: float | int | None
    satuan: str | None


@dataclass
class PublicGoalIndicator:
    uraian: str
    target: PublicTarget | None
    lebih_kecil_lebih_baik: bool


@dataclass
class PublicGoal:
    unit: str
    tahun: int
    id: str
    uraian: str
    mendukung: str | None  # id of the regency goal it supports
    mendukung_uraian: str | None
    indikator: list[PublicGoalIndicator]
    sumber: str | None


@dataclass
class PublicPersonRef:
    id: str  # the opaque person id: the page slug
    label: str  # the name, or the jabatan when the policy hides names


@dataclass(frozen=True)
class PublicService:
    id: str
    nama: str
    uraian: str | None
    hari: int
    jenis_hari: str


def public_service(sv) -> PublicService:
    """A unit's service as published: every field of the standar pelayanan is public."""
    return PublicService(sv.id, sv.nama, sv.uraian, sv.hari, sv.jenis_hari)


@dataclass
class PublicUnit:
    id: str
    nama: str
    singkatan: str | None
    jenis: str
    jenis_label: str
    jabatan_kepala: str
    layanan: list  # PublicService (suara publik), in the unit file's order
    induk: str | None
    pd: str
    is_pd: bool
    depth: int
    children: list[str]
    kelompok_penilaian: bool  # has its own predikat organisasi (a group for the curve)
    dibubarkan: date | None
    kanal_pengaduan: str
    kepala: dict[int, list[PublicPersonRef]] = field(default_factory=dict)  # published heads per year
    diperbarui: int | None = None  # last commit time of the data it shows


@dataclass
class PublicRealisasi:
    periode: str
    realisasi: float | int | str | None
    teks: str  # as shown: "4 proyek" / narrative text / "–"
    persen: Fraction | None
    keterangan: str | None
    status: str = "belum_ada_data"  # score/status.py: tercapai / sesuai_jalur / perlu_perhatian / belum_ada_data


@dataclass
class PublicIki:
    id: str
    aspek: str | None
    uraian: str
    target: PublicTarget | None
    target_teks: str
    lebih_kecil_lebih_baik: bool
    berlaku: str | None  # "mulai Triwulan II" etc.
    realisasi: dict[str, PublicRealisasi] = field(default_factory=dict)  # period -> value
    jenis_realisasi: str = DEFAULT_JENIS  # per_periode / kumulatif (records.JENIS_REALISASI_DEFAULT where the plan does not say)


@dataclass
class PublicEvidence:
    url: str
    keterangan: str | None


@dataclass
class PublicRhk:
    key: str  # "<plan code>/<rhk id>": a cascade node
    id: str
    jenis: str
    uraian: str
    perspektif: str | None
    parent: str | None  # cascade key of the supervisor's RHK, or "sasaran:<unit>:<id>"
    parent_missing: bool  # links to something not published (or not yet there)
    berlaku: str | None
    indikator: list[PublicIki]
    uraian_realisasi: dict[str, str] = field(default_factory=dict)  # period -> text
    bukti: dict[str, list[PublicEvidence]] = field(default_factory=dict)  # period -> links


@dataclass
class PublicPlan:
    kode: str  # "<year>-<unit>-<nn>": stable within one build, not a person identifier
    tahun: int
    unit: str
    pd: str
    jabatan: str
    pemegang: str  # jabatan, plus "pemegang ke-n" when several hold it in the unit
    status: str  # draf / disetujui
    mulai: date
    selesai: date
    pendekatan: str
    rhk: list[PublicRhk]
    periode_final: list[str]  # periods with a final evaluation (realisasi shown)
    periode_draf: list[str]  # periods with a draft evaluation (counted, not shown)
    kepala_unit: bool = False  # the holder heads the plan's unit (a position fact, not personal)
    pegawai: PublicPersonRef | None = None  # only when the person's page is published
    # only on published person pages, and only as the policy allows:
    perilaku: dict[str, str] = field(default_factory=dict)
    lampiran: dict[str, list[str]] = field(default_factory=dict)
    predikat: dict[str, str] = field(default_factory=dict)  # period -> label
    narasi: dict[str, str] = field(default_factory=dict)  # period -> the holder's own public narrative (final evaluations;
    # only for published people and only where publikasi.yml pegawai.narasi_publik allows it)


@dataclass
class PublicPerson:
    id: str
    nama: str | None  # None when the policy hides names
    judul: str  # page title
    jabatan: str
    unit: str
    pejabat_publik: bool
    plans: list[str]  # plan codes, newest year first


@dataclass
class PublicGroup:
    unit: str
    tahun: int
    periode: str
    predikat_organisasi: str | None
    predikat_organisasi_label: str | None
    pegawai: int
    final: int
    draf: int
    belum_ada: int
    ditampilkan: bool  # is the predikat distribution published?
    alasan: str | None  # why not, in Indonesian
    sebaran: dict[str, int] | None  # predikat -> count (None when suppressed)
    kurva_status: str | None
    kurva_label: str | None
    pelanggaran: list[str]
    batas: dict[str, tuple[Fraction | None, Fraction | None]]  # predikat -> (min %, max %) where one predikat alone


@dataclass
class PublicTotals:
    tahun: int
    periode: str
    evaluasi_final: int
    evaluasi_draf: int
    evaluasi_belum_ada: int
    kelompok: int
    kelompok_ditampilkan: int
    sebaran: dict[str, int]  # summed over published groups only
    pegawai_dalam_sebaran: int


@dataclass
class PublicChange:
    sha: str
    epoch: int
    uraian: list[str]  # Indonesian descriptions, no personal data


@dataclass
class Projection:
    regency: PublicRegency
    policy: Policy
    build: BuildInfo
    history_available: bool
    history_reason: str | None
    years: list[int]  # newest first
    periods: dict[int, list[str]]
    units: dict[str, PublicUnit]  # tree order
    pd_order: list[str]
    goals: dict[tuple[str, int], list[PublicGoal]]
    plans: dict[str, PublicPlan]  # the unit-page view (no names unless published, no person-only fields)
    person_plans: dict[str, PublicPlan]  # the person-page view, only for published people
    plans_by_unit: dict[tuple[str, int], list[str]]
    sections: set[str]  # unit-page sections the policy allows
    persons: dict[str, PublicPerson]
    groups: dict[tuple[str, int, str], PublicGroup]
    totals: dict[tuple[int, str], PublicTotals]
    plan_counts: dict[int, dict[str, int]]  # year -> {"disetujui": n, "draf": n}
    unit_plan_counts: dict[tuple[str, int], dict[str, int]]
    people_count: dict[int, int]  # ASN with an assignment in the year
    rule_sets: list[RuleSet]
    rule_years: dict[str, list[int]]  # rule set id -> years (of the data) it scores
    predikat_labels: dict[int, list[tuple[str, str]]]  # year -> (id, label), low -> high
    capaian_places: dict[int, int]
    status_rules: dict[int, StatusRules | None]  # year -> the rule set's status rules (None: no status that year)
    changes: list[PublicChange]
    data_errors: int  # data files with errors (left out)
    kanal_pengaduan_url: str = DEFAULT_COMPLAINT_URL
    kanal_pengaduan_nama: str = ""
    suara: object = None  # publish/suara_projection.PublicSuara (complaints and surveys)
    target_changes: dict = field(default_factory=dict)  # public plan code -> {(rhk, iki): [TargetChange]} (published plans only)

    def units_in_pd(self, pd: str) -> list[str]:
        return [u for u, x in self.units.items() if x.pd == pd]
