"""The chain service -> unit -> RHK/IKI -> person -> pejabat penilai, from the service maps
(organisation/layanan/<tahun>/<pd>.yml) and the organisation data."""

from __future__ import annotations

from datetime import date

from kinerja.suara import load as L


def answerers(repo, year: int) -> dict[tuple[str, str], list]:
    """(unit, layanan) -> the RhkRefs that answer for it in that year."""
    out: dict[tuple[str, str], list] = {}
    for m in L.service_maps(repo, year):
        for s in m.layanan:
            out.setdefault((s.unit, s.layanan), []).extend(s.dijawab_oleh)
    return out


def services_of(repo, person: str, year: int) -> list[tuple[tuple[str, str], object]]:
    """[((unit, layanan), RhkRef)] for the services a person's RHK/IKI answer for."""
    return [(svc, ref) for svc, refs in answerers(repo, year).items() for ref in refs if ref.pegawai == person]


def penilai(org, person: str, day: date) -> str | None:
    """The last link: who evaluates the person answering for a service on that day."""
    return org.penilai_on(person, day)
