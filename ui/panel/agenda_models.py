"""The agenda (cases and their states) and the steps of the current case, as list models."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from db.enums import Step
from panel_app.panel.clock import format_duration, spent_on
from panel_app.panel.flow import STATE_LABELS, AgendaCase, CaseState, Position, StepRef
from ui.panel.controller import PanelController

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

MARKS = {
    CaseState.NOT_STARTED: "○",
    CaseState.IN_PROGRESS: "◐",
    CaseState.DONE: "●",
    CaseState.ESCALATED: "⚠",
}
ESCALATED_BACKGROUND = QColor("#FFF4DB")
QUIET = QColor("#5A6475")


class AgendaModel(QAbstractListModel):
    """The meeting's cases: open ones in agenda order, then the escalated ones set apart."""

    CASE_ID = Qt.ItemDataRole.UserRole + 1
    #: The case's name with its state mark, and the line under it (state and time).
    TITLE = Qt.ItemDataRole.UserRole + 2
    DETAIL = Qt.ItemDataRole.UserRole + 3
    #: True when the case has run past its minutes.
    OVER = Qt.ItemDataRole.UserRole + 4
    #: The heading drawn above the first escalated case, setting the escalated apart.
    HEADING = Qt.ItemDataRole.UserRole + 5
    ESCALATED_HEADING = "Escalated: for a separate meeting"

    def __init__(self, controller: PanelController) -> None:
        super().__init__(controller)
        self.controller = controller
        self._rows: list[AgendaCase] = []
        self._current: int | None = None
        self.reset()

    def _ordered(self) -> list[AgendaCase]:
        cases = list(self.controller.state.cases)
        return [c for c in cases if not c.escalated] + [c for c in cases if c.escalated]

    def _current_case(self) -> int | None:
        position = self.controller.position
        return position.case_id if position is not None else None

    def reset(self) -> None:
        self.beginResetModel()
        self._rows = self._ordered()
        self._current = self._current_case()
        self.endResetModel()

    def refresh(self) -> None:
        """States and times change; the rows stay unless a case was escalated or withdrawn.
        Only the rows that changed are redrawn (each redraw measures the row again)."""
        ordered = self._ordered()
        if [c.case_id for c in ordered] != [c.case_id for c in self._rows]:
            self.reset()
            return
        current = self._current_case()
        changed = [
            row
            for row, (old, new) in enumerate(zip(self._rows, ordered, strict=True))
            if old != new or (new.case_id in (current, self._current) and current != self._current)
        ]
        self._rows, self._current = ordered, current
        for row in changed:
            self.dataChanged.emit(self.index(row), self.index(row))

    def tick(self) -> None:
        """The current case's time moves on every second."""
        position = self.controller.position
        if position is None:
            return
        row = self.row_of(position.case_id)
        if row is not None:
            roles = [Qt.ItemDataRole.DisplayRole, self.DETAIL, self.OVER]
            self.dataChanged.emit(self.index(row), self.index(row), roles)

    def row_of(self, case_id: int) -> int | None:
        return next((i for i, c in enumerate(self._rows) if c.case_id == case_id), None)

    def case_at(self, row: int) -> AgendaCase:
        return self._rows[row]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def _seconds(self, case: AgendaCase) -> int:
        position = self.controller.position
        current = position is not None and position.case_id == case.case_id
        return spent_on(case, self.controller.state.entered_at, datetime.now(), current)

    def _detail(self, case: AgendaCase) -> str:
        state = STATE_LABELS[case.state]
        if case.state is CaseState.ESCALATED:
            return f"{state}: not discussed further here"
        seconds = self._seconds(case)
        if not seconds:
            return f"{state} · {case.minutes} min"
        timing = f"{format_duration(timedelta(seconds=seconds))} of {case.minutes} min"
        over = seconds - case.minutes * 60
        if over >= 60:
            timing += f" · {over // 60} over"
        return f"{state} · {timing}"

    def _describe(self, case: AgendaCase) -> str:
        return f"{case.pseudonym}\n{self._detail(case)}"

    def _first_escalated(self, row: int) -> bool:
        return self._rows[row].escalated and (row == 0 or not self._rows[row - 1].escalated)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        case = self._rows[index.row()]
        position = self.controller.position
        current = position is not None and position.case_id == case.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{MARKS[case.state]}  {self._describe(case)}"
        if role == self.TITLE:
            return f"{MARKS[case.state]}  {case.pseudonym}"
        if role == self.DETAIL:
            return self._detail(case)
        if role == self.OVER:
            return case.state is not CaseState.ESCALATED and self._seconds(case) > case.minutes * 60
        if role == self.HEADING:
            return self.ESCALATED_HEADING if self._first_escalated(index.row()) else None
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            where = " (current case)" if current else ""
            return self._describe(case).replace("\n", ": ") + where
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and case.escalated:
            return QBrush(ESCALATED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and case.state is CaseState.DONE and not current:
            return QBrush(QUIET)
        if role == self.CASE_ID:
            return case.case_id
        return None


class StepsModel(QAbstractListModel):
    """The current case's steps; an agency's summary is ticked once heard."""

    def __init__(self, controller: PanelController) -> None:
        super().__init__(controller)
        self.controller = controller
        self._steps: list[StepRef] = []
        self._case_id: int | None = None
        #: What each row showed last (current? heard?), so a move redraws two rows, not all.
        self._shown: list[tuple[bool, bool]] = []
        self.reset()

    def _looks(self) -> list[tuple[bool, bool]]:
        position = self.controller.position
        case_id = self._case_id or 0
        return [
            (
                position is not None and position.ref == ref,
                ref.agency_id is not None and self.controller.heard(case_id, ref.agency_id),
            )
            for ref in self._steps
        ]

    def reset(self) -> None:
        self.beginResetModel()
        position = self.controller.position
        self._case_id = position.case_id if position else None
        self._steps = self.controller.walk.steps(self._case_id) if self._case_id else []
        self._shown = self._looks()
        self.endResetModel()

    def refresh(self) -> None:
        position = self.controller.position
        case_id = position.case_id if position else None
        if case_id != self._case_id or (
            case_id is not None and self.controller.walk.steps(case_id) != self._steps
        ):
            self.reset()
            return
        looks = self._looks()
        changed = [row for row, (old, new) in enumerate(zip(self._shown, looks, strict=True))
                   if old != new]  # fmt: skip
        self._shown = looks
        for row in changed:
            self.dataChanged.emit(self.index(row), self.index(row))

    def position_at(self, row: int) -> Position:
        assert self._case_id is not None
        return Position(self._case_id, self._steps[row])

    def row_of(self, ref: StepRef) -> int | None:
        return self._steps.index(ref) if ref in self._steps else None

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._steps)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._steps[index.row()].step is Step.AGENCY_SUMMARIES:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._steps):
            return None
        ref = self._steps[index.row()]
        position = self.controller.position
        current = position is not None and position.ref == ref
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {self.controller.title_of(ref)}"
        if role == Qt.ItemDataRole.CheckStateRole and ref.step is Step.AGENCY_SUMMARIES:
            heard = self._case_id is not None and self.controller.heard(
                self._case_id, ref.agency_id or 0
            )
            return Qt.CheckState.Checked if heard else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and ref.step is Step.AGENCY_SUMMARIES:
            return "Tick when this agency's summary has been heard (Ctrl+H)"
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or self._case_id is None
            or self._steps[index.row()].step is not Step.AGENCY_SUMMARIES
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked if value is not None else False
        agency_id = self._steps[index.row()].agency_id or 0
        self.controller.set_heard(self._case_id, agency_id, checked)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
