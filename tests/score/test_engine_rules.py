"""score/engine.py in process, on the demo data: which evaluation carries angka kredit and the
year's realisasi, the report of a falling cumulative total, the head-of-unit check, who counts in
a unit's distribution, and what is left unscored. Each expected value is worked out by hand
from the demo files named in the comments (the CLI tests in test_score_command.py check the
same through `kinerja score`; these run in a second, so the mutation run can use them)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kthelpers import ROOT, copy_demo
from test_corrections import EVAL_Q4, _annual_sangat_baik, _promote
from kinerja.repository import load_repository
from kinerja.score import engine
from kinerja.score.engine import assessment_groups, group_score, score_one, score_repository

Q1, Q2, Q3 = "triwulan_1", "triwulan_2", "triwulan_3"


@pytest.fixture(scope="module")
def demo_repo():
    return load_repository(ROOT)


@pytest.fixture(scope="module")
def report(demo_repo):
    return score_repository(demo_repo)


def _eval(report, rel):
    return next(s for s in report.evaluations if s.file == rel)


def _unit(report, unit, period, year=2026):
    return next(u for u in report.units if (u.unit, u.tahun, u.periode) == (unit, year, period))


def test_angka_kredit_only_on_the_plans_closing_final_evaluation(report):
    # plans/2026/kominfo-0031.yml runs 1 January - 30 June (closing period triwulan_2), Pranata
    # Komputer Terampil (coefficient 5, to be verified), predikat baik (100%): 6/12 x 100% x 5 = 2.5
    q2 = _eval(report, "evaluations/2026/triwulan_2/kominfo-0031.yml")
    assert q2.angka_kredit.value == Fraction(5, 2)
    assert q2.angka_kredit.keterangan == "6/12 x 100% x 5 (koefisien perlu verifikasi)"
    assert [(s.jenjang, s.mulai_bulan, s.bulan) for s in q2.angka_kredit.segments] == [("terampil", 1, 6)]
    assert not any(w.code == "score-jenjang-changed" for w in q2.peringatan)
    # the same plan's first quarter is not its closing evaluation
    assert _eval(report, "evaluations/2026/triwulan_1/kominfo-0031.yml").angka_kredit is None
    # the second plan (from 1 July, pelaksana at Dinas Pendidikan): no month in a jabatan fungsional
    assert _eval(report, "evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml").angka_kredit is None
    # a full-year plan evaluated up to triwulan_3 has no closing evaluation yet
    assert _eval(report, "evaluations/2026/triwulan_3/kominfo-0010.yml").angka_kredit is None


def test_the_closing_evaluation_carries_the_years_realisasi(report):
    # kominfo-0031 iki-1: per_periode, lower is better, target 4 jam; realisasi 5 then 3
    q1 = _eval(report, "evaluations/2026/triwulan_1/kominfo-0031.yml")
    q2 = _eval(report, "evaluations/2026/triwulan_2/kominfo-0031.yml")
    assert [(c.iki, c.realisasi, c.persen) for c in q1.capaian] == [("iki-1", 5, 75)]  # (2 - 5/4) x 100
    assert [(c.iki, c.realisasi, c.persen) for c in q2.capaian] == [("iki-1", 3, 125)]  # (2 - 3/4) x 100
    # the year: mean (5 + 3) / 2 = 4 jam, (2 - 4/4) x 100 = 100%; only on the closing evaluation
    assert (q2.capaian[0].realisasi_tahunan, q2.capaian[0].persen_tahunan) == (4, 100)
    assert (q1.capaian[0].realisasi_tahunan, q1.capaian[0].persen_tahunan) == (None, None)


def test_a_falling_cumulative_total_is_reported_in_the_period_it_falls(report):
    # disdukcapil-0010, both IKI kumulatif: iki-1 88, 86, 91 (falls in triwulan_2);
    # iki-2 100, 100, 50 (equal is no fall; falls in triwulan_3)
    falls = {p: [w for w in _eval(report, f"evaluations/2026/{p}/disdukcapil-0010.yml").peringatan
                 if w.code == "score-kumulatif-turun"] for p in (Q1, Q2, Q3)}
    assert falls[Q1] == []
    assert [w.message for w in falls[Q2]] == [
        "IKI iki-1 pada RHK rhk-1 berjenis kumulatif (jumlah sejak awal rencana), tetapi realisasinya turun dari "
        "Triwulan I. Tulis jumlah sampai akhir periode ini, atau ubah jenis_realisasi IKI itu menjadi per_periode "
        "di rencana."]
    # triwulan_3 names only its own fall (iki-2 from triwulan_2), not iki-1's earlier one
    assert [w.message.split(" berjenis")[0] + " / " + w.message.split("turun dari ")[1].split(".")[0]
            for w in falls[Q3]] == ["IKI iki-2 pada RHK rhk-1 / Triwulan II"]
    assert falls[Q2][0].file == "evaluations/2026/triwulan_2/disdukcapil-0010.yml" and falls[Q2][0].line
    # the warning points at the IKI's own realisasi value: iki-2's "50" is line 16, column 22 (10 spaces +
    # "realisasi: "); iki-1's is on line 14
    assert (falls[Q3][0].line, falls[Q3][0].column) == (16, 22)
    # a per_periode IKI that goes down is not a fall: kominfo-0031 5 then 3
    assert not any(w.code == "score-kumulatif-turun"
                   for w in _eval(report, "evaluations/2026/triwulan_2/kominfo-0031.yml").peringatan)


def test_each_iki_reads_its_own_realisasi_in_the_reports_order(report):
    # evaluations/2026/triwulan_1/disdukcapil-0010.yml reports iki-1 88, then iki-2 100
    s = _eval(report, "evaluations/2026/triwulan_1/disdukcapil-0010.yml")
    assert [(c.iki, c.realisasi) for c in s.capaian] == [("iki-1", 88), ("iki-2", 100)]


def test_an_acting_head_of_a_second_unit_is_checked_against_that_units_predikat(report):
    # dinkes-0005 heads dinkes-bid-yankes (no predikat organisasi of its own) and is Plt. of
    # dinkes-pkm-mb from 1 May: in triwulan_2 its predikat butuh_perbaikan -> di_bawah_ekspektasi
    # expected; she is rated sesuai_ekspektasi
    s = _eval(report, "evaluations/2026/triwulan_2/dinkes-0005.yml")
    assert [w.message for w in s.peringatan if w.code == "score-org-rating"] == [
        "Sebagai kepala UPTD Puskesmas Muara Bulian, rating hasil kerja lazimnya mengikuti predikat organisasi "
        "“butuh_perbaikan”, yaitu “Di Bawah Ekspektasi” (asumsi yang dapat diatur instansi)."]


def test_a_head_of_unit_rating_follows_the_predikat_organisasi(report):
    # dinkes-0001 heads Dinas Kesehatan; unit-results/2026/triwulan_1/dinkes.yml: butuh_perbaikan,
    # which maps to di_bawah_ekspektasi, but the evaluation says sesuai_ekspektasi
    s = _eval(report, "evaluations/2026/triwulan_1/dinkes-0001.yml")
    assert [w.message for w in s.peringatan if w.code == "score-org-rating"] == [
        "Sebagai kepala Dinas Kesehatan, rating hasil kerja lazimnya mengikuti predikat organisasi “butuh_perbaikan”, "
        "yaitu “Di Bawah Ekspektasi” (asumsi yang dapat diatur instansi)."]
    # someone who heads no unit is never checked
    assert not any(w.code == "score-org-rating"
                   for w in _eval(report, "evaluations/2026/triwulan_1/dinkes-0020.yml").peringatan)


def test_each_unit_counts_towards_the_nearest_unit_with_its_own_predikat(demo_repo):
    groups = assessment_groups(demo_repo)
    # organisation/units: dinkes (hasil_organisasi) > dinkes-bid-yankes (none) > dinkes-pkm-mb (hasil_organisasi)
    assert (groups["dinkes"], groups["dinkes-bid-yankes"], groups["dinkes-pkm-mb"]) == (
        "dinkes", "dinkes", "dinkes-pkm-mb")


def test_a_units_distribution_counts_the_people_of_its_group(report):
    # triwulan_3 (1 July - 30 September) at dinkes-pkm-mb: dinkes-0011 (from 3 August, no evaluation),
    # dinkes-0020, -0021, -0022, -0023 (final); dinkes-0010 left on 30 April; dinkes-0005 is Plt. only
    # (her own assignment is dinkes-bid-yankes, counted at dinkes)
    u = _unit(report, "dinkes-pkm-mb", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (5, 4, 0, 1)
    # predikat of the four finals: 0020 baik, 0021 sangat_baik, 0022 baik, 0023 baik
    assert u.sebaran == {"sangat_baik": 1, "baik": 3, "butuh_perbaikan": 0, "kurang_misconduct": 0, "sangat_kurang": 0}
    assert (u.predikat_organisasi, u.kurva.status) == ("baik", "terlalu_kecil")  # 4 finals < 5
    # triwulan_1: dinkes-0010 is still there (until 30 April): five finals
    q1 = _unit(report, "dinkes-pkm-mb", Q1)
    assert (q1.pegawai, q1.final, q1.draf, q1.belum_ada) == (5, 5, 0, 0)
    # a draft counts as draf: setda-0020 in triwulan_3
    setda = _unit(report, "setda", Q3)
    assert (setda.final, setda.draf) == (3, 1)
    # a unit without a predikat organisasi in the period: disdukcapil has no unit result
    assert _unit(report, "disdukcapil", Q3).kurva.status == "tanpa_predikat_organisasi"
    # 2021 (PP 46/2011) has no curve rule
    assert _unit(report, "disdik", "triwulan_4", 2021).kurva.status == "tanpa_aturan"


def test_someone_who_moved_counts_at_the_unit_held_at_the_period_end(report):
    # kominfo-0031 moved from diskominfo to disdik-sekretariat on 1 July: triwulan_2 at diskominfo,
    # triwulan_3 at disdik (her second plan's evaluation is final there)
    assert _unit(report, "disdik", Q3).pegawai == _unit(report, "disdik", Q2).pegawai + 1
    # diskominfo in triwulan_3: kominfo-0031 gone, kominfo-0040 arrived on 1 July (a draft): 5 - 1 + 1
    assert _unit(report, "diskominfo", Q3).pegawai == _unit(report, "diskominfo", Q2).pegawai == 5
    assert (_unit(report, "diskominfo", Q3).final, _unit(report, "diskominfo", Q3).draf) == (4, 1)


def test_one_group_or_one_evaluation_alone_is_scored_by_the_same_rules(demo_repo, report):
    g = group_score(demo_repo, "dinkes-pkm-mb", 2026, Q3, [])
    assert (g.unit, g.pegawai, g.final, g.draf, g.belum_ada) == ("dinkes-pkm-mb", 5, 4, 0, 1)
    assert g.sebaran == _unit(report, "dinkes-pkm-mb", Q3).sebaran
    assert group_score(demo_repo, "tidak-ada", 2026, Q3, []) is None
    # disdik in triwulan_3 includes kominfo-0031's second plan, whose evaluation file is named
    # kominfo-0031.2026-07-01.yml (person id, then the plan's first day): same counts as the report
    d = group_score(demo_repo, "disdik", 2026, Q3, [])
    r = _unit(report, "disdik", Q3)
    assert (d.pegawai, d.final, d.draf, d.belum_ada) == (r.pegawai, r.final, r.draf, r.belum_ada) == (11, 10, 1, 0)
    e = demo_repo.record("evaluations/2026/triwulan_2/kominfo-0031.yml")
    one = score_one(demo_repo, e)
    assert one.angka_kredit.value == Fraction(5, 2) and one.predikat == "baik"


def test_one_year_or_period_only(demo_repo):
    q2 = score_repository(demo_repo, year=2026, period=Q2)
    # evaluations/2026/triwulan_2 holds 36 files; the units: one row per unit with its own predikat
    assert len(q2.evaluations) == 36 and {(s.tahun, s.periode) for s in q2.evaluations} == {(2026, Q2)}
    assert {(u.tahun, u.periode) for u in q2.units} == {(2026, Q2)}
    legacy = score_repository(demo_repo, year=2021)
    # the unit results of other years are left out too (2026 is after 2021, not equal to it)
    assert {s.tahun for s in legacy.evaluations} == {u.tahun for u in legacy.units} == {2021}


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """The demo with setda-0030's plan removed, dinkes-0022 not rated in triwulan_3 and the
    closing evaluation of kominfo-0031's first plan (triwulan_2) a draft; disdik-0042 promoted on
    15 July and her triwulan_3 evaluation copied as the annual one (as in test_corrections.py);
    the Wakil Bupati (pemda-0002, non-ASN) placed at setda."""
    root = copy_demo(tmp_path_factory.mktemp("engine") / "repo")
    (root / "plans/2026/setda-0030.yml").unlink()
    ev = root / "evaluations/2026/triwulan_3/dinkes-0022.yml"
    ev.write_text(ev.read_text(encoding="utf-8").replace(
        "status: final\n", "status: tidak_dinilai\nalasan_tidak_dinilai: \"Cuti di luar tanggungan negara\"\n", 1),
        encoding="utf-8")
    _annual_sangat_baik(root)  # disdik-0042's triwulan_3 evaluation copied as her annual one
    _promote(root, "2026-07-15", "2026-07-14")  # Guru Ahli Pertama, then Ahli Muda from 15 July
    bupati = root / "organisation/people/pemda-0002.yml"  # a non-ASN placed in a unit with its own predikat
    bupati.write_text(bupati.read_text(encoding="utf-8").replace("unit: batanghari", "unit: setda", 1), encoding="utf-8")
    q2 = root / "evaluations/2026/triwulan_2/kominfo-0031.yml"
    q2.write_text(q2.read_text(encoding="utf-8").replace("status: final\n", "status: draf\n", 1), encoding="utf-8")
    # kominfo-0031's first plan (<id>.yml, until 30 June) also evaluated, as a draft, in triwulan_3,
    # where her second plan (<id>.2026-07-01.yml) has its final evaluation
    late = root / "evaluations/2026/triwulan_3/kominfo-0031.yml"
    late.write_text((root / "evaluations/2026/triwulan_2/kominfo-0031.yml").read_text(encoding="utf-8")
                    .replace("periode: triwulan_2", "periode: triwulan_3"), encoding="utf-8")
    # disdukcapil-0010's triwulan_2 report lists iki-2 before iki-1 (any order is valid)
    q2d = root / "evaluations/2026/triwulan_2/disdukcapil-0010.yml"
    one, two = "        - iki: iki-1\n          realisasi: 86\n", "        - iki: iki-2\n          realisasi: 100\n"
    text = q2d.read_text(encoding="utf-8")
    assert one + two in text
    q2d.write_text(text.replace(one + two, two + one), encoding="utf-8")
    # setda-0001 (head of setda; triwulan_1 predikat organisasi baik -> sesuai) rated di bawah
    head = root / "evaluations/2026/triwulan_1/setda-0001.yml"
    head.write_text(head.read_text(encoding="utf-8").replace(
        "  rating_hasil_kerja: sesuai_ekspektasi", "  rating_hasil_kerja: di_bawah_ekspektasi", 1), encoding="utf-8")
    # bkpsdm-0021's triwulan_3 evaluation cannot be read
    (root / "evaluations/2026/triwulan_3/bkpsdm-0021.yml").write_text("pegawai: [tidak ditutup\n", encoding="utf-8")
    # kominfo-0031 moves to disdik on 15 August instead of 1 July: two assignments in triwulan_3
    person = root / "organisation/people/kominfo-0031.yml"
    text = person.read_text(encoding="utf-8")
    assert "    selesai: 2026-06-30\n" in text and "  - mulai: 2026-07-01\n" in text
    person.write_text(text.replace("    selesai: 2026-06-30\n", "    selesai: 2026-08-14\n")
                      .replace("  - mulai: 2026-07-01\n", "  - mulai: 2026-08-15\n"), encoding="utf-8")
    # the calibration raises disdik-0008 in triwulan_2 to di atas (instead of sesuai)
    cal = root / "calibrations/2026/triwulan_2/disdik.yml"
    text = cal.read_text(encoding="utf-8")
    old = "    rekomendasi:\n      rating_hasil_kerja: sesuai_ekspektasi\n    alasan: \"Keterlambatan"
    assert old in text
    cal.write_text(text.replace(old, old.replace("sesuai_ekspektasi", "di_atas_ekspektasi")), encoding="utf-8")
    # Disdukcapil without a predikat organisasi of its own anywhere in its tree
    units = root / "organisation/units/disdukcapil.yml"
    units.write_text(units.read_text(encoding="utf-8").replace("hasil_organisasi: true\n", "hasil_organisasi: false\n", 1),
                     encoding="utf-8")
    repo = load_repository(root)
    return repo, score_repository(repo)


def test_an_evaluation_without_its_plan_is_listed_unscored_with_the_reason(changed):
    repo, changed = changed
    s = _eval(changed, "evaluations/2026/triwulan_3/setda-0030.yml")
    assert s.dinilai is False and s.predikat is None
    assert any(m.code == "eval-plan" and m.message == "Rencana plans/2026/setda-0030.yml tidak ada." for m in s.masalah)
    assert s in changed.unscored and all(not x.dinilai for x in changed.unscored)
    # without validation findings the missing plan is still named as the reason
    alone = _eval(score_repository(repo, year=2026, period=Q3, findings=[]), "evaluations/2026/triwulan_3/setda-0030.yml")
    assert [(m.code, m.message) for m in alone.masalah] == [("eval-plan", "Rencana plans/2026/setda-0030.yml tidak ada.")]
    # scored alone (the PR digest): nothing to score without the plan
    assert score_one(repo, repo.record("evaluations/2026/triwulan_3/setda-0030.yml")) is None


def test_a_draft_closing_evaluation_has_no_angka_kredit(changed):
    _, changed = changed
    s = _eval(changed, "evaluations/2026/triwulan_2/kominfo-0031.yml")
    assert (s.status, s.predikat, s.angka_kredit) == ("draf", "baik", None)


def test_the_years_realisasi_is_the_closing_evaluations_and_reads_no_later_period(changed):
    # kominfo-0031's first plan (until 30 June, closing period triwulan_2; iki-1 per_periode, lower is
    # better, target 4 jam) is evaluated in triwulan_1 (5), triwulan_2 (3, a draft here) and, after its
    # end, in triwulan_3 (a copy of triwulan_2: 3). The closing evaluation's year: mean (5 + 3) / 2 = 4,
    # (2 - 4/4) x 100 = 100% (the later triwulan_3 value is not part of it); triwulan_3 is not the
    # closing period and carries no year's figures (it is unscored in the report, being after the
    # plan's end; the PR digest scores it alone)
    repo, changed = changed
    q2 = _eval(changed, "evaluations/2026/triwulan_2/kominfo-0031.yml")
    assert [(c.iki, c.realisasi, c.realisasi_tahunan, c.persen_tahunan) for c in q2.capaian] == [("iki-1", 3, 4, 100)]
    q3 = score_one(repo, repo.record("evaluations/2026/triwulan_3/kominfo-0031.yml"))
    assert [(c.iki, c.realisasi, c.realisasi_tahunan, c.persen_tahunan) for c in q3.capaian] == [("iki-1", 3, None, None)]


def test_not_rated_is_left_out_of_scores_and_the_distribution(changed):
    _, changed = changed
    assert not any(s.file == "evaluations/2026/triwulan_3/dinkes-0022.yml" for s in changed.evaluations)
    u = _unit(changed, "dinkes-pkm-mb", Q3)
    # dinkes-0022 (baik) no longer counts: 4 people, 3 finals, baik 3 -> 2
    assert (u.pegawai, u.final, u.belum_ada) == (4, 3, 1)
    assert (u.sebaran["baik"], u.sebaran["sangat_baik"]) == (2, 1)


def test_structural_jabatan_are_the_jpt_administrator_and_pengawas():
    assert engine.STRUCTURAL == {"jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas"}


def test_only_rhk_and_iki_in_force_in_the_period_are_scored(report):
    # plans/2026/dinkes-0020.yml: rhk-1 until triwulan_2, rhk-1b from triwulan_3
    caps = {p: [(c.rhk, c.iki) for c in _eval(report, f"evaluations/2026/{p}/dinkes-0020.yml").capaian] for p in (Q2, Q3)}
    assert caps == {Q2: [("rhk-1", "iki-1"), ("rhk-1", "iki-2")], Q3: [("rhk-1b", "iki-1"), ("rhk-1b", "iki-2")]}
    # plans/2026/disdik-0042.yml: rhk-1 iki-3 from triwulan_2
    q1 = [(c.rhk, c.iki) for c in _eval(report, "evaluations/2026/triwulan_1/disdik-0042.yml").capaian]
    assert q1 == [("rhk-1", "iki-1"), ("rhk-1", "iki-2"), ("rhk-2", "iki-1"), ("rhk-2", "iki-2"), ("rhk-3", "iki-1")]


def test_a_rating_changed_after_final_keeps_the_one_before(report):
    # calibrations/2026/triwulan_2/disdik.yml raises disdik-0008's rating hasil kerja
    s = _eval(report, "evaluations/2026/triwulan_2/disdik-0008.yml")
    assert (s.rating_hasil_kerja, s.predikat) == ("sesuai_ekspektasi", "baik")
    assert s.rating_sebelum == {"rating_hasil_kerja": "di_bawah_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}
    assert s.sumber_rating["rating_hasil_kerja"] == "calibrations/2026/triwulan_2/disdik.yml"
    # unchanged in triwulan_1: nothing kept
    assert _eval(report, "evaluations/2026/triwulan_1/disdik-0008.yml").rating_sebelum is None


def test_display_places_come_from_the_rule_set_of_the_year(report):
    # rules/permenpanrb-6-2022.yml: capaian 1, angka kredit 2, no numerik places (default 2)
    assert _eval(report, "evaluations/2026/triwulan_1/dinkes-0020.yml").desimal == {"capaian": 1, "angka_kredit": 2, "nilai": 2}
    # rules/pp-46-2011.yml: numerik 2, no capaian or angka kredit places (defaults 1 and 2)
    legacy = _eval(report, "evaluations/2021/triwulan_4/disdik-0042.yml")
    assert (legacy.aturan, legacy.metode, legacy.desimal) == ("pp-46-2011", "numerik_pp46", {"capaian": 1, "angka_kredit": 2, "nilai": 2})
    assert legacy.numerik is not None and legacy.predikat == legacy.numerik.predikat == "sangat_baik"


def test_a_full_year_plan_gets_angka_kredit_at_its_annual_evaluation_month_by_month(changed):
    _, changed = changed
    s = _eval(changed, EVAL_Q4)
    # sangat baik (150%), the month's first day decides: January-July Ahli Pertama 7/12 x 1.5 x 12.5
    # = 10.9375, August-December Ahli Muda 5/12 x 1.5 x 25 = 15.625; 26.5625 = 425/16 in all
    assert (s.predikat, s.angka_kredit.value) == ("sangat_baik", Fraction(425, 16))
    assert [(g.jenjang, g.mulai_bulan, g.bulan) for g in s.angka_kredit.segments] == [("ahli_pertama", 1, 7), ("ahli_muda", 8, 5)]
    warned = [w for w in s.peringatan if w.code == "score-jenjang-changed"]
    assert len(warned) == 1 and warned[0].message.startswith(
        "Jenjang berubah dalam periode rencana plans/2026/disdik-0042.yml (ahli pertama → ahli muda). ")
    assert "jenjang baru memerlukan SKP baru" in warned[0].message
    assert not any(w.code == "score-ak-unknown" for w in s.peringatan)


def test_the_annual_evaluation_takes_each_ikis_own_kind_target_and_direction_for_the_year(changed):
    # plans/2026/disdik-0042.yml, the annual evaluation (triwulan_4, a copy of triwulan_3) closes the
    # full-year plan; realisasi triwulan_1..4 from evaluations/2026/triwulan_*/disdik-0042.yml:
    # rhk-1 iki-1 kumulatif, target 6: 2, 4, 6, 6 -> 6, 100%
    # rhk-1 iki-2 per_periode, target 75-85 %: 64, 78, 88, 88 -> mean 79.5, in the range: 100%
    # rhk-1 iki-3 per_periode, target 80 %, from triwulan_2: 91, 93, 93 -> 277/3, 277/3 / 80 x 100 = 1385/12
    # rhk-2 iki-1 kumulatif, target 12: 3, 6, 9, 9 -> 9, 75%
    # rhk-2 iki-2 per_periode, lower is better, target 7 hari: 0, 5, 5, 5 -> 15/4, (2 - 15/28) x 100 = 1025/7
    # rhk-3 iki-1 kumulatif, target 3: 0, 1, 3, 3 -> 3, 100%
    _, changed = changed
    s = _eval(changed, EVAL_Q4)
    assert [(c.rhk, c.iki, c.realisasi_tahunan, c.persen_tahunan) for c in s.capaian] == [
        ("rhk-1", "iki-1", 6, 100), ("rhk-1", "iki-2", Fraction(159, 2), 100), ("rhk-1", "iki-3", Fraction(277, 3), Fraction(1385, 12)),
        ("rhk-2", "iki-1", 9, 75), ("rhk-2", "iki-2", Fraction(15, 4), Fraction(1025, 7)), ("rhk-3", "iki-1", 3, 100)]


def test_the_jabatan_shown_is_the_one_held_at_the_end_of_the_period(changed):
    _, changed = changed
    # disdik-0042 in triwulan_3 (1 July - 30 September): Ahli Pertama until 14 July, Ahli Muda at the end
    s = _eval(changed, "evaluations/2026/triwulan_3/disdik-0042.yml")
    assert (s.jabatan, s.jenis_jabatan, s.unit) == ("Guru Ahli Muda", "fungsional", "disdik-sdn-12-mb")


def test_a_non_asn_is_not_counted_in_a_units_distribution(changed):
    _, changed = changed
    # setda in triwulan_3: setda-0001, -0010, -0020 (draf), -0030 (final, its plan removed); the Wakil
    # Bupati placed at setda is not an ASN and is not counted
    u = _unit(changed, "setda", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (4, 3, 1, 0)


def test_a_head_who_follows_the_predikat_organisasi_is_not_warned(report):
    # bkpsdm-0001 heads bkpsdm: triwulan_2 istimewa -> di_atas_ekspektasi, and she is rated so;
    # setda-0001 heads setda: triwulan_1 baik -> sesuai_ekspektasi, rated so
    for rel in ("evaluations/2026/triwulan_2/bkpsdm-0001.yml", "evaluations/2026/triwulan_1/setda-0001.yml"):
        assert not any(w.code == "score-org-rating" for w in _eval(report, rel).peringatan), rel


def test_a_curve_that_deviates_is_a_warning_on_the_unit_result(report):
    # dinkes-pkm-mb triwulan_1: five finals, curve "menyimpang"; triwulan_3: four, too small to judge
    q1 = _unit(report, "dinkes-pkm-mb", Q1)
    assert q1.kurva.status == "menyimpang" and q1.kurva.pelanggaran
    assert [(w.file, w.code) for w in q1.peringatan] == [("unit-results/2026/triwulan_1/dinkes-pkm-mb.yml", "score-curve")]
    assert q1.peringatan[0].message.startswith("Sebaran predikat pegawai ")
    assert _unit(report, "dinkes-pkm-mb", Q3).peringatan == []


def test_the_predikat_label_is_the_rule_sets(report):
    assert _eval(report, "evaluations/2026/triwulan_2/kominfo-0031.yml").predikat_label == "Baik"
    assert _eval(report, "evaluations/2026/triwulan_3/kominfo-0040.yml").predikat_label is None  # a draft with no ratings


def test_only_a_final_evaluation_earns_angka_kredit_even_scored_alone(demo_repo):
    # the PR digest scores any evaluation (score_one); kominfo-0031's closing evaluation with its
    # ratings kept but marked draf or tidak_dinilai earns no angka kredit (final: 2.5, above)
    from dataclasses import replace

    e = demo_repo.record("evaluations/2026/triwulan_2/kominfo-0031.yml")
    for status in ("draf", "tidak_dinilai"):
        s = score_one(demo_repo, replace(e, status=status))
        assert (s.predikat, s.angka_kredit) == ("baik", None), status


def test_units_are_listed_by_year_then_period_then_unit(report):
    # 2021 triwulan_4 first (the year decides, not the period's name), then 2026 quarter by quarter
    order = list(dict.fromkeys((u.tahun, u.periode) for u in report.units))
    assert order == [(2021, "triwulan_4"), (2026, Q1), (2026, Q2), (2026, Q3)]
    q1 = [u.unit for u in report.units if (u.tahun, u.periode) == (2026, Q1)]
    assert q1 == sorted(q1) and len(q1) == 7  # bkpsdm, dinkes, dinkes-pkm-mb, disdik, disdukcapil, diskominfo, setda


def test_with_two_plans_in_a_period_the_later_plans_evaluation_counts(changed):
    _, changed = changed
    # disdik in triwulan_3 counts kominfo-0031 once, by her second plan's final evaluation (the
    # first plan's draft is older): as in the demo, 11 people, 10 final, 1 draf (disdik-0044)
    assert _eval(changed, "evaluations/2026/triwulan_3/kominfo-0031.yml").status == "draf"
    u = _unit(changed, "disdik", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (11, 10, 1, 0)
    # the plan order behind it: the first plan's file has no date, later ones their start date
    first = engine.EvaluationScore("evaluations/2026/triwulan_3/a-1.yml", "a-1", None, 2026, Q3, "draf")
    later = engine.EvaluationScore("evaluations/2026/triwulan_3/a-1.2026-08-15.yml", "a-1", None, 2026, Q3, "final")
    last = engine.EvaluationScore("evaluations/2026/triwulan_3/a-1.2026-09-01.yml", "a-1", None, 2026, Q3, "final")
    assert engine._plan_start(first) < engine._plan_start(later) < engine._plan_start(last)


def test_only_an_error_of_its_own_leaves_an_evaluation_unscored(demo_repo):
    from kinerja.findings import ERROR, WARNING, Finding

    rel = "evaluations/2026/triwulan_1/dinkes-0020.yml"
    warned = score_repository(demo_repo, year=2026, period=Q1,
                              findings=[Finding(rel, 3, 1, WARNING, "eval-timing", "Terlambat.")])
    assert _eval(warned, rel).dinilai is True and warned.unscored == []
    refused = score_repository(demo_repo, year=2026, period=Q1,
                               findings=[Finding(rel, 3, 1, ERROR, "eval-status", "Status tidak sah.")])
    s = _eval(refused, rel)
    assert (s.dinilai, [m.code for m in s.masalah]) == (False, ["eval-status"])
    assert [x.file for x in refused.unscored] == [rel]
    # a finding read back (validation cache, JSON) carries its own "error" string: compared by value
    import json

    read_back = Finding(rel, 3, 1, json.loads('"error"'), "eval-status", "Status tidak sah.")
    assert _eval(score_repository(demo_repo, year=2026, period=Q1, findings=[read_back]), rel).dinilai is False


def test_evaluations_are_listed_by_year_then_period_then_file(report):
    order = list(dict.fromkeys((s.tahun, s.periode) for s in report.evaluations))
    assert order == [(2021, "triwulan_4"), (2026, Q1), (2026, Q2), (2026, Q3)]
    q3 = [s.file for s in report.evaluations if (s.tahun, s.periode) == (2026, Q3)]
    assert q3 == sorted(q3)


def test_evaluations_of_two_plans_of_one_person_are_listed_by_file_path(changed):
    # triwulan_3 of the changed demo holds both of kominfo-0031's files: by path, "kominfo-0031.2026-07-01.yml"
    # comes before "kominfo-0031.yml" ("2" < "y"), although her person id alone is the shorter name
    _, changed = changed
    q3 = [s.file for s in changed.evaluations if (s.tahun, s.periode) == (2026, Q3)]
    mine = [f for f in q3 if f.startswith("evaluations/2026/triwulan_3/kominfo-0031")]
    assert mine == ["evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml", "evaluations/2026/triwulan_3/kominfo-0031.yml"]
    assert q3 == sorted(q3)


def test_a_group_named_as_the_repository_names_it(demo_repo):
    # the PR digest passes the group id it read from the repository (assessment_groups), not a literal
    group = assessment_groups(demo_repo)["dinkes-pkm-mb"]
    g = group_score(demo_repo, group, 2026, Q3, [])
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (5, 4, 0, 1)


def test_a_group_score_leaves_out_only_evaluations_with_an_error(demo_repo):
    from kinerja.findings import ERROR, WARNING, Finding

    rel = "evaluations/2026/triwulan_3/dinkes-0020.yml"  # final, baik
    warned = group_score(demo_repo, "dinkes-pkm-mb", 2026, Q3, [Finding(rel, 3, 1, WARNING, "eval-timing", "Terlambat.")])
    assert (warned.final, warned.sebaran["baik"], warned.sebaran["sangat_baik"]) == (4, 3, 1)
    # with an error of its own she is left unscored: still a final evaluation, but without a predikat
    refused = group_score(demo_repo, "dinkes-pkm-mb", 2026, Q3, [Finding(rel, 3, 1, ERROR, "eval-status", "Tidak sah.")])
    assert (refused.final, refused.sebaran["baik"], refused.sebaran["sangat_baik"]) == (4, 2, 1)
    # a finding read back (validation cache, JSON) carries its own "error" string: compared by value
    import json

    read_back = Finding(rel, 3, 1, json.loads('"error"'), "eval-status", "Tidak sah.")
    again = group_score(demo_repo, "dinkes-pkm-mb", 2026, Q3, [read_back])
    assert (again.final, again.sebaran["baik"], again.sebaran["sangat_baik"]) == (4, 2, 1)


def test_each_iki_reads_its_own_realisasi_whatever_the_order_of_the_report(changed):
    _, changed = changed
    s = _eval(changed, "evaluations/2026/triwulan_2/disdukcapil-0010.yml")
    assert [(c.iki, c.realisasi) for c in s.capaian] == [("iki-1", 86), ("iki-2", 100)]
    # iki-1 fell (88 -> 86): the warning points at its value, now the second entry: line 16, column 22
    falls = [w for w in s.peringatan if w.code == "score-kumulatif-turun"]
    assert [(w.line, w.column) for w in falls] == [(16, 22)] and "IKI iki-1 " in falls[0].message


def test_a_head_rated_below_the_predikat_organisasi_is_warned(changed):
    _, changed = changed
    # setda triwulan_1: baik -> sesuai_ekspektasi expected; rated di_bawah_ekspektasi
    s = _eval(changed, "evaluations/2026/triwulan_1/setda-0001.yml")
    assert [w.message.split(", yaitu ")[1] for w in s.peringatan if w.code == "score-org-rating"] == [
        "“Sesuai Ekspektasi” (asumsi yang dapat diatur instansi)."]


def test_of_three_plans_in_a_period_the_latest_counts(demo_repo, report):
    # kominfo-0031 in triwulan_3 as if she had two dated plans there: 1 July (final), then 15 August (draf)
    evaluations = [s for s in report.evaluations if s.file != "evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml"]
    evaluations += [engine.EvaluationScore(f"evaluations/2026/triwulan_3/kominfo-0031.{d}.yml", "kominfo-0031", None,
                                           2026, Q3, status) for d, status in (("2026-07-01", "final"), ("2026-08-15", "draf"))]
    u = next(u for u in engine._score_units(demo_repo, evaluations, {(2026, Q3)}, engine.Collector()) if u.unit == "disdik")
    # the 15 August plan's draft speaks for the period end: 9 final, 2 draf (with disdik-0044)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (11, 9, 2, 0)


def test_a_group_score_counts_an_unscored_evaluation_of_a_later_plan_for_its_person(demo_repo):
    from kinerja.findings import ERROR, Finding

    rel = "evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml"
    g = group_score(demo_repo, "disdik", 2026, Q3, [Finding(rel, 3, 1, ERROR, "eval-status", "Tidak sah.")])
    # left unscored, but still her final evaluation (person kominfo-0031, not "kominfo-0031.2026-07-01")
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (11, 10, 1, 0)


def test_an_evaluation_whose_plan_cannot_be_read_is_unscored_with_the_plans_error(tmp_path):
    # plans/2026/setda-0010.yml made unreadable ("rhk: [" never closed: line 1, column 6); her
    # triwulan_1 evaluation has no error of its own, so the reason listed is the plan's error
    root = copy_demo(tmp_path / "repo")
    (root / "plans/2026/setda-0010.yml").write_text("rhk: [tidak ditutup\n", encoding="utf-8")
    r = score_repository(load_repository(root), year=2026, period=Q1)
    s = _eval(r, "evaluations/2026/triwulan_1/setda-0010.yml")
    assert (s.dinilai, s.predikat) == (False, None)
    assert [(m.file, m.line, m.column, m.code) for m in s.masalah] == [("plans/2026/setda-0010.yml", 1, 6, "yaml-syntax")]


def test_an_unreadable_evaluation_is_unscored_and_counted_as_neither_final_nor_draf(changed):
    _, changed = changed
    s = _eval(changed, "evaluations/2026/triwulan_3/bkpsdm-0021.yml")
    assert (s.pegawai, s.status, s.dinilai) == ("bkpsdm-0021", "?", False) and s.masalah
    # bkpsdm triwulan_3: bkpsdm-0001, -0010, -0020 final; -0021's file exists but says nothing
    u = _unit(changed, "bkpsdm", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (4, 3, 0, 0)


def test_a_group_score_takes_whoever_is_in_the_group_at_the_period_end(changed):
    repo, _ = changed
    # kominfo-0031 at diskominfo until 14 August, at disdik from 15 August: disdik's for triwulan_3
    g = group_score(repo, "disdik", 2026, Q3, [])
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (11, 10, 1, 0)


def test_a_rating_raised_to_di_atas_keeps_the_one_before(changed):
    _, changed = changed
    # di_bawah -> di_atas (a change whichever way the words sort)
    s = _eval(changed, "evaluations/2026/triwulan_2/disdik-0008.yml")
    assert s.rating_hasil_kerja == "di_atas_ekspektasi"
    assert s.rating_sebelum == {"rating_hasil_kerja": "di_bawah_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}


def test_a_unit_tree_without_a_predikat_organisasi_belongs_to_no_group(changed):
    repo, changed = changed
    groups = assessment_groups(repo)
    assert not any(u.startswith("disdukcapil") for u in groups) and groups["dinkes-pkm-mb"] == "dinkes-pkm-mb"
    assert not any(u.unit.startswith("disdukcapil") for u in changed.units)


def test_the_rating_consistency_warnings_reach_the_evaluation(report):
    # setda-0010 triwulan_1: the demo's example of ratings that contradict the RHK ratings
    assert [w.code for w in _eval(report, "evaluations/2026/triwulan_1/setda-0010.yml").peringatan] == ["score-consistency"]


def test_a_group_without_a_unit_of_its_own_has_no_score(demo_repo):
    # "a-..." sorts before every unit id: still no unit of that id
    assert group_score(demo_repo, "a-tidak-ada", 2026, Q3, []) is None


def test_a_scored_evaluation_carries_its_persons_name_and_no_problem(report):
    # organisation/people/kominfo-0031.yml: nama "Rahmat Hidayat, A.Md.Kom."
    s = _eval(report, "evaluations/2026/triwulan_2/kominfo-0031.yml")
    assert (s.dinilai, s.nama, s.masalah) == (True, "Rahmat Hidayat, A.Md.Kom.", [])
    assert all(x.masalah == [] for x in report.evaluations if x.dinilai)


def test_a_final_evaluation_after_the_plans_closing_period_earns_no_angka_kredit(demo_repo):
    # kominfo-0031's first plan ends 30 June (closing period triwulan_2, 2.5 angka kredit there);
    # the same final evaluation filed for triwulan_3 is past the plan's end: predikat, no angka kredit
    from dataclasses import replace

    e = demo_repo.record("evaluations/2026/triwulan_2/kominfo-0031.yml")
    s = score_one(demo_repo, replace(e, periode=Q3))
    assert (s.status, s.predikat, s.angka_kredit) == ("final", "baik", None)


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The demo with a narrative IKI (target in words, a number reported) before iki-1 of
    kominfo-0031's first plan (made kualitatif); disdik-0042 a pengawas with a kepemimpinan score in 2021;
    disdik-0044's person file removed; and unit results for setda in 2026 triwulan_4 (a period
    without evaluations) and disdik in 2021 triwulan_4."""
    root = copy_demo(tmp_path_factory.mktemp("engine-edited") / "repo")
    plan = root / "plans/2026/kominfo-0031.yml"
    text = plan.read_text(encoding="utf-8")
    old = "    indikator:\n      - id: iki-1\n"
    assert old in text
    assert "pendekatan: kuantitatif\n" in text  # a narrative target needs the qualitative approach
    text = text.replace("pendekatan: kuantitatif\n", "pendekatan: kualitatif\n")
    plan.write_text(text.replace(old, "    indikator:\n      - id: iki-n\n        uraian: \"Laporan pemeliharaan server\"\n"
                                      "        target: \"Laporan disusun setiap bulan\"\n" + old.split("\n", 1)[1]),
                    encoding="utf-8")
    for period, value in ((Q1, 7), (Q2, 5)):  # a narrative IKI's realisasi may be a number (schema anyOf)
        ev = root / f"evaluations/2026/{period}/kominfo-0031.yml"
        text = ev.read_text(encoding="utf-8")
        old = "      indikator:\n        - iki: iki-1\n"
        assert old in text
        ev.write_text(text.replace(old, f"      indikator:\n        - iki: iki-n\n          realisasi: {value}\n"
                                        "        - iki: iki-1\n"), encoding="utf-8")
    person = root / "organisation/people/disdik-0042.yml"
    text = person.read_text(encoding="utf-8")
    old = "    jabatan: \"Guru Ahli Pertama\"\n    jenis_jabatan: fungsional\n    jenjang: ahli_pertama\n"
    assert old in text
    person.write_text(text.replace(old, "    jabatan: \"Kepala Sekolah\"\n    jenis_jabatan: pengawas\n"), encoding="utf-8")
    ev = root / "evaluations/2021/triwulan_4/disdik-0042.yml"
    text = ev.read_text(encoding="utf-8")
    assert text.endswith("    kerja_sama: 88\n")
    ev.write_text(text + "    kepemimpinan: 90\n", encoding="utf-8")
    (root / "organisation/people/disdik-0044.yml").unlink()
    src = (root / "unit-results/2026/triwulan_3/setda.yml").read_text(encoding="utf-8")
    (root / "unit-results/2026/triwulan_4").mkdir()
    (root / "unit-results/2026/triwulan_4/setda.yml").write_text(
        src.replace("periode: triwulan_3", "periode: triwulan_4"), encoding="utf-8")
    src = (root / "unit-results/2026/triwulan_3/disdik.yml").read_text(encoding="utf-8")
    (root / "unit-results/2021/triwulan_4").mkdir(parents=True)
    (root / "unit-results/2021/triwulan_4/disdik.yml").write_text(
        src.replace("tahun: 2026", "tahun: 2021").replace("periode: triwulan_3", "periode: triwulan_4"), encoding="utf-8")
    return load_repository(root)


