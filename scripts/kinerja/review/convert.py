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

from kinerja.check import suggest
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
from kinerja.scaffold import PLACEHOLDER
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


L_RHK = "Rencana Hasil Kerja (RHK)"
L_IKI = "Indikator Kinerja Individu (IKI)"
L_PERILAKU = "Ekspektasi khusus pimpinan (perilaku kerja)"
L_REAL, L_URAIAN, L_BUKTI = "Realisasi per IKI", "Uraian realisasi per RHK", "Bukti dukung"
L_RATING = "Rating dan umpan balik per RHK"
# the three lists of the SKP's lampiran (PermenPANRB 6/2022): field id = YAML key, and its label
LAMPIRAN = (("dukungan_sumber_daya", "Lampiran: dukungan sumber daya"),
            ("skema_pertanggungjawaban", "Lampiran: skema pertanggungjawaban"),
            ("konsekuensi", "Lampiran: konsekuensi"))


LAMPIRAN_IDS = frozenset(k for k, _ in LAMPIRAN)
# words of free text (not ids, numbers or links): an example line is one with a sentence in it
_WORD = re.compile(r"(?<![\w/.-])[A-Za-z][a-z]{2,}(?![\w/.-])")


def _located(f, where: dict | None) -> str:
    """A validation finding as the form's author reads it: the section and line it came from."""
    text = f"{f.message} ({f.code})"
    if not where:
        return text
    best = max((k for k in where if f.pointer == k or f.pointer.startswith(k + "/")), key=len, default=None)
    if best is None:
        return text
    label, n = where[best]
    return f"Bagian «{label}»" + (f" baris {n}" if n else "") + f": {text}"


_AT = re.compile(r"Bagian «([^»]+)»(?: baris (\d+))?")


