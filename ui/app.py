"""Start-up of the GUI, in stages:

1. the Qt application, its name, style and Qt's messages routed into Python logging;
2. the database: opened (created or upgraded); a database that cannot be used is explained in a
   message box and the app stops, leaving the file untouched;
3. on a database made just now, the demo audits, so a first start has something to show;
4. the main window.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from panel_app import __version__, paths
from panel_app.database import Database, open_database
from panel_app.demo import load_demo
from panel_app.errors import DatabaseError
from ui import msgbox
from ui.main_window import MainWindow

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

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
    app.setApplicationName("Audit Panel")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("audit-panel")
    app.setDesktopFileName("audit-panel")
    icons = paths.resources_dir() / "icons"
    app.setWindowIcon(QIcon(str(icons / "audit-panel.svg")))
    style = paths.resources_dir() / "style.qss"
    app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_main_window(database: Database) -> MainWindow:
    if database.created:
        with database.transaction() as session:
            load_demo(session)
    window = MainWindow(database)
    window.show()
    return window


def run_app(database_url: str | None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    qInstallMessageHandler(_qt_message)
    app = make_application()
    try:
        database = open_database(database_url)
    except DatabaseError as error:
        msgbox.error(None, "Audit Panel cannot open its database", error.message)
        return 1
    window = open_main_window(database)
    status = app.exec()
    del window
    database.close()
    return status
