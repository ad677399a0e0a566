"""Issue 11 items 7-9 and issue 17's unnoticed authz breakings, each an attack on a real git repository.

Every test first states the attack as a PR (real branch, real commit) and then the verdict the
base revision's rules must give."""

from __future__ import annotations

from review_helpers import ACCOUNTS, T3, check_change, commit_all, decision, edit, start_pr, verdicts, write

SITI_PLAN = "plans/2026/disdik-0042.yml"  # approved; its IKIs are evaluated in the closed triwulan_1 and _2
YULI_T3 = f"{T3}/disdik-0044.yml"  # draft, penilai disdik-0040
RAHMAT_FIRST = "plans/2026/kominfo-0031.yml"  # first position, Jan-Jun 2026, penilai kominfo-0010
RAHMAT_SECOND = "plans/2026/kominfo-0031.2026-07-01.yml"  # second position from July, penilai disdik-0002
MEGA_T3 = f"{T3}/bkpsdm-0021.yml"  # admin bkpsdm-0021, final, penilai bkpsdm-0010
FAJAR_T3 = f"{T3}/bkpsdm-0020.yml"  # admin bkpsdm-0020, final, penilai bkpsdm-0010
KOREKSI = "koreksi:\n  - oleh: {who}\n    tanggal: 2026-11-27\n    alasan: \"Salah ketik rating (berita acara).\"\n"
ACCOUNTS.setdefault("rahmat", ("kt-demo-rahmat", 91000074))


def _pr(repo, *steps):
    start_pr(repo)
    for step in steps:
        step(repo)
    commit_all(repo, "pr")


def _add(repo, rel, text):
    (repo / rel).write_text((repo / rel).read_text(encoding="utf-8") + text, encoding="utf-8")


# --- 7. demoting an approved plan ------------------------------------------------------------------


def test_setting_an_approved_plan_back_to_draft_needs_the_penilai(demo_git):
    _pr(demo_git, lambda r: edit(r, RAHMAT_SECOND, "status: disetujui", "status: draf"))
    result, doc = check_change(demo_git, "rahmat")
    d = decision(doc, RAHMAT_SECOND)
    assert (d["code"], d["role"]) == ("authz-allowed", "pemilik"), d
    assert d["requires"] == [{"label": "pejabat penilai", "people": ["disdik-0002"]}]
    assert "dikembalikan ke draf" in d["message"]


def test_deleting_her_own_approved_plan_needs_the_penilai(demo_git):
    _pr(demo_git, lambda r: (r / RAHMAT_SECOND).unlink())
    result, doc = check_change(demo_git, "rahmat")
    d = decision(doc, RAHMAT_SECOND)
    assert d["code"] == "authz-allowed" and d["requires"] == [{"label": "pejabat penilai", "people": ["disdik-0002"]}]


def test_lowering_a_target_evaluated_in_a_closed_period_is_refused(demo_git):
    """The attack: back to draf (no approval needed before) and target 6 -> 2 proyek; the closed
    triwulans' published capaian would jump (2 of 6 proyek = 33% becomes 100%)."""
    def change(r):
        edit(r, SITI_PLAN, "status: disetujui", "status: draf")
        edit(r, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 2, satuan: "proyek"}')

    _pr(demo_git, change)
    for who in ("siti", "fajar"):  # the owner, and an admin too: retire and add instead
        result, doc = check_change(demo_git, who)
        assert result.code == 1, who
        d = decision(doc, SITI_PLAN)
        assert d["code"] == "authz-locked", d
        assert "rhk-1/iki-1" in d["message"] and "berlaku_sampai" in d["message"]
        assert "evaluations/2026/triwulan_" in d["message"]


def test_turning_an_evaluated_iki_into_lower_is_better_is_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}',
                                 'target: {nilai: 6, satuan: "proyek"}\n        lebih_kecil_lebih_baik: true'))
    result, doc = check_change(demo_git, "siti")
    assert verdicts(doc) == {SITI_PLAN: "authz-locked"}


def test_deleting_a_plan_whose_ikis_were_evaluated_in_a_closed_period_is_refused(demo_git):
    _pr(demo_git, lambda r: (r / SITI_PLAN).unlink())
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1 and verdicts(doc) == {SITI_PLAN: "authz-locked"}


def test_a_target_evaluated_only_in_open_periods_may_change_with_the_penilai(demo_git):
    # the second position starts in July: triwulan_3 is open, nothing of it is locked
    text = (demo_git / RAHMAT_SECOND).read_text(encoding="utf-8")
    start = text.index("target: {nilai: ")
    old = text[start:text.index("}", start) + 1]
    new = old.replace("nilai: ", "nilai: 1", 1)
    _pr(demo_git, lambda r: edit(r, RAHMAT_SECOND, old, new))
    result, doc = check_change(demo_git, "rahmat")
    assert result.code == 0, result
    assert decision(doc, RAHMAT_SECOND)["requires"] == [{"label": "pejabat penilai", "people": ["disdik-0002"]}]


