"""The list of what was captured, editable in place: F2 edits a cell, the kind column
re-classifies, the menu moves an entry to another case, Delete removes it (Ctrl+Z brings it
back). Every change is one undoable step."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from panel_app.panel.capture import KIND_LABELS, CaptureKind
from panel_app.panel.entries import Entry
from ui.panel.capture_model import DUE, KIND, OWNER, TEXT, TIME, CaptureModel
from ui.panel.controller import PanelController

Index = QModelIndex | QPersistentModelIndex


class KindDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _i: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Kind of entry")
        for kind in CaptureKind:
            combo.addItem(KIND_LABELS[kind], kind.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class OwnerDelegate(QStyledItemDelegate):
    def __init__(self, owners: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.owners = owners

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _i: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("Owner of the action")
        completer = QCompleter(self.owners, editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        return editor


class CaptureTable(QTableView):
    def __init__(self, controller: PanelController, model: CaptureModel) -> None:
        super().__init__()
        self.controller = controller
        self.capture_model = model
        self.setModel(model)
        self.setObjectName("captureTable")
        self.setAccessibleName("What has been captured")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # Widths from the font, not from the rows: measuring every row on each Enter would
        # make a long discussion slower to capture the longer it gets.
        for column in (TIME, KIND, OWNER, DUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self.setItemDelegateForColumn(KIND, KindDelegate(self))
        self.setItemDelegateForColumn(OWNER, OwnerDelegate(controller.owners, self))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip(
            "F2 edits · Delete removes · right-click (or the menu key) to re-classify or move"
        )
        # Long points wrap onto more lines rather than being cut off. Rows are measured as
        # they come (one new row per Enter), and all again only when the text column's width
        # changes or the list is filled afresh.
        self._heights: dict[tuple[str, int, str], int] = {}  # a step gone back to: no measuring
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(30)
        self._refit.timeout.connect(self.fit_rows)
        model.modelReset.connect(self.fit_rows)
        model.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(first, last))
        model.dataChanged.connect(lambda top, bottom, *_: self.fit_rows(top.row(), bottom.row()))
        header.sectionResized.connect(
            lambda column, _old, _new: self._refit.start() if column == TEXT else None
        )

    def fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Give each row the height its text needs, wrapped in the text column."""
        rows = self.capture_model.rowCount()
        last = rows - 1 if last is None else min(last, rows - 1)
        metrics = self.fontMetrics()
        width = max(40, self.columnWidth(TEXT) - 12)
        single = self.verticalHeader().defaultSectionSize()
        padding = max(0, single - metrics.height())
        flags = int(Qt.TextFlag.TextWordWrap)
        font = self.font().key()
        for row in range(max(0, first), last + 1):
            text = self.capture_model.entry_at(row).text
            key = (text, width, font)
            needed = self._heights.get(key)
            if needed is None:
                needed = single
                if "\n" in text or metrics.horizontalAdvance(text) > width:
                    bounds = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
                    needed = max(single, bounds.height() + padding)
                if len(self._heights) > 5000:
                    self._heights.clear()
                self._heights[key] = needed
            if self.rowHeight(row) != needed:
                self.setRowHeight(row, needed)

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        for column, sample in (
            (TIME, "00:00"),
            (KIND, "Discussion point"),
            (OWNER, "Business Manager"),
            (DUE, "00/00/0000"),
        ):
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)  # fmt: skip

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._size_columns()
            self._refit.start()

    def selected(self) -> Entry | None:
        rows = self.selectionModel().selectedRows()
        return self.capture_model.entry_at(rows[0].row()) if rows else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.delete_selected()
            return
        super().keyPressEvent(event)

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.controller.delete_entry(entry)
            self.controller.message.emit(f"Deleted “{entry.text[:60]}”. Ctrl+Z brings it back.")

    def reclassify_selected(self, kind: CaptureKind) -> None:
        entry = self.selected()
        if entry is not None and entry.kind is not kind:
            self.controller.change_entry(entry, "kind", kind.value)

    def _menu(self, point: QPoint) -> None:
        index = self.indexAt(point)
        if not index.isValid():
            # The menu key: the menu of the selected entry, beside it.
            index = self.currentIndex()
            if not index.isValid():
                return
            point = self.visualRect(index).center()
        self.selectRow(index.row())
        entry = self.capture_model.entry_at(index.row())
        menu = QMenu(self)
        edit = menu.addAction("&Edit the text")
        edit.triggered.connect(lambda: self.edit(self.capture_model.index(index.row(), TEXT)))
        kinds = menu.addMenu("Re-&classify as")
        for number, kind in enumerate(CaptureKind, start=1):
            action = kinds.addAction(f"{KIND_LABELS[kind]}\tCtrl+{number}")
            action.setEnabled(kind is not entry.kind)
            action.triggered.connect(lambda _c=False, k=kind: self.reclassify_selected(k))
        cases = menu.addMenu("&Move to case")
        for case in self.controller.walk.cases:
            if case.case_id == entry.case_id:
                continue
            action = cases.addAction(case.pseudonym)
            action.triggered.connect(
                lambda _c=False, c=case.case_id: self.controller.change_entry(entry, "case_id", c)
            )
        menu.addSeparator()
        delete = menu.addAction("&Delete\tDel")
        delete.triggered.connect(self.delete_selected)
        menu.popup(self.viewport().mapToGlobal(point))
