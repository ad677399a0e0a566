"""score/calibration.py in process: the checks of one calibration record and which enacted
recommendations become the rating in force. The demo's calibrations/2026/triwulan_2/disdik.yml
has two recommendations: disdik-0008 (final, di_bawah -> sesuai hasil kerja, enacted by her
penilai disdik-0007) and disdik-0042 (perilaku di_atas -> sesuai, not enacted). The git-backed
flows (who may write, enact) are in tests/review/test_calibration.py; these run in a second."""

from __future__ import annotations

from kthelpers import copy_demo
from kinerja.findings import ERROR, WARNING, Collector
from kinerja.repository import load_repository
from kinerja.score import calibration

CAL = "calibrations/2026/triwulan_2/disdik.yml"
E8 = "evaluations/2026/triwulan_2/disdik-0008.yml"


def _repo_with(tmp_path, edits: dict):
    """A demo copy with each file's text edited (rel -> function of its text)."""
    root = copy_demo(tmp_path / "repo")
    for rel, edit in edits.items():
        path = root / rel
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        new = edit(text)
        assert new != text, rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    return load_repository(root)


def _repo(tmp_path, edit_cal=None, edit_eval=None):
    """A demo copy with the record (CAL) and disdik-0008's evaluation (E8) edited."""
    return _repo_with(tmp_path, {rel: edit for rel, edit in ((CAL, edit_cal), (E8, edit_eval)) if edit is not None})


def _findings(repo, rel=CAL):
    c = Collector()
    calibration.check_record(c, repo, rel)
    return [(sev, path, message) for sev, _file, path, _code, message, _k in c.pending]


def test_the_demo_record_is_clean_and_its_enacted_recommendation_is_in_force(tmp_path):
    repo = _repo(tmp_path)
    assert _findings(repo) == []
    over = calibration.overrides(repo)
    assert list(over) == [E8]  # disdik-0042's recommendation is not enacted
    assert over[E8].ratings == {"rating_hasil_kerja": "sesuai_ekspektasi"} and over[E8].sumber == CAL
    assert over[E8].keterangan == "kalibrasi 2026-07-20, diberlakukan disdik-0007"


def test_a_draft_evaluation_is_not_calibrated(tmp_path):
    repo = _repo(tmp_path, edit_eval=lambda t: t.replace("status: final", "status: draf", 1))
    found = _findings(repo)
    assert (ERROR, ("rekomendasi", 0), f"Evaluasi {E8} belum final: kalibrasi meninjau evaluasi final.") in found
    assert calibration.overrides(repo) == {}


def test_ratings_before_must_be_the_evaluations_and_the_same_rating_is_a_warning(tmp_path):
    # disdik-0008 was rated di_bawah; the record says sesuai before and recommends sesuai
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace(
        "    sebelum:\n      rating_hasil_kerja: di_bawah_ekspektasi\n", "    sebelum:\n      rating_hasil_kerja: sesuai_ekspektasi\n", 1))
    found = _findings(repo)
    wrong = [m for sev, path, m in found if sev == ERROR and path == ("rekomendasi", 0, "sebelum")]
    assert wrong == [f"Rating sebelum tidak sama dengan evaluasi {E8} (rating hasil kerja di bawah ekspektasi). "
                     "Salin rating dari berkas evaluasi final."]
    assert (WARNING, ("rekomendasi", 0, "rekomendasi"), "Rekomendasi sama dengan rating sebelumnya: tidak ada yang berubah.") in found
    assert calibration.overrides(repo) == {}  # it reviewed other ratings than the file holds


def test_only_the_penilai_enacts(tmp_path):
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace("      oleh: disdik-0007\n", "      oleh: disdik-0002\n", 1))
    found = _findings(repo)
    assert (ERROR, ("rekomendasi", 0, "diberlakukan", "oleh"),
            "Rekomendasi hanya diberlakukan oleh pejabat penilai pegawai itu (disdik-0007), bukan disdik-0002.") in found
    assert calibration.overrides(repo) == {}
    # an id that sorts after the penilai's is refused too
    later = _repo(tmp_path / "later", edit_cal=lambda t: t.replace("      oleh: disdik-0007\n", "      oleh: disdik-0009\n", 1))
    assert any(path == ("rekomendasi", 0, "diberlakukan", "oleh") for _s, path, _m in _findings(later))
    assert calibration.overrides(later) == {}


