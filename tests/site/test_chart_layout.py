"""The charts' fixed layout (charts._layout): margins computed from the labels' measured widths
instead of a "tight" crop that draws every chart twice. Each chart here is drawn with the SVG
backend's own renderer and every piece of text is located: it lies inside the picture, and no
two labels overlap (tick labels among themselves, with the title, with the legend)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.publish import charts

UNSUR = ("Persyaratan", "Sistem, mekanisme dan prosedur", "Waktu penyelesaian", "Biaya/tarif",
         "Produk spesifikasi jenis pelayanan", "Kompetensi pelaksana", "Perilaku pelaksana", "Sarana dan prasarana",
         "Penanganan pengaduan, saran dan masukan")
PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang")

# one spec per kind of chart the site draws (publish/homepage.py, unitpages.py, suara.py), with their real labels
SPECS = [
    charts.ChartSpec("a.svg", "tumpuk", "Nilai rata-rata per unsur, survei Semester II 2026", UNSUR,
                     (("NRR (1-4)", (3.12, 2.5, 3.9, 4.0, 1.0, 2.75, 3.33, 3.5, 2.0)),), "NRR"),
    charts.ChartSpec("b.svg", "tumpuk", "Pengaduan menurut kategori: Layanan 1 Bidang Pelayanan Pendaftaran Penduduk",
                     ("Waktu layanan", "Persyaratan", "Perilaku petugas", "Biaya/pungli", "Sarana", "Kualitas layanan"),
                     (("Pengaduan", (812.0, 3.0, 1.0, 0.0, 95.0, 40.0)),), "pengaduan"),
    charts.ChartSpec("c.svg", "tumpuk", "Evaluasi kinerja 2026 per periode (jumlah pegawai)",
                     ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"),
                     (("Final", (4000.0, 3000.0, 12.0, 0.0)), ("Draf", (600.0, 1500.0, 10.0, 0.0)), ("Belum", (400.0, 500.0, 4978.0, 5000.0))),
                     "pegawai", colours=tuple(charts.STATUS_COLOURS.values())),
    charts.ChartSpec("d.svg", "batang", "Sebaran predikat pegawai 2026 (persen)", PREDIKAT,
                     (("Triwulan I", (10.0, 70.0, 15.0, 5.0, 0.0)), ("Triwulan II", (12.5, 60.0, 20.0, 5.0, 2.5))), "%",
                     limits=(((None, 20.0), (None, 100.0), (None, 100.0), (None, 100.0), (None, 100.0)),
                             ((None, 20.0), (None, 100.0), (None, 100.0), (None, 100.0), (None, 100.0)))),
    charts.ChartSpec("e.svg", "batang", "Sebaran predikat 2026 (kelompok yang ditampilkan)", PREDIKAT,
                     (("Semua", (1.0, 2.0, 3.0, 4.0, 5.0)),), "pegawai"),
    charts.ChartSpec("f.svg", "tumpuk", "Capaian IKI 2026 per periode (jumlah IKI, evaluasi final)", ("Triwulan I",),
                     (("≥ 100%", (3.0,)), ("75–100%", (2.0,)), ("< 75%", (1.0,)), ("belum dapat dihitung", (7.0,))), "IKI",
                     colours=charts.CAPAIAN_COLOURS),
]


def _boxes(spec):
    """(name, extent in points, bottom-left origin) of every visible text and of the legend, and the figure size."""
    from matplotlib.backends.backend_svg import RendererSVG

    fig = charts._figure(spec)
    w, h = fig.get_size_inches() * 72
    renderer = RendererSVG(w, h, io.StringIO())
    fig.draw(renderer)
    (ax,) = fig.axes
    out = [("judul", ax.title.get_window_extent(renderer))]
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        lo, hi = sorted(axis.get_view_interval())
        for tick in axis.get_major_ticks():
            if tick.label1.get_visible() and tick.label1.get_text() and lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                out.append((f"{name}-tick {tick.label1.get_text()!r}", tick.label1.get_window_extent(renderer)))
        if axis.label.get_text():
            out.append((f"{name}-label", axis.label.get_window_extent(renderer)))
    out += [(f"angka {t.get_text()!r}", t.get_window_extent(renderer)) for t in ax.texts]
    legend = ax.get_legend()
    out.append(("legenda", legend.get_window_extent(renderer)))
    return out, w, h, ax.get_window_extent(renderer)


def _problems(spec) -> list[str]:
    boxes, w, h, plot = _boxes(spec)
    found = []
    for name, b in boxes:
        if b.x0 < 0 or b.y0 < 0 or b.x1 > w or b.y1 > h:
            found.append(f"{spec.title}: {name} {b.bounds} outside the {w:.0f} x {h:.0f} picture")
    for i, (n1, b1) in enumerate(boxes):
        for n2, b2 in boxes[i + 1:]:
            common = b1.intersection(b1, b2)
            if common is not None and common.width > 0.5 and common.height > 0.5:
                found.append(f"{spec.title}: {n1} overlaps {n2}")
    for name, b in boxes:
        if name.startswith("angka") and not (plot.x0 - 0.5 <= b.x0 and b.x1 <= plot.x1 + 0.5):
            found.append(f"{spec.title}: {name} leaves the plot area")
    return found


def test_every_kind_of_chart_fits_its_picture_without_overlapping_labels():
    problems = [p for spec in SPECS for p in _problems(spec)]
    assert not problems, "\n".join(problems)


def test_the_plot_area_keeps_its_size_whatever_the_labels():
    """The labels widen the picture, never squeeze the bars: the plot area is PLOT[kind]."""
    short = charts.ChartSpec("s.svg", "tumpuk", "T", ("A", "B"), (("N", (1.0, 2.0)),), "NRR")
    long = charts.ChartSpec("l.svg", "tumpuk", "T", ("A", UNSUR[-1]), (("N", (1.0, 2.0)),), "NRR")
    (*_, p1), (*_, p2) = _boxes(short), _boxes(long)
    assert round(p1.width, 1) == round(p2.width, 1) == charts.PLOT["tumpuk"][0]
    assert _boxes(long)[1] > _boxes(short)[1]  # the longer label made the picture wider


def test_a_chart_is_drawn_once_not_cropped():
    """render() saves the laid-out figure as it is: no bbox_inches="tight" (a second full draw)."""
    import inspect

    import re

    assert "tight" not in inspect.getsource(charts.render)
    svg = charts.render(SPECS[0]).decode()
    w, h = charts._figure(SPECS[0]).get_size_inches() * 72
    shown = re.search(r'<svg[^>]* width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    assert abs(float(shown[1]) - w) < 0.01 and abs(float(shown[2]) - h) < 0.01


LABEL = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ/,()-0123456789"),
                min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=20, deadline=None)
@given(cats=st.lists(LABEL, min_size=1, max_size=10, unique=True),
       values=st.lists(st.floats(0, 5000, allow_nan=False), min_size=10, max_size=10),
       series=st.lists(LABEL, min_size=1, max_size=3, unique=True),
       title=LABEL, unit=st.sampled_from(["", "NRR", "pengaduan", "pegawai", "%"]))
def test_any_stacked_chart_fits_without_overlapping_labels(cats, values, series, title, unit):
    spec = charts.ChartSpec("h.svg", "tumpuk", title, tuple(cats),
                            tuple((s, tuple(values[:len(cats)])) for s in series), unit)
    problems = _problems(spec)
    assert not problems, "\n".join(problems)
