"""Escalating a case: a child may be at current risk, so it goes to a separate meeting.

The note is saved within a second of the last keystroke, as every longer field of panel mode
is (the case is escalated from then on: a laptop that dies mid-sentence leaves the child
flagged, not forgotten). Escalate or Save note makes it one undo step; Cancel puts the case
back as it was.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.panel.escalation import EscalationInfo
from ui import msgbox
from ui.binding import error_label
from ui.panel.controller import PanelController

#: Typing that pauses this long is saved (well within the second the issue allows).
SAVE_AFTER_MS = 700


class EscalateDialog(QDialog):
    """Opened with ``open()`` (window-modal, so the panel's clock keeps running)."""

    def __init__(self, controller: PanelController, case_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller, self.case_id = controller, case_id
        self.existing = controller.escalation(case_id)
        pseudonym = controller.walk.case(case_id).pseudonym
        self.setWindowTitle(f"Escalate {pseudonym}")
        intro = QLabel(
            f"Escalate {pseudonym} if the panel believes a child may be at current risk. "
            "The case is set apart on the agenda and in the minutes, and taken to a separate "
            "meeting. The note is never shown on the presentation view."
        )
        intro.setWordWrap(True)
        label = QLabel("&Why is it escalated?")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Reason for escalating")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("e.g. Differing professional views on whether the child "
                                     "is currently safe; historical information presented as "
                                     "current.")  # fmt: skip
        label.setBuddy(self.note)
        if self.existing is not None:
            self.note.setPlainText(self.existing.note)
            self.note.moveCursor(QTextCursor.MoveOperation.End)  # to carry on where it ends
        self.error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Escalate" if self.existing is None else "&Save note")
        if self.existing is not None:
            withdraw = self.buttons.addButton(
                "&Withdraw escalation", QDialogButtonBox.ButtonRole.DestructiveRole
            )
            withdraw.setToolTip("The case goes back on the agenda")
            withdraw.clicked.connect(self.withdraw)
        self.buttons.accepted.connect(self.escalate)
        self.buttons.rejected.connect(self.reject)
        self.saved = False  # whether typing has been saved since the dialog opened
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_AFTER_MS)
        self.timer.timeout.connect(self.save_now)
        self.note.textChanged.connect(self.timer.start)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 300)

    def withdraw(self) -> None:
        pseudonym = self.controller.walk.case(self.case_id).pseudonym
        if msgbox.Question.ask(
            self,
            "Withdraw the escalation",
            f"Withdraw the escalation of {pseudonym}? It goes back on the agenda.",
            default=False,
        ):
            self.timer.stop()
            self.controller.set_escalation(self.case_id, None, was=self.existing)
            self.accept()

    def _info(self) -> EscalationInfo:
        note = self.note.toPlainText()
        if self.existing is None:
            return EscalationInfo(note)
        return EscalationInfo(
            note, self.existing.raised_on, self.existing.outcome, self.existing.resolved_on
        )

    def _refused(self, refusal: DomainError) -> None:
        self.error.setText(refusal.message)
        self.error.setVisible(True)

    def save_now(self) -> None:
        """Save what has been typed (nothing while the note is empty: there is no reason yet)."""
        self.timer.stop()
        if not self.note.toPlainText().strip():
            return
        try:
            self.controller.keep_escalation(self.case_id, self._info())
        except DomainError as refusal:
            self._refused(refusal)  # the text stays to be shortened; nothing else changes
            return
        self.error.setVisible(False)
        self.saved = True

    def escalate(self) -> None:
        self.timer.stop()
        try:
            self.controller.set_escalation(self.case_id, self._info(), was=self.existing)
        except DomainError as refusal:
            self._refused(refusal)
            return
        self.accept()

    def reject(self) -> None:
        """Cancel: the case as it was before the dialog opened, whatever was saved since."""
        self.timer.stop()
        if self.saved:
            self.controller.keep_escalation(self.case_id, self.existing)
        super().reject()
