"""The audit list as a Qt table: a thin adapter over ``AuditSummary`` rows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from db.enums import label
from panel_app.dates import format_short

if TYPE_CHECKING:
    from panel_app.services.audits import AuditSummary

Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Panel date", "Theme", "Title", "Status", "Open actions")


class AuditListModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[AuditSummary] = ()) -> None:
        super().__init__()
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[AuditSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def audit_at(self, row: int) -> AuditSummary:
        return self._rows[row]

    def rows(self) -> list[AuditSummary]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 4 and row.overdue_actions:
            return f"{row.overdue_actions} of them overdue"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    @staticmethod
    def _text(row: AuditSummary, column: int) -> str:
        if column == 0:
            return format_short(row.panel_date) or "Not set"
        if column == 1:
            return row.theme
        if column == 2:
            return row.title
        if column == 3:
            return label(row.status) + (" (archived)" if row.archived else "")
        overdue = f" ({row.overdue_actions} overdue)" if row.overdue_actions else ""
        return f"{row.open_actions}{overdue}"
