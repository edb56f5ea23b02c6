"""The database schema's version: Alembic owns it, and the app upgrades on open."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class NewerSchemaError(Exception):
    """The database was written by a newer version of the app."""


class ForeignDatabaseError(Exception):
    """The database holds tables, but none of Audit Panel's version markers."""


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the app ships with at least one migration"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def check_compatible(connection: Connection) -> str | None:
    """Return the database's revision, or raise when this app must not touch it."""
    revision = current_revision(connection)
    if revision is None:
        if inspect(connection).get_table_names():
            raise ForeignDatabaseError
        return None
    known = {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }
    if revision not in known:
        raise NewerSchemaError(revision)
    return revision


def needs_upgrade(engine: Engine) -> bool:
    with engine.connect() as connection:
        return check_compatible(connection) != head_revision()


def upgrade(engine: Engine) -> str | None:
    """Bring the schema to this version of the app, in one transaction.

    Returns the revision the database had before (``None`` for a new, empty database).
    """
    with engine.begin() as connection:
        before = check_compatible(connection)
        if before != head_revision():
            command.upgrade(alembic_config(connection), "head")
    return before
