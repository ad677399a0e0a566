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

from kinerja.check.crossfile import org_index
from kinerja.model.org import OrgIndex
from kinerja.repository import Repository, load_repository
from kinerja.writefile import AlreadyExists, write_new

_UNSAFE_IN_COMMENT = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """User text inside a YAML comment: one line, so it can never become YAML keys."""
    return _UNSAFE_IN_COMMENT.sub(" ", text).strip()


def _link_lines(repo: Repository, org: OrgIndex, person_id: str, year: int, start: date, end: date) -> tuple[str, list[str]]:
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


def render_plan(repo: Repository, org: OrgIndex, person_id: str, year: int, start: date, end: date) -> str:
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
        '    uraian: "Tulis hasil yang ingin dicapai (bukan kegiatan), misalnya: Terlaksananya ..."',
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
        '        uraian: "Tulis ukuran yang dapat diperiksa, misalnya: Jumlah ... yang ..."',
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


def _plan_path(repo: Repository, person_id: str, year: int, start: date) -> Path:
    existing = repo.plans_of(person_id, year)
    for plan in existing:
        if plan.mulai == start:
            return repo.root / plan.file  # exists: write_new refuses, nothing is overwritten
    name = f"{person_id}.yml" if not existing else f"{person_id}.{start.isoformat()}.yml"
    return repo.root / "plans" / str(year) / name


def _members(repo: Repository, org: OrgIndex, unit_id: str, day: date) -> list[str]:
    wanted = {unit_id} | {u for u in repo.units if unit_id in org.ancestors(u)}
    out = []
    for p in repo.people.values():
        a = p.assignment_on(day)
        if a is not None and a.unit in wanted and p.status != "non_asn":
            out.append(p.id)
    return sorted(out)


def scaffold(root: Path, *, year: int, person: str | None, unit: str | None, start: date | None) -> int:
    repo = load_repository(root)
    if repo.regency is None:
        print("kinerja new: organisation/instansi.yml belum ada atau belum sah; jalankan 'kinerja validate'.", file=sys.stderr)
        return 1
    org = org_index(repo)
    day = start or date(year, 1, 1)
    if unit is not None:
        if unit not in repo.units:
            print(f"kinerja new: unit “{unit}” tidak ada di organisation/units/.", file=sys.stderr)
            return 1
        people = _members(repo, org, unit, day)
    else:
        if person not in repo.people:
            print(f"kinerja new: pegawai “{person}” tidak ada di organisation/people/.", file=sys.stderr)
            return 1
        people = [person]
    status = 0
    for pid in people:
        p = repo.people[pid]
        if p.status == "non_asn":
            print(f"lewati {pid}: pejabat negara tidak menyusun SKP.", file=sys.stderr)
            status = 1
            continue
        a = p.assignment_on(day) or next((x for x in p.assignments if x.mulai.year == year and x.mulai >= day), None)
        if a is None:
            print(f"lewati {pid}: tidak punya penugasan pada tahun {year} mulai {day.isoformat()}.", file=sys.stderr)
            status = 1
            continue
        plan_start = max(day, a.mulai)
        plan_end = min(date(year, 12, 31), p.position_end(a) or date(year, 12, 31))
        path = _plan_path(repo, pid, year, plan_start)
        try:
            write_new(path, render_plan(repo, org, pid, year, plan_start, plan_end))
        except AlreadyExists:
            print(f"lewati {pid}: {path.relative_to(root)} sudah ada (tidak ditimpa).", file=sys.stderr)
            status = 1
            continue
        print(f"dibuat {path.relative_to(root)}")
    return status
