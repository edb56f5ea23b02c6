"""The agenda as a Qt table: the cases in order, minutes each, and when each is expected to
start. Rows are dragged to reorder and minutes edited in place; the page does the writing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import time
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate, QWidget

from panel_app.services.meetings import AgendaRow, agenda_times

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
Role = Qt.ItemDataRole
MIME = "application/x-audit-panel-agenda-row"
COLUMNS = ("Case", "Minutes", "Starts", "")
CASE, MINUTES, STARTS, NOTE = range(4)
ESCALATED_TINT = "#FCEBC7"


class AgendaModel(QAbstractTableModel):
    def __init__(
        self, move: Callable[[int, int], bool], set_minutes: Callable[[int, int], bool]
    ) -> None:
        super().__init__()
        self._move, self._set_minutes = move, set_minutes
        self.items: list[AgendaRow] = []
        self.starts: list[time] = []
        self.end: time | None = None

    def set_rows(self, rows: Sequence[AgendaRow], start: time | None) -> None:
        same = [r.item_id for r in rows] == [r.item_id for r in self.items]
        if not same:
            self.beginResetModel()
        self.items = list(rows)
        if start is None:
            self.starts, self.end = [], None
        else:
            self.starts, self.end = agenda_times(start, [r.minutes for r in rows])
        if not same:
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def row_of_case(self, case_id: int | None) -> int | None:
        return next((i for i, r in enumerate(self.items) if r.case_id == case_id), None)

    # -- Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if role != Role.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.items) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base  # a drop below the last row puts the case last
        flags = base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == MINUTES:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.items[index.row()], index.column()
        start = self.starts[index.row()].strftime("%H:%M") if self.starts else "–"
        if role == Role.DisplayRole:
            return (row.pseudonym, f"{row.minutes} min", start,
                    "⚠ Escalated" if row.escalated else "")[column]  # fmt: skip
        if role == Role.EditRole and column == MINUTES:
            return row.minutes
        if role == Role.ToolTipRole:
            if column == NOTE and row.escalated:
                return f"{row.pseudonym} is escalated: a child may be at current risk"
            if column == MINUTES:
                return "Minutes allotted: type a number, or F2 to change it"
            if column == STARTS and not self.starts:
                return "Set the start time above to see when each case starts"
            return f"{row.pseudonym}: drag, or Ctrl+Up and Ctrl+Down, to move it"
        if role == Role.BackgroundRole and row.escalated:
            return QBrush(QColor(ESCALATED_TINT))
        if role == Role.TextAlignmentRole and column in (MINUTES, STARTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.UserRole:
            return row.case_id
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if not index.isValid() or index.column() != MINUTES or role != Role.EditRole:
            return False
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            return False
        return self._set_minutes(index.row(), minutes)

    # -- dragging -----------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME) and action == Qt.DropAction.MoveAction

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        text = bytes(data.data(MIME).data()).decode()
        rows = [int(r) for r in text.split(",") if r]
        if len(rows) != 1:
            return False
        source = rows[0]
        if row < 0 and parent.isValid():  # dropped on a row: it takes that row's place
            target = parent.row()
        else:  # dropped between rows (or below the last): it goes in there
            row = len(self.items) if row < 0 else row
            target = row - 1 if row > source else row  # the place it takes once lifted out
        # The move is written (and the table read again) by the page; removeRows is not
        # implemented, so the view's own clean-up after a move drop takes nothing away.
        return self._move(source, max(0, min(target, len(self.items) - 1)))


class MinutesDelegate(QStyledItemDelegate):
    """Minutes are typed in a spin box that cannot go below 1 or past four hours."""

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(1, 240)
        editor.setSuffix(" min")
        editor.setAccessibleName("Minutes allotted")
        return editor
