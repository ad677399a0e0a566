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
    head = el("thead", el("tr", [el("th", h, scope="col") for h in headers]))
    body_rows = []
    for r in rows:
        cells = []
        for i, c in enumerate(r):
            cells.append(el("td", c, class_="kt-angka" if numeric_from is not None and i >= numeric_from else None))
        body_rows.append(el("tr", cells))
    return el(
        "div",
        el("table", el("caption", caption) if caption is not None else None, head, el("tbody", body_rows)),
        class_=f"kt-tabel-wadah {cls}",
        data_search_exclude=not search,
    )


def note(text, kind: str = "info") -> Html:
    return el("p", text, class_=f"kt-catatan kt-catatan-{kind}")


def percent(value: Fraction | None, places: int) -> str:
    return indonesian(value, places, "%")


def progress(value: Fraction | None, places: int) -> Html:
    if value is None:
        return esc("")
    shown = min(Fraction(100), max(Fraction(0), value))
    return el("progress", percent(value, places), max="100", value=str(rounded(shown, 1)), aria_label=f"capaian {percent(value, places)}")


def figure(here: str, spec: C.ChartSpec, table_html: Html) -> Html:
    """A chart as an image with its words, and the same numbers as a table."""
    return el(
        "figure",
        el("img", src=href(here, spec.path), alt=C.alt_text(spec)),
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
    return note("Data di situs ini adalah DATA DEMO FIKTIF: orang, jabatan, tautan dan angka tidak nyata.", "peringatan")


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


def realisasi_table(proj: Projection, pp: PublicPlan, rhk, search: bool, show_periods: bool = True) -> Html:
    periods = proj.periods.get(pp.tahun, []) if show_periods else []
    places = proj.capaian_places.get(pp.tahun, 1)
    headers = ["IKI", "Target"] + [period_label(p) for p in periods]
    rows = []
    for iki in rhk.indikator:
        label = [el("span", iki.aspek + ": ", class_="kt-aspek") if iki.aspek else None, esc(iki.uraian)]
        if iki.lebih_kecil_lebih_baik:
            label.append(el("span", " (lebih kecil lebih baik)", class_="kt-kecil"))
        if iki.berlaku:
            label.append(el("span", f" ({iki.berlaku})", class_="kt-kecil"))
        row = [join(*label), iki.target_teks]
        for p in periods:
            r = iki.realisasi.get(p)
            if r is None:
                row.append(el("span", "draf" if p in pp.periode_draf else "–", class_="kt-kosong"))
                continue
            cell = [el("span", r.teks, class_="kt-realisasi")]
            if r.persen is not None:
                cell += [el("span", percent(r.persen, places), class_="kt-capaian"), progress(r.persen, places)]
            elif r.keterangan:
                cell.append(el("span", r.keterangan, class_="kt-kecil"))
            row.append(join(*cell))
        rows.append(row)
    return table(headers, rows, cls="kt-tabel-iki", search=search)


def rhk_block(proj: Projection, here: str, pp: PublicPlan, rhk, *, search_text: bool, show_realisasi: bool) -> Html:
    """One RHK: its words, its IKI with target and (when shown) realisasi per period."""
    head = [el("span", f"RHK {rhk.jenis}", class_=f"kt-lencana kt-{rhk.jenis}")]
    if rhk.perspektif:
        head.append(el("span", f"Perspektif: {rhk.perspektif}", class_="kt-lencana"))
    if rhk.berlaku:
        head.append(el("span", rhk.berlaku, class_="kt-lencana"))
    parts = [
        el("p", join(*head), class_="kt-lencana-baris"),
        el("p", rhk.uraian, class_="kt-rhk-uraian", data_search_exclude=not search_text),
        realisasi_table(proj, pp, rhk, search=False, show_periods=show_realisasi),
    ]
    if show_realisasi and rhk.uraian_realisasi:
        items = [el("li", el("strong", period_label(p) + ": "), esc(t)) for p, t in sorted(rhk.uraian_realisasi.items(), key=lambda kv: proj.periods[pp.tahun].index(kv[0]) if kv[0] in proj.periods[pp.tahun] else 0)]
        parts.append(el("details", el("summary", "Uraian realisasi"), el("ul", items), class_="kt-rincian", data_search_exclude=True))
    if rhk.bukti:
        items = []
        for p in proj.periods.get(pp.tahun, []):
            for b in rhk.bukti.get(p, []):
                items.append(el("li", el("strong", period_label(p) + ": "), link_out(b.url, b.keterangan or b.url)))
        parts.append(el("div", el("p", "Bukti dukung publik:", class_="kt-kecil"), el("ul", items), class_="kt-bukti", data_search_exclude=True))
    return el("div", parts, class_="kt-rhk", id=f"rhk-{pp.kode}-{rhk.id}")


def plan_section(proj: Projection, here: str, pp: PublicPlan, *, with_person_link: bool, search_text: bool, show_realisasi: bool) -> Html:
    badges = []
    if pp.status == "draf":
        badges.append(el("span", "rencana masih draf", class_="kt-lencana kt-draf"))
    else:
        badges.append(el("span", "rencana disetujui", class_="kt-lencana kt-disetujui"))
    if pp.kepala_unit:
        badges.append(el("span", "kepala unit", class_="kt-lencana"))
    header = [el("h3", pp.pemegang, id=f"rencana-{pp.kode}")]
    info = [
        esc(f"{proj.units[pp.unit].nama if pp.unit in proj.units else pp.unit}; periode rencana "
            f"{indonesian_date(pp.mulai.isoformat())} s.d. {indonesian_date(pp.selesai.isoformat())}; pendekatan {pp.pendekatan}. "),
    ]
    if with_person_link and pp.pegawai is not None and pp.pegawai.id in proj.persons:
        info += [esc("Pemegang jabatan: "), person_link(proj, here, pp.pegawai), esc(".")]
    parts = header + [el("p", join(*badges), class_="kt-lencana-baris"), el("p", join(*info), class_="kt-kecil")]
    if pp.predikat:
        rows = [[period_label(p), label] for p, label in pp.predikat.items()]
        parts.append(table(["Periode", "Predikat kinerja"], rows, caption="Predikat kinerja (evaluasi final)", search=False))
    for rhk in pp.rhk:
        parts.append(rhk_block(proj, here, pp, rhk, search_text=search_text, show_realisasi=show_realisasi))
    if pp.perilaku:
        items = [el("li", el("strong", k + ": "), esc(v)) for k, v in pp.perilaku.items()]
        parts.append(el("div", el("p", "Ekspektasi khusus pimpinan atas perilaku kerja (BerAKHLAK):"), el("ul", items), class_="kt-perilaku", data_search_exclude=True))
    if pp.lampiran:
        items = [el("li", el("strong", k + ": "), el("ul", [el("li", x) for x in v])) for k, v in pp.lampiran.items()]
        parts.append(el("div", el("p", "Lampiran SKP:"), el("ul", items), class_="kt-lampiran", data_search_exclude=True))
    return el("section", parts, class_="kt-rencana")


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
    all_rhk = {r.key: (pp, r) for pp in proj.plans.values() if pp.tahun == year for r in pp.rhk}

    visited: set[str] = set()

    def node(key: str, depth: int) -> Html:
        visited.add(key)
        pp, r = nodes[key]
        kids = [k for k in children.get(key, []) if k not in visited]
        shown_kids = [k for k in kids if full or nodes[k][0].kepala_unit]
        hidden = len(kids) - len(shown_kids)
        label = [
            el("span", pp.pemegang, class_="kt-jabatan"),
            el("span", f" · {proj.units[pp.unit].nama}" if pp.unit != unit_id and pp.unit in proj.units else "", class_="kt-kecil"),
            el("span", " (draf)" if pp.status == "draf" else "", class_="kt-kecil"),
            el("br"),
            el("span", r.uraian, class_="kt-rhk-teks"),
        ]
        inner = [el("div", label, class_="kt-simpul")]
        sub = [node(k, depth + 1) for k in shown_kids]
        if hidden:
            by_unit: dict[str, int] = {}
            for k in kids:
                if k not in shown_kids:
                    by_unit[nodes[k][0].unit] = by_unit.get(nodes[k][0].unit, 0) + 1
            for u, n in by_unit.items():
                sub.append(el("li", join(esc(f"{n} RHK staf lainnya — lihat "), unit_link(proj, here, u)), class_="kt-ringkas"))
        if sub:
            inner.append(el("ul", sub))
        return el("li", inner)

    groups = []
    roots = sorted((k for k in children if k is not None and k not in nodes), key=lambda k: (not k.startswith("sasaran:"), k))
    for parent in roots:
        if parent.startswith("sasaran:"):
            _, gu, gid = parent.split(":", 2)
            goal = next((g for g in proj.goals.get((gu, year), []) if g.id == gid), None)
            title = [el("span", "Sasaran", class_="kt-lencana kt-sasaran"), esc(" "), esc(goal.uraian if goal else gid)]
        else:
            ctx = all_rhk.get(parent)
            if ctx is None:
                title = [el("span", "RHK atasan", class_="kt-lencana"), esc(" (tidak diterbitkan)")]
            else:
                title = [el("span", "RHK atasan", class_="kt-lencana"), esc(" "), el("span", ctx[0].pemegang, class_="kt-jabatan"),
                         esc(f" · {proj.units[ctx[0].unit].nama if ctx[0].unit in proj.units else ''}: "), esc(ctx[1].uraian)]
        groups.append(el("li", el("div", title, class_="kt-simpul kt-akar"), el("ul", [node(k, 1) for k in children[parent]])))
    if None in children:
        groups.append(el("li", el("div", "Belum tertaut ke sasaran atau RHK atasan yang diterbitkan", class_="kt-simpul kt-akar"),
                         el("ul", [node(k, 1) for k in children[None]])))
    parts = [el("ul", groups, class_="kt-kaskade")]
    if not full:
        parts.insert(0, note(f"Kaskade ini memuat {len(nodes)} RHK; yang ditampilkan di sini sampai tingkat kepala unit. "
                             "RHK staf ada di halaman unit masing-masing."))
    # <section>, not <div>: Material's search parser matches an excluded element's end by tag
    # name, so a nested </div> would end the exclusion early.
    return el("section", parts, class_="kt-kaskade-wadah", data_search_exclude=True)


def _subtree(proj: Projection, unit_id: str) -> list[str]:
    out, stack = [], [unit_id]
    while stack:
        u = stack.pop()
        if u in out or u not in proj.units:
            continue
        out.append(u)
        stack.extend(reversed(proj.units[u].children))
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
                       cats, series, "IKI", colours=("#2166ac", "#67a9cf", "#ef8a62", "#bdbdbd"))
    tree.charts.append(spec)
    rows = [[period_label(p)] + [str(x) for x in counts[p]] for p in periods]
    return figure(here, spec, table(["Periode"] + [n for n, _ in bands], rows, numeric_from=1, search=False))


