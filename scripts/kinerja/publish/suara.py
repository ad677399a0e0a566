"""Suara publik pages: one page per public service, one per unit with services, and a
regency page ranking services by overdue complaints and by IKM; plus the open data of
complaints (public fields only) and surveys. Everything comes from
publish/suara_projection.py; user text sits only in escaped raw HTML blocks."""

from __future__ import annotations

import json
from fractions import Fraction
from functools import lru_cache

from kinerja.publish import charts as C
from kinerja.publish.gitinfo import indonesian_date
from kinerja.publish.html import Html, el, esc, href, link_out, md_heading
from kinerja.publish.pageparts import fiktif_banner, page, table, unit_link
from kinerja.publish.promises import HOME_COLUMNS
from kinerja.publish.opendata import BASE, Field, Resource, to_csv
from kinerja.publish.xlsxdata import to_xlsx
from kinerja.score.numbers import indonesian, rounded

INDEX = "layanan/index.md"
UNVERIFIED = "belum diverifikasi"


def service_src(unit: str, layanan: str) -> str:
    return f"layanan/{unit}/{layanan}.md"


def unit_src(unit: str) -> str:
    return f"layanan/{unit}/index.md"


def service_links(proj, here: str, u) -> Html:
    """A unit's services for its profile table: each linked to its page (complaints, IKM)."""
    items = []
    for sv in u.layanan:
        label = f"{sv.nama} ({sv.hari} {_days(sv.jenis_hari)})"
        has_page = getattr(proj, "suara", None) is not None and (u.id, sv.id) in proj.suara.services
        items += [el("a", label, href=href(here, service_src(u.id, sv.id))) if has_page else esc(label), esc("; ")]
    return el("span", *items[:-1])


@lru_cache(maxsize=4096)
def _d(day) -> str:  # a complaint list names the same few hundred days tens of thousands of times
    return indonesian_date(day.isoformat()) if day else "–"


def _days(jenis: str) -> str:
    return "hari kerja" if jenis == "kerja" else "hari kalender"


def _share(ok: int, n: int) -> str:
    return indonesian(Fraction(ok * 100, n), 1, "%") if n else "–"


def _deadline_words(s) -> list[str]:
    out = []
    for _key, nama, hari, jenis, verified in s.deadlines:
        out.append(f"{nama}: paling lama {hari} {_days(jenis)}" + ("" if verified else f" ({UNVERIFIED})"))
    return out


def masukan(url: str, unit_name: str, service_name: str | None, s) -> Html:
    """The feedback button naming unit and service, and what happens next."""
    what = f"layanan {service_name} di {unit_name}" if service_name else unit_name
    steps = el("ol", [el("li", t) for t in (
        "Admin pengaduan mencatat masukan Anda tanpa identitas Anda (nama, NIK dan kontak tidak pernah terbit).",
        *_deadline_words(s),
        "Ringkasan, status dan tindak lanjutnya terbit di halaman ini setelah pembaruan situs berikutnya.",
    )])
    return el("div",
              el("p", el("a", "Sampaikan masukan", href=url, rel="nofollow noopener", target="_blank",
                         class_="md-button md-button--primary"), " ", esc(f"tentang {what} melalui kanal pengaduan resmi.")),
              el("p", "Sebutkan unit dan layanan ini dalam pengaduan Anda. Yang terjadi sesudahnya:"), steps,
              class_="kt-masukan")


def figures_table(f, s) -> Html:
    rows = [["Pengaduan diterima", str(f.total)], ["Masih terbuka", str(f.open)], ["Terbuka dan melewati tenggat", str(f.overdue)]]
    for key, nama, hari, jenis, verified in s.deadlines:
        ok, n = f.within.get(key, (0, 0))
        rows.append([f"Tepat waktu: {nama} ({hari} {_days(jenis)}{'' if verified else ', ' + UNVERIFIED})", f"{_share(ok, n)} dari {n}"])
    from kinerja.suara.summary import median

    fr, rs = median(f.first_response), median(f.resolution)
    rows.append(["Median hari kerja sampai ditanggapi", indonesian(fr, 1) if fr is not None else "–"])
    rows.append(["Median hari sampai selesai", indonesian(rs, 1) if rs is not None else "–"])
    return el("div", el("table", el("tbody", [el("tr", el("th", k, scope="row"), el("td", v, class_="kt-angka")) for k, v in rows])),
              class_="kt-tabel-wadah")


