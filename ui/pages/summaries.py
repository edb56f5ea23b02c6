"""Agency summaries: which are in and which are still to come, and each one to type in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app.services import summaries
from ui.controls import button, name_corner
from ui.eliding_header import ElidingHeader
from ui.pages.base import Page
from ui.pages.completeness_model import CompletenessModel
from ui.pages.summary_editor import SummaryEditor, read_tool

if TYPE_CHECKING:
    from ui.context import AuditContext

PREVIOUS, NEXT, NEXT_TO_DO = "Ctrl+PgUp", "Ctrl+PgDown", "F8"


class SummariesPage(Page):
    title = "Agency summaries"
    purpose = (
        "What each agency found in each case it audited, and its grades. The table shows what "
        "is still to come; Enter or a click opens a summary. Everything saves as you type."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        self.model = CompletenessModel()
        self.view = QTableView()
        self.view.setVerticalHeader(ElidingHeader(Qt.Orientation.Vertical, self.view))
        self.view.setModel(self.model)
        self.view.setAccessibleName("Summaries still to come: agencies down, cases across")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setCornerButtonEnabled(False)
        name_corner(self.view, "Corner of the table")
        self.view.setWordWrap(False)
        across = self.view.horizontalHeader()
        across.setDefaultSectionSize(84)
        across.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        down = self.view.verticalHeader()
        down.setMaximumWidth(200)
        down.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(lambda _index: self._open_current())
        self.counts = QLabel()
        self.counts.setObjectName("summaryCounts")
        self.counts.setWordWrap(True)
        self.legend = QLabel(
            "✓ complete · amber: grades or answers still missing · red: no summary yet · "
            "– not audited"
        )
        self.legend.setObjectName("pagePurpose")
        self.legend.setWordWrap(True)
        table_label = QLabel("Summaries still to &come")
        table_label.setBuddy(self.view)
        self.empty = QLabel(
            "No agency audits a case yet: mark cases 'Audited' on the Involvement grid and "
            "their summaries appear here."
        )
        self.empty.setObjectName("pagePurpose")
        self.empty.setWordWrap(True)

        self.editor = SummaryEditor(context)
        self.editor.wants.connect(self.open_summary)
        self.previous_button = button(
            "◀ Pre&vious", f"The previous summary ({PREVIOUS})", lambda: self.step(-1)
        )
        self.next_button = button("&Next ▶", f"The next summary ({NEXT})", lambda: self.step(1))
        self.to_do_button = button(
            "Next to d&o", f"The next summary still to come ({NEXT_TO_DO})", self.next_to_do
        )
        for key, slot in ((PREVIOUS, lambda: self.step(-1)), (NEXT, lambda: self.step(1)),
                          (NEXT_TO_DO, self.next_to_do)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(key), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        steps = QHBoxLayout()
        for made in (self.previous_button, self.next_button, self.to_do_button):
            steps.addWidget(made)
        steps.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.counts)
        left_layout.addWidget(self.legend)
        left_layout.addWidget(table_label)
        left_layout.addWidget(self.empty)
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(steps)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.editor)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 490])  # five cases in view beside a usable editor at 1366×768
        self.outer.addWidget(split, 1)
        context.changed.connect(self._changed)

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.editor.set_tool(read_tool(self.context))
        self._read()
        shown = self.editor.shown_id
        if self.model.index_of(shown).isValid():
            self.open_summary(shown)  # type: ignore[arg-type]
            self.editor.show_summary(shown)
        else:
            order = self.model.found.order()
            self.editor.show_summary(None)
            if order:
                self.open_summary(order[0])

    def _read(self) -> None:
        audit_id = self.context.audit_id
        found = self.context.read(lambda s: summaries.completeness(s, audit_id))
        self.model.set_found(found)
        self.empty.setVisible(not found.due)
        self.view.setVisible(bool(found.due))
        if not found.due:
            self.counts.setText("")
            return
        parts = [f"{found.complete} complete"]
        if found.missing:
            parts.append(f"{found.missing} without a summary yet")
        if found.unfinished:
            what = "not fully graded or filled in" if found.graded else "not filled in"
            parts.append(f"{found.unfinished} {what}")
        noun = "summary" if found.due == 1 else "summaries"
        self.counts.setText(f"{found.due} {noun} due: " + ", ".join(parts) + ".")

    def _changed(self, what: str) -> None:
        if not self.isVisible():
            return  # read again when it is shown
        if what == "involvement":
            self._read()
            if (
                self.editor.shown_id is not None
                and not self.model.index_of(self.editor.shown_id).isValid()
            ):
                self.editor.show_summary(None)  # no longer audited
        elif what in ("tool", "audit", "participation", "case", "agency"):
            self.reload()

    # -- choosing -----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.model.summary_at(current)
        if cell is None or cell.involvement_id == self.editor.shown_id:
            return
        if self.editor.commit():  # stay until the refused text is put right
            self.open_summary(self.editor.shown_id)  # type: ignore[arg-type]
            return
        self.editor.show_summary(cell.involvement_id)

    def _open_current(self) -> None:
        self.editor.focus_first()

    def open_summary(self, involvement_id: int) -> None:
        index = self.model.index_of(involvement_id)
        if index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            self.view.selectionModel().setCurrentIndex(index, flags)
            if self.editor.shown_id != involvement_id:
                self.editor.show_summary(involvement_id)

    def step(self, by: int) -> None:
        order = self.model.found.order()
        if not order:
            return
        at = order.index(self.editor.shown_id) if self.editor.shown_id in order else -by
        self.open_summary(order[max(0, min(len(order) - 1, at + by))])
        self.editor.focus_first()

    def next_to_do(self) -> None:
        order = self.model.found.order()
        to_do = {s.involvement_id for s in self.model.found.summaries() if not s.complete}
        if not to_do:
            return
        start = order.index(self.editor.shown_id) + 1 if self.editor.shown_id in order else 0
        for ident in order[start:] + order[:start]:
            if ident in to_do:
                self.open_summary(ident)
                self.editor.focus_first()
                return

    def leave(self) -> None:
        self.editor.commit()
