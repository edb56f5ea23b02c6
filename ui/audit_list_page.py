"""The list of audits: find one by theme, year or status, open it, start the next one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import AuditStatus, label
from ui.audit_list_model import AuditListModel

ANY = ""


class AuditFilter(QSortFilterProxyModel):
    """Filters by words, theme, year and status; archived audits only when asked for."""

    def __init__(self, source: AuditListModel) -> None:
        super().__init__()
        self.source = source
        self.setSourceModel(source)
        self.words, self.theme, self.year, self.status = "", ANY, ANY, ANY
        self.show_archived = False

    def set(self, **criteria: Any) -> None:
        self.beginFilterChange()
        for name, value in criteria.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        audit = self.source.audit_at(row)
        if audit.archived and not self.show_archived:
            return False
        if self.theme and audit.theme != self.theme:
            return False
        if self.year and (audit.panel_date is None or str(audit.panel_date.year) != self.year):
            return False
        if self.status and audit.status.value != self.status:
            return False
        text = f"{audit.theme} {audit.title}".lower()
        return all(word in text for word in self.words.lower().split())

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:
        a, b = self.source.audit_at(left.row()), self.source.audit_at(right.row())
        keys = {
            0: lambda s: (s.panel_date is not None, s.panel_date),
            4: lambda s: (s.open_actions, s.overdue_actions),
        }
        key = keys.get(left.column())
        if key is None:
            return str(left.data()).lower() < str(right.data()).lower()
        return bool(key(a) < key(b))


class AuditListPage(QWidget):
    open_requested = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("AuditListPage")
        self.model = AuditListModel()
        self.filter = AuditFilter(self.model)
        self.heading = QLabel("Opening the database…")
        self.heading.setObjectName("heading")

        self.new_button = QPushButton("&New audit…")
        self.open_button = QPushButton("&Open")
        self.duplicate_button = QPushButton("&Duplicate…")
        self.duplicate_button.setToolTip(
            "Start the next audit from this one: agencies, lead auditors, audit tool and "
            "panel timings come across; cases do not."
        )
        self.archive_button = QPushButton("Ar&chive")
        self.delete_button = QPushButton("De&lete…")
        self.delete_button.setObjectName("dangerButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for button in (
            self.new_button,
            self.open_button,
            self.duplicate_button,
            self.archive_button,
            self.delete_button,
        ):
            buttons.addWidget(button)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search theme or title")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search audits")
        self.theme = self._combo("Theme")
        self.year = self._combo("Year")
        self.status = self._combo("Status")
        for status in AuditStatus:
            self.status.addItem(label(status), status.value)
        self.archived = QCheckBox("Show a&rchived")
        filters = QHBoxLayout()
        filters.addWidget(self._label("F&ind:", self.search))
        filters.addWidget(self.search, 2)
        filters.addWidget(self._label("&Theme:", self.theme))
        filters.addWidget(self.theme, 1)
        filters.addWidget(self._label("&Year:", self.year))
        filters.addWidget(self.year)
        filters.addWidget(self._label("&Status:", self.status))
        filters.addWidget(self.status)
        filters.addWidget(self.archived)

        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(lambda text: self.filter.set(words=text))
        self.theme.currentIndexChanged.connect(
            lambda _i: self.filter.set(theme=self.theme.currentData())
        )
        self.year.currentIndexChanged.connect(
            lambda _i: self.filter.set(year=self.year.currentData())
        )
        self.status.currentIndexChanged.connect(
            lambda _i: self.filter.set(status=self.status.currentData())
        )
        self.archived.toggled.connect(lambda on: self.filter.set(show_archived=on))
        self.table.doubleClicked.connect(lambda _index: self._open_selected())
        self.table.activated.connect(lambda _index: self._open_selected())
        self.open_button.clicked.connect(self._open_selected)
        self.filter.modelReset.connect(self._selection_changed)
        self.filter.layoutChanged.connect(self._selection_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    @staticmethod
    def _combo(name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(f"Filter by {name.lower()}")
        combo.addItem(f"Any {name.lower()}", ANY)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label_ = QLabel(text)
        label_.setBuddy(buddy)
        return label_

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("auditList")
        table.setAccessibleName("Audits")
        table.setModel(self.filter)
        table.setSortingEnabled(True)
        table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def set_rows(self, rows: list[Any]) -> None:
        selected = self.selected_id()
        self.model.set_rows(rows)
        self._refill(self.theme, sorted({r.theme for r in rows}, key=str.lower))
        years = {str(r.panel_date.year) for r in rows if r.panel_date}
        self._refill(self.year, sorted(years, reverse=True))
        count = len(rows)
        self.heading.setText(f"Audits ({count})" if count else "No audits yet")
        self.select(selected)

    @staticmethod
    def _refill(combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(rows[0].data(Qt.ItemDataRole.UserRole))

    def select(self, audit_id: int | None) -> None:
        for row in range(self.filter.rowCount()):
            index = self.filter.index(row, 0)
            if audit_id is None or index.data(Qt.ItemDataRole.UserRole) == audit_id:
                self.table.selectRow(row)
                return

    def selected_summary(self) -> Any:
        ident = self.selected_id()
        return next((r for r in self.model.rows() if r.id == ident), None)

    def _open_selected(self) -> None:
        ident = self.selected_id()
        if ident is not None:
            self.open_requested.emit(ident)

    def _selection_changed(self, *_: object) -> None:
        summary = self.selected_summary()
        for button in (
            self.open_button,
            self.duplicate_button,
            self.archive_button,
            self.delete_button,
        ):
            button.setEnabled(summary is not None)
        self.archive_button.setText(
            "Unar&chive" if summary is not None and summary.archived else "Ar&chive"
        )
