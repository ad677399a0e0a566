"""Score a repository: one record per evaluation, one per unit and period.

An evaluation that fails validation (or whose plan or person is missing) is listed with
its findings and left unscored. Everything else is scored with the rule set of its year,
through the method the rule set names (`kuadran` or `numerik_pp46`). The report depends on
the data only, never on today's date, so one commit always gives the same output.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from kinerja.check.crossfile import org_index
from kinerja.findings import ERROR, Collector, Finding
from kinerja.model.calendar import PERIOD_LABEL, period_order, period_range
from kinerja.model.org import OrgIndex
from kinerja.model.records import Evaluation, Person, Plan
from kinerja.repository import Repository, plan_order
from kinerja.score import angka_kredit as ak
from kinerja.score import kuadran, overlay, pp46
from kinerja.score.capaian import Capaian, capaian_percent, decreases, for_iki, yearly_realisasi
from kinerja.score.curve import CurveResult, check_curve

STRUCTURAL = frozenset({"jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas"})


@dataclass
class EvaluationScore:
    file: str
    pegawai: str
    nama: str | None
    tahun: int
    periode: str
    status: str
    aturan: str | None = None
    metode: str | None = None
    jabatan: str | None = None
    jenis_jabatan: str | None = None
    unit: str | None = None
    rating_hasil_kerja: str | None = None
    rating_perilaku_kerja: str | None = None
    predikat: str | None = None
    predikat_label: str | None = None
    capaian: list[Capaian] = field(default_factory=list)
    rating_rhk: dict = field(default_factory=dict)  # rhk id -> effective rating
    sumber_rating: dict = field(default_factory=dict)  # "rating_hasil_kerja" / "rhk:<id>" -> the record that set it
    angka_kredit: ak.AngkaKredit | None = None
    numerik: pp46.NumericScore | None = None
    peringatan: list[Finding] = field(default_factory=list)
    sumber_rating: dict = field(default_factory=dict)  # rating key -> the record that set it (score/overlay.py)
    rating_sebelum: dict | None = None  # the evaluation's own ratings, when a later record changed them
    dinilai: bool = True
    masalah: list[Finding] = field(default_factory=list)  # why it was left unscored
    desimal: dict = field(default_factory=lambda: {"capaian": 1, "angka_kredit": 2, "nilai": 2})  # display only, from the rule set


@dataclass
class UnitScore:
    unit: str
    nama: str
    perangkat_daerah: str
    tahun: int
    periode: str
    predikat_organisasi: str | None
    pegawai: int  # people expected to be evaluated
    final: int
    draf: int
    belum_ada: int
    sebaran: dict[str, int]  # predikat -> count, final evaluations only
    kurva: CurveResult
    peringatan: list[Finding] = field(default_factory=list)


@dataclass
class ScoreReport:
    evaluations: list[EvaluationScore]
    units: list[UnitScore]

    @property
    def unscored(self) -> list[EvaluationScore]:
        return [e for e in self.evaluations if not e.dinilai]


# --- per evaluation ---------------------------------------------------------------------------


def _window(plan: Plan, e: Evaluation) -> tuple[date, date]:
    start, end = period_range(e.tahun, e.periode)
    return max(start, plan.mulai), min(end, plan.selesai)


def _score_evaluation(repo: Repository, org: OrgIndex, e: Evaluation, c: Collector) -> EvaluationScore:
    person: Person | None = repo.people.get(e.pegawai)
    plan = repo.plan(e.tahun, e.key)
    out = EvaluationScore(e.file, e.pegawai, person.nama if person else None, e.tahun, e.periode, e.status)
    eff = overlay.effective(repo, e)  # evaluation, then calibration, then keberatan
    out.rating_hasil_kerja, out.rating_perilaku_kerja = eff.rating_hasil_kerja, eff.rating_perilaku_kerja
    out.rating_rhk, out.sumber_rating = dict(eff.rhk), dict(eff.sources)
    before = {"rating_hasil_kerja": e.rating_hasil_kerja, "rating_perilaku_kerja": e.rating_perilaku_kerja}
    out.rating_sebelum = before if (out.rating_hasil_kerja, out.rating_perilaku_kerja) != tuple(before.values()) else None
    rules = repo.rules_for_year(e.tahun)
    if person is None or plan is None or rules is None:
        out.dinilai = False
        return out
    out.aturan, out.metode = rules.id, rules.metode
    out.desimal = {
        "capaian": rules.capaian.get("desimal_tampilan", 1),
        "angka_kredit": rules.angka_kredit.get("desimal_tampilan", 2),
        "nilai": rules.numerik.get("desimal_tampilan", 2),
    }
    start, end = _window(plan, e)
    a = person.assignment_on(end) or person.assignment_on(start)
    if a is not None:
        out.jabatan, out.jenis_jabatan, out.unit = a.jabatan, a.jenis_jabatan, a.unit
    for rhk in plan.rhk:
        if not rhk.in_force(e.periode):
            continue
        report = e.report_for(rhk.id)
        for iki in rhk.indikator:
            if iki.in_force(e.periode):
                real = next((x.realisasi for x in report.indikator if x.iki == iki.id), None) if report else None
                if iki.sumber_survei is not None:  # measured by a survey: computed, never typed (suara/realisasi.py)
                    real = _survey_value(repo, iki, e)
                out.capaian.append(for_iki(rhk.id, iki, real))
    _over_the_year(repo, e, plan, out, c)
    if rules.metode == "kuadran":
        out.predikat = kuadran.predikat(rules, out.rating_hasil_kerja, out.rating_perilaku_kerja)
        for path, message in kuadran.consistency(rules, e, plan):
            c.warning(e.file, path, "score-consistency", message)
        _org_rating(repo, org, rules, e, person, c)
        if out.predikat and e.status == "final" and e.periode == ak.closing_period(plan) and (
            e.periode == "triwulan_4" or plan.selesai < date(plan.tahun, 12, 31)
        ):
            _angka_kredit(rules, plan, person, e, out, c)
    else:
        out.numerik = pp46.score(rules, e, plan, structural=a is not None and a.jenis_jabatan in STRUCTURAL)
        out.predikat = out.numerik.predikat
        for path, message in out.numerik.masalah:
            c.warning(e.file, path, "score-not-computable", message)
    out.predikat_label = rules.predikat_label(out.predikat) if out.predikat else None
    return out


def _survey_value(repo: Repository, iki, e: Evaluation):
    from kinerja.suara.realisasi import value_for

    return value_for(repo, iki, e).value


def _plan_history(repo: Repository, e: Evaluation) -> list[tuple[str, Evaluation]]:
    """This plan's evaluations of the year up to and including `e`, in period order."""
    here = period_order(e.periode)
    out = []
    rels = repo.plan_evals.get((e.tahun, e.key), ())
    repo.preload([rel for _, rel in rels])  # one query for the plan's year, not one per period
    for period, rel in rels:
        if period_order(period) <= here:
            rec = e if rel == e.file else repo.record(rel)
            if rec is not None:
                out.append((period, rec))
    out.sort(key=lambda t: period_order(t[0]))
    return out


