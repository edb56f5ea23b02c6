"""The one place that shows errors and questions to the user.

When the app runs headless (tests, offscreen benchmarks) nothing modal is shown: the message is
logged instead, and questions take their default answer. Tests patch ``ask`` to answer.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)
_open_boxes: list[QMessageBox] = []


def _headless() -> bool:
    return QGuiApplication.platformName() in ("offscreen", "minimal")


def error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something went wrong, in plain English (never a traceback)."""
    log.warning("%s: %s", title, message)
    if not _headless():
        QMessageBox.warning(parent, title, message)


def warning_later(parent: QWidget | None, title: str, message: str) -> None:
    """Like ``error``, but returns at once: for a fault noticed by a save on a timer, which
    must not start a second event loop in the middle of the user's typing."""
    log.warning("%s: %s", title, message)
    if not _headless():
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if parent is None:  # nothing else holds it: without this it would vanish at once
            _open_boxes.append(box)
            box.finished.connect(lambda _result: _open_boxes.remove(box))
        box.open()


def information(parent: QWidget | None, title: str, message: str) -> None:
    log.info("%s: %s", title, message)
    if not _headless():
        QMessageBox.information(parent, title, message)


class Question:
    """A yes/no question; ``ask`` is the seam tests patch."""

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, message: str, default: bool = False) -> bool:
        if _headless():
            log.info("%s: %s (answered %s)", title, message, default)
            return default
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        preset = QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No
        answer = QMessageBox.question(parent, title, message, buttons, preset)
        return answer == QMessageBox.StandardButton.Yes


class Choice:
    """A message with several answers ("Open it", "Show the folder", "Close"); ``ask`` returns
    the index of the answer chosen, the last answer on Escape. Tests patch ``ask``."""

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        message: str,
        answers: Sequence[str],
        default: int = 0,
    ) -> int:
        if _headless():
            log.info("%s: %s (answered %s)", title, message, answers[default])
            return default
        box = QMessageBox(QMessageBox.Icon.Information, title, message, parent=parent)
        buttons = [
            box.addButton(
                answer,
                QMessageBox.ButtonRole.RejectRole
                if index == len(answers) - 1
                else QMessageBox.ButtonRole.AcceptRole,
            )
            for index, answer in enumerate(answers)
        ]
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(buttons[-1])
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, b in enumerate(buttons) if b is clicked), len(answers) - 1)