def category_figure(here: str, path: str, f, s, title: str, tree) -> Html | None:
    if not f.by_category:
        return None
    cats = [k for k in s.kategori if k in f.by_category]
    spec = C.ChartSpec(path=path, kind="tumpuk", title=title, categories=tuple(s.kategori[k] for k in cats),
                       series=(("Pengaduan", tuple(float(f.by_category[k]) for k in cats)),), unit="pengaduan")
    tree.charts.append(spec)
    tbl = el("div", el("table", el("thead", el("tr", el("th", "Kategori", scope="col"), el("th", "Pengaduan", scope="col"))),
                       el("tbody", [el("tr", el("td", s.kategori[k]), el("td", str(f.by_category[k]), class_="kt-angka")) for k in cats])),
             class_="kt-tabel-wadah")
    return el("figure", el("img", src=href(here, path), alt=C.alt_text(spec)),
              el("figcaption", title + ". Angka yang sama ada pada tabel di bawahnya."), tbl, class_="kt-grafik")


def survey_block(here: str, sv, base: str, s, tree, chart: bool = True) -> list:
    """One survey: IKM, mutu, the table of its 9 unsur and (for the latest survey of a service
    only: drawing a chart per survey was most of the site's chart cost) the same as a chart."""
    title = f"Nilai rata-rata per unsur, survei {sv.periode} {sv.tahun}"
    flag = "" if s.ikm_verified else f" Rumus dan batas mutu {UNVERIFIED}."
    rows = [el("tr", el("td", n), el("td", indonesian(v, 2), class_="kt-angka"), el("td", indonesian(v * 25, 2), class_="kt-angka"))
            for n, v in sv.nrr]
    tbl = el("div", el("table", el("thead", el("tr", el("th", "Unsur", scope="col"), el("th", "NRR (1-4)", scope="col"),
                                             el("th", "Nilai konversi", scope="col"))), el("tbody", rows)), class_="kt-tabel-wadah")
    head = [el("p", f"Survei {sv.periode} {sv.tahun}: IKM {indonesian(sv.ikm, 2)}, mutu {sv.mutu or '–'} ({sv.kinerja or '–'}), "
                    f"{sv.responden} responden.{flag}", class_="kt-ikm"),
            el("p", f"Metode: {sv.metode}") if sv.metode else None]
    if not chart:
        return head + [el("p", el("strong", title)), tbl]
    path = f"grafik/layanan/{base}-{sv.tahun}-{sv.periode_kode}.svg"
    spec = C.ChartSpec(path=path, kind="tumpuk", title=title, categories=tuple(n for n, _v in sv.nrr),
                       series=(("NRR (1-4)", tuple(float(v) for _n, v in sv.nrr)),), unit="NRR")
    tree.charts.append(spec)
    return head + [el("figure", el("img", src=href(here, path), alt=C.alt_text(spec)),
                      el("figcaption", title + ". Angka yang sama ada pada tabel di bawahnya."), tbl, class_="kt-grafik")]


