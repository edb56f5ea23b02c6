"""Typing never goes nowhere in the walk-through: letters typed while the agenda, the steps or
the captured list has the keyboard (after a click there) go to the capture line instead of
being taken as a search of the list, so no word is lost to a stray click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

COMMANDS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | (Qt.KeyboardModifier.MetaModifier)
)


class TypeThrough(QObject):
    def __init__(self, line: QLineEdit, views: list[QAbstractItemView]) -> None:
        super().__init__(line)
        self.line = line
        for view in views:
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QAbstractItemView)
            and watched.state() != QAbstractItemView.State.EditingState
            and not event.modifiers() & COMMANDS
            and event.key() != Qt.Key.Key_Space
            and event.text().isprintable()
            and event.text().strip()
        ):
            self.line.setFocus(Qt.FocusReason.OtherFocusReason)
            self.line.end(False)
            typed = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self.line, typed)
            return True
        return False
