"""Who is using the app, for the change history: asked once (at the first start, or the first
change if that was skipped), kept in the settings, and changed from Edit ▸ Your name…"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app import settings
from panel_app.errors import DomainError
from panel_app.services.fields import short
from ui import msgbox

if TYPE_CHECKING:
    from panel_app.database import Database

NAME = short("Your name", "user_name", required=True)
EXPLAINED = (
    "Audit Panel records who changes what in an audit, and when, so that every case and action "
    "can show its history and the minutes can say who amended them. Type your name as "
    "colleagues would know it, e.g. Jo Bloggs or Jo Bloggs (Business Manager). You are asked "
    "only once; Edit ▸ Your name… changes it."
)


class UserNameDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your name")
        self.setMinimumWidth(460)
        about = QLabel(EXPLAINED)
        about.setWordWrap(True)
        self.name = QLineEdit(current)
        self.name.setAccessibleName("Your name")
        self.name.setPlaceholderText("Jo Bloggs")
        label = QLabel("Your &name:")
        label.setBuddy(self.name)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Save")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Not now")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (about, label, self.name, self.error, buttons):
            layout.addWidget(widget)
        self.value = ""

    def _check(self) -> None:
        try:
            self.value = NAME(self.name.text())
        except DomainError as refusal:
            self.error.setText(refusal.message)
            self.error.show()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, current: str) -> str | None:
        """The name typed, or None when the user would rather not say now (the seam tests
        patch)."""
        if msgbox._headless():
            return None
        dialog = cls(current, parent)
        return dialog.value if dialog.exec() == QDialog.DialogCode.Accepted else None


_asked = False


def remember(database: Database, name: str) -> None:
    database.user_name = name
    try:
        settings.update(user_name=name)
    except OSError as error:
        msgbox.error(None, "Your name", f"Your name could not be saved in the settings: {error}")


def ask_once(parent: QWidget | None, database: Database) -> None:
    """Ask for the name if nobody has given one; only once a run, so a user who would rather
    not is not asked at every keystroke."""
    global _asked
    if database.user_name or database.read_only or _asked:
        return
    _asked = True
    name = UserNameDialog.ask(parent, "")
    if name:
        remember(database, name)


def change(parent: QWidget | None, database: Database) -> None:
    """Edit ▸ Your name…"""
    name = UserNameDialog.ask(parent, database.user_name)
    if name:
        remember(database, name)
