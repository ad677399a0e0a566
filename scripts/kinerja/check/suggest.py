"""The closest valid choices for a link up the cascade that does not resolve.

A staff member who writes `rhk-1` (no supervisor), a supervisor RHK that does not exist, or
the RHK of someone who is not her penilai is answered with the RHK she can link to, each
named by id **and** text: "Maksud Anda dinkes-0011/rhk-2 — «Meningkatnya cakupan imunisasi
…»?". The supervisor is the derived pejabat penilai (`model/org.py`) who rates the RHK's own
span of the plan (`penilai_for_period`), never guessed from the written id. A head of a
perangkat daerah is offered the sasaran of her perangkat daerah instead.

Ranking, best first: the RHK id she wrote (the part after the last `/`), then the words her
own RHK shares with the choice's text, then the likeness of the ids, then the order in the
supervisor's plan. The same sentences serve `kinerja validate` and the issue forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from kinerja.findings import shown
from kinerja.model.calendar import period_range

_PERIOD = re.compile(r"triwulan_[1-4]|bulan_(?:0[1-9]|1[0-2])")

LIMIT = 3  # choices named in one message
TEXT_MAX = 90  # characters of a choice's text quoted in a message
_WORD = re.compile(r"[a-z0-9]{3,}")
# words every RHK has; sharing them says nothing about meaning
_COMMON = frozenset("""
    yang dan untuk dengan dari pada dalam atau oleh serta bagi secara sesuai kabupaten batang hari
    meningkatnya terlaksananya tersedianya terwujudnya tercapainya terselenggaranya meningkatkan
    jumlah persentase kegiatan layanan pelayanan
