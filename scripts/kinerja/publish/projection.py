"""THE public projection: the only place where repository data becomes publishable data.

Input: the Repository (typed records), the ScoreReport of the scorer, the publication
policy and what git says about history. Output: plain public dataclasses. Every page,
chart, search entry and download is made from a `Projection`, never from records, so what
the policy does not allow is simply absent downstream.

What is copied, field by field, is listed here and nowhere else. Never copied: NIP, birth
date (derivable from a NIP), gender, GitHub accounts, golongan/pangkat, contact data,
umpan balik, catatan (of the plan, the employee or the evaluator), kendala, behaviour
scores, ratings, warnings, corrections' reasons, and evidence not marked public. Staff
appear on unit pages by jabatan only; a person's name appears only on the pages the policy
publishes, keyed by the opaque person id (never derived from a NIP or name).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache
from datetime import date
from fractions import Fraction

from kinerja.check.crossfile import org_index
from kinerja.findings import has_nip, redact_nips
from kinerja.layout import classify
from kinerja.model.calendar import PERIOD_LABEL, period_order, period_range
from kinerja.model.records import Plan, Target
from kinerja.model.rules import RuleSet
from kinerja.publish.gitinfo import BuildInfo, History
from kinerja.publish.policy import DEFAULT_COMPLAINT_URL, Policy
from kinerja.repository import Repository
from kinerja.score.capaian import target_text, with_unit
from kinerja.score.status import DEFAULT_JENIS, StatusRules, iki_status
from kinerja.score.status import rules_from as status_rules_from
from kinerja.score.engine import ScoreReport, assessment_groups
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


# --- building it --------------------------------------------------------------------------------


def _target(t: Target | None, narrative: str | None = None) -> PublicTarget | None:
    if t is None:
        return None
    return PublicTarget(target_text(t, narrative), t.nilai, t.min, t.maks, t.satuan)


def _validity(first: str | None, last: str | None) -> str | None:
    if first and last:
        return f"berlaku {PERIOD_LABEL.get(first, first)} s.d. {PERIOD_LABEL.get(last, last)}"
    if first:
        return f"berlaku mulai {PERIOD_LABEL.get(first, first)}"
    if last:
        return f"berlaku sampai {PERIOD_LABEL.get(last, last)}"
    return None


def _tree_order(units: dict) -> list[str]:
    """Perangkat daerah by name, each followed by its sub-units depth first (by name)."""
    children: dict[str | None, list[str]] = {}
    for u in units.values():
        parent = u.induk if u.induk in units else None
        children.setdefault(parent, []).append(u.id)
    for ids in children.values():
        ids.sort(key=lambda i: (units[i].nama.casefold(), i))
    out, stack = [], list(reversed(children.get(None, [])))
    while stack:
        uid = stack.pop()
        if uid in out:
            continue
        out.append(uid)
        stack.extend(reversed(children.get(uid, [])))
    out += sorted(u for u in units if u not in out)  # cycles (reported by validate) last
    return out


def plan_place(people: dict, plan: Plan) -> tuple[str | None, str]:
    """The unit and jabatan a plan is published under (the plan's own, else the assignment's)."""
    person = people.get(plan.pegawai)
    a = None
    if person is not None:
        a = person.assignment_on(plan.selesai) or person.assignment_on(plan.mulai)
        if a is None:
            overlapping = person.assignments_between(plan.mulai, plan.selesai)
            a = overlapping[-1] if overlapping else None
    unit = plan.unit or (a.unit if a else None)
    jabatan = plan.jabatan or (a.jabatan if a else "Jabatan tidak tercatat")
    return unit, jabatan


def numbered_plans(all_plans: dict, people: dict, policy: Policy, order: list[str]):
    """The published plans with their public code `<year>-<unit>-<nn>`: (kode, unit, year,
    jabatan, pemegang, plan), in page order. The ONE numbering rule: the projection names plans
    with it and `kinerja form` re-runs it at a past commit to resolve an editor's link
    `<kode>@<commit>/<rhk>` back to a plan (review/publiclink.py)."""
    units = set(order)
    placed: dict[tuple[str, int], list[tuple[str, Plan]]] = {}  # (unit, year) -> [(jabatan, plan)]
    for (year, _key), plan in all_plans.items():
        unit, jabatan = plan_place(people, plan)
        if unit is None or unit not in units:
            continue
        if plan.status == "draf" and not policy.unit.rencana_draf:
            continue
        placed.setdefault((unit, year), []).append((jabatan, plan))
    position = {u: i for i, u in enumerate(order)}
    for (unit, year) in sorted(placed, key=lambda k: (k[1], position.get(k[0], 0))):
        items = sorted(placed[(unit, year)], key=lambda jp: (jp[0].casefold(), jp[1].key))
        holders = Counter(j for j, _ in items)
        seen: Counter = Counter()
        for n, (jabatan, plan) in enumerate(items, start=1):
            seen[jabatan] += 1
            pemegang = jabatan if holders[jabatan] == 1 else f"{jabatan} (pemegang ke-{seen[jabatan]})"
            yield f"{year}-{unit}-{n:02d}", unit, year, jabatan, pemegang, plan


def project(repo: Repository, report: ScoreReport, policy: Policy, build: BuildInfo, history: History) -> Projection:
    reg = repo.regency
    org = org_index(repo)
    tenures: dict[str, list[tuple[str, object]]] = {}  # person -> [(unit, tenure)]: heads by person, built once
    for unit_id, ts in org.heads.items():
        for t in ts:
            tenures.setdefault(t.person, []).append((unit_id, t))

    def units_headed(person_id: str, start: date, end: date) -> list[str]:
        return sorted({u for u, t in tenures.get(person_id, ()) if t.overlaps(start, end)})
    regency = PublicRegency(reg.id, reg.nama, reg.provinsi, reg.ibu_kota, reg.jabatan_kepala, reg.fiktif)

    # -- units
    order = _tree_order(repo.units)
    units: dict[str, PublicUnit] = {}
    for uid in order:
        u = repo.units[uid]
        depth = len([a for a in org.ancestors(uid) if a in repo.units])
        units[uid] = PublicUnit(
            id=u.id, nama=u.nama, singkatan=u.singkatan, jenis=u.jenis, jenis_label=JENIS_UNIT.get(u.jenis, u.jenis.replace("_", " ")),
            jabatan_kepala=u.jabatan_kepala, layanan=[public_service(sv) for sv in u.layanan], induk=u.induk if u.induk in repo.units else None,
            pd=u.pd, is_pd=u.is_pd, depth=depth, children=[], kelompok_penilaian=u.hasil_organisasi, dibubarkan=u.dibubarkan,
            kanal_pengaduan=safe_url(policy.complaint_url(u.id)) or DEFAULT_COMPLAINT_URL,
        )
    for uid, pu in units.items():
        if pu.induk is not None:
            units[pu.induk].children.append(uid)
    pd_order = [u for u in order if units[u].is_pd]

    # -- years and periods present in the data
    years = sorted({y for (_u, y) in repo.goals} | {y for (y, _k) in repo.plan_paths} | {y for (y, _p, _k) in repo.eval_paths}
                   | {y for (_u, y, _p) in repo.unit_results}, reverse=True)
    periods: dict[int, list[str]] = {}
    for (y, p, _k) in repo.eval_paths:
        periods.setdefault(y, []).append(p)
    for (_u, y, p) in repo.unit_results:
        periods.setdefault(y, []).append(p)
    periods = {y: sorted(set(ps), key=period_order) for y, ps in periods.items()}
    for y in years:
        periods.setdefault(y, [])

    rule_by_year = {y: repo.rules_for_year(y) for y in years}
    predikat_labels = {y: list(r.predikat) if r else [] for y, r in rule_by_year.items()}
    capaian_places = {y: (r.capaian.get("desimal_tampilan", 1) if r and r.capaian else 1) for y, r in rule_by_year.items()}
    status_rules = {y: (status_rules_from(r.status_iki) if r else None) for y, r in rule_by_year.items()}

    # -- goals
    goals: dict[tuple[str, int], list[PublicGoal]] = {}
    if policy.unit.sasaran:
        for (unit_id, year), gs in sorted(repo.goals.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            parent_unit = reg.id if unit_id in repo.units and repo.units[unit_id].is_pd else repo.units[unit_id].induk if unit_id in repo.units else None
            upper = repo.goals.get((parent_unit, year)) if parent_unit else None
            upper_text = {g.id: g.uraian for g in upper.goals} if upper else {}
            goals[(unit_id, year)] = [
                PublicGoal(
                    unit=unit_id, tahun=year, id=g.id, uraian=g.uraian, mendukung=g.mendukung,
                    mendukung_uraian=upper_text.get(g.mendukung) if g.mendukung else None,
                    indikator=[PublicGoalIndicator(i.uraian, _target(i.target), i.lebih_kecil_lebih_baik) for i in g.indikator],
                    sumber=gs.sumber,
                )
                for g in gs.goals
            ]

    # -- scores by evaluation file
    scores = {s.file: s for s in report.evaluations if s.dinilai}
    evaluations = repo.evaluations  # one batch from the cache

    # -- which plans, and whose pages, are public
    all_plans = repo.plans  # (year, key) -> Plan, one batch from the cache
    people = repo.people

    def public_office(plan: Plan) -> bool:
        kinds = policy.pegawai.pejabat_publik
        person = people.get(plan.pegawai)
        if person is None:
            return False
        if "jpt" in kinds and any(a.jenis_jabatan.startswith("jpt_") for a in person.assignments_between(plan.mulai, plan.selesai)):
            return True
        headed = units_headed(plan.pegawai, plan.mulai, plan.selesai)
        if "kepala_perangkat_daerah" in kinds and any(u in repo.units and repo.units[u].is_pd for u in headed):
            return True
        if "kepala_unit" in kinds and headed:
            return True
        return False

    def plan_published_with_person(plan: Plan) -> bool:
        mode = policy.pegawai.halaman
        if mode == "semua":
            return True
        if mode == "pejabat_publik":
            return public_office(plan)
        return False

    plan_counts: dict[int, dict[str, int]] = {}
    unit_plan_counts: dict[tuple[str, int], dict[str, int]] = {}
    for (year, key), plan in all_plans.items():
        unit, _jabatan = plan_place(people, plan)
        counts = plan_counts.setdefault(year, {"disetujui": 0, "draf": 0})
        counts[plan.status] = counts.get(plan.status, 0) + 1
        if unit is None or unit not in units:
            continue
        uc = unit_plan_counts.setdefault((unit, year), {"disetujui": 0, "draf": 0})
        uc[plan.status] = uc.get(plan.status, 0) + 1

    plans: dict[str, PublicPlan] = {}
    plans_by_unit: dict[tuple[str, int], list[str]] = {}
    code_of: dict[tuple[int, str], str] = {}  # (year, plan key) -> code
    persons: dict[str, PublicPerson] = {}
    person_label: dict[str, str] = {}
    for kode, unit, year, jabatan, pemegang, plan in numbered_plans(all_plans, people, policy, order):
        code_of[(year, plan.key)] = kode
        heads = unit in units_headed(plan.pegawai, plan.mulai, plan.selesai)
        pp = PublicPlan(
            kode=kode, tahun=year, unit=unit, pd=units[unit].pd, jabatan=jabatan, pemegang=pemegang, status=plan.status,
            mulai=plan.mulai, selesai=plan.selesai, pendekatan=plan.pendekatan, rhk=[], periode_final=[], periode_draf=[],
            kepala_unit=heads,
        )
        if plan_published_with_person(plan) and plan.pegawai in people:
            person = people[plan.pegawai]
            label = person.nama if policy.pegawai.nama else f"{jabatan} — {units[unit].nama}"
            person_label.setdefault(person.id, label)
            pp.pegawai = PublicPersonRef(person.id, person_label[person.id])
            if person.id not in persons:
                persons[person.id] = PublicPerson(
                    id=person.id, nama=person.nama if policy.pegawai.nama else None, judul=person_label[person.id],
                    jabatan=jabatan, unit=unit, pejabat_publik=public_office(plan), plans=[],
                )
            persons[person.id].plans.append(kode)
            if policy.pegawai.lampiran_skp:
                pp.perilaku = {BERAKHLAK.get(k, k): v for k, v in plan.perilaku.items()}
                pp.lampiran = {LAMPIRAN.get(k, k): list(v) for k, v in plan.lampiran.items() if v}
        plans[kode] = pp
        plans_by_unit.setdefault((unit, year), []).append(kode)

    # -- RHK, the cascade links, realisasi per period
    plan_of_code = {code_of[(y, k)]: all_plans[(y, k)] for (y, k) in code_of}
    codes_of_person: dict[tuple[str, int], list[str]] = {}
    for (y, k), kode in code_of.items():
        codes_of_person.setdefault((all_plans[(y, k)].pegawai, y), []).append(kode)

    def parent_key(plan: Plan, pp: PublicPlan, rhk) -> tuple[str | None, bool]:
        if rhk.sasaran:
            goal_unit = pp.pd if pp.unit == pp.pd or units[pp.unit].is_pd else pp.pd
            known = any(g.id == rhk.sasaran for g in goals.get((goal_unit, pp.tahun), []))
            return f"sasaran:{goal_unit}:{rhk.sasaran}", not known
        if rhk.intervensi:
            boss, boss_rhk = rhk.intervensi
            candidates = []
            for kode in codes_of_person.get((boss, pp.tahun), []):
                bp = plan_of_code[kode]
                if bp.rhk_by_id(boss_rhk) is not None:
                    overlap = bp.mulai <= plan.selesai and plan.mulai <= bp.selesai
                    candidates.append((not overlap, bp.mulai, kode))
            if candidates:
                return f"{min(candidates)[2]}/{boss_rhk}", False
            return None, True
        return None, False

    for kode, pp in plans.items():
        plan = plan_of_code[kode]
        # evaluations of this plan, by period
        finals: dict[str, object] = {}
        for period in periods.get(pp.tahun, []):
            e = evaluations.get((pp.tahun, period, plan.key))
            if e is None:
                continue
            if e.status == "final":
                finals[period] = e
                pp.periode_final.append(period)
            else:
                pp.periode_draf.append(period)
        cap: dict[tuple[str, str, str], object] = {}
        for period, e in finals.items():
            s = scores.get(e.file)
            if s is None:
                continue
            for c in s.capaian:
                cap[(period, c.rhk, c.iki)] = c
            if pp.pegawai is not None and policy.pegawai.predikat and s.predikat_label:
                pp.predikat[period] = s.predikat_label
        for rhk in plan.rhk:
            parent, missing = parent_key(plan, pp, rhk)
            pr = PublicRhk(
                key=f"{kode}/{rhk.id}", id=rhk.id, jenis=rhk.jenis, uraian=rhk.uraian,
                perspektif=PERSPEKTIF.get(rhk.perspektif, rhk.perspektif) if rhk.perspektif else None,
                parent=parent, parent_missing=missing, berlaku=_validity(rhk.berlaku_mulai, rhk.berlaku_sampai), indikator=[],
            )
            for iki in rhk.indikator:
                pi = PublicIki(
                    id=iki.id, aspek=ASPEK.get(iki.aspek, iki.aspek) if iki.aspek else None, uraian=iki.uraian,
                    target=_target(iki.target, iki.target_teks), target_teks=target_text(iki.target, iki.target_teks),
                    lebih_kecil_lebih_baik=iki.lebih_kecil_lebih_baik, berlaku=_validity(iki.berlaku_mulai, iki.berlaku_sampai),
                    jenis_realisasi=getattr(iki, "jenis_realisasi", None) or DEFAULT_JENIS,
                )
                rules = status_rules.get(pp.tahun)
                for period in finals:
                    c = cap.get((period, rhk.id, iki.id))
                    if c is None:
                        continue
                    if c.realisasi is None:
                        shown = "–"
                    elif isinstance(c.realisasi, str):
                        shown = c.realisasi
                    else:
                        shown = with_unit(number_text(c.realisasi), iki.target.satuan if iki.target else None)
                    status = iki_status(c.persen, period, pi.jenis_realisasi, rules) if rules else "belum_ada_data"
                    pi.realisasi[period] = PublicRealisasi(period, c.realisasi, shown, c.persen, c.keterangan, status)
                pr.indikator.append(pi)
            for period, e in finals.items():
                report_ = e.report_for(rhk.id)
                if report_ is None:
                    continue
                if report_.uraian:
                    pr.uraian_realisasi[period] = report_.uraian
                links = [PublicEvidence(u, b.keterangan) for b in report_.bukti if b.publik and (u := safe_url(b.url))]
                if links:
                    pr.bukti[period] = links
            pp.rhk.append(pr)

    # -- heads shown on unit pages (only published people)
    for kode, pp in plans.items():
        if pp.pegawai is None:
            continue
        plan = plan_of_code[kode]
        for uid in units_headed(plan.pegawai, plan.mulai, plan.selesai):
            if uid in units and pp.pegawai.id not in [r.id for r in units[uid].kepala.get(pp.tahun, [])]:
                units[uid].kepala.setdefault(pp.tahun, []).append(pp.pegawai)

    # -- the two views: what unit pages show, what person pages show
    unit_plans: dict[str, PublicPlan] = {}
    if policy.unit.kaskade_rhk or policy.unit.realisasi:
        unit_plans = {k: _view(pp, policy.unit.realisasi, policy.unit.bukti_dukung, False, False) for k, pp in plans.items()}
    person_plans = {
        k: _view(pp, policy.pegawai.realisasi, policy.pegawai.bukti_dukung, policy.pegawai.lampiran_skp, policy.pegawai.predikat)
        for k, pp in plans.items()
        if pp.pegawai is not None
    }
    sections = set()
    if policy.unit.kaskade_rhk:
        sections.add("kaskade")
    if policy.unit.realisasi:
        sections.add("realisasi")
    if policy.unit.sasaran:
        sections.add("sasaran")
    if policy.unit.sebaran_predikat:
        sections.add("sebaran")
    if policy.data_terbuka:
        sections.add("data_terbuka")

    # -- groups: predikat distributions, suppressed below the policy's minimum
    individually_shown: Counter = Counter()  # (group unit, year, period) -> people whose predikat is on their page
    if policy.pegawai.predikat:
        group_of = assessment_groups(repo)  # the scorer's grouping rule
        for kode, pp in plans.items():
            if pp.pegawai is None or not pp.predikat:
                continue
            person = people[pp.pegawai.id]
            for period in pp.predikat:
                start, end = period_range(pp.tahun, period)
                overlapping = person.assignments_between(start, end)
                grp = group_of.get(overlapping[-1].unit) if overlapping else None
                if grp is not None:
                    individually_shown[(grp, pp.tahun, period)] += 1
    groups: dict[tuple[str, int, str], PublicGroup] = {}
    for us in report.units:
        if us.unit not in units:
            continue
        rules = rule_by_year.get(us.tahun)
        hidden = individually_shown[(us.unit, us.tahun, us.periode)]
        shown, why = distribution_shown(dict(us.sebaran), hidden, policy.unit)
        label = ORG_PREDIKAT.get(us.predikat_organisasi) if us.predikat_organisasi else None
        groups[(us.unit, us.tahun, us.periode)] = PublicGroup(
            unit=us.unit, tahun=us.tahun, periode=us.periode, predikat_organisasi=us.predikat_organisasi,
            predikat_organisasi_label=label, pegawai=us.pegawai, final=us.final, draf=us.draf, belum_ada=us.belum_ada,
            ditampilkan=shown, alasan=why, sebaran=dict(us.sebaran) if shown else None,
            kurva_status=us.kurva.status if shown else None, kurva_label=KURVA_STATUS.get(us.kurva.status) if shown else None,
            pelanggaran=list(us.kurva.pelanggaran) if shown else [],
            batas=_limits(rules, us.predikat_organisasi) if shown else {},
        )
    totals: dict[tuple[int, str], PublicTotals] = {}
    for (uid, y, p), g in groups.items():
        t = totals.setdefault((y, p), PublicTotals(y, p, 0, 0, 0, 0, 0, {k: 0 for k, _ in predikat_labels.get(y, [])}, 0))
        t.evaluasi_final += g.final
        t.evaluasi_draf += g.draf
        t.evaluasi_belum_ada += g.belum_ada
        t.kelompok += 1
        if g.ditampilkan:
            t.kelompok_ditampilkan += 1
            for k, v in g.sebaran.items():
                t.sebaran[k] = t.sebaran.get(k, 0) + v
                t.pegawai_dalam_sebaran += v
    # evaluations per period over everyone (a count, not a predikat: no suppression needed)
    for (y, p, _k), rel in repo.eval_paths.items():
        if (y, p) not in totals:
            totals[(y, p)] = PublicTotals(y, p, 0, 0, 0, 0, 0, {k: 0 for k, _ in predikat_labels.get(y, [])}, 0)
    ev_counts: Counter = Counter()
    for (y, p, _k), e in evaluations.items():
        ev_counts[(y, p, e.status)] += 1
    for (y, p), t in totals.items():
        t.evaluasi_final = ev_counts[(y, p, "final")]
        t.evaluasi_draf = ev_counts[(y, p, "draf")]

    people_count: dict[int, int] = {}
    for y in years:
        start, end = date(y, 1, 1), date(y, 12, 31)
        people_count[y] = sum(1 for p in people.values() if p.status != "non_asn" and p.assignments_between(start, end))

    # -- target changes after approval (publish/targethistory.py), for published plans only
    target_changes: dict[str, dict] = {}
    for (y, k), found in getattr(history, "target_changes", {}).items():
        kode = code_of.get((y, k))
        if kode in plans:
            for ch in found:
                target_changes.setdefault(kode, {}).setdefault((ch.rhk, ch.iki), []).append(ch)

    # -- history: latest changes and "diperbarui", described without personal data
    changes: list[PublicChange] = []
    person_unit = _person_units(repo, all_plans, units)
    if history.available:
        for ch in history.changes:
            described = _describe_change(ch.paths, person_unit, units)
            if described:  # a commit of private records only is not listed
                changes.append(PublicChange(ch.sha, ch.epoch, described))
        for path, epoch in history.last_changed.items():
            for uid in _units_of_path(path, person_unit, units):
                pd = units[uid].pd
                for target in {uid, pd}:
                    if units[target].diperbarui is None or epoch > units[target].diperbarui:
                        units[target].diperbarui = epoch

    rule_years: dict[str, list[int]] = {}
    for y, r in rule_by_year.items():
        if r is not None:
            rule_years.setdefault(r.id, []).append(y)
    rule_sets = [repo.rule_sets[k] for k in sorted(repo.rule_sets)]

    return _redacted(Projection(
        regency=regency, policy=policy, build=build, history_available=history.available, history_reason=history.reason,
        years=years, periods=periods, units=units, pd_order=pd_order, goals=goals, plans=unit_plans, person_plans=person_plans,
        plans_by_unit=plans_by_unit if unit_plans else {}, sections=sections,
        persons=persons, groups=groups, totals=totals, plan_counts=plan_counts, unit_plan_counts=unit_plan_counts,
        people_count=people_count, rule_sets=rule_sets, rule_years={k: sorted(v) for k, v in rule_years.items()},
        predikat_labels=predikat_labels, capaian_places=capaian_places, status_rules=status_rules, changes=changes,
        target_changes=target_changes, data_errors=sum(1 for e in repo.files.values() if not e.ok),
        kanal_pengaduan_url=safe_url(policy.kanal_pengaduan_url) or DEFAULT_COMPLAINT_URL,
        kanal_pengaduan_nama=policy.kanal_pengaduan_nama,
    ))


# Fields that are links (checked by urlrule, never rewritten) or configuration, not user text.
_NOT_REDACTED = frozenset({"url", "kanal_pengaduan", "kanal_pengaduan_url", "policy", "build", "rule_sets"})


def _redact(node):
    """NIP-like digit runs in public text become "(disembunyikan)"; validation refuses them first
    (check/document.py check_free_text), this is the second line of defence."""
    if isinstance(node, str):
        return redact_nips(node) if has_nip(node) else node
    if isinstance(node, list):
        return [_redact(x) for x in node]
    if isinstance(node, tuple):
        return tuple(_redact(x) for x in node)
    if isinstance(node, dict):
        return {k: _redact(v) for k, v in node.items()}
    if is_dataclass(node) and not isinstance(node, type) and type(node).__name__.startswith("Public"):
        changes = {f.name: _redact(getattr(node, f.name)) for f in fields(node) if f.init and f.name not in _NOT_REDACTED}
        if node.__dataclass_params__.frozen:  # the suara projection's records are frozen
            return replace(node, **changes)
        for name, value in changes.items():
            setattr(node, name, value)
    return node


def _redacted(proj: Projection) -> Projection:
    for f in fields(proj):
        if f.name not in _NOT_REDACTED:
            setattr(proj, f.name, _redact(getattr(proj, f.name)))
    return proj


def distribution_shown(sebaran: dict[str, int], individually_shown: int, unit_policy) -> tuple[bool, str | None]:
    """Whether a group's predikat distribution may be published, and why not (statistical disclosure control).

    Two rules, both counted without the people whose predikat is already public on their own
    page (the public could subtract them):
    * size: at least `kelompok_minimum` people;
    * homogeneity: at least `kelompok_beda_minimum` people outside the most frequent predikat,
      so "5 of 5 Baik" (or "all but one Baik") never tells the public each member's predikat.
      The individually shown are assumed to be outside it (the cautious reading)."""
    if not unit_policy.sebaran_predikat:
        return False, "Kebijakan publikasi instansi tidak menampilkan sebaran predikat."
    n = sum(sebaran.values())
    minimum = unit_policy.kelompok_minimum
    if n - individually_shown < minimum:
        return False, (f"Disembunyikan: kurang dari {minimum} pegawai dengan evaluasi final (kelompok kecil dapat "
                       "mengungkap predikat perorangan).")
    others = n - max(sebaran.values(), default=0) - individually_shown
    if others < unit_policy.kelompok_beda_minimum:
        return False, (f"Disembunyikan: kurang dari {unit_policy.kelompok_beda_minimum} pegawai berpredikat lain daripada "
                       "predikat terbanyak (sebaran yang seragam mengungkap predikat setiap anggota).")
    return True, None


def _view(pp: PublicPlan, realisasi: bool, bukti: bool, lampiran: bool, predikat: bool) -> PublicPlan:
    """A copy of a plan with only what one kind of page may show (shares what it may keep)."""
    strip_real = not realisasi and any(r.uraian_realisasi or any(i.realisasi for i in r.indikator) for r in pp.rhk)
    strip_links = (not bukti or not realisasi) and any(r.bukti for r in pp.rhk)
    rhk = pp.rhk
    if strip_real or strip_links:
        rhk = [
            replace(
                r,
                indikator=[replace(i, realisasi={}) for i in r.indikator] if strip_real else r.indikator,
                uraian_realisasi={} if strip_real else r.uraian_realisasi,
                bukti={} if strip_links else r.bukti,
            )
            for r in pp.rhk
        ]
    changes = {}
    if rhk is not pp.rhk:
        changes["rhk"] = rhk
    if not realisasi and pp.periode_final:
        changes["periode_final"] = []
    if not lampiran and (pp.perilaku or pp.lampiran):
        changes.update(perilaku={}, lampiran={})
    if not predikat and pp.predikat:
        changes["predikat"] = {}
    return replace(pp, **changes) if changes else pp


def _limits(rules: RuleSet | None, org_predikat: str | None) -> dict[str, tuple[Fraction | None, Fraction | None]]:
    """Per single predikat: the curve's (min %, max %) for this predikat organisasi."""
    out: dict[str, tuple[Fraction | None, Fraction | None]] = {}
    if rules is None or not rules.kurva or org_predikat is None:
        return out
    for rule in rules.kurva.get("aturan", {}).get(org_predikat, ()):
        if len(rule["predikat"]) != 1:
            continue
        pid = rule["predikat"][0]
        lo, hi = out.get(pid, (None, None))
        if "min_persen" in rule:
            lo = Fraction(str(rule["min_persen"]))
        if "maks_persen" in rule:
            hi = Fraction(str(rule["maks_persen"]))
        out[pid] = (lo, hi)
    return out


