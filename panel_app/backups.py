"""Backups of the SQLite database, made with SQLite's online backup API.

A plain file copy of a live WAL database can miss committed pages still in the WAL; the backup
API copies a consistent snapshot. Backups go to ``backups/`` in the data folder: one a day when
the app opens, and always before a migration or a restore. The usual database's backups are in
that folder itself; any other database file (``--database``) has its own folder inside it, so
that its backups are never offered for, nor pruned or counted against, another database. The
backups of an encrypted database are encrypted with the same key (SQLCipher's backup needs both
sides keyed alike).
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from panel_app import paths
from panel_app.errors import DatabaseError

if TYPE_CHECKING:
    from panel_app.encryption import Key

#: How many backups are kept (the issue asks for at least the last seven).
KEEP = 10
PREFIX = "audit-panel-"


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    reason: str
    size: int

    @property
    def size_text(self) -> str:
        if self.size < 1024**2:
            return f"{self.size / 1024:,.0f} KB"
        return f"{self.size / 1024**2:,.1f} MB"

    @property
    def label(self) -> str:
        return f"{self.made:%d/%m/%Y %H:%M} · {self.reason} · {self.size_text}"


def backup_dir(database_path: Path | None = None) -> Path:
    """Where the backups of ``database_path`` (by default, the usual database) are kept."""
    folder = paths.data_dir() / "backups"
    if database_path is not None:
        resolved = database_path.expanduser().resolve()
        if resolved != paths.default_database_path().resolve():
            digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
            folder = folder / f"{resolved.stem}-{digest}"
    # Unwritable or full: a backup into it is then refused in plain words.
    with suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def _errors(key: Key | None) -> tuple[type[Exception], ...]:
    if key is None:
        return (sqlite3.Error,)
    from panel_app import encryption

    return (sqlite3.Error, *encryption.errors())


def _copy(source: Path, target: Path, key: Key | None = None) -> None:
    """Copy one SQLite database to another file, consistently, even while it is in use."""
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    if key is not None:
        from panel_app import encryption

        with (
            closing(encryption.connect(source, key, read_only=True)) as src,
            closing(encryption.connect(partial, key)) as dst,
        ):
            src.backup(dst)
    else:
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)
    partial.replace(target)


def make_backup(
    database_path: Path,
    reason: str = "daily",
    now: datetime | None = None,
    key: Key | None = None,
) -> Path:
    """Back ``database_path`` up now (encrypted with ``key`` when it is encrypted); returns
    the backup's path. Old backups beyond ``KEEP`` are removed."""
    now = now or datetime.now()
    target = backup_dir(database_path) / f"{PREFIX}{now:%Y%m%d-%H%M%S}-{reason}.db"
    failures: tuple[type[Exception], ...] = (*_errors(key), OSError)
    try:
        _copy(database_path, target, key)
    except failures as error:
        raise DatabaseError(f"The backup to {target.parent} could not be made: {error}.") from error
    prune(database_path)
    return target


def list_backups(database_path: Path | None = None) -> list[Backup]:
    """The backups of ``database_path`` (by default, the usual database), newest first."""
    found = []
    folder = backup_dir(database_path)
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{PREFIX}*.db"):
        stem = path.stem.removeprefix(PREFIX)
        try:
            made = datetime.strptime(stem[:15], "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        reason = stem[16:].replace("-", " ") or "backup"
        found.append(Backup(path, made, reason, path.stat().st_size))
    return sorted(found, key=lambda b: b.made, reverse=True)


def prune(database_path: Path | None = None, keep: int = KEEP) -> None:
    for old in list_backups(database_path)[keep:]:
        old.path.unlink(missing_ok=True)


def backed_up_today(database_path: Path | None = None, now: datetime | None = None) -> bool:
    today = (now or datetime.now()).date()
    return any(b.made.date() == today for b in list_backups(database_path))


def is_healthy(path: Path, key: Key | None = None) -> bool:
    """Whether the file is a SQLite database (encrypted with ``key``, if given) that passes
    ``quick_check``."""
    try:
        if key is not None:
            from panel_app import encryption

            connection = encryption.connect(path, key, read_only=True)
        else:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        with closing(connection):
            row = connection.execute("PRAGMA quick_check").fetchone()
    except _errors(key):
        return False
    return row is not None and row[0] == "ok"


def newest_good_backup(database_path: Path | None = None, key: Key | None = None) -> Backup | None:
    """The newest backup of ``database_path`` that passes its check (for an encrypted database:
    that opens with its key; plain ones do not, nor the other way round)."""
    return next((b for b in list_backups(database_path) if is_healthy(b.path, key)), None)


def key_opening(database_path: Path, passphrase: str, tried: Key | None = None) -> Key | None:
    """The key ``passphrase`` gives for the newest of ``database_path``'s encrypted backups
    that it opens, or None. An encrypted database too damaged to check a passphrase against
    (its first page, which holds the salt, is gone) is checked against its backups instead.
    ``tried`` is a key derived already (from the database's own salt, which its backups share
    unless that was damaged): each derivation takes a third of a second."""
    from panel_app import encryption

    derived = {tried.salt: tried} if tried is not None else {}
    for backup in list_backups(database_path):
        if not encryption.is_encrypted(backup.path):
            continue
        with backup.path.open("rb") as handle:
            salt = handle.read(encryption.SALT_BYTES)
        if salt not in derived:
            derived[salt] = encryption.derive(passphrase, salt)
        key = derived[salt]
        if is_healthy(backup.path, key):
            return key
    return None


def restore(backup: Path, database_path: Path, key: Key | None = None) -> Path | None:
    """Put ``backup`` in place of the database; the current database, if readable, is backed
    up first (returned) so a restore can itself be undone. The app must not hold the database
    open while this runs. ``key`` is the encrypted database's: the backup must open with it."""
    if not is_healthy(backup, key):
        raise DatabaseError(f"The backup {backup.name} is damaged and cannot be restored.")
    kept = None
    if database_path.exists() and database_path.stat().st_size and is_healthy(database_path, key):
        kept = make_backup(database_path, "before-restore", key=key)
    elif database_path.exists():
        # A damaged file is kept aside as it is, for whoever investigates.
        stamp = f"{datetime.now():%Y%m%d-%H%M%S}"
        kept = backup_dir(database_path) / f"damaged-{stamp}-{database_path.name}"
        database_path.replace(kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    _copy(backup, database_path, key)
    return kept
