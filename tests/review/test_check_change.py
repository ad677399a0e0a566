"""check-change scenarios on real git repositories: each PR is a real branch and commit.

Every scenario states its expected verdict per file (the decision code) and exit code.
"""

from __future__ import annotations

import os

import pytest

from kthelpers import git, run_kinerja
from review_helpers import T3, add_admin_commit_on_main, check_change, commit_all, decision, edit, start_pr, verdicts, write



SITI_PLAN = "plans/2026/disdik-0042.yml"
YULI_T3 = f"{T3}/disdik-0044.yml"  # draft, penilai disdik-0040
SITI_T3 = f"{T3}/disdik-0042.yml"  # final


def _pr(repo, *steps):
    start_pr(repo)
    for step in steps:
        step(repo)
    commit_all(repo, "pr")


def test_own_plan_allowed_and_needs_penilai(demo_git):
    _pr(demo_git, lambda r: edit(r, SITI_PLAN, "yang diselesaikan siswa", "yang diselesaikan siswa kelas IV"))
    result, doc = check_change(demo_git, "siti")
    assert result.code == 0, result
    d = decision(doc, SITI_PLAN)
    assert d["code"] == "authz-allowed" and d["role"] == "pemilik"
    assert d["requires"] == [{"label": "pejabat penilai", "people": ["disdik-0040"]}]


def test_own_draft_plan_needs_no_approval(demo_git):
    _pr(demo_git, lambda r: edit(r, "plans/2026/kominfo-0040.yml", "Tersedianya dasbor", "Tersedianya dasbor interaktif"))
    result, doc = check_change(demo_git, "nadia")
    assert result.code == 0, result
    assert decision(doc, "plans/2026/kominfo-0040.yml")["requires"] == []


def test_someone_elses_plan_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, "plans/2026/disdik-0043.yml", "pendekatan:", "# catatan\npendekatan:"))
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert verdicts(doc) == {"plans/2026/disdik-0043.yml": "authz-not-owner"}


def test_peer_rating_a_peer_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_bawah_ekspektasi"))
    result, doc = check_change(demo_git, "bambang")
    assert result.code == 1
    assert verdicts(doc) == {YULI_T3: "authz-not-penilai"}


def test_self_rating_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi"))
    result, doc = check_change(demo_git, "yuliana")
    assert result.code == 1
    d = decision(doc, YULI_T3)
    assert d["code"] == "authz-not-penilai"
    assert "tidak boleh menilai diri sendiri" in d["message"]


def test_employee_realisasi_allowed_and_needs_penilai(demo_git):
    _pr(demo_git, lambda r: edit(r, YULI_T3, "realisasi: 82", "realisasi: 84"))
    result, doc = check_change(demo_git, "yuliana")
    assert result.code == 0, result
    d = decision(doc, YULI_T3)
    assert d["role"] == "pemilik" and d["requires"][0]["people"] == ["disdik-0040"]


def test_employee_cannot_set_final(demo_git):
    _pr(demo_git, lambda r: edit(r, YULI_T3, "status: draf", "status: final"))
    result, doc = check_change(demo_git, "yuliana")
    assert result.code == 1
    assert verdicts(doc) == {YULI_T3: "authz-not-penilai"}


def test_penilai_rating_and_final_allowed_needs_no_one_else(demo_git):
    def change(r):
        edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")
        edit(r, YULI_T3, "status: draf", "status: final")

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "kepsek")
    assert result.code == 0, result
    d = decision(doc, YULI_T3)
    assert d["role"] == "pejabat_penilai"
    assert d["requires"] == []  # final by the penilai; the employee acknowledges after the merge
    assert "tanda sudah membaca" in d["message"] and "tidak menghalangi" in d["message"]


def test_employee_and_penilai_part_in_one_change_refused(demo_git):
    def change(r):
        edit(r, YULI_T3, "realisasi: 82", "realisasi: 90")
        edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_atas_ekspektasi")

    _pr(demo_git, change)
    for who in ("yuliana", "kepsek"):
        result, doc = check_change(demo_git, who)
        assert result.code == 1, who
        assert decision(doc, YULI_T3)["allowed"] is False


