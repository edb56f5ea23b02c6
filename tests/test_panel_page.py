"""Panel mode driven through its widgets on a real database file: the register, the whole
walk-through of a demo audit, capture and its undo, escalation, the presentation view, and a
fresh window coming back to the same case and step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import AttendanceStatus, FindingKind, Step
from db.models import Action, Case, CaseGrade, DiscussionPoint, Finding, HeardSummary
from panel_app.database import Database
from panel_app.panel import progress, register
from tests.panel_helpers import (
    ALT,
    CTRL,
    SHIFT,
    all_text,
    capture,
    click,
    click_status,
    copy_of,
    count,
    demo_ids,
    demo_template,
    make_window,
    model_texts,
    read,
    start,
)
from ui import binding, msgbox
from ui.main_window import MainWindow
from ui.panel import state as panel_state
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
def demo(sqlite_database: Database) -> dict[str, int]:
    return demo_ids(sqlite_database)


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, demo: dict[str, int]) -> MainWindow:
    return make_window(qtbot, sqlite_database)


# -- the whole meeting ---------------------------------------------------------------------------
def test_a_whole_panel_from_register_to_last_conclusion_then_a_fresh_window_resumes(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    """Keys and clicks only, as a chair and a minute-taker would, then the database and a
    fresh window are checked."""
    audit_id = demo["Harmful Sexual Behaviour"]
    panel = start(qtbot, window, audit_id)
    meeting_id = panel.controller.meeting_id
    assert panel.stack.currentWidget() is panel.register

    # The register: one key per person (the next one is selected each time), one click...
    model, table = panel.register.model, panel.register.table
    click(qtbot, table, model.index(0, NAME))
    rows = model.rowCount()
    for key in [Qt.Key.Key_P] * (rows - 2) + [Qt.Key.Key_A, Qt.Key.Key_X]:
        qtbot.keyClick(table, key)
    click_status(qtbot, panel, 1, AttendanceStatus.ABSENT)
    click_status(qtbot, panel, 2, AttendanceStatus.APOLOGIES)
    # ...a name put right in place (F2), and someone who was not expected added.
    click(qtbot, table, model.index(0, NAME))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Jo Bloggs, Panel chair")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.register.name, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.register.name, "R Patel")
    qtbot.mouseClick(panel.register.role, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.register.role, "Observer")
    qtbot.keyClick(panel.register.role, Qt.Key.Key_Return)
    people = read(sqlite_database, lambda s: register.register(s, meeting_id))
    assert people[0].name == "Jo Bloggs, Panel chair"
    assert [p.status for p in people[1:3]] == [AttendanceStatus.ABSENT, AttendanceStatus.APOLOGIES]
    assert [p.status for p in people[rows - 2 : rows]] == [
        AttendanceStatus.APOLOGIES,
        AttendanceStatus.ABSENT,
    ]
    assert people[-1].name == "R Patel" and people[-1].status is AttendanceStatus.PRESENT

    # Into the walk-through. The agenda first: Alt+D, Down, Enter jumps; a click comes back.
    qtbot.keyClick(table, Qt.Key.Key_Return, CTRL)
    assert panel.stack.currentWidget() is panel.walk
    walk, controller = panel.walk, panel.controller
    agenda = [c.case_id for c in controller.walk.cases if not c.escalated]
    line = walk.capture.line
    qtbot.keyClick(line, Qt.Key.Key_D, ALT)
    assert walk.agenda.hasFocus()
    qtbot.keyClick(walk.agenda, Qt.Key.Key_Down)
    qtbot.keyClick(walk.agenda, Qt.Key.Key_Return)
    assert controller.position is not None and controller.position.case_id == agenda[1]
    assert line.hasFocus()  # the minute-taker types on where the chair went
    click(qtbot, walk.agenda, walk.agenda_model.index(0))
    assert controller.position == controller.walk.start_of(agenda[0]) and line.hasFocus()

    grades_given = 0
    for number, case_id in enumerate(agenda):
        assert controller.position is not None and controller.position.case_id == case_id
        while True:
            position = controller.position
            assert position is not None
            step = position.step
            if step is Step.AGENCY_SUMMARIES and number == 0:
                # Ctrl+H ticks it and takes the tick back; Next then ticks it for good.
                qtbot.keyClick(line, Qt.Key.Key_H, CTRL)
                assert controller.heard(case_id, position.agency_id or 0)
                qtbot.keyClick(line, Qt.Key.Key_H, CTRL)
                assert not controller.heard(case_id, position.agency_id or 0)
            elif step is Step.DISCUSSION:
                capture(qtbot, panel, "The chronology was out of date.")
                capture(qtbot, panel, "gp: The school nurse saw him every week.")
            elif step is Step.GOOD_PRACTICE:
                capture(qtbot, panel, "Persistent challenge by the Virtual School.")
            elif step is Step.LEARNING:
                capture(qtbot, panel, "? Plans must say what will change for the child.")
            elif step is Step.ACTIONS:
                capture(qtbot, panel, "Share the safety plan @NSPCC by +4w")
                capture(qtbot, panel, "Review the placement process")
                prompt = walk.capture.prompt
                assert prompt.isVisible() and prompt.owner.hasFocus()
                qtbot.keyClicks(prompt.owner, "Business Manager")
                qtbot.keyClick(prompt.owner, Qt.Key.Key_Return)
                assert prompt.due.hasFocus()
                qtbot.keyClicks(prompt.due, "end of March")
                qtbot.keyClick(prompt.due, Qt.Key.Key_Return)
                assert not prompt.isVisible() and line.hasFocus()
                capture(qtbot, panel, "a: Circulate the summaries")
                qtbot.keyClick(walk.capture.prompt.owner, Qt.Key.Key_Escape)
            elif step is Step.CONCLUSION:
                content = walk.content
                assert content.conclusion is not None
                assert "Actions not yet SMART (1)" in all_text(content)
                assert "Circulate the summaries" in model_texts(walk.capture_model)
                text = content.conclusion.text
                qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton)
                text.selectAll()
                qtbot.keyClicks(text, "Good co-ordination; plans need outcomes.")
                qtbot.keyClick(text, Qt.Key.Key_Tab)  # on to the first domain's grade
                combo = next(iter(content.conclusion.grades.values()))
                assert combo.hasFocus()
                qtbot.keyClick(combo, Qt.Key.Key_Down)
                qtbot.keyClick(combo, Qt.Key.Key_Down)
                grades_given += 1
            if number == 0 and step is Step.FAMILY_VIEWS:
                qtbot.keyClick(line, Qt.Key.Key_PageUp)  # back a step and on again...
                assert controller.position is not None
                assert controller.position.step is Step.AGENCY_SUMMARIES
                qtbot.mouseClick(walk.next_button, Qt.MouseButton.LeftButton)  # ...by button
                assert controller.position == position
            line.setFocus()
            qtbot.keyClick(line, Qt.Key.Key_PageDown)
            if step is Step.CONCLUSION:
                break
    assert "last case" in walk.status.text()
    qtbot.keyClicks(line, "Chair thanked everyone and")  # typed, not yet recorded

    def stored(session: Session) -> dict[str, Any]:
        def total(query: Any) -> int:
            return session.scalar(select(func.count()).select_from(query.subquery())) or 0

        return {
            "points": total(
                select(DiscussionPoint.id)
                .where(DiscussionPoint.case_id.in_(agenda), DiscussionPoint.step == Step.DISCUSSION)
                .where(DiscussionPoint.text == "The chronology was out of date.")
            ),
            "good": total(
                select(Finding.id).where(
                    Finding.kind == FindingKind.GOOD_PRACTICE,
                    Finding.case_id.in_(agenda),
                    Finding.step.in_([Step.GOOD_PRACTICE, Step.DISCUSSION]),
                )
            ),
            "learning": total(
                select(Finding.id).where(
                    Finding.kind == FindingKind.LEARNING,
                    Finding.step == Step.LEARNING,
                    Finding.text == "Plans must say what will change for the child.",
                )
            ),
            "actions": list(
                session.execute(
                    select(Action.case_id, Action.text, Action.owner, Action.due_date)
                    .where(Action.step == Step.ACTIONS)
                    .order_by(Action.id)
                )
            ),
            "discussed": [session.get(Case, c).discussed for c in agenda],  # type: ignore[union-attr]
            "conclusions": [session.get(Case, c).conclusion for c in agenda],  # type: ignore[union-attr]
            "heard": total(select(HeardSummary.id).where(HeardSummary.meeting_id == meeting_id)),
            "grades": total(select(CaseGrade.id).where(CaseGrade.case_id.in_(agenda))),
        }

    saved = read(sqlite_database, stored)
    assert saved["points"] == len(agenda)
    assert saved["good"] == 2 * len(agenda)
    assert saved["learning"] == len(agenda)
    actions = saved["actions"]
    assert len(actions) == 3 * len(agenda)
    assert [a.owner for a in actions[:3]] == ["NSPCC", "Business Manager", ""]
    assert actions[0].due_date is not None and actions[2].due_date is None
    assert actions[1].due_date is not None and actions[1].due_date.day == 31
    assert all(saved["discussed"])
    assert saved["conclusions"] == ["Good co-ordination; plans need outcomes."] * len(agenda)
    assert saved["heard"] == sum(len(controller.walk.case(c).agency_ids) for c in agenda)
    assert saved["grades"] >= grades_given
    last_position = controller.position

    # A fresh window, as after closing the app: straight back to the same case and step,
    # with the words typed but not recorded still in the capture line.
    window.close()
    again = make_window(qtbot, sqlite_database)
    assert again.workspace is not None and again.workspace.panel is not None
    resumed = again.workspace.panel
    assert resumed.stack.currentWidget() is resumed.walk
    assert resumed.controller.position == last_position
    assert resumed.walk.case_label.text() == controller.walk.case(agenda[-1]).pseudonym
    assert resumed.walk.capture.line.text() == "Chair thanked everyone and"
    states = [resumed.walk.agenda_model.index(r).data() for r in range(len(agenda))]
    assert all("Done" in text for text in states)
    steps = resumed.walk.steps_model
    ticks = [
        steps.index(r).data(Qt.ItemDataRole.CheckStateRole)
        for r in range(steps.rowCount())
        if steps.index(r).flags() & Qt.ItemFlag.ItemIsUserCheckable
    ]
    assert ticks and all(tick == Qt.CheckState.Checked for tick in ticks)
    grading = resumed.walk.content.conclusion
    assert grading is not None
    assert grading.text.toPlainText() == "Good co-ordination; plans need outcomes."


# -- capture, edit in place, undo ---------------------------------------------------------------
def test_capture_is_committed_on_enter_and_undone_with_ctrl_z(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    before = count(sqlite_database, DiscussionPoint)
    capture(qtbot, panel, "The school did not record the impact of neglect.")
    assert count(sqlite_database, DiscussionPoint) == before + 1
    assert panel.walk.capture.line.text() == ""
    model = panel.walk.capture_model
    assert model.index(model.rowCount() - 1, 2).data() == (
        "The school did not record the impact of neglect."
    )
    line = panel.walk.capture.line
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    assert count(sqlite_database, DiscussionPoint) == before
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL | SHIFT)
    assert count(sqlite_database, DiscussionPoint) == before + 1
    # Ctrl+Z while typing takes back the typing, not the entry.
    qtbot.keyClicks(line, "Half a sen")
    qtbot.keyClick(line, Qt.Key.Key_Z, CTRL)
    assert count(sqlite_database, DiscussionPoint) == before + 1


def test_entries_are_edited_reclassified_moved_and_deleted_in_place_all_undoable(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    walk = panel.walk
    capture(qtbot, panel, "Harbour key worker never visited the home")
    table = walk.table
    row = walk.capture_model.rowCount() - 1
    table.setFocus()
    table.selectRow(row)
    # Re-classify the selected entry as learning with Ctrl+3.
    qtbot.keyClick(table, Qt.Key.Key_3, CTRL)
    learning = "Harbour key worker never visited the home"
    assert count(sqlite_database, Finding, text=learning, kind=FindingKind.LEARNING) == 1
    assert count(sqlite_database, DiscussionPoint, text=learning) == 0
    # Edit its text in place (F2, type, Enter).
    row = next(
        r for r in range(walk.capture_model.rowCount()) if walk.capture_model.entry_at(r).text
        == learning
    )  # fmt: skip
    table.setCurrentIndex(walk.capture_model.index(row, 2))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Home visits by adult services")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(
        lambda: count(sqlite_database, Finding, text="Home visits by adult services") == 1
    )
    # Move it to the next case on the agenda.
    entry = next(e for e in panel.controller.entries if e.text == "Home visits by adult services")
    other = panel.controller.walk.cases[1].case_id
    panel.controller.change_entry(entry, "case_id", other)
    assert count(sqlite_database, Finding, text="Home visits by adult services", case_id=other) == 1
    # Undo all three: back to a discussion point with the words as typed.
    for _ in range(3):
        window.undo_action.trigger()
    assert count(sqlite_database, DiscussionPoint, text=learning) == 1
    assert count(sqlite_database, Finding, text=learning) == 0
    # Delete with the Delete key, and bring it back.
    row = next(
        r for r in range(walk.capture_model.rowCount()) if walk.capture_model.entry_at(r).text
        == learning
    )  # fmt: skip
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert count(sqlite_database, DiscussionPoint, text=learning) == 0
    assert "Ctrl+Z" in walk.status.text()
    window.undo_action.trigger()
    assert count(sqlite_database, DiscussionPoint, text=learning) == 1


def test_an_actions_owner_completes_after_at_and_a_bad_date_is_explained(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    line = panel.walk.capture.line
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_4, CTRL)
    assert panel.walk.capture.kind.currentText() == "Action"
    qtbot.keyClicks(line, "Refresh training @Harb")
    popup = panel.walk.capture.owners.popup()
    qtbot.waitUntil(popup.isVisible)
    panel.walk.capture.owners.activated.emit("Harbour Drugs and Alcohol Service")
    assert line.text() == "Refresh training @Harbour Drugs and Alcohol Service "
    qtbot.keyClicks(line, "by 01/01/2017")
    assert "owner Harbour" in panel.walk.capture.preview.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    error = panel.walk.capture.error
    assert error.isVisible() and "before the panel" in error.text()
    assert count(sqlite_database, Action, text="Refresh training", due_date=None) == 1
    prompt = panel.walk.capture.prompt
    assert prompt.due.hasFocus()
    qtbot.keyClicks(prompt.due, "31/02/2018")
    qtbot.keyClick(prompt.due, Qt.Key.Key_Return)
    assert "February 2018 has 28 days" in prompt.error.text()
    prompt.due.clear()
    qtbot.keyClicks(prompt.due, "28/02/2018")
    qtbot.keyClick(prompt.due, Qt.Key.Key_Return)
    assert not prompt.isVisible() and line.hasFocus()
    assert count(sqlite_database, Action, text="Refresh training", due_date=None) == 0


# -- escalation and the presentation view -------------------------------------------------------
def test_escalating_sets_the_case_apart_and_the_presentation_never_shows_private_things(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_database: Database,
    demo: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    shown = panel.toggle_presentation()
    qtbot.addWidget(shown)
    assert shown.isVisible()
    first = panel.controller.walk.cases[0]
    assert shown.case.text() == first.pseudonym
    capture(qtbot, panel, "+ Harbour shared information promptly")
    qtbot.waitUntil(lambda: "Harbour shared information promptly" in shown.agreed.text())
    qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_PageDown)
    qtbot.waitUntil(
        lambda: shown.step.text() == panel.controller.title_of(panel.controller.position.ref)  # type: ignore[union-attr]
    )

    qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_E, CTRL | SHIFT)
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.windowTitle().startswith("Escalate")
    )
    qtbot.keyClicks(dialog.note, "Differing views on current risk; private note.")  # type: ignore[attr-defined]
    dialog.buttons.accepted.emit()  # type: ignore[attr-defined]
    assert read(sqlite_database, lambda s: s.get(Case, first.case_id).escalation.note) == (  # type: ignore[union-attr]
        "Differing views on current risk; private note."
    )
    agenda = panel.walk.agenda_model
    last = agenda.rowCount() - 1
    assert agenda.case_at(last).case_id == first.case_id
    assert "Escalated" in agenda.index(last).data()
    qtbot.waitUntil(lambda: "escalated" in shown.agreed.text())
    assert "private note" not in " ".join(shown.texts())
    assert "private note" in all_text(panel.walk.content)  # the chair sees it

    # Walk every step of every case: the private references appear nowhere in panel mode.
    panel.controller.jump_case(panel.controller.walk.cases[1].case_id)
    while panel.controller.next():
        shown.refresh()
        for text in (all_text(panel), " ".join(shown.texts())):
            assert "SECRET-" not in text

    undo = panel.context.undo
    assert undo.undoText().startswith("Mark ")  # the last case, done at the agenda's end
    while undo.undoText() != f"Escalate {first.pseudonym}":
        assert undo.undoText().startswith(("Mark ", "Summary of "))  # done, and heard on Next
        undo.undo()
    undo.undo()
    assert read(sqlite_database, lambda s: s.get(Case, first.case_id).escalation) is None  # type: ignore[union-attr]
    assert panel.walk.agenda_model.case_at(0).case_id == first.case_id

    # Escalate again, then withdraw it from the dialog (it asks first).
    panel.controller.jump_case(first.case_id)
    dialog = panel.walk.escalate()
    assert dialog is not None
    dialog.note.setPlainText("Second thoughts.")
    dialog.buttons.accepted.emit()
    dialog = panel.walk.escalate()
    assert dialog is not None and panel.walk.escalate_button.text() == "Escalation note…"
    monkeypatch.setattr(msgbox.Question, "ask", classmethod(lambda *a, **k: True))
    dialog.withdraw()
    assert read(sqlite_database, lambda s: s.get(Case, first.case_id).escalation) is None  # type: ignore[union-attr]


def test_an_escalation_note_is_saved_as_it_is_typed_and_cancel_puts_the_case_back(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    case_id = panel.controller.walk.cases[0].case_id

    def note() -> str | None:
        found = read(sqlite_database, lambda s: s.get(Case, case_id).escalation)  # type: ignore[union-attr]
        return None if found is None else str(found.note)

    steps = panel.context.undo.count()
    dialog = panel.walk.escalate()
    assert dialog is not None
    qtbot.keyClicks(dialog.note, "Mother says the partner is back")
    # Within a second of the last keystroke it is on disk, before Escalate is pressed: the
    # laptop dying now leaves the child flagged with what was typed.
    qtbot.waitUntil(lambda: note() == "Mother says the partner is back", timeout=2000)
    assert panel.context.undo.count() == steps  # no undo step per pause
    qtbot.keyClicks(dialog.note, " at home.")
    panel.walk.leave()  # the app closing (or locking) keeps the last words too
    assert note() == "Mother says the partner is back at home."
    dialog.reject()  # Cancel: as it was before the dialog opened
    assert note() is None and panel.context.undo.count() == steps

    dialog = panel.walk.escalate()
    assert dialog is not None
    qtbot.keyClicks(dialog.note, "Current risk.")
    qtbot.waitUntil(lambda: note() == "Current risk.", timeout=2000)
    dialog.buttons.accepted.emit()  # Escalate: one undo step, from not escalated
    assert note() == "Current risk." and panel.context.undo.count() == steps + 1
    dialog = panel.walk.escalate()
    assert dialog is not None
    qtbot.keyClicks(dialog.note, " Police told.")
    qtbot.waitUntil(lambda: note() == "Current risk. Police told.", timeout=2000)
    dialog.reject()  # the note as it was when this dialog opened
    assert note() == "Current risk."
    dialog = panel.walk.escalate()
    assert dialog is not None
    dialog.note.insertPlainText("x" * 50_000)  # a paste far too long: refused, kept on screen
    dialog.save_now()
    assert dialog.error.isVisibleTo(dialog) and "characters" in dialog.error.text()
    assert note() == "Current risk." and len(dialog.note.toPlainText()) > 50_000
    dialog.reject()
    panel.context.undo.undo()
    assert note() is None


def test_the_presentation_goes_to_a_second_screen_when_there_is_one(
    qtbot: QtBot, window: MainWindow, demo: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    shown = panel.toggle_presentation()
    qtbot.addWidget(shown)
    assert shown.case.text() == "Multi-Agency Case Audit: Neglect"  # before the walk-through
    assert not shown.isFullScreen()  # one screen here: a window to share instead
    panel.toggle_presentation()
    assert not shown.isVisible()


# -- comfort ------------------------------------------------------------------------------------
def test_text_size_and_f1_help(qtbot: QtBot, window: MainWindow, demo: dict[str, int]) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    size = panel.point_size
    qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_Equal, CTRL)
    assert panel.point_size == size + 1 == panel_state.point_size()
    assert f"{size + 1:.1f}pt" in panel.styleSheet()
    qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_0, CTRL)
    assert panel.point_size == panel_state.DEFAULT_POINT_SIZE
    qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_F1)
    assert panel.help.isVisible() and "Page Down" in panel.help.text()
    qtbot.keyClick(panel.help, Qt.Key.Key_Escape)
    assert not panel.help.isVisible()


def test_the_clock_changes_colour_quietly_when_a_case_runs_over(
    qtbot: QtBot, window: MainWindow, demo: dict[str, int]
) -> None:
    from datetime import datetime, timedelta

    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    clock = panel.clock
    clock.update_clock(datetime.now())
    assert clock.text().startswith("This case 0:0")
    clock.update_clock(datetime.now() + timedelta(minutes=50))
    assert clock.property("over") is True and "min over" in clock.text()


def test_what_is_typed_is_kept_within_a_second_and_restored(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_database: Database,
    demo: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(binding, "PAUSE_MS", 50)
    panel = start(qtbot, window, demo["Neglect"])
    panel.start_walkthrough()
    meeting_id = panel.controller.meeting_id
    qtbot.keyClicks(panel.walk.capture.line, "The chair asked whether the")
    qtbot.waitUntil(
        lambda: (
            read(sqlite_database, lambda s: progress.load(s, meeting_id).draft)
            == "The chair asked whether the"
        ),
        timeout=2000,
    )
    # Leaving panel mode and coming back: the line still holds it.
    panel.leave_panel()
    assert window.workspace is not None
    again = window.workspace.start_panel()
    assert again is not None and again.walk.capture.line.text() == "The chair asked whether the"


def test_leaving_panel_mode_means_the_next_start_opens_the_list(
    qtbot: QtBot, window: MainWindow, sqlite_database: Database, demo: dict[str, int]
) -> None:
    panel = start(qtbot, window, demo["Neglect"])
    assert panel_state.open_audit(sqlite_database.location) == demo["Neglect"]
    panel.leave_panel()
    assert panel_state.open_audit(sqlite_database.location) is None
    assert window.workspace is not None and window.workspace.panel is None