def _over_the_year(repo: Repository, e: Evaluation, plan: Plan, out: EvaluationScore, c: Collector) -> None:
    """jenis_realisasi across periods: a cumulative total that went down is reported; the
    plan's closing evaluation carries the year's realisasi and capaian of each IKI."""
    history = _plan_history(repo, e)
    closing = e.periode == ak.closing_period(plan)
    by_rhk = {r.id: r for r in plan.rhk}
    for cap in out.capaian:
        iki = next((k for k in by_rhk[cap.rhk].indikator if k.id == cap.iki), None)
        if iki is None or iki.target is None:
            continue
        values = []
        for period, rec in history:
            if iki.sumber_survei is not None:
                values.append((period, _survey_value(repo, iki, rec)))
                continue
            rep = rec.report_for(cap.rhk)
            x = next((x for x in rep.indikator if x.iki == cap.iki), None) if rep else None
            if x is not None:
                values.append((period, x.realisasi))
        if iki.jenis_realisasi == "kumulatif" and iki.sumber_survei is None:  # an IKM is not a running total
            for before, now in decreases(values):
                if now == e.periode:
                    rep = e.report_for(cap.rhk)
                    x = next(x for x in rep.indikator if x.iki == cap.iki)
                    c.warning(e.file, x.path + ("realisasi",), "score-kumulatif-turun",
                              f"IKI {cap.iki} pada RHK {cap.rhk} berjenis kumulatif (jumlah sejak awal rencana), tetapi "
                              f"realisasinya turun dari {PERIOD_LABEL[before]}. Tulis jumlah sampai akhir periode ini, "
                              "atau ubah jenis_realisasi IKI itu menjadi per_periode di rencana.")
        if closing:
            cap.realisasi_tahunan = yearly_realisasi(iki.jenis_realisasi, [v for _, v in values])
            if cap.realisasi_tahunan is not None:
                cap.persen_tahunan, _ = capaian_percent(iki.target, cap.realisasi_tahunan, iki.lebih_kecil_lebih_baik)


