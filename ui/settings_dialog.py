"""Settings: encryption at rest, and how the app locks and unlocks.

Each change takes effect as it is made (there is nothing to apply), and the dialog shows the
state it leaves things in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from panel_app import settings, unlock
from ui import encryption_actions, encryption_forms
from ui.secret_dialog import DIALOG_STYLE, SecretDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MAX_IDLE_MINUTES = 480


class SettingsDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Settings")
        self.setObjectName("SettingsDialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(600)

        self.encryption_state = _wrapping_label()
        self.encrypt_button = QPushButton("&Encrypt with a passphrase…")
        self.change_button = QPushButton("&Change passphrase…")
        self.decrypt_button = QPushButton("&Turn off encryption…")
        self.encrypt_button.clicked.connect(lambda: self._then(encryption_actions.turn_on))
        self.change_button.clicked.connect(lambda: self._then(encryption_actions.change_passphrase))
        self.decrypt_button.clicked.connect(lambda: self._then(encryption_actions.turn_off))
        encryption_box = QGroupBox("Encryption at rest")
        box = QVBoxLayout(encryption_box)
        box.addWidget(self.encryption_state)
        box.addLayout(_row(self.encrypt_button, self.change_button, self.decrypt_button))

        self.idle = QSpinBox()
        self.idle.setRange(0, MAX_IDLE_MINUTES)
        self.idle.setSuffix(" minutes")
        self.idle.setSpecialValueText("Never")
        self.idle.setAccessibleName("Lock after this many minutes without use")
        self.idle.setValue(max(0, settings.load().idle_lock_minutes))
        self.idle.valueChanged.connect(self._idle_changed)
        idle_label = QLabel("&Lock after")
        idle_label.setBuddy(self.idle)
        self.unlock_state = _wrapping_label()
        self.password_button = QPushButton("Set &unlock password…")
        self.clear_password_button = QPushButton("&Remove unlock password")
        self.password_button.clicked.connect(self._set_password)
        self.clear_password_button.clicked.connect(self._clear_password)
        lock_box = QGroupBox("Locking")
        locking = QVBoxLayout(lock_box)
        idle_row = _row(idle_label, self.idle, QLabel("without a key press or a click."))
        locking.addLayout(idle_row)
        hint = _wrapping_label(
            "Ctrl+L locks Audit Panel at any time. At 0 minutes, and while the presentation "
            "view is shown, it does not lock by itself."
        )
        hint.setObjectName("secretNote")
        locking.addWidget(hint)
        locking.addWidget(self.unlock_state)
        locking.addLayout(_row(self.password_button, self.clear_password_button))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(encryption_box)
        layout.addWidget(lock_box)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        database = self.window_.database
        on_file = database is not None and database.path is not None and not database.read_only
        encrypted = database is not None and database.encrypted
        if database is None:
            text = "The database is not open yet."
        elif database.path is None:
            text = (
                "This database is on a server; encryption here is for a database file on this "
                "computer. The server's administrators protect its data."
            )
        elif database.read_only:
            text = "This database is open read-only, so its encryption cannot be changed."
        elif encrypted:
            text = (
                "This database and its backups are encrypted. Audit Panel asks for the "
                "passphrase each time it starts."
            )
        else:
            text = (
                "This database is not encrypted: anyone who can copy its file can read the "
                "cases. A passphrase encrypts the database and its backups on this computer."
            )
        self.encryption_state.setText(text)
        self.encrypt_button.setVisible(on_file and not encrypted)
        self.change_button.setVisible(on_file and encrypted)
        self.decrypt_button.setVisible(on_file and encrypted)

        has_password = unlock.is_set()
        if encrypted:
            text = "Unlocking asks for the database's passphrase."
        elif has_password:
            text = "Unlocking asks for the unlock password."
        else:
            text = (
                "Anyone at this computer can unlock Audit Panel. Set an unlock password, or "
                "better, encrypt the database: then unlocking asks for its passphrase."
            )
        self.unlock_state.setText(text)
        self.password_button.setText(
            "Change &unlock password…" if has_password else "Set &unlock password…"
        )
        self.password_button.setVisible(not encrypted)
        self.clear_password_button.setVisible(has_password and not encrypted)

    def _then(self, action: Callable[[QWidget, MainWindow], bool]) -> None:
        action(self, self.window_)
        self.refresh()

    def _idle_changed(self, minutes: int) -> None:
        settings.update(idle_lock_minutes=minutes)
        self.window_.lock.set_idle_minutes(minutes)

    def _set_password(self) -> None:
        values = SecretDialog.ask(self, encryption_forms.unlock_password())
        if values is not None:
            unlock.set_password(values["new"])
        self.refresh()

    def _clear_password(self) -> None:
        unlock.clear_password()
        self.refresh()


def _wrapping_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row
