"""Open-data files are kept between builds (publish/__init__._DownloadStore) under a digest of
what each is made from: a rebuild gives the same bytes, and a table whose rows changed is
written again while the others come from the store."""

from __future__ import annotations

import copy

import pytest

from kinerja import publish
from kinerja.publish import opendata


class DictStore:
    def __init__(self):
        self.data, self.hits = {}, []

    def get(self, key, suffix):
        value = self.data.get((key, suffix))
        if value is not None:
            self.hits.append((key, suffix))
        return value

    def put(self, key, suffix, data):
        self.data[(key, suffix)] = data


@pytest.fixture(scope="module")
def demo_projection(demo_repo, tmp_path_factory):
    seen = {}
    real = opendata.build

    def capture(proj, store=None):
        seen["proj"] = proj
        return real(proj, store)

    mp = pytest.MonkeyPatch()
    mp.setenv("KINERJA_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    mp.setattr(opendata, "build", capture)
    try:
        first = publish.generate(demo_repo, jobs=1)
        second = publish.generate(demo_repo, jobs=1)
    finally:
        mp.undo()
    return seen["proj"], first, second


def test_a_rebuild_gives_the_same_downloads(demo_projection):
    _proj, first, second = demo_projection
    names = [p for p in first.files if p.startswith("data-terbuka/") and p.endswith((".csv", ".xlsx", ".json"))]
    assert len(names) >= 2 * 2 * len(opendata.RESOURCES)  # csv and xlsx per table, two years
    assert all(first.files[p] == second.files[p] for p in names)


def test_changed_rows_are_written_again_and_the_rest_come_from_the_store(demo_projection, monkeypatch):
    proj = demo_projection[0]
    store = DictStore()
    fresh = opendata.build(proj, store)
    assert fresh == opendata.build(proj)  # the store changes nothing
    year = max(proj.years)
    real_rows = opendata.rows_for_year

    def changed(p, y):
        rows = copy.deepcopy(real_rows(p, y))
        if y == year:
            rows["realisasi"][0]["realisasi"] = "berubah di tes"
        return rows

    monkeypatch.setattr(opendata, "rows_for_year", changed)
    store.hits.clear()
    again = opendata.build(proj, store)
    path = f"{opendata.BASE}/{year}/realisasi.csv"
    assert again[path] != fresh[path] and "berubah di tes" in again[path].decode("utf-8-sig")
    assert again[f"{opendata.BASE}/{year}/data.json"] != fresh[f"{opendata.BASE}/{year}/data.json"]
    assert again[f"{opendata.BASE}/{year}/sasaran.csv"] == fresh[f"{opendata.BASE}/{year}/sasaran.csv"]
    # every other table of every year came from the store: 2 files per table, data.json for unchanged years
    expected = 2 * len(opendata.RESOURCES) * len(proj.years) - 2 + (len(proj.years) - 1)
    assert len(store.hits) == expected
