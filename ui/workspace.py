"""An open audit: its screens down the left, the chosen one on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from panel_app.services import audits
from ui.context import AuditContext
from ui.pages.base import Page
from ui.pages.details import DetailsPage
from ui.returns_menu import returns_button

if TYPE_CHECKING:
    from panel_app.database import Database

#: The screens of an audit, in the order a business manager works through them.
PAGES: list[type[Page]] = [DetailsPage]


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
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self._current: Page | None = None
        self.context.changed.connect(self._changed)
        self._show_heading()
        self.nav.setCurrentRow(0)

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
        return self.context.flush()

    def _changed(self, what: str) -> None:
        if what == "audit":
            self._show_heading()

    def _show_heading(self) -> None:
        def describe(session: object) -> str:
            audit = audits.get_audit(session, self.context.audit_id)  # type: ignore[arg-type]
            when = format_long(audit.panel_date) or "panel date not set"
            return f"{audit.title} · {when}"

        self.heading.setText(self.context.read(describe))