def _transfer_yuliana(repo):
    """On main: disdik-0044 gets a new pejabat penilai (disdik-0005) from 1 October 2026: a new
    assignment with an explicit exception to the penilai derived from the unit tree."""
    path = repo / "organisation/people/disdik-0044.yml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - mulai:"):text.index("fiktif: true")]
    new = block.replace(block.split("\n")[0], "  - mulai: 2026-10-01")
    new += '    pejabat_penilai: disdik-0005\n    alasan_penilai: "Surat penunjukan penilai 800/1/2026 (fiktif)"\n'
    path.write_text(text.replace(block, block + "    selesai: 2026-09-30\n" + new), encoding="utf-8")


T4_YULI = "evaluations/2026/triwulan_4/disdik-0044.yml"


def _t4_files(penilai):
    """On main: the employee's triwulan_4 realisasi. In the PR: the ratings."""
    def employee_part(r):
        full = (r / YULI_T3).read_text(encoding="utf-8").replace("triwulan_3", "triwulan_4").replace("disdik-0040", penilai)
        write(r, T4_YULI, full[: full.index("penilaian:")])

    def penilai_part(r):
        full = (r / YULI_T3).read_text(encoding="utf-8")
        (r / T4_YULI).write_text((r / T4_YULI).read_text(encoding="utf-8") + full[full.index("penilaian:"):], encoding="utf-8")

    return employee_part, penilai_part


@pytest.mark.parametrize("who, penilai, code", [("kabid_sd", "disdik-0005", "authz-allowed"), ("kepsek", "disdik-0040", "authz-not-penilai")])
def test_penilai_after_transfer_new_period(demo_git, who, penilai, code):
    employee_part, penilai_part = _t4_files(penilai)
    add_admin_commit_on_main(demo_git, lambda r: (_transfer_yuliana(r), employee_part(r)))
    if penilai == "disdik-0005":  # the file names the penilai in force: the demo still validates
        assert run_kinerja("validate", "--akar", str(demo_git)).code == 0
    _pr(demo_git, penilai_part)
    result, doc = check_change(demo_git, who)
    assert verdicts(doc) == {T4_YULI: code}
    assert result.code == (0 if code == "authz-allowed" else 1)


@pytest.mark.parametrize("who, code", [("kepsek", "authz-allowed"), ("kabid_sd", "authz-not-penilai")])
def test_penilai_after_transfer_old_period(demo_git, who, code):
    add_admin_commit_on_main(demo_git, _transfer_yuliana)
    _pr(demo_git, lambda r: edit(r, YULI_T3, "rating_perilaku_kerja: sesuai_ekspektasi", "rating_perilaku_kerja: di_atas_ekspektasi"))
    result, doc = check_change(demo_git, who)
    assert verdicts(doc) == {YULI_T3: code}


@pytest.mark.parametrize("who", ["siti", "kepsek"])
def test_editing_a_final_evaluation_refused(demo_git, who):
    _pr(demo_git, lambda r: edit(r, SITI_T3, "realisasi: 88", "realisasi: 99"))
    result, doc = check_change(demo_git, who)
    assert result.code == 1
    assert verdicts(doc) == {SITI_T3: "authz-locked"}


def test_renaming_into_a_closed_period_refused(demo_git):
    start_pr(demo_git)
    git(demo_git, "mv", f"{T3}/kominfo-0040.yml", "evaluations/2026/triwulan_1/kominfo-0040.yml")
    edit(demo_git, "evaluations/2026/triwulan_1/kominfo-0040.yml", "periode: triwulan_3", "periode: triwulan_1")
    commit_all(demo_git, "rename")
    result, doc = check_change(demo_git, "nadia")
    assert result.code == 1
    assert verdicts(doc)["evaluations/2026/triwulan_1/kominfo-0040.yml"] == "authz-locked"


def test_renaming_a_final_evaluation_away_refused(demo_git):
    start_pr(demo_git)
    (demo_git / "evaluations/2026/triwulan_4").mkdir()
    git(demo_git, "mv", SITI_T3, "evaluations/2026/triwulan_4/disdik-0042.yml")
    commit_all(demo_git, "rename")
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert verdicts(doc)[SITI_T3] == "authz-locked"


@pytest.mark.parametrize("who", ["siti", "fajar"])
def test_deleting_a_final_evaluation_refused_even_for_admins(demo_git, who):
    start_pr(demo_git)
    git(demo_git, "rm", "-q", SITI_T3)
    commit_all(demo_git, "delete")
    result, doc = check_change(demo_git, who)
    assert result.code == 1
    assert verdicts(doc) == {SITI_T3: "authz-locked"}