def _in_form_order(messages: list[str], fields) -> list[str]:
    """Messages in the order she reads the form: general ones first, then by section and line."""
    order = {f.label: i for i, f in enumerate(fields)}

    def key(item):
        i, text = item
        m = _AT.match(text)
        if m is None or m.group(1) not in order:
            return (-1, 0, i)
        return (order[m.group(1)], int(m.group(2) or 0), i)

    return [t for _, t in sorted(enumerate(messages), key=key)]


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
        self.fields = fields
        values, problems = forms.parse_body(body, fields, spec)
        actor = identify(self.data, login, github_id)
        if spec.key == "akun":  # the one form for an account that is not registered yet
            out.problems = problems
            if not problems:
                self._akun(out, values, actor, issue, login, github_id)
            return self._reply(out, spec, fields, issue)
        if actor.problem is not None:
            problems.insert(0, actor.problem[1])
        out.problems = problems
        if problems:
            return self._reply(out, spec, fields, issue)
        person = actor.person
        if person.status == "non_asn" and spec.key in ("skp", "realisasi", "keberatan", "membaca"):
            out.problems.append("Pejabat negara tidak menyusun SKP atau evaluasi.")
            return self._reply(out, spec, fields, issue)
        self._template_text(out, spec.key, values)
        if out.problems:
            return self._reply(out, spec, fields, issue)
        if spec.key == "pengaduan":  # its own module: complaints are the suara publik's
            from kinerja.review import form_pengaduan

            form_pengaduan.convert(self, out, values, person, issue, login)
            return self._reply(out, spec, fields, issue)
        handler = {"skp": self._skp, "realisasi": self._realisasi, "keberatan": self._keberatan,
                   "penilaian": self._penilaian, "membaca": self._membaca, "putusan": self._putusan,
                   "kalibrasi": self._kalibrasi}[spec.key]
        handler(out, values, person, issue, login)
        return self._reply(out, spec, fields, issue)

    # -- writing and validating ---------------------------------------------------------------
    def _write(self, out: Outcome, rel: str, data: dict, header: list[str], where: dict | None = None) -> None:
        """`where`: JSON pointer of a part of the file -> (form section, line) it came from."""
        text = "\n".join(header) + "\n" + dump(data)
        try:
            load_text(text)
        except LoadError as exc:
            out.problems.append(f"Isian tidak dapat dijadikan berkas: {exc.message}")
            return
        self._write_text(out, rel, text, where)

    def _write_text(self, out: Outcome, rel: str, text: str, where: dict | None = None) -> None:
        """Write, validate, and put the old file back when the new one has errors."""
        from kinerja.validate import validate

        path = self.root / rel
        old = path.read_text(encoding="utf-8") if path.exists() else None
        created = [d for d in path.parents if d != self.root and self.root in d.parents and not d.exists()]
        (replace if old is not None else write_new)(path, text)
        _, findings = validate(self.root, [rel], today=self.today)
        errors = [f for f in findings if f.severity == ERROR]
        if errors:
            if old is None:
                path.unlink()
                for d in created:  # deepest first: leave no empty folder the refused file made
                    try:
                        d.rmdir()
                    except OSError:
                        break
            else:
                replace(path, old)
            out.problems += list(dict.fromkeys(_located(f, where) for f in errors))[:30]
            return
        out.warnings += list(dict.fromkeys(_located(f, where) for f in findings if f.severity == WARNING))[:20]
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
        status = "disetujui" if v.get("status", "").startswith("Ya") else "draf"
        rhk_p = lineformat.parse_rhk_lines(v.get("rhk", ""))
        p += _line_problems(L_RHK, rhk_p.errors)
        rhk = rhk_p.items
        self._resolve_public_links(out, rhk, rhk_p.line_of)
        # an IKI line of a refused RHK line is not blamed for it (no follow-on errors)
        iki_p = lineformat.parse_iki_lines(v.get("iki", ""), {r["id"] for r in rhk}, kualitatif, rhk_p.refused)
        p += _line_problems(L_IKI, iki_p.errors)
        iki = iki_p.items
        perilaku, errs = lineformat.parse_pairs(
            v.get("perilaku", ""), "nilai BerAKHLAK | ekspektasi",
            lambda k: None if k in lineformat.BERAKHLAK else f"nilai {shown(k)} tidak dikenal; pilih {', '.join(lineformat.BERAKHLAK)}.")
        p += _line_problems(L_PERILAKU, errs)
        lampiran, lampiran_lines = {}, {}
        for key, label in LAMPIRAN:
            parsed = lineformat.parse_list(v.get(key, ""))
            p += _line_problems(label, parsed.errors)
            if parsed.items:
                lampiran[key], lampiran_lines[key] = parsed.items, parsed.line_of
        for r in rhk:
            if r["id"] not in iki and r["id"] not in iki_p.refused:
                p.append(f"Bagian «{L_RHK}» baris {rhk_p.line_of[r['id']]}: RHK {r['id']} belum punya IKI; tambahkan "
                         "setidaknya satu baris di bagian IKI.")
        if year is None:
            return
        day = start or date(year, 1, 1)
        a = person.assignment_on(day) or next((x for x in person.assignments if x.mulai.year == year and x.mulai >= day), None)
        if a is None:
            p.append(f"Anda tidak punya penugasan pada tahun {year} mulai {day.isoformat()} menurut data organisasi; hubungi admin.")
            return
        plan_start = max(day, a.mulai)
        plan_end = min(date(year, 12, 31), person.position_end(a) or date(year, 12, 31))
        self._bare_links(p, person, year, plan_start, plan_end, rhk, rhk_p.line_of)
        if p:
            return
        existing = self.repo.plans_of(person.id, year)
        same = [x for x in existing if x.mulai == plan_start]
        if same:
            rel = same[0].file
        elif not existing:
            rel = f"plans/{year}/{person.id}.yml"
        else:
            rel = f"plans/{year}/{person.id}.{plan_start.isoformat()}.yml"
        data = {
            "versi_format": 1, "pegawai": person.id, "tahun": year,
            "periode": {"mulai": plan_start.isoformat(), "selesai": plan_end.isoformat()},
            "jabatan": a.jabatan, "unit": a.unit, "status": status,
            "pendekatan": "kualitatif" if kualitatif else "kuantitatif",
            "hasil_kerja": [dict(r, indikator=iki[r["id"]]) for r in rhk],
        }
        if perilaku:
            data["perilaku_kerja"] = {k: {"ekspektasi_khusus": t} for k, t in perilaku}
        if lampiran:
            data["lampiran"] = lampiran
        if v.get("catatan"):
            data["catatan"] = v["catatan"]
        # where each part of the file came from, so that a validation finding names its form line
        where = {}
        for i, r in enumerate(rhk):
            where[f"/hasil_kerja/{i}"] = (L_RHK, rhk_p.line_of[r["id"]])
            for j, k in enumerate(iki[r["id"]]):
                where[f"/hasil_kerja/{i}/indikator/{j}"] = (L_IKI, iki_p.line_of[(r["id"], k["id"])])
        where["/catatan"] = ("Catatan untuk pejabat penilai", None)
        where["/perilaku_kerja"] = (L_PERILAKU, None)
        labels = dict(LAMPIRAN)
        for key, lines in lampiran_lines.items():
            for j, n in lines.items():
                where[f"/lampiran/{key}/{j}"] = (labels[key], n)
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../schemas/plan.schema.json",
                                     f"# Dibuat dari isu #{issue} (formulir Ajukan SKP) oleh kinerja form."], where)
        if out.ok:
            penilai = self._penilai_for(person.id, plan_start, plan_end)
            out.pull_request = True
            out.title = f"SKP {year} {person.id}: {'minta persetujuan' if status == 'disetujui' else 'draf'} (dari isu #{issue})"
            ask = (f"{self.mention(penilai)}: mohon tinjau rencana ini, beri saran bila perlu, lalu setujui (Approve) "
                   "atau minta perubahan (Request changes).") if status == "disetujui" else \
                  "Rencana ini masih draf: boleh digabung tanpa persetujuan, dan dapat diajukan ulang untuk disetujui."
            out.pr_body = self._pr_body(issue, login, rel, ask)

    def _resolve_public_links(self, out: Outcome, rhk: list[dict], line_of: dict) -> None:
        """The editor names the supervisor's RHK by public plan code and build commit."""
        from kinerja.review.publiclink import resolve

        for item in rhk:
            text = item.pop("intervensi_publik", None)
            if text is None:
                continue
            r = resolve(self.root, text, self.repo.plans_of)
            if r.problem:
                out.problems.append(f"Bagian «{L_RHK}» baris {line_of[item['id']]}: {r.problem}")
                continue
            item["intervensi"] = r.link
            if r.note:
                out.warnings.append(r.note)

    def _bare_links(self, p: list[str], person, year: int, start: date, end: date, rhk: list[dict], line_of: dict) -> None:
        """A bare id in the link column (`rhk-1`) is a sasaran only for a head of perangkat daerah;
        anyone else is answered with her penilai's RHK, by id and text (never the head's message)."""
        if self.org.heads_pd(person.id, start, end):
            return
        for r in rhk:
            if "sasaran" not in r:
                continue
            opts = suggest.options(self.repo, self.org, person.id, year, start, end)
            hint = suggest.sentence(opts, r["sasaran"], r["uraian"])
            p.append(f"Bagian «{L_RHK}» baris {line_of[r['id']]}: kolom keempat “{r['sasaran']}” tidak menyebut atasannya; "
                     f"tulis RHK atasan yang diintervensi sebagai id-atasan/id-rhk. {hint}".rstrip())

    # when text still to be written is refused rather than flagged: a plan asking approval (as
    # plan-placeholder does for a `disetujui` plan), a final rating, and the decisions
    STRICT = {"skp": lambda v: v.get("status", "").startswith("Ya"), "realisasi": lambda v: False,
              "penilaian": lambda v: v.get("status") == "final", "keberatan": lambda v: True,
              "membaca": lambda v: True, "putusan": lambda v: True, "kalibrasi": lambda v: True,
              "pengaduan": lambda v: True}  # a complaint's text is published: an example copied unchanged is refused

    def _template_text(self, out: Outcome, form: str, v: dict) -> None:
        """A field still holding the scaffold marker, or a line copied unchanged from the form's own
        example, is flagged like scaffold text in a plan: an error where the result is asked to be
        approved or final, else a warning (the draft is still made)."""
        strict = self.STRICT.get(form, lambda _v: True)(v)
        flag = out.problems if strict else out.warnings
        after = ("; isian yang diajukan untuk disetujui atau final tidak boleh memuat teks contoh." if strict
                 else " (draf tetap dibuat).")
        for f in self.fields:
            text = v.get(f.id)
            if not isinstance(text, str) or not text:
                continue
            # the lampiran examples are usual wording, meant to be kept; the rest is personal
            examples = {" ".join(x.split()) for x in f.placeholder.split("\n") if len(_WORD.findall(x)) >= 4} \
                if f.type == "textarea" and f.id not in LAMPIRAN_IDS else set()
            for n, line in enumerate(text.split("\n"), start=1):
                line = lineformat.BULLET.sub("", line, count=1).strip()
                where = f"Bagian «{f.label}»" + (f" baris {n}" if f.type == "textarea" else "")
                if PLACEHOLDER in line:
                    flag.append(f"{where} masih memuat tanda {PLACEHOLDER} (teks yang belum ditulis). Tulis isi yang "
                                f"sebenarnya dan hapus tanda {PLACEHOLDER}{after}")
                elif " ".join(line.split()) in examples:
                    flag.append(f"{where} sama persis dengan contoh di formulir. Tulis isi Anda sendiri{after}")

    # -- Laporkan realisasi ---------------------------------------------------------------------
    def _eval_path(self, person_id: str, year: int, period: str, start: date | None) -> str:
        stem = person_id if start is None else f"{person_id}.{start.isoformat()}"
        return f"evaluations/{year}/{period}/{stem}.yml"

    def _realisasi(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        period = v.get("periode", "")
        real_lines, uraian_lines, bukti_lines = {}, {}, {}
        reports, errs = lineformat.parse_realisasi(v.get("realisasi", ""), real_lines)
        p += _line_problems(L_REAL, errs)
        uraian, errs = lineformat.parse_pairs(v.get("uraian", ""), "id-rhk | uraian",
                                               lambda k: None if lineformat.ID.fullmatch(k) else f"id RHK {shown(k)} tidak sah.",
                                               uraian_lines)
        p += _line_problems(L_URAIAN, errs)
        bukti, errs = lineformat.parse_bukti(v.get("bukti", ""), bukti_lines)
        p += _line_problems(L_BUKTI, errs)
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
        where = {"/realisasi/catatan": ("Catatan untuk pejabat penilai", None)}
        for i, item in enumerate(items):
            rid = item["rhk"]
            first = min([n for (r, _), n in real_lines.items() if r == rid] + [uraian_lines.get(rid, 10**6)]
                        + [n for (r, _), n in bukti_lines.items() if r == rid])
            where[f"/realisasi/hasil_kerja/{i}"] = (L_REAL if any(r == rid for r, _ in real_lines) else
                                                    L_URAIAN if rid in uraian_lines else L_BUKTI, first)
            if rid in uraian_lines:
                where[f"/realisasi/hasil_kerja/{i}/uraian"] = (L_URAIAN, uraian_lines[rid])
            for j, rep in enumerate(item.get("indikator", [])):
                where[f"/realisasi/hasil_kerja/{i}/indikator/{j}"] = (L_REAL, real_lines[(rid, rep["iki"])])
            for j, _b in enumerate(item.get("bukti_dukung", [])):
                where[f"/realisasi/hasil_kerja/{i}/bukti_dukung/{j}"] = (L_BUKTI, bukti_lines[(rid, j)])
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../../schemas/evaluation.schema.json",
                                     f"# Realisasi dari isu #{issue} (formulir Laporkan realisasi) oleh kinerja form."], where)
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
        from kinerja.review.facts import local_date

        return local_date(self.filed_at, self.repo.regency.zona_waktu) if self.filed_at else self.today

    def _keberatan(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        from kinerja.model.keberatan import decider_for_evaluation
        from kinerja.review.keberatan_rules import filing_window

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
        w = filing_window(self.root, "HEAD", rel, reg, filed)
        if w.problem:
            p.append(w.problem)
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
            f"**Keberatan diterima** (diajukan {filed.isoformat()}; evaluasi final sejak {w.final_day.isoformat()}, batas "
            f"pengajuan {w.last_day.isoformat()}). Berkas `{obj_rel}` diajukan sebagai usulan.",
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
        rating_lines: dict = {}
        ratings, errs = lineformat.parse_ratings(v.get("rating_rhk", ""), rating_lines)
        p += _line_problems(L_RATING, errs)
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
        where = {f"/penilaian/hasil_kerja/{i}": (L_RATING, n) for i, n in rating_lines.items()}
        where["/penilaian/catatan"] = ("Catatan umum", None)
        self._write(out, rel, data, ["# yaml-language-server: $schema=../../../schemas/evaluation.schema.json",
                                     f"# Penilaian dari isu #{issue} (formulir Beri penilaian) oleh kinerja form."], where)
        if out.ok:
            out.pull_request = True
            out.title = f"Penilaian {PERIOD_LABEL[period]} {year} {pid}: {data['status']} (dari isu #{issue})"
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
        from datetime import datetime, timezone

        from kinerja.review import facts

        p = out.problems
        year = _year(v.get("tahun", ""), p)
        start = _start(v.get("mulai", ""), year, p)
        tanggapan = (v.get("tanggapan") or "").strip()
        if len(tanggapan) > facts.ACK_RESPONSE_MAX:
            limit = f"{facts.ACK_RESPONSE_MAX:,}".replace(",", ".")
            p.append(f"Bagian «Tanggapan» lebih dari {limit} karakter; ringkas tanggapan Anda.")
        if p or year is None:
            return
        rel = self._eval_path(person.id, year, v.get("periode", ""), start)
        try:
            _pid, problem = facts.acknowledgement_problem(self.root, "HEAD", rel, person.github_id or 0)
        except facts.FactsUnavailable:
            problem = "Riwayat git cabang utama tidak dapat dibaca; tanda sudah membaca belum dapat dicatat."
        if problem:
            p.append(problem)
            return
        at = self.filed_at or datetime.now(timezone.utc)
        ack = ack_fact(rel, person.id, person.github_id, at, self.repo.regency.zona_waktu, tanggapan, issue=issue)
        out.ok, out.file, out.ack = True, rel, ack
        out.notes = [f"**Tanda sudah membaca diterima** untuk `{rel}` ({ack['tanggal']}); GitHub App instansi mencatatnya "
                     "di git. Tanda ini tidak mengubah rating. Bila Anda keberatan, pakai formulir \"Ajukan keberatan\" "
                     "dalam batas waktunya."]

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

    # -- Daftarkan akun (an account not registered yet) ---------------------------------------------
    def _akun(self, out: Outcome, v: dict, actor, issue: int, login: str, github_id: int) -> None:
        from kinerja.review.account import RegistrationError, register_text

        p = out.problems
        pid = (v.get("pegawai") or "").strip()
        person = self.org.person(pid) if lineformat.ID.fullmatch(pid) else None
        if person is None:
            p.append(f"Bagian «Id pegawai» berisi {shown(pid)}, yang tidak ada di organisation/people/. Tanyakan id Anda kepada admin BKPSDM.")
            return
        if not _same_name(v.get("nama", ""), person.nama):
            p.append(f"Bagian «Nama» tidak cocok dengan nama pada data {pid}. Periksa id pegawai Anda (bukan NIP).")
            return
        if actor.person is not None and actor.person.id == pid and actor.person.github_login == login:
            p.append(f"Akun {shown(login)} sudah tercatat untuk {pid}; tidak ada yang perlu didaftarkan.")
            return
        if actor.person is not None and actor.person.id != pid:
            p.append(f"Akun ini (id {github_id}) sudah tercatat untuk orang lain ({actor.person.id}); satu akun hanya untuk "
                     "satu orang. Hubungi admin BKPSDM.")
            return
        rel = f"organisation/people/{pid}.yml"
        try:
            text = register_text((self.root / rel).read_text(encoding="utf-8"), login, github_id)
        except (OSError, UnicodeDecodeError, RegistrationError) as exc:
            p.append(str(exc) if isinstance(exc, RegistrationError) else f"{rel} tidak dapat dibaca.")
            return
        self._write_text(out, rel, text)
        if not out.ok:
            return
        out.pull_request = True
        out.title = f"Daftarkan akun GitHub {login} untuk {pid} (dari isu #{issue})"
        old = (f" Akun yang tercatat sebelumnya ({md(person.github_login or '-', 60)}, id {person.github_id}) **diganti**."
               if person.github_id is not None else "")
        out.pr_body = self._pr_body(issue, login, rel,
            f"Admin BKPSDM: pastikan akun @{login} (id {github_id}) memang milik {md(person.nama)} ({pid}) lewat jalur resmi "
            f"instansi, lalu setujui (Approve).{old} Hanya bagian `github` yang berubah.")

    # -- Berlakukan rekomendasi kalibrasi (the penilai enacts) ---------------------------------------
    def _kalibrasi(self, out: Outcome, v: dict, person, issue: int, login: str) -> None:
        """Add `diberlakukan: {oleh, tanggal}` to the tim's recommendation for the person, as her penilai.
        The record is rewritten as data (its leading comment kept); check-change then lets only the
        penilai make exactly this change (review/authz.py `_calibration`)."""
        from kinerja.score.calibration import records

        p = out.problems
        subject = self._subject(v, p)
        if p or subject is None:
            return
        pid, year, period, eval_rel = subject
        key = eval_rel.rsplit("/", 1)[1][: -len(".yml")]
        found = [(cal, r) for cal in records(self.repo) if cal.tahun == year and cal.periode == period
                 for r in cal.rekomendasi if r.key == key]
        if not found:
            p.append(f"Tidak ada rekomendasi tim penilai kinerja untuk {key} pada {PERIOD_LABEL[period]} {year} "
                     "(calibrations/ di main).")
            return
        cal, rec = found[0]
        e = self.repo.record(eval_rel)
        if e is None or e.status != "final":
            p.append(f"Evaluasi {eval_rel} tidak ada atau belum final: rekomendasi kalibrasi hanya atas evaluasi final.")
            return
        if person.id != e.pejabat_penilai:
            p.append(f"Rekomendasi untuk {key} hanya diberlakukan oleh pejabat penilainya pada evaluasi itu "
                     f"({e.pejabat_penilai}); Anda bukan pejabat penilainya.")
            return
        if rec.diberlakukan_oleh is not None:
            p.append(f"Rekomendasi untuk {key} sudah diberlakukan ({rec.diberlakukan_oleh}, "
                     f"{rec.diberlakukan_tanggal.isoformat() if rec.diberlakukan_tanggal else '-'}); pemberlakuan tidak diulang.")
            return
        data = self.repo.record(cal.file)
        new = dict(data)
        recs = [dict(r) for r in data["rekomendasi"]]
        recs[rec.index]["diberlakukan"] = {"oleh": person.id, "tanggal": self.filing_day().isoformat()}
        new["rekomendasi"] = recs
        self._write(out, cal.file, new, _leading_comments(self.root / cal.file) + [
            f"# Pemberlakuan rekomendasi untuk {key} dari isu #{issue} (formulir Berlakukan rekomendasi kalibrasi) oleh kinerja form."])
        if out.ok:
            out.pull_request = True
            out.title = f"Pemberlakuan kalibrasi {PERIOD_LABEL[period]} {year} {key} (dari isu #{issue})"
            changes = ", ".join(f"{k.replace('_', ' ')}: {rec.sebelum.get(k, '-')} → {val}" for k, val in rec.rekomendasi.items())
            out.pr_body = self._pr_body(issue, login, cal.file,
                f"Rekomendasi tim ({md(changes, 300)}) berlaku sesudah digabung dan dipakai dalam skor. {self.mention(pid)}: "
                "rating Anda berubah; mohon tinjau dan setujui (Approve) sebagai tanda telah membaca.")

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
        out.problems = _in_form_order(out.problems, fields)
        out.warnings = _in_form_order(out.warnings, fields)
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


def _leading_comments(path: Path) -> list[str]:
    """The comment lines at the top of a file (kept when the file is rewritten as data)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line)
    return head


def pick_form(labels: list[str]) -> forms.FormSpec | None:
    for spec in forms.FORMS.values():
        if spec.label in labels:
            return spec
    return None


def ack_fact(rel: str, person: str, github_id: int, at, zone: str, tanggapan: str = "", issue: int | None = None,
             pr: int | None = None) -> dict:
    """The acknowledgement as the JSON fact `kinerja sudah-membaca` records (review/facts.py)."""
    from kinerja.review.facts import local_date, utc_text

    return {"jenis": "sudah_membaca", "evaluasi": rel, "pegawai": person, "akun_id": github_id, "waktu": utc_text(at),
            "tanggal": local_date(at, zone).isoformat(), "tanggapan": tanggapan or None, "isu": issue, "usulan": pr}


def _same_name(typed: str, recorded: str) -> bool:
    """The typed name matches the record: its letters, in order, within the record's (titles optional)."""
    import unicodedata

    def letters(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).casefold()
        return "".join(c for c in text if c.isalpha())

    t = letters(typed)
    return len(t) >= 3 and t in letters(recorded)
