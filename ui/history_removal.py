"""Taking words (a real name typed by mistake) out of the audit's change history, with a reason;
how many lines quote them is shown as they are typed, so nobody removes blind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.history import redaction

if TYPE_CHECKING:
    from ui.context import AuditContext

ABOUT = (
    "Wherever this audit's change history (and any amendment's reason) quotes these words, "
    f"they are replaced by {redaction.REMOVED}. The removal is recorded with your name and "
    "reason, but not the words. The audit itself is not changed: correct it first.\n\n"
    "Backups made before now still hold the words until newer backups replace them."
)


class RemoveWordsDialog(QDialog):
    def __init__(self, context: AuditContext, words: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Remove words from the change history")
        self.setMinimumWidth(560)
        about = QLabel(ABOUT)
        about.setWordWrap(True)
        self.words = QLineEdit(" ".join(words.split())[:200])
        self.words.setAccessibleName("Words to remove")
        self.words.setPlaceholderText("e.g. a child's real name")
        self.found = QLabel()
        self.found.setObjectName("pagePurpose")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("e.g. A child's real name was typed in the summary")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Words:", self.words)
        form.addRow("", self.found)
        form.addRow("&Reason:", self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.remove.setText("&Remove")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Cancel")
        buttons.accepted.connect(self._remove)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.words.textChanged.connect(self._count)
        self.removed: redaction.Removal | None = None
        self._count()

    def _count(self) -> None:
        words = self.words.text()
        try:
            found = self.context.read(lambda s: redaction.count(s, self.context.audit_id, words))
        except DomainError:
            self.found.setText("Type at least two letters.")
            self.remove.setEnabled(False)
            return
        self.found.setText(
            "Not in the change history."
            if not found
            else f"Quoted in {found} {'line' if found == 1 else 'lines'} of the change history."
        )
        self.remove.setEnabled(bool(found))

    def _remove(self) -> None:
        words, reason = self.words.text(), self.reason.toPlainText()
        try:
            self.removed = self.context.write(
                lambda s: redaction.remove_words(s, self.context.audit_id, words, reason=reason),
                "history",
            )
        except DomainError as refusal:
            self.error.setText(refusal.message)
            self.error.show()
            return
        self.accept()

    @classmethod
    def run(cls, context: AuditContext, words: str, parent: QWidget | None) -> bool:
        """Whether words were removed (the seam tests patch)."""
        return cls(context, words, parent).exec() == QDialog.DialogCode.Accepted
