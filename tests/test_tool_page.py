"""The Audit tool screen: domains and grading scale, driven through its widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from panel_app.database import Database
from panel_app.services import audit_tool, audits, involvement
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui import msgbox
from ui.main_window import MainWindow
from ui.pages.tool import ToolPage

pytestmark = pytest.mark.gui


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        return build_audit(session)


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id)


@pytest.fixture
def page(window: MainWindow) -> ToolPage:
    return screen(window, ToolPage)


def domains(database: Database, audit_id: int) -> list[str]:
    with database.transaction() as session:
        return [row.name for row in audit_tool.domain_rows(session, audit_id)]


def scale(database: Database, audit_id: int) -> list[tuple[str, str]]:
    with database.transaction() as session:
        return [(row.label, row.colour) for row in audit_tool.level_rows(session, audit_id)]


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def answer(monkeypatch: pytest.MonkeyPatch, reply: bool) -> list[str]:
    asked: list[str] = []

    def ask(_cls: object, _parent: object, _title: str, message: str, default: bool = False):  # type: ignore[no-untyped-def]
        asked.append(message)
        return reply

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    return asked


def test_a_domain_is_added_named_and_moved_from_the_keyboard(
    page: ToolPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.domains.view.setFocus()
    qtbot.keyClick(page.domains.view, Qt.Key.Key_Insert)
    assert page.domain_name.hasFocus() and page.domain_name.text() == "New domain"
    type_into(qtbot, page.domain_name, "Early help")
    assert domains(sqlite_database, built.audit_id)[-1] == "Early help"
    qtbot.keyClick(page.domains.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert domains(sqlite_database, built.audit_id)[-2:] == ["Early help", "Equality and diversity"]
    window.undo_action.trigger()
    assert domains(sqlite_database, built.audit_id)[-1] == "Early help"


def test_a_duplicate_domain_name_is_refused_beside_the_field(
    page: ToolPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    page.domains.view.selectRow(1)
    type_into(qtbot, page.domain_name, "referrals")
    error = page.domains.binders[0].error
    assert error is not None and not error.isHidden()
    assert error.text() == "This audit already has a domain called 'Referrals'."
    assert domains(sqlite_database, built.audit_id)[1] == "Assessment"
    assert page.domain_name.text() == "referrals"  # kept, to put right


def test_an_empty_grade_name_or_a_bad_colour_is_explained(
    page: ToolPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    before = scale(sqlite_database, built.audit_id)
    page.scale.view.selectRow(0)
    page.label.setFocus()
    page.label.selectAll()
    qtbot.keyClick(page.label, Qt.Key.Key_Delete)
    page.label.editingFinished.emit()
    assert page.scale.binders[0].error_line.text() == "The grade's label cannot be empty."
    page.label.setText("Outstanding")
    page.label.editingFinished.emit()
    type_into(qtbot, page.colour, "green")
    assert page.colour_binder.error_line.text() == (
        "The grade's colour: 'green' is not a colour such as #2E7D32."
    )
    assert scale(sqlite_database, built.audit_id) == before


def test_deleting_a_domain_asks_and_undo_brings_its_grades_back(
    page: ToolPage,
    window: MainWindow,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(monkeypatch, True)
    page.domains.view.selectRow(0)  # Referrals: each agency graded it
    page.domains.delete_button.click()
    assert asked == [
        "Delete 'Referrals'? The 6 grades given for it will be lost; Undo brings the domain "
        "back with them."
    ]
    assert "Referrals" not in domains(sqlite_database, built.audit_id)
    window.undo_action.trigger()
    assert domains(sqlite_database, built.audit_id)[0] == "Referrals"
    with sqlite_database.transaction() as session:
        item = involvement.involvement_of(session, built.case_ids[0], built.agency_ids[0])
        assert item is not None
        assert [(g.domain.name, g.level.label) for g in item.grades] == [("Referrals", "Good")]
    window.redo_action.trigger()  # asked already: redo deletes it again
    assert "Referrals" not in domains(sqlite_database, built.audit_id)


def test_a_standard_scale_replaces_the_grades_after_asking(
    page: ToolPage,
    window: MainWindow,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = answer(monkeypatch, True)
    page.rag_action.trigger()
    assert asked and asked[0].startswith("Use red, amber, green? The 6 grades already given")
    assert [label for label, _c in scale(sqlite_database, built.audit_id)] == [
        "Green", "Amber", "Red",
    ]  # fmt: skip
    window.undo_action.trigger()
    assert scale(sqlite_database, built.audit_id)[0] == ("Outstanding", "#1B5E20")


def test_an_ungraded_audit_sets_the_scale_aside(
    page: ToolPage, built: Built, sqlite_database: Database
) -> None:
    page.graded.setChecked(False)
    with sqlite_database.transaction() as session:
        assert audits.get_audit(session, built.audit_id).graded is False
    assert not page.scale.isEnabled()
    assert page.scale.title() == "Grading scale (not used: no grades)"


def test_the_models_pass_the_model_tester(page: ToolPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.domains.model)
    qtmodeltester.check(page.scale.model)
