"""Turning encryption on and off for the database in use, and changing its passphrase.

Encrypting writes an encrypted copy beside the database with ``sqlcipher_export``, checks the
copy (integrity, and every table's row count against the original) and only then puts it in
place; the plain original is then overwritten and removed. The backups follow the database:
encrypting converts the plain ones (one too damaged to read is deleted: left plain, it would
leak), decrypting converts those the key opens, and a new passphrase rekeys those the old one
opens. The writer lock is held throughout, so no other copy of the app writes in between; the
screens go on with the same ``Database``, which reconnects with the new key.
"""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from panel_app import backups, encryption
from panel_app.database import Database
from panel_app.encryption import SQLITE_MAGIC, Key
from panel_app.errors import DatabaseError, DomainError

#: Files a SQLite database leaves beside itself; beside a plain backup they hold its pages.
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class Outcome:
    """What happened to the backups."""

    converted: int = 0
    removed: int = 0
    left: int = 0

    def describe(self, done: str) -> str:
        """In words, ``done`` saying what happened to the converted ones ("encrypted")."""
        parts = []
        if self.converted:
            which = (
                "The backup was" if self.converted == 1 else f"The {self.converted} backups were"
            )
            parts.append(f"{which} {done} too.")
        if self.removed:
            parts.append(
                f"{_count(self.removed, 'damaged backup')} could not be read, so "
                f"{'it was' if self.removed == 1 else 'they were'} deleted rather than left "
                "unencrypted."
            )
        if self.left:
            parts.append(
                f"{_count(self.left, 'older backup')} did not open with this passphrase and "
                f"{'was' if self.left == 1 else 'were'} left as "
                f"{'it was' if self.left == 1 else 'they were'}."
            )
        return " ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"1 {noun}" if number == 1 else f"{number} {noun}s"


def plain_backups() -> list[Path]:
    """Backups (and anything else in the backups folder) that are plain SQLite files."""
    return [p for p in sorted(backups.backup_dir().iterdir()) if _is_plain(p)]


def _is_plain(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return path.is_file() and handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def _usable(database: Database) -> Path:
    path = database.path
    if path is None:
        raise DomainError(
            "Only a database file on this computer can be encrypted; a database server is "
            "protected by its own administrators."
        )
    if database.read_only:
        raise DomainError("This database is open read-only, so it cannot be changed.")
    return path


def _require_passphrase(database: Database, passphrase: str) -> Key:
    key = database.key
    if key is None:
        raise DomainError("This database is not encrypted.")
    if not key.matches(passphrase):
        raise DomainError("That is not this database's passphrase. Nothing has been changed.")
    return key


# -- files ---------------------------------------------------------------------------------------
def _shred(path: Path) -> None:
    """Overwrite, then delete: a plain copy is not left readable on the disk (as far as the
    disk allows: an SSD may keep old blocks, which only full-disk encryption covers)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            zeros = bytes(1 << 20)
            while size > 0:
                size -= handle.write(zeros[: min(size, len(zeros))])
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def _remove_with_side_files(path: Path) -> None:
    for side in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        if side.exists():
            _shred(side)


def _put_in_place(new: Path, path: Path) -> None:
    """``new`` replaces ``path`` in one step; the old content is then overwritten."""
    with new.open("rb+") as handle:
        os.fsync(handle.fileno())
    old = path.with_name(path.name + ".old")
    old.unlink(missing_ok=True)
    try:
        os.link(path, old)
        linked = True
    except OSError:
        linked = False  # a filesystem without hard links: the old file is only unlinked
    os.replace(new, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    if linked:
        _shred(old)


def _checkpoint(connection: Any) -> None:
    """Everything into the main file and the WAL emptied, or refuse (someone is reading)."""
    busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy is not None and busy[0]:
        raise DatabaseError(
            "Another program is reading the database, so it cannot be converted now. Close "
            "other copies of Audit Panel and try again; nothing has been changed."
        )


def _counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def _export(source: Path, source_key: Key | None, target: Path, target_key: Key | None) -> None:
    """Write ``source`` (keyed with ``source_key``) to ``target`` with ``target_key`` (None:
    plain) and check the copy; ``source`` is not changed. The source's WAL is emptied."""
    _remove_with_side_files(target)
    try:
        with closing(encryption.connect(source, source_key)) as connection:
            _checkpoint(connection)
            expected = _counts(connection)
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            literal = target_key.literal if target_key is not None else ""
            connection.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), literal))
            # A staging file: no journal and no syncing while it is written (one fsync of the
            # whole file before it is used); a crash part-way leaves a file nobody opens.
            connection.execute("PRAGMA converted.journal_mode = OFF")
            connection.execute("PRAGMA converted.synchronous = OFF")
            connection.execute("SELECT sqlcipher_export('converted')")
            connection.execute(f"PRAGMA converted.user_version = {version}")
            connection.execute("DETACH DATABASE converted")
        with closing(encryption.connect(target, target_key, read_only=True)) as check:
            healthy = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not healthy or _counts(check) != expected:
                raise DatabaseError(
                    "The converted copy did not match the database, so it was not used. "
                    "Nothing has been changed."
                )
    except BaseException:
        _remove_with_side_files(target)
        raise