def _angka_kredit(rules, plan: Plan, person: Person, e: Evaluation, out: EvaluationScore, c: Collector) -> None:
    """Angka kredit of a plan held (at least one month) in a jabatan fungsional, month by month."""
    if all(j is None for _, j in ak.jenjang_by_month(person, plan, ak.month_rule(rules))):
        return
    out.angka_kredit = credit = ak.angka_kredit(rules, plan, person, out.predikat)
    if credit.value is None:
        c.warning(e.file, ("penilaian",), "score-ak-unknown", f"Angka kredit tidak dihitung: {credit.keterangan}.")
    if credit.jenjang_berubah:
        names = " → ".join((s.jenjang or "bukan fungsional").replace("_", " ") for s in credit.segments)
        c.warning(
            e.file,
            ("periode",),
            "score-jenjang-changed",
            f"Jenjang berubah dalam periode rencana {plan.file} ({names}). Angka kredit dihitung per bulan menurut jenjang "
            "yang dipegang, tetapi jenjang baru memerlukan SKP baru: akhiri rencana ini pada hari terakhir jenjang lama dan "
            "buat rencana baru untuk jenjang baru (PermenPANRB 6/2022).",
        )


def _org_rating(repo: Repository, org: OrgIndex, rules, e: Evaluation, person: Person, c: Collector) -> None:
    """A head of unit's rating hasil kerja follows the unit's predikat organisasi."""
    if e.rating_hasil_kerja is None:
        return
    start, end = period_range(e.tahun, e.periode)
    mapping = rules.org_ke_rating.get("peta", {})
    for unit_id in org.units_headed(person.id, start, end):
        result = repo.unit_results.get((unit_id, e.tahun, e.periode))
        if result is None:
            continue
        expected = mapping.get(result.predikat)
        if expected and expected != e.rating_hasil_kerja:
            c.warning(
                e.file,
                ("penilaian", "rating_hasil_kerja"),
                "score-org-rating",
                f"Sebagai kepala {repo.units[unit_id].nama if unit_id in repo.units else unit_id}, rating hasil kerja "
                f"lazimnya mengikuti predikat organisasi “{result.predikat}”, yaitu “{rules.rating_label(expected)}”"
                f"{' (asumsi yang dapat diatur instansi)' if rules.org_ke_rating.get('verifikasi') else ''}.",
            )


# --- per unit and period ------------------------------------------------------------------------


def assessment_groups(repo: Repository) -> dict[str, str]:
    """Each unit counts towards the nearest unit (itself or above) with its own predikat organisasi.
    The one place of this rule: the site's suppression of small groups uses it too."""
    out = {}
    for uid in repo.units:
        cursor, seen = uid, set()
        while cursor in repo.units and cursor not in seen:
            seen.add(cursor)
            if repo.units[cursor].hasil_organisasi:
                out[uid] = cursor
                break
            cursor = repo.units[cursor].induk
    return out


