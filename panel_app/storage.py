"""When the database stops taking changes while the app runs, said in plain English.

SQLite's own errors (``database or disk is full``, ``attempt to write a readonly database``,
``unable to open database file``, ``disk I/O error``) become a ``StorageError`` saying what
happened and what to do; the screens keep what was typed so that it can be saved again.

A database file deleted while open is a quieter fault: SQLite goes on writing into the deleted
file without complaint, and everything would vanish when the app closed. ``file_identity``
lets the database notice it before each action, and ``put_back`` writes the still-open
database out again in its place.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy import exc as sa_exc

from panel_app.errors import StorageError

if TYPE_CHECKING:
    from panel_app.encryption import Key

KEPT = (
    "What you typed is still on screen and is saved when you carry on; nothing saved before "
    "is lost."
)

#: (words in SQLite's message, what happened, what to do).
_SQLITE_FAULTS = (
    ("database or disk is full", "the disk holding the database is full",
     "Free some space on that disk"),
    ("readonly", "the database can no longer be written (the file or its disk has become "
     "read-only)", "Check that the file and its folder can be written"),
    ("unable to open", "the database file or its folder cannot be reached",
     "Check that the folder is still there and its drive still connected"),
    ("disk i/o error", "the disk holding the database reported an error",
     "Check that its drive is still connected"),
    ("database is locked", "another program is holding the database",
     "Close any other program using it"),
    ("malformed", "the database file is damaged",
     "Use File › Restore from backup… to go back to the newest good backup"),
)  # fmt: skip


def translate(where: str, sqlite: bool, error: BaseException) -> StorageError | None:
    """The plain message for a driver error that means the database cannot be written; None
    for any other error (a bug, which should reach the crash log as it is)."""
    original = getattr(error, "orig", None) or error
    if sqlite:
        text = str(original).lower()
        for words, what, advice in _SQLITE_FAULTS:
            if words in text:
                return StorageError(f"Not saved: {what} ({where}). {advice}. {KEPT}")
        return None
    if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
        return StorageError(
            f"Not saved: the database server at {where} cannot be reached or refused the "
            f"change. {KEPT}"
        )
    return None


def _connect(path: Path, key: Key | None) -> Any:
    if key is None:
        return sqlite3.connect(path)
    from panel_app import encryption

    return encryption.connect(path, key)


def _errors(key: Key | None) -> tuple[type[Exception], ...]:
    if key is None:
        return (sqlite3.Error,)
    from panel_app import encryption

    return (sqlite3.Error, *encryption.errors())


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` (device and inode), or None when there is none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def put_back(engine: Engine, path: Path, key: Key | None = None) -> None:
    """Write the database that ``engine`` still has open back at ``path``, from which it was
    deleted (with its folder, perhaps). The engine's connections are closed afterwards, so the
    next action opens the file put back. An encrypted database is put back encrypted with
    ``key``, its own."""
    partial = path.with_name(path.name + ".partial")
    failures: tuple[type[Exception], ...] = (*_errors(key), OSError)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert source is not None
        # The pool's connection is the one still on the deleted file. Had the pool opened a new
        # one instead, it would be on a new, empty file, which must not take the file's place.
        found = source.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchone()[0]
        if found:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.unlink(missing_ok=True)
            with closing(_connect(partial, key)) as target:
                source.backup(target)
    except failures as error:
        partial.unlink(missing_ok=True)
        raise StorageError(
            f"Not saved: the database file {path} was deleted while Audit Panel was using it, "
            f"and it cannot be put back there ({error}). {KEPT}"
        ) from error
    finally:
        raw.close()
    # Closed before the copy takes the file's name: closing a connection on the deleted file
    # removes its "-wal" and "-shm" by name, which must not be the new file's.
    engine.dispose()
    if not found:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise StorageError(
            f"Not saved: the database file {path} was deleted while Audit Panel was using it, "
            "and it could not be put back. Do not close Audit Panel: ask for help."
        )
    partial.replace(path)