def test_a_narrative_iki_has_no_years_realisasi_and_the_next_iki_still_has(edited):
    # kominfo-0031 triwulan_2 (closing): iki-n is narrative (no percentage, whatever number is
    # reported); iki-1 after it: mean (5 + 3) / 2 = 4 jam, (2 - 4/4) x 100 = 100%
    s = score_one(edited, edited.record("evaluations/2026/triwulan_2/kominfo-0031.yml"))
    assert [(c.iki, c.realisasi, c.persen, c.realisasi_tahunan, c.persen_tahunan) for c in s.capaian] == [
        ("iki-n", 5, None, None, None), ("iki-1", 3, 125, 4, 100)]


def test_a_structural_jabatan_adds_kepemimpinan_to_the_pp46_behaviour_score(edited):
    # disdik-0042 as a pengawas in 2021: six behaviour scores (85 + 84 + 86 + 82 + 88 + 90) / 6 = 515/6;
    # a non-structural jabatan would leave kepemimpinan out: 425 / 5 = 85
    s = score_one(edited, edited.record("evaluations/2021/triwulan_4/disdik-0042.yml"))
    assert s.jenis_jabatan == "pengawas" and s.numerik.nilai_perilaku == Fraction(515, 6)


def test_a_pp46_score_that_cannot_be_computed_is_a_warning_on_the_evaluation(demo_repo):
    # evaluations/2021/triwulan_4/disdik-0042.yml (PP 46/2011) without its disiplin score: no behaviour
    # score, so no final score and no predikat; the warning points at nilai_perilaku (line 29)
    from dataclasses import replace

    e = demo_repo.record("evaluations/2021/triwulan_4/disdik-0042.yml")
    s = score_one(demo_repo, replace(e, nilai_perilaku={k: v for k, v in e.nilai_perilaku.items() if k != "disiplin"}))
    assert (s.metode, s.predikat, s.numerik.nilai_perilaku) == ("numerik_pp46", None, None)
    assert [(w.file, w.line, w.code, w.message) for w in s.peringatan] == [
        ("evaluations/2021/triwulan_4/disdik-0042.yml", 29, "score-not-computable", "Nilai perilaku belum lengkap: disiplin.")]


