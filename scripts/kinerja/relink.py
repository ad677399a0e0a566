"""`kinerja relink`: follow a supervisor change through a person's plans.

When the pejabat penilai changes during the year (a new head, a transfer, a Plt.), RHK
that still intervene in the former supervisor's RHK are linked to the new supervisor's RHK.
An RHK already evaluated in a closed period is never edited: it is retired
(`berlaku_sampai`) and a copy with the new link takes over from the next period
(`berlaku_mulai`), so the closed evaluations stay valid. A relinked plan that was
`disetujui` goes back to `draf`: the new penilai approves it again.

The edit is made on the file's text at the positions the strict loader reports, so every
comment and line the user wrote stays as it was; the result is checked with the same
loader and schema before it is proposed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kinerja.check.crossfile import plan_position_end, supervisor_changes
from kinerja.findings import ERROR
from kinerja.loader import LoadError, load_text
from kinerja.model import records as R
from kinerja.model.calendar import period_range, periods_enabled
from kinerja.repository import Context, process_file

QUARTERS = [f"triwulan_{i}" for i in range(1, 5)]


@dataclass
class Proposal:
    file: str
    before: str
    after: str
    notes: list[str] = field(default_factory=list)  # what was done, one line each
    advice: list[str] = field(default_factory=list)  # what someone else must do next
    problems: list[str] = field(default_factory=list)  # why something was not done

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True),
                                            f"a/{self.file}", f"b/{self.file}"))


def _quarter_of(day) -> str:
    return QUARTERS[(day.month - 1) // 3]


def _evaluated_closed(repo, plan: R.Plan, rhk_id: str) -> list[str]:
    """Closed periods whose evaluation of this plan reports or rates the RHK."""
    out = []
    for period in periods_enabled(repo.regency.period_kinds):
        if not repo.regency.is_closed(plan.tahun, period):
            continue
        rel = repo.eval_paths.get((plan.tahun, period, plan.key))
        e = repo.record(rel) if rel else None
        if e is not None and (e.report_for(rhk_id) or e.rating_for(rhk_id)):
            out.append(period)
    return out


def _open_evaluations(repo, plan: R.Plan, rhk_id: str, after: str) -> list[str]:
    out = []
    for period in QUARTERS[QUARTERS.index(after) + 1:]:
        rel = repo.eval_paths.get((plan.tahun, period, plan.key))
        e = repo.record(rel) if rel else None
        if e is not None and (e.report_for(rhk_id) or e.rating_for(rhk_id)):
            out.append(rel)
    return out


def _value_span(line: str, col: int, value: str) -> tuple[int, int] | None:
    """Where the scalar `value` written at 1-based `col` sits in `line` (plain or quoted)."""
    start = col - 1
    for quote in ("", '"', "'"):
        literal = f"{quote}{value}{quote}"
        if line.startswith(literal, start):
            return start, start + len(literal)
    return None


class _Text:
    """A file's lines plus the loader's positions of the original text."""

    def __init__(self, text: str):
        self.lines = text.splitlines(True)
        self.loaded = load_text(text)
        self.inserts: dict[int, list[str]] = {}  # after original line n (1-based): new lines
        self.replaced: dict[int, str] = {}

    def line(self, n: int) -> str:
        return self.replaced.get(n, self.lines[n - 1])

    def set_scalar(self, path: tuple, old: str, new: str) -> bool:
        pos = self.loaded.positions.get(path)
        if pos is None:
            return False
        n, col = pos
        span = _value_span(self.line(n), col, old)
        if span is None:
            return False
        text = self.line(n)
        self.replaced[n] = text[: span[0]] + new + text[span[1]:]
        return True

    def item_lines(self, path: tuple) -> tuple[int, int]:
        """First and last line of a block-style list item (a mapping) at `path`."""
        first, _ = self.loaded.positions[path]
        parent, index = path[:-1], path[-1]
        nxt = self.loaded.positions.get(parent + (index + 1,))
        if nxt is not None:
            last = nxt[0] - 1
        else:
            later = [pos[0] for p, pos in self.loaded.key_positions.items() if len(p) == 1 and pos[0] > first]
            last = (min(later) - 1) if later else len(self.lines)
        while last > first and (not self.lines[last - 1].strip() or self.lines[last - 1].lstrip().startswith("#")):
            last -= 1  # blank lines and comments before the next item belong to it
        return first, last

    def render(self) -> str:
        out = []
        for n, text in enumerate(self.lines, start=1):
            out.append(self.replaced.get(n, text))
            out.extend(self.inserts.get(n, ()))
        return "".join(out)


def _new_id(plan: R.Plan, base: str) -> str:
    taken = {r.id for r in plan.rhk}
    for suffix in "bcdefghijklmnopqrstuvwxyz":
        if f"{base}{suffix}" not in taken:
            return f"{base}{suffix}"
    raise ValueError(base)


def propose(repo, org, person_id: str, year: int, choices: dict[str, str]) -> list[Proposal]:
    """One proposal per plan of the person in the year that still links a former supervisor."""
    out = []
    for plan in repo.plans_of(person_id, year):
        changes = supervisor_changes(org, plan)
        ends = plan_position_end(org, plan)
        if not changes and ends == plan.selesai:
            continue
        raw = (repo.root / plan.file).read_bytes()
        before = raw.decode("utf-8")
        prop = Proposal(plan.file, before, before)
        try:
            text = _Text(before)
        except LoadError as exc:
            prop.problems.append(f"{plan.file} tidak dapat dibaca: {exc.message}")
            out.append(prop)
            continue
        changed = rhk_changed = False
        since = changes[0][4] if changes else plan.mulai
        if ends != plan.selesai:  # the position ended (transfer, promotion, retirement): so does the plan
            if text.set_scalar(("periode", "selesai"), plan.selesai.isoformat(), ends.isoformat()):
                prop.notes.append(f"periode.selesai {plan.selesai.isoformat()} → {ends.isoformat()}: jabatan rencana ini berakhir "
                                  "pada tanggal itu (rencana jabatan berikutnya: kinerja new).")
                changed = True
            else:
                prop.problems.append(f"baris periode.selesai tidak dapat diubah otomatis; ubah menjadi 'selesai: {ends.isoformat()}'.")
        for r, boss, last, _next, since in changes:
            closed = _evaluated_closed(repo, plan, r.id)
            until = max([_quarter_of(last)] + closed, key=QUARTERS.index)
            if until == QUARTERS[-1]:
                continue
            start_from = QUARTERS[QUARTERS.index(until) + 1]
            # link to whoever rates the first period under the new link (a Plt. may be gone by then)
            p_start, p_end = period_range(year, start_from)
            new = org.penilai_for_period(person_id, max(p_start, plan.mulai), min(p_end, plan.selesai)) or _next
            new_plans = [bp for bp in repo.plans_of(new, year) if bp.selesai >= p_start]
            options = [x.id for bp in new_plans for x in bp.rhk]
            if not options:
                prop.problems.append(f"RHK {r.id}: rencana {new} tahun {year} belum ada; jalankan lagi setelah rencana itu terbit.")
                continue
            wanted = choices.get(r.id) or (r.intervensi[1] if r.intervensi[1] in options else options[0])
            if wanted not in options:
                prop.problems.append(f"RHK {r.id}: {new} tidak punya RHK “{wanted}” (yang ada: {', '.join(options)}).")
                continue
            target = f"{new}/{wanted}"
            old_link = f"{boss}/{r.intervensi[1]}"
            if not closed:
                if text.set_scalar(r.path + ("intervensi",), old_link, target):
                    prop.notes.append(f"RHK {r.id}: intervensi {old_link} → {target} (belum dinilai di periode tertutup: diubah langsung).")
                    changed = rhk_changed = True
                else:
                    prop.problems.append(f"RHK {r.id}: baris intervensi tidak dapat diubah otomatis; ubah menjadi 'intervensi: {target}'.")
                continue
            first, last_line = text.item_lines(r.path)
            copy = [text.lines[n - 1] for n in range(first, last_line + 1)]
            new_id = _new_id(plan, r.id)
            indent = " " * (text.loaded.positions[r.path][1] - 1)
            # the retired RHK keeps its text; it ends with the last period evaluated under the old link
            if r.berlaku_sampai is not None:
                text.set_scalar(r.path + ("berlaku_sampai",), r.berlaku_sampai, until)
            else:
                text.inserts.setdefault(first, []).append(f"{indent}berlaku_sampai: {until}\n")
            rel_first = first
            body = []
            for n, line in zip(range(first, last_line + 1), copy):
                path_here = None
                if n == rel_first:
                    span = _value_span(line, text.loaded.positions[r.path + ("id",)][1], r.id)
                    line = line[: span[0]] + new_id + line[span[1]:]
                    body.append(line)
                    body.append(f"{indent}berlaku_mulai: {start_from}\n")
                    continue
                for key in ("berlaku_mulai", "intervensi"):
                    pos = text.loaded.positions.get(r.path + (key,))
                    if pos is not None and pos[0] == n:
                        path_here = key
                if path_here == "berlaku_mulai":
                    continue
                if path_here == "intervensi":
                    col = text.loaded.positions[r.path + ("intervensi",)][1]
                    span = _value_span(line, col, old_link)
                    if span is None:
                        prop.problems.append(f"RHK {r.id}: baris intervensi tidak dapat disalin otomatis.")
                        break
                    line = line[: span[0]] + target + line[span[1]:]
                body.append(line)
            else:
                text.inserts.setdefault(last_line, []).extend(body)
                prop.notes.append(
                    f"RHK {r.id}: sudah dinilai di periode tertutup ({', '.join(closed)}), jadi tidak diubah: diakhiri "
                    f"'berlaku_sampai: {until}' dan diganti RHK {new_id} (intervensi {target}) mulai {start_from}.")
                for rel in _open_evaluations(repo, plan, r.id, until):
                    prop.advice.append(f"{rel} masih melaporkan RHK {r.id}; pegawai menggantinya menjadi {new_id}.")
                changed = rhk_changed = True
        if rhk_changed and plan.status == "disetujui":
            if text.set_scalar(("status",), "disetujui", "draf"):
                penilai = org.penilai_on(person_id, min(max(since, plan.mulai), plan.selesai))
                prop.notes.append(f"status disetujui → draf: rencana yang ditautkan ulang perlu disetujui lagi oleh pejabat penilai {penilai}.")
        after = text.render() if changed else before
        if changed:  # the proposal passes the same per-file stage as validation
            entry, _ = process_file(Context(repo.root, repo.root / "schemas"), plan.file, after.encode("utf-8"))
            errors = [f for f in entry.findings if f.severity == ERROR]
            if errors:
                prop.problems.append(f"Usulan untuk {plan.file} tidak sah ({errors[0].message}); tidak ada yang ditulis. "
                                     "Ubah berkas secara manual.")
                after = before
        prop.after = after
        out.append(prop)
    return out


def unchanged_on_disk(root, prop: Proposal) -> bool:
    try:
        return (root / prop.file).read_bytes() == prop.before.encode("utf-8")
    except OSError:
        return False

