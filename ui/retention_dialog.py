"""Deleting an audit for good: the confirmation names what goes (title, cases, and each backup
file that will be rewritten, removed or kept), and nothing happens until it is ticked."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app import retention
from panel_app.errors import DomainError
from ui import msgbox

if TYPE_CHECKING:
    from panel_app.database import Database


class DeletionDialog(QDialog):
    def __init__(self, database: Database, audit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database, self.audit_id = database, audit_id
        self.setWindowTitle("Delete an audit for good")
        self.resize(720, 520)
        self.plan = retention.plan_deletion(database, audit_id)
        heading = QLabel(f"Delete “{self.plan.title}” for good")
        heading.setObjectName("pageHeading")
        heading.setWordWrap(True)
        self.before = QDateEdit()
        self.before.setDisplayFormat("dd/MM/yyyy")
        self.before.setCalendarPopup(True)
        self.before.setAccessibleName("Also remove it from backups made before")
        tomorrow = date.today() + timedelta(days=1)
        self.before.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        self.before.dateChanged.connect(lambda _d: self._replan())
        before_label = QLabel("Also remove it from &backups made before:")
        before_label.setBuddy(self.before)
        hint = QLabel("(tomorrow, as it starts, takes it from every backup)")
        hint.setObjectName("pagePurpose")
        row = QHBoxLayout()
        row.addWidget(before_label)
        row.addWidget(self.before)
        row.addWidget(hint)
        row.addStretch(1)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName("What will be deleted")
        self.sure = QCheckBox("I understand that this audit cannot be brought back")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.delete_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.delete_button.setText("&Delete for good")
        self.delete_button.setObjectName("dangerButton")
        self.delete_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.sure.toggled.connect(self.delete_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.sure)
        layout.addWidget(self.buttons)
        self._show()

    def _replan(self) -> None:
        chosen = self.before.date()
        self.plan = retention.plan_deletion(
            self.database,
            self.audit_id,
            before=date(chosen.year(), chosen.month(), chosen.day()),
        )
        self._show()

    def _show(self) -> None:
        self.summary.setPlainText("\n\n".join(self._paragraphs()))

    def _paragraphs(self) -> list[str]:
        lines = self.plan.describe()
        paragraphs: list[str] = []
        for line in lines:
            if line.startswith("  ") and paragraphs:
                paragraphs[-1] += "\n" + line
            else:
                paragraphs.append(line)
        return paragraphs

    @classmethod
    def confirm(
        cls, parent: QWidget | None, database: Database, audit_id: int
    ) -> retention.DeletionPlan | None:
        """The plan the user agreed to, or None (the seam tests patch)."""
        if msgbox._headless():
            return None
        dialog = cls(database, audit_id, parent)
        return dialog.plan if dialog.exec() == QDialog.DialogCode.Accepted else None


def confirm(
    parent: QWidget | None, database: Database, audit_id: int
) -> retention.DeletionPlan | None:
    try:
        return DeletionDialog.confirm(parent, database, audit_id)
    except DomainError as refusal:
        msgbox.error(parent, "Delete for good", refusal.message)
        return None


def carry_out(parent: QWidget | None, database: Database, plan: retention.DeletionPlan) -> bool:
    """Delete as agreed, and say what was done; True when the audit has gone."""
    try:
        report = retention.delete_permanently(database, plan)
    except DomainError as refusal:
        msgbox.error(parent, "Delete for good", refusal.message)
        return False
    done = [f"“{plan.title}” has been deleted from the database."]
    if report.rewritten:
        done.append(f"{_backups(len(report.rewritten))} rewritten without it.")
    if report.removed:
        done.append(f"{_backups(len(report.removed), 'damaged ')} removed.")
    if not report.log_truncated:
        done.append(
            "The database was being read elsewhere, so its log still holds old pages: it is "
            "emptied when every copy of Audit Panel using this database has closed."
        )
    if report.problems:
        msgbox.error(parent, "Delete for good", "\n".join(done + report.problems))
    else:
        msgbox.information(parent, "Delete for good", "\n".join(done))
    return True


def _backups(count: int, kind: str = "") -> str:
    return f"1 {kind}backup" if count == 1 else f"{count} {kind}backups"