def test_an_evaluation_whose_person_is_missing_is_unscored_with_the_reason(edited):
    # without validation findings, the missing person is found while scoring (score-no-rules)
    r = score_repository(edited, year=2026, period=Q3, findings=[])
    s = _eval(r, "evaluations/2026/triwulan_3/disdik-0044.yml")
    assert (s.dinilai, s.nama, s.predikat) == (False, None, None)
    assert [(m.code, m.message) for m in s.masalah] == [
        ("score-no-rules", "Pegawai, rencana atau aturan penilaian tahun ini tidak ditemukan.")]
    assert [x.file for x in r.unscored] == ["evaluations/2026/triwulan_3/disdik-0044.yml"]


def test_a_unit_result_of_a_period_without_evaluations_is_scored_in_its_year_only(edited):
    # 2026 triwulan_4 has only setda's unit result; setda's group: setda-0001, -0010, -0020, -0030, none evaluated;
    # the 2021 disdik unit result is left out of a 2026 report
    r = score_repository(edited, year=2026, findings=[])
    assert {s.tahun for s in r.evaluations} == {2026}  # 2021 is before 2026, not equal to it
    assert list(dict.fromkeys((u.tahun, u.periode) for u in r.units)) == [(2026, Q1), (2026, Q2), (2026, Q3), (2026, "triwulan_4")]
    # every unit with a predikat of its own is listed for the period; only setda has one there
    q4 = {u.unit: u for u in r.units if u.periode == "triwulan_4"}
    assert {k for k, u in q4.items() if u.predikat_organisasi} == {"setda"} and len(q4) == 7
    u = q4["setda"]
    assert (u.predikat_organisasi, u.pegawai, u.final, u.draf, u.belum_ada) == ("baik", 4, 0, 0, 4)
    assert not any(u.sebaran.values())


