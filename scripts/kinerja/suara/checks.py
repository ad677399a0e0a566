"""Rules of the suara publik kinds that a schema cannot express.

* per file (cached with the file): the path agrees with the content; the status history
  starts with `diterima` on the day received and runs forward in time; `selesai` only with a
  tindak lanjut; public text never looks like a NIK, NIP, phone number or e-mail address;
  a survey's respondent totals agree across unsur;
* per year (one cross-file subject): every code, unit, service and RHK/IKI named exists;
* per day (timing): a step past its deadline is a warning with the days late.
"""

from __future__ import annotations

from datetime import date

from kinerja.findings import Collector
from kinerja.suara import RULES_FILE, privacy
from kinerja.suara import load as L
from kinerja.suara.deadlines import clocks
from kinerja.suara.records import Complaint, RhkRef, ServiceMap, Survey


def _fmt(d: date) -> str:
    return d.strftime("%d-%m-%Y")


def _text(c: Collector, rel: str, path: tuple, text: str | None, label: str) -> None:
    if not text:
        return
    hit = privacy.find(text)
    if hit:
        what, line = hit
        where = f" (baris ke-{line} teks ini)" if "\n" in text.strip() else ""
        c.error(rel, path, "suara-personal-data",
                f"{label} tampak memuat {what}{where}. Teks ini terbit di situs publik: hapus data pribadi "
                "(NIK, NIP, nomor telepon, alamat surel, nama pelapor) dan tulis ringkasannya saja.")


# The public text of each kind that `_text` reads (shapes of paths, list indices as None). The
# generic NIP check (check/document.py) skips these: privacy.find reports every NIP-like run it
# would, so a NIP in a complaint's summary is one finding, not two.
PUBLIC_TEXT = {
    "complaint": frozenset({("ringkasan",), ("riwayat", None, "keterangan"), ("tindak_lanjut", None, "uraian")}),
    "survey": frozenset({("metode",)}),
}


def _agree(c: Collector, rel: str, path: tuple, actual, expected, what: str) -> None:
    if expected is not None and str(actual) != str(expected):
        c.error(rel, path, "path-mismatch",
                f"Kolom {what} berisi “{actual}”, tetapi nama berkas/folder menyatakan “{expected}”. "
                "Samakan isinya, atau pindahkan/ganti nama berkas.")


# --- one file ----------------------------------------------------------------------------------


def check_complaint(c: Collector, rec: Complaint, keys: dict) -> None:
    f = rec.file
    _agree(c, f, ("nomor",), rec.nomor, keys.get("nomor"), "nomor")
    if str(rec.diterima.year) != keys.get("tahun"):
        c.error(f, ("diterima",), "path-mismatch",
                f"Pengaduan diterima {_fmt(rec.diterima)}, tetapi berkasnya di folder tahun {keys.get('tahun')}. "
                f"Simpan di complaints/{rec.diterima.year}/.")
    first = rec.riwayat[0]
    if first.status != "diterima" or first.tanggal != rec.diterima:
        c.error(f, first.path, "suara-history",
                f"Riwayat status harus diawali “status: diterima” pada tanggal diterima ({_fmt(rec.diterima)}).")
    for prev, step in zip(rec.riwayat, rec.riwayat[1:]):
        if step.tanggal < prev.tanggal:
            c.error(f, step.path + ("tanggal",), "suara-history",
                    f"Tanggal {_fmt(step.tanggal)} lebih awal dari status sebelumnya ({_fmt(prev.tanggal)}). "
                    "Riwayat ditulis berurutan dari yang terlama.")
    for t in rec.tindak_lanjut:
        if t.tanggal < rec.diterima:
            c.error(f, t.path + ("tanggal",), "suara-history",
                    f"Tindak lanjut bertanggal {_fmt(t.tanggal)}, sebelum pengaduan diterima ({_fmt(rec.diterima)}).")
    closed = [s for s in rec.riwayat if s.status == "selesai"]
    if closed and not rec.tindak_lanjut:
        c.error(f, closed[0].path + ("status",), "suara-selesai-tanpa-tindak-lanjut",
                "Pengaduan hanya boleh berstatus selesai bila tindak lanjutnya dicatat. Tambahkan "
                "tindak_lanjut (tanggal, unit, uraian, dan tautan perubahan perbaikan bila ada).")
    _text(c, f, ("ringkasan",), rec.ringkasan, "Ringkasan publik")
    for s in rec.riwayat:
        _text(c, f, s.path + ("keterangan",), s.keterangan, "Keterangan status")
    for t in rec.tindak_lanjut:
        _text(c, f, t.path + ("uraian",), t.uraian, "Uraian tindak lanjut")


