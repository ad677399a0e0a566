"""Suara publik: deadlines cell by cell, IKM arithmetic by hand, personal data refused with
its line, the PR-comment section, writer rules, and the public pages (real MkDocs build)."""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from kthelpers import ROOT, git
from kinerja.findings import ERROR
from kinerja.suara import ikm
from kinerja.suara.deadlines import clocks
from kinerja.suara.records import Complaint, Step
from kinerja.suara.workdays import WorkCalendar
from kinerja.validate import validate

# 2026-08-14 is a Friday, 2026-08-17 (Monday) is Independence Day.
HOLIDAYS = {2026: {date(2026, 8, 17): ("Hari Kemerdekaan", "libur_nasional"), date(2026, 12, 24): ("Cuti bersama", "cuti_bersama")}}


def test_working_days_skip_weekend_and_holiday():
    cal = WorkCalendar(HOLIDAYS)
    # Fri 14 Aug is day 0; Sat/Sun 15-16 and the holiday Mon 17 are not working days:
    # Tue 18 = 1, Wed 19 = 2, Thu 20 = 3.
    assert cal.add(date(2026, 8, 14), 3, "kerja") == date(2026, 8, 20)
    assert cal.add(date(2026, 8, 14), 1, "kerja") == date(2026, 8, 18)
    assert cal.add(date(2026, 8, 14), 3, "kalender") == date(2026, 8, 17)
    assert cal.between(date(2026, 8, 14), date(2026, 8, 21), "kerja") == 4
    assert cal.between(date(2026, 8, 14), date(2026, 8, 21), "kalender") == 7
    assert cal.missing_years() == []


def test_cuti_bersama_counts_as_configured():
    # Wed 23 Dec day 0; Thu 24 is cuti bersama, Fri 25 is not listed here (a working day).
    off = WorkCalendar(HOLIDAYS, cuti_bersama_libur=True)
    on = WorkCalendar(HOLIDAYS, cuti_bersama_libur=False)
    assert off.add(date(2026, 12, 23), 1, "kerja") == date(2026, 12, 25)
    assert on.add(date(2026, 12, 23), 1, "kerja") == date(2026, 12, 24)


def _rules():
    from kinerja.loader import load_bytes
    from kinerja.suara.records import build_rules

    return build_rules("rules/pelayanan-publik.yml", load_bytes((ROOT / "rules/pelayanan-publik.yml").read_bytes()).data)


def _complaint(*steps) -> Complaint:
    riwayat = tuple(Step(("riwayat", i), s, d, None) for i, (s, d) in enumerate(steps))
    return Complaint("complaints/2026/2026-0001.yml", "2026-0001", 2026, "lapor", None, steps[0][1], "u", "l", "sarana",
                     "x", riwayat, (), (), False)


def test_each_deadline_rule_cell_by_cell():
    rules = _rules()
    by_key = {d.key: d for d in rules.deadlines}
    assert (by_key["verifikasi_admin"].hari, by_key["verifikasi_admin"].jenis, by_key["verifikasi_admin"].mulai_dari) == (3, "kerja", "diterima")
    assert (by_key["tindak_lanjut"].hari, by_key["tindak_lanjut"].jenis, by_key["tindak_lanjut"].mulai_dari) == (5, "kerja", "dalam_proses")
    assert (by_key["penyelesaian"].hari, by_key["penyelesaian"].jenis, by_key["penyelesaian"].mulai_dari) == (60, "kalender", "diterima")
    cal = WorkCalendar(HOLIDAYS)
    # received Fri 14 Aug; forwarded Fri 21 Aug; nothing since; today Mon 31 Aug
    k = _complaint(("diterima", date(2026, 8, 14)), ("dalam_proses", date(2026, 8, 21)))
    got = {c.deadline.key: c for c in clocks(k, rules.deadlines, cal, date(2026, 8, 31))}
    v = got["verifikasi_admin"]
    # due Thu 20 Aug (see above); done Fri 21 = 1 working day late
    assert (v.due, v.done, v.late, v.on_time) == (date(2026, 8, 20), date(2026, 8, 21), 1, False)
    t = got["tindak_lanjut"]
    # from Fri 21: Mon 24, Tue 25, Wed 26, Thu 27, Fri 28 = due; today Mon 31 is 1 working day late
    assert (t.start, t.due, t.done, t.late, t.overdue) == (date(2026, 8, 21), date(2026, 8, 28), None, 1, True)
    p = got["penyelesaian"]
    # 60 calendar days after 14 Aug = 13 Oct; not due yet
    assert (p.due, p.late, p.on_time, p.overdue) == (date(2026, 10, 13), 0, None, False)
    # closed on time
    k2 = _complaint(("diterima", date(2026, 8, 14)), ("dalam_proses", date(2026, 8, 18)), ("ditindaklanjuti", date(2026, 8, 25)),
                    ("selesai", date(2026, 9, 1)))
    got2 = {c.deadline.key: c for c in clocks(k2, rules.deadlines, cal, date(2026, 12, 1))}
    assert all(c.on_time for c in got2.values()), got2


