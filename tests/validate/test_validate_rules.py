"""Schema and cross-file rules, one targeted edit each, with the reported line asserted.

Every case starts from a copy of the demo regency (which validates), applies one change a
real pull request could make, and checks that `kinerja validate` reports the expected code
at the expected file, line (read from the edited text) and severity, and that the exit code
says whether the change blocks a merge (errors: 1) or only warns (0).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

import pytest
from kthelpers import TODAY
from vhelpers import assert_clean_message, check, cli_json, describe, edit, exit_code, line_of, of_code, write

from kinerja.findings import ERROR, WARNING

PLAN_42 = "plans/2026/disdik-0042.yml"
PLAN_40 = "plans/2026/disdik-0040.yml"
PLAN_HEAD = "plans/2026/disdik-0001.yml"  # Kepala Dinas Pendidikan: links RHK to sasaran
EVAL_42_T2 = "evaluations/2026/triwulan_2/disdik-0042.yml"  # final, closed period
EVAL_44_T3 = "evaluations/2026/triwulan_3/disdik-0044.yml"  # draft, open period
PERSON_42 = "organisation/people/disdik-0042.yml"
PERSON_43 = "organisation/people/disdik-0043.yml"
UNITS_DINKES = "organisation/units/dinkes.yml"
GOALS_DISDIK = "organisation/goals/2026/disdik.yml"
UNIT_RESULT = "unit-results/2026/triwulan_2/disdik.yml"


@dataclass(frozen=True)
class Case:
    name: str
    apply: Callable  # root -> None: the one change
    file: str  # where the finding must be
    needle: str | None  # text on the expected line (None: a finding without position)
    code: str
    severity: str = ERROR
    exit: int = 1
    nth: int = 1  # which line containing `needle`
    column: int | None = None
    words: tuple[str, ...] = ()


def _remove(rel: str):
    return lambda root: (root / rel).unlink()


def _sub(rel: str, old: str, new: str):
    return lambda root: edit(root, rel, old, new)


def _all(*steps):
    def apply(root):
        for step in steps:
            step(root)

    return apply


def _new_person(person_id: str, based_on: str, *subs: tuple[str, str]):
    """A new person file, copied from another one with its id and account changed."""

    def apply(root):
        text = (root / f"organisation/people/{based_on}.yml").read_text(encoding="utf-8")
        text = text.replace(f"id: {based_on}", f"id: {person_id}")
        text = text.replace("  login: ", f"  login: {person_id}-").replace("  id: 91", "  id: 92")
        for old, new in subs:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        write(root, f"organisation/people/{person_id}.yml", text)

    return apply


def _add_sub_unit(rel: str, unit_id: str, parent: str):
    """Append a sub-unit (a puskesmas) with the given id to a unit file."""

    def apply(root):
        path = root / rel
        path.write_text(
            path.read_text(encoding="utf-8")
            + f"  - id: {unit_id}\n"
            + '    nama: "UPTD Puskesmas Pembantu (fiktif)"\n'
            + "    jenis: puskesmas\n"
            + f"    induk: {parent}\n"
            + '    jabatan_kepala: "Kepala Puskesmas Pembantu"\n'
            + "    jenis_jabatan_kepala: pengawas\n",
            encoding="utf-8",
        )

    return apply


def _swap_kominfo_0031_plans(root):
    """The July plan takes the plain name and the January plan gets a date suffix."""
    plans = root / "plans/2026"
    (plans / "kominfo-0031.yml").rename(plans / "kominfo-0031.2026-01-01.yml")
    (plans / "kominfo-0031.2026-07-01.yml").rename(plans / "kominfo-0031.yml")


def _evaluation_t3_for_retired_head(root):
    text = (root / "evaluations/2026/triwulan_2/dinkes-0010.yml").read_text(encoding="utf-8")
    assert "periode: triwulan_2" in text
    write(root, "evaluations/2026/triwulan_3/dinkes-0010.yml", text.replace("periode: triwulan_2", "periode: triwulan_3"))


KOREKSI = (
    "koreksi:\n"
    "  - oleh: {who}\n"
    "    tanggal: 2026-08-01\n"
    '    alasan: "Keputusan atas keberatan nomor 12 (fiktif)"\n'
)

CASES = [
    # --- schema ----------------------------------------------------------------------------
    Case("missing-required-key", _sub(PLAN_42, "status: disetujui\n", ""), PLAN_42, "versi_format:", "schema-required",
         column=1, words=("“status”", "belum ada")),
    Case("missing-required-nested", _sub(PLAN_42, '        uraian: "Jumlah modul ajar yang disusun dan digunakan"\n', ""),
         PLAN_42, "- id: iki-1", "schema-required", nth=2, column=9, words=("“uraian”",)),
    Case("wrong-enum", _sub(PLAN_42, "jenis: tambahan", "jenis: tambahn"), PLAN_42, "jenis: tambahn", "schema-enum",
         column=12, words=("Mungkin maksud Anda “tambahan”",)),
    Case("wrong-type", _sub(PLAN_42, "tahun: 2026", 'tahun: "2026"'), PLAN_42, "tahun:", "schema-type",
         column=8, words=("bilangan bulat",)),
    Case("text-too-long", _sub(PLAN_42, 'uraian: "Jumlah sesi berbagi praktik baik di KKG"', f'uraian: "{"x" * 2001}"'),
         PLAN_42, "x" * 2001, "schema-length", words=("2001 karakter",)),
    Case("date-not-in-calendar", _sub(UNIT_RESULT, "tanggal: 2026-07-20", "tanggal: 2026-13-20"), UNIT_RESULT, "tanggal:",
         "schema-format", words=("kalender",)),
    Case("target-value-and-range", _sub(PLAN_42, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 6, min: 1, maks: 8, satuan: "proyek"}'),
         PLAN_42, "nilai: 6, min: 1", "schema-choice", words=("'nilai'", "'min' dan 'maks'", "tidak keduanya")),
    # --- path and content agree --------------------------------------------------------------
    Case("pegawai-vs-file-name", _sub(PLAN_42, "pegawai: disdik-0042", "pegawai: disdik-0043"), PLAN_42, "pegawai:",
         "path-mismatch", column=10, words=("disdik-0042", "disdik-0043")),
    Case("tahun-vs-folder", _sub(PLAN_42, "tahun: 2026", "tahun: 2025"), PLAN_42, "tahun:", "path-mismatch", words=("2026",)),
    Case("periode-vs-folder", _sub(EVAL_42_T2, "periode: triwulan_2", "periode: triwulan_3"), EVAL_42_T2, "periode:",
         "path-mismatch"),
    # --- references --------------------------------------------------------------------------
    Case("unknown-person", _sub(PERSON_43, '    pangkat: "Penata Tingkat I"\n', '    pangkat: "Penata Tingkat I"\n    pejabat_penilai: disdik-9999\n'), PERSON_43,
         "pejabat_penilai:", "ref-person", words=("disdik-9999",)),
    Case("unknown-unit", _sub(PERSON_43, "unit: disdik-sdn-12-mb", "unit: disdik-sdn-99-mb"), PERSON_43, "unit:", "ref-unit"),
    Case("unknown-sasaran", _sub(PLAN_HEAD, "sasaran: ss-2", "sasaran: ss-9"), PLAN_HEAD, "sasaran: ss-9", "ref-sasaran"),
    Case("unknown-goal-supported", _sub(GOALS_DISDIK, "mendukung: ss-2", "mendukung: ss-9"), GOALS_DISDIK, "mendukung: ss-9",
         "ref-sasaran"),
    Case("unknown-supervisor-rhk", _sub(PLAN_42, "    uraian: \"Terbaginya praktik baik pembelajaran berbasis proyek kepada guru lain\"\n    intervensi: disdik-0040/rhk-1",
                                        "    uraian: \"Terbaginya praktik baik pembelajaran berbasis proyek kepada guru lain\"\n    intervensi: disdik-0040/rhk-9"),
         PLAN_42, "disdik-0040/rhk-9", "cascade-missing", words=("“rhk-9”",)),
    Case("unknown-rhk-in-draft-evaluation", _sub(EVAL_44_T3, "    - rhk: rhk-1\n      indikator:", "    - rhk: rhk-7\n      indikator:"),
         EVAL_44_T3, "rhk: rhk-7", "ref-rhk"),
    Case("unknown-iki-in-draft-evaluation", _sub(EVAL_44_T3, "        - iki: iki-2", "        - iki: iki-8"), EVAL_44_T3,
         "iki: iki-8", "ref-iki"),
    Case("evaluator-unknown", _sub(EVAL_44_T3, "pejabat_penilai: disdik-0040", "pejabat_penilai: disdik-9999"), EVAL_44_T3,
         "pejabat_penilai:", "eval-penilai", words=("disdik-0040",)),
    # --- ids ---------------------------------------------------------------------------------
    Case("duplicate-rhk-id", _sub(PLAN_42, "  - id: rhk-2", "  - id: rhk-1"), PLAN_42, "- id: rhk-1", "duplicate-id",
         nth=2, column=9, words=("“rhk-1”",)),
    Case("duplicate-iki-id", _sub(PLAN_42, "      - id: iki-3", "      - id: iki-2"), PLAN_42, "- id: iki-2", "duplicate-id",
         nth=2, words=("“iki-2”",)),
    Case("duplicate-unit-id", _add_sub_unit(UNITS_DINKES, "dinkes-pkm-mb", "dinkes-bid-yankes"), UNITS_DINKES,
         "- id: dinkes-pkm-mb", "duplicate-id", nth=2, column=9),
    Case("duplicate-unit-id-across-files", _add_sub_unit("organisation/units/disdik.yml", "dinkes-bid-yankes", "disdik-bid-sd"),
         "organisation/units/disdik.yml", "- id: dinkes-bid-yankes", "duplicate-id", words=(UNITS_DINKES,)),
    Case("duplicate-github-id", _sub(PERSON_43, "  id: 91000043", "  id: 91000042"), PERSON_43, "id: 91000042",
         "github-duplicate"),
    # --- people and their assignments -----------------------------------------------------------
    Case("overlapping-assignments", _sub("organisation/people/kominfo-0031.yml", "selesai: 2026-06-30", "selesai: 2026-07-31"),
         "organisation/people/kominfo-0031.yml", "mulai: 2026-07-01", "assignment-overlap"),
    Case("head-of-unit-conflict", _new_person("disdik-0046", "disdik-0043", ("mulai: 2012-04-01", "mulai: 2026-01-05"),
                                              ('    pangkat: "Penata Tingkat I"\n', '    pangkat: "Penata Tingkat I"\n    kepala_unit: true\n')),
         "organisation/people/disdik-0046.yml", "kepala_unit:", "head-conflict", words=("disdik-0040",)),
    Case("nip-impossible-birth-date", _sub(PERSON_42, 'nip: "199207232019032011"', 'nip: "199213232019032011"'), PERSON_42, "nip:",
         "nip-invalid", words=("tanggal lahir",)),
    Case("nip-gender-digit-3", _sub(PERSON_42, 'nip: "199207232019032011"', 'nip: "199207232019033011"'), PERSON_42, "nip:",
         "nip-invalid", words=("jenis kelamin",)),
    Case("nip-appointment-month-13", _sub(PERSON_42, 'nip: "199207232019032011"', 'nip: "199207232019132011"'), PERSON_42, "nip:",
         "nip-invalid", words=("bulan pengangkatan",)),
    Case("nip-appointment-month-00", _sub(PERSON_42, 'nip: "199207232019032011"', 'nip: "199207232019002011"'), PERSON_42, "nip:",
         "nip-invalid", words=("bulan pengangkatan",)),
    Case("duplicate-nip", _sub(PERSON_43, "status_kepegawaian: pns\n", 'status_kepegawaian: pns\nnip: "199207232019032011"\n'),
         PERSON_43, "nip:", "duplicate-id", words=("disdik-0042", "NIP")),
    Case("duplicate-nip-reported-on-both", _sub(PERSON_43, "status_kepegawaian: pns\n", 'status_kepegawaian: pns\nnip: "199207232019032011"\n'),
         PERSON_42, "nip:", "duplicate-id", words=("disdik-0043", "NIP")),
    Case("unusual-evaluator-pair", _new_person("kominfo-0050", "kominfo-0021", ('    pangkat: "Penata Muda"\n', '    pangkat: "Penata Muda"\n    pejabat_penilai: kominfo-0020\n')),
         "organisation/people/kominfo-0050.yml", "pejabat_penilai:", "penilai-unusual", severity=WARNING, exit=0),
    # --- the cascade -------------------------------------------------------------------------------
    Case("intervensi-to-non-penilai", _sub(PLAN_42, "    intervensi: disdik-0040/rhk-1\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi",
                                          "    intervensi: disdik-0005/rhk-1\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi"),
         PLAN_42, "disdik-0005/rhk-1", "cascade-supervisor", words=("disdik-0040",)),
    Case("head-of-pd-without-sasaran", _sub(PLAN_HEAD, "    sasaran: ss-1\n", ""), PLAN_HEAD, "- id: rhk-1", "cascade-sasaran",
         column=5),
    Case("sasaran-on-non-head", _sub(PLAN_42, "    intervensi: disdik-0040/rhk-1\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi",
                                    "    sasaran: ss-1\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi"),
         PLAN_42, "sasaran: ss-1", "cascade-sasaran"),
    # --- evaluations --------------------------------------------------------------------------------
    Case("evaluation-without-plan", _remove(PLAN_42), EVAL_42_T2, "pegawai:", "eval-plan", words=(PLAN_42,)),
    Case("evaluation-outside-plan-period", _evaluation_t3_for_retired_head, "evaluations/2026/triwulan_3/dinkes-0010.yml",
         "periode:", "eval-period", words=("2026-04-30",)),
    Case("wrong-evaluator-for-period", _sub("evaluations/2026/triwulan_3/dinkes-0020.yml", "pejabat_penilai: dinkes-0011", "pejabat_penilai: dinkes-0010"),
         "evaluations/2026/triwulan_3/dinkes-0020.yml", "pejabat_penilai:", "eval-penilai", words=("dinkes-0011", "dinkes-0010")),
    Case("final-evaluation-missing-rating",
         _sub(EVAL_42_T2, '    - rhk: rhk-3\n      rating: sesuai_ekspektasi\n      umpan_balik: "Hasil sesuai rencana. Pertahankan ritme kerja dan unggah bukti dukung tepat waktu."\n', ""),
         EVAL_42_T2, "penilaian:", "eval-coverage", column=1, words=("rhk-3",)),
    Case("realisasi-text-for-numeric-target", _sub(EVAL_44_T3, "realisasi: 82", 'realisasi: "delapan puluh dua persen"'), EVAL_44_T3,
         "delapan puluh dua", "eval-realisasi"),
    Case("koreksi-by-non-admin", lambda root: (root / EVAL_42_T2).write_text((root / EVAL_42_T2).read_text() + KOREKSI.format(who="disdik-0040")),
         EVAL_42_T2, "- oleh: disdik-0040", "koreksi-invalid", column=11),
    Case("unit-result-koreksi-by-non-admin", lambda root: (root / UNIT_RESULT).write_text((root / UNIT_RESULT).read_text() + KOREKSI.format(who="disdik-0001")),
         UNIT_RESULT, "- oleh: disdik-0001", "koreksi-invalid"),
    Case("unit-result-for-unit-without-one", lambda root: write(root, "unit-results/2026/triwulan_2/disdik-bid-sd.yml",
                                                               (root / UNIT_RESULT).read_text().replace("unit: disdik", "unit: disdik-bid-sd")),
         "unit-results/2026/triwulan_2/disdik-bid-sd.yml", "unit:", "unit-result-invalid"),
    Case("monthly-period-not-enabled", lambda root: write(root, "evaluations/2026/bulan_05/disdik-0044.yml",
                                                          (root / EVAL_44_T3).read_text().replace("periode: triwulan_3", "periode: bulan_05")),
         "evaluations/2026/bulan_05/disdik-0044.yml", "periode:", "period-invalid"),
    # --- plans in a year ----------------------------------------------------------------------------
    Case("second-plan-without-date-suffix", _swap_kominfo_0031_plans, "plans/2026/kominfo-0031.yml", "mulai:", "path-mismatch",
         words=("kominfo-0031.2026-07-01.yml",)),
    Case("suffix-disagrees-with-start", lambda root: (root / "plans/2026/kominfo-0031.2026-07-01.yml").rename(root / "plans/2026/kominfo-0031.2026-07-02.yml"),
         "plans/2026/kominfo-0031.2026-07-02.yml", "mulai:", "path-mismatch", words=("2026-07-02",)),
    # --- files in the wrong place ---------------------------------------------------------------------
    Case("symlink-in-plans", lambda root: os.symlink("../../organisation/people/disdik-0042.yml", root / "plans/2026/disdik-0099.yml"),
         "plans/2026/disdik-0099.yml", None, "path-symlink"),
    Case("yaml-extension", lambda root: (root / PLAN_42).rename(root / "plans/2026/disdik-0042.yaml"), "plans/2026/disdik-0042.yaml",
         None, "path-unknown", words=(".yml",)),
    Case("unknown-folder-under-plans", lambda root: write(root, "plans/2026/draf/disdik-0042.yml", (root / PLAN_42).read_text()),
         "plans/2026/draf/disdik-0042.yml", None, "path-unknown", words=("plans/<tahun>/<id-pegawai>.yml",)),
]


def test_at_least_30_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_reports_the_expected_line(demo, case: Case):
    case.apply(demo)  # the demo itself validates (tests/test_demo.py)
    findings = check(demo)
    line = None if case.needle is None else line_of(demo, case.file, case.needle, case.nth)
    hits = [f for f in of_code(findings, case.code, case.file) if f.line == line and f.severity == case.severity]
    assert hits, f"expected {case.file}:{line} {case.severity} {case.code}; got:\n{describe(findings)}"
    if case.column is not None:
        assert case.column in [f.column for f in hits], describe(hits)
    assert any(all(word in h.message for word in case.words) for h in hits), describe(hits)
    if line is None:
        assert all(h.column is None for h in hits)
    for f in findings:
        assert_clean_message(f.message)
    assert exit_code(findings) == case.exit, describe(findings)


# --- scenarios that need more than one edit, or a date ---------------------------------------

SUPERVISED_BY_40 = ("disdik-0042", "disdik-0043", "disdik-0044", "disdik-0045")


def _supervisor_plan_missing(root, keep_approved: str | None = None):
    """The head of the school has no 2026 plan yet; her staff's plans are drafts (except one)."""
    (root / PLAN_40).unlink()
    for period in ("triwulan_1", "triwulan_2", "triwulan_3"):
        (root / f"evaluations/2026/{period}/disdik-0040.yml").unlink()
    for person in SUPERVISED_BY_40:
        if person != keep_approved:
            edit(root, f"plans/2026/{person}.yml", "status: disetujui", "status: draf")