def _person_units(repo: Repository, all_plans: dict, units: dict) -> dict[str, set[str]]:
    """person id -> units their plans belong to (to place a changed file on unit pages)."""
    out: dict[str, set[str]] = {}
    for (_y, _k), plan in all_plans.items():
        unit = plan.unit
        if unit is None:
            person = repo.people.get(plan.pegawai)
            a = person.assignment_on(plan.selesai) if person else None
            unit = a.unit if a else None
        if unit in units:
            out.setdefault(plan.pegawai, set()).add(unit)
    return out


_classify = lru_cache(maxsize=None)(classify)


def _units_of_path(path: str, person_unit: dict, units: dict) -> set[str]:
    c = _classify(path)
    if c is None:
        return set()
    kind, keys = c.kind.name, c.keys
    if kind in ("plan", "evaluation"):
        return set(person_unit.get(keys.get("pegawai"), ()))
    if kind in ("goals", "unit_result") and keys.get("unit") in units:
        return {keys["unit"]}
    if kind == "unit" and keys.get("unit") in units:
        return {u for u, x in units.items() if x.pd == keys["unit"]}
    return set()


KIND_TEXT = {
    "plan": "Rencana kinerja (SKP)",
    "evaluation": "Evaluasi kinerja",
    "goals": "Sasaran organisasi",
    "unit_result": "Predikat kinerja organisasi",
    "unit": "Susunan unit kerja",
    "person": "Data pegawai dan penugasan",
    "regency": "Pengaturan instansi",
    "rules": "Aturan penilaian",
    "publication": "Kebijakan publikasi",
}


