"""Rules that span files: references, uniqueness, the cascade, evaluations against plans and
against the organisation data in force during their period, and timing.

Files that failed to load or validate are skipped as targets: their own findings say what
is wrong, and a reference to them is not reported a second time.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kinerja.check import suggest
from kinerja.findings import Collector, shown
from kinerja.model import records as R
from kinerja.model.calendar import PERIOD_LABEL, period_range, periods_enabled
from kinerja.model.org import OrgIndex
from kinerja.repository import Repository

REGENCY_FILE = "organisation/instansi.yml"


def org_index(repo: Repository, heads=None) -> OrgIndex:
    reg = repo.regency
    return OrgIndex(repo.people, repo.units, reg.id if reg else None, reg.admins if reg else (), heads, repo.rules_for_year)


def check_org(c: Collector, repo: Repository, org: OrgIndex) -> None:
    """Checks over the organisation data as a whole (one cross-file subject)."""
    if repo.regency is None:
        if not repo.is_broken(REGENCY_FILE):
            c.error(REGENCY_FILE, (), "config-invalid", "Berkas organisation/instansi.yml belum ada. Salin dari contoh dan sesuaikan.")
        return
    check_regency(c, repo)
    check_units(c, repo)
    check_people(c, repo, org)
    check_goals(c, repo)
    check_unit_results(c, repo, org)


def check_group(c: Collector, repo: Repository, org: OrgIndex, person_id: str, year: int) -> list[str]:
    """One person's plans in one year (one subject). Returns the supervisors whose plans were read."""
    if repo.regency is None:
        return []
    plans = repo.plans_of(person_id, year)
    unsuffixed = [p for p in plans if "." not in p.key]
    if plans and (len(unsuffixed) != 1 or unsuffixed[0] is not plans[0]):
        for p in plans[1:]:
            if "." not in p.key:
                c.error(p.file, ("periode", "mulai"), "path-mismatch",
                        f"Rencana kedua dalam satu tahun diberi nama <id>.<tanggal-mulai>.yml, misalnya {person_id}.{_fmt(p.mulai)}.yml.")
    for prev, nxt in zip(plans, plans[1:]):
        if prev.selesai >= nxt.mulai:
            c.error(nxt.file, ("periode", "mulai"), "plan-period",
                    f"Periode rencana ini bertumpang tindih dengan {prev.file}. Akhiri rencana lama sehari sebelum rencana baru dimulai.")
    bosses: list[str] = []
    for plan in plans:
        for boss in _check_plan(c, repo, org, plan):
            if boss not in bosses:
                bosses.append(boss)
    return bosses


def check_evaluation_subject(c: Collector, repo: Repository, org: OrgIndex, rel: str) -> None:
    """One evaluation file (one subject)."""
    e = repo.record(rel)
    if e is None or repo.regency is None:
        return
    if e.periode not in periods_enabled(repo.regency.period_kinds):
        c.error(e.file, ("periode",), "period-invalid",
                f"Periode {e.periode} tidak dipakai instansi ini (periode_penilaian di organisation/instansi.yml).")
        return
    _check_evaluation(c, repo, org, e)


def check_timing(c: Collector, repo: Repository, today: date) -> None:
    """Rules that depend on today's date, from the few facts cached per file."""
    if repo.regency is None:
        return
    dl = repo.regency.deadlines
    ends: dict[tuple[int, str], date] = {}
    for rel, entry in repo.files.items():
        if not entry.ok or entry.facts is None:
            continue
        if entry.kind == "plan":
            status, mulai, tahun = entry.facts[:3]
            if status != "draf":
                continue
            deadline = plan_deadline(dl, mulai, tahun)
            if today > deadline and tahun <= today.year:
                c.warning(rel, ("status",), "deadline-skp",
                          f"SKP masih draf padahal tenggat persetujuan {_fmt(deadline)} sudah lewat. "
                          "Lengkapi dan minta persetujuan pejabat penilai.")
        elif entry.kind == "evaluation":
            status, tahun, periode = entry.facts[:3]
            if status != "final":
                continue
            end = ends.get((tahun, periode)) or ends.setdefault((tahun, periode), period_range(tahun, periode)[1])
            if today < end:
                c.warning(rel, ("status",), "eval-early",
                          f"Evaluasi ditetapkan final sebelum {PERIOD_LABEL[periode]} berakhir ({_fmt(end)}).")


def check_closing(c: Collector, repo: Repository) -> None:
    """A closed period (periode_ditutup) has, for every plan in force in it, a final
    evaluation or one recorded as `tidak_dinilai` with a reason. Read from the few facts
    cached per file, so it runs after any change without loading records."""
    reg = repo.regency
    if reg is None:
        return
    enabled = periods_enabled(reg.period_kinds)
    plans_by_year: dict[int, list] = {}
    for (year, key), rel in repo.plan_paths.items():
        entry = repo.files.get(rel)
        if entry is not None and entry.ok and entry.facts is not None:
            plans_by_year.setdefault(year, []).append((key, entry.facts))
    for year, periods in sorted(reg.closed.items()):
        rules = repo.rules_for_year(year)
        for period in sorted(p for p in periods if p in enabled):
            if rules is not None and rules.hanya_evaluasi_tahunan and period != "triwulan_4":
                continue  # the rule set of that year evaluates once a year
            start, end = period_range(year, period)
            missing = []
            for key, (_status, mulai, _tahun, selesai, *_rest) in sorted(plans_by_year.get(year, ())):
                if selesai < start or mulai > end:
                    continue
                rel = repo.eval_paths.get((year, period, key))
                entry = repo.files.get(rel) if rel else None
                state = entry.facts[0] if entry is not None and entry.ok and entry.facts else None
                if state not in ("final", "tidak_dinilai"):
                    missing.append(f"{key} ({'belum ada' if entry is None else 'belum final' if state else 'tidak sah'})")
            if missing:
                shown_list = ", ".join(missing[:30]) + (f", dan {len(missing) - 30} lainnya" if len(missing) > 30 else "")
                c.error(reg.file, ("periode_ditutup", str(year)), "period-close-missing",
                        f"{PERIOD_LABEL[period]} {year} ditutup, padahal {len(missing)} rencana yang berlaku belum punya evaluasi final "
                        f"untuk periode itu: {shown_list}. Lengkapi evaluasinya, atau catat evaluasi berstatus tidak_dinilai dengan "
                        f"alasan_tidak_dinilai (misalnya cuti di luar tanggungan negara); sampai itu, hapus {period} dari periode_ditutup.")


