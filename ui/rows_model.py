"""A table of a service's rows (frozen dataclasses with an ``id``), one record a line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
#: A heading and how to show a row (a service's frozen dataclass with an ``id``) in it.
Column = tuple[str, Callable[[Any], str]]


class RowsModel(QAbstractTableModel):
    """Rows from a service, one record a line; the record's id is under ``UserRole``."""

    def __init__(
        self, columns: Sequence[Column], tooltip: Callable[[Any], str] | None = None
    ) -> None:
        super().__init__()
        self._columns = list(columns)
        self._tooltip = tooltip
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = list(rows)
            if self._rows:  # the same records: redraw, keeping the selection
                last = self.index(len(self._rows) - 1, len(self._columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, ident: int | None) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == ident), None)

    def id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole and self._tooltip is not None:
            return self._tooltip(row) or None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
