"""The audit tool: the domains agencies grade their work in, and the grading scale they use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services import audit_tool, audits
from ui import msgbox
from ui.form import Form
from ui.pages.base import Page
from ui.pages.list_editor import ListEditor, grades
from ui.pages.tool_lists import DOMAINS, GRADES
from ui.undo import Edit

if TYPE_CHECKING:
    from ui.context import AuditContext


class ColourChooser:
    """The colour dialog; ``choose`` is the seam tests patch."""

    @classmethod
    def choose(cls, parent: QWidget, current: str, title: str) -> str | None:
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return None
        colour = QColorDialog.getColor(QColor(current), parent, title)
        return colour.name().upper() if colour.isValid() else None


class ToolPage(Page):
    title = "Audit tool"
    purpose = (
        "The domains each agency grades its work in, and the grading scale. Changes save as "
        "you type; Ctrl+Z undoes them."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        body = self.scrolling_body()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        self.tool = Form(
            context, top, record_id=lambda: context.audit_id, get=audits.get_audit,
            update=audits.update_audit, what="audit",
        )  # fmt: skip
        self.tool_name = self.tool.line("&Tool name", "tool_name", "Multi-agency case audit tool")
        self.graded = self.tool.flag("Agencies gi&ve grades", "graded")
        self.graded.setToolTip("Untick for an audit where agencies give no grades")
        layout.addLayout(top)

        self.domains = ListEditor(
            context, DOMAINS, "Domains", "Domains (&question areas), in the order asked"
        )
        self.domains.standard_buttons("Add doma&in", "&Delete domain…")
        self.domain_name = QLineEdit()
        self.domains.add_field("Na&me", "name", self.domain_name)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("What auditors should look for in this domain")
        self.description.setMaximumHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)
        self.domains.add_field("De&scription", "description", self.description)

        self.scale = ListEditor(context, GRADES, "Grading scale", "Grades, &best first")
        self.scale.standard_buttons("Add &grade", "Rem&ove grade…")
        self.label = QLineEdit()
        self.scale.add_field("Grade &name", "label", self.label)
        self.colour = QLineEdit()
        self.colour.setPlaceholderText("#2E7D32")
        self.colour.setMaximumWidth(110)
        self.pick = QPushButton("Pic&k colour…")
        self.pick.setToolTip("Choose the grade's colour from a palette")
        self.pick.setAccessibleName("Pick colour")
        self.pick.clicked.connect(self.pick_colour)
        self.colour_binder = self.scale.add_field("Colo&ur", "colour", self.colour, self.pick)
        self.standard = QPushButton("Use a standard s&cale")
        self.standard.setAccessibleName("Use a standard scale")
        self.standard.setToolTip("Replace the scale with Ofsted's four grades or red, amber, green")
        menu = QMenu(self.standard)
        self.ofsted_action = menu.addAction(
            "&Ofsted: Outstanding, Good, Requires improvement, Inadequate"
        )
        self.ofsted_action.triggered.connect(
            lambda: self.use_scale(audit_tool.OFSTED_SCALE, "the Ofsted-style scale")
        )
        self.rag_action = menu.addAction("&Red, amber, green")
        self.rag_action.triggered.connect(
            lambda: self.use_scale(audit_tool.RAG_SCALE, "red, amber, green")
        )
        self.standard.setMenu(menu)
        self.scale.form.addRow("", self.standard)

        lists = QHBoxLayout()
        lists.addWidget(self.domains, 3)
        lists.addWidget(self.scale, 2)
        layout.addLayout(lists, 1)
        context.changed.connect(self._changed)

    # -- the screen ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.tool.refresh()
        self.domains.reload()
        self.scale.reload()
        self._graded()

    def leave(self) -> None:
        for binder in self.tool.binders.values():
            binder.commit()
        self.domains.commit()
        self.scale.commit()

    def _changed(self, what: str) -> None:
        if what == "tool":
            self.domains.reload_list()
            self.scale.reload_list()
        elif what == "audit":
            self._graded()

    def _graded(self) -> None:
        audit_id = self.context.audit_id
        graded = self.context.read(lambda s: audits.get_audit(s, audit_id).graded)
        self.scale.setEnabled(graded)
        self.scale.setTitle("Grading scale" if graded else "Grading scale (not used: no grades)")

    # -- the scale ----------------------------------------------------------------------------
    def pick_colour(self) -> None:
        chosen = ColourChooser.choose(self, self.colour.text(), "Colour of the grade")
        if chosen is not None:
            self.colour.setText(chosen)
            self.colour_binder.commit()

    def use_scale(self, scale: Sequence[tuple[str, str]], name: str) -> None:
        audit_id = self.context.audit_id
        given = self.context.read(lambda s: audit_tool.grades_given(s, audit_id))
        if given and not msgbox.Question.ask(
            self,
            "Use a standard scale",
            f"Use {name}? {grades(given)} already given will be cleared; Undo brings back "
            "the old scale, but not those grades.",
        ):
            return
        old = tuple((row.text, row.colour or "") for row in self.scale.model.rows())
        self._replace_scale(tuple(scale), check=False)
        self.context.undo.push(Edit(f"Use {name}", self._replace_scale, old, tuple(scale)))

    def _replace_scale(self, scale: tuple[tuple[str, str], ...], check: bool = True) -> None:
        audit_id = self.context.audit_id
        if check and self.context.read(lambda s: audit_tool.grades_given(s, audit_id)):
            raise DomainError(
                "Grades have been given on this scale since, so it was left as it is. Use a "
                "standard scale again if you mean to clear them."
            )
        before = [row.id for row in self.scale.model.rows()]
        self.context.write(lambda s: audit_tool.use_scale(s, audit_id, scale), "tool")
        self.scale.reload_list()
        after = [row.id for row in self.scale.model.rows()]
        for old, new in zip(before, after, strict=False):
            self.scale.replaced(old, new)
        self.scale.reload()
