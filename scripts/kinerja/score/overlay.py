"""Effective ratings after they are final (decisions.md, "Ratings after they are final").

A final evaluation is never edited to change a rating. Records that change ratings are
applied in a fixed order over the evaluation: calibration (enacted by the penilai), then the
keberatan decision (final, PP 30/2019 Pasal 59). Each kind of record contributes through one
function `(repo, evaluation) -> list[Override]`, registered in SOURCES under its kind; the
order of application is ORDER, never the order of registration. Every effective rating
names the record that set it.

Seam for calibration records (calibrations/<tahun>/<periode>/<unit>.yml): add a function
returning the overrides of the penilai's enacted calibration and register it as
`SOURCES["kalibrasi"] = calibration_overrides`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ORDER = ("kalibrasi", "keberatan")
OVERALL = ("rating_hasil_kerja", "rating_perilaku_kerja")


@dataclass(frozen=True, slots=True)
class Override:
    target: str  # "rating_hasil_kerja", "rating_perilaku_kerja" or "rhk:<id>"
    rating: str
    source: str  # the record's file


@dataclass
class Effective:
    rating_hasil_kerja: str | None
    rating_perilaku_kerja: str | None
    rhk: dict[str, str | None]
    sources: dict[str, str] = field(default_factory=dict)  # target -> the file that set it

    def rating(self, target: str) -> str | None:
        if target in OVERALL:
            return getattr(self, target)
        return self.rhk.get(target[4:])


def keberatan_overrides(repo, e) -> list[Override]:
    """The keberatan decision on this evaluation (`diubah` only; `tetap` changes nothing)."""
    from kinerja.model.keberatan import objection_record

    rel = f"objections/{e.tahun}/{e.periode}/{e.key}.yml"
    data = repo.record(rel) if rel in repo.files else None
    if not isinstance(data, dict):
        return []
    o = objection_record(rel, data)
    k = o.keputusan
    if k is None or k.hasil != "diubah":
        return []
    out = [Override(t, v, rel) for t, v in (("rating_hasil_kerja", k.rating_hasil_kerja),
                                             ("rating_perilaku_kerja", k.rating_perilaku_kerja)) if v]
    return out + [Override(f"rhk:{rhk}", rating, rel) for rhk, rating in k.rhk]


SOURCES = {"keberatan": keberatan_overrides}


def effective(repo, e) -> Effective:
    out = Effective(e.rating_hasil_kerja, e.rating_perilaku_kerja, {r.rhk: r.rating for r in e.ratings})
    for t in OVERALL:
        out.sources[t] = e.file
    for rhk in out.rhk:
        out.sources[f"rhk:{rhk}"] = e.file
    for kind in ORDER:
        fn = SOURCES.get(kind)
        for ov in fn(repo, e) if fn else ():
            if ov.target in OVERALL:
                setattr(out, ov.target, ov.rating)
            else:
                out.rhk[ov.target[4:]] = ov.rating
            out.sources[ov.target] = ov.source
    return out
