"""The agenda: the cases in the order the panel takes them, minutes for each, a start time, and
when each case should start and the panel end. Every change is one undoable step."""

from __future__ import annotations

from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services import meetings
from ui.binding import FieldBinder, error_label
from ui.controls import button, name_corner, plain, show_message
from ui.pages.agenda_model import MINUTES, AgendaModel, MinutesDelegate
from ui.pages.agenda_plan import EMPTY, describe, read_plan
from ui.pages.base import Page
from ui.rows_model import RowsModel
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

Entries = tuple[tuple[int, int], ...]  # (case id, minutes), in order


class AgendaPage(Page):
    title = "Agenda"
    purpose = (
        "The order the panel takes the cases, the minutes for each, and when each should start. "
        "Drag a case, or use Ctrl+Up and Ctrl+Down, to move it. Everything saves as you go."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        self.plan = EMPTY
        self.model = AgendaModel(self._move_to, self._set_minutes)
        self.view = self._agenda_view()
        self.off_model = RowsModel([("Case", lambda r: r.shown)])
        self.off_view = QTableView()
        self.off_view.setModel(self.off_model)
        self.off_view.setAccessibleName("Cases not on the agenda")
        self.off_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.off_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.off_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.off_view.setTabKeyNavigation(False)
        self.off_view.verticalHeader().setVisible(False)
        self.off_view.horizontalHeader().setStretchLastSection(True)
        self.off_view.doubleClicked.connect(lambda _i: self.add_selected())
        for view in (self.view, self.off_view):
            view.installEventFilter(self)

        self.up_button = button(
            "Move &up", "Move the case earlier (Ctrl+Up)", lambda: self.move_by(-1)
        )
        self.down_button = button(
            "Move do&wn", "Move the case later (Ctrl+Down)", lambda: self.move_by(1)
        )
        self.remove_button = button(
            "Re&move from agenda", "Take the case off the agenda (Delete)", self.remove_selected
        )
        self.add_button = button(
            "◀ A&dd to agenda",
            "Put the case at the end of the agenda (Insert or Enter)",
            self.add_selected,
        )
        self.message = error_label()
        self.summary = QLabel()
        self.summary.setObjectName("agendaSummary")
        self.summary.setWordWrap(True)
        self.over = error_label()

        times = QGridLayout()
        times.setHorizontalSpacing(8)
        self.start, self.start_binder = self._time_field("&Start time", "start_time", times, 0)
        self.end, self.end_binder = self._time_field("&Planned end", "end_time", times, 3)
        times.setColumnMinimumWidth(2, 16)
        times.setColumnStretch(5, 1)
        agenda_label = QLabel("The a&genda, in order")
        agenda_label.setBuddy(self.view)
        off_label = QLabel("&Not on the agenda")
        off_label.setBuddy(self.off_view)
        buttons = QHBoxLayout()
        for made in (self.up_button, self.down_button, self.remove_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(agenda_label, 0, 0)
        grid.addWidget(off_label, 0, 1)
        grid.addWidget(self.view, 1, 0)
        grid.addWidget(self.off_view, 1, 1)
        grid.addLayout(buttons, 2, 0)
        grid.addWidget(self.add_button, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        self.outer.addLayout(times)
        self.outer.addWidget(self.summary)
        self.outer.addWidget(self.over)
        self.outer.addWidget(self.message)
        self.outer.addLayout(grid, 1)
        # Down the agenda and its buttons, then the cases not on it (made in another order).
        chain = [self.start, self.end, self.view, self.up_button, self.down_button,
                 self.remove_button, self.off_view, self.add_button]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self._list_keys()
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.off_view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        context.changed.connect(self._changed)

    def _agenda_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setAccessibleName("The agenda: cases in the order the panel takes them")
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.setItemDelegateForColumn(MINUTES, MinutesDelegate(view))
        view.setTabKeyNavigation(False)
        view.setCornerButtonEnabled(False)
        name_corner(view, "Corner of the agenda")
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDragDropOverwriteMode(False)
        view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        view.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = view.horizontalHeader()
        header.setStretchLastSection(True)
        header.resizeSection(0, 220)
        header.resizeSection(1, 110)
        header.resizeSection(2, 90)
        return view

    def _list_keys(self) -> None:
        """Each table's keys, as actions on its right-click menu (where Qt lists the key)."""
        for view in (self.view, self.off_view):
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.up_action = self._action(self.view, "Move up", "Ctrl+Up", lambda: self.move_by(-1))
        self.down_action = self._action(
            self.view, "Move down", "Ctrl+Down", lambda: self.move_by(1)
        )
        self.minutes_action = self._action(self.view, "Change the minutes", "F2", self.edit_minutes)
        self.remove_action = self._action(
            self.view, "Take off the agenda", "Del", self.remove_selected
        )
        self.add_action = self._action(self.off_view, "Add to the agenda", "Ins", self.add_selected)

    def _action(self, view: QTableView, text: str, key: str, slot: Any) -> QAction:
        action = QAction(text, view)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # not while editing
        action.triggered.connect(lambda _checked=False: slot())
        view.addAction(action)
        return action

    def edit_minutes(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.plan.rows):
            index = self.model.index(row, MINUTES)
            self.view.setCurrentIndex(index)
            self.view.edit(index)

    def _time_field(
        self, text: str, name: str, row: QGridLayout, column: int
    ) -> tuple[QLineEdit, FieldBinder]:
        field = QLineEdit()
        field.setPlaceholderText("hh:mm")
        field.setMaximumWidth(110)
        field.setToolTip("Type a time such as 09:30 or 13:45")
        error = error_label()
        audit_id = self.context.audit_id

        def load(session: Session) -> Any:
            meeting = meetings.find_agenda_meeting(session, audit_id)
            return None if meeting is None else getattr(meeting, name)

        def save(session: Session, value: Any) -> None:
            meeting = meetings.agenda_meeting(session, audit_id)
            meetings.update_meeting(session, meeting.id, **{name: value})

        binder = FieldBinder(
            self.context, field, label=text.replace("&", ""), load=load, save=save,
            what="agenda", error=error,
        )  # fmt: skip
        label = QLabel(text)
        label.setBuddy(field)
        row.addWidget(label, 0, column)
        row.addWidget(field, 0, column + 1)
        # The reason under the fields, in plain words, across the whole row: squeezed under
        # its own field it would widen that column and push the fields about as it came and went.
        row.addWidget(error, 1 + column // 3, 0, 1, 6)
        return field, binder

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        for binder in (self.start_binder, self.end_binder):
            binder.refresh()
        self._reload_lists()

    def _reload_lists(self, case_id: int | None = None) -> None:
        chosen = case_id if case_id is not None else self._selected_case()
        audit_id = self.context.audit_id
        self.plan = self.context.read(lambda session: read_plan(session, audit_id))
        self.model.set_rows(self.plan.rows, self.plan.start)
        self.off_model.set_rows(self.plan.off)
        if self.plan.off and not self.off_view.currentIndex().isValid():
            self.off_view.selectRow(0)  # Add is ready at once
        row = self.model.row_of_case(chosen)
        if row is None and self.plan.rows:
            row = 0
        if row is not None:
            self.view.selectRow(row)
        self._show_summary()
        self._enable()

    def _changed(self, what: str) -> None:
        if self.isVisible() and what in ("agenda", "case"):  # a hidden one reloads when shown
            self._reload_lists()

    def _show_summary(self) -> None:
        text, warning = describe(self.plan, self.model.end)
        self.summary.setText(text)
        show_message(self.over, warning)

    def _selected_case(self) -> int | None:
        row = self.view.currentIndex().row()
        return self.plan.rows[row].case_id if 0 <= row < len(self.plan.rows) else None

    def _enable(self) -> None:
        row = self.view.currentIndex().row()
        count = len(self.plan.rows)
        chosen = 0 <= row < count
        adding = self.off_view.currentIndex().isValid() and bool(self.plan.off)
        for control, able in (
            (self.up_button, chosen and row > 0), (self.up_action, chosen and row > 0),
            (self.down_button, chosen and row < count - 1),
            (self.down_action, chosen and row < count - 1),
            (self.remove_button, chosen), (self.remove_action, chosen),
            (self.minutes_action, chosen),
            (self.add_button, adding), (self.add_action, adding),
        ):  # fmt: skip
            control.setEnabled(able)

    # -- changing -----------------------------------------------------------------------------
    def _entries(self) -> Entries:
        return tuple((r.case_id, r.minutes) for r in self.plan.rows)

    def _change(self, new: Entries, text: str, case_id: int | None = None) -> bool:
        old = self._entries()
        if new == old:
            return False
        try:
            self._put(new, case_id)
        except DomainError as refusal:
            show_message(self.message, refusal.message)
            return False
        show_message(self.message, "")
        self.context.undo.push(Edit(plain(text), partial(self._put_back, case_id), old, new))
        return True

    def _put(self, entries: Entries, case_id: int | None = None) -> None:
        audit_id = self.context.audit_id

        def work(session: Session) -> None:
            meeting = meetings.agenda_meeting(session, audit_id)
            meetings.set_agenda(session, meeting.id, entries)

        self.context.write(work, "agenda")
        self._reload_lists(case_id)

    def _put_back(self, case_id: int | None, entries: Entries) -> None:
        self._put(entries, case_id)

    def _name(self, case_id: int) -> str:
        return next((r.pseudonym for r in self.plan.rows if r.case_id == case_id), "the case")

    def _move_to(self, source: int, target: int) -> bool:
        entries = list(self._entries())
        if not (0 <= source < len(entries) and 0 <= target < len(entries)) or source == target:
            return False
        moved = entries.pop(source)
        entries.insert(target, moved)
        text = f"Move {self._name(moved[0])} on the agenda"
        return self._change(tuple(entries), text, moved[0])

    def move_by(self, step: int) -> None:
        row = self.view.currentIndex().row()
        self._move_to(row, row + step)

    def _set_minutes(self, row: int, minutes: int) -> bool:
        entries = list(self._entries())
        case_id = entries[row][0]
        entries[row] = (case_id, minutes)
        text = f"Give {self._name(case_id)} {minutes} minutes"
        return self._change(tuple(entries), text, case_id)

    def remove_selected(self) -> None:
        case_id = self._selected_case()
        if case_id is None:
            return
        name = self._name(case_id)
        entries = tuple(e for e in self._entries() if e[0] != case_id)
        row = self.view.currentIndex().row()
        if self._change(entries, f"Take {name} off the agenda") and entries:
            self.view.selectRow(min(row, len(entries) - 1))

    def add_selected(self) -> None:
        row = self.off_view.currentIndex().row()
        if not 0 <= row < len(self.plan.off):
            return
        chosen = self.plan.off[row]
        entries = (*self._entries(), (chosen.id, self.plan.usual))
        self._change(entries, f"Put {chosen.pseudonym} on the agenda", chosen.id)
        if self.off_model.rowCount():
            self.off_view.selectRow(min(row, self.off_model.rowCount() - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, control = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if watched is self.view and control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return True  # its action moved the case (or it cannot move): the cursor stays
        adding = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # Insert is the Add action's
        if watched is self.off_view and key in adding:
            self.add_selected()
            return True
        return False

    def leave(self) -> None:
        for binder in (self.start_binder, self.end_binder):
            binder.commit()
