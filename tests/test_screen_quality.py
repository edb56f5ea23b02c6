"""Every screen of an audit, and the audit list, checked as a keyboard and screen-reader user
meets them at 1366×768: no Alt+letter used twice, every control named, no text cut off."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from panel_app.database import Database
from panel_app.demo import load_demo
from ui.app import make_application
from ui.main_window import MainWindow
from ui.workspace import PAGES

pytestmark = pytest.mark.gui
MNEMONIC = re.compile(r"&([^&\s])")
CONTROLS = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton, QAbstractItemView,
            QAbstractSpinBox)  # fmt: skip


@pytest.fixture(scope="module")
def demo_window(
    tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path, qapp: object
) -> Iterator[MainWindow]:
    """The three demo audits (the familial sexual abuse one has 13 agencies), at 1366×768."""
    from panel_app.database import open_database

    path = tmp_path_factory.mktemp("quality") / "demo.db"
    shutil.copyfile(sqlite_template, path)  # migrated already: quicker than migrating
    database: Database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        load_demo(session)
    make_application()
    window = MainWindow(database)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()
    window.deleteLater()
    database.close()


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def letters(root: QWidget) -> list[tuple[str, str]]:
    """The Alt+letters of what is on screen: buttons, labels with a buddy, boxes, tabs."""
    found = []
    for widget in root.findChildren(QWidget):
        if not shown(widget):
            continue
        texts = []
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts.append(widget.text())  # type: ignore[attr-defined]
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        found += [(m.lower(), text) for text in texts for m in MNEMONIC.findall(text)]
    return found


def menu_letters(window: MainWindow) -> list[tuple[str, str]]:
    """The menu bar's Alt+letters, and any action's own Alt+letter shortcut (an Alt+A action
    and an Alt+A button together are ambiguous to Qt: neither answers)."""
    bar = window.menuBar().actions()
    used = [(m.lower(), a.text()) for a in bar for m in MNEMONIC.findall(a.text())]
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString()
            if re.fullmatch(r"Alt\+\w", text):
                used.append((text[-1].lower(), f"{action.text()} ({text})"))
    return used


def clashes(used: list[tuple[str, str]]) -> list[str]:
    twice = [letter for letter, n in Counter(letter for letter, _t in used).items() if n > 1]
    return [f"Alt+{letter}: " + ", ".join(t for x, t in used if x == letter) for letter in twice]


def unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not shown(widget) or not isinstance(widget, CONTROLS):
            continue
        if isinstance(widget, QHeaderView):
            continue  # part of its table, which is named
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QComboBox | QAbstractSpinBox
        ):
            continue  # the box it is part of carries the name
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.toolTip()!r}")
    return missing


def clipped(root: QWidget) -> list[str]:
    """One-line labels and buttons narrower than their text."""
    cut = []
    for widget in root.findChildren(QWidget):
        if not shown(widget):
            continue
        one_line = isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        if (one_line or isinstance(widget, QAbstractButton)) and (
            widget.sizeHint().width() > widget.width() + 1
        ):
            text = widget.text()  # type: ignore[attr-defined]
            cut.append(
                f"{type(widget).__name__} {text!r}: {widget.width()} < {widget.sizeHint().width()}"
            )
    return cut


def audits(window: MainWindow) -> list[int]:
    return [row.id for row in window.list_page.model.rows()]


def test_the_audit_list_has_no_clash_no_unnamed_control_and_nothing_cut_off(
    demo_window: MainWindow,
) -> None:
    demo_window.show_list()
    page = demo_window.list_page
    assert clashes(letters(page) + menu_letters(demo_window)) == []
    assert unnamed(page) == []
    assert clipped(page) == []


@pytest.mark.parametrize("which", range(3), ids=["first", "second", "third"])
def test_every_screen_of_each_demo_audit_is_usable_at_1366_by_768(
    demo_window: MainWindow, qtbot: QtBot, which: int
) -> None:
    workspace = demo_window.open_audit(audits(demo_window)[which])
    assert workspace is not None
    problems = {}
    for screen in PAGES:
        page = workspace.go_to(screen)
        qtbot.waitUntil(page.isVisible)
        found = clashes(letters(workspace) + menu_letters(demo_window))
        found += unnamed(workspace) + clipped(workspace)
        if found:
            problems[screen.title] = found
    assert problems == {}


def test_the_clipping_check_sees_a_cut_off_button(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    cut = QPushButton("A button whose words do not fit")
    cut.setFixedWidth(60)
    layout.addWidget(cut)
    box.show()
    qtbot.waitExposed(box)
    found = clipped(box)
    assert len(found) == 1
    assert found[0].startswith("QPushButton 'A button whose words do not fit': 60 < ")
