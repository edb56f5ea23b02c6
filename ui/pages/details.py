"""Audit details: what the audit is about, when, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGridLayout, QWidget

from db.enums import AuditStatus, label
from panel_app.services import audits
from ui.context import AuditContext
from ui.form import Form
from ui.pages.base import Page


class DetailsPage(Page):
    title = "Audit details"
    purpose = "The theme, dates and reasons for this audit. Everything saves as you type."

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        body = self.scrolling_body()
        grid = QGridLayout(body)
        left, right = QFormLayout(), QFormLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        grid.addWidget(QWidget(), 1, 0)

        def form(layout: QFormLayout) -> Form:
            return Form(
                context,
                layout,
                record_id=lambda: context.audit_id,
                get=audits.get_audit,
                update=audits.update_audit,
                what="audit",
            )

        self.left, self.right = form(left), form(right)
        self.left.line("&Theme", "theme", "Neglect")
        self.left.line("T&itle", "title", "Multi-agency case audit: neglect")
        self.left.date("&Panel date", "panel_date")
        self.left.choice("&Status", "status", [(label(s), s.value) for s in AuditStatus])
        self.left.date("Scope fro&m", "scope_start")
        self.left.date("Scope t&o", "scope_end")
        self.left.line("Scope &description", "scope_description", "Children subject to a plan")
        self.left.long("Introd&uction", "introduction", 5)
        self.right.long("Ratio&nale", "rationale", 7, "Why the partnership chose this theme")
        self.right.long("Methodolo&gy", "methodology", 7, "How cases were chosen and audited")
        self.right.long("Pro&cess", "process", 5, "How the panel day runs")

    def reload(self) -> None:
        self.left.refresh()
        self.right.refresh()

    def leave(self) -> None:
        for form in (self.left, self.right):
            for binder in form.binders.values():
                binder.commit()
