"""`kinerja new`: scaffold a plan (SKP) for one person, or for everyone in a unit.

The header comes from the assignment in force, the cascade options from the supervisor's
plan (or the unit's sasaran for a head of perangkat daerah), the BerAKHLAK block and its
behaviour guides from the rule set in force. The file is a valid draft from the start, so
staff learn by editing something that already passes `kinerja validate`.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from kinerja.writefile import AlreadyExists, write_new

if TYPE_CHECKING:
    from kinerja.model.org import OrgIndex
    from kinerja.repository import Repository

# The one marker of scaffold text still to be replaced. `kinerja new` writes it in front of
# every sentence the employee must rewrite; validation (check/document.py) reports it (an
# error in a `disetujui` plan, a warning in a draft); forms and the editor import it from here.
PLACEHOLDER = "[ISI]"

_UNSAFE_IN_COMMENT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """User text inside a YAML comment: one line, so it can never become YAML keys."""
    return _UNSAFE_IN_COMMENT.sub(" ", text).strip()


def _link_lines(repo: "Repository", org: "OrgIndex", person_id: str, year: int, start: date, end: date) -> tuple[str, list[str]]:
    """The RHK's cascade line and comment lines explaining the choices."""
    heads = org.heads_pd(person_id, start, end)
    if heads:
        goals = [g for u in heads if (gs := repo.goals.get((u, year))) for g in gs.goals]
        if not goals:
            return "sasaran: ss-1", [f"# Sasaran {heads[0]} tahun {year} belum ada di organisation/goals/{year}/{heads[0]}.yml."]
        lines = ["# Pilih sasaran Perjanjian Kinerja yang didukung RHK ini:"]
        lines += [f"#   {g.id}: {_comment(g.uraian)}" for g in goals]
        return f"sasaran: {goals[0].id}", lines
    bosses = [b for b in org.penilai_between(person_id, start, end) if b in repo.people and repo.people[b].status != "non_asn"]
    if not bosses:
        return "", ["# Pejabat penilai bukan ASN: RHK tidak mengintervensi RHK atasan."]
    boss = bosses[-1]
    boss_plans = [p for p in repo.plans_of(boss, year) if p.mulai <= end and start <= p.selesai]
    if not boss_plans:
        return f"intervensi: {boss}/rhk-1", [
            f"# Rencana atasan ({boss}) tahun {year} belum ada: ganti rhk-1 bila rencananya sudah terbit.",
            "# Draf boleh digabung lebih dulu; validasi menandainya 'menunggu rencana atasan'.",
        ]
    lines = [f"# Pilih RHK atasan ({boss}) yang didukung RHK ini:"]
    rhks = [r for p in boss_plans for r in p.rhk]
    lines += [f"#   {boss}/{r.id}: {_comment(r.uraian)}" for r in rhks]
    return f"intervensi: {boss}/{rhks[0].id}", lines


def render_plan(repo: "Repository", org: "OrgIndex", person_id: str, year: int, start: date, end: date) -> str:
    person = repo.people[person_id]
    a = person.assignment_on(start)
    unit = repo.units.get(a.unit)
    rules = repo.rules_for_year(year)
    link, link_comments = _link_lines(repo, org, person_id, year, start, end)
    is_jpt = a.jenis_jabatan.startswith("jpt_")
    out = [
        "# yaml-language-server: $schema=../../schemas/plan.schema.json",
        f"# Rencana SKP {_comment(person.nama)} tahun {year}. Dibuat oleh 'kinerja new'; ubah isinya,",
        "# lalu ajukan sebagai pull request. Panduan: halaman Panduan > Menulis RHK dan IKI.",
        "versi_format: 1",
        f"pegawai: {person_id}",
        f"tahun: {year}",
        "periode:",
        f"  mulai: {start.isoformat()}",
        f"  selesai: {end.isoformat()}",
        f"jabatan: {_q(a.jabatan)}",
        f"unit: {a.unit}" + (f"  # {_comment(unit.nama)}" if unit else ""),
        "status: draf  # ganti menjadi 'disetujui' setelah dialog kinerja; perlu persetujuan pejabat penilai",
        "pendekatan: kuantitatif  # atau kualitatif",
        "hasil_kerja:",
        "  - id: rhk-1",
        "    jenis: utama",
        f'    uraian: "{PLACEHOLDER} Tulis hasil yang ingin dicapai (bukan kegiatan), misalnya: Terlaksananya ..."',
    ]
    out += ["    " + c for c in link_comments]
    if link:
        out.append("    " + link)
    if is_jpt:
        out.append("    perspektif: penerima_layanan  # atau proses_bisnis, penguatan_internal, anggaran")
    out += [
        "    indikator:",
        "      - id: iki-1",
        "        aspek: kuantitas  # kuantitas, kualitas, waktu, atau biaya",
        f'        uraian: "{PLACEHOLDER} Tulis ukuran yang dapat diperiksa, misalnya: Jumlah ... yang ..."',
        '        target: {nilai: 1, satuan: "dokumen"}  # atau rentang: {min: 80, maks: 90, satuan: "%"}',
        "perilaku_kerja:",
    ]
    for value in (rules.perilaku_kerja if rules else []):
        out.append(f"  # {value['label']}: " + "; ".join(value["pedoman"]))
        out.append(f"  {value['id']}: {{}}  # isi ekspektasi_khusus bila pimpinan punya harapan khusus")
    if not rules or not rules.perilaku_kerja:
        out[-1] = "perilaku_kerja: {}"
    out += [
        "lampiran:",
        "  dukungan_sumber_daya: []",
        "  skema_pertanggungjawaban: []",
        "  konsekuensi: []",
        "",
    ]
    return "\n".join(out)