def test_one_period_asked_for_lists_a_unit_result_of_a_period_without_evaluations(edited):
    # `kinerja score --periode triwulan_4`: the period comes from argv, a string built at run time (not
    # this module's constant); 2026 triwulan_4 has setda's unit result only and no evaluation, so the
    # unit rows come from the unit result: the 7 units with a predikat organisasi of their own, setda
    # with "baik" and its 4 people (setda-0001, -0010, -0020, -0030) without an evaluation
    period = "".join(["triwulan", "_4"])
    r = score_repository(edited, year=2026, period=period, findings=[])
    assert r.evaluations == [] and {(u.tahun, u.periode) for u in r.units} == {(2026, "triwulan_4")}
    u = next(u for u in r.units if u.unit == "setda")
    assert (len(r.units), u.predikat_organisasi, u.pegawai, u.belum_ada) == (7, "baik", 4, 4)


def test_a_survey_iki_takes_the_years_realisasi_from_its_last_period(tmp_path):
    # disdukcapil-0001 iki-1 (IKM of the semester_1 survey, kumulatif: the year's realisasi is the
    # last period's): triwulan_1-3 final when the survey gave 75.6 (read from git history), then the
    # survey corrected and a triwulan_4 draft, which takes the survey as it is now.
    # IKM = sum of the 9 NRR / 9 x 25, NRR = (1 n1 + 2 n2 + 3 n3 + 4 n4) / 120 respondents: the nine
    # weighted sums are 3266 in all (75.60); waktu_penyelesaian [14, 38, 52, 16] (310) becomes
    # [2, 20, 62, 36] (372): 3328 / 120 / 9 x 25 = 77.037 -> 77.04
    from kthelpers import git

    root = copy_demo(tmp_path / "repo")
    survey = root / "surveys/2026/semester_1/disdukcapil-bid-dafduk.ktp-el.yml"
    draft = root / "evaluations/2026/triwulan_4/disdukcapil-0001.yml"
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_text((root / "evaluations/2026/triwulan_3/disdukcapil-0001.yml").read_text(encoding="utf-8")
                     .replace("periode: triwulan_3", "periode: triwulan_4").replace("status: final", "status: draf"),
                     encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "demo")
    text = survey.read_text(encoding="utf-8")
    assert "waktu_penyelesaian: [14, 38, 52, 16]" in text
    survey.write_text(text.replace("waktu_penyelesaian: [14, 38, 52, 16]", "waktu_penyelesaian: [2, 20, 62, 36]"),
                      encoding="utf-8")
    git(root, "commit", "-q", "-am", "survei dikoreksi")
    repo = load_repository(root)
    q4 = score_one(repo, repo.record("evaluations/2026/triwulan_4/disdukcapil-0001.yml"))
    assert [(c.iki, c.realisasi) for c in q4.capaian] == [("iki-1", 77.04)]
    assert [(c.iki, c.realisasi_tahunan) for c in q4.capaian] == [("iki-1", Fraction(7704, 100))]
    # the triwulan_3 evaluation, final before the correction, keeps 75.6
    q3 = score_one(repo, repo.record("evaluations/2026/triwulan_3/disdukcapil-0001.yml"))
    assert [(c.iki, c.realisasi) for c in q3.capaian] == [("iki-1", 75.6)]


