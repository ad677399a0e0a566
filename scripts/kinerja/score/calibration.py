"""Calibration records (calibrations/<tahun>/<periode>/<unit>.yml): the tim penilai kinerja's
session and its recommendations, and the rating overrides they give once enacted.

The tim advises; a recommendation changes a rating only when the person's pejabat penilai
has enacted it (`diberlakukan`), and only while the evaluation still has the ratings the
record says it reviewed (`sebelum`). check-change lets only the tim's members write the
record and only the penilai enact (review/authz.py); `check_record` is the validation of
what a schema cannot see; `overrides` feeds the ordered overlay (score/overlay.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kinerja.model.calendar import period_range

RATING_KEYS = ("rating_hasil_kerja", "rating_perilaku_kerja")


@dataclass(frozen=True, slots=True)
class Recommendation:
    index: int
    pegawai: str
    rencana: str | None  # plan stem when the person has two plans that year
    sebelum: dict
    rekomendasi: dict
    alasan: str
    diberlakukan_oleh: str | None
    diberlakukan_tanggal: date | None

    @property
    def path(self) -> tuple:
        return ("rekomendasi", self.index)

    @property
    def key(self) -> str:
        return self.rencana or self.pegawai


@dataclass(frozen=True, slots=True)
class Calibration:
    file: str
    unit: str
    tahun: int
    periode: str
    tanggal: date
    anggota: tuple[str, ...]
    rekomendasi: tuple[Recommendation, ...]


def build(file: str, d: dict) -> Calibration:
    recs = []
    for i, r in enumerate(d.get("rekomendasi", ())):
        done = r.get("diberlakukan") or {}
        recs.append(Recommendation(
            index=i,
            pegawai=r["pegawai"],
            rencana=r.get("rencana"),
            sebelum=dict(r["sebelum"]),
            rekomendasi=dict(r["rekomendasi"]),
            alasan=r["alasan"],
            diberlakukan_oleh=done.get("oleh"),
            diberlakukan_tanggal=date.fromisoformat(done["tanggal"]) if done.get("tanggal") else None,
        ))
    return Calibration(file, d["unit"], int(d["tahun"]), d["periode"], date.fromisoformat(d["tanggal"]),
                       tuple(d["anggota"]), tuple(recs))


def records(repo) -> list[Calibration]:
    """Every valid calibration record of the repository, in path order."""
    return [build(rel, data) for rel, data in repo.valid_records("calibration") if isinstance(data, dict)]


def _ratings(e) -> dict:
    return {"rating_hasil_kerja": e.rating_hasil_kerja, "rating_perilaku_kerja": e.rating_perilaku_kerja}


def _fmt(d: dict) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v.replace('_', ' ')}" for k, v in d.items())


def check_record(c, repo, rel: str) -> None:
    """Findings for one calibration record (a validation subject of its own)."""
    from kinerja.score.engine import assessment_groups

    data = repo.record(rel)
    if not isinstance(data, dict):
        return
    cal = build(rel, data)
    unit = repo.units.get(cal.unit)
    if unit is None:
        c.error(rel, ("unit",), "calibration-invalid", f"Unit “{cal.unit}” tidak ada di organisation/units/.")
        return
    if not unit.hasil_organisasi:
        c.error(rel, ("unit",), "calibration-invalid",
                f"{unit.nama} bukan kelompok penilaian (unit dengan predikat organisasi sendiri). Catat kalibrasi pada "
                "kelompok penilaiannya, yaitu unit di atasnya yang punya predikat organisasi.")
    regency = repo.regency
    tim = set(regency.tim_penilai) if regency else set()
    for i, member in enumerate(cal.anggota):
        if member not in tim:
            c.error(rel, ("anggota", i), "calibration-invalid",
                    f"{member} tidak tercatat sebagai anggota tim penilai kinerja (tim_penilai_kinerja di organisation/instansi.yml).")
    start, end = period_range(cal.tahun, cal.periode)  # a schema-valid year and period: never refused
    if cal.tanggal < end:
        c.warning(rel, ("tanggal",), "calibration-invalid",
                  f"Sidang {cal.tanggal.isoformat()} sebelum periode berakhir ({end.isoformat()}): kalibrasi meninjau evaluasi final.")
    groups = assessment_groups(repo)
    others = {}  # person -> other record naming them in the same period
    for other_rel, other in repo.valid_records("calibration", cal.tahun):
        if other_rel != rel and repo.files[other_rel].keys.get("periode") == cal.periode:
            for r in other.get("rekomendasi", ()):
                others.setdefault(r["pegawai"], other_rel)
    seen: set[str] = set()
    for r in cal.rekomendasi:
        if r.key in seen:
            c.error(rel, r.path + ("pegawai",), "calibration-invalid", f"{r.key} sudah direkomendasikan di butir lain berkas ini.")
        seen.add(r.key)
        if r.pegawai in others:
            c.error(rel, r.path + ("pegawai",), "calibration-invalid",
                    f"{r.pegawai} sudah ada di {others[r.pegawai]}: seorang pegawai hanya ada di satu catatan kalibrasi per periode.")
        person = repo.people.get(r.pegawai)
        if person is None:
            c.error(rel, r.path + ("pegawai",), "calibration-invalid", f"Pegawai “{r.pegawai}” tidak ada di organisation/people/.")
            continue
        a = person.assignment_on(end) or next(iter(person.assignments_between(start, end)[-1:]), None)
        if a is None or groups.get(a.unit) != cal.unit:
            c.error(rel, r.path + ("pegawai",), "calibration-invalid",
                    f"{r.pegawai} tidak termasuk kelompok penilaian {cal.unit} pada akhir periode.")
        eval_rel = repo.eval_paths.get((cal.tahun, cal.periode, r.key))
        e = repo.record(eval_rel) if eval_rel else None
        if e is None:
            c.error(rel, r.path + ("pegawai",), "calibration-invalid",
                    f"Evaluasi evaluations/{cal.tahun}/{cal.periode}/{r.key}.yml tidak ada atau tidak sah.")
            continue
        if e.status != "final":
            c.error(rel, r.path, "calibration-invalid", f"Evaluasi {eval_rel} belum final: kalibrasi meninjau evaluasi final.")
        actual = _ratings(e)
        wrong = {k: v for k, v in r.sebelum.items() if actual.get(k) != v}
        if wrong:
            c.error(rel, r.path + ("sebelum",), "calibration-invalid",
                    f"Rating sebelum tidak sama dengan evaluasi {eval_rel} ({_fmt({k: actual[k] or '-' for k in wrong})}). "
                    "Salin rating dari berkas evaluasi final.")
        if all(r.sebelum.get(k, actual.get(k)) == v for k, v in r.rekomendasi.items()):
            c.warning(rel, r.path + ("rekomendasi",), "calibration-invalid", "Rekomendasi sama dengan rating sebelumnya: tidak ada yang berubah.")
        if r.diberlakukan_oleh is not None and r.diberlakukan_oleh != e.pejabat_penilai:
            c.error(rel, r.path + ("diberlakukan", "oleh"), "calibration-invalid",
                    f"Rekomendasi hanya diberlakukan oleh pejabat penilai pegawai itu ({e.pejabat_penilai}), bukan {r.diberlakukan_oleh}.")


@dataclass(frozen=True, slots=True)
class Override:
    ratings: dict  # rating key -> effective value
    sumber: str  # the record's file
    jenis: str  # "kalibrasi"
    keterangan: str


def overrides(repo) -> dict[str, Override]:
    """Evaluation file -> the override an enacted recommendation gives (the calibration layer)."""
    out: dict[str, Override] = {}
    for cal in records(repo):
        for r in cal.rekomendasi:
            if r.diberlakukan_oleh is None:
                continue
            eval_rel = repo.eval_paths.get((cal.tahun, cal.periode, r.key))
            e = repo.record(eval_rel) if eval_rel else None
            if e is None or e.status != "final" or r.diberlakukan_oleh != e.pejabat_penilai:
                continue
            actual = _ratings(e)
            if any(actual.get(k) != v for k, v in r.sebelum.items()):
                continue  # the record reviewed other ratings than the file holds: validation reports it
            note = f"kalibrasi {cal.tanggal.isoformat()}, diberlakukan {r.diberlakukan_oleh}"
            out[eval_rel] = Override(dict(r.rekomendasi), cal.file, "kalibrasi", note)
    return out