def check_survey(c: Collector, rec: Survey, keys: dict) -> None:
    f = rec.file
    _agree(c, f, ("unit",), rec.unit, keys.get("unit"), "unit")
    _agree(c, f, ("tahun",), rec.tahun, keys.get("tahun"), "tahun")
    _agree(c, f, ("periode",), rec.periode, keys.get("periode_survei"), "periode")
    if keys.get("layanan") != rec.layanan:
        c.error(f, ("layanan",) if rec.layanan else (), "path-mismatch",
                f"Nama berkas menyebut layanan “{keys.get('layanan') or '-'}”, isinya “{rec.layanan or '-'}”. "
                "Survei satu layanan diberi nama <unit>.<layanan>.yml dan memuat layanan: <id>.")
    totals = {k: sum(v) for k, v in rec.unsur.items()}
    counts: dict[int, int] = {}
    for t in totals.values():
        counts[t] = counts.get(t, 0) + 1
    usual = max(counts, key=lambda t: (counts[t], t))
    if usual == 0:
        c.error(f, ("unsur",), "suara-survey-totals", "Survei ini tidak memuat responden (semua jumlah 0).")
    for k, t in totals.items():
        if t != usual:
            c.error(f, ("unsur", k), "suara-survey-totals",
                    f"Unsur {k} berjumlah {t} responden, unsur lain {usual}. Setiap responden menjawab semua unsur: "
                    "periksa angka jawaban 1-4 unsur ini.", key=True)
    _text(c, f, ("metode",), rec.metode, "Metode survei")


def check_service_map(c: Collector, rec: ServiceMap, keys: dict) -> None:
    _agree(c, rec.file, ("unit",), rec.unit, keys.get("unit"), "unit")
    _agree(c, rec.file, ("tahun",), rec.tahun, keys.get("tahun"), "tahun")


def check_holidays(c: Collector, rec, keys: dict) -> None:
    _agree(c, rec.file, ("tahun",), rec.tahun, keys.get("tahun"), "tahun")
    for day, path in rec.paths.items():
        if day.year != rec.tahun:
            c.error(rec.file, path + ("tanggal",), "suara-calendar",
                    f"Tanggal {_fmt(day)} tidak berada di tahun {rec.tahun}. Catat di organisation/hari-libur/{day.year}.yml.")


def check_rules(c: Collector, rec) -> None:
    total = sum(w for _n, w in rec.unsur.values())
    if total != 1:
        c.error(rec.file, ("ikm", "unsur"), "suara-rules",
                f"Jumlah bobot unsur IKM adalah {total}, seharusnya 1. Periksa bobot setiap unsur.")
    for dl in rec.deadlines:
        for st in (dl.mulai_dari, *dl.selesai_pada):
            if st not in rec.status:
                c.error(rec.file, ("tenggat", dl.key), "suara-rules",
                        f"Tenggat {dl.key} menyebut status “{st}” yang tidak ada di daftar status.")
    for k, (_n, a, b) in rec.survey_periods.items():
        if a > b:
            c.error(rec.file, ("periode_survei", k), "suara-rules", f"Periode survei {k}: tanggal mulai sesudah tanggal sampai.")


DOCUMENT_CHECKS = {
    "complaint": check_complaint,
    "survey": check_survey,
    "service_map": check_service_map,
    "holidays": check_holidays,
}


# --- across files (one subject per year) ------------------------------------------------------------


