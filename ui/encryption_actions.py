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
from ui.secret_dialog import SecretDialog, SecretForm, Values

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


def _convert(
    parent: QWidget,
    window: MainWindow,
    form: SecretForm,
    title: str,
    work: Callable[[Values], encryption_switch.Outcome],
) -> encryption_switch.Outcome | None:
    """Ask with ``form``, save what is being typed, then ``work(answers)``; None when the
    user declines, or after showing the refusal (nothing changes)."""
    values = SecretDialog.ask(parent, form)
    if values is None:
        return None
    window.flush()
    try:
        with busy():
            return work(values)
    except (DomainError, DatabaseError) as refused:
        msgbox.error(parent, title, refused.message)
        return None


def turn_on(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    plain = encryption_switch.plain_backups(database.path) if database.path else []
    done = _convert(
        parent,
        window,
        encryption_forms.turn_on(len(plain)),
        "The database was not encrypted",
        lambda values: encryption_switch.turn_on(database, values["new"]),
    )
    if done is None:
        return False
    text = AFTER_ON.format(backups=done.describe("encrypted"))
    msgbox.information(parent, "Database encrypted", " ".join(text.split()))
    return True


def turn_off(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    assert database.key is not None
    done = _convert(
        parent,
        window,
        encryption_forms.turn_off(database.key),
        "Encryption was not turned off",
        lambda values: encryption_switch.turn_off(database, values["current"]),
    )
    if done is None:
        return False
    text = f"The database is no longer encrypted. {done.describe('decrypted')}"
    msgbox.information(parent, "Encryption turned off", text.strip())
    return True


def change_passphrase(parent: QWidget, window: MainWindow) -> bool:
    database = _database(window)
    assert database.key is not None
    outcome = _convert(
        parent,
        window,
        encryption_forms.change(database.key),
        "The passphrase was not changed",
        lambda values: encryption_switch.change_passphrase(
            database, values["current"], values["new"]
        ),
    )
    if outcome is None:
        return False
    done = outcome.describe("re-encrypted under the new passphrase")
    msgbox.information(parent, "Passphrase changed", f"The passphrase has been changed. {done}")
    return True