def test_mode_change_of_final_evaluation_refused(demo_git):
    start_pr(demo_git)
    os.chmod(demo_git / SITI_T3, 0o755)
    commit_all(demo_git, "chmod")
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert verdicts(doc) == {SITI_T3: "authz-locked"}


def test_symlink_refused(demo_git):
    start_pr(demo_git)
    os.symlink("disdik-0042.yml", demo_git / "plans/2026/disdik-0042.2026-07-01.yml")
    commit_all(demo_git, "symlink")
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert verdicts(doc) == {"plans/2026/disdik-0042.2026-07-01.yml": "authz-path"}


def test_workflow_edit_by_staff_refused(demo_git):
    _pr(demo_git, lambda r: write(r, ".github/workflows/curang.yml", "on: push\njobs: {}\n"))
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert verdicts(doc) == {".github/workflows/curang.yml": "authz-admin-only"}


def test_admin_edit_of_scripts_needs_another_admin(demo_git):
    _pr(demo_git, lambda r: write(r, "scripts/kinerja/extra.py", "X = 1\n"))
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 0, result
    d = decision(doc, "scripts/kinerja/extra.py")
    assert d["role"] == "admin" and d["requires"] == [{"label": "admin lain", "people": ["bkpsdm-0021"]}]


KOREKSI = "koreksi:\n  - oleh: {who}\n    tanggal: 2026-11-27\n    alasan: \"Salah ketik realisasi IKI 2 (bukti laporan T3).\"\n"


def test_admin_correction_without_koreksi_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, SITI_T3, "realisasi: 88", "realisasi: 89"))
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 1
    assert verdicts(doc) == {SITI_T3: "authz-koreksi-missing"}


def test_admin_correction_with_koreksi_allowed(demo_git):
    def change(r):
        edit(r, SITI_T3, "realisasi: 88", "realisasi: 89")
        (r / SITI_T3).write_text((r / SITI_T3).read_text(encoding="utf-8") + KOREKSI.format(who="bkpsdm-0020"), encoding="utf-8")

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 0, result
    d = decision(doc, SITI_T3)
    assert d["role"] == "admin" and d["requires"][0]["people"] == ["bkpsdm-0021"]
    assert run_kinerja("validate", "--akar", str(demo_git)).code == 0


def test_admin_correction_signed_by_another_admin_refused(demo_git):
    def change(r):
        edit(r, SITI_T3, "realisasi: 88", "realisasi: 89")
        (r / SITI_T3).write_text((r / SITI_T3).read_text(encoding="utf-8") + KOREKSI.format(who="bkpsdm-0021"), encoding="utf-8")

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "fajar")
    assert verdicts(doc) == {SITI_T3: "authz-koreksi-missing"}


def test_correction_from_keberatan_also_needs_atasan_penilai(demo_git):
    def change(r):
        edit(r, SITI_T3, "rating_hasil_kerja: di_atas_ekspektasi", "rating_hasil_kerja: sesuai_ekspektasi")
        (r / SITI_T3).write_text((r / SITI_T3).read_text(encoding="utf-8") + KOREKSI.format(who="bkpsdm-0020") + "    keberatan: 12\n", encoding="utf-8")

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "fajar")
    assert result.code == 0, result
    labels = {r["label"]: r["people"] for r in decision(doc, SITI_T3)["requires"]}
    assert labels["atasan pejabat penilai (pemutus keberatan)"] == ["disdik-0005"]


def test_org_change_in_same_pr_grants_no_rights(demo_git):
    def change(r):
        edit(r, "organisation/instansi.yml", "  - bkpsdm-0021\n", "  - bkpsdm-0021\n  - disdik-0042\n")
        # the penilai is derived from the unit tree: an explicit (dated) exception makes her penilai
        edit(r, "organisation/people/disdik-0043.yml", '    pangkat: "Penata Tingkat I"\n', '    pangkat: "Penata Tingkat I"\n    pejabat_penilai: disdik-0042\n')
        edit(r, "organisation/people/disdik-0044.yml", "    golongan: IX\n", "    golongan: IX\n    pejabat_penilai: disdik-0042\n")
        edit(r, "plans/2026/disdik-0043.yml", "pendekatan:", "# diubah\npendekatan:")
        # ... and rates the colleague she has just made herself penilai (and admin) of, in a draft evaluation
        edit(r, YULI_T3, "rating_hasil_kerja: sesuai_ekspektasi", "rating_hasil_kerja: di_bawah_ekspektasi")
        edit(r, YULI_T3, "pejabat_penilai: disdik-0040", "pejabat_penilai: disdik-0042")

    _pr(demo_git, change)
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    v = verdicts(doc)
    assert v["organisation/instansi.yml"] == "authz-admin-only"
    assert v["organisation/people/disdik-0043.yml"] == "authz-admin-only"
    assert v["plans/2026/disdik-0043.yml"] == "authz-not-owner"
    assert v[YULI_T3] == "authz-not-penilai"
    assert "disdik-0040" in decision(doc, YULI_T3)["message"]  # the penilai of the base revision


