"""What each printed document says: plain, pre-formatted strings built from the records.

One function per document kind turns the records of one person into a dict of strings (the
template only lays them out) plus the list of repository files it read. The same dict is
hashed for the integrity payload, so "what the document says" has exactly one definition.
Field names and their order follow the official forms (PermenPANRB 6/2022 Lampiran; PerBKN
3/2023 for the angka kredit conversion); a field the repository does not hold is left empty
and named in `kosong`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.check.crossfile import REGENCY_FILE
from kinerja.model.calendar import ANNUAL, PERIOD_LABEL, period_range
from kinerja.model.records import Evaluation, Person, Plan
from kinerja.score import angka_kredit as ak
from kinerja.score import kuadran
from kinerja.score.capaian import target_text, with_unit
from kinerja.score.numbers import exact, indonesian

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

# Document kinds: id -> (template, title lines, file name stem)
KINDS = {
    "skp": ("skp.typ", "SASARAN KINERJA PEGAWAI", "skp"),
    "evaluasi": ("evaluasi.typ", "EVALUASI KINERJA PEGAWAI", "evaluasi"),
    "dokumen_evaluasi": ("tahunan.typ", "DOKUMEN EVALUASI KINERJA PEGAWAI", "dokumen-evaluasi"),
    "angka_kredit": ("angka_kredit.typ", "KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT", "angka-kredit"),
    "keputusan_keberatan": ("keberatan.typ", "KEPUTUSAN ATAS KEBERATAN HASIL EVALUASI KINERJA PEGAWAI", "keputusan-keberatan"),
}


class NotPrintable(Exception):
    """This document cannot be made from the data (an Indonesian reason)."""


@dataclass
class Content:
    kind: str
    tahun: int
    stem: str  # the plan/evaluation file stem: <person id>[.<start date>]
    periode: str | None
    data: dict
    inputs: set[str] = field(default_factory=set)
    pegawai: str = ""

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.tahun}:{self.periode or '-'}:{self.stem}"


def long_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


class Context:
    """Records shared by every document of one run (one repository, one commit)."""

    def __init__(self, repo, org=None):
        from kinerja.check.crossfile import org_index
        from kinerja.score.engine import assessment_groups

        self.repo = repo
        self.org = org if org is not None else org_index(repo)
        self.groups = assessment_groups(repo)
        reg = repo.regency
        self.regency_name = reg.nama if reg else ""
        self.seat = (reg.ibu_kota if reg else None) or ""
        self.tz_name = "WIB"

    def person_file(self, pid: str | None) -> str | None:
        p = self.repo.people.get(pid) if pid else None
        return p.file if p else None

    def party(self, c: Content, pid: str | None, day: date) -> dict:
        """NAMA, NIP, PANGKAT/GOL. RUANG, JABATAN, UNIT KERJA of a person on a day."""
        empty = {"nama": "", "nip": "", "pangkat": "", "jabatan": "", "unit": ""}
        p: Person | None = self.repo.people.get(pid) if pid else None
        if p is None:
            return empty
        c.inputs.add(p.file)
        a = p.assignment_on(day) or (p.assignments_between(date(day.year, 1, 1), date(day.year, 12, 31)) or [None])[-1]
        out = dict(empty, nama=p.nama, nip=p.nip or "")
        if a is not None:
            rank = " ".join(x for x in (a.pangkat, f"({a.golongan})" if a.golongan else None) if x)
            unit = self.repo.units.get(a.unit)
            if unit is not None:
                c.inputs.add(unit.file)
            out.update(pangkat=rank, jabatan=a.jabatan, unit=unit.nama if unit else a.unit)
        elif p.status == "non_asn":
            reg = self.repo.regency
            out.update(jabatan=reg.jabatan_kepala if reg else "")
        return out

    def rules(self, c: Content, year: int):
        rules = self.repo.rules_for_year(year)
        if rules is None:
            raise NotPrintable(f"tidak ada aturan penilaian untuk tahun {year}")
        c.inputs.add(rules.file)
        c.inputs.add(REGENCY_FILE)
        return rules

    def supervisor_rhk(self, c: Content, plan: Plan, rhk) -> str:
        """The text of the supervisor's RHK (or the unit's sasaran) this RHK intervenes in."""
        if rhk.intervensi:
            sup, rhk_id = rhk.intervensi
            for sp in self.repo.plans_of(sup, plan.tahun):
                found = sp.rhk_by_id(rhk_id)
                if found is not None:
                    c.inputs.add(sp.file)
                    return found.uraian
            return f"(RHK {sup}/{rhk_id} tidak ditemukan)"
        if rhk.sasaran:
            for (unit, year), goals in self.repo.goals.items():
                if year != plan.tahun:
                    continue
                for g in goals.goals:
                    if g.id == rhk.sasaran:
                        c.inputs.add(goals.file)
                        return f"Sasaran: {g.uraian}"
        return ""

    def org_result(self, c: Content, person: Person, year: int, period: str, day: date) -> str:
        a = person.assignment_on(day)
        group = self.groups.get(a.unit) if a else None
        result = self.repo.unit_results.get((group, year, period)) if group else None
        if result is None:
            return ""
        c.inputs.add(result.file)
        rules = self.repo.rules_for_year(year)
        label = rules.predikat_label(result.predikat) if rules else result.predikat
        unit = self.repo.units.get(group)
        return f"{label.upper()} ({unit.nama if unit else group})"


# --- shared pieces -----------------------------------------------------------------------------


def _base(ctx: Context, c: Content, title: str, periode_teks: str) -> dict:
    return {
        "instansi": ctx.regency_name.upper(),
        "judul": [title, *([] if c.kind != "skp" else [])],
        "judul_dokumen": title.title().replace("Skp", "SKP"),
        "periode_teks": periode_teks,
        "kosong": [],
    }


def _iki_rows(rhk, period: str | None) -> list[dict]:
    rows = []
    for iki in rhk.indikator:
        if period is not None and not iki.in_force(period):
            continue
        rows.append({
            "id": iki.id,
            "aspek": (iki.aspek or "").capitalize(),
            "iki": iki.uraian,
            "target": target_text(iki.target, iki.target_teks) + (" (makin kecil makin baik)" if iki.lebih_kecil_lebih_baik else ""),
        })
    return rows


def _perilaku(rules, plan: Plan, feedback: dict | None) -> list[dict]:
    out = []
    for i, value in enumerate(rules.perilaku_kerja, start=1):
        row = {
            "no": str(i),
            "nilai": value.get("label", value["id"]),
            "pedoman": list(value.get("pedoman", ())),
            "ekspektasi": plan.perilaku.get(value["id"], "") or "",
        }
        if feedback is not None:
            row["umpan_balik"] = feedback.get(value["id"], "") or ""
        out.append(row)
    return out


def _signers(left_role: str, left: dict, right_role: str, right: dict) -> tuple[dict, dict]:
    return (
        {"peran": left_role, "nama": left["nama"], "nip": left["nip"]},
        {"peran": right_role, "nama": right["nama"], "nip": right["nip"]},
    )


def _periode_tahun(plan: Plan) -> str:
    return f"PERIODE PENILAIAN: {long_date(plan.mulai).upper()} SD {long_date(plan.selesai).upper()}"


# --- SKP -----------------------------------------------------------------------------------------


def skp(ctx: Context, plan: Plan) -> Content:
    c = Content("skp", plan.tahun, plan.key, None, {}, {plan.file}, plan.pegawai)
    rules = ctx.rules(c, plan.tahun)
    person = ctx.repo.people.get(plan.pegawai)
    if person is None:
        raise NotPrintable(f"pegawai {plan.pegawai} tidak ada di data organisasi")
    penilai_id = ctx.org.penilai_on(plan.pegawai, plan.mulai)
    pegawai = ctx.party(c, plan.pegawai, plan.mulai)
    penilai = ctx.party(c, penilai_id, plan.mulai)
    d = _base(ctx, c, "SASARAN KINERJA PEGAWAI", _periode_tahun(plan))
    d["judul"] = ["SASARAN KINERJA PEGAWAI", f"PENDEKATAN HASIL KERJA {plan.pendekatan.upper()}"]
    a = person.assignment_on(plan.mulai)
    jpt = bool(a and a.jenis_jabatan.startswith("jpt"))
    rows = {"utama": [], "tambahan": []}
    for rhk in plan.rhk:
        group = rows["tambahan" if rhk.jenis == "tambahan" else "utama"]
        group.append({
            "no": str(len(group) + 1),
            "intervensi": ctx.supervisor_rhk(c, plan, rhk),
            "rhk": rhk.uraian,
            "perspektif": (rhk.perspektif or "").replace("_", " ").capitalize(),
            "indikator": _iki_rows(rhk, None),
        })
    left, right = _signers("Pegawai yang Dinilai", pegawai, "Pejabat Penilai Kinerja", penilai)
    d.update(
        pegawai=pegawai,
        penilai=penilai,
        pendekatan=plan.pendekatan.capitalize(),
        jpt=jpt,
        rhk_utama=rows["utama"],
        rhk_tambahan=rows["tambahan"],
        perilaku=_perilaku(rules, plan, None),
        lampiran=[  # a list, not a mapping: the form's order survives sorted JSON
            {"judul": title, "isi": list(plan.lampiran.get(key, ()))}
            for key, title in (
                ("dukungan_sumber_daya", "DUKUNGAN SUMBER DAYA"),
                ("skema_pertanggungjawaban", "SKEMA PERTANGGUNGJAWABAN"),
                ("konsekuensi", "KONSEKUENSI"),
            )
        ],
        tanda_kiri=left,
        tanda_kanan=right,
    )
    _mark_empty(d, pegawai, penilai)
    c.data = d
    return c


# --- Evaluasi periodik ------------------------------------------------------------------------------


def _predikat(rules, e: Evaluation, plan: Plan, person: Person, day: date, hasil, perilaku) -> str | None:
    """The predikat the scorer gives: the quadrant, or PP 46/2011's numeric method for legacy years."""
    if rules.metode == "kuadran":
        return kuadran.predikat(rules, hasil, perilaku) if hasil and perilaku else None
    from kinerja.score import pp46
    from kinerja.score.engine import STRUCTURAL

    a = person.assignment_on(day)
    return pp46.score(rules, e, plan, structural=a is not None and a.jenis_jabatan in STRUCTURAL).predikat


