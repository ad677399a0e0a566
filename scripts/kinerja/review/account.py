"""Daftarkan akun: a staff member records her own GitHub account (login and numeric id, taken
from the event, never typed) in her person record, through the App, approved by an admin.

Two halves of one rule:
* `register_text` edits organisation/people/<id>.yml in place: only the top-level `github`
  block is replaced (or added before `penugasan`), every other line — comments included —
  stays as written; the result is read back and compared key by key;
* `registration_decision` is check-change's writer rule for it: a change to a person file
  whose only difference is `github`, set to exactly the actor's own login and numeric id, is
  allowed for that account even though it is not registered yet, and needs the approval of
  an admin (other than the person herself). Anything else in organisation/ stays admin-only.
"""

from __future__ import annotations

import re

from kinerja.loader import LoadError, load_text

LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
_TOP_GITHUB = re.compile(r"github\s*:.*")


class RegistrationError(Exception):
    """The person file cannot be edited safely; Indonesian message."""


def block(login: str, github_id: int) -> list[str]:
    if not LOGIN.fullmatch(login) or github_id < 1:
        raise RegistrationError("Login atau id akun GitHub tidak sah.")
    return ["github:", f"  login: {login}", f"  id: {github_id}"]


def register_text(text: str, login: str, github_id: int) -> str:
    """The person file with its `github` block set to (login, id), nothing else changed."""
    new = block(login, github_id)
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _TOP_GITHUB.fullmatch(line)), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "\t")):  # the block's own lines
            end += 1
        lines[start:end] = new
    else:
        at = next((i for i, line in enumerate(lines) if line.startswith("penugasan:")), None)
        if at is None:
            raise RegistrationError("Berkas orang tidak memuat penugasan; minta admin BKPSDM memeriksanya.")
        lines[at:at] = new
    out = "\n".join(lines)
    try:
        before, after = load_text(text).data, load_text(out).data
    except LoadError as exc:
        raise RegistrationError(f"Berkas orang tidak terbaca: {exc.message}") from None
    if not (isinstance(before, dict) and isinstance(after, dict)) or only_account_changed(before, after) != (login, github_id):
        raise RegistrationError("Berkas orang tidak dapat disunting dengan aman; minta admin BKPSDM mencatat akun Anda.")
    return out


def only_account_changed(before, after) -> tuple[str, int] | None:
    """(login, id) when `after` differs from `before` only in a well-formed `github` block."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return None
    if {k: v for k, v in before.items() if k != "github"} != {k: v for k, v in after.items() if k != "github"}:
        return None
    g = after.get("github")
    if not isinstance(g, dict) or set(g) != {"login", "id"}:
        return None
    login, gid = g.get("login"), g.get("id")
    if not isinstance(login, str) or not LOGIN.fullmatch(login) or not isinstance(gid, int) or isinstance(gid, bool):
        return None
    if before.get("github") == g:
        return None
    return login, gid


def registration_decision(decider, ch, before, after):
    """check-change's decision for a person file the actor changes to register her own account,
    or None when the rule does not apply (the usual admin-only refusal follows)."""
    from kinerja.review.authz import Decision, Requirement

    got = only_account_changed(before, after)
    if got is None or ch.before is None or ch.after is None or not ch.after.is_regular:
        return None
    login, gid = got
    actor = decider.actor
    if gid != actor.github_id or login.casefold() != actor.login.casefold():
        return None
    pid = ch.path.rsplit("/", 1)[1][:-len(".yml")]
    others = [p.id for p in decider.org.people.values() if p.github_id == gid and p.id != pid]
    if others:
        return Decision(ch.path, False, "authz-account", f"Akun ini (id {gid}) sudah tercatat untuk {others[0]}; satu akun "
                        "hanya untuk satu orang. Minta admin BKPSDM memeriksanya.")
    admins = frozenset(a for a in decider.reg.admins if a != pid)
    return Decision(ch.path, True, "authz-allowed",
                    f"Pendaftaran akun GitHub sendiri ({login}, id {gid}) pada {pid}; perlu persetujuan admin BKPSDM.",
                    "pemilik_akun", (Requirement("admin BKPSDM", admins),))
