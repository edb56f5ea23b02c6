"""The Agenda screen: order by keyboard and by drag, minutes, start time, estimated times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from panel_app.database import Database
from panel_app.services import audits, cases, meetings
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui.main_window import MainWindow
from ui.pages.agenda import AgendaPage

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    """build_audit's panel with three cases on the agenda from 09:30 (Child B is escalated)."""
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        third = cases.add_case(session, made.audit_id, pseudonym="Child C").id
        cases.add_case(session, made.audit_id, pseudonym="Child D")
        meeting = meetings.agenda_meeting(session, made.audit_id)
        meetings.update_meeting(session, meeting.id, start_time="09:30")
        first, second = made.case_ids
        meetings.set_agenda(session, meeting.id, [(first, 30), (second, 45), (third, 20)])
        return made


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id)


@pytest.fixture
def page(window: MainWindow) -> AgendaPage:
    return screen(window, AgendaPage)


def agenda(database: Database, audit_id: int) -> list[tuple[str, int]]:
    with database.transaction() as session:
        meeting = meetings.find_agenda_meeting(session, audit_id)
        assert meeting is not None
        return [(r.pseudonym, r.minutes) for r in meetings.agenda_rows(session, meeting.id)]


def shown(page: AgendaPage) -> list[list[str]]:
    model = page.model
    return [[str(model.index(r, c).data()) for c in range(4)] for r in range(model.rowCount())]


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def test_each_case_shows_when_it_starts_and_when_the_panel_ends(page: AgendaPage) -> None:
    assert shown(page) == [
        ["Child A", "30 min", "09:30", ""],
        ["Child B", "45 min", "10:00", "⚠ Escalated"],
        ["Child C", "20 min", "10:45", ""],
    ]
    assert page.summary.text() == "3 cases, 95 minutes. It starts at 09:30 and ends at about 11:05."
    assert [page.off_model.index(r, 0).data() for r in range(page.off_model.rowCount())] == [
        "Child D"
    ]