def complaint_block(c) -> Html:
    """One complaint, the HTML el() built, written out in one pass: 20,000 complaints were
    half a million el() calls. Every value goes through esc()/link_out() on the same strings
    as before (so the same bytes). A closing </h3>, </h4>, </p>, </li> already carries the
    space html.block() puts after it before another tag (the search index reads words apart),
    so block() finds nothing to substitute in the complaint list."""
    out = ['<section class="kt-pengaduan"><h3>', esc(f"Pengaduan {c.nomor}"), "</h3> <p>",
           esc(f"Diterima {_d(c.diterima)} lewat {c.kanal} · kategori {c.kategori} · status {c.status}"),
           '</p> <p class="kt-ringkasan">', esc(c.ringkasan), "</p> <h4>Riwayat status</h4> <ol>"]
    for st in c.riwayat:
        out += ["<li>", esc(f"{_d(st.tanggal)}: {st.status}" + (f" (LAPOR!: {st.lapor})" if st.lapor else ""))]
        if st.keterangan:
            out += ["<br>", esc(st.keterangan)]
        out.append("</li> ")
    out.append("</ol><h4>Tenggat</h4> <ul>")
    for k in c.clocks:
        if k.due is None:
            continue
        out += ["<li>", esc(f"{k.nama} ({k.hari} {_days(k.jenis)}{'' if k.verified else ', ' + UNVERIFIED}): jatuh tempo {_d(k.due)}, "
                           + (f"dijalankan {_d(k.done)}" + (", tepat waktu" if k.on_time else f", terlambat {k.late} {_days(k.jenis)}")
                              if k.done else (f"belum dijalankan, terlambat {k.late} {_days(k.jenis)}" if k.late else "belum jatuh tempo"))),
                "</li> "]
    out.append("</ul><h4>Tindak lanjut</h4> ")
    if c.tindak_lanjut:
        out.append("<ul>")
        for t in c.tindak_lanjut:
            out += ["<li>", esc(f"{_d(t.tanggal)} — {t.unit}: {t.uraian}")]
            if t.perubahan:
                out += [" ", link_out(t.perubahan, "perubahan perbaikan")]
            out.append("</li> ")
        out.append("</ul>")
    else:
        out.append("<p>Belum ada tindak lanjut.</p> ")
    out.append("</section>")
    return Html("".join(out))


def service_page(proj, s, view, tree) -> str:
    here = service_src(view.unit, view.id)
    u = proj.units[view.unit]
    sv = next(x for x in u.layanan if x.id == view.id)
    parts = [fiktif_banner(proj),
             el("p", "Layanan dari ", unit_link(proj, here, view.unit), esc(". "), el("a", "Semua layanan unit ini", href=href(here, unit_src(view.unit)))),
             el("p", f"Jangka waktu menurut standar pelayanan: {sv.hari} {_days(sv.jenis_hari)}."),
             el("p", sv.uraian) if sv.uraian else None,
             masukan(u.kanal_pengaduan, u.nama, sv.nama, s),
             md_heading(2, "Pengaduan"), figures_table(view.figures, s),
             category_figure(here, f"grafik/layanan/{view.unit}-{view.id}-kategori.svg", view.figures, s,
                             f"Pengaduan menurut kategori: {sv.nama}", tree)]
    if view.answers or view.answers_hidden:
        parts.append(md_heading(2, "RHK yang menjawab layanan ini"))
        if view.answers:
            parts.append(el("ul", [el("li", f"{a.jabatan}: {a.rhk}" + (f" (indikator: {a.iki})" if a.iki else "")) for a in view.answers]))
        if view.answers_hidden:
            parts.append(el("p", f"{view.answers_hidden} RHK{' lain' if view.answers else ''} dipegang jabatan dengan pemegang kurang dari "
                                 f"{proj.policy.unit.kelompok_minimum} orang dan bukan jabatan publik: tidak disebut (UU 14/2008 Pasal 17 huruf h).",
                            class_="kt-catatan"))
    parts.append(md_heading(2, "Survei kepuasan masyarakat, IKM"))
    if view.surveys:
        for i, x in enumerate(view.surveys):  # latest first (suara_projection): only the latest is drawn
            parts += survey_block(here, x, f"{view.unit}-{view.id}", s, tree, chart=i == 0)
    else:
        parts.append(el("p", "Belum ada survei kepuasan untuk layanan ini."))
    parts.append(md_heading(2, "Daftar pengaduan"))
    # the whole list is ONE raw HTML block (each complaint still in its own <div>, as when every
    # complaint was a block): 20,000 blocks were 20,000 placeholders for Markdown and the build hook
    parts.append(Html("".join(f"<div>{complaint_block(c)}</div>" for c in view.complaints)) if view.complaints
                 else el("p", "Belum ada pengaduan tercatat."))
    # not in the search index: a service's complaint list is long (20,000 complaints made a 26 MB
    # index and doubled the build); the service is found by its name on the unit's pages
    return page(sv.nama, parts, hide=("toc",), search_exclude=True)


