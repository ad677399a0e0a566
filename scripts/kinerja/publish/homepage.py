"""The home page: promises and status of every perangkat daerah first, then the year at a
glance (evaluations, distributions against the curve, regional sasaran) and the latest changes."""

from __future__ import annotations

from kinerja.publish import charts as C
from kinerja.publish.gitinfo import epoch_date, indonesian_date
from kinerja.publish.html import Html, el, esc, href, join, md_heading
from kinerja.publish.pageparts import SiteTree, fiktif_banner, figure, note, page, period_label, table, unit_link
from kinerja.publish.promises import goal_list, promises_table
from kinerja.publish.public import Projection


def search_scope(proj: Projection) -> Html:
    """What the search box covers, as the policy in force decides."""
    covers = ["nama dan singkatan perangkat daerah dan unit", "nama layanan publik (lewat halaman unitnya)", "sasaran", "jabatan",
              "Metodologi, Privasi, Data terbuka dan panduan"]
    if proj.policy.pencarian.teks_rhk:
        covers.insert(covers.index("jabatan") + 1, "uraian rencana hasil kerja (RHK)")
    if proj.policy.pencarian.halaman_pegawai:
        covers.insert(-1, "halaman pejabat publik")
    return note("Pencarian (ikon kaca pembesar di atas) mencakup " + ", ".join(covers[:-1]) + " serta " + covers[-1]
                + "; angka target dan realisasi serta isi pengaduan tidak dicari (daftar pengaduan ada di halaman setiap layanan). "
                  "Kata dicari apa adanya, tanpa imbuhan: misalnya \"didik\" tidak menemukan \"pendidikan\", tetapi \"pendidikan\" dan \"disdik\" menemukannya.")


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