# --- the pages -----------------------------------------------------------------------------------------


def home(proj: Projection, tree: SiteTree) -> str:
    here = "index.md"
    reg = proj.regency
    parts: list = []
    intro = [esc(f"Situs akuntabilitas kinerja {reg.nama}"), esc(f", Provinsi {reg.provinsi}" if reg.provinsi else ""), esc(". ")]
    intro.append(esc("Di sini masyarakat dapat melihat apa yang dijanjikan setiap perangkat daerah (sasaran dan rencana hasil kerja) "
                     "dan apa yang dicapai (realisasi per periode), lalu menilainya sendiri. Data pribadi tidak diterbitkan; lihat "))
    intro += [el("a", "Privasi", href=href(here, "privasi.md")), esc(" dan "), el("a", "Metodologi", href=href(here, "metodologi.md")), esc(".")]
    parts += [fiktif_banner(proj), el("p", join(*intro))]
    pds = [u for u in proj.pd_order if proj.units[u].dibubarkan is None]
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
    parts.append(md_heading(2, "Perangkat daerah"))
    items = [el("li", unit_link(proj, here, u), el("span", f" — {proj.units[u].jenis_label}", class_="kt-kecil")) for u in pds]
    parts.append(el("ul", items, class_="kt-daftar-unit"))
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