def plan_deadline(deadlines: dict, mulai: date, tahun: int) -> date:
    if mulai == date(tahun, 1, 1):
        month, day = (int(x) for x in deadlines["skp_disetujui"].split("-"))
        # "02-29" in a common year means the last day of February (the document check
        # refuses days no year has, such as "02-30")
        return date(tahun, month, min(day, calendar.monthrange(tahun, month)[1]))
    return mulai + timedelta(days=deadlines["skp_hari_setelah_mulai"])


def _person_known(repo: Repository, person_id: str) -> bool:
    """Exists, or exists but is broken (then its own file carries the findings)."""
    return person_id in repo.people or repo.is_broken(f"organisation/people/{person_id}.yml")


def _unit_known(repo: Repository, unit_id: str) -> bool:
    if unit_id in repo.units or (repo.regency and unit_id == repo.regency.id):
        return True
    return repo.has_broken("unit")


def _fmt(day: date) -> str:
    return day.isoformat()


# --- organisation ---------------------------------------------------------------------------------


def check_regency(c: Collector, repo: Repository) -> None:
    reg = repo.regency
    for i, admin in enumerate(reg.admins):
        if not _person_known(repo, admin):
            c.error(reg.file, ("admin", i), "ref-person", f"Admin “{admin}” tidak ada di organisation/people/.")
        elif admin in repo.people and repo.people[admin].github_id is None:
            c.warning(reg.file, ("admin", i), "ref-person", f"Admin “{admin}” belum punya akun GitHub tercatat, sehingga tidak dapat menyetujui perubahan.")
    if reg.pemutus_keberatan and not _person_known(repo, reg.pemutus_keberatan):
        c.error(reg.file, ("pemutus_keberatan",), "ref-person", f"Pemutus keberatan “{reg.pemutus_keberatan}” tidak ada di organisation/people/.")
    for i, (start, rule_id) in enumerate(sorted(reg.rule_sets)):
        if rule_id not in repo.rule_sets and not repo.is_broken(f"rules/{rule_id}.yml"):
            c.error(reg.file, ("aturan",), "config-invalid", f"Aturan “{rule_id}” tidak ada di folder rules/.")
    enabled = periods_enabled(reg.period_kinds)
    for year, periods in reg.closed.items():
        for period in sorted(periods):
            if period not in enabled:
                c.error(reg.file, ("periode_ditutup", str(year)), "period-invalid", f"Periode {period} tidak dipakai instansi ini (lihat periode_penilaian).")


def _report_duplicates(c: Collector, code: str, seen: dict, message) -> None:
    """An id used twice is reported at every place it is used: the pull request that
    introduces the duplicate may have changed either file."""
    for key, places in seen.items():
        if len({who for _, _, who in places}) < 2:
            continue
        for file, path, who in places:
            others = sorted({w for _, _, w in places if w != who})
            c.error(file, path, code, message(key, others))


def check_units(c: Collector, repo: Repository) -> None:
    reg_id = repo.regency.id
    seen: dict[str, list] = {}
    for rel, fr in repo.files.items():
        if fr.kind != "unit" or not fr.ok:
            continue
        for u in repo.record(rel):
            if u.id == reg_id:
                c.error(rel, u.path + ("id",), "duplicate-id", f"Id unit “{u.id}” sama dengan id instansi.")
            seen.setdefault(u.id, []).append((rel, u.path + ("id",), rel))
    _report_duplicates(c, "duplicate-id", seen, lambda uid, others: f"Id unit “{uid}” juga dipakai di {', '.join(others)}.")


def check_people(c: Collector, repo: Repository, org: OrgIndex) -> None:
    logins: dict[str, list] = {}
    ids: dict[int, list] = {}
    nips: dict[str, list] = {}
    for p in repo.people.values():
        if p.github_id is not None:
            ids.setdefault(p.github_id, []).append((p.file, ("github", "id"), p.id))
        if p.github_login:
            logins.setdefault(p.github_login.casefold(), []).append((p.file, ("github", "login"), p.id))
        if p.nip:
            nips.setdefault(p.nip, []).append((p.file, ("nip",), p.id))
        check_person(c, repo, org, p)
    _report_duplicates(c, "github-duplicate", ids, lambda _, others: f"Id GitHub ini juga tercatat untuk {', '.join(others)}. Satu akun hanya untuk satu orang.")
    _report_duplicates(c, "github-duplicate", logins, lambda _, others: f"Login GitHub ini juga tercatat untuk {', '.join(others)}.")
    _report_duplicates(c, "duplicate-id", nips, lambda _, others: f"NIP ini juga tercatat untuk {', '.join(others)} (nilai tidak ditampilkan).")
    # one definitive head per unit at a time (reported on both holders)
    for unit_id, tenures in org.heads.items():
        definitive = [t for t in tenures if t.how == "definitif"]
        for i, t in enumerate(definitive):
            for other in definitive[i + 1 :]:
                if other.person != t.person and other.overlaps(t.mulai, t.selesai or date.max):
                    for holder, rival in ((other, t), (t, other)):
                        p = repo.people[holder.person]
                        a = next(x for x in p.assignments if x.kepala_unit and x.unit == unit_id and x.mulai == holder.mulai)
                        c.error(
                            p.file,
                            a.path + ("kepala_unit",),
                            "head-conflict",
                            f"Jabatan kepala unit {unit_id} juga dipegang {rival.person} pada waktu yang sama. "
                            "Akhiri penugasan yang lama (isi 'selesai') sebelum penugasan baru dimulai.",
                        )
        _check_acting_overlap(c, repo, unit_id, tenures)
    _check_cycles(c, repo, org)


def check_person(c: Collector, repo: Repository, org: OrgIndex, p: R.Person) -> None:
    """The rules of check_people that read one person (and the people and units she names)."""
    for a in p.assignments:
        _check_assignment(c, repo, org, p, a)
    for a in p.acting:
        if not _unit_known(repo, a.unit):
            c.error(p.file, a.path + ("unit",), "ref-unit", f"Unit “{a.unit}” tidak ada di organisation/units/.")
        if a.pejabat_penilai and not _person_known(repo, a.pejabat_penilai):
            c.error(p.file, a.path + ("pejabat_penilai",), "ref-person", f"Pejabat penilai “{a.pejabat_penilai}” tidak ada di organisation/people/.")