def _evaluation_inputs(ctx: Context, kind: str, e: Evaluation):
    """What every evaluation-based document reads first: the plan, the rule set, the person."""
    c = Content(kind, e.tahun, e.key, e.periode, {}, {e.file}, e.pegawai)
    plan = ctx.repo.plan(e.tahun, e.key)
    if plan is None:
        raise NotPrintable(f"rencana plans/{e.tahun}/{e.key}.yml tidak ada")
    c.inputs.add(plan.file)
    rules = ctx.rules(c, e.tahun)
    person = ctx.repo.people.get(e.pegawai)
    if person is None:
        raise NotPrintable(f"pegawai {e.pegawai} tidak ada di data organisasi")
    return c, plan, rules, person


def _ratings(ctx: Context, c: Content, e: Evaluation) -> tuple[str | None, str | None, str]:
    """The overall ratings in force and what set them (the evaluation itself, or a later record)."""
    eff, note = _in_force(ctx, c, e)
    return eff.rating_hasil_kerja, eff.rating_perilaku_kerja, note


def _in_force(ctx: Context, c: Content, e: Evaluation):
    """The effective ratings (overall and per RHK) and the note; the records that set them are inputs."""
    from kinerja.documents import overlays

    eff, note = overlays.in_force(ctx.repo, e)
    c.inputs.update(v for v in eff.sources.values() if v != e.file)
    return eff, note


