"""Encryption at rest on real SQLCipher files: nothing readable on disk, a wrong passphrase
refused without a change, backups encrypted and restorable, and turning encryption on, off
and changing the passphrase with the backups following."""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from panel_app import backups, encryption, encryption_switch, settings
from panel_app.database import Database, open_database, open_read_only
from panel_app.encryption import WrongPassphraseError
from panel_app.errors import DatabaseError, DomainError
from panel_app.services import audits

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLCipher's 256,000 rounds cost a third of a second a derivation; the files are the
    same with fewer (one test below checks the real count against SQLCipher itself)."""
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 1_000)


def marker() -> str:
    return f"MARKER-{uuid.uuid4().hex}"


def files_holding(root: Path, text: str) -> list[Path]:
    """Every file under ``root`` whose bytes contain ``text`` (UTF-8 or UTF-16, as SQLite
    may store it)."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le")]
    return [
        p
        for p in root.rglob("*")
        if p.is_file() and any(needle in p.read_bytes() for needle in needles)
    ]


def add_audit(database: Database, title: str) -> None:
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title=title)


def titles(database: Database) -> list[str]:
    with database.transaction() as session:
        return [row.title for row in audits.list_audits(session)]


def test_nothing_written_to_an_encrypted_database_is_readable_on_disk(tmp_path: Path) -> None:
    secret, plain_secret = marker(), marker()
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert database.encrypted and encryption.is_encrypted(path)
    add_audit(database, secret)
    backups.make_backup(path, "manual", key=database.key)
    # While it is open too: the WAL holds the newest pages.
    assert Path(f"{path}-wal").exists()
    assert files_holding(tmp_path, secret) == []
    database.close()
    assert files_holding(tmp_path, secret) == []
    # The search does find what a plain database holds (it would catch a leak).
    plain = open_database(f"sqlite:///{tmp_path / 'plain.db'}")
    add_audit(plain, plain_secret)
    plain.close()
    assert files_holding(tmp_path, plain_secret) != []
    again = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert titles(again) == [secret]
    again.close()


def test_a_wrong_passphrase_is_refused_plainly_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    database.close()
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(WrongPassphraseError) as refused:
        open_database(f"sqlite:///{path}", "Correct horse battery")
    assert refused.value.message.startswith("That passphrase does not open this database")
    assert "nothing has been changed" in refused.value.message
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    # Without a passphrase it is not taken for a database at all; it is not touched either.
    with pytest.raises(DatabaseError, match="not an Audit Panel database"):
        open_database(f"sqlite:///{path}")
    with pytest.raises(WrongPassphraseError):
        open_read_only(f"sqlite:///{path}", "wrong passphrase")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_a_plain_file_given_a_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    open_database(f"sqlite:///{path}").close()
    with pytest.raises(DatabaseError, match="is not encrypted"):
        open_database(f"sqlite:///{path}", PASSPHRASE)
    with pytest.raises(DatabaseError, match="file on this computer"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:1/none", PASSPHRASE)


def test_the_key_is_sqlciphers_own_so_any_sqlcipher_tool_opens_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 256_000)
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Opened by SQLCipher")
    database.close()
    import sqlcipher3

    connection = sqlcipher3.connect(str(path))
    connection.execute(f"PRAGMA key = '{PASSPHRASE}'")  # SQLCipher derives the key itself
    assert connection.execute("SELECT title FROM audit").fetchall() == [("Opened by SQLCipher",)]
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()


def test_backups_of_an_encrypted_database_are_encrypted_and_restore(tmp_path: Path) -> None:
    secret = marker()
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, secret)
    key = database.key
    database.close()
    reopened = open_database(f"sqlite:///{path}", PASSPHRASE)  # the daily backup
    add_audit(reopened, "Added after the backup")
    reopened.close()
    (daily,) = backups.list_backups(path)
    assert encryption.is_encrypted(daily.path) and files_holding(daily.path.parent, secret) == []
    assert backups.is_healthy(daily.path, key) and not backups.is_healthy(daily.path)
    assert backups.newest_good_backup(path) is None  # the plain check never takes it for good
    assert backups.newest_good_backup(path, key) == daily
    kept = backups.restore(daily.path, path, key=key)
    assert kept is not None and encryption.is_encrypted(kept)
    restored = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert titles(restored) == [secret]
    restored.close()


