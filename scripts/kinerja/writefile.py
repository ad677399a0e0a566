"""Writing files the safe way: atomically, and never over an existing file unless asked.

Every command that writes (kinerja new, kinerja site, codeowners --tulis, the issue-form converter) goes
through here, so nothing a user wrote is replaced behind their back and an interrupted
run never leaves half a file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class AlreadyExists(FileExistsError):
    pass


def _temporary(path: Path, text: str | bytes) -> str:
    """`text` (or bytes) in a fully written and synced temporary file beside `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with (os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_new(path: Path, text: str | bytes) -> None:
    """Create `path` with `text` (or bytes); refuse (AlreadyExists) if anything is already there."""
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


def write_new_tree(folder: Path, files: dict[str, str | bytes]) -> None:
    """Create `folder` holding `files` ({relative path: content}) in one step: everything is
    written into a hidden sibling folder first, then renamed into place. Refuses
    (AlreadyExists) a folder that exists and is not empty; an empty one is replaced."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise AlreadyExists(str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-", suffix=".part"))
    try:
        for rel, content in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        if folder.exists():
            folder.rmdir()  # empty (checked above); fails if something appeared meanwhile
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


class ChangedMeanwhile(Exception):
    """A file changed between reading and writing (someone else edited it): nothing written."""


def replace_many(root: Path, texts: dict[str, str], expected: dict[str, bytes | None]) -> None:
    """Write several files as one step: all of them or none.

    `expected[rel]` is the content read when the change was computed (None: the file must
    not exist); if any file differs now, ChangedMeanwhile is raised before anything is
    touched. Every new content is written and synced to a temporary file first; then the
    files are renamed into place, and if any rename fails the ones already replaced are
    restored from hard-linked backups (and new ones removed)."""
    root = Path(root)
    for rel in texts:
        path = root / rel
        want = expected.get(rel)
        try:
            now = path.read_bytes()
        except FileNotFoundError:
            now = None
        if now != want:
            raise ChangedMeanwhile(rel)
    temps: dict[str, str] = {}
    backups: dict[str, str] = {}
    done: list[str] = []
    try:
        for rel, text in texts.items():
            temps[rel] = _temporary(root / rel, text)
        for rel in texts:
            path = root / rel
            if expected.get(rel) is not None:
                backup = temps[rel] + ".bak"
                os.link(path, backup)
                backups[rel] = backup
        for rel in texts:
            path = root / rel
            if expected.get(rel) is None:
                os.link(temps[rel], path)  # fails if the file appeared meanwhile
                os.unlink(temps[rel])
            else:
                os.replace(temps[rel], path)
            done.append(rel)
        for folder in {(root / rel).parent for rel in texts}:
            try:
                fd = os.open(folder, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            except OSError:
                pass
    except BaseException:
        for rel in reversed(done):
            path = root / rel
            try:
                if rel in backups:
                    os.replace(backups.pop(rel), path)
                else:
                    os.unlink(path)
            except OSError:
                pass
        raise
    finally:
        for p in [*temps.values(), *backups.values()]:
            try:
                os.unlink(p)
            except OSError:
                pass


def write_bytes(path: Path, data: bytes, *, overwrite: bool = False) -> str:
    """Write `data` to `path` atomically. Returns "new", "same" (identical file already
    there: untouched) or "replaced" (only with overwrite=True); a different existing file
    without overwrite raises AlreadyExists."""
    path = Path(path)
    existed = path.exists()
    if existed:
        if path.is_file() and path.read_bytes() == data:
            return "same"
        if not overwrite:
            raise AlreadyExists(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if overwrite:
            os.replace(tmp, path)
            return "replaced" if existed else "new"
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise AlreadyExists(str(path)) from None
        return "new"
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
