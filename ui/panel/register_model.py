"""The attendance register as a table: name, agency, role, and present / apologies / absent."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from db.enums import AttendanceStatus
from db.enums import label as enum_label
from panel_app.panel.register import RegisterRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

NAME, AGENCY, ROLE, STATUS = range(4)
HEADERS = ("Name", "Agency", "Role", "Attendance")
COLOURS = {
    AttendanceStatus.PRESENT: QColor("#1B5E20"),
    AttendanceStatus.APOLOGIES: QColor("#7A4F01"),
    AttendanceStatus.ABSENT: QColor("#5A6475"),
}


class RegisterModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[RegisterRow] = []

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def replace(self, row: RegisterRow) -> None:
        for number, existing in enumerate(self._rows):
            if existing.id == row.id:
                self._rows[number] = row
                self.dataChanged.emit(self.index(number, 0), self.index(number, STATUS))
                return

    def rows(self) -> list[RegisterRow]:
        return list(self._rows)

    def row_at(self, row: int) -> RegisterRow:
        return self._rows[row]

    def row_of(self, attendee_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == attendee_id), None)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (row.name, row.agency, row.role, enum_label(row.status))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS:
            return QBrush(COLOURS[row.status])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS:
            return "P present · A apologies · X absent"
        return None
