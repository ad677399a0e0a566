"""`kinerja import` / `kinerja export` on real files in a real git copy of the demo.

Expected values are derived by hand from the demo files (organisation/people/*.yml) and the
rows the tests write, never copied from the tool's output."""

from __future__ import annotations

import hashlib
import hmac
import json
import re

import pytest

from kthelpers import ROOT, git, run_kinerja
from oihelpers import ANDI, NEW, PEOPLE_HEADER, SITI, row, status, write_csv, write_xlsx

from kinerja.loader import load_bytes

DEMO_NIP = "199207232019032011"  # the demo's fictitious NIP of disdik-0042


def _import(repo, *args, env=None):
    return run_kinerja("import", "--akar", str(repo), *args, env=env)


def _doc(repo, rel):
    return load_bytes((repo / rel).read_bytes()).data


# --- round trips -----------------------------------------------------------------------------


def test_export_xlsx_then_import_changes_nothing(demo_git, tmp_path):
    target = tmp_path / "data.xlsx"
    r = run_kinerja("export", "--akar", str(demo_git), "--ke", str(target))
    assert r.code == 0, r
    people = len(list((demo_git / "organisation/people").glob("*.yml")))
    assert f"{people} pegawai" in r.out
    r = _import(demo_git, "--dari", str(target), "--tulis")
    assert r.code == 0, r
    assert "Tidak ada perubahan" in r.out and f"pegawai tidak berubah: {people}" in r.out
    assert status(demo_git) == ""


def test_export_csv_then_import_changes_nothing(demo_git, tmp_path):
    people, units = tmp_path / "pegawai.csv", tmp_path / "unit.csv"
    assert run_kinerja("export", "--akar", str(demo_git), "--ke", str(people)).code == 0
    assert run_kinerja("export", "--akar", str(demo_git), "--ke", str(units), "--tabel", "unit").code == 0
    assert people.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    r = _import(demo_git, "--dari", str(people), "--dari", str(units), "--tulis", "--format", "json")
    assert r.code == 0, r
    doc = json.loads(r.out)
    assert doc["changes"] == [] and doc["files"] == [] and doc["written"] is False
    assert doc["counts"]["unit_tetap"] == 18  # 6 perangkat daerah files, 18 units in all
    assert status(demo_git) == ""


def test_export_never_writes_the_nip_and_never_overwrites(demo_git, tmp_path):
    target = tmp_path / "p.csv"
    assert run_kinerja("export", "--akar", str(demo_git), "--ke", str(target)).code == 0
    assert DEMO_NIP not in target.read_text(encoding="utf-8-sig")
    before = target.read_bytes()
    r = run_kinerja("export", "--akar", str(demo_git), "--ke", str(target))
    assert r.code == 2 and "tidak ditimpa" in r.err
    assert target.read_bytes() == before


def test_export_writes_the_nip_only_when_the_regency_keeps_it_in_clear(demo_git, tmp_path):
    regency = demo_git / "organisation/instansi.yml"
    regency.write_text(regency.read_text(encoding="utf-8") + "impor_nip: jelas\n", encoding="utf-8")
    target = tmp_path / "p.csv"
    assert run_kinerja("export", "--akar", str(demo_git), "--ke", str(target)).code == 0
    assert DEMO_NIP in target.read_text(encoding="utf-8-sig")
    git(demo_git, "commit", "-qam", "jelas")
    r = _import(demo_git, "--dari", str(target), "--tulis")
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r


