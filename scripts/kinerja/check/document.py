"""Checks on one schema-valid document that a JSON Schema cannot express.

Path and content agree, ids are unique inside the file, dates are ordered, a NIP is well
formed, a range target is a range. Everything here needs only the file itself, so its
result can be cached with the file.
"""

from __future__ import annotations

from datetime import date

from kinerja.findings import Collector, has_nip
from kinerja.model import records as R
from kinerja.model.calendar import period_months, same_family
from kinerja.model.rules import semantic_problems
from kinerja.scaffold import PLACEHOLDER


def check_path_agrees(c: Collector, rel: str, kind: str, keys: dict, data: dict) -> None:
    """The path names the person/unit/year/period; the content must say the same."""
    pairs = {
        "person": [("id", keys.get("id"))],
        "unit": [("id", keys.get("unit"))],
        "goals": [("unit", keys.get("unit")), ("tahun", keys.get("tahun"))],
        "unit_result": [("unit", keys.get("unit")), ("tahun", keys.get("tahun")), ("periode", keys.get("periode"))],
        "plan": [("pegawai", keys.get("pegawai")), ("tahun", keys.get("tahun"))],
        "evaluation": [("pegawai", keys.get("pegawai")), ("tahun", keys.get("tahun")), ("periode", keys.get("periode"))],
        "rules": [("id", keys.get("id"))],
        "career_rules": [("id", keys.get("id"))],
        "calibration": [("unit", keys.get("unit")), ("tahun", keys.get("tahun")), ("periode", keys.get("periode"))],
    }.get(kind, [])
    for field, expected in pairs:
        if expected is None or field not in data:
            continue
        actual = data[field]
        if str(actual) != str(expected):
            c.error(
                rel,
                (field,),
                "path-mismatch",
                f"Kolom {field} berisi “{actual}”, tetapi nama berkas/folder menyatakan “{expected}”. "
                "Samakan isinya, atau pindahkan/ganti nama berkas.",
            )


# Keys whose values are not free text: the NIP field itself (checked by check_nip), the keyed NIP hash
# (hex, where 16 digits in a row happen by chance) and links
# (long numeric ids are common in document URLs; a link is published only when marked public).
NOT_FREE_TEXT = frozenset({"nip", "sidik_nip", "url"})


def check_free_text(c: Collector, rel: str, data, scanned: frozenset = frozenset()) -> None:
    """A NIP typed into any free-text field (uraian, catatan, keterangan, ...) is refused with
    its line: the repository needs no NIP, and such text could reach the public site.

    `scanned`: shapes of paths (list indices as None) whose text the kind's own check already
    reads with a stricter rule that also finds every NIP (suara publik's public text, which
    reports NIK, NIP, phone and e-mail as one finding): skipped here, so one number is
    reported once."""
    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in NOT_FREE_TEXT:
                    walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, path + (i,))
        elif isinstance(node, str) and has_nip(node):
            if scanned and tuple(None if isinstance(p, int) else p for p in path) in scanned:
                return
            c.error(rel, path, "text-nip",
                    "Teks ini memuat deretan angka seperti NIP (18 angka, atau 16 angka atau lebih). NIP tidak boleh "
                    "ditulis di teks bebas karena dapat terbit di situs publik; hapus angkanya (nilai tidak ditampilkan).")

    walk(data, ())


def check_regency(c: Collector, r: R.Regency) -> None:
    month, day = (int(x) for x in r.deadlines["skp_disetujui"].split("-"))
    try:
        date(2024, month, day)  # a leap year: 02-29 is a real day
    except ValueError:
        c.error(r.file, ("tenggat", "skp_disetujui"), "config-invalid", f"Tanggal {month:02d}-{day:02d} tidak ada di kalender.")
    years = [start for start, _ in r.rule_sets]
    if len(years) != len(set(years)):
        c.error(r.file, ("aturan",), "config-invalid", "Dua aturan mulai pada tahun yang sama; setiap mulai_tahun hanya sekali.")


def check_nip(nip: str, status: str) -> str | None:
    """Why a NIP (PNS) or NI PPPK is malformed, or None. Never echoes the number."""
    if len(nip) != 18 or not nip.isdigit():
        return "NIP harus tepat 18 angka."
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return "Delapan angka pertama NIP harus tanggal lahir yang ada (TTTTBBHH)."
    if not 1930 <= birth.year <= 2015:
        return "Tahun lahir pada NIP (angka ke-1 s.d. 4) tidak masuk akal."
    if status == "pppk":
        start_year = int(nip[8:12])
    else:
        start_year, month = int(nip[8:12]), int(nip[12:14])
        if not 1 <= month <= 12:
            return "Angka ke-13 dan 14 NIP (bulan pengangkatan) harus 01 s.d. 12."
    if start_year < birth.year + 15:
        return "Tahun pengangkatan pada NIP (angka ke-9 s.d. 12) terlalu dekat dengan tahun lahir."
    if nip[14] not in "12":
        return "Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."
    return None


