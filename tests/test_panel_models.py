"""Every Qt item model of panel mode passes pytest-qt's model tester, first as it stands and
then through the changes a panel makes to it (the tester stays attached and checks each
insertion, reset and change as it happens)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from db.enums import AttendanceStatus, Step
from panel_app.database import Database
from panel_app.panel.escalation import EscalationInfo
from panel_app.panel.flow import Position, StepRef
from tests.panel_helpers import capture, copy_of, demo_ids, demo_template, make_window, start
from ui.main_window import MainWindow
from ui.panel.register_model import NAME

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    return demo_template(tmp_path_factory.mktemp("panel-demo"), sqlite_template)


@pytest.fixture
def sqlite_database(tmp_path: Path, template: Path) -> Iterator[Database]:
    database = copy_of(template, tmp_path)
    yield database
    database.close()


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database) -> MainWindow:
    return make_window(qtbot, sqlite_database)


def test_the_register_model(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, qtmodeltester: Any
) -> None:
    panel = start(qtbot, window, demo_ids(sqlite_database)["Neglect"])
    view = panel.register
    qtmodeltester.check(view.model)
    first = view.model.row_at(0)
    view.mark(first.id, AttendanceStatus.APOLOGIES)
    assert view.model.setData(view.model.index(0, NAME), "Jo Bloggs")
    assert not view.model.setData(view.model.index(0, NAME), "   ")  # refused, said beside
    assert view.add_error.isVisible()
    view.name.setText("R Patel")
    view.add_person()
    view.table.selectRow(view.model.rowCount() - 1)
    view.remove_selected()
    panel.context.undo.undo()  # R Patel back
    assert view.model.row_at(view.model.rowCount() - 1).name == "R Patel"
    assert view.model.index(0, NAME).flags() & Qt.ItemFlag.ItemIsEditable


def test_the_agenda_steps_and_capture_models_through_a_panel(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, qtmodeltester: Any
) -> None:
    panel = start(qtbot, window, demo_ids(sqlite_database)["Harmful Sexual Behaviour"])
    panel.start_walkthrough()
    walk, controller = panel.walk, panel.controller
    for model in (walk.agenda_model, walk.steps_model, walk.capture_model):
        qtmodeltester.check(model)
    assert walk.capture_model.columnCount() == 5 and walk.agenda_model.rowCount() >= 2
    # Entries come and go; steps and cases change; the list shows the whole case or a step.
    capture(qtbot, panel, "a: Share the plan")
    capture(qtbot, panel, "The chronology was out of date.")
    first = controller.walk.cases[0].case_id
    controller.go(Position(first, StepRef(Step.DISCUSSION)))
    capture(qtbot, panel, "gp: The school nurse saw him every week.")
    walk.whole_case.setChecked(True)
    entry = walk.capture_model.entry_at(walk.capture_model.rowCount() - 1)
    controller.change_entry(entry, "kind", "learning")
    controller.delete_entry(walk.capture_model.entry_at(0))
    panel.context.undo.undo()
    walk.whole_case.setChecked(False)
    controller.next()
    agency = controller.walk.case(first).agency_ids[0]
    controller.set_heard(first, agency, True)
    walk.agenda_model.tick()
    # An escalation moves a case to the foot of the agenda, under its heading.
    controller.set_escalation(first, EscalationInfo("Differing views on current risk."))
    last = walk.agenda_model.rowCount() - 1
    assert walk.agenda_model.case_at(last).case_id == first
    assert walk.agenda_model.index(last).data(walk.agenda_model.HEADING)
    controller.jump_case(controller.walk.cases[1].case_id)
    controller.go(controller.walk.end_of(controller.walk.cases[1].case_id))  # the conclusion
    panel.context.undo.undo()  # the escalation withdrawn
    assert walk.agenda_model.case_at(0).case_id == first
    assert walk.agenda_model.index(0).data(walk.agenda_model.HEADING) is None