def evaluasi(ctx: Context, e: Evaluation) -> Content:
    c, plan, rules, person = _evaluation_inputs(ctx, "evaluasi", e)
    start, end = period_range(e.tahun, e.periode)
    end = min(end, plan.selesai)
    pegawai = ctx.party(c, e.pegawai, end)
    penilai = ctx.party(c, e.pejabat_penilai, end)
    label = PERIOD_LABEL.get(e.periode, e.periode)
    d = _base(ctx, c, "EVALUASI KINERJA PEGAWAI", f"PERIODE: {label.upper()} TAHUN {e.tahun}")
    d["judul"] = ["EVALUASI KINERJA PEGAWAI", f"PENDEKATAN HASIL KERJA {plan.pendekatan.upper()}"]
    eff, note = _in_force(ctx, c, e)
    rows = []
    for rhk in plan.rhk:
        if not rhk.in_force(e.periode):
            continue
        report = e.report_for(rhk.id)
        rating = e.rating_for(rhk.id)  # the penilai's umpan balik stays with the evaluation
        value = eff.rhk.get(rhk.id)
        set_by = eff.sources.get(f"rhk:{rhk.id}")
        ikis = _iki_rows(rhk, e.periode)
        by_id = {x.iki: x.realisasi for x in report.indikator} if report else {}
        for row, iki in zip(ikis, [i for i in rhk.indikator if i.in_force(e.periode)]):
            real = by_id.get(iki.id)
            if iki.sumber_survei is not None:  # measured by a survey: computed, never typed (suara/realisasi.py)
                from kinerja.suara.realisasi import value_for

                got = value_for(ctx.repo, iki, e)
                real = got.value
                if got.survey in ctx.repo.files:
                    c.inputs.add(got.survey)
            row["realisasi"] = _realisasi(real, iki)
        rows.append({
            "no": str(len(rows) + 1),
            "intervensi": ctx.supervisor_rhk(c, plan, rhk),
            "rhk": rhk.uraian,
            "indikator": ikis,
            "umpan_balik": (rating.umpan_balik if rating else None) or "",
            "rating": rules.rating_label(value) if value else "",
            "rating_oleh": set_by if value and set_by and set_by != e.file else "",
        })
    hasil, perilaku = eff.rating_hasil_kerja, eff.rating_perilaku_kerja
    predikat = _predikat(rules, e, plan, person, end, hasil, perilaku)
    left, right = _signers("Pegawai yang Dinilai", pegawai, "Pejabat Penilai Kinerja", penilai)
    d.update(
        pegawai=pegawai,
        penilai=penilai,
        capaian_organisasi=ctx.org_result(c, person, e.tahun, e.periode, end),
        pola_distribusi="",
        rhk=rows,
        rating_hasil_kerja=rules.rating_label(hasil).upper() if hasil else "",
        perilaku=_perilaku(rules, plan, e.perilaku_umpan_balik),
        rating_perilaku_kerja=rules.rating_label(perilaku).upper() if perilaku else "",
        predikat=rules.predikat_label(predikat).upper() if predikat else "",
        catatan_ketetapan=note,
        status=e.status,
        tanda_kiri=left,
        tanda_kanan=right,
    )
    _mark_empty(d, pegawai, penilai)
    d["kosong"].append("POLA DISTRIBUSI")
    if not d["capaian_organisasi"]:
        d["kosong"].append("CAPAIAN KINERJA ORGANISASI")
    c.data = d
    return c