def _acting_entry(repo: Repository, t) -> R.Acting | None:
    p = repo.people.get(t.person)
    return next((x for x in p.acting if x.jenis == t.how and x.mulai == t.mulai), None) if p else None


def _check_acting_overlap(c: Collector, repo: Repository, unit_id: str, tenures) -> None:
    """A Plt. fills a vacancy: never beside a definitive head or another Plt. (a Plh. covers
    a temporary absence and may overlap the definitive head)."""
    plts = [t for t in tenures if t.how == "plt"]
    for t in plts:
        rivals = [o for o in tenures if o is not t and o.person != t.person and o.how in ("definitif", "plt")
                  and o.overlaps(t.mulai, t.selesai or date.max)]
        entry = _acting_entry(repo, t)
        if entry is None:
            continue
        for o in rivals:
            day = max(t.mulai, o.mulai)
            what = "kepala definitif" if o.how == "definitif" else "Plt."
            c.error(repo.people[t.person].file, entry.path + ("mulai",), "head-conflict",
                    f"Plt. {unit_id} bertumpang tindih dengan {what} {o.person} (mulai {_fmt(day)}). Plt. hanya untuk jabatan "
                    "yang kosong: akhiri Plt. sehari sebelum kepala definitif mulai (isi 'selesai'), atau catat sebagai Plh. "
                    "bila kepala definitif hanya berhalangan sementara.")


def _check_cycles(c: Collector, repo: Repository, org: OrgIndex) -> None:
    """The supervisor graph has no cycle. The tree alone cannot make one; explicit exceptions
    can: reported at each exception line in the cycle, on the first day it exists."""
    starts = {}
    for p in repo.people.values():
        for a in p.assignments:
            if a.pejabat_penilai:
                starts.setdefault(a.mulai, []).append(p.id)
    reported: set[frozenset] = set()
    for day in sorted(starts):
        for pid in starts[day]:
            seen: list[str] = []
            cursor = pid
            while cursor is not None and cursor not in seen:
                seen.append(cursor)
                cursor = org.penilai_on(cursor, day)
            if cursor is None:
                continue
            cycle = seen[seen.index(cursor):]
            key = frozenset(cycle)
            if key in reported:
                continue
            reported.add(key)
            chain = " → ".join(cycle + [cycle[0]])
            for member in cycle:
                person = repo.people.get(member)
                a = person.assignment_on(day) if person else None
                if a is not None and a.pejabat_penilai:
                    c.error(person.file, a.path + ("pejabat_penilai",), "penilai-cycle",
                            f"Pada {_fmt(day)} rantai pejabat penilai berputar: {chain}. Ubah atau hapus pengecualian "
                            "pejabat_penilai ini agar penilai diturunkan dari pohon unit.")


def _check_assignment(c: Collector, repo: Repository, org: OrgIndex, p: R.Person, a: R.Assignment) -> None:
    if not _unit_known(repo, a.unit):
        c.error(p.file, a.path + ("unit",), "ref-unit", f"Unit “{a.unit}” tidak ada di organisation/units/.")
        return
    unit = repo.units.get(a.unit)
    if unit is not None and a.kepala_unit and unit.jenis_jabatan_kepala != a.jenis_jabatan:
        c.warning(
            p.file,
            a.path + ("jenis_jabatan",),
            "penilai-unusual",
            f"Kepala unit {unit.nama} seharusnya berjenis jabatan {unit.jenis_jabatan_kepala}, tertulis {a.jenis_jabatan}.",
        )
    if a.pejabat_penilai is None:
        return
    if not _person_known(repo, a.pejabat_penilai):
        c.error(p.file, a.path + ("pejabat_penilai",), "ref-person", f"Pejabat penilai “{a.pejabat_penilai}” tidak ada di organisation/people/.")
        return
    penilai = repo.people.get(a.pejabat_penilai)
    if penilai is None:
        return
    end = a.selesai or date.max
    if penilai.status != "non_asn" and not penilai.assignments_between(a.mulai, end) and not any(
        x.mulai <= end and (x.selesai is None or a.mulai <= x.selesai) for x in penilai.acting
    ):
        c.error(
            p.file,
            a.path + ("pejabat_penilai",),
            "penilai-invalid",
            f"Pejabat penilai “{penilai.id}” tidak menjabat selama penugasan ini. Catat penugasan baru dengan penilai yang berlaku.",
        )
        return
    _check_exception(c, org, p, a)
    _check_usual_pair(c, repo, org, p, a, penilai)


def _check_exception(c: Collector, org: OrgIndex, p: R.Person, a: R.Assignment) -> None:
    """An explicit pejabat_penilai is an exception to the derived one: it needs a reason,
    and one that changes nothing should go."""
    end = a.selesai or date.max
    # compared on the days the written penilai heads a unit (before that, nobody rates by it)
    heads = [t for ts in org.heads.values() for t in ts if t.person == a.pejabat_penilai]
    days = [d for d in org.breakpoints(p.id, a.mulai, end) if any(t.covers(d) for t in heads)]
    derived = {org.derived_penilai_on(p.id, day, a) for day in days}
    if derived == {a.pejabat_penilai}:
        c.warning(p.file, a.path + ("pejabat_penilai",), "penilai-redundant",
                  f"Pejabat penilai {a.pejabat_penilai} sudah diturunkan dari pohon unit (kepala unit yang lazim menilai). "
                  "Hapus baris ini (dan alasan_penilai) agar pergantian kepala unit berikutnya berlaku otomatis.")
    elif a.alasan_penilai is None:
        shown_derived = ", ".join(sorted(d for d in derived if d)) or "tidak ada"
        c.warning(p.file, a.path + ("pejabat_penilai",), "penilai-exception",
                  f"Pejabat penilai {a.pejabat_penilai} berbeda dari yang diturunkan dari pohon unit ({shown_derived}). "
                  "Bila ini memang pengecualian, tulis alasannya di 'alasan_penilai' (misalnya nomor surat penunjukan); "
                  "bila bukan, hapus baris pejabat_penilai.")


