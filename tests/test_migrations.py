"""Alembic owns the schema: models and migrations agree, the app upgrades on open, and a
database it must not touch is refused with a plain message and left as it was."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

from db import schema
from db.base import Base
from db.models import Audit
from panel_app import backups
from panel_app.database import Database, open_database
from panel_app.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_models_and_migrations_do_not_drift(database: Database) -> None:
    """A new database is made from the models, an old one upgraded by the migrations: the
    migrations from nothing must give the models' schema."""
    from alembic import command

    with database.engine.connect() as connection:
        with connection.begin():
            Base.metadata.drop_all(connection)
            connection.execute(text(f"DROP TABLE {schema.VERSION_TABLE}"))
        with connection.begin():
            assert inspect(connection).get_table_names() == []
            command.upgrade(schema.alembic_config(connection), "head")
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert schema.current_revision(connection) == schema.HEAD
    assert differences == []


def test_a_new_database_is_at_the_head_revision(database: Database) -> None:
    with database.engine.connect() as connection:
        assert schema.current_revision(connection) == schema.head_revision()
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_sqlite_is_set_up_for_safe_writing(sqlite_database: Database) -> None:
    with sqlite_database.engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("foreign_keys", "journal_mode", "synchronous")
        }
    assert pragmas == {"foreign_keys": 1, "journal_mode": "wal", "synchronous": 2}


def test_opening_twice_reports_created_only_the_first_time(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = open_database(url)
    first.close()
    second = open_database(url)
    second.close()
    assert (first.created, second.created) == (True, False)


def test_the_default_database_lives_in_the_data_folder(private_folders: Path) -> None:
    database = open_database()
    database.close()
    assert database.path == private_folders / "data" / "audit-panel" / "audit-panel.db"
    assert database.path.exists()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="newer version of Audit Panel"):
        open_database(f"sqlite:///{path}")
    assert digest(path) == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Minutes of the panel, typed in the wrong program\n" * 20)
    with pytest.raises(DatabaseError, match="not an Audit Panel database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"Minutes of the panel")


def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.close()
    before = digest(path)
    with pytest.raises(DatabaseError, match="another program's data"):
        open_database(f"sqlite:///{path}")
    assert digest(path) == before


def test_a_missing_folder_gets_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(f"sqlite:///{tmp_path / 'nowhere' / 'a.db'}")


def test_an_unreachable_server_gets_a_plain_message() -> None:
    with pytest.raises(DatabaseError, match="cannot be reached"):
        open_database("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")


def test_the_fast_head_check_matches_the_migrations() -> None:
    """Opening skips Alembic when the database is at ``HEAD``; a stale constant would leave
    new databases un-upgraded, so it must be the migrations' head."""
    assert schema.head_revision() == schema.HEAD


def test_opening_an_up_to_date_database_does_not_load_alembic(sqlite_database: Database) -> None:
    sqlite_database.close()  # one copy at a time may hold the file
    code = (
        "import sys\n"
        "from panel_app.database import open_database\n"
        f"open_database({sqlite_database.url!r}).close()\n"
        "assert 'alembic' not in sys.modules, 'Alembic was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _insert(connection: Connection, table: str, **values: object) -> None:
    """Insert a row at an old revision, filling NOT NULL columns the test does not care about."""
    for _cid, name, kind, notnull, default, _pk in connection.exec_driver_sql(
        f"PRAGMA table_info({table})"
    ):
        if notnull and default is None and name not in values and name != "id":
            values[name] = 0 if kind in ("INTEGER", "BOOLEAN") else "2017-01-01"
    names = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO {table} ({names}) VALUES ({marks})"), values)


def test_an_older_database_is_upgraded_on_open_and_keeps_its_data(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0001")
        _insert(connection, "partnership", id=1, name="Plymouth")
        _insert(connection, "audit", id=1, partnership_id=1, theme="Neglect", status="planning")
        _insert(connection, "panel_meeting", id=1, audit_id=1, date="2017-05-10")
        _insert(connection, "attendance", meeting_id=1, name="J Smith", status="present")
    engine.dispose()
    database = open_database(url)
    with database.transaction() as session:
        (meeting,) = session.get(Audit, 1).meetings  # type: ignore[union-attr]
        assert (meeting.date, meeting.default_minutes) == (date(2017, 5, 10), 30)
        # Rebuilding panel_meeting (0002) must not cascade into the rows that refer to it.
        assert [person.name for person in meeting.attendance] == ["J Smith"]
        assert schema.current_revision(session.connection()) == schema.HEAD
    assert not database.created
    database.close()
    (before,) = [b for b in backups.list_backups(database.path) if b.reason == "before upgrade"]
    with sqlite3.connect(before.path) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_database_from_before_the_history_upgrades_and_records_changes(tmp_path: Path) -> None:
    from alembic import command

    from panel_app.history.lines import audit_history
    from panel_app.services.cases import update_case

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(schema.alembic_config(connection), "0003")
        _insert(connection, "partnership", id=1, name="Plymouth")
        _insert(connection, "audit", id=1, partnership_id=1, theme="Neglect", status="closed")
        _insert(connection, "audit_case", id=1, audit_id=1, pseudonym="Child A", consent="sought")
        _insert(connection, "action", audit_id=1, case_id=1, kind="case_action", status="open")
    engine.dispose()
    database = open_database(url)
    database.user_name = "Jo Bloggs"
    with database.transaction() as session:
        audit = session.get(Audit, 1)
        assert audit is not None and len(audit.actions) == 1
        assert (audit.minutes_approved_on, audit.minutes_approved_by) == (None, "")
        update_case(session, 1, consent="obtained")
    with database.transaction() as session:
        (line,) = audit_history(session, 1)
    database.close()
    assert line.text.endswith(
        "Jo Bloggs changed the consent of the case 'Child A' from 'Sought' to 'Obtained'"
    )
