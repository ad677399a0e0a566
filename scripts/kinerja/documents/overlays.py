"""The ratings in force for an evaluation, and which record set them.

decisions.md ("Ratings after they are final"): the evaluation, then a calibration enacted
by the penilai, then a keberatan decision. Documents print the effective ratings — the two
overall ratings and every RHK's — and name the record that set them; the one
implementation is score/overlay.py, which the scorer uses.
"""

from __future__ import annotations


def in_force(repo, e):
    """(score.overlay.Effective, note naming the records other than the evaluation that set a rating)."""
    from kinerja.score import overlay

    eff = overlay.effective(repo, e)
    others = sorted({v for v in eff.sources.values() if v != e.file})
    note = ("Rating ditetapkan oleh " + ", ".join(others) + ".") if others else ""
    return eff, note


def effective(repo, e) -> tuple[str | None, str | None, str]:
    """(rating hasil kerja, rating perilaku kerja, note naming the deciding record)."""
    eff, note = in_force(repo, e)
    return eff.rating_hasil_kerja, eff.rating_perilaku_kerja, note
