"""The Cases screen, driven through its widgets, and the services it added."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from db.enums import Consent
from panel_app.archive.export import export_audit
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import cases
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui import msgbox
from ui.main_window import MainWindow
from ui.pages.cases import MASK, CasesPage
from ui.pages.details import DetailsPage

pytestmark = pytest.mark.gui

SECRET = "LCS-A123"  # Child A's private reference, as tests/builders.py records it


def content(session: Session, audit_id: int) -> dict[str, object]:
    """The audit as its archive holds it, less the change history (which records the delete
    and its undo, as it should)."""
    exported = export_audit(session, audit_id)
    exported.pop("history", None)
    return exported


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        return build_audit(session)


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id)


@pytest.fixture
def page(window: MainWindow) -> CasesPage:
    return screen(window, CasesPage)


def stored(database: Database, audit_id: int) -> list[cases.CaseRow]:
    with database.transaction() as session:
        return cases.case_rows(session, audit_id)


def names(database: Database, audit_id: int) -> list[str]:
    return [row.pseudonym for row in stored(database, audit_id)]


def case_field(database: Database, case_id: int, name: str) -> object:
    with database.transaction() as session:
        return getattr(cases.get_case(session, case_id), name)


def select(page: CasesPage, pseudonym: str) -> None:
    page.view.selectRow([r.pseudonym for r in page.model.rows()].index(pseudonym))
    assert page.pseudonym.text() == pseudonym


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    found = []
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps its one column, and its tree-ness, to itself
        return [str(model.index(row, 0).data() or "") for row in range(model.rowCount())]
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.EditRole):  # fmt: skip
                found.append(str(model.data(index, role) or ""))
            if column == 0 and has_children(model, index):
                found.extend(model_texts(model, index))
    return found


def has_children(model: QAbstractItemModel, index: QModelIndex) -> bool:
    try:
        return model.hasChildren(index)
    except TypeError:  # Qt's own table and list models keep it to themselves: they are flat
        return False


def every_text(window: QWidget) -> list[str]:
    """What any widget of the window shows or says (to a screen reader, too)."""
    texts = [window.windowTitle()]
    for widget in [window, *window.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return texts


def leaks(window: QWidget, secret: str = SECRET) -> list[str]:
    return [text for text in every_text(window) if secret.lower() in text.lower()]


# -- the list ----------------------------------------------------------------------------------
def test_a_new_case_is_added_at_the_end_ready_to_name(
    page: CasesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.add_button.click()
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B", "Case 3"]
    assert page.pseudonym.text() == "Case 3" and page.pseudonym.hasFocus()
    type_into(qtbot, page.pseudonym, "Child C")
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B", "Child C"]
    assert [r.pseudonym for r in page.model.rows()] == ["Child A", "Child B", "Child C"]


def test_reordering_by_keyboard_changes_the_stored_order(
    page: CasesPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    select(page, "Child B")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(sqlite_database, built.audit_id) == ["Child B", "Child A"]
    assert page.view.currentIndex().row() == 0 and page.pseudonym.text() == "Child B"
    assert not page.up_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B"]
    window.undo_action.trigger()
    assert names(sqlite_database, built.audit_id) == ["Child B", "Child A"]


def test_delete_asks_first_and_no_keeps_the_case(
    page: CasesPage,
    window: MainWindow,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    reply = False

    def ask(_cls: object, _parent: object, _title: str, message: str, default: bool = False):  # type: ignore[no-untyped-def]
        asked.append(message)
        assert default is False
        return reply

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    select(page, "Child A")
    page.delete_button.click()
    assert asked[-1].startswith("Delete Child A? This also deletes its 3 agencies' involvement")
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B"]
    assert asked[-1].endswith("Undo brings it all back.")
    with sqlite_database.transaction() as session:
        before = content(session, built.audit_id)
    reply = True
    page.delete_button.click()
    assert names(sqlite_database, built.audit_id) == ["Child B"]
    assert page.pseudonym.text() == "Child B"
    window.undo_action.trigger()
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B"]
    assert case_field(sqlite_database, built.case_ids[0], "private_reference") == SECRET
    with sqlite_database.transaction() as session:  # its involvement, summaries, grades too
        assert content(session, built.audit_id) == before
    window.redo_action.trigger()
    assert names(sqlite_database, built.audit_id) == ["Child B"]


# -- the pseudonym -----------------------------------------------------------------------------
def test_an_empty_pseudonym_is_refused_beside_the_field_and_the_saved_one_stays(
    page: CasesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    select(page, "Child A")
    page.pseudonym.setFocus()
    page.pseudonym.clear()
    page.pseudonym.editingFinished.emit()
    error = page.form.binders["pseudonym"].error
    assert error is not None and not error.isHidden()
    assert error.text() == "The pseudonym cannot be empty."
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B"]
    assert page.model.rows()[0].pseudonym == "Child A"


def test_a_duplicate_pseudonym_is_refused_and_the_case_stays_selected(
    page: CasesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    select(page, "Child A")
    type_into(qtbot, page.pseudonym, "child b")
    error = page.form.binders["pseudonym"].error
    assert error is not None
    assert error.text() == (
        "This audit already has a case called 'Child B'. Give each case its own pseudonym."
    )
    assert page.pseudonym.text() == "child b"  # kept, to put right
    page.view.selectRow(1)  # refused: stays on the case until it is put right
    assert page.cases.shown_id == built.case_ids[0]
    assert names(sqlite_database, built.audit_id) == ["Child A", "Child B"]
    type_into(qtbot, page.pseudonym, "Child C")
    assert error.isHidden()
    assert names(sqlite_database, built.audit_id) == ["Child C", "Child B"]


# -- the private reference ---------------------------------------------------------------------
def test_the_private_reference_is_masked_by_default_and_nowhere_in_the_window(
    page: CasesPage, window: MainWindow
) -> None:
    assert page.cases.shown_id is not None and page.pseudonym.text() == "Child A"
    assert page.reference_mask.text() == MASK and page.reference_mask.isReadOnly()
    assert page.reference_mask.isVisible() and not page.reference.isVisible()
    assert page.reference.text() == ""
    assert leaks(window) == []


def test_the_reference_is_revealed_on_purpose_and_edited(
    page: CasesPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.reveal_button.click()
    assert page.reference.isVisible() and page.reference.text() == SECRET
    assert page.reveal_button.text() == "Hide"
    type_into(qtbot, page.reference, "LCS-A999")
    assert case_field(sqlite_database, built.case_ids[0], "private_reference") == "LCS-A999"
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(page.reference, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert not page.reference.isVisible() and page.reference.text() == ""
    assert page.reference_mask.text() == MASK
    assert leaks(window, "LCS-A999") == []
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert page.reference.text() == "LCS-A999"


def test_the_reference_hides_again_on_another_case_or_screen(
    page: CasesPage, window: MainWindow, built: Built
) -> None:
    page.reveal_button.click()
    assert page.reference.text() == SECRET
    assert leaks(window) == [SECRET]  # the walk does see it, in the one field meant to show it
    select(page, "Child B")
    assert page.reference.text() == "" and not page.reference.isVisible()
    assert page.reveal_button.text() == "Reveal"
    assert leaks(window) == [] and leaks(window, "LCS-B123") == []
    page.reveal_button.click()
    assert page.reference.text() == "LCS-B123"
    assert window.workspace is not None
    window.workspace.go_to(DetailsPage)
    window.workspace.go_to(CasesPage)
    assert page.reference.text() == "" and page.reference_mask.isVisible()
    assert leaks(window, "LCS-B123") == []


def test_a_case_without_a_reference_says_so(
    page: CasesPage, built: Built, sqlite_database: Database
) -> None:
    page.add_button.click()
    assert page.reference_mask.text() == ""
    assert page.reference_mask.placeholderText() == "None recorded"


# -- undo --------------------------------------------------------------------------------------
def test_undo_of_a_case_field_goes_back_to_that_case(
    page: CasesPage, window: MainWindow, built: Built, sqlite_database: Database
) -> None:
    select(page, "Child A")
    facts = page.form.binders["key_facts"]
    assert isinstance(facts.widget, QPlainTextEdit)
    facts.widget.setPlainText("Lives with her grandmother.")
    facts.commit()
    consent = page.consent
    index = consent.findData(Consent.SOUGHT.value)
    consent.setCurrentIndex(index)
    consent.activated.emit(index)
    assert case_field(sqlite_database, built.case_ids[0], "consent") == Consent.SOUGHT
    window.undo_action.trigger()
    assert case_field(sqlite_database, built.case_ids[0], "consent") == Consent.OBTAINED
    assert consent.currentData() == Consent.OBTAINED.value
    select(page, "Child B")
    window.undo_action.trigger()  # the key facts, typed on Child A
    assert page.pseudonym.text() == "Child A"
    assert case_field(sqlite_database, built.case_ids[0], "key_facts") == ""
    assert case_field(sqlite_database, built.case_ids[1], "key_facts") == ""
    assert facts.widget.toPlainText() == ""
    window.redo_action.trigger()
    assert facts.widget.toPlainText() == "Lives with her grandmother."


def test_the_model_passes_the_model_tester(page: CasesPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


# -- the services the screen added (headless) --------------------------------------------------
def test_case_rows_leave_the_private_reference_out(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        rows = cases.case_rows(session, built.audit_id)
        assert [(r.pseudonym, r.has_private_reference) for r in rows] == [
            ("Child A", True),
            ("Child B", True),
        ]
        assert SECRET not in repr(rows)
        assert cases.next_pseudonym(session, built.audit_id) == "Case 3"
        cases.add_case(session, built.audit_id, pseudonym="Case 3")
        assert cases.next_pseudonym(session, built.audit_id) == "Case 4"


def test_cases_move_and_come_back_where_they_were(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        third = cases.add_case(session, built.audit_id, pseudonym="Child C").id
        cases.move_case(session, third, 0)
        assert [r.pseudonym for r in cases.case_rows(session, built.audit_id)] == [
            "Child C", "Child A", "Child B",
        ]  # fmt: skip
        first = built.case_ids[0]
        losses = cases.deletion_losses(session, first)
        assert losses[:2] == ["3 agencies' involvement", "1 family view"]
        assert "its place on the agenda" in losses
        assert cases.deletion_losses(session, third) == []
        taken = cases.take_case(session, first)
        cases.delete_case(session, first)
        back = cases.restore_case(session, built.audit_id, taken, 1)
        assert (back.id, back.private_reference) == (first, SECRET)
        assert [r.pseudonym for r in cases.case_rows(session, built.audit_id)] == [
            "Child C", "Child A", "Child B",
        ]  # fmt: skip
        with pytest.raises(DomainError):
            cases.restore_case(session, built.audit_id, taken, 0)


def test_an_escalated_case_is_marked_in_the_list(page: CasesPage) -> None:
    assert [page.model.index(r, 0).data() for r in range(2)] == ["Child A", "⚠ Child B"]
    tip = page.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Child B is escalated: a child may be at current risk"
