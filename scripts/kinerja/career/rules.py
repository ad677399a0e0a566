"""Career rule files (`rules/karier/<id>.yml`) as records; the one in force on a date.

Kenaikan pangkat rules changed in 2023-2025, so each version is its own file with
`berlaku_mulai`; a check as of a date uses the latest file that started on or before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

GOLONGAN = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
            "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
PENDIDIKAN = {"sd": "SD", "sltp": "SLTP/SMP", "slta": "SLTA/SMA", "d1": "D-I", "d2": "D-II", "d3": "D-III", "d4": "D-IV",
              "s1": "S-1", "s2": "S-2", "s3": "S-3"}


@dataclass(frozen=True, slots=True)
class CareerRules:
    file: str
    id: str
    nama: str
    versi: str
    berlaku_mulai: date
    sumber: tuple[str, ...]
    kenaikan: dict
    batas_pendidikan: dict
    angka_kredit: dict
    pppk: dict

    @property
    def label(self) -> str:
        return f"{self.file} (versi {self.versi}, berlaku mulai {self.berlaku_mulai.isoformat()})"


def build(file: str, d: dict) -> CareerRules:
    return CareerRules(
        file=file, id=d["id"], nama=d["nama"], versi=str(d["versi"]), berlaku_mulai=date.fromisoformat(d["berlaku_mulai"]),
        sumber=tuple(d["sumber"]), kenaikan=dict(d["kenaikan_pangkat_reguler"]),
        batas_pendidikan=dict(d.get("batas_pangkat_pendidikan") or {}), angka_kredit=dict(d.get("angka_kredit_kebutuhan") or {}),
        pppk=dict(d.get("perpanjangan_pppk") or {}),
    )


def load_all(repo) -> list[CareerRules]:
    out = [build(rel, data) for rel, data in repo.valid_records("career_rules") if isinstance(data, dict)]
    return sorted(out, key=lambda r: r.berlaku_mulai)


def in_force(all_rules: list[CareerRules], day: date) -> CareerRules | None:
    chosen = None
    for r in all_rules:
        if r.berlaku_mulai <= day:
            chosen = r
    return chosen
