"""score/overlay.py in process: which record sets each rating in force, in the fixed order
evaluation -> enacted calibration -> keberatan decision, for one evaluation (`effective`) and
for many (`Overlay`). Expected values are read by hand from the demo files named in the
comments (the real-git keberatan flow is in tests/ratings/test_keberatan.py; these run in a
second, so the mutation run can use them)."""

from __future__ import annotations

import pytest

from kthelpers import copy_demo
from kinerja.repository import load_repository
from kinerja.score import overlay

EVAL = "evaluations/2026/triwulan_3/disdik-0044.yml"  # rhk-1 sesuai; both overall ratings sesuai (draf in the demo)
OBJ = "objections/2026/triwulan_3/disdik-0044.yml"
CAL = "calibrations/2026/triwulan_2/disdik.yml"
Q2_0008 = "evaluations/2026/triwulan_2/disdik-0008.yml"  # di_bawah -> sesuai (hasil kerja) by the calibration, enacted


def _objection(decision: str) -> str:
    return ("versi_format: 1\npegawai: disdik-0044\ntahun: 2026\nperiode: triwulan_3\npemutus: disdik-0005\n"
            "diajukan:\n  tanggal: 2026-10-15\n  isu: 41\n  alasan: \"Mohon ditinjau ulang.\"\n"
            "penjelasan:\n  diminta: 2026-10-16\n" + decision)


CHANGED = ("keputusan:\n  tanggal: 2026-10-20\n  hasil: diubah\n  alasan: \"Didukung bukti.\"\n"
           "  rating_hasil_kerja: di_atas_ekspektasi\n"
           "  hasil_kerja:\n    - rhk: rhk-1\n      rating: di_atas_ekspektasi\n")
KEPT = "keputusan:\n  tanggal: 2026-10-20\n  hasil: tetap\n  alasan: \"Rating sudah sesuai bukti.\"\n"


def _repo(tmp_path, decision: str | None, final: bool = True):
    root = copy_demo(tmp_path / "repo")
    ev = root / EVAL
    if final:
        ev.write_text(ev.read_text(encoding="utf-8").replace("status: draf", "status: final", 1), encoding="utf-8")
    if decision is not None:
        (root / OBJ).parent.mkdir(parents=True, exist_ok=True)
        (root / OBJ).write_text(_objection(decision), encoding="utf-8")
    return load_repository(root)


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    return _repo(tmp_path_factory.mktemp("diubah"), CHANGED)


def test_a_changed_decision_sets_the_ratings_it_names_and_only_those(decided):
    eff = overlay.effective(decided, decided.record(EVAL))
    # the decision names hasil kerja and rhk-1; perilaku kerja stays the evaluation's
    assert (eff.rating_hasil_kerja, eff.rating_perilaku_kerja) == ("di_atas_ekspektasi", "sesuai_ekspektasi")
    assert eff.rhk == {"rhk-1": "di_atas_ekspektasi"}
    assert eff.sources == {"rating_hasil_kerja": OBJ, "rating_perilaku_kerja": EVAL, "rhk:rhk-1": OBJ}
    assert eff.rating("rhk:rhk-1") == "di_atas_ekspektasi" and eff.rating("rating_perilaku_kerja") == "sesuai_ekspektasi"
    # the ratings before the keberatan layer: the evaluation's own
    before = overlay.effective(decided, decided.record(EVAL), before="keberatan")
    assert (before.rating_hasil_kerja, before.rhk, before.sources["rating_hasil_kerja"]) == ("sesuai_ekspektasi", {"rhk-1": "sesuai_ekspektasi"}, EVAL)
    assert before.sources == {"rating_hasil_kerja": EVAL, "rating_perilaku_kerja": EVAL, "rhk:rhk-1": EVAL}
    layer = overlay.keberatan_layer(decided)
    assert list(layer) == [EVAL]
    assert layer[EVAL] == overlay.LayerOverride({"rating_hasil_kerja": "di_atas_ekspektasi", "rhk:rhk-1": "di_atas_ekspektasi"},
                                                OBJ, "keberatan", "keputusan keberatan (PP 30/2019 Pasal 59)")


