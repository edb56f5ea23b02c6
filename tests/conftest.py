"""Test set-up: private data folders, and databases on SQLite and (when configured) PostgreSQL.

Persistence and service tests take the ``database`` fixture, which runs each of them against a
real SQLite file and, when ``AUDIT_PANEL_TEST_PG_URL`` is set, a real PostgreSQL database. On CI
that variable must be set: a silently skipped PostgreSQL run would hide breakage.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# Qt aborts without a display; tests never need one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from db.base import Base
from panel_app.database import Database, open_database

PG_URL = os.environ.get("AUDIT_PANEL_TEST_PG_URL", "")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The bad-input sweep's figures (examples per field), when it ran."""
    from tests import bad_input

    counts = [
        tuple(entry)
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", "") == "teardown"  # the figures are recorded at teardown
        for name, value in getattr(report, "user_properties", [])
        if name == bad_input.PROPERTY
        for entry in value
    ]
    for line in bad_input.report(counts):
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


def worker_postgres_url(url: str) -> str:
    """With pytest-xdist, each worker gets a database of its own beside the configured one, made
    on first use (the test role may create databases): workers must not empty each other's,
    nor those of a run in another checkout on the same server (named by the checkout)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return url
    parsed = make_url(url)
    checkout = hashlib.sha1(str(Path(__file__).resolve().parent).encode()).hexdigest()[:8]
    name = f"{parsed.database}_{checkout}_{worker}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("PostgreSQL: set AUDIT_PANEL_TEST_PG_URL to run these against it")
    url = worker_postgres_url(PG_URL)
    reset_postgres_schema(url)
    open_database(url).close()
    yield url


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