def _not_rated(repo: Repository, rel: str) -> bool:
    """The one test of "this evaluation file says the period is not rated" (with a reason)."""
    e = repo.record(rel)
    return e is not None and e.status == "tidak_dinilai"


def _plan_start(s: EvaluationScore) -> str:
    return plan_order(s.file)


def _score_units(repo: Repository, evaluations: list[EvaluationScore], periods: set[tuple[int, str]], c: Collector) -> list[UnitScore]:
    group_of = assessment_groups(repo)
    by_person_period: dict[tuple[str, int, str], EvaluationScore] = {}
    for s in evaluations:
        key = (s.pegawai, s.tahun, s.periode)
        # with two plans in one period, the later plan's evaluation speaks for the period end
        if key not in by_person_period or _plan_start(s) > _plan_start(by_person_period[key]):
            by_person_period[key] = s
    people = [p for p in repo.people.values() if p.status != "non_asn"]
    # whose file says "not rated" is who the file's name says (a content naming someone else is a
    # path-mismatch error, and must not take that other person out of the counts); only the
    # periods counted here, their records fetched in one query
    wanted = {yp_key: rel for yp_key, rel in repo.eval_paths.items() if yp_key[:2] in periods}
    repo.preload(list(wanted.values()))
    not_rated = {(key.split(".", 1)[0], y, p) for (y, p, key), rel in wanted.items() if _not_rated(repo, rel)}
    out = []
    for year, period in sorted(periods, key=lambda yp: (yp[0], period_order(yp[1]))):
        start, end = period_range(year, period)
        members: dict[str, list[str]] = {}
        for p in people:
            overlapping = p.assignments_between(start, end)
            if not overlapping or (p.id, year, period) in not_rated:
                continue
            group = group_of.get(overlapping[-1].unit)
            if group is not None:
                members.setdefault(group, []).append(p.id)
        rules = repo.rules_for_year(year)
        for unit_id, unit in sorted(repo.units.items()):
            if not unit.hasil_organisasi:
                continue
            ids = members.get(unit_id, [])
            result = repo.unit_results.get((unit_id, year, period))
            scores = [by_person_period.get((pid, year, period)) for pid in ids]
            final = [s for s in scores if s is not None and s.status == "final"]
            counts = Counter(s.predikat for s in final if s.predikat)
            curve = check_curve(rules, result.predikat if result else None, dict(counts))
            us = UnitScore(
                unit=unit_id,
                nama=unit.nama,
                perangkat_daerah=unit.pd,
                tahun=year,
                periode=period,
                predikat_organisasi=result.predikat if result else None,
                pegawai=len(ids),
                final=len(final),
                draf=sum(1 for s in scores if s is not None and s.status == "draf"),
                belum_ada=sum(1 for s in scores if s is None),
                sebaran={p: counts.get(p, 0) for p, _ in (rules.predikat if rules else [])},
                kurva=curve,
            )
            if result is not None:
                for problem in curve.pelanggaran:
                    c.warning(result.file, ("predikat_organisasi",), "score-curve", f"Sebaran predikat pegawai {unit.nama}: {problem}")
            out.append(us)
    return out


def group_score(repo: Repository, group: str, year: int, period: str, findings: list[Finding]) -> UnitScore | None:
    """The distribution and curve of ONE assessment group in one period (the PR digest), scoring
    only that group's evaluations; the same rules as score_repository (an evaluation with an
    error of its own is left unscored and does not count)."""
    group_of = assessment_groups(repo)
    start, end = period_range(year, period)
    members = set()
    for p in repo.people.values():
        overlapping = p.assignments_between(start, end) if p.status != "non_asn" else []
        if overlapping and group_of.get(overlapping[-1].unit) == group:
            members.add(p.id)
    errors = {f.file for f in findings if f.severity == ERROR}
    org = org_index(repo)
    scores = []
    for (y, p, key), rel in repo.eval_paths.items():
        if y != year or p != period or key.split(".", 1)[0] not in members:
            continue
        e = repo.record(rel)
        if _not_rated(repo, rel):
            continue  # as in score_repository: left out of scores and the curve
        if e is None or rel in errors:
            scores.append(EvaluationScore(rel, key.split(".", 1)[0], None, y, p, e.status if e else "?", dinilai=False))
            continue
        scores.append(_score_evaluation(repo, org, e, Collector()))
    units = _score_units(repo, scores, {(year, period)}, Collector())
    return next((u for u in units if u.unit == group), None)


