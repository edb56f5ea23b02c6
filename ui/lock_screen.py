"""What a locked app shows: a curtain over each window (the projector's too), and the one small
window where it is unlocked.

A curtain hides every part of the window it covers (so no case text is on screen, nor reachable
by a screen reader) and shows only that the app is locked. The unlock window is separate and
application-modal, so it takes the keyboard even when a dialog was open when the app locked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QFont, QIcon, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panel_app import paths
from ui.busy import busy

LOCKED_TITLE = "Audit Panel — locked"
CURTAIN = "#1F2A44"
UNLOCK_STYLE = """
QLabel#lockHeading { font-size: 15pt; font-weight: 600; color: #1F2A44; }
QLabel#lockNote { color: #4A5568; }
QLabel#fieldError { color: #B00020; }
"""


def lock_icon(size: int) -> QLabel:
    label = QLabel()
    icon = QIcon(str(paths.resources_dir() / "icons" / "locked.svg"))
    label.setPixmap(icon.pixmap(size, size))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class Curtain(QWidget):
    """Covers ``window`` completely, following its size, and says only that the app is locked."""

    def __init__(self, window: QWidget, since: datetime, words: bool = True) -> None:
        super().__init__(window)
        self.covered = window
        self.setObjectName("lockCurtain")
        # Colours by palette, not a style sheet: a style sheet here also darkened the line
        # edit of the unlock window, another window.
        self.setAutoFillBackground(True)
        _colour(self, QPalette.ColorRole.Window, CURTAIN)
        # Sized from the window: a small dialog and a projector both read well.
        scale = max(1.0, min(4.0, window.height() / 300))
        self.title = _text("Audit Panel is locked", 14 * scale, "#FFFFFF", bold=True)
        self.detail = _text(f"Locked at {since:%H:%M}", 10 * scale, "#C9D6EA")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(lock_icon(int(56 * scale)))
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(2)
        for widget in self.findChildren(QLabel):
            widget.setVisible(words)  # a dialog is only blanked: the window behind it says it
        window.installEventFilter(self)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.covered and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.covered.rect())
        elif watched is self.covered and event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self, self.raise_)  # a widget added later would sit on top
        return False


class UnlockWindow(QDialog):
    """Where the app is unlocked; it cannot be closed or dismissed with Esc."""

    def __init__(
        self,
        mode: str,
        try_unlock: Callable[[str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.CustomizeWindowHint
                         | Qt.WindowType.WindowTitleHint)  # fmt: skip
        self.mode, self.try_unlock = mode, try_unlock
        self.setObjectName("UnlockWindow")
        self.setWindowTitle(LOCKED_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setStyleSheet(UNLOCK_STYLE)
        self.setMinimumWidth(460)
        heading = QLabel("Unlock Audit Panel")
        heading.setObjectName("lockHeading")
        when = QLabel(self._ask())
        when.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setVisible(False)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("Passphrase" if mode == "passphrase" else "Password")
        self.secret.setPlaceholderText(
            "Database passphrase" if mode == "passphrase" else "Unlock password"
        )
        self.secret.textEdited.connect(lambda _text: self.error.setVisible(False))
        self.secret.setVisible(mode != "none")
        self.button = QPushButton("Unlock")
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self.attempt)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        top = QHBoxLayout()
        top.addWidget(_dark_icon())
        top.addWidget(heading, 1)
        layout.addLayout(top)
        layout.addWidget(when)
        layout.addLayout(row)
        layout.addWidget(self.error)
        if mode == "none":
            note = QLabel(
                "Anyone at this computer can unlock Audit Panel. To stop that, set an unlock "
                "password in Settings, or better, protect the database with a passphrase."
            )
            note.setObjectName("lockNote")
            note.setWordWrap(True)
            layout.addWidget(note)

    def _ask(self) -> str:
        if self.mode == "passphrase":
            return "Type the database's passphrase to unlock it."
        if self.mode == "password":
            return "Type the unlock password to unlock it."
        return "Nothing has been lost: unlock it to carry on."

    def attempt(self) -> None:
        with busy():
            unlocked = self.try_unlock(self.secret.text())
        if not unlocked:
            self.error.setText(
                "That is not the passphrase." if self.mode == "passphrase"
                else "That is not the unlock password."
            )  # fmt: skip
            self.error.setVisible(True)
            self.adjustSize()
            self.secret.clear()
            self.secret.setFocus()

    def reject(self) -> None:
        """Esc does not dismiss the lock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def place_over(self, window: QWidget, below: QWidget | None = None) -> None:
        """Centred across ``window``, under ``below`` (the curtain's words) if given."""
        self.adjustSize()
        frame = window.frameGeometry()
        top = frame.center().y() - self.height() // 2
        if below is not None and below.isVisible():
            top = below.mapToGlobal(below.rect().bottomLeft()).y() + 24
        self.move(frame.center().x() - self.width() // 2, top)


def _colour(widget: QWidget, role: QPalette.ColorRole, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(role, QColor(colour))
    widget.setPalette(palette)


def _text(text: str, points: float, colour: str, bold: bool = False) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(points)
    font.setBold(bold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    # Its own style sheet, so the covered window's (the presentation view sets its labels'
    # colour) cannot make it dark on dark.
    label.setStyleSheet(f"color: {colour};")
    return label


def _dark_icon() -> QLabel:
    label = QLabel()
    icon = QIcon(str(paths.resources_dir() / "icons" / "audit-panel.svg"))
    label.setPixmap(icon.pixmap(36, 36))
    return label
