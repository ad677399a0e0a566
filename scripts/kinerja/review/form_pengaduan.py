"""The issue form "Catat pengaduan": a complaint admin records a new complaint, or updates one
(its status history and its tindak lanjut), through the App (review/convert.py dispatches).

Who: only a person listed in `admin_pengaduan` of `organisation/instansi.yml` for the
perangkat daerah of the complaint's unit (before and after the change); anyone else gets a
clear refusal and nothing is written (check-change applies the same rule to the PR:
review/suara_authz.py).

A new complaint needs nomor, kanal, diterima, unit, layanan, kategori and ringkasan; its
history starts with `diterima` on the day received unless the form's lines say otherwise.
For an existing complaint (same nomor) only nomor is needed: a field filled in replaces the
recorded value, status lines and tindak lanjut lines are *appended* to what is recorded (the
history is never rewritten through the form). One line per entry:

    Status:        TTTT-BB-HH | status | keterangan (boleh kosong)
    Tindak lanjut: TTTT-BB-HH | id unit | uraian | tautan perubahan (boleh kosong)
    RHK/IKI:       id pegawai | id RHK | id IKI (boleh kosong)
"""

from __future__ import annotations

import re
from datetime import date

from kinerja.findings import shown
from kinerja.loader import LoadError, load_bytes
from kinerja.review import lineformat
from kinerja.review.report import md
from kinerja.review.suara_authz import COMPLAINT_ADMIN

NOMOR = re.compile(r"[0-9]{4}-[0-9A-Za-z][0-9A-Za-z-]{0,29}")
STATUS_FMT = "TTTT-BB-HH | status | keterangan"
FOLLOW_FMT = "TTTT-BB-HH | id unit | uraian | tautan perubahan"
RHK_FMT = "id pegawai | id RHK | id IKI"
SIMPLE = ("kanal", "nomor_lapor", "diterima", "unit", "layanan", "kategori", "ringkasan")
NEW_REQUIRED = ("kanal", "diterima", "unit", "layanan", "kategori", "ringkasan")
LABELS = {"kanal": "Kanal", "diterima": "Tanggal diterima", "unit": "Id unit", "layanan": "Id layanan",
          "kategori": "Kategori", "ringkasan": "Ringkasan publik"}


def _day(text: str, n: int, errors: list) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    errors.append(lineformat.LineError(n, f"tanggal {shown(text)} tidak sah; tulis TTTT-BB-HH, misalnya 2026-12-07."))
    return None


def parse_steps(text: str) -> tuple[list[dict], list]:
    errors, out = [], []
    for n, (day, status, note) in lineformat._rows(text, (2, 3), STATUS_FMT, errors):
        d = _day(day, n, errors)
        if d is None or not lineformat._id(status.replace("_", "-"), n, "status", errors):
            continue
        out.append({"status": status, "tanggal": d, **({"keterangan": note} if note else {})})
    return out, errors


def parse_follow_ups(text: str) -> tuple[list[dict], list]:
    errors, out = [], []
    for n, (day, unit, uraian, link) in lineformat._rows(text, (3, 4), FOLLOW_FMT, errors):
        d = _day(day, n, errors)
        if d is None or not lineformat._id(unit, n, "id unit", errors):
            continue
        if not uraian:
            errors.append(lineformat.LineError(n, "uraian tindak lanjut kosong: tulis apa yang dilakukan."))
            continue
        out.append({"tanggal": d, "unit": unit, "uraian": uraian, **({"perubahan": link} if link else {})})
    return out, errors


def parse_refs(text: str) -> tuple[list[dict], list]:
    errors, out = [], []
    for n, (pegawai, rhk, iki) in lineformat._rows(text, (2, 3), RHK_FMT, errors):
        if all(lineformat._id(v, n, what, errors) for v, what in ((pegawai, "id pegawai"), (rhk, "id RHK"))) and \
                (not iki or lineformat._id(iki, n, "id IKI", errors)):
            out.append({"pegawai": pegawai, "rhk": rhk, **({"iki": iki} if iki else {})})
    return out, errors


def _pd(conv, unit_id) -> str | None:
    u = conv.repo.units.get(unit_id) if isinstance(unit_id, str) else None
    return u.pd if u is not None else None


