"""The database schema's version: Alembic owns it, and the app upgrades on open.

Opening an up-to-date database must not cost the chair Alembic's import time, so the common
case compares the stored revision with ``HEAD`` in plain SQL; Alembic is loaded only when a
database is new, older, or unknown. A new database is made from the models and stamped at the
head; an older one is upgraded by the migrations. A test keeps ``HEAD`` equal to the
migrations' head.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"

#: The newest migration's revision. Bump it with every new migration (a test checks).
HEAD = "0004"


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app."""


class ForeignDatabaseError(Exception):
    """The database holds tables, but none of Audit Panel's version markers."""


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The head according to the migration scripts themselves."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the app ships with at least one migration"
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def check_compatible(connection: Connection) -> str | None:
    """Return the database's revision, or raise when this app must not touch it."""
    revision = current_revision(connection)
    if revision is None:
        if inspect(connection).get_table_names():
            raise ForeignDatabaseError
        return None
    if revision != HEAD and revision not in known_revisions():
        raise NewerSchemaError(revision)
    return revision


def needs_upgrade(engine: Engine) -> bool:
    with engine.connect() as connection:
        return check_compatible(connection) != HEAD


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to this version of the app, in one transaction.

    Returns the revision the database had before (``None`` for a new, empty database).
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # A batch migration rebuilds a table: with foreign keys on, SQLite's DROP TABLE of
            # the old copy would cascade and delete every row that refers to it.
            _foreign_keys(connection, on=False)
        try:
            with connection.begin():
                before = check_compatible(connection)
                if before is None:
                    _create(connection)
                elif before != HEAD:
                    from alembic import command

                    command.upgrade(alembic_config(connection), "head")
                    if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise RuntimeError("the upgrade left rows that refer to nothing")
        finally:
            if sqlite:
                _foreign_keys(connection, on=True)
    return before


def _create(connection: Connection) -> None:
    """A new, empty database gets today's tables at once, marked as at the head: replaying
    every migration (tables rebuilt by batch operations) took seconds of the first start.
    A test keeps the models and the migrations the same schema."""
    from alembic import command

    import db.models  # noqa: F401  (every model registered on Base.metadata)
    from db.base import Base

    Base.metadata.create_all(connection)
    command.stamp(alembic_config(connection), "head")


def _foreign_keys(connection: Connection, *, on: bool) -> None:
    # Outside any transaction (inside one SQLite ignores the pragma).
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
