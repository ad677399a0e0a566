"""review/authz.py in process: the Decider's verdict on one changed file, for each rule of the
module's docstring (fast enough for mutation testing; the same rules as real PRs through the
CLI are in test_check_change.py and test_authz_rules.py).

The base revision is the demo regency committed once to a real git repository (the closed
periods' evaluations are read from it); each change is a before/after pair of file contents.
Expected verdicts are worked out by hand from the demo's organisation data:
- disdik-0044 (Yuliana), disdik-0042 (Siti), disdik-0043 (Bambang): staff rated by disdik-0040
  (the head of SDN 12), who is rated by disdik-0005;
- kominfo-0031 (Rahmat): first position Jan-Jun 2026 rated by kominfo-0010, second from July
  rated by disdik-0002; kominfo-0040 (Nadia): a draft plan;
- admins bkpsdm-0020 (Fajar) and bkpsdm-0021 (Mega), both rated by bkpsdm-0010;
- tim penilai kinerja bkpsdm-0010, bkpsdm-0020, setda-0010, disdik-0002;
- 2026 triwulan_1 and triwulan_2 are closed; in triwulan_3 Yuliana's evaluation is a draft,
  Siti's is final; disdik-bid-sd's parent unit is disdik, headed by disdik-0001.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest
from kthelpers import copy_demo, git

from kinerja.review import gitrev
from kinerja.review.authz import ADMIN, OWNER, PARENT_HEAD, PENILAI, Actor, Decider, Verdict, identify
from kinerja.review.orgdata import OrgData, load_org

TODAY = date(2026, 11, 28)
T3 = "evaluations/2026/triwulan_3"
YULI = f"{T3}/disdik-0044.yml"  # draft, penilai disdik-0040
SITI_T3 = f"{T3}/disdik-0042.yml"  # final, penilai disdik-0040
SITI_T2 = "evaluations/2026/triwulan_2/disdik-0042.yml"  # closed period
SITI_PLAN = "plans/2026/disdik-0042.yml"  # approved; its IKIs were evaluated in closed periods
NADIA_PLAN = "plans/2026/kominfo-0040.yml"  # draft
RAHMAT_FIRST = "plans/2026/kominfo-0031.yml"  # approved, Jan-Jun (penilai kominfo-0010)
RAHMAT_SECOND = "plans/2026/kominfo-0031.2026-07-01.yml"  # approved, from July (penilai disdik-0002)
CALIB = "calibrations/2026/triwulan_2/disdik.yml"
KOREKSI = "koreksi:\n  - oleh: {who}\n    tanggal: 2026-11-27\n    alasan: \"Salah ketik rating (berita acara).\"\n"
ABSENT = object()
# the setting as read from organisation/instansi.yml: a string built at run time, not a constant
# (so a comparison by identity, `is`, with the module's constant does not pass for `==`)
ATASAN_APPROVES = "".join(["atasan_", "pejabat_penilai"])


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    repo = copy_demo(tmp_path_factory.mktemp("authz") / "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "demo")
    sha = gitrev.resolve(repo, "main")
    return SimpleNamespace(repo=repo, data=load_org(repo, sha), tree=gitrev.tree(repo, sha))


def text(base, rel: str) -> str:
    return (base.repo / rel).read_text(encoding="utf-8")


def edited(base, rel: str, old: str, new: str) -> str:
    t = text(base, rel)
    assert old in t, (old, rel)
    return t.replace(old, new, 1)


def decide(base, who: str, rel: str, after, before=None, *, after_mode=gitrev.REGULAR, before_mode=gitrev.REGULAR,
           data: OrgData | None = None, tree: dict | None = None, login: str | None = None, gid: int = 1,
           today: date = TODAY):
    """The decision on `rel` changed from `before` (default: its base content; ABSENT: a new
    file) to `after` (text, or ABSENT: deleted), made by person `who`."""
    data = data or base.data
    blobs = {}

    def entry(content, mode):
        if content is ABSENT:
            return None
        raw = content.encode("utf-8")
        sha = hashlib.sha1(raw).hexdigest()
        blobs[sha] = raw
        return gitrev.Entry(mode, sha)

    if before is None:
        before = text(base, rel) if (base.repo / rel).exists() else ABSENT
    actor = Actor(login or who, gid, data.org.person(who))
    decider = Decider(data, actor, today, blobs, base.repo, base.tree if tree is None else tree)
    return decider.decide(gitrev.Change(rel, entry(before, before_mode), entry(after, after_mode)))


def req(d):
    return [(r.label, sorted(r.people)) for r in d.requires]


# --- files outside the data ----------------------------------------------------------------------


@pytest.mark.parametrize("rel", [".github/workflows/validate.yml", "organisation/instansi.yml", "README.md",
                                 "scripts/kinerja/x.py", "docs/a.md"])
def test_files_outside_the_data_change_only_through_admins(base, rel):
    d = decide(base, "disdik-0044", rel, "x: 1\n")
    assert (d.allowed, d.code) == (False, "authz-admin-only")
    d = decide(base, "bkpsdm-0020", rel, "x: 1\n")
    assert (d.allowed, d.code, d.role) == (True, "authz-allowed", ADMIN)
    assert req(d) == [("admin lain", ["bkpsdm-0021"])]  # never the actor herself


@pytest.mark.parametrize("rel", ["zzz.txt", "plans/2026/catatan.txt", "evaluations/2026/triwulan_3/x/y.yml",
                                 "plans/2026/disdik-0044\x01.yml", "docs/a\x01.md"])  # unprintable: unknown wherever it is
def test_unknown_paths_are_refused_for_everyone_but_admins(base, rel):
    d = decide(base, "disdik-0044", rel, "x: 1\n", ABSENT)
    assert (d.allowed, d.code) == (False, "authz-path")
    d = decide(base, "bkpsdm-0021", rel, "x: 1\n", ABSENT)
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0020"])]


@pytest.mark.parametrize("name, ok", [
    ("kominfo-0031.2026-02-30.yml", False),  # not a date
    ("kominfo-0031.2027-01-01.yml", False),  # outside the file's year
    ("kominfo-0031.2026-12-31.yml", True),  # the last day of the year is inside it
    ("kominfo-0031.2026-01-01.yml", True),
    ("kominfo-0031.2025-12-31.yml", False),  # before the file's year
])
def test_a_dated_plan_name_must_fall_inside_its_year(base, name, ok):
    rel = f"plans/2026/{name}"
    after = text(base, RAHMAT_SECOND).replace("status: disetujui", "status: draf")
    d = decide(base, "kominfo-0031", rel, after, ABSENT)
    if ok:
        assert (d.allowed, d.role) == (True, OWNER), d
    else:
        assert (d.allowed, d.code) == (False, "authz-path") and "Tanggal" in d.message
        d = decide(base, "bkpsdm-0020", rel, after, ABSENT)
        assert (d.allowed, d.role) == (True, ADMIN) and "tidak lazim" in d.message


@pytest.mark.parametrize("mulai, ok", [("2026-09-30", True), ("2026-10-01", False)])
def test_a_dated_evaluation_must_start_inside_its_period(base, mulai, ok):
    # triwulan_3 is July-September: a position starting on its last day is in it, one starting after is not
    rel = f"{T3}/disdik-0044.{mulai}.yml"
    own_part = text(base, YULI).split("penilaian:")[0]  # a new file with her realisasi only
    d = decide(base, "disdik-0044", rel, own_part, ABSENT)
    assert d.allowed is ok, d
    if not ok:
        assert d.code == "authz-path"


# --- plans -----------------------------------------------------------------------------------------


def test_own_draft_plan_needs_no_approval(base):
    d = decide(base, "kominfo-0040", NADIA_PLAN, edited(base, NADIA_PLAN, "nilai: 4,", "nilai: 5,"))
    assert (d.allowed, d.code, d.role, d.requires) == (True, "authz-allowed", OWNER, ())
    assert "draf" in d.message


def test_own_approved_plan_needs_the_penilai_in_force(base):
    d = decide(base, "kominfo-0031", RAHMAT_SECOND, text(base, RAHMAT_SECOND) + "# catatan\n")
    assert (d.allowed, d.role) == (True, OWNER)
    assert req(d) == [("pejabat penilai", ["disdik-0002"])] and "berstatus disetujui" in d.message
    assert "disdik-0002 (" in d.message  # the penilai is named


def test_submitting_a_draft_plan_for_approval_needs_the_penilai(base):
    d = decide(base, "kominfo-0040", NADIA_PLAN, edited(base, NADIA_PLAN, "status: draf", "status: disetujui"))
    assert req(d) == [("pejabat penilai", ["kominfo-0010"])] and "berstatus disetujui" in d.message


def test_an_ended_position_plan_is_approved_by_the_penilai_of_its_last_day(base):
    # Rahmat's first position ended on 30 June: today (November) his penilai is disdik-0002,
    # but the plan of January-June is the business of kominfo-0010
    d = decide(base, "kominfo-0031", RAHMAT_FIRST, text(base, RAHMAT_FIRST) + "# catatan\n")
    assert req(d) == [("pejabat penilai", ["kominfo-0010"])]


def test_a_one_day_plan_is_approved_by_the_penilai_of_that_day(base):
    # the plan's own period, one day in March: kominfo-0010 was Rahmat's penilai then (the
    # file's range is the whole year, whose penilai today is disdik-0002)
    after = edited(base, RAHMAT_FIRST, "  mulai: 2026-01-01\n  selesai: 2026-06-30", "  mulai: 2026-03-15\n  selesai: 2026-03-15")
    d = decide(base, "kominfo-0031", RAHMAT_FIRST, after)
    assert req(d) == [("pejabat penilai", ["kominfo-0010"])]


def test_moving_a_plans_period_needs_the_penilai_of_both_periods(base):
    # the first position's plan moved to the second half of the year: both penilai approve
    after = edited(base, RAHMAT_FIRST, "  mulai: 2026-01-01\n  selesai: 2026-06-30", "  mulai: 2026-07-01\n  selesai: 2026-12-31")
    d = decide(base, "kominfo-0031", RAHMAT_FIRST, after)
    assert req(d) == [("pejabat penilai", ["kominfo-0010"]), ("pejabat penilai", ["disdik-0002"])]
    assert "kominfo-0010 (" in d.message and "disdik-0002 (" in d.message


def test_a_stray_item_in_the_plan_does_not_hide_its_evaluated_targets(base):
    # a non-mapping item before the RHK: the evaluated targets after it are still compared (unchanged here)
    after = edited(base, SITI_PLAN, "hasil_kerja:\n", "hasil_kerja:\n  - \"catatan\"\n")
    d = decide(base, "disdik-0042", SITI_PLAN, after)
    assert (d.allowed, d.role) == (True, OWNER), d


def test_demoting_or_deleting_an_approved_plan_needs_the_penilai(base):
    d = decide(base, "kominfo-0031", RAHMAT_SECOND, edited(base, RAHMAT_SECOND, "status: disetujui", "status: draf"))
    assert req(d) == [("pejabat penilai", ["disdik-0002"])] and "dikembalikan ke draf atau dihapus" in d.message
    d = decide(base, "kominfo-0031", RAHMAT_SECOND, ABSENT)
    assert (d.allowed, d.role) == (True, OWNER) and req(d) == [("pejabat penilai", ["disdik-0002"])]


def test_an_unreadable_plan_counts_as_approved(base):
    # its status cannot be read, so the cautious reading: the penilai approves
    d = decide(base, "kominfo-0040", NADIA_PLAN, "status: [draf\n")
    assert (d.allowed, d.role) == (True, OWNER) and req(d) == [("pejabat penilai", ["kominfo-0010"])]


def test_someone_elses_plan_is_refused_and_admins_need_another_admin(base):
    after = edited(base, NADIA_PLAN, "nilai: 4,", "nilai: 5,")
    for who in ("kominfo-0010", "disdik-0044"):  # her penilai gives advice in a review, not edits
        d = decide(base, who, NADIA_PLAN, after)
        assert (d.allowed, d.code) == (False, "authz-not-owner") and "kominfo-0040 (" in d.message
    d = decide(base, "bkpsdm-0020", NADIA_PLAN, after)
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]
    # an admin's change to another admin's plan: that admin is its subject and cannot approve it
    fajar = "plans/2026/bkpsdm-0020.yml"
    d = decide(base, "bkpsdm-0021", fajar, text(base, fajar) + "# x\n")
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", [])]


def test_plan_content_naming_another_person_is_refused(base):
    d = decide(base, "kominfo-0040", NADIA_PLAN, edited(base, NADIA_PLAN, "pegawai: kominfo-0040", "pegawai: kominfo-0031"))
    assert (d.allowed, d.code) == (False, "authz-content-mismatch")
    assert "pegawai" in d.message and "kominfo-0040" in d.message


def test_a_target_evaluated_in_a_closed_period_is_locked(base):
    after = edited(base, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 2, satuan: "proyek"}')
    for who in ("disdik-0042", "bkpsdm-0020"):  # the owner, and an admin too
        d = decide(base, who, SITI_PLAN, after)
        assert (d.allowed, d.code) == (False, "authz-locked"), who
        assert "rhk-1/iki-1" in d.message and "evaluations/2026/triwulan_1/disdik-0042.yml" in d.message
    # the direction counts as part of the target
    d = decide(base, "disdik-0042", SITI_PLAN, edited(base, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}',
                                                       'target: {nilai: 6, satuan: "proyek"}\n        lebih_kecil_lebih_baik: true'))
    assert d.code == "authz-locked"
    # the plan's other text is not locked (the penilai approves as for any approved plan)
    d = decide(base, "disdik-0042", SITI_PLAN, text(base, SITI_PLAN) + "# catatan\n")
    assert (d.allowed, d.role) == (True, OWNER) and req(d) == [("pejabat penilai", ["disdik-0040"])]


def test_deleting_a_plan_with_evaluated_ikis_is_locked(base):
    d = decide(base, "disdik-0042", SITI_PLAN, ABSENT)
    assert (d.allowed, d.code) == (False, "authz-locked")


# --- evaluations: the two authors -----------------------------------------------------------------


def test_employee_writes_her_realisasi_with_the_penilais_approval(base):
    d = decide(base, "disdik-0044", YULI, edited(base, YULI, "realisasi: 82", "realisasi: 85"))
    assert (d.allowed, d.role) == (True, OWNER) and req(d) == [("pejabat penilai", ["disdik-0040"])]
    assert "Realisasi milik sendiri" in d.message


def test_employee_touching_only_the_header_needs_no_one(base):
    d = decide(base, "disdik-0044", YULI, text(base, YULI) + "# catatan\n")  # same data: no part changed
    assert (d.allowed, d.role, d.requires) == (True, OWNER, ()) and "tanpa perubahan realisasi" in d.message


def test_penilai_rates_and_sets_final_without_anyone_elses_approval(base):
    rated = edited(base, YULI, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    for after in (rated, edited(base, YULI, "status: draf", "status: final")):
        d = decide(base, "disdik-0040", YULI, after)
        assert (d.allowed, d.role, d.requires) == (True, PENILAI, ()), d
        assert "tidak menghalangi" in d.message and "disdik-0044 (" in d.message
    d = decide(base, "disdik-0040", YULI, text(base, YULI) + "# catatan\n")
    assert (d.allowed, d.role, d.requires) == (True, PENILAI, ()) and "tanpa perubahan penilaian" in d.message


def test_ratings_need_the_atasan_when_the_regency_asks_for_it(base):
    data = OrgData(replace(base.data.regency, rating_approval=ATASAN_APPROVES), base.data.org)
    rated = edited(base, YULI, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    d = decide(base, "disdik-0040", YULI, rated, data=data)
    assert (d.allowed, d.role) == (True, PENILAI) and req(d) == [("atasan pejabat penilai", ["disdik-0005"])]


def test_employee_cannot_rate_herself_or_set_final(base):
    for after in (edited(base, YULI, "status: draf", "status: final"),
                  edited(base, YULI, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")):
        d = decide(base, "disdik-0044", YULI, after)
        assert (d.allowed, d.code) == (False, "authz-not-penilai")
        assert "Anda tidak boleh menilai diri sendiri" in d.message and "disdik-0040 (" in d.message


def test_penilai_cannot_write_the_realisasi(base):
    after = edited(base, YULI, "realisasi: 82", "realisasi: 85")
    d = decide(base, "disdik-0040", YULI, after)
    assert (d.allowed, d.code) == (False, "authz-not-owner")
    assert "realisasi hanya diisi pegawai itu sendiri (disdik-0044 (" in d.message
    # both parts in one change: refused for the realisasi part
    both = after.replace("rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    d = decide(base, "disdik-0040", YULI, both)
    assert (d.allowed, d.code) == (False, "authz-not-owner") and "realisasi hanya diisi" in d.message
    assert "penilaian dan status final" not in d.message


def test_a_peer_can_write_neither_part(base):
    d = decide(base, "disdik-0043", YULI, edited(base, YULI, "realisasi: 82", "realisasi: 85"))
    assert (d.allowed, d.code) == (False, "authz-not-owner")
    d = decide(base, "disdik-0043", YULI, edited(base, YULI, "status: draf", "status: final"))
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "Anda tidak boleh menilai diri sendiri" not in d.message and "penilaian dan status final" in d.message
    assert "admin mengubah penilaian" not in d.message  # she is no admin


def test_only_admins_write_koreksi_and_unknown_keys_are_refused(base):
    # a penilai adding a koreksi (validation would accept one that names an admin)
    d = decide(base, "disdik-0040", YULI, text(base, YULI) + KOREKSI.format(who="bkpsdm-0020"))
    assert (d.allowed, d.code) == (False, "authz-not-owner") and "catatan koreksi hanya dibuat admin" in d.message
    d = decide(base, "disdik-0044", YULI, text(base, YULI) + "bonus: 1\n")
    assert (d.allowed, d.code) == (False, "authz-not-owner") and "kunci yang tidak dikenal" in d.message


def test_someone_unrelated_is_told_whose_evaluation_it_is(base):
    d = decide(base, "disdik-0043", YULI, text(base, YULI).replace("pejabat_penilai: disdik-0040", "pejabat_penilai: disdik-0005"))
    assert (d.allowed, d.code) == (False, "authz-not-owner")
    assert "evaluasi ini milik disdik-0044 (" in d.message and "bukan pegawai itu maupun pejabat penilainya" in d.message


def test_admins_change_an_open_evaluation_but_rate_only_through_koreksi(base):
    d = decide(base, "bkpsdm-0020", YULI, edited(base, YULI, "realisasi: 82", "realisasi: 85"))
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]
    rated = edited(base, YULI, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    d = decide(base, "bkpsdm-0020", YULI, rated)
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "admin mengubah penilaian hanya lewat catatan koreksi" in d.message
    d = decide(base, "bkpsdm-0020", YULI, rated + KOREKSI.format(who="bkpsdm-0020"))
    assert (d.allowed, d.role) == (True, ADMIN) and "koreksi penilaian" in d.message
    assert req(d) == [("admin lain", ["bkpsdm-0021"])]
    d = decide(base, "bkpsdm-0020", YULI, rated + KOREKSI.format(who="bkpsdm-0021"))  # signed by someone else
    assert (d.allowed, d.code) == (False, "authz-not-penilai")


def test_an_unreadable_evaluation_passes_only_as_an_admins_change(base):
    d = decide(base, "disdik-0044", YULI, "realisasi: [1\n")
    assert (d.allowed, d.code) == (False, "authz-unreadable") and "Perbaiki dulu kesalahan" in d.message
    d = decide(base, "disdik-0044", YULI, text(base, YULI), before="realisasi: [1\n")
    assert (d.allowed, d.code) == (False, "authz-unreadable")
    d = decide(base, "bkpsdm-0020", YULI, "realisasi: [1\n")
    assert (d.allowed, d.role) == (True, ADMIN) and "tidak terbaca" in d.message


def test_evaluation_content_naming_another_person_is_refused(base):
    d = decide(base, "disdik-0044", YULI, edited(base, YULI, "pegawai: disdik-0044", "pegawai: disdik-0042"))
    assert (d.allowed, d.code) == (False, "authz-content-mismatch")


@pytest.mark.parametrize("mode, what", [(gitrev.EXECUTABLE, "berkas executable"), (gitrev.SYMLINK, "tautan simbolik"),
                                        (gitrev.SUBMODULE, "submodule")])
def test_data_files_are_regular_files(base, mode, what):
    d = decide(base, "disdik-0044", YULI, text(base, YULI), after_mode=mode)
    assert (d.allowed, d.code) == (False, "authz-path") and what in d.message
    d = decide(base, "disdik-0044", YULI, text(base, YULI), before_mode=mode)  # turning one back is refused too
    assert (d.allowed, d.code) == (False, "authz-path")
    d = decide(base, "bkpsdm-0020", YULI, text(base, YULI), after_mode=mode)
    assert (d.allowed, d.role) == (True, ADMIN) and "jenis berkas khusus" in d.message


def test_a_special_file_changing_kind_is_named_by_its_base_side(base):
    # a symlink turned into an executable: the message names what the file was (the first side)
    d = decide(base, "disdik-0044", YULI, text(base, YULI), before_mode=gitrev.SYMLINK, after_mode=gitrev.EXECUTABLE)
    assert (d.allowed, d.code) == (False, "authz-path")
    assert "tautan simbolik" in d.message and "executable" not in d.message


# --- closed periods and final evaluations ------------------------------------------------------------


def test_closed_and_final_evaluations_are_locked_for_everyone_but_admins(base):
    d = decide(base, "disdik-0042", SITI_T2, edited(base, SITI_T2, "status: final", "status: draf"))
    assert (d.allowed, d.code) == (False, "authz-locked") and "periode ini sudah ditutup" in d.message
    d = decide(base, "disdik-0040", SITI_T3, text(base, SITI_T3) + "# x\n")  # final, in an open period
    assert (d.allowed, d.code) == (False, "authz-locked") and "evaluasi ini sudah final" in d.message
    # a new file in a closed period (e.g. a rename into it) is locked too
    d = decide(base, "disdik-0044", "evaluations/2026/triwulan_2/disdik-0044.2026-05-01.yml", text(base, YULI), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-locked")


def test_a_locked_file_is_never_deleted_even_by_admins(base):
    for rel in (SITI_T3, SITI_T2, "unit-results/2026/triwulan_1/disdik.yml"):
        d = decide(base, "bkpsdm-0020", rel, ABSENT)
        assert (d.allowed, d.code) == (False, "authz-locked") and "juga oleh admin" in d.message, rel


def test_an_admin_correction_appends_her_own_koreksi(base):
    changed = edited(base, SITI_T3, "realisasi: 6", "realisasi: 5")
    d = decide(base, "bkpsdm-0020", SITI_T3, changed)
    assert (d.allowed, d.code) == (False, "authz-koreksi-missing") and "oleh: bkpsdm-0020" in d.message
    d = decide(base, "bkpsdm-0020", SITI_T3, changed + KOREKSI.format(who="bkpsdm-0021"))
    assert (d.allowed, d.code) == (False, "authz-koreksi-missing")
    d = decide(base, "bkpsdm-0020", SITI_T3, changed + KOREKSI.format(who="bkpsdm-0020"))
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]
    assert "terkunci (evaluasi ini sudah final)" in d.message
    # an existing koreksi is never edited
    with_one = changed + KOREKSI.format(who="bkpsdm-0020")
    d = decide(base, "bkpsdm-0020", SITI_T3, with_one.replace("2026-11-27", "2026-11-26"), before=with_one)
    assert (d.allowed, d.code) == (False, "authz-koreksi-missing") and "sudah ada" in d.message


def test_an_admin_does_not_correct_her_own_rating(base):
    fajar = f"{T3}/bkpsdm-0020.yml"
    rated = text(base, fajar).replace("rating_perilaku_kerja: di_atas_ekspektasi", "rating_perilaku_kerja: sesuai_ekspektasi")
    assert rated != text(base, fajar)
    d = decide(base, "bkpsdm-0020", fajar, rated + KOREKSI.format(who="bkpsdm-0020"))
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    # the other admin corrects it (Fajar, the subject, cannot approve it: no admin is left to)
    d = decide(base, "bkpsdm-0021", fajar, rated + KOREKSI.format(who="bkpsdm-0021"))
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", [])]  # Fajar is the subject


def test_an_admin_corrects_the_rating_of_someone_else_whatever_the_ids_order(base):
    # Siti's final triwulan_3 rating corrected by either admin ("disdik-0042" sorts after both ids)
    rated = edited(base, SITI_T3, "rating_perilaku_kerja: di_atas_ekspektasi", "rating_perilaku_kerja: sesuai_ekspektasi")
    for me, other in (("bkpsdm-0020", "bkpsdm-0021"), ("bkpsdm-0021", "bkpsdm-0020")):
        d = decide(base, me, SITI_T3, rated + KOREKSI.format(who=me))
        assert (d.allowed, d.role) == (True, ADMIN), (me, d)
        assert req(d) == [("admin lain", [other])]


def test_a_correction_after_a_keberatan_also_needs_the_atasan_of_the_penilai(base):
    changed = edited(base, SITI_T3, "realisasi: 6", "realisasi: 5") + KOREKSI.format(who="bkpsdm-0020") + "    keberatan: true\n"
    d = decide(base, "bkpsdm-0020", SITI_T3, changed)
    assert d.allowed, d
    # Siti's penilai is disdik-0040, whose own penilai on 30 September is disdik-0005
    assert req(d) == [("admin lain", ["bkpsdm-0021"]), ("atasan pejabat penilai (pemutus keberatan)", ["disdik-0005"])]


# --- unit results and calibration records ------------------------------------------------------------


def _unit_result(base, unit):
    return text(base, f"unit-results/2026/triwulan_3/disdik.yml").replace("unit: disdik", f"unit: {unit}")


def test_the_head_of_the_parent_unit_writes_a_units_predikat(base):
    rel = "unit-results/2026/triwulan_3/disdik-bid-sd.yml"
    after = _unit_result(base, "disdik-bid-sd")
    d = decide(base, "disdik-0001", rel, after, ABSENT)  # head of disdik
    assert (d.allowed, d.role) == (True, PARENT_HEAD) and req(d) == [("admin", ["bkpsdm-0020", "bkpsdm-0021"])]
    d = decide(base, "disdik-0005", rel, after, ABSENT)  # heads disdik-bid-sd itself, not its parent
    assert (d.allowed, d.code) == (False, "authz-unit-result") and "disdik-0001 (" in d.message
    d = decide(base, "bkpsdm-0020", rel, after, ABSENT)
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]
    d = decide(base, "disdik-0001", rel, _unit_result(base, "disdik-sekretariat"), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-content-mismatch")


def test_only_the_tim_writes_a_calibration_record(base):
    rel = "calibrations/2026/triwulan_3/disdik.yml"
    new = text(base, CALIB).replace("periode: triwulan_2", "periode: triwulan_3")
    new = new[: new.index("rekomendasi:")] + "rekomendasi: []\n"
    d = decide(base, "bkpsdm-0010", rel, new, ABSENT)
    assert (d.allowed, d.role) == (True, "tim_penilai_kinerja")
    assert req(d) == [("anggota tim penilai kinerja lain", ["bkpsdm-0020", "disdik-0002", "setda-0010"])]
    d = decide(base, "disdik-0040", rel, new, ABSENT)
    assert (d.allowed, d.code) == (False, "authz-calibration") and "bukan anggota tim" in d.message
    d = decide(base, "bkpsdm-0021", rel, new, ABSENT)
    assert (d.allowed, d.role) == (True, ADMIN)
    d = decide(base, "bkpsdm-0010", rel, new.replace("unit: disdik", "unit: dinkes"), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-content-mismatch")
    d = decide(base, "bkpsdm-0010", CALIB, text(base, CALIB) + "# x\n")  # no change of content
    assert (d.allowed, d.role, d.requires) == (True, "tim_penilai_kinerja", ())
    d = decide(base, "disdik-0043", CALIB, text(base, CALIB) + "# x\n")
    assert (d.allowed, d.code) == (False, "authz-calibration")


ENACT = "      rating_perilaku_kerja: sesuai_ekspektasi\n    alasan: \"Umpan balik perilaku"


def _enacted_by(base, who):
    t = text(base, CALIB)
    i = t.index("rekomendasi:\n      rating_perilaku_kerja")
    j = t.index("\n", t.index("alasan:", i))
    return t[: j + 1] + f"    diberlakukan:\n      oleh: {who}\n      tanggal: 2026-07-25\n" + t[j + 1:]


def test_only_the_persons_penilai_enacts_a_recommendation(base):
    # Siti's recommendation in triwulan_2 is not enacted yet; her penilai then was disdik-0040
    d = decide(base, "disdik-0040", CALIB, _enacted_by(base, "disdik-0040"))
    assert (d.allowed, d.role) == (True, PENILAI), d
    assert req(d) == [("pegawai yang dinilai (tanda telah membaca)", ["disdik-0042"])]
    assert "pejabat penilai disdik-0042" in d.message
    d = decide(base, "disdik-0040", CALIB, _enacted_by(base, "disdik-0005"))  # signed for someone else
    assert (d.allowed, d.code) == (False, "authz-calibration-enact")
    d = decide(base, "disdik-0040", CALIB, _enacted_by(base, "disdik-0099"))  # an id sorting after hers
    assert (d.allowed, d.code) == (False, "authz-calibration-enact")
    d = decide(base, "disdik-0005", CALIB, _enacted_by(base, "disdik-0005"))  # not her penilai
    assert (d.allowed, d.code) == (False, "authz-calibration-enact")
    # once enacted it stays: not even the penilai withdraws it
    d = decide(base, "disdik-0040", CALIB, text(base, CALIB), before=_enacted_by(base, "disdik-0040"))
    assert (d.allowed, d.code) == (False, "authz-calibration-enact")


def test_an_enacted_recommendation_is_not_rewritten_by_the_tim(base):
    # disdik-0008's recommendation was enacted by disdik-0007
    after = edited(base, CALIB, "tercatat di laporan Diskominfo", "tercatat")
    d = decide(base, "bkpsdm-0010", CALIB, after)
    assert (d.allowed, d.code) == (False, "authz-calibration") and "disdik-0008" in d.message
    # Siti's (not enacted) may still be rewritten
    d = decide(base, "bkpsdm-0010", CALIB, edited(base, CALIB, "hanya menyebut satu nilai dasar", "menyebut satu nilai"))
    assert (d.allowed, d.role) == (True, "tim_penilai_kinerja")


def test_a_calibration_koreksi_is_written_only_by_admins(base):
    d = decide(base, "bkpsdm-0010", CALIB, text(base, CALIB) + KOREKSI.format(who="bkpsdm-0020"))
    assert (d.allowed, d.code) == (False, "authz-koreksi-missing")
    d = decide(base, "bkpsdm-0010", CALIB, "rekomendasi: [\n")
    assert (d.allowed, d.code) == (False, "authz-unreadable")


# --- who is acting -----------------------------------------------------------------------------------


def test_the_numeric_account_id_decides_who_acts(base):
    data = base.data
    a = identify(data, "kt-demo-siti", 91000042)
    assert a.person.id == "disdik-0042" and a.problem is None
    a = identify(data, "kt-demo-siti-baru", 91000042)  # renamed login, same account
    assert a.person is None and a.problem[0] == "authz-login-stale" and "disdik-0042" in a.problem[1]
    a = identify(data, "KT-DEMO-SITI", 5)  # the login of someone else's account (compared case-insensitively)
    assert a.person is None and a.problem[0] == "authz-actor-unknown" and "id angka lain" in a.problem[1]
    assert "untuk disdik-0042 dengan id angka lain (91000042)" in a.problem[1]
    a = identify(data, "orang-lain", 5)
    assert a.person is None and a.problem[0] == "authz-actor-unknown" and "tidak terdaftar" in a.problem[1]


def test_a_verdict_is_allowed_only_when_every_file_is(base):
    ok = decide(base, "disdik-0044", YULI, edited(base, YULI, "realisasi: 82", "realisasi: 85"))
    bad = decide(base, "disdik-0044", "README.md", "x")
    me = Actor("kt-demo-yuliana", 91000044, base.data.org.person("disdik-0044"))
    assert Verdict(me, [ok], "a", "b", base.data).allowed is True
    assert Verdict(me, [ok, bad], "a", "b", base.data).allowed is False
    assert Verdict(Actor("x", 1, None, ("authz-actor-unknown", "m")), [ok], "a", "b", base.data).allowed is False


def _t4(base, pid):
    """A new triwulan_4 evaluation of `pid` (an open period), ratings included."""
    t = text(base, f"{T3}/{pid}.yml").replace("periode: triwulan_3", "periode: triwulan_4")
    return t.replace("status: final", "status: draf")


@pytest.mark.parametrize("subject", ["bkpsdm-0010", "disdik-0044"])  # ids sorting before and after the admin's
def test_an_admin_rating_someone_else_is_told_to_use_a_koreksi(base, subject):
    d = decide(base, "bkpsdm-0020", f"evaluations/2026/triwulan_4/{subject}.yml", _t4(base, subject), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "admin mengubah penilaian hanya lewat catatan koreksi" in d.message
    assert "Anda tidak boleh menilai diri sendiri" not in d.message
    d = decide(base, "bkpsdm-0020", f"evaluations/2026/triwulan_4/{subject}.yml",
               _t4(base, subject) + KOREKSI.format(who="bkpsdm-0020"), ABSENT)
    assert (d.allowed, d.role) == (True, ADMIN) and "koreksi penilaian" in d.message


def test_an_admin_rating_herself_is_told_she_cannot(base):
    d = decide(base, "bkpsdm-0020", "evaluations/2026/triwulan_4/bkpsdm-0020.yml", _t4(base, "bkpsdm-0020"), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "Anda tidak boleh menilai diri sendiri" in d.message
    assert "admin mengubah penilaian" not in d.message
    # and no koreksi makes a self-rating right
    d = decide(base, "bkpsdm-0020", "evaluations/2026/triwulan_4/bkpsdm-0020.yml",
               _t4(base, "bkpsdm-0020") + KOREKSI.format(who="bkpsdm-0020"), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-not-penilai") and "Anda tidak boleh menilai diri sendiri" in d.message


def test_only_evaluation_files_lock_a_plans_targets(base):
    # a file deeper under a closed period (not an evaluation: the layout has none there) locks nothing
    tree = dict(base.tree)
    tree["evaluations/2026/triwulan_1/arsip/kominfo-0040.yml"] = base.tree["evaluations/2026/triwulan_1/kominfo-0031.yml"]
    d = decide(base, "kominfo-0040", NADIA_PLAN, edited(base, NADIA_PLAN, "nilai: 4,", "nilai: 5,"), tree=tree)
    assert (d.allowed, d.role) == (True, OWNER), d
    # the same content as her evaluation in the closed triwulan_1 locks the evaluated target
    tree = dict(base.tree)
    tree["evaluations/2026/triwulan_1/kominfo-0040.yml"] = base.tree["evaluations/2026/triwulan_1/kominfo-0031.yml"]
    d = decide(base, "kominfo-0040", NADIA_PLAN, edited(base, NADIA_PLAN, "nilai: 4,", "nilai: 5,"), tree=tree)
    assert (d.allowed, d.code) == (False, "authz-locked")


SITI_PERSON = "organisation/people/disdik-0042.yml"


def _account(base, login, gid):
    return edited(base, SITI_PERSON, "  login: kt-demo-siti\n  id: 91000042", f"  login: {login}\n  id: {gid}")


def test_a_registered_person_may_record_her_own_new_account_with_an_admins_approval(base):
    d = decide(base, "disdik-0042", SITI_PERSON, _account(base, "siti-baru", 555), login="siti-baru", gid=555)
    assert (d.allowed, d.role) == (True, "pemilik_akun") and req(d) == [("admin BKPSDM", ["bkpsdm-0020", "bkpsdm-0021"])]
    # any other change to her person file stays with the admins
    d = decide(base, "disdik-0042", SITI_PERSON, edited(base, SITI_PERSON, "Siti Rahmawati", "Siti R."))
    assert (d.allowed, d.code) == (False, "authz-admin-only")


def test_an_unregistered_account_registers_itself_in_one_person_file(base):
    from kinerja.review import authz

    raw = _account(base, "siti-baru", 555).encode("utf-8")
    sha = _hash_object(base.repo, raw)
    change = gitrev.Change(SITI_PERSON, base.tree[SITI_PERSON], gitrev.Entry(gitrev.REGULAR, sha))
    v = authz._registration(base.repo, base.data, Actor("siti-baru", 555, None), TODAY, [change], base.tree, "a", "b")
    assert v is not None and [(d.allowed, d.role) for d in v.decisions] == [(True, "pemilik_akun")]
    other = gitrev.Change("organisation/people/disdik-0043.yml", base.tree["organisation/people/disdik-0043.yml"],
                          gitrev.Entry(gitrev.REGULAR, sha))
    assert authz._registration(base.repo, base.data, Actor("siti-baru", 555, None), TODAY, [change, other],
                               base.tree, "a", "b") is None  # a second file that is no registration: the usual rules


def _hash_object(repo, raw: bytes) -> str:
    import subprocess

    return subprocess.run(["git", "hash-object", "-w", "--stdin"], cwd=repo, input=raw, capture_output=True,
                          check=True).stdout.decode().strip()


def test_a_parent_head_never_approves_her_own_units_predikat_as_admin(base):
    # bkpsdm-0001 heads bkpsdm: both admins approve her predikat for a bidang of bkpsdm
    rel = "unit-results/2026/triwulan_3/bkpsdm-bid-pkp.yml"
    after = _unit_result(base, "bkpsdm-bid-pkp")
    d = decide(base, "bkpsdm-0001", rel, after, ABSENT)
    assert (d.allowed, d.role) == (True, PARENT_HEAD) and req(d) == [("admin", ["bkpsdm-0020", "bkpsdm-0021"])]
    # were she an admin herself (the id read from another file, as it is), the other admins approve
    me = "".join(["bkpsdm-", "0001"])
    data = OrgData(replace(base.data.regency, admins=[me, "bkpsdm-0020"]), base.data.org)
    d = decide(base, "bkpsdm-0001", rel, after, ABSENT, data=data)
    assert (d.allowed, d.role) == (True, PARENT_HEAD) and req(d) == [("admin", ["bkpsdm-0020"])]


def test_the_atasan_who_approves_ratings_is_the_one_at_the_end_of_the_period(base):
    # dinkes-0011 rates dinkes-0020 in triwulan_3 but got her own penilai (dinkes-0005) only during it
    data = OrgData(replace(base.data.regency, rating_approval=ATASAN_APPROVES), base.data.org)
    t = text(base, f"{T3}/dinkes-0020.yml").replace("status: final", "status: draf")
    ratings_only = t[: t.index("realisasi:")] + t[t.index("penilaian:"):]  # a new file with the penilai's part only
    d = decide(base, "dinkes-0011", f"{T3}/dinkes-0020.2026-07-01.yml", ratings_only, ABSENT, data=data)
    assert (d.allowed, d.role) == (True, PENILAI) and req(d) == [("atasan pejabat penilai", ["dinkes-0005"])]


def test_check_change_reads_both_sides_and_keeps_the_registered_actor(base):
    from kinerja.review import authz

    repo = base.repo
    yuli, new_account, bambangs = (edited(base, YULI, "realisasi: 82", "realisasi: 85"), _account(base, "siti-baru", 555),
                                   _account(base, "kt-demo-bambang", 91000043))  # read before any checkout
    git(repo, "checkout", "-q", "-b", "pr-authz", "main")
    try:
        (repo / YULI).write_text(yuli, encoding="utf-8")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-am", "pr")
        v = authz.check_change(repo, "main", "pr-authz", "kt-demo-yuliana", 91000044, TODAY)
        assert v.allowed and v.actor.person.id == "disdik-0044"
        unknown = authz.check_change(repo, "main", "pr-authz", "orang-lain", 5, TODAY)
        assert [(d.allowed, d.code) for d in unknown.decisions] == [(False, "authz-actor-unknown")]
        assert [(d.file, d.role, [(r.label, sorted(r.people)) for r in d.requires]) for d in v.decisions] == [
            (YULI, OWNER, [("pejabat penilai", ["disdik-0040"])])]  # the realisasi was read from both commits
        git(repo, "checkout", "-q", "-b", "pr-akun", "main")
        (repo / SITI_PERSON).write_text(new_account, encoding="utf-8")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-am", "akun")
        # a registered person (Bambang) writing his own account into Siti's file: judged as himself
        (repo / SITI_PERSON).write_text(bambangs, encoding="utf-8")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-am", "akun lain")
        v = authz.check_change(repo, "main", "pr-akun", "kt-demo-bambang", 91000043, TODAY)
        assert v.actor.person.id == "disdik-0043" and v.actor.problem is None
        assert [(d.allowed, d.code) for d in v.decisions] == [(False, "authz-account")]  # one account, one person
        git(repo, "reset", "-q", "--hard", "HEAD~1")
        v = authz.check_change(repo, "main", "pr-akun", "siti-baru", 555, TODAY)  # the new account itself
        assert v.allowed and v.actor.person is None and [d.role for d in v.decisions] == ["pemilik_akun"]
    finally:
        git(repo, "checkout", "-q", "-f", "main")


def test_suara_publik_files_follow_their_own_rules(base):
    # a complaint about a disdukcapil unit: written by disdukcapil's admin_pengaduan (suara_authz.py)
    rel = "complaints/2026/2026-0001.yml"
    d = decide(base, "disdukcapil-0040", rel, text(base, rel) + "# catatan\n")
    assert (d.allowed, d.role) == (True, "admin_pengaduan")
    d = decide(base, "disdik-0044", rel, text(base, rel) + "# catatan\n")
    assert (d.allowed, d.code) == (False, "authz-suara")


def test_a_keberatan_koreksi_of_a_unit_result_needs_only_another_admin(base):
    # the atasan of a penilai decides objections to evaluations; a unit's predikat has no penilai
    rel = "unit-results/2026/triwulan_1/disdik.yml"
    after = text(base, rel).replace("predikat_organisasi: baik", "predikat_organisasi: istimewa")
    after += KOREKSI.format(who="bkpsdm-0020") + "    keberatan: true\n"
    d = decide(base, "bkpsdm-0020", rel, after)
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]


def test_an_existing_calibration_koreksi_kept_as_it_is_is_no_change(base):
    with_koreksi = text(base, CALIB) + KOREKSI.format(who="bkpsdm-0020")
    after = with_koreksi.replace("hanya menyebut satu nilai dasar", "menyebut satu nilai")  # the tim edits its own text
    d = decide(base, "bkpsdm-0010", CALIB, after, before=with_koreksi)
    assert (d.allowed, d.role) == (True, "tim_penilai_kinerja"), d


def test_only_a_self_rating_is_called_one(base):
    # Yuliana (disdik-0044) writing a rated evaluation of Bambang (disdik-0043, whose id sorts before hers)
    d = decide(base, "disdik-0044", "evaluations/2026/triwulan_4/disdik-0043.yml", _t4(base, "disdik-0043"), ABSENT)
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "realisasi hanya diisi pegawai itu sendiri" in d.message
    assert "Anda tidak boleh menilai diri sendiri" not in d.message


def test_an_admin_changing_her_own_account_is_an_admins_change(base):
    rel = "organisation/people/bkpsdm-0020.yml"
    after = edited(base, rel, "  login: kt-demo-admin-fajar\n  id: 91000022", "  login: fajar-baru\n  id: 556")
    d = decide(base, "bkpsdm-0020", rel, after, login="fajar-baru", gid=556)
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0021"])]


def test_a_colleague_sorting_after_the_owner_cannot_write_her_realisasi(base):
    own_part = _t4(base, "disdik-0043").split("penilaian:")[0]  # realisasi only
    d = decide(base, "disdik-0044", "evaluations/2026/triwulan_4/disdik-0043.yml", own_part, ABSENT)
    assert (d.allowed, d.code) == (False, "authz-not-owner")


@pytest.mark.parametrize("old, new", [
    # "2026-13-01" stays text (no month 13)
    ("  mulai: 2026-01-01", "  mulai: 2026-13-01"),
    # a period wholly in 2025 does not meet the 2026 file: never an upside-down range ending in 2025
    ("  mulai: 2026-01-01\n  selesai: 2026-06-30", "  mulai: 2025-01-01\n  selesai: 2025-06-30"),
], ids=["no-date", "outside-the-year"])
def test_a_plan_period_that_gives_no_range_in_the_files_year_falls_back_to_the_files_range(base, old, new):
    # the file's range (the whole year) decides, whose penilai today is disdik-0002
    after = edited(base, RAHMAT_FIRST, old, new)
    d = decide(base, "kominfo-0031", RAHMAT_FIRST, after)
    assert (d.allowed, d.role) == (True, OWNER)
    assert req(d) == [("pejabat penilai", ["kominfo-0010"]), ("pejabat penilai", ["disdik-0002"])]


def test_the_keberatan_atasan_is_the_one_at_the_end_of_the_period(base):
    # dinkes-0020's penilai in triwulan_3 is dinkes-0011, who has a penilai (dinkes-0005) only from within it
    rel = f"{T3}/dinkes-0020.yml"
    d = decide(base, "bkpsdm-0020", rel, text(base, rel) + KOREKSI.format(who="bkpsdm-0020") + "    keberatan: true\n")
    assert req(d) == [("admin lain", ["bkpsdm-0021"]), ("atasan pejabat penilai (pemutus keberatan)", ["dinkes-0005"])]


# --- changes of penilai and of head after today or after a period --------------------------------
# The demo has none: a copy whose organisation is edited and committed to its own git repository.
# - disdik-0044 (Yuliana): from 1 December 2026 (after TODAY, 28 November) an exception names
#   disdik-0005 her penilai; the same unit, jabatan and jenjang, so still one position and one plan;
# - disdik-0001 leaves the head of disdik on 31 October 2026; disdik-0002 (no admin) heads it from
#   1 November: after triwulan_3 (July-September), before TODAY.


@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    repo = copy_demo(tmp_path_factory.mktemp("authz-changed") / "repo")
    people = repo / "organisation" / "people"

    def edit(name: str, old: str, new: str) -> None:
        f = people / name
        t = f.read_text(encoding="utf-8")
        assert old in t, (name, old)
        f.write_text(t.replace(old, new, 1), encoding="utf-8")

    edit("disdik-0044.yml", '    golongan: IX\n',
         '    golongan: IX\n    selesai: 2026-11-30\n'
         '  - mulai: 2026-12-01\n    unit: disdik-sdn-12-mb\n    jabatan: "Guru Ahli Pertama"\n'
         '    jenis_jabatan: fungsional\n    jenjang: ahli_pertama\n    golongan: IX\n'
         '    pejabat_penilai: disdik-0005\n    alasan_penilai: "Keputusan Kepala Dinas (fiktif)"\n')
    edit("disdik-0001.yml", "    kepala_unit: true\n", "    kepala_unit: true\n    selesai: 2026-10-31\n")
    edit("disdik-0002.yml", "    kepala_unit: true\n",
         "    kepala_unit: true\n    selesai: 2026-10-31\n"
         '  - mulai: 2026-11-01\n    unit: disdik\n    jabatan: "Kepala Dinas Pendidikan"\n'
         "    jenis_jabatan: jpt_pratama\n    golongan: IV/b\n    kepala_unit: true\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "changes")
    sha = gitrev.resolve(repo, "main")
    return SimpleNamespace(repo=repo, data=load_org(repo, sha), tree=gitrev.tree(repo, sha))


def test_a_plan_is_approved_by_todays_penilai_not_the_one_at_its_end(changed):
    # the plan covers 2026; today (28 November) Yuliana's penilai is disdik-0040, the head of
    # SDN 12; the exception naming disdik-0005 only starts on 1 December
    assert changed.data.org.penilai_on("disdik-0044", date(2026, 12, 31)) == "disdik-0005"  # the change is there
    rel = "plans/2026/disdik-0044.yml"
    d = decide(changed, "disdik-0044", rel, text(changed, rel) + "# catatan\n")
    assert (d.allowed, d.role) == (True, OWNER)
    assert req(d) == [("pejabat penilai", ["disdik-0040"])]
    d = decide(changed, "disdik-0044", rel, edited(changed, rel, "status: disetujui", "status: draf"))
    assert req(d) == [("pejabat penilai", ["disdik-0040"])]


def test_todays_head_of_the_parent_unit_may_write_a_past_periods_predikat(changed):
    # triwulan_3 (July-September): disdik was headed by disdik-0001; since 1 November by disdik-0002
    rel = "unit-results/2026/triwulan_3/disdik-bid-sd.yml"
    after = _unit_result(changed, "disdik-bid-sd")
    for who in ("disdik-0002", "disdik-0001"):  # today's head, the head during the period
        d = decide(changed, who, rel, after, ABSENT)
        assert (d.allowed, d.role) == (True, PARENT_HEAD), (who, d)
        assert req(d) == [("admin", ["bkpsdm-0020", "bkpsdm-0021"])]
    d = decide(changed, "disdik-0005", rel, after, ABSENT)
    assert (d.allowed, d.code) == (False, "authz-unit-result")
    assert "disdik-0001 (" in d.message and "disdik-0002 (" in d.message


def test_the_locked_target_message_names_one_iki_and_where_it_was_evaluated(base):
    # two evaluated targets changed: rhk-1/iki-1 (first reported in triwulan_1) and rhk-1/iki-3
    # (first in triwulan_2); the message names the first in order, with its own evaluation file
    after = edited(base, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 2, satuan: "proyek"}')
    after = after.replace('target: {nilai: 80, satuan: "%"}', 'target: {nilai: 90, satuan: "%"}', 1)
    d = decide(base, "disdik-0042", SITI_PLAN, after)
    assert (d.allowed, d.code) == (False, "authz-locked")
    assert "rhk-1/iki-1" in d.message and "(evaluations/2026/triwulan_1/disdik-0042.yml)" in d.message
    assert "iki-3" not in d.message and "triwulan_2" not in d.message


def test_an_unknown_account_changing_files_other_than_person_files_is_refused(changed):
    # only a PR of person files may be an account registration; a README or a plan is refused outright
    from kinerja.review import authz

    repo = changed.repo
    plan = edited(changed, NADIA_PLAN, "status: draf", "status: disetujui")
    git(repo, "checkout", "-q", "-b", "pr-unknown", "main")
    try:
        (repo / "README.md").write_text("# x\n", encoding="utf-8")
        (repo / NADIA_PLAN).write_text(plan, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "pr")
        v = authz.check_change(repo, "main", "pr-unknown", "orang-lain", 5, TODAY)
        assert not v.allowed
        assert sorted((d.file, d.allowed, d.code) for d in v.decisions) == [
            ("README.md", False, "authz-actor-unknown"), (NADIA_PLAN, False, "authz-actor-unknown")]
    finally:
        git(repo, "checkout", "-q", "-f", "main")


# --- issue 17, sixth session (the whole of review/authz.py's mutants) ------------------------------


def test_an_admins_koreksi_signed_with_an_id_sorting_before_hers_is_not_hers(base):
    # Mega (bkpsdm-0021) signs a correction as Fajar (bkpsdm-0020, sorting before her id): not her correction
    changed = edited(base, SITI_T3, "realisasi: 6", "realisasi: 5")
    d = decide(base, "bkpsdm-0021", SITI_T3, changed + KOREKSI.format(who="bkpsdm-0020"))  # locked (final)
    assert (d.allowed, d.code) == (False, "authz-koreksi-missing") and "oleh: bkpsdm-0021" in d.message
    rated = edited(base, YULI, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
    d = decide(base, "bkpsdm-0021", YULI, rated + KOREKSI.format(who="bkpsdm-0020"))  # open draft, rated by an admin
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    d = decide(base, "bkpsdm-0021", YULI, rated + KOREKSI.format(who="bkpsdm-0021"))  # her own: allowed
    assert (d.allowed, d.role) == (True, ADMIN) and req(d) == [("admin lain", ["bkpsdm-0020"])]


def test_an_unknown_login_sorting_before_a_registered_one_is_told_it_is_not_registered(base):
    # "kt-demo-a" sorts before every registered kt-demo-* login: no one holds it
    a = identify(base.data, "kt-demo-a", 5)
    assert a.problem[0] == "authz-actor-unknown" and "tidak terdaftar" in a.problem[1] and "id angka lain" not in a.problem[1]


def test_an_employee_rating_herself_is_not_told_the_realisasi_is_someone_elses(base):
    both = edited(base, YULI, "realisasi: 82", "realisasi: 85").replace(
        "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi", 1)
    d = decide(base, "disdik-0044", YULI, both)
    assert (d.allowed, d.code) == (False, "authz-not-penilai")
    assert "tidak boleh menilai diri sendiri" in d.message and "realisasi hanya diisi" not in d.message


# - january: Yuliana's penilai changes on 2 January 2026 (an exception naming disdik-0005 from then on)


@pytest.fixture(scope="module")
def january(tmp_path_factory):
    repo = copy_demo(tmp_path_factory.mktemp("authz-january") / "repo")
    f = repo / "organisation" / "people" / "disdik-0044.yml"
    t = f.read_text(encoding="utf-8")
    assert '    golongan: IX\n' in t
    f.write_text(t.replace('    golongan: IX\n',
                           '    golongan: IX\n    selesai: 2026-01-01\n'
                           '  - mulai: 2026-01-02\n    unit: disdik-sdn-12-mb\n    jabatan: "Guru Ahli Pertama"\n'
                           '    jenis_jabatan: fungsional\n    jenjang: ahli_pertama\n    golongan: IX\n'
                           '    pejabat_penilai: disdik-0005\n    alasan_penilai: "Keputusan Kepala Dinas (fiktif)"\n', 1),
             encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "january")
    sha = gitrev.resolve(repo, "main")
    return SimpleNamespace(repo=repo, data=load_org(repo, sha), tree=gitrev.tree(repo, sha))


def test_a_yearly_plan_changed_on_1_january_is_approved_by_that_days_penilai(january):
    # the yearly file covers 1 January-31 December: on 1 January Yuliana's penilai is still disdik-0040
    org = january.data.org
    assert (org.penilai_on("disdik-0044", date(2026, 1, 1)), org.penilai_on("disdik-0044", date(2026, 1, 2))) == (
        "disdik-0040", "disdik-0005")
    rel = "plans/2026/disdik-0044.yml"
    d = decide(january, "disdik-0044", rel, text(january, rel) + "# catatan\n", today=date(2026, 1, 1))
    assert (d.allowed, d.role) == (True, OWNER) and req(d) == [("pejabat penilai", ["disdik-0040"])]
    d = decide(january, "disdik-0044", rel, text(january, rel) + "# catatan\n", today=date(2026, 1, 2))
    assert req(d) == [("pejabat penilai", ["disdik-0005"])]


def test_odd_rows_of_a_closed_evaluation_do_not_hide_or_break_its_evaluated_targets(base):
    # Siti's only closed evaluation (triwulan_2 here) holds, before the evaluated rhk-1/iki-1, a row
    # that is no mapping, a row whose indikator is no list, and indicators that are no IKI
    odd = ("pegawai: disdik-0042\ntahun: 2026\nperiode: triwulan_2\nstatus: final\nrealisasi:\n  hasil_kerja:\n"
           "    - \"catatan\"\n"
           "    - rhk: rhk-0\n      indikator: 5\n"
           "    - rhk: rhk-0\n      indikator:\n        - {realisasi: 1}\n        - \"iki\"\n"
           "    - rhk: rhk-1\n      indikator:\n        - iki: iki-1\n          realisasi: 4\n").encode("utf-8")
    tree = {p: e for p, e in base.tree.items() if not (p.startswith("evaluations/2026/") and p.endswith("/disdik-0042.yml"))}
    tree[SITI_T2] = gitrev.Entry(gitrev.REGULAR, _hash_object(base.repo, odd))
    after = edited(base, SITI_PLAN, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 2, satuan: "proyek"}')
    d = decide(base, "disdik-0042", SITI_PLAN, after, tree=tree)
    assert (d.allowed, d.code) == (False, "authz-locked"), d
    assert "rhk-1/iki-1" in d.message and f"({SITI_T2})" in d.message


def test_an_unknown_account_adding_or_deleting_a_person_file_is_refused(changed):
    # a PR of person files only is looked at as an account registration: a new or deleted file is none
    from kinerja.review import authz

    repo = changed.repo
    git(repo, "checkout", "-q", "-b", "pr-person-files", "main")
    try:
        (repo / "organisation/people/disdik-0999.yml").write_text("id: disdik-0999\n", encoding="utf-8")
        (repo / "organisation/people/kominfo-0040.yml").unlink()
        git(repo, "add", "-A")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "pr")
        v = authz.check_change(repo, "main", "pr-person-files", "orang-lain", 5, TODAY)
        assert not v.allowed
        assert sorted((d.file, d.allowed, d.code) for d in v.decisions) == [
            ("organisation/people/disdik-0999.yml", False, "authz-actor-unknown"),
            ("organisation/people/kominfo-0040.yml", False, "authz-actor-unknown")]
    finally:
        git(repo, "checkout", "-q", "-f", "main")


def test_check_change_judges_a_new_file_which_has_no_base_side(base):
    # a PR adding a file (no blob on the base side): Yuliana's own new draft plan for a second position
    from kinerja.review import authz

    repo = base.repo
    rel = "plans/2026/disdik-0044.2026-12-01.yml"
    plan = text(base, "plans/2026/disdik-0044.yml").replace("status: disetujui", "status: draf")
    git(repo, "checkout", "-q", "-b", "pr-new-plan", "main")
    try:
        (repo / rel).write_text(plan, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "new plan")
        v = authz.check_change(repo, "main", "pr-new-plan", "kt-demo-yuliana", 91000044, TODAY)
        assert v.allowed and [(d.file, d.role, d.requires) for d in v.decisions] == [(rel, OWNER, ())], v.decisions
    finally:
        git(repo, "checkout", "-q", "-f", "main")


def test_an_enactment_is_judged_for_the_person_the_recommendation_names_after_the_change(base):
    # a recommendation keyed by its plan (rencana) named bkpsdm-0021 before and disdik-0044 after; a tim
    # member who is bkpsdm-0021's penilai (bkpsdm-0010) enacts it in the same change: not his to enact
    def rec(pegawai, enacted):
        return (f"  - pegawai: {pegawai}\n    rencana: disdik-0044\n    sebelum:\n      rating_hasil_kerja: sesuai_ekspektasi\n"
                "    rekomendasi:\n      rating_hasil_kerja: di_atas_ekspektasi\n    alasan: \"Bukti dukung lengkap.\"\n"
                + ("    diberlakukan:\n      oleh: bkpsdm-0010\n      tanggal: 2026-07-25\n" if enacted else ""))
    assert base.data.org.penilai_for_period("bkpsdm-0021", date(2026, 4, 1), date(2026, 6, 30)) == "bkpsdm-0010"
    before = text(base, CALIB) + rec("bkpsdm-0021", False)
    d = decide(base, "bkpsdm-0010", CALIB, text(base, CALIB) + rec("disdik-0044", True), before=before)
    assert (d.allowed, d.code) == (False, "authz-calibration-enact") and "disdik-0040" in d.message, d
