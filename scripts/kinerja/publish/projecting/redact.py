"""NIP-shaped digit runs in public text become "(disembunyikan)". Validation refuses them first
(check/document.py check_free_text); this is the second line of defence, over every public
record's every string.

Which fields are walked is derived ONCE per record class from its dataclass field types
(`_plan`): a field whose declared type cannot hold a string anywhere (int, float, bool, date,
Fraction, None and containers of only those, dict keys aside) is skipped; every other field is
walked, and a type that cannot be read is walked too. No string field is ever skipped by name
except the link and configuration fields in NOT_REDACTED. tests/site/test_redact_fields.py checks
the declared types against the demo projection's actual values."""

from __future__ import annotations

import datetime
import types
import typing
from dataclasses import fields, is_dataclass, replace
from fractions import Fraction

from kinerja.findings import has_nip, redact_nips

# Fields that are links (checked by urlrule, never rewritten) or configuration, not user text.
NOT_REDACTED = frozenset({"url", "kanal_pengaduan", "kanal_pengaduan_url", "policy", "build", "rule_sets"})


_LEAVES = frozenset({int, float, bool, type(None), Fraction, datetime.date, datetime.datetime})
_SHORTEST = 16  # no NIP-shaped run (findings._NIP_LIKE) is shorter: shorter strings are kept as they are
_CONTAINERS = (list, tuple, set, frozenset, dict)


def can_hold_text(tp) -> bool:
    """Whether a value of the declared type `tp` may hold a string somewhere (dict keys aside:
    they are never walked). Anything not known to be text-free may."""
    if tp in _LEAVES or tp is None:
        return False
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return any(can_hold_text(a) for a in typing.get_args(tp))
    if origin in _CONTAINERS:
        args = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if not args:
            return True
        if origin is dict:
            args = args[1:]
        return any(can_hold_text(a) for a in args)
    return True


def _plan(cls) -> tuple[str, ...]:
    """The fields of a dataclass the redaction walks: not a link/configuration field, and of a
    type that can hold text (all of them when the types cannot be read)."""
    try:
        hints = typing.get_type_hints(cls)
    except Exception:  # an annotation that does not resolve: walk the field
        hints = {}
    return tuple(
        f.name for f in fields(cls)
        if f.init and f.name not in NOT_REDACTED and (f.name not in hints or can_hold_text(hints[f.name]))
    )


def _redactable(cls) -> tuple[str, ...] | None:
    """The field names to walk of a public record class (None: not a public record)."""
    try:
        return _FIELDS[cls]
    except KeyError:
        names = _plan(cls) if is_dataclass(cls) and cls.__name__.startswith("Public") else None
        _FIELDS[cls] = names
        return names


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def redact(node, _seen: dict | None = None):
    """`node` with NIP-shaped runs hidden in every string it holds. Public records are changed in
    place (frozen ones replaced); a record reached twice is walked once. A list, tuple or dict
    in which nothing changed is returned as it is."""
    seen = {} if _seen is None else _seen
    return _walk(node, seen)


def _text(text: str, seen: dict) -> str:
    """A string of at least _SHORTEST characters, redacted; each distinct text is searched once
    per walk (`seen` maps it to its result; record ids, the other keys, are ints)."""
    out = seen.get(text)
    if out is None:
        out = seen[text] = redact_nips(text) if has_nip(text) else text
    return out


def _walk(node, seen: dict):
    cls = type(node)
    if cls is str:
        return _text(node, seen) if len(node) >= _SHORTEST else node
    if cls in _LEAVES:
        return node
    if isinstance(node, str):  # a str subclass (an enum value): kept unless it holds a NIP
        return redact_nips(node) if has_nip(node) else node
    if isinstance(node, (list, tuple)):
        items = None
        for i, x in enumerate(node):
            c = type(x)
            if c is str:  # strings and leaves checked here, without a call
                if len(x) < _SHORTEST or (y := _text(x, seen)) is x:
                    continue
            elif c in _LEAVES or (y := _walk(x, seen)) is x:
                continue
            if items is None:
                items = list(node)
            items[i] = y
        if items is None:
            return node
        return items if isinstance(node, list) else tuple(items)
    if isinstance(node, dict):
        out = None
        for k, x in node.items():
            c = type(x)
            if c is str:
                if len(x) < _SHORTEST or (y := _text(x, seen)) is x:
                    continue
            elif c in _LEAVES or (y := _walk(x, seen)) is x:
                continue
            if out is None:
                out = dict(node)
            out[k] = y
        return node if out is None else out
    names = _redactable(cls)
    if names is None:
        return node
    key = id(node)
    hit = seen.get(key)
    if hit is not None:  # a public record reached again (or a cycle back to it)
        return hit[1]
    seen[key] = (node, node)
    changes = None
    for name in names:
        x = getattr(node, name)
        c = type(x)
        if c is str:
            if len(x) < _SHORTEST or (y := _text(x, seen)) is x:
                continue
        elif c in _LEAVES or (y := _walk(x, seen)) is x:
            continue
        if changes is None:
            changes = {}
        changes[name] = y
    out = node
    if changes:
        if node.__dataclass_params__.frozen:  # the suara projection's records are frozen
            out = replace(node, **changes)
        else:
            for name, value in changes.items():
                setattr(node, name, value)
    seen[key] = (node, out)  # the original is kept alive so its id is not reused during the walk
    return out


_DIGIT_BYTES = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # ASCII digit -> "0", else " "


def may_hold_nip(values) -> bool:
    """False only when no string reachable from `values` can hold a NIP-shaped run, found
    without walking them in Python. Every NIP-shaped run (findings._NIP_LIKE, spaced or not)
    has eight ASCII digits in a row; pickle writes every string it reaches as its UTF-8 bytes,
    in which an ASCII digit is one byte that no other character's encoding contains. So a
    pickle of `values` without eight digit bytes in a row holds no such string. Digit bytes
    from elsewhere (a number's text, pickle's own framing) only make the walk run; so does
    anything pickle cannot write (a cycle, among others: the pickle has no memo, so that a
    shared object is written, and searched, wherever it occurs)."""
    from kinerja.cache import values_pickle

    try:
        data = values_pickle(values)  # no memo: faster on hundreds of thousands of small records
    except Exception:  # noqa: BLE001 - whatever pickle refuses is walked
        return True
    return data.translate(_DIGIT_BYTES).find(b"00000000") >= 0


def redacted(proj):
    """The projection with every public string redacted, in place. When no string in it can
    hold a NIP-shaped run (`may_hold_nip`; validation refuses them, so the usual case), the walk
    is skipped: it would change nothing."""
    names = _plan(type(proj))
    if not may_hold_nip([getattr(proj, name) for name in names]):
        return proj
    seen: dict = {}
    for name in names:
        value = getattr(proj, name)
        out = redact(value, seen)
        if out is not value:
            setattr(proj, name, out)
    return proj
