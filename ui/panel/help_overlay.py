"""F1 in panel mode: the keyboard shortcuts, over the panel, until F1, Esc or a click."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget, shortcuts: Sequence[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName("helpOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        card = QFrame()
        card.setObjectName("helpCard")
        rows = "".join(
            f"<tr><td style='padding:2px 18px 2px 0'><b>{escape(keys)}</b></td>"
            f"<td style='padding:2px 0'>{escape(what)}</td></tr>"
            for keys, what in shortcuts
        )
        self.text = QLabel(
            f"<h3>Panel mode: keys</h3><table>{rows}</table><p>F1, Esc or a click closes this.</p>"
        )
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 16, 24, 16)
        inner.addWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        parent.installEventFilter(self)
        self.setVisible(False)

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
