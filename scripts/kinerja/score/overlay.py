"""Effective ratings of final evaluations: the records that change a rating after it is
final, applied in the fixed order of decisions.md ("Ratings after they are final"):

    the evaluation -> a calibration enacted by the penilai -> a keberatan decision (final)

Each layer is a function `repo -> {evaluation file: override}`; an override has `ratings`
(rating key -> value), `sumber` (the record's file), `jenis` and `keterangan`. A later layer
wins for the ratings it sets. The result names, for every rating, the record that set it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RATING_KEYS = ("rating_hasil_kerja", "rating_perilaku_kerja")


def layer_functions() -> list:
    """The layers in order. The keberatan layer (objections) goes after the calibration."""
    from kinerja.score import calibration

    return [calibration.overrides]


@dataclass
class Effective:
    ratings: dict  # rating key -> effective value
    sumber: dict  # rating key -> file of the record that set it (the evaluation itself if unchanged)
    sebelum: dict  # rating key -> value in the evaluation file
    diterapkan: list = field(default_factory=list)  # the overrides applied, in order

    @property
    def changed(self) -> bool:
        return any(self.ratings[k] != self.sebelum[k] for k in RATING_KEYS)


class Overlay:
    def __init__(self, repo, layers: list | None = None):
        self.layers = [f(repo) for f in (layer_functions() if layers is None else layers)]

    def effective(self, e) -> Effective:
        original = {"rating_hasil_kerja": e.rating_hasil_kerja, "rating_perilaku_kerja": e.rating_perilaku_kerja}
        out = Effective(dict(original), {k: e.file for k in RATING_KEYS}, original)
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
