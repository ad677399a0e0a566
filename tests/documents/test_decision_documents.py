"""Documents after ratings change (issue 16) and after a jenjang change (issue 15): the keberatan
decision, the per-RHK ratings in force on the periodic evaluation, the angka kredit per jenjang.

Expectations are derived here from the demo YAML and the regulations' arithmetic, never copied
from the code's output; every PDF is made by the real command in a real git repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from test_documents import commit, flat, pdf_text

from kthelpers import ROOT, copy_demo, git, run_kinerja

SITI = "disdik-0042"
OBJ = f"objections/2026/triwulan_2/{SITI}.yml"
EVAL = f"evaluations/2026/triwulan_2/{SITI}.yml"


ONE_ASSIGNMENT = """  - mulai: 2019-03-01
    unit: disdik-sdn-12-mb
    jabatan: "Guru Ahli Pertama"
    jenis_jabatan: fungsional
    jenjang: ahli_pertama
"""


def _annual_sangat_baik(demo: Path) -> None:
    """Siti's third-quarter evaluation (Sangat Baik) copied as her annual one."""
    q3, q4 = demo / f"evaluations/2026/triwulan_3/{SITI}.yml", demo / f"evaluations/2026/triwulan_4/{SITI}.yml"
    q4.parent.mkdir(parents=True, exist_ok=True)
    q4.write_text(q3.read_text(encoding="utf-8").replace("periode: triwulan_3", "periode: triwulan_4"), encoding="utf-8")


def _promote(demo: Path, on: str, last_old: str) -> None:
    """Her one assignment split: Ahli Pertama until `last_old`, Ahli Muda from `on` (same unit)."""
    path = demo / f"organisation/people/{SITI}.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ONE_ASSIGNMENT) == 1
    new = ONE_ASSIGNMENT.replace("    jenjang: ahli_pertama\n", f"    jenjang: ahli_pertama\n    selesai: {last_old}\n")
    lines = text.split(ONE_ASSIGNMENT, 1)[1].splitlines(keepends=True)
    tail = "".join(lines[: next(i for i, line in enumerate(lines) if not line.startswith("    "))])
    second = (f"  - mulai: {on}\n    unit: disdik-sdn-12-mb\n    jabatan: \"Guru Ahli Muda\"\n    jenis_jabatan: fungsional\n"
              "    jenjang: ahli_muda\n" + tail)
    path.write_text(text.replace(ONE_ASSIGNMENT + tail, new + tail + second), encoding="utf-8")


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text)


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    """The demo with the decided keberatan of the annotated example, committed in two steps:
    the filing, then the decision (so git tells when the decision was recorded)."""
    repo = copy_demo(tmp_path_factory.mktemp("keberatan") / "repo")
    example = (ROOT / "schemas/examples/keberatan.yml").read_text(encoding="utf-8")
    (repo / OBJ).parent.mkdir(parents=True)
    (repo / OBJ).write_text(example[: example.index("penjelasan:")], encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "keberatan diajukan", "2026-07-10T09:00:00+07:00")
    (repo / OBJ).write_text(example, encoding="utf-8")
    decision_sha = commit(repo, "keberatan diputus\n\nDiputuskan-oleh: disdik-0005", "2026-07-24T10:30:00+07:00")
    out = repo.parent / "cetak"
    r = run_kinerja("print", "--pegawai", SITI, "--tahun", "2026", "--keluaran", str(out), cwd=repo)
    assert r.code == 0, r
    return repo, out / "2026" / SITI, decision_sha


def _yaml(repo: Path, rel: str) -> dict:
    return yaml.safe_load((repo / rel).read_text(encoding="utf-8"))


