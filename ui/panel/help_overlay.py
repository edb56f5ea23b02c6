"""F1 in panel mode: the keyboard shortcuts, by section in two columns, over the panel, until
F1, Esc or a click."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

Section = tuple[str, Sequence[tuple[str, str]]]


def section_html(title: str, keys: Sequence[tuple[str, str]]) -> str:
    rows = "".join(
        f"<tr><td style='padding:2px 14px 2px 0; white-space:nowrap'><b>{escape(key)}</b></td>"
        f"<td style='padding:2px 0'>{escape(what)}</td></tr>"
        for key, what in keys
    )
    return f"<p style='color:#2B5797'><b>{escape(title)}</b></p><table>{rows}</table>"


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget, sections: Sequence[Section]) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName("helpOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        card = QFrame()
        card.setObjectName("helpCard")
        title = QLabel("Panel mode: keys")
        title.setObjectName("panelHeading")
        grid = QGridLayout()
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(10)
        self.parts: list[QLabel] = []
        half = (len(sections) + 1) // 2
        for number, (name, keys) in enumerate(sections):
            part = QLabel(section_html(name, keys))
            part.setTextFormat(Qt.TextFormat.RichText)
            part.setWordWrap(True)
            part.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            grid.addWidget(part, number % half, number // half)
            self.parts.append(part)
        closing = QLabel("F1, Esc or a click closes this.")
        closing.setObjectName("panelQuiet")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 18, 28, 18)
        inner.addWidget(title)
        inner.addLayout(grid)
        inner.addWidget(closing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.setVisible(False)

    def text(self) -> str:
        """Everything the overlay says (plain), for tests and screen readers alike."""
        return "\n".join(part.text() for part in self.parts)

    def toggle(self) -> None:
        if self.isVisible():
            self.close_overlay()
        else:
            self.setGeometry(self.host.rect())
            self.raise_()
            self.setVisible(True)
            self.setFocus()

    def close_overlay(self) -> None:
        self.setVisible(False)
        self.host.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(20, 33, 61, 150))
        painter.end()
        super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1):
            self.close_overlay()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_overlay()
