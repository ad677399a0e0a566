"""Who decides a keberatan (PP 30/2019 Pasal 59; domain.md §12): the one answer used by the
form reply, the gate (check-change), the reminders, validation and the documents.

The decider is the holder, on the filing date, of the post that was the penilai's atasan at
the end of the evaluated period: take the penilai of the evaluation, then the penilai's own
evaluator at the period's end; the post is the unit that evaluator headed then, and the
decider is whoever heads that unit on the filing date (definitively, else Plt./Plh.). Where
the penilai has no evaluator (the penilai is the Bupati), the route configured in
organisation/instansi.yml (`pemutus_keberatan`) decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.model.org import OrgIndex
from kinerja.model.records import Regency


@dataclass(frozen=True, slots=True)
class Pemutus:
    person: str | None  # None: nobody can decide according to the data (an admin must fix it)
    penilai: str | None
    post: str | None  # the unit whose head position decides, when the decider follows a post
    how: str  # "atasan_penilai", "pemegang_jabatan" (the post's holder changed), "rute_instansi", "tidak_ada"
    explanation: str  # Indonesian, for replies and messages


def decider(org: OrgIndex, reg: Regency, pegawai: str, penilai: str | None, period_end: date, filed_on: date) -> Pemutus:
    """The decider of an objection to `pegawai`'s evaluation whose period ended `period_end`,
    filed on `filed_on`. `penilai` is the evaluation's pejabat penilai (else the one in force)."""
    penilai = penilai or org.penilai_on(pegawai, period_end)
    atasan = org.penilai_on(penilai, period_end) if penilai else None
    if atasan is None:
        route = reg.pemutus_keberatan
        if route and route != pegawai:
            return Pemutus(route, penilai, None, "rute_instansi",
                           f"Pejabat penilai {penilai or '-'} tidak punya atasan dalam data organisasi; menurut "
                           f"organisation/instansi.yml (pemutus_keberatan) keberatan diputus oleh {route}.")
        return Pemutus(None, penilai, None, "tidak_ada",
                       f"Pejabat penilai {penilai or '-'} tidak punya atasan dalam data organisasi dan "
                       "organisation/instansi.yml tidak menyebut pemutus_keberatan. Hubungi admin BKPSDM.")
    posts = [u for u in org.units_headed(atasan, period_end, period_end) if org.head_on(u, period_end) == atasan]
    post = sorted(posts)[0] if posts else None
    holder = org.head_on(post, filed_on) if post else None
    if holder is None or holder == atasan:
        return Pemutus(atasan, penilai, post, "atasan_penilai",
                       f"Atasan pejabat penilai {penilai} pada akhir periode: {atasan}.")
    if holder == pegawai:
        return Pemutus(atasan, penilai, post, "atasan_penilai",
                       f"Atasan pejabat penilai {penilai} pada akhir periode: {atasan} (jabatan itu kini dipegang "
                       "pegawai yang mengajukan keberatan sendiri, jadi diputus oleh pejabat pada akhir periode).")
    return Pemutus(holder, penilai, post, "pemegang_jabatan",
                   f"Atasan pejabat penilai {penilai} pada akhir periode adalah kepala {post} ({atasan}); pada tanggal "
                   f"pengajuan jabatan itu dipegang {holder}.")


# --- the record of an objections/<tahun>/<periode>/<stem>.yml file -------------------------------


@dataclass(frozen=True, slots=True)
class Keputusan:
    tanggal: date
    hasil: str  # "tetap" or "diubah"
    alasan: str
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    rhk: tuple  # ((rhk id, rating), ...)


@dataclass(frozen=True, slots=True)
class Objection:
    file: str
    key: str  # the evaluation's stem
    pegawai: str
    tahun: int
    periode: str
    pemutus: str
    diajukan: date
    isu: int | None
    alasan: str
    diminta: date | None  # the decider asked the penilai and the employee for an explanation
    keputusan: Keputusan | None

    @property
    def evaluation_file(self) -> str:
        return f"evaluations/{self.tahun}/{self.periode}/{self.key}.yml"


def objection_record(rel: str, d: dict) -> Objection:
    """Schema-valid data -> record (the repository keeps objection files as validated data)."""
    k = d.get("keputusan")
    keputusan = None
    if k:
        keputusan = Keputusan(date.fromisoformat(k["tanggal"]), k["hasil"], k["alasan"], k.get("rating_hasil_kerja"),
                              k.get("rating_perilaku_kerja"), tuple((x["rhk"], x["rating"]) for x in k.get("hasil_kerja", ())))
    pj = d.get("penjelasan")
    return Objection(rel, rel.rsplit("/", 1)[1][: -len(".yml")], d["pegawai"], d["tahun"], d["periode"], d["pemutus"],
                     date.fromisoformat(d["diajukan"]["tanggal"]), d["diajukan"].get("isu"), d["diajukan"]["alasan"],
                     date.fromisoformat(pj["diminta"]) if pj else None, keputusan)


def objections(repo) -> dict[str, Objection]:
    """rel -> record of every readable objection file."""
    return {rel: objection_record(rel, data) for rel, data in repo.valid_records("objection") if isinstance(data, dict)}


def decider_for_evaluation(org: OrgIndex, reg: Regency, evaluation, period_end: date, filed_on: date) -> Pemutus:
    """The decider for an evaluation record: the one call every caller makes."""
    return decider(org, reg, evaluation.pegawai, evaluation.pejabat_penilai, period_end, filed_on)


def decision_due(reg: Regency, o: Objection) -> date:
    from datetime import timedelta

    return o.diajukan + timedelta(days=reg.deadlines["keputusan_keberatan_hari"])
