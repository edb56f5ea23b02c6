"""Encryption as a user meets it: the passphrase asked for at start-up, the first start's offer,
the Settings dialog turning it on and changing the passphrase, and a marker typed in panel mode
that is then found in none of the files on disk."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from panel_app import encryption, settings, unlock
from panel_app.database import Database, open_database
from panel_app.encryption import WrongPassphraseError
from panel_app.services import audits
from tests.builders import build_audit
from tests.test_encryption import files_holding
from ui.app import Starter, make_application
from ui.main_window import MainWindow
from ui.passphrase_dialog import PassphraseDialog
from ui.secret_dialog import SecretDialog, SecretForm, Values
from ui.settings_dialog import SettingsDialog

pytestmark = pytest.mark.gui
FIRST, SECOND = "correct horse battery", "staple of the grey horse"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encryption, "KDF_ROUNDS", 1_000)


def answer(monkeypatch: pytest.MonkeyPatch, *replies: Values | None) -> list[str]:
    """Patch the passphrase forms' seam to give ``replies`` in turn; returns their titles."""
    asked: list[str] = []
    left = list(replies)

    def ask(_cls: type, _parent: QWidget | None, form: SecretForm) -> Values | None:
        asked.append(form.title)
        values = left.pop(0)
        assert values is None or form.check(values) is None, form.check(values or {})
        return values

    monkeypatch.setattr(SecretDialog, "ask", classmethod(ask))
    return asked


def type_passphrases(monkeypatch: pytest.MonkeyPatch, *typed: str) -> list[str | None]:
    """The start-up prompt, typed into in turn; returns what each attempt answered."""
    answers: list[str | None] = []

    def ask(_cls: type, _parent: object, _path: Path, attempt: Callable, _known: bool) -> bool:  # type: ignore[type-arg]
        for passphrase in typed:
            answers.append(attempt(passphrase))
            if answers[-1] is None:
                return True
        return False

    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(ask))
    return answers


def encrypted_file(path: Path) -> None:
    database = open_database(f"sqlite:///{path}", FIRST)
    with database.transaction() as session:
        build_audit(session)
    database.close()
    encryption.remember(path, True)


def start(qtbot: QtBot, url: str) -> tuple[MainWindow, Starter]:
    app = make_application()
    window = MainWindow()
    qtbot.addWidget(window)
    starter = Starter(app, window, url)
    starter.start()
    return window, starter


