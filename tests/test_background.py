"""Work off the GUI thread: progress after half a second, results and refusals back on the GUI
thread, nothing called on a screen that has gone."""

from __future__ import annotations

import logging
import threading
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import audits
from ui.background import SHOW_PROGRESS_AFTER_MS, run_in_background

pytestmark = pytest.mark.gui


class Outcome:
    def __init__(self) -> None:
        self.results: list[Any] = []
        self.errors: list[str] = []
        self.threads: list[bool] = []  # was each callback on the GUI thread?

    def done(self, result: Any) -> None:
        self.threads.append(QThread.currentThread() is QCoreApplication.instance().thread())
        self.results.append(result)

    def failed(self, error: DomainError) -> None:
        self.errors.append(error.message)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_slow_work_shows_progress_and_the_result_arrives_on_the_gui_thread(
    qtbot: QtBot, parent: QWidget, sqlite_database: Database
) -> None:
    release = threading.Event()
    worker_threads: list[bool] = []

    def work(session: Session) -> str:
        worker_threads.append(threading.current_thread() is threading.main_thread())
        audits.create_audit(session, theme="Neglect", title="Made in the background")
        release.wait(10)
        return "made"

    outcome = Outcome()
    job = run_in_background(parent, "Working…", sqlite_database, work, outcome.done, outcome.failed)
    progress = job.progress
    assert progress is not None and progress.minimumDuration() == SHOW_PROGRESS_AFTER_MS
    assert progress.labelText() == "Working…"
    qtbot.waitUntil(progress.isVisible, timeout=5000)  # the GUI thread is free meanwhile
    release.set()
    qtbot.waitUntil(lambda: outcome.results == ["made"], timeout=5000)
    assert worker_threads == [False] and outcome.threads == [True] and outcome.errors == []
    assert not _alive(progress) or not progress.isVisible()  # gone with the work
    with sqlite_database.transaction() as session:  # its transaction was committed
        assert [row.title for row in audits.list_audits(session)] == ["Made in the background"]


def test_a_refusal_is_passed_on_and_its_transaction_rolled_back(
    qtbot: QtBot, parent: QWidget, sqlite_database: Database
) -> None:
    def work(session: Session) -> None:
        audits.create_audit(session, theme="Neglect", title="Never kept")
        raise DomainError("The folder cannot be written to.")

    outcome = Outcome()
    run_in_background(parent, "Working…", sqlite_database, work, outcome.done, outcome.failed)
    qtbot.waitUntil(lambda: bool(outcome.errors), timeout=5000)
    assert outcome.errors == ["The folder cannot be written to."] and outcome.results == []
    with sqlite_database.transaction() as session:
        assert audits.list_audits(session) == []


def test_an_unexpected_error_is_logged_and_told_plainly(
    qtbot: QtBot, parent: QWidget, sqlite_database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    def work(session: Session) -> None:
        raise ZeroDivisionError("a bug")

    outcome = Outcome()
    with caplog.at_level(logging.ERROR, logger="ui.background"):
        run_in_background(parent, "Working…", sqlite_database, work, outcome.done, outcome.failed)
        qtbot.waitUntil(lambda: bool(outcome.errors), timeout=5000)
    assert outcome.errors[0].startswith("Something went wrong and the work was not finished.")
    assert "Traceback" not in outcome.errors[0]
    assert "ZeroDivisionError: a bug" in caplog.text


def test_nothing_is_called_back_on_a_screen_closed_meanwhile(
    qtbot: QtBot, sqlite_database: Database
) -> None:
    screen = QWidget()
    release = threading.Event()
    outcome = Outcome()
    job = run_in_background(
        screen, "Working…", sqlite_database, lambda _s: release.wait(10), outcome.done,
        outcome.failed,
    )  # fmt: skip
    screen.deleteLater()
    qtbot.waitUntil(lambda: not _alive(screen), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: not _alive(job), timeout=5000)  # its 'finished' was handled
    assert outcome.results == [] and outcome.errors == []


def _alive(widget: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