def test_cascade_pending_is_a_warning_on_a_draft(demo):
    _supervisor_plan_missing(demo)
    findings = check(demo)
    pending = of_code(findings, "cascade-pending", PLAN_42)
    assert [(f.line, f.severity) for f in pending] == [
        (line_of(demo, PLAN_42, "intervensi: disdik-0040/rhk-1", n), WARNING) for n in (1, 2, 3)
    ], describe(findings)
    assert "Boleh digabung sebagai draf" in pending[0].message
    assert exit_code(findings) == 0, describe(findings)


def test_cascade_pending_is_an_error_on_an_approved_plan(demo):
    _supervisor_plan_missing(demo, keep_approved="disdik-0042")
    findings = check(demo)
    pending = of_code(findings, "cascade-pending", PLAN_42)
    assert [(f.line, f.severity) for f in pending] == [
        (line_of(demo, PLAN_42, "intervensi: disdik-0040/rhk-1", n), ERROR) for n in (1, 2, 3)
    ], describe(findings)
    assert exit_code(findings) == 1
    # the drafts of the colleagues stay warnings
    assert all(f.severity == WARNING for f in of_code(findings, "cascade-pending", "plans/2026/disdik-0043.yml"))


def test_deleting_an_evaluated_rhk_is_reported_on_the_evaluations_and_the_plan(demo):
    """rhk-3 was rated in triwulan 1 and 2 (closed periods) and triwulan 3 (final)."""
    text = (demo / PLAN_42).read_text(encoding="utf-8")
    start = text.index("  - id: rhk-3\n")
    end = text.index("perilaku_kerja:")
    (demo / PLAN_42).write_text(text[:start] + text[end:], encoding="utf-8")
    findings = check(demo)
    for period in ("triwulan_1", "triwulan_2", "triwulan_3"):
        rel = f"evaluations/2026/{period}/disdik-0042.yml"
        got = [(f.line, f.severity) for f in of_code(findings, "eval-closed-rhk", rel)]
        assert (line_of(demo, rel, "- rhk: rhk-3"), ERROR) in got, describe(findings)
    on_plan = of_code(findings, "eval-closed-rhk", PLAN_42)
    assert {f.line for f in on_plan} == {line_of(demo, PLAN_42, "hasil_kerja:")}, describe(on_plan)
    assert any("triwulan_1" in f.message and "berlaku_sampai" in f.message for f in on_plan)
    assert not of_code(findings, "ref-rhk")  # a closed period's RHK is not a mere unknown reference
    assert exit_code(findings) == 1


