"""Writing files the safe way: atomically, and never over an existing file unless asked.

Every command that writes (kinerja new, codeowners --write, the issue-form converter) goes
through here, so nothing a user wrote is replaced behind their back and an interrupted
run never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class AlreadyExists(FileExistsError):
    pass


def _temporary(path: Path, text: str) -> str:
    """`text` in a fully written and synced temporary file beside `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_new(path: Path, text: str) -> None:
    """Create `path` with `text`; refuse (AlreadyExists) if anything is already there."""
    tmp = _temporary(path, text)
    try:
        os.link(tmp, path)  # atomic, and fails if the target exists
    except FileExistsError:
        raise AlreadyExists(str(path)) from None
    finally:
        os.unlink(tmp)


def replace(path: Path, text: str) -> None:
    """Atomically replace `path` (for files the tool itself owns, e.g. CODEOWNERS)."""
    tmp = _temporary(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
