"""Menu and keyboard actions, made one way everywhere so shortcuts show in the menus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Shortcut = QKeySequence.StandardKey | str | None


def make_action(
    parent: QWidget, text: str, slot: Callable[[], object], shortcut: Shortcut = None
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action
