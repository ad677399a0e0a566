"""The projection as a tree of Markdown pages {path: text}, plus the chart specs they show
and the site navigation.

Independent of MkDocs: a plain function of the projection. User text appears ONLY inside
raw HTML blocks built by kinerja.publish.html (escaped, single-line blocks); Markdown
syntax is used only for the site's own fixed headings and words. Page titles go into the
front matter through html.safe_title. Links between pages are relative directory URLs
(unit/disdik/), computed here because Markdown never sees them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from kinerja.model.calendar import PERIOD_LABEL
from kinerja.publish import charts as C
from kinerja.publish.gitinfo import epoch_date, indonesian_date
from kinerja.publish import accountability as A
from kinerja.publish.html import Html, block, el, esc, front_matter, href, join, link_out, md_heading, safe_title
from kinerja.publish.projection import KURVA_STATUS, PublicPlan, Projection
from kinerja.score.numbers import indonesian, rounded

CASCADE_FULL_LIMIT = 150  # RHK nodes: above this a unit page's cascade shows heads' RHK only
GENERATED_DIRS = ("unit/", "pegawai/", "data-terbuka/", "grafik/")
GENERATED_FILES = ("index.md", "metodologi.md", "privasi.md")


@dataclass
class SiteTree:
    files: dict[str, str | bytes] = field(default_factory=dict)  # docs path -> content
    charts: list[C.ChartSpec] = field(default_factory=list)
    nav: list = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)


# --- small pieces ------------------------------------------------------------------------------------


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
    """A chart as an image with its words, and the same numbers as a table."""
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


# --- plans: realisasi tables and the cascade -----------------------------------------------------------


PERIOD_SHORT = {f"triwulan_{i}": f"TW {r}" for i, r in zip(range(1, 5), ("I", "II", "III", "IV"))}


def period_short(p: str) -> str:
    return PERIOD_SHORT.get(p, period_label(p))


def _bar_class(persen: Fraction | None) -> str:
    """A CSS class drawing the capaian as a bar under the cell (5% steps; no extra markup)."""
    if persen is None:
        return ""
    value = float(persen)
    step = 0 if value <= 0 else 20 if value >= 100 else int(value // 5)
    return f' class="kt-p{step}"'


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


def plans_table(proj: Projection, here: str, codes: list[str], plans: dict, *, with_holder: bool, search_text: bool,
                show_realisasi: bool, caption=None, exclude_all: bool = False, evidence_column: bool = True) -> Html | None:
    """One table for many plans: a heading row per jabatan, a row per RHK, a row per IKI
    with target and realisasi per period.

    This is the hot path of a big regency (30,000 IKI rows for 5,000 people, and every tag
    costs build time three times: Markdown, MkDocs, search), so rows are written as strings
    here instead of through el(); every value from the data still goes through esc() and
    every URL through link_out() (checked by projection.safe_url). Numbers rows are kept
    out of the search index; RHK rows are indexed when the policy says so."""
    if not codes:
        return None
    year = plans[codes[0]].tahun
    periods = final_periods(proj, year) if show_realisasi else []
    places = proj.capaian_places.get(year, 1)
    any_evidence = evidence_column and show_realisasi and any(r.bukti for k in codes for r in plans[k].rhk)
    # search_text: the page is indexed and its RHK rows should be found, numbers not. Otherwise
    # the whole table is kept out of the index (or the page is, which needs no marks at all).
    row_exclude = " data-search-exclude" if search_text else ""
    n_cols = 2 + len(periods) + (1 if any_evidence else 0)
    headers = ["IKI", "Target"] + [period_short(p) for p in periods] + (["Bukti"] if any_evidence else [])
    labels = [f' data-label="{esc(h)}"' for h in headers]
    rules = proj.status_rules.get(year)

    def status_span(real) -> str:
        if rules is None:
            return ""
        return f' <span class="kt-status kt-status-{real.status}">{esc(rules.simbol[real.status])} {esc(rules.label[real.status])}</span>'
    out = ["<table>", f"<caption>{esc(caption or 'Target dan realisasi indikator kinerja individu (IKI)')}</caption>"]
    out.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers) + "</tr></thead>")
    for k in codes:
        pp = plans[k]
        out.append("<tbody>")  # one header group (a jabatan) per table body
        changed = proj.target_changes.get(k, {})
        if with_holder:
            holder = f"<b>{esc(pp.pemegang)}</b>"
            if pp.status == "draf":
                holder += " (rencana draf)"
            if pp.kepala_unit:
                holder += " · kepala unit"
            if pp.pegawai is not None and pp.pegawai.id in proj.persons:
                holder += " · " + person_link(proj, here, pp.pegawai)
            out.append(f'<tr class="kt-jabatan-baris"><th colspan="{n_cols}" scope="rowgroup">{holder}</th></tr>')
        for r in pp.rhk:
            extra = "" if r.jenis == "utama" else f" ({esc(r.jenis)})"
            if r.berlaku:
                extra += f" ({esc(r.berlaku)})"
            out.append(f'<tr class="kt-rhk-baris"><td colspan="{n_cols}">{esc(r.uraian)}{extra}</td></tr>')
            ikis = r.indikator
            for j, iki in enumerate(ikis):
                label = (f"{esc(iki.aspek)}: " if iki.aspek else "") + esc(iki.uraian)
                if iki.lebih_kecil_lebih_baik:
                    label += " (lebih kecil lebih baik)"
                if iki.berlaku:
                    label += f" ({esc(iki.berlaku)})"
                for ch in changed.get((r.id, iki.id), ()):
                    label += (f'<br><span class="kt-perubahan-target">target diubah dari {esc(ch.lama)} menjadi {esc(ch.baru)} '
                              f"pada {esc(indonesian_date(epoch_date(ch.epoch)))}</span>")
                row = [f'<tr{row_exclude}><th scope="row"{labels[0]}>{label}</th><td{labels[1]}>{esc(iki.target_teks)}</td>']
                for i, p in enumerate(periods, start=2):
                    real = iki.realisasi.get(p)
                    if real is None:
                        row.append(f'<td class="kt-kosong"{labels[i]}>' + ("draf" if p in pp.periode_draf else "–") + "</td>")
                    elif real.persen is not None:
                        row.append(f"<td{_bar_class(real.persen)}{labels[i]}>{esc(real.teks)} · {percent(real.persen, places)}{status_span(real)}</td>")
                    else:
                        row.append(f"<td{labels[i]}>{esc(real.teks)}{status_span(real)}</td>")
                if any_evidence and j == 0:
                    links = []
                    for p in periods:
                        for n, b in enumerate(r.bukti.get(p, []), start=1):
                            links.append(evidence_link(b, period_short(p) + (f".{n}" if len(r.bukti[p]) > 1 else "")))
                    span = f' rowspan="{len(ikis)}"' if len(ikis) > 1 else ""
                    row.append(f"<td{span}{labels[-1]}>{' '.join(links)}</td>")
                row.append("</tr>")
                out.append("".join(row))
        out.append("</tbody>")
    out.append("</table>")
    return el("div", Html("".join(out)), class_="kt-tabel-wadah kt-rencana-tabel", data_search_exclude=exclude_all,
              **scroll_region(caption or "Target dan realisasi IKI"))


def plan_details(proj: Projection, here: str, pp: PublicPlan) -> Html:
    """Person pages only: the narrative realisasi and the public evidence (with its
    description) per RHK, behaviour expectations and attachments of one plan."""
    parts = []
    periods = final_periods(proj, pp.tahun) or proj.periods.get(pp.tahun, [])
    items = []
    for r in pp.rhk:
        bits = []
        for p in periods:
            text = r.uraian_realisasi.get(p)
            links = r.bukti.get(p, [])
            if not text and not links:
                continue
            bit = [el("b", period_short(p) + ":"), esc(" " + (text or ""))]
            for b in links:
                bit += [esc(" — bukti: "), link_out(b.url, b.keterangan or b.url)]
            bits.append(join(*bit, esc(" ")))
        if bits:
            items.append(el("li", esc(r.uraian), el("br"), join(*bits)))
    if items:
        parts.append(el("p", "Uraian realisasi dan bukti dukung publik per RHK:"))
        parts.append(el("ul", items, class_="kt-rincian"))
    if pp.perilaku:
        parts.append(el("p", "Ekspektasi khusus pimpinan atas perilaku kerja (BerAKHLAK):"))
        parts.append(el("ul", [el("li", el("b", k + ": "), esc(v)) for k, v in pp.perilaku.items()]))
    if pp.lampiran:
        parts.append(el("p", "Lampiran SKP:"))
        parts.append(el("ul", [el("li", el("b", k + ": "), esc("; ".join(v))) for k, v in pp.lampiran.items()]))
    # <section>: no nested section inside, so Material's search parser keeps it all out
    return el("section", parts, class_="kt-rincian-rencana", data_search_exclude=True) if parts else Html("")


def plan_header(proj: Projection, here: str, pp: PublicPlan) -> Html:
    badges = [el("span", "rencana masih draf" if pp.status == "draf" else "rencana disetujui",
                  class_="kt-lencana kt-draf" if pp.status == "draf" else "kt-lencana kt-disetujui")]
    if pp.kepala_unit:
        badges.append(el("span", "kepala unit", class_="kt-lencana"))
    info = esc(f"{pp.jabatan}, {proj.units[pp.unit].nama if pp.unit in proj.units else pp.unit}; periode rencana "
               f"{indonesian_date(pp.mulai.isoformat())} s.d. {indonesian_date(pp.selesai.isoformat())}; pendekatan {pp.pendekatan}.")
    return el("div", el("p", join(*badges), class_="kt-lencana-baris"), el("p", info, class_="kt-kecil"))


def cascade(proj: Projection, here: str, unit_id: str, year: int) -> Html | None:
    """Sasaran -> RHK of the head -> ... -> staff RHK, by jabatan, for the unit's subtree.

    Drawn as nested lists (CSS only). Parents outside the subtree are shown as context."""
    subtree = _subtree(proj, unit_id)
    codes = [k for u in subtree for k in proj.plans_by_unit.get((u, year), [])]
    if not codes:
        return None
    nodes = {r.key: (proj.plans[k], r) for k in codes for r in proj.plans[k].rhk}
    full = len(nodes) <= CASCADE_FULL_LIMIT
    children: dict[str | None, list[str]] = {}
    for key, (pp, r) in nodes.items():
        parent = r.parent if r.parent in nodes else (r.parent if r.parent and not r.parent_missing else None)
        children.setdefault(parent, []).append(key)
    all_rhk = _rhk_index(proj, year)
    visited: set[str] = set()

    def node(key: str) -> Html:
        visited.add(key)
        pp, r = nodes[key]
        kids = [k for k in children.get(key, []) if k not in visited]
        shown_kids = [k for k in kids if full or nodes[k][0].kepala_unit]
        where = f" · {proj.units[pp.unit].nama}" if pp.unit != unit_id and pp.unit in proj.units else ""
        # <b> is shown as its own line by the stylesheet: one tag less per node than a <br>
        label = [el("b", pp.pemegang + where + (" (draf)" if pp.status == "draf" else "")), esc(r.uraian)]
        sub = [node(k) for k in shown_kids]
        hidden: dict[str, int] = {}
        for k in kids:
            if k not in shown_kids:
                hidden[nodes[k][0].unit] = hidden.get(nodes[k][0].unit, 0) + 1
        for u, n in hidden.items():
            sub.append(el("li", join(esc(f"{n} RHK staf lainnya: "), unit_link(proj, here, u)), class_="kt-ringkas"))
        return el("li", label, el("ul", sub) if sub else None)

    groups = []
    roots = sorted((k for k in children if k is not None and k not in nodes), key=lambda k: (not k.startswith("sasaran:"), k))
    for parent in roots:
        if parent.startswith("sasaran:"):
            _, gu, gid = parent.split(":", 2)
            goal = next((g for g in proj.goals.get((gu, year), []) if g.id == gid), None)
            title = [el("b", "Sasaran"), esc(goal.uraian if goal else gid)]
        else:
            ctx = all_rhk.get(parent)
            if ctx is None:
                title = [el("b", "RHK atasan"), esc("(tidak diterbitkan)")]
            else:
                where = proj.units[ctx[0].unit].nama if ctx[0].unit in proj.units else ""
                title = [el("b", f"RHK atasan: {ctx[0].pemegang} · {where}"), esc(ctx[1].uraian)]
        groups.append(el("li", title, el("ul", [node(k) for k in children[parent]]), class_="kt-akar"))
    if None in children:
        groups.append(el("li", el("b", "Belum tertaut ke sasaran atau RHK atasan yang diterbitkan"),
                         el("ul", [node(k) for k in children[None]]), class_="kt-akar"))
    parts = [el("ul", groups, class_="kt-kaskade")]
    if not full:
        parts.insert(0, note(f"Kaskade ini memuat {len(nodes)} RHK; yang ditampilkan di sini sampai tingkat kepala unit. "
                             "RHK staf ada di halaman unit masing-masing."))
    # <section>, not <div>: Material's search parser matches an excluded element's end by tag
    # name, so a nested </div> would end the exclusion early.
    return el("section", parts, class_="kt-kaskade-wadah", data_search_exclude=True)


def _rhk_index(proj: Projection, year: int) -> dict:
    cache = proj.__dict__.setdefault("_rhk_index", {})
    if year not in cache:
        cache[year] = {r.key: (pp, r) for pp in proj.plans.values() if pp.tahun == year for r in pp.rhk}
    return cache[year]


def _subtree(proj: Projection, unit_id: str) -> list[str]:
    cache = proj.__dict__.setdefault("_subtree", {})
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


# --- distributions ---------------------------------------------------------------------------------------


def group_section(proj: Projection, here: str, unit_id: str, year: int, tree: SiteTree) -> list:
    periods = [p for p in proj.periods.get(year, []) if (unit_id, year, p) in proj.groups]
    if not periods:
        return []
    labels = proj.predikat_labels.get(year, [])
    rows = []
    shown = []
    for p in periods:
        g = proj.groups[(unit_id, year, p)]
        base = [period_label(p), g.predikat_organisasi_label or "belum ditetapkan", str(g.pegawai), str(g.final), str(g.draf), str(g.belum_ada)]
        if g.ditampilkan:
            shown.append(p)
            base += [str(g.sebaran.get(pid, 0)) for pid, _ in labels] + [KURVA_STATUS.get(g.kurva_status, "–")]
        else:
            base += ["–" for _ in labels] + ["disembunyikan"]
        rows.append(base)
    headers = ["Periode", "Predikat organisasi", "Pegawai", "Evaluasi final", "Draf", "Belum ada"] + [lbl for _, lbl in labels] + ["Pola kurva"]
    out: list = [md_heading(3, f"Sebaran predikat pegawai {year}")]
    intro = (f"Kelompok penilaian ini mencakup unit ini dan sub-unitnya yang tidak punya predikat organisasi sendiri. "
             f"Sebaran hanya ditampilkan bila sedikitnya {proj.policy.unit.kelompok_minimum} pegawai dinilai final; "
             "selain itu disembunyikan agar predikat perorangan tidak dapat ditebak.")
    out.append(el("div", note(intro), table(headers, rows, caption=f"Sebaran predikat per periode {year}", numeric_from=2, search=False)))
    problems = []
    for p in shown:
        g = proj.groups[(unit_id, year, p)]
        for msg in g.pelanggaran:
            problems.append(el("li", el("strong", period_label(p) + ": "), esc(msg)))
    if problems:
        out.append(el("div", el("p", "Penyimpangan dari pola kurva (panduan SE MenPANRB 03/2023, bukan larangan):"), el("ul", problems), class_="kt-kurva"))
    if shown:
        series, limits = [], []
        for p in shown:
            g = proj.groups[(unit_id, year, p)]
            total = sum(g.sebaran.values()) or 1
            series.append((period_label(p), tuple(float(rounded(Fraction(g.sebaran.get(pid, 0) * 100, total), 1)) for pid, _ in labels)))
            limits.append(tuple(tuple(float(x) if x is not None else None for x in g.batas.get(pid, (None, None))) for pid, _ in labels))
        spec = C.ChartSpec(f"grafik/{year}/sebaran-{unit_id}.svg", "batang", f"Sebaran predikat pegawai {year} (persen)",
                           tuple(lbl for _, lbl in labels), tuple(series), "%", limits=tuple(limits))
        tree.charts.append(spec)
        rows = [[name] + [indonesian(Fraction(v).limit_denominator(1000), 1, "%") for v in vals] for name, vals in series]
        out.append(figure(here, spec, table(["Periode"] + [lbl for _, lbl in labels], rows, numeric_from=1, search=False)))
    return out


def capaian_chart(proj: Projection, here: str, unit_id: str, year: int, tree: SiteTree) -> Html | None:
    """IKI of the perangkat daerah's published plans by capaian band, per period."""
    periods = proj.periods.get(year, [])
    codes = [k for u in _subtree(proj, unit_id) for k in proj.plans_by_unit.get((u, year), [])]
    if not codes or not periods or "realisasi" not in proj.sections:
        return None
    bands = [("capaian ≥ 100%", []), ("75% s.d. < 100%", []), ("< 75%", []), ("belum dapat dihitung", [])]
    counts = {p: [0, 0, 0, 0] for p in periods}
    for k in codes:
        pp = proj.plans[k]
        for r in pp.rhk:
            for i in r.indikator:
                for p, real in i.realisasi.items():
                    if p not in counts:
                        continue
                    if real.persen is None:
                        counts[p][3] += 1
                    elif real.persen >= 100:
                        counts[p][0] += 1
                    elif real.persen >= 75:
                        counts[p][1] += 1
                    else:
                        counts[p][2] += 1
    if not any(sum(v) for v in counts.values()):
        return None
    cats = tuple(period_label(p) for p in periods)
    series = tuple((name, tuple(float(counts[p][i]) for p in periods)) for i, (name, _) in enumerate(bands))
    spec = C.ChartSpec(f"grafik/{year}/capaian-{unit_id}.svg", "tumpuk", f"Capaian IKI {year} per periode (jumlah IKI, evaluasi final)",
                       cats, series, "IKI", colours=C.CAPAIAN_COLOURS)
    tree.charts.append(spec)
    rows = [[period_label(p)] + [str(x) for x in counts[p]] for p in periods]
    return figure(here, spec, table(["Periode"] + [n for n, _ in bands], rows, numeric_from=1, search=False))


