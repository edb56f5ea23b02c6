"""What every screen of an open audit shares: the database, the audit, and its undo history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from panel_app.errors import StorageError
from panel_app.history import MinutesLockedError
from ui import faults, user_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from panel_app.database import Database
    from ui.binding import FieldBinder

T = TypeVar("T")


class AuditContext(QObject):
    """Screens read and write through here, one transaction per user action, and say what
    they changed so other screens showing the same data can reload it."""

    changed = Signal(str)

    def __init__(self, database: Database, audit_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.audit_id = audit_id
        self.undo = QUndoStack(self)
        self._binders: list[FieldBinder] = []
        #: The amendment changes to approved minutes are made under while the audit is open.
        self.amendment_id: int | None = None

    def read(self, work: Callable[[Session], T]) -> T:
        try:
            with self.database.transaction() as session:
                return work(session)
        except StorageError as fault:
            faults.tell(fault)
            raise

    def write(self, work: Callable[[Session], T], what: str) -> T:
        """Run ``work`` in one transaction; a ``DomainError`` rolls it back and propagates.

        A change to approved minutes asks why (once while the audit is open) and is made as an
        amendment; declining leaves the refusal to propagate. A ``StorageError`` (the disk is
        full, say) is also told once in a message box; the screen that wrote keeps what was
        typed and says beside it that it is not saved.
        """
        user_name.ask_once(None, self.database)
        try:
            result = self._amending(work)
        except StorageError as fault:
            faults.tell(fault)
            raise
        faults.saved()
        self.changed.emit(what)
        return result

    def _amending(self, work: Callable[[Session], T]) -> T:
        try:
            with self.database.transaction(amendment=self.amendment_id) as session:
                return work(session)
        except MinutesLockedError as locked:
            if self.amendment_id is not None or not self._start_amendment(locked.message):
                raise
            with self.database.transaction(amendment=self.amendment_id) as session:
                return work(session)

    def _start_amendment(self, locked: str) -> bool:
        from panel_app.services.approval import start_amendment
        from ui.reason_dialog import AmendmentDialog

        reason = AmendmentDialog.ask(None, AmendmentDialog.about(locked))
        if not reason:
            return False
        with self.database.transaction() as session:
            self.amendment_id = start_amendment(session, self.audit_id, reason=reason).id
        self.changed.emit("amendment")
        return True

    def register(self, binder: FieldBinder) -> None:
        self._binders.append(binder)

    def forget(self, binder: FieldBinder) -> None:
        if binder in self._binders:
            self._binders.remove(binder)

    def flush(self) -> list[str]:
        """Save whatever is still being typed; returns the messages of fields that were refused."""
        refused = []
        for binder in list(self._binders):
            message = binder.commit()
            if message:
                refused.append(f"{binder.label}: {message}")
        return refused
