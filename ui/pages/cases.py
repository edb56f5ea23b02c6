"""Cases: the audit's anonymised cases in panel order, and the details of each."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.enums import Consent, label
from panel_app.errors import DomainError
from panel_app.services import cases
from ui import msgbox
from ui.binding import FieldBinder, error_label, field_row
from ui.pages.agencies import RecordList, RowsModel, button, plain
from ui.pages.base import Page
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

MASK = "••••"
REVEAL_KEY = "Alt+V"


@dataclass
class Tracked:
    """A case across undo and redo of adding and deleting it: it comes back with its old id,
    so earlier edits of it can still be undone."""

    id: int
    name: str
    position: int = 0
    values: dict[str, Any] = field(default_factory=dict)


def joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class CasesPage(Page):
    title = "Cases"
    purpose = (
        "The cases the panel looks at, in the order it takes them. Use pseudonyms only: the "
        "private reference stays hidden until you reveal it. Everything saves as you type."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        self.revealed = False
        audit_id = context.audit_id
        self.model = RowsModel(
            [
                ("Pseudonym", lambda r: r.pseudonym),
                ("Consent", lambda r: label(r.consent)),
                ("Discussed", lambda r: "Yes" if r.discussed else "No"),
            ]
        )
        self.cases = RecordList(
            context, self.model, lambda s: cases.case_rows(s, audit_id), "Cases, in panel order"
        )
        self.cases.stretch(0)
        self.view = self.cases.view
        self.cases.on_key(Qt.Key.Key_Insert, self.add_case)
        self.cases.on_key(Qt.Key.Key_Delete, self.delete_case)
        self.cases.on_key(Qt.Key.Key_Up, lambda: self.move_by(-1), control=True)
        self.cases.on_key(Qt.Key.Key_Down, lambda: self.move_by(1), control=True)

        list_label = QLabel("Ca&ses, in the order the panel takes them")
        list_label.setBuddy(self.view)
        self.add_button = button("Add &case", "Add a case at the end (Insert)", self.add_case)
        self.delete_button = button(
            "&Delete case…", "Delete the selected case (Delete)", self.delete_case
        )
        self.up_button = button(
            "Move &up", "Move the case earlier in the panel (Ctrl+Up)", lambda: self.move_by(-1)
        )
        self.down_button = button(
            "Move do&wn", "Move the case later in the panel (Ctrl+Down)", lambda: self.move_by(1)
        )
        self.history_button = button(
            "&History…", "Who changed this case, and what is on it, and when", self.show_history
        )
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.delete_button, 0, 1)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)
        buttons.addWidget(self.history_button, 2, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(list_label)
        left.addWidget(self.view, 1)
        left.addLayout(buttons)

        details = QWidget()
        details.setObjectName("pageBody")
        self.form_layout = QFormLayout(details)
        form = self.form = self.cases.form(
            self.form_layout, cases.get_case, cases.update_case, "case"
        )
        self.pseudonym = form.line("&Pseudonym", "pseudonym", "Child A")
        self.pseudonym.setToolTip("The name the case goes by in the panel and every document")
        self.consent = form.choice("C&onsent", "consent", [(label(c), c.value) for c in Consent])
        self.discussed = form.flag("Discussed at pa&nel", "discussed")
        self._reference_row()
        form.line("Age &band", "age_band", "11 to 15")
        form.line("&Gender", "gender")
        form.line("E&thnicity", "ethnicity", "As the family describe it")
        form.line("Disabilit&y or learning difficulty", "disability", "None known")
        form.long("&Key facts", "key_facts", 4, "What the panel needs to know about the case")
        form.long("Conclus&ion", "conclusion", 3, "What the panel concluded")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(details)

        body = QHBoxLayout()
        body.addLayout(left, 2)
        body.addWidget(scroll, 3)
        self.outer.addLayout(body, 1)
        self.cases.about_to_show.connect(self._mask)
        self.cases.shown.connect(self._shown)
        context.changed.connect(self._changed)

    # -- the private reference ----------------------------------------------------------------
    def _reference_row(self) -> None:
        """Shown only on purpose: until then the field holds nothing and a mask stands in."""
        self.reference_mask = QLineEdit()
        self.reference_mask.setReadOnly(True)
        self.reference_mask.setAccessibleName("Private reference, hidden")
        self.reference_mask.setPlaceholderText("None recorded")
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("The case-file ID: never printed or exported")
        error = error_label()
        self.reference_binder = FieldBinder(
            self.context, self.reference, label="Private reference", load=self._load_reference,
            save=self._save_reference, what="case", error=error,
        )  # fmt: skip
        self.cases.extra.append(self.reference_binder)
        self.reference_stack = QStackedWidget()
        self.reference_stack.addWidget(self.reference_mask)
        self.reference_stack.addWidget(self.reference)
        self.reference_stack.setFixedHeight(self.reference.sizeHint().height())
        self.reveal_button = QPushButton("Reveal")
        self.reveal_button.setAccessibleName("Reveal the private reference")
        self.reveal_button.clicked.connect(self.toggle_reference)
        self.reveal_shortcut = QShortcut(QKeySequence(REVEAL_KEY), self, self.toggle_reference)
        self.reveal_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reference_stack, 1)
        row.addWidget(self.reveal_button)
        self.reference_label = QLabel("Private reference")
        self.reference_label.setToolTip(f"Reveal or hide it with {REVEAL_KEY}")
        self.form_layout.addRow(self.reference_label, field_row(line, error))
        self._show_masked()

    def _load_reference(self, session: Session) -> str:
        ident = self.cases.record_id()
        if ident is None or not self.revealed:
            return ""  # never read into a widget unless revealed
        return cases.get_case(session, ident).private_reference

    def _save_reference(self, session: Session, value: Any) -> None:
        ident = self.cases.record_id()
        if ident is not None:
            cases.update_case(session, ident, private_reference=value)

    def toggle_reference(self) -> None:
        if self.revealed:
            self.hide_reference()
        else:
            self.reveal_reference()

    def reveal_reference(self) -> None:
        if self.cases.shown_id is None:
            return
        self.revealed = True
        self.reference_binder.refresh()
        self.reference_stack.setCurrentWidget(self.reference)
        self.reveal_button.setText("Hide")
        self.reveal_button.setAccessibleName("Hide the private reference")
        self.reveal_button.setToolTip(f"Hide the private reference again ({REVEAL_KEY})")
        self.reference_label.setBuddy(self.reference)
        self.reference.setFocus()

    def hide_reference(self) -> None:
        if self.revealed:
            self.reference_binder.commit()
        self._mask()
        self._show_masked()

    def _mask(self) -> None:
        self.revealed = False
        # Emptied through the binder, before the field loses focus by being hidden: leaving
        # it must find nothing changed, or it would save the empty text.
        self.reference_binder.refresh()
        self.reference_stack.setCurrentWidget(self.reference_mask)
        self.reveal_button.setText("Reveal")
        self.reveal_button.setAccessibleName("Reveal the private reference")
        self.reveal_button.setToolTip(
            f"Show the private reference to check or change it ({REVEAL_KEY}); it hides again "
            "when you choose another case or leave this screen"
        )
        self.reference_label.setBuddy(self.reveal_button)

    def _show_masked(self) -> None:
        row = self.model.row_of(self.cases.shown_id)
        recorded = row is not None and self.model.rows()[row].has_private_reference
        self.reference_mask.setText(MASK if recorded else "")
        self.reveal_button.setEnabled(self.cases.shown_id is not None)

    # -- the list -----------------------------------------------------------------------------
    def show_history(self) -> None:
        from ui.history_view import show_history

        if self.cases.shown_id is not None:
            show_history(self.context, self, case_id=self.cases.shown_id)

    def _shown(self, ident: int | None) -> None:
        row = self.model.row_of(ident)
        count = self.model.rowCount()
        self.delete_button.setEnabled(row is not None)
        self.history_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        if not self.revealed:
            self._show_masked()

    def _changed(self, what: str) -> None:
        if what == "case":
            self.cases.reload_rows()
            self._shown(self.cases.shown_id)

    def add_case(self) -> None:
        if self.cases.commit():
            return
        audit_id = self.context.audit_id

        def add(session: Session) -> Tracked:
            name = cases.next_pseudonym(session, audit_id)
            made = cases.add_case(session, audit_id, pseudonym=name)
            return Tracked(made.id, name, len(cases.case_rows(session, audit_id)) - 1)

        try:
            tracked = self.context.write(add, "case")
        except DomainError as refusal:
            msgbox.error(self, "Add case", refusal.message)
            return
        self.context.undo.push(
            Edit(f"Add case '{plain(tracked.name)}'", partial(self._put, tracked), False, True)
        )
        self.cases.select(tracked.id)
        self.pseudonym.setFocus()
        self.pseudonym.selectAll()

    def delete_case(self) -> None:
        ident = self.cases.shown_id
        row = self.model.row_of(ident)
        if ident is None or row is None:
            return
        tracked = Tracked(ident, self.model.rows()[row].pseudonym)
        losses = self.context.read(lambda s: cases.deletion_losses(s, ident))
        if losses:
            detail = (
                f"This also deletes its {joined(losses)}. Undo brings back the case's own "
                "details, but not those."
            )
        else:
            detail = "Undo brings it back."
        if not msgbox.Question.ask(self, "Delete case", f"Delete {tracked.name}? {detail}"):
            return
        self._put(tracked, False, check=False)
        self.context.undo.push(
            Edit(f"Delete case '{plain(tracked.name)}'", partial(self._put, tracked), True, False)
        )

    def _put(self, tracked: Tracked, present: bool, check: bool = True) -> None:
        """Delete the case, or put it back where it was (undo and redo of add and delete)."""
        audit_id = self.context.audit_id

        def put_back(session: Session) -> None:
            cases.restore_case(session, audit_id, tracked.id, tracked.position, tracked.values)

        def take_out(session: Session) -> None:
            losses = cases.deletion_losses(session, tracked.id)
            if check and losses:
                raise DomainError(
                    f"{tracked.name} has {joined(losses)} recorded since, so it was not "
                    "deleted. Select it and use Delete case if you mean to lose them."
                )
            ids = [r.id for r in cases.case_rows(session, audit_id)]
            tracked.position = ids.index(tracked.id)
            tracked.values = cases.case_values(session, tracked.id)
            tracked.name = tracked.values["pseudonym"]
            cases.delete_case(session, tracked.id)

        self.context.write(put_back if present else take_out, "case")  # the list reloads
        if present:
            self.cases.select(tracked.id)

    def move_by(self, step: int) -> None:
        ident = self.cases.shown_id
        row = self.model.row_of(ident)
        if ident is None or row is None or not 0 <= row + step < self.model.rowCount():
            return
        name = self.model.rows()[row].pseudonym
        self._move_to(ident, row + step)
        where = "up" if step < 0 else "down"
        self.context.undo.push(
            Edit(f"Move {plain(name)} {where}", partial(self._move_to, ident), row, row + step)
        )

    def _move_to(self, ident: int, position: int) -> None:
        self.context.write(lambda s: cases.move_case(s, ident, position), "case")
        self.cases.select(ident)

    # -- the screen ---------------------------------------------------------------------------
    def reload(self) -> None:
        self._mask()
        self.cases.reload()

    def leave(self) -> None:
        self.cases.commit()
        self.hide_reference()