# --- the pages -----------------------------------------------------------------------------------------


def search_scope(proj: Projection) -> Html:
    """What the search box covers, as the policy in force decides."""
    covers = ["nama dan singkatan perangkat daerah dan unit", "sasaran", "jabatan", "Metodologi, Privasi, Data terbuka dan panduan"]
    if proj.policy.pencarian.teks_rhk:
        covers.insert(3, "uraian rencana hasil kerja (RHK)")
    if proj.policy.pencarian.halaman_pegawai:
        covers.insert(-1, "halaman pejabat publik")
    return note("Pencarian (ikon kaca pembesar di atas) mencakup " + ", ".join(covers[:-1]) + " serta " + covers[-1]
                + "; angka target dan realisasi tidak dicari. Kata dicari apa adanya, tanpa imbuhan: "
                  "misalnya \"didik\" tidak menemukan \"pendidikan\", tetapi \"pendidikan\" dan \"disdik\" menemukannya.")


def home(proj: Projection, tree: SiteTree) -> str:
    here = "index.md"
    reg = proj.regency
    parts: list = []
    intro = [esc(f"Situs akuntabilitas kinerja {reg.nama}"), esc(f", Provinsi {reg.provinsi}" if reg.provinsi else ""), esc(". ")]
    intro.append(esc("Di sini masyarakat dapat melihat apa yang dijanjikan setiap perangkat daerah (sasaran dan rencana hasil kerja) "
                     "dan apa yang dicapai (realisasi per periode), lalu menilainya sendiri. Data pribadi tidak diterbitkan; lihat "))
    intro += [el("a", "Privasi", href=href(here, "privasi.md")), esc(" dan "), el("a", "Metodologi", href=href(here, "metodologi.md")), esc(".")]
    parts += [fiktif_banner(proj), el("p", join(*intro)), search_scope(proj)]
    pds = [u for u in proj.pd_order if proj.units[u].dibubarkan is None]
    parts.append(md_heading(2, "Perangkat daerah"))
    parts.append(promises_table(proj, here, pds, proj.years[0] if proj.years else None))
    parts.append(note("Status setiap indikator (IKI) dihitung dari capaian terhadap kemajuan yang diharapkan pada periode itu; "
                      "aturannya ada di halaman Metodologi."))
    for year in proj.years:
        pc = proj.plan_counts.get(year, {})
        cards = [
            ("Perangkat daerah", len(pds)),
            ("Unit kerja", sum(1 for u in proj.units.values() if u.dibubarkan is None)),
            ("Pegawai ASN", proj.people_count.get(year, 0)),
            ("Rencana disetujui", pc.get("disetujui", 0)),
            ("Rencana draf", pc.get("draf", 0)),
        ]
        parts.append(md_heading(2, f"Sekilas {year}"))
        parts.append(el("div", [el("div", el("span", str(v), class_="kt-angka-besar"), el("span", k, class_="kt-label"), class_="kt-kartu") for k, v in cards], class_="kt-kartu-baris"))
        periods = proj.periods.get(year, [])
        if periods:
            parts.append(md_heading(3, f"Evaluasi per periode {year}"))
            rows = [[period_label(p), str(proj.totals[(year, p)].evaluasi_final), str(proj.totals[(year, p)].evaluasi_draf),
                     str(proj.totals[(year, p)].evaluasi_belum_ada)] for p in periods if (year, p) in proj.totals]
            spec = C.ChartSpec(f"grafik/{year}/evaluasi.svg", "tumpuk", f"Evaluasi kinerja {year} per periode (jumlah pegawai)",
                               tuple(r[0] for r in rows), (("final", tuple(float(r[1]) for r in rows)), ("draf", tuple(float(r[2]) for r in rows)),
                                                           ("belum ada", tuple(float(r[3]) for r in rows))), "pegawai",
                               colours=(C.STATUS_COLOURS["final"], C.STATUS_COLOURS["draf"], C.STATUS_COLOURS["belum"]))
            tree.charts.append(spec)
            parts.append(figure(here, spec, table(["Periode", "Final", "Draf", "Belum ada"], rows, numeric_from=1, search=False)))
            if "sebaran" in proj.sections:
                parts.append(md_heading(3, f"Sebaran predikat terhadap kurva {year}"))
                labels = proj.predikat_labels.get(year, [])
                shown = [p for p in periods if (year, p) in proj.totals and proj.totals[(year, p)].kelompok_ditampilkan]
                parts.append(note(
                    f"Jumlah pegawai per predikat, dijumlahkan hanya dari kelompok penilaian yang sebarannya boleh ditampilkan "
                    f"(sedikitnya {proj.policy.unit.kelompok_minimum} pegawai dengan evaluasi final). Kelompok kecil tidak ikut "
                    "dijumlahkan, sehingga tidak ada angka yang dapat dikurangkan untuk menebak kelompok yang disembunyikan."))
                if shown:
                    series = tuple((lbl, tuple(float(proj.totals[(year, p)].sebaran.get(pid, 0)) for p in shown)) for pid, lbl in labels)
                    spec = C.ChartSpec(f"grafik/{year}/sebaran.svg", "tumpuk", f"Sebaran predikat {year} (kelompok yang ditampilkan)",
                                       tuple(period_label(p) for p in shown), series, "pegawai")
                    tree.charts.append(spec)
                    rows = [[period_label(p), f"{proj.totals[(year, p)].kelompok_ditampilkan} dari {proj.totals[(year, p)].kelompok}"]
                            + [str(proj.totals[(year, p)].sebaran.get(pid, 0)) for pid, _ in labels] for p in shown]
                    parts.append(figure(here, spec, table(["Periode", "Kelompok ditampilkan"] + [lbl for _, lbl in labels], rows, numeric_from=2, search=False)))
                group_units = [u for u in proj.units if any((u, year, p) in proj.groups for p in periods)]
                rows = []
                for uid in group_units:
                    row = [unit_link(proj, here, uid)]
                    for p in periods:
                        g = proj.groups.get((uid, year, p))
                        if g is None:
                            row.append("–")
                            continue
                        org = f"organisasi {g.predikat_organisasi_label.lower()}" if g.predikat_organisasi_label else "predikat organisasi belum ada"
                        status = (g.kurva_label or "–") if g.ditampilkan else "sebaran disembunyikan (kelompok kecil)"
                        row.append(join(el("span", org, class_="kt-kecil"), el("br"), esc(status)))
                    rows.append(row)
                if rows:
                    parts.append(table(["Kelompok penilaian"] + [period_label(p) for p in periods], rows,
                                       caption="Sebaran predikat terhadap pola kurva, per kelompok penilaian", search=False))
        goals = proj.goals.get((proj.regency.id, year), [])
        if goals:
            parts.append(md_heading(3, f"Sasaran daerah {year}"))
            parts.append(goal_list(goals))
    parts.append(md_heading(2, "Perubahan terbaru"))
    if proj.history_available and proj.changes:
        items = []
        for ch in proj.changes:
            items.append(el("li", el("strong", indonesian_date(epoch_date(ch.epoch))), esc(f" (commit {ch.sha[:12]}): "),
                            esc("; ".join(ch.uraian) if ch.uraian else "perubahan data")))
        parts.append(el("ul", items, class_="kt-perubahan", data_search_exclude=True))
    else:
        parts.append(note(proj.history_reason or "Belum ada perubahan tercatat."))
    return page(f"Beranda — {reg.nama}", parts, hide=("toc",))


