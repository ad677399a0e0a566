"""`kinerja fairness`: indicators on constructed raters, the organisation gap, evidence,
before/after calibration, and timeliness from a real git history."""

from __future__ import annotations

import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path

from kthelpers import ROOT, git, run_kinerja

from kinerja.career.facts import EvalFact
from kinerja.fairness import report
from kinerja.repository import load_repository

REPO = load_repository(ROOT, use_cache=False)


def _fact(rater: str, n: int, predikat: str, i: int, di_atas: int = 0, berbukti: int = 0) -> EvalFact:
    who = f"uji-{rater}-{i:02d}"
    return EvalFact(file=f"evaluations/2026/triwulan_2/{who}.yml", pegawai=who, key=who, tahun=2026, periode="triwulan_2",
                    status="final", penilai=f"penilai-{rater}", aturan="permenpanrb-6-2022", metode="kuadran",
                    rating_hasil_kerja=None, rating_perilaku_kerja=None, predikat=predikat, predikat_awal=predikat,
                    di_atas=di_atas, di_atas_berbukti=berbukti)


def _constructed():
    facts = [_fact("a", 5, "sangat_baik", i, di_atas=2, berbukti=1) for i in range(5)]  # all Sangat Baik
    facts += [_fact("b", 5, "baik", i) for i in range(5)]  # all Baik
    spread = ["sangat_baik", "baik", "baik", "butuh_perbaikan", "kurang_misconduct"]
    facts += [_fact("c", 5, p, i) for i, p in enumerate(spread)]  # a spread
    facts += [_fact("d", 4, "sangat_baik", i) for i in range(4)]  # too few to judge
    return facts


def test_constructed_raters_get_the_expected_flags():
    r = report.build(REPO, _constructed(), None, 2026, "triwulan_2")
    [p] = r.periods
    raters = {g.id: g for g in p.penilai}
    # regency: 19 people, Sangat Baik 5 + 1 + 4 = 10 -> 10/19
    regency_sb = Fraction(10, 19) * 100
    a, b, c, d = (raters[f"penilai-{x}"] for x in "abcd")
    assert a.lunak == 100 - regency_sb and a.lunak_bendera and not a.terpusat_bendera  # 47.4 points >= 20
    assert b.terpusat == 100 and b.terpusat_bendera and not b.lunak_bendera  # 100% Baik >= 90%
    assert c.lunak == 20 - regency_sb and c.terpusat == 40 and not (c.lunak_bendera or c.terpusat_bendera)
    assert d.terlalu_kecil and d.lunak is None and not (d.lunak_bendera or d.terpusat_bendera)  # 4 < 5
    assert (a.di_atas, a.di_atas_berbukti) == (10, 5)


def test_thresholds_come_from_the_rule_file():
    rules = REPO.rules_for_year(2026)
    saved = dict(rules.keadilan)
    try:
        rules.keadilan = dict(saved, penilai_minimum_dinilai=4, lunak=dict(saved["lunak"], selisih_poin_minimum=50))
        raters = {g.id: g for g in report.build(REPO, _constructed(), None, 2026, "triwulan_2").periods[0].penilai}
        assert not raters["penilai-a"].lunak_bendera  # 47.4 points < 50
        d = raters["penilai-d"]
        assert not d.terlalu_kecil and d.lunak == 100 - Fraction(10, 19) * 100 and not d.lunak_bendera  # judged from 4 on
    finally:
        rules.keadilan = saved


def _fairness(root: Path, *args: str) -> dict:
    result = run_kinerja("fairness", "--format", "json", "--akar", str(root), *args)
    assert result.code == 0, result
    return json.loads(result.out)


