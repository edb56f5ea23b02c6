"""File › Restore from backup…, driven through its widgets on a real database file."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from db.models import Audit
from panel_app import backups
from panel_app.database import Database, open_database, open_read_only
from panel_app.services import audits
from panel_app.writer_lock import DatabaseInUseError
from ui import msgbox
from ui.app import make_application
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog

pytestmark = pytest.mark.gui


def titles(database: Database | None) -> list[str]:
    assert database is not None
    with database.transaction() as session:
        return [a.title for a in session.query(Audit).order_by(Audit.id)]


def add(database: Database | None, title: str) -> None:
    assert database is not None
    with database.transaction() as session:
        audits.create_audit(session, theme="Neglect", title=title)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, sqlite_template: Path) -> Iterator[MainWindow]:
    path = tmp_path / "panel.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    for made in backups.list_backups(path):
        made.path.unlink()  # opening it made today's: each test makes its own
    make_application()
    shown = MainWindow(database)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    if shown.database is not None:
        shown.database.close()
    database.close()


def dialog_of(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    dialog = window.show_restore()
    assert isinstance(dialog, RestoreDialog)
    qtbot.addWidget(dialog)
    return dialog


def rows(dialog: RestoreDialog) -> list[list[str]]:
    found = []
    for row in range(dialog.list.rowCount()):
        cells = [dialog.list.item(row, column) for column in range(4)]
        found.append([cell.text() if cell is not None else "" for cell in cells])
    return found


def answer(monkeypatch: pytest.MonkeyPatch, yes: bool) -> list[str]:
    asked: list[str] = []

    def ask(cls: type, parent: object, title: str, message: str, default: bool = False) -> bool:
        asked.append(message)
        return yes

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    return asked


def test_it_lists_the_backups_newest_first_with_uk_dates_times_sizes_and_why(
    qtbot: QtBot, window: MainWindow
) -> None:
    path = window.database.path  # type: ignore[union-attr]
    assert path is not None
    backups.make_backup(path, "before-upgrade", now=datetime(2017, 5, 10, 9, 5))
    backups.make_backup(path, "daily", now=datetime(2017, 5, 11, 14, 30))
    today = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
    backups.make_backup(path, "daily", now=today)
    damaged = backups.make_backup(path, "daily", now=datetime(2017, 5, 9, 8, 0))
    damaged.write_bytes(b"\0" * 5000)
    dialog = dialog_of(qtbot, window)
    shown = rows(dialog)
    assert [r[:3] for r in shown] == [
        [f"{today:%d/%m/%Y} (today)", f"{today:%H:%M}", "Daily, on opening"],
        ["11/05/2017", "14:30", "Daily, on opening"],
        ["10/05/2017", "09:05", "Before an upgrade"],
        ["09/05/2017", "08:00", "Daily, on opening: damaged, cannot be restored"],
    ]
    assert shown[0][3].endswith(" KB") and shown[3][3] == "–"
    assert dialog.selected() == backups.list_backups(path)[0]  # the newest, ready
    dialog.list.selectRow(3)  # the damaged one cannot be chosen
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()
    dialog.list.selectRow(1)
    assert dialog.selected() == backups.list_backups(path)[1]


def test_a_restore_after_confirmation_keeps_the_database_as_it_was_and_reopens_at_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(window.database, "In the backup")
    path = window.database.path  # type: ignore[union-attr]
    assert path is not None
    backups.make_backup(path, "daily", now=datetime(2017, 5, 10, 9, 5))
    add(window.database, "Added since")
    before = window.database
    dialog = dialog_of(qtbot, window)
    asked = answer(monkeypatch, yes=True)
    dialog.restore_button.click()
    assert "backup from 10/05/2017 at 09:05" in asked[0]
    assert "kept as a backup first" in asked[0]
    # No restart: the same window, on the database put back, already open again.
    assert window.database is not None and window.database is not before
    assert titles(window.database) == ["In the backup"]
    assert window.list_page.model.rowCount() == 1
    kept = next(b for b in backups.list_backups(path) if b.reason == "before restore")
    reopened = open_read_only(f"sqlite:///{kept.path}")
    assert titles(reopened) == ["In the backup", "Added since"]
    reopened.close()
    assert rows(dialog)[0][2] == "Before a restore"  # listed, to go back to
    add(window.database, "Typed after the restore")
    with pytest.raises(DatabaseInUseError):
        open_database(window.database.url)  # held for writing, as before


def test_saying_no_changes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = window.database.path  # type: ignore[union-attr]
    assert path is not None
    backups.make_backup(path, "daily", now=datetime(2017, 5, 10, 9, 5))
    add(window.database, "Kept")
    before = window.database
    dialog = dialog_of(qtbot, window)
    answer(monkeypatch, yes=False)
    dialog.restore_button.click()
    assert window.database is before and titles(before) == ["Kept"]
    assert len(backups.list_backups(path)) == 1


def test_back_up_now_and_an_empty_list(qtbot: QtBot, window: MainWindow) -> None:
    dialog = dialog_of(qtbot, window)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.restore_button.isEnabled()
    dialog.backup_button.click()
    ((day, _time, made, size),) = rows(dialog)
    assert day.endswith("(today)") and made == "Backed up by hand" and size.endswith("KB")
    assert not dialog.empty.isVisibleTo(dialog)


def test_a_read_only_copy_is_told_to_restore_from_the_copy_that_writes(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture, sqlite_template: Path
) -> None:
    path = tmp_path / "panel.db"
    shutil.copyfile(sqlite_template, path)
    held = open_database(f"sqlite:///{path}")
    looking = open_read_only(f"sqlite:///{path}")
    make_application()
    window = MainWindow(looking)
    qtbot.addWidget(window)
    with caplog.at_level(logging.INFO):
        assert window.show_restore() is None
    assert "Restore a backup from that copy" in caplog.text
    looking.close()
    held.close()


def test_no_restore_while_an_export_is_running(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import threading

    from ui.background import run_in_background

    path = window.database.path  # type: ignore[union-attr]
    assert path is not None and window.database is not None
    backups.make_backup(path, "daily", now=datetime(2017, 5, 10, 9, 5))
    release = threading.Event()
    results: list[object] = []
    job = run_in_background(
        window, "Exporting…", window.database, lambda _s: release.wait(10), results.append,
        results.append,
    )  # fmt: skip
    dialog = dialog_of(qtbot, window)
    answer(monkeypatch, yes=True)
    before = window.database
    with caplog.at_level(logging.INFO):
        dialog.restore_button.click()
    assert "still running" in caplog.text and window.database is before
    release.set()
    job.wait()
    qtbot.waitUntil(lambda: results == [True], timeout=2000)