def goal_list(goals, proj: Projection | None = None, here: str | None = None) -> Html:
    """The sasaran, each with (on a perangkat daerah's page) the position that answers for it
    and its status per period, derived from the IKI of the head's RHK linked to it."""
    items = []
    for g in goals:
        inner = [el("strong", g.uraian)]
        if proj is not None and here is not None:
            inner.append(goal_accountability(proj, here, g))
        if g.mendukung_uraian:
            inner.append(el("div", "Mendukung sasaran: " + g.mendukung_uraian, class_="kt-kecil"))
        if g.indikator:
            inner.append(el("ul", [el("li", i.uraian, el("span", f" — target {i.target.teks}" if i.target else "", class_="kt-kecil"),
                                      el("span", " (lebih kecil lebih baik)" if i.lebih_kecil_lebih_baik else "", class_="kt-kecil"))
                                   for i in g.indikator]))
        items.append(el("li", inner))
    src = goals[0].sumber if goals else None
    return el("div", el("ol", items, class_="kt-sasaran-daftar"), el("p", f"Sumber: {src}", class_="kt-kecil") if src else None)


def goal_accountability(proj: Projection, here: str, g) -> Html | None:
    found = A.answers(proj, g.unit, g.tahun, g.id)
    if not found:
        return el("div", "Belum ada RHK kepala yang ditautkan ke sasaran ini.", class_="kt-kecil")
    who = []
    for a in found:
        if a.plan.pemegang not in [w[0] for w in who]:
            who.append((a.plan.pemegang, a.plan.pegawai))
    holder = join(*[x for name, ref in who for x in (esc(name), join(esc(" ("), person_link(proj, here, ref), esc(")")) if ref is not None and ref.id in proj.persons else None, esc("; "))][:-1])
    parts = [el("div", join(esc("Penanggung jawab: "), holder), class_="kt-penanggung-jawab")]
    periods = final_periods(proj, g.tahun)
    if periods and proj.status_rules.get(g.tahun) is not None:
        parts.append(el("ul", [el("li", el("span", period_label(p) + ": ", class_="kt-kecil"),
                                  el("span", A.status_text(proj, g.tahun, A.sasaran_status(proj, g.unit, g.tahun, g.id, p)), class_="kt-status"))
                               for p in periods], class_="kt-status-periode"))
    return el("div", parts)


