"""Turning a submitted issue form into a file (SKP, realisasi) or an answer (keberatan).

The author's account (numeric id) decides the person: a form can only produce that
person's own plan or the employee part of their own evaluation. The file is built as data,
written with the quoting YAML writer, read back through the strict loader, then validated
with the whole repository; on any error the repository is left as it was and the answer
lists what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kinerja.check.crossfile import org_index
from kinerja.findings import ERROR, WARNING, shown
from kinerja.loader import LoadError, load_bytes, load_text
from kinerja.model.calendar import PERIOD_LABEL, period_range
from kinerja.repository import load_repository
from kinerja.review import forms, lineformat
from kinerja.review.authz import identify
from kinerja.review.orgdata import OrgData
from kinerja.review.report import md
from kinerja.review.yamlout import dump
from kinerja.writefile import replace, write_new


@dataclass
class Outcome:
    ok: bool
    form: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    file: str | None = None
    replaced: bool = False
    pull_request: bool = False
    title: str = ""
    pr_body: str = ""
    reply: str = ""
    notes: list[str] = field(default_factory=list)
    ack: dict | None = None  # Tanda sudah membaca: the fact for the App to record in git


ALASAN_MAX = 4000  # the objection schema's limit on diajukan.alasan


def _year(text: str, problems: list[str]) -> int | None:
    if re.fullmatch(r"20\d{2}", text or ""):
        return int(text)
    problems.append(f"Bagian «Tahun kinerja» berisi {shown(text)}; tulis empat angka, misalnya 2026.")
    return None


def _start(text: str, year: int | None, problems: list[str]) -> date | None:
    if not text:
        return None
    try:
        d = date.fromisoformat(text)
    except ValueError:
        problems.append(f"Bagian «Tanggal mulai rencana» berisi {shown(text)}; tulis TTTT-BB-HH, misalnya 2026-07-01.")
        return None
    if year is not None and d.year != year:
        problems.append("Tanggal mulai rencana harus berada di tahun kinerja yang sama.")
        return None
    return d


def _line_problems(label: str, errors) -> list[str]:
    return [f"Bagian «{label}» baris {e.line}: {e.message}" for e in errors]


class Converter:
    def __init__(self, root: Path, today: date, filed_at=None):
        self.root, self.today = root, today
        self.filed_at = filed_at  # aware datetime of the issue's creation (keberatan filing time)
        self.repo = load_repository(root)
        if self.repo.regency is None:
            raise forms.FormError("Data organisasi (organisation/instansi.yml) tidak sah; hubungi admin.")
        self.org = org_index(self.repo)
        self.data = OrgData(self.repo.regency, self.org)

    def login(self, pid: str | None) -> str | None:
        p = self.org.person(pid)
        return p.github_login if p and p.github_login else None

    def mention(self, pid: str | None) -> str:
        login = self.login(pid)
        p = self.org.person(pid)
        name = md(p.nama) if p else md(pid or "-")
        return f"@{login} ({name})" if login else f"{name} (belum punya akun GitHub tercatat)"

    def run(self, spec: forms.FormSpec, body: str, login: str, github_id: int, issue: int) -> Outcome:
        out = Outcome(False, spec.key)
        fields = forms.template_fields(self.root, spec)
        values, problems = forms.parse_body(body, fields, spec)
        actor = identify(self.data, login, github_id)
        if actor.problem is not None:
            problems.insert(0, actor.problem[1])
        out.problems = problems
        if problems:
            return self._reply(out, spec, fields, issue)
        person = actor.person
        if person.status == "non_asn" and spec.key in ("skp", "realisasi", "keberatan", "membaca"):
            out.problems.append("Pejabat negara tidak menyusun SKP atau evaluasi.")
            return self._reply(out, spec, fields, issue)
        if spec.key == "pengaduan":  # its own module: complaints are the suara publik's
            from kinerja.review import form_pengaduan

            form_pengaduan.convert(self, out, values, person, issue, login)
            return self._reply(out, spec, fields, issue)
        handler = {"skp": self._skp, "realisasi": self._realisasi, "keberatan": self._keberatan,
                   "penilaian": self._penilaian, "membaca": self._membaca, "putusan": self._putusan}[spec.key]
        handler(out, values, person, issue, login)
        return self._reply(out, spec, fields, issue)

    # -- writing and validating ---------------------------------------------------------------
    def _write(self, out: Outcome, rel: str, data: dict, header: list[str]) -> None:
        text = "\n".join(header) + "\n" + dump(data)
        try:
            load_text(text)
        except LoadError as exc:
            out.problems.append(f"Isian tidak dapat dijadikan berkas: {exc.message}")
            return
        from kinerja.validate import validate

        path = self.root / rel
        old = path.read_text(encoding="utf-8") if path.exists() else None
        (replace if old is not None else write_new)(path, text)
        _, findings = validate(self.root, [rel], today=self.today)
        errors = [f for f in findings if f.severity == ERROR]
        if errors:
            if old is None:
                path.unlink()
            else:
                replace(path, old)
            out.problems += list(dict.fromkeys(f"{f.message} ({f.code})" for f in errors))[:30]
            return
        out.warnings += list(dict.fromkeys(f"{f.message} ({f.code})" for f in findings if f.severity == WARNING))[:20]
        out.ok, out.file, out.replaced = True, rel, old is not None

    def _penilai_for(self, pid: str, start: date, end: date) -> str | None:
        day = min(max(self.today, start), end)
        return self.org.penilai_on(pid, day) or next(iter(self.org.penilai_between(pid, start, end)[-1:]), None)

    # -- Ajukan SKP ---------------------------------------------------------------------------
    def _skp(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        kualitatif = v.get("pendekatan") == "kualitatif"
        rhk, errs = lineformat.parse_rhk(v.get("rhk", ""))
        p += _line_problems("Rencana Hasil Kerja (RHK)", errs)
        iki, errs = lineformat.parse_iki(v.get("iki", ""), {r["id"] for r in rhk}, kualitatif)
        p += _line_problems("Indikator Kinerja Individu (IKI)", errs)
        perilaku, errs = lineformat.parse_pairs(
            v.get("perilaku", ""), "nilai BerAKHLAK | ekspektasi",
            lambda k: None if k in lineformat.BERAKHLAK else f"nilai {shown(k)} tidak dikenal; pilih {', '.join(lineformat.BERAKHLAK)}.")
        p += _line_problems("Ekspektasi khusus pimpinan (perilaku kerja)", errs)
        for r in rhk:
            if r["id"] not in iki:
                p.append(f"RHK {r['id']} belum punya IKI: tambahkan setidaknya satu baris di bagian IKI.")
        if p or year is None:
            return
        day = start or date(year, 1, 1)
        a = person.assignment_on(day) or next((x for x in person.assignments if x.mulai.year == year and x.mulai >= day), None)
        if a is None:
            p.append(f"Anda tidak punya penugasan pada tahun {year} mulai {day.isoformat()} menurut data organisasi; hubungi admin.")
            return
        plan_start = max(day, a.mulai)
        plan_end = min(date(year, 12, 31), person.position_end(a) or date(year, 12, 31))
        existing = self.repo.plans_of(person.id, year)
        same = [x for x in existing if x.mulai == plan_start]
        if same:
            rel = same[0].file
        elif not existing:
            rel = f"plans/{year}/{person.id}.yml"
        else:
            rel = f"plans/{year}/{person.id}.{plan_start.isoformat()}.yml"
        status = "disetujui" if v.get("status", "").startswith("Ya") else "draf"
        data = {
            "versi_format": 1, "pegawai": person.id, "tahun": year,
            "periode": {"mulai": plan_start.isoformat(), "selesai": plan_end.isoformat()},
            "jabatan": a.jabatan, "unit": a.unit, "status": status,
            "pendekatan": "kualitatif" if kualitatif else "kuantitatif",
            "hasil_kerja": [dict(r, indikator=iki[r["id"]]) for r in rhk],
        }
        if perilaku:
            data["perilaku_kerja"] = {k: {"ekspektasi_khusus": t} for k, t in perilaku}
        if v.get("catatan"):
            data["catatan"] = v["catatan"]
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../schemas/plan.schema.json",
                                     f"# Dibuat dari isu #{issue} (formulir Ajukan SKP) oleh kinerja form."])
        if out.ok:
            penilai = self._penilai_for(person.id, plan_start, plan_end)
            out.pull_request = True
            out.title = f"SKP {year} {person.id} (dari isu #{issue})"
            ask = (f"{self.mention(penilai)}: mohon tinjau rencana ini, beri saran bila perlu, lalu setujui (Approve) "
                   "atau minta perubahan (Request changes).") if status == "disetujui" else \
                  "Rencana ini masih draf: boleh digabung tanpa persetujuan, dan dapat diajukan ulang untuk disetujui."
            out.pr_body = self._pr_body(issue, login, rel, ask)

    # -- Laporkan realisasi ---------------------------------------------------------------------
    def _eval_path(self, person_id: str, year: int, period: str, start: date | None) -> str:
        stem = person_id if start is None else f"{person_id}.{start.isoformat()}"
        return f"evaluations/{year}/{period}/{stem}.yml"

    def _realisasi(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        period = v.get("periode", "")
        reports, errs = lineformat.parse_realisasi(v.get("realisasi", ""))
        p += _line_problems("Realisasi per IKI", errs)
        uraian, errs = lineformat.parse_pairs(v.get("uraian", ""), "id-rhk | uraian",
                                               lambda k: None if lineformat.ID.fullmatch(k) else f"id RHK {shown(k)} tidak sah.")
        p += _line_problems("Uraian realisasi per RHK", errs)
        bukti, errs = lineformat.parse_bukti(v.get("bukti", ""))
        p += _line_problems("Bukti dukung", errs)
        if p or year is None:
            return
        if self.repo.regency.is_closed(year, period):
            p.append(f"{PERIOD_LABEL[period]} {year} sudah ditutup; realisasinya tidak dapat diubah lagi. Hubungi admin BKPSDM bila ada kesalahan.")
            return
        rel = self._eval_path(person.id, year, period, start)
        old = None
        if (self.root / rel).exists():
            try:
                old = load_bytes((self.root / rel).read_bytes()).data
            except (OSError, LoadError):
                p.append(f"Berkas {rel} yang sudah ada tidak dapat dibaca; minta pejabat penilai atau admin memperbaikinya.")
                return
            if isinstance(old, dict) and old.get("status") == "final":
                p.append(f"Evaluasi {rel} sudah final dan tidak dapat diubah. Bila Anda keberatan, pakai formulir \"Ajukan keberatan\".")
                return
        rhk_ids = list(dict.fromkeys([*reports, *(k for k, _ in uraian), *bukti]))
        items = []
        notes = dict(uraian)
        for rid in rhk_ids:
            item = {"rhk": rid}
            if rid in notes:
                item["uraian"] = notes[rid]
            if rid in reports:
                item["indikator"] = reports[rid]
            if rid in bukti:
                item["bukti_dukung"] = bukti[rid]
            items.append(item)
        realisasi = {"hasil_kerja": items}
        if v.get("catatan"):
            realisasi["catatan"] = v["catatan"]
        p_start, p_end = period_range(year, period)
        if start is not None:
            p_start = max(p_start, start)
        if isinstance(old, dict):
            data = dict(old)
            data["realisasi"] = realisasi
        else:
            data = {"versi_format": 1, "pegawai": person.id, "tahun": year, "periode": period, "status": "draf",
                    "pejabat_penilai": self._penilai_for(person.id, p_start, p_end) or "", "realisasi": realisasi}
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../../schemas/evaluation.schema.json",
                                     f"# Realisasi dari isu #{issue} (formulir Laporkan realisasi) oleh kinerja form."])
        if out.ok:
            penilai = data.get("pejabat_penilai")
            out.pull_request = True
            out.title = f"Realisasi {PERIOD_LABEL[period]} {year} {person.id} (dari isu #{issue})"
            out.pr_body = self._pr_body(issue, login, rel,
                f"{self.mention(penilai)}: mohon periksa realisasi dan bukti dukungnya, lalu setujui (Approve) atau minta "
                "perubahan. Rating dan umpan balik Anda tulis dalam usulan terpisah (lihat Panduan pejabat penilai).")

    # -- Ajukan keberatan ---------------------------------------------------------------------------
    def filing_day(self) -> date:
        """The filing date in the regency's time zone: the issue's creation time when given."""
        from kinerja.review.finality import local_date

        return local_date(self.filed_at, self.repo.regency.zona_waktu) if self.filed_at else self.today

    def _keberatan(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        from kinerja.model.keberatan import decider_for_evaluation
        from kinerja.review.finality import filing_window, final_since

        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        period = v.get("periode", "")
        alasan = (v.get("alasan") or "").strip()
        if len(alasan) < 20:
            p.append("Bagian «Alasan keberatan» wajib diisi dengan jelas (paling sedikit 20 karakter): bagian mana dan mengapa.")
        elif len(alasan) > ALASAN_MAX:
            p.append(f"Bagian «Alasan keberatan» berisi {len(alasan)} karakter; paling banyak {ALASAN_MAX}. Ringkas alasannya "
                     "dan rujuk bukti dukung.")
        if p or year is None:
            return
        rel = self._eval_path(person.id, year, period, start)
        e = self.repo.record(rel)
        if e is None:
            p.append(f"Evaluasi {PERIOD_LABEL[period]} {year} Anda ({rel}) tidak ditemukan atau belum sah.")
            return
        if e.status != "final":
            p.append("Evaluasi itu belum final. Sampaikan tanggapan Anda langsung di usulan (pull request) pejabat penilai; "
                     "keberatan hanya untuk evaluasi yang sudah final.")
            return
        reg = self.repo.regency
        filed = self.filing_day()
        since = final_since(self.root, rel, "HEAD", reg.zona_waktu)
        if since is None:
            p.append(f"Tanggal evaluasi {rel} menjadi final tidak ditemukan di riwayat main; hubungi admin BKPSDM.")
            return
        days = reg.deadlines["keberatan_hari"]
        last = filing_window(since[0], days)
        if filed > last:
            p.append(f"Keberatan tidak dapat diterima: evaluasi ini menjadi final pada {since[0].isoformat()} dan batas "
                     f"pengajuan {days} hari kalender berakhir {last.isoformat()}, sedangkan keberatan ini diajukan "
                     f"{filed.isoformat()}.")
            return
        if filed < since[0]:
            p.append(f"Tanggal pengajuan {filed.isoformat()} lebih awal dari tanggal evaluasi menjadi final ({since[0].isoformat()}).")
            return
        obj_rel = f"objections/{year}/{period}/{rel.rsplit('/', 1)[1]}"
        if (self.root / obj_rel).exists():
            p.append(f"Keberatan atas evaluasi ini sudah tercatat ({obj_rel}); tambahkan penjelasan sebagai komentar di isunya.")
            return
        end = period_range(year, period)[1]
        who = decider_for_evaluation(self.org, reg, e, end, filed)
        if who.person is None:
            p.append(who.explanation)
            return
        data = {"versi_format": 1, "pegawai": person.id, "tahun": year, "periode": period, "pemutus": who.person,
                "diajukan": {"tanggal": filed.isoformat(), "isu": issue, "alasan": alasan}}
        self._write(out, obj_rel, data, ["# yaml-language-server: $schema=../../../schemas/objection.schema.json",
                                         f"# Keberatan dari isu #{issue} (formulir Ajukan keberatan) oleh kinerja form."])
        if not out.ok:
            return
        due = filed + timedelta(days=reg.deadlines["keputusan_keberatan_hari"])
        out.pull_request = True
        out.title = f"Keberatan {PERIOD_LABEL[period]} {year} {person.id} (dari isu #{issue})"
        out.pr_body = self._pr_body(issue, login, obj_rel,
            f"{self.mention(who.person)} memutus keberatan ini ({md(who.explanation, 400)}). Mohon minta penjelasan "
            f"pejabat penilai {self.mention(e.pejabat_penilai)} dan pegawai, lalu catat keputusan lewat formulir "
            f"\"Putuskan keberatan\" paling lambat {due.isoformat()}.", closes=[])
        out.notes = [
            f"**Keberatan diterima** (diajukan {filed.isoformat()}; evaluasi final sejak {since[0].isoformat()}, batas "
            f"pengajuan {last.isoformat()}). Berkas `{obj_rel}` diajukan sebagai usulan.",
            "",
            f"- Yang memutus: {self.mention(who.person)}. {md(who.explanation, 400)}",
            f"- Pejabat penilai {self.mention(e.pejabat_penilai)} diberi tahu dan akan diminta penjelasan.",
            f"- Batas keputusan: **{due.isoformat()}** ({reg.deadlines['keputusan_keberatan_hari']} hari kalender; "
            "belum diverifikasi terhadap peraturan).",
            "- Alasan Anda dapat dibaca semua anggota repositori, tetapi tidak pernah diterbitkan di situs publik.",
        ]

    # -- Beri penilaian (the penilai's part) --------------------------------------------------------
    def _subject(self, v: dict, p: list[str]):
        """(person id, year, period, evaluation path) named by a form about someone else's evaluation."""
        pid = (v.get("pegawai") or "").strip()
        if not lineformat.ID.fullmatch(pid) or pid not in self.org.people:
            p.append(f"Bagian «Id pegawai» berisi {shown(pid)}, yang tidak ada di organisation/people/.")
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        if p or year is None:
            return None
        period = v.get("periode", "")
        return pid, year, period, self._eval_path(pid, year, period, start)

    def _penilaian(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        p = out.problems
        subject = self._subject(v, p)
        ratings, errs = lineformat.parse_ratings(v.get("rating_rhk", ""))
        p += _line_problems("Rating dan umpan balik per RHK", errs)
        perilaku, errs = lineformat.parse_pairs(
            v.get("perilaku", ""), "nilai BerAKHLAK | umpan balik",
            lambda k: None if k in lineformat.BERAKHLAK else f"nilai {shown(k)} tidak dikenal; pilih {', '.join(lineformat.BERAKHLAK)}.")
        p += _line_problems("Umpan balik perilaku kerja", errs)
        if p or subject is None:
            return
        pid, year, period, rel = subject
        if self.repo.regency.is_closed(year, period):
            p.append(f"{PERIOD_LABEL[period]} {year} sudah ditutup; penilaiannya hanya dikoreksi admin BKPSDM.")
            return
        start, end = period_range(year, period)
        if person.id not in self.org.penilai_between(pid, start, end):
            p.append(f"Anda bukan pejabat penilai {pid} pada {PERIOD_LABEL[period]} {year} menurut data organisasi "
                     f"(yang berlaku: {', '.join(self.org.penilai_between(pid, start, end)) or 'tidak ada'}).")
            return
        try:
            old = load_bytes((self.root / rel).read_bytes()).data if (self.root / rel).exists() else None
        except (OSError, LoadError):
            old = None
        if not isinstance(old, dict):
            p.append(f"Evaluasi {rel} belum ada atau tidak terbaca: pegawai melaporkan realisasinya dulu (formulir Laporkan realisasi).")
            return
        if old.get("status") == "final":
            p.append(f"Evaluasi {rel} sudah final. Perubahan rating sesudah final hanya lewat keberatan atau koreksi admin.")
            return
        penilaian = {"hasil_kerja": ratings}
        if perilaku:
            penilaian["perilaku_kerja"] = {k: {"umpan_balik": t} for k, t in perilaku}
        penilaian["rating_hasil_kerja"] = v["rating_hasil_kerja"]
        penilaian["rating_perilaku_kerja"] = v["rating_perilaku_kerja"]
        if v.get("catatan"):
            penilaian["catatan"] = v["catatan"]
        data = dict(old)
        data["penilaian"] = penilaian
        data["status"] = "final" if v.get("status") == "final" else "draf"
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../../schemas/evaluation.schema.json",
                                     f"# Penilaian dari isu #{issue} (formulir Beri penilaian) oleh kinerja form."])
        if out.ok:
            out.pull_request = True
            out.title = f"Penilaian {PERIOD_LABEL[period]} {year} {pid} (dari isu #{issue})"
            if self.repo.regency.rating_approval == "atasan_pejabat_penilai":
                ask = (f"{self.mention(self.org.penilai_on(person.id, end))}: sebagai atasan pejabat penilai, mohon setujui "
                       "(Approve) penilaian ini.")
            else:
                ask = (f"Penilaian ini digabung bila pemeriksaan lolos, tanpa menunggu persetujuan pegawai. "
                       f"{self.mention(pid)}: sesudah digabung, beri tanda sudah membaca (formulir Tanda sudah membaca, "
                       "atau komentar /sudah-membaca di usulan ini); bila keberatan, pakai formulir Ajukan keberatan.")
            out.pr_body = self._pr_body(issue, login, rel, ask)

    # -- Tanda sudah membaca (acknowledgement, after the merge) ------------------------------------
    def _membaca(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        from kinerja.review.acknowledge import acknowledgement

        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        tanggapan = (v.get("tanggapan") or "").strip()
        if len(tanggapan) > 2000:
            p.append("Bagian «Tanggapan» lebih dari 2.000 karakter; ringkas tanggapan Anda.")
        if p or year is None:
            return
        rel = self._eval_path(person.id, year, v.get("periode", ""), start)
        ack, problem = acknowledgement(self.repo, rel, person, self.filing_day(), tanggapan, issue=issue)
        if problem:
            p.append(problem)
            return
        out.ok, out.file, out.ack = True, rel, ack
        out.notes = [f"**Tanda sudah membaca dicatat** untuk `{rel}` ({ack['tanggal']}). Tanda ini tidak mengubah rating. "
                     "Bila Anda keberatan, pakai formulir \"Ajukan keberatan\" dalam batas waktunya."]

    # -- Putuskan keberatan (the decider) -----------------------------------------------------------
    def _putusan(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        from kinerja.model.keberatan import decider_for_evaluation, objection_record

        p = out.problems
        subject = self._subject(v, p)
        changes, errs = lineformat.parse_ratings(v.get("rating_rhk", ""))
        p += _line_problems("Rating RHK yang diubah", errs)
        if p or subject is None:
            return
        pid, year, period, eval_rel = subject
        rel = f"objections/{year}/{period}/{eval_rel.rsplit('/', 1)[1]}"
        data = self.repo.record(rel) if rel in self.repo.files else None
        if not isinstance(data, dict):
            p.append(f"Keberatan {rel} tidak ditemukan (atau belum digabung ke main).")
            return
        o = objection_record(rel, data)
        e = self.repo.record(eval_rel)
        who = decider_for_evaluation(self.org, self.repo.regency, e, period_range(year, period)[1], o.diajukan) if e else None
        if person.id != o.pemutus or who is None or who.person != person.id:
            p.append(f"Keberatan ini diputus oleh {o.pemutus}; Anda bukan pemutusnya.")
            return
        if o.keputusan is not None:
            p.append("Keberatan ini sudah diputus; keputusan bersifat final.")
            return
        new = dict(data)
        penjelasan = dict(data.get("penjelasan") or {})
        for key, field_id in (("penilai", "penjelasan_penilai"), ("pegawai", "penjelasan_pegawai")):
            if v.get(field_id):
                if len(v[field_id]) > 2000:
                    p.append(f"Bagian penjelasan {key} lebih dari 2.000 karakter; ringkas.")
                    return
                penjelasan[key] = v[field_id]
        day = self.filing_day()
        if v.get("langkah") == "Minta penjelasan":
            penjelasan.setdefault("diminta", day.isoformat())
            new["penjelasan"] = {"diminta": penjelasan.pop("diminta"), **penjelasan}
            what = "Permintaan penjelasan"
        else:
            if "diminta" not in penjelasan:
                p.append("Minta penjelasan pejabat penilai dan pegawai dulu (langkah «Minta penjelasan»), baru memutus.")
                return
            alasan = (v.get("alasan") or "").strip()
            if not alasan or len(alasan) > 2000:
                p.append("Bagian «Alasan keputusan» wajib diisi (paling banyak 2.000 karakter).")
                return
            hasil = v.get("hasil") or ""
            if hasil not in ("tetap", "diubah"):
                p.append("Pilih «Hasil keputusan»: tetap atau diubah.")
                return
            keputusan = {"tanggal": day.isoformat(), "hasil": hasil, "alasan": alasan}
            if hasil == "diubah":
                for key in ("rating_hasil_kerja", "rating_perilaku_kerja"):
                    if v.get(key):
                        keputusan[key] = v[key]
                if changes:
                    keputusan["hasil_kerja"] = [{"rhk": c["rhk"], "rating": c["rating"]} for c in changes]
            new["penjelasan"] = {"diminta": penjelasan.pop("diminta"), **penjelasan}
            new["keputusan"] = keputusan
            what = "Keputusan keberatan"
        self._write(out, rel, new, ["# yaml-language-server: $schema=../../../schemas/objection.schema.json",
                                    f"# {what} dari isu #{issue} (formulir Putuskan keberatan) oleh kinerja form."])
        if out.ok:
            out.pull_request = True
            out.title = f"{what} {PERIOD_LABEL[period]} {year} {pid} (dari isu #{issue})"
            closes = [issue] + ([o.isu] if "keputusan" in new and o.isu else [])
            ask = (f"{self.mention(pid)} dan pejabat penilai {self.mention(e.pejabat_penilai)}: mohon sampaikan penjelasan "
                   "sebagai komentar di isu keberatan.") if what.startswith("Permintaan") else \
                  "Keputusan ini final (PP 30/2019 Pasal 59) dan dipakai dalam skor sesudah digabung."
            out.pr_body = self._pr_body(issue, login, rel, ask, closes=closes)

    # -- answers ----------------------------------------------------------------------------------
    def _pr_body(self, issue: int, login: str, rel: str, ask: str, closes: list[int] | None = None) -> str:
        """`closes`: the issues the merge closes (default: the form's own issue)."""
        closes = [issue] if closes is None else closes
        return "\n".join([
            f"Usulan ini dibuat otomatis dari isu #{issue} oleh @{login}. Pembuat usulan (untuk hak ubah dan persetujuan) "
            "adalah pembuat isu.",
            "",
            f"- Berkas: `{rel}`",
            f"- {ask}",
            "",
            "Pemeriksaan otomatis berjalan saat usulan ini ditinjau, atau setelah ditutup lalu dibuka kembali.",
            "",
            *(f"Closes #{n}" for n in closes),
            *([f"Terkait isu #{issue} (tetap terbuka sampai keberatan diputus)."] if issue not in closes else []),
        ]) + "\n"

    def _reply(self, out: Outcome, spec: forms.FormSpec, fields, issue: int) -> Outcome:
        lines = ["<!-- kinerja-terbuka:formulir -->"]
        if out.problems:
            out.ok = False
            lines += ["**Formulir belum dapat diproses.** Sunting isu ini (menu ··· > Edit), perbaiki bagian berikut, lalu simpan; "
                      "sistem memeriksa ulang otomatis.", ""]
            lines += [f"- {md(x, 600)}" for x in out.problems[:40]]
            if len(out.problems) > 40:
                lines.append(f"- … dan {len(out.problems) - 40} masalah lain.")
        elif out.notes:
            lines += out.notes
        else:
            verb = "menggantikan versi sebelumnya (riwayatnya tetap tersimpan di git)" if out.replaced else "dibuat"
            lines += [f"**Formulir diterima.** Berkas `{out.file}` {verb} dan diajukan sebagai usulan (pull request) "
                      f"dari cabang `formulir/isu-{issue}`.", ""]
            if out.warnings:
                lines += ["Catatan pemeriksaan (tidak menghalangi):", ""] + [f"- {md(w, 600)}" for w in out.warnings]
        lines += ["", "Panduan: lihat bagian Panduan di situs kinerja (Mengajukan tanpa git)."]
        out.reply = "\n".join(lines) + "\n"
        return out


def pick_form(labels: list[str]) -> forms.FormSpec | None:
    for spec in forms.FORMS.values():
        if spec.label in labels:
            return spec
    return None
