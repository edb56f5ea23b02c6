"""Dialogs that take a passphrase or a password: protecting the database at first start,
turning encryption on or off, changing the passphrase, setting the app's unlock password.

One dialog, described by a ``SecretForm``: what it says, a warning, which fields it has, and a
check run before it closes (the dialog stays open with the reason shown until the check
passes), so a mistyped repeat or a wrong current passphrase is answered where it was typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.busy import busy

log = logging.getLogger(__name__)

Values = dict[str, str]

#: Shared by the passphrase, settings and lock dialogs.
DIALOG_STYLE = """
QLabel#dialogHeading { font-size: 13pt; font-weight: 600; color: #1F2A44; }
QLabel#secretWarning { background: #FFF4DB; color: #5C3A00; padding: 8px 10px;
    border-left: 4px solid #C77700; }
QLabel#secretNote { color: #4A5568; }
QLabel#fieldError { color: #B00020; }
"""

FORGOTTEN = (
    "If the passphrase is forgotten, the cases cannot be recovered by anyone: not by you, "
    "not by IT, not by the makers of Audit Panel. Write it down and keep it somewhere safe, "
    "away from this laptop."
)


@dataclass
class SecretForm:
    title: str
    heading: str
    text: str
    accept: str
    #: (name, label) of each field, in order; every one is typed hidden.
    fields: list[tuple[str, str]]
    #: Why the values will not do, or None; run before the dialog closes.
    check: Callable[[Values], str | None]
    warning: str = ""
    reject: str = "Cancel"
    note: str = ""
    hints: dict[str, str] = field(default_factory=dict)


class SecretDialog(QDialog):
    def __init__(self, form: SecretForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.values: Values | None = None
        self.setWindowTitle(form.title)
        self.setObjectName("SecretDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(560)
        heading = QLabel(form.heading)
        heading.setObjectName("dialogHeading")
        heading.setWordWrap(True)
        text = _label(form.text)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(text)
        if form.warning:
            warning = _label(form.warning)
            warning.setObjectName("secretWarning")
            layout.addWidget(warning)
        self.error = _label("")
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.edits: dict[str, QLineEdit] = {}
        for name, caption in form.fields:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(caption.replace("&", ""))
            edit.setPlaceholderText(form.hints.get(name, ""))
            edit.textEdited.connect(lambda _text: self.error.setVisible(False))
            label = QLabel(caption)
            label.setBuddy(edit)
            grid.addRow(label, edit)
            self.edits[name] = edit
        self.show_typed = QCheckBox("S&how what I type")
        self.show_typed.toggled.connect(self._show_typed)
        grid.addRow("", self.show_typed)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        if form.note:
            note = _label(form.note)
            note.setObjectName("secretNote")
            layout.addWidget(note)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(form.accept, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(form.reject, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _show_typed(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        for edit in self.edits.values():
            edit.setEchoMode(mode)

    def try_accept(self) -> None:
        values = {name: edit.text() for name, edit in self.edits.items()}
        with busy():
            problem = self.form.check(values)
        if problem:
            self.error.setText(problem)
            self.error.setVisible(True)
            self.adjustSize()  # room for the message's lines
            return
        self.values = values
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, form: SecretForm) -> Values | None:
        """The values typed, once they pass the form's check; None if the user declined.
        Tests patch this seam; headless, nothing is asked."""
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            log.info("%s (not asked: headless)", form.title)
            return None
        dialog = cls(form, parent)
        dialog.exec()
        return dialog.values


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