def test_a_damaged_encrypted_database_offers_its_encrypted_backup(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    backups.make_backup(path, "daily", key=database.key)
    database.close()
    data = bytearray(path.read_bytes())
    data[5000:9000] = bytes(4000)  # a page in the middle, not the first (the key check)
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError) as damaged:
        open_database(f"sqlite:///{path}", PASSPHRASE)
    assert "damaged" in damaged.value.message
    assert damaged.value.backup == backups.list_backups(path)[0].path


def test_encrypting_a_plain_database_converts_it_and_its_backups(tmp_path: Path) -> None:
    secret = marker()
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}")
    add_audit(database, secret)
    for reason in ("daily", "before-upgrade"):
        backups.make_backup(path, reason)
    broken = backups.backup_dir(path) / "audit-panel-20240101-090000-daily.db"
    broken.write_bytes(path.read_bytes()[:100])  # a plain header, and no more
    # What an earlier conversion cut short by a power cut could have left: plain copies.
    database.engine.dispose()
    shutil.copyfile(path, path.with_name(path.name + ".old"))
    shutil.copyfile(path, backups.backup_dir(path) / "audit-panel-20240102-090000-daily.db.partial")
    assert files_holding(tmp_path, secret)
    outcome = encryption_switch.turn_on(database, PASSPHRASE)
    assert (outcome.converted, outcome.removed, outcome.left) == (2, 1, 0)
    assert "2 backups were encrypted too" in outcome.describe("encrypted")
    # The same Database goes on, now encrypted.
    assert database.encrypted
    add_audit(database, "Written after encrypting")
    assert titles(database) == [secret, "Written after encrypting"]
    database.close()
    assert files_holding(tmp_path, secret) == []
    assert encryption_switch.plain_backups(path) == []
    assert not broken.exists()
    assert encryption.remembered(path)
    assert settings.load().encrypted_databases == [str(path.resolve())]
    for kept in backups.list_backups(path):
        assert backups.is_healthy(kept.path, database.key)
    again = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert titles(again) == [secret, "Written after encrypting"]
    again.close()


def test_changing_the_passphrase_refuses_the_old_and_takes_the_new(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    backups.make_backup(path, "daily", key=database.key)
    with pytest.raises(DomainError, match="not this database's passphrase"):
        encryption_switch.change_passphrase(database, "not it at all", "a new passphrase")
    with pytest.raises(DomainError, match="at least 8 characters"):
        encryption_switch.change_passphrase(database, PASSPHRASE, "short")
    outcome = encryption_switch.change_passphrase(database, PASSPHRASE, "staple of the horse")
    assert outcome.converted == 1
    add_audit(database, "After the change")  # still open, with the new key
    database.close()
    with pytest.raises(WrongPassphraseError):
        open_database(f"sqlite:///{path}", PASSPHRASE)
    again = open_database(f"sqlite:///{path}", "staple of the horse")
    assert sorted(titles(again)) == ["After the change", "Neglect panel"]
    (backup,) = backups.list_backups(path)
    assert backups.is_healthy(backup.path, again.key)
    assert not backups.is_healthy(backup.path, encryption.key_for(backup.path, PASSPHRASE))
    again.close()


def test_turning_encryption_off_leaves_plain_files(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    backups.make_backup(path, "daily", key=database.key)
    with pytest.raises(DomainError, match="not this database's passphrase"):
        encryption_switch.turn_off(database, "not the passphrase")
    assert encryption.is_encrypted(path)
    outcome = encryption_switch.turn_off(database, PASSPHRASE)
    assert outcome.converted == 1 and not database.encrypted
    add_audit(database, "Written in plain")
    database.close()
    assert not encryption.is_encrypted(path) and not encryption.remembered(path)
    with sqlite3.connect(path) as plain:
        assert plain.execute("SELECT count(*) FROM audit").fetchone() == (2,)
    assert backups.is_healthy(backups.list_backups(path)[0].path)


def test_a_read_only_copy_opens_with_the_passphrase_and_cannot_be_converted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    looking = open_read_only(f"sqlite:///{path}", PASSPHRASE)
    assert titles(looking) == ["Neglect panel"]
    with pytest.raises(DomainError, match="read-only"):
        encryption_switch.change_passphrase(looking, PASSPHRASE, "another passphrase")
    looking.close()
    database.close()


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("short", "at least 8 characters"),
        (" leading space", "start or end with a space"),
        ("tab\tinside it", "control characters"),
        ("four words are fine", None),
    ],
)
def test_what_will_do_as_a_passphrase(typed: str, problem: str | None) -> None:
    found = encryption.check_passphrase(typed)
    assert (found is None) if problem is None else (problem in (found or ""))


