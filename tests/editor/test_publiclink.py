"""`kinerja form` resolves the editor's link `<kode_rencana>@<commit>/<rhk>` privately: the plan
code is re-numbered from the data of that commit (real git history), the holder's person id
is written into the plan, and a supervisor RHK changed since that commit is refused with a
message that shows what changed."""

from __future__ import annotations

import json
import shutil

import pytest

from kthelpers import ROOT, git, run_kinerja
from kinerja.loader import load_text

pytestmark = pytest.mark.xdist_group("forms")

# By hand from the demo data: the published 2026 plans of SD Negeri 12 Muara Bulian sorted by
# jabatan are "Guru Ahli Madya (Kepala Sekolah)" (disdik-0040), "Guru Ahli Muda", "Guru Ahli
# Pertama" (two), "Operator ...": the head's plan is number 01.
KODE = "2026-disdik-sdn-12-mb-01"
HEAD_PLAN = "plans/2026/disdik-0040.yml"


@pytest.fixture
def repo(demo_git):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    git(demo_git, "add", "-A")
    git(demo_git, "commit", "-q", "-m", "forms")
    return demo_git


def body(link: str) -> str:
    fields = {
        "Tahun kinerja": "2027", "Pendekatan": "kuantitatif", "Minta persetujuan sekarang?": "Belum, simpan sebagai draf",
        "Rencana Hasil Kerja (RHK)": f"rhk-1 | utama | Terlaksananya pembelajaran berbasis proyek di kelas IV | {link}",
        "Indikator Kinerja Individu (IKI)": "rhk-1 | iki-1 | kuantitas | Jumlah proyek literasi yang diselesaikan | 6 proyek",
    }
    out = []
    from kinerja.review import forms

    for f in forms.template_fields(ROOT, forms.FORMS["skp"]):
        out += [f"### {f.label}", "", fields.get(f.label) or "_No response_", ""]
    return "\n".join(out)


def convert(repo, tmp_path, link):
    (tmp_path / "body.md").write_text(body(link), encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp_path / name).unlink(missing_ok=True)
    result = run_kinerja("form", "--akar", str(repo), "--berkas-isi", str(tmp_path / "body.md"), "--formulir", "skp",
                         "--pembuat", "kt-demo-siti", "--id-pembuat", "91000042", "--isu", "31",
                         "--balasan", str(tmp_path / "reply.md"), "--hasil", str(tmp_path / "result.json"))
    return result, (tmp_path / "reply.md").read_text(encoding="utf-8"), json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))


def sha(repo) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def test_public_link_resolves_to_the_supervisor_person_id(repo, tmp_path):
    result, reply, res = convert(repo, tmp_path, f"{KODE}@{sha(repo)}/rhk-1")
    assert result.code == 0, (result, reply)
    text = (repo / res["file"]).read_text(encoding="utf-8")
    assert load_text(text).data["hasil_kerja"][0]["intervensi"] == "disdik-0040/rhk-1"
    assert KODE not in text  # the public code never reaches the file


def test_short_commit_id_is_enough(repo, tmp_path):
    result, reply, res = convert(repo, tmp_path, f"{KODE}@{sha(repo)[:12]}/rhk-1")
    assert result.code == 0, (result, reply)
    assert load_text((repo / res["file"]).read_text(encoding="utf-8")).data["hasil_kerja"][0]["intervensi"] == "disdik-0040/rhk-1"


def test_changed_supervisor_rhk_is_refused_with_both_texts(repo, tmp_path):
    built = sha(repo)
    plan = (repo / HEAD_PLAN).read_text(encoding="utf-8")
    old = "Meningkatnya capaian literasi siswa SD Negeri 12 Muara Bulian"
    assert old in plan
    (repo / HEAD_PLAN).write_text(plan.replace(old, "Menurunnya angka putus sekolah", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "supervisor edits her RHK")
    result, reply, res = convert(repo, tmp_path, f"{KODE}@{built}/rhk-1")
    assert result.code != 0 and not res["ok"]
    assert "telah berubah sejak commit" in reply and old in reply and "Menurunnya angka putus sekolah" in reply, reply


def test_other_change_in_the_supervisor_plan_is_accepted_with_a_note(repo, tmp_path):
    built = sha(repo)
    plan = (repo / HEAD_PLAN).read_text(encoding="utf-8")
    (repo / HEAD_PLAN).write_text(plan + "catatan: Ditambah setelah situs dibangun.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "supervisor adds a note")
    result, reply, res = convert(repo, tmp_path, f"{KODE}@{built}/rhk-1")
    assert result.code == 0, (result, reply)
    assert "berubah sejak commit" in reply and "tetap sama" in reply, reply


@pytest.mark.parametrize("link, expected", [
    (f"{KODE}@0123456789abcdef0123456789abcdef01234567/rhk-1", "tidak ada di repositori"),
    ("2026-disdik-sdn-12-mb-42@HEAD/rhk-1", "bukan RHK atasan"),  # not a commit id: the line format refuses it
    ("2026-disdik-sdn-12-mb-42@{sha}/rhk-1", "tidak ada di situs"),
    (f"{KODE}@{{sha}}/rhk-9", "tidak memuat rhk-9"),
])
def test_unusable_links_are_refused(repo, tmp_path, link, expected):
    result, reply, res = convert(repo, tmp_path, link.replace("{sha}", sha(repo)))
    assert result.code != 0 and not res["ok"]
    assert expected in reply, reply
