"""Opening the app's database: choose the URL, check it, upgrade it, hand out sessions.

Every user action runs in one ``with database.transaction() as session:`` block, so that a
multi-step operation is written whole or not at all.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import schema
from db.engine import is_sqlite, make_engine, make_sessionmaker
from panel_app import backups, encryption, paths, storage, wal, writer_lock
from panel_app.encryption import Key
from panel_app.errors import DatabaseError, DomainError, StorageError
from panel_app.writer_lock import WriterLock

URL_VARIABLE = "AUDIT_PANEL_DATABASE_URL"
_PUTTING_BACK = threading.Lock()
# The change history's keys in session.info (panel_app.history.recorder reads them).
HISTORY_USER = "history.user"
HISTORY_AMENDMENT = "history.amendment"
SQLITE_MAGIC = b"SQLite format 3\x00"


def choose_url(explicit: str | None = None) -> str:
    """The --database option, else the environment variable, else the file in the data folder."""
    return explicit or os.environ.get(URL_VARIABLE) or paths.default_database_url()


def describe(url: str) -> str:
    """Where the data is, for the status bar: a file path, or the server without the password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or "(in memory)"
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path, encrypted: bool = False) -> None:
    if not path.exists():
        if not path.parent.is_dir():
            raise DatabaseError(f"The folder {path.parent} does not exist.")
        return
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not an Audit Panel database.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header == SQLITE_MAGIC or encrypted:
        return  # (an encrypted file has no header to read: its key is checked instead)
    # A file this database's backups came from was a database once: it is damaged, not foreign
    # (an empty one too: SQLite would quietly start a new database in it).
    if backups.newest_good_backup(path) is not None:
        raise _damaged(path, what="is empty" if not header else "is damaged")
    if header:
        raise DatabaseError(f"{path} is not an Audit Panel database: the file is not a database.")


def _damaged(path: Path, key: Key | None = None, what: str = "is damaged") -> DatabaseError:
    from panel_app.dates import format_short

    good = backups.newest_good_backup(path, key)
    if good is None:
        return DatabaseError(
            f"The database at {path} {what} and cannot be opened, and there is no backup "
            "to restore. The file has not been changed."
        )
    return DatabaseError(
        f"The database at {path} {what} and cannot be opened. The newest good backup is "
        f"from {format_short(good.made.date())} at {good.made:%H:%M}; it can be restored in "
        "its place (the damaged file is kept aside).",
        backup=good.path,
    )


def _lost_wal_warning(path: Path) -> str | None:
    lost = wal.lost_frames(path)
    if not lost:
        return None
    return (
        f"Audit Panel did not close properly last time, and the file {path.name}-wal beside the "
        f"database, which held the last changes saved before it stopped, is missing or cut "
        f"short: those changes ({lost} page{'s' if lost != 1 else ''} of data) are lost. "
        "Everything saved before them is here and the database is sound. Check the last "
        "entries you made before the app stopped."
    )


def _read_only_url(path: Path, key: Key | None) -> str | URL:
    if key is not None:
        return encryption.engine_url(path, key, read_only=True)
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def _check_read_only(path: Path, key: Key | None = None) -> bool:
    """Check an existing file before anything writes to it (even setting WAL changes it).

    Returns whether the schema needs upgrading.
    """
    if not backups.is_healthy(path, key):
        raise _damaged(path, key)
    engine = create_engine(_read_only_url(path, key))
    try:
        with engine.connect() as connection:
            return schema.check_compatible(connection) != schema.HEAD
    finally:
        engine.dispose()


