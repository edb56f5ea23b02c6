"""The involvement grid as a Qt table: agencies down, cases across, totals in the last row and
column. A thin adapter over ``involvement_grid.Grid``; it never writes (the page does)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from db.enums import InvolvementStatus, label
from panel_app.services.involvement_grid import STATUSES, Grid, GridAgency, GridCell, Pair

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
Role = Qt.ItemDataRole

#: The letter typed to set each status, as the legend shows them.
KEYS: dict[str, InvolvementStatus] = {
    "A": InvolvementStatus.AUDITED,
    "O": InvolvementStatus.OUT_OF_SCOPE,
    "K": InvolvementStatus.NOT_KNOWN,
    "N": InvolvementStatus.NOT_OPEN,
}
LETTER = {status: key for key, status in KEYS.items()}
#: Calm tints a projector still tells apart, with dark text on each.
TINTS: dict[InvolvementStatus, str] = {
    InvolvementStatus.AUDITED: "#D8EFDC",
    InvolvementStatus.OUT_OF_SCOPE: "#FCEBC7",
    InvolvementStatus.NOT_KNOWN: "#E6E9EE",
    InvolvementStatus.NOT_OPEN: "#DCE7F7",
}
ABSENT_TINT, ABSENT_TEXT, TOTAL_TINT = "#F1F1F1", "#6B6B6B", "#F4F6F9"


def cell_label(status: InvolvementStatus | None) -> str:
    return "" if status is None else label(status.value)


def _held(cell: GridCell) -> str:
    parts = []
    if cell.has_summary:
        parts.append("summary written")
    if cell.grades:
        parts.append("1 grade" if cell.grades == 1 else f"{cell.grades} grades")
    return f" ({', '.join(parts)})" if parts else ""


class GridModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.grid = Grid((), ())

    # -- what it holds ------------------------------------------------------------------------
    def set_grid(self, grid: Grid) -> None:
        same_shape = [c.id for c in grid.cases] == [c.id for c in self.grid.cases] and [
            a.agency_id for a in grid.agencies
        ] == [a.agency_id for a in self.grid.agencies]
        if same_shape and self.grid.agencies and self.grid.cases:
            self.grid = grid  # the same cells: redraw them, keeping the cursor and selection
            last = self.index(self.rowCount() - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)
            return
        self.beginResetModel()
        self.grid = grid
        self.endResetModel()

    def cases(self) -> int:
        return len(self.grid.cases)

    def agencies(self) -> int:
        return len(self.grid.agencies)

    def agency_at(self, row: int) -> GridAgency | None:
        return self.grid.agencies[row] if 0 <= row < self.agencies() else None

    def is_cell(self, index: Index) -> bool:
        """A case cell of an agency (not a total)."""
        return index.isValid() and index.row() < self.agencies() and index.column() < self.cases()

    def editable(self, index: Index) -> bool:
        agency = self.agency_at(index.row())
        return self.is_cell(index) and agency is not None and agency.taking_part

    def pair(self, index: Index) -> Pair:
        agency = self.grid.agencies[index.row()]
        return self.grid.cases[index.column()].id, agency.agency_id

    def status(self, index: Index) -> InvolvementStatus | None:
        return self.grid.agencies[index.row()].cells[index.column()].status

    def cell(self, index: Index) -> GridCell:
        return self.grid.agencies[index.row()].cells[index.column()]

    # -- Qt -----------------------------------------------------------------------------------
    def empty(self) -> bool:
        return not self.cases() or not self.agencies()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() or self.empty() else self.agencies() + 1

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() or self.empty() else self.cases() + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.editable(index):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        # Reachable with the arrows (so a screen reader reads it), never selected or pasted on.
        return Qt.ItemFlag.ItemIsEnabled

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self._case_header(section, role)
        return self._agency_header(section, role)

    def _case_header(self, section: int, role: int) -> Any:
        if not 0 <= section <= self.cases():
            return None
        if section == self.cases():
            if role == Role.DisplayRole:
                return "Cases audited"
            if role == Role.ToolTipRole:
                return "How many cases each agency audited, as the participation table gives it"
            return None
        case = self.grid.cases[section]
        if role == Role.DisplayRole:
            return f"⚠ {case.pseudonym}" if case.escalated else case.pseudonym
        if role == Role.ToolTipRole:
            tip = f"{case.pseudonym}: click to select the column, then Ctrl+C to copy it"
            if case.escalated:
                tip = f"{case.pseudonym} is escalated: taken out of the audit to its own meeting. "
                tip += "Click to select the column, then Ctrl+C to copy it"
            return tip
        return None

    def _agency_header(self, section: int, role: int) -> Any:
        if section == self.agencies():
            if role == Role.DisplayRole:
                return "Agencies audited"
            if role == Role.ToolTipRole:
                return "How many of the agencies taking part audited each case"
            return None
        agency = self.agency_at(section)
        if agency is None:
            return None
        if role == Role.DisplayRole:
            return agency.name
        if role == Role.ToolTipRole:
            if agency.taking_part:
                return f"{agency.name}: {agency.total} cases audited"
            reason = f": {agency.reason}" if agency.reason else ""
            return f"{agency.name} — {label(agency.status.value)}{reason}"
        if role == Role.ForegroundRole and not agency.taking_part:
            return QBrush(QColor(ABSENT_TEXT))
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row == self.agencies() or column == self.cases():
            return self._total(row, column, role)
        agency = self.grid.agencies[row]
        if not agency.taking_part:
            return self._absent(agency, column, role)
        cell = agency.cells[column]
        case = self.grid.cases[column].pseudonym
        if role == Role.DisplayRole:
            return cell_label(cell.status)
        if role == Role.BackgroundRole and cell.status is not None:
            return QBrush(QColor(TINTS[cell.status]))
        if role == Role.ToolTipRole:
            if cell.status is None:
                return f"{agency.name}, {case}: not recorded. Type A, O, K or N to set it."
            return f"{agency.name}, {case}: {cell_label(cell.status)}{_held(cell)}"
        if role == Role.AccessibleTextRole:
            return f"{agency.name}, {case}: {cell_label(cell.status) or 'not recorded'}"
        if role == Role.UserRole:
            return None if cell.status is None else cell.status.value
        return None

    def _absent(self, agency: GridAgency, column: int, role: int) -> Any:
        """A row of an agency not taking part: its status and reason across the case cells."""
        text = label(agency.status.value) + (f": {agency.reason}" if agency.reason else "")
        if role == Role.DisplayRole:
            return text if column == 0 else ""
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return f"{agency.name} — {text}. Its row cannot be filled in."
        if role == Role.BackgroundRole:
            return QBrush(QColor(ABSENT_TINT))
        if role == Role.ForegroundRole:
            return QBrush(QColor(ABSENT_TEXT))
        if role == Role.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _total(self, row: int, column: int, role: int) -> Any:
        if role == Role.BackgroundRole:
            return QBrush(QColor(TOTAL_TINT))
        if role == Role.TextAlignmentRole and row == self.agencies():
            return int(Qt.AlignmentFlag.AlignCenter)
        if row == self.agencies() and column == self.cases():
            audited = sum(a.counts[0] for a in self.grid.agencies if a.taking_part)
            text, tip = str(audited), f"{audited} agency summaries to collect in all"
        elif row == self.agencies():
            counts = self.grid.case_counts(column)
            text = f"{counts[0]} of {self.grid.taking_part()}"
            tip = self._case_total_tip(column, counts)
        else:
            agency = self.grid.agencies[row]
            text = agency.total if agency.taking_part else "-"
            tip = f"{agency.name}: {text}"
        if role == Role.DisplayRole:
            return text
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return tip
        return None

    def _case_total_tip(self, column: int, counts: tuple[int, ...]) -> str:
        case = self.grid.cases[column].pseudonym
        words = [f"{n} {label(s.value).lower()}" for s, n in zip(STATUSES, counts, strict=True)]
        missing = self.grid.taking_part() - sum(counts)
        if missing:
            words.append(f"{missing} not recorded")
        return f"{case}: " + ", ".join(words)
