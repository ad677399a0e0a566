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
    org: object  # check.crossfile org_index (model.org.OrgIndex): who heads which unit, indexed by person once
    plans: dict = field(default_factory=dict)  # (year, key) -> Plan: one batch from the cache, read once
    evaluations: dict = field(default_factory=dict)  # (year, period, key) -> Evaluation: likewise

    def units_headed(self, person_id: str, start: date, end: date) -> list[str]:
        """Units this person heads in [start, end], sorted, each once (two tenures of one unit too)."""
        return sorted(set(self.org.units_headed(person_id, start, end)))


def context(repo: Repository, policy: Policy) -> Context:
    return Context(repo, policy, org_index(repo), repo.plans, repo.evaluations)
