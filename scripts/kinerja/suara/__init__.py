"""Suara publik: complaints about public services, service-satisfaction surveys (IKM), the
working-day calendar, and the chain service -> unit -> RHK/IKI -> person -> pejabat penilai.

Fed by the same records as everything else: `records` builds them from schema-valid
documents, `workdays` and `deadlines` count days, `ikm` computes the index exactly,
`chain` answers who answers for a service, `checks` holds the rules a schema cannot
express, and `summary` gives the per-service / per-unit figures that the site and the PR
comment show.
"""

KINDS = frozenset({"complaint", "survey", "service_map", "holidays", "service_rules"})
RULES_FILE = "rules/pelayanan-publik.yml"
