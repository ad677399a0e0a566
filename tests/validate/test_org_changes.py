"""Organisation changes followed through (issue 9, sections 1-3), in real git history.

The story: the head of SD Negeri 12 (disdik-0040) leaves on 14 August 2026 and a new head
(disdik-0046) starts on 15 August. Nobody edits a teacher's file: her pejabat penilai is
derived from the unit tree; her plan gets a finding naming the new head and his RHK;
`kinerja relink` proposes the edit (and writes it only with --tulis); the triwulan III
evaluation must be rated by the head in post at the end of the period.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from kthelpers import git, run_kinerja
from vhelpers import check, describe, edit, exit_code, line_of, of_code, write

from kinerja.findings import ERROR, WARNING

SITI = "organisation/people/disdik-0042.yml"
KEPSEK = "organisation/people/disdik-0040.yml"
NEW_HEAD = "organisation/people/disdik-0046.yml"
PLAN_SITI = "plans/2026/disdik-0042.yml"
EVAL_SITI_T3 = "evaluations/2026/triwulan_3/disdik-0042.yml"
TEACHERS = ("disdik-0042", "disdik-0043", "disdik-0044", "disdik-0045")

NEW_HEAD_PERSON = """\
versi_format: 1
id: disdik-0046
nama: "Drs. Bahtiar Lubis (fiktif)"
status_kepegawaian: pns
github:
  login: kt-uji-kepsek-baru
  id: 93000046
penugasan:
  - mulai: 2026-08-15
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Madya (Kepala Sekolah)"
    jenis_jabatan: fungsional
    jenjang: ahli_madya
    kepala_unit: true
    pejabat_penilai: disdik-0005
    alasan_penilai: "Keputusan Kepala Dinas Pendidikan Nomor 800/045/Disdik/2022 (fiktif)"
fiktif: true
"""

NEW_HEAD_PLAN = """\
versi_format: 1
pegawai: disdik-0046
tahun: 2026
periode:
  mulai: 2026-08-15
  selesai: 2026-12-31
status: disetujui
pendekatan: kuantitatif
hasil_kerja:
  - id: rhk-1
    jenis: utama
    uraian: "Meningkatnya budaya baca di SD Negeri 12"
    intervensi: disdik-0005/rhk-1
    indikator:
      - id: iki-1
        aspek: kuantitas
        uraian: "Jumlah kelas dengan pojok baca aktif"
        target: {nilai: 12, satuan: "kelas"}
  - id: rhk-2
    jenis: utama
    uraian: "Terlaksananya pembelajaran berbasis proyek di semua kelas"
    intervensi: disdik-0005/rhk-1
    indikator:
      - id: iki-1
        aspek: kuantitas
        uraian: "Jumlah proyek kelas yang dipamerkan"
        target: {nilai: 6, satuan: "proyek"}
