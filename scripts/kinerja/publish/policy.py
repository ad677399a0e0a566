"""The publication policy (organisation/publikasi.yml): what the public site may show.

Read through the project's strict loader and schemas/publication.schema.json, like every
other data file. A missing file means the defaults of decisions.md ("Publication"), which
are also the most closed settings a regency would normally choose. What is never public
(NIP, birth date, gender, contact data, umpan balik, catatan, kendala, evidence not marked
public) has no key here at all: the projection simply never copies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from kinerja.findings import ERROR, Finding
from kinerja.loader import LoadError, load_bytes
from kinerja.model import schemas

POLICY_FILE = "organisation/publikasi.yml"
SCHEMA = "publication.schema.json"
DEFAULT_COMPLAINT_URL = "https://www.lapor.go.id/"
DEFAULT_COMPLAINT_NAME = "SP4N-LAPOR!"
PUBLIC_OFFICE_KINDS = ("kepala_perangkat_daerah", "jpt", "kepala_unit")


class PolicyError(Exception):
    """The policy file exists but is not valid: the site must not be built from a guess."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        lines = [f"{f.file}:{f.line or 1}:{f.column or 1}: {f.code}: {f.message}" for f in findings]
        super().__init__(
            "Kebijakan publikasi tidak sah; situs tidak dibangun agar tidak ada yang terbit di luar kebijakan.\n"
            + "\n".join(lines)
        )


@dataclass(frozen=True)
class UnitPolicy:
    sasaran: bool = True
    kaskade_rhk: bool = True
    realisasi: bool = True
    bukti_dukung: bool = True
    rencana_draf: bool = True
    sebaran_predikat: bool = True
    kelompok_minimum: int = 5
    kelompok_beda_minimum: int = 2  # homogeneity: at least this many outside the most frequent predikat


@dataclass(frozen=True)
class PersonPolicy:
    halaman: str = "pejabat_publik"  # tidak_ada | pejabat_publik | semua
    pejabat_publik: tuple[str, ...] = ("kepala_perangkat_daerah", "jpt")
    nama: bool = True
    lampiran_skp: bool = True
    realisasi: bool = True
    bukti_dukung: bool = True
    predikat: bool = False
    narasi_publik: bool = False  # the employee's own public narrative per period (evaluation realisasi.narasi_publik)


@dataclass(frozen=True)
class SearchPolicy:
    teks_rhk: bool = False
    halaman_pegawai: bool = True


@dataclass(frozen=True)
class Policy:
    kanal_pengaduan_url: str = DEFAULT_COMPLAINT_URL
    kanal_pengaduan_nama: str = DEFAULT_COMPLAINT_NAME
    kanal_pengaduan_per_unit: dict = field(default_factory=dict)
    unit: UnitPolicy = field(default_factory=UnitPolicy)
    pegawai: PersonPolicy = field(default_factory=PersonPolicy)
    data_terbuka: bool = True
    pencarian: SearchPolicy = field(default_factory=SearchPolicy)
    source: str | None = None  # the file it came from (None: defaults)

    def complaint_url(self, unit_id: str | None = None) -> str:
        if unit_id is not None and unit_id in self.kanal_pengaduan_per_unit:
            return self.kanal_pengaduan_per_unit[unit_id]
        return self.kanal_pengaduan_url


DEFAULT = Policy()


def from_data(data: dict, source: str | None = POLICY_FILE) -> Policy:
    """A Policy from schema-valid data; absent keys keep their defaults."""
    kanal = data.get("kanal_pengaduan", {})
    unit = data.get("unit", {})
    pegawai = data.get("pegawai", {})
    pencarian = data.get("pencarian", {})
    person = replace(PersonPolicy(), **{k: v for k, v in pegawai.items() if k != "pejabat_publik"})
    if "pejabat_publik" in pegawai:
        person = replace(person, pejabat_publik=tuple(pegawai["pejabat_publik"]))
    return Policy(
        kanal_pengaduan_url=kanal.get("url", DEFAULT_COMPLAINT_URL),
        kanal_pengaduan_nama=kanal.get("nama", DEFAULT_COMPLAINT_NAME),
        kanal_pengaduan_per_unit=dict(sorted(kanal.get("per_unit", {}).items())),
        unit=replace(UnitPolicy(), **unit),
        pegawai=person,
        data_terbuka=data.get("data_terbuka", {}).get("aktif", True),
        pencarian=replace(SearchPolicy(), **pencarian),
        source=source,
    )


def load_policy(root: Path) -> Policy:
    """The repository's policy, or the defaults when the file does not exist.

    Raises PolicyError (with the same Indonesian findings `kinerja validate` gives) when the
    file cannot be read or does not follow its schema."""
    path = root / POLICY_FILE
    if path.is_symlink():
        raise PolicyError([Finding(POLICY_FILE, None, None, ERROR, "path-symlink",
                                   "Berkas kebijakan publikasi tidak boleh berupa tautan simbolik (symlink).")])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return DEFAULT
    except OSError:
        raise PolicyError([Finding(POLICY_FILE, None, None, ERROR, "file-unreadable", "Berkas tidak dapat dibaca.")]) from None
    try:
        loaded = load_bytes(raw)
    except LoadError as exc:
        raise PolicyError([Finding(POLICY_FILE, exc.line, exc.column, ERROR, exc.code, exc.message)]) from None
    validator = schemas.validator_for(root / "schemas", SCHEMA)
    findings = schemas.check(validator, loaded.data, POLICY_FILE, loaded.where)
    if findings:
        raise PolicyError(findings)
    return from_data(loaded.data)


def describe(policy: Policy) -> dict:
    """The policy as plain values (for the Privasi page and the open-data metadata)."""
    return {
        "kanal_pengaduan": {"url": policy.kanal_pengaduan_url, "nama": policy.kanal_pengaduan_nama},
        "unit": vars(policy.unit).copy(),
        "pegawai": {**vars(policy.pegawai), "pejabat_publik": list(policy.pegawai.pejabat_publik)},
        "data_terbuka": {"aktif": policy.data_terbuka},
        "pencarian": vars(policy.pencarian).copy(),
    }