def pd_status_cell(proj: Projection, pd: str, year: int | None) -> str:
    """The perangkat daerah's IKI by status in the latest period with final evaluations."""
    if year is None or proj.status_rules.get(year) is None:
        return "–"
    latest = A.latest_period(proj, year, final_periods)
    if latest is None:
        return "belum ada evaluasi final"
    counts = A.pd_counts(proj, pd, year, latest)
    return f"{period_label(latest)}: {A.counts_text(proj, year, counts)}" if counts else "–"


def promises_table(proj: Projection, here: str, pds: list[str], year: int | None) -> Html:
    """What each perangkat daerah promised and whether it is on track: the home page's first
    table. Further columns (e.g. complaints past their deadline) are added in HOME_COLUMNS."""
    headers = ["Perangkat daerah", f"Sasaran {year or ''}".strip(), "Status IKI (periode terakhir)"] + [h for h, _ in HOME_COLUMNS]
    rows = []
    for uid in pds:
        n_goals = len(proj.goals.get((uid, year), [])) if year else 0
        rows.append([unit_link(proj, here, uid), str(n_goals) if n_goals else "–", pd_status_cell(proj, uid, year)]
                    + [fn(proj, uid, year) for _, fn in HOME_COLUMNS])
    return table(headers, rows, caption="Janji dan capaian setiap perangkat daerah")