def score_one(repo: Repository, e: Evaluation) -> EvaluationScore | None:
    """One evaluation scored on its own (the PR digest), whatever its validation findings;
    None when its person, plan or rule set is missing."""
    c = Collector()
    s = _score_evaluation(repo, org_index(repo), e, c)
    if not s.dinilai:
        return None
    s.peringatan = sorted(c.resolve(repo.locate), key=Finding.sort_key)
    return s


# --- the whole repository ---------------------------------------------------------------------


def score_repository(
    repo: Repository,
    *,
    year: int | None = None,
    period: str | None = None,
    findings: list[Finding] | None = None,
) -> ScoreReport:
    """Score every evaluation (and unit) of the repository, optionally of one year/period.

    `findings` are the validation findings (computed here when not given); an evaluation
    with an error of its own, or whose plan or person is missing, is left unscored."""
    if findings is None:
        from kinerja.validate import run_checks

        findings = run_checks(repo, today=None)
    errors: dict[str, list[Finding]] = {}
    for f in findings:
        if f.severity == ERROR:
            errors.setdefault(f.file, []).append(f)
    org = org_index(repo)
    c = Collector()
    evaluations: list[EvaluationScore] = []
    periods: set[tuple[int, str]] = set()
    for (y, p, _key), rel in sorted(repo.eval_paths.items(), key=lambda kv: (kv[0][0], period_order(kv[0][1]), kv[1])):
        if (year is not None and y != year) or (period is not None and p != period):
            continue
        periods.add((y, p))
        e = repo.record(rel)
        if _not_rated(repo, rel):
            continue  # not rated this period (with a reason): left out of scores and the curve
        if e is None:
            entry = repo.files[rel]
            evaluations.append(EvaluationScore(rel, entry.keys.get("pegawai", ""), None, y, p, "?", dinilai=False, masalah=errors.get(rel, [])))
            continue
        plan_rel = repo.plan_paths.get((y, e.key))
        problems = errors.get(rel, []) + (errors.get(plan_rel, []) if plan_rel else [])
        if rel in errors or plan_rel is None or repo.is_broken(plan_rel):
            # the file's name says whose it is (a content naming someone else is a path-mismatch error)
            s = EvaluationScore(rel, _key.split(".", 1)[0], None, y, p, e.status, dinilai=False, masalah=problems)
            if plan_rel is None:
                s.masalah.append(Finding(rel, None, None, ERROR, "eval-plan", f"Rencana plans/{y}/{e.key}.yml tidak ada."))
            evaluations.append(s)
            continue
        s = _score_evaluation(repo, org, e, c)
        if not s.dinilai:
            s.masalah = problems or [Finding(rel, None, None, ERROR, "score-no-rules", "Pegawai, rencana atau aturan penilaian tahun ini tidak ditemukan.")]
        evaluations.append(s)
    for (unit, y, p) in repo.unit_results:
        if (year is None or y == year) and (period is None or p == period):
            periods.add((y, p))
    units = _score_units(repo, evaluations, periods, c)
    warnings = c.resolve(repo.locate)
    by_file: dict[str, list[Finding]] = {}
    for w in warnings:
        by_file.setdefault(w.file, []).append(w)
    for s in evaluations:
        s.peringatan = sorted(by_file.get(s.file, []), key=Finding.sort_key)
    for u in units:
        u.peringatan = [w for w in by_file.get(f"unit-results/{u.tahun}/{u.periode}/{u.unit}.yml", [])]
    return ScoreReport(evaluations, units)

