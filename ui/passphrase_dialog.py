"""The passphrase asked for at start-up, before an encrypted database opens.

The dialog tries each passphrase itself (``attempt`` opens the database and returns why not),
so a wrong one is answered in place and can be typed again; it closes once one works.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.busy import busy
from ui.secret_dialog import DIALOG_STYLE

log = logging.getLogger(__name__)

Attempt = Callable[[str], "str | None"]


class PassphraseDialog(QDialog):
    def __init__(
        self, path: Path, attempt: Attempt, known: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.attempt = attempt
        self.opened = False
        self.setWindowTitle("Audit Panel — encrypted database")
        self.setObjectName("PassphraseDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(520)
        heading = QLabel(
            "This database is encrypted" if known else "Is this an encrypted database?"
        )
        heading.setObjectName("dialogHeading")
        explain = QLabel(
            "Type its passphrase to open it."
            if known
            else "This file is not a plain Audit Panel database. If it is an encrypted one, "
            "type its passphrase; otherwise choose Cancel."
        )
        explain.setWordWrap(True)
        where = QLabel(str(path))
        where.setObjectName("secretNote")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.passphrase.setPlaceholderText("Passphrase")
        self.passphrase.textEdited.connect(lambda _text: self.error.setVisible(False))
        shown = QCheckBox("S&how what I type")
        shown.toggled.connect(
            lambda on: self.passphrase.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("&Open", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("&Quit" if known else "Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (heading, explain, where, self.passphrase, shown, self.error, buttons):
            layout.addWidget(widget)
        self.passphrase.setFocus()

    def try_open(self) -> None:
        typed = self.passphrase.text()
        if not typed:
            self._refuse("Type the passphrase.")
            return
        with busy():
            problem = self.attempt(typed)
        if problem:
            self._refuse(problem)
            return
        self.opened = True
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)
        self.adjustSize()  # room for the message's lines
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path, attempt: Attempt, known: bool) -> bool:
        """Whether a passphrase was found that ``attempt`` accepted (False: the user gave up).
        Tests patch this seam; headless, nothing is asked."""
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            log.info("the passphrase of %s was not asked for (headless)", path)
            return False
        dialog = cls(path, attempt, known, parent)
        dialog.exec()
        return dialog.opened