def test_guide_samples_do_what_the_guide_says(demo_git):
    sample = ROOT / "site/panduan/contoh"
    r = _import(demo_git, "--dari", str(sample / "pegawai.csv"), "--dari", str(sample / "unit.csv"))
    assert r.code == 0, r
    assert "4 berkas akan ditulis" in r.out and status(demo_git) == ""  # a dry run writes nothing
    r = _import(demo_git, "--dari", str(sample / "pegawai.csv"), "--dari", str(sample / "unit.csv"), "--tulis")
    assert r.code == 0, r
    assert sorted(status(demo_git).splitlines()) == [
        " M organisation/people/disdik-0042.yml",
        " M organisation/people/disdik-0045.yml",
        " M organisation/units/disdik.yml",
        "?? organisation/people/disdik-0046.yml",
    ]
    siti = _doc(demo_git, "organisation/people/disdik-0042.yml")
    # Her 2019 assignment ends the day before the new one; the new one is Guru Ahli Muda, III/c.
    assert siti["penugasan"][0]["selesai"] == "2027-03-31"
    assert siti["penugasan"][0]["jabatan"] == "Guru Ahli Pertama" and siti["penugasan"][0]["mulai"] == "2019-03-01"
    assert {k: siti["penugasan"][1][k] for k in ("mulai", "jabatan", "jenjang", "golongan")} == {
        "mulai": "2027-04-01", "jabatan": "Guru Ahli Muda", "jenjang": "ahli_muda", "golongan": "III/c"}
    assert "selesai" not in siti["penugasan"][1]
    assert siti["tmt_golongan"] == "2027-04-01" and siti["pendidikan_terakhir"] == "s1"  # "S-1" in the file
    andi = _doc(demo_git, "organisation/people/disdik-0045.yml")
    assert len(andi["penugasan"]) == 1 and andi["penugasan"][0]["selesai"] == "2027-03-31"
    assert andi["pendidikan_terakhir"] == "slta"
    nur = _doc(demo_git, "organisation/people/disdik-0046.yml")
    assert nur["status_kepegawaian"] == "pppk" and nur["github"] == {"login": "kt-demo-nuraini", "id": 91000046}
    unit = _doc(demo_git, "organisation/units/disdik.yml")
    school = next(s for s in unit["sub_unit"] if s["id"] == "disdik-sdn-12-mb")
    assert school["kode_unit_siasn"] == "A5E0-SDN12MB"
    assert school["layanan"][0]["id"] == "ppdb"  # services (suara publik) are not a column: untouched
    # Untouched lines keep their text; the header comments stay; the one inline comment is reported lost.
    text = (demo_git / "organisation/people/disdik-0042.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/person.schema.json\n# DATA FIKTIF")
    assert "\nid: disdik-0042\n" in text and '\nnama: "Siti Rahmawati, S.Pd."\n' in text
    assert '\nnip: "' in text and "  # NIP FIKTIF: bentuknya sah, orangnya tidak ada\n" in text  # the inline comment stays
    assert "komentar di baris" not in r.out
    v = run_kinerja("validate", "--akar", str(demo_git))
    assert v.code == 0, v
    # The same file again: nothing to do.
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-qm", "impor")
    r = _import(demo_git, "--dari", str(sample / "pegawai.csv"), "--dari", str(sample / "unit.csv"), "--tulis")
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r
    assert status(demo_git) == ""


def test_import_export_import_after_changes_is_a_no_op(demo_git, tmp_path):
    first = write_csv(tmp_path / "a.csv", PEOPLE_HEADER, [row(SITI, unit="disdik-bid-sd", jabatan="Pengawas Sekolah Ahli Pertama", mulai="2027-01-04"), NEW])
    assert _import(demo_git, "--dari", str(first), "--tulis").code == 0
    exported = tmp_path / "b.xlsx"
    assert run_kinerja("export", "--akar", str(demo_git), "--ke", str(exported)).code == 0
    snapshot = {p: p.read_bytes() for p in (demo_git / "organisation").rglob("*.yml")}
    r = _import(demo_git, "--dari", str(exported), "--tulis")
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r
    assert {p: p.read_bytes() for p in (demo_git / "organisation").rglob("*.yml")} == snapshot


# --- assignments and history -----------------------------------------------------------------


def test_a_transfer_is_a_new_dated_assignment(demo_git, tmp_path):
    f = write_csv(tmp_path / "t.csv", PEOPLE_HEADER, [row(SITI, unit="disdik-bid-sd", jabatan="Pengawas Sekolah Ahli Pertama", mulai="2027-01-04")])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 0, r
    assert "penugasan baru: 1" in r.out and "penugasan sebelumnya diakhiri 2027-01-03" in r.out
    siti = _doc(demo_git, "organisation/people/disdik-0042.yml")
    assert [(a["mulai"], a.get("selesai"), a["unit"]) for a in siti["penugasan"]] == [
        ("2019-03-01", "2027-01-03", "disdik-sdn-12-mb"), ("2027-01-04", None, "disdik-bid-sd")]
    assert status(demo_git).splitlines() == [" M organisation/people/disdik-0042.yml"]


