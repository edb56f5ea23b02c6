"""Fixtures for the Export menu's tests: a built audit open in the main window."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from panel_app.database import Database
from tests.builders import Built, build_audit
from ui.app import make_application
from ui.export_menu import ExportMenu
from ui.main_window import MainWindow


@pytest.fixture(name="built")
def built_fixture(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        return build_audit(session)


@pytest.fixture(name="window")
def window_fixture(qtbot: QtBot, sqlite_database: Database, built: Built) -> MainWindow:
    make_application()
    shown = MainWindow(sqlite_database)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_audit(built.audit_id) is not None
    return shown


@pytest.fixture(name="menu")
def menu_fixture(window: MainWindow) -> ExportMenu:
    assert window.workspace is not None
    return window.workspace.export_menu
