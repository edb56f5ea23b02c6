"""The Minutes button of an open audit: approve the minutes (which locks them), reopen them, and
the audit's change history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel_app.dates import format_long, format_short
from panel_app.errors import DomainError
from panel_app.services import approval
from ui import msgbox
from ui.actions import make_action
from ui.reason_dialog import ReopenDialog

if TYPE_CHECKING:
    from ui.context import AuditContext

LOCKING = (
    "Approving the minutes locks them: they lose the DRAFT marking, show who approved them "
    "and when, and any later change to what they record is made as an amendment, with its "
    "reason, listed at the end of the minutes. Following up actions (status, progress, "
    "evidence) and writing the executive summary stay open."
)


class ApproveDialog(QDialog):
    def __init__(self, approver: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Approve the minutes")
        self.setMinimumWidth(520)
        about = QLabel(LOCKING)
        about.setWordWrap(True)
        self.by = QLineEdit(approver)
        self.by.setAccessibleName("Approved by")
        self.by.setPlaceholderText("e.g. the panel chair, at the next meeting")
        self.on = QLineEdit(format_short(date.today()))
        self.on.setAccessibleName("Approved on")
        self.on.setPlaceholderText("dd/mm/yyyy")
        form = QFormLayout()
        for text, widget in (("Approved &by", self.by), ("Approved &on", self.on)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Approve")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, approver: str) -> tuple[str, str] | None:
        """(approved by, approved on as typed), or None (the seam tests patch)."""
        if msgbox._headless():
            return None
        dialog = cls(approver, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.by.text(), dialog.on.text()


def approve(context: AuditContext, parent: QWidget | None = None) -> bool:
    answer = ApproveDialog.ask(parent, context.database.user_name)
    if answer is None:
        return False
    by, on = answer
    try:
        context.write(
            lambda s: approval.approve_minutes(s, context.audit_id, by=by, on=on), "approval"
        )
    except DomainError as refusal:
        msgbox.error(parent, "The minutes were not approved", refusal.message)
        return False
    return True


def reopen(context: AuditContext, parent: QWidget | None = None) -> bool:
    approved = context.read(lambda s: approval.approval(s, context.audit_id))
    if approved is None:
        return False
    reason = ReopenDialog.ask(
        parent, ReopenDialog.about(f"on {format_long(approved.on)} by {approved.by}")
    )
    if not reason:
        return False
    try:
        context.write(
            lambda s: approval.reopen_minutes(s, context.audit_id, reason=reason), "approval"
        )
    except DomainError as refusal:
        msgbox.error(parent, "The minutes were not reopened", refusal.message)
        return False
    context.amendment_id = None  # a draft again: changes need no amendment
    return True


class MinutesMenu(QMenu):
    """Built once per open audit; shown in the menu bar and behind the workspace's button."""

    def __init__(self, context: AuditContext, parent: QWidget) -> None:
        from ui.history_view import show_history

        # No mnemonic: every letter of the word is taken on one screen or another.
        super().__init__("Minutes", parent)
        self.context = context
        self.approve_action = make_action(
            parent, "&Approve the minutes…", lambda: approve(context, parent)
        )
        self.reopen_action = make_action(
            parent, "&Reopen the minutes…", lambda: reopen(context, parent)
        )
        self.history_action = make_action(
            parent, "Change &history…", lambda: show_history(context, parent), "Ctrl+Shift+H"
        )
        self.addAction(self.approve_action)
        self.addAction(self.reopen_action)
        self.addSeparator()
        self.addAction(self.history_action)
        parent.addAction(self.history_action)  # the shortcut works without opening the menu
        self.aboutToShow.connect(self.ready)

    def ready(self) -> None:
        audit_id = self.context.audit_id
        approved = self.context.read(lambda s: approval.approval(s, audit_id)) is not None
        self.approve_action.setEnabled(not approved)
        self.reopen_action.setEnabled(approved)


def minutes_button(menu: MinutesMenu) -> QToolButton:
    """The workspace header's button for the same menu (the menu bar has it too)."""
    button = QToolButton()
    button.setText("Minutes")
    button.setToolTip("Approve or reopen the minutes, and the audit's change history")
    button.setAccessibleName("Minutes")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    return button


class ApprovalNote(QLabel):
    """A line under the audit's header while its minutes are approved: they are locked, and
    changes are amendments (saying so once an amendment is under way)."""

    def __init__(self, context: AuditContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("approvalNote")
        self.setWordWrap(True)
        context.changed.connect(self._changed)
        self.refresh()

    def _changed(self, what: str) -> None:
        if what in ("approval", "amendment", "audit"):
            self.refresh()

    def refresh(self) -> None:
        approved = self.context.read(lambda s: approval.approval(s, self.context.audit_id))
        self.setVisible(approved is not None)
        if approved is None:
            self.setText("")
            return
        text = (
            f"These minutes were approved on {format_long(approved.on)} by {approved.by}. "
            "A change to what they record is made as an amendment, with its reason."
        )
        if self.context.amendment_id is not None:
            text += " You are amending them now: your changes are listed in the minutes."
        self.setText(text)
