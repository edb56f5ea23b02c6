"""What has been captured for the current case and step, as a table the minute-taker can edit
in place: text, kind (re-classify), owner and due date of an action."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.panel.capture import KIND_LABELS, CaptureKind
from panel_app.panel.entries import Entry
from ui.panel.controller import PanelController

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

TIME, KIND, TEXT, OWNER, DUE = range(5)
HEADERS = ("Time", "Kind", "What was said or agreed", "Owner", "Due")
FIELDS = {KIND: "kind", TEXT: "text", OWNER: "owner", DUE: "due_date"}
NOT_SMART = QColor("#8A4B00")
NOT_SMART_BACKGROUND = QColor("#FFF4DB")


class CaptureModel(QAbstractTableModel):
    def __init__(self, controller: PanelController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.whole_case = False
        self._rows: list[Entry] = []
        #: The last refusal of an edit, for the screen to show beside the list.
        self.error = ""
        self.reset()

    def reset(self) -> None:
        self.beginResetModel()
        self._rows = self.controller.visible_entries(self.whole_case)
        self.endResetModel()

    def append(self, entry: Entry) -> None:
        """A new entry goes at the end (it is the newest); no need to read the rest again."""
        row = len(self._rows)
        self.beginInsertRows(ROOT, row, row)
        self._rows.append(entry)
        self.endInsertRows()

    def entry_at(self, row: int) -> Entry:
        return self._rows[row]

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
        if not index.isValid():
            return base
        entry = self._rows[index.row()]
        editable = index.column() in (KIND, TEXT) or (
            index.column() in (OWNER, DUE) and entry.kind is CaptureKind.ACTION
        )
        return base | Qt.ItemFlag.ItemIsEditable if editable else base

    def _text(self, entry: Entry, column: int) -> str:
        if column == TIME:
            return entry.recorded_at.strftime("%H:%M") if entry.recorded_at else ""
        if column == KIND:
            return KIND_LABELS[entry.kind]
        if column == TEXT:
            return entry.text
        if entry.kind is not CaptureKind.ACTION:
            return ""
        if column == OWNER:
            return entry.owner or "Owner needed"
        return format_short(entry.due_date) or "Date needed"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        missing = entry.kind is CaptureKind.ACTION and (
            (column == OWNER and not entry.owner.strip())
            or (column == DUE and entry.due_date is None)
        )
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == KIND:
                return entry.kind.value
            if column == OWNER:
                return entry.owner
            if column == DUE:
                return format_short(entry.due_date)
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if missing:
                return "Not SMART: an action needs an owner and a due date. F2 to add it."
            return entry.text if column == TEXT else None
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QBrush(NOT_SMART)
        if role == Qt.ItemDataRole.BackgroundRole and missing:
            return QBrush(NOT_SMART_BACKGROUND)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in FIELDS:
            return False
        entry = self._rows[index.row()]
        field = FIELDS[index.column()]
        if field == "kind" and isinstance(value, str) and value not in set(CaptureKind):
            return False
        try:
            self.controller.change_entry(entry, field, value)
        except DomainError as refusal:
            self.error = refusal.message
            return False
        self.error = ""
        return True