def test_renamed_login_with_stale_id_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, SITI_PLAN, "pendekatan:", "# x\npendekatan:"))
    # someone registered the old login after Siti renamed her account: another numeric id
    result, doc = check_change(demo_git, "siti", gid=99999999)
    assert result.code == 1
    assert verdicts(doc) == {SITI_PLAN: "authz-actor-unknown"}
    # Siti herself under a new login: the id matches, the recorded login is stale
    result, doc = check_change(demo_git, "siti", login="siti-baru")
    assert result.code == 1
    assert verdicts(doc) == {SITI_PLAN: "authz-login-stale"}
    assert "organisation/people/disdik-0042.yml" in decision(doc, SITI_PLAN)["message"]


@pytest.mark.parametrize("rel", ["plans/2026/disdik-0042.yaml", "catatan.txt", "Plans/2026/disdik-0042.yml", "plans/2026/disdik-0042\n.yml", "plans/2026/disdik-0042.2026-02-30.yml"])
def test_unknown_paths_and_tricks_refused(demo_git, rel):
    _pr(demo_git, lambda r: write(r, rel, (r / SITI_PLAN).read_text(encoding="utf-8")))
    result, doc = check_change(demo_git, "siti")
    assert result.code == 1
    assert list(verdicts(doc).values()) == ["authz-path"]


def test_content_naming_another_person_refused(demo_git):
    _pr(demo_git, lambda r: edit(r, SITI_PLAN, "pegawai: disdik-0042", "pegawai: disdik-0043"))
    result, doc = check_change(demo_git, "siti")
    assert verdicts(doc) == {SITI_PLAN: "authz-content-mismatch"}


UR = "unit-results/2026/triwulan_3/disdik-sdn-12-mb.yml"
UR_TEXT = """versi_format: 1
unit: disdik-sdn-12-mb
tahun: 2026
periode: triwulan_3
predikat_organisasi: baik
ditetapkan_oleh: disdik-0005
tanggal: 2026-10-15
"""


@pytest.mark.parametrize("who, code", [("kabid_sd", "authz-allowed"), ("kepsek", "authz-unit-result"), ("siti", "authz-unit-result")])
def test_unit_result_written_by_parent_head(demo_git, who, code):
    _pr(demo_git, lambda r: write(r, UR, UR_TEXT))
    result, doc = check_change(demo_git, who)
    assert verdicts(doc) == {UR: code}


def test_bad_revision_exit_2(demo_git):
    result, doc = check_change(demo_git, "siti", head="tidak-ada")
    assert result.code == 2 and "tidak ditemukan" in result.err
    result, _ = check_change(demo_git, "siti", head="--output=/tmp/x")
    assert result.code == 2


def test_github_format_escapes_hostile_file_names(demo_git):
    rel = "plans/2026/x%0A::error::palsu.yml"
    _pr(demo_git, lambda r: write(r, rel, "x: 1\n"))
    login, gid = "kt-demo-siti", 91000042
    result = run_kinerja("check-change", "--akar", str(demo_git), "--revisi-dasar", "main", "--revisi-usulan", "pr", "--pembuat", login,
                         "--id-pembuat", str(gid), "--format", "github")
    assert result.code == 1
    for line in result.out.splitlines():
        assert line.startswith("::")
        assert "::error::palsu" not in line


def test_pr_started_before_finalisation_is_judged_against_main(demo_git):
    """The employee branched while the evaluation was a draft; main made it final since."""
    start_pr(demo_git)
    edit(demo_git, YULI_T3, "realisasi: 82", "realisasi: 95")
    commit_all(demo_git, "employee edit on an old base")
    git(demo_git, "checkout", "-q", "main")
    edit(demo_git, YULI_T3, "status: draf", "status: final")
    commit_all(demo_git, "penilai finalised on main")
    result, doc = check_change(demo_git, "yuliana")
    assert result.code == 1
    assert verdicts(doc) == {YULI_T3: "authz-locked"}
