"""The forms of the rating loop (issue 10): Beri penilaian (the penilai), Tanda sudah membaca
(the employee, also as the comment command /sudah-membaca), Putuskan keberatan (the decider)."""

from __future__ import annotations

import json
import shutil

import pytest

from kthelpers import ROOT, git, run_kinerja
from kinerja.loader import load_bytes
from kinerja.review import forms
from kinerja.review.facts import parse_ack_command as parse_command

YULI_T3 = "evaluations/2026/triwulan_3/disdik-0044.yml"
SITI_T2 = "evaluations/2026/triwulan_2/disdik-0042.yml"
OBJ = "objections/2026/triwulan_2/disdik-0042.yml"
KEPSEK = ("kt-demo-kepsek-sdn12", 91000035)
KABID = ("kt-demo-kabid-sd", 91000032)
YULIANA = ("kt-demo-yuliana", 91000044)
SITI = ("kt-demo-siti", 91000042)


@pytest.fixture
def demo(demo):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo / ".github" / "ISSUE_TEMPLATE")
    return demo


@pytest.fixture
def demo_repo(demo_git):
    """The demo as a git repository (acknowledgements and keberatan read main's history)."""
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "forms")
    return demo_git


def body(form: str, **values) -> str:
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS[form]):
        v = values.get(f.id)
        if f.type == "checkboxes" and v is True:
            v = "- [X] " + f.options[0]
        out += [f"### {f.label}", "", v or "_No response_", ""]
    return "\n".join(out)


def convert(repo, tmp_path, form, who, text, issue=50, filed_at=None):
    (tmp_path / "body.md").write_text(text, encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp_path / name).unlink(missing_ok=True)
    args = ["form", "--akar", str(repo), "--berkas-isi", str(tmp_path / "body.md"), "--formulir", form, "--pembuat", who[0],
            "--id-pembuat", str(who[1]), "--isu", str(issue), "--balasan", str(tmp_path / "reply.md"),
            "--hasil", str(tmp_path / "result.json")]
    if filed_at:
        args += ["--waktu", filed_at]
    result = run_kinerja(*args)
    return result, (tmp_path / "reply.md").read_text(encoding="utf-8"), json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))


PENILAIAN = dict(pegawai="disdik-0044", tahun="2026", periode="triwulan_3",
                 rating_rhk="rhk-1 | sesuai | Modul ajar dipakai rutin; lanjutkan.",
                 perilaku="akuntabel | Tepat waktu.", rating_hasil_kerja="sesuai_ekspektasi",
                 rating_perilaku_kerja="sesuai_ekspektasi", status="final")


def test_beri_penilaian_writes_the_penilai_part_and_needs_no_employee(demo, tmp_path):
    result, reply, res = convert(demo, tmp_path, "penilaian", KEPSEK, body("penilaian", **PENILAIAN))
    assert result.code == 0, (result, reply)
    data = load_bytes((demo / YULI_T3).read_bytes()).data
    assert data["status"] == "final" and data["realisasi"]["hasil_kerja"][0]["indikator"][0]["realisasi"] == 7  # her part kept
    assert data["penilaian"]["hasil_kerja"] == [{"rhk": "rhk-1", "rating": "sesuai_ekspektasi",
                                                  "umpan_balik": "Modul ajar dipakai rutin; lanjutkan."}]
    assert res["pull_request"] and "tanpa menunggu persetujuan pegawai" in res["body"] and "/sudah-membaca" in res["body"]


def test_beri_penilaian_asks_the_atasan_when_ratings_need_her_approval(demo, tmp_path):
    # persetujuan_rating: atasan_pejabat_penilai, read from instansi.yml by the CLI (a string built at run time)
    p = demo / "organisation/instansi.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("persetujuan_rating: tidak_ada",
                                                       "persetujuan_rating: atasan_pejabat_penilai", 1), encoding="utf-8")
    result, reply, res = convert(demo, tmp_path, "penilaian", KEPSEK, body("penilaian", **PENILAIAN))
    assert result.code == 0, (result, reply)
    assert res["pull_request"] and "@kt-demo-kabid-sd (" in res["body"]  # disdik-0005, the penilai's own penilai
    assert "sebagai atasan pejabat penilai, mohon setujui" in res["body"]
    assert "tanpa menunggu persetujuan pegawai" not in res["body"]


def test_beri_penilaian_refuses_di_atas_without_evidence_and_keeps_the_file(demo, tmp_path):
    before = (demo / YULI_T3).read_bytes()
    values = dict(PENILAIAN, rating_rhk="rhk-1 | di atas | Luar biasa.", rating_hasil_kerja="di_atas_ekspektasi")
    result, reply, res = convert(demo, tmp_path, "penilaian", KEPSEK, body("penilaian", **values))
    assert result.code == 1 and "eval-di-atas-bukti" in reply
    assert (demo / YULI_T3).read_bytes() == before


def test_beri_penilaian_only_by_the_penilai(demo, tmp_path):
    result, reply, _ = convert(demo, tmp_path, "penilaian", KABID, body("penilaian", **PENILAIAN))
    assert result.code == 1 and "bukan pejabat penilai" in reply and "disdik-0040" in reply


