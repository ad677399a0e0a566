"""The public projection of complaints and surveys (suara publik): per service and per unit
only, field by field. The LAPOR tracking id, the RHK/IKI of a person who is neither a
public-office holder nor one of at least the policy's group threshold of holders of the
same jabatan, and anything about the complainant have no way through."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from kinerja.publish.public import safe_url
from kinerja.suara import chain
from kinerja.suara.privacy import redact
from kinerja.suara import load as L
from kinerja.suara.deadlines import clocks
from kinerja.suara.ikm import compute
from kinerja.suara.summary import Figures, figures, median


@dataclass(frozen=True)
class PublicStep:
    status: str  # label
    lapor: str  # LAPOR's word for it
    tanggal: date
    keterangan: str | None


@dataclass(frozen=True)
class PublicFollowUp:
    tanggal: date
    unit: str  # unit name
    uraian: str
    perubahan: str | None  # https only


@dataclass(frozen=True)
class PublicClock:
    nama: str
    hari: int
    jenis: str
    due: date | None
    done: date | None
    late: int
    on_time: bool | None
    verified: bool


@dataclass(frozen=True)
class PublicComplaint:
    nomor: str  # the regency's own number (never the LAPOR id)
    tahun: int
    kanal: str
    diterima: date
    unit: str
    layanan: str
    kategori: str  # label
    kategori_kode: str
    status: str  # label
    terbuka: bool
    ringkasan: str
    riwayat: tuple
    tindak_lanjut: tuple
    clocks: tuple
    fiktif: bool
    status_kode: str = ""  # the status key (selesai, ditolak, ...) of the last step


@dataclass(frozen=True)
class PublicSurvey:
    tahun: int
    periode: str  # label
    periode_kode: str
    unit: str
    layanan: str | None
    metode: str | None
    responden: int
    nrr: tuple  # (unsur label, Fraction), in the rules' order
    ikm: Fraction
    mutu: str | None
    kinerja: str | None


@dataclass(frozen=True)
class PublicAnswer:
    """An RHK/IKI that answers for a service, shown only where the policy allows (jabatan, not name)."""

    jabatan: str
    rhk: str  # uraian
    iki: str | None


@dataclass
class ServiceView:
    unit: str
    id: str
    nama: str
    complaints: list = field(default_factory=list)
    surveys: list = field(default_factory=list)
    figures: Figures | None = None
    answers: list = field(default_factory=list)
    answers_hidden: int = 0


@dataclass
class PublicSuara:
    today: date
    deadlines: tuple  # (key, nama, hari, jenis, verified)
    kategori: dict
    ikm_verified: bool
    ikm_sumber: str
    services: dict  # (unit, layanan) -> ServiceView
    by_unit: dict  # unit -> [keys]
    unit_figures: dict  # unit -> Figures
    medians: dict  # key -> (first response, resolution) medians
    statuses: tuple = ()  # (nama, LAPOR's word, still open)
    cuti_bersama_libur: bool = True


def _public_text(text: str | None) -> str | None:
    """Free text on its way out: anything that looks like a NIK, NIP, phone number or e-mail
    address becomes "(disembunyikan)". Validation refuses such text first (and a file with an
    error is not published); this is the second line of defence."""
    return redact(text) if text else text


def holders_of(repo, year: int) -> dict[tuple, int]:
    """(unit, jabatan) -> how many people hold it in the year (by their plans)."""
    out: dict[tuple, int] = {}
    for (y, _k), p in repo.plans.items():
        if y == year:
            out[(p.unit, p.jabatan)] = out.get((p.unit, p.jabatan), 0) + 1
    return out


def _answers(repo, proj, refs, year: int, holders: dict) -> tuple[list, int]:
    """The RHK/IKI shown beside a service: where the jabatan is a public office (its holder
    has a public page) or held by at least the policy's group threshold of people."""
    threshold = proj.policy.unit.kelompok_minimum
    shown, hidden = [], 0
    for ref in refs:
        plans = repo.plans_of(ref.pegawai, year)
        plan = plans[0] if plans else None
        rhk = plan.rhk_by_id(ref.rhk) if plan else None
        if plan is None or rhk is None:
            continue
        public_office = ref.pegawai in proj.persons
        if not public_office and holders.get((plan.unit, plan.jabatan), 0) < threshold:
            hidden += 1
            continue
        iki = next((i.uraian for i in rhk.indikator if i.id == ref.iki), None) if ref.iki else None
        shown.append(PublicAnswer(plan.jabatan or "", rhk.uraian, iki))
    return shown, hidden


