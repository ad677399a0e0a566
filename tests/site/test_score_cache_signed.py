"""The site build's score cache (publish.score) is signed like the validation cache: a pickle
planted in the cache folder is never unpickled, and the scores stay the scorer's own."""

from __future__ import annotations

import pickle

from kthelpers import copy_demo

from kinerja import cache
from kinerja import publish
from kinerja.repository import load_repository
from kinerja.validate import run_checks


class _Boom:
    """Unpickling this runs os.system: the attack a planted cache file would be."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.system, (f"touch {self.marker}",))


def _score(root):
    repo = load_repository(root, jobs=1)
    findings = run_checks(repo, today=None)
    report = publish.score(repo, findings, "test-code", jobs=1)
    return sorted((e.file, e.pegawai, e.tahun, e.periode, str(e.predikat)) for e in report.evaluations)


def test_a_planted_score_pickle_is_never_unpickled(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_KEY", [b"s" * 32])
    root = copy_demo(tmp_path / "demo")
    first = _score(root)
    entries = sorted((tmp_path / "cache" / "site" / "score").glob("*.pickle"))
    assert entries, "the first build writes its scores to the cache"
    for entry in entries:  # every cached entry is signed: MAC first, never a bare pickle
        assert not entry.read_bytes().startswith(b"\x80")
    marker = tmp_path / "ran"
    for entry in entries:  # an attacker replaces every entry with a bare pickle, then a forged MAC
        entry.write_bytes(pickle.dumps(_Boom(marker), protocol=5))
    assert _score(root) == first
    assert not marker.exists()
    for entry in entries:
        entry.write_bytes(b"\0" * cache.MAC_SIZE + pickle.dumps(_Boom(marker), protocol=5))
    assert _score(root) == first
    assert not marker.exists()


def test_a_score_cache_signed_with_another_key_is_recomputed(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_demo(tmp_path / "demo")
    monkeypatch.setattr(cache, "_KEY", [b"a" * 32])
    first = _score(root)
    monkeypatch.setattr(cache, "_KEY", [b"b" * 32])
    calls = []
    import kinerja.score as score_mod  # score() imports score_repository from here at each call

    original = score_mod.score_repository

    def counting(*args, **kwargs):
        calls.append(kwargs.get("period"))
        return original(*args, **kwargs)

    monkeypatch.setattr(score_mod, "score_repository", counting)
    assert _score(root) == first
    assert calls, "entries signed with another key are not trusted: every period is scored again"