def test_keberatan_decision_document(decided):
    repo, folder, sha = decided
    pdf = folder / "keputusan-keberatan-triwulan_2.pdf"
    text = flat(pdf_text(pdf))
    o = _yaml(repo, OBJ)
    e = _yaml(repo, EVAL)
    names = {pid: _yaml(repo, f"organisation/people/{pid}.yml")["nama"] for pid in (SITI, e["pejabat_penilai"], o["pemutus"])}
    assert "KEPUTUSAN ATAS KEBERATAN HASIL EVALUASI KINERJA PEGAWAI" in text and "PERIODE: TRIWULAN II TAHUN 2026" in text
    blocks = ["PEGAWAI YANG MENGAJUKAN KEBERATAN", "ATASAN PEJABAT PENILAI KINERJA (PEMUTUS)", "1. KEBERATAN", "2. PENJELASAN", "3. KEPUTUSAN"]
    where = [text.index(b) for b in blocks]
    assert where == sorted(where)
    assert names[SITI] in text[where[0]: where[1]] and names[e["pejabat_penilai"]] in text[where[0]: where[1]]
    assert names[o["pemutus"]] in text[where[1]: where[2]]
    assert "10 Juli 2026 (isu #41)" in text[where[2]: where[3]] and o["diajukan"]["alasan"] in text[where[2]: where[3]]
    assert "13 Juli 2026" in text[where[3]: where[4]]
    assert o["penjelasan"]["penilai"] in text[where[3]: where[4]] and o["penjelasan"]["pegawai"] in text[where[3]: where[4]]
    decision = text[where[4]:]
    assert "24 Juli 2026" in decision and "HASIL KEPUTUSAN DIUBAH" in decision and o["keputusan"]["alasan"] in decision
    # rhk-3: the evaluation's rating before, the decision's after
    before = next(r["rating"] for r in e["penilaian"]["hasil_kerja"] if r["rhk"] == "rhk-3")
    assert before == "sesuai_ekspektasi" and o["keputusan"]["hasil_kerja"] == [{"rhk": "rhk-3", "rating": "di_atas_ekspektasi"}]
    row = decision[decision.index("RHK rhk-3"): decision.index("PREDIKAT KINERJA PEGAWAI")]
    assert "Sesuai Ekspektasi Di Atas Ekspektasi berubah" in row
    # the overall ratings are not part of the decision: both stay as the evaluation has them (di atas x di atas)
    assert e["penilaian"]["rating_hasil_kerja"] == e["penilaian"]["rating_perilaku_kerja"] == "di_atas_ekspektasi"
    assert "Rating hasil kerja Di Atas Ekspektasi Di Atas Ekspektasi tetap" in decision
    assert "PREDIKAT KINERJA PEGAWAI SANGAT BAIK SANGAT BAIK" in decision  # di atas x di atas: Sangat Baik, both sides
    assert "Pasal 59" in decision and "bersifat final" in decision
    # when the decision was recorded: the second commit, 24 July 10.30 WIB, with the App's trailer
    assert f"Keputusan keberatan tercatat sejak commit {sha[:12]} pada 24 Juli 2026 pukul 10.30 (WIB)." in text
    assert "Diputuskan-oleh: disdik-0005" in text
    assert "Atasan Pejabat Penilai Kinerja (Pemutus Keberatan)" in text


def test_keberatan_document_inputs_and_verify(decided):
    repo, folder, _ = decided
    pdf = folder / "keputusan-keberatan-triwulan_2.pdf"
    payload = PdfReader(pdf).metadata["/Keywords"]
    assert payload.startswith(f"KT1;j=keputusan_keberatan;t=2026;p=triwulan_2;s={SITI};c=")
    # objection, evaluation, plan, rules, instansi, three people, units: every input's blob is in the payload
    blobs = payload.split(";b=")[1].split(",")
    head = git(repo, "ls-tree", "-r", "HEAD").split("\n")
    ids = {line.split()[3]: line.split()[2] for line in head if line}
    for rel in (OBJ, EVAL, f"plans/2026/{SITI}.yml", "organisation/instansi.yml"):
        assert ids[rel][:16] in blobs, rel
    r = run_kinerja("print", "--periksa-pdf", str(pdf), cwd=repo)
    assert r.code == 0 and r.out.startswith("Sesuai: dokumen Keputusan Atas Keberatan"), r
    # a changed decision after printing: the old paper still matches its commit, and the change is named
    text = (repo / OBJ).read_text(encoding="utf-8")
    (repo / OBJ).write_text(text.replace("melampaui target triwulan", "melampaui target triwulan II"), encoding="utf-8")
    later = commit(repo, "koreksi alasan", "2026-07-25T09:00:00+07:00")
    try:
        r = run_kinerja("print", "--periksa-pdf", str(pdf), cwd=repo)
        assert r.code == 0 and f"{later[:12]} (2026-07-25): {OBJ}" in r.out, r
    finally:
        git(repo, "reset", "-q", "--hard", "HEAD~1")