def test_retiring_an_rhk_instead_of_deleting_it_is_accepted(demo):
    """The way the message suggests: keep rhk-3 and end it after triwulan 3."""
    edit(demo, PLAN_42, "    intervensi: disdik-0040/rhk-1\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi",
         "    intervensi: disdik-0040/rhk-1\n    berlaku_sampai: triwulan_3\n    indikator:\n      - id: iki-1\n        aspek: kuantitas\n        uraian: \"Jumlah sesi")
    assert exit_code(check(demo)) == 0


def test_koreksi_by_an_admin_is_accepted(demo):
    path = demo / EVAL_42_T2
    path.write_text(path.read_text(encoding="utf-8") + KOREKSI.format(who="bkpsdm-0020"), encoding="utf-8")
    assert not of_code(check(demo), "koreksi-invalid")


def test_skp_deadline_depends_on_the_date_given(demo):
    """A draft plan is fine in January and a warning after the deadline (31 January)."""
    edit(demo, PLAN_42, "status: disetujui", "status: draf")
    result, late = cli_json(demo, "--tanpa-cache", "--tanggal", "2026-02-01")
    assert result.code == 0, result  # a warning never blocks
    deadline = [f for f in late["findings"] if f["code"] == "deadline-skp" and f["file"] == PLAN_42]
    assert [(f["line"], f["severity"]) for f in deadline] == [(line_of(demo, PLAN_42, "status: draf"), WARNING)]
    assert "2026-01-31" in deadline[0]["message"]
    result, early = cli_json(demo, "--tanpa-cache", "--tanggal", "2026-01-31")
    assert result.code == 0, result
    assert not [f for f in early["findings"] if f["code"] == "deadline-skp" and f["file"] == PLAN_42]