@pytest.mark.parametrize("mulai", ["2019-03-01", "2018-12-31"])
def test_a_change_without_a_later_start_would_edit_history(demo_git, tmp_path, mulai):
    f = write_csv(tmp_path / "t.csv", PEOPLE_HEADER, [ANDI, row(SITI, golongan="III/c", mulai=mulai)])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 1
    # Siti is on spreadsheet row 3; mulai is column 13 (M).
    assert re.search(r"t\.csv:3:13: kesalahan import-dates: baris 3, kolom M \(kolom mulai\): golongan: “III/b” → “III/c”", r.out), r.out
    assert "Tidak ada yang ditulis" in r.out and status(demo_git) == ""


def test_plan_less_non_asn_official(demo_git, tmp_path):
    header = ["id_pegawai", "nama", "status_kepegawaian", "unit", "jabatan", "jenis_jabatan", "kepala_unit", "mulai"]
    f = write_csv(tmp_path / "w.csv", header, [["pemda-0003", "Wakil Bupati Fiktif", "non_asn", "batanghari", "Wakil Bupati Batang Hari", "pejabat_negara", "tidak", "2025-02-20"]])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 0, r
    doc = _doc(demo_git, "organisation/people/pemda-0003.yml")
    assert doc["status_kepegawaian"] == "non_asn" and "kepala_unit" not in doc["penugasan"][0]
    v = run_kinerja("validate", "--akar", str(demo_git))
    assert v.code == 0, v


# --- bad rows: each kind, with its row and column, and nothing written ------------------------


BAD_ROWS = [
    # (label, the bad row, code, expected location text (row 3: the bad row follows ANDI))
    ("unknown unit", row(SITI, unit="disdik-tidak-ada", mulai="2027-01-04"), "import-unknown-unit", "baris 3, kolom F (kolom unit)"),
    ("overlapping dates", row(SITI, jabatan="Guru Ahli Muda", mulai="2019-03-01"), "import-dates", "baris 3, kolom M (kolom mulai)"),
    ("malformed NIP", None, "import-nip", "baris 3, kolom O (kolom nip)"),
    ("duplicate id", row(ANDI, nama="Andi Pratama Lagi"), "import-duplicate", "baris 3, kolom A (kolom id_pegawai)"),
    ("formula =", row(SITI, nama="=HYPERLINK(\"http://x\")"), "import-formula", "baris 3, kolom B (kolom nama)"),
    ("formula +", row(SITI, pangkat="+62811"), "import-formula", "baris 3, kolom K (kolom pangkat)"),
    ("formula -", row(SITI, jabatan="-2+3"), "import-formula", "baris 3, kolom G (kolom jabatan)"),
    ("formula @", row(SITI, nama="@SUM(A1)"), "import-formula", "baris 3, kolom B (kolom nama)"),
    ("bad date", row(SITI, mulai="2027-02-30"), "import-date", "baris 3, kolom M (kolom mulai)"),
    ("not a date", row(SITI, selesai="besok"), "import-date", "baris 3, kolom N (kolom selesai)"),
    ("end before start", row(SITI, selesai="2010-01-01"), "import-dates", "baris 3, kolom N (kolom selesai)"),
    ("hidden character", row(SITI, nama="Siti\u202eRahmawati"), "import-char", "baris 3, kolom B (kolom nama)"),
    ("unknown penilai", row(SITI, pejabat_penilai="disdik-9999", mulai="2027-01-04"), "import-unknown-person", "baris 3, kolom L (kolom pejabat_penilai)"),
    ("bad enum", row(SITI, jenis_jabatan="guru", mulai="2027-01-04"), "import-schema", "baris 3, kolom H (kolom jenis_jabatan)"),
    ("duplicate GitHub account", row(SITI, github_id="91000045"), "import-duplicate", "baris 3, kolom E (kolom github_id)"),
]


