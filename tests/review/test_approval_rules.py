"""review/approval.py in process: reading GitHub's review JSON, the latest decisive review per
account, and the verdict per requirement (fast; the end-to-end cases on a real git repository
are in test_check_approval.py). Expected values are written by hand from the rules in the
module's docstring."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from kinerja.review.approval import ReviewsError, check_approvals, latest_decisions, parse_reviews
from kinerja.review.authz import Actor, Decision, Requirement, Verdict

HEAD, OLD = "c0ffee1234567890", "0ldc0mm17abcdef"


def _review(login, gid, state, commit=HEAD, at="2026-11-01T10:00:00Z"):
    return {"user": {"login": login, "id": gid}, "state": state, "commit_id": commit, "submitted_at": at}


# --- parse_reviews --------------------------------------------------------------------------------


def test_one_array_of_reviews():
    reviews = parse_reviews(json.dumps([_review("budi", 11, "APPROVED")]))
    assert [(r.login, r.github_id, r.state, r.commit_id, r.submitted_at) for r in reviews] == [
        ("budi", 11, "APPROVED", HEAD, "2026-11-01T10:00:00Z")]


def test_pages_as_an_array_of_arrays_and_back_to_back():
    a, b, c = _review("a", 1, "APPROVED"), _review("b", 2, "COMMENTED"), _review("c", 3, "DISMISSED")
    slurped = parse_reviews(json.dumps([[a, b], [c]]))
    assert [r.login for r in slurped] == ["a", "b", "c"]
    back_to_back = parse_reviews(json.dumps([a]) + "\n  \n" + json.dumps([b, c]) + "\n")
    assert [r.login for r in back_to_back] == ["a", "b", "c"]
    assert parse_reviews("") == [] and parse_reviews("[]") == []


def test_not_json_and_not_a_list_are_refused_with_a_message():
    with pytest.raises(ReviewsError, match="bukan JSON"):
        parse_reviews("[{")
    with pytest.raises(ReviewsError, match="bukan JSON"):
        parse_reviews("[] x")
    with pytest.raises(ReviewsError, match="daftar"):
        parse_reviews(json.dumps({"state": "APPROVED"}))
    with pytest.raises(ReviewsError, match="daftar"):
        parse_reviews("[]" + json.dumps({"state": "APPROVED"}))


def test_ghost_accounts_and_odd_items_are_skipped():
    ok = _review("siti", 42, "APPROVED")
    items = [
        {"user": None, "state": "APPROVED"},  # a deleted account ("ghost")
        {"user": {"login": "x", "id": True}, "state": "APPROVED"},  # bool is not an id
        {"user": {"login": "x", "id": "42"}, "state": "APPROVED"},  # a string is not an id
        {"user": {"login": None, "id": 7}, "state": "APPROVED"},
        "APPROVED",
        ok,
        {"user": {"login": "tanpa", "id": 8}},  # no state, commit or time: empty strings
    ]
    reviews = parse_reviews(json.dumps(items))
    assert [(r.login, r.github_id) for r in reviews] == [("siti", 42), ("tanpa", 8)]
    assert (reviews[1].state, reviews[1].commit_id, reviews[1].submitted_at) == ("", "", "")


# --- latest_decisions -----------------------------------------------------------------------------


def test_latest_decisive_review_per_account_by_time_not_list_order():
    reviews = parse_reviews(json.dumps([
        _review("a", 1, "CHANGES_REQUESTED", at="2026-11-03T00:00:00Z"),
        _review("a", 1, "APPROVED", at="2026-11-02T00:00:00Z"),
        _review("a", 1, "COMMENTED", at="2026-11-04T00:00:00Z"),  # a comment changes no decision
        _review("b", 2, "APPROVED", at="2026-11-01T00:00:00Z"),
        _review("b", 2, "DISMISSED", at="2026-11-05T00:00:00Z"),
        _review("c", 3, "COMMENTED"),
    ]))
    latest = latest_decisions(reviews)
    assert {gid: r.state for gid, r in latest.items()} == {1: "CHANGES_REQUESTED", 2: "DISMISSED"}


def test_same_time_the_later_review_in_the_list_wins():
    same = "2026-11-02T00:00:00Z"
    reviews = parse_reviews(json.dumps([_review("a", 1, "CHANGES_REQUESTED", at=same),
                                        _review("a", 1, "APPROVED", at=same)]))
    assert latest_decisions(reviews)[1].state == "APPROVED"


# --- check_approvals ------------------------------------------------------------------------------

PEOPLE = {"p1": "Penulis", "p2": "Penilai Dua", "p3": "Penilai Tiga", "p4": "Admin Empat"}
ACCOUNTS = {("penulis", 1): "p1", ("dua", 2): "p2", ("tiga", 3): "p3", ("empat", 4): "p4"}


class _Org:
    def person(self, pid):
        return SimpleNamespace(id=pid, nama=PEOPLE[pid]) if pid in PEOPLE else None

    def by_account(self, login, gid):
        pid = ACCOUNTS.get((login, gid))
        return self.person(pid) if pid else None


def _verdict(*decisions, author="p1"):
    org = _Org()
    actor = Actor("penulis", 1, org.person(author))
    return Verdict(actor, list(decisions), "base", HEAD, SimpleNamespace(org=org))


def _needs(file, label, *people, allowed=True):
    return Decision(file, allowed, "authz-allowed", "", "pemilik", (Requirement(label, frozenset(people)),))


def _outcomes(verdict, *reviews):
    return [(o.label, o.people, o.files, o.ok, o.code) for o in check_approvals(verdict, parse_reviews(json.dumps(list(reviews))))]


def test_an_approval_of_the_head_commit_by_one_of_the_people_is_enough():
    v = _verdict(_needs("plans/a.yml", "pejabat penilai", "p2", "p3"))
    outcome = check_approvals(v, parse_reviews(json.dumps([_review("tiga", 3, "APPROVED")])))
    assert [(o.label, o.people, o.files, o.ok, o.code) for o in outcome] == [
        ("pejabat penilai", ["p2", "p3"], ["plans/a.yml"], True, "approval-ok")]
    assert outcome[0].message == "Disetujui oleh pejabat penilai p3 (Penilai Tiga) pada commit terakhir."


def test_no_approval_names_who_is_needed():
    v = _verdict(_needs("plans/a.yml", "pejabat penilai", "p3", "p2"))
    [o] = check_approvals(v, [])
    assert (o.ok, o.code) == (False, "approval-missing")
    assert o.message == "Belum ada persetujuan (Approve) dari pejabat penilai: p2 (Penilai Dua), p3 (Penilai Tiga)."


def test_an_approval_of_an_older_commit_is_stale():
    v = _verdict(_needs("plans/a.yml", "pejabat penilai", "p2"))
    [o] = check_approvals(v, parse_reviews(json.dumps([_review("dua", 2, "APPROVED", commit=OLD)])))
    assert (o.ok, o.code) == (False, "approval-stale")
    assert o.message.startswith("p2 (Penilai Dua) menyetujui commit lama (0ldc0mm);")
    assert "Minta pejabat penilai menyetujui ulang" in o.message


def test_the_authors_own_approval_and_unknown_accounts_never_count():
    v = _verdict(_needs("plans/a.yml", "pejabat penilai", "p1", "p2"))
    assert _outcomes(v, _review("penulis", 1, "APPROVED"), _review("dua", 99, "APPROVED"),
                     _review("orang-lain", 5, "APPROVED")) == [
        ("pejabat penilai", ["p1", "p2"], ["plans/a.yml"], False, "approval-missing")]
    # the author is not a person of the organisation: nobody is excluded, p2's approval counts
    stranger = Verdict(Actor("x", 77, None), [_needs("plans/a.yml", "pejabat penilai", "p2")], "base", HEAD,
                       SimpleNamespace(org=_Org()))
    assert [o.ok for o in check_approvals(stranger, parse_reviews(json.dumps([_review("dua", 2, "APPROVED")])))] == [True]


def test_a_later_request_for_changes_or_dismissal_withdraws_an_approval():
    v = _verdict(_needs("plans/a.yml", "pejabat penilai", "p2"))
    approve = _review("dua", 2, "APPROVED", at="2026-11-01T00:00:00Z")
    for later in ("CHANGES_REQUESTED", "DISMISSED"):
        assert [o[3] for o in _outcomes(v, approve, _review("dua", 2, later, at="2026-11-02T00:00:00Z"))] == [False]
    assert [o[3] for o in _outcomes(v, approve, _review("dua", 2, "COMMENTED", at="2026-11-02T00:00:00Z"))] == [True]


def test_nobody_can_approve_says_so():
    [o] = check_approvals(_verdict(_needs("plans/a.yml", "pejabat penilai")), [])
    assert (o.ok, o.code, o.people) == (False, "approval-missing", [])
    assert "tidak ada orang yang dapat memberikannya" in o.message


def test_requirements_are_grouped_refused_files_need_nothing_and_open_ones_come_first():
    v = _verdict(
        _needs("plans/b.yml", "pejabat penilai", "p2"),
        _needs("plans/a.yml", "pejabat penilai", "p2"),
        _needs("organisation/x.yml", "admin lain", "p4"),
        _needs("plans/c.yml", "atasan", "p3", allowed=False),
    )
    assert _outcomes(v, _review("empat", 4, "APPROVED")) == [
        ("pejabat penilai", ["p2"], ["plans/b.yml", "plans/a.yml"], False, "approval-missing"),
        ("admin lain", ["p4"], ["organisation/x.yml"], True, "approval-ok"),
    ]
