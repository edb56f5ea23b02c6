"""Recovery of an encrypted database: a damaged one offers its encrypted backup (checked with
the passphrase, since the damage may have taken the salt with it), File › Restore from backup…
opens and restores its backups with the database's key, and the database restored opens again
with the same passphrase, through the window as at the service layer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from panel_app import backups, encryption
from panel_app.database import Database, open_database
from panel_app.encryption import WrongPassphraseError
from panel_app.errors import DatabaseError
from tests.test_encryption import add_audit, files_holding, marker, titles
from tests.test_encryption_ui import type_passphrases
from tests.test_integrity import DAMAGE
from tests.test_restore_dialog import answer, dialog_of, rows
from ui.app import Starter, make_application
from ui.main_window import MainWindow

PASSPHRASE = "correct horse battery"
#: Damage to the first page takes the salt (and so the key check) with it; the others leave it.
TRIED = ["emptied", "cut to its header", "random bytes throughout", "a middle page zeroed"]


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 1_000)


def backed_up(path: Path, title: str) -> None:
    """An encrypted database holding ``title``, with one (encrypted) backup of it."""
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, title)
    for made in backups.list_backups(path):
        made.path.unlink()  # opening it may have made one: the test's own is the only one
    backups.make_backup(path, "daily", now=datetime(2017, 5, 10, 9, 5), key=database.key)
    database.close()
    encryption.remember(path, True)


@pytest.mark.parametrize("damage", TRIED)
def test_a_damaged_encrypted_file_offers_the_backup_its_passphrase_opens(
    tmp_path: Path, damage: str
) -> None:
    path = tmp_path / "panel.db"
    secret = marker()
    backed_up(path, secret)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    damaged = path.read_bytes()
    with pytest.raises(WrongPassphraseError):  # a wrong passphrase is still just that
        open_database(f"sqlite:///{path}", "not the passphrase")
    with pytest.raises(DatabaseError) as refused:
        open_database(f"sqlite:///{path}", PASSPHRASE)
    assert not isinstance(refused.value, WrongPassphraseError)
    assert "cannot be opened. The newest good backup is from 10/05/2017 at 09:05" in (
        refused.value.message
    )
    assert path.read_bytes() == damaged  # nothing written, not even a new database
    backup = refused.value.backup
    assert backup is not None and encryption.is_encrypted(backup)
    kept = backups.restore(backup, path, encryption.key_for(backup, PASSPHRASE))
    assert damage == "emptied" or (kept is not None and kept.read_bytes() == damaged)
    restored = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert restored.encrypted and titles(restored) == [secret]
    restored.close()
    assert files_holding(tmp_path, secret) == []  # the restore wrote nothing in plain


@pytest.mark.gui
@pytest.mark.parametrize("damage", ["emptied", "random bytes throughout"])
def test_at_start_the_passphrase_is_asked_then_the_backup_offered_and_restored(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = tmp_path / "panel.db"
    backed_up(path, "In the backup")
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    typed = type_passphrases(monkeypatch, PASSPHRASE)
    questions = answer(monkeypatch, yes=True)
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(make_application(), window, f"sqlite:///{path}")
    starter.start()
    assert typed == [None]  # asked once: the start after the restore reuses it
    assert "Restore the backup now?" in questions[0]
    assert starter.database is not None and starter.database.encrypted
    assert titles(starter.database) == ["In the backup"]
    assert starter.opener is not None and starter.opener.passphrase is None  # forgotten
    starter.database.close()
    again = open_database(f"sqlite:///{path}", PASSPHRASE)  # the same passphrase as before
    assert titles(again) == ["In the backup"]
    again.close()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    path = tmp_path / "panel.db"
    backed_up(path, "In the backup")
    database = open_database(f"sqlite:///{path}", PASSPHRASE)
    add_audit(database, "Added since")
    make_application()
    shown = MainWindow(database)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.database is not None:
        shown.database.close()
    database.close()


def opened(window: MainWindow) -> Database:
    assert window.database is not None
    return window.database


@pytest.mark.gui
def test_the_restore_screen_restores_an_encrypted_backup_and_reopens_with_its_key(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = opened(window)
    path, key = before.path, before.key
    assert path is not None and key is not None
    plain = backups.backup_dir(path) / "audit-panel-20170509-080000-daily.db"
    plain.write_bytes(Path(__file__).read_bytes())  # not a database, and not encrypted
    dialog = dialog_of(qtbot, window)
    listed = rows(dialog)
    assert [r[:3] for r in listed[-2:]] == [
        ["10/05/2017", "09:05", "Daily, on opening"],
        ["09/05/2017", "08:00", "Daily, on opening: damaged or another passphrase"],
    ]
    tip = dialog.list.item(len(listed) - 1, 2)
    assert tip is not None and "made under another passphrase" in tip.toolTip()
    dialog.list.selectRow(len(listed) - 2)
    asked = answer(monkeypatch, yes=True)
    dialog.restore_button.click()
    assert "backup from 10/05/2017 at 09:05" in asked[0]
    now = opened(window)
    assert now is not before and now.encrypted and now.key == key  # no passphrase asked
    assert titles(now) == ["In the backup"]
    add_audit(now, "Typed after the restore")
    kept = next(b for b in backups.list_backups(path) if b.reason == "before restore")
    assert encryption.is_encrypted(kept.path) and backups.is_healthy(kept.path, key)
    dialog.backup_button.click()  # and by hand: encrypted like the rest
    manual = next(b for b in backups.list_backups(path) if b.reason == "manual")
    assert encryption.is_encrypted(manual.path) and backups.is_healthy(manual.path, key)
    now.close()
    window.database = None
    reopened = open_database(f"sqlite:///{path}", PASSPHRASE)
    assert titles(reopened) == ["In the backup", "Typed after the restore"]
    reopened.close()
