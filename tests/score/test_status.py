"""The public IKI status per period (score/status.py), cell by cell with hand-derived values,
and the rules read from the rule file (one source of truth with the Metodologi page)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.loader import load_bytes
from kinerja.score.status import combined, expected_share, iki_status, rules_from
from kthelpers import ROOT

RULES = rules_from(load_bytes((ROOT / "rules" / "permenpanrb-6-2022.yml").read_bytes()).data["status_iki"])


def test_the_rule_file_states_the_threshold_labels_and_symbols():
    assert RULES.ambang_sesuai_jalur == 90
    assert RULES.label == {"tercapai": "Tercapai", "sesuai_jalur": "Sesuai jalur", "perlu_perhatian": "Perlu perhatian",
                           "belum_ada_data": "Belum ada data"}
    assert len(set(RULES.simbol.values())) == 4  # each status has its own symbol (not colour alone)
    assert RULES.verifikasi is True


# (capaian %, period, jenis) -> status, each worked out by hand from the rule:
# >= 100 tercapai; >= 90% of the expected progress sesuai jalur; below perlu perhatian.
CASES = [
    (None, "triwulan_2", "per_periode", "belum_ada_data"),
    (F(100), "triwulan_1", "per_periode", "tercapai"),
    (F(150), "triwulan_1", "kumulatif", "tercapai"),
    (F(90), "triwulan_3", "per_periode", "sesuai_jalur"),        # 90 >= 0.9 x 100
    (F(8999, 100), "triwulan_3", "per_periode", "perlu_perhatian"),  # 89.99 < 90
    (F(0), "triwulan_1", "per_periode", "perlu_perhatian"),
    # cumulative: expected k/4 of the target at the end of triwulan k
    (F(45, 2), "triwulan_1", "kumulatif", "sesuai_jalur"),       # 22.5 >= 0.9 x 25 = 22.5
    (F(22), "triwulan_1", "kumulatif", "perlu_perhatian"),       # 22 < 22.5
    (F(45), "triwulan_2", "kumulatif", "sesuai_jalur"),          # 45 >= 0.9 x 50 = 45
    (F(44), "triwulan_2", "kumulatif", "perlu_perhatian"),
    (F(135, 2), "triwulan_3", "kumulatif", "sesuai_jalur"),      # 67.5 >= 0.9 x 75
    (F(67), "triwulan_3", "kumulatif", "perlu_perhatian"),
    (F(99), "triwulan_4", "kumulatif", "sesuai_jalur"),          # 99 >= 90
    (F(89), "triwulan_4", "kumulatif", "perlu_perhatian"),
    # monthly: m/12 of the target; bulan_06 expects 50
    (F(45), "bulan_06", "kumulatif", "sesuai_jalur"),
    (F(3), "bulan_01", "kumulatif", "perlu_perhatian"),          # 3 < 0.9 x 100/12 = 7.5
    (F(15, 2), "bulan_01", "kumulatif", "sesuai_jalur"),
    # no jenis_realisasi in the plan: the one default (model/records.py), kumulatif: 60 >= 0.9 x 50
    (F(60), "triwulan_2", None, "sesuai_jalur"),
]


@pytest.mark.parametrize("persen,periode,jenis,expected", CASES)
def test_status_cell_by_cell(persen, periode, jenis, expected):
    assert iki_status(persen, periode, jenis, RULES) == expected


def test_expected_share():
    assert expected_share("triwulan_3", "kumulatif") == F(3, 4)
    assert expected_share("bulan_09", "kumulatif") == F(3, 4)
    assert expected_share("triwulan_1", "per_periode") == 1


def test_a_sasaran_takes_its_worst_iki_and_ignores_missing_data():
    assert combined(["tercapai", "sesuai_jalur", "belum_ada_data"]) == "sesuai_jalur"
    assert combined(["tercapai", "perlu_perhatian"]) == "perlu_perhatian"
    assert combined(["belum_ada_data", "belum_ada_data"]) == "belum_ada_data"
    assert combined([]) == "belum_ada_data"
    assert combined(["tercapai"]) == "tercapai"


@settings(deadline=None)
@given(st.fractions(min_value=0, max_value=200), st.sampled_from([f"triwulan_{i}" for i in range(1, 5)]))
def test_cumulative_is_never_stricter_than_per_period(persen, periode):
    """The same capaian is never judged worse for a cumulative IKI (it expects at most the full target)."""
    rank = {"perlu_perhatian": 0, "sesuai_jalur": 1, "tercapai": 2}
    assert rank[iki_status(persen, periode, "kumulatif", RULES)] >= rank[iki_status(persen, periode, "per_periode", RULES)]


def test_a_section_without_verifikasi_is_not_marked_for_verification():
    # the flag defaults to false; no section (or an empty one) means the rule set has no status rule
    section = {"ambang_sesuai_jalur": 85.5, "status": {"tercapai": {"label": "Tercapai", "simbol": "✓"}}}
    rules = rules_from(section)
    assert (rules.verifikasi, rules.ambang_sesuai_jalur) == (False, F(171, 2))
    assert (rules.label, rules.simbol) == ({"tercapai": "Tercapai"}, {"tercapai": "✓"})
    assert rules_from(None) is None and rules_from({}) is None


def test_the_jenis_read_from_a_plan_file_is_compared_by_value():
    # `jenis_realisasi: kumulatif` as the YAML loader builds it (not this file's literal): triwulan_1
    # expects 25% of the target, so 22.5% is on track (22.5 >= 0.9 x 25); per_periode it would not be
    jenis = load_bytes(b"jenis_realisasi: kumulatif\n").data["jenis_realisasi"]
    assert expected_share("triwulan_1", jenis) == F(1, 4)
    assert iki_status(F(45, 2), "triwulan_1", jenis, RULES) == "sesuai_jalur"
