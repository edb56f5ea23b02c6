"""Drives a real Audit Panel process in panel mode, for tests/test_panel_crash.py.

    python tests/panel_driver.py DATABASE_URL AUDIT_ID type      types entries until killed
    python tests/panel_driver.py DATABASE_URL AUDIT_ID conclude  types a conclusion until killed
    python tests/panel_driver.py DATABASE_URL AUDIT_ID present   opens the presentation view
    python tests/panel_driver.py DATABASE_URL AUDIT_ID report    prints where the app reopened

The app starts as it does for a user (``ui.app.Starter``: database opened after the first
paint, panel mode resumed if it was left open). ``type`` starts the panel, goes to the second
case's discussion, then types lines key by key on a timer, pressing Enter after each, and
prints ``ENTRY <kind> <id>`` as each is committed; after the tenth it pauses long enough for the
draft to be kept (``DRAFT <text>``), and prints ``TYPING`` whenever it is part-way through a
line, so the test can kill it mid-keystroke.

``conclude`` goes to the first case's conclusion and types it key by key; after the first
sentence it pauses long enough for the field to be saved (``KEPT <text>``), then types on
(``TYPING``). ``present`` opens the presentation view and prints the screen the chair's window
is on (``CHAIR <screen>``) and where the view went (``PRESENTED <screen> <full screen 0/1>``),
then closes the window as File > Quit does (the process must then end). ``report`` also
prints the first case's conclusion (``CONCLUSION <text>``).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from db.enums import Step
from panel_app.panel import views
from panel_app.panel.entries import Recorded
from panel_app.panel.flow import Position, StepRef
from ui import binding
from ui.app import Starter, make_application
from ui.main_window import MainWindow
from ui.panel.mode import PanelMode

DRAFT_AFTER = 10
DRAFT = "The chair asked whether the school"


def say(*words: object) -> None:
    print(*words, flush=True)


def when_ready(test: Callable[[], bool], then: Callable[[], None]) -> None:
    """Poll (the database opens after the first paint) until ``test()`` is true."""

    def check() -> None:
        if test():
            then()
        else:
            QTimer.singleShot(10, check)

    QTimer.singleShot(10, check)


class Typist:
    def __init__(self, panel: PanelMode) -> None:
        self.panel = panel
        self.line = panel.walk.capture.line
        self.lines = (
            f"Entry {n}: the agencies shared information promptly" for n in itertools.count(1)
        )
        self.current = ""
        self.typed = 0
        self.entries = 0
        panel.walk.capture.recorded.connect(self.recorded)
        saver = panel.walk.capture.save_draft

        def save_draft() -> None:
            saver()
            if self.line.text():
                say("DRAFT", self.line.text())

        panel.walk.capture._draft_timer.timeout.disconnect()
        panel.walk.capture._draft_timer.timeout.connect(save_draft)
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self.key)

    def recorded(self, recorded: Recorded) -> None:
        entry = recorded.entry
        self.entries += 1
        say("ENTRY", entry.kind.value, entry.id)
        if self.entries == DRAFT_AFTER:
            # A pause in typing: the draft must be kept within a second.
            self.timer.stop()
            QTest.keyClicks(self.line, DRAFT)
            QTimer.singleShot(binding.PAUSE_MS + 400, self.timer.start)
            self.current, self.typed = DRAFT + " had been told.", len(DRAFT)

    def key(self) -> None:
        if not self.current:
            self.current, self.typed = next(self.lines), 0
        if self.typed < len(self.current):
            QTest.keyClick(self.line, self.current[self.typed])
            self.typed += 1
            if self.typed % 5 == 0:
                say("TYPING", self.entries)
            return
        self.current = ""
        QTest.keyClick(self.line, Qt.Key.Key_Return)


class Concluder:
    """Types the first case's conclusion key by key (the field saves itself after a pause)."""

    FIRST = "Good multi-agency working and information sharing."
    THEN = " The plan recorded tasks rather than the change expected for the child."

    def __init__(self, panel: PanelMode) -> None:
        form = panel.walk.content.conclusion
        assert form is not None
        self.text = form.text
        self.text.setFocus()
        self.typed = 0
        self.paused = False
        self.words = self.FIRST + self.THEN * 20
        self.timer = QTimer()
        self.timer.setInterval(2)
        self.timer.timeout.connect(self.key)

    def key(self) -> None:
        if self.typed == len(self.FIRST) and not self.paused:
            # A pause in typing: the conclusion must be kept within a second.
            self.paused = True
            self.timer.stop()

            def kept() -> None:
                say("KEPT", self.text.toPlainText())
                self.timer.start()

            QTimer.singleShot(binding.PAUSE_MS + 400, kept)
            return
        if self.typed >= len(self.words):
            self.timer.stop()
            return
        QTest.keyClicks(self.text, self.words[self.typed])
        self.typed += 1
        if self.paused and self.typed % 5 == 0:
            say("TYPING", self.typed)


def main() -> None:
    url, audit_id, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = make_application()
    window = MainWindow()
    window.show()
    starter = Starter(app, window, url)
    typist: list[Typist] = []
    concluder: list[Concluder] = []

    def panel() -> PanelMode | None:
        return window.workspace.panel if window.workspace is not None else None

    def report() -> None:
        shown = panel()
        assert shown is not None
        position = shown.controller.position
        assert position is not None
        say("POSITION", position.case_id, position.step.value, position.agency_id)
        say("LINE", shown.walk.capture.line.text())
        first = shown.controller.walk.cases[0].case_id
        conclusion = shown.controller.context.read(lambda s: views.conclusion_of(s, first))
        say("CONCLUSION", conclusion.replace("\n", " "))
        app.quit()

    def present(shown: PanelMode) -> None:
        presentation = shown.toggle_presentation()

        def placed() -> None:
            screen = presentation.screen()
            say("CHAIR", window.screen().name())
            say("PRESENTED", screen.name(), int(presentation.isFullScreen()))
            window.close()  # as File > Quit does: the app must end, projector view and all

        QTimer.singleShot(200, placed)

    def begin() -> None:
        workspace = window.open_audit(audit_id)
        assert workspace is not None
        workspace.panel_button.click()
        shown = panel()
        assert shown is not None
        shown.start_walkthrough()
        if mode == "present":
            present(shown)
            return
        if mode == "conclude":
            first = shown.controller.walk.cases[0].case_id
            shown.controller.go(shown.controller.walk.end_of(first))
            say("POSITION", first, Step.CONCLUSION.value, None)
            concluder.append(Concluder(shown))
            concluder[0].timer.start()
            return
        second = shown.controller.walk.cases[1].case_id
        shown.controller.go(Position(second, StepRef(Step.DISCUSSION)))
        say("POSITION", second, Step.DISCUSSION.value, None)
        typist.append(Typist(shown))
        typist[0].timer.start()

    if mode == "report":
        when_ready(lambda: panel() is not None, report)
    else:
        when_ready(lambda: starter.database is not None and window.database is not None, begin)
    app.exec()


if __name__ == "__main__":
    main()
