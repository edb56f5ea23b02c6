"""The Agency summaries screen: its completeness view and the summary typed into it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from db.enums import InvolvementStatus
from panel_app.database import Database
from panel_app.services import audits, cases, involvement, involvement_grid, summaries
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui.main_window import MainWindow
from ui.pages.summaries import SummariesPage

pytestmark = pytest.mark.gui

CSC, POLICE, HEALTH, EDUCATION = range(4)


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        # Education audits Child B, and has sent nothing yet.
        pair = {(made.case_ids[1], made.agency_ids[3]): InvolvementStatus.AUDITED}
        involvement_grid.set_cells(session, made.audit_id, pair, {})
        return made


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id, active=True)


@pytest.fixture
def page(window: MainWindow) -> SummariesPage:
    return screen(window, SummariesPage)


def stored(database: Database, built: Built, case: int, agency: int) -> involvement.Involvement:
    with database.transaction() as session:
        found = involvement.involvement_of(session, built.case_ids[case], built.agency_ids[agency])
        assert found is not None
        session.expunge(found)
        return found


def grades_of(database: Database, built: Built, case: int, agency: int) -> dict[str, str]:
    with database.transaction() as session:
        found = involvement.involvement_of(session, built.case_ids[case], built.agency_ids[agency])
        assert found is not None
        return {g.domain.name: g.level.label for g in found.grades}


def click(page: SummariesPage, qtbot: QtBot, row: int, column: int) -> None:
    view = page.view
    rect = view.visualRect(page.model.index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def type_text(qtbot: QtBot, box: QPlainTextEdit, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    box.clearFocus()


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_the_completeness_view_says_what_is_still_to_come(page: SummariesPage) -> None:
    model = page.model
    rows = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())]
    assert rows == ["Children's Social Care", "Police", "Health", "Education"]
    assert [model.index(POLICE, c).data() for c in range(2)] == ["1/9 grades", "1/9 grades"]
    assert [model.index(EDUCATION, c).data() for c in range(2)] == ["–", "No summary"]
    assert model.index(EDUCATION, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        "Education does not audit Child A (not recorded)"
    )
    assert model.index(EDUCATION, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Education, Child B: still to come: the summary, the strengths, the areas for "
        "development, 9 of 9 grades. Enter or click to open it."
    )
    assert page.counts.text() == (
        "7 summaries due: 0 complete, 1 without a summary yet, 6 not fully graded or filled in."
    )
    assert page.editor.title.text() == "Children's Social Care — Child A"


def test_a_summary_typed_in_is_saved_and_the_view_follows(
    page: SummariesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    click(page, qtbot, EDUCATION, 1)
    assert page.editor.title.text() == "Education — Child B"
    assert page.editor.summary.toPlainText() == ""
    type_text(qtbot, page.editor.summary, "Attendance monitored weekly.")
    type_text(qtbot, page.editor.strengths, "Quick referral.")
    type_text(qtbot, page.editor.areas, "No record of the child's views.")
    saved = stored(sqlite_database, built, 1, EDUCATION)
    assert (saved.summary, saved.strengths) == ("Attendance monitored weekly.", "Quick referral.")
    assert saved.areas_for_development == "No record of the child's views."
    assert page.model.index(EDUCATION, 1).data() == "0/9 grades"
    for combo in [b.widget for b in page.editor.grade_binders]:
        assert isinstance(combo, QComboBox)
        choose(combo, "Good")
    assert page.model.index(EDUCATION, 1).data() == "✓"
    assert page.counts.text().startswith("7 summaries due: 1 complete")
    first = page.editor.grade_binders[0].widget
    assert isinstance(first, QComboBox)
    choose(first, "Not graded")
    assert "Referrals" not in grades_of(sqlite_database, built, 1, EDUCATION)
    assert len(grades_of(sqlite_database, built, 1, EDUCATION)) == 8


def test_undo_goes_back_to_the_summary_it_was_typed_in(
    page: SummariesPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    click(page, qtbot, POLICE, 0)
    type_text(qtbot, page.editor.summary, "Two call-outs.")
    combo = page.editor.grade_binders[1].widget
    assert isinstance(combo, QComboBox)
    choose(combo, "Inadequate")
    click(page, qtbot, HEALTH, 1)
    assert page.editor.title.text() == "Health — Child B"
    window.undo_action.trigger()  # the grade, on Police's summary of Child A
    assert page.editor.title.text() == "Police — Child A"
    assert "Assessment" not in grades_of(sqlite_database, built, 0, POLICE)
    window.undo_action.trigger()
    assert stored(sqlite_database, built, 0, POLICE).summary == "Known since birth."
    assert page.editor.summary.toPlainText() == "Known since birth."
    window.redo_action.trigger()
    assert stored(sqlite_database, built, 0, POLICE).summary == "Two call-outs."


def test_a_huge_paste_is_refused_beside_the_field_and_the_saved_text_stays(
    page: SummariesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    click(page, qtbot, POLICE, 1)
    page.editor.summary.setPlainText("x" * 50_000)
    refused = page.editor.commit()
    error = page.editor.form.binders["summary"].error
    assert error is not None and not error.isHidden()
    assert error.text() == (
        "The summary is 50,000 characters long; it can hold at most 20,000. Shorten it and "
        "try again."
    )
    assert refused == [error.text()]
    assert stored(sqlite_database, built, 1, POLICE).summary == "Known since birth."
    click(page, qtbot, HEALTH, 1)  # refused: it stays until the text is put right
    assert page.editor.title.text() == "Police — Child B"


def test_next_to_do_and_the_step_keys_walk_the_summaries(page: SummariesPage, qtbot: QtBot) -> None:
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.title.text() == "Children's Social Care — Child B"
    assert page.editor.summary.hasFocus()  # ready to type
    qtbot.keyClick(page.editor.summary, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.title.text() == "Children's Social Care — Child A"
    page.open_summary(page.model.found.cells[HEALTH][1].involvement_id)  # type: ignore[union-attr]
    qtbot.keyClick(page.editor.summary, Qt.Key.Key_F8)
    assert page.editor.title.text() == "Education — Child B"  # the next one still to come
    assert page.editor.summary.hasFocus()


def test_an_ungraded_audit_wants_no_grades(
    page: SummariesPage, window: MainWindow, built: Built, sqlite_database: Database
) -> None:
    with sqlite_database.transaction() as session:
        audits.update_audit(session, built.audit_id, graded=False)
    assert window.workspace is not None
    window.workspace.go_to(SummariesPage)
    assert page.editor.grades_box.isHidden() and not page.editor.ungraded.isHidden()
    assert page.model.index(POLICE, 0).data() == "✓"
    assert page.counts.text() == "7 summaries due: 6 complete, 1 without a summary yet."


def test_the_completeness_service_counts_only_audited_involvement(
    database: Database,
) -> None:
    with database.transaction() as session:
        made = build_audit(session)
        out = {(made.case_ids[0], made.agency_ids[1]): InvolvementStatus.OUT_OF_SCOPE}
        involvement_grid.set_cells(session, made.audit_id, out, {})
        found = summaries.completeness(session, made.audit_id)
    assert [name for _id, name in found.agencies] == ["Children's Social Care", "Police", "Health"]
    assert found.cells[1][0] is None and found.other[1][0] == "Out of scope"
    assert (found.due, found.complete, found.missing, found.unfinished) == (5, 0, 0, 5)


def test_the_model_passes_the_model_tester(page: SummariesPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_a_grade_is_undone_after_the_audit_tool_changed(
    page: SummariesPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    from panel_app.services import audit_tool
    from ui.pages.tool import ToolPage

    click(page, qtbot, POLICE, 0)
    combo = page.editor.grade_binders[1].widget
    assert isinstance(combo, QComboBox)
    choose(combo, "Inadequate")
    assert grades_of(sqlite_database, built, 0, POLICE)["Assessment"] == "Inadequate"
    assert window.workspace is not None
    with sqlite_database.transaction() as session:
        first = audit_tool.domain_rows(session, built.audit_id)[0].id
        audit_tool.update_domain(session, first, name="Referrals and early help")
    window.workspace.go_to(ToolPage)
    window.workspace.go_to(SummariesPage)  # renamed: the same combos, relabelled
    label = page.editor.grades_layout.itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert isinstance(label, QLabel) and label.text() == "Referrals and early help"
    with sqlite_database.transaction() as session:
        audit_tool.add_domain(session, built.audit_id, "Early help")
    window.workspace.go_to(ToolPage)
    window.workspace.go_to(SummariesPage)  # a domain more: the combos are made again
    assert len(page.editor.grade_binders) == 10
    window.undo_action.trigger()  # the grade chosen in a combo that is gone
    assert "Assessment" not in grades_of(sqlite_database, built, 0, POLICE)
    assert page.editor.title.text() == "Police — Child A"


def test_an_escalated_case_is_marked_in_the_headers_as_on_the_other_screens(
    window: MainWindow, sqlite_database: Database, built: Built
) -> None:
    with sqlite_database.transaction() as session:
        cases.escalate_case(session, built.case_ids[1], note="May be at current risk.")
    assert window.workspace is not None
    page = window.workspace.go_to(SummariesPage)
    assert isinstance(page, SummariesPage)
    across = Qt.Orientation.Horizontal
    shown = [page.model.headerData(c, across) for c in range(page.model.columnCount())]
    assert shown == ["Child A", "⚠ Child B"]
    assert page.model.headerData(1, across, Qt.ItemDataRole.ToolTipRole) == "Child B: escalated"
