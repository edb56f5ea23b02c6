"""What the chair sees for the current step: the case's facts, an agency's summary, the family's
views, the prompts for discussion, or the conclusion. The same few widgets are refilled at
each move (a page of text, the escalation banner, the heard tick); only the conclusion's form
is built, when the conclusion is reached (see ``conclusion.py``).

The page is a read-only text browser, not a label in a scroll area: it lays its text out once
for its width, where a wrapped label is measured again and again by the layouts around it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QLabel,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
)

from db.enums import Step
from panel_app.panel import views
from panel_app.panel.flow import Position
from ui.panel import step_pages
from ui.panel.conclusion import ConclusionForm
from ui.panel.controller import PanelController


def text_label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class StepContent(QFrame):
    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("stepContent")
        self.controller = controller
        self.setAccessibleName("What the chair needs for this step")
        self.position: Position | None = None
        #: Each step's page as drawn: what it shows does not change while the panel runs
        #: (summaries and facts are edited on the audit's screens), so a step gone back to
        #: costs no reading. Forgotten when the case itself changes.
        self._pages: dict[Position, str] = {}
        controller.case_changed.connect(self._pages.clear)
        controller.escalation_changed.connect(self._pages.clear)
        self.conclusion: ConclusionForm | None = None
        self.conclusion_area: QScrollArea | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(6, 4, 2, 4)
        self.layout_.setSpacing(4)
        self.banner = text_label("", "escalationBanner")
        self.banner.setVisible(False)
        self.heard = QCheckBox("Summary hea&rd")
        self.heard.setToolTip("Tick once the panel has heard this summary (Ctrl+H; Next ticks it)")
        self.heard.setVisible(False)
        self.heard.toggled.connect(self._heard_toggled)
        self.page = QTextBrowser()
        self.page.setObjectName("stepPage")
        self.page.setOpenLinks(False)
        self.page.setFrameShape(QFrame.Shape.NoFrame)
        self.page.setAccessibleName("The step's text")
        # Reading it with the mouse must not take the keyboard from the capture line.
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.heard)
        self.layout_.addWidget(self.page, 1)

    def commit(self) -> None:
        """Save the conclusion being typed before the step changes."""
        if self.conclusion is not None:
            self.conclusion.commit()

    def show_position(self, position: Position | None) -> None:
        self.commit()
        self.position = position
        if self.conclusion is not None and (
            position is None
            or position.step is not Step.CONCLUSION
            or position.case_id != self.conclusion.case_id
        ):
            assert self.conclusion_area is not None
            self.conclusion_area.deleteLater()
            self.conclusion = self.conclusion_area = None
        if position is None:
            self.page.clear()
            self.banner.setVisible(False)
            self.heard.setVisible(False)
            return
        self._escalation(position)
        self._heard(position)
        at_conclusion = position.step is Step.CONCLUSION
        self.page.setVisible(not at_conclusion)
        if not at_conclusion:
            page = self._pages.get(position)
            if page is None:
                page = self._pages[position] = self._page(position)
            self.page.setHtml(page)
        elif self.conclusion is None:
            self.conclusion = ConclusionForm(self.controller, position.case_id)
            self.conclusion_area = QScrollArea()
            self.conclusion_area.setObjectName("conclusionArea")
            self.conclusion_area.setFrameShape(QFrame.Shape.NoFrame)
            self.conclusion_area.setWidgetResizable(True)
            self.conclusion_area.setWidget(self.conclusion)
            self.layout_.addWidget(self.conclusion_area, 1)
            self.conclusion_area.show()  # now, not on the next turn of the event loop
            self.conclusion.order_tabs()
        else:
            self.conclusion.refresh()

    def text(self) -> str:
        """What the step shows, as plain text (for tests, and the walk-through's checks)."""
        shown = [self.banner.text()] if self.banner.isVisible() else []
        if self.page.isVisible():
            shown.append(self.page.toPlainText())
        return "\n".join(shown)

    # -- pieces ----------------------------------------------------------------------------------
    def _page(self, position: Position) -> str:
        read, case_id = self.controller.context.read, position.case_id
        step = position.step
        if step is Step.INTRODUCTION:
            return step_pages.introduction(read(lambda s: views.case_facts(s, case_id)))
        if step is Step.AGENCY_SUMMARIES:
            agency_id = position.agency_id or 0
            summary = read(lambda s: views.agency_summary(s, case_id, agency_id))
            return step_pages.agency(summary)
        if step is Step.FAMILY_VIEWS:
            return step_pages.family(read(lambda s: views.family_views(s, case_id)))
        if step is Step.CONCLUSION:
            return ""
        areas = (
            read(lambda s: views.areas_for_development(s, case_id))
            if step is Step.DISCUSSION
            else []
        )
        return step_pages.prompt(step, areas)

    def _escalation(self, position: Position) -> None:
        case = self.controller.walk.case(position.case_id)
        info = self.controller.escalation(position.case_id) if case.escalated else None
        if info is not None:
            self.banner.setText(f"Escalated: a child may be at current risk. {info.note}")
        self.banner.setVisible(info is not None)

    def _heard(self, position: Position) -> None:
        on_summary = position.agency_id is not None
        self.heard.setVisible(on_summary)
        if on_summary:
            name = self.controller.agency_names.get(position.agency_id or 0, "the agency")
            self.heard.setAccessibleName(f"Summary of {name} heard")
            self.show_heard()

    def show_heard(self) -> None:
        position = self.position
        if position is None or position.agency_id is None:
            return
        self.heard.blockSignals(True)
        self.heard.setChecked(self.controller.heard(position.case_id, position.agency_id))
        self.heard.blockSignals(False)

    def _heard_toggled(self, on: bool) -> None:
        position = self.position
        if position is not None and position.agency_id is not None:
            self.controller.set_heard(position.case_id, position.agency_id, on)
