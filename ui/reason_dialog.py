"""Asking why: why approved minutes are being amended (once per audit opened, the reason then
covering every change until the audit is closed), and why approved minutes are reopened."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services.approval import REASON
from ui import msgbox


class ReasonDialog(QDialog):
    title = ""
    prompt = "&Reason:"
    placeholder = ""
    ok_text = "OK"
    cancel_text = "Cancel"

    def __init__(self, about: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.title)
        self.setMinimumWidth(520)
        text = QLabel(about)
        text.setWordWrap(True)
        label = QLabel(self.prompt)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName(self.prompt.replace("&", "").rstrip(":"))
        self.reason.setPlaceholderText(self.placeholder)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        label.setBuddy(self.reason)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.cancel_text)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (text, label, self.reason, self.error, buttons):
            layout.addWidget(widget)
        self.value = ""

    def _check(self) -> None:
        try:
            self.value = REASON(self.reason.toPlainText())
        except DomainError as refusal:
            self.error.setText(refusal.message)
            self.error.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, about: str) -> str | None:
        """The reason given, or None for no (the seam tests patch)."""
        if msgbox._headless():
            return None
        dialog = cls(about, parent)
        return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None


class AmendmentDialog(ReasonDialog):
    title = "Amend the approved minutes"
    prompt = "&Reason for the amendment:"
    placeholder = "e.g. Police asked for their summary to be corrected"
    ok_text = "&Amend"
    cancel_text = "&Leave unchanged"

    @staticmethod
    def about(locked: str) -> str:
        return (
            f"{locked.removesuffix(' Nothing was changed.')}\n\n"
            "Say why they need changing. This change, and any more you make before closing "
            "this audit, will be listed in the minutes as an amendment with today's date, "
            "your name and this reason."
        )


class ReopenDialog(ReasonDialog):
    title = "Reopen the minutes"
    prompt = "&Why are they being reopened?"
    placeholder = "e.g. The panel asked for the Health summary to be rewritten before it is shared"
    ok_text = "&Reopen"

    @staticmethod
    def about(approved: str) -> str:
        return (
            f"The minutes were approved {approved}. Reopening them makes them a draft again: "
            "they say DRAFT on every page and can be changed freely until they are approved "
            "again. The reopening, and its reason, stay in the change history."
        )