# Internal HR records: not even the fact that one changed reaches the public home page.
PRIVATE_KINDS = frozenset({"calibration"})


def _describe_change(paths: tuple[str, ...], person_unit: dict, units: dict) -> list[str]:
    """'Evaluasi kinerja 2026 Triwulan III: Dinas Pendidikan, Dinas Kesehatan' — offices only,
    never whose file changed."""
    grouped: dict[str, set[str]] = {}
    for path in paths:
        c = _classify(path)
        if c is None:
            continue
        kind, keys = c.kind.name, c.keys
        if kind in PRIVATE_KINDS:
            continue
        label = KIND_TEXT.get(kind, "Data lain")
        if "tahun" in keys:
            label += f" {keys['tahun']}"
        if "periode" in keys:
            label += f" {PERIOD_LABEL.get(keys['periode'], keys['periode'])}"
        pds = grouped.setdefault(label, set())
        if kind not in ("person", "regency", "rules", "publication"):
            for uid in _units_of_path(path, person_unit, units):
                pds.add(units[units[uid].pd].nama)
    # A large commit (a new year, a period closing) touches every office: name a few and count
    # the rest, so the home page stays a readable list of changes.
    out = []
    for label in sorted(grouped)[:CHANGE_KINDS_SHOWN]:
        names = sorted(grouped[label])
        shown = names[:CHANGE_OFFICES_SHOWN]
        if len(names) > len(shown):
            shown.append(f"dan {len(names) - len(shown)} perangkat daerah lain")
        out.append(label + (": " + ", ".join(shown) if shown else ""))
    if len(grouped) > CHANGE_KINDS_SHOWN:
        out.append(f"dan {len(grouped) - CHANGE_KINDS_SHOWN} jenis data lain")
    return out


CHANGE_KINDS_SHOWN = 4
CHANGE_OFFICES_SHOWN = 3
