"""A planted validation cache runs nothing and changes no verdict (cache.py: signed rows).

CI may restore the cache folder from a place a pull request could write; the cache keeps
pickles. Every row is signed with a key outside the cache folder, so a row an attacker wrote
(a pickle that would run a command), or a genuine row moved under another name, is a miss.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from pathlib import Path

from kthelpers import copy_demo, run_kinerja


class _Boom:
    """Unpickling this runs `touch <marker>`."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _env(tmp: Path, key: str) -> dict:
    return {"KINERJA_CACHE_DIR": str(tmp / "cache"), "KINERJA_CACHE_KEY": key}


def _findings(result) -> list:
    return json.loads(result.out)["findings"]


def _plant(cache_dir: Path, marker: Path) -> int:
    """Overwrite every stored value of every cache file with the malicious pickle."""
    # a forged 32-byte "signature" in front: a reader that skipped the check would run it
    evil = b"\0" * 32 + pickle.dumps(_Boom(marker), protocol=5)
    planted = 0
    for db_path in cache_dir.glob("validate-*.sqlite"):
        db = sqlite3.connect(db_path)
        for table, col in (("results", "meta"), ("results", "record"), ("state", "value")):
            planted += db.execute(f"UPDATE {table} SET {col} = ?", (evil,)).rowcount
        db.commit()
        db.close()
    return planted


def test_planted_pickles_never_run(tmp_path):
    root = copy_demo(tmp_path / "repo")
    env = _env(tmp_path, "kunci-rahasia-ci")
    first = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    assert first.code == 0, first
    marker = tmp_path / "dijalankan"
    # the planted values carry a valid pickle that would create the marker when loaded
    assert _plant(tmp_path / "cache", marker) > 100
    again = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    assert not marker.exists(), "a planted cache value was unpickled"
    assert again.code == first.code and _findings(again) == _findings(first)
    # the run replaced the planted rows with signed ones: a third run reads them
    third = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    assert not marker.exists() and _findings(third) == _findings(first)


def test_cache_signed_with_another_key_is_a_miss(tmp_path):
    """An attacker who can write the folder but not read the key signs with his own key."""
    root = copy_demo(tmp_path / "repo")
    attacker = run_kinerja("validate", "--akar", str(root), "--format", "json", env=_env(tmp_path, "kunci-penyerang"))
    assert attacker.code == 0
    # break a plan, then poison: the attacker's cache claims the broken plan's old "ok" result
    plan = root / "plans/2026/disdik-0042.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("pegawai: disdik-0042", "pegawai: disdik-9999", 1), encoding="utf-8")
    honest = run_kinerja("validate", "--akar", str(root), "--format", "json", env=_env(tmp_path, "kunci-rahasia-ci"))
    cold = run_kinerja("validate", "--akar", str(root), "--format", "json", "--tanpa-cache")
    assert honest.code == cold.code == 1
    assert _findings(honest) == _findings(cold)


def test_a_row_moved_under_another_name_is_refused(tmp_path, monkeypatch):
    from kinerja.cache import Cache

    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KINERJA_CACHE_KEY", "k")
    c = Cache(tmp_path)
    sealed = c.seal("meta:aaa", pickle.dumps(("plan", {}, True, [], None)))
    assert c.unseal("meta:aaa", sealed) == ("plan", {}, True, [], None)
    for name, blob in (("meta:bbb", sealed), ("meta:aaa", sealed[:-1] + b"x"), ("meta:aaa", sealed[32:])):
        try:
            c.unseal(name, blob)
        except KeyError:
            continue
        raise AssertionError(f"accepted {name}")


def test_key_file_is_private_and_outside_the_cache(tmp_path, monkeypatch):
    from kinerja.cache import Cache, cache_dir, key_file

    monkeypatch.delenv("KINERJA_CACHE_KEY", raising=False)
    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KINERJA_CACHE_KEY_FILE", str(tmp_path / "config" / "cache-key"))
    c = Cache(tmp_path)
    assert c.enabled
    path = key_file()
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    assert cache_dir() not in path.parents


def test_planted_validator_code_never_runs(tmp_path):
    """The generated fastjsonschema code (fast/*.py) and its code objects (fast/*.marshal) are
    executed by validation: a planted one, even with a forged signature prefix, is not."""
    import marshal

    root = copy_demo(tmp_path / "repo")
    env = _env(tmp_path, "kunci-rahasia-ci")
    first = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    fast = tmp_path / "cache" / "fast"
    planted = sorted(fast.glob("*.py")) + sorted(fast.glob("*.marshal"))
    assert len(planted) >= 4
    marker = tmp_path / "dijalankan"
    evil_source = f"import os\nos.system('touch {marker}')\ndef validate(data, custom_formats=None):\n    return data\n"
    for f in planted:
        payload = evil_source.encode() if f.suffix == ".py" else marshal.dumps(compile(evil_source, "<x>", "exec"))
        f.write_bytes(b"\0" * 32 + payload)
    again = run_kinerja("validate", "--akar", str(root), "--format", "json", "--tanpa-cache", env=env)
    assert not marker.exists(), "planted validator code was executed"
    assert again.code == first.code and _findings(again) == _findings(first)