def check_person(c: Collector, p: R.Person) -> None:
    if p.nip is not None:
        problem = check_nip(p.nip, p.status)
        if problem:
            c.error(p.file, ("nip",), "nip-invalid", problem + " Periksa kembali dengan SK (nilai tidak ditampilkan).")
    for a in p.assignments:
        if a.selesai is not None and a.selesai < a.mulai:
            c.error(p.file, a.path + ("selesai",), "assignment-dates", "Tanggal selesai penugasan lebih awal dari tanggal mulai.")
        if a.pejabat_penilai == p.id:
            c.error(p.file, a.path + ("pejabat_penilai",), "penilai-invalid", "Seseorang tidak dapat menjadi pejabat penilai dirinya sendiri.")
        # No pejabat_penilai is the normal case: it is derived from the unit tree (model/org.py);
        # a day of a plan without any penilai is a cross-file finding (penilai-missing).
        if a.alasan_penilai is not None and a.pejabat_penilai is None:
            c.warning(p.file, a.path + ("alasan_penilai",), "penilai-exception",
                      "alasan_penilai hanya berarti bersama pejabat_penilai (pengecualian). Hapus baris ini atau tulis pejabat_penilai.")
    ordered = sorted(p.assignments, key=lambda a: a.mulai)
    for prev, nxt in zip(ordered, ordered[1:]):
        if prev.selesai is None or prev.selesai >= nxt.mulai:
            c.error(
                p.file,
                nxt.path + ("mulai",),
                "assignment-overlap",
                f"Penugasan ini mulai {nxt.mulai.isoformat()} padahal penugasan sebelumnya "
                f"({prev.jabatan}) belum selesai. Isi 'selesai' pada penugasan sebelumnya dengan "
                "tanggal sehari sebelum penugasan baru.",
            )
    for i, (mulai, selesai) in enumerate(p.kontrak):
        if selesai < mulai:
            c.error(p.file, ("kontrak_pppk", i, "selesai"), "assignment-dates", "Tanggal selesai perjanjian kerja lebih awal dari tanggal mulainya.")
    if p.kontrak and p.status != "pppk":
        c.warning(p.file, ("kontrak_pppk",), "assignment-dates", "Masa perjanjian kerja hanya berlaku bagi PPPK; status kepegawaian orang ini bukan pppk.")
    for a in p.acting:
        if a.selesai is not None and a.selesai < a.mulai:
            c.error(p.file, a.path + ("selesai",), "assignment-dates", "Tanggal selesai Plt./Plh. lebih awal dari tanggal mulai.")
    by_unit: dict[str, list] = {}
    for a in p.acting:
        by_unit.setdefault(a.unit, []).append(a)
    for unit, items in by_unit.items():
        items.sort(key=lambda a: a.mulai)
        for prev, nxt in zip(items, items[1:]):
            if prev.selesai is None or prev.selesai >= nxt.mulai:
                c.error(p.file, nxt.path + ("mulai",), "assignment-overlap", f"Dua penugasan Plt./Plh. untuk unit {unit} bertumpang tindih.")


def check_units(c: Collector, units: list[R.Unit]) -> None:
    seen: dict[str, R.Unit] = {}
    for u in units:
        if u.id in seen:
            c.error(u.file, u.path + ("id",), "duplicate-id", f"Id unit “{u.id}” dipakai lebih dari sekali di berkas ini.")
        seen[u.id] = u
    pd = units[0]
    for u in units[1:]:
        if u.induk not in seen:
            c.error(
                u.file,
                u.path + ("induk",),
                "unit-tree",
                f"Unit induk “{u.induk}” tidak ada di berkas ini. Induk sub-unit adalah perangkat daerah "
                f"“{pd.id}” atau sub-unit lain di berkas yang sama.",
            )
            continue
        # walk up: a cycle never reaches the perangkat daerah
        cursor, steps = u, 0
        while cursor.induk != pd.id and steps <= len(units):
            parent = seen.get(cursor.induk)
            if parent is None or parent.is_pd:
                break
            cursor, steps = parent, steps + 1
        if steps > len(units):
            c.error(u.file, u.path + ("induk",), "unit-tree", "Susunan induk sub-unit membentuk lingkaran.")


def check_goals(c: Collector, g: R.GoalSet) -> None:
    seen = set()
    for goal in g.goals:
        if goal.id in seen:
            c.error(g.file, goal.path + ("id",), "duplicate-id", f"Id sasaran “{goal.id}” dipakai lebih dari sekali.")
        seen.add(goal.id)
        for i, ind in enumerate(goal.indikator):
            _check_target(c, g.file, goal.path + ("indikator", i, "target"), ind.target)


def _check_target(c: Collector, file: str, path: tuple, t: R.Target | None) -> None:
    if t is not None and t.is_range and t.min >= t.maks:
        c.error(file, path + ("min",), "plan-target", "Pada target rentang, 'min' harus lebih kecil dari 'maks'.")


