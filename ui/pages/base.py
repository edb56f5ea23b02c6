"""What every screen of an open audit is: a widget that reloads from the database when shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.context import AuditContext


class Page(QWidget):
    #: The name in the audit's navigation list.
    title = ""
    #: One line under the heading saying what the screen is for.
    purpose = ""

    def __init__(self, context: AuditContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName(type(self).__name__)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(16, 8, 16, 8)
        heading = QLabel(self.title)
        heading.setObjectName("pageHeading")
        self.outer.addWidget(heading)
        if self.purpose:
            purpose = QLabel(self.purpose)
            purpose.setObjectName("pagePurpose")
            purpose.setWordWrap(True)
            self.outer.addWidget(purpose)

    def scrolling_body(self) -> QWidget:
        """A body that scrolls, so a long form still fits a 1366×768 laptop."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields, not their frame
        body = QWidget()
        body.setObjectName("pageBody")
        area.setWidget(body)
        self.outer.addWidget(area, 1)
        return body

    def reload(self) -> None:
        """Show what the database holds now."""

    def leave(self) -> None:
        """Called before another screen is shown: save what is being typed."""
