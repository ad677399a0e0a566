"""Plans as tables and trees: the realisasi table (a header group per jabatan, a row per IKI
with target, realisasi, capaian and status per period, target changes and evidence), a person
page's plan details and header, and the cascade from sasaran to staff RHK."""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from kinerja.publish.gitinfo import epoch_date, indonesian_date
from kinerja.publish.html import Html, el, esc, join, link_out
from kinerja.publish.pageparts import (
    evidence_link, final_periods, note, percent, period_short, person_link, rhk_index, scroll_region, subtree, unit_link,
)
from kinerja.publish.public import Projection, PublicPlan


CASCADE_FULL_LIMIT = 150  # RHK nodes: above this a unit page's cascade shows heads' RHK only


@lru_cache(maxsize=16384)
def _capaian_cell(persen: Fraction, places: int) -> tuple[str, str]:
    """(bar class, "107,1%") of a capaian: a pure function, and the same percentages recur on
    many rows and pages."""
    return _bar_class(persen), percent(persen, places)


def _bar_class(persen: Fraction | None) -> str:
    """A CSS class drawing the capaian as a bar under the cell (5% steps; no extra markup)."""
    if persen is None:
        return ""
    value = float(persen)
    step = 0 if value <= 0 else 20 if value >= 100 else int(value // 5)
    return f' class="kt-p{step}"'


def _css_string(text: str) -> str:
    """A CSS string literal of the site's own label text (no quote, backslash or < left)."""
    return '"' + "".join(c if c.isalnum() or c in " .:-()" else f"\\{ord(c):x} " for c in text) + '"'


def column_labels(headers: list[str]) -> tuple[str, str]:
    """(table class, <style> block): on narrow screens each IKI row becomes a list whose cells
    say their column's name. One small rule per column for the table instead of a data-label on
    each of the tens of thousands of cells; the rule matches IKI rows only (rows without a
    class: the jabatan and RHK rows have one), and the evidence cell, present on a jabatan's
    first IKI row only (rowspan), is always the last."""
    cls = "kt-kolom-" + re.sub(r"[^a-z0-9]+", "-", "-".join(headers).lower()).strip("-")
    rules = "".join(f".md-typeset .{cls} tr:not([class])>:nth-child({i})::before{{content:{_css_string(h + ': ')};font-weight:600}}"
                    for i, h in enumerate(headers, start=1))
    return cls, f"<style>@media screen and (max-width:44.984em){{{rules}}}</style>"


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
    rules = proj.status_rules.get(year)

    spans: dict[str, str] = {}  # status -> its span (tens of thousands of cells, four statuses)

    def status_span(real) -> str:
        if rules is None:
            return ""
        span = spans.get(real.status)
        if span is None:
            span = spans[real.status] = (f' <span class="kt-status kt-status-{esc(real.status)}">{esc(rules.simbol[real.status])} '
                                         f'{esc(rules.label[real.status])}</span>')
        return span
    cls, style = column_labels(headers)
    out = [style, f'<table class="{cls}">', f"<caption>{esc(caption or 'Target dan realisasi indikator kinerja individu (IKI)')}</caption>"]
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
                row = [f'<tr{row_exclude}><th scope="row">{label}</th><td>{esc(iki.target_teks)}</td>']
                for p in periods:
                    real = iki.realisasi.get(p)
                    if real is None:
                        row.append('<td class="kt-kosong">' + ("draf" if p in pp.periode_draf else "–") + "</td>")
                    elif real.persen is not None:
                        bar, shown = _capaian_cell(real.persen, places)
                        row.append(f"<td{bar}>{esc(real.teks)} · {shown}{status_span(real)}</td>")
                    else:
                        row.append(f"<td>{esc(real.teks)}{status_span(real)}</td>")
                if any_evidence and j == 0:
                    links = []
                    for p in periods:
                        for n, b in enumerate(r.bukti.get(p, []), start=1):
                            links.append(evidence_link(b, period_short(p) + (f".{n}" if len(r.bukti[p]) > 1 else "")))
                    span = f' rowspan="{len(ikis)}"' if len(ikis) > 1 else ""
                    row.append(f"<td{span}>{' '.join(links)}</td>")
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


def narrative(proj: Projection, here: str, pp: PublicPlan, *, with_holder: bool = False) -> Html | None:
    """The holder's own public narrative per period (PublicPlan.narasi: published people only,
    as publikasi.yml allows), marked as the holder's words, not the site's."""
    if not pp.narasi:
        return None
    periods = [p for p in proj.periods.get(pp.tahun, []) if p in pp.narasi]
    who = esc(pp.pemegang)
    if with_holder and pp.pegawai is not None and pp.pegawai.id in proj.persons:
        who = join(who, esc(" ("), person_link(proj, here, pp.pegawai), esc(")"))
    items = [el("li", el("b", period_short(p) + ": "), el("q", pp.narasi[p])) for p in periods]
    return el("div", el("p", join(esc("Penjelasan "), who, esc(" sendiri (narasi publik dari evaluasi final):"))),
              el("ul", items), class_="kt-narasi")


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
    below = subtree(proj, unit_id)
    codes = [k for u in below for k in proj.plans_by_unit.get((u, year), [])]
    if not codes:
        return None
    nodes = {r.key: (proj.plans[k], r) for k in codes for r in proj.plans[k].rhk}
    full = len(nodes) <= CASCADE_FULL_LIMIT
    children: dict[str | None, list[str]] = {}
    for key, (pp, r) in nodes.items():
        parent = r.parent if r.parent in nodes else (r.parent if r.parent and not r.parent_missing else None)
        children.setdefault(parent, []).append(key)
    all_rhk = rhk_index(proj, year)
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