def _check_usual_pair(c, repo, org: OrgIndex, p: R.Person, a: R.Assignment, penilai: R.Person) -> None:
    rules = repo.rules_for_year((a.selesai or date.max).year)
    if rules is None or not rules.penilai_lazim:
        return
    key = f"fungsional.{a.jenjang}" if a.jenis_jabatan == "fungsional" else a.jenis_jabatan
    usual = rules.penilai_lazim.get(key)
    if usual is None:
        return
    overlapping = penilai.assignments_between(a.mulai, a.selesai or date.max)
    day = max(a.mulai, overlapping[0].mulai) if overlapping else a.mulai
    levels = {"pejabat_negara"} if penilai.status == "non_asn" else org.level_on(penilai.id, day)
    # The head of the employee's own unit (or of a unit above it) is the direct supervisor.
    own_units = [a.unit, *org.ancestors(a.unit)]
    if any(t.person == penilai.id for u in own_units[:2] for t in org.heads_between(u, a.mulai, a.selesai or date.max)):
        return
    if not levels & set(usual):
        c.warning(
            p.file,
            a.path + ("pejabat_penilai",),
            "penilai-unusual",
            f"Pegawai {a.jenis_jabatan.replace('_', ' ')}{' ' + a.jenjang.replace('_', ' ') if a.jenjang else ''} "
            f"lazimnya dinilai oleh {', '.join(u.replace('_', ' ') for u in usual)}, sedangkan {penilai.id} "
            f"berjabatan {', '.join(sorted(levels)) or 'tidak diketahui'}. Periksa kembali bila ini bukan kesengajaan.",
        )


def check_goals(c: Collector, repo: Repository) -> None:
    reg_id = repo.regency.id
    for (unit_id, year), g in repo.goals.items():
        if unit_id != reg_id:
            if not _unit_known(repo, unit_id):
                c.error(g.file, ("unit",), "ref-unit", f"Unit “{unit_id}” tidak ada di organisation/units/.")
            elif unit_id in repo.units and not repo.units[unit_id].is_pd:
                c.error(g.file, ("unit",), "ref-unit", "Sasaran organisasi ditetapkan per perangkat daerah (atau instansi), bukan per sub-unit.")
        regency_goals = repo.goals.get((reg_id, year))
        for goal in g.goals:
            if goal.mendukung is None:
                continue
            if unit_id == reg_id:
                c.error(g.file, goal.path + ("mendukung",), "ref-sasaran", "Sasaran instansi tidak mendukung sasaran lain.")
            elif regency_goals is None:
                c.error(g.file, goal.path + ("mendukung",), "ref-sasaran", f"Sasaran daerah tahun {year} (organisation/goals/{year}/{reg_id}.yml) belum ada.")
            elif all(x.id != goal.mendukung for x in regency_goals.goals):
                c.error(g.file, goal.path + ("mendukung",), "ref-sasaran", f"Sasaran daerah “{goal.mendukung}” tidak ada di organisation/goals/{year}/{reg_id}.yml.")


def check_unit_results(c: Collector, repo: Repository, org: OrgIndex) -> None:
    enabled = periods_enabled(repo.regency.period_kinds)
    for (unit_id, year, period), r in repo.unit_results.items():
        if period not in enabled:
            c.error(r.file, ("periode",), "period-invalid", f"Periode {period} tidak dipakai instansi ini.")
        unit = repo.units.get(unit_id)
        if unit is None:
            if not _unit_known(repo, unit_id):
                c.error(r.file, ("unit",), "ref-unit", f"Unit “{unit_id}” tidak ada di organisation/units/.")
            continue
        if not unit.hasil_organisasi:
            c.error(r.file, ("unit",), "unit-result-invalid", f"Unit {unit.nama} tidak menerima predikat organisasi sendiri (lihat hasil_organisasi di data unit).")
        if not _person_known(repo, r.ditetapkan_oleh):
            c.error(r.file, ("ditetapkan_oleh",), "ref-person", f"“{r.ditetapkan_oleh}” tidak ada di organisation/people/.")
            continue
        parent = org.parent(unit_id)
        start, _ = period_range(year, period)
        setters = {t.person for t in org.heads_between(parent, start, r.tanggal)} if parent else set()
        if r.ditetapkan_oleh not in setters and not org.is_admin(r.ditetapkan_oleh):
            c.warning(
                r.file,
                ("ditetapkan_oleh",),
                "unit-result-invalid",
                "Predikat organisasi ditetapkan oleh kepala unit induk atau admin; orang ini bukan keduanya pada periode tersebut.",
            )
        for i, k in enumerate(r.koreksi):
            if not org.is_admin(k.oleh):
                c.error(r.file, ("koreksi", i, "oleh"), "koreksi-invalid", "Koreksi hanya dibuat oleh admin.")


# --- plans -----------------------------------------------------------------------------------------


def _check_plan(c: Collector, repo: Repository, org: OrgIndex, plan: R.Plan) -> list[str]:
    person = repo.people.get(plan.pegawai)
    if person is None:
        if not _person_known(repo, plan.pegawai):
            c.error(plan.file, ("pegawai",), "ref-person", f"Pegawai “{plan.pegawai}” tidak ada di organisation/people/.")
        return []
    if person.status == "non_asn":
        c.error(plan.file, ("pegawai",), "plan-assignment", "Pejabat negara (non-ASN) tidak menyusun SKP. Hapus berkas ini.")
        return []
    a = person.assignment_on(plan.mulai)
    if a is None:
        c.error(plan.file, ("periode", "mulai"), "plan-assignment",
                f"{person.nama} tidak memegang jabatan apa pun pada {_fmt(plan.mulai)} menurut data organisasi.")
        return []
    position_end = person.position_end(a)
    if position_end is not None and position_end < plan.selesai:
        c.warning(plan.file, ("periode", "selesai"), "plan-assignment",
                  f"Jabatan {a.jabatan} berakhir {_fmt(position_end)}, sebelum rencana ini selesai. Akhiri rencana pada tanggal itu "
                  f"(kinerja relink --pegawai {person.id} --tahun {plan.tahun} mengusulkannya) dan buat rencana baru untuk "
                  f"jabatan berikutnya (kinerja new --pegawai {person.id} --tahun {plan.tahun}).")
    if plan.jabatan is not None and plan.jabatan != a.jabatan:
        c.warning(plan.file, ("jabatan",), "plan-assignment", f"Data organisasi mencatat jabatan “{a.jabatan}”.")
    if plan.unit is not None and plan.unit != a.unit:
        c.warning(plan.file, ("unit",), "plan-assignment", f"Data organisasi mencatat unit “{a.unit}”.")
    approved = plan.status == "disetujui"
    if not any(r.jenis == "utama" for r in plan.rhk):
        (c.error if approved else c.warning)(plan.file, ("hasil_kerja",), "plan-assignment", "Rencana belum memuat RHK utama (jenis: utama).")
    _check_plan_penilai(c, org, plan, person)
    if a.jenis_jabatan.startswith("jpt_"):
        for r in plan.rhk:
            if r.perspektif is None:
                c.warning(plan.file, r.path, "perspektif-missing",
                          f"RHK {r.id}: JPT menulis perspektif (penerima_layanan, proses_bisnis, penguatan_internal, anggaran).")
    rules = repo.rules_for_year(plan.tahun)
    if rules is None or not rules.kaskade:
        return []  # older rule sets (PP 46/2011) had no cascade
    return _check_cascade(c, repo, org, plan, person, approved)


