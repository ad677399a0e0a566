"""The shared-build helper the site tests rely on: one build per run, whichever worker asks first."""

from __future__ import annotations

import threading
import time

from sitekit import shared


class _Factory:
    """Stands in for pytest's tmp_path_factory (only getbasetemp is used)."""

    def __init__(self, base):
        self.base = base

    def getbasetemp(self):
        return self.base


def test_concurrent_callers_share_one_folder_made_once(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    made, got = [], []

    def make(folder):
        made.append(folder)
        time.sleep(0.2)  # the second caller arrives while the first is still making it
        (folder / "site.txt").write_text("dibangun", encoding="utf-8")

    threads = [threading.Thread(target=lambda: got.append(shared(_Factory(tmp_path), "x", "k1", make))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(made) == 1
    assert len(set(got)) == 1 and (got[0] / "site.txt").read_text(encoding="utf-8") == "dibangun"


def test_a_half_made_folder_is_made_again_and_workers_use_the_common_parent(tmp_path, monkeypatch):
    worker = tmp_path / "popen-gw1"
    worker.mkdir()
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    half = tmp_path / "shared-x-k2"
    half.mkdir()
    (half / "sisa.txt").write_text("setengah jadi", encoding="utf-8")  # a worker failed here: no .made
    folder = shared(_Factory(worker), "x", "k2", lambda f: (f / "site.txt").write_text("baru", encoding="utf-8"))
    assert folder == half
    assert sorted(p.name for p in folder.iterdir()) == [".made", "site.txt"]