def test_the_unlock_password_is_kept_only_as_a_salted_hash() -> None:
    from panel_app import unlock

    assert not unlock.check("2468")  # none set: nothing unlocks by it
    first, second = unlock.make_hash("2468"), unlock.make_hash("2468")
    assert first != second and "2468" not in first  # salted
    assert unlock.matches("2468", first) and not unlock.matches("2469", first)
    for damaged in ("", "scrypt$1$2", "md5$16384$8$1$00$00", "scrypt$x$8$1$00$00"):
        assert not unlock.matches("2468", damaged)
    assert unlock.check_password("123") is not None and unlock.check_password("1234") is None


def test_the_command_line_asks_for_the_passphrase_at_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import getpass
    import io

    from panel_app import cli

    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Neglect panel")
    database.close()
    encryption.remember(path, True)
    url = f"sqlite:///{path}"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: nobody to ask
    assert cli.run(["--database", url, "list"]) == 1
    assert "run the command in a terminal" in capsys.readouterr().err
    typed = iter(["not the passphrase", PASSPHRASE])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: next(typed))
    assert cli.run(["--database", url, "list"]) == 0
    out = capsys.readouterr()
    assert "does not open this database" in out.err and "Neglect panel" in out.out


def test_a_conversion_cut_short_before_its_rename_loses_nothing(tmp_path: Path) -> None:
    from panel_app import encryption_files

    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}")
    add_audit(database, "Neglect panel")
    database.close()
    before = path.read_bytes()
    # The power went after the old content was linked aside, before the new file was renamed.
    os.link(path, path.with_name(path.name + ".old"))
    encryption_files.tidy(path)
    assert not path.with_name(path.name + ".old").exists()
    assert path.read_bytes() == before  # the database itself was not overwritten


def test_deleting_an_audit_for_good_cleans_the_encrypted_backups_and_keeps_them_encrypted(
    tmp_path: Path,
) -> None:
    from datetime import datetime

    from panel_app import retention
    from tests.test_retention import KEEP, MARKER, marked

    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    gone = marked(database, MARKER, "Neglect")
    marked(database, KEEP, "Exploitation")
    assert database.key is not None
    old = backups.make_backup(path, "daily", now=datetime(2026, 1, 5, 9, 0), key=database.key)
    plan = retention.plan_deletion(database, gone.audit_id)
    assert [b.path for b in plan.rewrite] == [old] and plan.remove == ()  # not "damaged"
    report = retention.delete_permanently(database, plan)
    assert report.problems == [] and report.rewritten == [old]
    assert encryption.is_encrypted(old) and backups.is_healthy(old, database.key)
    with closing(encryption.connect(old, database.key, read_only=True)) as connection:
        left = [row[0] for row in connection.execute("SELECT title FROM audit")]
    assert left == [f"Exploitation {KEEP}"]
    database.close()
    assert files_holding(tmp_path, MARKER) == [] and files_holding(tmp_path, KEEP) == []
