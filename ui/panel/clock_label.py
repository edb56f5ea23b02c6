"""The clock in panel mode's top bar: time on this case against its minutes, and when the panel
will end at this rate. Over time, it changes colour quietly (no flashing, no red)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel

from panel_app.panel.clock import ClockReading, format_duration
from ui.panel.controller import PanelController


def describe(reading: ClockReading) -> str:
    minutes = int(reading.allotted.total_seconds() // 60)
    text = f"This case {format_duration(reading.spent)} of {minutes} min"
    if reading.over:
        over = max(1, int(reading.over_by.total_seconds() // 60))
        text += f" ({over} min over)"
    text += f" · ends about {reading.estimated_end:%H:%M}"
    if reading.planned_end is not None:
        text += f" (planned {reading.planned_end:%H:%M})"
    return text


class ClockLabel(QLabel):
    ticked = Signal()

    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("panelClock")
        self.setAccessibleName("Panel clock")
        self.controller = controller
        self.over = False
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.update_clock)
        self.timer.start()
        controller.moved.connect(self.update_clock)
        controller.agenda_changed.connect(self.update_clock)
        self.update_clock()

    def update_clock(self, now: datetime | None = None) -> None:
        reading = self.controller.reading(now)
        if reading is None or not self.controller.state.register_done:
            self.setText("")
            self._set_over(False)
            return
        self.setText(describe(reading))
        self.setToolTip(
            "Time on the current case against its allotted minutes, and the panel's estimated "
            "end if the remaining cases take their allotted time."
        )
        self._set_over(reading.over or reading.late)
        self.ticked.emit()

    def _set_over(self, over: bool) -> None:
        if over != self.over:
            self.over = over
            self.setProperty("over", over)
            self.style().unpolish(self)
            self.style().polish(self)