class _Refs:
    """RHK/IKI references resolved against the plans of one year; remembers the plans read."""

    def __init__(self, repo, year: int):
        self.repo, self.year, self.read = repo, year, []

    def check(self, c: Collector, rel: str, ref: RhkRef) -> None:
        plans = self.repo.plans_of(ref.pegawai, self.year)
        if ref.pegawai not in self.read:
            self.read.append(ref.pegawai)
        if not plans:
            if ref.pegawai not in self.repo.people:
                c.error(rel, ref.path + ("pegawai",), "suara-ref-unknown", f"Pegawai {ref.pegawai} tidak terdaftar di organisation/people/.")
            elif not self.repo.group_has_broken(ref.pegawai, self.year):
                c.error(rel, ref.path + ("pegawai",), "suara-ref-unknown", f"{ref.pegawai} belum punya rencana (SKP) tahun {self.year}.")
            return
        rhk = next((r for p in plans if (r := p.rhk_by_id(ref.rhk)) is not None), None)
        if rhk is None:
            c.error(rel, ref.path + ("rhk",), "suara-ref-unknown", f"Rencana {ref.pegawai} tahun {self.year} tidak memuat RHK {ref.rhk}.")
        elif ref.iki and all(i.id != ref.iki for i in rhk.indikator):
            c.error(rel, ref.path + ("iki",), "suara-ref-unknown", f"RHK {ref.rhk} milik {ref.pegawai} tidak memuat IKI {ref.iki}.")


def _service(c: Collector, repo, rel: str, path: tuple, unit_id: str, service_id: str | None) -> bool:
    unit = repo.units.get(unit_id)
    if unit is None:
        if not repo.has_broken("unit"):
            c.error(rel, path + ("unit",), "suara-ref-unknown", f"Unit {unit_id} tidak ada di organisation/units/.")
        return False
    if service_id is not None and all(s.id != service_id for s in unit.layanan):
        known = ", ".join(s.id for s in unit.layanan) or "belum ada layanan tercatat"
        c.error(rel, path + ("layanan",), "suara-ref-unknown",
                f"Unit {unit_id} tidak mencatat layanan {service_id} (layanan: di {unit.file}; yang ada: {known}).")
        return False
    return True


def _code(c: Collector, rel: str, path: tuple, value: str, table: dict, what: str) -> None:
    if value not in table:
        c.error(rel, path, "suara-code-unknown",
                f"{what} “{value}” tidak ada di {RULES_FILE}. Pilihan: {', '.join(table)}.")


def check_year(c: Collector, repo, year: int) -> list[str]:
    """Every reference of the year's complaints, surveys and service maps. Returns the people
    whose plans were read (the subject is re-checked when one of their plans changes)."""
    rules = L.rules(repo)
    refs = _Refs(repo, year)
    complaints, surveys, maps = L.complaints(repo, year), L.surveys(repo, year), L.service_maps(repo, year)
    if rules is None and (complaints or surveys):
        if RULES_FILE not in repo.files:
            first = (complaints or surveys)[0]
            c.error(first.file, (), "suara-rules", f"Berkas aturan {RULES_FILE} belum ada; salin dari contoh proyek.")
        return refs.read
    for k in complaints:
        _code(c, k.file, ("kanal",), k.kanal, rules.kanal, "Kanal")
        _code(c, k.file, ("kategori",), k.kategori, rules.kategori, "Kategori")
        for s in k.riwayat:
            _code(c, k.file, s.path + ("status",), s.status, rules.status, "Status")
        _service(c, repo, k.file, (), k.unit, k.layanan)
        for t in k.tindak_lanjut:
            if t.unit not in repo.units and not repo.has_broken("unit"):
                c.error(k.file, t.path + ("unit",), "suara-ref-unknown", f"Unit {t.unit} tidak ada di organisation/units/.")
        for ref in k.rhk:
            refs.check(c, k.file, ref)
    for s in surveys:
        if s.periode not in rules.survey_periods:
            _code(c, s.file, ("periode",), s.periode, rules.survey_periods, "Periode survei")
        _service(c, repo, s.file, (), s.unit, s.layanan)
        for k in s.unsur:
            if k not in rules.unsur:
                c.error(s.file, ("unsur", k), "suara-survey-unsur",
                        f"Unsur “{k}” tidak dikenal. Unsur IKM: {', '.join(rules.unsur)}.", key=True)
        missing = [k for k in rules.unsur if k not in s.unsur]
        if missing:
            c.error(s.file, ("unsur",), "suara-survey-unsur", f"Unsur belum diisi: {', '.join(missing)}.", key=True)
    for m in maps:
        pd = repo.units.get(m.unit)
        if pd is None or not pd.is_pd:
            c.error(m.file, ("unit",), "suara-ref-unknown", f"{m.unit} bukan perangkat daerah di organisation/units/.")
            continue
        seen = set()
        for s in m.layanan:
            u = repo.units.get(s.unit)
            if u is not None and u.pd != m.unit:
                c.error(m.file, s.path + ("unit",), "suara-ref-unknown",
                        f"Unit {s.unit} termasuk perangkat daerah {u.pd}, bukan {m.unit}: catat di organisation/layanan/{year}/{u.pd}.yml.")
                continue
            if not _service(c, repo, m.file, s.path, s.unit, s.layanan):
                continue
            if (s.unit, s.layanan) in seen:
                c.error(m.file, s.path, "suara-ref-unknown", f"Layanan {s.unit}/{s.layanan} dicatat dua kali.")
            seen.add((s.unit, s.layanan))
            for ref in s.dijawab_oleh:
                refs.check(c, m.file, ref)
    evaluations = _Evaluations(repo, year)
    check_responses(c, repo, year, rules, complaints, maps, refs, evaluations)
    check_survey_sources(c, repo, year, rules, surveys, refs, evaluations)
    return refs.read