def _realisasi(value, iki) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        places = 0 if float(value).is_integer() else len(repr(value).split(".")[-1])
        shown = indonesian(exact(value), places)
        return with_unit(shown, iki.target.satuan if iki.target else None)
    return str(value)


# --- Dokumen evaluasi tahunan -------------------------------------------------------------------------


def dokumen_evaluasi(ctx: Context, e: Evaluation) -> Content:
    if e.periode != ANNUAL:
        raise NotPrintable("Dokumen Evaluasi Kinerja dibuat dari evaluasi triwulan_4 (tahunan)")
    c, plan, rules, person = _evaluation_inputs(ctx, "dokumen_evaluasi", e)
    end = min(period_range(e.tahun, e.periode)[1], plan.selesai)
    pegawai = ctx.party(c, e.pegawai, end)
    penilai = ctx.party(c, e.pejabat_penilai, end)
    atasan = ctx.party(c, ctx.org.penilai_on(e.pejabat_penilai, end), end)
    d = _base(ctx, c, "DOKUMEN EVALUASI KINERJA PEGAWAI", f"PERIODE: TAHUNAN {e.tahun}")
    hasil, perilaku, note = _ratings(ctx, c, e)
    predikat = _predikat(rules, e, plan, person, end, hasil, perilaku)
    left, right = _signers("Pegawai yang Dinilai", pegawai, "Pejabat Penilai Kinerja", penilai)
    d.update(
        pegawai=pegawai,
        penilai=penilai,
        atasan=atasan,
        capaian_organisasi=ctx.org_result(c, person, e.tahun, e.periode, end),
        predikat=rules.predikat_label(predikat).upper() if predikat else "",
        catatan=e.catatan_penilai or "",
        catatan_ketetapan=note,
        status=e.status,
        tanda_kiri=left,
        tanda_kanan=right,
    )
    _mark_empty(d, pegawai, penilai, atasan)
    if not d["capaian_organisasi"]:
        d["kosong"].append("CAPAIAN KINERJA ORGANISASI")
    c.data = d
    return c


