"""One agency's summary of one case: what it did, strengths, areas for development, and a
grade per domain of the audit tool. Saves as it is typed; an undo goes back to the summary it
was typed in."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from panel_app.services import audits, involvement, summaries
from ui.binding import FieldBinder, error_label, field_row, fill_choices
from ui.form import Form

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

NOT_GRADED = 0  # a combo cannot find None among its items: 0 is no grade level's id
Tool = tuple[bool, list[tuple[int, str]], list[tuple[int, str]]]  # graded, domains, scale


class SummaryEditor(QWidget):
    #: An undo changed a summary not shown: the page shows it (its id) before it is written.
    wants = Signal(int)

    def __init__(self, context: AuditContext) -> None:
        super().__init__()
        self.setObjectName("pageBody")
        self.context = context
        self.shown_id: int | None = None
        self._tool: Tool | None = None
        self.title = QLabel("Choose a summary in the table")
        self.title.setObjectName("pageHeading")
        self.title.setWordWrap(True)
        texts = QFormLayout()
        self.form = Form(
            context, texts, record_id=lambda: self.shown_id, get=involvement.get_involvement,
            update=involvement.update_involvement, what="involvement",
        )  # fmt: skip
        texts.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: width
        self.summary = self.form.long(
            "&Summary: what the agency did", "summary", 5, "Its involvement with the family"
        )
        self.strengths = self.form.long("S&trengths: what went well", "strengths", 3)
        self.areas = self.form.long(
            "Areas for &development: what could have been better", "areas_for_development", 3
        )
        for box in (self.summary, self.strengths, self.areas):
            box.setMaximumHeight(box.minimumHeight() + box.fontMetrics().lineSpacing() * 2)
        self.grades_box = QGroupBox("&Grades, one per domain")
        self.grades_layout = QFormLayout(self.grades_box)
        self.ungraded = QLabel(
            "This audit is ungraded: agencies write summaries only. The Audit tool screen "
            "turns grading on."
        )
        self.ungraded.setObjectName("pagePurpose")
        self.ungraded.setWordWrap(True)
        self.grade_binders: list[FieldBinder] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(texts)
        layout.addWidget(self.grades_box)
        layout.addWidget(self.ungraded)
        layout.addStretch(1)

    def binders(self) -> list[FieldBinder]:
        return list(self.form.binders.values()) + self.grade_binders

    def commit(self) -> list[str]:
        return [message for binder in self.binders() if (message := binder.commit())]

    # -- the grades ---------------------------------------------------------------------------
    def set_tool(self, tool: Tool) -> None:
        """One combo per domain, from the audit's scale; made again when the tool changes."""
        if tool == self._tool:
            return
        graded, domains, scale = tool
        if self._tool is not None and _ids(self._tool) == _ids(tool):
            self._rename(tool)  # the same domains and grades: their combos (and undo) stay
            return
        self._tool = tool
        for binder in self.grade_binders:
            binder.commit()
            self.context.forget(binder)
        self.grade_binders = []
        while self.grades_layout.rowCount():
            self.grades_layout.removeRow(0)
        choices = [("Not graded", NOT_GRADED), *[(name, ident) for ident, name in scale]]
        for domain_id, name in domains:
            combo = QComboBox()
            combo.setFixedWidth(170)
            fill_choices(combo, choices)
            error = error_label()
            binder = FieldBinder(
                self.context,
                combo,
                label=f"Grade for {name}",
                load=partial(self._load_grade, domain_id),
                save=partial(self._save_grade, domain_id),
                what="involvement",
                error=error,
            )
            self.grade_binders.append(binder)
            text = QLabel(name)
            text.setBuddy(combo)
            text.setToolTip(name)
            self.grades_layout.addRow(text, field_row(combo, error))
        self.grades_box.setVisible(graded and bool(domains))
        self.ungraded.setVisible(not graded)
        if self.shown_id is not None:
            self.show_summary(self.shown_id)

    def _rename(self, tool: Tool) -> None:
        self._tool = tool
        graded, domains, scale = tool
        rows = zip(self.grade_binders, domains, strict=True)
        for row, (binder, (_ident, name)) in enumerate(rows):
            binder.label = f"Grade for {name}"
            binder.widget.setAccessibleName(binder.label)
            item = self.grades_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            text = item.widget() if item is not None else None
            if isinstance(text, QLabel):
                text.setText(name)
                text.setToolTip(name)
            combo = binder.widget
            assert isinstance(combo, QComboBox)
            for index, (_level, label) in enumerate(scale, start=1):
                combo.setItemText(index, label)
        self.grades_box.setVisible(graded and bool(domains))
        self.ungraded.setVisible(not graded)

    def _load_grade(self, domain_id: int, session: Session) -> int:
        if self.shown_id is None:
            return NOT_GRADED
        given = involvement.grade_given(session, self.shown_id, domain_id)
        return NOT_GRADED if given is None else given

    def _save_grade(self, domain_id: int, session: Session, value: Any) -> None:
        if self.shown_id is not None:
            level = None if value in (None, NOT_GRADED) else int(value)
            involvement.set_involvement_grade(session, self.shown_id, domain_id, level)

    # -- which summary ------------------------------------------------------------------------
    def show_summary(self, ident: int | None) -> None:
        self.shown_id = ident
        if ident is None:
            self.title.setText("Choose a summary in the table")
        else:
            found = self.context.read(lambda s: summaries.heading(s, ident))
            self.title.setText(f"{found.agency} — {found.case}")
        for binder in self.binders():
            # A saved edit's undo calls the binder's _write_back: tie it to this summary.
            binder._write_back = partial(self._write_to, binder, ident)  # type: ignore[method-assign]
            binder.refresh()
            binder.widget.setEnabled(ident is not None)

    def _write_to(self, binder: FieldBinder, ident: int | None, value: Any) -> None:
        if ident is None:
            return
        if ident != self.shown_id:
            self.wants.emit(ident)  # the page selects it, which shows it here
        if ident == self.shown_id and shiboken6.isValid(binder.widget):
            FieldBinder._write_back(binder, value)
            return
        # Not shown (no longer audited), or its combo made again for a changed audit tool.
        was, self.shown_id = self.shown_id, ident
        try:
            self.context.write(lambda session: binder.save(session, value), binder.what)
        finally:
            self.shown_id = was

    def focus_first(self) -> None:
        self.summary.setFocus()


def _ids(tool: Tool) -> tuple[list[int], list[int]]:
    return [ident for ident, _n in tool[1]], [ident for ident, _n in tool[2]]


def read_tool(context: AuditContext) -> Tool:
    """Whether the audit is graded, its domains and its scale."""
    audit_id = context.audit_id

    def work(session: Session) -> Tool:
        domains, scale = summaries.grade_choices(session, audit_id)
        return audits.get_audit(session, audit_id).graded, domains, scale

    return context.read(work)
