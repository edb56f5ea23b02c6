"""What the panel-mode tests share: the demo audits on a real database file (each case with a
private reference to look out for), a main window, and the keys and clicks of a user."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QStyleOptionViewItem, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import AttendanceStatus
from db.models import Case
from panel_app.database import Database, open_database
from panel_app.demo import load_demo
from panel_app.services import audits, cases
from ui.app import make_application
from ui.main_window import MainWindow
from ui.panel.mode import PanelMode
from ui.panel.register_model import STATUS

T = TypeVar("T")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def demo_template(folder: Path, template: Path) -> Path:
    """The demo audits loaded once per module (each case given a private reference to look
    out for); each test works on its own copy (``copy_of``)."""
    path = folder / "demo.db"
    shutil.copyfile(template, path)
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        for result in load_demo(session):
            for number, case in enumerate(cases_of(session, result.audit_id)):
                cases.update_case(session, case.id, private_reference=f"SECRET-{number}-REF")
    database.close()
    return path


def copy_of(template: Path, folder: Path) -> Database:
    path = folder / "audit-panel.db"
    shutil.copyfile(template, path)
    return open_database(f"sqlite:///{path}")


def demo_ids(database: Database) -> dict[str, int]:
    rows = read(database, audits.list_audits)
    return {row.title.split(": ")[-1]: row.id for row in rows}


def cases_of(session: Session, audit_id: int) -> list[Case]:
    return list(session.scalars(select(Case).where(Case.audit_id == audit_id)))


def make_window(qtbot: QtBot, database: Database) -> MainWindow:
    make_application()
    window = MainWindow(database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def start(qtbot: QtBot, window: MainWindow, audit_id: int) -> PanelMode:
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    workspace.panel_button.click()
    assert workspace.panel is not None
    return workspace.panel


def read(database: Database, work: Callable[[Session], T]) -> T:
    with database.transaction() as session:
        return work(session)


def count(database: Database, model: type, **where: Any) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return read(database, lambda s: s.scalar(query) or 0)


def capture(qtbot: QtBot, panel: PanelMode, text: str) -> None:
    line = panel.walk.capture.line
    line.setFocus()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def click_status(qtbot: QtBot, panel: PanelMode, row: int, status: AttendanceStatus) -> None:
    """One click on a person's Present / Apologies / Absent, where the register draws it."""
    table = panel.register.table
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(panel.register.model.index(row, STATUS))
    option.font = table.font()
    where = panel.register.status_delegate.choice_at(option, status).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)


def model_texts(model: Any) -> list[str]:
    return [model.entry_at(row).text for row in range(model.rowCount())]


def all_text(widget: QWidget) -> str:
    """Every word shown by ``widget`` and its children: labels and the step's text."""
    labels = [label.text() for label in widget.findChildren(QLabel)]
    pages = [page.toPlainText() for page in widget.findChildren(QTextBrowser)]
    return "\n".join(labels + pages)