def test_undecided_keberatan_prints_no_decision(tmp_path):
    repo = copy_demo(tmp_path / "repo")
    example = (ROOT / "schemas/examples/keberatan.yml").read_text(encoding="utf-8")
    (repo / OBJ).parent.mkdir(parents=True)
    (repo / OBJ).write_text(example[: example.index("penjelasan:")], encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "diajukan")
    r = run_kinerja("print", "--pegawai", SITI, "--jenis", "keputusan-keberatan", "--keluaran", str(tmp_path / "out"), cwd=repo)
    assert r.code == 0 and "0 dokumen dibuat" in r.out, r
    assert not (tmp_path / "out").exists()


def test_periodic_evaluation_prints_the_rhk_rating_in_force(decided):
    """Per RHK, the rating after the keberatan decision, and the record that set it."""
    repo, folder, _ = decided
    text = pdf_text(folder / "evaluasi-triwulan_2.pdf")
    hasil = squeeze(text[text.index("HASIL KERJA"): text.index("RATING HASIL KERJA")])
    rhk3 = hasil[hasil.index("Terbaginya"):]
    # the evaluation says sesuai for rhk-3; the decision says di atas, and names its file
    assert rhk3.startswith("Terbaginya") and "Rating:DiAtasEkspektasi(ditetapkan" + OBJ + ")" in rhk3
    assert "Rating:SesuaiEkspektasi" not in rhk3
    # rhk-1 is unchanged: its rating is the evaluation's, no record named
    rhk1 = hasil[: hasil.index("Terbaginya")]
    assert "ditetapkan" not in rhk1
    # the objection is an input of the periodic document too
    payload = PdfReader(folder / "evaluasi-triwulan_2.pdf").metadata["/Keywords"]
    blob = git(repo, "rev-parse", f"HEAD:{OBJ}").strip()[:16]
    assert blob in payload


def test_angka_kredit_document_after_a_jenjang_change(tmp_path):
    """Ahli Pertama until 30 June, Ahli Muda from 1 July, one plan, annual Sangat Baik."""
    repo = copy_demo(tmp_path / "repo")
    _annual_sangat_baik(repo)
    _promote(repo, "2026-07-01", "2026-06-30")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "naik jenjang")
    r = run_kinerja("print", "--pegawai", SITI, "--tahun", "2026", "--jenis", "angka-kredit", "--keluaran", str(tmp_path / "out"), cwd=repo)
    assert r.code == 0, r
    text = flat(pdf_text(tmp_path / "out/2026" / SITI / "angka-kredit.pdf"))
    # January-June: 6/12 x 150% x 12.5 = 9.375 -> 9,38; July-December: 6/12 x 150% x 25 = 18.75; sum 28.125 -> 28,13
    assert "Januari – Juni (6 bulan, Ahli Pertama) Sangat Baik 150% 12,50 9,38" in text
    assert "Juli – Desember (6 bulan, Ahli Muda) Sangat Baik 150% 25,00 18,75" in text
    assert "JUMLAH ANGKA KREDIT YANG DIPEROLEH 28,13" in text
    assert "37,50" not in text  # all twelve months at Ahli Muda, the error the correction removed
    assert "SKP baru" in text  # the note that a new plan was needed for the new jenjang
