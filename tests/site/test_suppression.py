"""Statistical disclosure control of the published predikat distributions (issue 11 item 11,
issue 17): tested on the rule itself with hand-made groups, and on the demo regency."""

from __future__ import annotations

import pytest

from kinerja.publish.policy import DEFAULT, UnitPolicy
from kinerja.publish.projection import distribution_shown
from sitekit import ROOT

U = UnitPolicy()  # kelompok_minimum 5, kelompok_beda_minimum 2


@pytest.mark.parametrize(("sebaran", "individually", "shown"), [
    ({"baik": 5}, 0, False),  # 5 of 5 Baik: every member's predikat is known
    ({"baik": 4, "sangat_baik": 1}, 0, False),  # all but one: the one knows everybody's
    ({"baik": 3, "sangat_baik": 2}, 0, True),
    ({"baik": 3, "sangat_baik": 1, "butuh_perbaikan": 1}, 0, True),
    ({"baik": 4}, 0, False),  # too small anyway
    ({"baik": 3, "sangat_baik": 2}, 1, False),  # 4 left after subtracting the published one: too small
    ({"baik": 4, "sangat_baik": 2}, 1, False),  # 5 left, but maybe only 1 outside Baik
    ({"baik": 4, "sangat_baik": 3}, 1, True),
    ({"baik": 6}, 1, False),
    ({"baik": 2, "sangat_baik": 2, "butuh_perbaikan": 2}, 2, False),  # varied, but only 4 not already public
    ({"baik": 2, "sangat_baik": 2, "butuh_perbaikan": 2}, 1, True),
    ({}, 0, False),
])
def test_size_and_homogeneity(sebaran, individually, shown):
    assert distribution_shown(sebaran, individually, U)[0] is shown


def test_reasons_are_stated():
    assert "kurang dari 5 pegawai" in distribution_shown({"baik": 4}, 0, U)[1]
    assert "predikat terbanyak" in distribution_shown({"baik": 5}, 0, U)[1]
    assert distribution_shown({"baik": 5}, 0, UnitPolicy(sebaran_predikat=False))[1].startswith("Kebijakan publikasi")
    assert distribution_shown({"baik": 3, "sangat_baik": 2}, 0, U) == (True, None)


def test_policy_threshold_is_read():
    assert distribution_shown({"baik": 3, "sangat_baik": 2}, 0, UnitPolicy(kelompok_beda_minimum=3))[0] is False
    assert distribution_shown({"baik": 4, "sangat_baik": 1}, 0, UnitPolicy(kelompok_beda_minimum=1))[0] is True


def _demo_projection(policy):
    from kinerja.publish import _code_digest, gitinfo, score
    from kinerja.publish.projection import project
    from kinerja.repository import load_repository
    from kinerja.validate import run_checks

    repo = load_repository(ROOT)
    findings = run_checks(repo, today=None)
    report = score(repo, findings, _code_digest(), jobs=1)
    info = gitinfo.build_info(ROOT)
    return report, project(repo, report, policy, info, gitinfo.history(ROOT, info))


@pytest.fixture(scope="module")
def demo_open():
    """The demo with individual predikat published (the policy a regency may choose)."""
    from dataclasses import replace

    return _demo_projection(replace(DEFAULT, pegawai=replace(DEFAULT.pegawai, halaman="semua", predikat=True)))


def test_demo_publishes_no_distribution_that_subtracting_published_people_would_reveal(demo_open):
    report, proj = demo_open
    big = [(u.unit, u.tahun, u.periode) for u in report.units if sum(u.sebaran.values()) >= 5]
    assert big, "the demo has groups of 5 or more (else this test checks nothing)"
    # with every predikat public on person pages, a published distribution adds nothing but can be subtracted:
    # the small-group rule counts only the people not shown individually, so no group is left to show
    assert [k for k, g in proj.groups.items() if g.ditampilkan] == []
    for k in big:
        assert proj.groups[k].sebaran is None and "kurang dari 5 pegawai dengan evaluasi final" in proj.groups[k].alasan


def test_demo_default_policy_hides_every_homogeneous_group():
    report, proj = _demo_projection(DEFAULT)
    by_key = {(u.unit, u.tahun, u.periode): u for u in report.units}
    for key, g in proj.groups.items():
        counts = dict(by_key[key].sebaran)
        n = sum(counts.values())
        if n >= 5 and n - max(counts.values()) < 2:  # homogeneous by hand: one predikat holds all or all but one
            assert not g.ditampilkan and g.sebaran is None, key
        if g.ditampilkan:
            assert n - max(counts.values()) >= 2 and n >= 5, key
    homogeneous = [k for k, u in by_key.items() if sum(u.sebaran.values()) >= 5 and sum(u.sebaran.values()) - max(u.sebaran.values()) < 2]
    assert homogeneous, "the demo has a homogeneous group of 5 or more (else the homogeneity rule is not exercised)"