def convert(conv, out, v: dict, person, issue: int, login: str) -> None:
    """Fill `out` (review/convert.Outcome): the complaint file, or the problems."""
    from kinerja.review.convert import _line_problems

    p = out.problems
    nomor = (v.get("nomor") or "").strip()
    if not NOMOR.fullmatch(nomor):
        p.append(f"Bagian «Nomor pengaduan» berisi {shown(nomor)}: tulis nomor pengaduan kabupaten, diawali tahun, "
                 "misalnya 2026-0006 (bukan nomor pelacakan SP4N-LAPOR!).")
        return
    steps, errs = parse_steps(v.get("riwayat", ""))
    p += _line_problems("Status baru", errs)
    follow, errs = parse_follow_ups(v.get("tindak_lanjut", ""))
    p += _line_problems("Tindak lanjut baru", errs)
    refs, errs = parse_refs(v.get("rhk", ""))
    p += _line_problems("RHK/IKI terkait", errs)
    found = [rel for rel in conv.repo.files if rel.startswith("complaints/") and rel.rsplit("/", 1)[1] == f"{nomor}.yml"]
    old = None
    if found:
        try:
            old = load_bytes((conv.root / found[0]).read_bytes()).data
        except (OSError, LoadError):
            old = None
        if not isinstance(old, dict):
            p.append(f"Pengaduan {nomor} ({found[0]}) tidak terbaca; minta admin BKPSDM memperbaikinya dulu.")
            return
    else:
        missing = [LABELS[k] for k in NEW_REQUIRED if not (v.get(k) or "").strip()]
        if missing:
            p.append(f"Pengaduan {nomor} belum tercatat: untuk pengaduan baru isi juga " + ", ".join(f"«{m}»" for m in missing) + ".")
    if p:
        return
    data = dict(old) if old is not None else {"versi_format": 1, "nomor": nomor}
    for key in SIMPLE:
        value = (v.get(key) or "").strip()
        if value:
            data[key] = value
    if old is None:
        data["riwayat"] = steps if steps and steps[0]["status"] == "diterima" else [
            {"status": "diterima", "tanggal": data["diterima"]}, *steps]
    else:
        data["riwayat"] = list(old.get("riwayat") or []) + steps
    if follow:
        data["tindak_lanjut"] = list(data.get("tindak_lanjut") or []) + follow
    if refs:
        data["rhk"] = list(data.get("rhk") or []) + [r for r in refs if r not in (data.get("rhk") or [])]
    if not (steps or follow or refs or any((v.get(k) or "").strip() for k in SIMPLE)):
        p.append(f"Formulir ini tidak mengubah apa pun pada pengaduan {nomor}: isi status, tindak lanjut, atau kolom yang diperbaiki.")
        return
    # the role: admin_pengaduan of the perangkat daerah of the complaint's unit, before and after
    admins = conv.repo.regency.complaint_admins
    pds = {_pd(conv, doc.get("unit")) for doc in (old, data) if isinstance(doc, dict)}
    if None in pds:
        unit = data.get("unit")
        p.append(f"Unit {shown(str(unit))} tidak ada di organisation/units/: tulis id unit layanan yang diadukan.")
        return
    refused = sorted(pd for pd in pds if person.id not in admins.get(pd, ()))
    if refused:
        listed = "; ".join(f"{pd}: {', '.join(admins.get(pd, ())) or 'belum ada'}" for pd in refused)
        p.append(f"Anda ({person.id}) bukan admin pengaduan perangkat daerah {', '.join(refused)}, jadi formulir ini tidak "
                 f"dapat mencatat pengaduan {nomor}. Yang tercatat sebagai {COMPLAINT_ADMIN} di organisation/instansi.yml: "
                 f"{listed}. Teruskan pengaduan kepada mereka, atau minta admin BKPSDM menambahkan Anda.")
        return
    try:
        year = date.fromisoformat(str(data.get("diterima"))).year
    except ValueError:
        p.append(f"Bagian «Tanggal diterima» berisi {shown(str(data.get('diterima')))}; tulis TTTT-BB-HH.")
        return
    rel = found[0] if found else f"complaints/{year}/{nomor}.yml"
    conv._write(out, rel, data, ["# yaml-language-server: $schema=../../schemas/complaint.schema.json",
                                 f"# Pengaduan dari isu #{issue} (formulir Catat pengaduan) oleh kinerja form.",
                                 "# nomor_lapor (bila ada) RAHASIA: tidak pernah terbit di situs publik."])
    if out.ok:
        out.pull_request = True
        verb = "diperbarui" if old is not None else "dicatat"
        out.title = f"Pengaduan {nomor} {verb} (dari isu #{issue})"
        out.pr_body = conv._pr_body(issue, login, rel,
                                    f"Pengaduan {md(nomor)} {verb} oleh admin pengaduan {conv.mention(person.id)}; usulan ini "
                                    "digabung bila pemeriksaan lolos. Ringkasan, riwayat status dan tindak lanjut terbit di "
                                    "halaman layanannya setelah situs dibangun ulang; nomor LAPOR tidak pernah terbit.")
