"""jenis_realisasi (issue 10 §2): what a period's realisasi means changes the year's capaian,
and a cumulative total that goes down is reported."""

from __future__ import annotations

import json

from kthelpers import run_kinerja

PLAN = "plans/2026/kominfo-0031.yml"  # ends 30 June: triwulan_2 is its closing evaluation
T2 = "evaluations/2026/triwulan_2/kominfo-0031.yml"


def _score(root):
    result = run_kinerja("score", "--akar", str(root), "--format", "json", "--tahun", "2026")
    doc = json.loads(result.out)
    return {e["file"]: e for e in doc["evaluations"]}


def test_per_periode_year_is_the_mean_of_the_periods(demo):
    # recovery time 5 h (triwulan_1) and 3 h (triwulan_2) against 4 h, lower is better:
    # mean 4 h -> (1 + (1 - 4/4)) x 100% = 100%; triwulan_2 alone: (1 + (1 - 3/4)) x 100% = 125%
    e = _score(demo)[T2]
    [cap] = e["capaian"]
    assert cap["jenis_realisasi"] == "per_periode"
    assert cap["capaian_persen"] == 125
    assert cap["realisasi_tahunan"] == 4 and cap["capaian_tahunan_persen"] == 100
    assert not [w for w in e["peringatan"] if w["code"] == "score-kumulatif-turun"]


def test_kumulatif_year_is_the_last_total_and_a_fall_is_reported(demo):
    path = demo / PLAN
    path.write_text(path.read_text(encoding="utf-8").replace("jenis_realisasi: per_periode", "jenis_realisasi: kumulatif"),
                    encoding="utf-8")
    e = _score(demo)[T2]
    [cap] = e["capaian"]
    assert cap["jenis_realisasi"] == "kumulatif"
    assert cap["realisasi_tahunan"] == 3 and cap["capaian_tahunan_persen"] == 125
    falls = [w for w in e["peringatan"] if w["code"] == "score-kumulatif-turun"]
    assert len(falls) == 1 and "Triwulan I" in falls[0]["message"]
    lines = (demo / T2).read_text(encoding="utf-8").splitlines()
    assert lines[falls[0]["line"] - 1].strip() == "realisasi: 3"


def test_default_is_kumulatif(demo):
    path = demo / PLAN
    path.write_text(path.read_text(encoding="utf-8").replace("        jenis_realisasi: per_periode\n", ""), encoding="utf-8")
    [cap] = _score(demo)[T2]["capaian"]
    assert cap["jenis_realisasi"] == "kumulatif"