def test_ikm_worked_example_by_hand():
    rules = _rules()
    keys = list(rules.unsur)
    # 10 respondents; unsur 1: two 2s, five 3s, three 4s -> (4+15+12)/10 = 31/10; every other unsur all 3s -> 3.
    counts = {k: (0, 0, 10, 0) for k in keys}
    counts[keys[0]] = (0, 2, 5, 3)
    r = ikm.compute(counts, rules)
    assert r.nrr[keys[0]] == Fraction(31, 10)
    # IKM = (31/10 + 8*3) / 9 * 25 = (271/10)/9*25 = 6775/90 = 1355/18 = 75.27...
    assert r.ikm == Fraction(1355, 18)
    assert (r.mutu, r.kinerja) == ("C", "Kurang baik")  # 65.00 <= 75.27 < 76.61
    assert ikm.compute({k: (0, 0, 0, 10) for k in keys}, rules).ikm == 100
    assert ikm.compute({k: (0, 0, 0, 10) for k in keys}, rules).mutu == "A"
    assert ikm.compute({k: (10, 0, 0, 0) for k in keys}, rules).ikm == 25


def _write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("bad, what", [
    ("pelapor NIK 3504 1234 5678 0001", "NIK"),
    ("petugas NIP 199207232019032011", "NIP"),
    ("hubungi 0812-3456-7890", "telepon"),
    ("telepon kantor pelapor (0743) 21234", "telepon"),
    ("kirim ke warga.contoh@example.com", "surel"),
])
def test_personal_data_in_public_text_is_refused_with_its_line(demo, bad, what):
    rel = "complaints/2026/2026-0002.yml"
    text = (demo / rel).read_text(encoding="utf-8")
    text = text.replace("keterangan: \"Diteruskan ke Bidang Pelayanan Pendaftaran Penduduk.\"", f"keterangan: \"{bad}\"")
    assert bad in text
    (demo / rel).write_text(text, encoding="utf-8")
    _, findings = validate(demo, [rel], use_cache=False)
    hits = [f for f in findings if f.code == "suara-personal-data"]
    assert len(hits) == 1 and hits[0].severity == ERROR, findings
    assert hits[0].line == _line_of(text, bad)
    assert what in hits[0].message
    digits = re.sub(r"[^0-9]", "", bad)
    assert len(digits) < 16 or digits not in re.sub(r"[^0-9]", "", hits[0].message)


