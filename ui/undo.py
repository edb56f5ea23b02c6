"""Undo and redo of saved edits: each command writes a value back through the services."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

from panel_app.errors import DomainError
from ui import msgbox

#: Qt merges commands only when their ``id()`` matches; one id for all field edits, and the
#: key decides.
FIELD_EDIT_ID = 1001


class Edit(QUndoCommand):
    """A value already written; undo writes ``old`` back, redo writes ``new`` again.

    Consecutive saves while someone keeps typing in one field merge into one step, so Ctrl+Z
    takes back the whole sentence rather than its last half-second.
    """

    def __init__(
        self,
        text: str,
        write: Callable[[Any], None],
        old: Any,
        new: Any,
        key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self.write, self.old, self.new, self.key = write, old, new, key
        self._written = True  # pushed after the first write: skip the redo Qt calls on push

    def id(self) -> int:
        return FIELD_EDIT_ID if self.key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Edit) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, value: Any) -> None:
        try:
            self.write(value)
        except DomainError as error:
            msgbox.error(None, "This cannot be undone", error.message)
            self.setObsolete(True)