P8 = "organisation/people/disdik-0008.yml"
NOT_IN_GROUP = "disdik-0008 tidak termasuk kelompok penilaian disdik pada akhir periode."


def _messages(repo, severity=ERROR):
    return [(path, m) for sev, path, m in _findings(repo) if sev == severity]


def test_a_session_before_the_period_ends_is_a_warning_and_on_its_last_day_is_not(tmp_path):
    early = _repo(tmp_path / "a", edit_cal=lambda t: t.replace("tanggal: 2026-07-20\n", "tanggal: 2026-06-29\n", 1))
    assert _messages(early, WARNING) == [(("tanggal",), "Sidang 2026-06-29 sebelum periode berakhir (2026-06-30): "
                                                       "kalibrasi meninjau evaluasi final.")]
    last_day = _repo(tmp_path / "b", edit_cal=lambda t: t.replace("tanggal: 2026-07-20\n", "tanggal: 2026-06-30\n", 1))
    assert _messages(last_day, WARNING) == []


def test_one_person_in_two_records_of_the_same_period_only(tmp_path):
    def copy_to(periode):
        return lambda _t: (tmp_path / "src.yml").read_text(encoding="utf-8").replace("periode: triwulan_2", f"periode: {periode}")
    (tmp_path / "src.yml").write_text((copy_demo(tmp_path / "src") / CAL).read_text(encoding="utf-8"), encoding="utf-8")
    other_period = _repo_with(tmp_path / "q1", {"calibrations/2026/triwulan_1/disdik.yml": copy_to("triwulan_1")})
    assert other_period.files["calibrations/2026/triwulan_1/disdik.yml"].ok
    assert not any("sudah ada di" in m for _p, m in _messages(other_period))
    q3 = _repo_with(tmp_path / "q3", {"calibrations/2026/triwulan_3/disdik.yml": copy_to("triwulan_3")})
    assert not any("sudah ada di" in m for _p, m in _messages(q3))  # a later period's name sorts after too
    for year in (2025, 2027):  # the same period of another year
        other_year = _repo_with(tmp_path / str(year), {f"calibrations/{year}/triwulan_2/disdik.yml": lambda _t, y=year: (
            tmp_path / "src.yml").read_text(encoding="utf-8").replace("tahun: 2026", f"tahun: {y}")})
        assert other_year.files[f"calibrations/{year}/triwulan_2/disdik.yml"].ok  # else the test proves nothing
        assert not any("sudah ada di" in m for _p, m in _messages(other_year)), year
    same = _repo_with(tmp_path / "q2", {"calibrations/2026/triwulan_2/dinkes.yml": copy_to("triwulan_2")})
    assert (("rekomendasi", 0, "pegawai"), "disdik-0008 sudah ada di calibrations/2026/triwulan_2/dinkes.yml: seorang "
            "pegawai hanya ada di satu catatan kalibrasi per periode.") in _messages(same)


def test_a_person_recommended_twice_in_one_record(tmp_path):
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace("  - pegawai: disdik-0042\n", "  - pegawai: disdik-0008\n", 1))
    assert (("rekomendasi", 1, "pegawai"), "disdik-0008 sudah direkomendasikan di butir lain berkas ini.") in _messages(repo)


def test_an_unknown_person_does_not_stop_the_check_of_the_next_recommendation(tmp_path):
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace("  - pegawai: disdik-0008\n", "  - pegawai: disdik-9999\n", 1).replace(
        "      rating_hasil_kerja: di_atas_ekspektasi\n      rating_perilaku_kerja: di_atas_ekspektasi\n",
        "      rating_hasil_kerja: sesuai_ekspektasi\n      rating_perilaku_kerja: di_atas_ekspektasi\n", 1))
    found = _messages(repo)
    assert (("rekomendasi", 0, "pegawai"), "Pegawai “disdik-9999” tidak ada di organisation/people/.") in found
    assert any(path == ("rekomendasi", 1, "sebelum") for path, _m in found), found