def unit_page(proj, s, unit: str, tree) -> str:
    here = unit_src(unit)
    u = proj.units[unit]
    rows = []
    for key in s.by_unit[unit]:
        v = s.services[key]
        ikm = v.surveys[0] if v.surveys else None
        rows.append([el("a", v.nama, href=href(here, service_src(*key))), str(v.figures.total), str(v.figures.open), str(v.figures.overdue),
                     f"{indonesian(ikm.ikm, 2)} ({ikm.mutu})" if ikm else "–"])
    parts = [fiktif_banner(proj), el("p", "Layanan publik ", unit_link(proj, here, unit), esc(".")),
             masukan(u.kanal_pengaduan, u.nama, None, s),
             table(["Layanan", "Pengaduan", "Terbuka", "Melewati tenggat", "IKM terakhir"], rows, numeric_from=1),
             md_heading(2, "Semua pengaduan unit ini"), figures_table(s.unit_figures[unit], s),
             category_figure(here, f"grafik/layanan/{unit}-kategori.svg", s.unit_figures[unit], s, f"Pengaduan menurut kategori: {u.nama}", tree)]
    return page(f"Layanan {u.nama}", parts, hide=("toc",))


def index_page(proj, s) -> str:
    here = INDEX
    views = list(s.services.values())
    by_overdue = sorted(views, key=lambda v: (-v.figures.overdue, -v.figures.open, v.nama))
    surveyed = sorted((v for v in views if v.surveys), key=lambda v: (v.surveys[0].ikm, v.nama))
    link = lambda v: el("a", v.nama, href=href(here, service_src(v.unit, v.id)))  # noqa: E731
    parts = [fiktif_banner(proj),
             el("p", "Pengaduan masyarakat dan survei kepuasan per layanan publik. Identitas pelapor tidak pernah dicatat "
                     "maupun diterbitkan; yang terbit hanya ringkasan yang ditulis admin, riwayat status dan tindak lanjutnya."),
             el("p", "Tenggat: " + "; ".join(_deadline_words(s)) + "."),
             md_heading(2, "Layanan menurut pengaduan yang melewati tenggat"),
             table(["Layanan", "Unit", "Melewati tenggat", "Terbuka", "Diterima"],
                   [[link(v), proj.units[v.unit].nama, str(v.figures.overdue), str(v.figures.open), str(v.figures.total)] for v in by_overdue],
                   numeric_from=2),
             md_heading(2, "Layanan menurut Indeks Kepuasan Masyarakat, terendah dahulu"),
             table(["Layanan", "Unit", "IKM", "Mutu", "Survei"],
                   [[link(v), proj.units[v.unit].nama, indonesian(v.surveys[0].ikm, 2), v.surveys[0].mutu or "–",
                     f"{v.surveys[0].periode} {v.surveys[0].tahun}"] for v in surveyed], numeric_from=2)
             if surveyed else el("p", "Belum ada survei.")]
    if not s.ikm_verified:
        parts.append(el("p", f"Rumus dan batas mutu IKM ({s.ikm_sumber}) {UNVERIFIED}.", class_="kt-catatan"))
    return page("Layanan publik", parts, hide=("toc",))


def metodologi_parts(proj) -> list:
    """The complaint deadlines and the IKM rule on the Metodologi page, from the same
    rules/pelayanan-publik.yml the checker reads."""
    s = getattr(proj, "suara", None)
    if s is None:
        return []
    return [
        md_heading(2, "Pengaduan dan Indeks Kepuasan Masyarakat"),
        el("p", "Dari berkas rules/pelayanan-publik.yml, yang juga dibaca pemeriksa. Hari kejadian adalah hari ke-0."),
        el("ul", [el("li", w) for w in _deadline_words(s)]),
        el("p", "Hari kerja: hari kerja sepekan dikurangi hari libur nasional dan daerah di kalender hari libur; cuti bersama "
                + ("dihitung libur." if s.cuti_bersama_libur else "tetap dihitung hari kerja.")),
        el("div", el("table", el("thead", el("tr", el("th", "Status", scope="col"), el("th", "Padanan SP4N-LAPOR!", scope="col"),
                                             el("th", "Pengaduan", scope="col"))),
                     el("tbody", [el("tr", el("td", n), el("td", w), el("td", "masih terbuka" if o else "ditutup")) for n, w, o in s.statuses])),
           class_="kt-tabel-wadah"),
        el("p", "Kategori pengaduan: " + "; ".join(s.kategori.values()) + "."),
        el("p", f"IKM = jumlah NRR unsur × bobot (1/9) × 25; NRR = jumlah nilai jawaban / responden. Sumber: {s.ikm_sumber}"
                + ("." if s.ikm_verified else f" ({UNVERIFIED}).")),
    ]