def test_the_keyboard_reorders_and_undo_puts_it_back(
    page: AgendaPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.view.setFocus()
    page.view.selectRow(2)
    qtbot.keyClick(page.view, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(page.view, Qt.Key.Key_Up, CTRL)
    assert agenda(sqlite_database, built.audit_id) == [("Child C", 20), ("Child A", 30),
                                                       ("Child B", 45)]  # fmt: skip
    assert page.view.currentIndex().row() == 0 and not page.up_button.isEnabled()
    assert shown(page)[1][2] == "09:50"
    window.undo_action.trigger()
    assert agenda(sqlite_database, built.audit_id)[:2] == [("Child A", 30), ("Child C", 20)]
    assert page.view.currentIndex().row() == 1  # the moved case stays selected


def test_a_case_dragged_to_the_top_goes_there(
    page: AgendaPage, window: MainWindow, built: Built, sqlite_database: Database
) -> None:
    model = page.model
    dragged = model.mimeData([model.index(2, 0)])
    assert model.canDropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [n for n, _m in agenda(sqlite_database, built.audit_id)] == ["Child C", "Child A",
                                                                         "Child B"]  # fmt: skip
    on_row = model.mimeData([model.index(0, 0)])  # dropped on the last row: it goes there
    assert model.dropMimeData(on_row, Qt.DropAction.MoveAction, -1, -1, model.index(2, 0))
    assert [n for n, _m in agenda(sqlite_database, built.audit_id)] == ["Child A", "Child B",
                                                                         "Child C"]  # fmt: skip
    window.undo_action.trigger()
    assert agenda(sqlite_database, built.audit_id)[0] == ("Child C", 20)


def test_minutes_are_typed_into_the_row(
    page: AgendaPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(0, 1))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.findChild(QSpinBox)
    assert editor is not None and editor.maximum() == 240 and editor.minimum() == 1
    editor.selectAll()
    qtbot.keyClicks(editor, "50")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits it on the next turn of the loop
    qtbot.waitUntil(lambda: agenda(sqlite_database, built.audit_id)[0] == ("Child A", 50))
    assert shown(page)[1][2] == "10:20"
    assert not page.model.setData(page.model.index(0, 1), "lots")
    assert not page.model.setData(page.model.index(0, 1), 500)
    assert page.message.text() == "The minutes allotted must be between 1 and 240."
    assert agenda(sqlite_database, built.audit_id)[0] == ("Child A", 50)


def test_cases_come_on_and_off_the_agenda(
    page: AgendaPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.off_view.setFocus()
    page.off_view.selectRow(0)
    qtbot.keyClick(page.off_view, Qt.Key.Key_Insert)
    assert agenda(sqlite_database, built.audit_id)[-1] == ("Child D", 30)  # the usual minutes
    assert page.off_model.rowCount() == 0 and not page.add_button.isEnabled()
    page.view.setFocus()
    page.view.selectRow(1)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert [n for n, _m in agenda(sqlite_database, built.audit_id)] == ["Child A", "Child C",
                                                                         "Child D"]  # fmt: skip
    assert page.off_model.index(0, 0).data() == "⚠ Child B (escalated)"
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [n for n, _m in agenda(sqlite_database, built.audit_id)] == ["Child A", "Child B",
                                                                         "Child C"]  # fmt: skip


def test_the_start_time_moves_every_case_and_a_wrong_time_is_explained(
    page: AgendaPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    type_into(qtbot, page.start, "13.30")
    assert [row[2] for row in shown(page)] == ["13:30", "14:00", "14:45"]
    assert page.start.text() == "13:30"
    type_into(qtbot, page.start, "25:99")
    assert page.start_binder.error is not None
    assert page.start_binder.error.text() == (
        "The start time: '25:99' is not a time of day. Type it as 09:30 or 14:00."
    )
    assert page.start.text() == "25:99"  # kept, to put right
    assert [row[2] for row in shown(page)] == ["13:30", "14:00", "14:45"]
    with sqlite_database.transaction() as session:
        meeting = meetings.find_agenda_meeting(session, built.audit_id)
        assert meeting is not None and meeting.start_time == time(13, 30)


def test_an_agenda_longer_than_the_meeting_says_by_how_much(page: AgendaPage, qtbot: QtBot) -> None:
    type_into(qtbot, page.end, "10:45")
    assert page.over.text() == (
        "That runs 20 minutes past the planned end (10:45): shorten a case, or end later."
    )
    type_into(qtbot, page.end, "11:30")
    assert page.over.isHidden()
    assert page.summary.text().endswith("ends at about 11:05, 25 minutes before the planned end.")


def test_an_audit_without_a_meeting_gets_one_with_its_first_case(
    window: MainWindow, qtbot: QtBot, sqlite_database: Database
) -> None:
    with sqlite_database.transaction() as session:
        fresh = audits.create_audit(session, theme="Neglect", title="Next quarter")
        cases.add_case(session, fresh.id, pseudonym="Case 1")
        ident = fresh.id
    workspace = window.open_audit(ident)
    assert workspace is not None
    page = workspace.go_to(AgendaPage)
    assert isinstance(page, AgendaPage)
    assert page.summary.text() == "No cases on the agenda yet: add them from the list on the right."
    page.off_view.selectRow(0)
    page.add_button.click()
    assert agenda(sqlite_database, ident) == [("Case 1", 30)]
    assert (
        page.summary.text()
        == "1 case, 30 minutes. Set the start time to see when each case starts."
    )


def test_the_models_pass_the_model_tester(page: AgendaPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.off_model)


def test_redo_makes_each_change_again_and_the_times_follow(
    page: AgendaPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.view.setFocus()
    page.view.selectRow(0)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, CTRL)  # Child A second
    assert page.model.setData(page.model.index(0, 1), 10)  # Child B, now first, 10 minutes
    assert [row[:3] for row in shown(page)] == [
        ["Child B", "10 min", "09:30"],
        ["Child A", "30 min", "09:40"],
        ["Child C", "20 min", "10:10"],
    ]
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert agenda(sqlite_database, built.audit_id) == [("Child A", 30), ("Child B", 45),
                                                       ("Child C", 20)]  # fmt: skip
    assert not window.undo_action.isEnabled()
    assert window.redo_action.text() == "&Redo Move Child A on the agenda"
    qtbot.keyClick(page.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert agenda(sqlite_database, built.audit_id)[:2] == [("Child B", 45), ("Child A", 30)]
    window.redo_action.trigger()
    assert agenda(sqlite_database, built.audit_id)[0] == ("Child B", 10)
    assert [row[2] for row in shown(page)] == ["09:30", "09:40", "10:10"]
    assert page.summary.text() == "3 cases, 60 minutes. It starts at 09:30 and ends at about 10:30."


def test_the_start_time_is_undone_and_redone_with_every_time_after_it(
    page: AgendaPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    type_into(qtbot, page.start, "10:00")
    assert [row[2] for row in shown(page)] == ["10:00", "10:30", "11:15"]
    window.undo_action.trigger()
    assert page.start.text() == "09:30"
    assert [row[2] for row in shown(page)] == ["09:30", "10:00", "10:45"]
    window.redo_action.trigger()
    assert page.start.text() == "10:00"
    assert [row[2] for row in shown(page)] == ["10:00", "10:30", "11:15"]
    with sqlite_database.transaction() as session:
        meeting = meetings.find_agenda_meeting(session, built.audit_id)
        assert meeting is not None and meeting.start_time == time(10, 0)


def test_a_planned_end_before_the_start_is_refused_and_the_saved_one_stays(
    page: AgendaPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    type_into(qtbot, page.end, "12:00")
    type_into(qtbot, page.end, "08:00")
    assert page.end_binder.error is not None
    assert page.end_binder.error.text() == "The meeting ends before it starts."
    assert page.end.text() == "08:00"  # kept on screen, to put right
    with sqlite_database.transaction() as session:
        meeting = meetings.find_agenda_meeting(session, built.audit_id)
        assert meeting is not None and meeting.end_time == time(12, 0)
    type_into(qtbot, page.end, "12:30")
    assert page.end_binder.error.isHidden()
    assert page.summary.text().endswith("85 minutes before the planned end.")


def test_a_refused_minutes_value_keeps_the_agenda_and_the_next_good_one_clears_the_message(
    page: AgendaPage, window: MainWindow, built: Built, sqlite_database: Database
) -> None:
    before = agenda(sqlite_database, built.audit_id)
    assert not page.model.setData(page.model.index(2, 1), 0)
    assert page.message.text() == "The minutes allotted must be between 1 and 240."
    assert not page.message.isHidden()
    assert agenda(sqlite_database, built.audit_id) == before
    assert shown(page)[2][1] == "20 min"
    assert not window.undo_action.isEnabled()  # nothing to undo: nothing was written
    assert page.model.setData(page.model.index(2, 1), 25)
    assert page.message.isHidden()
    assert agenda(sqlite_database, built.audit_id)[2] == ("Child C", 25)


def test_an_escalated_case_is_marked_in_words_and_colour(page: AgendaPage) -> None:
    from ui.pages.agenda_model import ESCALATED_TINT

    escalated = page.model.index(1, 0)
    assert page.model.index(1, 3).data() == "⚠ Escalated"
    assert page.model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) == (
        "Child B is escalated: a child may be at current risk"
    )
    assert escalated.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == ESCALATED_TINT
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_right_click_menus_list_every_key(page: AgendaPage, qtbot: QtBot) -> None:
    listed = [(a.text(), a.shortcut().toString()) for a in page.view.actions()]
    assert listed == [("Move up", "Ctrl+Up"), ("Move down", "Ctrl+Down"),
                      ("Change the minutes", "F2"), ("Take off the agenda", "Del")]  # fmt: skip
    assert [(a.text(), a.shortcut().toString()) for a in page.off_view.actions()] == [
        ("Add to the agenda", "Ins")
    ]
    assert page.view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    page.view.setFocus()
    page.view.selectRow(0)
    assert not page.up_action.isEnabled() and page.down_action.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, CTRL)  # the first case cannot go higher
    assert page.view.currentIndex().row() == 0
    page.view.setCurrentIndex(page.model.index(1, 0))  # on the case's name: F2 still edits
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.findChild(QSpinBox)
    assert editor is not None and editor.isVisible() and editor.value() == 45
    assert page.view.currentIndex().column() == 1