def _positions(person, year: int) -> list[tuple[date, date, object]]:
    """(start, end, assignment) of each position the person holds in the year, in order.
    Contiguous assignments with the same unit, jabatan and jenjang are one position."""
    first_day, last_day = date(year, 1, 1), date(year, 12, 31)
    out = []
    for a in sorted(person.assignments_between(first_day, last_day), key=lambda x: x.mulai):
        if out and out[-1][1] >= a.mulai:
            continue  # a continuation of the previous position (new rank, exception, ...)
        end = person.position_end(a)
        out.append((max(first_day, a.mulai), min(last_day, end or last_day), a))
    return out


def _plan_path(repo: "Repository", person_id: str, year: int, start: date, first_position: bool) -> Path:
    """plans/<year>/<id>.yml for the year's first position, <id>.<start>.yml for the next."""
    name = f"{person_id}.yml" if first_position else f"{person_id}.{start.isoformat()}.yml"
    return repo.root / "plans" / str(year) / name


def _in_unit(org: "OrgIndex", unit_id: str, other: str) -> bool:
    return other == unit_id or unit_id in org.ancestors(other)


def scaffold(root: Path, *, year: int, person: str | None, unit: str | None, start: date | None) -> int:
    """Write the missing plans; print who got one, who already had one and who was skipped."""
    from kinerja.check.crossfile import org_index
    from kinerja.repository import load_repository

    repo = load_repository(root)
    if repo.regency is None:
        print("kinerja new: organisation/instansi.yml belum ada atau belum sah; jalankan 'kinerja validate'.", file=sys.stderr)
        return 1
    org = org_index(repo)
    skipped_acting: list[str] = []
    if unit is not None:
        if unit not in repo.units:
            print(f"kinerja new: unit “{unit}” tidak ada di organisation/units/.", file=sys.stderr)
            return 1
        # everyone holding an assignment in the unit (or below it) at any time in the year
        people = sorted(p.id for p in repo.people.values()
                        if any(_in_unit(org, unit, a.unit) for a in p.assignments_between(date(year, 1, 1), date(year, 12, 31))))
        for p in sorted(repo.people.values(), key=lambda x: x.id):
            acting = [x for x in p.acting if _in_unit(org, unit, x.unit) and x.mulai <= date(year, 12, 31)
                      and (x.selesai is None or x.selesai >= date(year, 1, 1))]
            if acting and p.id not in people:
                people_acting = ", ".join(f"{x.jenis.capitalize()}. {x.unit} mulai {x.mulai.isoformat()}" for x in acting)
                skipped_acting.append(f"{p.id}: hanya {people_acting}; rencananya mengikuti jabatan definitifnya di unit lain.")
    else:
        if person not in repo.people:
            print(f"kinerja new: pegawai “{person}” tidak ada di organisation/people/.", file=sys.stderr)
            return 1
        people = [person]
    made, had, skipped = [], [], skipped_acting
    failed = False
    for pid in people:
        p = repo.people[pid]
        if p.status == "non_asn":
            skipped.append(f"{pid}: pejabat negara (non-ASN) tidak menyusun SKP.")
            continue
        positions = _positions(p, year)
        if not positions:
            skipped.append(f"{pid}: tidak punya penugasan pada tahun {year}.")
            failed = failed or person is not None
            continue
        existing = repo.plans_of(pid, year)
        for n, (pos_start, pos_end, a) in enumerate(positions):
            if unit is not None and not _in_unit(org, unit, a.unit):
                continue  # a position elsewhere: that unit's admin makes it
            if start is not None:
                if start > pos_end:
                    skipped.append(f"{pid}: jabatan {a.jabatan} berakhir {pos_end.isoformat()}, sebelum --mulai {start.isoformat()}.")
                    continue
                pos_start = max(pos_start, start)
            mine = [x for x in existing if x.mulai <= pos_end and pos_start <= x.selesai]
            if mine:
                had.append(f"{pid}: {', '.join(x.file for x in mine)} sudah ada (tidak ditimpa; jabatan {a.jabatan}, mulai {pos_start.isoformat()}).")
                continue
            first = n == 0 and not any(x.mulai < pos_start for x in existing)
            path = _plan_path(repo, pid, year, pos_start, first and not (root / "plans" / str(year) / f"{pid}.yml").exists())
            rel = path.relative_to(root).as_posix()
            try:
                write_new(path, render_plan(repo, org, pid, year, pos_start, pos_end))
            except AlreadyExists:
                had.append(f"{pid}: {rel} sudah ada tetapi belum sah; tidak ditimpa (jalankan 'kinerja validate').")
                failed = True
                continue
            made.append(f"{rel} ({pid}, jabatan {a.jabatan}, {pos_start.isoformat()} s.d. {pos_end.isoformat()})")
    for title, items in (("Dibuat", made), ("Sudah punya rencana", had), ("Dilewati", skipped)):
        print(f"{title} ({len(items)}):")
        for line in items:
            print(f"  {line}")
    # one named person and nothing written: say so in the exit code too (scripts notice)
    return 1 if failed or (person is not None and not made) else 0