def test_distributions_before_and_after_calibration(demo):
    [p] = _fairness(demo, "--tahun", "2026", "--periode", "triwulan_2")["periods"]
    units = {u["id"]: u for u in p["units"]}
    disdik = units["disdik"]
    # disdik-0008's enacted recommendation: Butuh Perbaikan -> Baik
    before, after = disdik["sebaran_predikat_sebelum_kalibrasi"], disdik["sebaran_predikat"]
    assert after["baik"] == before["baik"] + 1 and after["butuh_perbaikan"] == before["butuh_perbaikan"] - 1
    assert p["kabupaten"]["sebaran_predikat"]["baik"] == p["kabupaten"]["sebaran_predikat_sebelum_kalibrasi"]["baik"] + 1
    assert p["kabupaten"]["tepat_waktu_persen"] is None  # a plain copy: no git history


def test_gap_to_the_predikat_organisasi(demo):
    path = demo / "unit-results/2026/triwulan_2/diskominfo.yml"
    text = path.read_text(encoding="utf-8")
    [p] = _fairness(demo, "--tahun", "2026", "--periode", "triwulan_2")["periods"]
    kominfo = next(u for u in p["units"] if u["id"] == "diskominfo")
    assert kominfo["sebaran_predikat"]["baik"] == kominfo["dinilai"] == 5
    assert kominfo["selisih_organisasi"] == 0 and "selisih" not in kominfo["bendera"]  # Baik staff, Baik organisation
    path.write_text(text.replace("predikat_organisasi: baik", "predikat_organisasi: kurang"), encoding="utf-8")
    [p] = _fairness(demo, "--tahun", "2026", "--periode", "triwulan_2")["periods"]
    kominfo = next(u for u in p["units"] if u["id"] == "diskominfo")
    # staff level Baik = 4, organisation Kurang -> Kurang/Misconduct = 2: gap 2 >= 1
    assert kominfo["selisih_organisasi"] == 2 and "selisih" in kominfo["bendera"]


def test_evidence_share_of_di_atas(demo):
    [p] = _fairness(demo, "--tahun", "2026", "--periode", "triwulan_3")["periods"]
    # every di atas rating in the demo has evidence (the scorer's score-no-evidence is silent on it)
    assert p["kabupaten"]["di_atas_ekspektasi"] > 0 and p["kabupaten"]["di_atas_berbukti_persen"] == 100
    path = demo / "evaluations/2026/triwulan_3/disdik-0042.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("      bukti_dukung:", text.index("- rhk: rhk-2"))
    path.write_text(text[:start] + text[text.index("    - rhk: rhk-3"):], encoding="utf-8")
    [p2] = _fairness(demo, "--tahun", "2026", "--periode", "triwulan_3")["periods"]
    k = p2["kabupaten"]
    assert k["di_atas_berbukti"] == p["kabupaten"]["di_atas_berbukti"] - 1
    assert k["di_atas_berbukti_persen"] == round((k["di_atas_berbukti"]) * 100 / k["di_atas_ekspektasi"], 1)


def _commit_at(repo: Path, when: str, message: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.invalid", GIT_COMMITTER_NAME="Uji",
               GIT_COMMITTER_EMAIL="uji@example.invalid", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, check=True, env=env)


def test_timeliness_from_git_commit_dates(demo_git):
    # the demo was committed on 2026-11-28 (WIB); triwulan III ended 2026-09-30: 59 days
    path = demo_git / "evaluations/2026/triwulan_3/disdik-0044.yml"
    text = path.read_text(encoding="utf-8")
    assert "status: draf" in text
    path.write_text(text.replace("status: draf", "status: final"), encoding="utf-8")
    # 23:30 WIB on 10 October is 16:30 UTC: day 10 in the regency's time zone
    _commit_at(demo_git, "2026-10-10T16:30:00+00:00", "penilai memfinalkan")
    finals = sum(1 for f in (demo_git / "evaluations/2026/triwulan_3").glob("*.yml") if "\nstatus: final\n" in f.read_text(encoding="utf-8"))
    [p] = _fairness(demo_git, "--tahun", "2026", "--periode", "triwulan_3")["periods"]
    k = p["kabupaten"]
    assert k["tepat_waktu_persen"] == round(100 / finals, 1)  # only disdik-0044 within 15 days
    assert k["median_hari_sampai_final"] == 59
    sdn = next(u for u in p["units"] if u["id"] == "disdik")
    assert sdn["tepat_waktu_persen"] == round(100 / sdn["dinilai"], 1)


