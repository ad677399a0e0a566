"""Target changes after approval, read from git history (publish/targethistory.py), in a real
git repository: a change of an approved plan's target shows on the page and in the open
data with its date; a change made while the plan was a draft does not."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

from sitekit import GIT_ENV, site_copy



def commit(repo, message, date):
    env = dict(os.environ, **{**GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
    for args in (["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changes_after_approval_show_and_changes_while_draft_do_not(tmp_path):
    repo = site_copy(tmp_path / "repo")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    commit(repo, "awal", "2026-01-20T09:00:00+07:00")
    approved = repo / "plans/2026/disdik-0042.yml"  # status: disetujui
    draft = repo / "plans/2026/kominfo-0040.yml"  # status: draf
    # 12 August 2026 (WIB): the approved plan's first target goes from 6 to 5 proyek; the draft's from 4 to 3 dasbor
    edit(approved, 'target: {nilai: 6, satuan: "proyek"}', 'target: {nilai: 5, satuan: "proyek"}')
    edit(draft, 'target: {nilai: 4, satuan: "dasbor"}', 'target: {nilai: 3, satuan: "dasbor"}')
    commit(repo, "ubah target PESAN-RAHASIA-7731", "2026-08-12T10:00:00+07:00")
    # later the draft is approved as it now stands: nothing changed after approval
    edit(draft, "status: draf", "status: disetujui")
    commit(repo, "setujui", "2026-08-20T10:00:00+07:00")
    out = tmp_path / "tree"
    proc = subprocess.run([sys.executable, "-m", "kinerja", "site", "--akar", str(repo), "--keluaran", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    page = (out / "unit/disdik/disdik-sdn-12-mb.realisasi.md").read_text(encoding="utf-8")
    assert "target diubah dari 6 proyek menjadi 5 proyek pada 12 Agustus 2026" in page
    with open(out / "data-terbuka/2026/perubahan_target.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["unit"], r["rhk"], r["iki"], r["target_lama"], r["target_baru"], r["tanggal"]) for r in rows] == [
        ("disdik-sdn-12-mb", "rhk-1", "iki-1", "6 proyek", "5 proyek", "2026-08-12")]
    kominfo = (out / "unit/diskominfo/diskominfo-bid-aptika.realisasi.md").read_text(encoding="utf-8")
    assert "target diubah" not in kominfo  # changed while a draft
    everything = "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in out.rglob("*") if p.is_file() and p.suffix in (".md", ".csv", ".json"))
    assert "PESAN-RAHASIA-7731" not in everything and "Uji" not in everything.split()  # never messages or authors
