"""The grid's table, kept like a spreadsheet: arrows move, Enter goes down, Tab leaves."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.controls import name_corner
from ui.eliding_header import ElidingHeader
from ui.pages.grid_model import GridModel

CELL_WIDTH = 108  # "Out of scope" with room to spare at 10.5pt


class GridView(QTableView):
    def __init__(self, model: GridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalHeader(ElidingHeader(Qt.Orientation.Vertical, self))
        self.setModel(model)
        self.grid_model = model
        self.setAccessibleName("Involvement grid: agencies down, cases across")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab goes on to the next control, as on every screen
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        name_corner(self, "Select every cell")
        across = self.horizontalHeader()
        across.setDefaultSectionSize(CELL_WIDTH)
        across.setMinimumSectionSize(80)
        across.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        across.setStretchLastSection(False)  # stretched, it would push a scroll bar in
        across.setHighlightSections(True)
        down = self.verticalHeader()
        down.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        down.setMaximumWidth(300)  # a long agency name is cut short; its tooltip has it whole
        down.setTextElideMode(Qt.TextElideMode.ElideRight)
        down.setHighlightSections(True)
        model.modelReset.connect(self.lay_out)
        model.dataChanged.connect(lambda *_: self._spans())

    def lay_out(self) -> None:
        """Spans for the rows of agencies not taking part (their reason across the cases)."""
        self._spans()
        totals = self.grid_model.cases()
        self.resizeColumnToContents(totals)
        across = self.horizontalHeader()
        across.resizeSection(totals, max(160, across.sectionSize(totals) + 12))

    def _spans(self) -> None:
        self.clearSpans()
        cases = self.grid_model.cases()
        for row in range(self.grid_model.agencies()):
            agency = self.grid_model.agency_at(row)
            if agency is not None and not agency.taking_part and cases > 1:
                self.setSpan(row, 0, 1, cases)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.step_down()
            return
        super().keyPressEvent(event)

    def step_down(self) -> None:
        """The cell below, as Enter does in a spreadsheet (the last row stays put)."""
        current = self.currentIndex()
        if not current.isValid():
            return
        below = self.grid_model.index(current.row() + 1, current.column(), QModelIndex())
        if below.isValid() and below.row() < self.grid_model.agencies():
            self.setCurrentIndex(below)