def test_a_shallow_or_plain_copy_says_timeliness_is_unknown(demo):
    doc = _fairness(demo, "--tahun", "2026")
    assert doc["git"] is False and any("ketepatan waktu tidak dihitung" in c for c in doc["catatan"])
    text = run_kinerja("fairness", "--akar", str(demo), "--tahun", "2026", "--periode", "triwulan_1").out
    assert "jangan diterbitkan" in text and "Pejabat penilai" in text


def test_unknown_unit_is_a_usage_error(demo):
    result = run_kinerja("fairness", "--akar", str(demo), "--unit", "disdik-sdn-12-mb")
    assert result.code == 2 and "kelompok penilaian" in result.err


def test_markdown_escapes_names(demo):
    p = demo / "organisation/people/disdik-0040.yml"
    text = p.read_text(encoding="utf-8")
    import re

    p.write_text(re.sub(r'^nama: .*$', 'nama: "<script>alert(1)</script> **x**"', text, count=1, flags=re.M), encoding="utf-8")
    out = run_kinerja("fairness", "--akar", str(demo), "--format", "markdown", "--tahun", "2026", "--periode", "triwulan_2").out
    assert "<script>" not in out


def test_metodologi_defines_the_indicators_from_the_rule_file():
    from kinerja.publish.metodologi import rule_set_section

    rules = REPO.rules_for_year(2026)
    html = str(rule_set_section(rules, [2026], lambda h, rows, **_: repr(rows)))
    assert "Kelonggaran (leniency)" in html and "sedikitnya 20 poin persen" in html and "sedikitnya 90%" in html
    assert "sedikitnya 5 pegawai" in html and "belum dipastikan dari sumber resmi" in html
    saved = dict(rules.keadilan)
    try:
        rules.keadilan = dict(saved, penilai_minimum_dinilai=7)
        assert "sedikitnya 7 pegawai" in str(rule_set_section(rules, [2026], lambda h, rows, **_: repr(rows)))
    finally:
        rules.keadilan = saved


def test_timeliness_reads_git_not_an_uncommitted_working_copy(demo_git):
    """The statuses the repository parsed stand in for git only where the working copy is clean:
    an uncommitted change back to draf does not undo the committed finalisation."""
    from kinerja.fairness.timing import final_dates

    rel = "evaluations/2026/triwulan_3/disdik-0044.yml"
    path = demo_git / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: draf", "status: final"), encoding="utf-8")
    _commit_at(demo_git, "2026-10-10T16:30:00+00:00", "penilai memfinalkan")
    repo = load_repository(demo_git, use_cache=False)
    known = {rel: e.status for (_, _, _), rel in repo.eval_paths.items() if (e := repo.record(rel)) is not None}
    plain = final_dates(demo_git, "Asia/Jakarta")
    assert plain[rel].isoformat() == "2026-10-10"  # 23.30 WIB
    assert final_dates(demo_git, "Asia/Jakarta", known) == plain  # clean copy: the same answer, fewer git reads
    path.write_text(text, encoding="utf-8")  # back to draf, not committed
    assert final_dates(demo_git, "Asia/Jakarta", dict(known, **{rel: "draf"}))[rel].isoformat() == "2026-10-10"
    # for a clean file the seed replaces the git read (proof that it is used: a wrong seed changes the answer)
    path.write_text(text.replace("status: draf", "status: final"), encoding="utf-8")
    assert rel not in final_dates(demo_git, "Asia/Jakarta", dict(known, **{rel: "draf"}))
