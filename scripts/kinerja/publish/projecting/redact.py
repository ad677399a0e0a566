"""NIP-shaped digit runs in public text become "(disembunyikan)". Validation refuses them first
(check/document.py check_free_text); this is the second line of defence, over every public
record's every string."""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace

from kinerja.findings import has_nip, redact_nips

# Fields that are links (checked by urlrule, never rewritten) or configuration, not user text.
NOT_REDACTED = frozenset({"url", "kanal_pengaduan", "kanal_pengaduan_url", "policy", "build", "rule_sets"})


def redact(node):
    if isinstance(node, str):
        return redact_nips(node) if has_nip(node) else node
    if isinstance(node, list):
        return [redact(x) for x in node]
    if isinstance(node, tuple):
        return tuple(redact(x) for x in node)
    if isinstance(node, dict):
        return {k: redact(v) for k, v in node.items()}
    if is_dataclass(node) and not isinstance(node, type) and type(node).__name__.startswith("Public"):
        changes = {f.name: redact(getattr(node, f.name)) for f in fields(node) if f.init and f.name not in NOT_REDACTED}
        if node.__dataclass_params__.frozen:  # the suara projection's records are frozen
            return replace(node, **changes)
        for name, value in changes.items():
            setattr(node, name, value)
    return node


def redacted(proj):
    """The projection with every public string redacted, in place."""
    for f in fields(proj):
        if f.name not in NOT_REDACTED:
            setattr(proj, f.name, redact(getattr(proj, f.name)))
    return proj
