"""What the pejabat penilai sees in an evaluation PR (the sticky comment, private to the
repository's members): for the evaluated person's RHK/IKI that answer for a service, that
period's complaints about the service and the survey result. Plain JSON-able values."""

from __future__ import annotations

from datetime import date

from kinerja.layout import classify
from kinerja.model.calendar import period_range
from kinerja.suara import chain
from kinerja.suara import load as L
from kinerja.suara.deadlines import first_response
from kinerja.suara.summary import survey_result


def _overlaps(a0: date, a1: date, b0: date, b1: date) -> bool:
    return a0 <= b1 and b0 <= a1


def for_evaluations(repo, files: list[str], org=None) -> list[dict]:
    rules = L.rules(repo)
    if rules is None:
        return []
    cal = L.calendar(repo, rules)
    out = []
    for rel in files:
        c = classify(rel)
        if c is None or c.kind.name != "evaluation":
            continue
        year, periode, person = int(c.keys["tahun"]), c.keys["periode"], c.keys["pegawai"]
        start, end = period_range(year, periode)
        links = chain.services_of(repo, person, year)
        if not links:
            continue
        complaints = L.complaints(repo, year)
        surveys = L.surveys(repo, year)
        for (unit, layanan), ref in links:
            u = repo.units.get(unit)
            sv = next((s for s in u.layanan if s.id == layanan), None) if u else None
            items = []
            for k in sorted((k for k in complaints if k.unit == unit and k.layanan == layanan and start <= k.diterima <= end), key=lambda k: k.nomor):
                st = rules.status.get(k.status)
                items.append({
                    "nomor": k.nomor,
                    "diterima": k.diterima.isoformat(),
                    "kategori": rules.kategori.get(k.kategori, k.kategori),
                    "status": st.nama if st else k.status,
                    "hari_tanggapan": first_response(k, cal),
                    "tindak_lanjut": [t.uraian for t in k.tindak_lanjut],
                })
            survey = None
            for s in sorted(surveys, key=lambda s: s.file):
                nama, a, b = rules.survey_periods.get(s.periode, (None, None, None))
                if s.unit == unit and s.layanan in (layanan, None) and a and _overlaps(
                        date.fromisoformat(f"{year}-{a}"), date.fromisoformat(f"{year}-{b}"), start, end):
                    r = survey_result(s, rules)
                    if r is not None:
                        survey = {"periode": nama, **r}
            out.append({
                "file": rel,
                "pegawai": person,
                "rhk": ref.rhk,
                "iki": ref.iki,
                "unit": unit,
                "unit_nama": u.nama if u else unit,
                "layanan": sv.nama if sv else layanan,
                "pengaduan": items,
                "survei": survey,
                "pejabat_penilai": chain.penilai(org, person, end) if org is not None else None,
            })
    return out
