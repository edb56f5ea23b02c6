"""Turning encryption on or off and changing the passphrase, from the Settings dialog: ask,
save what is being typed, convert (the screens stay open), and say what happened."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from panel_app import encryption_switch
from panel_app.errors import DatabaseError, DomainError
from ui import encryption_forms, msgbox
from ui.busy import busy
from ui.secret_dialog import SecretDialog

if TYPE_CHECKING:
    from panel_app.database import Database
    from ui.main_window import MainWindow

AFTER_ON = (
    "The database is now encrypted. {backups} From now on Audit Panel asks for the passphrase "
    "each time it starts."
)


def _database(window: MainWindow) -> Database:
    database = window.database
    assert database is not None, "Settings is offered once the database is open"
    return database


def _run(parent: QWidget, window: MainWindow, title: str, work: Callable[[], object]) -> bool:
    """Save what is being typed, then ``work()``; a refusal is shown and nothing changes."""
    window.flush()
    try:
        with busy():
            work()
    except (DomainError, DatabaseError) as refused:
        msgbox.error(parent, title, refused.message)
        return False
    return True


def turn_on(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    plain = encryption_switch.plain_backups(database.path) if database.path else []
    form = encryption_forms.turn_on(len(plain))
    values = SecretDialog.ask(parent, form)
    if values is None:
        return False
    outcomes: list[encryption_switch.Outcome] = []
    if not _run(
        parent,
        window,
        "The database was not encrypted",
        lambda: outcomes.append(encryption_switch.turn_on(database, values["new"])),
    ):
        return False
    text = AFTER_ON.format(backups=outcomes[0].describe("encrypted"))
    msgbox.information(parent, "Database encrypted", " ".join(text.split()))
    return True


def turn_off(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    assert database.key is not None
    values = SecretDialog.ask(parent, encryption_forms.turn_off(database.key))
    if values is None:
        return False
    outcomes: list[encryption_switch.Outcome] = []
    if not _run(
        parent,
        window,
        "Encryption was not turned off",
        lambda: outcomes.append(encryption_switch.turn_off(database, values["current"])),
    ):
        return False
    text = f"The database is no longer encrypted. {outcomes[0].describe('decrypted')}"
    msgbox.information(parent, "Encryption turned off", text.strip())
    return True


def change_passphrase(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    assert database.key is not None
    values = SecretDialog.ask(parent, encryption_forms.change(database.key))
    if values is None:
        return False
    outcomes: list[encryption_switch.Outcome] = []
    if not _run(
        parent,
        window,
        "The passphrase was not changed",
        lambda: outcomes.append(
            encryption_switch.change_passphrase(database, values["current"], values["new"])
        ),
    ):
        return False
    done = outcomes[0].describe("re-encrypted under the new passphrase")
    msgbox.information(parent, "Passphrase changed", f"The passphrase has been changed. {done}")
    return True
