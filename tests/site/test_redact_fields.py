"""The redaction (publish/projecting/redact.py) walks only the fields whose declared type can hold
text. These tests keep that safe: every field declared with `str` anywhere in its type is walked,
a type that cannot be read is walked, and on the demo projection no skipped field actually holds
a string (the declared types are true)."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from dataclasses import dataclass
from fractions import Fraction

from kinerja.publish import generate
from kinerja.publish import projection as projection_module
from kinerja.publish import public, suara_projection
from kinerja.publish.projecting import redact as R


def _record_classes():
    for module in (public, suara_projection):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__ and cls.__name__.startswith("Public"):
                yield cls
    yield public.Projection


# Skipped fields whose type names str only as a dict key (keys are never walked: they are ids,
# periods and predikat codes). A new entry here is a decision, reviewed like a privacy rule.
KEYS_ONLY = {
    "PublicGroup.sebaran", "PublicGroup.batas", "PublicTotals.sebaran",
    "Projection.plan_counts", "Projection.unit_plan_counts", "Projection.rule_years",
}


def test_every_field_that_may_hold_text_is_walked():
    classes = list(_record_classes())
    assert len(classes) > 20, "the public record classes are found at all"
    for cls in classes:
        walked = set(R._plan(cls))
        for f in dataclasses.fields(cls):
            declared = f.type if isinstance(f.type, str) else repr(f.type)
            # read from the annotation's text, independently of redact.can_hold_text: anything
            # naming str, object, Any, or a bare container must be walked
            texty = any(w in declared for w in ("str", "object", "Any")) or declared.split("|")[0].strip() in (
                "list", "dict", "tuple", "set")
            if f.name in R.NOT_REDACTED or not f.init:
                continue
            if texty and f"{cls.__name__}.{f.name}" not in KEYS_ONLY:
                assert f.name in walked, f"{cls.__name__}.{f.name}: {declared} may hold text but is not walked"


def test_types_without_text_are_skipped_and_unknown_types_are_walked():
    assert not R.can_hold_text(int | None)
    assert not R.can_hold_text(dict[str, int])  # keys are never walked
    assert not R.can_hold_text(dict[str, tuple[Fraction | None, Fraction | None]])
    assert not R.can_hold_text(list[int])
    assert R.can_hold_text(list)
    # a container type written without its item type (typing.List, typing.Dict, tuple[...]) says
    # nothing of its items: they may be text
    for bare in (typing.List, typing.Dict, typing.Tuple, typing.Set, typing.FrozenSet):
        assert R.can_hold_text(bare), bare
    assert R.can_hold_text(tuple[str, ...]) and not R.can_hold_text(tuple[int, ...])
    assert R.can_hold_text(object)
    assert R.can_hold_text(float | int | str | None)
    assert R.can_hold_text(dict[int, list[public.PublicPersonRef]])

    @dataclass
    class PublicOdd:
        angka: int
        teks: "Unresolvable"  # noqa: F821  (an annotation that does not resolve)

    assert R._plan(PublicOdd) == ("angka", "teks")  # types that cannot be read: every field walked
    nip = "198501012010011001"
    odd = R.redact(PublicOdd(1, f"x {nip}"))
    assert odd.teks == "x (disembunyikan)"


def _holds_str(value) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(_holds_str(v) for v in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(_holds_str(v) for v in value)
    return dataclasses.is_dataclass(value) and not isinstance(value, type)


def test_skipped_fields_hold_no_text_in_the_demo_projection(demo, monkeypatch, tmp_path):
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    seen: list = []
    real = projection_module.redacted
    monkeypatch.setattr(projection_module, "redacted", lambda proj: seen.append(proj) or real(proj))
    generate(demo, jobs=1)
    assert seen, "the projection was redacted"
    checked: dict[str, int] = {}
    done: set[int] = set()
    stack = [seen[0]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
            continue
        if isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)
            continue
        if not dataclasses.is_dataclass(node) or isinstance(node, type) or id(node) in done:
            continue
        done.add(id(node))
        cls = type(node)
        walked = set(R._plan(cls))
        for f in dataclasses.fields(cls):
            value = getattr(node, f.name)
            if f.name in R.NOT_REDACTED:
                continue
            if f.name not in walked:
                assert not _holds_str(value), f"{cls.__name__}.{f.name} holds text but is declared without: {value!r}"
                checked[cls.__name__] = checked.get(cls.__name__, 0) + 1
            else:
                stack.append(value)
    for name in ("PublicPlan", "PublicRealisasi", "PublicUnit", "PublicGroup", "Projection"):
        assert checked.get(name), f"no {name} with a skipped field was seen (nothing tested)"
