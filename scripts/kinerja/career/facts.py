"""The facts of every evaluation that career and fairness reports read: who, when, who rated,
the ratings and predikat before and after the records that change a final rating
(score/overlay.py), and whether "di atas" ratings rest on evidence.

A lighter pass than `kinerja score` (no capaian, no consistency warnings): the predikat
comes from the same rule functions (kuadran, PP 46/2011), so both agree by construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.model.calendar import period_order
from kinerja.score import kuadran, pp46
from kinerja.score.overlay import Overlay

STRUCTURAL = frozenset({"jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas"})


@dataclass(slots=True)
class EvalFact:
    file: str
    pegawai: str
    key: str  # plan stem
    tahun: int
    periode: str
    status: str
    penilai: str
    aturan: str | None
    metode: str | None
    rating_hasil_kerja: str | None  # effective
    rating_perilaku_kerja: str | None
    predikat: str | None  # effective
    predikat_awal: str | None  # from the evaluation file alone
    rating_awal: dict = field(default_factory=dict)
    sumber: dict = field(default_factory=dict)  # rating key -> record that set it
    di_atas: int = 0  # RHK rated di atas ekspektasi
    di_atas_berbukti: int = 0  # ... of which the employee's report carries evidence
    nilai_akhir: object = None  # PP 46/2011 years: the numeric score (Fraction)

    @property
    def changed(self) -> bool:
        return self.predikat != self.predikat_awal or any(self.sumber.get(k) != self.file for k in self.sumber)


def _predikat(rules, plan, e, hk, pk, person, day):
    if rules is None:
        return None, None
    if rules.metode == "kuadran":
        return kuadran.predikat(rules, hk, pk), None
    if plan is None:
        return None, None
    a = person.assignment_on(day) if person else None
    n = pp46.score(rules, e, plan, structural=a is not None and a.jenis_jabatan in STRUCTURAL)
    return n.predikat, n.nilai_akhir


@dataclass(slots=True)
class _Light:
    """What the overlay reads of an evaluation, from the cached per-file facts."""

    file: str
    status: str
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None


def collect(repo, people: set[str] | None = None) -> list[EvalFact]:
    """Facts of every valid evaluation (of `people` only, when given), in time order.

    Years scored with the quadrant need no record at all: the per-file facts cached by the
    loader carry the ratings and the evidence counts. Numeric (PP 46/2011) years load the
    evaluation and its plan."""
    from kinerja.model.calendar import period_range

    rels = [(k, rel) for k, rel in repo.eval_paths.items() if people is None or rel.rsplit("/", 1)[-1].split(".", 1)[0] in people]
    overlay = Overlay(repo)
    out = []
    for (y, p, key), rel in sorted(rels, key=lambda kv: (kv[0][0], period_order(kv[0][1]), kv[1])):
        entry = repo.files[rel]
        if not entry.ok:
            continue
        rules = repo.rules_for_year(y)
        facts = entry.facts
        numeric = rules is not None and rules.metode != "kuadran"
        if numeric or facts is None or len(facts) < 8:
            e = repo.record(rel)
            if e is None:
                continue
            above = [r for r in e.ratings if r.rating == "di_atas_ekspektasi"]
            backed = sum(1 for r in above if (rep := e.report_for(r.rhk)) is not None and rep.bukti)
            facts = (e.status, e.tahun, e.periode, e.pejabat_penilai, e.rating_hasil_kerja, e.rating_perilaku_kerja, len(above), backed)
        else:
            e = None
        status, _y, _p, penilai, hk0, pk0, n_above, n_backed = facts
        pegawai = key.split(".", 1)[0]
        eff = overlay.effective(_Light(rel, status, hk0, pk0))
        hk, pk = eff.ratings["rating_hasil_kerja"], eff.ratings["rating_perilaku_kerja"]
        if numeric:
            plan = repo.plan(y, key)
            person = repo.people.get(pegawai)
            day = period_range(y, p)[1]
            pred, nilai = _predikat(rules, plan, e, hk, pk, person, day)
            before = pred
        else:
            pred, nilai = (kuadran.predikat(rules, hk, pk) if rules else None), None
            before = (kuadran.predikat(rules, hk0, pk0) if rules else None) if eff.changed else pred
        out.append(EvalFact(
            file=rel, pegawai=pegawai, key=key, tahun=y, periode=p, status=status, penilai=penilai,
            aturan=rules.id if rules else None, metode=rules.metode if rules else None,
            rating_hasil_kerja=hk, rating_perilaku_kerja=pk, predikat=pred, predikat_awal=before,
            rating_awal=dict(eff.sebelum), sumber=dict(eff.sumber), di_atas=n_above, di_atas_berbukti=n_backed,
            nilai_akhir=nilai,
        ))
    return out
