"""The projection as a tree of Markdown pages {path: text}, plus the chart specs they show
and the site navigation.

Independent of MkDocs: a plain function of the projection. User text appears ONLY inside
raw HTML blocks built by kinerja.publish.html (escaped, single-line blocks); Markdown
syntax is used only for the site's own fixed headings and words. Page titles go into the
front matter through html.safe_title. Links between pages are relative directory URLs
(unit/disdik/), computed here because Markdown never sees them.

This module assembles the pages; each kind of page is its own module, all built from
pageparts (pageparts <- plantables, promises <- unitpages, homepage, personpages,
metodologi, privasi, opendata, suara <- pages). The names other code imported from here
are re-exported.
"""

from __future__ import annotations

from kinerja.publish import metodologi, opendata, privasi, suara
from kinerja.publish.homepage import home, search_scope  # noqa: F401
from kinerja.publish.html import safe_title
from kinerja.publish.pageparts import *  # noqa: F401,F403  (re-exported building blocks)
from kinerja.publish.pageparts import SiteTree, person_src, realisasi_src, unit_src
from kinerja.publish.personpages import person_index, person_page, person_pages  # noqa: F401
from kinerja.publish.plantables import CASCADE_FULL_LIMIT, cascade, plan_details, plan_header, plans_table  # noqa: F401
from kinerja.publish.promises import HOME_COLUMNS, goal_accountability, goal_list, pd_status_cell, promises_table  # noqa: F401
from kinerja.publish.public import Projection
from kinerja.publish.unitpages import capaian_chart, group_section, realisasi_page, unit_index, unit_page  # noqa: F401


GENERATED_DIRS = ("unit/", "pegawai/", "data-terbuka/", "grafik/")


GENERATED_FILES = ("index.md", "metodologi.md", "privasi.md")


def build_pages(proj: Projection, handwritten: list[str] | None = None, downloads=None, persons=None) -> SiteTree:
    """Every generated page and the navigation. `handwritten`: docs files already in the
    docs folder (Markdown pages), placed in the navigation after the generated ones.
    `downloads`, `persons`: callables giving the open-data files and the person pages when
    they are built elsewhere (another process)."""
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
    suara.add_pages(proj, tree)  # adds the complaint and survey downloads beside the yearly ones
    if "data_terbuka" in proj.sections:
        tree.files["data-terbuka/index.md"] = opendata.page_text(proj, tree.files, extra=suara.OPEN_DATA)
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