def _state_rows(cache_dir: Path) -> dict:
    (db_path,) = cache_dir.glob("validate-*.sqlite")
    db = sqlite3.connect(db_path)
    rows = dict(db.execute("SELECT key, value FROM state"))
    db.close()
    return rows


def _set_state(cache_dir: Path, key: str, value: bytes) -> None:
    (db_path,) = cache_dir.glob("validate-*.sqlite")
    db = sqlite3.connect(db_path)
    db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))
    db.commit()
    db.close()


def test_one_flipped_byte_of_the_snapshot_discards_it_with_a_message(tmp_path):
    """The snapshot (every entry and subject) is one sealed blob: one changed byte anywhere in
    it and the whole snapshot is ignored, said on stderr, and the verdict is the cold one."""
    root = copy_demo(tmp_path / "repo")
    env = _env(tmp_path, "kunci-rahasia-ci")
    assert run_kinerja("validate", "--akar", str(root), "--format", "json", env=env).code == 0
    base = _state_rows(tmp_path / "cache")["base"]
    # break a plan so the genuine snapshot would hide nothing, then tamper in the middle of the blob
    plan = root / "plans/2026/disdik-0042.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("pegawai: disdik-0042", "pegawai: disdik-9999", 1), encoding="utf-8")
    middle = len(base) // 2
    _set_state(tmp_path / "cache", "base", base[:middle] + bytes([base[middle] ^ 1]) + base[middle + 1 :])
    tampered = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    cold = run_kinerja("validate", "--akar", str(root), "--format", "json", "--tanpa-cache")
    assert "cache validasi (base) tidak sah atau rusak" in tampered.err, tampered
    assert tampered.code == cold.code == 1
    assert _findings(tampered) == _findings(cold)
    # the run wrote a fresh, genuine snapshot: the next run says nothing about the cache
    again = run_kinerja("validate", "--akar", str(root), "--format", "json", env=env)
    assert "cache validasi" not in again.err and _findings(again) == _findings(cold)


def test_a_genuine_delta_of_another_base_is_not_applied(tmp_path, monkeypatch):
    """A delta is bound to its base: an older, genuinely signed delta put back beside a newer
    base (replaying part of a cache) is ignored; the newer base alone is what is read."""
    from kinerja.cache import Cache

    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KINERJA_CACHE_KEY", "k")
    meta = {"base": "b", "salt": "s"}
    c = Cache(tmp_path)
    assert c.load_state() is None
    c.save_state(meta, {"a.yml": ("git:1", "A1"), "b.yml": ("git:2", "B1")}, [], {"s:a": "SA1"}, [], full=True)
    c = Cache(tmp_path)
    old = c.load_state()
    c.save_state(meta, {"a.yml": ("git:9", "A9")}, ["b.yml"], {"s:a": "SA9"}, [])
    old_delta = _state_rows(tmp_path / "cache")["delta"]
    c = Cache(tmp_path)
    state = c.load_state()  # base + delta, as written
    assert state["entries"] == {"a.yml": ("git:9", "A9")} and state["subjects"] == {"s:a": "SA9"}
    assert old["entries"] == {"a.yml": ("git:1", "A1"), "b.yml": ("git:2", "B1")}  # the loaded state was not changed
    # a new base (a full rewrite), then the old delta replayed beside it
    c.save_state(meta, {"a.yml": ("git:5", "A5"), "c.yml": ("git:3", "C3")}, [], {"s:c": "SC3"}, [], full=True)
    assert "delta" not in _state_rows(tmp_path / "cache")
    _set_state(tmp_path / "cache", "delta", old_delta)
    state = Cache(tmp_path).load_state()
    assert state["entries"] == {"a.yml": ("git:5", "A5"), "c.yml": ("git:3", "C3")}
    assert state["subjects"] == {"s:c": "SC3"}


def test_a_growing_delta_is_folded_into_a_new_base(tmp_path, monkeypatch):
    from kinerja import cache

    monkeypatch.setenv("KINERJA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KINERJA_CACHE_KEY", "k")
    monkeypatch.setattr(cache, "DELTA_LIMIT", 2)
    meta = {"base": "b", "salt": "s"}
    c = cache.Cache(tmp_path)
    c.load_state()
    c.save_state(meta, {"a": ("1", 1)}, [], {}, [], full=True)
    first_base = _state_rows(tmp_path / "cache")["base"]
    for i, name in enumerate(["b", "c", "d"], start=2):  # the third change makes the delta 3 rows > 2
        c = cache.Cache(tmp_path)
        c.load_state()
        c.save_state(meta, {name: (str(i), i)}, [], {}, [])
    rows = _state_rows(tmp_path / "cache")
    assert "delta" not in rows and rows["base"] != first_base
    state = cache.Cache(tmp_path).load_state()
    assert state["entries"] == {"a": ("1", 1), "b": ("2", 2), "c": ("3", 3), "d": ("4", 4)}