@pytest.mark.parametrize("label,bad,code,where", BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_every_bad_row_kind_names_row_and_column_and_writes_nothing(demo_git, tmp_path, label, bad, code, where):
    header = list(PEOPLE_HEADER)
    rows = [ANDI, bad]
    env = None
    if label == "malformed NIP":
        header = PEOPLE_HEADER + ["nip"]
        rows = [ANDI + [""], SITI + ["19920723201903201"]]  # 17 digits
        env = {"KINERJA_KUNCI_NIP": "k" * 32}
    f = write_csv(tmp_path / "bad.csv", header, rows)
    r = _import(demo_git, "--dari", str(f), "--tulis", env=env)
    assert r.code == 1, r
    lines = [ln for ln in r.out.splitlines() if f"kesalahan {code}:" in ln]
    assert any(ln.startswith("bad.csv:3:") and where in ln for ln in lines), r.out
    assert "Tidak ada yang ditulis" in r.out
    assert status(demo_git) == ""
    assert "19920723201903201" not in r.out + r.err


def test_encoding_problem_names_row_and_column(demo_git, tmp_path):
    text = "id_pegawai,nama,status_kepegawaian\r\ndisdik-0045,Andi Pratama,pppk\r\ndisdik-0042,Siti Rahmawati,pns\r\n"
    raw = text.encode("utf-8").replace(b"Siti Rahmawati", "Siti Rahmawati Ré".encode("cp1252"))
    f = tmp_path / "latin.csv"
    f.write_bytes(raw)
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 1
    assert "latin.csv:3:2: kesalahan import-encoding: baris 3, kolom B: berkas bukan UTF-8 (byte 0xE9" in r.out, r.out


def test_semicolon_csv_from_an_indonesian_excel_is_read(demo_git, tmp_path):
    f = write_csv(tmp_path / "semi.csv", PEOPLE_HEADER, [ANDI, SITI], delimiter=";", bom=True)
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r


def test_unknown_and_missing_header_columns(demo_git, tmp_path):
    f = write_csv(tmp_path / "h.csv", ["id_pegawai", "nama", "tanggal_lahir"], [["disdik-0042", "Siti", "1992-07-23"]])
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 1
    assert "h.csv:1:3: kesalahan import-header: baris 1, kolom C (kolom ?): kolom “tanggal_lahir” tidak dikenal" in r.out, r.out
    assert "kolom wajib status_kepegawaian tidak ada" in r.out and "1992-07-23" not in r.out


def test_xlsx_cells_are_named_like_a_spreadsheet(demo_git, tmp_path):
    import openpyxl

    path = tmp_path / "p.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    ws.append(PEOPLE_HEADER)
    for r in (ANDI, ANDI, SITI, SITI, SITI):
        ws.append([None if v == "" else v for v in r])
    ws["A3"] = "disdik-0043"  # row 3 is another person now
    ws["C3"] = "pns"
    ws["B3"] = "=CONCAT(\"a\",\"b\")"  # a real formula cell
    ws["M4"] = "2027-02-30"  # row 4
    ws["A5"] = "disdik-0044"
    ws["C5"] = "pns"
    wb.save(path)
    r = _import(demo_git, "--dari", str(path), "--tulis")
    assert r.code == 1, r
    assert "p.xlsx:3:2: kesalahan import-formula: Pegawai!B3 (kolom nama): sel berisi rumus" in r.out, r.out
    assert "p.xlsx:4:13: kesalahan import-date: Pegawai!M4 (kolom mulai)" in r.out, r.out
    assert "p.xlsx:6:1: kesalahan import-duplicate: Pegawai!A6 (kolom id_pegawai): pegawai “disdik-0042” sudah ada di baris 4" in r.out, r.out
    assert status(demo_git) == ""


def test_xlsx_with_both_sheets_and_real_date_cells(demo_git, tmp_path):
    from datetime import datetime

    unit_header = ["id_unit", "nama", "jenis", "induk", "jabatan_kepala", "jenis_jabatan_kepala"]
    path = write_xlsx(tmp_path / "both.xlsx", {
        "Unit": (unit_header, [["disdik-sdn-13-mb", "SD Negeri 13 Muara Bulian", "sekolah", "disdik-bid-sd", "Kepala Sekolah", "fungsional"]]),
        "Pegawai": (PEOPLE_HEADER, [row(NEW, unit="disdik-sdn-13-mb", mulai=datetime(2027, 4, 1), github_id=91000046)]),
    })
    r = _import(demo_git, "--dari", str(path), "--tulis")
    assert r.code == 0, r
    assert "unit ditambah: 1" in r.out and "pegawai ditambah: 1" in r.out
    unit = _doc(demo_git, "organisation/units/disdik.yml")
    assert unit["sub_unit"][-1] == {"id": "disdik-sdn-13-mb", "nama": "SD Negeri 13 Muara Bulian", "jenis": "sekolah",
                                   "induk": "disdik-bid-sd", "jabatan_kepala": "Kepala Sekolah", "jenis_jabatan_kepala": "fungsional"}
    nur = _doc(demo_git, "organisation/people/disdik-0046.yml")
    assert nur["penugasan"][0]["mulai"] == "2027-04-01" and nur["penugasan"][0]["unit"] == "disdik-sdn-13-mb"


def test_unit_problems(demo_git, tmp_path):
    header = ["id_unit", "nama", "jenis", "induk", "jabatan_kepala", "jenis_jabatan_kepala"]
    f = write_csv(tmp_path / "u.csv", header, [
        ["disdik-x", "X", "seksi", "disdik-y", "Kepala X", "pengawas"],
        ["disdik-y", "Y", "seksi", "disdik-x", "Kepala Y", "pengawas"],
        ["disdik-z", "Z", "seksi", "tidak-ada", "Kepala Z", "pengawas"],
        ["dinkes-pkm-mb", "Puskesmas", "puskesmas", "disdik-bid-sd", "Kepala", "pengawas"],
    ])
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 1
    assert "u.csv:2:4: kesalahan import-cycle" in r.out and "u.csv:3:4: kesalahan import-cycle" in r.out, r.out
    assert "u.csv:4:4: kesalahan import-unknown-unit" in r.out
    assert "u.csv:5:4: kesalahan import-unit-move" in r.out and "organisation/units/dinkes.yml" in r.out


# --- NIP: only its keyed hash --------------------------------------------------------------------

KEY = "rahasia-bkpsdm-" + "0123456789abcdef" * 2


def _sidik(nip: str) -> str:
    return hmac.new(KEY.encode(), nip.encode(), hashlib.sha256).hexdigest()


def test_nip_is_kept_only_as_an_hmac(demo_git, tmp_path):
    nip = "199201012020121001"
    header = PEOPLE_HEADER + ["nip"]
    f = write_csv(tmp_path / "n.csv", header, [row(ANDI) + [nip]])
    key_file = tmp_path / "kunci.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    r = _import(demo_git, "--dari", str(f), "--kunci-nip", str(key_file), "--tulis")
    assert r.code == 0, r
    andi = _doc(demo_git, "organisation/people/disdik-0045.yml")
    assert andi["sidik_nip"] == _sidik(nip) and "nip" not in andi
    everything = "".join(p.read_text(encoding="utf-8") for p in (demo_git / "organisation").rglob("*.yml"))
    assert nip not in everything and nip not in r.out + r.err
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-qm", "sidik")
    # Matched by NIP alone (no id_pegawai column), through the environment variable this time.
    by_nip = write_csv(tmp_path / "m.csv", header[1:], [row(ANDI)[1:] + [nip.replace("2020", "2020 ")]])
    r = _import(demo_git, "--dari", str(by_nip), "--tulis", env={"KINERJA_KUNCI_NIP": KEY})
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r
    # A different key: the stored sidik does not match, said without the NIP.
    r = _import(demo_git, "--dari", str(f), env={"KINERJA_KUNCI_NIP": "kunci-lain-" + "9" * 30})
    assert r.code == 1 and "n.csv:2:15: kesalahan import-nip" in r.out and "tidak cocok dengan sidik NIP" in r.out, r.out
    r = _import(demo_git, "--dari", str(by_nip), env={"KINERJA_KUNCI_NIP": "kunci-lain-" + "9" * 30})
    assert r.code == 1 and "import-nip-key" in r.out, r.out
    assert nip not in r.out + r.err and status(demo_git) == ""


def test_nip_needs_a_key_kept_outside_the_repository(demo_git, tmp_path):
    f = write_csv(tmp_path / "n.csv", PEOPLE_HEADER + ["nip"], [row(ANDI) + ["199201012020121001"]])
    r = _import(demo_git, "--dari", str(f), env={"KINERJA_KUNCI_NIP": ""})
    assert r.code == 2 and "KINERJA_KUNCI_NIP" in r.err, r
    inside = demo_git / "kunci.txt"
    inside.write_text(KEY, encoding="utf-8")
    r = _import(demo_git, "--dari", str(f), "--kunci-nip", str(inside))
    assert r.code == 2 and "di dalam repositori" in r.err, r
    assert "199201012020121001" not in r.out + r.err


def test_a_new_person_matched_by_nip_gets_an_opaque_id(demo_git, tmp_path):
    header = [h for h in PEOPLE_HEADER if h != "id_pegawai"] + ["nip"]
    f = write_csv(tmp_path / "new.csv", header, [row(NEW)[1:] + ["199505052022032002"]])
    r = _import(demo_git, "--dari", str(f), "--tulis", env={"KINERJA_KUNCI_NIP": KEY})
    assert r.code == 0, r
    # disdik's highest person number in the demo is 0045 (organisation/people/disdik-0045.yml).
    doc = _doc(demo_git, "organisation/people/disdik-0046.yml")
    assert doc["sidik_nip"] == _sidik("199505052022032002") and doc["nama"] == "Nur Aini, S.Pd."


def test_numeric_nip_cell_is_refused_because_excel_rounds_it(demo_git, tmp_path):
    path = write_xlsx(tmp_path / "n.xlsx", {"Pegawai": (PEOPLE_HEADER + ["nip"], [row(ANDI) + [199201012020121001]])})
    r = _import(demo_git, "--dari", str(path), env={"KINERJA_KUNCI_NIP": KEY})
    assert r.code == 1 and "Pegawai!O2 (kolom nip): NIP tersimpan sebagai angka" in r.out, r.out


# --- writing: atomic, and never over a concurrent edit ---------------------------------------------


def test_replace_many_is_all_or_nothing(tmp_path, monkeypatch):
    import os

    from kinerja import writefile

    (tmp_path / "a.yml").write_text("a: 1\n")
    (tmp_path / "b.yml").write_text("b: 1\n")
    texts = {"a.yml": "a: 2\n", "b.yml": "b: 2\n", "c.yml": "c: 2\n"}
    expected = {"a.yml": b"a: 1\n", "b.yml": b"b: 1\n", "c.yml": None}
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if str(dst).endswith("b.yml"):
            raise OSError("disk penuh")
        return real_replace(src, dst)

    monkeypatch.setattr(writefile.os, "replace", failing)
    with pytest.raises(OSError):
        writefile.replace_many(tmp_path, texts, expected)
    monkeypatch.setattr(writefile.os, "replace", real_replace)
    assert (tmp_path / "a.yml").read_text() == "a: 1\n" and (tmp_path / "b.yml").read_text() == "b: 1\n"
    assert not (tmp_path / "c.yml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yml", "b.yml"]  # no temporary files left
    # A file edited since it was read: refused before anything is touched.
    (tmp_path / "b.yml").write_text("b: 9\n")
    with pytest.raises(writefile.ChangedMeanwhile):
        writefile.replace_many(tmp_path, texts, expected)
    assert (tmp_path / "a.yml").read_text() == "a: 1\n"
    writefile.replace_many(tmp_path, texts, {**expected, "b.yml": b"b: 9\n"})
    assert [(tmp_path / n).read_text() for n in ("a.yml", "b.yml", "c.yml")] == ["a: 2\n", "b: 2\n", "c: 2\n"]


def test_untouched_files_are_not_rewritten(demo_git, tmp_path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (demo_git / "organisation").rglob("*.yml")}
    f = write_csv(tmp_path / "t.csv", PEOPLE_HEADER, [ANDI, row(SITI, golongan="III/c", pangkat="Penata", mulai="2027-04-01")])
    assert _import(demo_git, "--dari", str(f), "--tulis").code == 0
    changed = [p.relative_to(demo_git).as_posix() for p, (raw, mtime) in before.items() if p.read_bytes() != raw or p.stat().st_mtime_ns != mtime]
    assert changed == ["organisation/people/disdik-0042.yml"]


# --- modes and the public site -----------------------------------------------------------------


def _set_mode(repo, mode):
    regency = repo / "organisation/instansi.yml"
    regency.write_text(regency.read_text(encoding="utf-8") + f"impor_nip: {mode}\n", encoding="utf-8")
    git(repo, "commit", "-qam", mode)


def test_mode_abaikan_does_not_read_the_nip_column(demo_git, tmp_path):
    _set_mode(demo_git, "abaikan")
    f = write_csv(tmp_path / "n.csv", PEOPLE_HEADER + ["nip"], [row(ANDI) + ["bukan NIP sama sekali"]])
    r = _import(demo_git, "--dari", str(f), "--tulis", env={"KINERJA_KUNCI_NIP": ""})
    assert r.code == 0, r
    assert "n.csv:1:15: peringatan import-nip-ignored" in r.out and "Tidak ada perubahan" in r.out
    assert status(demo_git) == ""


def test_mode_jelas_keeps_the_nip_in_clear(demo_git, tmp_path):
    _set_mode(demo_git, "jelas")
    nip = "199201012020121001"
    f = write_csv(tmp_path / "n.csv", PEOPLE_HEADER + ["nip"], [row(ANDI) + [nip]])
    r = _import(demo_git, "--dari", str(f), "--tulis", env={"KINERJA_KUNCI_NIP": ""})
    assert r.code == 0, r
    andi = _doc(demo_git, "organisation/people/disdik-0045.yml")
    assert andi["nip"] == nip and "sidik_nip" not in andi
    assert nip not in r.out + r.err  # stored because the regency said so, still never printed


def test_imported_fields_never_reach_the_public_site(demo_git, tmp_path):
    from kinerja.publish import generate

    f = write_csv(tmp_path / "n.csv", PEOPLE_HEADER + ["nip", "tmt_golongan", "pendidikan_terakhir"],
                  [row(SITI) + ["199207232019032011", "2031-07-17", "S-2"]])
    r = _import(demo_git, "--dari", str(f), "--tulis", env={"KINERJA_KUNCI_NIP": KEY})
    assert r.code == 0, r
    sidik = _sidik("199207232019032011")
    assert _doc(demo_git, "organisation/people/disdik-0042.yml")["sidik_nip"] == sidik
    site = generate(demo_git)
    for path, content in site.files.items():
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        assert sidik not in text and "2031-07-17" not in text and "199207232019032011" not in text, path


def test_new_perangkat_daerah_with_sub_units_in_any_row_order(demo_git, tmp_path):
    header = ["id_unit", "nama", "jenis", "induk", "jabatan_kepala", "jenis_jabatan_kepala", "singkatan"]
    f = write_csv(tmp_path / "u.csv", header, [
        ["dishub-bid-lalin", "Bidang Lalu Lintas", "bidang", "dishub", "Kepala Bidang Lalu Lintas", "administrator", ""],
        ["dishub", "Dinas Perhubungan", "dinas", "", "Kepala Dinas Perhubungan", "jpt_pratama", "Dishub"],
    ])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 0, r
    assert "unit ditambah: 2" in r.out
    doc = _doc(demo_git, "organisation/units/dishub.yml")
    assert doc == {"versi_format": 1, "id": "dishub", "nama": "Dinas Perhubungan", "singkatan": "Dishub", "jenis": "dinas",
                   "jabatan_kepala": "Kepala Dinas Perhubungan", "jenis_jabatan_kepala": "jpt_pratama",
                   "sub_unit": [{"id": "dishub-bid-lalin", "nama": "Bidang Lalu Lintas", "jenis": "bidang", "induk": "dishub",
                                 "jabatan_kepala": "Kepala Bidang Lalu Lintas", "jenis_jabatan_kepala": "administrator"}]}
    assert (demo_git / "organisation/units/dishub.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../../schemas/unit.schema.json\n")


def test_unbalanced_quote_in_a_csv(demo_git, tmp_path):
    f = tmp_path / "q.csv"
    f.write_text('id_pegawai,nama\r\ndisdik-0045,Andi\r\ndisdik-0042,"Siti\r\n', encoding="utf-8")
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 1 and "q.csv:" in r.out and "tanda kutip ganda" in r.out, r


def test_a_rank_promotion_starts_on_its_tmt_golongan(demo_git, tmp_path):
    header = PEOPLE_HEADER + ["tmt_golongan"]
    f = write_csv(tmp_path / "g.csv", header, [row(SITI, golongan="III/c", pangkat="Penata") + ["2026-10-01"]])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 0, r
    siti = _doc(demo_git, "organisation/people/disdik-0042.yml")
    assert [(a["mulai"], a.get("selesai"), a["golongan"]) for a in siti["penugasan"]] == [
        ("2019-03-01", "2026-09-30", "III/b"), ("2026-10-01", None, "III/c")]
    # The same row again (mulai still 2019-03-01, the position's start): nothing to do.
    r = _import(demo_git, "--dari", str(f))
    assert r.code == 0 and "Tidak ada perubahan" in r.out, r


def test_comments_stay_beside_their_lines_and_a_lost_one_is_named(demo_git, tmp_path):
    person = demo_git / "organisation/people/disdik-0042.yml"
    text = person.read_text(encoding="utf-8")
    text = text.replace("github:\n", "# akun diverifikasi admin 2026-01-05\ngithub:\n", 1)
    text = text.replace('    jabatan: "Guru Ahli Pertama"\n', '    jabatan: "Guru Ahli Pertama"  # sesuai SK 2019\n', 1)
    text = text.replace('nama: "Siti Rahmawati, S.Pd."\n', 'nama: "Siti Rahmawati, S.Pd."  # ejaan sesuai ijazah\n', 1)
    text += "# catatan akhir berkas\n"
    person.write_text(text, encoding="utf-8")
    git(demo_git, "commit", "-qam", "komentar")
    f = write_csv(tmp_path / "c.csv", PEOPLE_HEADER, [row(SITI, nama="Siti Rahmawati, S.Pd., M.Pd.", jabatan="Guru Ahli Muda", jenjang="ahli_muda", mulai="2027-04-01")])
    r = _import(demo_git, "--dari", str(f), "--tulis")
    assert r.code == 0, r
    new = person.read_text(encoding="utf-8")
    assert "# akun diverifikasi admin 2026-01-05\ngithub:\n" in new
    assert '    jabatan: "Guru Ahli Pertama"  # sesuai SK 2019\n' in new
    assert new.endswith("# catatan akhir berkas\n")
    assert "ejaan sesuai ijazah" not in new and '\nnama: "Siti Rahmawati, S.Pd., M.Pd."\n' in new
    # the comment on the changed nama line (line 5 of the edited file) is named before --tulis and after
    assert "organisation/people/disdik-0042.yml: komentar di baris 5 tidak dapat dipertahankan" in r.out, r.out
    assert _doc(demo_git, "organisation/people/disdik-0042.yml")["nama"] == "Siti Rahmawati, S.Pd., M.Pd."


@pytest.mark.parametrize("line,code", [
    ('sidik_nip: "199207232019032011"', "schema-pattern"),  # a NIP pasted where its sidik belongs
    ("tmt_golongan: 2026-02-30", None),
    ("pendidikan_terakhir: sarjana", "schema-enum"),
])
def test_new_person_fields_are_checked_by_validate(demo, line, code):
    person = demo / "organisation/people/disdik-0043.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("penugasan:\n", line + "\npenugasan:\n", 1), encoding="utf-8")
    r = run_kinerja("validate", "--akar", str(demo), "--format", "json", str(person))
    assert r.code == 1, r
    findings = json.loads(r.out)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors and all(f["file"] == "organisation/people/disdik-0043.yml" for f in errors)
    if code:
        assert any(f["code"] == code for f in errors), errors
    assert "199207232019032011" not in r.out + r.err
