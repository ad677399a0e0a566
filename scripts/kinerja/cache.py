"""The validation cache: per-file results and the last run's snapshot, in SQLite.

It lives outside the repository (~/.cache/kinerja or $KINERJA_CACHE_DIR) so a pull request
cannot plant a cache file that CI would load; CI may restore it with actions/cache. A
file's result is keyed by the digest of (tool version, schemas, synonyms, path, bytes);
the snapshot of the last run (every entry, each cross-file subject's findings) lets the
next run re-check only what a change can affect. A stale or broken cache is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from pathlib import Path

SCHEMA_VERSION = 8  # bump when a stored shape changes, or the findings stored for the same input
EMPTY_SUBJECT = ([], [], None)  # a subject with no findings, no supervisors, no plan


def cache_dir() -> Path:
    env = os.environ.get("KINERJA_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kinerja"


class Cache:
    """A thin layer over one SQLite file per repository root."""

    def __init__(self, root: Path, enabled: bool = True):
        self.enabled = enabled
        self.db: sqlite3.Connection | None = None
        if not enabled:
            return
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        path = cache_dir() / f"validate-v{SCHEMA_VERSION}-{key}.sqlite"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(
                """
                CREATE TABLE IF NOT EXISTS stats (rel TEXT PRIMARY KEY, mtime INTEGER, size INTEGER, ino INTEGER, sha TEXT);
                CREATE TABLE IF NOT EXISTS results (digest TEXT PRIMARY KEY, meta BLOB, record BLOB);
                CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value BLOB);
                CREATE TABLE IF NOT EXISTS entries (rel TEXT PRIMARY KEY, sha TEXT, entry BLOB);
                CREATE TABLE IF NOT EXISTS subjects (name TEXT PRIMARY KEY, payload BLOB);
                """
            )
        except (sqlite3.Error, OSError):
            self.db = None
            self.enabled = False

    # -- raw file digests, reused while size/mtime/inode are unchanged
    def stats(self) -> dict[str, tuple]:
        if self.db is None:
            return {}
        try:
            return {r[0]: r[1:] for r in self.db.execute("SELECT rel, mtime, size, ino, sha FROM stats")}
        except sqlite3.Error:
            return {}

    def put_stats(self, rows: list[tuple]) -> None:
        self._write("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)", rows)

    def drop_stats(self, rels: list[str]) -> None:
        self._write("DELETE FROM stats WHERE rel = ?", [(r,) for r in rels])

    # -- per-file results: meta = (kind, keys, ok, findings, facts); record stored apart
    def metas(self, digests: list[str]) -> dict[str, tuple]:
        return {d: pickle.loads(m) for d, m in self._select("SELECT digest, meta FROM results WHERE digest IN ({})", digests)}

    def records(self, digests: list[str]) -> dict[str, object]:
        return {d: pickle.loads(r) for d, r in self._select("SELECT digest, record FROM results WHERE digest IN ({})", digests) if r is not None}

    def put_results(self, rows: list[tuple[str, bytes, bytes | None]]) -> None:
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)

    # -- the last run: every entry and each cross-file subject's findings, row by row, so a
    #    run that changed one file rewrites a few rows, not the whole state
    def load_state(self) -> dict | None:
        if self.db is None:
            return None
        try:
            state = {k: pickle.loads(v) for k, v in self.db.execute("SELECT key, value FROM state")}
            if "base" not in state:
                return None
            state["entries"] = {rel: (sha, pickle.loads(e)) for rel, sha, e in self.db.execute("SELECT rel, sha, entry FROM entries")}
            state["subjects"] = {
                name: pickle.loads(p) if p is not None else EMPTY_SUBJECT
                for name, p in self.db.execute("SELECT name, payload FROM subjects")
            }
            return state
        except Exception:  # noqa: BLE001 - unreadable means rebuild
            return None

    def save_state(self, meta: dict, entries: dict, removed_entries, subjects: dict, removed_subjects) -> None:
        """entries: rel -> (sha, entry tuple); subjects: name -> payload (only what changed)."""
        if self.db is None:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", [(k, pickle.dumps(v, 5)) for k, v in meta.items()])
            self.db.executemany("DELETE FROM entries WHERE rel = ?", [(r,) for r in removed_entries])
            self.db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", [(r, sha, pickle.dumps(e, 5)) for r, (sha, e) in entries.items()]
            )
            self.db.executemany("DELETE FROM subjects WHERE name = ?", [(n,) for n in removed_subjects])
            self.db.executemany(
                "INSERT OR REPLACE INTO subjects VALUES (?, ?)",
                [(n, None if p == EMPTY_SUBJECT else pickle.dumps(p, 5)) for n, p in subjects.items()],
            )
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()

    def clear_state(self) -> None:
        if self.db is None:
            return
        try:
            self.db.executescript("BEGIN; DELETE FROM state; DELETE FROM entries; DELETE FROM subjects; COMMIT;")
        except sqlite3.Error:
            self._rollback()

    def prune(self, live_digests: set[str]) -> None:
        """Forget file results no current file refers to (after big rebuilds)."""
        if self.db is None:
            return
        try:
            self.db.execute("BEGIN")
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS live (d TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM live")
            self.db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(d,) for d in live_digests])
            self.db.execute("DELETE FROM results WHERE digest NOT IN (SELECT d FROM live)")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()

    # -- plumbing
    def _select(self, sql: str, keys: list[str]):
        if self.db is None or not keys:
            return []
        out = []
        try:
            for i in range(0, len(keys), 900):  # SQLite's default limit on bound parameters
                chunk = keys[i : i + 900]
                out.extend(self.db.execute(sql.format(",".join("?" * len(chunk))), chunk))
        except sqlite3.Error:
            return []
        return out

    def _write(self, sql: str, rows) -> None:
        if self.db is None or not rows:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()

    def _rollback(self) -> None:
        try:
            self.db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
