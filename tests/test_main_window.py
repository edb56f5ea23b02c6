"""The first window, driven as a user would: real widgets on a real database file."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from panel_app import __version__
from panel_app.database import Database, open_database
from panel_app.services import audits
from tests.builders import build_audit
from ui.app import make_application, open_main_window, run_app
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database) -> MainWindow:
    make_application()
    with sqlite_database.transaction() as session:
        build_audit(session)
    shown = MainWindow(sqlite_database)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def cell(window: MainWindow, row: int, column: int) -> str:
    return str(window.list_page.model.index(row, column).data())


def test_the_list_shows_each_audit_with_its_open_actions(window: MainWindow) -> None:
    assert window.list_page.model.rowCount() == 1
    assert [cell(window, 0, c) for c in range(5)] == [
        "10/05/2017",
        "Neglect",
        "Neglect panel",
        "Planning",
        "1 (1 overdue)",
    ]
    assert window.list_page.heading.text() == "Audits (1)"


def test_the_status_bar_says_which_database_is_in_use(window: MainWindow) -> None:
    assert window.database.path is not None
    assert str(window.database.path) in window.location.text()


def test_help_about_gives_the_version(window: MainWindow) -> None:
    assert f"Audit Panel {__version__}" in window.about_text()
    assert window.about_action.text() == "&About Audit Panel"


def test_refresh_shows_an_audit_added_elsewhere(window: MainWindow, qtbot: QtBot) -> None:
    with window.database.transaction() as session:
        audits.create_audit(session, theme="Domestic abuse", title="DA panel")
    window.refresh()
    assert window.list_page.model.rowCount() == 2
    assert cell(window, 0, 2) == "DA panel"  # no panel date yet: listed first
    assert cell(window, 0, 0) == "Not set"


def test_the_model_is_a_well_behaved_qt_model(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.list_page.model)


def test_a_first_start_loads_the_demo_audits(qtbot: QtBot, tmp_path: Path) -> None:
    make_application()
    database = open_database(f"sqlite:///{tmp_path / 'first.db'}")
    assert database.created
    shown = open_main_window(database)
    qtbot.addWidget(shown)
    assert shown.list_page.model.rowCount() == 3
    themes = {cell(shown, row, 1) for row in range(3)}
    assert len(themes) == 3
    database.close()


def test_a_damaged_database_is_reported_and_untouched(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"\x00not sqlite" * 512)
    before = damaged.read_bytes()
    with caplog.at_level(logging.WARNING):
        assert run_app(f"sqlite:///{damaged}") == 1
    assert "Audit Panel cannot open its database" in caplog.text
    assert damaged.read_bytes() == before


def test_a_damaged_database_can_be_replaced_by_its_backup(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from panel_app import backups
    from ui import msgbox

    path = tmp_path / "panel.db"
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        build_audit(session)
    database.close()
    backups.make_backup(path, "daily")
    path.write_bytes(path.read_bytes()[:4096])
    monkeypatch.setattr(msgbox.Question, "ask", classmethod(lambda *args, **kw: True))
    make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    from ui.app import Starter

    starter = Starter(make_application(), window, f"sqlite:///{path}")
    starter.start()
    assert starter.database is not None
    assert window.list_page.model.rowCount() == 1
    starter.database.close()


def test_after_an_unclean_exit_the_user_is_back_where_they_were(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from panel_app import running
    from ui.app import Starter

    url = f"sqlite:///{tmp_path / 'panel.db'}"
    database = open_database(url)
    with database.transaction() as session:
        built = build_audit(session)
    database.close()
    make_application()
    held = open_database(url)
    first = MainWindow(held)
    qtbot.addWidget(first)
    workspace = first.open_audit(built.audit_id)
    assert workspace is not None
    held.close()  # as the killed process's lock went with it
    running.mark_running(url)
    running._marker().write_text(  # as if that process had been killed
        running._marker().read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999')
    )
    again = MainWindow()
    qtbot.addWidget(again)
    with caplog.at_level(logging.INFO):
        starter = Starter(make_application(), again, url)
        starter.start()
    assert "did not close properly" in caplog.text
    assert again.workspace is not None
    assert again.workspace.context.audit_id == built.audit_id
    assert running.unclean_last_run() is None  # this run's marker is its own
    assert starter.database is not None
    starter.database.close()


def test_a_second_copy_opens_read_only_when_asked(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import msgbox
    from ui.app import Starter

    url = f"sqlite:///{tmp_path / 'panel.db'}"
    held = open_database(url)
    with held.transaction() as session:
        build_audit(session)
    monkeypatch.setattr(msgbox.Question, "ask", classmethod(lambda *args, **kw: True))
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(make_application(), window, url)
    starter.start()
    assert starter.database is not None and starter.database.read_only
    assert window.windowTitle() == "Audit Panel (read-only)"
    assert window.list_page.model.rowCount() == 1
    starter.database.close()
    held.close()
