"""The raw pre-check of the free-text NIP rule (findings.raw_may_hold_nip): whenever a loaded
string holds a NIP-like run, the file's bytes say so, in every way YAML can write the string."""

from __future__ import annotations

import yaml
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from kinerja.findings import has_nip, raw_may_hold_nip
from kinerja.loader import LoadError, load_bytes

# runs of digits (a NIP, an NIK, shorter numbers) between characters that force quoting, escaping or folding
_CHUNK = st.one_of(st.text("0123456789", min_size=1, max_size=20),
                   st.sampled_from([" ", "\n", "\t", '"', "'", "\\", ": ", " #", "-", "é", "\u00a0", "x"]))
_TEXT = st.lists(_CHUNK, max_size=12).map("".join)
_STYLES = [None, '"', "'", "|", ">"]


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, style=st.sampled_from(_STYLES), width=st.integers(8, 80))
def test_a_loaded_nip_is_always_seen_in_the_bytes(text, style, width):
    raw = yaml.dump({"uraian": text}, default_style=style, allow_unicode=True, width=width).encode("utf-8")
    try:
        loaded = load_bytes(raw).data["uraian"]
    except LoadError:  # refused outright (a tab where YAML forbids it, ...): nothing reaches the walk
        assume(False)
    # the loader reads what PyYAML reads; that is not always `text`: PyYAML's emitter folds a
    # more-indented line (' 000000 0', '>', width 8 is read back as ' 000000\n0'), and the
    # property below holds for whatever string the bytes hold
    assert loaded == yaml.safe_load(raw)["uraian"]
    event("holds a NIP" if has_nip(loaded) else "no NIP")
    if has_nip(loaded):
        assert raw_may_hold_nip(raw), raw


def test_examples():
    assert not raw_may_hold_nip(b"nomor: \"2026-00001\"\nditerima: 2026-10-14\nuraian: kode 1234567\n")
    assert raw_may_hold_nip(b"uraian: 19920723 201903 2 011\n")
    assert raw_may_hold_nip(b'uraian: "\\x31"\n')  # any escape sequence: the walk decides


def test_a_string_the_emitter_folds_wrongly_is_still_checked():
    """Found by Hypothesis: PyYAML writes ' 000000 0' folded at width 8 so that it reads back
    with a line break; the check follows what the bytes hold, not what was dumped."""
    raw = yaml.dump({"uraian": " 000000 0"}, default_style=">", allow_unicode=True, width=8).encode("utf-8")
    assert load_bytes(raw).data["uraian"] == " 000000\n0"
    raw = yaml.dump({"uraian": " 19920723201903201 x 1"}, default_style=">", allow_unicode=True, width=8).encode("utf-8")
    loaded = load_bytes(raw).data["uraian"]
    assert has_nip(loaded) and raw_may_hold_nip(raw)
