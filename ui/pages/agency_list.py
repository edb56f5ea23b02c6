"""The partnership's list of agencies, shared by every audit: add, rename, delete unused ones."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from panel_app.errors import DomainError
from panel_app.services import agencies
from ui import msgbox
from ui.binding import error_label
from ui.controls import button, plain, show_message
from ui.record_list import RecordList
from ui.rows_model import RowsModel
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext


@dataclass
class Listed:
    """A partnership agency across undo and redo of adding and deleting it."""

    id: int
    name: str
    short_name: str = ""


class PartnershipAgencies(QWidget):
    """The second tab of the Agencies screen."""

    def __init__(self, context: AuditContext) -> None:
        super().__init__()
        self.context = context
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

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(box, 2, Qt.AlignmentFlag.AlignTop)

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

    def reload(self) -> None:
        self.agencies.reload()

    def reload_rows(self) -> None:
        self.agencies.reload_rows()

    def leave(self) -> None:
        self.agencies.commit()
