"""The building blocks every generated page uses: where pages live (src paths), links,
accessible tables, notes, figures, the page frame (front matter + raw HTML blocks), the demo
banner, and small cached views of the projection (final periods, a unit's subtree, RHK by key).

Reads only the public records; imports no page module (every page module imports this).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.model.calendar import PERIOD_LABEL
from kinerja.publish import charts as C
from kinerja.publish.gitinfo import epoch_date, indonesian_date
from kinerja.publish.html import Html, block, el, esc, front_matter, href, link_out
from kinerja.publish.public import Projection
from kinerja.score.numbers import indonesian


@dataclass
class SiteTree:
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs path -> content
    charts: list[C.ChartSpec] = field(default_factory=list)
    nav: list = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)


def period_label(p: str) -> str:
    return PERIOD_LABEL.get(p, p)


def unit_src(proj: Projection, unit_id: str) -> str:
    u = proj.units[unit_id]
    return f"unit/{u.id}/index.md" if u.is_pd else f"unit/{u.pd}/{u.id}.md"


def realisasi_src(proj: Projection, unit_id: str) -> str:
    """The page with a unit's plans and realisasi per jabatan (ids hold no dots: no clash)."""
    return f"unit/{proj.units[unit_id].pd}/{unit_id}.realisasi.md"


def person_src(person_id: str) -> str:
    return f"pegawai/{person_id}.md"


def unit_link(proj: Projection, here: str, unit_id: str, text=None) -> Html:
    if unit_id not in proj.units:
        return esc(unit_id)
    return el("a", text if text is not None else proj.units[unit_id].nama, href=href(here, unit_src(proj, unit_id)))


def person_link(proj: Projection, here: str, ref) -> Html:
    if ref is None or ref.id not in proj.persons:
        return esc("")
    return el("a", ref.label, href=href(here, person_src(ref.id)))


def table(headers: list, rows: list[list], *, caption=None, cls: str = "kt-tabel", search: bool = True, numeric_from: int | None = None) -> Html:
    """A table whose first column names the row (a row header) and whose cells carry their
    column's name (data-label: narrow screens show each row as a labelled list)."""
    head = el("thead", el("tr", [el("th", h, scope="col") for h in headers]))
    labels = [str(h) for h in headers]
    body_rows = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            label = labels[i] if i < len(labels) else None
            numeric = "kt-angka" if numeric_from is not None and i >= numeric_from else None
            if i == 0:
                cells.append(el("th", c, scope="row", class_=numeric, data_label=label))
            else:
                cells.append(el("td", c, class_=numeric, data_label=label))
        body_rows.append(el("tr", cells))
    return el(
        "div",
        el("table", el("caption", caption) if caption is not None else None, head, el("tbody", body_rows)),
        class_=f"kt-tabel-wadah {cls}",
        data_search_exclude=not search,
        **scroll_region(caption),
    )


def scroll_region(caption) -> dict:
    """A table's wrapper scrolls sideways on a wide table: keyboard users reach it (tabindex),
    screen readers hear what it holds (a named region)."""
    return {"tabindex": "0", "role": "region", "aria_label": str(caption) if caption else "Tabel"}


def note(text, kind: str = "info") -> Html:
    """The site's own explanatory text: repeated on many pages, so kept out of the search index."""
    return el("p", text, class_=f"kt-catatan kt-catatan-{kind}", data_search_exclude=True)


def percent(value: Fraction | None, places: int) -> str:
    return indonesian(value, places, "%")


def figure(here: str, spec: C.ChartSpec, table_html: Html) -> Html:
    """A chart as an image with its words, and the same numbers as a table. Loaded lazily: the
    charts sit below the page's first screen, and a first visit on a phone then fetches only
    what it shows (Lighthouse "offscreen images")."""
    return el(
        "figure",
        el("div", el("img", src=href(here, spec.path), alt=C.alt_text(spec)), class_="kt-grafik-gambar", tabindex="0", role="region",
           aria_label=spec.title),
        el("figcaption", spec.title + ". Angka yang sama ada pada tabel di bawahnya."),
        table_html,
        class_="kt-grafik",
    )


def page(title: str, parts: list, *, search_exclude: bool = False, hide: tuple[str, ...] = ()) -> str:
    out = [front_matter(title, search_exclude=search_exclude, hide=hide)]
    for p in parts:
        if p is None:
            continue
        if isinstance(p, Html):
            out.append(block(p))
        else:
            out.append(p)  # md_heading() or fixed Markdown text of the site's own
    return "".join(out)


def fiktif_banner(proj: Projection) -> Html | None:
    if not proj.regency.fiktif:
        return None
    return el("p", "Data di situs ini adalah DATA DEMO FIKTIF: orang, jabatan, tautan dan angka tidak nyata.",
              class_="kt-catatan kt-catatan-peringatan", data_search_exclude=True)


def updated_line(epoch: int | None) -> Html | None:
    if epoch is None:
        return None
    return el("p", f"Data halaman ini terakhir diperbarui {indonesian_date(epoch_date(epoch))}.", class_="kt-diperbarui")


def masukan(url: str, what: str) -> Html:
    return el(
        "p",
        el("a", "Sampaikan masukan", href=url, rel="nofollow noopener", target="_blank", class_="md-button md-button--primary"),
        " ",
        esc(f"tentang {what} melalui kanal pengaduan resmi."),
        class_="kt-masukan",
    )


PERIOD_SHORT = {f"triwulan_{i}": f"TW {r}" for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))}


def period_short(p: str) -> str:
    return PERIOD_SHORT.get(p, period_label(p))


def final_periods(proj: Projection, year: int) -> list[str]:
    """Periods of the year with at least one final evaluation among published plans (a period
    with drafts only would be a column of "draf")."""
    cache = proj.__dict__.setdefault("_final_periods", {})
    if year not in cache:
        seen = {p for pp in proj.plans.values() if pp.tahun == year for p in pp.periode_final}
        seen |= {p for pp in proj.person_plans.values() if pp.tahun == year for p in pp.periode_final}
        cache[year] = [p for p in proj.periods.get(year, []) if p in seen]
    return cache[year]


def evidence_link(b, period: str) -> Html:
    """An evidence link that says what it is: "Bukti TW III: <keterangan>" (the address is
    written out when the page is printed)."""
    text = f"Bukti {period}" + (f": {b.keterangan}" if b.keterangan else "")
    return link_out(b.url, text, new_tab=False)


def rhk_index(proj: Projection, year: int) -> dict:
    cache = proj.__dict__.setdefault("rhk_index", {})
    if year not in cache:
        cache[year] = {r.key: (pp, r) for pp in proj.plans.values() if pp.tahun == year for r in pp.rhk}
    return cache[year]


def subtree(proj: Projection, unit_id: str) -> list[str]:
    cache = proj.__dict__.setdefault("subtree", {})
    if unit_id in cache:
        return cache[unit_id]
    out, stack = [], [unit_id]
    while stack:
        u = stack.pop()
        if u in out or u not in proj.units:
            continue
        out.append(u)
        stack.extend(reversed(proj.units[u].children))
    cache[unit_id] = out
    return out