def _convert_file(path: Path, old: Key | None, new: Key | None) -> None:
    staged = path.with_name(path.name + ".converting")
    _export(path, old, staged, new)
    for suffix in SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # emptied by the export's checkpoint
    _put_in_place(staged, path)


def _convert_database(database: Database, path: Path, old: Key | None, new: Key | None) -> None:
    database.engine.dispose()  # connections reopen by themselves if the conversion fails
    try:
        _convert_file(path, old, new)
    except encryption.errors() as error:
        raise DatabaseError(f"The database could not be converted: {error}.") from error
    database.reconnect(new)
    encryption.remember(path, new is not None)


# -- the three changes ---------------------------------------------------------------------------
def turn_on(database: Database, passphrase: str) -> Outcome:
    """Encrypt the database and its backups under ``passphrase``."""
    path = _usable(database)
    if database.encrypted:
        raise DomainError("This database is already encrypted.")
    problem = encryption.check_passphrase(passphrase)
    if problem:
        raise DomainError(problem, "passphrase")
    key = encryption.new_key(passphrase)
    _convert_database(database, path, None, key)
    outcome = Outcome()
    failures: tuple[type[Exception], ...] = (DatabaseError, *encryption.errors())
    for file in backups.backup_dir().iterdir():
        if any(file.name.endswith(s) for s in (*SIDE_FILES, ".partial", ".converting")):
            _shred(file)  # pieces of plain files left by an interrupted backup
        elif _is_plain(file):
            try:
                _convert_file(file, None, key)
                outcome.converted += 1
            except failures:
                _remove_with_side_files(file)
                outcome.removed += 1
    return outcome


def turn_off(database: Database, passphrase: str) -> Outcome:
    """Store the database and the backups its key opens as plain SQLite files again."""
    path = _usable(database)
    key = _require_passphrase(database, passphrase)
    _convert_database(database, path, key, None)
    outcome = Outcome()
    for found in backups.list_backups():
        if not encryption.is_encrypted(found.path):
            continue
        if encryption.opens(found.path, key):
            _convert_file(found.path, key, None)
            outcome.converted += 1
        else:
            outcome.left += 1
    return outcome


def change_passphrase(database: Database, current: str, new: str) -> Outcome:
    """Rekey the database, and the backups the current passphrase opens, to ``new``."""
    path = _usable(database)
    old = _require_passphrase(database, current)
    problem = encryption.check_passphrase(new)
    if problem:
        raise DomainError(problem, "new")
    key = encryption.derive(new, old.salt)
    database.engine.dispose()
    _rekey(path, old, key)
    database.reconnect(key)
    outcome = Outcome()
    for found in backups.list_backups():
        if encryption.is_encrypted(found.path) and encryption.opens(found.path, old):
            _rekey(found.path, old, key)
            outcome.converted += 1
        elif encryption.is_encrypted(found.path):
            outcome.left += 1
    return outcome


def _rekey(path: Path, old: Key, new: Key) -> None:
    """SQLCipher rewrites every page under the new key in one transaction; the WAL is emptied
    before and after, so no page under the old key is left in it."""
    try:
        with closing(encryption.connect(path, old)) as connection:
            _checkpoint(connection)
            connection.execute(f'PRAGMA rekey = "{new.literal}"')
            _checkpoint(connection)
    except encryption.errors() as error:
        raise DatabaseError(
            f"The passphrase of {path.name} could not be changed: {error}."
        ) from error
