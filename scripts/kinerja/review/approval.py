"""`kinerja check-approval`: did the right people approve the head commit?

GitHub's CODEOWNERS only guarantees "any one owner approved", so this check is the
required status that knows the rules: a plan set or kept `disetujui` and an employee's
realisasi need the pejabat penilai; a penilai's ratings need the employee's
acknowledgement or the atasan pejabat penilai (organisation setting); an admin's change
needs another admin. The requirements come from the same per-file decisions as
check-change (authz.py).

Reviews are GitHub's review objects. Per reviewer only the latest decisive review counts
(APPROVED, CHANGES_REQUESTED or DISMISSED; COMMENTED does not change a decision), and an
approval counts only for the commit it was given on: approving an older commit and then
receiving new commits asks for a new approval. Reviewers are mapped to people by their
numeric account id, like the author.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kinerja.review.authz import Verdict

DECISIVE = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}


class ReviewsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Review:
    login: str
    github_id: int
    state: str
    commit_id: str
    submitted_at: str


def parse_reviews(text: str) -> list[Review]:
    """GitHub review JSON: one array, an array of pages (gh --slurp), or pages back to back."""
    decoder = json.JSONDecoder()
    docs, pos, text = [], 0, text.strip()
    try:
        while pos < len(text):
            doc, end = decoder.raw_decode(text, pos)
            docs.append(doc)
            pos = end
            while pos < len(text) and text[pos].isspace():
                pos += 1
    except ValueError:
        raise ReviewsError("Berkas tinjauan bukan JSON yang sah (keluaran API GitHub .../pulls/N/reviews).") from None
    items = []
    for doc in docs:
        if not isinstance(doc, list):
            raise ReviewsError("Berkas tinjauan harus berisi daftar (array) tinjauan dari API GitHub.")
        for x in doc:
            items.extend(x if isinstance(x, list) else [x])
    out = []
    for x in items:
        if not isinstance(x, dict):
            continue
        user = x.get("user") if isinstance(x.get("user"), dict) else {}
        gid, login = user.get("id"), user.get("login")
        if not isinstance(gid, int) or isinstance(gid, bool) or not isinstance(login, str):
            continue  # a deleted account ("ghost") cannot approve anything
        out.append(Review(login, gid, str(x.get("state") or ""), str(x.get("commit_id") or ""), str(x.get("submitted_at") or "")))
    return out


def latest_decisions(reviews: list[Review]) -> dict[int, Review]:
    latest: dict[int, Review] = {}
    for r in sorted(enumerate(reviews), key=lambda t: (t[1].submitted_at, t[0])):
        rev = r[1]
        if rev.state in DECISIVE:
            latest[rev.github_id] = rev
    return latest


@dataclass
class Outcome:
    label: str
    people: list[str]
    files: list[str] = field(default_factory=list)
    ok: bool = False
    code: str = "approval-missing"
    message: str = ""


def _label(verdict: Verdict, pid: str) -> str:
    p = verdict.data.org.person(pid)
    return f"{pid} ({p.nama})" if p else pid


def check_approvals(verdict: Verdict, reviews: list[Review]) -> list[Outcome]:
    org = verdict.data.org
    author = verdict.actor.person.id if verdict.actor.person else None
    approved_now: dict[str, Review] = {}
    approved_old: dict[str, Review] = {}
    for rev in latest_decisions(reviews).values():
        if rev.state != "APPROVED":
            continue
        person = org.by_account(rev.login, rev.github_id)
        if person is None or person.id == author:
            continue
        (approved_now if rev.commit_id == verdict.head else approved_old)[person.id] = rev
    groups: dict[tuple, Outcome] = {}
    for d in verdict.decisions:
        if not d.allowed:
            continue
        for req in d.requires:
            key = (req.label, req.people)
            o = groups.get(key)
            if o is None:
                o = groups[key] = Outcome(req.label, sorted(req.people))
            o.files.append(d.file)
    for (label, people), o in groups.items():
        names = ", ".join(_label(verdict, p) for p in sorted(people)) or "tidak ada"
        givers = sorted(p for p in people if p in approved_now)
        if givers:
            o.ok, o.code = True, "approval-ok"
            o.message = f"Disetujui oleh {label} {', '.join(_label(verdict, p) for p in givers)} pada commit terakhir."
            continue
        if not people:
            o.message = (f"Perlu persetujuan {label}, tetapi tidak ada orang yang dapat memberikannya menurut data "
                         "organisasi. Hubungi admin BKPSDM untuk memeriksa data penugasan.")
            continue
        stale = sorted(p for p in people if p in approved_old)
        if stale:
            o.code = "approval-stale"
            o.message = (f"{', '.join(_label(verdict, p) for p in stale)} menyetujui commit lama "
                         f"({approved_old[stale[0]].commit_id[:7]}); sesudahnya ada perubahan baru. "
                         f"Minta {label} menyetujui ulang (Approve) commit terakhir.")
        else:
            o.message = f"Belum ada persetujuan (Approve) dari {label}: {names}."
    return sorted(groups.values(), key=lambda o: (o.ok, o.label, o.files))
