"""Starting an audit: from nothing, or from an earlier one (duplicate)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services import audits
from ui.binding import error_label, field_row

if TYPE_CHECKING:
    from panel_app.database import Database


class NewAuditDialog(QDialog):
    def __init__(
        self,
        database: Database,
        themes: list[str],
        source_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database, self.source_id = database, source_id
        self.created_id: int | None = None
        self.setWindowTitle("Duplicate audit" if source_id else "New audit")
        self.setMinimumWidth(520)
        self.theme = QComboBox()
        self.theme.setEditable(True)
        self.theme.addItems(themes)
        self.theme.setCurrentText("")
        self.theme.setAccessibleName("Theme")
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.panel_date = QLineEdit()
        self.panel_date.setPlaceholderText("dd/mm/yyyy (can be set later)")
        self.panel_date.setAccessibleName("Panel date")
        self.errors = {name: error_label() for name in ("theme", "title", "panel_date")}
        form = QFormLayout()
        for text, name, widget in (
            ("T&heme", "theme", self.theme),
            ("&Title", "title", self.title),
            ("&Panel date", "panel_date", self.panel_date),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, field_row(widget, self.errors[name]))
        layout = QVBoxLayout(self)
        if source_id is not None:
            note = QLabel(
                "The new audit starts with this one's agencies, lead auditors, audit tool and "
                "panel timings. Cases, summaries, findings and actions are not copied."
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            with database.transaction() as session:
                source = audits.get_audit(session, source_id)
                self.theme.setCurrentText(source.theme)
                self.title.setText(source.title)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "&Duplicate" if source_id else "&Create"
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        for label in self.errors.values():
            label.setText("")
            label.hide()
        values: dict[str, Any] = {
            "theme": self.theme.currentText(),
            "title": self.title.text(),
            "panel_date": self.panel_date.text() or None,
        }
        try:
            with self.database.transaction() as session:
                if self.source_id is None:
                    audit = audits.create_audit(session, **values)
                else:
                    audit = audits.duplicate_audit(session, self.source_id)
                    audits.update_audit(session, audit.id, **values)
                self.created_id = audit.id
        except DomainError as refusal:
            label = self.errors.get(refusal.field or "", self.errors["title"])
            label.setText(refusal.message)
            label.show()
            return
        self.accept()
