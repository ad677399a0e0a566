"""A link up the cascade that does not resolve is answered with the closest valid choices, by
id and text, from the penilai derived for the RHK's own dates (model/org.py) — and a rejected
item does not make right lines look wrong.

The demo's perawat, Ns. Ratna Sari (dinkes-0020, Puskesmas Muara Bulian), had three penilai in
2026: the old Kepala Puskesmas dinkes-0010 until 30 April, the Kabid Yankes dinkes-0005 as
Plt. from 1 May to 2 August, and the new Kepala Puskesmas dinkes-0011 from 3 August. Her RHK
rhk-1b is in force from triwulan III (1 July), so it is rated by dinkes-0011, whose plan has
rhk-1 «Meningkatnya kecepatan dan mutu pelayanan Puskesmas Muara Bulian» and rhk-2
«Meningkatnya cakupan imunisasi di wilayah kerja puskesmas» (read from the demo files by hand).
"""

from __future__ import annotations

from vhelpers import ERROR, check, describe, edit, line_of, of_code

from kinerja.findings import WARNING

PLAN = "plans/2026/dinkes-0020.yml"
LINK = "    intervensi: dinkes-0011/rhk-1\n"  # rhk-1b's link, the only one to dinkes-0011
KAPUS_1 = "dinkes-0011/rhk-1 — «Meningkatnya kecepatan dan mutu pelayanan Puskesmas Muara Bulian»"
KAPUS_2 = "dinkes-0011/rhk-2 — «Meningkatnya cakupan imunisasi di wilayah kerja puskesmas»"


def _only(findings, rel=PLAN):
    mine = [f for f in findings if f.file == rel]
    assert len(mine) == 1, describe(findings)
    return mine[0]


def test_a_bare_rhk_id_in_yaml_names_the_supervisors_rhk_by_id_and_text(demo):
    edit(demo, PLAN, LINK, "    intervensi: rhk-2\n")
    f = _only(check(demo, [PLAN]))
    assert (f.code, f.severity, f.line) == ("schema-pattern", ERROR, line_of(demo, PLAN, "intervensi: rhk-2"))
    # the id she wrote comes first, then the other choice
    assert f"Maksud Anda {KAPUS_2}? Pilihan lain: {KAPUS_1}." in f.message, f.message
    assert "“rhk-2”" in f.message and "kepala perangkat daerah" not in f.message


def test_a_bare_id_written_as_sasaran_by_a_staff_member_gets_the_rhk_not_the_heads_message_alone(demo):
    edit(demo, PLAN, LINK, "    sasaran: rhk-1\n")
    f = _only(check(demo, [PLAN]))
    assert f.code == "cascade-sasaran" and f.line == line_of(demo, PLAN, "sasaran: rhk-1")
    # the key to write changes (sasaran -> intervensi), so the key is named
    assert f"Maksud Anda intervensi: {KAPUS_1}?" in f.message, f.message


def test_a_mistyped_rhk_id_is_ranked_by_the_words_the_two_rhk_share(demo):
    # her own RHK is about imunisasi: the supervisor's imunisasi RHK comes first although rhk-9 is
    # no closer to rhk-2 than to rhk-1
    edit(demo, PLAN, '    uraian: "Terlaksananya asuhan keperawatan pasien poli umum sesuai standar"\n' + LINK,
         '    uraian: "Terlaksananya imunisasi dasar lengkap bagi bayi di posyandu binaan"\n    intervensi: dinkes-0011/rhk-9\n')
    f = _only(check(demo, [PLAN]))
    assert f.code == "cascade-missing" and f.severity == ERROR  # the plan is approved
    assert "“dinkes-0011/rhk-9”" in f.message and "tidak ada di rencana dinkes-0011 tahun 2026" in f.message
    assert f"Maksud Anda {KAPUS_2}? Pilihan lain: {KAPUS_1}." in f.message, f.message


def test_an_unknown_supervisor_is_named_with_the_real_penilai_and_their_dates(demo):
    edit(demo, PLAN, LINK, "    intervensi: dinkes-0099/rhk-1\n")
    f = _only(check(demo, [PLAN]))
    assert f.code == "cascade-supervisor" and f.line == line_of(demo, PLAN, "dinkes-0099/rhk-1")
    for words in ("“dinkes-0099” tidak ada di organisation/people/",
                  "dinkes-0010 (2026-01-01 s.d. 2026-04-30); dinkes-0005 (2026-05-01 s.d. 2026-08-02); "
                  "dinkes-0011 (2026-08-03 s.d. 2026-12-31)",
                  f"Maksud Anda {KAPUS_1}? Pilihan lain: {KAPUS_2}."):
        assert words in f.message, f.message


