"""The validation cache: per-file results and the last run's snapshot, in SQLite.

It lives outside the repository (~/.cache/kinerja or $KINERJA_CACHE_DIR). A file's result
is keyed by the digest of (tool version, schemas, synonyms, path, bytes); the snapshot of
the last run (every entry, each cross-file subject's findings) lets the next run re-check
only what a change can affect. A stale or broken cache is rebuilt.

Every stored value is signed (a keyed BLAKE2b MAC over the row's name and its bytes) with a key
that is not in the cache folder: `$KINERJA_CACHE_KEY` (CI passes a secret), else a key
file created once with mode 0600 (`$KINERJA_CACHE_KEY_FILE`, default
~/.config/kinerja/cache-key). A value is unpickled only after its signature checks, so a
cache folder restored from somewhere a pull request could write (actions/cache, a shared
disk) can neither run code nor swap one file's verdict for another's: an unsigned,
re-signed or moved row is a miss, and that file is checked again. The generated validator code
kept beside it (model/schemas.py, `fast/`) is signed the same way before it is executed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
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


def key_file() -> Path:
    env = os.environ.get("KINERJA_CACHE_KEY_FILE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "kinerja" / "cache-key"


def signing_key() -> bytes | None:
    """The key that signs cache rows, or None (then nothing is cached)."""
    env = os.environ.get("KINERJA_CACHE_KEY")
    if env:
        return hashlib.sha256(b"kinerja-cache\0" + env.encode("utf-8", "surrogateescape")).digest()
    path = key_file()
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data[:64]
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(32))
        return path.read_bytes()[:64]
    except FileExistsError:
        try:
            data = path.read_bytes()
            return data[:64] if len(data) >= 32 else None
        except OSError:
            return None
    except OSError:
        return None


MAC_SIZE = 32


def _mac(key: bytes, message: bytes) -> bytes:
    """Keyed BLAKE2b (a MAC, RFC 7693 keyed mode): about twice as fast as HMAC-SHA256 here,
    which matters when 25,000 rows are checked on every run."""
    return hashlib.blake2b(message, key=key[:64], digest_size=MAC_SIZE).digest()

_KEY: list = []  # the signing key, read once per process


def _process_key() -> bytes | None:
    if not _KEY:
        _KEY.append(signing_key())
    return _KEY[0]


def seal_bytes(name: str, payload: bytes) -> bytes | None:
    """`payload` signed for the file `name` (MAC || payload); None when there is no key."""
    key = _process_key()
    if key is None:
        return None
    return _mac(key, name.encode() + b"\0" + payload) + payload


def unseal_bytes(name: str, blob: bytes) -> bytes | None:
    """The payload of a file written by seal_bytes for `name`, or None (missing key, not ours)."""
    key = _process_key()
    if key is None or len(blob) <= MAC_SIZE:
        return None
    mac, payload = blob[:MAC_SIZE], blob[MAC_SIZE:]
    good = _mac(key, name.encode() + b"\0" + payload)
    return payload if hmac.compare_digest(mac, good) else None


class Cache:
    """A thin layer over one SQLite file per repository root."""

    def __init__(self, root: Path, enabled: bool = True):
        self.enabled = enabled
        self.db: sqlite3.Connection | None = None
        if not enabled:
            return
        self.key = signing_key()
        if self.key is None:
            self.enabled = False
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

    # -- signing: a row's value is MAC || pickle, the MAC binding the value to the row's name
    def seal(self, name: str, payload: bytes) -> bytes:
        return _mac(self.key, name.encode("utf-8", "surrogateescape") + b"\0" + payload) + payload

    def unseal(self, name: str, blob) -> object:
        """The unpickled value of a signed row; KeyError when the signature does not check."""
        if not isinstance(blob, bytes) or len(blob) <= MAC_SIZE:
            raise KeyError(name)
        mac, payload = blob[:MAC_SIZE], blob[MAC_SIZE:]
        good = _mac(self.key, name.encode("utf-8", "surrogateescape") + b"\0" + payload)
        if not hmac.compare_digest(mac, good):
            raise KeyError(name)
        return pickle.loads(payload)

    def _unsealed(self, prefix: str, rows) -> dict:
        out = {}
        for k, blob in rows:
            if blob is None:
                continue
            try:
                out[k] = self.unseal(prefix + k, blob)
            except KeyError:
                continue  # not ours: a miss, the file is checked again
            except Exception:  # noqa: BLE001 - signed by us but unreadable (another version): a miss
                continue
        return out

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
        return self._unsealed("meta:", self._select("SELECT digest, meta FROM results WHERE digest IN ({})", digests))

    def records(self, digests: list[str]) -> dict[str, object]:
        return self._unsealed("record:", self._select("SELECT digest, record FROM results WHERE digest IN ({})", digests))

    def put_results(self, rows: list[tuple[str, bytes, bytes | None]]) -> None:
        """rows: (digest, pickled meta, pickled record or None), signed here."""
        if self.db is None:
            return
        self._write("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    [(d, self.seal("meta:" + d, m), None if r is None else self.seal("record:" + d, r)) for d, m, r in rows])

    # -- the last run: every entry and each cross-file subject's findings, row by row, so a
    #    run that changed one file rewrites a few rows, not the whole state
    def load_state(self) -> dict | None:
        if self.db is None:
            return None
        try:
            state = {k: self.unseal("state:" + k, v) for k, v in self.db.execute("SELECT key, value FROM state")}
            if "base" not in state:
                return None
            state["entries"] = {rel: (sha, self.unseal(f"entry:{rel}\0{sha}", e))
                                for rel, sha, e in self.db.execute("SELECT rel, sha, entry FROM entries")}
            state["subjects"] = {
                name: self.unseal("subject:" + name, p) if p is not None else EMPTY_SUBJECT
                for name, p in self.db.execute("SELECT name, payload FROM subjects")
            }
            return state
        except Exception:  # noqa: BLE001 - unreadable or not signed by our key means rebuild
            return None

    def save_state(self, meta: dict, entries: dict, removed_entries, subjects: dict, removed_subjects) -> None:
        """entries: rel -> (sha, entry tuple); subjects: name -> payload (only what changed)."""
        if self.db is None:
            return
        try:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", [(k, self.seal("state:" + k, pickle.dumps(v, 5))) for k, v in meta.items()])
            self.db.executemany("DELETE FROM entries WHERE rel = ?", [(r,) for r in removed_entries])
            self.db.executemany(
                "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", [(r, sha, self.seal(f"entry:{r}\0{sha}", pickle.dumps(e, 5))) for r, (sha, e) in entries.items()]
            )
            self.db.executemany("DELETE FROM subjects WHERE name = ?", [(n,) for n in removed_subjects])
            self.db.executemany(
                "INSERT OR REPLACE INTO subjects VALUES (?, ?)",
                [(n, None if p == EMPTY_SUBJECT else self.seal("subject:" + n, pickle.dumps(p, 5))) for n, p in subjects.items()],
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