class _Evaluations:
    """A year's evaluations by person (plan stems `<id>` and `<id>.<mulai>`), indexed once."""

    def __init__(self, repo, year: int):
        self.repo, self.by_person = repo, {}
        for (y, key), items in repo.plan_evals.items():
            if y == year:
                self.by_person.setdefault(key.split(".", 1)[0], []).extend(rel for _p, rel in items)

    def of(self, person: str) -> list:
        rels = sorted(self.by_person.get(person, ()))
        self.repo.preload(rels)
        return [e for e in (self.repo.record(r) for r in rels) if e is not None]


def check_responses(c: Collector, repo, year: int, rules, complaints, maps, refs: _Refs, evaluations: _Evaluations) -> None:
    """A final evaluation of a person whose RHK/IKI answers for a service: non-empty umpan
    balik for that RHK, and pengaduan_ditanggapi listing the period's complaints about it."""
    from kinerja.model.calendar import period_range

    severity = "error" if rules.tanggapan == "kesalahan" else "warning"
    linked: dict[str, dict[str, set]] = {}  # person -> rhk -> services
    for m in maps:
        for s in m.layanan:
            for ref in s.dijawab_oleh:
                linked.setdefault(ref.pegawai, {}).setdefault(ref.rhk, set()).add((s.unit, s.layanan))
    by_service: dict[tuple, list] = {}
    for k in complaints:
        by_service.setdefault((k.unit, k.layanan), []).append(k)
    known = {k.nomor for k in complaints}
    for person, rhks in linked.items():
        if person not in refs.read:
            refs.read.append(person)
        for e in evaluations.of(person):
            if e.status != "final":
                continue
            start, end = period_range(year, e.periode)
            for rhk_id, services in sorted(rhks.items()):
                rating = e.rating_for(rhk_id)
                if rating is None or not (rating.umpan_balik or "").strip():
                    names = ", ".join(f"{u}/{l}" for u, l in sorted(services))
                    c.add(severity, e.file, rating.path if rating else ("penilaian",), "suara-tanggapan",
                          f"RHK {rhk_id} menjawab layanan publik ({names}): evaluasi akhir perlu umpan balik untuk RHK ini "
                          "yang mempertimbangkan pengaduan dan survei layanannya.")
                due = sorted(k.nomor for svc in services for k in by_service.get(svc, ()) if start <= k.diterima <= end)
                missing = [n for n in due if n not in e.pengaduan_ditanggapi]
                if missing:
                    c.add(severity, e.file, ("penilaian",), "suara-tanggapan",
                          f"Pengaduan tentang layanan yang dijawab RHK {rhk_id} pada periode ini belum disebut di "
                          f"penilaian.pengaduan_ditanggapi: {', '.join(missing)}.")
            for i, nomor in enumerate(e.pengaduan_ditanggapi):
                if nomor not in known:
                    c.error(e.file, ("penilaian", "pengaduan_ditanggapi", i), "suara-ref-unknown",
                            f"Pengaduan {nomor} tidak ada di complaints/{year}/.")