# --- 9. the first position's approver after a transfer ---------------------------------------------


def test_first_position_plan_needs_the_penilai_of_that_position(demo_git):
    """Rahmat moved on 1 July; his first plan (Jan-Jun) is approved by kominfo-0010, not by the
    new supervisor disdik-0002 who is in force 'today' (2026-11-28)."""
    _pr(demo_git, lambda r: edit(r, RAHMAT_FIRST, "pendekatan:", "# revisi\npendekatan:"))
    result, doc = check_change(demo_git, "rahmat")
    assert result.code == 0, result
    assert decision(doc, RAHMAT_FIRST)["requires"] == [{"label": "pejabat penilai", "people": ["kominfo-0010"]}]


def test_moving_the_plan_range_needs_the_penilai_of_both_ranges(demo_git):
    _pr(demo_git, lambda r: edit(r, RAHMAT_FIRST, "selesai: 2026-06-30", "selesai: 2026-12-31"))
    result, doc = check_change(demo_git, "rahmat")
    people = sorted(p for req in decision(doc, RAHMAT_FIRST)["requires"] for p in req["people"])
    assert people == ["disdik-0002", "kominfo-0010"]
    assert len(decision(doc, RAHMAT_FIRST)["requires"]) == 2  # both must approve, not either


# --- 8. admins rating admins -------------------------------------------------------------------------


def test_admin_cannot_write_another_admins_ratings_without_koreksi(demo_git):
    t4 = "evaluations/2026/triwulan_4/bkpsdm-0021.yml"
    _pr(demo_git, lambda r: write(r, t4, (r / MEGA_T3).read_text(encoding="utf-8").replace("triwulan_3", "triwulan_4")
                                  .replace("status: final", "status: draf")))
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 1
    d = decision(doc, t4)
    assert d["code"] == "authz-not-penilai" and "koreksi" in d["message"] and "bkpsdm-0010" in d["message"]


def test_admin_correction_of_another_admins_rating_never_counts_her_approval(demo_git):
    def change(r):
        edit(r, MEGA_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
        _add(r, MEGA_T3, KOREKSI.format(who="bkpsdm-0020"))

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "fajar")
    d = decision(doc, MEGA_T3)
    assert d["code"] == "authz-allowed"
    # the only other admin is the rated one: she cannot approve her own rating (nobody here can)
    assert d["requires"] == [{"label": "admin lain", "people": []}]


def test_admin_cannot_correct_her_own_rating(demo_git):
    def change(r):
        edit(r, FAJAR_T3, "rating_hasil_kerja: di_atas_ekspektasi", "rating_hasil_kerja: sesuai_ekspektasi")
        _add(r, FAJAR_T3, KOREKSI.format(who="bkpsdm-0020"))

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 1
    d = decision(doc, FAJAR_T3)
    assert d["code"] == "authz-not-penilai" and "diri sendiri" in d["message"]


def test_admin_editing_another_persons_plan_never_needs_only_that_person(demo_git):
    _pr(demo_git, lambda r: edit(r, "plans/2026/bkpsdm-0021.yml", "pendekatan:", "# x\npendekatan:"))
    result, doc = check_change(demo_git, "fajar")
    assert decision(doc, "plans/2026/bkpsdm-0021.yml")["requires"] == [{"label": "admin lain", "people": []}]


# --- issue 17: a penilai adding a koreksi ------------------------------------------------------------


def test_penilai_adding_a_koreksi_naming_an_admin_is_refused(demo_git):
    _pr(demo_git, lambda r: _add(r, YULI_T3, KOREKSI.format(who="bkpsdm-0020")))
    result, doc = check_change(demo_git, "kepsek")
    assert result.code == 1
    d = decision(doc, YULI_T3)
    assert d["allowed"] is False and "koreksi hanya dibuat admin" in d["message"]


# --- a file that does not parse cannot be judged part by part --------------------------------------


def test_an_unreadable_evaluation_is_refused_for_its_owner_and_passes_as_an_admins_change(demo_git):
    _pr(demo_git, lambda r: _add(r, YULI_T3, "rusak: [tidak ditutup\n"))
    result, doc = check_change(demo_git, "yuliana")
    d = decision(doc, YULI_T3)
    assert result.code == 1 and d["code"] == "authz-unreadable", d
    assert "tidak dapat dibaca" in d["message"]
    result, doc = check_change(demo_git, "fajar")
    d = decision(doc, YULI_T3)
    assert d["code"] != "authz-unreadable" and d["role"] == "admin", d
