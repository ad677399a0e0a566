"""Enacting a calibration recommendation through the App (issue 15): the issue form
"Berlakukan rekomendasi kalibrasi" -> `kinerja form` -> a PR that check-change allows only for the
person's penilai, that asks for the rated employee's acknowledgement, and whose merge changes
the score. The issue event is recorded JSON (as the workflow receives it); the repository is
real git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from review_helpers import ACCOUNTS, check_change, commit_all, decision, start_pr, verdicts

from kinerja.loader import load_text
from kthelpers import ROOT, git, run_kinerja

DATA = Path(__file__).parent / "data"
RECORD = "calibrations/2026/triwulan_2/disdik.yml"
EVAL = "evaluations/2026/triwulan_2/disdik-0042.yml"


@pytest.fixture
def repo(demo_git):
    shutil.copytree(ROOT / ".github" / "ISSUE_TEMPLATE", demo_git / ".github" / "ISSUE_TEMPLATE")
    commit_all(demo_git, "issue forms")
    return demo_git


def _event(**issue) -> dict:
    event = json.loads((DATA / "events/issue-berlakukan-kalibrasi.json").read_text(encoding="utf-8"))
    event["issue"].update(issue)
    return event


def _convert(repo: Path, tmp: Path, event: dict, login: str | None = None, gid: int | None = None):
    """What formulir.yml does with the event: body, labels, author and creation time to `kinerja form`."""
    issue = event["issue"]
    (tmp / "body.md").write_text(issue["body"], encoding="utf-8")
    for name in ("reply.md", "result.json"):
        (tmp / name).unlink(missing_ok=True)
    result = run_kinerja(
        "form", "--akar", str(repo), "--berkas-isi", str(tmp / "body.md"),
        "--label", json.dumps([x["name"] for x in issue["labels"]]),
        "--pembuat", login or issue["user"]["login"], "--id-pembuat", str(gid or issue["user"]["id"]),
        "--isu", str(issue["number"]), "--waktu", issue["created_at"],
        "--balasan", str(tmp / "reply.md"), "--hasil", str(tmp / "result.json"),
    )
    return result, (tmp / "reply.md").read_text(encoding="utf-8"), json.loads((tmp / "result.json").read_text(encoding="utf-8"))


def _recommendation(repo: Path, pegawai: str) -> dict:
    data = yaml.safe_load((repo / RECORD).read_text(encoding="utf-8"))
    return next(r for r in data["rekomendasi"] if r["pegawai"] == pegawai)


def _predikat(repo: Path, rel: str) -> str:
    r = run_kinerja("score", "--akar", str(repo), "--tahun", "2026", "--periode", "triwulan_2", "--format", "json")
    return next(e for e in json.loads(r.out)["evaluations"] if e["file"] == rel)["predikat"]


def test_the_penilai_enacts_through_the_form_and_check_change_allows_it(repo, tmp_path):
    before = (repo / RECORD).read_text(encoding="utf-8")
    assert "diberlakukan" not in yaml.safe_dump(_recommendation(repo, "disdik-0042"))
    # di atas x di atas in the evaluation: Sangat Baik before the enactment
    assert _predikat(repo, EVAL) == "sangat_baik"
    start_pr(repo, "formulir/isu-77")
    result, reply, res = _convert(repo, tmp_path, _event())
    assert result.code == 0, (result, reply)
    assert res["form"] == "kalibrasi" and res["file"] == RECORD and res["pull_request"]
    # 27 July 17.30 UTC is 28 July in WIB: the enactment date is the issue's local date
    assert _recommendation(repo, "disdik-0042")["diberlakukan"] == {"oleh": "disdik-0040", "tanggal": "2026-07-28"}
    after = (repo / RECORD).read_text(encoding="utf-8")
    # nothing else of the tim's record changed, and its leading comments are kept
    old, new = load_text(before).data, load_text(after).data  # the project's loader: dates kept as written
    for r in new["rekomendasi"]:
        r.pop("diberlakukan") if r["pegawai"] == "disdik-0042" else None
    assert new == old
    assert after.startswith(before[: before.index("versi_format")])
    assert "Closes #77" in res["body"] and "setujui (Approve) sebagai tanda telah membaca" in res["body"]
    commit_all(repo, "formulir isu 77")
    result, doc = check_change(repo, "kepsek", head="formulir/isu-77")
    assert result.code == 0, result
    d = decision(doc, RECORD)
    assert d["code"] == "authz-allowed"
    assert d["requires"] == [{"label": "pegawai yang dinilai (tanda telah membaca)", "people": ["disdik-0042"]}]
    # the employee's acknowledgement (a recorded review of the head commit) satisfies it
    head = git(repo, "rev-parse", "HEAD").strip()
    reviews = tmp_path / "reviews.json"
    reviews.write_text((DATA / "reviews/siti-acknowledged.json").read_text(encoding="utf-8").replace("{{head}}", head), encoding="utf-8")
    login, gid = ACCOUNTS["kepsek"]
    r = run_kinerja("check-approval", "--akar", str(repo), "--revisi-dasar", "main", "--revisi-usulan", "formulir/isu-77", "--pembuat", login,
                    "--id-pembuat", str(gid), "--tinjauan", str(reviews), "--format", "json")
    assert r.code == 0, r
    # merged: the score now uses the tim's rating perilaku (sesuai): di atas x sesuai is Baik (PermenPANRB 6/2022 quadrant)
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "gabung", "formulir/isu-77")
    assert _predikat(repo, EVAL) == "baik"


def test_someone_else_cannot_enact_by_form_nor_by_hand(repo, tmp_path):
    before = (repo / RECORD).read_bytes()
    for who in ("kabid_sd", "siti"):  # the penilai's own atasan; the employee herself
        login, gid = ACCOUNTS[who]
        event = _event(user={"login": login, "id": gid, "type": "User", "site_admin": False})
        result, reply, _ = _convert(repo, tmp_path, event)
        assert result.code == 1 and "bukan pejabat penilainya" in reply and "disdik-0040" in reply, (who, reply)
        assert (repo / RECORD).read_bytes() == before
    # the same enactment in a PR by anyone but the penilai is refused by check-change
    start_pr(repo)
    result, _, _ = _convert(repo, tmp_path, _event())  # the file the penilai's form would write ...
    assert result.code == 0
    commit_all(repo, "tim member's copy")
    result, doc = check_change(repo, "siti")  # ... but authored by the employee
    assert result.code == 1 and verdicts(doc) == {RECORD: "authz-calibration-enact"}


def test_enactment_is_not_repeated_and_needs_a_recommendation(repo, tmp_path):
    result, reply, _ = _convert(repo, tmp_path, _event())
    assert result.code == 0, reply
    commit_all(repo, "enacted")
    result, reply, _ = _convert(repo, tmp_path, _event())
    assert result.code == 1 and "sudah diberlakukan" in reply
    body = _event()["issue"]["body"].replace("disdik-0042", "disdik-0043")  # no recommendation for her
    result, reply, _ = _convert(repo, tmp_path, _event(body=body))
    assert result.code == 1 and "Tidak ada rekomendasi tim penilai kinerja untuk disdik-0043" in reply
