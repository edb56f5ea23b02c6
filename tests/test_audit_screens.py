"""The audit list and the audit details screen, driven through their widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from db.models import Audit
from panel_app.database import Database
from panel_app.services import audits
from tests.builders import build_audit
from ui import binding, msgbox
from ui.app import make_application
from ui.main_window import MainWindow
from ui.pages.details import DetailsPage

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database) -> Iterator[MainWindow]:
    make_application()
    with sqlite_database.transaction() as session:
        build_audit(session, title="Neglect panel")
        second = build_audit(session, title="HSB panel")
        audits.update_audit(session, second.audit_id, theme="Harmful sexual behaviour",
                            panel_date="12/10/2017")  # fmt: skip
    shown = MainWindow(sqlite_database)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown


def stored(window: MainWindow, audit_id: int) -> Audit:
    assert window.database is not None
    with window.database.transaction() as session:
        return audits.get_audit(session, audit_id)


def open_first(window: MainWindow, title: str) -> DetailsPage:
    window.list_page.search.setText(title)
    window.list_page.select(None)
    window.list_page.open_button.click()
    assert window.workspace is not None
    page = window.workspace.pages[0]
    assert isinstance(page, DetailsPage)
    return page


def audit_id(window: MainWindow) -> int:
    assert window.workspace is not None
    return window.workspace.context.audit_id


def field(page: DetailsPage, name: str) -> QLineEdit | QPlainTextEdit:
    binder = {**page.left.binders, **page.right.binders}[name]
    assert isinstance(binder.widget, QLineEdit | QPlainTextEdit)
    return binder.widget


def test_typing_saves_after_a_pause(window: MainWindow, qtbot: QtBot) -> None:
    page = open_first(window, "Neglect")
    title = field(page, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Neglect: older children")
    ident = audit_id(window)
    qtbot.waitUntil(
        lambda: stored(window, ident).title == "Neglect: older children", timeout=10_000
    )
    assert "Neglect: older children" in window.workspace.heading.text()  # type: ignore[union-attr]


def test_closing_the_window_saves_what_is_being_typed(window: MainWindow, qtbot: QtBot) -> None:
    page = open_first(window, "Neglect")
    rationale = field(page, "rationale")
    assert isinstance(rationale, QPlainTextEdit)
    rationale.setFocus()
    qtbot.keyClicks(rationale, "Chosen after two serious case reviews.")
    ident = audit_id(window)
    window.close()
    assert "Chosen after two serious case reviews." in stored(window, ident).rationale


def test_an_impossible_date_is_explained_beside_the_field_and_nothing_is_lost(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = open_first(window, "Neglect")
    panel = field(page, "panel_date")
    assert isinstance(panel, QLineEdit)
    panel.setFocus()
    panel.selectAll()
    qtbot.keyClicks(panel, "31/02/2017")
    window.workspace.flush()  # type: ignore[union-attr]
    error = page.left.binders["panel_date"].error
    assert error is not None and error.isVisible()
    assert error.text() == "The panel date: '31/02/2017' is not a date: February 2017 has 28 days."
    assert panel.text() == "31/02/2017"  # still there to correct
    assert stored(window, audit_id(window)).panel_date == date(2017, 5, 10)
    panel.selectAll()
    qtbot.keyClicks(panel, "31,03,17")
    panel.editingFinished.emit()
    assert not error.isVisible()
    assert stored(window, audit_id(window)).panel_date == date(2017, 3, 31)
    assert panel.text() == "31/03/2017"


def test_an_empty_title_is_refused_and_the_saved_one_stays(window: MainWindow) -> None:
    page = open_first(window, "Neglect")
    title = field(page, "title")
    assert isinstance(title, QLineEdit)
    title.clear()
    assert window.workspace is not None
    refused = window.workspace.flush()
    assert refused == ["Title: The title cannot be empty."]
    assert stored(window, audit_id(window)).title == "Neglect panel"


def test_a_huge_paste_is_refused_with_its_length(window: MainWindow) -> None:
    page = open_first(window, "Neglect")
    methodology = field(page, "methodology")
    assert isinstance(methodology, QPlainTextEdit)
    methodology.setPlainText("x" * 50_000)
    assert window.workspace is not None
    (refusal,) = window.workspace.flush()
    assert "50,000 characters long; it can hold at most 20,000" in refusal
    assert methodology.toPlainText() == "x" * 50_000
    assert stored(window, audit_id(window)).methodology == ""


def test_undo_and_redo_go_back_and_forth_through_saved_edits(
    window: MainWindow, qtbot: QtBot
) -> None:
    page = open_first(window, "Neglect")
    theme = field(page, "theme")
    assert isinstance(theme, QLineEdit)
    theme.setFocus()
    theme.selectAll()
    qtbot.keyClicks(theme, "Chronic neglect")
    theme.editingFinished.emit()
    ident = audit_id(window)
    assert stored(window, ident).theme == "Chronic neglect"
    qtbot.keyClick(theme, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window, ident).theme == "Neglect"
    assert theme.text() == "Neglect"
    qtbot.keyClick(
        theme, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored(window, ident).theme == "Chronic neglect"
    assert window.undo_action.isEnabled()


def test_keystrokes_in_one_field_are_one_undo_step(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(binding, "PAUSE_MS", 1)
    page = open_first(window, "Neglect")
    title = field(page, "title")
    assert isinstance(title, QLineEdit)
    title.setFocus()
    title.selectAll()
    for word in ("Neglect", " of", " teenagers"):
        qtbot.keyClicks(title, word)
        page.left.binders["title"].commit()
    assert window.workspace is not None
    assert window.workspace.context.undo.count() == 1
    window.undo_action.trigger()
    assert stored(window, audit_id(window)).title == "Neglect panel"


def test_filters_find_audits_by_theme_year_and_words(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = window.list_page
    assert page.filter.rowCount() == 2
    page.theme.setCurrentIndex(page.theme.findData("Harmful sexual behaviour"))
    assert page.filter.rowCount() == 1
    page.theme.setCurrentIndex(0)
    page.year.setCurrentIndex(page.year.findData("2017"))
    assert page.filter.rowCount() == 2
    page.search.setText("hsb")
    assert page.filter.rowCount() == 1
    qtmodeltester.check(page.filter)


def test_a_new_audit_needs_a_title_then_opens(window: MainWindow, qtbot: QtBot) -> None:
    dialog = window.new_audit()
    assert dialog is not None
    dialog.theme.setCurrentText("Domestic abuse")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    assert dialog.errors["title"].text() == "The title cannot be empty."
    dialog.title.setText("Domestic abuse panel")
    dialog.panel_date.setText("10 May 2018")
    ok.click()
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert stored(window, audit_id(window)).panel_date == date(2018, 5, 10)
    assert window.list_page.model.rowCount() == 3


def test_duplicate_starts_the_next_audit(window: MainWindow, qtbot: QtBot) -> None:
    window.list_page.search.setText("HSB")
    window.list_page.select(None)
    dialog = window.new_audit(window.list_page.selected_id())
    assert dialog is not None and dialog.title.text() == "HSB panel"
    dialog.title.setText("HSB panel 2018")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.workspace is not None)
    copy = stored(window, audit_id(window))
    assert copy.title == "HSB panel 2018" and copy.theme == "Harmful sexual behaviour"


def test_archive_hides_and_delete_asks_first(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.list_page
    page.search.setText("HSB")
    page.select(None)
    page.archive_button.click()
    assert page.filter.rowCount() == 0
    page.archived.setChecked(True)
    assert page.filter.rowCount() == 1
    page.select(None)
    monkeypatch.setattr(msgbox.Question, "ask", classmethod(lambda *args, **kw: False))
    page.delete_button.click()
    assert page.model.rowCount() == 2
    monkeypatch.setattr(msgbox.Question, "ask", classmethod(lambda *args, **kw: True))
    page.delete_button.click()
    assert page.model.rowCount() == 1
    assert page.model.audit_at(0).title == "Neglect panel"
