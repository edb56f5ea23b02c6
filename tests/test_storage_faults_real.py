"""More faults at the service layer: a database locked by another program (for real), the
faults of an encrypted database (its file put back encrypted), and a day's backup that cannot
be made. Each is refused in plain words with nothing saved before lost, and the same action
succeeds once the fault clears."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from db import engine
from panel_app import backups, encryption, paths
from panel_app.database import Database, open_database
from panel_app.errors import StorageError
from tests.faults import SQLITE_FAULTS, Fault
from tests.test_encryption import files_holding, marker
from tests.test_storage_faults import ADVICE, add, assert_plain, titles

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 1_000)


@pytest.fixture
def encrypted(tmp_path: Path) -> Iterator[Database]:
    database = open_database(f"sqlite:///{tmp_path / 'panel.db'}", PASSPHRASE)
    yield database
    database.close()


def test_a_database_locked_by_another_program_is_refused_plainly_then_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The app waits for another writer this long before it says so (5 s in use; less here).
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}")
    add(database, "Saved before")
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        started = time.monotonic()
        with pytest.raises(StorageError) as caught:
            add(database, "Typed while it was held")
        assert time.monotonic() - started < 2  # the wait is the busy timeout, no longer
        assert_plain(caught.value.message)
        assert "another program is holding the database" in caught.value.message
        assert titles(database) == ["Saved before"]  # reading goes on meanwhile
        other.execute("COMMIT")
    add(database, "Typed while it was held")
    assert titles(database) == ["Saved before", "Typed while it was held"]
    database.close()


@pytest.mark.parametrize("message", SQLITE_FAULTS)
def test_an_encrypted_database_is_refused_in_the_same_plain_words(
    encrypted: Database, message: str
) -> None:
    add(encrypted, "Saved before")
    with Fault(encrypted, message, "commit") as fault, pytest.raises(StorageError) as caught:
        add(encrypted, "Typed during the fault")
    assert fault.failures == 1
    assert_plain(caught.value.message)
    assert ADVICE[message] in caught.value.message
    add(encrypted, "Typed during the fault")
    assert titles(encrypted) == ["Saved before", "Typed during the fault"]


def test_an_encrypted_database_deleted_while_open_is_put_back_encrypted(tmp_path: Path) -> None:
    folder = tmp_path / "panel"
    folder.mkdir()
    path = folder / "panel.db"
    secret = marker()
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add(database, secret)
    shutil.rmtree(folder)
    with pytest.raises(StorageError, match="has put it back, with everything saved"):
        add(database, "Typed after")
    assert encryption.is_encrypted(path)
    add(database, "Typed after")
    database.close()
    assert files_holding(tmp_path, secret) == []  # never written out in plain, even briefly
    again = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert titles(again) == [secret, "Typed after"]
    again.close()


def test_a_days_backup_that_cannot_be_made_is_a_warning_not_a_refusal(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "panel.db"
    shutil.copyfile(sqlite_template, path)
    blocked = backups.backup_dir(path)
    blocked.rmdir()
    blocked.write_bytes(b"")  # a file where the backups' folder should be: nothing goes in
    database = open_database(f"sqlite:///{path}")
    (warning,) = database.warnings
    assert warning.startswith(f"The backup to {blocked} could not be made")
    assert "The database is open as usual" in warning and "Back up now" in warning
    add(database, "Saved all the same")
    assert titles(database) == ["Saved all the same"]
    database.close()
    blocked.unlink()  # the folder can be made again: the next start backs up as usual
    again = open_database(f"sqlite:///{path}")
    assert again.warnings == [] and len(backups.list_backups(path)) == 1
    again.close()
    assert paths.data_dir() in blocked.parents
