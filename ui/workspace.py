"""An open audit: its screens down the left, the chosen one on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from panel_app.dates import format_long
from panel_app.errors import DomainError
from panel_app.services import audits
from ui import msgbox
from ui.context import AuditContext
from ui.export_menu import ExportMenu, export_button
from ui.minutes_menu import ApprovalNote, MinutesMenu, minutes_button
from ui.pages.agencies import AgenciesPage
from ui.pages.base import Page
from ui.pages.cases import CasesPage
from ui.pages.details import DetailsPage
from ui.returns_menu import returns_button

if TYPE_CHECKING:
    from panel_app.database import Database
    from ui.panel.mode import PanelMode

#: The screens of an audit, in the order a business manager works through them.
PAGES: list[type[Page]] = [DetailsPage, AgenciesPage, CasesPage]


class AuditWorkspace(QWidget):
    back_requested = Signal()

    def __init__(self, database: Database, audit_id: int) -> None:
        super().__init__()
        self.setObjectName("AuditWorkspace")
        self.context = AuditContext(database, audit_id, self)
        self.back = QPushButton("← &All audits")
        self.back.setObjectName("backButton")
        self.back.setToolTip("Back to the list of audits (Alt+A)")
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.nav = QListWidget()
        self.nav.setObjectName("pageList")
        self.nav.setAccessibleName("Screens of this audit")
        self.stack = QStackedWidget()
        self.pages: list[Page] = []
        for page_class in PAGES:
            page = page_class(self.context)
            self.pages.append(page)
            self.stack.addWidget(page)
            self.nav.addItem(page.title)
        self.nav.setFixedWidth(max(190, self.nav.sizeHintForColumn(0) + 28))
        self.nav.currentRowChanged.connect(self.show_page)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        self.returns_button = returns_button(self.context, self)
        top.addWidget(self.returns_button)
        self.minutes_menu = MinutesMenu(self.context, self)  # the main window's menu bar too
        top.addWidget(minutes_button(self.minutes_menu))
        self.export_menu = ExportMenu(self.context, self)  # the main window's menu bar too
        top.addWidget(export_button(self.export_menu))
        self.panel_button = QPushButton("▶ Start the pane&l")
        self.panel_button.setToolTip(
            "Run the panel meeting: register, walk-through and live capture (Ctrl+Shift+P)"
        )
        self.panel_button.clicked.connect(self.start_panel)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.start_panel)
        top.addWidget(self.panel_button)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        # The audit's screens, or panel mode in their place (the whole window).
        screens = QWidget()
        screens_layout = QVBoxLayout(screens)
        screens_layout.setContentsMargins(8, 4, 8, 4)
        screens_layout.addLayout(top)
        screens_layout.addWidget(ApprovalNote(self.context))
        screens_layout.addLayout(body, 1)
        self.modes = QStackedWidget()
        self.modes.addWidget(screens)
        self.panel: PanelMode | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.modes)
        self._current: Page | None = None
        self.context.changed.connect(self._changed)
        self._show_heading()
        self.nav.setCurrentRow(0)
        from ui.panel import state

        if state.open_audit(database.location) == audit_id:
            self.start_panel()  # it was left in panel mode: the panel resumes where it was

    def page(self, page_class: type[Page]) -> Page:
        return next(p for p in self.pages if isinstance(p, page_class))

    def show_page(self, row: int) -> None:
        if self._current is not None:
            self._current.leave()
        self._current = self.pages[row]
        self.stack.setCurrentIndex(row)
        self._current.reload()
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)

    def go_to(self, page_class: type[Page]) -> Page:
        page = self.page(page_class)
        self.show_page(self.pages.index(page))
        return page

    def flush(self) -> list[str]:
        """Save everything still being typed; the refusals, if any, by field."""
        if self._current is not None:
            self._current.leave()
        if self.panel is not None:
            self.panel.flush()
        return self.context.flush()

    def start_panel(self) -> PanelMode | None:
        """Panel mode in place of the audit's screens (it resumes where it was left)."""
        if self.panel is None:
            from ui.panel.mode import PanelMode

            if self._current is not None:
                self._current.leave()
            try:
                self.panel = PanelMode(self.context, self.context.database.location)
            except DomainError as refusal:
                msgbox.error(self, "Start the panel", refusal.message)
                return None
            self.panel.left_panel.connect(self.leave_panel)
            self.modes.addWidget(self.panel)
        self.modes.setCurrentWidget(self.panel)
        return self.panel

    def leave_panel(self) -> None:
        panel, self.panel = self.panel, None
        if panel is None:
            return
        self.modes.setCurrentIndex(0)
        self.modes.removeWidget(panel)
        panel.deleteLater()
        if self._current is not None:
            self._current.reload()

    def _changed(self, what: str) -> None:
        if what == "audit":
            self._show_heading()

    def _show_heading(self) -> None:
        def describe(session: object) -> str:
            audit = audits.get_audit(session, self.context.audit_id)  # type: ignore[arg-type]
            when = format_long(audit.panel_date) or "panel date not set"
            return f"{audit.title} · {when}"

        self.heading.setText(self.context.read(describe))