def check_survey_sources(c: Collector, repo, year: int, rules, surveys, refs: _Refs, evaluations: _Evaluations) -> None:
    """An IKI whose realisasi is a survey's IKM (suara/realisasi.py: computed, not typed): a
    typed realisasi that disagrees with it is an error; a survey changed after the evaluation
    became final (from git history) is a warning, the evaluation keeps the value it had."""
    from kinerja.suara.realisasi import typed_agrees, value_for

    owners = sorted({e.keys["pegawai"] for e in repo.files.values()
                     if e.kind == "plan" and e.ok and int(e.keys["tahun"]) == year and e.facts and len(e.facts) > 4 and e.facts[4]})
    for person in owners:
        if person not in refs.read:
            refs.read.append(person)
        for e in evaluations.of(person):
            plan = repo.plan(e.tahun, e.key)
            for rhk in (plan.rhk if plan else ()):
                report = e.report_for(rhk.id)
                for iki in rhk.indikator:
                    if iki.sumber_survei is None or not iki.in_force(e.periode):
                        continue
                    typed = next((x for x in (report.indikator if report else ()) if x.iki == iki.id), None)
                    path = typed.path + ("realisasi",) if typed is not None else (report.path if report else ("realisasi",))
                    got = value_for(repo, iki, e)
                    if got.value is None:
                        c.warning(e.file, path, "suara-survey-realisasi",
                                  f"IKI {iki.id} bersumber survei {got.survey}, tetapi survei itu belum ada, belum dapat "
                                  "dihitung" + (f", atau belum ada saat evaluasi ini final (commit {got.commit[:12]})" if got.commit else "")
                                  + ": realisasinya kosong.")
                    elif typed is not None and not typed_agrees(typed.realisasi, got.value):
                        c.error(e.file, path, "suara-survey-realisasi",
                                f"Realisasi IKI {iki.id} dihitung dari survei {got.survey}: IKM-nya {got.value:.2f}"
                                + (f" (survei pada commit {got.commit[:12]}, saat evaluasi ini final)" if got.commit else "")
                                + f", bukan {typed.realisasi}. Hapus realisasi yang diketik atau tulis nilai itu.")
                    if got.changed:
                        then = f"{got.value:.2f}" if got.value is not None else "belum dapat dihitung"
                        now = f"{got.now:.2f}" if got.now is not None else "tidak dapat dihitung"
                        c.warning(e.file, path, "suara-survey-changed",
                                  f"Survei {got.survey} berubah setelah evaluasi ini final (commit {got.commit[:12]}): IKM saat "
                                  f"final {then}, kini {now}. Nilai evaluasi tetap memakai survei saat final; koreksi hanya "
                                  "lewat admin.")


# --- today -------------------------------------------------------------------------------------------


def check_timing(c: Collector, repo, today: date) -> None:
    """Open complaints past a deadline: one warning per late step, with the days late."""
    rules = L.rules(repo)
    if rules is None:
        return
    # the cached facts (last status, date received) pick the open complaints: only those are read
    open_rels = [rel for rel, e in repo.files.items() if e.kind == "complaint" and e.ok and e.facts
                 and (st := rules.status.get(e.facts[0])) is not None and st.terbuka and e.facts[1] <= today]
    if not open_rels:
        return
    complaints = L._records(repo, open_rels)
    cal = L.calendar(repo, rules)
    for k in complaints:
        where = ("riwayat", len(k.riwayat) - 1)
        facts = repo.files[k.file].facts
        repo.hint(k.file, where, facts[2] if len(facts) > 2 else None)
        for clock in clocks(k, rules.deadlines, cal, today):
            if clock.overdue:
                unit = "hari kerja" if clock.deadline.jenis == "kerja" else "hari"
                c.warning(k.file, where, "suara-overdue",
                          f"Langkah “{clock.deadline.nama}” ({clock.deadline.hari} {unit} sejak {_fmt(clock.start)}) "
                          f"jatuh tempo {_fmt(clock.due)} dan sudah terlambat {clock.late} {unit}. "
                          "Tindak lanjuti pengaduan ini dan catat statusnya.")
    for year in cal.missing_years():
        if year <= today.year:
            c.warning(complaints[0].file, (), "suara-calendar-missing",
                      f"Kalender hari libur {year} (organisation/hari-libur/{year}.yml) belum ada: tenggat hari kerja "
                      "tahun itu hanya memperhitungkan akhir pekan.")