# --- open data ------------------------------------------------------------------------------------------

F = Field
COMPLAINTS = Resource("pengaduan", "Pengaduan masyarakat", "Satu baris per pengaduan: hanya kolom publik (tanpa identitas pelapor dan tanpa nomor pelacakan LAPOR!).", (
    F("nomor", "string", "Nomor", "Nomor pengaduan milik pemda.", True),
    F("tahun", "integer", "Tahun", "Tahun diterima.", True),
    F("diterima", "date", "Diterima", "Tanggal diterima.", True),
    F("kanal", "string", "Kanal", "Kanal masuknya pengaduan.", True),
    F("unit", "string", "Unit", "Id unit layanan.", True),
    F("layanan", "string", "Layanan", "Id layanan di unit itu.", True),
    F("kategori", "string", "Kategori", "Kategori pengaduan.", True),
    F("status", "string", "Status", "Status terakhir.", True),
    F("ringkasan", "string", "Ringkasan", "Ringkasan publik yang ditulis admin.", True),
    F("tanggal_status", "date", "Tanggal status", "Tanggal status terakhir.", True),
    F("tindak_lanjut", "string", "Tindak lanjut", "Uraian tindak lanjut, dipisah ' | '."),
    F("terlambat", "boolean", "Melewati tenggat", "ya bila ada langkah yang melewati tenggatnya.", True),
))
SURVEYS = Resource("survei", "Survei kepuasan masyarakat", "Satu baris per survei dan unsur: nilai rata-rata (NRR) dan IKM.", (
    F("tahun", "integer", "Tahun", "Tahun survei.", True),
    F("periode", "string", "Periode", "Periode survei.", True),
    F("unit", "string", "Unit", "Id unit.", True),
    F("layanan", "string", "Layanan", "Id layanan (kosong untuk survei seluruh unit)."),
    F("responden", "integer", "Responden", "Banyak responden.", True),
    F("unsur", "string", "Unsur", "Nama unsur.", True),
    F("nrr", "number", "NRR", "Nilai rata-rata unsur (1-4), dibulatkan 4 desimal.", True),
    F("ikm", "number", "IKM", "Indeks Kepuasan Masyarakat survei ini, dibulatkan 2 desimal.", True),
    F("mutu", "string", "Mutu", "Mutu pelayanan menurut IKM."),
))

# the Data terbuka page lists these downloads and their dictionary (publish/opendata.page_text)
OPEN_DATA = (("Suara publik: pengaduan dan survei kepuasan (semua tahun)", "suara", COMPLAINTS),
             ("Suara publik: pengaduan dan survei kepuasan (semua tahun)", "suara", SURVEYS))


def _round(v: Fraction, places: int) -> float:
    return float(rounded(v, places))  # half up, the one rounding rule (score/numbers.py)


_ROW = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))


def _json_rows(rows: list[dict]) -> str:
    """json.dumps(rows, ensure_ascii=False, indent=1) for a list of flat rows (scalar values),
    the same text: with indent, json encodes in Python (20,000 complaints took most of the
    open data's time); a row encoded by the C encoder with the indented separators is the
    row as indent=1 writes it once its braces are opened onto their own lines."""
    if not rows:
        return "[]"
    return "[\n " + ",\n ".join("{}" if not r else "{\n  " + _ROW.encode(r)[1:-1] + "\n }" for r in rows) + "\n]"


