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


def _repo(tmp_path, edit_cal=None, edit_eval=None):
    root = copy_demo(tmp_path / "repo")
    for rel, edit in ((CAL, edit_cal), (E8, edit_eval)):
        if edit is not None:
            text = (root / rel).read_text(encoding="utf-8")
            new = edit(text)
            assert new != text, rel
            (root / rel).write_text(new, encoding="utf-8")
    return load_repository(root)


def _findings(repo):
    c = Collector()
    calibration.check_record(c, repo, CAL)
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
