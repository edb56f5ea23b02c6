"""The main window: the audit list, or one open audit; the database in use in the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPaintEvent, QUndoGroup
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QStackedWidget

from panel_app import __version__
from panel_app.errors import DomainError, NotFoundError
from ui import msgbox, settings
from ui.actions import make_action
from ui.audit_list_page import AuditListPage
from ui.faults import FileWatch
from ui.lock import LockController

if TYPE_CHECKING:
    from panel_app.database import Database
    from ui.new_audit_dialog import NewAuditDialog
    from ui.settings_dialog import SettingsDialog
    from ui.workspace import AuditWorkspace

ABOUT = (
    "<h3>Audit Panel {version}</h3>"
    "<p>Runs a multi-agency case audit panel for a safeguarding children partnership: "
    "live minutes, good practice, learning and actions, and the documents the partnership "
    "publishes afterwards.</p>"
    "<p>Database: {location}</p>"
)


class MainWindow(QMainWindow):
    """Shown before the database is open (so the chair sees the app at once), then filled in
    by ``attach``; nothing here imports the database layer until it is needed."""

    first_painted = Signal()

    def __init__(self, database: Database | None = None) -> None:
        super().__init__()
        self.database: Database | None = None
        self._painted = False
        self.setWindowTitle("Audit Panel")
        self.setObjectName("MainWindow")
        self.list_page = AuditListPage()
        self.workspace: AuditWorkspace | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        self.setCentralWidget(self.stack)
        self.undo_group = QUndoGroup(self)
        self.lock = LockController(self)
        self._make_menus()
        self.location = QLabel("")
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.location)
        self.list_page.open_requested.connect(self.open_audit)
        self.list_page.new_button.clicked.connect(lambda: self.new_audit())
        self.list_page.duplicate_button.clicked.connect(self.duplicate_selected)
        self.list_page.archive_button.clicked.connect(self.toggle_archived)
        self.list_page.delete_button.clicked.connect(self.delete_selected)
        self.file_watch = FileWatch(self)
        if not settings.restore_geometry(self, "main"):
            self.resize(1280, 720)
        if database is not None:
            self.attach(database)

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(
            make_action(self, "&New audit…", self.new_audit, QKeySequence.StandardKey.New)
        )
        self.show_list_action = make_action(self, "&All audits", self.show_list, "Alt+A")
        file_menu.addAction(self.show_list_action)
        file_menu.addAction(
            make_action(self, "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)
        )
        file_menu.addSeparator()
        self.restore_action = make_action(self, "Restore from &backup…", self.show_restore)
        file_menu.addAction(self.restore_action)
        self.delete_for_good_action = make_action(
            self, "&Delete the audit for good…", self.delete_for_good
        )
        file_menu.addAction(self.delete_for_good_action)
        self.settings_action = make_action(self, "&Settings…", self.show_settings, "Ctrl+,")
        file_menu.addAction(self.settings_action)
        self.lock_action = make_action(self, "&Lock Audit Panel", self.lock.lock, "Ctrl+L")
        # From the presentation view too: whichever window is in front, Ctrl+L locks them all.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(make_action(self, "&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self.user_name_action = make_action(self, "Your &name…", self.change_user_name)
        edit_menu.addAction(self.user_name_action)
        help_menu = self.help_menu = self.menuBar().addMenu("&Help")
        self.about_action = make_action(self, "&About Audit Panel", self.show_about)
        help_menu.addAction(self.about_action)

    def attach(self, database: Database) -> None:
        self.database = database
        self.location.setText(f"Database: {database.location}")
        if database.read_only:
            self.location.setText(f"Read-only — database: {database.location}")
            self.setWindowTitle("Audit Panel (read-only)")
        self.refresh()
        from ui.panel.state import forget_open, open_audit

        in_panel = open_audit(database.location)
        if in_panel is not None and self.open_audit(in_panel) is None:
            forget_open(database.location)  # that audit has gone

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def refresh(self) -> None:
        if self.database is None:
            return
        from panel_app.services.audits import list_audits

        with self.database.transaction() as session:
            rows = list_audits(session)
        self.list_page.set_rows(rows)

    # -- audits -------------------------------------------------------------------------------
    def open_audit(self, audit_id: int) -> AuditWorkspace | None:
        if self.database is None or not self._close_workspace():
            return None
        # Imported here: the screens pull in the database layer; the first paint must not wait.
        from ui.workspace import AuditWorkspace

        try:
            workspace = AuditWorkspace(self.database, audit_id)
        except NotFoundError as gone:
            msgbox.error(self, "Audit Panel", gone.message)
            self.refresh()
            return None
        workspace.back_requested.connect(self.show_list)
        self.workspace = workspace
        self.stack.addWidget(workspace)
        self.stack.setCurrentWidget(workspace)
        self.undo_group.addStack(workspace.context.undo)
        self.undo_group.setActiveStack(workspace.context.undo)
        self.menuBar().insertMenu(self.help_menu.menuAction(), workspace.export_menu)
        self.menuBar().insertMenu(workspace.export_menu.menuAction(), workspace.minutes_menu)
        workspace.nav.currentRowChanged.connect(lambda row: self._remember(audit_id, row))
        self._remember(audit_id, workspace.nav.currentRow())
        return workspace

    def _remember(self, audit_id: int | None, page: int = 0) -> None:
        """Where the user is, so a start after a crash can return there."""
        store = settings.qsettings()
        store.setValue("last/audit", audit_id if audit_id is not None else 0)
        store.setValue("last/page", page)
        store.sync()

    def return_to_last_place(self) -> None:
        store = settings.qsettings()
        audit_id = int(str(store.value("last/audit", 0) or 0))
        page = int(str(store.value("last/page", 0) or 0))
        if not audit_id:
            return
        workspace = self.workspace
        if workspace is None or workspace.context.audit_id != audit_id:
            workspace = self.open_audit(audit_id)  # (already open when it was in panel mode)
        if workspace is not None and 0 <= page < len(workspace.pages):
            workspace.show_page(page)

    def flush(self) -> list[str]:
        """Save whatever is being typed in the open audit; the fields that refused it."""
        return self.workspace.flush() if self.workspace is not None else []

    def _close_workspace(self) -> bool:
        """Save and close the open audit; False if the user chose to stay and fix a field."""
        if self.workspace is None:
            return True
        refused = self.workspace.flush()
        if refused and not msgbox.Question.ask(
            self,
            "Some changes could not be saved",
            "These fields hold text that was not saved:\n\n"
            + "\n".join(refused)
            + "\n\nLeave anyway? The text in them will be lost.",
            default=False,
        ):
            return False
        self.undo_group.removeStack(self.workspace.context.undo)
        self.menuBar().removeAction(self.workspace.export_menu.menuAction())
        self.menuBar().removeAction(self.workspace.minutes_menu.menuAction())
        self.stack.removeWidget(self.workspace)
        self.workspace.deleteLater()
        self.workspace = None
        return True

    def show_list(self) -> None:
        if self.workspace is not None and self.workspace.panel is not None:
            self.workspace.panel.leave_panel()  # going back to the list leaves panel mode
        if self._close_workspace():
            self.stack.setCurrentWidget(self.list_page)
            self._remember(None)
            self.refresh()

    def _themes(self) -> list[str]:
        return sorted({row.theme for row in self.list_page.model.rows()}, key=str.lower)

    def new_audit(self, source_id: int | None = None) -> NewAuditDialog | None:
        if self.database is None or not self._close_workspace():
            return None
        from ui.new_audit_dialog import NewAuditDialog

        dialog = NewAuditDialog(self.database, self._themes(), source_id, self)
        dialog.finished.connect(lambda _result: self._created(dialog))
        dialog.open()
        return dialog

    def _created(self, dialog: NewAuditDialog) -> None:
        if dialog.created_id is not None:
            self.refresh()
            self.open_audit(dialog.created_id)

    def duplicate_selected(self) -> None:
        ident = self.list_page.selected_id()
        if ident is not None:
            self.new_audit(ident)

    def toggle_archived(self) -> None:
        summary = self.list_page.selected_summary()
        if summary is None or self.database is None:
            return
        from panel_app.services.audits import update_audit

        with self.database.transaction() as session:
            update_audit(session, summary.id, archived=not summary.archived)
        self.refresh()

    def delete_selected(self) -> None:
        summary = self.list_page.selected_summary()
        if summary is None or self.database is None:
            return
        if not msgbox.Question.ask(
            self,
            "Delete audit",
            f"Delete “{summary.title}” and everything recorded in it: cases, summaries, "
            "minutes, findings and actions?\n\nAgencies stay. This cannot be undone.",
            default=False,
        ):
            return
        from panel_app.services.audits import delete_audit

        try:
            with self.database.transaction() as session:
                delete_audit(session, summary.id)
        except DomainError as refusal:
            msgbox.error(self, "Delete audit", refusal.message)
        self.refresh()

    def delete_for_good(self) -> None:
        """The audit open, or else the one chosen in the list: from the database and backups."""
        if self.database is None:
            return
        from ui import retention_dialog

        if self.workspace is not None:
            ident: int | None = self.workspace.context.audit_id
        else:
            ident = self.list_page.selected_id()
        if ident is None:
            msgbox.information(self, "Delete for good", "Choose an audit in the list first.")
            return
        plan = retention_dialog.confirm(self, self.database, ident)
        if plan is None or not self._close_workspace():
            return
        self.stack.setCurrentWidget(self.list_page)
        self._remember(None)
        retention_dialog.carry_out(self, self.database, plan)
        self.refresh()

    def change_user_name(self) -> None:
        if self.database is not None:
            from ui import user_name

            user_name.change(self, self.database)

    # -- the rest -----------------------------------------------------------------------------
    def show_restore(self) -> QDialog | None:
        from ui.restore_dialog import RestoreDialog, not_offered

        reason = not_offered(self)
        if reason is not None:
            msgbox.information(self, "Restore from backup", reason)
            return None
        dialog = RestoreDialog(self)
        dialog.open()
        return dialog

    def about_text(self) -> str:
        location = self.database.location if self.database else "not open yet"
        return ABOUT.format(version=__version__, location=location)

    def show_settings(self) -> SettingsDialog | None:
        if self.database is None:
            return None
        from ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        QMessageBox.about(self, "About Audit Panel", self.about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_workspace():
            event.ignore()
            return
        settings.save_geometry(self, "main")
        super().closeEvent(event)
