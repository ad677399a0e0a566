"""The issue form "Catat pengaduan": recorded issue JSON (as the workflow receives it) turned
into a complaint file on a real git repository, the role check (only the unit's complaint
admins), updates that append to the history, and check-change agreeing with the form."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kthelpers import ROOT, git, run_kinerja
from kinerja.loader import load_text
from kinerja.review import forms

pytestmark = pytest.mark.xdist_group("forms")

ADMIN = ("kt-demo-disdukcapil-0040", 91000240)  # admin_pengaduan of disdukcapil in organisation/instansi.yml
KABID = ("kt-demo-disdukcapil-0010", None)  # heads the service's bidang, but is not a complaint admin
TODAY = "2026-12-08"
ISSUE_JSON = ROOT / "tests/review/data/github/issue.json"


@pytest.fixture
def repo(demo_git):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "formulir isu")
    return demo_git


def _account(repo: Path, login: str) -> tuple[str, int]:
    person = login.removeprefix("kt-demo-")
    data = load_text((repo / f"organisation/people/{person}.yml").read_text(encoding="utf-8")).data
    return data["github"]["login"], int(data["github"]["id"])


def body(**fields) -> str:
    """The body GitHub renders for a submitted form: ### label, blank line, value."""
    out = []
    for f in forms.template_fields(ROOT, forms.FORMS["pengaduan"]):
        value = fields.get(f.id)
        out += [f"### {f.label}", "", value if value else "_No response_", ""]
    return "\n".join(out)


def issue_event(number: int, who: tuple[str, int], text: str) -> dict:
    """The issue as the API records it (tests/review/data/github/issue.json), with this form's label and body."""
    raw = ISSUE_JSON.read_text(encoding="utf-8")
    for key, value in (("number", str(number)), ("login", who[0]), ("id", str(who[1])), ("label", "formulir-pengaduan"),
                       ("state", "open")):
        raw = raw.replace("{{" + key + "}}", value)
    issue = json.loads(raw)
    issue["body"] = text
    issue["labels"].insert(0, {"id": 0, "name": "formulir", "color": "ededed", "default": False})
    return issue


def submit(repo: Path, tmp_path: Path, issue: dict):
    """What formulir.yml does with the event: labels as JSON, the author's login and numeric id."""
    work = tmp_path / f"isu-{issue['number']}"
    work.mkdir()
    (work / "body.md").write_text(issue["body"], encoding="utf-8")
    labels = json.dumps([x["name"] for x in issue["labels"]])
    result = run_kinerja("form", "--akar", str(repo), "--berkas-isi", str(work / "body.md"), "--label", labels,
                         "--pembuat", issue["user"]["login"], "--id-pembuat", str(issue["user"]["id"]),
                         "--isu", str(issue["number"]), "--tanggal", TODAY,
                         "--balasan", str(work / "reply.md"), "--hasil", str(work / "result.json"))
    reply = (work / "reply.md").read_text(encoding="utf-8")
    res = json.loads((work / "result.json").read_text(encoding="utf-8"))
    return result, reply, res


NEW = dict(
    nomor="2026-0006", kanal="lapor", nomor_lapor="LPR-9Z8Y7X", diterima="2026-12-07", unit="disdukcapil-bid-dafduk",
    layanan="ktp-el", kategori="waktu_layanan",
    ringkasan="Pemohon menunggu cetak KTP-el lebih dari 14 hari kerja tanpa kabar.",
    rhk="disdukcapil-0010 | rhk-1 | iki-1",
)


