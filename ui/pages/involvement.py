"""The involvement grid: which agency was involved in which case, and how, typed like a
spreadsheet. Every change (one letter, a cleared block, a paste) is one undoable step."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton

from db.enums import InvolvementStatus, label
from panel_app.errors import DomainError
from panel_app.services import involvement_grid
from panel_app.services.involvement_grid import Pair
from ui import msgbox
from ui.binding import error_label
from ui.controls import plain, show_message
from ui.pages import grid_clipboard as clipboard
from ui.pages.base import Page
from ui.pages.grid_model import KEYS, TINTS, GridModel, cell_label
from ui.pages.grid_view import GridView
from ui.undo import Edit

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex
    from sqlalchemy.orm import Session

    from panel_app.services.snapshots import Snapshot
    from ui.context import AuditContext

Cells = dict[Pair, InvolvementStatus | None]
KEY_HELP = (
    "Type a letter to set the selected cells; Delete clears them. Ctrl+C and Ctrl+V copy and "
    "paste: click a case's heading to take its whole column."
)


class InvolvementPage(Page):
    title = "Involvement grid"
    purpose = (
        "Each agency's involvement in each case. Only agencies taking part have a row to fill "
        "in; the totals are the ones the participation table prints."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        self.model = GridModel()
        self.view = GridView(self.model)
        self.actions_by_status: dict[InvolvementStatus, QAction] = {}
        tools = QHBoxLayout()
        tools.setSpacing(6)
        for key, status in KEYS.items():
            action = self._action(label(status.value), key, partial(self.set_selected, status))
            self.actions_by_status[status] = action
            tools.addWidget(self._tool(action, TINTS[status]))
        self.clear_action = self._action("Clear", QKeySequence.StandardKey.Delete, self.clear)
        self.clear_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete),
                                        QKeySequence("Backspace")])  # fmt: skip
        self.copy_action = self._action("Copy", QKeySequence.StandardKey.Copy, self.copy)
        self.cut_action = self._action("Cut", QKeySequence.StandardKey.Cut, self.cut)
        self.paste_action = self._action("Paste", QKeySequence.StandardKey.Paste, self.paste)
        for action in (self.clear_action, self.copy_action, self.paste_action):
            tools.addWidget(self._tool(action))
        tools.addStretch(1)
        help_line = QLabel(KEY_HELP)
        help_line.setObjectName("pagePurpose")
        help_line.setWordWrap(True)
        self.message = error_label()
        self.note = QLabel()
        self.note.setObjectName("pagePurpose")
        self.note.setVisible(False)
        self.empty = QLabel(
            "The grid has a row for each of the audit's agencies and a column for each case: "
            "add them on the Agencies and Cases screens first."
        )
        self.empty.setObjectName("pagePurpose")
        self.empty.setWordWrap(True)
        self.outer.addLayout(tools)
        self.outer.addWidget(help_line)
        self.outer.addWidget(self.message)
        self.outer.addWidget(self.note)
        self.outer.addWidget(self.empty)
        self.outer.addWidget(self.view, 1)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._quiet())
        context.changed.connect(self._changed)

    def _note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _quiet(self) -> None:
        show_message(self.message, "")

    def _action(self, text: str, key: QKeySequence.StandardKey | str, slot: object) -> QAction:
        action = QAction(text, self.view)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shortcut})")
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.view.addAction(action)
        return action

    def _tool(self, action: QAction, tint: str = "") -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setText(f"{action.text()}  {shortcut}")
        button.setAccessibleName(action.text())
        # As on a toolbar: Tab goes straight to the grid, where each of these is a key.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if tint:
            button.setStyleSheet(f"QToolButton {{ background: {tint}; }}")
        return button

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        audit_id = self.context.audit_id
        grid = self.context.read(lambda s: involvement_grid.involvement_grid(s, audit_id))
        self.model.set_grid(grid)
        self.empty.setVisible(self.model.empty())
        self.view.setVisible(not self.model.empty())
        if not self.view.currentIndex().isValid() and not self.model.empty():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _changed(self, what: str) -> None:
        # A hidden screen is read again when it is shown.
        if self.isVisible() and what in ("involvement", "participation", "case", "agency"):
            self.reload()

    # -- which cells --------------------------------------------------------------------------
    def _targets(self) -> list[QModelIndex]:
        """The selected cells that can be filled in (or the current one)."""
        chosen = [i for i in self.view.selectionModel().selectedIndexes() if self.model.editable(i)]
        current = self.view.currentIndex()
        if current.isValid() and not self.model.editable(current):
            # The cursor is on a row that cannot be filled in (a selection left behind by
            # moving there is not what the user is looking at).
            self._explain(current)
            return []
        if not chosen and current.isValid():
            chosen = [current]
        return sorted(chosen, key=lambda i: (i.column(), i.row()))

    def _explain(self, index: QModelIndex) -> None:
        agency = self.model.agency_at(index.row())
        if agency is not None and not agency.taking_part and self.model.is_cell(index):
            why = label(agency.status.value).lower()
            text = (
                f"{agency.name} is '{why}', so its row cannot be filled in. Change its status "
                "on the Agencies screen if it takes part."
            )
        else:
            text = "The totals are counted from the cells: they cannot be typed."
        show_message(self.message, text)

    # -- changing -----------------------------------------------------------------------------
    def set_selected(self, status: InvolvementStatus) -> None:
        targets = self._targets()
        wanted: Cells = {self.model.pair(i): status for i in targets}
        if self._change(wanted, self._describe(targets, cell_label(status))) and len(targets) == 1:
            self.view.step_down()  # type the column out letter by letter

    def clear(self) -> None:
        targets = self._targets()
        self._change({self.model.pair(i): None for i in targets}, self._describe(targets, None))

    def _describe(self, targets: list[QModelIndex], to: str | None) -> str:
        if len(targets) == 1:
            agency = self.model.grid.agencies[targets[0].row()].name
            case = self.model.grid.cases[targets[0].column()].pseudonym
            where = f"{agency}, {case}"
        else:
            where = f"{len(targets)} cells"
        return f"Set {where} to {to}" if to else f"Clear {where}"

    def _change(self, wanted: Cells, text: str | None = None) -> bool:
        """Write the cells (one transaction) and push one undo step; False if nothing changed."""
        old = {pair: self._status_of(pair) for pair in wanted}
        wanted = {pair: status for pair, status in wanted.items() if old[pair] is not status}
        if not wanted:
            return bool(old)
        text = text or f"Paste {len(wanted)} cell{'s' if len(wanted) != 1 else ''}"
        old = {pair: old[pair] for pair in wanted}
        cleared = [pair for pair, status in wanted.items() if status is None]
        if cleared and not self._confirm_loss(cleared):
            return False
        kept: dict[Pair, Snapshot] = {}
        try:
            self._write(kept, wanted)
        except DomainError as refusal:
            show_message(self.message, refusal.message)
            return False
        show_message(self.message, "")
        self._note("")
        self.context.undo.push(Edit(plain(text), partial(self._write, kept), old, wanted))
        return True

    def _status_of(self, pair: Pair) -> InvolvementStatus | None:
        case_id, agency_id = pair
        column = next(i for i, c in enumerate(self.model.grid.cases) if c.id == case_id)
        row = next(i for i, a in enumerate(self.model.grid.agencies) if a.agency_id == agency_id)
        return self.model.grid.agencies[row].cells[column].status

    def _confirm_loss(self, pairs: list[Pair]) -> bool:
        audit_id = self.context.audit_id
        lost = self.context.read(lambda s: involvement_grid.content_lost(s, audit_id, pairs))
        if not lost:
            return True
        listed = lost[0] if len(lost) == 1 else f"{len(lost)} agency summaries and their grades"
        return msgbox.Question.ask(
            self, "Clear involvement",
            f"Clearing this also deletes {listed}. Undo brings them back. Clear it?",
        )  # fmt: skip

    def _write(self, kept: dict[Pair, Snapshot], cells: Cells) -> None:
        audit_id = self.context.audit_id

        def work(session: Session) -> None:
            kept.update(involvement_grid.set_cells(session, audit_id, cells, kept))

        self.context.write(work, "involvement")  # the grid reloads

    # -- the clipboard ------------------------------------------------------------------------
    def _box(self) -> tuple[int, int, int, int] | None:
        chosen = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [i for i in chosen if i.isValid() and self.model.is_cell(i)]
        if not cells:
            return None
        rows, columns = [i.row() for i in cells], [i.column() for i in cells]
        return min(rows), min(columns), max(rows), max(columns)

    def copy(self) -> None:
        box = self._box()
        if box is None:
            return
        top, left, bottom, right = box
        lines = []
        for row in range(top, bottom + 1):
            line = []
            for column in range(left, right + 1):
                index = self.model.index(row, column)
                taken = self.model.editable(index)
                line.append(cell_label(self.model.status(index)) if taken else clipboard.SKIP)
            lines.append(line)
        QGuiApplication.clipboard().setText(clipboard.to_text(lines))
        count = (bottom - top + 1) * (right - left + 1)
        show_message(self.message, "")
        self._note(
            f"Copied {count} cell{'s' if count != 1 else ''}: select where they go and press "
            "Ctrl+V."
        )

    def cut(self) -> None:
        self.copy()
        self.clear()

    def paste(self) -> None:
        try:
            block = clipboard.parse(QGuiApplication.clipboard().text())
        except DomainError as refusal:
            show_message(self.message, refusal.message)
            return
        chosen = [i for i in self.view.selectionModel().selectedIndexes() if self.model.is_cell(i)]
        current = self.view.currentIndex()
        if not chosen and current.isValid() and self.model.is_cell(current):
            chosen = [current]
        if not chosen:
            return
        target = clipboard.Target(
            frozenset((i.row(), i.column()) for i in chosen),
            min(i.row() for i in chosen), min(i.column() for i in chosen),
            self.model.agencies(), self.model.cases(),
        )  # fmt: skip
        spots = clipboard.plan(block, target, lambda c: self.model.editable(self.model.index(*c)))
        wanted = {self.model.pair(self.model.index(*cell)): value for cell, value in spots.items()}
        if not wanted:
            show_message(self.message, "Nothing to paste there: those rows cannot be filled in.")
            return
        self._change(wanted)
