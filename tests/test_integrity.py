"""Integrity on open: every kind of damaged file is refused with a plain message offering the
newest good backup, and restoring it gets the data back; a newer database and a missing
write-ahead log are explained. ``DAMAGE`` is the list of damaged files tried."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from panel_app import backups
from panel_app.database import Database, open_database
from panel_app.errors import DatabaseError
from panel_app.services import audits
from tests.test_backups import titles

PAGE = 4096


def _overwrite(data: bytes, at: int, chunk: bytes) -> bytes:
    return data[:at] + chunk + data[at + len(chunk) :]


def _noise(size: int, seed: int = 6) -> bytes:
    return random.Random(seed).randbytes(size)


#: Each a way a database file is found damaged: cut short (a copy or a sync that stopped),
#: overwritten (a disk fault, another program), or replaced by something else entirely.
DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "emptied": lambda data: b"",
    "cut to its header": lambda data: data[:100],
    "cut to its first page": lambda data: data[:PAGE],
    "cut in half": lambda data: data[: len(data) // 2],
    "cut mid-page": lambda data: data[: len(data) - PAGE - 1000],
    "random bytes throughout": lambda data: _noise(len(data)),
    "first page overwritten": lambda data: _overwrite(data, 0, _noise(PAGE)),
    "header intact, then random bytes": lambda data: data[:100] + bytes(range(256)) * 40,
    "a middle page overwritten": lambda data: _overwrite(data, 3 * PAGE, _noise(PAGE)),
    "a middle page zeroed": lambda data: _overwrite(data, 3 * PAGE, bytes(PAGE)),
    "the page list zeroed": lambda data: _overwrite(data, PAGE, bytes(2 * PAGE)),
    "a text document in its place": lambda data: b"Minutes of the panel\n" * 400,
    "a PDF in its place": lambda data: b"%PDF-1.7\n" + _noise(20_000),
}


@pytest.fixture
def make_db(sqlite_template: Path) -> Callable[[Path, str], None]:
    """A database holding one audit (copied from the migrated template: quicker)."""

    def make(path: Path, title: str) -> None:
        path.write_bytes(sqlite_template.read_bytes())
        database = open_database(f"sqlite:///{path}")
        with database.transaction() as session:
            audits.create_audit(session, theme="Neglect", title=title)
        database.close()

    return make


def damaged_database(
    tmp_path: Path, make_db: Callable[[Path, str], None], damage: Callable[[bytes], bytes]
) -> Path:
    path = tmp_path / "panel.db"
    make_db(path, "Neglect panel")
    backups.make_backup(path, "daily")
    path.write_bytes(damage(path.read_bytes()))
    return path


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_every_damaged_file_is_refused_plainly_and_recovered_from_its_backup(
    tmp_path: Path, make_db: Callable[[Path, str], None], damage: Callable[[bytes], bytes]
) -> None:
    path = damaged_database(tmp_path, make_db, damage)
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(f"sqlite:///{path}")
    message = caught.value.message
    assert "cannot be opened" in message and "newest good backup is from" in message
    assert "Traceback" not in message and "sqlite" not in message.lower()
    assert caught.value.backup is not None
    assert path.read_bytes() == before  # nothing is changed until the user chooses
    kept = backups.restore(caught.value.backup, path)
    assert kept is not None and kept.read_bytes() == before  # kept aside for whoever looks
    open_database(f"sqlite:///{path}").close()
    assert titles(path) == ["Neglect panel"]


def test_a_foreign_file_with_no_backups_is_not_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Minutes of the panel\n" * 400)
    with pytest.raises(DatabaseError, match="is not an Audit Panel database"):
        open_database(f"sqlite:///{path}")
    empty = tmp_path / "empty.db"
    empty.touch()
    open_database(f"sqlite:///{empty}").close()  # an empty file with no past: a new database
    assert titles(empty) == []


def killed_after_writing(path: Path, title: str) -> Path:
    """The files a process killed just after adding an audit leaves behind: that audit only in
    the -wal file. (A copy of the three files taken while the database is open is exactly what
    a kill leaves, since each commit is synced; quicker than killing a real process.)"""
    crashed = path.with_name("crashed.db")
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title=title)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{crashed}{suffix}").write_bytes(Path(f"{path}{suffix}").read_bytes())
    database.close()
    assert Path(f"{crashed}-wal").stat().st_size > 0
    return crashed


@pytest.mark.parametrize("missing", ["-wal", "-wal and -shm", "-wal cut short"])
def test_a_missing_wal_after_a_crash_is_explained(
    tmp_path: Path, make_db: Callable[[Path, str], None], missing: str
) -> None:
    """'Missing WAL': the app was killed with committed changes only in the -wal file, and that
    file was then deleted (or cut short) before the next start. Those changes cannot be got
    back; the database opens as it was at the last checkpoint, sound, and says so plainly."""
    path = tmp_path / "panel.db"
    make_db(path, "Checkpointed")
    path = killed_after_writing(path, "Only in the WAL")
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if missing == "-wal cut short":
        wal.write_bytes(wal.read_bytes()[:PAGE])
    else:
        wal.unlink()
    if missing == "-wal and -shm":
        shm.unlink()
    database = open_database(f"sqlite:///{path}")
    warnings = list(database.warnings)
    database.close()
    assert titles(path) == ["Checkpointed"]
    if missing == "-wal and -shm":
        assert warnings == []  # nothing is left to tell: the loss cannot be seen
    else:
        (warning,) = warnings
        assert "did not close properly" in warning and "are lost" in warning
        assert "database is sound" in warning


def test_a_missing_shm_after_a_crash_loses_nothing(
    tmp_path: Path, make_db: Callable[[Path, str], None]
) -> None:
    path = tmp_path / "panel.db"
    make_db(path, "Checkpointed")
    path = killed_after_writing(path, "Only in the WAL")
    Path(f"{path}-shm").unlink()  # SQLite rebuilds the index from the log
    database = open_database(f"sqlite:///{path}")
    assert database.warnings == []
    database.close()
    assert titles(path) == ["Checkpointed", "Only in the WAL"]


def test_a_wal_left_by_a_crash_is_replayed_without_a_warning(
    tmp_path: Path, make_db: Callable[[Path, str], None]
) -> None:
    path = tmp_path / "panel.db"
    make_db(path, "Checkpointed")
    path = killed_after_writing(path, "Only in the WAL")
    database = open_database(f"sqlite:///{path}")
    assert database.warnings == []
    database.close()
    assert titles(path) == ["Checkpointed", "Only in the WAL"]


def test_every_connection_writes_safely_not_only_the_first(sqlite_database: Database) -> None:
    """WAL, synchronous=FULL and foreign keys are set on each connection the pool makes."""
    engine = sqlite_database.engine
    with engine.connect() as first, engine.connect() as second:
        for connection in (first, second):
            pragmas = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys")
            }
            assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1}
    header = sqlite_database.path.read_bytes()[18:20]  # type: ignore[union-attr]
    assert header == b"\x02\x02"  # WAL is recorded in the file: every reader honours it
