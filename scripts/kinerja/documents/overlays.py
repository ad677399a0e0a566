"""The ratings in force for an evaluation, and which record set them.

decisions.md ("Ratings after they are final"): the evaluation, then a calibration enacted
by the penilai, then a keberatan decision. Documents print the effective ratings and name
the record that set them; the scorer applies the same order (both through score/overlay.py).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from kinerja.score.overlay import Overlay

_OVERLAYS: "WeakKeyDictionary" = WeakKeyDictionary()  # repository -> its overlay, built once


def effective(repo, e) -> tuple[str | None, str | None, str]:
    """(rating hasil kerja, rating perilaku kerja, note naming the deciding record)."""
    overlay = _OVERLAYS.get(repo)
    if overlay is None:
        overlay = _OVERLAYS[repo] = Overlay(repo)
    eff = overlay.effective(e)
    changed = sorted({src for key, src in eff.sumber.items() if src != e.file and eff.ratings[key] != eff.sebelum[key]})
    note = ("rating ditetapkan oleh " + ", ".join(changed)) if changed else ""
    return eff.ratings["rating_hasil_kerja"], eff.ratings["rating_perilaku_kerja"], note
