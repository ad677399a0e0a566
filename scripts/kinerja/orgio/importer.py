"""`kinerja import`: what a table of people and units would change in organisation/.

`plan_import` reads the tables, matches rows to files (people by id_pegawai, or by the NIP's
keyed hash; units by id_unit), and returns the new text of every file that changes, the
list of changes, and the findings. It writes nothing; `apply` writes the files atomically.
Rules:
- a change of unit, jabatan, golongan, ... is a new dated assignment starting on the row's
  `mulai`; the previous one ends the day before. History is never edited: a new `mulai`
  that is not after the latest assignment's start (or end) is an error;
- `selesai` on an unchanged row ends the open assignment;
- a column the file does not have leaves its field untouched; an empty cell clears an
  optional field (export -> import round-trips); an empty nip cell never clears anything;
- people and units absent from the file are left alone (and counted);
- every changed document passes the schemas before anything is written; any error means
  nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kinerja.findings import ERROR, WARNING, Finding, shown
from kinerja.orgio import nip as nipmod
from kinerja.orgio.cells import BAD, MISSING, RowReader
from kinerja.orgio.columns import ASSIGNMENT_FIELDS, CARRIED_WHEN_ABSENT, PEOPLE_SHEET, UNIT_SHEET
from kinerja.orgio.state import PEOPLE_DIR, UNITS_DIR, OrgState, leading_comments, load_state
from kinerja.orgio.table import Table, TableError, read_tables
from kinerja.orgio.emit import carry_comments, render

PERSON_HEADER = [
    "# yaml-language-server: $schema=../../schemas/person.schema.json",
    "# Dibuat oleh 'kinerja import' dari data kepegawaian instansi.",
]
UNIT_HEADER = [
    "# yaml-language-server: $schema=../../schemas/unit.schema.json",
    "# Dibuat oleh 'kinerja import' dari data kepegawaian instansi.",
]


class ImportUsageError(Exception):
    """A problem with the command itself (file unreadable, key missing): exit 2."""


@dataclass
class Entry:
    sign: str  # + added, ~ changed, - ended
    kind: str  # pegawai / unit
    id: str
    text: str


@dataclass
class ImportPlan:
    findings: list[Finding] = field(default_factory=list)
    writes: dict[str, str] = field(default_factory=dict)  # rel path -> new text
    expected: dict[str, bytes | None] = field(default_factory=dict)  # rel path -> bytes read (None: new file)
    entries: list[Entry] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


# --- small helpers ---------------------------------------------------------------------------


def _schema_order(root: Path, name: str, *path: str) -> list[str]:
    try:
        node = json.loads((root / "schemas" / name).read_text(encoding="utf-8"))
        for p in path:
            node = node["properties"][p] if p != "[]" else node["items"]
        return list(node["properties"])
    except (OSError, ValueError, KeyError, TypeError):
        return []


def place(d: dict, key: str, value, order: list[str]) -> None:
    """Set d[key]; a new key goes where the schema's property order puts it."""
    if key in d:
        d[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    mine = rank.get(key, len(order))
    items = list(d.items())
    at = len(items)
    for i, (k, _) in enumerate(items):
        if rank.get(k, -1) > mine:
            at = i
            break
    items.insert(at, (key, value))
    d.clear()
    d.update(items)


def put(d: dict, key: str, value, order: list[str]) -> None:
    """Set or (value None) remove an optional key."""
    if value is None:
        d.pop(key, None)
    else:
        place(d, key, value, order)


def _copy(value):
    """A copy of a loaded document (dicts, lists, scalars); 5x faster than copy.deepcopy."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _day_before(iso: str) -> str:
    return (date.fromisoformat(iso) - timedelta(days=1)).isoformat()


def _same(fieldname: str, a, b) -> bool:
    if fieldname == "kepala_unit":
        return bool(a) == bool(b)
    return a == b




# --- the plan --------------------------------------------------------------------------------


class _Planner:
    def __init__(self, root: Path, state: OrgState, key_file: str | None):
        self.root = root
        self.state = state
        self.key_file = key_file
        self.findings: list[Finding] = []
        self.entries: list[Entry] = []
        self.person_docs: dict[str, dict] = {}  # changed or new person documents
        self.person_rows: dict[str, tuple[RowReader, int | None]] = {}  # id -> (row, index of the row's assignment)
        self.unit_docs: dict[str, dict] = {}  # perangkat daerah stem -> changed/new document
        self.unit_rows: dict[tuple[str, int | None], RowReader] = {}  # (pd, sub index) -> row
        self.unit_ids_in_file: dict[str, RowReader] = {}
        self.counts: dict[str, int] = {}  # filled per table read (a file without units reports no unit counts)
        self.order_person = _schema_order(root, "person.schema.json")
        self.order_assignment = _schema_order(root, "person.schema.json", "penugasan", "[]")
        self.order_pd = _schema_order(root, "unit.schema.json")
        self.order_sub = _schema_order(root, "unit.schema.json", "sub_unit", "[]")
        regency = state.regency or {}
        self.nip_mode = regency.get("impor_nip", "sidik") if isinstance(regency.get("impor_nip"), str) else "sidik"
        self._key: bytes | None = None
        self._key_loaded = False

    # --- units ---------------------------------------------------------------------------
    def units(self, table: Table) -> None:
        self.counts.update(dict.fromkeys(("unit_ditambah", "unit_diubah", "unit_tetap", "unit_tidak_di_berkas"), 0))
        existing = self.state.units()
        rows: dict[str, RowReader] = {}
        for cells in table.rows:
            r = RowReader(table, cells, self.findings)
            uid = r.ident("id_unit")
            if uid is None:
                r.error("id_unit", "import-required", "id_unit wajib diisi.")
                continue
            if uid in rows:
                r.error("id_unit", "import-duplicate", f"unit {shown(uid)} sudah ada di baris {rows[uid].row}; satu unit satu baris.")
                continue
            rows[uid] = r
        self.unit_ids_in_file = rows

        def pd_of(uid: str, seen=()) -> str | None:
            if uid in seen:
                return None
            r = rows.get(uid)
            if r is not None:
                induk = r.ident("induk")
                if induk in (None, MISSING):
                    return uid if induk is None else (existing[uid][0] if uid in existing else uid)
                if not isinstance(induk, str):
                    return None
                return pd_of(induk, seen + (uid,))
            if uid in existing:
                return existing[uid][0]
            return None

        # perangkat daerah rows first, so a sub-unit row may come before its new perangkat daerah
        for uid, r in sorted(rows.items(), key=lambda item: item[1].ident("induk") not in (None, MISSING)):
            induk = r.ident("induk")
            if induk is MISSING:
                induk = existing[uid][2].get("induk") if uid in existing else None
            if isinstance(induk, str) and induk not in rows and induk not in existing:
                r.error("induk", "import-unknown-unit", f"unit induk {shown(induk)} tidak ada di berkas ini maupun di organisation/units/.")
                continue
            pd = uid if induk is None else pd_of(uid)
            if pd is None:
                r.error("induk", "import-cycle", "rantai unit induk berputar (sebuah unit menjadi induk dirinya sendiri); perbaiki kolom induk.")
                continue
            old = existing.get(uid)
            if old is not None:
                if (old[1] is None) != (induk is None) or old[0] != pd:
                    where = f"{UNITS_DIR}/{old[0]}.yml"
                    r.error("induk", "import-unit-move",
                            f"unit {shown(uid)} ada di {where}; memindahkannya ke perangkat daerah lain atau mengubahnya "
                            "antara perangkat daerah dan sub-unit tidak dilakukan lewat impor. Ubah berkas unitnya langsung.")
                    continue
            if r.bad:
                continue
            self._merge_unit(r, uid, pd, induk, old)

        present = set(rows)
        self.counts["unit_tidak_di_berkas"] = sum(1 for u in existing if u not in present)

    def _unit_doc(self, pd: str) -> dict:
        if pd not in self.unit_docs:
            f = self.state.unit_files.get(pd)
            self.unit_docs[pd] = _copy(f.data) if f is not None and f.data is not None else {}
        return self.unit_docs[pd]

    def _merge_unit(self, r: RowReader, uid: str, pd: str, induk, old) -> None:
        f = self.state.unit_files.get(pd)
        if f is not None and f.data is None:
            r.error("id_unit", "import-broken-file", f"{f.rel} tidak dapat dibaca ({f.problem}); perbaiki dulu (kinerja validate).")
            return
        doc = self._unit_doc(pd)
        is_pd = induk is None
        if is_pd:
            target = doc
            order = self.order_pd
            if not doc:
                place(doc, "versi_format", 1, order)
                place(doc, "id", uid, order)
            index = None
        else:
            order = self.order_sub
            subs = doc.setdefault("sub_unit", []) if doc else None
            if subs is None:
                r.error("induk", "import-unknown-unit", f"perangkat daerah {shown(pd)} tidak ada; tambahkan barisnya (induk kosong).")
                return
            index = next((i for i, s in enumerate(subs) if isinstance(s, dict) and s.get("id") == uid), None)
            if index is None:
                subs.append({"id": uid})
                index = len(subs) - 1
            target = subs[index]
        before = _copy(target)
        values = {
            "nama": r.text("nama"),
            "jenis": r.code("jenis"),
            "jabatan_kepala": r.text("jabatan_kepala"),
            "jenis_jabatan_kepala": r.code("jenis_jabatan_kepala"),
            "kode_unit_siasn": r.text("kode_unit_siasn"),
            "hasil_organisasi": r.boolean("hasil_organisasi"),
            "layanan_publik": r.text("layanan_publik"),
            "dibubarkan": r.date("dibubarkan"),
        }
        if is_pd:
            values["singkatan"] = r.text("singkatan")
        else:
            values["induk"] = induk
            if r.text("singkatan") not in (None, MISSING):
                r.error("singkatan", "import-value", "singkatan hanya untuk perangkat daerah (baris dengan induk kosong).")
        for name in ("nama", "jenis", "jabatan_kepala", "jenis_jabatan_kepala"):
            if values[name] is None:
                r.error(name, "import-required", f"{name} wajib diisi.")
        if r.bad or any(v is BAD for v in values.values()):
            return
        for name, value in values.items():
            if value is MISSING:
                continue
            if name == "hasil_organisasi" and name not in target and value == is_pd:
                continue  # the default already; no churn
            put(target, name, value, order)
        self.unit_rows[(pd, index)] = r
        if old is None:
            self.counts["unit_ditambah"] += 1
            self.entries.append(Entry("+", "unit", uid, f"unit baru {shown(values['nama'] or uid)}" + ("" if is_pd else f" di bawah {induk}")))
        elif target != before:
            self.counts["unit_diubah"] += 1
            changed = [k for k in set(target) | set(before) if target.get(k) != before.get(k)]
            self.entries.append(Entry("~", "unit", uid, "diubah: " + ", ".join(sorted(changed))))
        else:
            self.counts["unit_tetap"] += 1

    # --- people --------------------------------------------------------------------------
    def key(self, r: RowReader) -> bytes | None:
        if not self._key_loaded:
            self._key_loaded = True
            try:
                self._key = nipmod.load_key(self.root, self.key_file)
            except nipmod.KeyError_ as exc:
                raise ImportUsageError(str(exc)) from None
            if self._key is None:
                raise ImportUsageError(
                    f"Kolom nip berisi NIP, tetapi kunci sidik NIP belum diberikan. Setel variabel lingkungan "
                    f"{nipmod.KEY_ENV} atau pakai --kunci-nip BERKAS (di luar repositori); lihat Panduan admin, "
                    "bagian Sidik NIP. Atau hapus kolom nip dari berkas."
                )
        return self._key

    def people(self, table: Table) -> None:
        self.counts.update(dict.fromkeys(("pegawai_ditambah", "pegawai_diubah", "penugasan_baru", "penugasan_diakhiri",
                                          "pegawai_tetap", "pegawai_tidak_di_berkas"), 0))
        by_sidik: dict[str, str] = {}
        by_nip: dict[str, str] = {}
        for pid, f in self.state.people.items():
            if isinstance(f.data, dict):
                if isinstance(f.data.get("sidik_nip"), str):
                    by_sidik.setdefault(f.data["sidik_nip"], pid)
                if isinstance(f.data.get("nip"), str):
                    by_nip.setdefault(f.data["nip"], pid)
        seen_ids: dict[str, int] = {}
        seen_nips: dict[str, int] = {}
        nip_only_rows = nip_only_matched = 0
        if self.nip_mode == "abaikan" and "nip" in table.header:
            self.findings.append(table.finding(1, table.header["nip"], "nip", "import-nip-ignored",
                                               "kolom nip diabaikan (instansi.yml: impor_nip: abaikan).", WARNING))
        allocated: dict[str, int] = {}
        for cells in table.rows:
            r = RowReader(table, cells, self.findings)
            pid = r.ident("id_pegawai")
            nip_value = None
            if self.nip_mode != "abaikan":
                raw = r.raw("nip")
                if raw not in (MISSING, None):
                    nip_value, problem = nipmod.normalise(raw)
                    if problem:
                        r.error("nip", "import-nip", problem)
                    elif nip_value in seen_nips:
                        r.error("nip", "import-duplicate", f"NIP yang sama sudah ada di baris {seen_nips[nip_value]}.")
                        nip_value = None
                    else:
                        seen_nips[nip_value] = r.row
            sidik = None
            if nip_value is not None and self.nip_mode == "sidik":
                sidik = nipmod.sidik(self.key(r), nip_value)
            if pid in (None, MISSING):
                if nip_value is None:
                    r.error("id_pegawai", "import-required", "id_pegawai wajib diisi (atau NIP, bila instansi mencocokkan lewat NIP).")
                    continue
                nip_only_rows += 1
                pid = by_sidik.get(sidik) if sidik else by_nip.get(nip_value)
                if pid is not None:
                    nip_only_matched += 1
                else:
                    pid = self._allocate(r, allocated)
                    if pid is None:
                        continue
            if pid in seen_ids:
                r.error("id_pegawai", "import-duplicate", f"pegawai {shown(pid)} sudah ada di baris {seen_ids[pid]}; satu pegawai satu baris.")
                continue
            seen_ids[pid] = r.row
            f = self.state.people.get(pid)
            if f is not None and f.data is None:
                r.error("id_pegawai", "import-broken-file", f"{f.rel} tidak dapat dibaca ({f.problem}); perbaiki dulu (kinerja validate).")
                continue
            old = f.data if f is not None else None
            if old is not None and sidik and isinstance(old.get("sidik_nip"), str) and old["sidik_nip"] != sidik:
                r.error("nip", "import-nip",
                        f"NIP di baris ini tidak cocok dengan sidik NIP yang tersimpan untuk {pid}: NIP salah ketik, "
                        "baris salah pegawai, atau kunci berbeda dari kunci impor sebelumnya.")
                continue
            if old is not None and self.nip_mode == "jelas" and nip_value and isinstance(old.get("nip"), str) and old["nip"] != nip_value:
                r.warning("nip", "import-nip-changed", f"NIP {pid} diganti dengan NIP di baris ini.")
            self._merge_person(r, pid, old, nip_value, sidik)
        if self.nip_mode == "sidik" and nip_only_rows and not nip_only_matched and by_sidik:
            self.findings.append(Finding(
                table.source, None, None, ERROR, "import-nip-key",
                f"tidak satu pun dari {nip_only_rows} baris tanpa id_pegawai cocok dengan sidik NIP yang tersimpan, padahal "
                f"{len(by_sidik)} pegawai punya sidik NIP. Kemungkinan kuncinya berbeda dari kunci impor sebelumnya; "
                "tanpa pemeriksaan ini semua baris akan menjadi pegawai baru (ganda). Periksa kuncinya atau isi id_pegawai.",
            ))
        present = set(seen_ids)
        self.counts["pegawai_tidak_di_berkas"] = sum(1 for p in self.state.people if p not in present)

    def _allocate(self, r: RowReader, allocated: dict[str, int]) -> str | None:
        """A new opaque id `<perangkat daerah>-NNNN` for a new person matched by NIP only."""
        unit = self._row_unit(r, quiet=True)
        units = self.state.units()
        pd = units[unit][0] if unit in units else (self._file_unit_pd(unit) if unit else None)
        if pd is None:
            r.error("id_pegawai", "import-required", "id_pegawai kosong dan unitnya tidak dikenal, sehingga id baru tidak dapat dibuat; isi id_pegawai.")
            return None
        if pd not in allocated:
            top = 0
            for pid in self.state.people:
                head, _, tail = pid.rpartition("-")
                if head == pd and tail.isdigit():
                    top = max(top, int(tail))
            allocated[pd] = top
        allocated[pd] += 1
        return f"{pd}-{allocated[pd]:04d}"

    def _file_unit_pd(self, unit: str) -> str | None:
        r = self.unit_ids_in_file.get(unit)
        seen = set()
        while r is not None and unit not in seen:
            seen.add(unit)
            induk = r.ident("induk")
            if not isinstance(induk, str):
                return unit
            unit = induk
            if unit in self.state.units():
                return self.state.units()[unit][0]
            r = self.unit_ids_in_file.get(unit)
        return None

    def _row_unit(self, r: RowReader, quiet: bool = False):
        unit = r.ident("unit")
        code = r.text("kode_unit_siasn")
        if code in (None, MISSING):
            return unit
        by_code = self._units_by_code()
        target = by_code.get(code)
        if target is None:
            if not quiet:
                r.error("kode_unit_siasn", "import-unknown-unit", f"tidak ada unit dengan kode_unit_siasn {shown(code)}.")
            return BAD
        if unit not in (None, MISSING) and unit != target:
            if not quiet:
                r.error("unit", "import-unknown-unit", f"unit {shown(unit)} tidak cocok dengan kode_unit_siasn (unit {target}).")
            return BAD
        return target

    def _units_by_code(self) -> dict[str, str]:
        if not hasattr(self, "_by_code"):
            self._by_code = {}
            for uid, (pd, idx, u) in self.final_units().items():
                if isinstance(u.get("kode_unit_siasn"), str):
                    self._by_code.setdefault(u["kode_unit_siasn"], uid)
        return self._by_code

    def final_units(self) -> dict[str, tuple[str, int | None, dict]]:
        out = dict(self.state.units())
        regency = self.state.regency or {}
        if isinstance(regency.get("id"), str):  # the regency itself: the Bupati's unit
            out.setdefault(regency["id"], ("", None, regency))
        for pd, doc in self.unit_docs.items():
            if doc.get("id"):
                out[doc["id"]] = (pd, None, doc)
            for i, s in enumerate(doc.get("sub_unit") or ()):
                if isinstance(s, dict) and isinstance(s.get("id"), str):
                    out[s["id"]] = (pd, i, s)
        return out

    def _merge_person(self, r: RowReader, pid: str, old: dict | None, nip_value: str | None, sidik: str | None) -> None:
        doc = _copy(old) if old is not None else {}
        op = self.order_person
        if old is None:
            place(doc, "versi_format", 1, op)
            place(doc, "id", pid, op)
        top = {
            "nama": r.text("nama"),
            "status_kepegawaian": r.code("status_kepegawaian"),
            "tmt_golongan": r.date("tmt_golongan"),
            "pendidikan_terakhir": r.education("pendidikan_terakhir"),
        }
        for name in ("nama", "status_kepegawaian"):
            if top[name] is None:
                r.error(name, "import-required", f"{name} wajib diisi.")
        login, gid = r.text("github_login"), r.integer("github_id")
        if login is not MISSING or gid is not MISSING:
            old_gh = doc.get("github") if isinstance(doc.get("github"), dict) else {}
            login = old_gh.get("login") if login is MISSING else login
            gid = old_gh.get("id") if gid is MISSING else gid
            if (login is None) != (gid is None) and BAD not in (login, gid):
                r.error("github_id" if gid is None else "github_login", "import-required",
                        "github_login dan github_id diisi berdua (id angka dari https://api.github.com/users/<login>) atau dikosongkan berdua.")
            top["github"] = None if login is None and gid is None else {"login": login, "id": gid}
        unit = self._row_unit(r)
        spec = {
            "unit": unit,
            "jabatan": r.text("jabatan"),
            "jenis_jabatan": r.code("jenis_jabatan"),
            "jenjang": r.code("jenjang"),
            "golongan": r.golongan("golongan"),
            "pangkat": r.text("pangkat"),
            "kepala_unit": r.boolean("kepala_unit"),
            "pejabat_penilai": r.ident("pejabat_penilai"),
            "dasar": r.text("dasar"),
        }
        mulai, selesai = r.date("mulai"), r.date("selesai")
        for name in ("jabatan", "jenis_jabatan"):
            if spec[name] is None:
                r.error(name, "import-required", f"{name} wajib diisi.")
        if spec["unit"] is None:
            r.error("unit", "import-required", "unit (atau kode_unit_siasn) wajib diisi.")
        if mulai is None:
            r.error("mulai", "import-required", "mulai (TMT penugasan) wajib diisi.")
        if r.bad or any(v is BAD for v in (*top.values(), *spec.values(), mulai, selesai)) or (top.get("github") and BAD in top["github"].values()):
            return
        if isinstance(selesai, str) and isinstance(mulai, str) and selesai < mulai:
            r.error("selesai", "import-dates", f"selesai ({selesai}) lebih awal daripada mulai ({mulai}).")
            return
        for name, value in top.items():
            if value is not MISSING:
                put(doc, name, value, op)
        if nip_value is not None:
            if self.nip_mode == "sidik":
                place(doc, "sidik_nip", sidik, op)
            elif self.nip_mode == "jelas":
                place(doc, "nip", nip_value, op)
        present = {k: v for k, v in spec.items() if v is not MISSING}
        oa = self.order_assignment
        assignments = doc.get("penugasan")
        details: list[str] = []
        index = None
        ended = new_assignment = False
        if old is None or not isinstance(assignments, list) or not assignments:
            a = {"mulai": mulai}
            if selesai not in (None, MISSING):
                a["selesai"] = selesai
            for k, v in present.items():
                if v is not None and not (k == "kepala_unit" and v is False):
                    place(a, k, v, oa)
            place(doc, "penugasan", [a], op)
            index = 0
        else:
            latest_i = max(range(len(assignments)), key=lambda i: (str(assignments[i].get("mulai", "")) if isinstance(assignments[i], dict) else "", i))
            latest = assignments[latest_i]
            if not isinstance(latest, dict):
                r.error("id_pegawai", "import-broken-file", f"penugasan di {PEOPLE_DIR}/{pid}.yml tidak terbaca; perbaiki dulu (kinerja validate).")
                return
            differs = [k for k, v in present.items() if not _same(k, v, latest.get(k))]
            lm, ls = str(latest.get("mulai", "")), latest.get("selesai")
            if differs:
                what = ", ".join(f"{k}: {shown(latest.get(k))} → {shown(present[k])}" for k in differs)
                tmt = top.get("tmt_golongan")
                if mulai <= lm and set(differs) <= {"golongan", "pangkat"} and isinstance(tmt, str) and tmt > lm:
                    mulai = tmt  # a promotion in rank only: the new assignment starts on its TMT golongan
                if mulai <= lm:
                    r.error("mulai", "import-dates",
                            f"{what} memerlukan penugasan baru dengan mulai setelah {lm} (mulai penugasan terakhir); "
                            f"tanggal {mulai} bertumpuk dengan riwayat, dan riwayat tidak diubah. Isi TMT penugasan baru.")
                    return
                if isinstance(ls, str) and mulai <= ls:
                    r.error("mulai", "import-dates", f"penugasan terakhir berlaku sampai {ls}; penugasan baru harus mulai setelah tanggal itu.")
                    return
                if ls is None:
                    place(latest, "selesai", _day_before(mulai), oa)
                    details.append(f"penugasan sebelumnya diakhiri {_day_before(mulai)}")
                a = {"mulai": mulai}
                if selesai not in (None, MISSING):
                    a["selesai"] = selesai
                carried = {k: latest[k] for k in CARRIED_WHEN_ABSENT if k not in present and k in latest}
                jenis = present.get("jenis_jabatan", latest.get("jenis_jabatan"))
                if jenis != "fungsional":
                    carried.pop("jenjang", None)
                for k in ASSIGNMENT_FIELDS:
                    v = present.get(k, carried.get(k))
                    if v is not None and not (k == "kepala_unit" and v is False):
                        place(a, k, v, oa)
                assignments.append(a)
                index = len(assignments) - 1
                new_assignment = True
                details.insert(0, f"penugasan baru mulai {mulai} ({what})")
            else:
                index = latest_i
                if mulai != lm and mulai not in {a.get("mulai") for a in assignments if isinstance(a, dict)}:
                    r.warning("mulai", "import-mulai-differs",
                              f"tanggal mulai {mulai} berbeda dari mulai penugasan terakhir ({lm}), padahal isinya sama; riwayat tidak diubah.")
                if selesai is not MISSING and selesai != ls:
                    if selesai is None:
                        r.error("selesai", "import-dates",
                                f"penugasan terakhir sudah berakhir {ls}; mengosongkan selesai berarti mengubah riwayat. "
                                "Penugasan baru ditulis dengan tanggal mulai baru.")
                        return
                    if ls is not None:
                        r.error("selesai", "import-dates", f"penugasan terakhir sudah berakhir {ls}; tanggal selesai yang tercatat tidak diubah lewat impor.")
                        return
                    if selesai < lm:
                        r.error("selesai", "import-dates", f"selesai ({selesai}) lebih awal daripada mulai penugasan terakhir ({lm}).")
                        return
                    place(latest, "selesai", selesai, oa)
                    ended = True
                    details.append(f"penugasan diakhiri {selesai}")
        self.person_rows[pid] = (r, index)
        if old is None:
            self.person_docs[pid] = doc
            self.counts["pegawai_ditambah"] += 1
            self.entries.append(Entry("+", "pegawai", pid, f"pegawai baru {shown(top['nama'])}, penugasan mulai {mulai} di {spec['unit'] if spec['unit'] is not MISSING else '?'}"))
            return
        if doc == old:
            self.counts["pegawai_tetap"] += 1
            return
        self.person_docs[pid] = doc
        changed_top = [k for k in set(doc) | set(old) if k != "penugasan" and doc.get(k) != old.get(k)]
        if changed_top:
            details.append("diubah: " + ", ".join(sorted("nip" if k in ("nip", "sidik_nip") else k for k in changed_top)))
        self.counts["pegawai_diubah"] += 1
        self.counts["penugasan_baru"] += new_assignment
        self.counts["penugasan_diakhiri"] += ended
        self.entries.append(Entry("-" if ended and not new_assignment and not changed_top else "~", "pegawai", pid, "; ".join(details)))

    # --- across rows ---------------------------------------------------------------------
    def references(self) -> None:
        units = self.final_units()
        people = set(self.state.people) | set(self.person_docs)
        for pid, (r, index) in self.person_rows.items():
            doc = self.person_docs.get(pid)
            if doc is None or index is None:
                continue
            a = doc["penugasan"][index]
            unit = a.get("unit")
            if isinstance(unit, str) and unit not in units:
                column = "unit" if r.has("unit") else "kode_unit_siasn"
                r.error(column, "import-unknown-unit", f"unit {shown(unit)} tidak ada di organisation/units/ maupun di lembar {UNIT_SHEET}.")
            penilai = a.get("pejabat_penilai")
            if isinstance(penilai, str) and penilai not in people:
                r.error("pejabat_penilai", "import-unknown-person", f"pejabat penilai {shown(penilai)} tidak ada di organisation/people/ maupun di berkas ini.")
            if penilai == pid:
                r.error("pejabat_penilai", "import-unknown-person", "pegawai tidak dapat menjadi pejabat penilai dirinya sendiri.")
        accounts: dict[int, list[str]] = {}
        for pid, f in self.state.people.items():
            d = self.person_docs.get(pid, f.data)
            if isinstance(d, dict) and isinstance(d.get("github"), dict) and isinstance(d["github"].get("id"), int):
                accounts.setdefault(d["github"]["id"], []).append(pid)
        for pid, d in self.person_docs.items():
            if pid not in self.state.people and isinstance(d.get("github"), dict) and isinstance(d["github"].get("id"), int):
                accounts.setdefault(d["github"]["id"], []).append(pid)
        for gid, owners in accounts.items():
            if len(owners) < 2:
                continue
            for pid in owners:
                if pid in self.person_rows and pid in self.person_docs:
                    others = ", ".join(o for o in owners if o != pid)
                    self.person_rows[pid][0].error("github_id", "import-duplicate", f"akun GitHub id {gid} juga tercatat untuk {others}; satu akun satu orang.")

    def schemas(self) -> None:
        from kinerja.model.schemas import translate, validator_for

        person_v = validator_for(self.root / "schemas", "person.schema.json")
        for pid, doc in self.person_docs.items():
            r, index = self.person_rows[pid]
            for error in person_v.iter_errors(doc):
                for path, _key, code, message in translate(error):
                    r.error(self._person_column(r, path, index), "import-schema", f"{message}{self._elsewhere(path, index, PEOPLE_DIR + '/' + pid + '.yml')}")
        unit_v = validator_for(self.root / "schemas", "unit.schema.json")
        for pd, doc in self.unit_docs.items():
            for error in unit_v.iter_errors(doc):
                for path, _key, code, message in translate(error):
                    index = path[1] if len(path) >= 2 and path[0] == "sub_unit" and isinstance(path[1], int) else None
                    r = self.unit_rows.get((pd, index)) or self.unit_rows.get((pd, None)) or next(
                        (row for (p, _), row in self.unit_rows.items() if p == pd), None)
                    if r is None:
                        continue
                    column = path[2] if index is not None and len(path) > 2 else (path[0] if path and index is None else None)
                    column = {"id": "id_unit"}.get(column, column)
                    column = column if isinstance(column, str) and r.has(column) else "id_unit"
                    r.error(column, "import-schema", f"{message} (di {UNITS_DIR}/{pd}.yml)")

    @staticmethod
    def _person_column(r: RowReader, path: tuple, index: int | None) -> str:
        if not path:
            return "id_pegawai"
        head = path[0]
        if head == "penugasan" and len(path) == 2 and path[1] == index:
            # a rule on the whole assignment: the only one is "jenjang only for fungsional"
            return next((n for n in ("jenjang", "jenis_jabatan") if r.has(n)), "id_pegawai")
        if head == "penugasan" and len(path) >= 3 and path[1] == index and isinstance(path[2], str):
            name = path[2]
            if name == "unit" and not r.has("unit"):
                name = "kode_unit_siasn"
            return name if r.has(name) else "id_pegawai"
        if head == "github":
            return "github_id" if len(path) > 1 and path[1] == "id" else "github_login"
        name = {"id": "id_pegawai", "sidik_nip": "nip", "status_kepegawaian": "status_kepegawaian"}.get(head, head)
        return name if isinstance(name, str) and r.has(name) else "id_pegawai"

    @staticmethod
    def _elsewhere(path: tuple, index: int | None, rel: str) -> str:
        if path and path[0] == "penugasan" and len(path) >= 2 and path[1] != index:
            return f" (di penugasan ke-{path[1] + 1} dalam {rel}, yang tidak diubah impor ini; perbaiki berkasnya)"
        return ""

    def outputs(self, plan: ImportPlan) -> None:
        for pid, doc in sorted(self.person_docs.items()):
            rel = f"{PEOPLE_DIR}/{pid}.yml"
            f = self.state.people.get(pid)
            self._output(plan, rel, doc, f.raw if f else None, PERSON_HEADER)
        for pd, doc in sorted(self.unit_docs.items()):
            f = self.state.unit_files.get(pd)
            if f is not None and doc == f.data:
                continue
            self._output(plan, f"{UNITS_DIR}/{pd}.yml", doc, f.raw if f else None, UNIT_HEADER)

    @staticmethod
    def _output(plan: ImportPlan, rel: str, doc: dict, raw: bytes | None, default_header: list[str]) -> None:
        header = leading_comments(raw) if raw is not None else default_header
        text = render(header, doc)
        lost = []
        if raw is not None:
            text, lost = carry_comments(raw, text, doc)
        plan.writes[rel] = text
        plan.expected[rel] = raw
        if raw is not None:
            if lost:
                plan.notes.append(
                    f"{rel}: komentar di baris {', '.join(map(str, lost[:10]))}{' dst.' if len(lost) > 10 else ''} "
                    "tidak dapat dipertahankan karena baris yang dikomentarinya berubah atau hilang."
                )


def plan_import(root: Path, sources: list[Path], *, key_file: str | None = None, shown_names: list[str] | None = None) -> ImportPlan:
    """The whole import as a plan: findings, files to write, the change list. Writes nothing.
    Raises ImportUsageError for a file that cannot be opened or a missing key."""
    state = load_state(root)
    planner = _Planner(root, state, key_file)
    tables: dict[str, Table] = {}
    for i, path in enumerate(sources):
        name = (shown_names or [])[i] if shown_names and i < len(shown_names) else path.name
        try:
            found, problems = read_tables(path, name)
        except TableError as exc:
            raise ImportUsageError(str(exc)) from None
        planner.findings += problems
        for t in found:
            if t.sheet in tables:
                raise ImportUsageError(f"Tabel {t.sheet} diberikan dua kali ({tables[t.sheet].source} dan {t.source}); gabungkan menjadi satu.")
            tables[t.sheet] = t
    header_errors = any(f.code == "import-header" and f.severity == ERROR for f in planner.findings)
    if not header_errors:
        if UNIT_SHEET in tables:
            planner.units(tables[UNIT_SHEET])
        if PEOPLE_SHEET in tables:
            planner.people(tables[PEOPLE_SHEET])
        planner.references()
        if not any(f.severity == ERROR for f in planner.findings):
            planner.schemas()
    plan = ImportPlan(findings=sorted(planner.findings, key=lambda f: (f.file, f.line or 0, f.column or 0, f.code)),
                      entries=planner.entries, counts=planner.counts)
    if not plan.errors:
        planner.outputs(plan)
    return plan
