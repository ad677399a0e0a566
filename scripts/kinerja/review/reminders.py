"""Weekly reminders, one tracking issue per perangkat daerah: who has no approved SKP after
the deadline, which evaluations are overdue, which PRs wait too long for review, which
objections (keberatan) wait for a decision. People concerned are @mentioned.

The body of an issue holds at most 65,536 characters and GitHub notifies at most 50
mentions per post, so lists are cut with a count of what was left out and mentions beyond
50 are written as plain code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from kinerja.check.crossfile import org_index, plan_deadline
from kinerja.model.calendar import PERIOD_LABEL, period_range, periods_enabled
from kinerja.review.approval import latest_decisions, parse_reviews
from kinerja.review.changes import kind_of
from kinerja.review.report import code, md

BODY_LIMIT = 60_000  # GitHub: 65,536 characters per issue body
MAX_MENTIONS = 50


@dataclass
class Item:
    text: str  # Markdown with {0}, {1}... for the people to mention
    people: list[str]


@dataclass
class Board:
    pd: str
    title: str
    sections: dict[str, list[Item]] = field(default_factory=dict)

    def add(self, section: str, item: Item) -> None:
        self.sections.setdefault(section, []).append(item)


SECTIONS = (
    ("skp", "SKP belum disetujui padahal tenggat sudah lewat"),
    ("evaluasi", "Evaluasi terlambat"),
    ("tinjauan", "Usulan yang terlalu lama menunggu tinjauan"),
    ("keberatan", "Keberatan yang belum diputus"),
)


def _created(item: dict) -> date | None:
    try:
        return datetime.fromisoformat(str(item.get("createdAt", "")).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def compute(repo, today: date, prs: list | None = None, keberatan: list | None = None) -> list[Board]:
    reg = repo.regency
    org = org_index(repo)
    dl = reg.deadlines
    boards = {u.id: Board(u.id, f"Pengingat kinerja: {u.nama}") for u in repo.units.values() if u.is_pd}

    def board_of(pid: str, day: date) -> Board | None:
        a = org.assignment_on(pid, day)
        if a is None:
            p = org.person(pid)
            a = p.assignments[-1] if p and p.assignments else None
        return boards.get(org.perangkat_daerah(a.unit)) if a else None

    year = today.year
    for person in repo.people.values():
        if person.status == "non_asn":
            continue
        a = person.assignment_on(today)
        if a is None:
            continue
        plans = repo.plans_of(person.id, year)
        current = [p for p in plans if p.mulai <= today <= p.selesai]
        if any(p.status == "disetujui" for p in current):
            continue
        start = current[0].mulai if current else max(date(year, 1, 1), a.mulai)
        due = plan_deadline(dl, start, year)
        if today > due:
            b = board_of(person.id, today)
            state = "masih draf" if current else "belum ada"
            if b:
                b.add("skp", Item(f"{{0}}: SKP {year} {state} (tenggat {due.isoformat()}); pejabat penilai {{1}}.",
                                  [person.id, org.penilai_on(person.id, today)]))
    for y in (year - 1, year):
        for period in periods_enabled(reg.period_kinds):
            start, end = period_range(y, period)
            if today <= end + timedelta(days=dl["evaluasi_hari_setelah_periode"]):
                continue
            # a closed period keeps its reminders until every plan in force has its evaluation
            # (or a `tidak_dinilai` record): closing does not make missing work vanish
            for (pid, py), rels in repo.plan_groups.items():
                if py != y:
                    continue
                for plan in repo.plans_of(pid, y):
                    if plan.selesai < start or plan.mulai > end:
                        continue
                    rel = repo.eval_paths.get((y, period, plan.key))
                    e = repo.record(rel) if rel else None
                    b = board_of(pid, end)
                    if b is None:
                        continue
                    label = f"{PERIOD_LABEL[period]} {y}"
                    penilai = org.penilai_for_period(pid, max(start, plan.mulai), min(end, plan.selesai))
                    if e is None:
                        b.add("evaluasi", Item(f"{{0}}: realisasi {label} belum dilaporkan; pejabat penilai {{1}}.", [pid, penilai]))
                    elif e.status not in ("final", "tidak_dinilai"):
                        b.add("evaluasi", Item(f"{{0}}: evaluasi {label} belum final; menunggu pejabat penilai {{1}}.", [pid, e.pejabat_penilai]))
    for pr in prs or []:
        if not isinstance(pr, dict) or pr.get("isDraft"):
            continue
        opened = _created(pr)
        if opened is None or (today - opened).days <= dl["tinjauan_hari"]:
            continue
        reviews = parse_reviews(__import__("json").dumps(pr.get("reviews") or []))
        if any(r.state == "APPROVED" for r in latest_decisions(reviews).values()):
            continue
        for f in pr.get("files") or []:
            path = f.get("path") if isinstance(f, dict) else None
            k = kind_of(path or "")
            if k.name in ("plan", "evaluation"):
                pid = k.keys["pegawai"]
                b = board_of(pid, today)
                if b is not None and pid in org.people:
                    number = int(pr.get("number", 0))
                    b.add("tinjauan", Item(f"usulan #{number} milik {{0}} menunggu sejak {opened.isoformat()}; mohon ditinjau {{1}}.",
                                           [pid, org.penilai_on(pid, today)]))
                break
    for issue in keberatan or []:
        opened = _created(issue) if isinstance(issue, dict) else None
        if opened is None or (today - opened).days <= dl["keberatan_hari"]:
            continue
        login = ((issue.get("author") or {}).get("login") or "").casefold()
        person = next((p for p in org.people.values() if p.github_login and p.github_login.casefold() == login), None)
        if person is None:
            continue
        b = board_of(person.id, today)
        if b is not None:
            b.add("keberatan", Item(f"keberatan #{int(issue.get('number', 0))} dari {{0}} sejak {opened.isoformat()} "
                                    f"(batas {dl['keberatan_hari']} hari); mohon diputus {{1}}.",
                                    [person.id, org.atasan_penilai_on(person.id, today)]))
    return [boards[k] for k in sorted(boards)]


def render(board: Board, org, today: date) -> tuple[str, bool]:
    """(Markdown body, empty?) for one perangkat daerah."""
    mentioned: list[str] = []

    def who(pid: str | None) -> str:
        p = org.person(pid)
        if p is None:
            return "(tidak tercatat)"
        name = md(p.nama)
        if not p.github_login:
            return f"{name} ({pid}, belum punya akun GitHub)"
        if p.github_login in mentioned or len(mentioned) < MAX_MENTIONS:
            if p.github_login not in mentioned:
                mentioned.append(p.github_login)
            return f"@{p.github_login} ({name})"
        return f"{code(p.github_login)} ({name})"

    out = [f"## {md(board.title)}", "", f"Diperbarui otomatis {today.isoformat()} oleh workflow Pengingat. "
           "Isu ini diperbarui di tempat setiap minggu; butir yang sudah selesai hilang dengan sendirinya.", ""]
    empty = not any(board.sections.values())
    if empty:
        out.append("Tidak ada pengingat saat ini. Terima kasih!")
    size = sum(len(x) + 1 for x in out)
    for key, heading in SECTIONS:
        items = board.sections.get(key, [])
        if not items:
            continue
        out += [f"### {heading} ({len(items)})", ""]
        for i, item in enumerate(items):
            line = "- [ ] " + item.text.format(*(who(p) for p in item.people))
            if size + len(line) + 200 > BODY_LIMIT:
                out.append(f"- … dan {len(items) - i} butir lain (jalankan `kinerja reminders` untuk daftar lengkap).")
                break
            out.append(line)
            size += len(line) + 1
        out.append("")
    text = "\n".join(out) + "\n"
    return text[:BODY_LIMIT], empty
