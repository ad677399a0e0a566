"""NIP-shaped digit runs in public text become "(disembunyikan)". Validation refuses them first
(check/document.py check_free_text); this is the second line of defence, over every public
record's every string."""

from __future__ import annotations

import datetime
from dataclasses import fields, is_dataclass, replace
from fractions import Fraction

from kinerja.findings import has_nip, redact_nips

# Fields that are links (checked by urlrule, never rewritten) or configuration, not user text.
NOT_REDACTED = frozenset({"url", "kanal_pengaduan", "kanal_pengaduan_url", "policy", "build", "rule_sets"})


_LEAVES = frozenset({int, float, bool, type(None), Fraction, datetime.date, datetime.datetime})
_SHORTEST = 16  # no NIP-shaped run (findings._NIP_LIKE) is shorter: shorter strings are kept as they are


def _redactable(cls) -> tuple[str, ...] | None:
    """The field names to walk of a public record class (None: not a public record)."""
    try:
        return _FIELDS[cls]
    except KeyError:
        names = None
        if is_dataclass(cls) and cls.__name__.startswith("Public"):
            names = tuple(f.name for f in fields(cls) if f.init and f.name not in NOT_REDACTED)
        _FIELDS[cls] = names
        return names


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def redact(node, _seen: dict | None = None):
    """`node` with NIP-shaped runs hidden in every string it holds. Public records are changed in
    place (frozen ones replaced); a record reached twice is walked once."""
    seen = {} if _seen is None else _seen
    return _walk(node, seen)


def _walk(node, seen: dict):
    cls = type(node)
    if cls is str:
        return redact_nips(node) if len(node) >= _SHORTEST and has_nip(node) else node
    if cls in _LEAVES:
        return node
    if cls is list:
        return [_walk(x, seen) for x in node]
    if cls is dict:
        return {k: _walk(v, seen) for k, v in node.items()}
    if cls is tuple:
        return tuple(_walk(x, seen) for x in node)
    if isinstance(node, str):  # a str subclass (an enum value): kept unless it holds a NIP
        return redact_nips(node) if has_nip(node) else node
    if isinstance(node, list):
        return [_walk(x, seen) for x in node]
    if isinstance(node, tuple):
        return tuple(_walk(x, seen) for x in node)
    if isinstance(node, dict):
        return {k: _walk(v, seen) for k, v in node.items()}
    names = _redactable(cls)
    if names is None:
        return node
    key = id(node)
    hit = seen.get(key)
    if hit is not None:  # a public record reached again (or a cycle back to it)
        return hit[1]
    seen[key] = (node, node)
    changes = {name: _walk(getattr(node, name), seen) for name in names}
    if node.__dataclass_params__.frozen:  # the suara projection's records are frozen
        out = replace(node, **changes)
    else:
        for name, value in changes.items():
            setattr(node, name, value)
        out = node
    seen[key] = (node, out)  # the original is kept alive so its id is not reused during the walk
    return out


def redacted(proj):
    """The projection with every public string redacted, in place."""
    seen: dict = {}
    for f in fields(proj):
        if f.name not in NOT_REDACTED:
            setattr(proj, f.name, redact(getattr(proj, f.name), seen))
    return proj
