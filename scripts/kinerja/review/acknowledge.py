"""The employee's acknowledgement ("tanda sudah membaca") of a final evaluation: after the
merge, never blocking, recorded in git by the App (decisions.md, "Facts live in git").

Two ways in, one rule: the form "Tanda sudah membaca", or a comment on the merged rating PR
whose first line is the command `/sudah-membaca` (an optional response may follow on the same
line or the next lines). Only the rated employee (numeric account id) acknowledges, and only
a final evaluation. The result is a fact (a dict) plus the git trailers the App writes on the
commit that records it; recording is the App's job (review/facts.py, owned by the gate).
"""

from __future__ import annotations

import re
from datetime import date

from kinerja.findings import shown

COMMAND = "/sudah-membaca"
MAX_RESPONSE = 2000
_COMMAND_LINE = re.compile(r"\s*/sudah-membaca(?:[ \t]+(?P<rest>.*))?\s*")


def parse_command(body: str) -> tuple[bool, str]:
    """(is it the command?, the response text). Only a first line that is the command counts:
    quoting someone else's command further down does nothing."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    m = _COMMAND_LINE.fullmatch(lines[0]) if lines else None
    if not m:
        return False, ""
    response = "\n".join([m.group("rest") or "", *lines[1:]]).strip()
    return True, response


def acknowledgement(repo, rel: str, person, day: date, tanggapan: str = "", issue: int | None = None,
                    pr: int | None = None) -> tuple[dict | None, str | None]:
    """(fact, None) when `person` may acknowledge evaluation `rel` on `day`; (None, why) otherwise."""
    e = repo.record(rel)
    if e is None:
        return None, f"Evaluasi {shown(rel)} tidak ditemukan di main."
    if person is None or e.pegawai != person.id:
        return None, "Tanda sudah membaca hanya diberikan pegawai yang dinilai, atas evaluasinya sendiri."
    if e.status != "final":
        return None, "Evaluasi itu belum final: tanda sudah membaca diberikan sesudah penilaian final digabung."
    if len(tanggapan) > MAX_RESPONSE:
        return None, f"Tanggapan lebih dari {MAX_RESPONSE} karakter; ringkas tanggapan Anda."
    fact = {"jenis": "sudah_membaca", "evaluasi": rel, "pegawai": person.id, "akun_id": person.github_id,
            "tanggal": day.isoformat(), "tanggapan": tanggapan or None, "isu": issue, "usulan": pr}
    return fact, None


def trailers(fact: dict) -> list[str]:
    """Git trailer lines for the commit that records the fact (values are ids and dates only;
    the response text goes into the recorded file, never into a trailer)."""
    return [f"Kinerja-Sudah-Membaca: {fact['evaluasi']}", f"Kinerja-Pegawai: {fact['pegawai']}",
            f"Kinerja-Akun-Id: {fact['akun_id']}", f"Kinerja-Tanggal: {fact['tanggal']}"]
