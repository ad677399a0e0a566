"""The annotated examples in schemas/examples/ document the model: each must validate at
the place it describes, inside a copy of the demo regency."""

from __future__ import annotations

import shutil

import pytest

from kthelpers import ROOT
from kinerja.findings import ERROR
from kinerja.validate import validate

EXAMPLES = {
    "instansi.yml": "organisation/instansi.yml",
    "unit.yml": "organisation/units/disdik.yml",
    "pegawai.yml": "organisation/people/disdik-0042.yml",
    "sasaran.yml": "organisation/goals/2026/disdik.yml",
    "hasil-organisasi.yml": "unit-results/2026/triwulan_1/disdik.yml",
    "rencana.yml": "plans/2026/disdik-0042.yml",
    "evaluasi.yml": "evaluations/2026/triwulan_2/disdik-0042.yml",
    "pengaduan.yml": "complaints/2026/2026-0101.yml",
    "survei.yml": "surveys/2026/tahunan/disdukcapil-bid-dafduk.kk.yml",
    "layanan.yml": "organisation/layanan/2026/disdukcapil.yml",
    "hari-libur.yml": "organisation/hari-libur/2026.yml",
    "keberatan.yml": "objections/2026/triwulan_2/disdik-0042.yml",
    "kalibrasi.yml": "calibrations/2026/triwulan_2/disdik.yml",
    "aturan-karier.yml": "rules/karier/kenaikan-pangkat-2025.yml",
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_validates_in_place(name, demo):
    target = demo / EXAMPLES[name]
    if name == "rencana.yml":  # a fresh plan: the demo's evaluations of the old one would not fit it
        for old in demo.glob("evaluations/2026/*/disdik-0042.yml"):
            old.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "schemas" / "examples" / name, target)
    _, findings = validate(demo, [EXAMPLES[name]], use_cache=False)
    errors = [f for f in findings if f.severity == ERROR]
    assert errors == [], errors


def test_every_file_kind_has_an_example():
    from kinerja.layout import KINDS

    covered = {"regency", "unit", "person", "goals", "unit_result", "plan", "evaluation", "objection",
               "complaint", "survey", "service_map", "holidays", "calibration", "career_rules"}
    # rule files (service_rules: rules/pelayanan-publik.yml) are themselves annotated
    assert covered | {"rules", "publication", "service_rules"} >= {k.name for k in KINDS}
    assert sorted(p.name for p in (ROOT / "schemas" / "examples").glob("*.yml")) == sorted(EXAMPLES)
