"""`kinerja career`: the dossier end to end, the kenaikan pangkat check on each side of every
threshold and with missing data, the PPPK renewal view, the SIASN export."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from kthelpers import ROOT, run_kinerja

from kinerja.career import dossier as D
from kinerja.career.rules import build as build_rules
from kinerja.career.rules import in_force, load_all
from kinerja.model.records import build_person
from kinerja.repository import load_repository

PERSON = "organisation/people/disdik-0042.yml"
SITI_HISTORY = """penugasan:
  - mulai: 2019-03-01
    selesai: 2023-07-31
    unit: disdik-seksi-kurikulum-sd
    jabatan: "Guru Ahli Pertama"
    jenis_jabatan: fungsional
    jenjang: ahli_pertama
    golongan: III/a
    pejabat_penilai: disdik-0040
  - mulai: 2023-08-01
    selesai: 2026-06-30
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Pertama"
    jenis_jabatan: fungsional
    jenjang: ahli_pertama
    golongan: III/b
    pejabat_penilai: disdik-0040
  - mulai: 2026-07-01
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Muda"
    jenis_jabatan: fungsional
    jenjang: ahli_muda
    golongan: III/c
    pejabat_penilai: disdik-0040
tmt_golongan: 2026-07-01
pendidikan_terakhir: s1
fiktif: true
"""


def _siti_with_history(demo: Path) -> None:
    """A transfer (2023), a promotion to Ahli Muda (1 July 2026), the legacy 2021 year, and an annual 2026 evaluation."""
    path = demo / PERSON
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("penugasan:")] + SITI_HISTORY, encoding="utf-8")
    q3 = (demo / "evaluations/2026/triwulan_3/disdik-0042.yml").read_text(encoding="utf-8")
    (demo / "evaluations/2026/triwulan_4").mkdir(exist_ok=True)
    (demo / "evaluations/2026/triwulan_4/disdik-0042.yml").write_text(q3.replace("periode: triwulan_3", "periode: triwulan_4"), encoding="utf-8")


def _career(demo: Path, *args: str):
    return run_kinerja("career", "--akar", str(demo), *args)


def test_dossier_with_a_transfer_a_promotion_and_a_legacy_year(demo):
    _siti_with_history(demo)
    result = _career(demo, "--pegawai", "disdik-0042", "--tanggal", "2026-12-31", "--format", "json")
    assert result.code == 0, result
    [d] = json.loads(result.out)["dossiers"]
    assert [(p["mulai"], p["selesai"], p["unit"], p["jenjang"]) for p in d["jabatan"]] == [
        ("2019-03-01", "2023-07-31", "disdik-seksi-kurikulum-sd", "ahli_pertama"),
        ("2023-08-01", "2026-06-30", "disdik-sdn-12-mb", "ahli_pertama"),
        ("2026-07-01", None, "disdik-sdn-12-mb", "ahli_muda"),
    ]
    rows = {(r["tahun"], r["periode"]): r for r in d["predikat"]}
    assert (rows[(2021, "triwulan_4")]["aturan"], rows[(2021, "triwulan_4")]["predikat"]) == ("pp-46-2011", "sangat_baik")
    assert [rows[(2026, f"triwulan_{i}")]["predikat"] for i in range(1, 5)] == ["baik", "sangat_baik", "sangat_baik", "sangat_baik"]
    assert d["predikat_tahunan"] == {"2021": "sangat_baik", "2026": "sangat_baik"}
    ledger = d["angka_kredit"]
    # 2026, Sangat Baik (150%): January-June at Ahli Pertama 6/12 x 1.5 x 12.5 = 9.375; July-December at
    # Ahli Muda 6/12 x 1.5 x 25 = 18.75; the Ahli Muda ledger starts from 0 (mulai_nol)
    assert [(r["jenjang"], r["mulai_bulan"], r["bulan"], r["angka_kredit"], r["kumulatif_jenjang"]) for r in ledger["rincian"]] == [
        ("ahli_pertama", 1, 6, 9.38, 9.38),
        ("ahli_muda", 7, 6, 18.75, 18.75),
    ]
    assert (ledger["jenjang"], ledger["kumulatif_jenjang"], ledger["kebutuhan_pangkat"], ledger["kebutuhan_jenjang"]) == ("ahli_muda", 18.75, 100, 200)
    assert any("2021" in c and "pp-46-2011" in c for c in ledger["catatan"])
    assert any("mulai dari 0" in c for c in ledger["catatan"])
    # as of 31 December 2026 the last two finished years are 2025 and 2024: not in the repository
    kp = d["kenaikan_pangkat"]
    by = {c["syarat"]: c for c in kp["syarat"]}
    assert by["Predikat tahunan 2025"]["status"] == by["Predikat tahunan 2024"]["status"] == "tidak_dapat_ditentukan"
    assert by["Masa dalam pangkat"]["status"] == "tidak_memenuhi" and "2030-07-01" in by["Masa dalam pangkat"]["keterangan"]
    assert kp["status"] == "tidak_memenuhi"  # a failed condition decides, whatever is missing besides
    assert kp["aturan"].startswith("rules/karier/kenaikan-pangkat-2025.yml")
    doc = _career(demo, "--pegawai", "disdik-0042", "--tanggal", "2026-12-31", "--format", "markdown").out
    assert doc.startswith("# Riwayat kinerja") and "## Kenaikan pangkat reguler per 2026-12-31" in doc and "9,38" in doc
    assert "jangan diterbitkan" in doc


def test_a_calibrated_rating_is_named_in_the_dossier(demo):
    [d] = json.loads(_career(demo, "--pegawai", "disdik-0008", "--tanggal", "2026-11-28", "--format", "json").out)["dossiers"]
    q2 = next(r for r in d["predikat"] if (r["tahun"], r["periode"]) == (2026, "triwulan_2"))
    assert (q2["predikat"], q2["predikat_awal"]) == ("baik", "butuh_perbaikan")
    assert q2["sumber_rating"]["rating_hasil_kerja"] == "calibrations/2026/triwulan_2/disdik.yml"
    text = _career(demo, "--pegawai", "disdik-0008", "--tanggal", "2026-11-28").out
    assert "rating dari calibrations/2026/triwulan_2/disdik.yml; semula butuh perbaikan" in text


# --- the kenaikan pangkat check, threshold by threshold -------------------------------------------

REPO = load_repository(ROOT, use_cache=False)
RULES = load_all(REPO)
PER = date(2026, 4, 1)


def _person(status="pns", golongan="III/c", tmt="2022-04-01", pendidikan="s1", jenis="pelaksana", jenjang=None):
    a = {"mulai": "2015-01-01", "unit": "disdik", "jabatan": "Staf", "jenis_jabatan": jenis, "pejabat_penilai": "disdik-0001"}
    if golongan:
        a["golongan"] = golongan
    if jenjang:
        a["jenjang"] = jenjang
    d = {"id": "uji-0001", "nama": "Uji", "status_kepegawaian": status, "penugasan": [a]}
    if tmt:
        d["tmt_golongan"] = tmt
    if pendidikan:
        d["pendidikan_terakhir"] = pendidikan
    return build_person("organisation/people/uji-0001.yml", d)


def _annual(**by_year) -> dict:
    labels = {"sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan"}
    return {int(y[1:]): D.PredikatRow(int(y[1:]), "triwulan_4", "uji-0001", "final", p, labels[p], "permenpanrb-6-2022",
                                      {"rating_hasil_kerja": f"evaluations/{y[1:]}/triwulan_4/uji-0001.yml"}, p,
                                      f"evaluations/{y[1:]}/triwulan_4/uji-0001.yml")
            for y, p in by_year.items()}


def _check(person, annual=None, ledger=None, per=PER, first_year=2024):
    annual = _annual(y2025="baik", y2024="baik") if annual is None else annual
    e = D.eligibility(REPO, person, annual, ledger or D.Ledger(), in_force(RULES, per), per, first_year)
    return e, {c.nama: c for c in e.syarat}


def test_everything_met():
    e, by = _check(_person())
    assert e.status == "memenuhi" and e.golongan_berikut == "III/d"
    assert all(c.status == "memenuhi" for c in by.values())
    assert "belum diverifikasi" in by["Masa dalam pangkat"].keterangan


@pytest.mark.parametrize(("tmt", "status"), [("2022-04-01", "memenuhi"), ("2022-03-31", "memenuhi"), ("2022-04-02", "tidak_memenuhi")])
def test_four_years_in_pangkat(tmt, status):
    e, by = _check(_person(tmt=tmt))
    assert by["Masa dalam pangkat"].status == status and e.status == status
    if status == "tidak_memenuhi":
        assert "2026-04-02" in by["Masa dalam pangkat"].keterangan  # 2022-04-02 + 4 years


@pytest.mark.parametrize(("y2025", "y2024", "status"), [
    ("baik", "baik", "memenuhi"), ("sangat_baik", "baik", "memenuhi"), ("butuh_perbaikan", "baik", "tidak_memenuhi"),
    ("baik", "butuh_perbaikan", "tidak_memenuhi"),
])
def test_at_least_baik_in_each_of_the_last_two_years(y2025, y2024, status):
    e, by = _check(_person(), annual=_annual(y2025=y2025, y2024=y2024))
    assert e.status == status
    assert by["Predikat tahunan 2025"].status == ("tidak_memenuhi" if y2025 == "butuh_perbaikan" else "memenuhi")
    assert by["Predikat tahunan 2024"].status == ("tidak_memenuhi" if y2024 == "butuh_perbaikan" else "memenuhi")


def test_the_years_are_the_last_two_finished_before_the_date():
    _, by = _check(_person(), annual=_annual(y2025="baik", y2024="baik"), per=date(2027, 1, 15))
    assert set(n for n in by if n.startswith("Predikat")) == {"Predikat tahunan 2026", "Predikat tahunan 2025"}
    assert by["Predikat tahunan 2026"].status == "tidak_dapat_ditentukan"


@pytest.mark.parametrize(("pendidikan", "golongan", "status"), [
    ("s1", "III/c", "memenuhi"),  # next III/d = the S-1 cap
    ("s1", "III/d", "tidak_memenuhi"),  # next IV/a above it
    ("slta", "III/a", "memenuhi"),  # next III/b = the SLTA cap
    ("slta", "III/b", "tidak_memenuhi"),
    ("s2", "III/d", "memenuhi"),  # next IV/a = the S-2 cap
])
def test_education_caps_the_pangkat(pendidikan, golongan, status):
    _, by = _check(_person(pendidikan=pendidikan, golongan=golongan))
    assert by["Batas pendidikan"].status == status


def test_the_highest_golongan_has_no_next():
    e, by = _check(_person(golongan="IV/e"))
    assert e.status == "tidak_memenuhi" and by["Golongan"].status == "tidak_memenuhi"


@pytest.mark.parametrize(("change", "condition", "words"), [
    (dict(tmt=None), "Masa dalam pangkat", "TMT golongan belum dicatat"),
    (dict(pendidikan=None), "Batas pendidikan", "pendidikan terakhir belum dicatat"),
    (dict(golongan=None), "Golongan", "golongan pada penugasan Staf belum dicatat"),
])
def test_missing_data_is_never_guessed(change, condition, words):
    e, by = _check(_person(**change))
    assert e.status == "tidak_dapat_ditentukan"
    assert by[condition].status == "tidak_dapat_ditentukan" and words in by[condition].keterangan
    assert any(words in k for k in e.kurang)


def test_a_missing_annual_evaluation_is_named():
    e, by = _check(_person(), annual=_annual(y2025="baik"), first_year=2025)
    assert e.status == "tidak_dapat_ditentukan"
    assert "repositori baru memuat data sejak 2025" in by["Predikat tahunan 2024"].keterangan


def test_a_failed_condition_outweighs_a_missing_one():
    e, _ = _check(_person(tmt="2023-01-01", pendidikan=None))
    assert e.status == "tidak_memenuhi"


def _ledger(values: list[tuple[int, str]]) -> D.Ledger:
    rows = [D.LedgerRow(y, "uji-0001", "ahli_pertama", 1, 12, Fraction(v), Fraction(0), "") for y, v in values]
    return D.Ledger(rows=rows, jenjang="ahli_pertama")


@pytest.mark.parametrize(("values", "status"), [
    ([(2024, "25"), (2025, "25")], "memenuhi"),  # 50 = the Ahli Pertama pangkat threshold
    ([(2024, "25"), (2025, "2499/100")], "tidak_memenuhi"),  # 49.99
])
def test_angka_kredit_for_a_jabatan_fungsional(values, status):
    person = _person(jenis="fungsional", jenjang="ahli_pertama", tmt="2022-01-01")
    _, by = _check(person, ledger=_ledger(values), first_year=2022)
    assert by["Angka kredit"].status == status


def test_angka_kredit_before_the_repository_is_unknown():
    person = _person(jenis="fungsional", jenjang="ahli_pertama", tmt="2022-01-01")
    _, by = _check(person, ledger=_ledger([(2024, "25"), (2025, "25")]), first_year=2024)
    assert by["Angka kredit"].status == "tidak_dapat_ditentukan" and "PAK" in by["Angka kredit"].keterangan


def test_pppk_and_non_asn_have_no_kenaikan_pangkat():
    e, _ = _check(_person(status="pppk", golongan="IX"))
    assert e.status == "tidak_berlaku"


def test_the_rule_in_force_on_the_date_is_used():
    newer = dict(versi_format=1, id="kenaikan-pangkat-2027", nama="Uji", versi="2027", berlaku_mulai="2027-01-01", sumber=["uji"],
                 kenaikan_pangkat_reguler={"masa_pangkat_minimum_tahun": 5, "predikat_minimum": "baik", "tahun_penilaian": 1})
    rules = RULES + [build_rules("rules/karier/kenaikan-pangkat-2027.yml", newer)]
    assert in_force(rules, date(2026, 12, 31)).id == "kenaikan-pangkat-2025"
    assert in_force(rules, date(2027, 1, 1)).id == "kenaikan-pangkat-2027"
    person = _person(tmt="2022-06-01")
    e = D.eligibility(REPO, person, _annual(y2026="baik"), D.Ledger(), in_force(rules, date(2027, 2, 1)), date(2027, 2, 1), 2020)
    by = {c.nama: c for c in e.syarat}
    assert by["Masa dalam pangkat"].status == "tidak_memenuhi" and "2027-06-01" in by["Masa dalam pangkat"].keterangan
    assert [n for n in by if n.startswith("Predikat")] == ["Predikat tahunan 2026"]


# --- PPPK ----------------------------------------------------------------------------------------


def _row(y, p, predikat):
    return D.PredikatRow(y, p, "uji-0001", "final", predikat, predikat, "permenpanrb-6-2022", {}, predikat, f"evaluations/{y}/{p}/uji-0001.yml")


def _pppk(contracts):
    p = _person(status="pppk", golongan="IX")
    p.kontrak = contracts
    return p


def test_pppk_contract_not_on_the_calendar_year():
    person = _pppk([(date(2025, 4, 1), date(2026, 3, 31))])
    rows = [_row(2025, "triwulan_2", "baik"), _row(2025, "triwulan_3", "baik"), _row(2025, "triwulan_4", "sangat_baik"),
            _row(2026, "triwulan_1", "baik")]
    [c] = D.contracts(REPO, person, rows, in_force(RULES, date(2026, 4, 15)), date(2026, 4, 15))
    assert c.status == "memenuhi" and [(r.tahun, r.periode) for r in c.evaluasi] == [(2025, "triwulan_2"), (2025, "triwulan_3"), (2025, "triwulan_4"), (2026, "triwulan_1")]
    rows[1] = _row(2025, "triwulan_3", "butuh_perbaikan")
    [c] = D.contracts(REPO, person, rows, in_force(RULES, date(2026, 4, 15)), date(2026, 4, 15))
    assert c.status == "tidak_memenuhi" and any("Butuh" in n or "butuh" in n for n in c.keterangan)
    # a quarter outside the contract does not count: 2025 Q1 ended before 1 April 2025
    rows.insert(0, _row(2025, "triwulan_1", "butuh_perbaikan"))
    rows[2] = _row(2025, "triwulan_3", "baik")
    [c] = D.contracts(REPO, person, rows, in_force(RULES, date(2026, 4, 15)), date(2026, 4, 15))
    assert c.status == "memenuhi"


def test_pppk_missing_evaluations_and_missing_contracts():
    person = _pppk([(date(2025, 4, 1), date(2026, 3, 31))])
    [c] = D.contracts(REPO, person, [_row(2025, "triwulan_2", "baik")], in_force(RULES, date(2026, 4, 15)), date(2026, 4, 15))
    assert c.status == "tidak_dapat_ditentukan" and len([n for n in c.keterangan if "belum ada" in n]) == 3
    assert any("2025 Triwulan III final belum ada" in n for n in c.keterangan)
    [c] = D.contracts(REPO, _pppk([]), [], in_force(RULES, date(2026, 4, 15)), date(2026, 4, 15))
    assert c.status == "tidak_dapat_ditentukan" and "kontrak_pppk" in c.keterangan[0]


# --- a unit, the regency, the SIASN export ---------------------------------------------------------


def test_unit_table_lists_only_its_people(demo):
    out = _career(demo, "--unit", "disdik-sdn-12-mb", "--tanggal", "2026-11-28").out
    ids = sorted(line.split()[0] for line in out.splitlines() if line.startswith("disdik-"))
    assert ids == ["disdik-0040", "disdik-0042", "disdik-0043", "disdik-0044", "disdik-0045"]
    assert "5 pegawai:" in out


def test_siasn_csv_layout(demo):
    text = (demo / "organisation/people/disdik-0008.yml").read_text(encoding="utf-8")
    (demo / "organisation/people/disdik-0008.yml").write_text(text.replace('nama: "Agus Salim"', 'nama: "=SUM(A1)"'), encoding="utf-8")
    out = _career(demo, "--format", "csv", "--tanggal", "2026-11-28").out
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0] == ["nip", "pegawai", "nama", "tahun", "periode", "jenis_periode", "tanggal_mulai", "tanggal_selesai",
                       "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "predikat_label", "pejabat_penilai", "dasar"]
    finals = sum(1 for p in (demo / "evaluations").rglob("*.yml") if "\nstatus: final\n" in p.read_text(encoding="utf-8"))
    assert len(rows) - 1 == finals  # one row per final evaluation
    agus = [r for r in rows if r[1] == "disdik-0008"]
    assert agus and all(r[2] == "'=SUM(A1)" for r in agus)
    q2 = next(r for r in agus if r[3:5] == ["2026", "triwulan_2"])
    assert q2[10] == "baik" and "calibrations/2026/triwulan_2/disdik.yml" in q2[13]
    siti = next(r for r in rows if r[1] == "disdik-0042")
    assert siti[0] == "199207232019032011"  # the NIP, for matching in SIASN: this export is private


def test_output_file_is_never_overwritten(demo, tmp_path):
    target = tmp_path / "laporan.md"
    target.write_text("milik admin", encoding="utf-8")
    result = _career(demo, "--pegawai", "disdik-0042", "--keluaran", str(target))
    assert result.code == 2 and "sudah ada" in result.err
    assert target.read_text(encoding="utf-8") == "milik admin"
    fresh = tmp_path / "baru.md"
    assert _career(demo, "--pegawai", "disdik-0042", "--format", "markdown", "--keluaran", str(fresh)).code == 0
    assert fresh.read_text(encoding="utf-8").startswith("# Riwayat kinerja")


def test_unknown_person_is_a_usage_error(demo):
    result = _career(demo, "--pegawai", "tidak-ada")
    assert result.code == 2 and "tidak-ada" in result.err