def _back_up(path: Path, upgrading: bool, key: Key | None = None) -> str | None:
    """Always before a migration; otherwise at most once a day. Returns a warning when the
    day's backup cannot be made (its folder unwritable, its disk full): the database is still
    sound, and a panel about to start should not be stopped for want of a spare copy. An
    upgrade is refused instead: it is never made without a backup to go back to."""
    if upgrading:
        backups.make_backup(path, "before-upgrade", key=key)
    elif not backups.backed_up_today(path):
        try:
            backups.make_backup(path, "daily", key=key)
        except DatabaseError as failed:
            return (
                f"{failed.message} The database is open as usual; Audit Panel tries again "
                "the next time it starts, or use File › Restore from backup… › Back up now."
            )
    return None


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session] = field(repr=False)
    created: bool = False
    """True when this open made the database: the app then offers the demo audits."""
    read_only: bool = False
    """Opened to look only (another copy of the app is writing): every save is refused."""
    warnings: list[str] = field(default_factory=list)
    lock: WriterLock | None = field(default=None, repr=False)
    user_name: str = ""
    """Who is working, recorded with every change in the audit's history."""
    #: The file opened (device, inode), to notice it deleted or replaced while in use.
    identity: tuple[int, int] | None = field(default=None, repr=False)
    key: Key | None = field(default=None, repr=False)
    """SQLCipher's key when the file is encrypted (derived from the passphrase, kept only in
    memory while the database is open: every new connection needs it)."""

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @property
    def location(self) -> str:
        return describe(self.url)

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @contextmanager
    def transaction(self, *, amendment: int | None = None) -> Iterator[Session]:
        """One user action: commits at the end, rolls everything back on any error.

        ``amendment`` lets it change approved minutes, the changes listed under that amendment.
        A database that cannot take the change (disk full, read-only, gone) raises
        ``StorageError``, a ``DomainError`` with a plain message, so screens keep the text.
        """
        self.check_file()
        failures: tuple[type[Exception], ...] = (DBAPIError, sqlite3.Error)
        if self.key is not None:  # SQLCipher's driver raises its own classes
            failures = (*failures, *encryption.errors())
        try:
            with self.sessions.begin() as session:
                session.info[HISTORY_USER] = self.user_name
                if amendment is not None:
                    session.info[HISTORY_AMENDMENT] = amendment
                yield session
        except failures as error:
            fault = storage.translate(self.location, is_sqlite(self.url), error)
            if fault is None:
                raise
            raise fault from error

    def check_file(self) -> None:
        """Raise ``StorageError`` if the file was deleted or replaced while open; a deleted one
        is first put back, whole, so that the next try succeeds."""
        path = self.path
        if self.identity is None or path is None:
            return
        if storage.file_identity(path) == self.identity:
            return
        with _PUTTING_BACK:  # an export's thread may notice it at the same moment
            self._put_back(path)

    def _put_back(self, path: Path) -> None:
        found = storage.file_identity(path)
        if found == self.identity:
            return  # the other thread put it back
        if found is not None:
            raise StorageError(
                f"Not saved: the database file {path} was replaced by another file while Audit "
                "Panel was using it, so nothing more is saved to it. What you typed is still on "
                "screen: copy anything you need, then close Audit Panel and start it again."
            )
        storage.put_back(self.engine, path, self.key)
        self.identity = storage.file_identity(path)
        if self.lock is not None:
            self.lock.release()  # its file went with the folder
            self.lock = writer_lock.acquire(path)
        raise StorageError(
            f"The database file {path} was deleted while Audit Panel was using it. Audit Panel "
            "has put it back, with everything saved up to now. What you typed is still on "
            "screen: carry on and it is saved."
        )

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def reconnect(self, key: Key | None) -> None:
        """New connections with ``key``, after the file was encrypted, decrypted or rekeyed
        in place (the writer lock is held throughout). Screens holding this object go on."""
        path = self.path
        assert path is not None, "only a database file is encrypted"
        self.engine.dispose()
        self.key = key
        self.engine = make_engine(encryption.engine_url(path, key) if key else self.url)
        if self.identity is not None:
            self.identity = storage.file_identity(path)  # a file rewritten whole is new
        from panel_app.history import recorder

        self.sessions = make_sessionmaker(self.engine)
        recorder.install(self.sessions)  # as _open_locked does: changes go on being recorded


def _refuse_writes(session: Session, _context: object, _instances: object) -> None:
    if session.new or session.dirty or session.deleted:
        raise DomainError(
            "This database is open read-only because another copy of Audit Panel is using it. "
            "Nothing was changed."
        )


def open_read_only(url: str | None = None, passphrase: str | None = None) -> Database:
    """Open an existing SQLite database only to look at it (another copy is writing it)."""
    url = choose_url(url)
    path = sqlite_path(url)
    if path is None or not path.exists():
        raise DatabaseError("Only an existing database file can be opened read-only.")
    key = _unlock(path.expanduser(), passphrase)
    engine = make_engine(_read_only_url(path.expanduser(), key))
    try:
        with engine.connect() as connection:
            if schema.check_compatible(connection) != schema.HEAD:
                raise DatabaseError(
                    f"The database at {path} needs upgrading, which cannot be done read-only."
                )
    except schema.NewerSchemaError:
        engine.dispose()
        raise DatabaseError(
            f"The database at {path} was written by a newer version of Audit Panel."
        ) from None
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise DatabaseError(_explain(url, error)) from error
    sessions = make_sessionmaker(engine)
    event.listen(sessions, "before_flush", _refuse_writes)
    return Database(url=url, engine=engine, sessions=sessions, read_only=True, key=key)


