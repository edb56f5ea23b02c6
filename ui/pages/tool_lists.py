"""The audit tool's two lists as table models: its domains, and the grades of its scale."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from panel_app.services import audit_tool

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


@dataclass(frozen=True)
class Listed:
    """One line of a tool list: a domain or a grade."""

    id: int
    text: str
    grades_given: int
    colour: str | None = None
    tooltip: str = ""


class ToolListModel(QAbstractTableModel):
    """The domains, or the grades of the scale, in order, with how often each was used."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self._headings = (heading, "Grades given")
        self._rows: list[Listed] = []

    def set_rows(self, rows: Sequence[Listed]) -> None:
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = list(rows)
            if self._rows:  # same records: keep the selection, just redraw
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Listed]:
        return list(self._rows)

    def row_of(self, ident: int | None) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == ident), None)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headings[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == 0 else str(row.grades_given)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and row.tooltip:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


@dataclass(frozen=True)
class Kind:
    """What a list editor edits, as service calls: domains or grades."""

    noun: str
    table: str  # where its records are kept, for putting a deleted one back whole
    heading: str
    fields: tuple[str, str]  # the name, then the other field
    rows: Callable[[Session, int], list[Listed]]
    add: Callable[[Session, int, str, str], int]
    get: Callable[[Session, int], Any]
    update: Callable[..., Any]
    delete: Callable[[Session, int], None]
    move: Callable[[Session, int, int], None]
    given: Callable[[Session, int], int]


DOMAINS = Kind(
    noun="domain",
    table="domain",
    heading="Domain",
    fields=("name", "description"),
    rows=lambda s, audit_id: [
        Listed(r.id, r.name, r.grades_given, None, r.description)
        for r in audit_tool.domain_rows(s, audit_id)
    ],
    add=lambda s, audit_id, name, other: audit_tool.add_domain(s, audit_id, name, other).id,
    get=audit_tool.get_domain,
    update=audit_tool.update_domain,
    delete=audit_tool.delete_domain,
    move=audit_tool.move_domain,
    given=audit_tool.grades_given_for_domain,
)
GRADES = Kind(
    noun="grade",
    table="grade_level",
    heading="Grade (best first)",
    fields=("label", "colour"),
    rows=lambda s, audit_id: [
        Listed(r.id, r.label, r.grades_given, r.colour) for r in audit_tool.level_rows(s, audit_id)
    ],
    add=lambda s, audit_id, name, other: audit_tool.add_grade_level(s, audit_id, name, other).id,
    get=audit_tool.get_grade_level,
    update=audit_tool.update_grade_level,
    delete=audit_tool.delete_grade_level,
    move=audit_tool.move_grade_level,
    given=audit_tool.grades_given_with_level,
)
