"""A table of records with forms for the selected one; undo goes back to the record edited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QFormLayout, QHeaderView, QTableView

from ui.binding import FieldBinder
from ui.form import Form, Getter, Updater
from ui.rows_model import RowsModel

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext


class RecordList(QObject):
    """A table of records with forms for the selected one.

    A field edit is undone on the record it was made on, even after another was selected:
    the list goes back to that record first, so the user sees what changed.
    """

    about_to_show = Signal()  # another record (or the same, read again) is about to be shown
    shown = Signal(object)  # the id the forms now show, or None

    def __init__(
        self,
        context: AuditContext,
        model: RowsModel,
        rows: Callable[[Session], Sequence[Any]],
        name: str,
    ) -> None:
        super().__init__()
        self.context, self.model, self._read_rows = context, model, rows
        self.shown_id: int | None = None
        self._target: int | None = None
        self._quiet = False
        self.forms: list[Form] = []
        self.extra: list[FieldBinder] = []
        self.keys: dict[tuple[Qt.Key, bool], Callable[[], object]] = {}
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setAccessibleName(name)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the form
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.installEventFilter(self)

    def stretch(self, *columns: int) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def record_id(self) -> int | None:
        """The record forms write to: the one shown, or the one an undo is putting right."""
        return self._target if self._target is not None else self.shown_id

    def form(self, layout: QFormLayout, get: Getter, update: Updater, what: str) -> Form:
        form = Form(self.context, layout, record_id=self.record_id, get=get, update=update,
                    what=what)  # fmt: skip
        self.forms.append(form)
        return form

    def binders(self) -> list[FieldBinder]:
        return [b for form in self.forms for b in form.binders.values()] + self.extra

    def commit(self) -> list[str]:
        return [message for binder in self.binders() if (message := binder.commit())]

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the list and the selected record again (each time the screen is shown)."""
        self.reload_rows()
        if self.shown_id is None and self.model.rowCount():
            self.show(self.model.id_at(0))
        else:
            self.show(self.shown_id)

    def reload_rows(self) -> None:
        """Read the list again, keeping the selection; the forms are left alone."""
        rows = self.context.read(self._read_rows)
        was = self.model.row_of(self.shown_id)
        self._quiet = True
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(self.shown_id)
            if row is not None:
                self.view.selectRow(row)
        finally:
            self._quiet = False
        if row is None and self.shown_id is not None:  # it has gone: show its neighbour
            self.show(self.model.id_at(min(was or 0, self.model.rowCount() - 1)))

    # -- selecting ----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.select(self.model.id_at(current.row()))

    def select(self, ident: int | None) -> bool:
        """Show another record, once what is typed is saved; a refusal keeps this one."""
        if ident == self.shown_id:
            self._select_row(ident)
            return True
        if self.commit():
            self._select_row(self.shown_id)  # stay until the refused text is put right
            return False
        self.show(ident)
        return True

    def show(self, ident: int | None) -> None:
        self.about_to_show.emit()
        self.shown_id = ident if self.model.row_of(ident) is not None else None
        self._select_row(self.shown_id)
        for binder in self.binders():
            # A saved edit's undo calls the binder's _write_back: tie it to this record.
            binder._write_back = partial(self._write_to, binder, self.shown_id)  # type: ignore[method-assign]
        for binder in self.binders():
            binder.refresh()
            binder.widget.setEnabled(self.shown_id is not None)
        self.shown.emit(self.shown_id)

    def _select_row(self, ident: int | None) -> None:
        row = self.model.row_of(ident)
        self._quiet = True
        try:
            if row is None:
                self.view.clearSelection()
            elif self.view.currentIndex().row() != row:
                self.view.selectRow(row)
        finally:
            self._quiet = False

    def _write_to(self, binder: FieldBinder, ident: int | None, value: Any) -> None:
        if ident is None:
            return
        if ident == self.shown_id:
            FieldBinder._write_back(binder, value)
            return
        self._target = ident
        try:
            self.context.write(lambda session: binder.save(session, value), binder.what)
        finally:
            self._target = None
        self.reload_rows()
        self.select(ident)

    # -- keys ---------------------------------------------------------------------------------
    def on_key(self, key: Qt.Key, action: Callable[[], object], control: bool = False) -> None:
        self.keys[key, control] = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            action = self.keys.get((Qt.Key(event.key()), control))
            if action is not None:
                action()
                return True
        return False