def _unlock(path: Path, passphrase: str | None, key: Key | None = None) -> Key | None:
    """The key for ``path`` (a new key when there is no file yet), after checking that the
    passphrase, or the key already derived from it, opens it; nothing is written.

    A file the passphrase does not open but one of whose backups it does is damaged, not
    locked with another passphrase: the newest good backup is offered, as for a plain file. An
    empty file with such backups is damaged too, not a new database to start afresh in."""
    if passphrase is None and key is None:
        return None
    if not path.exists():
        return key or encryption.new_key(passphrase or "")
    empty = path.stat().st_size == 0
    if not empty:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC:
                raise DatabaseError(
                    f"The database at {path} is not encrypted: it opens without a passphrase."
                )
        if key is None and path.stat().st_size >= encryption.SALT_BYTES:
            key = encryption.key_for(path, passphrase or "")
        if key is not None and encryption.opens(path, key):
            return key
    backed_up = backups.key_opening(path, passphrase, key) if passphrase is not None else key
    if backed_up is not None and backups.newest_good_backup(path, backed_up) is not None:
        raise _damaged(path, backed_up, what="is empty" if empty else "is damaged")
    if empty and not any(encryption.is_encrypted(b.path) for b in backups.list_backups(path)):
        return key or encryption.new_key(passphrase or "")  # a new database, made empty
    raise encryption.wrong_passphrase(path)


def open_database(
    url: str | None = None, passphrase: str | None = None, key: Key | None = None
) -> Database:
    """Open (creating or upgrading as needed) the database at ``url``; with ``passphrase``, an
    encrypted one (a new file is created encrypted); with ``key``, an encrypted one whose key
    is known already (reopened after a restore: a derivation takes a third of a second).

    Raises ``DatabaseError`` with a plain message when the file is not a database, is damaged,
    or was written by a newer version of the app; such a file is left untouched. Raises
    ``WrongPassphraseError`` when the passphrase does not open it, and ``DatabaseInUseError``
    when another copy of the app has the file open.
    """
    url = choose_url(url)
    path = sqlite_path(url)
    lock = None
    warnings = []
    encrypted = passphrase is not None or key is not None
    if encrypted and path is None:
        raise DatabaseError("Only a database file on this computer can be encrypted.")
    if path is not None:
        path = path.expanduser()
        _check_sqlite_file(path, encrypted=encrypted)
        key = _unlock(path, passphrase, key)
        lock = writer_lock.acquire(path)
        lost = _lost_wal_warning(path)
        if lost is not None:
            warnings.append(lost)
        if writer_lock.on_network_share(path):
            warnings.append(
                f"The database at {path} is on a network share. SQLite cannot keep it safe "
                "there; keep it on this computer's own disk."
            )
    try:
        database = _open_locked(url, path, lock, warnings, key)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if path is not None:
        database.identity = storage.file_identity(path)
    return database


def _open_locked(
    url: str,
    path: Path | None,
    lock: WriterLock | None,
    warnings: list[str],
    key: Key | None = None,
) -> Database:
    engine = make_engine(encryption.engine_url(path, key) if path and key else url)
    try:
        if path is not None and path.exists() and path.stat().st_size:
            skipped = _back_up(path, upgrading=_check_read_only(path, key), key=key)
            if skipped is not None:
                warnings.append(skipped)
        previous = schema.upgrade(engine)
    except schema.NewerSchemaError:
        engine.dispose()
        raise DatabaseError(
            f"The database at {describe(url)} was written by a newer version of Audit Panel. "
            "Install the newer version to open it; the file has not been changed."
        ) from None
    except schema.ForeignDatabaseError:
        engine.dispose()
        raise DatabaseError(
            f"{describe(url)} holds another program's data, not Audit Panel's. "
            "Choose another database; this one has not been changed."
        ) from None
    except (OperationalError, DBAPIError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise DatabaseError(_explain(url, error)) from error
    from panel_app import settings
    from panel_app.history import recorder

    sessions = make_sessionmaker(engine)
    recorder.install(sessions)
    return Database(
        url=url,
        engine=engine,
        sessions=sessions,
        created=previous is None,
        warnings=warnings,
        lock=lock,
        key=key,
        user_name=settings.load().user_name,
    )


def _explain(url: str, error: Exception) -> str:
    text = str(getattr(error, "orig", error)).lower()
    where = describe(url)
    if is_sqlite(url):
        if "not a database" in text or "malformed" in text:
            return f"The database at {where} is damaged and cannot be opened."
        if "readonly" in text or "read-only" in text:
            return f"The database at {where} cannot be written: it is read-only."
        if "unable to open" in text:
            return (
                f"The database at {where} cannot be opened: check the folder exists and is yours."
            )
        return f"The database at {where} cannot be used: {text}."
    return f"The database server at {where} cannot be reached or refused the connection: {text}."
