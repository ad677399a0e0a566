"""The signed, content-addressed chart cache (charts.render_all): a second build reads what the
first drew, a changed spec is drawn again, and a cache file not signed by our key is never used."""

from __future__ import annotations

import pytest

from kinerja import cache
from kinerja.publish import charts


def _spec(path="grafik/a.svg", values=(3.0, 2.5)):
    return charts.ChartSpec(path=path, kind="tumpuk", title="Nilai rata-rata per unsur",
                            categories=("Persyaratan", "Biaya/tarif"), series=(("NRR (1-4)", values),), unit="NRR")


@pytest.fixture
def counted(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_KEY", [b"k" * 32])
    drawn = []
    real = charts.render

    def render(spec):
        drawn.append(spec.path)
        return real(spec)

    monkeypatch.setattr(charts, "render", render)
    return drawn


def _files(tmp_path):
    return sorted((tmp_path / "cache" / "charts").rglob("*.svg"))


def test_a_second_render_reads_the_cache_and_gives_the_same_bytes(counted, tmp_path):
    specs = [_spec("grafik/a.svg"), _spec("grafik/b.svg", (1.0, 4.0))]
    first = charts.render_all(specs, jobs=1)
    assert counted == ["grafik/a.svg", "grafik/b.svg"]
    second = charts.render_all(specs, jobs=1)
    assert counted == ["grafik/a.svg", "grafik/b.svg"]  # nothing drawn again
    assert second == first
    assert first["grafik/a.svg"] == charts.render(_spec("grafik/a.svg"))  # the cached bytes are the drawn bytes
    assert list(first) == ["grafik/a.svg", "grafik/b.svg"]


def test_only_the_chart_whose_spec_changed_is_drawn_again(counted):
    charts.render_all([_spec("grafik/a.svg"), _spec("grafik/b.svg", (1.0, 4.0))], jobs=1)
    counted.clear()
    out = charts.render_all([_spec("grafik/a.svg"), _spec("grafik/b.svg", (1.0, 3.5))], jobs=1)
    assert counted == ["grafik/b.svg"]
    assert out["grafik/b.svg"] != charts.render(_spec("grafik/b.svg", (1.0, 4.0)))


def test_a_tampered_or_unsigned_cache_file_is_not_used(counted, tmp_path):
    spec = _spec()
    good = charts.render_all([spec], jobs=1)[spec.path]
    (entry,) = _files(tmp_path)
    blob = entry.read_bytes()
    forged = blob[:cache.MAC_SIZE] + blob[cache.MAC_SIZE:].replace(b"</svg>", b"<script>alert(1)</script></svg>")
    entry.write_bytes(forged)
    counted.clear()
    assert charts.render_all([spec], jobs=1)[spec.path] == good
    assert counted == [spec.path]
    entry.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'>forged</svg>" * 2)  # plain SVG, no signature
    counted.clear()
    assert charts.render_all([spec], jobs=1)[spec.path] == good
    assert counted == [spec.path]


def test_an_entry_signed_with_another_key_is_not_used(counted, monkeypatch):
    spec = _spec()
    monkeypatch.setattr(cache, "_KEY", [b"x" * 32])  # e.g. a cache folder restored from elsewhere
    charts.render_all([spec], jobs=1)
    monkeypatch.setattr(cache, "_KEY", [b"k" * 32])
    counted.clear()
    charts.render_all([spec], jobs=1)
    assert counted == [spec.path]