# Extra columns of the home page's perangkat daerah table: (header, fn(proj, pd, year) -> cell).
HOME_COLUMNS: list = []


def unit_index(proj: Projection) -> str:
    here = "unit/index.md"
    year = proj.years[0] if proj.years else None
    rows = []
    for uid in proj.pd_order:
        u = proj.units[uid]
        pc = proj.unit_plan_counts
        n_units = len(_subtree(proj, uid))
        approved = sum(pc.get((x, year), {}).get("disetujui", 0) for x in _subtree(proj, uid)) if year else 0
        draft = sum(pc.get((x, year), {}).get("draf", 0) for x in _subtree(proj, uid)) if year else 0
        latest = None
        for p in reversed(proj.periods.get(year, [])):
            g = proj.groups.get((uid, year, p))
            if g is not None and g.predikat_organisasi_label:
                latest = f"{g.predikat_organisasi_label} ({period_label(p)})"
                break
        rows.append([unit_link(proj, here, uid), u.jenis_label + (" (dibubarkan)" if u.dibubarkan else ""), str(n_units), str(approved), str(draft),
                     pd_status_cell(proj, uid, year), latest or "–"])
    headers = ["Perangkat daerah", "Jenis", "Unit kerja", f"Rencana disetujui {year or ''}".strip(), "Rencana draf", "Status IKI (periode terakhir)",
               "Predikat organisasi terakhir"]
    parts = [fiktif_banner(proj), el("p", "Pilih perangkat daerah untuk melihat sasaran, kaskade rencana hasil kerja, realisasi per periode dan sebaran predikatnya."),
             table(headers, rows, numeric_from=2)]
    return page("Perangkat daerah", parts, hide=("toc",))


