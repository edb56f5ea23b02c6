"""The lock, driven through real widgets: Ctrl+L and the idle timer cover the main window, the
presentation view and any dialog; nothing being typed is lost; and unlocking takes the right
secret for the setup (passphrase, unlock password, or none)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from panel_app import encryption, unlock
from panel_app.database import Database, open_database
from panel_app.panel import progress
from tests.builders import build_audit
from ui.app import make_application
from ui.lock_screen import Curtain, UnlockWindow
from ui.main_window import MainWindow
from ui.panel.mode import PanelMode

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
CASE = "Child A"
DRAFT = "The school had not been told about the"


def make_window(qtbot: QtBot, database: Database) -> tuple[MainWindow, int]:
    make_application()
    with database.transaction() as session:
        audit_id = build_audit(session).audit_id
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window, audit_id


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database) -> Iterator[MainWindow]:
    shown, _audit = make_window(qtbot, sqlite_database)
    yield shown
    if shown.lock.is_locked:
        shown.lock.unlock_window.deleteLater()  # type: ignore[union-attr]


def start_panel(qtbot: QtBot, window: MainWindow) -> PanelMode:
    audit_id = window.list_page.model.rows()[0].id
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    panel = workspace.start_panel()
    assert panel is not None
    panel.start_walkthrough()
    return panel


def shown_text(window: QWidget) -> list[str]:
    """The text of every widget a person could see in ``window`` (the curtain aside)."""
    found = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if widget.window() is not window:
            continue  # a dialog of its own (the unlock window is a child of the main one)
        if not widget.isVisible() or isinstance(widget, Curtain) or _in_curtain(widget):
            continue
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            found.append(widget.text())
        else:
            found.append(type(widget).__name__)  # anything else visible is a leak too
    return found


def _in_curtain(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, Curtain):
            return True
        parent = parent.parentWidget()
    return False


def unlock_window(window: MainWindow) -> UnlockWindow:
    shown = window.lock.unlock_window
    assert shown is not None and shown.isVisible()
    return shown


def test_ctrl_l_covers_every_window_keeps_the_draft_and_unlocks(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database
) -> None:
    panel = start_panel(qtbot, window)
    projector = panel.toggle_presentation()
    qtbot.addWidget(projector)
    assert CASE in projector.texts()
    line = panel.walk.capture.line
    line.setFocus()
    qtbot.keyClicks(line, DRAFT)
    qtbot.keyClick(line, Qt.Key.Key_L, CTRL)

    assert window.lock.is_locked
    for covered in (window, projector):
        assert shown_text(covered) == ["Audit Panel — locked"]
        curtain = covered.findChild(Curtain)
        assert curtain is not None and curtain.isVisible()
        assert curtain.geometry() == covered.rect()
        assert curtain.title.text() == "Audit Panel is locked"
    assert not line.isVisible() and not projector.case.isVisible()
    # What was being typed was saved before the curtain came down.
    meeting = panel.controller.meeting_id
    with sqlite_database.transaction() as session:
        assert progress.load(session, meeting).draft == DRAFT
    # No secret is set up here: a plain Unlock button, and a note suggesting one.
    shown = unlock_window(window)
    assert shown.mode == "none" and not shown.secret.isVisible()
    assert any("unlock password in Settings" in t for t in shown_text(shown))
    assert QApplication.activeModalWidget() is shown
    shown.button.click()

    assert not window.lock.is_locked and window.lock.unlock_window is None
    assert line.isVisible() and line.text() == DRAFT
    assert projector.case.isVisible() and CASE in projector.texts()
    assert window.findChild(Curtain) is None or not window.findChild(Curtain).isVisible()
    assert window.windowTitle() == "Audit Panel"
    assert projector.windowTitle() == "Audit Panel — presentation view"


def test_the_unlock_password_is_asked_for_when_one_is_set(qtbot: QtBot, window: MainWindow) -> None:
    unlock.set_password("2468")
    window.lock_action.trigger()
    shown = unlock_window(window)
    assert shown.mode == "password" and shown.secret.isVisible()
    qtbot.keyClicks(shown.secret, "1357")
    qtbot.keyClick(shown.secret, Qt.Key.Key_Return)
    assert window.lock.is_locked
    assert shown.error.isVisible() and shown.error.text() == "That is not the unlock password."
    assert shown.secret.text() == ""
    qtbot.keyClicks(shown.secret, "2468")
    qtbot.keyClick(shown.secret, Qt.Key.Key_Return)
    assert not window.lock.is_locked


def test_an_encrypted_database_unlocks_with_its_passphrase_only(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 1_000)
    unlock.set_password("2468")  # the passphrase wins over the app's own password
    database = open_database(f"sqlite:///{tmp_path / 'secret.db'}", "correct horse battery")
    window, _audit = make_window(qtbot, database)
    window.lock.lock()
    shown = unlock_window(window)
    assert shown.mode == "passphrase"
    for wrong in ("2468", "Correct horse battery"):
        shown.secret.setText(wrong)
        shown.button.click()
        assert window.lock.is_locked and shown.error.text() == "That is not the passphrase."
    shown.secret.setText("correct horse battery")
    shown.button.click()
    assert not window.lock.is_locked
    database.close()


def test_the_app_locks_itself_when_left_idle(qtbot: QtBot, window: MainWindow) -> None:
    window.lock.set_idle_interval(30)
    qtbot.waitUntil(lambda: window.lock.is_locked, timeout=3000)
    assert shown_text(window) == ["Audit Panel — locked"]
    window.lock.unlock()
    # A key press or a click starts the wait again; 0 minutes never locks.
    window.lock.set_idle_minutes(15)
    window.lock._last_activity -= 600  # ten minutes ago
    assert window.lock.idle_for() >= 600
    qtbot.keyClick(window.list_page, Qt.Key.Key_Down)
    assert window.lock.idle_for() < 60 and window.lock.timer.isActive()
    window.lock.set_idle_minutes(0)
    assert not window.lock.timer.isActive()


def test_the_idle_lock_waits_while_the_projector_shows_the_panel(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel = start_panel(qtbot, window)
    projector = panel.toggle_presentation()
    qtbot.addWidget(projector)
    window.lock.set_idle_interval(30)
    window.lock._last_activity -= 600  # the chair has been talking for ten minutes
    with qtbot.waitSignal(window.lock.timer.timeout, timeout=3000):
        pass
    assert not window.lock.is_locked and window.lock.idle_for() < 1
    assert CASE in projector.texts()
    panel.toggle_presentation()  # the view closed: the wait runs again, and locks
    assert not projector.isVisible()
    qtbot.waitUntil(lambda: window.lock.is_locked, timeout=3000)


def test_a_dialog_open_when_locking_is_covered_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.new_audit()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    dialog.title.setFocus()
    qtbot.keyClicks(dialog.title, "Exploitation panel")
    # The dialog is modal: Ctrl+L still locks (application shortcuts do not reach past it).
    qtbot.keyClick(dialog.title, Qt.Key.Key_L, CTRL)
    assert window.lock.is_locked
    assert shown_text(dialog) == ["Audit Panel — locked"]
    assert QApplication.activeModalWidget() is window.lock.unlock_window
    window.lock.unlock()
    assert dialog.isVisible() and dialog.title.isVisible()
    assert dialog.title.text() == "Exploitation panel"
    assert dialog.windowTitle() == "New audit"
    dialog.reject()


def test_a_message_that_opens_while_locked_is_covered_too(qtbot: QtBot, window: MainWindow) -> None:
    window.lock.lock()
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Audit Panel", f"{CASE}: the disk is full", parent=window
    )
    qtbot.addWidget(box)
    box.open()
    qtbot.waitUntil(lambda: box.findChild(Curtain) is not None)
    assert shown_text(box) == ["Audit Panel — locked"]
    # The unlock window is put back in front, so the keyboard still reaches it.
    assert QApplication.activeModalWidget() is window.lock.unlock_window
    window.lock.unlock()
    assert f"{CASE}: the disk is full" in shown_text(box)
    box.close()


def test_nothing_can_be_done_behind_the_lock(qtbot: QtBot, window: MainWindow) -> None:
    window.lock.lock()
    before = set(QApplication.topLevelWidgets())
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # New audit…
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)  # Settings…
    opened = [w for w in set(QApplication.topLevelWidgets()) - before if w.isVisible()]
    assert opened == []
    # Esc or closing does not dismiss the unlock window.
    shown = unlock_window(window)
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    shown.close()
    assert shown.isVisible() and window.lock.is_locked
    window.lock.unlock()
