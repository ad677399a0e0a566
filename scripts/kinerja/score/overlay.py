"""Effective ratings after they are final (decisions.md, "Ratings after they are final").

A final evaluation is never edited to change a rating. Records that change ratings are
applied in a fixed order over the evaluation:

    the evaluation -> a calibration enacted by the penilai -> a keberatan decision (final)

Each kind of record is one layer, `repo -> {evaluation file: Layer override}`, registered in
LAYERS under its kind; the order of application is ORDER, never the order of registration.
Every effective rating names the record that set it. Two views of the same layers:

- `effective(repo, e)`: one evaluation (the scorer, the PR digest, the documents), with the
  per-RHK ratings;
- `Overlay(repo).effective(e)`: many evaluations read from cached facts (career, fairness).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

ORDER = ("kalibrasi", "keberatan")
OVERALL = ("rating_hasil_kerja", "rating_perilaku_kerja")
RATING_KEYS = OVERALL


@dataclass(frozen=True, slots=True)
class LayerOverride:
    ratings: dict  # rating key ("rating_hasil_kerja", "rating_perilaku_kerja", "rhk:<id>") -> value
    sumber: str  # the record's file
    jenis: str  # "kalibrasi" or "keberatan"
    keterangan: str = ""


def keberatan_layer(repo) -> dict[str, LayerOverride]:
    """Evaluation file -> the keberatan decision on it (`diubah` only; `tetap` changes nothing)."""
    from kinerja.model.keberatan import objection_record

    out: dict[str, LayerOverride] = {}
    for rel, data in repo.valid_records("objection"):
        if not isinstance(data, dict):
            continue
        entry = repo.files[rel]
        o = objection_record(rel, data)
        k = o.keputusan
        if k is None or k.hasil != "diubah":
            continue
        ratings = {t: v for t, v in (("rating_hasil_kerja", k.rating_hasil_kerja), ("rating_perilaku_kerja", k.rating_perilaku_kerja)) if v}
        ratings.update({f"rhk:{rhk}": rating for rhk, rating in k.rhk})
        out[f"evaluations/{entry.keys['tahun']}/{entry.keys['periode']}/{rel.rsplit('/', 1)[1]}"] = LayerOverride(
            ratings, rel, "keberatan", "keputusan keberatan (PP 30/2019 Pasal 59)")
    return out


def calibration_layer(repo) -> dict[str, LayerOverride]:
    from kinerja.score import calibration

    return {rel: LayerOverride(dict(o.ratings), o.sumber, o.jenis, o.keterangan) for rel, o in calibration.overrides(repo).items()}


LAYERS = {"kalibrasi": calibration_layer, "keberatan": keberatan_layer}

_BUILT: "WeakKeyDictionary" = WeakKeyDictionary()  # repository -> its layers, built once


def _layers(repo) -> list[dict[str, LayerOverride]]:
    try:
        built = _BUILT.get(repo)
    except TypeError:  # not weak-referenceable: build every time
        built = None
    if built is None:
        built = [LAYERS[kind](repo) for kind in ORDER if kind in LAYERS]
        try:
            _BUILT[repo] = built
        except TypeError:
            pass
    return built


# --- one evaluation -----------------------------------------------------------------------------


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


def effective(repo, e, before: str | None = None) -> Effective:
    """The ratings in force; `before` (a kind of ORDER) stops ahead of that layer, e.g. the
    ratings a keberatan decision changed."""
    out = Effective(e.rating_hasil_kerja, e.rating_perilaku_kerja, {r.rhk: r.rating for r in e.ratings})
    for t in OVERALL:
        out.sources[t] = e.file
    for rhk in out.rhk:
        out.sources[f"rhk:{rhk}"] = e.file
    if e.status != "final":
        return out
    for kind, layer in zip([k for k in ORDER if k in LAYERS], _layers(repo)):
        if kind == before:
            break
        o = layer.get(e.file)
        if o is None:
            continue
        for target, rating in o.ratings.items():
            if target in OVERALL:
                setattr(out, target, rating)
            else:
                out.rhk[target[4:]] = rating
            out.sources[target] = o.sumber
    return out


# --- many evaluations from facts ----------------------------------------------------------------


@dataclass
class Layered:
    ratings: dict  # rating key -> effective value
    sumber: dict  # rating key -> file of the record that set it (the evaluation itself if unchanged)
    sebelum: dict  # rating key -> value in the evaluation file
    diterapkan: list = field(default_factory=list)  # the overrides applied, in order

    @property
    def changed(self) -> bool:
        return any(self.ratings[k] != self.sebelum[k] for k in RATING_KEYS)


class Overlay:
    """The overall ratings of many evaluations (anything with file, status and the two ratings)."""

    def __init__(self, repo, layers: list | None = None):
        self.layers = _layers(repo) if layers is None else [f(repo) for f in layers]

    def effective(self, e) -> Layered:
        original = {"rating_hasil_kerja": e.rating_hasil_kerja, "rating_perilaku_kerja": e.rating_perilaku_kerja}
        out = Layered(dict(original), {k: e.file for k in RATING_KEYS}, original)
        if e.status != "final":
            return out
        for layer in self.layers:
            o = layer.get(e.file)
            if o is None:
                continue
            for k, v in o.ratings.items():
                if k in out.ratings:
                    out.ratings[k] = v
                    out.sumber[k] = o.sumber
            out.diterapkan.append(o)
        return out