def unit_page(proj: Projection, unit_id: str, tree: SiteTree) -> str:
    u = proj.units[unit_id]
    here = unit_src(proj, unit_id)
    parts: list = [fiktif_banner(proj)]
    trail = []
    cursor = u.induk
    while cursor is not None and cursor in proj.units:
        trail.insert(0, unit_link(proj, here, cursor))
        cursor = proj.units[cursor].induk
    crumbs = [el("a", "Perangkat daerah", href=href(here, "unit/index.md"))] + trail
    parts.append(el("p", join(*[x for c in crumbs for x in (c, esc(" › "))][:-1]), class_="kt-jejak"))
    rows = [["Jenis", u.jenis_label], ["Jabatan kepala", u.jabatan_kepala]]
    for year in proj.years[:1]:
        heads = u.kepala.get(year, [])
        if heads:
            rows.append([f"Kepala ({year})", join(*[x for h in heads for x in (person_link(proj, here, h), esc(", "))][:-1])])
    if u.layanan:
        from kinerja.publish.suara import service_links

        rows.append(["Layanan publik", service_links(proj, here, u)])
    if u.induk:
        rows.append(["Bagian dari", unit_link(proj, here, u.induk)])
    if u.children:
        rows.append(["Sub-unit", join(*[x for c in u.children for x in (unit_link(proj, here, c), esc(", "))][:-1])])
    if u.dibubarkan:
        rows.append(["Dibubarkan", indonesian_date(u.dibubarkan.isoformat())])
    if u.singkatan:
        rows.insert(0, ["Singkatan", u.singkatan])
    parts.append(el("div", el("table", el("tbody", [el("tr", el("th", k, scope="row"), el("td", v)) for k, v in rows])), class_="kt-profil kt-tabel-wadah",
                    **scroll_region("Profil unit")))
    parts.append(updated_line(u.diperbarui))
    parts.append(masukan(u.kanal_pengaduan, u.nama))
    from kinerja.publish import suara_unit

    parts += suara_unit.section(proj, here, unit_id)  # complaint figures per unit (public projection only)
    for year in proj.years:
        parts.append(md_heading(2, f"Tahun {year}"))
        pc = proj.unit_plan_counts.get((unit_id, year), {})
        if u.is_pd and "sasaran" in proj.sections:
            goals = proj.goals.get((unit_id, year), [])
            parts.append(md_heading(3, f"Sasaran {year}"))
            parts.append(goal_list(goals, proj, here) if goals else note("Sasaran tahun ini belum dicatat."))
        if "kaskade" in proj.sections:
            c = cascade(proj, here, unit_id, year)
            if c is not None:
                parts.append(md_heading(3, f"Kaskade rencana hasil kerja {year}"))
                parts.append(el("div", note("Dari sasaran organisasi sampai RHK staf, menurut jabatan (tanpa nama staf). "
                                            "Setiap RHK mendukung (mengintervensi) RHK atasannya."), c))
        if u.is_pd:
            ch = capaian_chart(proj, here, unit_id, year, tree)
            if ch is not None:
                parts.append(md_heading(3, f"Capaian IKI {year}"))
                parts.append(ch)
        if "realisasi" in proj.sections or "kaskade" in proj.sections:
            codes = proj.plans_by_unit.get((unit_id, year), [])
            parts.append(md_heading(3, f"Rencana dan realisasi per jabatan {year}"))
            summary = f"{pc.get('disetujui', 0)} rencana disetujui dan {pc.get('draf', 0)} draf di unit ini."
            if not codes:
                parts.append(note(summary + " Belum ada rencana yang diterbitkan untuk unit ini."))
            else:
                n_iki = sum(len(r.indikator) for k in codes for r in proj.plans[k].rhk)
                parts.append(el("p", esc(summary + " "), el("a", f"Lihat rencana dan realisasi per jabatan ({len(codes)} rencana, {n_iki} IKI)",
                                                             href=href(here, realisasi_src(proj, unit_id), f"tahun-{year}")),
                                class_="kt-tautan-realisasi"))
        if u.kelompok_penilaian and "sebaran" in proj.sections:
            parts += group_section(proj, here, unit_id, year, tree)
    return page(u.nama, parts, hide=("toc",))