def test_the_admin_records_a_new_complaint_and_check_change_agrees(repo, tmp_path):
    who = _account(repo, ADMIN[0])
    assert who == ADMIN
    result, reply, res = submit(repo, tmp_path, issue_event(61, who, body(**NEW)))
    assert result.code == 0, (result, reply)
    assert res["ok"] and res["file"] == "complaints/2026/2026-0006.yml" and res["pull_request"], res
    assert "Formulir diterima" in reply and "LPR-9Z8Y7X" not in reply and "LPR-9Z8Y7X" not in res["body"]
    doc = load_text((repo / res["file"]).read_text(encoding="utf-8")).data
    assert doc["nomor"] == "2026-0006" and doc["nomor_lapor"] == "LPR-9Z8Y7X" and doc["unit"] == "disdukcapil-bid-dafduk"
    # no status lines: the history starts with diterima on the day received
    assert doc["riwayat"] == [{"status": "diterima", "tanggal": "2026-12-07"}]
    assert doc["rhk"] == [{"pegawai": "disdukcapil-0010", "rhk": "rhk-1", "iki": "iki-1"}]
    # the PR the App opens from formulir/isu-61: check-change, with the issue author as actor, allows it
    git(repo, "checkout", "-q", "-b", "formulir/isu-61")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Pengaduan 2026-0006 (dari isu #61)")
    verdict = run_kinerja("check-change", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", "HEAD", "--pembuat", who[0],
                          "--id-pembuat", str(who[1]), "--tanggal", TODAY)
    assert verdict.code == 0, verdict
    assert "admin_pengaduan" in verdict.out or "Admin pengaduan" in verdict.out, verdict


def test_someone_else_is_refused_and_nothing_is_written(repo, tmp_path):
    before = sorted(p.name for p in (repo / "complaints/2026").iterdir())
    kabid = _account(repo, KABID[0])
    result, reply, res = submit(repo, tmp_path, issue_event(62, kabid, body(**NEW)))
    assert result.code == 1 and not res["ok"], (result, reply)
    assert "bukan admin pengaduan perangkat daerah disdukcapil" in reply and "disdukcapil-0040" in reply
    assert sorted(p.name for p in (repo / "complaints/2026").iterdir()) == before
    # the complaint admin of disdukcapil is no complaint admin of the Dinas Kesehatan
    other = dict(NEW, nomor="2026-0007", unit="dinkes-pkm-mb", layanan="pendaftaran")
    result, reply, res = submit(repo, tmp_path, issue_event(63, ADMIN, body(**other)))
    assert result.code == 1 and "bukan admin pengaduan perangkat daerah dinkes" in reply, reply
    assert not (repo / "complaints/2026/2026-0007.yml").exists()
    # and check-change refuses the same file in a PR of that author
    git(repo, "checkout", "-q", "-b", "tangan")
    (repo / "complaints/2026/2026-0007.yml").write_text(
        (repo / "complaints/2026/2026-0002.yml").read_text(encoding="utf-8").replace('"2026-0002"', '"2026-0007"'), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pengaduan tanpa formulir")
    verdict = run_kinerja("check-change", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", "HEAD", "--pembuat", kabid[0],
                          "--id-pembuat", str(kabid[1]), "--tanggal", TODAY)
    assert verdict.code != 0 and "authz-suara" in verdict.out, verdict


def test_an_update_appends_status_and_tindak_lanjut(repo, tmp_path):
    rel = repo / "complaints/2026/2026-0002.yml"
    old = load_text(rel.read_text(encoding="utf-8")).data
    # "selesai" without a tindak lanjut: refused by the same validation, the file is untouched
    text = rel.read_text(encoding="utf-8")
    result, reply, res = submit(repo, tmp_path, issue_event(64, ADMIN, body(nomor="2026-0002", riwayat="2026-12-07 | selesai |")))
    assert result.code == 1 and "suara-selesai-tanpa-tindak-lanjut" in reply, reply
    assert rel.read_text(encoding="utf-8") == text
    update = dict(nomor="2026-0002",
                  riwayat="2026-12-01 | ditindaklanjuti | Kuota harian dinaikkan.\n2026-12-07 | selesai | Antrean normal kembali.",
                  tindak_lanjut="2026-12-01 | disdukcapil-bid-dafduk | Kuota perekaman dinaikkan menjadi 60 nomor per hari. "
                                "| https://github.com/contoh-pemkab/kinerja/pull/52")
    result, reply, res = submit(repo, tmp_path, issue_event(65, ADMIN, body(**update)))
    assert result.code == 0, reply
    doc = load_text(rel.read_text(encoding="utf-8")).data
    assert doc["riwayat"][: len(old["riwayat"])] == old["riwayat"]  # nothing recorded is rewritten
    assert doc["riwayat"][len(old["riwayat"]):] == [
        {"status": "ditindaklanjuti", "tanggal": "2026-12-01", "keterangan": "Kuota harian dinaikkan."},
        {"status": "selesai", "tanggal": "2026-12-07", "keterangan": "Antrean normal kembali."}]
    assert doc["tindak_lanjut"] == [{"tanggal": "2026-12-01", "unit": "disdukcapil-bid-dafduk",
                                     "uraian": "Kuota perekaman dinaikkan menjadi 60 nomor per hari.",
                                     "perubahan": "https://github.com/contoh-pemkab/kinerja/pull/52"}]
    assert {k: doc[k] for k in ("ringkasan", "unit", "layanan", "kategori")} == {k: old[k] for k in ("ringkasan", "unit", "layanan", "kategori")}


@pytest.mark.parametrize("field, value, expected", [
    ("ringkasan", "Pelapor minta ditelepon di (0743) 21234.", "suara-personal-data"),
    ("riwayat", "2026-12-08 | dalam_proses | hubungi budi [at] contoh [dot] id", "suara-personal-data"),
    ("riwayat", "08-12-2026 | dalam_proses |", "baris 1"),
    ("tindak_lanjut", "2026-12-08 | disdukcapil-bid-dafduk", "baris 1"),
    ("nomor", "LPR-9Z8Y7X", "Nomor pengaduan"),
    ("kategori", "<script>alert(1)</script>", "schema-pattern"),
    ("kategori", "antrean", "suara-code-unknown"),
])
def test_bad_input_is_refused_with_a_clear_message(repo, tmp_path, field, value, expected):
    result, reply, res = submit(repo, tmp_path, issue_event(66, ADMIN, body(**dict(NEW, **{field: value}))))
    assert result.code == 1 and not res["ok"], reply
    assert expected in reply, reply
    assert "<script>" not in reply and "Traceback" not in result.err
    assert not (repo / "complaints/2026/2026-0006.yml").exists()


def _commit_at(repo: Path, when: str, message: str) -> None:
    """A merge landing on main at `when` (the gate's push): the site's clocks stop at its date."""
    import os
    import subprocess

    env = dict(os.environ, GIT_AUTHOR_NAME="App", GIT_AUTHOR_EMAIL="app@example.invalid", GIT_COMMITTER_NAME="App",
               GIT_COMMITTER_EMAIL="app@example.invalid", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)


def _site(repo: Path, tmp_path: Path, name: str) -> dict:
    import os

    from kinerja.publish import generate

    os.environ["KINERJA_CACHE_DIR"] = str(tmp_path / f"cache-{name}")
    files = generate(repo, jobs=1).files
    return {k: (v.decode("utf-8", "replace") if isinstance(v, bytes) else v) for k, v in files.items()}


EVAL_0020_TW4 = """versi_format: 1
pegawai: disdukcapil-0020
tahun: 2026
periode: triwulan_4
status: draf
pejabat_penilai: disdukcapil-0010
realisasi:
  hasil_kerja:
    - rhk: rhk-1
      indikator:
        - iki: iki-1
          realisasi: 820
"""


def test_monday_complaint_reaches_pages_open_data_and_the_penilai_and_its_tindak_lanjut_closes_it(repo, tmp_path, monkeypatch):
    """Issue 14's "done when": recorded on Monday 7 December 2026 through the form."""
    import re

    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository
    from kinerja.suara.penilai import for_evaluations

    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    result, reply, res = submit(repo, tmp_path, issue_event(71, ADMIN, body(**NEW)))
    assert result.code == 0, reply
    _commit_at(repo, "2026-12-07T15:00:00+07:00", "Pengaduan 2026-0006 (dari isu #71)")
    site = _site(repo, tmp_path, "senin")
    page = site["layanan/disdukcapil-bid-dafduk/ktp-el.md"]
    assert "Pengaduan 2026-0006" in page and "Pemohon menunggu cetak KTP-el" in page
    # the clock, counted by hand: 3 working days from Monday 7 Dec = Thursday 10 Dec; built on the Monday
    assert "jatuh tempo 10 Desember 2026, belum jatuh tempo" in page
    assert "LPR-9Z8Y7X" not in "".join(site.values())
    unit = site["unit/disdukcapil/disdukcapil-bid-dafduk.md"]
    assert re.search(r"Bidang Pelayanan Pendaftaran Penduduk</a></th>\s*<td[^>]*>5</td>", unit)  # 4 in the demo, + this one
    rows = json.loads(site["data-terbuka/suara/pengaduan.json"])
    mine = [r for r in rows if r["nomor"] == "2026-0006"]
    assert len(mine) == 1 and mine[0]["diterima"] == "2026-12-07"
    # the penilai sees it in the evaluation PR of a person whose RHK answers for KTP-el (the front desk)
    rel = "evaluations/2026/triwulan_4/disdukcapil-0020.yml"
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(EVAL_0020_TW4, encoding="utf-8")
    linked = for_evaluations(load_repository(repo, use_cache=False), [rel], org_index(load_repository(repo, use_cache=False)))
    # both KTP-el complaints received in triwulan IV: 2026-0002 (2 November) and this one
    assert [k["nomor"] for x in linked for k in x["pengaduan"]] == ["2026-0002", "2026-0006"]
    assert linked[0]["pejabat_penilai"] == "disdukcapil-0010"
    (repo / rel).unlink()

    # the tindak lanjut, recorded on Thursday, closes the loop on the next build
    update = dict(nomor="2026-0006",
                  riwayat="2026-12-08 | dalam_proses | Diteruskan ke Bidang Pelayanan Pendaftaran Penduduk.\n"
                          "2026-12-09 | ditindaklanjuti | Blangko dikirim dari gudang.\n"
                          "2026-12-10 | selesai | KTP-el diserahkan.",
                  tindak_lanjut="2026-12-09 | disdukcapil-bid-dafduk | Stok blangko kini dipantau harian. "
                                "| https://github.com/contoh-pemkab/kinerja/pull/61")
    result, reply, res = submit(repo, tmp_path, issue_event(72, ADMIN, body(**update)))
    assert result.code == 0, reply
    _commit_at(repo, "2026-12-10T16:00:00+07:00", "Pengaduan 2026-0006 selesai (dari isu #72)")
    site = _site(repo, tmp_path, "kamis")
    page = site["layanan/disdukcapil-bid-dafduk/ktp-el.md"]
    block = page[page.index("Pengaduan 2026-0006"):]
    block = block[: block.index("</section>")]
    assert "status Selesai" in block and "Stok blangko kini dipantau harian." in block
    assert 'href="https://github.com/contoh-pemkab/kinerja/pull/61"' in block
    assert "jatuh tempo 10 Desember 2026, dijalankan 8 Desember 2026, tepat waktu" in block
    # the unit's figures: resolved within every deadline now 2 of 3 (0001 and 0006), 5 tindak lanjut, 2 with a change
    unit = site["unit/disdukcapil/disdukcapil-bid-dafduk.md"]
    assert "2 dari 3 selesai" in unit and "5 (2)" in unit
