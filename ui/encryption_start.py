"""Opening the database at start-up when encryption is involved: the passphrase of an encrypted
file is asked for (stage 3 of ``ui.app``: the window is already painted), and the very first
start offers to protect the database with one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from panel_app import encryption, settings
from panel_app.database import choose_url, open_database, sqlite_path
from panel_app.encryption import Key, WrongPassphraseError
from panel_app.errors import DatabaseError, DomainError
from ui import encryption_forms, msgbox
from ui.passphrase_dialog import PassphraseDialog
from ui.secret_dialog import SecretDialog

if TYPE_CHECKING:
    from panel_app.database import Database

log = logging.getLogger(__name__)


class DatabaseOpener:
    """Opens the database for ``ui.app.Starter``; keeps the passphrase only until the start is
    over (a read-only open or a restore after it needs it too)."""

    def __init__(self, window: QWidget, url: str | None) -> None:
        self.window, self.url = window, url
        self.passphrase: str | None = None
        self._opened: Database | None = None
        self._failed: DatabaseError | None = None

    @property
    def path(self) -> Path | None:
        path = sqlite_path(choose_url(self.url))
        return path.expanduser() if path is not None else None

    def key_for(self, backup: Path) -> Key | None:
        """The key the passphrase given gives for ``backup`` (its own salt, not the damaged
        database's), to restore it; None for a plain backup."""
        if self.passphrase is None or not encryption.is_encrypted(backup):
            return None
        return encryption.key_for(backup, self.passphrase)

    def open(self) -> Database | None:
        """The open database; None when the user would not give the passphrase. Raises what
        ``open_database`` raises, other than for a wrong passphrase."""
        path = self.path
        if path is not None:
            from panel_app.encryption_files import tidy

            tidy(path)  # a plain copy left by a conversion that a power cut stopped
        if path is not None and _locked(path):
            known = encryption.remembered(path)
            opened = self._open_encrypted(path, known)
            if opened is not None or known:
                return opened
            # Not known here and no passphrase given: open it as it is, which says what is wrong.
        elif path is not None and not settings.load().encryption_offered:
            return self._offer(path)
        return open_database(self.url)

    def forget(self) -> None:
        self.passphrase = None

    def _open_encrypted(self, path: Path, known: bool) -> Database | None:
        self._opened, self._failed = None, None
        # After a restore the start runs again: the passphrase that worked is tried first.
        tried = self.passphrase is not None and self._attempt(self.passphrase) is None
        if not tried and not PassphraseDialog.ask(self.window, path, self._attempt, known):
            return None
        _repaint()
        if self._failed is not None:
            raise self._failed
        encryption.remember(path, True)
        return self._opened

    def _attempt(self, passphrase: str) -> str | None:
        try:
            self._opened = open_database(self.url, passphrase)
        except WrongPassphraseError as wrong:
            return wrong.message
        except DatabaseError as other:  # in use, damaged…: the start deals with it as usual
            self._failed = other
        self.passphrase = passphrase
        return None

    def _offer(self, path: Path) -> Database:
        """Once, at the first start: protect the database with a passphrase?"""
        settings.update(encryption_offered=True)
        values = SecretDialog.ask(self.window, encryption_forms.offer())
        _repaint()
        if values is None:
            return open_database(self.url)
        self.passphrase = values["new"]
        if not path.exists() or path.stat().st_size == 0:
            database = open_database(self.url, self.passphrase)
            encryption.remember(path, True)
            return database
        # An existing plain database (from before this version): converted in place.
        database = open_database(self.url)
        from panel_app import encryption_switch

        try:
            encryption_switch.turn_on(database, self.passphrase)
        except (DomainError, DatabaseError) as refused:
            self.passphrase = None
            msgbox.error(self.window, "The database was not encrypted", refused.message)
        return database


def _locked(path: Path) -> bool:
    """Whether ``path`` needs a passphrase: it is encrypted, or it was and is now too short to
    tell (damaged, or emptied), when its backups are checked with the passphrase instead."""
    if encryption.is_encrypted(path):
        return True
    from panel_app.encryption_files import is_plain

    return path.exists() and not is_plain(path) and encryption.remembered(path)


def _repaint() -> None:
    """The window is repainted without the dialog before the database work holds it up."""
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