def test_many_evaluations_read_the_same_layers_overall_only(decided):
    o = overlay.Overlay(decided)
    got = o.effective(decided.record(EVAL))
    assert got.ratings == {"rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}
    assert got.sumber == {"rating_hasil_kerja": OBJ, "rating_perilaku_kerja": EVAL}
    assert got.sebelum == {"rating_hasil_kerja": "sesuai_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}
    assert got.changed is True and [x.sumber for x in got.diterapkan] == [OBJ]
    # the enacted calibration (disdik-0008, triwulan_2): hasil kerja di_bawah -> sesuai, named by its file
    cal = o.effective(decided.record(Q2_0008))
    assert (cal.ratings["rating_hasil_kerja"], cal.sumber["rating_hasil_kerja"], cal.changed) == ("sesuai_ekspektasi", CAL, True)
    assert [x.jenis for x in cal.diterapkan] == ["kalibrasi"]
    # an evaluation no record touches: unchanged, nothing applied
    plain = o.effective(decided.record("evaluations/2026/triwulan_3/disdik-0001.yml"))
    assert plain.changed is False and plain.diterapkan == [] and set(plain.sumber.values()) == {"evaluations/2026/triwulan_3/disdik-0001.yml"}
    # the same layers one evaluation at a time (effective) and many (Overlay)
    one = overlay.effective(decided, decided.record(Q2_0008))
    assert (one.rating_hasil_kerja, one.sources["rating_hasil_kerja"]) == ("sesuai_ekspektasi", CAL)


def test_both_layers_apply_in_order_calibration_then_keberatan(decided):
    """`Overlay` with explicit layers applies them in the order given (fairness 'before
    calibration' passes none): a later layer wins for the ratings it names."""
    e = decided.record(EVAL)
    fake_cal = {EVAL: overlay.LayerOverride({"rating_hasil_kerja": "di_bawah_ekspektasi", "rating_perilaku_kerja": "di_bawah_ekspektasi"},
                                            "calibrations/x.yml", "kalibrasi")}
    got = overlay.Overlay(decided, layers=[lambda repo: fake_cal, overlay.keberatan_layer]).effective(e)
    # keberatan last: its hasil kerja wins; perilaku kerja stays the calibration's
    assert got.ratings == {"rating_hasil_kerja": "di_atas_ekspektasi", "rating_perilaku_kerja": "di_bawah_ekspektasi"}
    assert got.sumber == {"rating_hasil_kerja": OBJ, "rating_perilaku_kerja": "calibrations/x.yml"}
    assert [x.jenis for x in got.diterapkan] == ["kalibrasi", "keberatan"]
    assert overlay.Overlay(decided, layers=[]).effective(e).changed is False


def test_a_kept_decision_or_an_undecided_objection_changes_nothing(tmp_path):
    for name, decision in (("tetap", KEPT), ("belum", "")):
        repo = _repo(tmp_path / name, decision)
        assert overlay.keberatan_layer(repo) == {}, name
        eff = overlay.effective(repo, repo.record(EVAL))
        assert (eff.rating_hasil_kerja, eff.sources["rating_hasil_kerja"]) == ("sesuai_ekspektasi", EVAL), name


def test_a_draft_evaluation_keeps_its_own_ratings_whatever_the_records_say(tmp_path):
    repo = _repo(tmp_path, CHANGED, final=False)
    e = repo.record(EVAL)
    assert e.status == "draf"
    eff = overlay.effective(repo, e)
    assert (eff.rating_hasil_kerja, eff.rhk, set(eff.sources.values())) == ("sesuai_ekspektasi", {"rhk-1": "sesuai_ekspektasi"}, {EVAL})
    got = overlay.Overlay(repo).effective(e)
    assert got.changed is False and got.diterapkan == []


def test_the_layers_of_a_repository_are_built_once(decided, monkeypatch):
    calls = []
    overlay._BUILT.pop(decided, None)
    monkeypatch.setitem(overlay.LAYERS, "keberatan", lambda repo: calls.append(1) or overlay.keberatan_layer(repo))
    for _ in range(3):
        overlay.effective(decided, decided.record(EVAL))
    assert calls == [1]
    overlay._BUILT.pop(decided, None)


def test_before_the_first_layer_is_the_evaluation_itself(decided):
    # stopping ahead of the calibration stops ahead of everything after it too
    eff = overlay.effective(decided, decided.record(EVAL), before="kalibrasi")
    assert (eff.rating_hasil_kerja, eff.rhk, set(eff.sources.values())) == ("sesuai_ekspektasi", {"rhk-1": "sesuai_ekspektasi"}, {EVAL})


def test_an_undecided_objection_does_not_hide_a_later_decision(tmp_path):
    # disdik-0001's triwulan_3 objection (sorted before disdik-0044's) is still undecided
    root = copy_demo(tmp_path / "repo")
    ev = root / EVAL
    ev.write_text(ev.read_text(encoding="utf-8").replace("status: draf", "status: final", 1), encoding="utf-8")
    (root / OBJ).parent.mkdir(parents=True)
    (root / OBJ).write_text(_objection(CHANGED), encoding="utf-8")
    first = root / "objections/2026/triwulan_3/disdik-0001.yml"
    first.write_text(_objection("").replace("pegawai: disdik-0044", "pegawai: disdik-0001"), encoding="utf-8")
    repo = load_repository(root)
    assert [rel for rel, _ in repo.valid_records("objection")] == [str(first.relative_to(root)), OBJ]
    assert list(overlay.keberatan_layer(repo)) == [EVAL]


def test_a_repository_that_cannot_be_weakly_referenced_builds_its_layers_each_time(monkeypatch):
    class Bare:
        __slots__ = ()

    calls = []
    monkeypatch.setattr(overlay, "LAYERS", {"kalibrasi": lambda repo: calls.append("k") or {}, "keberatan": lambda repo: calls.append("b") or {}})
    assert overlay._layers(Bare()) == [{}, {}] and overlay._layers(Bare()) == [{}, {}]
    assert calls == ["k", "b", "k", "b"]


def test_a_not_rated_evaluation_takes_no_layer(tmp_path):
    root = copy_demo(tmp_path / "repo")
    ev = root / EVAL
    ev.write_text(ev.read_text(encoding="utf-8").replace(
        "status: draf\n", "status: tidak_dinilai\nalasan_tidak_dinilai: \"Cuti besar\"\n", 1), encoding="utf-8")
    (root / OBJ).parent.mkdir(parents=True)
    (root / OBJ).write_text(_objection(CHANGED), encoding="utf-8")
    repo = load_repository(root)
    e = repo.record(EVAL)
    assert e.status == "tidak_dinilai" and list(overlay.keberatan_layer(repo)) == [EVAL]
    eff = overlay.effective(repo, e)
    assert (eff.rating_hasil_kerja, eff.rhk["rhk-1"], eff.sources["rating_hasil_kerja"]) == ("sesuai_ekspektasi", "sesuai_ekspektasi", EVAL)
    got = overlay.Overlay(repo).effective(e)
    assert got.changed is False and got.diterapkan == [] and got.sumber["rating_hasil_kerja"] == EVAL


def test_a_layer_that_sets_the_same_rating_changes_nothing(decided):
    """`changed` compares values: the same rating read from another file is another str object."""
    e = decided.record(EVAL)
    same = "".join(["sesuai_", "ekspektasi"])
    assert same == e.rating_hasil_kerja and same is not e.rating_hasil_kerja
    layer = {EVAL: overlay.LayerOverride({"rating_hasil_kerja": same}, "calibrations/x.yml", "kalibrasi")}
    got = overlay.Overlay(decided, layers=[lambda repo: layer]).effective(e)
    assert got.changed is False and [x.sumber for x in got.diterapkan] == ["calibrations/x.yml"]
    assert got.sumber["rating_hasil_kerja"] == "calibrations/x.yml"
