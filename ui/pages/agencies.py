"""Agencies and lead auditors: who takes part in this audit, and the partnership's agency list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.enums import ParticipationStatus, label
from panel_app.errors import DomainError
from panel_app.services import agencies, participation
from ui import msgbox
from ui.binding import FieldBinder, error_label
from ui.form import Form, Getter, Updater
from ui.pages.base import Page
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
#: A heading and how to show a row (a service's frozen dataclass with an ``id``) in it.
Column = tuple[str, Callable[[Any], str]]


class RowsModel(QAbstractTableModel):
    """Rows from a service, one record a line; the record's id is under ``UserRole``."""

    def __init__(
        self, columns: Sequence[Column], tooltip: Callable[[Any], str] | None = None
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._tooltip = tooltip
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = list(rows)
            if self._rows:  # the same records: redraw, keeping the selection
                last = self.index(len(self._rows) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, ident: int | None) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == ident), None)

    def id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(row) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


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


@dataclass
class Membership:
    """An agency's place in the audit across undo and redo: removing it and putting it back
    keeps its ids, so earlier edits still find it."""

    participation_id: int
    agency_id: int
    name: str
    created: bool = False  # the agency was new to the partnership when added
    values: dict[str, Any] = field(default_factory=dict)
    agency: tuple[str, str] | None = None  # set while a new agency is deleted by undo


@dataclass
class Listed:
    """A partnership agency across undo and redo of adding and deleting it."""

    id: int
    name: str
    short_name: str = ""


def _status(row: participation.ParticipationRow) -> str:
    return label(row.status)


