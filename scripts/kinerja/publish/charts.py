"""Static SVG charts, drawn at build time with matplotlib (no JavaScript in the browser).

Deterministic bytes: the Agg backend, a fixed `svg.hashsalt`, no date in the metadata, and
every piece of text set in the DejaVu Sans file shipped inside matplotlib (never a system
font, which could differ between machines); glyphs are written as paths, so the SVG shows
the same everywhere. Mathtext is off, so a `$` in a label is just a dollar sign.

Charts carry no user text from the organisation data: categories are predikat labels from
the rule files and period names; unit names appear in the page around the chart, escaped.
Pages embed a chart with <img alt> (an SVG loaded as an image can run no script and load
nothing) next to a table with the same numbers; `alt_text` is the text alternative.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

# Every colour is at least 3:1 against the white chart background (WCAG 1.4.11, checked in
# tests/site/test_units.py); numbers on bars are black or white, whichever contrasts more.
PALETTE = ("#b2182b", "#e66101", "#5e3c99", "#2166ac", "#1b7837", "#767676", "#3a87c4")
STATUS_COLOURS = {"final": "#2166ac", "draf": "#b35806", "belum": "#767676"}
CAPAIAN_COLOURS = ("#2166ac", "#4393c3", "#e66101", "#767676")  # >= 100%, 75-100%, < 75%, not computable


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_colour(bar: str) -> str:
    """Black or white, whichever contrasts more with the bar."""
    lum = _luminance(bar)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


@dataclass(frozen=True)
class ChartSpec:
    path: str  # where the SVG goes in the site, e.g. grafik/2026/sebaran-disdik.svg
    kind: str  # "batang" (grouped bars) or "tumpuk" (stacked horizontal bars)
    title: str  # the site's own words
    categories: tuple[str, ...]  # x (batang) or y (tumpuk) categories
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (label, one value per category)
    unit: str = ""  # "%", "pegawai", "IKI"
    colours: tuple[str, ...] = ()
    # batang only: per series, per category, (min, max) limits drawn as markers
    limits: tuple[tuple[tuple[float | None, float | None], ...], ...] = field(default=())


def alt_text(spec: ChartSpec) -> str:
    """What the chart shows, summarised (its numbers are in the table beside it): for each
    category the largest series, and the largest value overall."""
    unit = f" {spec.unit}" if spec.unit else ""
    cells = [(v, label, c) for label, values in spec.series for c, v in zip(spec.categories, values) if v is not None]
    if not cells:
        return f"Grafik {spec.title}. Belum ada angka; tabel di bawahnya menjelaskan."
    leads = []
    for i, c in enumerate(spec.categories):
        column = [(values[i], label) for label, values in spec.series if i < len(values) and values[i] is not None]
        if column and len(spec.series) > 1:
            v, label = max(column, key=lambda x: x[0])
            leads.append(f"{c}: terbanyak {label} ({_num(v)}{unit})")
    top = max(cells, key=lambda x: x[0])
    summary = "; ".join(leads) if leads else f"Tertinggi {top[2]} ({_num(top[0])}{unit})"
    return f"Grafik {spec.title}. {summary}. Angka lengkap ada pada tabel di bawahnya."


def _num(v) -> str:
    if v is None:
        return "–"
    if float(v).is_integer():
        return str(int(v))
    return f"{v:.1f}".replace(".", ",")


_ready = False
_font = None


def _setup():
    global _ready, _font
    if _ready:
        return
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    _font = font_manager.FontProperties(fname=str(path), size=9)
    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "kinerja-terbuka",
            "svg.fonttype": "path",
            "text.parse_math": False,
            "text.usetex": False,
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "figure.dpi": 72,
            "savefig.dpi": 72,
            "path.simplify": True,
        }
    )
    _ready = True


# The smallest text of a chart, in points: 8.5 pt = 11.3 CSS px at the chart's own size, which
# is how phones show it (site/assets/kinerja.css lets a chart scroll rather than shrink).
SMALL = 8.5


def _wrap(label: str) -> str:
    """A long category label on two lines (side by side they overlap: "Sangat KurangKurang/…")."""
    if len(label) <= 8:
        return label
    for sep in (" ", "/"):
        if sep in label:
            head, tail = label.split(sep, 1)
            return head + (sep if sep == "/" else "") + "\n" + tail
    return label


def _fp(size=9):
    f = _font.copy()
    f.set_size(size)
    return f


# The fixed layout, in points (1/72 in; the SVG's own unit). The plot area has a fixed size per
# kind (the size it had when the charts were cropped with bbox_inches="tight"); the margins
# around it are computed from the measured width of the labels that go there, so nothing is
# cut off and nothing is drawn twice (a "tight" crop draws the whole figure once more to
# measure it, half of a chart's cost). tests/site/test_chart_layout.py draws charts and checks
# that every text lies inside the picture and that no two labels overlap.
PAD = 10.8  # blank border, as pad_inches=0.15 gave
TICK = 3.5 + 3.5  # tick length + pad (matplotlib's defaults)
LINE = 1.2  # matplotlib's line spacing
PLOT = {"tumpuk": (334.8, 55.4, 24.9), "batang": (357.1, 177.4, 0.0)}  # width, height + per category


def _width(text: str, size: float) -> float:
    """The drawn width of a (possibly multi-line) text in points: the same font and metrics as
    the SVG backend (glyphs as paths)."""
    from matplotlib.textpath import text_to_path

    return max((text_to_path.get_text_width_height_descent(line, _fp(size), ismath=False)[0] for line in text.split("\n")), default=0.0)


def _height(text: str, size: float) -> float:
    return (text.count("\n") + 1) * size * LINE


def _tick_texts(axis, lo: float, hi: float) -> list[str]:
    locs = [v for v in axis.get_major_locator()() if lo - 1e-9 <= v <= hi + 1e-9]
    return list(axis.get_major_formatter().format_ticks(locs))


def _legend_width(labels: list[str]) -> float:
    em = SMALL
    # anchor offset (1.01 of the plot width) + borderaxespad + 2 x borderpad + handle + handletextpad + text
    return (0.5 + 0.8 + 2.0 + 0.8) * em + max((_width(t, SMALL) for t in labels), default=0.0)


def _legend_height(n: int) -> float:
    return n * SMALL * LINE + max(0, n - 1) * 0.5 * SMALL + 2 * (0.4 + 0.5) * SMALL


def _layout(fig, ax, spec: ChartSpec, legend_labels: list[str]) -> None:
    """Size the figure so that the plot area keeps its size and the labels fit around it."""
    n_cat = max(1, len(spec.categories))
    plot_w, base_h, per_cat = PLOT[spec.kind]
    plot_h = base_h + per_cat * n_cat
    unit_h = _height(spec.unit, 9) + 4.0 if spec.unit else 0.0  # axis label + labelpad
    legend = PLOT[spec.kind][0] * 0.01 + _legend_width(legend_labels)
    if spec.kind == "tumpuk":
        ticks = _tick_texts(ax.xaxis, *ax.get_xlim())
        left = PAD + TICK + max((_width(c, SMALL) for c in spec.categories), default=0.0)
        bottom = PAD + TICK + SMALL * LINE + unit_h
        right = PAD + max(legend, _width(ticks[-1], SMALL) / 2 if ticks else 0.0)
    else:
        ticks = _tick_texts(ax.yaxis, *ax.get_ylim())
        left = PAD + unit_h + TICK + max((_width(t, SMALL) for t in ticks), default=0.0)
        labels = [_wrap(c) for c in spec.categories]
        bottom = PAD + TICK + max((_height(c, SMALL) for c in labels), default=SMALL * LINE)
        right = PAD + legend
        x0, x1 = ax.get_xlim()  # the first and last category's label may reach past the plot area
        for i in (0, len(labels) - 1):
            if labels:
                half = _width(labels[i], SMALL) / 2
                at = (i - x0) / (x1 - x0) * plot_w
                left = max(left, PAD + half - at)
                right = max(right, PAD + half - (plot_w - at))
    top = PAD + 10 * LINE + 6.0  # title + titlepad
    width = max(left + plot_w + right, left + _width(spec.title, 10) + PAD)
    height = max(bottom + plot_h + top, _legend_height(len(legend_labels)) + 2 * PAD)
    fig.set_size_inches(width / 72, height / 72)
    ax.set_position([left / width, bottom / height, plot_w / width, plot_h / height])


def _figure(spec: ChartSpec):
    """The chart as a matplotlib Figure with its final layout (render() saves it as SVG)."""
    _setup()
    from matplotlib.figure import Figure

    n_cat = max(1, len(spec.categories))
    fig = Figure(facecolor="white")
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor("white")
    colours = spec.colours or PALETTE
    legend_labels = [label for label, _v in spec.series]
    if spec.kind == "tumpuk":
        left = [0.0] * n_cat
        ys = list(range(n_cat))[::-1]
        totals = [sum(float(values[c] or 0) for _l, values in spec.series if c < len(values)) for c in range(n_cat)]
        xmax = max(totals + [1]) * 1.02
        for i, (label, values) in enumerate(spec.series):
            vals = [float(v or 0) for v in values]
            ax.barh(ys, vals, left=left, color=colours[i % len(colours)], edgecolor="white", label=label, height=0.6)
            for y, v, base in zip(ys, vals, left):
                # a number only where it fits on its segment (the table beside has them all)
                if v and _width(_num(v), SMALL) + 2 <= v / xmax * PLOT["tumpuk"][0]:
                    ax.text(base + v / 2, y, _num(v), ha="center", va="center", fontproperties=_fp(SMALL), color=text_colour(colours[i % len(colours)]))
            left = [a + b for a, b in zip(left, vals)]
        ax.set_yticks(ys, labels=list(spec.categories))
        ax.set_xlabel(spec.unit, fontproperties=_fp())
        ax.set_xlim(0, xmax)
    else:
        k = max(1, len(spec.series))
        width = 0.8 / k
        top = 1.0
        for i, (label, values) in enumerate(spec.series):
            xs = [c - 0.4 + width * (i + 0.5) for c in range(n_cat)]
            vals = [float(v or 0) for v in values]
            top = max([top] + vals)
            ax.bar(xs, vals, width=width * 0.92, color=colours[i % len(colours)], label=label)
            if spec.limits and i < len(spec.limits):
                for x, (lo, hi) in zip(xs, spec.limits[i]):
                    if hi is not None:
                        ax.plot([x - width / 2, x + width / 2], [hi, hi], color="#b2182b", linewidth=2)
                        top = max(top, hi)
                    if lo is not None:
                        ax.plot([x - width / 2, x + width / 2], [lo, lo], color="#1b7837", linewidth=2, linestyle="--")
                        top = max(top, lo)
        ax.set_xticks(list(range(n_cat)), labels=[_wrap(c) for c in spec.categories])
        ax.set_ylabel(spec.unit, fontproperties=_fp())
        ax.set_ylim(0, top * 1.12)
        if spec.limits:
            from matplotlib.lines import Line2D

            handles, labels = ax.get_legend_handles_labels()
            handles += [Line2D([], [], color="#b2182b", linewidth=2), Line2D([], [], color="#1b7837", linewidth=2, linestyle="--")]
            labels += ["batas atas kurva", "batas bawah kurva"]
            legend_labels = labels
            ax.legend(handles, labels, prop=_fp(SMALL), frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))
    if spec.kind == "tumpuk" or not spec.limits:
        ax.legend(prop=_fp(SMALL), frameon=False, loc="center left", bbox_to_anchor=(1.01, 0.5))
    for lbl in ax.get_xticklabels() + ax.get_yticklabels():
        lbl.set_fontproperties(_fp(SMALL))
    ax.set_title(spec.title, fontproperties=_fp(10), loc="left")
    _layout(fig, ax, spec, legend_labels)
    return fig


def render(spec: ChartSpec) -> bytes:
    fig = _figure(spec)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "Kinerja Terbuka", "Title": spec.title})
    return buf.getvalue().encode("utf-8")


def _render_one(spec: ChartSpec) -> tuple[str, bytes]:
    return spec.path, render(spec)


_CODE: list = []  # digest of what a chart's bytes depend on besides its spec, once per process


def _code_digest() -> bytes:
    """This file's source and the versions of matplotlib and numpy (their output is the SVG)."""
    if not _CODE:
        from importlib import metadata

        h = hashlib.sha256(Path(__file__).read_bytes())
        for dist in ("matplotlib", "numpy"):
            try:
                h.update(f"\0{dist}={metadata.version(dist)}".encode())
            except metadata.PackageNotFoundError:
                h.update(f"\0{dist}=?".encode())
        _CODE.append(h.digest())
    return _CODE[0]


