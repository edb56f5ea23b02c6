"""Small pieces every screen uses: a button with its tooltip, a refusal shown beside it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QTableView


def button(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
    made = QPushButton(text)
    made.setToolTip(tip)
    made.setAccessibleName(text.replace("&", "").rstrip("…"))
    made.clicked.connect(lambda _checked=False: slot())
    return made


def plain(name: str) -> str:
    """A name for the Edit menu's Undo and Redo, which would take its & as a mnemonic."""
    return name.replace("&", "&&")


def show_message(line: QLabel, message: str) -> None:
    """A refusal beside the button that was refused (as fields show theirs)."""
    line.setText(message)
    line.setVisible(bool(message))
    line.setAccessibleName(message)


def name_corner(view: QTableView, name: str) -> None:
    """The button where a table's headers meet, named for screen readers (Qt leaves it blank)."""
    corner = view.findChild(QAbstractButton)
    if corner is not None:
        corner.setAccessibleName(name)
