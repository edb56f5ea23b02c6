"""Which agency summaries are in, as a Qt table: agencies that audit something × cases."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from panel_app.services.summaries import Completeness, Summary

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
Role = Qt.ItemDataRole

DONE, MISSING, PART, NONE = "#D8EFDC", "#F9D6D5", "#FCEBC7", "#F1F1F1"
NONE_TEXT = "#6B6B6B"


class CompletenessModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.found = Completeness((), (), (), (), True, 0)

    def set_found(self, found: Completeness) -> None:
        if (found.agencies, found.cases) == (self.found.agencies, self.found.cases):
            self.found = found  # the same shape: redraw, keeping the cursor
            if found.agencies and found.cases:
                last = self.index(self.rowCount() - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self.found = found
        self.endResetModel()

    def summary_at(self, index: Index) -> Summary | None:
        if not index.isValid():
            return None
        return self.found.cells[index.row()][index.column()]

    def index_of(self, involvement_id: int | None) -> QModelIndex:
        for r, row in enumerate(self.found.cells):
            for c, cell in enumerate(row):
                if cell is not None and cell.involvement_id == involvement_id:
                    return self.index(r, c)
        return QModelIndex()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() or not self.found.cases else len(self.found.agencies)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() or not self.found.agencies else len(self.found.cases)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.summary_at(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        across = orientation == Qt.Orientation.Horizontal
        names = self.found.cases if across else self.found.agencies
        if not 0 <= section < len(names) or role not in (Role.DisplayRole, Role.ToolTipRole):
            return None
        ident, name = names[section]
        if across and ident in self.found.escalated:
            return f"⚠ {name}" if role == Role.DisplayRole else f"{name}: escalated"
        return name

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.summary_at(index)
        agency = self.found.agencies[index.row()][1]
        case = self.found.cases[index.column()][1]
        if cell is None:
            other = self.found.other[index.row()][index.column()]
            shown: dict[int, Any] = {
                Role.DisplayRole: "–",
                Role.ToolTipRole: f"{agency} does not audit {case} ({other.lower()})",
                Role.AccessibleTextRole: f"{agency}, {case}: not audited",
                Role.BackgroundRole: QBrush(QColor(NONE)),
                Role.ForegroundRole: QBrush(QColor(NONE_TEXT)),
                Role.TextAlignmentRole: int(Qt.AlignmentFlag.AlignCenter),
            }
            return shown.get(role)
        tint = DONE if cell.complete else MISSING if cell.missing else PART
        if role == Role.DisplayRole:
            return cell.short
        if role == Role.BackgroundRole:
            return QBrush(QColor(tint))
        if role == Role.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            state = "complete" if cell.complete else "still to come: " + ", ".join(cell.to_do())
            return f"{agency}, {case}: {state}. Enter or click to open it."
        if role == Role.UserRole:
            return cell.involvement_id
        return None
