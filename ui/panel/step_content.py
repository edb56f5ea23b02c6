"""What the chair sees for the current step: the case's facts, an agency's summary, the family's
views, the prompts for discussion, or the conclusion. Rebuilt at each move; read-only except
for the heard tick and the conclusion (see ``conclusion.py``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from db.enums import Step
from panel_app.panel import views
from panel_app.panel.flow import Position
from panel_app.panel.views import Grade
from ui.panel.conclusion import ConclusionForm
from ui.panel.controller import PanelController

PROMPTS = {
    Step.DISCUSSION: "Open discussion. Each line typed below is recorded as a discussion point.",
    Step.GOOD_PRACTICE: "What good practice does the panel see in this case? Each line typed "
    "below is recorded as good practice.",
    Step.LEARNING: "What should agencies learn from this case? Each line typed below is "
    "recorded as learning.",
    Step.ACTIONS: "What must be done, by whom, and by when? Each line typed below is recorded "
    "as an action: put the owner after @ and the date after 'by', or you will be asked.",
}


def text_label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


AUDITED = "Audited"


def grade_grid(grades: tuple[Grade, ...]) -> QGridLayout:
    """Domain and grade in two columns, each grade with its colour beside it."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(2)
    half = (len(grades) + 1) // 2
    for number, grade in enumerate(grades):
        row, column = number % half, (number // half) * 3
        chip = QLabel("●")
        chip.setStyleSheet(f"color: {grade.colour};")
        chip.setAccessibleName("")
        grid.addWidget(chip, row, column)
        grid.addWidget(text_label(f"{grade.domain}: {grade.level}"), row, column + 1)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(4, 1)
    return grid


class StepContent(QScrollArea):
    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("stepContent")
        self.controller = controller
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.conclusion: ConclusionForm | None = None
        self.heard: QCheckBox | None = None
        self.setAccessibleName("What the chair needs for this step")

    def commit(self) -> None:
        """Save the conclusion being typed before the step changes."""
        if self.conclusion is not None:
            self.conclusion.commit()

    def show_position(self, position: Position | None) -> None:
        self.commit()
        self.conclusion = None
        self.heard = None
        body = QWidget()
        body.setObjectName("stepBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        if position is not None:
            builders: dict[Step, Callable[[QVBoxLayout, Position], None]] = {
                Step.INTRODUCTION: self._introduction,
                Step.AGENCY_SUMMARIES: self._agency,
                Step.FAMILY_VIEWS: self._family,
                Step.CONCLUSION: self._conclusion,
            }
            self._escalation(layout, position)
            builders.get(position.step, self._prompt)(layout, position)
        layout.addStretch(1)
        old = self.takeWidget()
        self.setWidget(body)
        if old is not None:
            old.deleteLater()

    # -- steps ----------------------------------------------------------------------------------
    def _section(self, layout: QVBoxLayout, title: str, text: str) -> None:
        if text.strip():
            layout.addWidget(text_label(title, "panelSubheading"))
            layout.addWidget(text_label(text))

    def _introduction(self, layout: QVBoxLayout, position: Position) -> None:
        facts = self.controller.context.read(lambda s: views.case_facts(s, position.case_id))
        known = [
            ("Consent", facts.consent),
            ("Age", facts.age_band),
            ("Gender", facts.gender),
            ("Ethnicity", facts.ethnicity),
            ("Disability or learning difficulty", facts.disability),
        ]
        layout.addWidget(text_label(" · ".join(f"{k}: {v}" for k, v in known if v)))
        self._section(layout, "Key facts", facts.key_facts or "No key facts recorded.")
        audited = [agency for agency, status in facts.involvement if status == AUDITED]
        others = [f"{agency} ({status.lower()})" for agency, status in facts.involvement
                  if status != AUDITED]  # fmt: skip
        self._section(
            layout,
            f"Audited by {len(audited)} agencies" if len(audited) != 1 else "Audited by",
            ", ".join(audited) or "No agency has audited this case.",
        )
        if others:
            layout.addWidget(text_label("Also checked: " + "; ".join(others), "panelQuiet"))
        views_count = facts.family_views
        layout.addWidget(
            text_label(
                f"Family and child views: {views_count} recorded."
                if views_count
                else "No family or child views were gathered for this case.",
                "panelQuiet",
            )
        )

    def _escalation(self, layout: QVBoxLayout, position: Position) -> None:
        info = self.controller.escalation(position.case_id)
        if info is None:
            return
        banner = text_label(
            f"Escalated: a child may be at current risk. {info.note}", "escalationBanner"
        )
        layout.addWidget(banner)

    def _agency(self, layout: QVBoxLayout, position: Position) -> None:
        agency_id = position.agency_id or 0
        summary = self.controller.context.read(
            lambda s: views.agency_summary(s, position.case_id, agency_id)
        )
        self.heard = QCheckBox("Summary hea&rd")
        self.heard.setToolTip("Tick once the panel has heard this summary (Ctrl+H)")
        self.heard.setAccessibleName(f"{summary.agency}'s summary heard")
        self.heard.setChecked(self.controller.heard(position.case_id, agency_id))
        self.heard.toggled.connect(
            lambda on: self.controller.set_heard(position.case_id, agency_id, on)
        )
        layout.addWidget(text_label(f"{summary.agency} · {summary.status}", "panelSubheading"))
        layout.addWidget(self.heard)
        self._section(layout, "What the agency did", summary.summary or "No summary sent.")
        self._section(layout, "Strengths", summary.strengths)
        self._section(layout, "Areas for development", summary.areas_for_development)
        if summary.grades:
            layout.addWidget(text_label("The agency's grades", "panelSubheading"))
            layout.addLayout(grade_grid(summary.grades))

    def _family(self, layout: QVBoxLayout, position: Position) -> None:
        items = self.controller.context.read(lambda s: views.family_views(s, position.case_id))
        if not items:
            layout.addWidget(
                text_label("No family or child views were gathered for this case.", "panelQuiet")
            )
        for item in items:
            said = f"“{item.text}”" if item.verbatim else item.text
            layout.addWidget(text_label(said, "familyView"))
            if item.speaker:
                layout.addWidget(text_label(f"— {item.speaker}", "panelQuiet"))

    def _prompt(self, layout: QVBoxLayout, position: Position) -> None:
        layout.addWidget(text_label(PROMPTS.get(position.step, ""), "panelQuiet"))
        if position.step is Step.DISCUSSION:
            areas = self.controller.context.read(
                lambda s: views.areas_for_development(s, position.case_id)
            )
            if areas:
                layout.addWidget(text_label("Areas for development raised", "panelSubheading"))
                for agency, text in areas:
                    layout.addWidget(text_label(f"{agency}: {text}"))

    def _conclusion(self, layout: QVBoxLayout, position: Position) -> None:
        self.conclusion = ConclusionForm(self.controller, position.case_id)
        layout.addWidget(self.conclusion)