def test_start_up_asks_for_the_passphrase_and_a_wrong_one_can_be_retyped(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "panel.db"
    encrypted_file(path)
    answers = type_passphrases(monkeypatch, "Correct horse battery", FIRST)
    window, starter = start(qtbot, f"sqlite:///{path}")
    assert answers[0] is not None and answers[0].startswith("That passphrase does not open")
    assert answers[1] is None
    assert starter.database is not None and starter.database.encrypted
    assert window.list_page.model.rowCount() == 1
    assert starter.opener is not None and starter.opener.passphrase is None  # not kept
    starter.database.close()


def test_giving_up_at_the_prompt_opens_nothing_and_changes_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "panel.db"
    encrypted_file(path)
    before = path.read_bytes()
    type_passphrases(monkeypatch)  # Quit at once
    from ui.encryption_start import DatabaseOpener

    make_application()
    window = QWidget()
    qtbot.addWidget(window)
    # (The start then ends the app: ui.app.Starter exits when this is None.)
    assert DatabaseOpener(window, f"sqlite:///{path}").open() is None
    assert path.read_bytes() == before


def test_the_prompt_answers_a_wrong_passphrase_in_place(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    encrypted_file(path)
    opened: list[Database] = []

    def attempt(passphrase: str) -> str | None:
        try:
            opened.append(open_database(f"sqlite:///{path}", passphrase))
        except WrongPassphraseError as wrong:
            return wrong.message
        return None

    make_application()
    dialog = PassphraseDialog(path, attempt, known=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_button.click()
    assert dialog.error.text() == "Type the passphrase." and not dialog.opened
    qtbot.keyClicks(dialog.passphrase, "horse battery")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and "does not open this database" in dialog.error.text()
    assert dialog.passphrase.selectedText() == "horse battery"  # ready to be typed over
    qtbot.keyClicks(dialog.passphrase, FIRST)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.opened and len(opened) == 1
    opened[0].close()


def test_the_first_start_offers_a_passphrase_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.encryption_start import DatabaseOpener

    path = tmp_path / "new.db"
    asked = answer(monkeypatch, {"new": FIRST, "repeat": FIRST})
    make_application()
    window = QWidget()
    qtbot.addWidget(window)
    database = DatabaseOpener(window, f"sqlite:///{path}").open()
    assert asked == ["Protect this database?"]
    assert database is not None and database.encrypted and database.created
    assert settings.load().encryption_offered and encryption.remembered(path)
    database.close()
    answer(monkeypatch)  # never asked again: there are no replies to give
    type_passphrases(monkeypatch, FIRST)
    again = DatabaseOpener(window, f"sqlite:///{path}").open()
    assert again is not None and again.encrypted and not again.created
    again.close()


def test_the_offer_declined_or_accepted_for_an_existing_plain_database(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.encryption_start import DatabaseOpener

    make_application()
    window = QWidget()
    qtbot.addWidget(window)
    declined = tmp_path / "declined.db"
    answer(monkeypatch, None)
    database = DatabaseOpener(window, f"sqlite:///{declined}").open()
    assert database is not None and not database.encrypted
    database.close()
    assert settings.load().encryption_offered and not encryption.is_encrypted(declined)
    # A database from before this version, at its first start with it: converted in place.
    settings.update(encryption_offered=False)
    answer(monkeypatch, {"new": FIRST, "repeat": FIRST})
    database = DatabaseOpener(window, f"sqlite:///{declined}").open()
    assert database is not None and database.encrypted and encryption.is_encrypted(declined)
    database.close()


def test_settings_encrypts_what_is_typed_in_panel_and_changes_the_passphrase(
    qtbot: QtBot, tmp_path: Path, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry, draft = f"Entry-{uuid.uuid4().hex}", f"Draft-{uuid.uuid4().hex}"
    make_application()
    with sqlite_database.transaction() as session:
        audit_id = build_audit(session).audit_id
    window = MainWindow(sqlite_database)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = window.show_settings()
    assert isinstance(dialog, SettingsDialog)
    qtbot.addWidget(dialog)
    assert dialog.encrypt_button.isVisible() and not dialog.change_button.isVisible()
    asked = answer(monkeypatch, {"new": FIRST, "repeat": FIRST})
    dialog.encrypt_button.click()
    assert asked == ["Encrypt the database"] and sqlite_database.encrypted
    assert dialog.change_button.isVisible() and not dialog.encrypt_button.isVisible()
    assert "are encrypted" in dialog.encryption_state.text()
    assert "passphrase" in dialog.unlock_state.text()
    dialog.close()
    with qtbot.waitActive(window):
        window.activateWindow()

    # The minute-taker records a line and starts another; the app is locked and unlocked.
    workspace = window.open_audit(audit_id)
    assert workspace is not None
    panel = workspace.start_panel()
    assert panel is not None
    panel.start_walkthrough()
    line = panel.walk.capture.line
    line.setFocus()
    qtbot.keyClicks(line, entry)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.keyClicks(line, draft)
    qtbot.keyClick(line, Qt.Key.Key_L, CTRL)
    shown = window.lock.unlock_window
    assert shown is not None and shown.mode == "passphrase"
    shown.secret.setText(FIRST)
    shown.button.click()
    assert not window.lock.is_locked and line.text() == draft

    settings_again = window.show_settings()
    assert settings_again is not None
    qtbot.addWidget(settings_again)
    answer(monkeypatch, {"current": FIRST, "new": SECOND, "repeat": SECOND})
    settings_again.change_button.click()
    settings_again.close()
    window.close()  # saves the draft
    sqlite_database.close()

    for text in (entry, draft):
        assert files_holding(tmp_path, text) == [], text
    with pytest.raises(WrongPassphraseError):
        open_database(sqlite_database.url, FIRST)
    reopened = open_database(sqlite_database.url, SECOND)
    with reopened.transaction() as session:
        assert [row.title for row in audits.list_audits(session)] == ["Neglect panel"]
    reopened.close()


def test_the_change_form_checks_in_place(qtbot: QtBot, tmp_path: Path) -> None:
    from ui import encryption_forms

    database = open_database(f"sqlite:///{tmp_path / 'panel.db'}", FIRST)
    assert database.key is not None
    make_application()
    dialog = SecretDialog(encryption_forms.change(database.key))
    qtbot.addWidget(dialog)
    edits = dialog.edits
    for current, new, repeat, problem in (
        ("", SECOND, SECOND, "Type the database's current passphrase."),
        ("horse", SECOND, SECOND, "That is not this database's passphrase."),
        (FIRST, "short", "short", "at least 8 characters"),
        (FIRST, SECOND, SECOND + "!", "not the same"),
    ):
        edits["current"].setText(current)
        edits["new"].setText(new)
        edits["repeat"].setText(repeat)
        dialog.ok.click()
        assert problem in dialog.error.text() and dialog.values is None
    edits["repeat"].setText(SECOND)
    dialog.ok.click()
    assert dialog.values == {"current": FIRST, "new": SECOND, "repeat": SECOND}
    database.close()


def test_settings_sets_the_idle_time_and_the_unlock_password(
    qtbot: QtBot, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    window = MainWindow(sqlite_database)
    qtbot.addWidget(window)
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.idle.value() == 15 and "Anyone" in dialog.unlock_state.text()
    dialog.idle.setValue(5)
    assert settings.load().idle_lock_minutes == 5 and window.lock.idle_ms == 300_000
    dialog.idle.setValue(0)
    assert dialog.idle.text() == "Never" and not window.lock.timer.isActive()
    answer(monkeypatch, {"new": "2468", "repeat": "2468"})
    dialog.password_button.click()
    assert unlock.check("2468") and not unlock.check("1357")
    assert "unlock password" in dialog.unlock_state.text()
    assert dialog.clear_password_button.isVisible()
    stored = settings.settings_path().read_text(encoding="utf-8")
    assert "2468" not in stored and "scrypt$" in stored  # only a salted hash is kept
    dialog.clear_password_button.click()
    assert not unlock.is_set()