def goal_list(goals) -> Html:
    items = []
    for g in goals:
        inner = [el("strong", g.uraian)]
        if g.mendukung_uraian:
            inner.append(el("div", "Mendukung sasaran: " + g.mendukung_uraian, class_="kt-kecil"))
        if g.indikator:
            inner.append(el("ul", [el("li", i.uraian, el("span", f" — target {i.target.teks}" if i.target else "", class_="kt-kecil"),
                                      el("span", " (lebih kecil lebih baik)" if i.lebih_kecil_lebih_baik else "", class_="kt-kecil"))
                                   for i in g.indikator]))
        items.append(el("li", inner))
    src = goals[0].sumber if goals else None
    return el("div", el("ol", items, class_="kt-sasaran-daftar"), el("p", f"Sumber: {src}", class_="kt-kecil") if src else None)


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
        rows.append([unit_link(proj, here, uid), u.jenis_label + (" (dibubarkan)" if u.dibubarkan else ""), str(n_units), str(approved), str(draft), latest or "–"])
    headers = ["Perangkat daerah", "Jenis", "Unit kerja", f"Rencana disetujui {year or ''}".strip(), "Rencana draf", "Predikat organisasi terakhir"]
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
    if u.layanan_publik:
        rows.append(["Layanan publik", u.layanan_publik])
    if u.induk:
        rows.append(["Bagian dari", unit_link(proj, here, u.induk)])
    if u.children:
        rows.append(["Sub-unit", join(*[x for c in u.children for x in (unit_link(proj, here, c), esc(", "))][:-1])])
    if u.dibubarkan:
        rows.append(["Dibubarkan", indonesian_date(u.dibubarkan.isoformat())])
    if u.singkatan:
        rows.insert(0, ["Singkatan", u.singkatan])
    parts.append(el("div", el("table", el("tbody", [el("tr", el("th", k, scope="row"), el("td", v)) for k, v in rows])), class_="kt-profil kt-tabel-wadah"))
    parts.append(updated_line(u.diperbarui))
    parts.append(masukan(u.kanal_pengaduan, u.nama))
    for year in proj.years:
        parts.append(md_heading(2, f"Tahun {year}"))
        pc = proj.unit_plan_counts.get((unit_id, year), {})
        if u.is_pd and "sasaran" in proj.sections:
            goals = proj.goals.get((unit_id, year), [])
            parts.append(md_heading(3, f"Sasaran {year}"))
            parts.append(goal_list(goals) if goals else note("Sasaran tahun ini belum dicatat."))
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
                parts.append(note(summary + " Realisasi berasal dari evaluasi final; capaian = realisasi dibanding target (lihat Metodologi)."))
                for k in codes:
                    parts.append(plan_section(proj, here, proj.plans[k], with_person_link=True, search_text=proj.policy.pencarian.teks_rhk,
                                              show_realisasi="realisasi" in proj.sections))
        if u.kelompok_penilaian and "sebaran" in proj.sections:
            parts += group_section(proj, here, unit_id, year, tree)
    return page(u.nama, parts)


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
    person = proj.persons[person_id]
    here = person_src(person_id)
    parts: list = [fiktif_banner(proj)]
    intro = [esc(person.jabatan), esc(", "), unit_link(proj, here, person.unit), esc(".")]
    parts.append(el("p", join(*intro), class_="kt-profil-singkat"))
    why = ("Halaman ini diterbitkan karena jabatan ini adalah jabatan publik." if person.pejabat_publik
           else "Halaman ini diterbitkan karena kebijakan publikasi instansi menerbitkan rencana setiap pegawai.")
    parts.append(note(why + " Data pribadi (NIP, tanggal lahir, kontak) dan umpan balik atasan tidak pernah diterbitkan."))
    by_year: dict[int, list[str]] = {}
    for k in person.plans:
        if k in proj.person_plans:
            by_year.setdefault(proj.person_plans[k].tahun, []).append(k)
    for year in sorted(by_year, reverse=True):
        parts.append(md_heading(2, f"Rencana dan realisasi {year}"))
        for k in by_year[year]:
            parts.append(plan_section(proj, here, proj.person_plans[k], with_person_link=False, search_text=False,
                                      show_realisasi=proj.policy.pegawai.realisasi))
    return page(person.judul, parts, search_exclude=not proj.policy.pencarian.halaman_pegawai)