# --- Konversi predikat ke angka kredit ------------------------------------------------------------------


def angka_kredit(ctx: Context, e: Evaluation) -> Content:
    c, plan, rules, person = _evaluation_inputs(ctx, "angka_kredit", e)
    if e.periode != ak.closing_period(plan) or e.status != "final":
        raise NotPrintable("angka kredit dihitung dari evaluasi final periode penutup rencana")
    end = plan.selesai
    a = person.assignment_on(end)
    if a is None or a.jenis_jabatan != "fungsional":
        raise NotPrintable("angka kredit hanya untuk jabatan fungsional")
    hasil, perilaku, note = _ratings(ctx, c, e)
    predikat = kuadran.predikat(rules, hasil, perilaku) if rules.metode == "kuadran" and hasil and perilaku else None
    if predikat is None:
        raise NotPrintable("predikat belum dapat ditentukan")
    # month by month at the jenjang held (a jenjang change inside the plan gives one row per jenjang)
    result = ak.angka_kredit(rules, plan, person, predikat)
    places = rules.angka_kredit.get("desimal_tampilan", 2)
    pegawai = ctx.party(c, e.pegawai, end)
    penilai = ctx.party(c, e.pejabat_penilai, end)
    d = _base(ctx, c, "KONVERSI PREDIKAT KINERJA KE ANGKA KREDIT", f"PERIODE: {long_date(plan.mulai).upper()} SD {long_date(plan.selesai).upper()}")
    value = indonesian(result.value, places) if result.value is not None else ""
    rows = []
    for seg in result.segments or []:
        coef = rules.angka_kredit.get("koefisien_tahunan", {}).get(seg.jenjang or "", {})
        last = seg.mulai_bulan + seg.bulan - 1
        rows.append({
            "tahun": str(plan.tahun),
            "bulan": f"{MONTHS[seg.mulai_bulan - 1]} – {MONTHS[last - 1]} ({seg.bulan} bulan"
                     + (f", {seg.jenjang.replace('_', ' ').title()})" if seg.jenjang else ")"),
            "predikat": rules.predikat_label(predikat),
            "persen": f"{rules.angka_kredit['konversi_persen'].get(predikat, '')}%",
            "koefisien": indonesian(exact(coef["nilai"]), 2) if coef else "",
            "angka_kredit": indonesian(seg.value, places) if seg.value is not None else "",
        })
    d.update(
        pegawai=pegawai,
        penilai=penilai,
        baris=rows,
        jumlah=value,
        catatan="; ".join(x for x in (result.keterangan, _jenjang_note(result), note) if x),
        tanda_kiri={"peran": "", "nama": "", "nip": ""},
        tanda_kanan={"peran": "Pejabat Penilai Kinerja", "nama": penilai["nama"], "nip": penilai["nip"]},
    )
    d["kosong"] = ["NOMOR SERI KARPEG", "TEMPAT/TANGGAL LAHIR", "JENIS KELAMIN", "TMT pangkat dan jabatan"]
    if not pegawai["nip"]:
        d["kosong"].append("NIP")
    c.data = d
    return c


def _jenjang_note(result) -> str:
    """The score's score-jenjang-changed warning, on paper: the months are credited at the jenjang held."""
    if not result.jenjang_berubah:
        return ""
    names = " → ".join((s.jenjang or "bukan fungsional").replace("_", " ") for s in result.segments)
    return (f"Jenjang berubah dalam periode rencana ({names}): angka kredit dihitung per bulan menurut jenjang yang "
            "dipegang; jenjang baru memerlukan SKP baru (PermenPANRB 6/2022)")


def _mark_empty(d: dict, *parties: dict) -> None:
    if any(not p["nip"] for p in parties):
        d["kosong"].append("NIP (tidak wajib dicatat di repositori)")
    if any(not p["pangkat"] for p in parties if p["nama"]):
        d["kosong"].append("PANGKAT/GOL. RUANG")


def keputusan_keberatan(ctx: Context, o) -> Content:
    from kinerja.documents import keberatan

    return keberatan.build(ctx, o)


BUILDERS = {"skp": skp, "evaluasi": evaluasi, "dokumen_evaluasi": dokumen_evaluasi, "angka_kredit": angka_kredit,
            "keputusan_keberatan": keputusan_keberatan}
