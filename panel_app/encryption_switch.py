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

from dataclasses import dataclass
from pathlib import Path

from panel_app import backups, encryption
from panel_app.database import Database
from panel_app.encryption import Key
from panel_app.encryption_files import (
    LEFTOVERS,
    SIDE_FILES,
    convert_file,
    is_plain,
    rekey,
    remove_with_side_files,
    shred,
    tidy,
)
from panel_app.errors import DatabaseError, DomainError


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


def plain_backups(database_path: Path) -> list[Path]:
    """The backups (and anything else in their folder) of ``database_path`` that are plain
    SQLite files."""
    return [p for p in sorted(backups.backup_dir(database_path).iterdir()) if is_plain(p)]


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
def _convert_database(database: Database, path: Path, old: Key | None, new: Key | None) -> None:
    database.engine.dispose()  # connections reopen by themselves if the conversion fails
    tidy(path)
    try:
        convert_file(path, old, new)
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
    pieces = (*SIDE_FILES, *LEFTOVERS, ".partial")
    for file in sorted(backups.backup_dir(path).iterdir()):  # a list: conversions add files
        if not file.is_file():
            continue  # the usual database's folder holds other databases' backup folders
        if any(file.name.endswith(piece) for piece in pieces):
            shred(file)  # pieces of plain files left by an interrupted backup or conversion
        elif is_plain(file):
            try:
                convert_file(file, None, key)
                outcome.converted += 1
            except failures:
                remove_with_side_files(file)
                outcome.removed += 1
    return outcome


def turn_off(database: Database, passphrase: str) -> Outcome:
    """Store the database and the backups its key opens as plain SQLite files again."""
    path = _usable(database)
    key = _require_passphrase(database, passphrase)
    _convert_database(database, path, key, None)
    outcome = Outcome()
    for found in backups.list_backups(path):
        if not encryption.is_encrypted(found.path):
            continue
        if encryption.opens(found.path, key):
            convert_file(found.path, key, None)
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
    rekey(path, old, key)
    database.reconnect(key)
    outcome = Outcome()
    for found in backups.list_backups(path):
        if encryption.is_encrypted(found.path) and encryption.opens(found.path, old):
            rekey(found.path, old, key)
            outcome.converted += 1
        elif encryption.is_encrypted(found.path):
            outcome.left += 1
    return outcome
