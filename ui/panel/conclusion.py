"""A case's conclusion step: the conclusion (saved as it is typed), the panel's grade per domain
where the audit is graded, and the actions that are not yet SMART, listed for the chair."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from panel_app.dates import format_short
from panel_app.panel import views
from panel_app.panel.entries import not_smart
from panel_app.services import cases
from ui.binding import FieldBinder, error_label
from ui.panel.controller import PanelController


class ConclusionForm(QWidget):
    def __init__(self, controller: PanelController, case_id: int) -> None:
        super().__init__()
        self.controller, self.case_id = controller, case_id
        self.setObjectName("conclusionForm")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._not_smart(layout)
        label = QLabel("Concl&usion")
        label.setObjectName("panelSubheading")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the panel concluded about this case")
        # Room for a paragraph, and the grades still in sight below it.
        lines = self.text.fontMetrics().lineSpacing()
        self.text.setMinimumHeight(lines * 3 + 12)
        self.text.setMaximumHeight(lines * 5 + 12)
        label.setBuddy(self.text)
        error = error_label()
        self.binder = FieldBinder(
            controller.context,
            self.text,
            label="Conclusion",
            load=lambda s: views.conclusion_of(s, case_id),
            save=lambda s, value: cases.update_case(s, case_id, conclusion=value),
            what="case",
            error=error,
        )
        self.binder.refresh()
        layout.addWidget(label)
        layout.addWidget(self.text)
        layout.addWidget(error)
        self.grades: dict[int, QComboBox] = {}
        self._grading(layout)
        layout.addStretch(1)  # on a tall screen the form stays together at the top
        controller.case_changed.connect(self.show_grades)

    def commit(self) -> None:
        self.binder.commit()

    def order_tabs(self) -> None:
        """Tab from the conclusion goes through the grades in order (once in the window)."""
        chain = [self.text, *self.grades.values()]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def refresh(self) -> None:
        """What was agreed, and which actions still need an owner or a date, as they stand."""
        items = self.controller.entries
        agreed = views.agreed_from(items)
        self.summary.setText(
            f"Agreed on this case: {len(agreed.good_practice)} good practice, "
            f"{len(agreed.learning)} learning, {len(agreed.actions)} actions."
        )
        missing = not_smart(items)
        self.missing_heading.setText(f"Actions not yet SMART ({len(missing)})")
        lines = []
        for entry in missing:
            needs = [
                name
                for name, value in (
                    ("an owner", entry.owner.strip()),
                    ("a due date", entry.due_date),
                )
                if not value
            ]
            when = f", due {format_short(entry.due_date)}" if entry.due_date else ""
            owner = f" ({entry.owner}{when})" if entry.owner else when
            lines.append(f"• {entry.text}{owner}: needs {' and '.join(needs)}")
        self.missing.setText("\n".join(lines))
        for widget in (self.missing_heading, self.missing, self.missing_hint):
            widget.setVisible(bool(missing))

    def _not_smart(self, layout: QVBoxLayout) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("panelQuiet")
        self.missing_heading = QLabel()
        self.missing_heading.setObjectName("notSmartHeading")
        self.missing = QLabel()
        self.missing.setTextFormat(Qt.TextFormat.PlainText)
        self.missing.setWordWrap(True)
        self.missing.setObjectName("notSmart")
        self.missing_hint = QLabel(
            "Every action of the case is in the list below: F2 on its Owner or Due cell to "
            "complete it."
        )
        self.missing_hint.setWordWrap(True)
        self.missing_hint.setObjectName("panelQuiet")
        for widget in (self.summary, self.missing_heading, self.missing, self.missing_hint):
            layout.addWidget(widget)
        self.refresh()

    def _grading(self, layout: QVBoxLayout) -> None:
        grading = self.controller.context.read(lambda s: views.grading(s, self.case_id))
        if not grading.graded or not grading.domains:
            return
        heading = QLabel("The panel's grade for this case")
        heading.setObjectName("panelSubheading")
        layout.addWidget(heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        half = (len(grading.domains) + 1) // 2
        for number, (domain_id, name) in enumerate(grading.domains):
            combo = QComboBox()
            combo.addItem("Not graded", None)
            for level_id, level, _colour in grading.scale:
                combo.addItem(level, level_id)
            combo.setCurrentIndex(max(0, combo.findData(grading.grades.get(domain_id))))
            combo.setAccessibleName(f"Grade for {name}")
            combo.activated.connect(lambda _i, d=domain_id, c=combo: self._grade(d, c))
            label = QLabel(name)
            label.setWordWrap(True)
            label.setBuddy(combo)
            row, column = number % half, (number // half) * 2
            grid.addWidget(label, row, column)
            grid.addWidget(combo, row, column + 1)
            self.grades[domain_id] = combo
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)

    def show_grades(self) -> None:
        """After an undo or redo of a grade, show what is stored."""
        grading = self.controller.context.read(lambda s: views.grading(s, self.case_id))
        for domain_id, combo in self.grades.items():
            combo.setCurrentIndex(max(0, combo.findData(grading.grades.get(domain_id))))

    def _grade(self, domain_id: int, combo: QComboBox) -> None:
        level: Any = combo.currentData()
        self.controller.set_case_grade(self.case_id, domain_id, level)
