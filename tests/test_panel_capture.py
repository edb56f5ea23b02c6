"""The minute-taker's side of panel mode, through its widgets: owners offered best first, a
huge paste refused without losing it, typing never lost to a stray click, long points shown
whole, and everything typed kept within a second and on closing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from db.enums import Step
from db.models import DiscussionPoint
from panel_app.database import Database
from panel_app.panel import progress, views
from panel_app.panel.flow import Position, StepRef
from tests.panel_helpers import (
    CTRL,
    capture,
    click,
    copy_of,
    count,
    demo_ids,
    demo_template,
    make_window,
    read,
    start,
)
from ui.main_window import MainWindow
from ui.panel import state as panel_state
from ui.panel.mode import PanelMode

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


@pytest.fixture
def panel(qtbot: QtBot, window: MainWindow, sqlite_database: Database) -> PanelMode:
    shown = start(qtbot, window, demo_ids(sqlite_database)["Neglect"])
    shown.start_walkthrough()
    return shown


def discussion(panel: PanelMode) -> None:
    controller = panel.controller
    assert controller.position is not None
    controller.go(Position(controller.position.case_id, StepRef(Step.DISCUSSION)))


# -- owners ---------------------------------------------------------------------------------------
def test_the_owner_asked_for_offers_the_best_match_first_and_tab_keeps_it(
    qtbot: QtBot, panel: PanelMode, sqlite_database: Database
) -> None:
    capture(qtbot, panel, "a: Share the chronology with the GP")
    prompt = panel.walk.capture.prompt
    assert prompt.isVisible() and prompt.owner.hasFocus()
    qtbot.keyClicks(prompt.owner, "bus")
    popup = prompt.completer.list_view()
    qtbot.waitUntil(popup.isVisible)
    first = popup.model().index(0, 0).data()
    assert first == "Business Manager"  # before "Plymouth Domestic Abuse Service"
    assert popup.font().pointSizeF() == prompt.owner.font().pointSizeF()  # panel text size
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # closes the list only
    assert prompt.isVisible() and prompt.owner.hasFocus() and not popup.isVisible()
    prompt.owner.setText("NSPCC")
    qtbot.keyClick(prompt.owner, Qt.Key.Key_Tab)  # on to the date: the owner is kept
    assert prompt.due.hasFocus()
    entry = next(
        e for e in panel.controller.entries if e.text == "Share the chronology with the GP"
    )
    assert entry.owner == "NSPCC"
    qtbot.keyClick(prompt.due, Qt.Key.Key_Escape)
    assert not prompt.isVisible() and panel.walk.capture.line.hasFocus()


# -- bad input ------------------------------------------------------------------------------------
def test_a_50000_character_paste_is_refused_in_plain_words_and_stays_in_the_line(
    qtbot: QtBot, panel: PanelMode, sqlite_database: Database
) -> None:
    discussion(panel)
    line = panel.walk.capture.line
    words = "The agencies shared information promptly. " * 1200  # 50,400 characters
    QApplication.clipboard().setText(words)
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_V, CTRL)
    assert len(line.text()) == len(words)  # not cut at Qt's default 32,767
    before = count(sqlite_database, DiscussionPoint)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    error = panel.walk.capture.error
    assert error.isVisible() and "it can hold at most 20,000" in error.text()
    assert line.text() == words  # nothing lost: shorten it and press Enter again
    assert count(sqlite_database, DiscussionPoint) == before


# -- never lose a word ----------------------------------------------------------------------------
def test_typing_after_a_click_in_a_list_goes_to_the_capture_line(
    qtbot: QtBot, panel: PanelMode
) -> None:
    walk = panel.walk
    discussion(panel)
    capture(qtbot, panel, "The school did not record the impact of neglect.")
    click(qtbot, walk.table, walk.capture_model.index(0, 2))
    assert walk.table.hasFocus()
    qtbot.keyClicks(walk.table, "H")  # the first key moves the keyboard to the line...
    qtbot.keyClicks(QApplication.focusWidget(), "ealth visitor")  # ...where the rest goes
    assert walk.capture.line.text() == "Health visitor" and walk.capture.line.hasFocus()
    click(qtbot, walk.steps, walk.steps_model.index(0))  # a jump: the line is ready again
    assert walk.capture.line.hasFocus()
    qtbot.keyClicks(walk.steps, "a")
    qtbot.keyClicks(QApplication.focusWidget(), "lso")
    assert walk.capture.line.text() == "Health visitoralso"


def test_a_long_point_is_shown_whole_on_as_many_lines_as_it_needs(
    qtbot: QtBot, panel: PanelMode
) -> None:
    discussion(panel)
    words = "The chair asked whether the chronology had been shared with health. " * 5
    capture(qtbot, panel, words)
    table, model = panel.walk.table, panel.walk.capture_model
    row = model.rowCount() - 1
    assert model.entry_at(row).text == words.strip()
    assert table.rowHeight(row) >= 3 * table.fontMetrics().height()


def test_the_keyboards_menu_opens_the_menu_of_the_selected_entry(
    qtbot: QtBot, panel: PanelMode
) -> None:
    """The menu key asks for the menu away from any row (Qt's offscreen platform does not turn
    the key into that request, so it is made here as the key would)."""
    discussion(panel)
    capture(qtbot, panel, "Harbour key worker never visited the home")
    table = panel.walk.table
    click(qtbot, table, panel.walk.capture_model.index(panel.walk.capture_model.rowCount() - 1, 2))
    assert table.hasFocus()
    table.customContextMenuRequested.emit(QPoint(-10, -10))
    menu = next(m for m in table.findChildren(QMenu) if m.isVisible())
    titles = [action.text() for action in menu.actions()]
    assert "Re-&classify as" in titles and "&Move to case" in titles
    menu.close()


def test_the_conclusion_is_kept_within_a_second_of_the_last_keystroke(
    qtbot: QtBot, panel: PanelMode, sqlite_database: Database
) -> None:
    controller = panel.controller
    assert controller.position is not None
    case_id = controller.position.case_id
    controller.go(controller.walk.end_of(case_id))
    form = panel.walk.content.conclusion
    assert form is not None
    form.text.setFocus()
    form.text.selectAll()
    qtbot.keyClicks(form.text, "Good co-ordination")
    qtbot.waitUntil(
        lambda: (
            read(sqlite_database, lambda s: views.conclusion_of(s, case_id)) == "Good co-ordination"
        ),
        timeout=1000,
    )


def test_closing_the_window_keeps_the_move_and_every_word_being_typed(
    qtbot: QtBot, window: MainWindow, panel: PanelMode, sqlite_database: Database
) -> None:
    controller = panel.controller
    meeting_id = controller.meeting_id
    second = controller.walk.cases[1].case_id
    controller.go(controller.walk.end_of(second))  # shown; saved after the repaint
    form = panel.walk.content.conclusion
    assert form is not None
    form.text.setFocus()
    form.text.selectAll()
    qtbot.keyClicks(form.text, "Plans need outcomes")
    qtbot.keyClicks(panel.walk.capture.line, "The chair asked")
    window.close()  # no pause: nothing has been saved by a timer yet
    saved = read(sqlite_database, lambda s: progress.load(s, meeting_id))
    assert saved.position == controller.walk.end_of(second)
    assert saved.draft == "The chair asked"
    assert read(sqlite_database, lambda s: views.conclusion_of(s, second)) == "Plans need outcomes"
    assert panel_state.open_audit(sqlite_database.location) == controller.audit_id


# -- the chair's screen ---------------------------------------------------------------------------
def test_the_projector_view_does_not_take_the_keyboard_from_the_minute_taker(
    qtbot: QtBot, window: MainWindow, panel: PanelMode
) -> None:
    line = panel.walk.capture.line
    line.setFocus()
    shown = panel.toggle_presentation()
    qtbot.addWidget(shown)
    qtbot.waitUntil(shown.isVisible)
    qtbot.wait(50)  # the projector window's first paint and activation, had it taken any
    assert QApplication.activeWindow() is window and line.hasFocus()


def test_the_window_never_grows_past_a_laptop_screen(qtbot: QtBot, panel: PanelMode) -> None:
    """At the largest text, with the clock's longest reading, the walk-through still fits in
    1366 pixels: what does not fit gives way (the clock is cut short, lists wrap)."""
    from datetime import datetime, timedelta

    for _ in range(20):
        qtbot.keyClick(panel.walk.capture.line, Qt.Key.Key_Equal, CTRL)
    panel.clock.timer.stop()
    panel.clock.update_clock(datetime.now() + timedelta(hours=3))
    assert "min over" in panel.clock.text()
    assert panel.minimumSizeHint().width() <= 1366
