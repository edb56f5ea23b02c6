"""Storage faults for tests: the driver's own errors made to happen on the next writes, and a
real tiny filesystem that can be filled up."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from panel_app.database import Database

DISK_FULL = "database or disk is full"
READ_ONLY = "attempt to write a readonly database"
CANNOT_OPEN = "unable to open database file"
#: The three faults of issue 6, as SQLite words them.
SQLITE_FAULTS = [DISK_FULL, READ_ONLY, CANNOT_OPEN]
WRITES = ("INSERT", "UPDATE", "DELETE")


class Fault:
    """Makes every write fail as SQLite would, at the statement ("flush") or the COMMIT."""

    def __init__(self, database: Database, message: str, at: str = "flush") -> None:
        self.database, self.message, self.at = database, message, at
        self.failures = 0
        self.active = False

    def _error(self) -> Exception:
        if self.database.url.startswith("postgresql"):
            import psycopg

            return psycopg.OperationalError(self.message)
        if self.database.encrypted:  # SQLCipher's driver has its own exception classes
            import sqlcipher3

            return sqlcipher3.OperationalError(self.message)  # type: ignore[no-any-return]
        return sqlite3.OperationalError(self.message)

    def _statement(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.lstrip().upper().startswith(WRITES):
            return
        if self.at == "flush":
            self.failures += 1
            raise self._error()
        conn.info["wrote"] = True

    def _commit(self, conn: Any) -> None:
        # Only a transaction that wrote something can fail to commit for want of space.
        if conn.info.pop("wrote", False):
            self.failures += 1
            raise self._error()

    def _rollback(self, conn: Any) -> None:
        conn.info.pop("wrote", None)

    def __enter__(self) -> Fault:
        event.listen(self.database.engine, "before_cursor_execute", self._statement)
        event.listen(self.database.engine, "commit", self._commit)
        event.listen(self.database.engine, "rollback", self._rollback)
        self.active = True
        return self

    def __exit__(self, *_exc: object) -> None:
        self.clear()

    def clear(self) -> None:
        """The fault goes away (space freed, the drive back)."""
        if self.active:
            event.remove(self.database.engine, "before_cursor_execute", self._statement)
            event.remove(self.database.engine, "commit", self._commit)
            event.remove(self.database.engine, "rollback", self._rollback)
            self.active = False


@contextmanager
def tiny_filesystem(where: Path, size_kb: int = 2048) -> Iterator[Path]:
    """A real filesystem of ``size_kb`` (tmpfs) mounted at ``where``; skips the test where
    mounting is not allowed (it needs root, which CI has)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path) -> Path:
    """Fill the filesystem holding ``folder`` to the last byte; returns the filler file."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as out:
        size = 65536
        while size:
            try:
                out.write(b"\xff" * size)
            except OSError:
                size //= 2
    return filler
