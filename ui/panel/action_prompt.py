"""Asks for an action's owner and due date right after it is recorded, without leaving the
keyboard: Enter sets each, Esc leaves it (the action is then listed as not SMART)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QGridLayout, QLabel, QLineEdit

from panel_app.errors import DomainError
from panel_app.panel.entries import Entry
from ui.binding import error_label
from ui.panel.controller import PanelController
from ui.panel.owner_completer import OwnerCompleter

#: Leaving the owner field this way keeps what was typed (a completer's list opening does not).
KEEP_ON_LEAVING = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.MouseFocusReason,
)


class ActionPrompt(QFrame):
    finished = Signal()

    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("actionPrompt")
        self.controller = controller
        self.entry: Entry | None = None
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.owner = QLineEdit()
        self.owner.setAccessibleName("Owner of the action")
        self.owner.setPlaceholderText("Start typing: an agency, All agencies, Business Manager…")
        self.completer = OwnerCompleter(controller.owners, self)
        self.completer.attach(self.owner)
        self.due = QLineEdit()
        self.due.setAccessibleName("Due date of the action")
        self.due.setPlaceholderText("e.g. 31/03, +4w, end of March")
        self.due.setToolTip("Type a date such as 31/03/2027, 10 May, +4w or end of March.")
        owner_label = QLabel("&Owner")
        owner_label.setBuddy(self.owner)
        due_label = QLabel("Due da&te")
        due_label.setBuddy(self.due)
        hint = QLabel(
            "Enter sets each · Tab moves on · Esc leaves it (the action is then listed as "
            "not SMART at the case's conclusion)"
        )
        hint.setWordWrap(True)
        hint.setObjectName("panelQuiet")
        self.error = error_label()
        layout = QGridLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.question, 0, 0, 1, 4)
        layout.addWidget(owner_label, 1, 0)
        layout.addWidget(self.owner, 1, 1)
        layout.addWidget(due_label, 1, 2)
        layout.addWidget(self.due, 1, 3)
        layout.addWidget(hint, 2, 0, 1, 4)
        layout.addWidget(self.error, 3, 0, 1, 4)
        layout.setColumnStretch(1, 3)
        layout.setColumnStretch(3, 2)
        self.owner.returnPressed.connect(self._set_owner)
        self.due.returnPressed.connect(self._set_due)
        for field in (self.owner, self.due):
            field.installEventFilter(self)
        # An Esc that closes the owners' list must not close the prompt with it.
        self._popup().installEventFilter(self)
        self.setVisible(False)

    def ask(self, entry: Entry) -> None:
        self.entry = entry
        self.question.setText(f"Action recorded: “{entry.text}”. Who owns it, and by when?")
        self.owner.setText(entry.owner)
        self.due.setText("")
        self.error.setVisible(False)
        self.setVisible(True)
        (self.owner if not entry.owner else self.due).setFocus()

    def _change(self, field: str, value: str) -> bool:
        if self.entry is None:
            return False
        try:
            changed = self.controller.change_entry(self.entry, field, value)
        except DomainError as refusal:
            self.error.setText(refusal.message)
            self.error.setVisible(True)
            return False
        self.error.setVisible(False)
        if changed is not None:
            self.entry = changed
        return True

    def _set_owner(self) -> None:
        self._popup().hide()
        text = self.owner.text().strip()
        if text and not self._change("owner", text):
            return
        if self.entry is not None and self.entry.due_date is None:
            self.due.setFocus()
        else:
            self.close_prompt()

    def _set_due(self) -> None:
        text = self.due.text().strip()
        if text and not self._change("due_date", text):
            return
        self.close_prompt()

    def close_prompt(self) -> None:
        self.entry = None
        self.setVisible(False)
        self.finished.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()  # Esc here is the prompt's own (not panel mode's "back to the line")
            return True
        escape = (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        )
        if escape and not self._popup().isVisible():
            self.close_prompt()
            return True
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(event, QFocusEvent)
            and event.reason() in KEEP_ON_LEAVING
            and watched is self.owner
            and self.entry is not None
            and self.owner.text().strip()
            and self.owner.text().strip() != self.entry.owner
            and not self._popup().isVisible()
        ):
            # Tab (or a click) to the date keeps the owner typed, as Enter would.
            self._change("owner", self.owner.text().strip())
        return False

    def _popup(self) -> QAbstractItemView:
        return self.completer.list_view()