def test_a_missing_rhk_of_a_former_supervisor_is_one_error_that_names_the_new_one(demo):
    """The RHK of the old Kapus that does not exist: one error (cascade-missing) that says he
    left and offers the new Kapus's RHK; cascade-supervisor-changed is not repeated beside it."""
    edit(demo, PLAN, LINK, "    intervensi: dinkes-0010/rhk-3\n")
    findings = check(demo, [PLAN])
    f = _only(findings)
    assert f.code == "cascade-missing"
    for words in ("dinkes-0010 menjadi atasan Ns. Ratna Sari, S.Kep. hanya sampai 2026-04-30",
                  "untuk RHK ini pejabat penilainya dinkes-0011", f"Maksud Anda {KAPUS_1}?"):
        assert words in f.message, f.message
    assert not of_code(findings, "cascade-supervisor-changed")


def test_a_valid_rhk_of_a_former_supervisor_warns_with_the_penilai_of_the_rhks_own_span(demo):
    """dinkes-0010/rhk-1 exists, but rhk-1b runs from triwulan III: the warning names the Plt.
    who followed (dinkes-0005, from 1 May) and the penilai of the RHK itself (dinkes-0011), and
    offers dinkes-0011's RHK in the same words as the other cascade messages."""
    edit(demo, PLAN, LINK, "    intervensi: dinkes-0010/rhk-1\n")
    f = _only(check(demo, [PLAN]))
    assert (f.code, f.severity) == ("cascade-supervisor-changed", WARNING)
    for words in ("hanya sampai 2026-04-30", "sejak 2026-05-01 atasannya dinkes-0005",
                  "untuk RHK ini (berlaku sampai 2026-12-31) pejabat penilainya dinkes-0011",
                  f"Pilih RHK dinkes-0011 yang diintervensi: {KAPUS_1}; {KAPUS_2}."):
        assert words in f.message, f.message


def test_a_head_of_perangkat_daerah_with_a_bare_id_is_offered_her_sasaran(demo):
    rel = "plans/2026/dinkes-0001.yml"
    edit(demo, rel, "    sasaran: ss-1\n", "    intervensi: ss-1\n")
    f = _only(check(demo, [rel]), rel)
    assert f.code == "schema-pattern"
    assert "kepala perangkat daerah, acu sasaran organisasi dengan kunci sasaran" in f.message
    assert "Maksud Anda sasaran: ss-1 — «Meningkatnya derajat kesehatan masyarakat»?" in f.message, f.message


def test_a_rejected_item_does_not_blame_the_lines_that_depend_on_it(demo):
    """Realistic YAML mistakes, one at a time, each reported once where it is:
    - an RHK with a wrong jenis (schema): the plan is refused, its evaluations are not blamed;
    - the supervisor's plan refused: the staff plans linking to it are not blamed;
    - an RHK id written twice: the evaluations of that plan are not told the RHK is unreported."""
    edit(demo, PLAN, "    berlaku_mulai: triwulan_3\n    jenis: utama\n", "    berlaku_mulai: triwulan_3\n    jenis: pokok\n")
    findings = [f for f in check(demo) if f.severity == ERROR]
    assert [(f.file, f.code) for f in findings] == [(PLAN, "schema-enum")], describe(findings)
    edit(demo, PLAN, "    jenis: pokok\n", "    jenis: utama\n")

    edit(demo, "plans/2026/dinkes-0011.yml", "  - id: rhk-1\n    jenis: utama\n", "  - id: rhk-1\n    jenis: pokok\n")
    findings = [f for f in check(demo) if f.severity == ERROR]
    assert [(f.file, f.code) for f in findings] == [("plans/2026/dinkes-0011.yml", "schema-enum")], describe(findings)
    edit(demo, "plans/2026/dinkes-0011.yml", "    jenis: pokok\n", "    jenis: utama\n")

    edit(demo, PLAN, "  - id: rhk-1b\n", "  - id: rhk-1\n")
    findings = check(demo)
    assert of_code(findings, "duplicate-id", PLAN)
    t3 = "evaluations/2026/triwulan_3/dinkes-0020.yml"
    # rhk-1b is gone (a true consequence, said on the plan and on the final evaluation that rated it),
    # but nothing claims the evaluation left rhk-1 unreported or unrated
    assert not [f for f in findings if f.file == t3 and f.code == "eval-coverage"], describe(findings)