perilaku_kerja: {}
"""


def _org_at(root: Path, rev: str):
    """The organisation as authorization reads it: from the git objects of a revision."""
    from kinerja.review.orgdata import load_org

    return load_org(root, rev).org


def _transfer(root: Path) -> None:
    """One admin commit: the old head's assignment ends, the new head's starts."""
    text = (root / KEPSEK).read_text(encoding="utf-8")
    assert text.count("    kepala_unit: true\n") == 1
    (root / KEPSEK).write_text(text.replace("    kepala_unit: true\n", "    kepala_unit: true\n    selesai: 2026-08-14\n"), encoding="utf-8")
    write(root, NEW_HEAD, NEW_HEAD_PERSON)
    write(root, "plans/2026/disdik-0046.yml", NEW_HEAD_PLAN)


@pytest.fixture
def transferred(demo_git):
    before = git(demo_git, "rev-parse", "HEAD").strip()
    _transfer(demo_git)
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "Kepala SD Negeri 12 berganti mulai 15 Agustus 2026")
    return demo_git, before, git(demo_git, "rev-parse", "HEAD").strip()


def test_a_new_head_is_one_edit_and_the_teachers_follow(transferred):
    root, before, after = transferred
    old_org, new_org = _org_at(root, before), _org_at(root, after)
    for teacher in TEACHERS:  # no teacher's file changed, yet their penilai did
        assert git(root, "diff", "--name-only", before, after).count(teacher) == 0
        assert old_org.penilai_on(teacher, date(2026, 9, 1)) == "disdik-0040"
        assert new_org.penilai_on(teacher, date(2026, 8, 14)) == "disdik-0040"
        assert new_org.penilai_on(teacher, date(2026, 8, 15)) == "disdik-0046"
        # the period is rated by the penilai in post on its last day
        assert new_org.penilai_for_period(teacher, date(2026, 7, 1), date(2026, 9, 30)) == "disdik-0046"
        assert new_org.penilai_for_period(teacher, date(2026, 4, 1), date(2026, 6, 30)) == "disdik-0040"
    assert new_org.penilai_between("disdik-0042", date(2026, 1, 1), date(2026, 12, 31)) == ["disdik-0040", "disdik-0046"]
    # the objection decider follows too: the new head's own penilai (his exception: the Kabid)
    assert new_org.atasan_penilai_on("disdik-0042", date(2026, 10, 1)) == "disdik-0005"


def test_the_cascade_finding_names_the_new_head_and_his_rhk(transferred):
    root, _, _ = transferred
    findings = check(root)
    changed = of_code(findings, "cascade-supervisor-changed", PLAN_SITI)
    # Siti's plan has three RHK, each intervening in one of disdik-0040's RHK
    links = yaml.safe_load((root / PLAN_SITI).read_text(encoding="utf-8"))["hasil_kerja"]
    assert len(changed) == len([r for r in links if r.get("intervensi", "").startswith("disdik-0040/")]) == 3
    for f in changed:
        assert f.severity == WARNING
        for words in ("disdik-0046", "2026-08-14", "2026-08-15", "disdik-0046/rhk-1 — «Meningkatnya budaya baca di SD Negeri 12»",
                      "disdik-0046/rhk-2 — «Terlaksananya pembelajaran berbasis proyek di semua kelas»",
                      "kinerja relink --pegawai disdik-0042 --tahun 2026"):
            assert words in f.message, f.message
    lines = sorted(f.line for f in changed)
    assert lines == [line_of(root, PLAN_SITI, "intervensi: disdik-0040/", n) for n in (1, 2, 3)]


def test_relink_proposes_then_writes_and_keeps_everything_the_user_wrote(transferred):
    root, _, _ = transferred
    original = (root / PLAN_SITI).read_text(encoding="utf-8")
    proposal = run_kinerja("relink", "--akar", str(root), "--pegawai", "disdik-0042", "--tahun", "2026")
    assert proposal.code == 0, proposal
    assert (root / PLAN_SITI).read_text(encoding="utf-8") == original  # nothing written without --tulis
    assert "--tulis" in proposal.out and "+    intervensi: disdik-0046/" in proposal.out

    written = run_kinerja("relink", "--akar", str(root), "--pegawai", "disdik-0042", "--tahun", "2026", "--tulis")
    assert written.code == 0, written
    new_text = (root / PLAN_SITI).read_text(encoding="utf-8")
    old_lines, new_lines = original.splitlines(), new_text.splitlines()
    # every line the user wrote is still there, in order; only the status line changed
    kept = iter(new_lines)
    for line in old_lines:
        if line == "status: disetujui":
            continue
        assert any(line == candidate for candidate in kept), line
    data = yaml.safe_load(new_text)
    assert data["status"] == "draf"  # the relinked plan needs the (new) penilai's approval again
    by_id = {r["id"]: r for r in data["hasil_kerja"]}
    old_ids = [r["id"] for r in yaml.safe_load(original)["hasil_kerja"]]
    for rid in old_ids:
        # evaluated in the closed triwulan I and II: not edited but retired after triwulan III
        # (the quarter in which the old head left), and replaced from triwulan IV
        assert by_id[rid]["berlaku_sampai"] == "triwulan_3"
        assert by_id[rid]["intervensi"].startswith("disdik-0040/")
        copy = by_id[rid + "b"]
        assert copy["berlaku_mulai"] == "triwulan_4" and copy["intervensi"].startswith("disdik-0046/")
        assert copy["uraian"] == by_id[rid]["uraian"] and copy["indikator"] == by_id[rid]["indikator"]
    findings = check(root)
    assert not of_code(findings, "cascade-supervisor-changed", PLAN_SITI), describe(findings)
    assert not [f for f in findings if f.file == PLAN_SITI and f.severity == ERROR], describe(findings)
    again = run_kinerja("relink", "--akar", str(root), "--pegawai", "disdik-0042", "--tahun", "2026")
    assert again.code == 0 and "Tidak ada yang perlu ditautkan ulang" in again.out


def test_relink_never_overwrites_a_file_changed_meanwhile(transferred, monkeypatch):
    from kinerja import relink as relink_module
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository

    root, _, _ = transferred
    repo = load_repository(root, use_cache=False)
    [prop] = relink_module.propose(repo, org_index(repo), "disdik-0042", 2026, {})
    assert relink_module.unchanged_on_disk(root, prop)
    (root / PLAN_SITI).write_text((root / PLAN_SITI).read_text(encoding="utf-8") + "catatan: \"diubah pegawai\"\n", encoding="utf-8")
    assert not relink_module.unchanged_on_disk(root, prop)


def test_the_period_is_rated_by_the_penilai_at_its_end(transferred):
    root, _, _ = transferred
    findings = check(root)
    [f] = of_code(findings, "eval-penilai", EVAL_SITI_T3)
    assert f.severity == ERROR and f.line == line_of(root, EVAL_SITI_T3, "pejabat_penilai:")
    for words in ("disdik-0040 menjabat 2026-07-01 s.d. 2026-08-14", "disdik-0046 menjabat pada akhir periode (2026-09-30)",
                  "masukan_penilai_sebelumnya"):
        assert words in f.message, f.message
    edit(root, EVAL_SITI_T3, "pejabat_penilai: disdik-0040\n",
         "pejabat_penilai: disdik-0046\nmasukan_penilai_sebelumnya:\n  - oleh: disdik-0040\n    catatan: \"Juli berjalan baik.\"\n")
    assert not of_code(check(root), "eval-penilai", EVAL_SITI_T3)
    edit(root, EVAL_SITI_T3, "  - oleh: disdik-0040\n", "  - oleh: disdik-0005\n")
    [f] = of_code(check(root), "eval-penilai", EVAL_SITI_T3)
    assert "disdik-0005 bukan pejabat penilai sebelumnya" in f.message and "disdik-0040" in f.message


def test_authorization_follows_the_derived_penilai(transferred):
    """The old head may no longer rate triwulan III; the new one may (org data of the base)."""
    root, _, _ = transferred
    yuli_t3 = "evaluations/2026/triwulan_3/disdik-0044.yml"  # a draft: still open to its penilai
    git(root, "checkout", "-q", "-b", "pr")
    edit(root, yuli_t3, "  rating_hasil_kerja: sesuai_ekspektasi", "  rating_hasil_kerja: di_atas_ekspektasi")
    git(root, "commit", "-qam", "rating")
    verdicts = {}
    for login, gid in (("kt-demo-kepsek-sdn12", 91000035), ("kt-uji-kepsek-baru", 93000046)):
        result = run_kinerja("check-change", "--akar", str(root), "--revisi-dasar", "main", "--revisi-usulan", "pr",
                             "--pembuat", login, "--id-pembuat", str(gid), "--format", "json")
        doc = json.loads(result.out)
        verdicts[login] = next(d for d in doc["decisions"] if d["file"] == yuli_t3)
    assert verdicts["kt-demo-kepsek-sdn12"]["allowed"] is False
    assert verdicts["kt-demo-kepsek-sdn12"]["code"] == "authz-not-penilai" and "disdik-0046" in verdicts["kt-demo-kepsek-sdn12"]["message"]
    assert verdicts["kt-uji-kepsek-baru"]["allowed"] is True


# --- heads of units: conflicts, acting officials, cycles, gaps -------------------------------------------


def _acting(root: Path, person_rel: str, jenis: str, unit: str, mulai: str, selesai: str | None = None) -> None:
    text = (root / person_rel).read_text(encoding="utf-8")
    entry = f"  - jenis: {jenis}\n    unit: {unit}\n    mulai: {mulai}\n" + (f"    selesai: {selesai}\n" if selesai else "")
    if "plt_plh:" in text:
        text = text.replace("plt_plh:\n", "plt_plh:\n" + entry)
    else:
        text = text.replace("fiktif: true", "plt_plh:\n" + entry + "fiktif: true")
    (root / person_rel).write_text(text, encoding="utf-8")


def test_a_plt_beside_a_definitive_head_is_an_error_a_plh_is_not(demo):
    kabid = "organisation/people/disdik-0005.yml"
    _acting(demo, kabid, "plh", "disdik-sdn-12-mb", "2026-10-05", "2026-10-09")  # the head is away for a week
    findings = check(demo)
    assert not of_code(findings, "head-conflict"), describe(findings)
    assert exit_code(findings) == 0
    _acting(demo, kabid, "plt", "disdik-sdn-12-mb", "2026-11-02")  # but the position is not vacant
    [f] = of_code(check(demo), "head-conflict")
    assert f.file == kabid and f.severity == ERROR and f.line == line_of(demo, kabid, "mulai: 2026-11-02")
    assert "disdik-0040" in f.message and "Plh." in f.message


def test_two_plt_of_one_unit_on_one_date(demo):
    # the demo's Plt. of Puskesmas Muara Bulian (dinkes-0005) serves 2026-05-01 to 2026-08-02
    _acting(demo, "organisation/people/dinkes-0030.yml", "plt", "dinkes-pkm-mb", "2026-07-20", "2026-07-31")
    findings = of_code(check(demo), "head-conflict")
    assert {f.file for f in findings} == {"organisation/people/dinkes-0030.yml", "organisation/people/dinkes-0005.yml"}
    assert all("Plt." in f.message for f in findings)


def test_a_cycle_of_exceptions_is_reported_at_each_line_to_change(demo):
    # the Kabid SD is made the teacher's exception, and the teacher the Kabid's: a loop
    edit(demo, SITI, '    pangkat: "Penata Muda Tingkat I"\n',
         '    pangkat: "Penata Muda Tingkat I"\n    pejabat_penilai: disdik-0005\n    alasan_penilai: "uji"\n')
    edit(demo, "organisation/people/disdik-0005.yml", "    kepala_unit: true\n",
         '    kepala_unit: true\n    pejabat_penilai: disdik-0042\n    alasan_penilai: "uji"\n')
    cycles = of_code(check(demo), "penilai-cycle")
    assert {(f.file, f.line) for f in cycles} == {
        (SITI, line_of(demo, SITI, "pejabat_penilai: disdik-0005")),
        ("organisation/people/disdik-0005.yml", line_of(demo, "organisation/people/disdik-0005.yml", "pejabat_penilai: disdik-0042")),
    }
    assert all("disdik-0042 → disdik-0005 → disdik-0042" in f.message or "disdik-0005 → disdik-0042 → disdik-0005" in f.message
               for f in cycles)


def test_a_day_without_penilai_during_a_plan(demo):
    # the head of Dinas Pendidikan leaves and nobody is appointed: the Kabid SD has no penilai
    # (administrator <- JPT Pratama only, and the Sekda is reached only for heads of perangkat daerah)
    edit(demo, "organisation/people/disdik-0001.yml", "    kepala_unit: true\n", "    kepala_unit: true\n    selesai: 2026-10-31\n")
    missing = of_code(check(demo), "penilai-missing", "organisation/people/disdik-0005.yml")
    assert missing and all(f.severity == ERROR for f in missing)
    assert "2026-11-01 s.d. 2026-12-31" in missing[0].message and "plans/2026/disdik-0005.yml" in missing[0].message
    assert missing[0].line == line_of(demo, "organisation/people/disdik-0005.yml", "- mulai:")


def test_redundant_and_unexplained_exceptions(demo):
    edit(demo, SITI, '    pangkat: "Penata Muda Tingkat I"\n', '    pangkat: "Penata Muda Tingkat I"\n    pejabat_penilai: disdik-0040\n')
    [f] = of_code(check(demo), "penilai-redundant", SITI)
    assert f.severity == WARNING and "Hapus baris ini" in f.message
    edit(demo, SITI, "    pejabat_penilai: disdik-0040\n", "    pejabat_penilai: disdik-0005\n")
    [f] = of_code(check(demo), "penilai-exception", SITI)
    assert "alasan_penilai" in f.message and "disdik-0040" in f.message


def test_acting_may_rate_is_rule_data(demo):
    """A Plt. kepala sekolah rates the teachers; with plt_menilai false the walk goes on up."""
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository

    edit(demo, KEPSEK, "    kepala_unit: true\n", "    kepala_unit: true\n    selesai: 2026-08-14\n")
    _acting(demo, "organisation/people/disdik-0043.yml", "plt", "disdik-sdn-12-mb", "2026-08-15")
    org = org_index(load_repository(demo, use_cache=False))
    assert org.penilai_on("disdik-0042", date(2026, 9, 1)) == "disdik-0043"  # the Plt. (a fungsional head position)
    assert org.penilai_on("disdik-0043", date(2026, 9, 1)) == "disdik-0005"  # the Plt. himself: the Kabid SD
    edit(demo, "rules/permenpanrb-6-2022.yml", "  plt_menilai:\n    nilai: true\n", "  plt_menilai:\n    nilai: false\n")
    org = org_index(load_repository(demo, use_cache=False))
    assert org.acting_may_rate("plt", 2026) is False and org.acting_may_rate("plh", 2026) is True
    assert org.penilai_on("disdik-0042", date(2026, 9, 1)) == "disdik-0005"


# --- relink keeps arbitrary user text -------------------------------------------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), min_size=1, max_size=40)


@settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(uraian=_TEXT, comment=_TEXT, quoted=st.booleans())
def test_relink_keeps_every_line_whatever_the_text(transferred, uraian, comment, quoted):
    from kinerja import relink as relink_module
    from kinerja.check.crossfile import org_index
    from kinerja.loader import load_text
    from kinerja.repository import load_repository

    root, _, _ = transferred
    git(root, "checkout", "-q", "--", PLAN_SITI)  # each example starts from the committed plan
    path = root / PLAN_SITI
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(True)
    first = next(i for i, line in enumerate(lines) if line.startswith("    intervensi: disdik-0040/"))
    link = lines[first].split(": ", 1)[1].strip()
    lines[first] = f'    intervensi: "{link}"  # {comment}\n' if quoted else f"    intervensi: {link}  # {comment}\n"
    uraian_at = max(i for i in range(first) if lines[i].startswith("    uraian: "))
    lines[uraian_at] = "    uraian: " + __import__("json").dumps(uraian, ensure_ascii=False) + "\n"
    original = "".join(lines)
    path.write_text(original, encoding="utf-8")
    repo = load_repository(root, use_cache=False)
    assume(repo.plan(2026, "disdik-0042") is not None)  # text the strict loader refuses has its own tests
    from kinerja.findings import has_nip

    assume(not has_nip(uraian))  # NIP-shaped free text is refused by validation (tests/validate/test_nip_in_free_text.py)
    [prop] = relink_module.propose(repo, org_index(repo), "disdik-0042", 2026, {})
    assert prop.problems == [], prop.problems
    kept = iter(prop.after.splitlines())
    for line in original.splitlines():
        if line != "status: disetujui":
            assert any(line == candidate for candidate in kept), line
    data = load_text(prop.after).data
    copy = next(r for r in data["hasil_kerja"] if r["id"].endswith("b") and r["uraian"] == uraian)
    assert copy["intervensi"].startswith("disdik-0046/") and copy["berlaku_mulai"] == "triwulan_4"


def test_the_nearest_head_fallback_is_reported_as_an_unusual_pair(demo):
    """A pelaksana straight under a Kepala Dinas: no Pengawas on the way up (domain §3: Pelaksana
    <- Pengawas), so the nearest head inside the perangkat daerah rates, with a warning."""
    person = "organisation/people/disdukcapil-0040.yml"
    [f] = of_code(check(demo), "penilai-unusual", person)
    assert f.severity == WARNING
    assert f.line == line_of(demo, person, "    unit: disdukcapil")
    # the Kepala Dinas (disdukcapil-0001, JPT Pratama) rates him, and the message says so
    assert "kepala terdekat, disdukcapil-0001 (jabatan jpt pratama)" in f.message
    assert "pelaksana" in f.message and "plans/2026/disdukcapil-0040.yml" in f.message
    # the usual pairs are rule data: once a JPT Pratama usually rates a pelaksana, no warning
    edit(demo, "rules/permenpanrb-6-2022.yml", "  pelaksana: [pengawas]\n", "  pelaksana: [pengawas, jpt_pratama]\n")
    assert not of_code(check(demo), "penilai-unusual", person)


def test_no_fallback_warning_under_a_usual_head(demo):
    # the teachers of SD Negeri 12 are rated by their (fungsional) head: usual, nothing said
    findings = check(demo)
    for teacher in TEACHERS:
        assert not of_code(findings, "penilai-unusual", f"organisation/people/{teacher}.yml")


def test_a_transferee_plan_ends_with_its_position_and_is_not_relinked(demo):
    """A teacher moves to the Sekretariat on 1 October: her old plan ends on 30 September (the
    tool proposes it), it is not relinked to the Sekretariat's head, and her next plan is made."""
    teacher, plan = "organisation/people/disdik-0044.yml", "plans/2026/disdik-0044.yml"
    edit(demo, teacher, "    golongan: IX\n", "    golongan: IX\n    selesai: 2026-09-30\n  - mulai: 2026-10-01\n"
         "    unit: disdik-sekretariat\n    jabatan: \"Analis Kurikulum\"\n    jenis_jabatan: fungsional\n"
         "    jenjang: ahli_pertama\n    golongan: IX\n")
    findings = check(demo)
    [ended] = of_code(findings, "plan-assignment", plan)
    assert "berakhir 2026-09-30" in ended.message and "kinerja relink --pegawai disdik-0044 --tahun 2026" in ended.message
    assert not of_code(findings, "cascade-supervisor-changed", plan)  # the old position's links stay
    before = (demo / plan).read_text(encoding="utf-8")
    proposal = run_kinerja("relink", "--akar", str(demo), "--pegawai", "disdik-0044", "--tahun", "2026")
    assert proposal.code == 0 and "periode.selesai 2026-12-31 → 2026-09-30" in proposal.out, proposal
    assert "-  selesai: 2026-12-31\n+  selesai: 2026-09-30\n" in proposal.out and "intervensi" not in proposal.out
    written = run_kinerja("relink", "--akar", str(demo), "--pegawai", "disdik-0044", "--tahun", "2026", "--tulis")
    assert written.code == 0, written
    after = (demo / plan).read_text(encoding="utf-8")
    assert after == before.replace("  selesai: 2026-12-31\n", "  selesai: 2026-09-30\n", 1)  # status and links untouched
    made = run_kinerja("new", "--akar", str(demo), "--pegawai", "disdik-0044", "--tahun", "2026")
    assert made.code == 0 and "plans/2026/disdik-0044.2026-10-01.yml (disdik-0044, jabatan Analis Kurikulum, 2026-10-01 s.d. 2026-12-31)" in made.out, made
    findings = check(demo)
    assert not [f for f in findings if f.file == plan], describe([f for f in findings if f.file == plan])