def test_final_evaluation_before_the_period_ends_is_a_warning(demo):
    rel = "evaluations/2026/triwulan_3/disdik-0042.yml"
    result, doc = cli_json(demo, "--tanpa-cache", "--tanggal", "2026-09-15", rel)
    assert result.code == 0, result
    early = [f for f in doc["findings"] if f["code"] == "eval-early"]
    assert [(f["file"], f["line"], f["severity"]) for f in early] == [(rel, line_of(demo, rel, "status: final"), WARNING)]
    assert "2026-09-30" in early[0]["message"]
    _, later = cli_json(demo, "--tanpa-cache", "--tanggal", TODAY, rel)
    assert not [f for f in later["findings"] if f["code"] == "eval-early"]


def test_duplicates_are_reported_on_every_file_involved(demo):
    """The pull request that introduces a duplicate may have changed either file."""
    from kinerja.validate import validate

    a, b = demo / "organisation/people/disdik-0043.yml", demo / "organisation/people/disdik-0044.yml"
    a.write_text(a.read_text(encoding="utf-8").replace("id: 91000043", "id: 91000044"), encoding="utf-8")
    _, findings = validate(demo, use_cache=False)
    dup = {f.file for f in findings if f.code == "github-duplicate"}
    assert dup == {"organisation/people/disdik-0043.yml", "organisation/people/disdik-0044.yml"}
    assert b.exists()


def test_a_nip_like_file_name_is_refused_and_never_printed(demo):
    from kthelpers import run_kinerja

    src = demo / "organisation/people/disdik-0045.yml"
    target = demo / "organisation/people/p-199207232019032011.yml"
    target.write_text(src.read_text(encoding="utf-8").replace("id: disdik-0045", "id: p-199207232019032011"), encoding="utf-8")
    for fmt in ("text", "json", "github"):
        result = run_kinerja("validate", "--tanpa-cache", "--format", fmt, "--akar", str(demo))
        assert result.code == 1
        assert "199207232019032011" not in result.out + result.err
        assert "path-nip" in result.out