def test_selesai_needs_a_tindak_lanjut_and_survey_totals_must_agree(demo):
    rel = "complaints/2026/2026-0002.yml"
    text = (demo / rel).read_text(encoding="utf-8")
    text = text.replace("fiktif: true", "  - {status: selesai, tanggal: 2026-11-20}\nfiktif: true")
    text = text.replace("    keterangan: \"Diteruskan", "    keterangan: \"Diteruskan")
    text = text.replace("Pendaftaran Penduduk.\"}\n  - {status: selesai", "Pendaftaran Penduduk.\"}\n  - {status: selesai")
    lines = text.splitlines()
    # move the new step into riwayat (right after the last riwayat line)
    new = [l for l in lines if "status: selesai" in l][0]
    lines.remove(new)
    idx = max(i for i, l in enumerate(lines) if "{status: dalam_proses" in l)
    lines.insert(idx + 1, new)
    text = "\n".join(lines) + "\n"
    (demo / rel).write_text(text, encoding="utf-8")
    srel = "surveys/2026/semester_1/disdukcapil-bid-capil.akta-lahir.yml"
    stext = (demo / srel).read_text(encoding="utf-8")
    stext = re.sub(r"(  biaya: \[)(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), stext)
    (demo / srel).write_text(stext, encoding="utf-8")
    _, findings = validate(demo, [rel, srel], use_cache=False)
    sel = [f for f in findings if f.code == "suara-selesai-tanpa-tindak-lanjut"]
    assert len(sel) == 1 and sel[0].line == _line_of(text, "status: selesai")
    tot = [f for f in findings if f.code == "suara-survey-totals"]
    assert len(tot) == 1 and tot[0].line == _line_of(stext, "  biaya:")
    assert "61 responden" in tot[0].message and "unsur lain 60" in tot[0].message


def test_old_layanan_publik_key_names_the_new_one(demo):
    rel = "organisation/units/dinkes.yml"
    text = (demo / rel).read_text(encoding="utf-8").replace("hasil_organisasi: true\nfiktif", "layanan_publik: \"Loket\"\nhasil_organisasi: true\nfiktif")
    (demo / rel).write_text(text, encoding="utf-8")
    _, findings = validate(demo, [rel], use_cache=False)
    hits = [f for f in findings if f.severity == ERROR]
    assert hits and hits[0].line == _line_of(text, "layanan_publik") and "layanan:" in hits[0].message


def test_overdue_complaint_is_a_warning_with_days_late(demo):
    _, findings = validate(demo, today=date(2026, 11, 16), use_cache=False)
    late = [f for f in findings if f.code == "suara-overdue"]
    # 2026-0002: forwarded Wed 4 Nov, due Wed 11 Nov (5 working days); Mon 16 Nov = 3 working days late
    assert [f.file for f in late] == ["complaints/2026/2026-0002.yml"]
    assert "terlambat 3 hari kerja" in late[0].message and late[0].severity == "warning"
    assert not [f for f in findings if f.severity == ERROR]


def test_pr_comment_section_for_a_linked_person_only(demo):
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.comment import render
    from kinerja.suara.penilai import for_evaluations

    repo = load_repository(demo, use_cache=False)
    linked = for_evaluations(repo, ["evaluations/2026/triwulan_3/disdukcapil-0020.yml"], org_index(repo))
    assert [(x["pegawai"], x["rhk"]) for x in linked] == [("disdukcapil-0020", "rhk-1")]
    assert [k["nomor"] for k in linked[0]["pengaduan"]] == ["2026-0001", "2026-0005"]
    assert linked[0]["pejabat_penilai"] == "disdukcapil-0010"
    body = render(None, None, None, suara=linked)
    assert "Suara publik" in body and "2026-0001" in body and "LPR-" not in body
    other = for_evaluations(repo, ["evaluations/2026/triwulan_3/disdik-0042.yml"], org_index(repo))
    assert other == []
    assert "Suara publik" not in render(None, None, None, suara=other)


def test_complaint_admin_writes_complaints_others_do_not(demo_git):
    from kinerja.review.authz import check_change

    rel = "complaints/2026/2026-0009.yml"
    src = (demo_git / "complaints/2026/2026-0004.yml").read_text(encoding="utf-8").replace('"2026-0004"', '"2026-0009"')
    git(demo_git, "checkout", "-q", "-b", "usulan")
    _write(demo_git, rel, src)
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "pengaduan")
    ok = check_change(demo_git, "main", "usulan", "kt-demo-disdukcapil-0040", 91000240, date(2026, 11, 30))
    assert ok.allowed and ok.decisions[0].role == "admin_pengaduan"
    no = check_change(demo_git, "main", "usulan", "kt-demo-disdukcapil-0020", 91000220, date(2026, 11, 30))
    assert not no.allowed and no.decisions[0].code == "authz-suara"


def test_reminders_list_overdue_complaints_per_pd(demo):
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.review.reminders import compute, render

    repo = load_repository(demo, use_cache=False)
    boards = {b.pd: b for b in compute(repo, date(2026, 11, 16))}
    items = boards["disdukcapil"].sections.get("pengaduan", [])
    # 2026-0002 only: due Wed 11 Nov, Mon 16 Nov is 3 working days later
    assert len(items) == 1 and "2026-0002" in items[0].text and "terlambat 3 hari kerja" in items[0].text
    assert items[0].people == ["disdukcapil-0040"]
    assert all("pengaduan" not in b.sections for pd, b in boards.items() if pd != "disdukcapil")
    body, _ = render(boards["disdukcapil"], org_index(repo), date(2026, 11, 16))
    assert "@kt-demo-disdukcapil-0040" in body


EVAL_0020 = """versi_format: 1
pegawai: disdukcapil-0020
tahun: 2026
periode: triwulan_3
status: {status}
pejabat_penilai: disdukcapil-0010
realisasi:
  hasil_kerja:
    - rhk: rhk-1
      indikator:
        - iki: iki-1
          realisasi: 640
penilaian:
  hasil_kerja:
    - rhk: rhk-1
      rating: sesuai_ekspektasi
{umpan}{tanggapi}  rating_hasil_kerja: sesuai_ekspektasi
  rating_perilaku_kerja: sesuai_ekspektasi
"""