def build_pages(proj: Projection, handwritten: list[str] | None = None) -> SiteTree:
    """Every generated page and the navigation. `handwritten`: docs files already in the
    docs folder (Markdown pages), placed in the navigation after the generated ones."""
    from kinerja.publish import metodologi, opendata, privasi

    tree = SiteTree()
    tree.files["index.md"] = home(proj, tree)
    tree.files["unit/index.md"] = unit_index(proj)
    for uid in proj.units:
        tree.files[unit_src(proj, uid)] = unit_page(proj, uid, tree)
    if proj.persons:
        tree.files["pegawai/index.md"] = person_index(proj)
        for pid in proj.persons:
            tree.files[person_src(pid)] = person_page(proj, pid)
    tree.files["metodologi.md"] = metodologi.page_text(proj)
    tree.files["privasi.md"] = privasi.page_text(proj)
    if "data_terbuka" in proj.sections:
        downloads = opendata.build(proj)
        tree.files.update(downloads)
        tree.files["data-terbuka/index.md"] = opendata.page_text(proj, downloads)
    tree.nav = navigation(proj, tree, handwritten or [])
    tree.not_in_nav = [p for p in tree.files if p.startswith("pegawai/") and p != "pegawai/index.md"]
    return tree


def navigation(proj: Projection, tree: SiteTree, handwritten: list[str]) -> list:
    nav: list = [{"Beranda": "index.md"}]
    units_nav: list = ["unit/index.md"]
    for pd in proj.pd_order:
        sub = [unit_src(proj, u) for u in _subtree(proj, pd)]
        if len(sub) == 1:
            units_nav.append({safe_title(proj.units[pd].nama): sub[0]})
        else:
            units_nav.append({safe_title(proj.units[pd].nama): sub})
    nav.append({"Perangkat daerah": units_nav})
    if "pegawai/index.md" in tree.files:
        nav.append({"Pejabat publik": "pegawai/index.md"})
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
