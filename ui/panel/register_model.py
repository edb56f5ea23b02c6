"""The attendance register as a table: name, agency, role, and present / apologies / absent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from db.enums import AttendanceStatus
from db.enums import label as enum_label
from panel_app.panel.register import RegisterRow

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

NAME, AGENCY, ROLE, STATUS = range(4)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
EDITABLE = {NAME: "name", ROLE: "role"}
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
        #: Writes an edited name or role: (row, field, text) → whether it was taken.
        self.on_edit: Callable[[RegisterRow, str, str], bool] | None = None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE and self.on_edit is not None:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or index.column() not in EDITABLE
            or self.on_edit is None
            or not isinstance(value, str)
        ):
            return False
        return self.on_edit(self._rows[index.row()], EDITABLE[index.column()], value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == STATUS_ROLE:
            return row.status
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.EditRole,
        ):
            return (row.name, row.agency, row.role, enum_label(row.status))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS:
            return QBrush(COLOURS[row.status])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS:
            return "Click one, or press P present · A apologies · X absent"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in EDITABLE:
            return "F2 or double-click to put it right"
        return None