@pytest.mark.parametrize("umpan, tanggapi, expected", [
    ("", "", {"umpan", "2026-0001", "2026-0005"}),
    ('      umpan_balik: "Pengaduan KTP-el ditindaklanjuti; pantau stok blangko."\n', "", {"2026-0001", "2026-0005"}),
    ('      umpan_balik: "Pengaduan KTP-el ditindaklanjuti; pantau stok blangko."\n', '  pengaduan_ditanggapi: ["2026-0001"]\n', {"2026-0005"}),
    ('      umpan_balik: "Pengaduan KTP-el ditindaklanjuti; pantau stok blangko."\n', '  pengaduan_ditanggapi: ["2026-0001", "2026-0005"]\n', set()),
])
def test_final_evaluation_of_a_service_holder_answers_its_complaints(demo, umpan, tanggapi, expected):
    rel = "evaluations/2026/triwulan_3/disdukcapil-0020.yml"
    _write(demo, rel, EVAL_0020.format(status="final", umpan=umpan, tanggapi=tanggapi))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    hits = [f for f in findings if f.code == "suara-tanggapan"]
    assert all(f.severity == "warning" for f in hits)  # rules: tanggapan_pengaduan_wajib: peringatan
    got = set()
    for f in hits:
        if "umpan balik" in f.message:
            got.add("umpan")
        got |= set(re.findall(r"2026-00\d\d", f.message))
    assert got == expected, hits
    # a draft is not checked
    _write(demo, rel, EVAL_0020.format(status="draf", umpan="", tanggapi=""))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    assert not [f for f in findings if f.code == "suara-tanggapan"]


def test_tanggapan_can_be_an_error(demo):
    rules = demo / "rules/pelayanan-publik.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("tanggapan_pengaduan_wajib: peringatan", "tanggapan_pengaduan_wajib: kesalahan"), encoding="utf-8")
    rel = "evaluations/2026/triwulan_3/disdukcapil-0020.yml"
    _write(demo, rel, EVAL_0020.format(status="final", umpan="", tanggapi=""))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    assert {f.severity for f in findings if f.code == "suara-tanggapan"} == {ERROR}


EVAL_0001 = """versi_format: 1
pegawai: disdukcapil-0001
tahun: 2026
periode: triwulan_2
status: {status}
pejabat_penilai: setda-0001
realisasi:
  hasil_kerja:
    - rhk: rhk-1
      indikator:
        - iki: iki-1
          realisasi: {value}
{penilaian}"""
PENILAIAN_0001 = """penilaian:
  hasil_kerja:
    - rhk: rhk-1
      rating: sesuai_ekspektasi
      umpan_balik: "IKM KTP-el perlu naik."
  rating_hasil_kerja: sesuai_ekspektasi
  rating_perilaku_kerja: sesuai_ekspektasi
"""


def _ikm_by_hand(text: str) -> Fraction:
    rows = re.findall(r"^  [a-z_]+: \[(\d+), (\d+), (\d+), (\d+)\]", text, re.M)
    assert len(rows) == 9
    nrr = [Fraction(sum((i + 1) * int(n) for i, n in enumerate(r)), sum(int(n) for n in r)) for r in rows]
    return sum(nrr, Fraction(0)) / 9 * 25


def test_a_typed_realisasi_of_a_survey_iki_must_be_the_surveys_ikm(demo):
    survey = (demo / "surveys/2026/semester_1/disdukcapil-bid-dafduk.ktp-el.yml").read_text(encoding="utf-8")
    value = _ikm_by_hand(survey)
    shown = str(float(Fraction(int((value * 200 + 1) // 2), 100)))  # half-up to 2 decimals
    rel = "evaluations/2026/triwulan_2/disdukcapil-0001.yml"
    _write(demo, rel, EVAL_0001.format(status="draf", value=shown, penilaian=""))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    assert not [f for f in findings if f.code.startswith("suara-survey")], findings
    _write(demo, rel, EVAL_0001.format(status="draf", value="90", penilaian=""))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    bad = [f for f in findings if f.code == "suara-survey-realisasi"]
    assert len(bad) == 1 and bad[0].severity == ERROR and shown.rstrip("0") in bad[0].message.replace(",", ".")
    # final, without git history: the survey as it is now; a typed value that disagrees stays an error
    # (a survey changed after final is told from git history: test_suara_realisasi.py)
    _write(demo, rel, EVAL_0001.format(status="final", value="90", penilaian=PENILAIAN_0001))
    _, findings = validate(demo, [rel], today=date(2026, 11, 16), use_cache=False)
    assert [f.severity for f in findings if f.code.startswith("suara-survey")] == [ERROR], findings
