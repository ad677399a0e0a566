"""Calibration records: who may write and enact them (check-change on real git repositories),
what validation refuses, and how an enacted recommendation changes the score."""

from __future__ import annotations

import json

from kthelpers import run_kinerja
from review_helpers import check_change, commit_all, decision, edit, start_pr, verdicts, write

DEMO_RECORD = "calibrations/2026/triwulan_2/disdik.yml"
T3_RECORD = "calibrations/2026/triwulan_3/disdik.yml"
TIM_MEMBER = ("kt-demo-kabid-pkp", 91000021)  # bkpsdm-0010: in tim_penilai_kinerja, not an admin
NEW_RECORD = """versi_format: 1
unit: disdik
tahun: 2026
periode: triwulan_3
tanggal: 2026-10-12
anggota: [bkpsdm-0010, setda-0010]
rekomendasi:
  - pegawai: disdik-0043
    sebelum: {rating_hasil_kerja: di_bawah_ekspektasi}
    rekomendasi: {rating_hasil_kerja: sesuai_ekspektasi}
    alasan: "Bukti dukung triwulan III menunjukkan target tercapai; penilaian awal memakai data lama."
"""
PENDING = """    alasan: "Umpan balik perilaku triwulan II hanya menyebut satu nilai dasar; tim meminta pejabat penilai meninjau bukti perilaku di atas ekspektasi."
"""
ENACT = PENDING + "    diberlakukan:\n      oleh: disdik-0040\n      tanggal: 2026-07-28\n"


def _pr(repo, *steps):
    start_pr(repo)
    for step in steps:
        step(repo)
    commit_all(repo, "pr")


def _as_member(repo):
    return check_change(repo, "tim", login=TIM_MEMBER[0], gid=TIM_MEMBER[1])


def test_a_tim_member_writes_a_record_and_needs_another_member(demo_git):
    _pr(demo_git, lambda r: write(r, T3_RECORD, NEW_RECORD))
    result, doc = _as_member(demo_git)
    assert result.code == 0, result
    d = decision(doc, T3_RECORD)
    assert d["code"] == "authz-allowed"
    [req] = d["requires"]
    assert req["label"] == "anggota tim penilai kinerja lain"
    assert set(req["people"]) == {"bkpsdm-0020", "setda-0010", "disdik-0002"}  # the tim minus the author


def test_a_non_member_is_refused(demo_git):
    _pr(demo_git, lambda r: write(r, T3_RECORD, NEW_RECORD))
    result, doc = check_change(demo_git, "siti")  # disdik-0042: not in tim_penilai_kinerja
    assert result.code == 1
    assert verdicts(doc) == {T3_RECORD: "authz-calibration"}
    assert "tim penilai kinerja" in decision(doc, T3_RECORD)["message"]
    # the person's own penilai is not a member either: writing recommendations is the tim's
    result, doc = check_change(demo_git, "kepsek")
    assert verdicts(doc) == {T3_RECORD: "authz-calibration"}


def test_only_the_penilai_enacts(demo_git):
    _pr(demo_git, lambda r: edit(r, DEMO_RECORD, PENDING, ENACT))
    result, doc = check_change(demo_git, "kepsek")  # disdik-0040, penilai of disdik-0042
    assert result.code == 0, result
    d = decision(doc, DEMO_RECORD)
    assert d["code"] == "authz-allowed"
    assert d["requires"] == [{"label": "pegawai yang dinilai (tanda telah membaca)", "people": ["disdik-0042"]}]
    result, doc = _as_member(demo_git)  # a tim member may not enact, even naming the penilai
    assert result.code == 1 and verdicts(doc) == {DEMO_RECORD: "authz-calibration-enact"}
    result, doc = check_change(demo_git, "kabid_sd")  # disdik-0005: penilai of others, not of disdik-0042
    assert verdicts(doc) == {DEMO_RECORD: "authz-calibration-enact"}


def test_the_penilai_must_sign_the_enactment_with_her_own_id(demo_git):
    _pr(demo_git, lambda r: edit(r, DEMO_RECORD, PENDING, ENACT.replace("oleh: disdik-0040", "oleh: disdik-0005")))
    result, doc = check_change(demo_git, "kepsek")
    assert result.code == 1 and verdicts(doc) == {DEMO_RECORD: "authz-calibration-enact"}


def test_an_enacted_recommendation_is_not_changed_again(demo_git):
    _pr(demo_git, lambda r: edit(r, DEMO_RECORD, "Keterlambatan rekap data", "Keterlambatan besar rekap data"))
    result, doc = _as_member(demo_git)
    assert result.code == 1 and verdicts(doc) == {DEMO_RECORD: "authz-calibration"}
    assert "sudah diberlakukan" in decision(doc, DEMO_RECORD)["message"]


def test_a_tim_member_edits_a_pending_recommendation(demo_git):
    _pr(demo_git, lambda r: edit(r, DEMO_RECORD, "tim meminta pejabat penilai", "tim penilai meminta pejabat penilai"))
    result, doc = _as_member(demo_git)
    assert result.code == 0, result


# --- validation ------------------------------------------------------------------------------