def cache_key(spec: ChartSpec) -> str:
    """Content address of a chart: its spec (every number, label and colour), the code, the versions."""
    return hashlib.sha256(_code_digest() + repr(spec).encode("utf-8", "surrogateescape")).hexdigest()


def _cache_folder() -> Path | None:
    from kinerja.cache import cache_dir

    return cache_dir() / "charts"


def _cached(folder: Path | None, key: str) -> bytes | None:
    """A stored chart, only when its signature checks (a file anyone else wrote is a miss)."""
    from kinerja.cache import unseal_bytes

    if folder is None:
        return None
    path = folder / f"{key[:2]}" / f"{key}.svg"
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    svg = unseal_bytes(f"chart:{key}", blob)
    if svg is not None:
        try:  # marks it used by this build: CI keeps only the charts newer than the build's start (terbitkan.yml)
            os.utime(path)
        except OSError:
            pass
    return svg


def _store(folder: Path | None, key: str, svg: bytes) -> None:
    from kinerja.cache import seal_bytes

    sealed = seal_bytes(f"chart:{key}", svg)
    if folder is None or sealed is None:
        return
    path = folder / f"{key[:2]}" / f"{key}.svg"
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(sealed)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def render_all(specs: list[ChartSpec], jobs: int | None = None, cache: bool = True) -> dict[str, bytes]:
    """Every chart's SVG by its site path.

    A chart already drawn with the same spec, code and matplotlib is read from the private
    cache (KINERJA_CACHE_DIR/charts, content-addressed, each file signed like the validation
    cache: an entry whose signature does not check is drawn again), so a build after a data
    change draws only the charts whose numbers changed. The rest are drawn in parallel worker
    processes when there are many (same bytes either way)."""
    folder = _cache_folder() if cache else None
    out: dict[str, bytes] = {}
    keys: dict[str, str] = {}
    todo = []
    for spec in specs:
        if cache:
            keys[spec.path] = key = cache_key(spec)
            hit = _cached(folder, key)
            if hit is not None:
                out[spec.path] = hit
                continue
        todo.append(spec)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs > 1 and len(todo) >= 24:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(min(jobs, 4), mp_context=multiprocessing.get_context("fork")) as pool:
            fresh = dict(pool.map(_render_one, todo, chunksize=4))
    else:
        fresh = dict(_render_one(s) for s in todo)
    for path, svg in fresh.items():
        if cache:
            _store(folder, keys[path], svg)
    out.update(fresh)
    return {spec.path: out[spec.path] for spec in specs}
