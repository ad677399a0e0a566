"""What was promised and whether it is on track: the sasaran list with the accountable
position and status per period, a perangkat daerah's IKI by status, and the home page's
table of every perangkat daerah (further columns through HOME_COLUMNS, e.g. complaints)."""

from __future__ import annotations

from kinerja.publish import accountability as A
from kinerja.publish.html import Html, el, esc, join
from kinerja.publish.pageparts import final_periods, period_label, person_link, table, unit_link
from kinerja.publish.public import Projection


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
