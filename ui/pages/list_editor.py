"""An ordered list of domains or grades with a form for the selected one: add, delete, move."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services import snapshots
from ui import msgbox
from ui.binding import FieldWidget, field_row
from ui.pages.record_binder import RecordBinder
from ui.pages.tool_lists import GRADES, Kind, ToolListModel
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from panel_app.services.snapshots import Snapshot
    from ui.context import AuditContext


def grades(count: int) -> str:
    return "The 1 grade" if count == 1 else f"The {count} grades"


@dataclass
class Tracked:
    """A domain or grade across undo and redo: a deleted one comes back under its old id,
    with the grades given with it."""

    id: int
    taken: Snapshot | None = None


class ListEditor(QGroupBox):
    """An ordered list of domains or grades, with a form beside it for the selected one."""

    def __init__(self, context: AuditContext, kind: Kind, title: str, list_label: str) -> None:
        super().__init__(title)
        self.context, self.kind = context, kind
        self.shown_id: int | None = None
        self._replaced: dict[int, int] = {}
        self._reloading = False
        self.model = ToolListModel(kind.heading)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(list_label.replace("&", ""))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.view.doubleClicked.connect(lambda _index: self.focus_name())
        self.view.installEventFilter(self)
        heading = QLabel(list_label)
        heading.setBuddy(self.view)

        self.buttons = QHBoxLayout()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.binders: list[RecordBinder] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)
        layout.addLayout(self.form)

    def button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        return button

    def standard_buttons(self, add: str, delete: str) -> None:
        noun = self.kind.noun
        self.add_button = self.button(add, f"Add a {noun} at the end (Insert)", self.add)
        self.delete_button = self.button(
            delete, f"Delete the selected {noun} (Delete)", self.delete
        )
        self.up_button = self.button(
            "Move up", f"Move the {noun} up (Ctrl+Up)", lambda: self.move_by(-1)
        )
        self.down_button = self.button(
            "Move down", f"Move the {noun} down (Ctrl+Down)", lambda: self.move_by(1)
        )
        self.buttons.addStretch(1)

    def add_field(
        self, text: str, name: str, widget: FieldWidget, extra: QWidget | None = None
    ) -> RecordBinder:
        binder = RecordBinder(self, widget, text.replace("&", ""), name)
        label = QLabel(text)
        label.setBuddy(widget)
        row: QWidget = field_row(widget, binder.error_line)
        if extra is not None:
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(row, 1)
            line.addWidget(extra, 0, Qt.AlignmentFlag.AlignTop)
            row = box
        self.form.addRow(label, row)
        self.binders.append(binder)
        return binder

    # -- reading ------------------------------------------------------------------------------
    def resolve(self, ident: int) -> int:
        """The id a record has now, if it was deleted and put back since ``ident`` was noted."""
        while ident in self._replaced:
            ident = self._replaced[ident]
        return ident

    def replaced(self, old: int, new: int) -> None:
        self._replaced[old] = new

    def reload_list(self) -> None:
        """Read the list again, keeping the selected record (the form is left alone)."""
        rows = self.context.read(lambda s: self.kind.rows(s, self.context.audit_id))
        self._reloading = True
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(self.shown_id)
            if row is not None:
                self.view.selectRow(row)
        finally:
            self._reloading = False
        if row is None:  # the record shown has gone: show its neighbour, or nothing
            self._show(self._current_id())
        self._enable()

    def reload(self) -> None:
        self.reload_list()
        if self.shown_id is None and self.model.rowCount():
            self.view.selectRow(0)
        self._show(self._current_id())

    def _current_id(self) -> int | None:
        rows = self.model.rows()
        if not rows:
            return None
        row = self.view.currentIndex().row()
        return rows[max(0, min(row, len(rows) - 1))].id

    def _enable(self) -> None:
        row = self.model.row_of(self.shown_id)
        count = self.model.rowCount()
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        for binder in self.binders:
            binder.widget.setEnabled(self.shown_id is not None)

    def _show(self, ident: int | None) -> None:
        self.shown_id = ident
        row = self.model.row_of(ident)
        if row is not None and self.view.currentIndex().row() != row:
            self._reloading = True
            self.view.selectRow(row)
            self._reloading = False
        for binder in self.binders:
            binder.refresh()
        self._enable()

    def _selected(self) -> None:
        if self._reloading:
            return
        if self.commit() and self.shown_id is not None:
            self.select(self.shown_id)  # stay until the refused text is put right
            return
        self._show(self._current_id())

    def select(self, ident: int) -> None:
        row = self.model.row_of(ident)
        if row is None:
            return
        self._reloading = True
        self.view.selectRow(row)
        self._reloading = False
        if ident != self.shown_id:
            self._show(ident)

    def commit(self) -> list[str]:
        return [message for binder in self.binders if (message := binder.commit())]

    def focus_name(self) -> None:
        widget = self.binders[0].widget
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # -- changing -----------------------------------------------------------------------------
    def add(self) -> None:
        if self.commit():
            return
        taken = {row.text.lower() for row in self.model.rows()}
        name, n = f"New {self.kind.noun}", 2
        while name.lower() in taken:
            name, n = f"New {self.kind.noun} {n}", n + 1
        other = "#808080" if self.kind is GRADES else ""
        audit_id = self.context.audit_id
        ident = self.context.write(lambda s: self.kind.add(s, audit_id, name, other), "tool")
        tracked = Tracked(ident)
        self.context.undo.push(
            Edit(f"Add {self.kind.noun} '{name}'", partial(self._put, tracked), False, True)
        )
        self.reload_list()
        self.select(ident)
        self.focus_name()

    def delete(self) -> None:
        ident = self.shown_id
        if ident is None:
            return
        row = self.model.row_of(ident) or 0
        name = self.model.rows()[row].text
        given = self.context.read(lambda s: self.kind.given(s, ident))
        if given:
            lost = f"{grades(given)} given for it will be lost"
            if self.kind is GRADES:
                lost = f"{grades(given)} given as '{name}' will be cleared"
            detail = f"{lost}; Undo brings the {self.kind.noun} back with them."
        else:
            detail = "No grades have been given for it yet; Undo brings it back."
        if not msgbox.Question.ask(self, f"Delete {self.kind.noun}", f"Delete '{name}'? {detail}"):
            return
        tracked = Tracked(ident)
        self._put(tracked, False, check=False)
        self.context.undo.push(
            Edit(
                f"Delete {self.kind.noun} '{name}'",
                partial(self._put, tracked, check=False),  # asked already: redo deletes again
                True,
                False,
            )
        )

    def _put(self, tracked: Tracked, present: bool, check: bool = True) -> None:
        """Delete the record, or put it back as it was, grades given with it too (undo and
        redo of add and delete)."""
        kind = self.kind
        ident = self.resolve(tracked.id)
        if present:
            assert tracked.taken is not None
            taken = tracked.taken
            self.context.write(lambda s: snapshots.put_back(s, taken), "tool")
            self.reload_list()
            self.select(ident)
            return
        given = self.context.read(lambda s: kind.given(s, ident))
        if check and given:
            name = self.context.read(lambda s: getattr(kind.get(s, ident), kind.fields[0]))
            raise DomainError(
                f"'{name}' has been used in {given} grades since, so it was not deleted. "
                f"Select it and use Delete {kind.noun} if you mean to lose them."
            )

        def take_out(session: Session) -> None:
            tracked.taken = snapshots.take(session, kind.table, ident)
            kind.delete(session, ident)

        self.context.write(take_out, "tool")
        self.reload_list()

    def move_by(self, step: int) -> None:
        ident = self.shown_id
        row = self.model.row_of(ident)
        if ident is None or row is None or not 0 <= row + step < self.model.rowCount():
            return
        self._move_to(ident, row + step)
        name = self.model.rows()[row + step].text
        where = "up" if step < 0 else "down"
        self.context.undo.push(
            Edit(f"Move '{name}' {where}", partial(self._move_to, ident), row, row + step)
        )

    def _move_to(self, ident: int, position: int) -> None:
        target = self.resolve(ident)
        self.context.write(lambda s: self.kind.move(s, target, position), "tool")
        self.reload_list()
        self.select(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, control = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_by(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Delete:
                self.delete()
                return True
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_name()
                return True
        return False
