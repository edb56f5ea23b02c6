"""A minute-taker typing into a real Audit Panel process, at a seeded rhythm, for the crash
trials (tests/crash_trials.py). It starts the app as a user does (``ui.app.Starter``), goes into
panel mode on the last case's discussion (as tests/panel_driver.py does) and types lines key
by key until it is killed (or told to stop with SIGTERM, when it closes as the app does):
bursts, pauses to think (long enough for the draft to be kept), Enter after each line. It prints
what it did, each line flushed at once:

    START <case_id> <meeting_id> <ms>  typing begins
    LINE <n> <text>                    line n (from 1) is about to be typed
    KEY <n> <k> <ms>                   the k-th key of line n was typed (k = len + 1: Enter)
    ENTRY <kind> <id> <n>              line n was recorded (committed)
    DRAFT <n> <k>                      the first k characters of line n were kept as the draft

``ms`` is ``time.monotonic()`` in milliseconds, so the harness can say how much typing (in time
and keys) a kill lost.

    python tests/crash_typist.py DATABASE_URL AUDIT_ID SEED [brisk|steady]
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from db.enums import Step
from panel_app.panel.entries import Recorded
from panel_app.panel.flow import Position, StepRef
from tests.panel_driver import say, when_ready
from ui.app import Starter, make_application, quit_on_terminate
from ui.main_window import MainWindow
from ui.panel.mode import PanelMode

PHRASES = (
    "Agreed",
    "Noted",
    "No DV history held",
    "HV: two visits",
    "Police shared the referral within a day",
    "Health visitor saw the baby twice in May",
    "School had not been told of the strategy meeting",
    "The chronology stopped in 2016",
    "Mother said nobody explained the plan to her",
    "GP records show three missed appointments",
    "Children's social care held the case open for a year without a review",
    "Housing moved the family twice",
    "No one asked the child what life was like at home",
    "Early help closed the case when the family moved",
    "The core group met every six weeks",
)
KINDS = ("", "", "", "", "gp: ", "l: ")


@dataclass(frozen=True)
class Pace:
    """Gaps in milliseconds: between keys, after Enter, and a pause to think now and then."""

    key: tuple[int, int]
    after_line: tuple[int, int]
    think: tuple[int, int] = (700, 1600)
    think_chance: float = 0.03


PACES = {
    # A fast minute-taker in a burst: many lines recorded in a short trial (CI).
    "brisk": Pace(key=(12, 45), after_line=(80, 400), think_chance=0.015),
    # About 90 words a minute, as someone keeping up with people talking.
    "steady": Pace(key=(60, 170), after_line=(200, 900)),
}


def now_ms() -> float:
    return time.monotonic() * 1000


class SeededTypist:
    def __init__(self, panel: PanelMode, seed: int, pace: Pace) -> None:
        self.panel, self.pace = panel, pace
        self.rng = random.Random(seed)
        capture = panel.walk.capture
        self.line = capture.line
        self.number = 0
        self.text = ""
        self.typed = 0
        capture.recorded.connect(self.recorded)
        controller = panel.controller
        saver = controller.save_draft

        def save_draft(text: str) -> None:  # however it is triggered: a pause, or typing on
            saver(text)
            if text:
                say("DRAFT", self.number, len(text))

        controller.save_draft = save_draft  # type: ignore[method-assign]
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.key)

    def recorded(self, recorded: Recorded) -> None:
        say("ENTRY", recorded.entry.kind.value, recorded.entry.id, self.number)

    def gap(self, bounds: tuple[int, int]) -> int:
        return round(self.rng.uniform(*bounds))

    def start(self) -> None:
        self.timer.start(0)

    def key(self) -> None:
        if not self.text:
            self.number += 1
            phrase = self.rng.choice(PHRASES)
            self.text, self.typed = f"{self.rng.choice(KINDS)}{self.number}. {phrase}", 0
            say("LINE", self.number, self.text)
        if self.typed < len(self.text):
            QTest.keyClicks(self.line, self.text[self.typed])
            self.typed += 1
            say("KEY", self.number, self.typed, f"{now_ms():.1f}")
            thinking = self.rng.random() < self.pace.think_chance
            self.timer.start(self.gap(self.pace.think if thinking else self.pace.key))
            return
        QTest.keyClick(self.line, Qt.Key.Key_Return)
        say("KEY", self.number, len(self.text) + 1, f"{now_ms():.1f}")
        self.text = ""
        self.timer.start(self.gap(self.pace.after_line))


def run(url: str, audit_id: int, seed: int, pace: str = "brisk") -> None:
    app = make_application()
    window = MainWindow()
    window.show()
    starter = Starter(app, window, url)
    typists: list[SeededTypist] = []

    def begin() -> None:
        try:
            start_typing()
        except Exception as error:  # the harness is waiting for START: say why it will not come
            say("FAILED", repr(error))
            os._exit(3)

    def start_typing() -> None:
        workspace = window.open_audit(audit_id)
        assert workspace is not None
        workspace.panel_button.click()
        panel = workspace.panel
        assert panel is not None
        panel.start_walkthrough()
        last = panel.controller.walk.cases[-1].case_id
        panel.controller.go(Position(last, StepRef(Step.DISCUSSION)))
        typist = SeededTypist(panel, seed, PACES[pace])
        typists.append(typist)
        say("START", last, panel.controller.meeting_id, f"{now_ms():.1f}")
        typist.start()

    when_ready(lambda: starter.database is not None and window.database is not None, begin)
    quit_on_terminate(app)
    app.exec()
    window.close()  # as run_app does: what is being typed is saved
    if window.database is not None:
        window.database.close()


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *(sys.argv[4:5] or ["brisk"]))
