"""Faults while the app runs: the disk fills, the database becomes read-only, its folder goes.
The action is refused in plain words (``StorageError``), nothing already saved is lost, and the
same action succeeds once the fault clears."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from db.models import Audit
from panel_app.database import Database, open_database
from panel_app.errors import DomainError, StorageError
from panel_app.services import audits
from panel_app.writer_lock import DatabaseInUseError
from tests.faults import DISK_FULL, SQLITE_FAULTS, Fault, fill, tiny_filesystem

ADVICE = {
    DISK_FULL: "disk holding the database is full",
    "attempt to write a readonly database": "can no longer be written",
    "unable to open database file": "cannot be reached",
}


def titles(database: Database) -> list[str]:
    with database.transaction() as session:
        return [a.title for a in session.query(Audit).order_by(Audit.id)]


def add(database: Database, title: str) -> None:
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title=title)


def assert_plain(message: str) -> None:
    assert message.startswith("Not saved:")
    assert "still on screen" in message and "nothing saved before is lost" in message
    for jargon in ("sqlite3", "OperationalError", "Traceback", "SQL"):
        assert jargon not in message


@pytest.mark.parametrize("at", ["flush", "commit"])
@pytest.mark.parametrize("message", SQLITE_FAULTS)
def test_a_write_that_fails_is_refused_plainly_and_works_once_the_fault_clears(
    sqlite_database: Database, message: str, at: str
) -> None:
    add(sqlite_database, "Saved before")
    with Fault(sqlite_database, message, at) as fault:
        with pytest.raises(StorageError) as caught:
            add(sqlite_database, "Typed during the fault")
        assert fault.failures == 1
        assert isinstance(caught.value, DomainError)  # every screen already shows these
        assert_plain(caught.value.message)
        assert ADVICE[message] in caught.value.message
        assert str(sqlite_database.path) in caught.value.message
        assert titles(sqlite_database) == ["Saved before"]  # reading still works
    add(sqlite_database, "Typed during the fault")  # the retry
    assert titles(sqlite_database) == ["Saved before", "Typed during the fault"]
    with sqlite_database.transaction() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_a_lost_drive_or_server_is_explained(database: Database) -> None:
    add(database, "Saved before")
    on_server = database.path is None
    words = "server closed the connection unexpectedly" if on_server else "disk I/O error"
    with Fault(database, words), pytest.raises(StorageError) as caught:
        add(database, "Typed while it was away")
    assert_plain(caught.value.message)
    assert ("database server" if on_server else "drive") in caught.value.message
    add(database, "Typed while it was away")
    assert titles(database) == ["Saved before", "Typed while it was away"]


def test_other_database_errors_are_not_dressed_up_as_storage_faults(
    sqlite_database: Database,
) -> None:
    class Duplicate(Fault):
        def _error(self) -> Exception:
            return sqlite3.IntegrityError("UNIQUE constraint failed: audit.id")

    with Duplicate(sqlite_database, ""), pytest.raises(IntegrityError):
        add(sqlite_database, "A bug, for the crash log")


def test_a_deleted_folder_is_noticed_and_the_database_put_back_whole(tmp_path: Path) -> None:
    folder = tmp_path / "panel"
    folder.mkdir()
    path = folder / "panel.db"
    database = open_database(f"sqlite:///{path}")
    add(database, "Saved before")
    shutil.rmtree(folder)  # SQLite would go on writing into the deleted file, unseen
    with pytest.raises(StorageError, match="was deleted while Audit Panel was using it") as told:
        add(database, "Typed after")
    assert "has put it back, with everything saved" in told.value.message
    assert path.exists()
    add(database, "Typed after")  # the retry goes into the file put back
    with pytest.raises(DatabaseInUseError):
        open_database(f"sqlite:///{path}")  # and the copy put back is held, as before
    database.close()
    again = open_database(f"sqlite:///{path}")
    assert titles(again) == ["Saved before", "Typed after"]
    again.close()


def test_a_file_replaced_under_the_app_is_not_written_over(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}")
    add(database, "Ours")
    path.rename(tmp_path / "moved-away.db")
    path.write_bytes(b"someone else's file")
    with pytest.raises(StorageError, match="replaced by another file"):
        add(database, "Not written over it")
    database.close()
    assert path.read_bytes() == b"someone else's file"


def test_a_real_full_disk(tmp_path: Path) -> None:
    with tiny_filesystem(tmp_path / "small", size_kb=1536) as disk:
        database = open_database(f"sqlite:///{disk / 'panel.db'}")
        add(database, "Saved before the disk filled")
        filler = fill(disk)
        long_text = "The agencies met weekly. " * 800  # 20,000 characters
        with pytest.raises(StorageError) as caught, database.transaction() as session:
            audit = audits.create_audit(session, theme="Neglect", title="A long one")
            audits.update_audit(session, audit.id, introduction=long_text, rationale=long_text)
        assert_plain(caught.value.message)
        assert "disk holding the database is full" in caught.value.message
        assert titles(database) == ["Saved before the disk filled"]
        filler.unlink()  # space freed: the same action now succeeds
        with database.transaction() as session:
            audit = audits.create_audit(session, theme="Neglect", title="A long one")
            audits.update_audit(session, audit.id, introduction=long_text, rationale=long_text)
        database.close()
        again = open_database(f"sqlite:///{disk / 'panel.db'}")
        assert titles(again) == ["Saved before the disk filled", "A long one"]
        with again.transaction() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        again.close()
