"""The attendance register, taken first: everyone expected, marked with one key or click."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import AttendanceStatus
from db.enums import label as enum_label
from panel_app.dates import format_long
from panel_app.errors import DomainError
from panel_app.panel import register
from panel_app.panel.register import RegisterRow
from ui.binding import error_label
from ui.panel.register_delegate import StatusDelegate
from ui.panel.register_model import AGENCY, NAME, ROLE, STATUS, RegisterModel
from ui.undo import Edit

if TYPE_CHECKING:
    from ui.panel.controller import PanelController

KEYS = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_1: AttendanceStatus.PRESENT,
    Qt.Key.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_2: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_X: AttendanceStatus.ABSENT,
    Qt.Key.Key_3: AttendanceStatus.ABSENT,
}


class PersonRef:
    """A person on the register across undo and redo (putting them back gives a new id)."""

    def __init__(self, row: RegisterRow | None) -> None:
        self.row = row


class RegisterView(QWidget):
    start_requested = Signal()

    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("PanelRegister")
        self.controller = controller
        self.context = controller.context
        self.model = RegisterModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Attendance register")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.status_delegate = StatusDelegate(self.table)
        self.status_delegate.chosen.connect(self._clicked)
        self.table.setItemDelegateForColumn(STATUS, self.status_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ROLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.model.on_edit = self.edit_person
        self.table.installEventFilter(self)

        heading = QLabel("Attendance register")
        heading.setObjectName("panelHeading")
        self.details = QLabel()
        self.details.setObjectName("panelQuiet")
        hint = QLabel(
            "Mark each person as they arrive: click their attendance, or press P present, "
            "A apologies, X absent (the next person is then selected). F2 puts a name or role "
            "right; add anyone who was not expected below."
        )
        hint.setWordWrap(True)
        hint.setObjectName("panelQuiet")

        marks = QHBoxLayout()
        self.remove_button = QPushButton("Remo&ve")
        self.remove_button.setToolTip("Take the selected person off the register (Delete)")
        self.remove_button.setAccessibleName("Remove the selected person")
        self.remove_button.clicked.connect(self.remove_selected)
        marks.addWidget(self.remove_button)
        marks.addStretch(1)
        self.counts = QLabel()
        self.counts.setObjectName("panelQuiet")
        marks.addWidget(self.counts)

        self.name = QLineEdit()
        self.name.setPlaceholderText("Name, or role if unknown")
        self.name.setAccessibleName("Name of the person to add")
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency of the person to add")
        self.role = QLineEdit()
        self.role.setPlaceholderText("e.g. Deputy lead auditor")
        self.role.setAccessibleName("Role of the person to add")
        self.add_button = QPushButton("A&dd person")
        self.add_button.setToolTip("Add this person to the register, marked present (Enter)")
        self.add_button.setAccessibleName("Add person")
        self.add_button.clicked.connect(self.add_person)
        self.name.returnPressed.connect(self.add_person)
        self.role.returnPressed.connect(self.add_person)
        self.add_error = error_label()
        adding = QGridLayout()
        for column, (text, widget) in enumerate(
            (("&Name", self.name), ("Agenc&y", self.agency), ("&Role", self.role))
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            adding.addWidget(label, 0, column * 2)
            adding.addWidget(widget, 0, column * 2 + 1)
        adding.addWidget(self.add_button, 0, 6)
        adding.setColumnStretch(1, 2)
        adding.setColumnStretch(3, 2)
        adding.setColumnStretch(5, 2)
        adding.addWidget(self.add_error, 1, 0, 1, 7)

        self.start_button = QPushButton("&Start the walk-through  ▶")
        self.start_button.setObjectName("panelPrimary")
        self.start_button.setToolTip("Go to the first case (Ctrl+Enter)")
        self.start_button.setAccessibleName("Start the walk-through")
        self.start_button.clicked.connect(self.start_requested.emit)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(heading)
        layout.addWidget(self.details)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        add_heading = QLabel("Add someone who came")
        add_heading.setObjectName("panelSubheading")
        layout.addWidget(add_heading)
        layout.addLayout(adding)
        layout.addLayout(bottom)
        self.reload()

    # -- reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        meeting_id = self.controller.meeting_id
        rows, agencies = self.context.read(
            lambda s: (register.register(s, meeting_id), register.meeting_agencies(s, meeting_id))
        )
        selected = self.selected()
        self.model.set_rows(rows)
        self.agency.clear()
        self.agency.addItem("No agency", None)
        for agency_id, name in agencies:
            self.agency.addItem(name, agency_id)
        state = self.controller.state
        when = format_long(state.meeting_date) or "Date not set"
        if state.start_time and state.end_time:
            when += f", {state.start_time:%H:%M} to {state.end_time:%H:%M}"
        self.details.setText(f"{state.title} · {when}")
        self._select(selected.id if selected else None)
        self._show_counts()

    def _show_counts(self) -> None:
        tally = register.counts(self.model.rows())
        self.counts.setText(" · ".join(f"{n} {enum_label(s).lower()}" for s, n in tally.items()))

    def selected(self) -> RegisterRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _select(self, attendee_id: int | None, row: int | None = None) -> None:
        if attendee_id is not None:
            row = self.model.row_of(attendee_id)
        if row is None:
            row = 0
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    # -- marking ---------------------------------------------------------------------------------
    def mark_selected(self, status: AttendanceStatus) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        self.mark(chosen.id, status)
        row = self.model.row_of(chosen.id)
        if row is not None and row + 1 < self.model.rowCount():
            self.table.selectRow(row + 1)

    def mark(self, attendee_id: int, status: AttendanceStatus) -> None:
        old = self.model.row_at(self.model.row_of(attendee_id) or 0).status
        if old == status:
            return

        def write(value: AttendanceStatus) -> None:
            changed = self.context.write(
                lambda s: register.mark(s, attendee_id, value), "attendance"
            )
            self.model.replace(changed)
            self._show_counts()

        write(status)
        name = self.model.row_at(self.model.row_of(attendee_id) or 0).name
        self.context.undo.push(
            Edit(f"Mark {name} {enum_label(status).lower()}", write, old, status)
        )

    def _clicked(self, row: int, status: AttendanceStatus) -> None:
        self.table.selectRow(row)
        self.mark(self.model.row_at(row).id, status)

    def edit_person(self, person: RegisterRow, field: str, value: str) -> bool:
        """A name or role put right in place (F2), undoable."""
        old = getattr(person, field)
        if value.strip() == old:
            return False
        ref = PersonRef(person)

        def write(text: str) -> None:
            assert ref.row is not None
            ident = ref.row.id
            ref.row = self.context.write(
                lambda s: register.edit(s, ident, field, text), "attendance"
            )
            self.model.replace(ref.row)

        try:
            write(value)
        except DomainError as refusal:
            self.add_error.setText(refusal.message)
            self.add_error.setVisible(True)
            return False
        self.add_error.setVisible(False)
        self.context.undo.push(Edit(f"Change {old or 'the ' + field} to {value}", write,
                                    old, value))  # fmt: skip
        return True

    def _cycle(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            order = list(AttendanceStatus)
            self.mark(chosen.id, order[(order.index(chosen.status) + 1) % len(order)])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = Qt.Key(event.key())
            if key in KEYS:
                self.mark_selected(KEYS[key])
                return True
            if key == Qt.Key.Key_Space:
                self._cycle()
                return True
            if key == Qt.Key.Key_Delete:
                self.remove_selected()
                return True
        return False

    # -- adding and removing ---------------------------------------------------------------------
    def _put(self, ref: PersonRef, wanted: RegisterRow | None) -> None:
        meeting_id = self.controller.meeting_id
        current = ref.row

        def work(session: Any) -> RegisterRow | None:
            if current is not None:
                register.remove_person(session, current.id)
            if wanted is None:
                return None
            return register.restore_person(session, meeting_id, wanted)

        ref.row = self.context.write(work, "attendance")
        self.reload()

    def add_person(self) -> None:
        name, role = self.name.text(), self.role.text()
        agency_id = self.agency.currentData()
        try:
            added = self.context.write(
                lambda s: register.add_person(
                    s, self.controller.meeting_id, name, agency_id=agency_id, role=role
                ),
                "attendance",
            )
        except DomainError as refusal:
            self.add_error.setText(refusal.message)
            self.add_error.setVisible(True)
            return
        self.add_error.setVisible(False)
        ref = PersonRef(added)
        self.context.undo.push(Edit(f"Add {added.name}", lambda w: self._put(ref, w), None, added))
        self.reload()
        self._select(added.id)
        self.name.clear()
        self.role.clear()
        self.name.setFocus()

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        row = self.model.row_of(chosen.id) or 0
        ref = PersonRef(chosen)
        self._put(ref, None)
        self.context.undo.push(Edit(f"Remove {chosen.name}", lambda w: self._put(ref, w),
                                    chosen, None))  # fmt: skip
        self._select(None, min(row, self.model.rowCount() - 1))
