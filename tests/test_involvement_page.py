"""The involvement grid, driven from the keyboard like a spreadsheet, checked in the database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from db.enums import InvolvementStatus
from panel_app.database import Database
from panel_app.services import involvement, involvement_grid
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui import msgbox
from ui.main_window import MainWindow
from ui.pages.involvement import InvolvementPage

pytestmark = pytest.mark.gui

AUDITED, OUT, UNKNOWN, NOT_OPEN = tuple(InvolvementStatus)
CSC, POLICE, HEALTH, EDUCATION, YOS = range(5)  # the grid's rows, as build_audit adds them
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        return build_audit(session)


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id, active=True)


@pytest.fixture
def page(window: MainWindow) -> InvolvementPage:
    found = screen(window, InvolvementPage)
    found.view.setFocus()
    return found


def stored(database: Database, built: Built) -> dict[str, list[InvolvementStatus | None]]:
    with database.transaction() as session:
        grid = involvement_grid.involvement_grid(session, built.audit_id)
    return {a.name: [c.status for c in a.cells] for a in grid.agencies}


def go(page: InvolvementPage, row: int, column: int) -> None:
    """As a click on the cell does: the cursor there, and only it selected."""
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    page.view.selectionModel().setCurrentIndex(page.model.index(row, column), flags)


def key(qtbot: QtBot, page: InvolvementPage, which: Qt.Key, modifiers: object = None) -> None:
    if modifiers is None:
        qtbot.keyClick(page.view, which)
    else:
        qtbot.keyClick(page.view, which, modifiers)  # type: ignore[arg-type]


def answer(monkeypatch: pytest.MonkeyPatch, reply: bool) -> list[str]:
    asked: list[str] = []

    def ask(_cls: object, _parent: object, _title: str, message: str, default: bool = False):  # type: ignore[no-untyped-def]
        asked.append(message)
        return reply

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    return asked


def test_the_grid_shows_agencies_down_cases_across_and_the_totals(page: InvolvementPage) -> None:
    model = page.model
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())] == [
        "Children's Social Care", "Police", "Health", "Education", "Youth Offending Service",
        "Agencies audited",
    ]  # fmt: skip
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert heads == ["Child A", "⚠ Child B", "Cases audited"]
    assert model.index(POLICE, 0).data() == "Audited"
    assert model.index(POLICE, 2).data() == "2 of 2"
    assert model.index(EDUCATION, 2).data() == "-"
    assert model.index(5, 0).data() == "3 of 4"  # of the four agencies taking part
    assert (
        model.index(YOS, 0).data()
        == "Unable to participate: No involvement with the families audited."
    )
    assert page.view.columnSpan(YOS, 0) == 2


def test_typing_letters_sets_cells_and_moves_down(
    page: InvolvementPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    go(page, CSC, 0)
    key(qtbot, page, Qt.Key.Key_Down)
    key(qtbot, page, Qt.Key.Key_Down)
    key(qtbot, page, Qt.Key.Key_Down)  # Education, Child A
    key(qtbot, page, Qt.Key.Key_K)
    assert page.view.currentIndex().row() == YOS  # moved down, ready for the next
    key(qtbot, page, Qt.Key.Key_Up)
    key(qtbot, page, Qt.Key.Key_Right)
    key(qtbot, page, Qt.Key.Key_N)
    assert stored(sqlite_database, built)["Education"] == [UNKNOWN, NOT_OPEN]
    assert page.model.index(EDUCATION, 2).data() == "0 (1 not known, 1 not open)"
    key(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert stored(sqlite_database, built)["Education"] == [UNKNOWN, None]


def test_a_row_of_an_agency_not_taking_part_cannot_be_typed_in(
    page: InvolvementPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    before = stored(sqlite_database, built)
    go(page, EDUCATION, 0)
    key(qtbot, page, Qt.Key.Key_Down)
    assert page.view.currentIndex().row() == YOS
    key(qtbot, page, Qt.Key.Key_A)
    assert page.message.text() == (
        "Youth Offending Service is 'unable to participate', so its row cannot be filled in. "
        "Change its status on the Agencies screen if it takes part."
    )
    assert not page.message.isHidden()
    go(page, 5, 0)
    key(qtbot, page, Qt.Key.Key_O)
    assert page.message.text() == "The totals are counted from the cells: they cannot be typed."
    assert stored(sqlite_database, built) == before


def test_a_column_is_copied_into_another_and_undone_in_one_step(
    page: InvolvementPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    go(page, EDUCATION, 0)
    key(qtbot, page, Qt.Key.Key_O)
    go(page, POLICE, 1)
    key(qtbot, page, Qt.Key.Key_K)
    before = stored(sqlite_database, built)
    page.view.selectColumn(0)
    key(qtbot, page, Qt.Key.Key_C, CTRL)
    text = QGuiApplication.clipboard().text()
    assert text == "Audited\nAudited\nAudited\nOut of scope\n"  # Youth Offending: not taken
    page.view.clearSelection()
    page.view.selectColumn(1)
    key(qtbot, page, Qt.Key.Key_V, CTRL)
    after = stored(sqlite_database, built)
    assert {name: cells[1] for name, cells in after.items()} == {
        "Children's Social Care": AUDITED, "Police": AUDITED, "Health": AUDITED,
        "Education": OUT, "Youth Offending Service": None,
    }  # fmt: skip
    assert window.undo_action.text() == "&Undo Paste 2 cells"
    window.undo_action.trigger()
    assert stored(sqlite_database, built) == before
    window.redo_action.trigger()
    assert stored(sqlite_database, built) == after


def test_one_copied_cell_fills_a_selection_and_bad_text_is_refused(
    page: InvolvementPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    QGuiApplication.clipboard().setText("not known")
    page.view.selectColumn(1)
    key(qtbot, page, Qt.Key.Key_V, CTRL)
    assert stored(sqlite_database, built)["Police"] == [AUDITED, UNKNOWN]
    assert stored(sqlite_database, built)["Education"] == [None, UNKNOWN]
    before = stored(sqlite_database, built)
    QGuiApplication.clipboard().setText("Audited\tMaybe\n")
    go(page, EDUCATION, 0)
    key(qtbot, page, Qt.Key.Key_V, CTRL)
    assert page.message.text() == (
        "'Maybe' (line 1, cell 2) is not an involvement status. Paste cells that say Audited "
        "(A), Out of scope (O), Not known (K), Not open (N), or are blank to clear."
    )
    assert stored(sqlite_database, built) == before


def test_clearing_a_summary_asks_first_and_undo_brings_it_back(
    page: InvolvementPage,
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(monkeypatch, False)
    go(page, POLICE, 0)
    key(qtbot, page, Qt.Key.Key_Delete)
    assert asked == [
        "Clearing this also deletes Police's summary and grade for Child A. Undo brings them "
        "back. Clear it?"
    ]
    assert stored(sqlite_database, built)["Police"] == [AUDITED, AUDITED]
    with sqlite_database.transaction() as session:
        item = involvement.involvement_of(session, built.case_ids[0], built.agency_ids[1])
        assert item is not None
        ident = item.id
    answer(monkeypatch, True)
    key(qtbot, page, Qt.Key.Key_Backspace)
    assert stored(sqlite_database, built)["Police"] == [None, AUDITED]
    assert page.model.index(POLICE, 0).data() == ""
    window.undo_action.trigger()
    with sqlite_database.transaction() as session:
        back = involvement.involvement_of(session, built.case_ids[0], built.agency_ids[1])
        assert back is not None and back.id == ident
        assert back.summary == "Known since birth." and len(back.grades) == 1


def test_a_cell_without_content_clears_without_asking(
    page: InvolvementPage, qtbot: QtBot, built: Built, sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    asked = answer(monkeypatch, False)
    go(page, EDUCATION, 1)
    key(qtbot, page, Qt.Key.Key_O)
    go(page, EDUCATION, 1)
    key(qtbot, page, Qt.Key.Key_Delete)
    assert asked == []
    assert stored(sqlite_database, built)["Education"] == [None, None]


def test_the_context_menu_lists_every_key(page: InvolvementPage) -> None:
    listed = [(a.text(), a.shortcut().toString()) for a in page.view.actions()]
    assert listed == [
        ("Audited", "A"), ("Out of scope", "O"), ("Not known", "K"), ("Not open", "N"),
        ("Clear", "Del"), ("Copy", "Ctrl+C"), ("Cut", "Ctrl+X"), ("Paste", "Ctrl+V"),
    ]  # fmt: skip
    buttons = page.findChildren(QToolButton)
    assert [b.accessibleName() for b in buttons] == [
        "Audited", "Out of scope", "Not known", "Not open", "Clear", "Copy", "Paste",
    ]  # fmt: skip
    assert all(b.toolTip() for b in buttons)


def test_the_grid_model_passes_the_model_tester(page: InvolvementPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_an_audit_without_cases_says_what_to_do_first(
    window: MainWindow, sqlite_database: Database
) -> None:
    from panel_app.services import audits

    with sqlite_database.transaction() as session:
        ident = audits.create_audit(session, theme="Neglect", title="Next quarter").id
    workspace = window.open_audit(ident)
    assert workspace is not None
    page = workspace.go_to(InvolvementPage)
    assert isinstance(page, InvolvementPage)
    assert page.model.rowCount() == 0 and page.view.isHidden()
    assert not page.empty.isHidden()
    assert "add them on the Agencies and Cases screens first" in page.empty.text()
