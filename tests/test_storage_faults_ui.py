"""Faults while the app runs, as the user meets them: a plain message within two seconds, what
was being typed still on screen, saved once the fault clears; nothing already saved lost."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from db.models import Audit, DiscussionPoint
from panel_app.database import Database, open_database
from panel_app.panel import progress
from panel_app.services import audits
from tests.builders import build_audit
from tests.faults import SQLITE_FAULTS, Fault
from tests.test_panel_page import count, make_window, read, start
from ui import binding, faults
from ui.main_window import MainWindow
from ui.pages.details import DetailsPage

pytestmark = pytest.mark.gui
#: The issue's promise: the user is told within two seconds.
TOLD_WITHIN_MS = 2000


def told(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The messages boxes shown (logged, offscreen) about storage faults."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "ui.msgbox" and ("Not saved:" in r.getMessage() or "deleted" in r.getMessage())
    ]


@pytest.fixture(autouse=True)
def fresh_faults() -> None:
    faults.saved()


def intact(database: Database) -> None:
    with database.transaction() as session:
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"


@pytest.mark.parametrize("fault", SQLITE_FAULTS)
def test_a_field_keeps_its_text_says_why_and_saves_when_the_fault_clears(
    qtbot: QtBot,
    sqlite_database: Database,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
) -> None:
    monkeypatch.setattr(binding, "RETRY_MS", 200)  # the pause before saving stays as it is
    with sqlite_database.transaction() as session:
        audit_id = build_audit(session).audit_id
    window = make_window(qtbot, sqlite_database)
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    page = workspace.pages[0]
    assert isinstance(page, DetailsPage)
    binder = page.right.binders["rationale"]
    box = binder.widget
    assert isinstance(box, QPlainTextEdit) and binder.error is not None
    before = read(sqlite_database, lambda s: audits.get_audit(s, audit_id).rationale)
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    with Fault(sqlite_database, fault) as failing, caplog.at_level(logging.WARNING):
        started = time.monotonic()
        qtbot.keyClicks(box, " Chosen after two serious case reviews.")
        qtbot.waitUntil(binder.has_error, timeout=TOLD_WITHIN_MS)
        assert (time.monotonic() - started) * 1000 < TOLD_WITHIN_MS
        assert binder.error.text().startswith("Not saved:")
        assert box.toPlainText() == before + " Chosen after two serious case reviews."
        assert len(told(caplog)) == 1  # the message box, once
        qtbot.keyClicks(box, " Both")  # still failing: the box is not shown again
        qtbot.waitUntil(lambda: failing.failures >= 2, timeout=TOLD_WITHIN_MS)
        assert len(told(caplog)) == 1
    # Space freed: the retry saves it without the user doing anything.
    wanted = before + " Chosen after two serious case reviews. Both"
    qtbot.waitUntil(
        lambda: read(sqlite_database, lambda s: audits.get_audit(s, audit_id).rationale) == wanted,
        timeout=5000,  # a retry every RETRY_MS; generous for a busy CI machine
    )
    assert not binder.has_error()
    assert read(sqlite_database, lambda s: audits.get_audit(s, audit_id).title) != ""
    intact(sqlite_database)


@pytest.mark.parametrize("fault", SQLITE_FAULTS)
def test_the_capture_line_keeps_the_entry_until_it_can_be_recorded(
    qtbot: QtBot,
    sqlite_database: Database,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    with sqlite_database.transaction() as session:
        audit_id = build_audit(session).audit_id
    window = make_window(qtbot, sqlite_database)
    panel = start(qtbot, window, audit_id)
    panel.start_walkthrough()
    capture = panel.walk.capture
    line = capture.line
    line.setFocus()
    qtbot.keyClicks(line, "Recorded before the fault")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    points = count(sqlite_database, DiscussionPoint)
    with Fault(sqlite_database, fault, at="commit"), caplog.at_level(logging.WARNING):
        started = time.monotonic()
        qtbot.keyClicks(line, "Health visitor saw the baby twice")
        qtbot.keyClick(line, Qt.Key.Key_Return)
        assert capture.error.isVisible() and capture.error.text().startswith("Not saved:")
        assert line.text() == "Health visitor saw the baby twice"
        assert len(told(caplog)) == 1
        # Typing on: the draft cannot be kept either; it is said, and nothing escapes.
        qtbot.keyClicks(line, " in May")
        qtbot.waitUntil(capture.error.isVisible, timeout=TOLD_WITHIN_MS)
        assert (time.monotonic() - started) * 1000 < 2 * TOLD_WITHIN_MS
    assert count(sqlite_database, DiscussionPoint) == points
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the user tries again once the fault clears
    assert line.text() == "" and not capture.error.isVisible()
    assert count(sqlite_database, DiscussionPoint) == points + 1
    meeting_id = panel.controller.meeting_id
    assert read(sqlite_database, lambda s: progress.load(s, meeting_id).draft) == ""
    stored = read(sqlite_database, lambda s: [p.text for p in s.query(DiscussionPoint)])
    assert "Recorded before the fault" in stored
    assert "Health visitor saw the baby twice in May" in stored
    intact(sqlite_database)


def test_a_deleted_folder_is_put_back_while_the_app_is_idle(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture, sqlite_template: Path
) -> None:
    folder = tmp_path / "panel"
    folder.mkdir()
    path = folder / "panel.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        built = build_audit(session, title="Saved before")
    window: MainWindow = make_window(qtbot, database)
    workspace = window.open_audit(built.audit_id)
    assert workspace is not None
    with caplog.at_level(logging.WARNING):
        shutil.rmtree(folder)
        qtbot.waitUntil(path.exists, timeout=TOLD_WITHIN_MS)
        qtbot.waitUntil(lambda: bool(told(caplog)), timeout=500)
    assert "has put it back" in told(caplog)[0]
    page = workspace.pages[0]
    assert isinstance(page, DetailsPage)
    title = page.left.binders["title"]
    assert isinstance(title.widget, QLineEdit)
    title.widget.setFocus()
    title.widget.end(False)
    qtbot.keyClicks(title.widget, ", typed after")
    assert title.commit() == ""
    window.close()
    database.close()
    again = open_database(f"sqlite:///{path}")
    with again.transaction() as session:
        assert [a.title for a in session.query(Audit)] == ["Saved before, typed after"]
    again.close()
