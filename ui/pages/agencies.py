"""Agencies and lead auditors: who takes part in this audit, and the partnership's agency list."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.enums import ParticipationStatus, label
from panel_app.errors import DomainError
from panel_app.services import agencies, participation
from ui import msgbox
from ui.binding import error_label
from ui.controls import button, plain, show_message
from ui.pages.agency_list import PartnershipAgencies
from ui.pages.base import Page
from ui.record_list import RecordList
from ui.rows_model import RowsModel
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext


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
        self.partnership = PartnershipAgencies(context)
        self.tabs.addTab(self.partnership, "&Partnership's agency list")
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
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(adding)
        layout.addWidget(self.add_error)
        layout.addWidget(list_label)
        layout.addWidget(self.members.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.member_box)
        # The table was made first; Tab should follow the screen from the top down instead
        # (set once all of them are in the tab: Qt ignores an order across windows).
        chain = [self.choose, self.add_button, self.members.view, self.remove_button,
                 self.lead_name]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
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

    # -- the screen ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.members.reload()
        self.partnership.reload()
        self._fill_choices()

    def leave(self) -> None:
        self.members.commit()
        self.partnership.leave()

    def _changed(self, what: str) -> None:
        if what in ("participation", "agency"):
            self.members.reload_rows()
            self.partnership.reload_rows()
            self._fill_choices()
            self._member_title()