def test_ratings_before_that_sort_before_the_evaluations_are_wrong_too(tmp_path):
    # di_atas < di_bawah as text: the comparison is equality, not order
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace(
        "    sebelum:\n      rating_hasil_kerja: di_bawah_ekspektasi\n", "    sebelum:\n      rating_hasil_kerja: di_atas_ekspektasi\n", 1))
    assert any(path == ("rekomendasi", 0, "sebelum") for path, _m in _messages(repo))
    assert calibration.overrides(repo) == {}  # and the enactment gives no rating in force


def test_a_not_rated_evaluation_is_not_final(tmp_path):
    repo = _repo(tmp_path, edit_eval=lambda t: t.replace(
        "status: final\n", "status: tidak_dinilai\nalasan_tidak_dinilai: \"Cuti di luar tanggungan negara sejak April.\"\n", 1))
    if repo.record(E8) is None:  # the edit must leave a valid evaluation, else another rule answers
        raise AssertionError([f.message for e in repo.files.values() if e.rel == E8 for f in e.findings])
    assert (("rekomendasi", 0), f"Evaluasi {E8} belum final: kalibrasi meninjau evaluasi final.") in _messages(repo)
    assert calibration.overrides(repo) == {}  # a not-rated evaluation keeps no rating, enacted or not


def test_a_plan_with_no_evaluation_in_the_period(tmp_path):
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace(
        "  - pegawai: disdik-0008\n", "  - pegawai: disdik-0008\n    rencana: disdik-0008.2026-05-01\n", 1))
    assert (("rekomendasi", 0, "pegawai"), "Evaluasi evaluations/2026/triwulan_2/disdik-0008.2026-05-01.yml tidak ada "
                                           "atau tidak sah.") in _messages(repo)


def test_who_left_before_the_period_ended_counts_in_the_group_of_the_last_assignment(tmp_path):
    left = "    unit: disdik-seksi-kurikulum-sd\n"
    one = _repo_with(tmp_path / "one", {P8: lambda t: t.replace("  - mulai: 2019-03-01\n", "  - mulai: 2019-03-01\n    selesai: 2026-06-15\n", 1)})
    assert one.people.get("disdik-0008") is not None
    assert NOT_IN_GROUP not in [m for _p, m in _messages(one)]
    # two assignments in the period: the first in another group (dinkes), the last in disdik
    two = _repo_with(tmp_path / "two", {P8: lambda t: t.replace("  - mulai: 2019-03-01\n" + left, (
        "  - mulai: 2019-03-01\n    selesai: 2026-04-30\n    unit: dinkes-bid-yankes\n    jabatan: \"Pengadministrasi Umum\"\n"
        "    jenis_jabatan: pelaksana\n    golongan: II/c\n    pangkat: \"Pengatur\"\n"
        "  - mulai: 2026-05-01\n    selesai: 2026-06-15\n" + left), 1)})
    assert two.people.get("disdik-0008") is not None
    assert NOT_IN_GROUP not in [m for _p, m in _messages(two)]
    # and the other way round: the last assignment is in another group (one whose id sorts before
    # disdik's, one after: the test is equality)
    for other in ("dinkes-bid-yankes", "setda-bag-org"):
        away = _repo_with(tmp_path / other, {P8: lambda t: t.replace("  - mulai: 2019-03-01\n" + left, (
            "  - mulai: 2019-03-01\n    selesai: 2026-04-30\n" + left + "    jabatan: \"Pengolah Data Pendidikan\"\n"
            "    jenis_jabatan: pelaksana\n    golongan: II/c\n    pangkat: \"Pengatur\"\n"
            f"  - mulai: 2026-05-01\n    selesai: 2026-06-15\n    unit: {other}\n"), 1)})
        assert NOT_IN_GROUP in [m for _p, m in _messages(away)], other