def test_tanda_sudah_membaca_by_form(demo_repo, tmp_path):
    text = body("membaca", tahun="2026", periode="triwulan_2", tanggapan="Terima kasih atas umpan baliknya.", pernyataan=True)
    result, reply, res = convert(demo_repo, tmp_path, "membaca", SITI, text, filed_at="2026-07-05T17:30:00Z")
    assert result.code == 0, (result, reply)
    # 17:30 UTC is 00:30 WIB on 6 July: the day in the regency's time zone
    assert res["ack"] == {"jenis": "sudah_membaca", "evaluasi": SITI_T2, "pegawai": "disdik-0042", "akun_id": 91000042,
                          "waktu": "2026-07-05T17:30:00Z", "tanggal": "2026-07-06",
                          "tanggapan": "Terima kasih atas umpan baliknya.", "isu": 50, "usulan": None}
    assert res["pull_request"] is False and "tidak mengubah rating" in reply
    # a draft cannot be acknowledged yet
    text = body("membaca", tahun="2026", periode="triwulan_3", pernyataan=True)
    result, reply, _ = convert(demo_repo, tmp_path, "membaca", YULIANA, text)
    assert result.code == 1 and "belum final" in reply


def test_sudah_membaca_comment_command(demo_repo, tmp_path):
    assert parse_command("/sudah-membaca") == (True, "")
    assert parse_command("/sudah-membaca Terima kasih\nakan saya perbaiki") == (True, "Terima kasih\nakan saya perbaiki")
    assert parse_command("> /sudah-membaca") == (False, "")
    assert parse_command("Saya setuju\n/sudah-membaca") == (False, "")  # only a first line that is the command
    (tmp_path / "c.md").write_text("/sudah-membaca Sudah saya baca.", encoding="utf-8")

    def run(who, out, body="c.md"):
        return run_kinerja("sudah-membaca", "--akar", str(demo_repo), "--berkas-isi", str(tmp_path / body),
                           "--id-pembuat", str(who[1]), "--berkas", SITI_T2, "--berkas", "plans/2026/disdik-0042.yml",
                           "--usulan", "7", "--waktu", "2026-07-01T03:00:00Z", "--hasil", str(tmp_path / out))
    assert run(SITI, "a.json").code == 0
    doc = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert [f["evaluasi"] for f in doc["facts"]] == [SITI_T2]  # the plan in the PR is not an evaluation
    assert doc["facts"][0]["tanggapan"] == "Sudah saya baca." and doc["facts"][0]["usulan"] == 7
    assert doc["facts"][0]["pegawai"] == "disdik-0042" and doc["facts"][0]["waktu"] == "2026-07-01T03:00:00Z"
    # the penilai (or anyone else) cannot acknowledge for her; her login on another account neither
    assert run(KEPSEK, "b.json").code == 1
    assert run(("kt-demo-siti", 1234), "c.json").code == 1
    # a comment that is not the command does nothing
    (tmp_path / "other.md").write_text("Terima kasih, Bapak.\n/sudah-membaca", encoding="utf-8")
    assert run(SITI, "d.json", "other.md").code == 0
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["command"] is False


def _objection(demo):
    text = (ROOT / "schemas/examples/keberatan.yml").read_text(encoding="utf-8")
    text = text[: text.index("penjelasan:")]
    (demo / OBJ).parent.mkdir(parents=True)
    (demo / OBJ).write_text(text, encoding="utf-8")


def test_putuskan_keberatan_request_then_decide(demo, tmp_path):
    _objection(demo)
    ask = body("putusan", pegawai="disdik-0042", tahun="2026", periode="triwulan_2", langkah="Minta penjelasan")
    result, reply, res = convert(demo, tmp_path, "putusan", SITI, ask)
    assert result.code == 1 and "bukan pemutusnya" in reply  # the employee does not decide her own objection
    decide = body("putusan", pegawai="disdik-0042", tahun="2026", periode="triwulan_2", langkah="Putuskan", hasil="tetap",
                  alasan="Bukti tidak menunjukkan hasil di atas ekspektasi.")
    result, reply, _ = convert(demo, tmp_path, "putusan", KABID, decide)
    assert result.code == 1 and "Minta penjelasan" in reply  # explanations first (Pasal 59)
    result, reply, res = convert(demo, tmp_path, "putusan", KABID, ask, issue=60, filed_at="2026-07-13T02:00:00Z")
    assert result.code == 0, (result, reply)
    assert load_bytes((demo / OBJ).read_bytes()).data["penjelasan"] == {"diminta": "2026-07-13"}
    assert "Closes #60" in res["body"] and "Closes #41" not in res["body"]  # the objection's issue stays open
    change = body("putusan", pegawai="disdik-0042", tahun="2026", periode="triwulan_2", langkah="Putuskan", hasil="diubah",
                  rating_rhk="rhk-3 | di atas", alasan="Daftar hadir sah; sesi berbagi melampaui target.",
                  penjelasan_penilai="Daftar hadir belum diunggah saat penilaian.")
    result, reply, res = convert(demo, tmp_path, "putusan", KABID, change, issue=61, filed_at="2026-07-24T02:00:00Z")
    assert result.code == 0, (result, reply)
    data = load_bytes((demo / OBJ).read_bytes()).data
    assert data["keputusan"] == {"tanggal": "2026-07-24", "hasil": "diubah", "alasan": "Daftar hadir sah; sesi berbagi melampaui target.",
                                 "hasil_kerja": [{"rhk": "rhk-3", "rating": "di_atas_ekspektasi"}]}
    assert data["penjelasan"]["penilai"] == "Daftar hadir belum diunggah saat penilaian."
    assert "Closes #61" in res["body"] and "Closes #41" in res["body"]  # the merge closes the keberatan issue
    result, reply, _ = convert(demo, tmp_path, "putusan", KABID, change, issue=62)
    assert result.code == 1 and "sudah diputus" in reply