def realisasi_page(proj: Projection, unit_id: str) -> str:
    """A unit's plans by jabatan with target and realisasi per IKI per period.

    A page of its own: at regency scale these tables are most of the site's markup, so they
    stay out of the unit page (and out of the search index unless the policy indexes RHK)."""
    u = proj.units[unit_id]
    here = realisasi_src(proj, unit_id)
    parts: list = [fiktif_banner(proj)]
    parts.append(el("p", join(el("a", "Perangkat daerah", href=href(here, "unit/index.md")), esc(" › "), unit_link(proj, here, unit_id)),
                    class_="kt-jejak"))
    parts.append(note("Rencana setiap jabatan di unit ini (tanpa nama staf, kecuali halaman perorangan yang diterbitkan kebijakan). "
                      "Realisasi berasal dari evaluasi final: realisasi · capaian (realisasi dibanding target, lihat Metodologi); "
                      "garis di bawah sel menunjukkan kemajuan sampai 100%. Status (✔ tercapai, ◐ sesuai jalur, ⚠ perlu perhatian, "
                      "– belum ada data) membandingkan capaian dengan kemajuan yang diharapkan pada periode itu; IKI yang "
                      "rencananya tidak menyebut jenis realisasi dinilai per periode (aturannya di Metodologi)."))
    for year in proj.years:
        codes = proj.plans_by_unit.get((unit_id, year), [])
        if not codes:
            continue
        parts.append(el("h2", f"Tahun {year}", id=f"tahun-{year}"))
        parts.append(plans_table(proj, here, codes, proj.plans, with_holder=True, search_text=proj.policy.pencarian.teks_rhk,
                                 show_realisasi="realisasi" in proj.sections))
    return page(f"Rencana dan realisasi — {u.nama}", parts, hide=("toc",), search_exclude=not proj.policy.pencarian.teks_rhk)


def person_index(proj: Projection) -> str:
    here = "pegawai/index.md"
    rows = []
    for pid, person in sorted(proj.persons.items(), key=lambda kv: (proj.pd_order.index(proj.units[kv[1].unit].pd) if proj.units[kv[1].unit].pd in proj.pd_order else 0, kv[1].judul.casefold())):
        if proj.policy.pegawai.halaman == "semua" and not person.pejabat_publik:
            continue
        rows.append([el("a", person.judul, href=href(here, person_src(pid))), person.jabatan, unit_link(proj, here, person.unit)])
    mode = proj.policy.pegawai.halaman
    intro = ("Halaman perorangan diterbitkan untuk pemegang jabatan publik (kepala perangkat daerah dan Jabatan Pimpinan Tinggi), "
             "sesuai kebijakan publikasi instansi.")
    if mode == "semua":
        intro += " Kebijakan instansi juga menerbitkan halaman setiap pegawai lain; tautannya ada di halaman unit masing-masing."
    parts = [fiktif_banner(proj), note(intro), table(["Nama", "Jabatan", "Unit"], rows) if rows else note("Belum ada halaman perorangan.")]
    return page("Pejabat publik", parts, hide=("toc",))