def test_a_misnamed_copy_of_an_evaluation_does_not_speak_for_its_person(tmp_path):
    # evaluations/2026/triwulan_3/a-salinan.yml holds kominfo-0010's final evaluation marked draf: its
    # content names another person than its file (path-mismatch), so it is unscored under the file's
    # name and diskominfo still counts kominfo-0010's own final evaluation, as in the demo
    root = copy_demo(tmp_path / "repo")
    own = (root / "evaluations/2026/triwulan_3/kominfo-0010.yml").read_text(encoding="utf-8")
    assert "status: final\n" in own
    (root / "evaluations/2026/triwulan_3/a-salinan.yml").write_text(own.replace("status: final\n", "status: draf\n"),
                                                                     encoding="utf-8")
    demo = _unit(score_repository(load_repository(ROOT), year=2026, period=Q3), "diskominfo", Q3)
    r = score_repository(load_repository(root), year=2026, period=Q3)
    s = _eval(r, "evaluations/2026/triwulan_3/a-salinan.yml")
    assert (s.pegawai, s.dinilai) == ("a-salinan", False) and "path-mismatch" in [m.code for m in s.masalah]
    u = _unit(r, "diskominfo", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada, u.sebaran) == (demo.pegawai, demo.final, demo.draf, demo.belum_ada, demo.sebaran)