def _check_plan_penilai(c: Collector, org: OrgIndex, plan: R.Plan, person: R.Person) -> None:
    """Every day of a plan has a pejabat penilai (reported at the assignment to change)."""
    for start, end, who in org.penilai_segments(person.id, plan.mulai, plan.selesai):
        a = person.assignment_on(start)
        if a is None:
            continue
        if who is not None:
            if a.pejabat_penilai is None and org.derivation_on(person.id, start, a)[1]:
                _warn_fallback(c, org, person, a, who, start, end, plan)
            continue
        c.error(person.file, a.path, "penilai-missing",
                f"{person.nama} tidak punya pejabat penilai pada {_fmt(start)} s.d. {_fmt(end)} (rencana {plan.file} berlaku): "
                f"unit {a.unit} dan unit di atasnya tidak punya kepala (definitif, Plt. atau Plh.) yang lazim menilai. "
                "Catat penugasan kepala unit itu, atau tulis pejabat_penilai beserta alasan_penilai di penugasan ini.")


def _warn_fallback(c: Collector, org: OrgIndex, person: R.Person, a: R.Assignment, who: str, start: date, end: date, plan: R.Plan) -> None:
    """The derivation found no head of a usual jenis jabatan (domain §3) on the way up and fell
    back to the nearest head inside the perangkat daerah: say so, at the assignment."""
    level = a.jenis_jabatan.replace("_", " ") + (" " + a.jenjang.replace("_", " ") if a.jenjang else "")
    levels = ", ".join(sorted(x.replace("_", " ") for x in org.level_on(who, start))) or "tidak diketahui"
    c.warning(person.file, a.path + ("unit",), "penilai-unusual",
              f"Pada {_fmt(start)} s.d. {_fmt(end)} (rencana {plan.file}) tidak ada kepala unit yang lazim menilai pegawai "
              f"{level} di unit {a.unit} maupun di atasnya; pejabat penilai diturunkan ke kepala terdekat, {who} "
              f"(jabatan {levels}). Periksa jenis jabatan kepala unit-unit itu di organisation/; bila penilai ini memang "
              "ditunjuk, catat pejabat_penilai dengan alasan_penilai di penugasan ini.")


