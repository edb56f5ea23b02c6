"""The action log read back from the app's Export menu: previewed, asked, then written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from db.enums import ActionStatus
from db.models import Action
from panel_app.database import Database
from panel_app.services import actions
from tests.builders import Built
from tests.document_files import export
from tests.export_fixtures import built_fixture, menu_fixture, window_fixture  # noqa: F401
from tests.test_action_log import edit, row_of, snapshot
from ui import file_dialogs, msgbox
from ui.export_menu import ExportMenu

pytestmark = pytest.mark.gui


class Dialogs:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, chosen: Path | None, agree: bool) -> None:
        self.questions: list[str] = []
        self.told: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.agree = agree
        self.meanwhile: Any = None  # run while the question is on screen
        monkeypatch.setattr(file_dialogs.OpenFile, "ask", classmethod(lambda *_: chosen))
        monkeypatch.setattr(msgbox.Question, "ask", classmethod(self._ask))
        monkeypatch.setattr(msgbox, "information", lambda _p, _t, text: self.told.append(text))
        monkeypatch.setattr(msgbox, "error", lambda _p, t, text: self.errors.append((t, text)))

    def _ask(self, _cls: Any, _parent: Any, _title: str, message: str, **_: Any) -> bool:
        self.questions.append(message)
        if self.meanwhile is not None:
            self.meanwhile()
        return self.agree


def updated_log(database: Database, built: Built, folder: Path) -> tuple[Path, str]:
    path = export(database, "actions", built.audit_id, folder / "log.xlsx")
    ident = f"A-{built.audit_id}-{built.action_ids[0]}"
    row = row_of(path, ident)
    edit(path, {f"H{row}": "In progress", f"M{row}": "Two sessions booked."})
    return path, ident


def status(database: Database, action_id: int) -> ActionStatus:
    with database.transaction() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action.status


def run(qtbot: QtBot, menu: ExportMenu) -> None:
    menu.import_action.trigger()
    qtbot.waitUntil(lambda: menu.job is None, timeout=20_000)


def test_changes_are_shown_then_made_when_the_user_agrees(
    qtbot: QtBot, menu: ExportMenu, sqlite_database: Database, built: Built, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path, ident = updated_log(sqlite_database, built, tmp_path)
    seen: list[str] = []
    menu.context.changed.connect(seen.append)
    dialogs = Dialogs(monkeypatch, path, agree=True)
    run(qtbot, menu)
    assert dialogs.errors == []
    question = dialogs.questions[0]
    assert question.startswith("2 changes to 1 of the 2 actions in log.xlsx:")
    assert f"Row 2, action {ident}:" in question or f"action {ident}:" in question
    assert '  Status: "Open" → "In progress"' in question
    assert question.endswith("Make these changes?")
    assert status(sqlite_database, built.action_ids[0]) is ActionStatus.IN_PROGRESS
    assert dialogs.told == ["2 changes made from log.xlsx."] and seen == ["actions"]
    run(qtbot, menu)  # the same file again: nothing left to change, nothing asked
    assert dialogs.told[-1] == "No changes: the 2 actions in log.xlsx match the database."
    assert len(dialogs.questions) == 1


def test_saying_no_changes_nothing(
    qtbot: QtBot, menu: ExportMenu, sqlite_database: Database, built: Built, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path, _ = updated_log(sqlite_database, built, tmp_path)
    before = snapshot(sqlite_database)
    dialogs = Dialogs(monkeypatch, path, agree=False)
    run(qtbot, menu)
    assert len(dialogs.questions) == 1 and dialogs.told == [] and dialogs.errors == []
    assert snapshot(sqlite_database) == before


def test_problems_are_listed_by_row_and_nothing_is_written(
    qtbot: QtBot, menu: ExportMenu, sqlite_database: Database, built: Built, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path, ident = updated_log(sqlite_database, built, tmp_path)
    edit(path, {f"H{row_of(path, ident)}": "Nearly there"})
    before = snapshot(sqlite_database)
    dialogs = Dialogs(monkeypatch, path, agree=True)
    run(qtbot, menu)
    assert dialogs.questions == [] and len(dialogs.errors) == 1
    title, message = dialogs.errors[0]
    assert title == "The action log was not imported"
    assert message.startswith("The action log was not imported: 1 problem to put right first.")
    assert "Row 2:" in message and "Nearly there" in message
    assert snapshot(sqlite_database) == before


def test_a_file_that_is_not_an_action_log_is_refused(
    qtbot: QtBot, menu: ExportMenu, sqlite_database: Database, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path = tmp_path / "holiday.xlsx"
    path.write_bytes(b"not a workbook at all")
    dialogs = Dialogs(monkeypatch, path, agree=True)
    run(qtbot, menu)
    assert dialogs.questions == [] and len(dialogs.errors) == 1
    assert "holiday.xlsx" in dialogs.errors[0][1]


def test_a_change_made_elsewhere_while_asking_stops_the_import(
    qtbot: QtBot, menu: ExportMenu, sqlite_database: Database, built: Built, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    path, _ = updated_log(sqlite_database, built, tmp_path)
    dialogs = Dialogs(monkeypatch, path, agree=True)

    def someone_else() -> None:
        with sqlite_database.transaction() as session:
            actions.update_action(session, built.action_ids[0], evidence="Sent by Police.")

    dialogs.meanwhile = someone_else
    run(qtbot, menu)
    assert dialogs.told == []
    assert dialogs.errors == [
        (
            "The action log was not imported",
            "The actions changed in the database while the changes were being shown, so "
            "nothing was changed. Import the file again to see what it would change now.",
        )
    ]
    assert status(sqlite_database, built.action_ids[0]) is ActionStatus.OPEN


def test_cancelling_the_file_dialog_does_nothing(
    qtbot: QtBot, menu: ExportMenu, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = Dialogs(monkeypatch, None, agree=True)
    assert menu.import_actions() is None and menu.job is None
    assert dialogs.questions == dialogs.told == [] and dialogs.errors == []