def test_a_group_score_for_the_period_read_from_an_evaluations_path(demo_repo):
    # the PR digest may pass the period string read from the changed evaluation's own path: that
    # evaluation counts as any other (dinkes-pkm-mb triwulan_3: 5 people, 4 final, 1 without one)
    period = next(p for (y, p, key) in demo_repo.eval_paths if (y, p, key) == (2026, Q3, "dinkes-0020"))
    g = group_score(demo_repo, "dinkes-pkm-mb", 2026, period, [])
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (5, 4, 0, 1)


@pytest.fixture(scope="module")
def misnamed_not_rated(tmp_path_factory):
    """The demo with kominfo-0010's triwulan_3 file replaced by a copy of kominfo-0020's evaluation
    marked tidak_dinilai: the file's name says kominfo-0010, its content says kominfo-0020."""
    root = copy_demo(tmp_path_factory.mktemp("misnamed") / "repo")
    q3 = root / "evaluations/2026/triwulan_3"
    text = (q3 / "kominfo-0020.yml").read_text(encoding="utf-8")
    assert "pegawai: kominfo-0020\n" in text and "status: final\n" in text
    (q3 / "kominfo-0010.yml").write_text(text.replace(
        "status: final\n", "status: tidak_dinilai\nalasan_tidak_dinilai: \"Tugas belajar\"\n", 1), encoding="utf-8")
    return load_repository(root)