def _quarter_end(day: date) -> date:
    month = 3 * ((day.month - 1) // 3 + 1)
    return date(day.year, month, calendar.monthrange(day.year, month)[1])


def _rhk_last_day(plan: R.Plan, r: R.Rhk) -> date:
    if r.berlaku_sampai is None:
        return plan.selesai
    return min(plan.selesai, period_range(plan.tahun, r.berlaku_sampai)[1])


def plan_position_end(org: OrgIndex, plan: R.Plan) -> date:
    """The plan's last day, or the earlier last day of the position it was made for."""
    person = org.people.get(plan.pegawai)
    a = person.assignment_on(plan.mulai) if person is not None else None
    end = person.position_end(a) if a is not None else None
    return end if end is not None and plan.mulai <= end < plan.selesai else plan.selesai


def supervisor_changes(org: OrgIndex, plan: R.Plan) -> list[tuple[R.Rhk, str, date, str, date]]:
    """RHK still intervening in a former supervisor's RHK after the supervisor changed:
    (rhk, former supervisor, former's last day, new supervisor, new's first day). An RHK may
    keep the old link up to the end of the quarter in which the former supervisor left. Only
    the plan's own position counts: after a transfer the plan ends, it is not relinked."""
    segments = org.penilai_segments(plan.pegawai, plan.mulai, plan_position_end(org, plan))
    out = []
    for r in plan.rhk:
        if r.intervensi is None:
            continue
        boss = r.intervensi[0]
        spans = [(s, e) for s, e, who in segments if who == boss]
        if not spans:
            continue
        last = max(e for _, e in spans)
        later = next(((s, who) for s, e, who in segments if s > last and who is not None and who != boss), None)
        if later is None or _rhk_last_day(plan, r) <= _quarter_end(last):
            continue
        out.append((r, boss, last, later[1], later[0]))
    return out


def _resolves(repo: Repository, plan: R.Plan, r: R.Rhk) -> bool:
    boss, boss_rhk = r.intervensi
    return any(bp.rhk_by_id(boss_rhk) for bp in repo.plans_of(boss, plan.tahun) if bp.mulai <= plan.selesai and plan.mulai <= bp.selesai)


def _check_supervisor_change(c: Collector, repo: Repository, org: OrgIndex, plan: R.Plan, person: R.Person) -> None:
    for r, boss, last, new, since in supervisor_changes(org, plan):
        if not _resolves(repo, plan, r):
            continue  # the link is broken as well: one error (cascade-missing) tells both
        # the choices are those of the penilai who rates this RHK's own span (suggest.py), as in cascade-missing
        opts = suggest.for_rhk(repo, org, person.id, plan.tahun, plan.mulai, plan.selesai, r, r.intervensi[1])[0]
        rater = opts.supervisor or new
        also = "" if rater == new else f"; untuk RHK ini (berlaku sampai {_fmt(_rhk_last_day(plan, r))}) pejabat penilainya {rater}"
        if opts.choices:
            ranked = suggest.rank(opts.choices, r.intervensi[1], r.uraian)
            choose = f"Pilih RHK {rater} yang diintervensi: " + "; ".join(x.shown() for x in ranked) + "."
        else:
            choose = f"Rencana {rater} tahun {plan.tahun} belum ada; tautkan setelah rencana itu terbit."
        c.warning(plan.file, r.path + ("intervensi",), "cascade-supervisor-changed",
                  f"RHK {r.id} masih mengintervensi RHK {boss}, padahal {boss} menjadi atasan {person.nama} hanya sampai "
                  f"{_fmt(last)}; sejak {_fmt(since)} atasannya {new}{also}. {choose} Usulan perubahan: "
                  f"kinerja relink --pegawai {person.id} --tahun {plan.tahun}.")


def _check_cascade(c, repo: Repository, org: OrgIndex, plan: R.Plan, person: R.Person, approved: bool) -> list[str]:
    """Each RHK links up: to a sasaran (heads of perangkat daerah) or a supervisor's RHK.

    Returns the supervisors whose plans were consulted (the subject's dependencies)."""
    flag = c.error if approved else c.warning
    heads = org.heads_pd(person.id, plan.mulai, plan.selesai)
    if heads:
        goals = [repo.goals.get((u, plan.tahun)) for u in heads]
        goal_ids = {g.id for gs in goals if gs for g in gs.goals}
        for r in plan.rhk:
            if r.sasaran is None:
                if r.intervensi is None:
                    flag(plan.file, r.path, "cascade-sasaran",
                         f"RHK {r.id}: sebagai kepala perangkat daerah, acu sasaran Perjanjian Kinerja dengan 'sasaran: <id>'.")
                continue
            if not any(goals):
                flag(plan.file, r.path + ("sasaran",), "cascade-pending",
                     f"Menunggu sasaran organisasi: organisation/goals/{plan.tahun}/{heads[0]}.yml belum ada.")
            elif r.sasaran not in goal_ids:
                c.error(plan.file, r.path + ("sasaran",), "ref-sasaran",
                        f"Sasaran “{r.sasaran}” tidak ada di sasaran {', '.join(heads)} tahun {plan.tahun}.")
        return []
    supervisors = org.penilai_between(person.id, plan.mulai, plan.selesai)
    _check_supervisor_change(c, repo, org, plan, person)
    asn_supervisors = [s for s in supervisors if s in repo.people and repo.people[s].status != "non_asn"]
    def hint(r: R.Rhk, written: str, key: str = "intervensi") -> str:
        return suggest.for_rhk(repo, org, person.id, plan.tahun, plan.mulai, plan.selesai, r, written, key)[1]

    for r in plan.rhk:
        if r.intervensi is None:
            if asn_supervisors and r.sasaran is None:
                flag(plan.file, r.path, "cascade-missing",
                     f"RHK {r.id} belum menyebut RHK atasan yang diintervensi (kunci intervensi). {hint(r, '', 'tidak ada')}")
            if r.sasaran is not None:
                c.error(plan.file, r.path + ("sasaran",), "cascade-sasaran",
                        f"“sasaran: {r.sasaran}”: hanya kepala perangkat daerah yang mengacu langsung ke sasaran organisasi; "
                        f"pegawai lain mengacu ke RHK atasan dengan kunci intervensi. {hint(r, r.sasaran, 'sasaran')}")
            continue
        boss, boss_rhk = r.intervensi
        if boss not in supervisors:
            who = "; ".join(f"{w} ({_fmt(s)} s.d. {_fmt(e)})" for s, e, w in org.penilai_segments(person.id, plan.mulai, plan.selesai) if w)
            unknown = "" if _person_known(repo, boss) else "tidak ada di organisation/people/ dan "
            c.error(plan.file, r.path + ("intervensi",), "cascade-supervisor",
                    f"RHK {r.id} mengacu ke “{boss}/{boss_rhk}”, padahal “{boss}” {unknown}bukan pejabat penilai {person.nama} selama periode rencana ini"
                    + (f" (pejabat penilai: {who})." if who else ".") + f" {hint(r, f'{boss}/{boss_rhk}')}".rstrip())
            continue
        boss_plans = [bp for bp in repo.plans_of(boss, plan.tahun) if bp.mulai <= plan.selesai and plan.mulai <= bp.selesai]
        if not boss_plans:
            if repo.group_has_broken(boss, plan.tahun):
                continue
            flag(plan.file, r.path + ("intervensi",), "cascade-pending",
                 f"Menunggu rencana atasan: rencana {boss} tahun {plan.tahun} belum ada. "
                 + ("Rencana berstatus disetujui harus mengacu ke RHK atasan yang sudah ada." if approved else "Boleh digabung sebagai draf."))
            continue
        if not any(bp.rhk_by_id(boss_rhk) for bp in boss_plans):
            opts, text = suggest.for_rhk(repo, org, person.id, plan.tahun, plan.mulai, plan.selesai, r, f"{boss}/{boss_rhk}")
            former = ""
            if opts.supervisor is not None and opts.supervisor != boss:
                # the RHK of a former supervisor: say so here (cascade-supervisor-changed is then not repeated)
                last = max((e for s, e, w in org.penilai_segments(person.id, plan.mulai, plan.selesai) if w == boss), default=None)
                former = (f" {boss} menjadi atasan {person.nama} hanya sampai {_fmt(last)}; untuk RHK ini pejabat penilainya "
                          f"{opts.supervisor}." if last else "")
            elif not text:
                text = "Yang ada: " + "; ".join(f"{boss}/{x.id}" for bp in boss_plans for x in bp.rhk) + "."
            flag(plan.file, r.path + ("intervensi",), "cascade-missing",
                 f"RHK {r.id} mengacu ke “{boss}/{boss_rhk}”, padahal RHK “{boss_rhk}” tidak ada di rencana {boss} tahun "
                 f"{plan.tahun}.{former} {text}".rstrip())
    return supervisors


# --- evaluations ------------------------------------------------------------------------------------


def _check_evaluation(c: Collector, repo: Repository, org: OrgIndex, e: R.Evaluation) -> None:
    person = repo.people.get(e.pegawai)
    if person is None:
        if not _person_known(repo, e.pegawai):
            c.error(e.file, ("pegawai",), "ref-person", f"Pegawai “{e.pegawai}” tidak ada di organisation/people/.")
        return
    plan_rel = f"plans/{e.tahun}/{e.key}.yml"
    plan = repo.plan(e.tahun, e.key)
    if plan is None:
        if not repo.is_broken(plan_rel):
            c.error(e.file, ("pegawai",), "eval-plan", f"Evaluasi ini tidak punya rencana: {plan_rel} belum ada.")
        return
    p_start, p_end = period_range(e.tahun, e.periode)
    start, end = max(p_start, plan.mulai), min(p_end, plan.selesai)
    if start > end:
        c.error(e.file, ("periode",), "eval-period",
                f"{PERIOD_LABEL[e.periode]} {e.tahun} berada di luar periode rencana ({_fmt(plan.mulai)} s.d. {_fmt(plan.selesai)}).")
        return
    _check_eval_penilai(c, org, e, start, end)
    rules = repo.rules_for_year(e.tahun)
    closed = repo.regency.is_closed(e.tahun, e.periode)
    final = e.status == "final"
    if e.status == "tidak_dinilai":
        return  # not rated this period, with a reason (alasan_tidak_dinilai, required by the schema)
    _check_references(c, repo, e, plan, closed or final)
    _check_coverage(c, e, plan, final, rated=rules is not None and rules.metode == "kuadran")
    if rules is not None:
        if rules.metode == "kuadran" and final:
            for key in ("rating_hasil_kerja", "rating_perilaku_kerja"):
                if getattr(e, key) is None:
                    c.error(e.file, ("penilaian",), "eval-coverage", f"Evaluasi final memerlukan penilaian.{key}.")
        if rules.metode == "numerik_pp46" and final and not e.nilai_perilaku:
            c.error(e.file, ("penilaian",), "eval-coverage", f"Tahun {e.tahun} dinilai dengan {rules.nama}: isi penilaian.nilai_perilaku.")
        if rules.metode == "kuadran" and e.nilai_perilaku:
            c.warning(e.file, ("penilaian", "nilai_perilaku"), "eval-coverage",
                      "nilai_perilaku hanya dipakai untuk tahun yang dinilai dengan PP 46/2011; di tahun ini diabaikan.")
    if rules is not None and rules.metode == "kuadran":
        _check_evidence(c, repo.regency, e)
        if final:
            _check_feedback(c, e)
    for i, k in enumerate(e.koreksi):
        if not org.is_admin(k.oleh):
            c.error(e.file, ("koreksi", i, "oleh"), "koreksi-invalid", "Koreksi hanya dibuat oleh admin (lihat admin di organisation/instansi.yml).")


def _check_evidence(c: Collector, reg: R.Regency, e: R.Evaluation) -> None:
    """"Di atas ekspektasi" rests on evidence: per RHK, the bukti dukung of that RHK; overall,
    the bukti dukung of at least one RHK rated di atas (or of any RHK when none is rated).
    An error by default (`di_atas_perlu_bukti: galat`), a warning where the regency says so."""
    add = c.warning if reg.di_atas_perlu_bukti == "peringatan" else c.error
    has_bukti = {r.rhk for r in e.reports if r.bukti}
    above = [r for r in e.ratings if r.rating == "di_atas_ekspektasi"]
    for r in above:
        if r.rhk not in has_bukti:
            add(e.file, r.path + ("rating",), "eval-di-atas-bukti",
                f"RHK {r.rhk} dinilai di atas ekspektasi, tetapi realisasi RHK itu tidak punya bukti dukung. "
                "Minta pegawai melampirkan bukti dukung (realisasi.hasil_kerja, bukti_dukung) atau ubah ratingnya.")
    if e.rating_hasil_kerja == "di_atas_ekspektasi":
        concerned = {r.rhk for r in above} or {r.rhk for r in e.reports}
        if not concerned & has_bukti:
            add(e.file, ("penilaian", "rating_hasil_kerja"), "eval-di-atas-bukti",
                "Rating hasil kerja di atas ekspektasi, tetapi tidak ada bukti dukung pada RHK yang dinilai di atas "
                "ekspektasi. Lampirkan bukti dukung atau ubah ratingnya.")


def _check_feedback(c: Collector, e: R.Evaluation) -> None:
    """A final evaluation carries the penilai's umpan balik (at least one, anywhere)."""
    if any(r.umpan_balik for r in e.ratings) or e.perilaku_umpan_balik or e.catatan_penilai:
        return
    c.error(e.file, ("penilaian",), "eval-umpan-balik",
            "Evaluasi final tanpa umpan balik sama sekali. Pejabat penilai menulis umpan balik pada setidaknya satu RHK "
            "(penilaian.hasil_kerja, umpan_balik), satu perilaku kerja, atau catatan.")


def _check_eval_penilai(c: Collector, org: OrgIndex, e: R.Evaluation, start: date, end: date) -> None:
    """The evaluation's pejabat_penilai is the one who rates the period: the penilai in post
    on its last day (rule `pergantian_dalam_periode: akhir_periode`); earlier penilai of the
    period give their input in `masukan_penilai_sebelumnya`."""
    if e.pejabat_penilai == e.pegawai:
        c.error(e.file, ("pejabat_penilai",), "eval-penilai", "Pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.")
        return
    day = org.rating_day(e.pegawai, start, end)
    rater = org.penilai_on(e.pegawai, day)
    if not e.masukan_sebelumnya and (rater is None or e.pejabat_penilai == rater):
        return  # the usual case: no need to walk the whole period
    earlier = {who for _, _, who in org.penilai_segments(e.pegawai, start, end) if who and who != rater}
    for i, (oleh, _) in enumerate(e.masukan_sebelumnya):
        if oleh not in earlier:
            c.error(e.file, ("masukan_penilai_sebelumnya", i, "oleh"), "eval-penilai",
                    f"{oleh} bukan pejabat penilai sebelumnya dalam {PERIOD_LABEL[e.periode]} {e.tahun}"
                    + (f" (yang sebelumnya: {', '.join(sorted(earlier))})." if earlier else "; pejabat penilai tidak berganti dalam periode ini."))
    if rater is None or e.pejabat_penilai == rater:
        return
    others = [(s, t, who) for s, t, who in org.penilai_segments(e.pegawai, start, end) if who and who != rater]
    if any(who == e.pejabat_penilai for _, _, who in others):
        s, t = next((s, t) for s, t, who in others if who == e.pejabat_penilai)
        c.error(e.file, ("pejabat_penilai",), "eval-penilai",
                f"Pejabat penilai berganti dalam {PERIOD_LABEL[e.periode]} {e.tahun}: {e.pejabat_penilai} menjabat {_fmt(s)} s.d. "
                f"{_fmt(t)}, {rater} menjabat pada akhir periode ({_fmt(day)}). Menurut aturan, {rater} yang menilai; "
                f"masukan {e.pejabat_penilai} dicatat di 'masukan_penilai_sebelumnya'. Tulis 'pejabat_penilai: {rater}'.")
    else:
        c.error(e.file, ("pejabat_penilai",), "eval-penilai",
                f"Menurut data organisasi, pejabat penilai pada periode ini adalah {rater} (yang menjabat pada {_fmt(day)}), "
                f"bukan {e.pejabat_penilai}. Tulis 'pejabat_penilai: {rater}'.")


def _duplicate_rhk_ids(plan: R.Plan) -> set[str]:
    """RHK ids written twice in a plan (refused there as duplicate-id): which RHK an evaluation
    means by them is unknown, so the evaluation is not blamed for them (no follow-on errors)."""
    seen, dup = set(), set()
    for r in plan.rhk:
        (dup if r.id in seen else seen).add(r.id)
    return dup


def _check_references(c: Collector, repo: Repository, e: R.Evaluation, plan: R.Plan, locked: bool) -> None:
    reported_missing = set()
    dup = _duplicate_rhk_ids(plan)
    for section in (e.reports, e.ratings):
        for item in section:
            if item.rhk in dup:
                continue
            rhk = plan.rhk_by_id(item.rhk)
            if rhk is None:
                if locked and item.rhk not in reported_missing:
                    reported_missing.add(item.rhk)
                    c.error(e.file, item.path + ("rhk",), "eval-closed-rhk",
                            f"RHK “{item.rhk}” sudah dinilai di evaluasi ini tetapi tidak ada lagi di {plan.file}. "
                            "RHK yang sudah dinilai tidak dihapus: kembalikan dan akhiri dengan 'berlaku_sampai'.")
                    c.error(plan.file, ("hasil_kerja",), "eval-closed-rhk",
                            f"RHK “{item.rhk}” sudah dinilai di {e.file} ({'periode tertutup' if repo.regency.is_closed(e.tahun, e.periode) else 'evaluasi final'}). "
                            "Jangan dihapus: kembalikan RHK itu dan tambahkan 'berlaku_sampai: <periode terakhir>'.")
                elif not locked:
                    own = [suggest.Choice(r.id, r.uraian) for r in plan.rhk if r.in_force(e.periode)]
                    c.error(e.file, item.path + ("rhk",), "ref-rhk", f"RHK “{item.rhk}” tidak ada di {plan.file}. "
                            + suggest.sentence(suggest.Options("rhk", None, tuple(own), ""), item.rhk, getattr(item, "uraian", None) or ""))
                continue
            if not rhk.in_force(e.periode):
                c.warning(e.file, item.path + ("rhk",), "plan-retired", f"RHK “{item.rhk}” tidak berlaku pada {PERIOD_LABEL[e.periode]} menurut rencana.")
            if isinstance(item, R.RhkReport):
                for rep in item.indikator:
                    iki = next((k for k in rhk.indikator if k.id == rep.iki), None)
                    if iki is None:
                        code = "eval-closed-rhk" if locked else "ref-iki"
                        own = [suggest.Choice(k.id, k.uraian) for k in rhk.indikator if k.in_force(e.periode)]
                        c.error(e.file, rep.path + ("iki",), code, f"IKI “{rep.iki}” tidak ada di RHK {rhk.id} pada {plan.file}. "
                                + suggest.sentence(suggest.Options("iki", None, tuple(own), ""), rep.iki, ""))
                        if locked:
                            c.error(plan.file, rhk.path + ("indikator",), "eval-closed-rhk",
                                    f"IKI “{rep.iki}” sudah dinilai di {e.file}; jangan dihapus, akhiri dengan 'berlaku_sampai'.")
                        continue
                    if iki.target is not None and not isinstance(rep.realisasi, (int, float)):
                        hint = ""
                        if isinstance(rep.realisasi, str) and re.fullmatch(r"\s*[-+]?[0-9]+,[0-9]+\s*", rep.realisasi):
                            hint = f" Gunakan titik sebagai pemisah desimal: {rep.realisasi.strip().replace(',', '.')}."
                        c.error(e.file, rep.path + ("realisasi",), "eval-realisasi",
                                f"Target IKI {iki.id} berupa angka ({iki.target.satuan}); tulis realisasinya sebagai angka saja, tanpa tanda kutip.{hint}")


def _check_coverage(c: Collector, e: R.Evaluation, plan: R.Plan, final: bool, rated: bool) -> None:
    """Every RHK/IKI in force is reported (and, where the rule set rates RHK, rated): an
    error once final, a reminder before."""
    add = c.error if final else c.warning
    dup = _duplicate_rhk_ids(plan)
    for rhk in plan.rhk:
        if not rhk.in_force(e.periode) or rhk.id in dup:
            continue
        report = e.report_for(rhk.id)
        if report is None:
            add(e.file, ("realisasi",), "eval-coverage", f"Realisasi RHK {rhk.id} belum dilaporkan.")
        else:
            done = {k.iki for k in report.indikator}
            for iki in rhk.indikator:
                if iki.in_force(e.periode) and iki.id not in done and report.uraian is None and iki.sumber_survei is None:
                    # (an IKI measured by a survey takes its realisasi from the survey: suara/realisasi.py)
                    add(e.file, report.path, "eval-coverage", f"Realisasi IKI {iki.id} pada RHK {rhk.id} belum diisi.")
        rating = e.rating_for(rhk.id)
        if rated and e.has_penilaian and (rating is None or rating.rating is None):
            add(e.file, ("penilaian",), "eval-coverage", f"RHK {rhk.id} belum diberi rating oleh pejabat penilai.")
