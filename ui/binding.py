"""Save-as-you-type: one ``FieldBinder`` ties a widget to one stored field.

A pause in typing, leaving the field, switching screens and closing the window all save; there
is no Save button and nothing typed is lost. A value the services refuse stays in the widget
with the reason shown beside it, and the stored value is left as it was. Every saved change is
an undoable step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, time
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from panel_app.dates import format_short
from panel_app.errors import DomainError, StorageError
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

REDO = QKeySequence.StandardKey.Redo

#: How long a pause in typing is before it is saved.
PAUSE_MS = 600
#: Typing without a pause is saved at least this often, so a crash loses at most this much.
MAX_WAIT_MS = 1000
#: How soon a save the database could not take (the disk was full, say) is tried again.
RETRY_MS = 2000

Load = Callable[["Session"], Any]
Save = Callable[["Session", Any], Any]
FieldWidget = QLineEdit | QPlainTextEdit | QCheckBox | QComboBox | QSpinBox


def shown_text(value: Any) -> str:
    """A stored value as a text box shows it: dates UK style, times as 09:30."""
    if value is None:
        return ""
    if isinstance(value, date):
        return format_short(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def fill_choices(combo: QComboBox, choices: Sequence[tuple[str, Any]]) -> None:
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.blockSignals(False)


class FieldBinder(QObject):
    def __init__(
        self,
        context: AuditContext,
        widget: FieldWidget,
        *,
        label: str,
        load: Load,
        save: Save,
        what: str,
        error: QLabel | None = None,
    ) -> None:
        super().__init__(widget)
        self.context, self.widget, self.label = context, widget, label
        self.load, self.save, self.what, self.error = load, save, what, error
        self._stored: Any = None
        self._shown: Any = None
        self._round = 0  # a new round each time the user leaves the field: a new undo step
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self._latest = _single_shot(self, MAX_WAIT_MS, self.commit)
        self._retry = _single_shot(self, RETRY_MS, self.commit)
        self._connect()
        widget.installEventFilter(self)
        widget.destroyed.connect(lambda *_: context.forget(self))
        context.register(self)
        widget.setAccessibleName(label)

    # -- the widget ---------------------------------------------------------------------------
    def _connect(self) -> None:
        w = self.widget
        if isinstance(w, QLineEdit):
            w.textEdited.connect(self._typed)
            w.editingFinished.connect(self._left)
        elif isinstance(w, QPlainTextEdit):
            w.setUndoRedoEnabled(False)  # one undo history: the app's
            w.textChanged.connect(self._typed)
        elif isinstance(w, QCheckBox):
            w.toggled.connect(lambda _on: self.commit())
        elif isinstance(w, QComboBox):
            w.activated.connect(lambda _i: self.commit())
        else:
            w.valueChanged.connect(self._typed)
            w.editingFinished.connect(self._left)

    def _raw(self) -> Any:
        w = self.widget
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        return w.value()

    def _display(self, value: Any) -> None:
        w = self.widget
        w.blockSignals(True)
        try:
            if isinstance(w, QLineEdit):
                w.setText(shown_text(value))
                w.setCursorPosition(0)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText(shown_text(value))
            elif isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                index = w.findData(value.value if isinstance(value, Enum) else value)
                if index < 0:
                    index = w.findData(value)
                w.setCurrentIndex(index)
            else:
                w.setValue(int(value or 0))
        finally:
            w.blockSignals(False)
        self._shown = self._raw()

    def _typed(self, *_: object) -> None:
        self._timer.start()
        if not self._latest.isActive():
            self._latest.start()

    def _left(self) -> None:
        self.commit()
        if not self.has_error():
            self._display(self._stored)  # 31,03,17 becomes 31/03/2017 once saved
        self._round += 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._left()
        elif (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (event.matches(QKeySequence.StandardKey.Undo) or event.matches(REDO))
        ):
            # Text boxes have their own undo; the app's (which knows what was saved) wins.
            self.commit()
            self._round += 1
            event.ignore()
            return True
        return False

    # -- the stored value ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the stored value (after a reload or a switch to another record)."""
        self._timer.stop()
        self._latest.stop()
        self._retry.stop()
        self._stored = self.context.read(self.load)
        self._display(self._stored)
        self._show_error("")
        self._round += 1

    def has_error(self) -> bool:
        return bool(self.error and self.error.text())

    def commit(self) -> str:
        """Save what the widget shows if it changed; returns the refusal message, if any."""
        self._timer.stop()
        self._latest.stop()
        self._retry.stop()
        raw = self._raw()
        if raw == self._shown and not self.has_error():
            return ""
        try:
            self.context.write(lambda session: self.save(session, raw), self.what)
        except DomainError as refusal:
            self._show_error(refusal.message)
            if isinstance(refusal, StorageError):
                self._retry.start()  # the text stays; it is saved once the fault clears
            return refusal.message
        old, self._stored = self._stored, self.context.read(self.load)
        self._shown = raw
        self._show_error("")
        if old != self._stored:
            self.context.undo.push(
                Edit(f"Edit {self.label.lower()}", self._write_back, old, self._stored,
                     key=(id(self), self._round))
            )  # fmt: skip
        return ""

    def _write_back(self, value: Any) -> None:
        self.context.write(lambda session: self.save(session, value), self.what)
        self._stored = self.context.read(self.load)
        self._display(self._stored)
        self._show_error("")
        self._round += 1

    def _show_error(self, message: str) -> None:
        self.widget.setProperty("invalid", bool(message))
        self.widget.style().unpolish(self.widget)
        self.widget.style().polish(self.widget)
        self.widget.setAccessibleDescription(message)
        if self.error is not None:
            self.error.setText(message)
            self.error.setVisible(bool(message))


def _single_shot(parent: QObject, interval: int, slot: Callable[[], object]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def field_row(widget: QWidget, error: QLabel) -> QWidget:
    """A widget with its error line under it, as one form row."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box
