"""Telling the user, once, that the database has stopped taking changes, and noticing when its
file is deleted while nothing is being saved.

Each screen keeps what was typed and says beside it that it is not saved (``StorageError`` is a
``DomainError``); this module adds the one message box, shown without waiting, once for each
fault until something is saved again, so a minute-taker is not interrupted at every keystroke.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from panel_app.errors import StorageError
from ui import msgbox

if TYPE_CHECKING:
    from ui.main_window import MainWindow

TITLE = "Audit Panel"
#: How often the database file is checked for while the app is idle.
WATCH_MS = 1000

_told: set[str] = set()


def tell(error: StorageError, parent: QWidget | None = None) -> None:
    """Show ``error`` unless it has been shown since the last successful save."""
    if error.message in _told:
        return
    _told.add(error.message)
    msgbox.warning_later(parent or _main_window(), TITLE, error.message)


def _main_window() -> QWidget | None:
    active = QApplication.activeWindow()
    if active is not None:
        return active
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    return next((w for w in shown if w.isVisible()), None)


def told(message: str) -> bool:
    return message in _told


def saved() -> None:
    """Something was saved: the next fault is news again."""
    _told.clear()


class FileWatch(QObject):
    """Checks that the window's database file is still where it was, every second: a folder
    deleted while nobody is typing is noticed (and its database put back) straight away."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        database = self.window.database
        if database is None or database.read_only:
            return
        try:
            database.check_file()
        except StorageError as fault:
            tell(fault, self.window)
