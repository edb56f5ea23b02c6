"""Starting after the app did not close properly, and starting while another copy has the
database: what the user is told and where they find themselves."""

from __future__ import annotations

import getpass
import logging
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from db.enums import Step
from panel_app import running
from panel_app.database import Database, open_database
from panel_app.panel.flow import Position, StepRef
from tests.builders import build_audit
from ui import msgbox
from ui.app import Starter, make_application
from ui.main_window import MainWindow
from ui.pages.cases import CasesPage

pytestmark = pytest.mark.gui


@pytest.fixture
def url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "panel.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


def first_run(qtbot: QtBot, url: str) -> tuple[MainWindow, Database, int]:
    """The run that will 'die': it opens an audit and marks itself running."""
    database = open_database(url)
    with database.transaction() as session:
        audit_id = build_audit(session).audit_id
    make_application()
    window = MainWindow(database)
    qtbot.addWidget(window)
    running.mark_running(url)
    return window, database, audit_id


def killed(database: Database) -> None:
    """As if that process had been killed: its lock went with it, its marker stayed."""
    database.close()
    marker = running._marker()
    marker.write_text(marker.read_text().replace(f'"pid": {os.getpid()}', '"pid": 999999999'))


def start_again(qtbot: QtBot, url: str) -> tuple[MainWindow, Starter]:
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(make_application(), window, url)
    starter.start()
    assert starter.database is not None
    return window, starter


def asked(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    questions: list[str] = []

    def ask(cls: type, parent: object, title: str, message: str, default: bool = False) -> bool:
        questions.append(message)
        return yes

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    return questions


def test_back_on_the_same_screen_of_the_same_audit_told_plainly(
    qtbot: QtBot, url: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database, audit_id = first_run(qtbot, url)
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    workspace.go_to(CasesPage)
    killed(database)
    questions = asked(monkeypatch, yes=False)
    with caplog.at_level(logging.INFO):
        again, starter = start_again(qtbot, url)
    assert "did not close properly last time" in caplog.text
    assert "you are back where you were" in caplog.text
    assert questions == []  # no crash log written: nothing to offer
    assert again.workspace is not None and again.workspace.context.audit_id == audit_id
    assert isinstance(again.workspace.pages[again.workspace.nav.currentRow()], CasesPage)
    assert starter.database is not None
    starter.database.close()


def test_back_in_panel_mode_at_the_same_case_and_step(
    qtbot: QtBot, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, database, audit_id = first_run(qtbot, url)
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    panel = workspace.start_panel()
    assert panel is not None
    panel.start_walkthrough()
    case_id = panel.controller.walk.cases[-1].case_id
    panel.controller.go(Position(case_id, StepRef(Step.LEARNING)))
    panel.controller.save_position()  # as it is straight after the repaint
    killed(database)
    asked(monkeypatch, yes=False)
    again, starter = start_again(qtbot, url)
    assert again.workspace is not None and again.workspace.panel is not None
    assert again.workspace.panel.controller.position == Position(case_id, StepRef(Step.LEARNING))
    assert starter.database is not None
    starter.database.close()


def test_the_crash_log_is_offered_when_that_run_wrote_one(
    qtbot: QtBot, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, database, _audit_id = first_run(qtbot, url)
    running.crash_log_path().write_text("Fatal Python error: Segmentation fault\n")
    killed(database)
    questions = asked(monkeypatch, yes=True)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda target: opened.append(target))
    _again, starter = start_again(qtbot, url)
    (question,) = questions
    assert "did not close properly" in question and "Open the crash log?" in question
    assert [u.toLocalFile() for u in opened] == [str(running.crash_log_path())]
    assert starter.database is not None
    starter.database.close()


def test_an_old_empty_crash_log_is_not_offered(
    qtbot: QtBot, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    running.crash_log_path().write_text("")  # every run keeps it open for faulthandler
    _window, database, _audit_id = first_run(qtbot, url)
    killed(database)
    last = running.unclean_last_run()
    assert last is not None and last.crash_log is None


def test_a_second_copy_is_told_who_has_it_and_may_say_no_to_read_only(
    qtbot: QtBot, url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    held = open_database(url)
    make_application()
    questions = asked(monkeypatch, yes=False)
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(make_application(), window, url)
    exits: list[int] = []
    monkeypatch.setattr(starter.app, "exit", exits.append)
    starter.start()
    (question,) = questions
    assert f"by {getpass.getuser()} (process {os.getpid()}, since " in question
    assert question.endswith("Open it read-only?")
    assert starter.database is None and window.database is None and exits == [1]
    held.close()


@pytest.mark.parametrize("damage", ["emptied", "random bytes throughout", "a PDF in its place"])
def test_a_damaged_database_at_start_is_explained_and_its_backup_offered(
    qtbot: QtBot,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    damage: str,
) -> None:
    from panel_app import backups
    from tests.test_integrity import DAMAGE

    path = Path(url.removeprefix("sqlite:///"))
    database = open_database(url)
    with database.transaction() as session:
        build_audit(session, title="In the backup")
    database.close()
    backups.make_backup(path, "daily")
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    damaged = path.read_bytes()
    make_application()
    questions = asked(monkeypatch, yes=False)  # first, the user says no
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(make_application(), window, url)
    exits: list[int] = []
    monkeypatch.setattr(starter.app, "exit", exits.append)
    with caplog.at_level(logging.WARNING):
        starter.start()
    (question,) = questions
    assert "cannot be opened. The newest good backup is from" in question
    assert question.endswith("Restore the backup now?")
    assert "Traceback" not in caplog.text and "cannot open its database" in caplog.text
    assert exits == [1] and path.read_bytes() == damaged  # left as it was
    asked(monkeypatch, yes=True)  # started again, and this time yes
    again, starter = start_again(qtbot, url)
    assert again.list_page.model.rowCount() == 1
    assert starter.database is not None
    starter.database.close()
