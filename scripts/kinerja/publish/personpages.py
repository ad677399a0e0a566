"""The index of public office holders and each published person's page."""

from __future__ import annotations

from kinerja.publish.html import el, esc, href, join
from kinerja.publish.pageparts import fiktif_banner, note, page, period_label, person_src, table, unit_link
from kinerja.publish.plantables import narrative, plan_details, plan_header, plans_table
from kinerja.publish.public import Projection


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
            parts.append(narrative(proj, here, pp))
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