def open_data(s, proj=None) -> dict[str, bytes]:
    """Complaints and surveys as CSV and JSON, and (given the projection, for the workbook's
    title and dates) as .xlsx with the data dictionary first (publish/xlsxdata.py)."""
    crow, srow = [], []
    for v in s.services.values():
        for c in v.complaints:
            crow.append({"nomor": c.nomor, "tahun": c.tahun, "diterima": c.diterima.isoformat(), "kanal": c.kanal, "unit": c.unit,
                         "layanan": c.layanan, "kategori": c.kategori, "status": c.status, "ringkasan": c.ringkasan,
                         "tanggal_status": c.riwayat[-1].tanggal.isoformat(),
                         "tindak_lanjut": " | ".join(t.uraian for t in c.tindak_lanjut) or None,
                         "terlambat": "ya" if any(k.late for k in c.clocks) else "tidak"})
    seen = set()
    for v in s.services.values():
        for x in v.surveys:
            ident = (x.tahun, x.periode_kode, x.unit, x.layanan)
            if ident in seen:
                continue
            seen.add(ident)
            for n, val in x.nrr:
                srow.append({"tahun": x.tahun, "periode": x.periode_kode, "unit": x.unit, "layanan": x.layanan, "responden": x.responden,
                             "unsur": n, "nrr": _round(val, 4), "ikm": _round(x.ikm, 2), "mutu": x.mutu})
    crow.sort(key=lambda r: r["nomor"])
    dump = lambda rows: (_json_rows(rows) + "\n").encode("utf-8")  # noqa: E731
    out = {f"{BASE}/suara/pengaduan.csv": to_csv(COMPLAINTS, crow), f"{BASE}/suara/pengaduan.json": dump(crow),
           f"{BASE}/suara/survei.csv": to_csv(SURVEYS, srow), f"{BASE}/suara/survei.json": dump(srow)}
    if proj is not None:
        for r, rows in ((COMPLAINTS, crow), (SURVEYS, srow)):
            out[f"{BASE}/suara/{r.name}.xlsx"] = to_xlsx(r, rows, year=None, regency=proj.regency.nama, fiktif=proj.regency.fiktif,
                                                         commit=proj.build.sha, epoch=proj.build.epoch)
    return out


def datapackage_resources() -> list[dict]:
    out = []
    for r in (COMPLAINTS, SURVEYS):
        fields = []
        for f in r.fields:
            d = {"name": f.name, "type": f.type, "title": f.title, "description": f.description}
            if f.type == "boolean":
                d.update({"trueValues": ["ya"], "falseValues": ["tidak"]})
            if f.required:
                d["constraints"] = {"required": True}
            fields.append(d)
        out.append({"name": f"suara-{r.name}", "path": f"suara/{r.name}.csv", "title": r.title, "description": r.description,
                    "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                    "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
                    "schema": {"fields": fields, "missingValues": [""]}})
    return out


def add_pages(proj, tree) -> None:
    """Register the suara publik pages, charts and downloads in the site tree."""
    s = getattr(proj, "suara", None)
    if s is None or not s.services:
        return
    tree.files[INDEX] = index_page(proj, s)
    for unit in s.by_unit:
        tree.files[unit_src(unit)] = unit_page(proj, s, unit, tree)
    for key, view in s.services.items():
        tree.files[service_src(*key)] = service_page(proj, s, view, tree)
    if "data_terbuka" in proj.sections:
        tree.files.update(open_data(s, proj))
        dp = f"{BASE}/datapackage.json"
        if dp in tree.files:
            doc = json.loads(tree.files[dp])
            doc["resources"] += datapackage_resources()
            tree.files[dp] = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def home_overdue_cell(proj, pd: str, year) -> str:
    """The home page's "where are complaints overdue": open complaints past a deadline in the
    perangkat daerah's units (every recorded year; clocks stop at the build commit's date)."""
    s = getattr(proj, "suara", None)
    figs = [f for u, f in (s.unit_figures.items() if s is not None else ()) if u in proj.units and proj.units[u].pd == pd]
    if not figs:
        return "–"
    opened, late = sum(f.open for f in figs), sum(f.overdue for f in figs)
    if late:
        return f"{late} dari {opened} pengaduan terbuka melewati tenggat"
    return f"tidak ada yang melewati tenggat ({opened} terbuka)"


HOME_COLUMNS.append(("Pengaduan melewati tenggat", home_overdue_cell))