def person_page(proj: Projection, person_id: str) -> str:
    """One raw block for the whole page: with thousands of person pages, every Markdown
    element costs build time (one block, no Markdown heading)."""
    person = proj.persons[person_id]
    here = person_src(person_id)
    parts: list = [fiktif_banner(proj)]
    intro = [esc(person.jabatan), esc(", "), unit_link(proj, here, person.unit), esc(".")]
    parts.append(el("p", join(*intro), class_="kt-profil-singkat"))
    why = ("Halaman ini diterbitkan karena jabatan ini adalah jabatan publik." if person.pejabat_publik
           else "Halaman ini diterbitkan karena kebijakan publikasi instansi menerbitkan rencana setiap pegawai.")
    parts.append(el("p", why + " Data pribadi (NIP, tanggal lahir, kontak) dan umpan balik atasan tidak pernah diterbitkan.",
                    class_="kt-catatan kt-catatan-info", data_search_exclude=True))
    by_year: dict[int, list[str]] = {}
    for k in person.plans:
        if k in proj.person_plans:
            by_year.setdefault(proj.person_plans[k].tahun, []).append(k)
    for year in sorted(by_year, reverse=True):
        parts.append(el("h2", f"Rencana dan realisasi {year}", id=f"tahun-{year}"))
        for k in by_year[year]:
            pp = proj.person_plans[k]
            parts.append(plan_header(proj, here, pp))
            if pp.predikat:
                rows = [[period_label(p), label] for p, label in pp.predikat.items()]
                parts.append(table(["Periode", "Predikat kinerja"], rows, caption="Predikat kinerja (evaluasi final)", search=False))
            parts.append(plans_table(proj, here, [k], proj.person_plans, with_holder=False, search_text=False,
                                     show_realisasi=proj.policy.pegawai.realisasi, exclude_all=True, evidence_column=False))
            parts.append(plan_details(proj, here, pp))
    return page(person.judul, [el("div", [p for p in parts if p is not None])], search_exclude=not proj.policy.pencarian.halaman_pegawai,
                hide=("toc",))


def person_pages(proj: Projection) -> dict[str, str]:
    return {person_src(pid): person_page(proj, pid) for pid in proj.persons}


def build_pages(proj: Projection, handwritten: list[str] | None = None, downloads=None, persons=None) -> SiteTree:
    """Every generated page and the navigation. `handwritten`: docs files already in the
    docs folder (Markdown pages), placed in the navigation after the generated ones.
    `downloads`, `persons`: callables giving the open-data files and the person pages when
    they are built elsewhere (another process)."""
    from kinerja.publish import metodologi, opendata, privasi

    tree = SiteTree()
    tree.files["index.md"] = home(proj, tree)
    tree.files["unit/index.md"] = unit_index(proj)
    for uid in proj.units:
        tree.files[unit_src(proj, uid)] = unit_page(proj, uid, tree)
        if any(proj.plans_by_unit.get((uid, y)) for y in proj.years):
            tree.files[realisasi_src(proj, uid)] = realisasi_page(proj, uid)
    if proj.persons:
        tree.files["pegawai/index.md"] = person_index(proj)
        tree.files.update(persons() if persons is not None else {person_src(pid): person_page(proj, pid) for pid in proj.persons})
    tree.files["metodologi.md"] = metodologi.page_text(proj)
    tree.files["privasi.md"] = privasi.page_text(proj)
    if "data_terbuka" in proj.sections:
        files = downloads() if downloads is not None else opendata.build(proj)
        tree.files.update(files)
        tree.files["data-terbuka/index.md"] = opendata.page_text(proj, files)
    from kinerja.publish import suara

    suara.add_pages(proj, tree)
    tree.nav = navigation(proj, tree, handwritten or [])
    in_nav = {"unit/index.md", "pegawai/index.md", suara.INDEX} | {unit_src(proj, pd) for pd in proj.pd_order}
    tree.not_in_nav = [p for p in tree.files if p.endswith(".md") and p.startswith(("unit/", "pegawai/", "layanan/")) and p not in in_nav]
    return tree


def navigation(proj: Projection, tree: SiteTree, handwritten: list[str]) -> list:
    nav: list = [{"Beranda": "index.md"}]
    # Perangkat daerah only: sub-units, realisasi tables and person pages are reached from the
    # pages (links and breadcrumbs). Every page carries the navigation it is part of, so a
    # bounded menu keeps a regency of thousands of pages fast to build and light to load.
    units_nav: list = ["unit/index.md"] + [{safe_title(proj.units[pd].nama): unit_src(proj, pd)} for pd in proj.pd_order]
    nav.append({"Perangkat daerah": units_nav})
    if "pegawai/index.md" in tree.files:
        nav.append({"Pejabat publik": "pegawai/index.md"})
    if "layanan/index.md" in tree.files:
        nav.append({"Layanan publik": "layanan/index.md"})
    nav.append({"Metodologi": "metodologi.md"})
    nav.append({"Privasi": "privasi.md"})
    if "data-terbuka/index.md" in tree.files:
        nav.append({"Data terbuka": "data-terbuka/index.md"})
    guides = sorted(p for p in handwritten if p.startswith("panduan/") and p.endswith(".md"))
    if guides:
        ordered = (["panduan/index.md"] if "panduan/index.md" in guides else []) + [g for g in guides if g != "panduan/index.md"]
        nav.append({"Panduan": ordered})
    others = sorted(p for p in handwritten if p.endswith(".md") and not p.startswith("panduan/") and p not in tree.files)
    nav += others
    return nav
