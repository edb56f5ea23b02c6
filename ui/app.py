"""Start-up of the GUI, in stages, so the chair sees the window before the database is ready:

1. the Qt application, its name, style and Qt's messages routed into Python logging;
2. the main window, painted at once (it imports nothing of the database layer);
3. after that first paint, the database: its passphrase asked for if it is encrypted (the very
   first start offers to encrypt it), then opened (created or upgraded); a database that cannot
   be used is explained in a message box and the app stops, leaving the file untouched;
4. on a database made just now, the demo audits, so a first start has something to show;
5. the audit list.
"""

from __future__ import annotations

import logging
import signal
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QtMsgType, QUrl, qInstallMessageHandler
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import QApplication

from panel_app import __version__, paths, running
from panel_app.errors import DatabaseError
from panel_app.writer_lock import DatabaseInUseError
from ui import msgbox
from ui.main_window import MainWindow
from ui.panel import refcounts

if TYPE_CHECKING:
    from panel_app.database import Database
    from ui.encryption_start import DatabaseOpener

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

#: If the window is never painted (minimised at start), open the database anyway after this.
OPEN_ANYWAY_MS = 300

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), message)


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    refcounts.guard()  # before the first keystroke: see ui/panel/refcounts.py
    app.setApplicationName("Audit Panel")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("audit-panel")
    app.setDesktopFileName("audit-panel")
    icons = paths.resources_dir() / "icons"
    app.setWindowIcon(QIcon(str(icons / "audit-panel.svg")))
    style = paths.resources_dir() / "style.qss"
    app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def attach_database(window: MainWindow, database: Database) -> None:
    if database.created:
        from panel_app.demo import load_demo

        with database.transaction() as session:
            load_demo(session)
    window.attach(database)


def open_main_window(database: Database) -> MainWindow:
    window = MainWindow()
    window.show()
    attach_database(window, database)
    return window


class Starter(QObject):
    """Opens the database once the window is on screen, then fills the window in.

    A child of the window, so that a timer still pending when the window goes (it was closed
    before the database opened) is dropped with it rather than calling into a freed object."""

    def __init__(self, app: QApplication, window: MainWindow, url: str | None) -> None:
        super().__init__(window)
        self.app, self.window, self.url = app, window, url
        self.database: Database | None = None
        self.opener: DatabaseOpener | None = None
        self._started = False
        # Queued, so the database opens after the paint has reached the screen.
        window.first_painted.connect(self.start, type=Qt.ConnectionType.QueuedConnection)
        QTimer.singleShot(OPEN_ANYWAY_MS, self, self.start)

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        from ui.encryption_start import DatabaseOpener

        self.opener = self.opener or DatabaseOpener(self.window, self.url)
        try:
            opened = self.opener.open()
            if opened is None:  # the user would not give the passphrase
                self.app.exit(1)
                return
            self.database = opened
        except DatabaseInUseError as in_use:
            self.database = self._read_only(in_use)
            if self.database is None:
                self.app.exit(1)
                return
        except DatabaseError as error:
            if error.backup is not None and self._restore(error):
                self._started = False
                self.start()
                return
            msgbox.error(self.window, "Audit Panel cannot open its database", error.message)
            self.app.exit(1)
            return
        self.opener.forget()
        attach_database(self.window, self.database)
        for warning in self.database.warnings:
            msgbox.information(self.window, "Audit Panel", warning)
        if self.database.read_only:
            return  # the copy that writes keeps the marker of whether it closed properly
        from ui import user_name

        user_name.ask_once(self.window, self.database)
        last = running.unclean_last_run()
        running.mark_running(self.database.url)
        if last is not None:
            self._after_unclean_exit(last)

    def _after_unclean_exit(self, last: running.LastRun) -> None:
        """Say so, go back to where the user was, and offer the crash log if there is one."""
        self.window.return_to_last_place()
        message = (
            f"Audit Panel did not close properly last time (started {last.started:%d/%m/%Y} "
            f"at {last.started:%H:%M}). Everything saved up to the moment it stopped is here, "
            "and you are back where you were."
        )
        if last.crash_log is None:
            msgbox.information(self.window, "Audit Panel", message)
            return
        if msgbox.Question.ask(
            self.window, "Audit Panel", message + "\n\nOpen the crash log?", default=False
        ):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(last.crash_log)))

    def _read_only(self, in_use: DatabaseInUseError) -> Database | None:
        from panel_app.database import open_read_only

        if not msgbox.Question.ask(
            self.window, "The database is in use", in_use.message + "\n\nOpen it read-only?"
        ):
            return None
        try:
            return open_read_only(self.url, self.opener.passphrase if self.opener else None)
        except DatabaseError as error:
            msgbox.error(self.window, "Audit Panel cannot open its database", error.message)
            return None

    def _restore(self, error: DatabaseError) -> bool:
        """Offer the newest good backup in place of a damaged database."""
        from panel_app import backups
        from panel_app.database import choose_url, sqlite_path

        path = sqlite_path(choose_url(self.url))
        if (
            path is None
            or error.backup is None
            or not msgbox.Question.ask(
                self.window,
                "The database is damaged",
                error.message + "\n\nRestore the backup now?",
                default=False,
            )
        ):
            return False
        try:
            key = self.opener.key_for(error.backup) if self.opener else None
            backups.restore(error.backup, path, key=key)
        except DatabaseError as failed:
            msgbox.error(self.window, "The backup could not be restored", failed.message)
            return False
        msgbox.information(
            self.window, "Backup restored", f"The backup {error.backup.name} is now in use."
        )
        return True


def _show_uncaught(window: MainWindow, message: str) -> None:
    from ui import faults

    if not faults.told(message):  # a storage fault is told once, where it happened
        msgbox.error(window, "Audit Panel", message)


def quit_on_terminate(app: QApplication) -> None:
    """A logout or shutdown sends SIGTERM: close as the user would, saving what is typed and
    closing the database properly, rather than dying mid-sentence."""
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    # Python runs a signal handler only between its own bytecodes: wake it now and then.
    awake = QTimer(app)
    awake.timeout.connect(lambda: None)
    awake.start(200)


def run_app(database_url: str | None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    qInstallMessageHandler(_qt_message)
    app = make_application()
    quit_on_terminate(app)
    window = MainWindow()
    running.install_crash_log(lambda message: _show_uncaught(window, message))
    window.show()
    starter = Starter(app, window, database_url)
    status = app.exec()
    window.close()
    if window.database is not None and window.database is not starter.database:
        window.database.close()  # the database reopened after a restore from backup
    if starter.database is not None:
        starter.database.close()
        running.mark_closed()
    return status
