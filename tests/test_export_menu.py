"""The Export menu, driven as a chair would: every document saved from the app, and the ways
saving can fail (a folder that cannot be written, a file open in another program)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.base import Base
from panel_app import settings
from panel_app.database import Database
from panel_app.documents.catalogue import DOCUMENTS
from tests.builders import Built
from tests.document_files import pdf_text
from tests.export_fixtures import built_fixture, menu_fixture, window_fixture  # noqa: F401
from ui import file_dialogs, msgbox
from ui.export_menu import ExportMenu
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


class Answers:
    """Records what the app showed the user, and answers as the test says."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, save_as: Path | None = None) -> None:
        self.save_as, self.after = save_as, 2  # "Close"
        self.suggested: list[Path] = []
        self.choices: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.opened: list[QUrl] = []
        monkeypatch.setattr(file_dialogs.SaveFile, "ask", classmethod(self._save))
        monkeypatch.setattr(msgbox.Choice, "ask", classmethod(self._choose))
        monkeypatch.setattr(msgbox, "error", self._error)
        monkeypatch.setattr(QDesktopServices, "openUrl", self._open)

    def _save(self, _cls: Any, _parent: Any, _caption: str, suggested: Path, _f: str) -> Any:
        self.suggested.append(suggested)
        return self.save_as

    def _choose(
        self, _cls: Any, _parent: Any, _title: str, message: str, *_: Any, **__: Any
    ) -> int:
        self.choices.append(message)
        return self.after

    def _error(self, _parent: Any, title: str, message: str) -> None:
        self.errors.append((title, message))

    def _open(self, url: QUrl) -> bool:
        self.opened.append(url)
        return True


def everything(database: Database) -> list[list[tuple[Any, ...]]]:
    """Every row of every table: to show an export changed nothing."""
    with database.transaction() as session:
        return [
            [tuple(row) for row in session.execute(select(table)).all()]
            for table in Base.metadata.sorted_tables
        ]


def run(qtbot: QtBot, menu: ExportMenu, kind: str, suffix: str) -> None:
    menu.export_actions[(kind, suffix)].trigger()
    qtbot.waitUntil(lambda: menu.job is None, timeout=20_000)


def test_the_menu_offers_every_document_in_every_format_and_sits_in_the_menu_bar(
    window: MainWindow, menu: ExportMenu
) -> None:
    titles = [a.text() for a in menu.actions() if a.text() and not a.menu()]
    assert titles[:3] == [
        "Panel minutes (PDF)…",
        "Panel minutes (Word)…",
        "Executive summary (PDF)…",
    ]
    assert {(d.kind, s) for d in DOCUMENTS for s in d.formats} == set(menu.export_actions)
    assert "Action log (Excel)…" in titles and "Participation table (Excel)…" in titles
    assert "&Import an updated action log…" in titles
    assert menu.preview_actions["case-summaries"].shortcut().toString() == "Ctrl+P"
    bar = [a.text() for a in window.menuBar().actions()]
    assert bar == ["&File", "&Edit", "Minutes", "E&xport", "&Help"]
    window.show_list()
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Help"]


def test_the_suggested_name_says_audit_document_and_date_in_the_last_folder_used(
    qtbot: QtBot, menu: ExportMenu, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch)  # the dialog is cancelled: nothing is written
    menu.export_actions[("minutes", ".pdf")].trigger()
    assert menu.job is None and answers.choices == [] and answers.errors == []
    assert answers.suggested[0].name == "Neglect panel – minutes – 10 May 2017.pdf"
    settings.update(export_folder=str(tmp_path))
    menu.export_actions[("actions", ".xlsx")].trigger()
    assert answers.suggested[1] == tmp_path / "Neglect panel – action log – 10 May 2017.xlsx"


def test_minutes_are_saved_then_opened(
    qtbot: QtBot, menu: ExportMenu, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "minutes.pdf"
    target.parent.mkdir()
    answers = Answers(monkeypatch, target)
    answers.after = 0  # "Open it"
    run(qtbot, menu, "minutes", ".pdf")
    assert answers.errors == []
    text = pdf_text(target)
    assert "PANEL MINUTES" in text and "Referral was timely." in text and "LCS-A123" not in text
    assert answers.choices == [f"The minutes were saved as minutes.pdf in {target.parent}."]
    assert answers.opened == [QUrl.fromLocalFile(str(target))]
    assert settings.load().export_folder == str(target.parent)  # offered first next time


def test_show_the_folder_opens_the_folder_and_a_name_without_extension_gets_one(
    qtbot: QtBot, menu: ExportMenu, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch, tmp_path / "summary for the board")
    answers.after = 1  # "Show the folder"
    run(qtbot, menu, "summary", ".docx")
    written = tmp_path / "summary for the board.docx"
    assert written.read_bytes().startswith(b"PK")
    assert answers.opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_every_document_and_format_is_saved_from_the_menu(
    qtbot: QtBot, menu: ExportMenu, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(monkeypatch)
    magic = {".pdf": b"%PDF", ".docx": b"PK", ".xlsx": b"PK"}
    for kind, suffix in menu.export_actions:
        answers.save_as = tmp_path / f"{kind}{suffix}"
        run(qtbot, menu, kind, suffix)
        assert answers.save_as.read_bytes().startswith(magic[suffix]), (kind, suffix)
        assert b"LCS-A123" not in answers.save_as.read_bytes()
    assert answers.errors == [] and len(answers.choices) == len(menu.export_actions)


def test_an_unwritable_folder_is_explained_and_the_database_is_untouched(
    qtbot: QtBot,
    menu: ExportMenu,
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root ignores permissions; /sys refuses even root
        folder = Path("/sys")
    answers = Answers(monkeypatch, folder / "minutes.pdf")
    before = everything(sqlite_database)
    try:
        run(qtbot, menu, "minutes", ".pdf")
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert len(answers.errors) == 1
    title, message = answers.errors[0]
    assert title == "The minutes could not be saved"
    assert message == (
        f"minutes.pdf could not be saved in {folder}: the folder cannot be written to. "
        "Choose another folder."
    )
    assert answers.choices == [] and not (folder / "minutes.pdf").exists()
    assert everything(sqlite_database) == before


def test_a_file_open_in_another_program_is_explained_and_kept(
    qtbot: QtBot,
    menu: ExportMenu,
    sqlite_database: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "log.xlsx"
    target.write_bytes(b"the agencies' copy, open in Excel")
    answers = Answers(monkeypatch, target)
    real_replace = os.replace

    def held_open(source: Any, destination: Any) -> None:
        if Path(destination) == target:  # as Windows refuses a file Excel has open
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(target))
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", held_open)
    before = everything(sqlite_database)
    run(qtbot, menu, "actions", ".xlsx")
    assert answers.errors == [
        (
            "The action log could not be saved",
            "log.xlsx could not be replaced: it may be open in another program. "
            "Close it there, or save under another name.",
        )
    ]
    assert target.read_bytes() == b"the agencies' copy, open in Excel"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []
    assert everything(sqlite_database) == before