def _check_validity(c: Collector, file: str, path: tuple, first: str | None, last: str | None, what: str) -> None:
    if first and last:
        if not same_family(first, last):
            c.error(file, path + ("berlaku_sampai",), "plan-retired", f"berlaku_mulai dan berlaku_sampai {what} harus sama-sama triwulan atau sama-sama bulan.")
        elif period_months(last)[1] < period_months(first)[0]:
            c.error(file, path + ("berlaku_sampai",), "plan-retired", f"berlaku_sampai {what} lebih awal dari berlaku_mulai.")


def check_plan(c: Collector, p: R.Plan, keys: dict) -> None:
    year_start, year_end = date(p.tahun, 1, 1), date(p.tahun, 12, 31)
    if not (year_start <= p.mulai <= p.selesai <= year_end):
        c.error(
            p.file,
            ("periode",),
            "plan-period",
            f"Periode rencana harus di dalam tahun {p.tahun} dan tanggal mulai tidak boleh setelah tanggal selesai.",
        )
    suffix = keys.get("mulai")
    if suffix is not None and suffix != p.mulai.isoformat():
        c.error(
            p.file,
            ("periode", "mulai"),
            "path-mismatch",
            f"Nama berkas menyebut tanggal mulai {suffix}, tetapi periode.mulai adalah {p.mulai.isoformat()}.",
        )
    rhk_ids = set()
    for r in p.rhk:
        if r.id in rhk_ids:
            c.error(p.file, r.path + ("id",), "duplicate-id", f"Id RHK “{r.id}” dipakai lebih dari sekali di rencana ini.")
        rhk_ids.add(r.id)
        _check_validity(c, p.file, r.path, r.berlaku_mulai, r.berlaku_sampai, "RHK")
        iki_ids = set()
        for k in r.indikator:
            if k.id in iki_ids:
                c.error(p.file, k.path + ("id",), "duplicate-id", f"Id IKI “{k.id}” dipakai lebih dari sekali di RHK {r.id}.")
            iki_ids.add(k.id)
            _check_target(c, p.file, k.path + ("target",), k.target)
            _check_validity(c, p.file, k.path, k.berlaku_mulai, k.berlaku_sampai, "IKI")
    _check_placeholders(c, p)


def _check_placeholders(c: Collector, p: R.Plan) -> None:
    """Scaffold text (marked PLACEHOLDER by `kinerja new`) left in: an error once approved."""
    texts = []
    for r in p.rhk:
        texts.append((r.path + ("uraian",), r.uraian))
        for k in r.indikator:
            texts += [(k.path + ("uraian",), k.uraian), (k.path + ("target",), k.target_teks), (k.path + ("target", "satuan"), k.target.satuan if k.target else None)]
    texts += [(("perilaku_kerja", key, "ekspektasi_khusus"), text) for key, text in p.perilaku.items()]
    texts += [(("lampiran", key, i), text) for key, items in p.lampiran.items() for i, text in enumerate(items)]
    texts.append((("catatan",), p.catatan))
    flag = c.error if p.status == "disetujui" else c.warning
    for path, text in texts:
        if isinstance(text, str) and PLACEHOLDER in text:
            flag(p.file, path, "plan-placeholder",
                 f"Teks contoh dari 'kinerja new' (bertanda {PLACEHOLDER}) belum diganti. Tulis isi yang sebenarnya dan hapus tanda "
                 f"{PLACEHOLDER}" + ("; rencana berstatus disetujui tidak boleh memuat teks contoh." if p.status == "disetujui" else "."))


def check_evaluation(c: Collector, e: R.Evaluation) -> None:
    seen = set()
    for r in e.reports:
        if r.rhk in seen:
            c.error(e.file, r.path + ("rhk",), "duplicate-id", f"Realisasi RHK “{r.rhk}” ditulis lebih dari sekali.")
        seen.add(r.rhk)
        iki_seen = set()
        for k in r.indikator:
            if k.iki in iki_seen:
                c.error(e.file, k.path + ("iki",), "duplicate-id", f"Realisasi IKI “{k.iki}” ditulis lebih dari sekali.")
            iki_seen.add(k.iki)
    seen = set()
    for r in e.ratings:
        if r.rhk in seen:
            c.error(e.file, r.path + ("rhk",), "duplicate-id", f"Penilaian RHK “{r.rhk}” ditulis lebih dari sekali.")
        seen.add(r.rhk)
    for i, k in enumerate(e.koreksi):
        if k.tanggal.year < e.tahun:
            c.error(e.file, ("koreksi", i, "tanggal"), "koreksi-invalid", "Tanggal koreksi lebih awal dari tahun kinerja evaluasi ini.")


def check_rules(c: Collector, rel: str, rs) -> None:
    for path, message in semantic_problems(rs):
        c.error(rel, path, "rules-invalid", message)
