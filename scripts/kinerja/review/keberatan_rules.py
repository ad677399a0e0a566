"""Writer rules of a keberatan file (objections/<tahun>/<periode>/<stem>.yml) for check-change.

* the rated employee files it (creates the file: `diajukan` and the `pemutus` the rules name),
  within `keberatan_hari` calendar days of the evaluation becoming final on main (day 0 = the
  merge, regency time zone), never for someone else;
* the decider (model/keberatan.decider, the same function everywhere) records the request for
  explanations (`penjelasan`) and the decision (`keputusan`); a recorded decision is final;
* admins correct data errors with another admin's approval.
No approval is needed for the employee's filing or the decider's decision: the decision is
final (PP 30/2019 Pasal 59), and the gate merges when the checks pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kinerja.findings import shown
from kinerja.loader import LoadError, load_bytes
from kinerja.model.calendar import period_range
from kinerja.model.keberatan import decider
from kinerja.review import facts, gitrev

EMPLOYEE_KEYS = frozenset({"versi_format", "pegawai", "tahun", "periode", "pemutus", "diajukan"})
DECIDER_KEYS = frozenset({"penjelasan", "keputusan"})


def _base_evaluation(d, rel: str):
    try:
        entries = gitrev.tree(d.root, d.base, rel.rsplit("/", 1)[0])
    except gitrev.GitError:
        return None
    entry = entries.get(rel)
    if entry is None or not entry.is_regular:
        return None
    raw = gitrev.read_blobs(d.root, [entry.sha]).get(entry.sha)
    try:
        data = load_bytes(raw).data if raw is not None else None
    except LoadError:
        return None
    return data if isinstance(data, dict) else None


def _changed_keys(before, after) -> set[str]:
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    return {k for k in set(a) | set(b) if a.get(k, _MISSING) != b.get(k, _MISSING)}


_MISSING = object()


@dataclass(frozen=True)
class Window:
    """The filing window of a keberatan: day 0 is the day the evaluation became final on main."""

    final_day: date | None
    last_day: date | None
    days: int
    problem: str | None  # why a filing on the given day is refused (None: on time)


def filing_window(root: Path, rev: str, rel: str, reg, filed: date) -> Window:
    """The one rule for filing on time, used by the form conversion and check-change: within
    `keberatan_hari` calendar days of the day (regency time zone) the evaluation became final."""
    days = reg.deadlines["keberatan_hari"]
    try:
        since = facts.final_since(root, rel, rev)
    except facts.FactsUnavailable:
        since = None
    if since is None:
        return Window(None, None, days, f"Tanggal evaluasi {rel} menjadi final tidak ditemukan di riwayat main; hubungi admin BKPSDM.")
    final_day = since.day(reg.zona_waktu)
    last = final_day + timedelta(days=days)
    problem = None
    if filed > last:
        problem = (f"Keberatan tidak dapat diterima: evaluasi ini menjadi final pada {final_day.isoformat()} dan batas "
                   f"pengajuan {days} hari kalender berakhir {last.isoformat()}, sedangkan keberatan ini diajukan "
                   f"{filed.isoformat()}.")
    elif filed < final_day:
        problem = f"Tanggal pengajuan {filed.isoformat()} lebih awal dari tanggal evaluasi menjadi final ({final_day.isoformat()})."
    return Window(final_day, last, days, problem)


def filing_problem(d, keys: dict, filed: date) -> str | None:
    """Why the rated employee may not file on `filed` (None: she may)."""
    rel = f"evaluations/{keys['tahun']}/{keys['periode']}/{keys['pegawai']}" + (f".{keys['mulai']}" if keys.get("mulai") else "") + ".yml"
    ev = _base_evaluation(d, rel)
    if ev is None or ev.get("status") != "final":
        return f"Evaluasi {rel} belum final di main: keberatan hanya atas evaluasi yang sudah final."
    w = filing_window(d.root, d.base, rel, d.reg, filed)
    if w.problem:
        return w.problem
    if filed > d.today:
        return f"Tanggal pengajuan {filed.isoformat()} tidak mungkin: isi tanggal hari pengajuan."
    return None


UNREADABLE = ("isi berkas keberatan tidak terbaca",
              "Isi berkas keberatan tidak dapat dibaca; perbaiki dulu kesalahan yang dilaporkan validasi.")


def decide(d, path: str, keys: dict, rng, before, after):
    from kinerja.review.authz import ADMIN, OWNER, Decision

    person = keys["pegawai"]
    bad = d._mismatch(path, after, "pegawai", person)
    if bad:
        return bad
    bad = d._unreadable(path, before, after, UNREADABLE)
    if bad:
        return bad
    changed = _changed_keys(before, after)
    if before is None and d.me == person and after is not None and changed <= EMPLOYEE_KEYS:
        filed = after.get("diajukan", {}).get("tanggal") if isinstance(after.get("diajukan"), dict) else None
        try:
            filed_day = date.fromisoformat(str(filed))
        except ValueError:
            return d._refuse(path, "keberatan-terlambat", "Tanggal pengajuan (diajukan.tanggal) tidak sah.")
        problem = filing_problem(d, keys, filed_day)
        if problem:
            return d._refuse(path, "keberatan-terlambat", problem)
        end = min(period_range(int(keys["tahun"]), keys["periode"])[1], rng[1])
        ev = _base_evaluation(d, f"evaluations/{keys['tahun']}/{keys['periode']}/{path.rsplit('/', 1)[1]}") or {}
        who = decider(d.org, d.reg, person, ev.get("pejabat_penilai"), end, filed_day)
        if after.get("pemutus") != who.person:
            return d._refuse(path, "keberatan-pemutus",
                             f"Pemutus keberatan menurut aturan adalah {who.person or '(tidak ada)'}, bukan "
                             f"{shown(after.get('pemutus'))}: {who.explanation}")
        return Decision(path, True, "authz-allowed",
                        f"Keberatan pegawai atas evaluasinya sendiri, diajukan tepat waktu; diputus oleh {who.person}.", OWNER)
    pemutus = before.get("pemutus") if isinstance(before, dict) else None
    if before is not None and d.me is not None and d.me == pemutus and after is not None and changed <= DECIDER_KEYS:
        if isinstance(before, dict) and before.get("keputusan") is not None and "keputusan" in changed:
            return d._refuse(path, "authz-locked", "Keputusan keberatan sudah dicatat dan bersifat final; koreksi hanya oleh admin.")
        return Decision(path, True, "authz-allowed", "Pemutus keberatan mencatat permintaan penjelasan atau keputusan.", "pemutus_keberatan")
    if d.is_admin:
        return d._admin(path, "berkas keberatan")
    if d.me == person:
        if before is not None:
            return d._refuse(path, "keberatan-pemutus",
                             "Keberatan yang sudah diajukan tidak diubah pegawai; penjelasan dan keputusan dicatat pemutus. "
                             "Sampaikan tambahan penjelasan sebagai komentar di isu keberatan.")
        return d._refuse(path, "keberatan-bukan-pegawai", "Pengajuan keberatan hanya berisi bagian diajukan (penjelasan dan keputusan diisi pemutus).")
    if before is None:
        return d._refuse(path, "keberatan-bukan-pegawai",
                         f"Keberatan atas evaluasi {person} hanya diajukan oleh pegawai itu sendiri.")
    return d._refuse(path, "keberatan-pemutus", f"Hanya pemutus keberatan ({shown(pemutus)}) yang mencatat penjelasan dan keputusan.")