def _validate(root):
    result = run_kinerja("validate", "--format", "json", "--tanpa-cache", "--akar", str(root))
    return result, json.loads(result.out)["findings"]


def test_a_recommendation_without_a_reason_is_refused(demo):
    path = demo / DEMO_RECORD
    text = path.read_text(encoding="utf-8")
    start = text.index("    alasan: \"Umpan balik")
    path.write_text(text[:start], encoding="utf-8")  # the last recommendation loses its reason
    result, findings = _validate(demo)
    assert result.code == 1
    [f] = [f for f in findings if f["file"] == DEMO_RECORD and f["severity"] == "error"]
    assert f["code"] == "schema-required" and "alasan" in f["message"]
    assert f["line"] == text[:start].splitlines().index("  - pegawai: disdik-0042") + 1


def test_ratings_before_must_be_the_evaluations(demo):
    edit(demo, DEMO_RECORD, "      rating_hasil_kerja: di_bawah_ekspektasi\n", "      rating_hasil_kerja: sesuai_ekspektasi\n")
    result, findings = _validate(demo)
    assert result.code == 1
    assert [(f["code"], f["severity"]) for f in findings if f["file"] == DEMO_RECORD] == [("calibration-invalid", "error"), ("calibration-invalid", "warning")]


def test_a_person_is_in_at_most_one_record_per_period(demo):
    write(demo, "calibrations/2026/triwulan_2/setda.yml", NEW_RECORD.replace("unit: disdik", "unit: setda").replace("triwulan_3", "triwulan_2")
          .replace("disdik-0043", "disdik-0008"))
    result, findings = _validate(demo)
    messages = [f["message"] for f in findings if f["file"] == "calibrations/2026/triwulan_2/setda.yml" and f["code"] == "calibration-invalid"]
    assert any("hanya ada di satu catatan kalibrasi" in m for m in messages)
    assert any("tidak termasuk kelompok penilaian setda" in m for m in messages)


def test_members_of_the_session_must_be_in_the_tim(demo):
    edit(demo, DEMO_RECORD, "  - disdik-0002\ncatatan", "  - disdik-0042\ncatatan")
    _, findings = _validate(demo)
    assert [f["message"] for f in findings if f["file"] == DEMO_RECORD and "disdik-0042 tidak tercatat" in f["message"]]


# --- the score -------------------------------------------------------------------------------


def _score(root):
    out = run_kinerja("score", "--format", "json", "--akar", str(root), "--tahun", "2026", "--periode", "triwulan_2").out
    return {e["pegawai"]: e for e in json.loads(out)["evaluations"]}


def test_an_enacted_recommendation_changes_the_predikat_and_names_its_record(demo):
    scores = _score(demo)
    agus = scores["disdik-0008"]
    # before: di bawah x sesuai = Butuh Perbaikan; the enacted recommendation: sesuai x sesuai = Baik
    assert agus["rating_sebelum"] == {"rating_hasil_kerja": "di_bawah_ekspektasi", "rating_perilaku_kerja": "sesuai_ekspektasi"}
    assert (agus["rating_hasil_kerja"], agus["predikat"]) == ("sesuai_ekspektasi", "baik")
    own = "evaluations/2026/triwulan_2/disdik-0008.yml"
    overall = {k: v for k, v in agus["sumber_rating"].items() if not k.startswith("rhk:")}
    assert overall == {"rating_hasil_kerja": DEMO_RECORD, "rating_perilaku_kerja": own}
    # the calibration sets the overall ratings only: every per-RHK rating stays the evaluation's own
    assert {v for k, v in agus["sumber_rating"].items() if k.startswith("rhk:")} <= {own}
    # not yet enacted: no effect
    siti = scores["disdik-0042"]
    assert siti["predikat"] == "sangat_baik" and siti["rating_sebelum"] is None
    assert set(siti["sumber_rating"].values()) == {"evaluations/2026/triwulan_2/disdik-0042.yml"}
    text = run_kinerja("score", "--akar", str(demo), "--tahun", "2026", "--periode", "triwulan_2").out
    assert f"disdik-0008.yml: rating hasil kerja di bawah ekspektasi → sesuai ekspektasi ({DEMO_RECORD})" in text


def test_enacting_the_pending_one_lowers_the_predikat(demo):
    edit(demo, DEMO_RECORD, PENDING, ENACT)
    siti = _score(demo)["disdik-0042"]
    # di atas x sesuai = Baik
    assert (siti["rating_perilaku_kerja"], siti["predikat"]) == ("sesuai_ekspektasi", "baik")
    assert siti["sumber_rating"]["rating_perilaku_kerja"] == DEMO_RECORD


def test_an_enactment_by_someone_else_than_the_penilai_has_no_effect(demo):
    edit(demo, DEMO_RECORD, "      oleh: disdik-0007\n", "      oleh: disdik-0005\n")
    assert _score(demo)["disdik-0008"]["predikat"] == "butuh_perbaikan"
    _, findings = _validate(demo)
    assert any(f["code"] == "calibration-invalid" and "disdik-0007" in f["message"] for f in findings)
