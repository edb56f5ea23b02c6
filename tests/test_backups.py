"""Backups with SQLite's backup API, integrity checks on open, and restoring."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from panel_app import backups
from panel_app.database import open_database
from panel_app.errors import DatabaseError
from panel_app.services import audits


def make_db(path: Path, title: str = "Neglect panel") -> None:
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title=title)
    database.close()


def titles(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM audit ORDER BY id")]


def test_opening_backs_up_once_a_day(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path)
    assert backups.list_backups(path) == []  # a brand-new database has nothing to back up
    open_database(f"sqlite:///{path}").close()
    open_database(f"sqlite:///{path}").close()
    (daily,) = backups.list_backups(path)
    assert daily.reason == "daily"
    assert titles(daily.path) == ["Neglect panel"]


def test_a_backup_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path)
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        audits.create_audit(session, theme="HSB", title="Committed, not checkpointed")
    # The app still has the database open: the new row lives in the WAL file.
    assert Path(f"{path}-wal").stat().st_size > 0
    made = backups.make_backup(path, "manual")
    database.close()
    assert titles(made) == ["Neglect panel", "Committed, not checkpointed"]


def test_old_backups_are_pruned_keeping_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path)
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(backups.KEEP + 3):
        backups.make_backup(path, "daily", now=start + timedelta(days=day))
    kept = backups.list_backups(path)
    assert len(kept) == backups.KEEP >= 7
    assert kept[0].made == start + timedelta(days=backups.KEEP + 2)
    assert "daily" in kept[0].label and "/2026" in kept[0].label


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 3], id="truncated"),
        pytest.param(lambda data: data[:100] + bytes(range(256)) * 40, id="random-bytes"),
    ],
)
def test_a_damaged_database_offers_the_newest_good_backup(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "panel.db"
    make_db(path)
    open_database(f"sqlite:///{path}").close()  # the daily backup
    path.write_bytes(damage(path.read_bytes()))
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(f"sqlite:///{path}")
    assert "damaged" in caught.value.message
    assert caught.value.backup is not None
    assert path.read_bytes() == before  # untouched until the user chooses
    kept = backups.restore(caught.value.backup, path)
    assert kept is not None and kept.read_bytes() == before
    database = open_database(f"sqlite:///{path}")
    database.close()
    assert titles(path) == ["Neglect panel"]


def test_without_a_backup_the_message_says_so(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path)
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(DatabaseError, match="there is no backup") as caught:
        open_database(f"sqlite:///{path}")
    assert caught.value.backup is None


def test_a_missing_wal_loses_nothing_already_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path)
    Path(f"{path}-wal").unlink(missing_ok=True)
    Path(f"{path}-shm").unlink(missing_ok=True)
    open_database(f"sqlite:///{path}").close()
    assert titles(path) == ["Neglect panel"]


def test_restoring_keeps_the_current_database_as_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    make_db(path, "First")
    first = backups.make_backup(path, "manual")
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title="Second")
    database.close()
    kept = backups.restore(first, path)
    assert titles(path) == ["First"]
    assert kept is not None and titles(kept) == ["First", "Second"]
    assert "before restore" in {b.reason for b in backups.list_backups(path)}


def test_each_database_has_its_own_backups(tmp_path: Path) -> None:
    from panel_app import paths

    usual = paths.default_database_path()
    make_db(usual, "Usual")
    other = tmp_path / "other.db"
    make_db(other, "Other")
    open_database(f"sqlite:///{other}").close()  # today's backup of the other database
    assert backups.list_backups() == []
    assert not backups.backed_up_today(usual)  # so the usual one still gets its own
    open_database(f"sqlite:///{usual}").close()
    (own,) = backups.list_backups()
    assert own.path.parent == backups.backup_dir() and titles(own.path) == ["Usual"]
    (theirs,) = backups.list_backups(other)
    assert theirs.path.parent != own.path.parent and titles(theirs.path) == ["Other"]
    usual.write_bytes(b"\0" * 8192)
    with pytest.raises(DatabaseError) as caught:
        open_database(f"sqlite:///{usual}")
    assert caught.value.backup == own.path  # never the other database's backup