class AgenciesPage(Page):
    title = "Agencies"
    purpose = (
        "Which agencies take part in this audit, and who audits for each. The partnership's "
        "list of agencies is shared by every audit. Everything saves as you type."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Agencies")
        self.tabs.addTab(self._audit_tab(), "&This audit's agencies")
        self.tabs.addTab(self._partnership_tab(), "&Partnership's agency list")
        self.outer.addWidget(self.tabs, 1)
        context.changed.connect(self._changed)

    # -- this audit's agencies ----------------------------------------------------------------
    def _audit_tab(self) -> QWidget:
        audit_id = self.context.audit_id
        self.audit_model = RowsModel(
            [
                ("Agency", lambda r: r.agency),
                ("Status", _status),
                ("Lead auditor", lambda r: r.lead_auditor_name),
                ("Role", lambda r: r.lead_auditor_role),
                ("Email", lambda r: r.lead_auditor_email),
            ],
            tooltip=lambda r: f"{label(r.status)}: {r.reason}" if r.reason else "",
        )
        self.members = RecordList(
            self.context,
            self.audit_model,
            lambda s: participation.participation_rows(s, audit_id),
            "Agencies in this audit",
        )
        self.members.stretch(0)
        self.members.on_key(Qt.Key.Key_Delete, self.remove_from_audit)

        self.choose = QComboBox()
        self.choose.setEditable(True)
        self.choose.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.choose.setMinimumWidth(280)
        self.choose.setAccessibleName("Agency to add")
        self.choose.setToolTip(
            "Choose one of the partnership's agencies, or type the name of a new one"
        )
        line = self.choose.lineEdit()
        assert line is not None
        line.setPlaceholderText("Choose one, or type a new agency's name")
        line.returnPressed.connect(self.add_to_audit)
        choose_label = QLabel("A&gency to add:")
        choose_label.setBuddy(self.choose)
        self.add_button = button(
            "Add to this au&dit",
            "Add the agency to this audit (Enter in the box); a new name joins the "
            "partnership's list too",
            self.add_to_audit,
        )
        self.add_error = error_label()
        adding = QHBoxLayout()
        adding.addWidget(choose_label)
        adding.addWidget(self.choose, 1)
        adding.addWidget(self.add_button)

        self.remove_button = button(
            "Remo&ve from audit…",
            "Take the selected agency out of this audit (Delete)",
            self.remove_from_audit,
        )
        self.remove_error = error_label()
        list_label = QLabel("Agencies &in this audit")
        list_label.setBuddy(self.members.view)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.remove_error, 4)
        buttons.addStretch(1)  # keeps the button its own size while there is no message

        # Below the list, so the table keeps room for all five columns on a laptop.
        self.member_box = QGroupBox("Selected agency")
        left_form, right_form = QFormLayout(), QFormLayout()
        columns = QHBoxLayout(self.member_box)
        columns.addLayout(left_form, 1)
        columns.addSpacing(12)
        columns.addLayout(right_form, 1)
        update = participation.update_participation
        self.auditor_form = self.members.form(
            left_form, participation.get_participation, update, "participation"
        )
        self.lead_name = self.auditor_form.line("Lead auditor &name", "lead_auditor_name")
        self.role = self.auditor_form.line("R&ole", "lead_auditor_role", "Named nurse")
        self.email = self.auditor_form.line("E&mail", "lead_auditor_email", "name@agency.gov.uk")
        self.status_form = self.members.form(
            right_form, participation.get_participation, update, "participation"
        )
        choices = [(label(s), s.value) for s in ParticipationStatus]
        self.status = self.status_form.choice("Stat&us", "status", choices)
        self.reason = self.status_form.long(
            "Rea&son", "reason", 2, "Why it is unable to take part, or was invited but not involved"
        )
        self.reason.setMaximumHeight(self.reason.minimumHeight())
        self.members.shown.connect(self._member_shown)
        # The table was made first; Tab should follow the screen from the top down instead.
        chain = [self.choose, self.add_button, self.members.view, self.remove_button,
                 self.lead_name]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(adding)
        layout.addWidget(self.add_error)
        layout.addWidget(list_label)
        layout.addWidget(self.members.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.member_box)
        return tab

    def _member_shown(self, ident: int | None) -> None:
        show_message(self.remove_error, "")
        self.remove_button.setEnabled(ident is not None)
        self._member_title()

    def _member_title(self) -> None:
        row = self.audit_model.row_of(self.members.shown_id)
        agency = self.audit_model.rows()[row].agency if row is not None else ""
        # A title takes & as a mnemonic: "Devon & Cornwall Police" must keep its ampersand.
        self.member_box.setTitle(agency.replace("&", "&&") or "No agency selected")

    def _fill_choices(self) -> None:
        audit_id = self.context.audit_id
        names = self.context.read(
            lambda s: [a.name for a in participation.agencies_to_add(s, audit_id)]
        )
        typed = self.choose.currentText()
        self.choose.blockSignals(True)
        self.choose.clear()
        self.choose.addItems(names)
        self.choose.setEditText(typed)
        self.choose.blockSignals(False)

    def add_to_audit(self) -> None:
        audit_id, name = self.context.audit_id, self.choose.currentText()
        if self.members.commit():
            return

        def add(session: Session) -> Membership:
            made, created = participation.add_agency_to_audit(session, audit_id, name)
            return Membership(made.id, made.agency_id, made.agency.name, created)

        try:
            member = self.context.write(add, "participation")
        except DomainError as refusal:
            show_message(self.add_error, refusal.message)
            return
        show_message(self.add_error, "")
        self.choose.setEditText("")
        self._fill_choices()
        self.context.undo.push(
            Edit(f"Add {plain(member.name)} to the audit", partial(self._put, member), False, True)
        )
        self.members.select(member.participation_id)
        self.lead_name.setFocus()

    def remove_from_audit(self) -> None:
        ident = self.members.shown_id
        if ident is None:
            return
        try:
            found = self.context.read(lambda s: participation.check_removable(s, ident))
        except DomainError as refusal:
            show_message(self.remove_error, refusal.message)
            return
        member = Membership(ident, found.agency_id, found.agency.name)
        question = (
            f"Take {member.name} out of this audit? Its lead auditor's details go with it; "
            "Undo puts them back."
        )
        if not msgbox.Question.ask(self, "Remove from audit", question):
            return
        try:
            self._put(member, False)
        except DomainError as refusal:  # someone recorded involvement meanwhile
            show_message(self.remove_error, refusal.message)
            return
        text = f"Remove {plain(member.name)} from the audit"
        self.context.undo.push(Edit(text, partial(self._put, member), True, False))

    def _put(self, member: Membership, present: bool) -> None:
        """Take the agency out of the audit, or put it back as it was (undo and redo)."""
        audit_id = self.context.audit_id

        def put_back(session: Session) -> None:
            if member.agency is not None:
                agencies.restore_agency(session, member.agency_id, *member.agency)
                member.agency = None
            participation.restore_participation(
                session, member.participation_id, audit_id, member.agency_id, **member.values
            )

        def take_out(session: Session) -> None:
            member.values = participation.participation_values(session, member.participation_id)
            participation.remove_participation(session, member.participation_id)
            if member.created and not agencies.agency_in_use(session, member.agency_id):
                agency = agencies.get_agency(session, member.agency_id)
                member.agency = (agency.name, agency.short_name)
                agencies.delete_agency(session, member.agency_id)

        self.context.write(put_back if present else take_out, "participation")  # lists reload
        if present:
            self.members.select(member.participation_id)

    # -- the partnership's agencies -----------------------------------------------------------
    def _partnership_tab(self) -> QWidget:
        self.agency_model = RowsModel(
            [
                ("Agency", lambda r: r.name),
                ("Short name", lambda r: r.short_name),
                ("Audits", lambda r: str(r.audits)),
            ]
        )
        self.agencies = RecordList(
            self.context, self.agency_model, agencies.agency_rows, "The partnership's agencies"
        )
        self.agencies.stretch(0)
        self.agencies.on_key(Qt.Key.Key_Insert, self.new_agency)
        self.agencies.on_key(Qt.Key.Key_Delete, self.delete_agency)
        list_label = QLabel("All the partnership's a&gencies, in every audit")
        list_label.setBuddy(self.agencies.view)
        self.new_button = button("&New agency", "Add an agency to the list (Insert)",
                                 self.new_agency)  # fmt: skip
        self.delete_button = button(
            "&Delete agency…",
            "Delete the selected agency; only one no audit uses can go (Delete)",
            self.delete_agency,
        )
        self.delete_error = error_label()
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.agencies.view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left.addLayout(buttons)
        left.addWidget(self.delete_error)

        box = QGroupBox("Selected agency")
        form_layout = QFormLayout(box)
        self.agency_form = self.agencies.form(
            form_layout, agencies.get_agency, agencies.update_agency, "agency"
        )
        self.agency_name = self.agency_form.line("Na&me", "name")
        self.short_name = self.agency_form.line("&Short name", "short_name", "Optional")
        self.short_name.setToolTip("Used where space is short, such as table headings")
        note = QLabel(
            "An agency's name is shared: renaming it changes it in every audit, past ones too."
        )
        note.setObjectName("pagePurpose")
        note.setWordWrap(True)
        form_layout.addRow(note)
        self.agencies.shown.connect(self._agency_shown)

        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.addLayout(left, 3)
        layout.addWidget(box, 2, Qt.AlignmentFlag.AlignTop)
        return tab

    def _agency_shown(self, ident: int | None) -> None:
        show_message(self.delete_error, "")
        self.delete_button.setEnabled(ident is not None)

    def new_agency(self) -> None:
        if self.agencies.commit():
            return
        taken = {row.name.lower() for row in self.agency_model.rows()}
        name, number = "New agency", 2
        while name.lower() in taken:
            name, number = f"New agency {number}", number + 1
        try:
            ident = self.context.write(lambda s: agencies.create_agency(s, name).id, "agency")
        except DomainError as refusal:
            show_message(self.delete_error, refusal.message)
            return
        listed = Listed(ident, name)
        self.context.undo.push(
            Edit(f"Add agency '{plain(name)}'", partial(self._put_agency, listed), False, True)
        )
        self.agencies.select(ident)
        self.agency_name.setFocus()
        self.agency_name.selectAll()

    def delete_agency(self) -> None:
        ident = self.agencies.shown_id
        if ident is None:
            return
        try:
            found = self.context.read(lambda s: agencies.check_agency_deletable(s, ident))
        except DomainError as refusal:
            show_message(self.delete_error, refusal.message)
            return
        listed = Listed(ident, found.name, found.short_name)
        question = (
            f"Delete {listed.name} from the partnership's list? No audit uses it; "
            "Undo brings it back."
        )
        if not msgbox.Question.ask(self, "Delete agency", question):
            return
        self._put_agency(listed, False)
        text = f"Delete agency '{plain(listed.name)}'"
        self.context.undo.push(Edit(text, partial(self._put_agency, listed), True, False))

    def _put_agency(self, listed: Listed, present: bool) -> None:
        def put_back(session: Session) -> None:
            agencies.restore_agency(session, listed.id, listed.name, listed.short_name)

        def take_out(session: Session) -> None:
            agency = agencies.get_agency(session, listed.id)
            listed.name, listed.short_name = agency.name, agency.short_name
            agencies.delete_agency(session, listed.id)

        self.context.write(put_back if present else take_out, "agency")  # lists reload
        if present:
            self.agencies.select(listed.id)

    # -- the screen ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.members.reload()
        self.agencies.reload()
        self._fill_choices()

    def leave(self) -> None:
        self.members.commit()
        self.agencies.commit()

    def _changed(self, what: str) -> None:
        if what in ("participation", "agency"):
            self.members.reload_rows()
            self.agencies.reload_rows()
            self._fill_choices()
            self._member_title()
