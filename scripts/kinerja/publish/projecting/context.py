"""What every projection step reads: the repository, the policy, who heads which unit, and the
plans and evaluations (each a batch from the cache, read once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.check.crossfile import org_index
from kinerja.publish.policy import Policy
from kinerja.repository import Repository


@dataclass
class Context:
    repo: Repository
    policy: Policy
    org: object  # check.crossfile org_index
    tenures: dict = field(default_factory=dict)  # person -> [(unit, tenure)]: heads by person, built once
    plans: dict = field(default_factory=dict)  # (year, key) -> Plan: one batch from the cache, read once
    evaluations: dict = field(default_factory=dict)  # (year, period, key) -> Evaluation: likewise

    def units_headed(self, person_id: str, start: date, end: date) -> list[str]:
        return sorted({u for u, t in self.tenures.get(person_id, ()) if t.overlaps(start, end)})


def context(repo: Repository, policy: Policy) -> Context:
    org = org_index(repo)
    tenures: dict[str, list[tuple[str, object]]] = {}
    for unit_id, ts in org.heads.items():
        for t in ts:
            tenures.setdefault(t.person, []).append((unit_id, t))
    return Context(repo, policy, org, tenures, repo.plans, repo.evaluations)
