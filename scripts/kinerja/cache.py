"""The validation cache: per-file results and the last run's snapshot, in SQLite.

It lives outside the repository (~/.cache/kinerja or $KINERJA_CACHE_DIR). A file's result
is keyed by the digest of (tool version, schemas, synonyms, path, bytes); the snapshot of
the last run (every entry, each cross-file subject's findings) lets the next run re-check
only what a change can affect. A stale or broken cache is rebuilt.

The snapshot is two blobs in the `state` table: a "base" with every entry and subject, and a
small "delta" of the rows changed since (bound to its base by the base's MAC), so a run checks
two signatures, not one per row, and rewrites the base only when the delta has grown.

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
import sys
from pathlib import Path

from kinerja.gcpause import no_gc

SCHEMA_VERSION = 9  # bump when a stored shape changes, or the findings stored for the same input
EMPTY_SUBJECT = ([], [], None)  # a subject with no findings, no supervisors, no plan
DELTA_LIMIT = 2000  # rows changed since the base before the base is rewritten (a base is ~10 MB at 5,000 people)
_GONE = None  # in a delta: the row was removed


def _apply(table: dict, changes: dict) -> dict:
    """`table` with a delta's changes (a new dict; `table` is left as it was)."""
    out = dict(table)
    for k, v in changes.items():
        if v is _GONE:
            out.pop(k, None)
        else:
            out[k] = v
    return out


def values_pickle(obj) -> bytes:
    """`obj` pickled without pickle's memo: values only, so equal data gives equal bytes whatever
    objects it shares, and every string it reaches is written out (as UTF-8) wherever it occurs.
    Raises what pickle raises (a cycle among others: there is no memo to stop it)."""
    import io

    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=5)
    p.fast = True
    p.dump(obj)
    return buf.getvalue()


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
        with no_gc():  # thousands of records when a score reads every evaluation (gcpause)
            return self._unsealed_rows(prefix, rows)

    def _unsealed_rows(self, prefix: str, rows) -> dict:
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

    # -- the last run: every entry and each cross-file subject's findings, as two sealed blobs
    #    (one MAC check each per run, not one per row): a "base" holding the whole snapshot,
    #    rewritten now and then, and a small "delta" of what changed since, bound to its base
    def load_state(self) -> dict | None:
        if self.db is None:
            return None
        self._base = self._delta = None
        try:
            rows = dict(self.db.execute("SELECT key, value FROM state WHERE key IN ('base', 'delta')"))
        except sqlite3.Error:
            return None
        with no_gc():  # hundreds of thousands of small objects, no cycles: the collector only costs time
            base = self._open_blob("state:base", rows.get("base"))
            if not (isinstance(base, dict) and base.keys() == {"meta", "entries", "subjects"}):
                self._base = None
                return None
            self._base = base
            self._base_mac = rows["base"][:MAC_SIZE]
            delta = self._open_blob("state:delta", rows.get("delta"))
            if isinstance(delta, dict) and delta.get("parent") == self._base_mac:
                self._delta = delta
            else:  # none yet, unreadable, not ours, or written for another base: the base alone is consistent
                self._delta = {"parent": self._base_mac, "meta": base["meta"], "entries": {}, "subjects": {}}
            meta, entries, subjects = self._delta["meta"], base["entries"], base["subjects"]
            if self._delta["entries"] or self._delta["subjects"]:
                entries, subjects = _apply(entries, self._delta["entries"]), _apply(subjects, self._delta["subjects"])
        if "base" not in meta:
            return None
        return dict(meta, entries=entries, subjects=subjects)

    def _open_blob(self, name: str, blob) -> object:
        if blob is None:
            return None
        try:
            return self.unseal(name, blob)
        except Exception:  # noqa: BLE001 - not signed by our key, or unreadable: a miss
            if blob is not None:
                print(f"kinerja: cache validasi ({name.split(':', 1)[1]}) tidak sah atau rusak; diabaikan, semua "
                      "berkas diperiksa ulang.", file=sys.stderr)
            return None

    def save_state(self, meta: dict, entries: dict, removed_entries, subjects: dict, removed_subjects,
                   full: bool = False) -> None:
        """entries: rel -> (sha, entry tuple); subjects: name -> payload: what changed since the
        state load_state returned, or (full=True, when the caller had no snapshot) everything."""
        if self.db is None:
            return
        changed_entries = dict(entries)
        changed_entries.update((r, _GONE) for r in removed_entries)
        changed_subjects = dict(subjects)
        changed_subjects.update((n, _GONE) for n in removed_subjects)
        base, delta = getattr(self, "_base", None), getattr(self, "_delta", None)
        try:
            with no_gc():
                if full or base is None or delta is None:  # no usable snapshot: what was given is everything
                    rows = [("base", {"meta": meta, "entries": _apply({}, changed_entries), "subjects": _apply({}, changed_subjects)})]
                else:
                    d_entries = dict(delta["entries"])
                    d_entries.update(changed_entries)
                    d_subjects = dict(delta["subjects"])
                    d_subjects.update(changed_subjects)
                    if len(d_entries) + len(d_subjects) > DELTA_LIMIT:  # fold the delta into a new base
                        rows = [("base", {"meta": meta, "entries": _apply(base["entries"], d_entries),
                                          "subjects": _apply(base["subjects"], d_subjects)})]
                    else:
                        rows = [("delta", {"parent": self._base_mac, "meta": meta, "entries": d_entries, "subjects": d_subjects})]
                sealed = [(k, self.seal("state:" + k, pickle.dumps(v, 5))) for k, v in rows]
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO state VALUES (?, ?)", sealed)
            if sealed[0][0] == "base":
                self.db.execute("DELETE FROM state WHERE key = 'delta'")
            self.db.execute("COMMIT")
        except sqlite3.Error:
            self._rollback()
            self._base = self._delta = None
            return
        # a second save in this process builds on what was just written
        if sealed[0][0] == "base":
            self._base, self._base_mac = rows[0][1], sealed[0][1][:MAC_SIZE]
            self._delta = {"parent": self._base_mac, "meta": meta, "entries": {}, "subjects": {}}
        else:
            self._delta = rows[0][1]

    def derived(self, name: str, key: str):
        """A small value derived from many files (e.g. who headed which unit), stored under `name`
        for the inputs digested in `key`; None when absent, for other inputs, or not ours."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT value FROM state WHERE key = ?", (f"derived:{name}",)).fetchone()
        except sqlite3.Error:
            return None
        try:
            stored_key, value = self.unseal(f"state:derived:{name}", row[0]) if row else (None, None)
        except Exception:  # noqa: BLE001 - not signed by our key, or unreadable: a miss
            return None
        return value if stored_key == key else None

    def put_derived(self, name: str, key: str, value) -> None:
        self._write("INSERT OR REPLACE INTO state VALUES (?, ?)",
                    [(f"derived:{name}", self.seal(f"state:derived:{name}", pickle.dumps((key, value), 5)))])

    def clear_state(self) -> None:
        self._base = self._delta = None
        if self.db is None:
            return
        try:
            self.db.executescript("BEGIN; DELETE FROM state; COMMIT;")
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
