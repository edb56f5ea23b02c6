"""Engines and sessions: one ``sessionmaker`` per database, SQLite set up for safe writing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

#: How long a write waits for another connection's write to finish before it is refused
#: ("another program is holding the database"): the app's own threads take turns within it.
BUSY_TIMEOUT_MS = 5000


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def is_encrypted(url: str | URL) -> bool:
    """A SQLCipher URL (``sqlite+pysqlcipher``): its dialect keys each connection first."""
    return make_url(url).get_driver_name() == "pysqlcipher"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Foreign keys are off by default in SQLite; WAL lets the presentation view read while the
    # minute-taker writes; FULL makes a committed entry survive a power cut.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_sqlcipher_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Temporary tables and sorts stay in memory, which is never written to disk.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(url: str | URL) -> Engine:
    kwargs: dict[str, Any] = {}
    if not is_sqlite(url):
        kwargs["pool_pre_ping"] = True
    elif is_encrypted(url):
        # SQLAlchemy's default for SQLCipher is one connection per thread; a plain file gets a
        # queue of connections, and an encrypted one should behave the same.
        kwargs["poolclass"] = QueuePool
    engine = create_engine(url, **kwargs)
    if is_sqlite(url):
        event.listen(engine, "connect", _set_sqlite_pragmas)
    if is_encrypted(url):
        event.listen(engine, "connect", _set_sqlcipher_pragmas)
    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after commit: services hand them back to the caller.
    return sessionmaker(engine, expire_on_commit=False)
