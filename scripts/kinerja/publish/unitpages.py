"""The perangkat daerah index, each unit's page (profile, sasaran, cascade, capaian chart,
link to its realisasi page, predikat distribution) and each unit's realisasi page."""

from __future__ import annotations

from fractions import Fraction

from kinerja.publish import charts as C
from kinerja.publish.gitinfo import indonesian_date
from kinerja.publish.html import Html, el, esc, href, join, md_heading
from kinerja.publish.pageparts import (
    SiteTree, fiktif_banner, figure, masukan, note, page, period_label, person_link, realisasi_src, scroll_region, subtree, table,
    unit_link, unit_src, updated_line,
)
from kinerja.publish.plantables import cascade, narrative, plans_table
from kinerja.publish.promises import goal_list, pd_status_cell
from kinerja.publish.public import KURVA_STATUS, Projection
from kinerja.publish.suara import service_links
from kinerja.score.numbers import indonesian, rounded


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
    codes = [k for u in subtree(proj, unit_id) for k in proj.plans_by_unit.get((u, year), [])]
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


def unit_index(proj: Projection) -> str:
    here = "unit/index.md"
    year = proj.years[0] if proj.years else None
    rows = []
    for uid in proj.pd_order:
        u = proj.units[uid]
        pc = proj.unit_plan_counts
        n_units = len(subtree(proj, uid))
        approved = sum(pc.get((x, year), {}).get("disetujui", 0) for x in subtree(proj, uid)) if year else 0
        draft = sum(pc.get((x, year), {}).get("draf", 0) for x in subtree(proj, uid)) if year else 0
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
            for k in proj.plans_by_unit.get((unit_id, year), []):
                if proj.plans[k].kepala_unit:
                    parts.append(narrative(proj, here, proj.plans[k], with_holder=True))
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
