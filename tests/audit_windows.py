"""What the screen tests share: the main window shown with one audit open, and a screen of it."""

from __future__ import annotations

from typing import TypeVar

from pytestqt.qtbot import QtBot

from panel_app.database import Database
from ui.app import make_application
from ui.main_window import MainWindow
from ui.pages.base import Page

P = TypeVar("P", bound=Page)


def audit_window(
    qtbot: QtBot, database: Database, audit_id: int, *, active: bool = False
) -> MainWindow:
    """The main window on screen with the audit open; ``active`` when keys are sent to it."""
    make_application()
    shown = MainWindow(database)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_audit(audit_id) is not None
    if active:
        shown.activateWindow()
        qtbot.waitActive(shown)
    return shown


def screen(window: MainWindow, page_class: type[P]) -> P:
    """The audit's screen of that class, shown."""
    assert window.workspace is not None
    found = window.workspace.go_to(page_class)
    assert isinstance(found, page_class)
    return found