def project(repo, proj, today: date) -> PublicSuara | None:
    rules = L.rules(repo)
    if rules is None:
        return None
    cal = L.calendar(repo, rules)
    services: dict[tuple[str, str], ServiceView] = {}
    by_unit: dict[str, list] = {}
    for uid in proj.units:
        u = repo.units.get(uid)
        for sv in (u.layanan if u else ()):
            services[(uid, sv.id)] = ServiceView(uid, sv.id, sv.nama)
            by_unit.setdefault(uid, []).append((uid, sv.id))
    bad = {rel for rel, e in repo.files.items() if any(f.severity == "error" for f in e.findings)}
    raw_by_service: dict = {}
    clocks_by: dict[int, list] = {}  # id(complaint) -> its clocks: computed once, shown and counted
    for k in L.complaints(repo):
        key = (k.unit, k.layanan)
        if key not in services or k.file in bad:
            continue
        raw_by_service.setdefault(key, []).append(k)
        clocks_by[id(k)] = kc = clocks(k, rules.deadlines, cal, today)
        st = rules.status.get(k.status)
        services[key].complaints.append(PublicComplaint(
            nomor=k.nomor, tahun=k.tahun, kanal=rules.kanal.get(k.kanal, k.kanal), diterima=k.diterima, unit=k.unit,
            layanan=k.layanan, kategori=rules.kategori.get(k.kategori, k.kategori), kategori_kode=k.kategori,
            status=st.nama if st else k.status, terbuka=st.terbuka if st else True, ringkasan=_public_text(k.ringkasan),
            riwayat=tuple(PublicStep(rules.status[s.status].nama if s.status in rules.status else s.status,
                                     rules.status[s.status].lapor if s.status in rules.status else "", s.tanggal,
                                     _public_text(s.keterangan))
                          for s in k.riwayat),
            tindak_lanjut=tuple(PublicFollowUp(t.tanggal, repo.units[t.unit].nama if t.unit in repo.units else t.unit,
                                               _public_text(t.uraian), safe_url(t.perubahan) if t.perubahan else None)
                                for t in k.tindak_lanjut),
            clocks=tuple(PublicClock(c.deadline.nama, c.deadline.hari, c.deadline.jenis, c.due, c.done, c.late, c.on_time,
                                     c.deadline.verified) for c in kc),
            fiktif=k.fiktif, status_kode=k.status,
        ))
    order = list(rules.unsur)
    for s in L.surveys(repo):
        if s.file in bad:
            continue
        key = (s.unit, s.layanan) if s.layanan else None
        r = compute(s.unsur, rules)
        if r is None:
            continue
        ps = PublicSurvey(s.tahun, rules.survey_periods.get(s.periode, (s.periode,))[0], s.periode, s.unit, s.layanan,
                          _public_text(s.metode), r.respondents, tuple((rules.unsur[k][0], r.nrr[k]) for k in order if k in r.nrr),
                          r.ikm, r.mutu, r.kinerja)
        if key in services:
            services[key].surveys.append(ps)
        elif s.layanan is None and s.unit in by_unit:
            for k2 in by_unit[s.unit]:
                services[k2].surveys.append(ps)
    medians = {}
    for key, view in services.items():
        view.complaints.sort(key=lambda c: (c.diterima, c.nomor), reverse=True)
        view.surveys.sort(key=lambda s: (s.tahun, s.periode_kode), reverse=True)
        view.figures = figures(raw_by_service.get(key, []), rules, cal, today, clocks_of=lambda k: clocks_by[id(k)])
        medians[key] = (median(view.figures.first_response), median(view.figures.resolution))
    unit_figures = {uid: Figures.merged(services[key].figures for key in keys) for uid, keys in by_unit.items()}
    if proj.years:
        year = max(proj.years)
        mapped = {key: refs for key, refs in chain.answerers(repo, year).items() if key in services}
        holders = holders_of(repo, year) if mapped else {}
        for key, refs in mapped.items():
            services[key].answers, services[key].answers_hidden = _answers(repo, proj, refs, year, holders)
    return PublicSuara(today, tuple((d.key, d.nama, d.hari, d.jenis, d.verified) for d in rules.deadlines), dict(rules.kategori),
                       rules.ikm_verified, rules.ikm_sumber, services, by_unit, unit_figures, medians,
                       tuple((st.nama, st.lapor, st.terbuka) for st in rules.status.values()), rules.cuti_bersama_libur)
