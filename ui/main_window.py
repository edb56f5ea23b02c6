"""The first window: the audits in the database in use, and where that database is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app import __version__
from panel_app.database import Database
from panel_app.services.audits import list_audits
from ui import settings
from ui.actions import make_action
from ui.audit_list_model import AuditListModel

ABOUT = (
    "<h3>Audit Panel {version}</h3>"
    "<p>Runs a multi-agency case audit panel for a safeguarding children partnership: "
    "live minutes, good practice, learning and actions, and the documents the partnership "
    "publishes afterwards.</p>"
    "<p>Database: {location}</p>"
)


class MainWindow(QMainWindow):
    def __init__(self, database: Database) -> None:
        super().__init__()
        self.database = database
        self.setWindowTitle("Audit Panel")
        self.setObjectName("MainWindow")
        self.model = AuditListModel()
        self.table = self._make_table()
        self.heading = QLabel("Audits")
        self.heading.setObjectName("heading")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        self.setCentralWidget(body)
        self._make_menus()
        self.location = QLabel(f"Database: {database.location}")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location)
        if not settings.restore_geometry(self, "main"):
            self.resize(1100, 680)
        self.refresh()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("auditList")
        table.setAccessibleName("Audits")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(
            make_action(self, "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)
        )
        file_menu.addSeparator()
        file_menu.addAction(make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit))
        help_menu = self.menuBar().addMenu("&Help")
        self.about_action = make_action(self, "&About Audit Panel", self.show_about)
        help_menu.addAction(self.about_action)

    def refresh(self) -> None:
        with self.database.transaction() as session:
            rows = list_audits(session)
        self.model.set_rows(rows)
        count = len(rows)
        self.heading.setText(f"Audits ({count})" if count else "No audits yet")

    def about_text(self) -> str:
        return ABOUT.format(version=__version__, location=self.database.location)

    def show_about(self) -> None:
        QMessageBox.about(self, "About Audit Panel", self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.save_geometry(self, "main")
        super().closeEvent(event)
