"""Test set-up: private data folders, and databases on SQLite and (when configured) PostgreSQL.

Persistence and service tests take the ``database`` fixture, which runs each of them against a
real SQLite file and, when ``AUDIT_PANEL_TEST_PG_URL`` is set, a real PostgreSQL database. On CI
that variable must be set: a silently skipped PostgreSQL run would hide breakage.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

# Qt aborts without a display; tests never need one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.base import Base
from panel_app.database import Database, open_database

PG_URL = os.environ.get("AUDIT_PANEL_TEST_PG_URL", "")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The bad-input sweep's figures (examples per field), when it ran."""
    from tests import bad_input

    for line in bad_input.report():
        terminalreporter.write_line(line)


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("CI") and not PG_URL:
        raise pytest.UsageError(
            "CI must test PostgreSQL too, but AUDIT_PANEL_TEST_PG_URL is not set."
        )


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data and config folders: nothing touches the real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("AUDIT_PANEL_DATABASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite database that each test copies (faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(f"sqlite:///{path}").close()
    return path


def reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("PostgreSQL: set AUDIT_PANEL_TEST_PG_URL to run these against it")
    reset_postgres_schema(PG_URL)
    open_database(PG_URL).close()
    yield PG_URL


def _empty_postgres(database: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def sqlite_database(tmp_path: Path, sqlite_template: Path) -> Iterator[Database]:
    path = tmp_path / "audit-panel.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A real, empty, migrated database: a SQLite file, then PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_database")
        return
    url = request.getfixturevalue("postgres_url")
    database = open_database(url)
    _empty_postgres(database)
    yield database
    database.close()