def test_a_misnamed_not_rated_file_leaves_out_the_person_its_name_says(misnamed_not_rated):
    repo = misnamed_not_rated
    u = _unit(score_repository(repo), "diskominfo", Q3)
    # diskominfo at the end of triwulan_3: kominfo-0001, -0010, -0020, -0021 (final), -0040 (draf).
    # kominfo-0010's file says not rated: she is left out; kominfo-0020's own final evaluation counts
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (4, 3, 1, 0)


def test_a_group_score_does_not_score_a_not_rated_file(misnamed_not_rated):
    repo = misnamed_not_rated
    g = group_score(repo, "diskominfo", 2026, Q3, [])
    # the not-rated copy (sorted before kominfo-0020.yml) does not stand in for kominfo-0020's final one
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (4, 3, 1, 0)
    assert g.sebaran == _unit(score_repository(repo), "diskominfo", Q3).sebaran


def test_a_not_rated_evaluation_of_a_later_plan_leaves_its_person_out(tmp_path):
    # kominfo-0031's second plan (from 1 July, disdik) has its triwulan_3 evaluation in
    # kominfo-0031.2026-07-01.yml (person id, then the plan's first day); marked tidak_dinilai, she
    # is left out of disdik's triwulan_3: the demo's 11 people, 10 final, 1 draf (disdik-0044) become
    # 10, 9, 1, and she is not counted as someone without an evaluation either
    root = copy_demo(tmp_path / "repo")
    ev = root / "evaluations/2026/triwulan_3/kominfo-0031.2026-07-01.yml"
    text = ev.read_text(encoding="utf-8")
    assert "status: final\n" in text
    ev.write_text(text.replace("status: final\n", "status: tidak_dinilai\nalasan_tidak_dinilai: \"Tugas belajar\"\n", 1),
                  encoding="utf-8")
    repo = load_repository(root)
    u = _unit(score_repository(repo, year=2026, period=Q3), "disdik", Q3)
    assert (u.pegawai, u.final, u.draf, u.belum_ada) == (10, 9, 1, 0)
    g = group_score(repo, "disdik", 2026, Q3, [])
    assert (g.pegawai, g.final, g.draf, g.belum_ada) == (10, 9, 1, 0)
