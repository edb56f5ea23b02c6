"""File › Restore from backup…: the backups of the database in use, and putting one back.

The database as it is is kept as a backup first ("Before a restore"), so a restore can itself be
undone from this same screen. The app closes the database, puts the backup in its place and
opens it again, without a restart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from panel_app import backups
from panel_app.backups import Backup
from panel_app.dates import format_short
from panel_app.errors import DatabaseError
from ui import msgbox

if TYPE_CHECKING:
    from pathlib import Path

    from panel_app.encryption import Key
    from ui.main_window import MainWindow

REASONS = {
    "daily": "Daily, on opening",
    "before upgrade": "Before an upgrade",
    "before restore": "Before a restore",
    "manual": "Backed up by hand",
}
COLUMNS = ("Date", "Time", "Made", "Size")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def when(backup: Backup, today: date | None = None) -> str:
    today = today or date.today()
    day = backup.made.date()
    named = {today: "today", today - timedelta(days=1): "yesterday"}.get(day)
    return f"{format_short(day)} ({named})" if named else format_short(day)


def not_offered(window: MainWindow) -> str | None:
    """Why this database cannot be restored here, if it cannot."""
    database = window.database
    if database is None:
        return "The database is not open yet."
    if database.path is None:
        return (
            "This database is on a server, which keeps its own backups: ask whoever looks after "
            "the server to restore it."
        )
    if database.read_only:
        return (
            "This copy of Audit Panel has the database open read-only, because another copy is "
            "using it. Restore a backup from that copy."
        )
    return None


def unusable(backup: Backup, key: Key | None) -> tuple[str, str]:
    """Why a backup that does not open cannot be restored: the few words the list shows, and
    the whole reason, for its tooltip."""
    from panel_app.encryption import is_encrypted

    if key is not None and not is_encrypted(backup.path):
        return "not encrypted", (
            "This backup is not encrypted, so it is not put in place of this encrypted database."
        )
    if key is not None:
        return "damaged or another passphrase", (
            "This backup does not open with this database's passphrase: it is damaged, or it "
            "was made under another passphrase. It cannot be restored."
        )
    return "damaged, cannot be restored", "This backup is damaged. It cannot be restored."


class RestoreDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Restore from backup")
        self.setMinimumSize(620, 380)
        intro = QLabel(
            "Audit Panel backs up this database when it is first opened each day and before "
            "every upgrade. Restoring a backup puts it in place of the database in use; the "
            "database as it is now is kept as a backup first, so you can come back to it."
        )
        intro.setWordWrap(True)
        self.list = QTableWidget(0, len(COLUMNS))
        self.list.setHorizontalHeaderLabels(list(COLUMNS))
        self.list.setAccessibleName("Backups, newest first")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(False)
        self.list.verticalHeader().setVisible(False)
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        size_header = self.list.horizontalHeaderItem(3)
        assert size_header is not None
        size_header.setTextAlignment(RIGHT)
        self.list.itemSelectionChanged.connect(self._selected)
        self.list.itemActivated.connect(lambda *_: self.restore_selected())
        self.empty = QLabel("There are no backups of this database yet.")
        self.empty.setObjectName("panelQuiet")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("&Restore…")
        self.restore_button.setToolTip("Put the chosen backup in place of the database in use")
        self.backup_button = QPushButton("&Back up now")
        self.backup_button.setToolTip("Make a backup of the database as it is now")
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.back_up_now)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.backups: list[Backup] = []
        self.refresh()

    @property
    def database_path(self) -> Path:
        database = self.window_.database
        assert database is not None and database.path is not None
        return database.path

    @property
    def key(self) -> Key | None:
        """The encrypted database's key: its backups open with it, and only those restore."""
        database = self.window_.database
        return database.key if database is not None else None

    def refresh(self) -> None:
        self.backups = backups.list_backups(self.database_path)
        self.list.setRowCount(len(self.backups))
        first = None
        key = self.key
        for row, backup in enumerate(self.backups):
            healthy = backups.is_healthy(backup.path, key)
            made = REASONS.get(backup.reason, backup.reason.capitalize())
            cells = [when(backup), f"{backup.made:%H:%M}", made, backup.size_text]
            why = ""
            if not healthy:
                short, why = unusable(backup, key)
                cells[2:] = [f"{made}: {short}", "–"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(RIGHT)
                if not healthy:
                    item.setToolTip(why)
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.list.setItem(row, column, item)
            if healthy and first is None:
                first = row
        self.empty.setVisible(not self.backups)
        self.list.setVisible(bool(self.backups))
        self.list.clearSelection()
        if first is not None:
            self.list.selectRow(first)
        self._selected()

    def selected(self) -> Backup | None:
        rows = self.list.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _selected(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def back_up_now(self) -> None:
        try:
            backups.make_backup(self.database_path, "manual", key=self.key)
        except DatabaseError as failed:
            msgbox.error(self, "Back up now", failed.message)
        self.refresh()

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        stamp = f"{format_short(backup.made.date())} at {backup.made:%H:%M}"
        if not msgbox.Question.ask(
            self,
            "Restore this backup?",
            f"Put the backup from {stamp} in place of the database in use?\n\n"
            "Anything saved since then will not be in it. The database as it is now is kept "
            "as a backup first (“Before a restore”), so you can restore it again from here.",
            default=False,
        ):
            return
        if restore_into(self.window_, backup):
            msgbox.information(
                self,
                "Backup restored",
                f"The backup from {stamp} is now the database in use. The database as it was "
                "is kept as a backup (“Before a restore”, at the top of this list).",
            )
            self.refresh()


def restore_into(window: MainWindow, backup: Backup) -> bool:
    """Close the window's database, put ``backup`` in its place and open it again."""
    from panel_app.database import open_database
    from ui import background

    old = window.database
    if old is None or old.path is None:
        return False
    if background.busy():
        msgbox.information(
            window,
            "Restore from backup",
            "An export or import is still running. Try again when it has finished.",
        )
        return False
    window.show_list()  # saves what is being typed, and leaves panel mode
    if window.workspace is not None:
        return False  # the user chose to stay and fix a field that would not save
    old.close()
    failure = None
    try:
        backups.restore(backup.path, old.path, old.key)
    except DatabaseError as error:
        failure = error.message
    try:
        # With the key it had: the backup restored opens with it, and no passphrase is asked.
        window.attach(open_database(old.url, key=old.key))
    except DatabaseError as error:
        window.database = None
        msgbox.error(
            window,
            "Restore from backup",
            f"{failure or 'The backup was restored'}, but the database cannot be opened again: "
            f"{error.message} Close Audit Panel and start it again.",
        )
        return False
    if failure is not None:
        msgbox.error(window, "The backup could not be restored", failure)
        return False
    return True
