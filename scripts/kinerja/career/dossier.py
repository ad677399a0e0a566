"""One person's dossier across every year in the repository.

Positions from the dated assignments; the predikat of every evaluation (after calibration
and keberatan, naming the record that set each rating); the angka kredit ledger of a
jabatan fungsional (per plan, cumulative within a jenjang, against the next pangkat and
jenjang thresholds of the career rules); the kenaikan pangkat reguler check as of a date;
for PPPK the contract periods and a renewal view. Where data is missing the answer is
"tidak dapat ditentukan" with what is missing, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from kinerja.career.facts import EvalFact
from kinerja.career.rules import GOLONGAN, PENDIDIKAN, CareerRules
from kinerja.model.calendar import PERIOD_LABEL, period_order, period_range
from kinerja.model.records import Person
from kinerja.score import angka_kredit as ak

MEMENUHI, TIDAK, TDD, TIDAK_BERLAKU = "memenuhi", "tidak_memenuhi", "tidak_dapat_ditentukan", "tidak_berlaku"
STATUS_TEXT = {MEMENUHI: "memenuhi syarat", TIDAK: "tidak memenuhi syarat", TDD: "tidak dapat ditentukan", TIDAK_BERLAKU: "tidak berlaku"}
UNVERIFIED = " (aturan belum diverifikasi)"


@dataclass
class Position:
    mulai: date
    selesai: date | None
    unit: str
    unit_nama: str
    jabatan: str
    jenis_jabatan: str
    jenjang: str | None
    golongan: str | None
    pejabat_penilai: str | None


@dataclass
class PredikatRow:
    tahun: int
    periode: str
    rencana: str
    status: str
    predikat: str | None
    predikat_label: str | None
    aturan: str | None
    sumber: dict  # rating key -> record
    predikat_awal: str | None
    file: str


@dataclass
class LedgerRow:
    tahun: int
    rencana: str
    jenjang: str | None
    mulai_bulan: int
    bulan: int
    angka_kredit: Fraction | None
    kumulatif_jenjang: Fraction | None
    keterangan: str


@dataclass
class Ledger:
    rows: list[LedgerRow] = field(default_factory=list)
    jenjang: str | None = None
    kumulatif_jenjang: Fraction | None = None  # within the current jenjang
    kebutuhan_pangkat: float | None = None
    kebutuhan_jenjang: float | None = None
    verifikasi: bool = False
    catatan: list[str] = field(default_factory=list)


@dataclass
class Condition:
    nama: str
    status: str
    keterangan: str


@dataclass
class Eligibility:
    per: date
    status: str
    syarat: list[Condition]
    aturan: str | None
    sumber: tuple = ()
    golongan_berikut: str | None = None

    @property
    def kurang(self) -> list[str]:
        return [f"{c.nama}: {c.keterangan}" for c in self.syarat if c.status in (TIDAK, TDD)]


@dataclass
class ContractView:
    mulai: date
    selesai: date
    status: str
    evaluasi: list[PredikatRow]
    keterangan: list[str]


@dataclass
class Dossier:
    pegawai: str
    nama: str
    status_kepegawaian: str
    pendidikan_terakhir: str | None
    tmt_golongan: date | None
    jabatan: list[Position]
    predikat: list[PredikatRow]
    tahunan: dict[int, PredikatRow]
    angka_kredit: Ledger
    kenaikan_pangkat: Eligibility
    pppk: list[ContractView] | None
    aturan_karier: str | None


# --- pieces --------------------------------------------------------------------------------


def _positions(repo, person: Person) -> list[Position]:
    out = []
    for a in sorted(person.assignments, key=lambda a: a.mulai):
        unit = repo.units.get(a.unit)
        out.append(Position(a.mulai, a.selesai, a.unit, unit.nama if unit else a.unit, a.jabatan, a.jenis_jabatan, a.jenjang,
                            a.golongan, a.pejabat_penilai))
    return out


def _rows(repo, facts: list[EvalFact]) -> list[PredikatRow]:
    out = []
    for f in facts:
        rules = repo.rule_sets.get(f.aturan) if f.aturan else None
        label = rules.predikat_label(f.predikat) if rules and f.predikat else None
        out.append(PredikatRow(f.tahun, f.periode, f.key, f.status, f.predikat, label, f.aturan, f.sumber, f.predikat_awal, f.file))
    return out


def annual(rows: list[PredikatRow]) -> dict[int, PredikatRow]:
    """The year's annual predikat: the final triwulan_4 evaluation (the later plan's, with two)."""
    out: dict[int, PredikatRow] = {}
    for r in rows:
        if r.periode == "triwulan_4" and r.status == "final" and (r.tahun not in out or r.rencana > out[r.tahun].rencana):
            out[r.tahun] = r
    return out


def _ledger(repo, person: Person, facts: list[EvalFact], cr: CareerRules | None, plans: list[tuple[int, str]]) -> Ledger:
    """Angka kredit per plan from its closing evaluation (as the scorer does), cumulative per jenjang."""
    out = Ledger()
    by_file = {f.file: f for f in facts}
    needs = (cr.angka_kredit if cr else {}) or {}
    table = needs.get("jenjang", {})
    carry = needs.get("saat_naik_jenjang", "mulai_nol")
    out.verifikasi = bool(needs.get("verifikasi"))
    cumulative = Fraction(0)  # within the current jenjang, of the plans already credited
    jenjang = None
    pending: list[str] = []  # plans whose closing evaluation is not final yet

    def enter(new_jenjang: str, y: int) -> None:
        nonlocal cumulative, jenjang
        if jenjang is not None and new_jenjang != jenjang:
            old_need = table.get(jenjang, {}).get("jenjang")
            if carry == "kelebihan_dibawa" and old_need is not None:
                cumulative = max(Fraction(0), cumulative - Fraction(str(old_need)))
            else:
                cumulative = Fraction(0)
            out.catatan.append(f"{y}: jenjang berubah ke {new_jenjang.replace('_', ' ')}; buku angka kredit jenjang baru "
                               + ("membawa kelebihan di atas kebutuhan jenjang lama" if carry == "kelebihan_dibawa" else "mulai dari 0")
                               + (UNVERIFIED if out.verifikasi else "") + ".")
        jenjang = new_jenjang

    if not any(a.jenis_jabatan == "fungsional" for a in person.assignments):
        return out  # never a jabatan fungsional: no ledger (and no plan records to read)
    for y, key in plans:
        if not any(a.jenis_jabatan == "fungsional" for a in person.assignments_between(date(y, 1, 1), date(y, 12, 31))):
            continue
        plan = repo.plan(y, key)
        rules = repo.rules_for_year(y)
        if plan is None or rules is None:
            continue
        by_month = ak.jenjang_by_month(person, plan, ak.month_rule(rules))
        if all(j is None for _, j in by_month):
            continue
        if rules.metode != "kuadran":
            out.catatan.append(f"{y}: angka kredit tidak dihitung dengan aturan {rules.id} (penetapan angka kredit lama ada di PAK).")
            continue
        closing = ak.closing_period(plan)
        rel = repo.eval_paths.get((y, closing, key))
        fact = by_file.get(rel) if rel else None
        if fact is None or fact.status != "final" or fact.predikat is None:
            pending.append(f"{y} ({key})")
            for j, first, n in ak._segments(by_month):
                if j is not None:
                    enter(j, y)
                    out.rows.append(LedgerRow(y, key, j, first, n, None, None,
                                              f"belum ada evaluasi {PERIOD_LABEL.get(closing, closing)} final untuk rencana ini"))
            continue
        credit = ak.angka_kredit(rules, plan, person, fact.predikat)
        for seg in credit.segments:
            if seg.jenjang is None:
                continue
            enter(seg.jenjang, y)
            if seg.value is not None:
                cumulative += seg.value
            out.rows.append(LedgerRow(y, key, seg.jenjang, seg.mulai_bulan, seg.bulan, seg.value,
                                      cumulative if seg.value is not None else None,
                                      f"predikat {fact.predikat.replace('_', ' ')} ({fact.file})"))
        if credit.jenjang_berubah:
            out.catatan.append(f"{y}: jenjang berubah di tengah rencana {plan.file}; jenjang baru memerlukan SKP baru.")
    if pending:
        out.catatan.append("Belum termasuk rencana yang evaluasi penutupnya belum final: " + ", ".join(pending) + ".")
    out.jenjang = jenjang
    out.kumulatif_jenjang = cumulative
    if jenjang is not None:
        out.kebutuhan_pangkat = table.get(jenjang, {}).get("pangkat")
        out.kebutuhan_jenjang = table.get(jenjang, {}).get("jenjang")
        if jenjang not in table:
            out.catatan.append(f"Kebutuhan angka kredit jenjang {jenjang.replace('_', ' ')} tidak ada di aturan karier.")
    if plans:
        first_year = plans[0][0]
        out.catatan.append(f"Buku ini hanya memuat angka kredit sejak {first_year} (tahun pertama yang ada di repositori); "
                           "angka kredit sebelumnya ada di PAK terakhir.")
    return out


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _ak_since(ledger: Ledger, since: date) -> Fraction | None:
    """Angka kredit of the months from `since` (month by month) in the current jenjang, or None if unknown."""
    total = Fraction(0)
    for r in ledger.rows:
        if r.jenjang != ledger.jenjang:
            continue
        if r.angka_kredit is None:
            return None
        for m in range(r.mulai_bulan, r.mulai_bulan + r.bulan):
            if date(r.tahun, m, 1) >= since.replace(day=1):
                total += r.angka_kredit / r.bulan
    return total


def eligibility(repo, person: Person, tahunan: dict[int, PredikatRow], ledger: Ledger, cr: CareerRules | None, per: date,
                first_year: int | None) -> Eligibility:
    """Kenaikan pangkat reguler as of `per`: every condition with its answer and why."""
    if person.status != "pns":
        why = "kenaikan pangkat reguler hanya untuk PNS" + (" (PPPK: lihat tinjauan perpanjangan kontrak)" if person.status == "pppk" else "")
        return Eligibility(per, TIDAK_BERLAKU, [Condition("Status kepegawaian", TIDAK_BERLAKU, why)], cr.label if cr else None)
    if cr is None:
        return Eligibility(per, TDD, [Condition("Aturan", TDD, f"tidak ada aturan karier (rules/karier/) yang berlaku pada {per.isoformat()}")], None)
    rule = cr.kenaikan
    v = UNVERIFIED if rule.get("verifikasi") else ""
    conds: list[Condition] = []
    a = person.assignment_on(per)
    golongan = a.golongan if a else None
    nxt = None
    if a is None:
        conds.append(Condition("Golongan", TDD, f"tidak ada penugasan pada {per.isoformat()}"))
    elif golongan is None:
        conds.append(Condition("Golongan", TDD, f"golongan pada penugasan {a.jabatan} belum dicatat"))
    elif golongan not in GOLONGAN:
        conds.append(Condition("Golongan", TDD, f"golongan {golongan} bukan golongan PNS"))
    elif golongan == GOLONGAN[-1]:
        conds.append(Condition("Golongan", TIDAK, f"{golongan} adalah golongan tertinggi"))
    else:
        nxt = GOLONGAN[GOLONGAN.index(golongan) + 1]
        conds.append(Condition("Golongan", MEMENUHI, f"{golongan}, berikutnya {nxt}"))
    years = rule["masa_pangkat_minimum_tahun"]
    if person.tmt_golongan is None:
        conds.append(Condition("Masa dalam pangkat", TDD, "TMT golongan belum dicatat (tmt_golongan di data pegawai)"))
    else:
        due = _add_years(person.tmt_golongan, years)
        if due <= per:
            conds.append(Condition("Masa dalam pangkat", MEMENUHI, f"sejak {person.tmt_golongan.isoformat()}, {years} tahun tercapai {due.isoformat()}{v}"))
        else:
            conds.append(Condition("Masa dalam pangkat", TIDAK,
                                   f"sejak {person.tmt_golongan.isoformat()}; {years} tahun baru tercapai {due.isoformat()}{v}"))
    n, minimum = rule["tahun_penilaian"], rule["predikat_minimum"]
    last_year = per.year - 1  # the last year whose 31 December is before `per`
    for y in range(last_year, last_year - n, -1):
        row = tahunan.get(y)
        rules = repo.rules_for_year(y)
        name = f"Predikat tahunan {y}"
        if row is None or row.predikat is None:
            missing = "tidak ada evaluasi tahunan (triwulan_4) final"
            if first_year is not None and y < first_year:
                missing += f"; repositori baru memuat data sejak {first_year}"
            conds.append(Condition(name, TDD, missing))
            continue
        if rules is None or minimum not in dict(rules.predikat):
            conds.append(Condition(name, TDD, f"predikat minimum “{minimum}” tidak dikenal aturan penilaian tahun {y}"))
            continue
        ok = rules.predikat_rank(row.predikat) >= rules.predikat_rank(minimum)
        where = row.sumber.get("rating_hasil_kerja", row.file)
        src = f" ({where})" if where != row.file else ""
        conds.append(Condition(name, MEMENUHI if ok else TIDAK,
                               f"{row.predikat_label}, {'tidak kurang' if ok else 'di bawah'} {rules.predikat_label(minimum)}{src}{v}"))
    caps = cr.batas_pendidikan.get("batas", {})
    vp = UNVERIFIED if cr.batas_pendidikan.get("verifikasi") else ""
    if nxt is not None:
        if person.pendidikan_terakhir is None:
            conds.append(Condition("Batas pendidikan", TDD, "pendidikan terakhir belum dicatat (pendidikan_terakhir di data pegawai)"))
        elif person.pendidikan_terakhir not in caps:
            conds.append(Condition("Batas pendidikan", TDD, f"aturan karier tidak memuat batas untuk pendidikan {PENDIDIKAN.get(person.pendidikan_terakhir)}"))
        else:
            cap = caps[person.pendidikan_terakhir]
            ok = GOLONGAN.index(nxt) <= GOLONGAN.index(cap)
            conds.append(Condition("Batas pendidikan", MEMENUHI if ok else TIDAK,
                                   f"pendidikan {PENDIDIKAN[person.pendidikan_terakhir]}: paling tinggi {cap}{vp}"))
    if a is not None and a.jenis_jabatan == "fungsional":
        need = (cr.angka_kredit.get("jenjang", {}).get(a.jenjang or "", {}) or {}).get("pangkat")
        va = UNVERIFIED if cr.angka_kredit.get("verifikasi") else ""
        if need is None:
            conds.append(Condition("Angka kredit", TDD, f"kebutuhan angka kredit jenjang {a.jenjang or '?'} tidak ada di aturan karier"))
        elif person.tmt_golongan is None:
            conds.append(Condition("Angka kredit", TDD, "TMT golongan belum dicatat, sehingga angka kredit sejak kenaikan pangkat terakhir tidak diketahui"))
        elif first_year is None or person.tmt_golongan < date(first_year, 1, 1):
            conds.append(Condition("Angka kredit", TDD, f"angka kredit sejak {person.tmt_golongan.isoformat()} tidak seluruhnya tercatat di repositori "
                                                        f"(data sejak {first_year or '-'}); periksa PAK terakhir"))
        else:
            got = _ak_since(ledger, person.tmt_golongan)
            if got is None:
                conds.append(Condition("Angka kredit", TDD, "ada rencana yang belum punya evaluasi penutup final"))
            else:
                ok = got >= Fraction(str(need))
                conds.append(Condition("Angka kredit", MEMENUHI if ok else TIDAK, f"{float(got):.2f} sejak TMT golongan, dibutuhkan {need:g}{va}".replace(".", ",")))
    statuses = {c.status for c in conds}
    overall = TIDAK if TIDAK in statuses else TDD if TDD in statuses else MEMENUHI
    return Eligibility(per, overall, conds, cr.label, cr.sumber, nxt)


def contracts(repo, person: Person, rows: list[PredikatRow], cr: CareerRules | None, per: date) -> list[ContractView] | None:
    """PPPK: each contract period with its evaluations and a renewal view."""
    if person.status != "pppk":
        return None
    if not person.kontrak:
        return [ContractView(per, per, TDD, [], ["masa perjanjian kerja belum dicatat (kontrak_pppk di data pegawai)"])]
    minimum = (cr.pppk if cr else {}).get("predikat_minimum")
    v = UNVERIFIED if (cr.pppk if cr else {}).get("verifikasi") else ""
    out = []
    for mulai, selesai in sorted(person.kontrak):
        inside = [r for r in rows if period_range(r.tahun, r.periode)[1] >= mulai and period_range(r.tahun, r.periode)[0] <= selesai]
        notes = []
        status = MEMENUHI
        if minimum is None:
            status = TDD
            notes.append("aturan karier tidak memuat syarat perpanjangan PPPK")
        # every quarter that ended inside the contract and before `per` needs a final evaluation
        for y in range(mulai.year, selesai.year + 1):
            for q in ("triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4"):
                start, end = period_range(y, q)
                if end < mulai or start > selesai or end > per:
                    continue
                if not any(r.tahun == y and r.periode == q and r.status == "final" and r.predikat for r in inside):
                    notes.append(f"evaluasi {y} {PERIOD_LABEL.get(q, q)} final belum ada")
                    if status == MEMENUHI:
                        status = TDD
        for r in inside:
            rules = repo.rules_for_year(r.tahun)
            if r.status != "final" or not r.predikat or minimum is None or rules is None or minimum not in dict(rules.predikat):
                continue
            if rules.predikat_rank(r.predikat) < rules.predikat_rank(minimum):
                status = TIDAK
                notes.append(f"{r.tahun} {PERIOD_LABEL.get(r.periode, r.periode)}: {r.predikat_label}, di bawah {rules.predikat_label(minimum)}{v}")
        if selesai > per:
            notes.append(f"perjanjian berjalan sampai {selesai.isoformat()}")
        out.append(ContractView(mulai, selesai, status, sorted(inside, key=lambda r: (r.tahun, period_order(r.periode))), notes))
    return out


def plan_index(repo) -> dict[str, list[tuple[int, str]]]:
    """person id -> that person's plans (year, stem), in order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for y, key in sorted(repo.plan_paths):
        out.setdefault(key.split(".", 1)[0], []).append((y, key))
    return out


def build(repo, person: Person, facts: list[EvalFact], all_rules: list[CareerRules], per: date,
          plans: list[tuple[int, str]]) -> Dossier:
    """`facts`: this person's evaluation facts; `plans`: this person's plans (plan_index)."""
    from kinerja.career.rules import in_force

    cr = in_force(all_rules, per)
    rows = _rows(repo, facts)
    tahunan = annual(rows)
    ledger = _ledger(repo, person, facts, cr, plans)
    first_year = plans[0][0] if plans else None
    return Dossier(
        pegawai=person.id, nama=person.nama, status_kepegawaian=person.status, pendidikan_terakhir=person.pendidikan_terakhir,
        tmt_golongan=person.tmt_golongan, jabatan=_positions(repo, person), predikat=rows, tahunan=tahunan, angka_kredit=ledger,
        kenaikan_pangkat=eligibility(repo, person, tahunan, ledger, cr, per, first_year),
        pppk=contracts(repo, person, rows, cr, per), aturan_karier=cr.label if cr else None,
    )