E42 = "evaluations/2026/triwulan_2/disdik-0042.yml"
ENACT_42 = ("    alasan: \"Umpan balik perilaku triwulan II", "    diberlakukan:\n      oleh: disdik-0040\n      tanggal: 2026-07-24\n"
            "    alasan: \"Umpan balik perilaku triwulan II")


def _enact_42(text):
    """The demo record with disdik-0042's recommendation enacted by her penilai (disdik-0040)."""
    assert ENACT_42[0] in text
    return text.replace(*ENACT_42, 1)


def test_both_records_of_one_period_report_the_person_they_share(tmp_path):
    # each file is its own validation subject: the one whose path sorts first is told too
    src = (copy_demo(tmp_path / "src") / CAL).read_text(encoding="utf-8")
    other = "calibrations/2026/triwulan_2/dinkes.yml"
    repo = _repo_with(tmp_path / "q2", {other: lambda _t: src})
    assert (ERROR, ("rekomendasi", 0, "pegawai"), f"disdik-0008 sudah ada di {CAL}: seorang pegawai hanya ada di satu "
            "catatan kalibrasi per periode.") in _findings(repo, other)


def test_a_missing_evaluation_does_not_stop_the_check_of_the_next_recommendation(tmp_path):
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace(
        "  - pegawai: disdik-0008\n", "  - pegawai: disdik-0008\n    rencana: disdik-0008.2026-05-01\n", 1).replace(
        "      rating_perilaku_kerja: di_atas_ekspektasi\n    rekomendasi:", "      rating_perilaku_kerja: sesuai_ekspektasi\n    rekomendasi:", 1))
    found = _messages(repo)
    assert any("tidak ada atau tidak sah" in m for path, m in found if path == ("rekomendasi", 0, "pegawai")), found
    assert any(path == ("rekomendasi", 1, "sebelum") for path, _m in found), found


def test_a_rating_changed_to_one_that_sorts_before_it_is_no_same_rating_warning(tmp_path):
    # di_bawah -> di_atas: "di_bawah" sorts after "di_atas", and the ratings differ all the same
    repo = _repo(tmp_path, edit_cal=lambda t: t.replace(
        "    rekomendasi:\n      rating_hasil_kerja: sesuai_ekspektasi\n", "    rekomendasi:\n      rating_hasil_kerja: di_atas_ekspektasi\n", 1))
    assert _findings(repo) == []


def test_a_recommendation_not_in_force_does_not_hide_the_next_one(tmp_path):
    # disdik-0042's is enacted by her penilai; disdik-0008's, listed first, gives no override for
    # each reason in turn: not enacted, enacted by someone else, ratings before that the file no longer holds
    cases = {
        "not enacted": lambda t: _enact_42(t).replace("    diberlakukan:\n      oleh: disdik-0007\n      tanggal: 2026-07-24\n", "", 1),
        "not the penilai": lambda t: _enact_42(t).replace("      oleh: disdik-0007\n", "      oleh: disdik-0002\n", 1),
        "other ratings": lambda t: _enact_42(t).replace(
            "    sebelum:\n      rating_hasil_kerja: di_bawah_ekspektasi\n", "    sebelum:\n      rating_hasil_kerja: sesuai_ekspektasi\n", 1),
    }
    for name, edit in cases.items():
        repo = _repo(tmp_path / name.replace(" ", "-"), edit_cal=edit)
        over = calibration.overrides(repo)
        assert list(over) == [E42], name
        assert over[E42].ratings == {"rating_perilaku_kerja": "sesuai_ekspektasi"}, name
        assert over[E42].keterangan == "kalibrasi 2026-07-20, diberlakukan disdik-0040", name
    both = calibration.overrides(_repo(tmp_path / "both", edit_cal=_enact_42))
    assert sorted(both) == [E8, E42]  # the positive control: with both in force, both are there
