"""The clock in panel mode's top bar: time on this case against its minutes, and when the panel
will end at this rate. Over time, it changes colour quietly (no flashing, no red).

It gives way rather than push the window wider than the screen: with too little room the
text is cut short with an ellipsis (the whole of it is in the tooltip).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from panel_app.panel.clock import ClockReading, format_duration
from ui.panel.controller import PanelController

PAD_X, PAD_Y = 8, 2
TEXT = QColor("#1F2A44")
OVER_TEXT = QColor("#7A4F01")
OVER_BACKGROUND = QColor("#FFF4DB")
EXPLAINED = (
    "Time on the current case against its allotted minutes, and the panel's estimated end if "
    "the remaining cases take their allotted time."
)


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
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setContentsMargins(PAD_X, PAD_Y, PAD_X, PAD_Y)
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
        text = describe(reading)
        if text != self.text():
            self.setText(text)
            self.setToolTip(f"{text}\n\n{EXPLAINED}")
        self._set_over(reading.over or reading.late)
        self.ticked.emit()

    def _set_over(self, over: bool) -> None:
        if over != self.over:
            self.over = over
            self.setProperty("over", over)
            self.update()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 12 * self.fontMetrics().averageCharWidth()), hint.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.text():
            return
        painter = QPainter(self)
        metrics = self.fontMetrics()
        room = max(0, self.width() - 2 * PAD_X)
        text = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, room)
        width = metrics.horizontalAdvance(text) + 2 * PAD_X
        pill = QRect(0, 0, min(self.width(), width), self.height())
        if self.over:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(OVER_BACKGROUND)
            painter.drawRoundedRect(pill, 4, 4)
        painter.setPen(OVER_TEXT if self.over else TEXT)
        painter.drawText(
            pill.adjusted(PAD_X, 0, -PAD_X, 0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.end()
