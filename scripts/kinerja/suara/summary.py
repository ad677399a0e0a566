"""Per-service and per-unit figures of complaints and surveys, for the public site and the
PR comment: counts by category, share answered within each deadline, medians, open and
overdue counts, IKM with its unsur. Exact arithmetic; rounding only for display."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from kinerja.suara import ikm
from kinerja.suara.deadlines import clocks, first_response, resolution


def display(value: Fraction, places: int = 2) -> str:
    """Half-up, Indonesian decimal comma."""
    q = Fraction(10) ** places
    n = (value * q * 2 + 1) // 2
    whole, frac = divmod(int(n), int(q))
    return f"{whole},{frac:0{places}d}" if places else str(whole)


def survey_result(s, rules) -> dict | None:
    r = ikm.compute(s.unsur, rules)
    if r is None:
        return None
    return {
        "responden": r.respondents,
        "ikm": display(r.ikm),
        "ikm_pecahan": f"{r.ikm.numerator}/{r.ikm.denominator}",
        "mutu": r.mutu,
        "kinerja": r.kinerja,
        "unsur": {k: display(v) for k, v in r.nrr.items()},
        "belum_diverifikasi": not rules.ikm_verified,
    }


def median(values: list[int]) -> Fraction | None:
    if not values:
        return None
    v = sorted(values)
    mid = len(v) // 2
    return Fraction(v[mid]) if len(v) % 2 else Fraction(v[mid - 1] + v[mid], 2)


@dataclass
class Figures:
    total: int = 0
    by_category: dict = field(default_factory=dict)
    within: dict = field(default_factory=dict)  # deadline key -> (on time, decided)
    first_response: list = field(default_factory=list)
    resolution: list = field(default_factory=list)
    open: int = 0
    overdue: int = 0

    @classmethod
    def merged(cls, parts) -> "Figures":
        """The figures of the union of disjoint complaint sets (a unit = its services): the
        same counts as figures() over all of them (its lists in another order; only their
        medians are read)."""
        f = cls()
        for p in parts:
            f.total += p.total
            f.open += p.open
            f.overdue += p.overdue
            for k, n in p.by_category.items():
                f.by_category[k] = f.by_category.get(k, 0) + n
            for k, (ok, n) in p.within.items():
                ok0, n0 = f.within.get(k, (0, 0))
                f.within[k] = (ok0 + ok, n0 + n)
            f.first_response += p.first_response
            f.resolution += p.resolution
        return f


def figures(complaints, rules, cal, today: date, clocks_of=None) -> Figures:
    """`clocks_of`: the complaints' clocks already computed (complaint -> clocks(k, ...) as
    of `today`), so a caller that shows them too computes them once."""
    f = Figures()
    closing = {k for k, s in rules.status.items() if not s.terbuka}
    for k in complaints:
        f.total += 1
        f.by_category[k.kategori] = f.by_category.get(k.kategori, 0) + 1
        st = rules.status.get(k.status)
        is_open = st is None or st.terbuka
        f.open += is_open
        late = False
        for cl in (clocks_of(k) if clocks_of is not None else clocks(k, rules.deadlines, cal, today)):
            ok, n = f.within.get(cl.deadline.key, (0, 0))
            if cl.on_time is not None:
                f.within[cl.deadline.key] = (ok + (1 if cl.on_time else 0), n + 1)
            late = late or (is_open and cl.overdue)
        f.overdue += late
        fr = first_response(k, cal)
        if fr is not None:
            f.first_response.append(fr)
        rs = resolution(k, closing)
        if rs is not None:
            f.resolution.append(rs)
    return f