""".split())


@dataclass(frozen=True)
class Choice:
    link: str  # what to write: "dinkes-0011/rhk-2" (intervensi) or "ss-1" (sasaran)
    uraian: str

    def shown(self) -> str:
        return f"{self.link} — «{shown(' '.join(self.uraian.split()), TEXT_MAX)[1:-1]}»"


@dataclass(frozen=True)
class Options:
    kind: str  # "intervensi" (link to a supervisor RHK) or "sasaran" (a head of perangkat daerah)
    supervisor: str | None  # the penilai whose RHK are offered (None: none derived, or a head of PD)
    choices: tuple[Choice, ...]
    why_none: str  # when there is nothing to offer: why, and what to do


def span(tahun: int, start: date, end: date, berlaku_mulai: str | None, berlaku_sampai: str | None) -> tuple[date, date]:
    """The days of a plan an RHK is in force (its berlaku_mulai/sampai clipped to the plan)."""
    if berlaku_mulai:
        start = max(start, period_range(tahun, berlaku_mulai)[0])
    if berlaku_sampai:
        end = min(end, period_range(tahun, berlaku_sampai)[1])
    return start, max(start, end)


def options(repo, org, person_id: str, tahun: int, start: date, end: date) -> Options:
    """What an RHK of `person_id` in force on [start, end] of year `tahun` may link to."""
    heads = org.heads_pd(person_id, start, end)
    if heads:
        found = [g for u in heads if (gs := repo.goals.get((u, tahun))) for g in gs.goals]
        why = "" if found else f"sasaran organisasi {heads[0]} tahun {tahun} (organisation/goals/{tahun}/{heads[0]}.yml) belum ada."
        return Options("sasaran", None, tuple(Choice(g.id, g.uraian) for g in found), why)
    boss = org.penilai_for_period(person_id, start, end)
    if boss is None:
        return Options("intervensi", None, (), "data organisasi tidak menunjukkan pejabat penilai Anda pada tanggal itu; hubungi admin.")
    plans = [bp for bp in repo.plans_of(boss, tahun) if bp.mulai <= end and start <= bp.selesai]
    found = []
    for bp in plans:
        for r in bp.rhk:
            r_start, r_end = span(tahun, bp.mulai, bp.selesai, r.berlaku_mulai, r.berlaku_sampai)
            if r_start <= end and start <= r_end:
                found.append(Choice(f"{boss}/{r.id}", r.uraian))
    why = "" if found else f"rencana {boss} (pejabat penilai Anda) tahun {tahun} belum ada; tautkan setelah rencana itu terbit."
    return Options("intervensi", boss, tuple(dict.fromkeys(found)), why)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _COMMON}


def rank(choices, written: str, own_text: str) -> list[Choice]:
    """Best first: the local id written (when written bare or with this supervisor: `rhk-1` of
    someone else says nothing about this plan), shared words with `own_text`, likeness of the
    ids, plan order."""
    boss, _, local = (written or "").strip().lower().rpartition("/")
    mine = _words(own_text)

    def key(item):
        i, c = item
        c_boss, _, cid = c.link.rpartition("/")
        same = cid == local and (not boss or boss == c_boss)
        shared = len(mine & _words(c.uraian))
        return (not same, -shared, -SequenceMatcher(None, local, cid).ratio() if same or not boss else 0, i)

    return [c for _, c in sorted(enumerate(choices), key=key)]


def sentence(opts: Options, written: str, own_text: str, written_key: str | None = None) -> str:
    """"Maksud Anda X — «…»? Pilihan lain: Y — «…»; Z — «…»." (or why there is no choice).
    The YAML key is named when the choice needs another key than `written_key` (None: the
    reader writes no key, as in the forms' link column)."""
    if not opts.choices:
        return opts.why_none[:1].upper() + opts.why_none[1:] if opts.why_none else ""
    ranked = rank(opts.choices, written, own_text)[:LIMIT]
    key = "" if written_key is None or written_key == opts.kind else f"{opts.kind}: "
    if not (written or "").strip():  # nothing written: offer, do not guess
        return f"Pilihan terdekat: {key}" + "; ".join(c.shown() for c in ranked) + "."
    first = f"Maksud Anda {key}{ranked[0].shown()}?"
    if len(ranked) == 1:
        return first
    return first + " Pilihan lain: " + "; ".join(c.shown() for c in ranked[1:]) + "."


def for_rhk(repo, org, person_id: str, tahun: int, start: date, end: date, rhk, written: str,
            written_key: str = "intervensi") -> tuple[Options, str]:
    """Options and the sentence for one RHK record (its span, its own text)."""
    s, e = span(tahun, start, end, rhk.berlaku_mulai, rhk.berlaku_sampai)
    opts = options(repo, org, person_id, tahun, s, e)
    return opts, sentence(opts, written, rhk.uraian, written_key)


# --- a link the schema refused (a bare "rhk-1", "Dinkes-0011 / RHK-1") ---------------------------

_REFUSED_LINK = re.compile(r"^/hasil_kerja/(\d+)/(intervensi|sasaran)$")


def _plan_facts(data, index: int):
    """(pegawai, tahun, start, end, rhk dict) from a plan the schema refused, or None."""
    try:
        pid, tahun, rhk = data["pegawai"], int(data["tahun"]), data["hasil_kerja"][index]
        start = date.fromisoformat(str(data.get("periode", {}).get("mulai", f"{tahun}-01-01")))
        end = date.fromisoformat(str(data.get("periode", {}).get("selesai", f"{tahun}-12-31")))
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    if not isinstance(pid, str) or not isinstance(rhk, dict) or start > end:
        return None
    return pid, tahun, start, end, rhk


def refused_link_hint(repo, org, data, index: int, written, key: str = "intervensi") -> str:
    """The choices for hasil_kerja[index] of a plan (raw data) whose link the schema refused."""
    facts = _plan_facts(data, index)
    if facts is None or not isinstance(written, str):
        return ""
    pid, tahun, start, end, rhk = facts
    if pid not in repo.people:
        return ""
    berlaku = [v if isinstance(v := rhk.get(k), str) and _PERIOD.fullmatch(v) else None for k in ("berlaku_mulai", "berlaku_sampai")]
    s, e = span(tahun, start, end, *berlaku)
    opts = options(repo, org, pid, tahun, s, e)
    uraian = rhk.get("uraian") if isinstance(rhk.get("uraian"), str) else ""
    text = sentence(opts, written, uraian, key)
    if opts.kind == "sasaran" and text:
        return "Sebagai kepala perangkat daerah, acu sasaran organisasi dengan kunci sasaran. " + text
    return text


def enrich(repo, findings: list, org_of) -> list:
    """Findings with the choices added to each refused link of a plan. `org_of()` gives the
    organisation index (built only when such a finding exists)."""
    from dataclasses import replace

    from kinerja.loader import LoadError, load_bytes

    todo = [f for f in findings if f.code == "schema-pattern" and _REFUSED_LINK.match(f.pointer)
            and (e := repo.files.get(f.file)) is not None and e.kind == "plan"]
    if not todo:
        return findings
    org = org_of()
    data_of: dict = {}
    out = []
    done = {id(f): f for f in todo}
    for f in findings:
        if id(f) not in done:
            out.append(f)
            continue
        if f.file not in data_of:
            try:
                data_of[f.file] = load_bytes((repo.root / f.file).read_bytes()).data
            except (OSError, LoadError):
                data_of[f.file] = None
        index = int(_REFUSED_LINK.match(f.pointer).group(1))
        data = data_of[f.file]
        written = None
        try:
            written = data["hasil_kerja"][index][_REFUSED_LINK.match(f.pointer).group(2)]
        except (KeyError, IndexError, TypeError):
            pass
        key = _REFUSED_LINK.match(f.pointer).group(2)
        hint = refused_link_hint(repo, org, data, index, written, key) if isinstance(data, dict) else ""
        if not hint or written is None:
            out.append(f)
        elif f.pointer.endswith("/intervensi"):
            out.append(replace(f, message=f"{shown(written)} bukan tautan RHK atasan: tulis <id-atasan>/<id-rhk>. {hint}"))
        else:
            out.append(replace(f, message=f"{shown(written)}: {f.message} {hint}"))
    return out
