"""The change history, approval, amendments, the user's name and deleting for good, driven
through the real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from db.models import HistoryEntry
from panel_app import backups, settings
from panel_app.database import Database
from panel_app.history import lines
from panel_app.services import actions, approval, audits, cases
from tests.audit_windows import audit_window
from tests.builders import Built, build_audit
from tests.test_cases_page import leaks
from ui import msgbox, retention_dialog, user_name
from ui.app import make_application
from ui.history_view import HistoryDialog
from ui.main_window import MainWindow
from ui.minutes_menu import ApprovalNote, ApproveDialog
from ui.pages.cases import CasesPage
from ui.pages.details import DetailsPage
from ui.reason_dialog import AmendmentDialog

pytestmark = pytest.mark.gui
SECRET = "LCS-NEVER-SHOWN-5531"


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    sqlite_database.user_name = "Jo Bloggs"
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        cases.update_case(session, made.case_ids[0], private_reference=SECRET)
        actions.update_action(session, made.action_ids[0], owner="LAPP")
    return made


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id)


def rows(dialog: HistoryDialog) -> list[str]:
    return [dialog.model.index(r).data() for r in range(dialog.model.rowCount())]


def title_field(window: MainWindow) -> QLineEdit:
    assert window.workspace is not None
    page = window.workspace.go_to(DetailsPage)
    assert isinstance(page, DetailsPage)
    widget = page.left.binders["title"].widget
    assert isinstance(widget, QLineEdit)
    return widget


def retitle(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def stored_title(database: Database, audit_id: int) -> str:
    with database.transaction() as session:
        return audits.get_audit(session, audit_id).title


def test_the_cases_screen_shows_a_case_history_in_plain_english(
    window: MainWindow, qtbot: QtBot, built: Built
) -> None:
    assert window.workspace is not None
    page = window.workspace.go_to(CasesPage)
    assert isinstance(page, CasesPage)
    page.view.selectRow(0)
    page.history_button.click()
    dialog = next(d for d in page.findChildren(HistoryDialog))
    qtbot.addWidget(dialog)
    shown = rows(dialog)
    assert shown[0].endswith("Jo Bloggs changed the private reference of the case 'Child A'")
    assert shown[-1].endswith("Jo Bloggs added the case 'Child A'")
    assert dialog.what.currentText() == "Case: Child A"
    assert leaks(dialog, SECRET) == []  # the history never held it


def test_an_action_history_is_chosen_from_the_list(
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    qtmodeltester,  # type: ignore[no-untyped-def]
) -> None:
    assert window.workspace is not None
    dialog = HistoryDialog(window.workspace.context, action_id=built.action_ids[0])
    qtbot.addWidget(dialog)
    assert dialog.what.currentText() == "Action: Partnership: Refresh neglect training."
    assert rows(dialog)[0].endswith(
        "Jo Bloggs changed the owner of the action 'Refresh neglect training.' "
        "from 'All agencies' to 'LAPP'"
    )
    assert dialog.details.toPlainText().endswith("Before:\nAll agencies\n\nAfter:\nLAPP")
    dialog.what.setCurrentIndex(0)  # the whole audit
    assert len(rows(dialog)) > 20 and rows(dialog)[-1].endswith("created the audit 'Neglect panel'")
    qtmodeltester.check(dialog.model)


def test_approving_then_changing_asks_why_once_and_lists_the_amendment(
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ApproveDialog, "ask", classmethod(lambda _c, _p, by: (by, "12/05/2017")))
    assert window.workspace is not None
    window.workspace.minutes_menu.ready()
    assert window.workspace.minutes_menu.approve_action.isEnabled()
    window.workspace.minutes_menu.approve_action.trigger()
    window.workspace.minutes_menu.ready()
    assert not window.workspace.minutes_menu.approve_action.isEnabled()
    assert window.workspace.minutes_menu.menuAction() in window.menuBar().actions()
    note = window.workspace.findChild(ApprovalNote)
    assert note is not None and note.isVisible()
    assert note.text().startswith("These minutes were approved on 12 May 2017 by Jo Bloggs.")
    asked: list[str] = []
    answer: str | None = None

    def reason(_cls: object, _parent: object, about: str) -> str | None:
        asked.append(about)
        return answer

    monkeypatch.setattr(AmendmentDialog, "ask", classmethod(reason))
    field = title_field(window)
    retitle(qtbot, field, "Neglect panel (declined)")
    assert asked and "approved on 12/05/2017 by Jo Bloggs" in asked[0]
    assert stored_title(sqlite_database, built.audit_id) == "Neglect panel"
    error = window.workspace.findChild(DetailsPage).left.binders["title"].error  # type: ignore[union-attr]
    assert error is not None and "only be changed by an amendment" in error.text()

    answer = "The chair corrected the title."
    retitle(qtbot, field, "Neglect panel, May 2017")
    retitle(qtbot, field, "Neglect panel: May 2017")
    assert len(asked) == 2  # asked again after the refusal, then not for the next change
    assert stored_title(sqlite_database, built.audit_id) == "Neglect panel: May 2017"
    assert "You are amending them now" in note.text()
    with sqlite_database.transaction() as session:
        (amendment,) = approval.amendments(session, built.audit_id)
    assert amendment.reason == "The chair corrected the title."
    assert amendment.changes == (
        "changed the title of the audit from 'Neglect panel' to 'Neglect panel: May 2017'",
    )


def test_the_name_is_asked_at_the_first_change_and_kept(
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sqlite_database.user_name = ""
    monkeypatch.setattr(user_name, "_asked", False)
    asked: list[str] = []

    def ask(_cls: object, _parent: object, current: str) -> str:
        asked.append(current)
        return "Sam Minutes"

    monkeypatch.setattr(user_name.UserNameDialog, "ask", classmethod(ask))
    field = title_field(window)
    retitle(qtbot, field, "Neglect panel 2017")
    retitle(qtbot, field, "Neglect panel, 2017")
    assert asked == [""]
    assert settings.load().user_name == "Sam Minutes"
    with sqlite_database.transaction() as session:
        latest = lines.audit_history(session, built.audit_id)[0]
    assert latest.who == "Sam Minutes"
    window.user_name_action.trigger()  # Edit ▸ Your name… shows the name to change
    assert asked == ["", "Sam Minutes"]


def test_the_name_dialog_refuses_an_empty_name(qtbot: QtBot) -> None:
    make_application()
    dialog = user_name.UserNameDialog("")
    qtbot.addWidget(dialog)
    dialog._check()
    assert dialog.error.text() == "Your name cannot be empty." and not dialog.result()
    qtbot.keyClicks(dialog.name, "  Jo   Bloggs ")
    dialog._check()
    assert dialog.value == "Jo Bloggs"


def test_delete_for_good_names_what_goes_and_removes_it(
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert sqlite_database.path is not None
    backup = backups.make_backup(sqlite_database.path, "daily")
    dialog = retention_dialog.DeletionDialog(sqlite_database, built.audit_id)
    qtbot.addWidget(dialog)
    text = dialog.summary.toPlainText()
    assert "“Neglect panel” will be deleted for good: its 2 cases" in text
    assert backup.name in text and "rewritten without it" in text
    assert not dialog.delete_button.isEnabled()
    dialog.sure.setChecked(True)
    assert dialog.delete_button.isEnabled()
    dialog.before.setDate(QDate(2000, 1, 1))  # only backups older than that: none
    assert "Kept as they are (made on or after 01/01/2000)" in dialog.summary.toPlainText()
    dialog.before.setDate(QDate.currentDate().addDays(1))

    said: list[str] = []
    monkeypatch.setattr(
        retention_dialog.DeletionDialog, "confirm", classmethod(lambda _c, *_a: dialog.plan)
    )
    monkeypatch.setattr(msgbox, "information", lambda _p, _t, message: said.append(message))
    window.delete_for_good_action.trigger()
    assert window.workspace is None and window.stack.currentWidget() is window.list_page
    assert window.list_page.model.rowCount() == 0
    assert said == ["“Neglect panel” has been deleted from the database.\n"
                    "1 backup rewritten without it."]  # fmt: skip
    assert b"Neglect panel" not in backup.read_bytes()


def test_a_name_typed_by_mistake_is_removed_from_the_history_dialog(
    window: MainWindow,
    qtbot: QtBot,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from panel_app.history import redaction
    from ui.history_removal import RemoveWordsDialog

    with sqlite_database.transaction() as session:
        cases.update_case(session, built.case_ids[0], key_facts="Tommy Smith lives with mum.")
    with sqlite_database.transaction() as session:  # noticed an hour later
        session.execute(update(HistoryEntry).values(made_at=datetime.now() - timedelta(hours=1)))
    with sqlite_database.transaction() as session:
        cases.update_case(session, built.case_ids[0], key_facts="Child A lives with mum.")
    assert window.workspace is not None
    dialog = HistoryDialog(window.workspace.context, case_id=built.case_ids[0])
    qtbot.addWidget(dialog)
    assert "Tommy Smith" in rows(dialog)[0]
    cursor = dialog.details.document().find("Tommy Smith")
    dialog.details.setTextCursor(cursor)  # the name chosen in the change shown in full
    opened: list[RemoveWordsDialog] = []

    def run(cls: type[RemoveWordsDialog], context: object, words: str, parent: object) -> bool:
        removal = cls(context, words, parent)  # type: ignore[arg-type]
        qtbot.addWidget(removal)
        removal.show()
        opened.append(removal)
        assert removal.words.text() == "Tommy Smith"
        assert removal.found.text() == "Quoted in 2 lines of the change history."
        removal.remove.click()  # no reason yet: refused, nothing lost
        assert removal.error.isVisible() and "reason" in removal.error.text().lower()
        assert removal.words.text() == "Tommy Smith"
        qtbot.keyClicks(removal.reason, "A real name")
        removal.remove.click()
        return removal.result() == 1

    monkeypatch.setattr(RemoveWordsDialog, "run", classmethod(run))
    dialog.remove_words.click()
    assert opened and opened[0].removed is not None
    shown = rows(dialog)
    assert not any("Tommy" in line for line in shown)
    assert any(redaction.REMOVED in line for line in shown)
    dialog.what.setCurrentIndex(0)  # the removal is the audit's, as it may reach every case
    shown = rows(dialog)
    assert shown[0].endswith(
        "Jo Bloggs removed words from 2 lines of the change history: 'A real name'"
    )
    typed = RemoveWordsDialog(window.workspace.context, "", dialog)
    qtbot.addWidget(typed)
    assert not typed.remove.isEnabled() and typed.found.text() == "Type at least two letters."
    qtbot.keyClicks(typed.words, "Nobody")
    assert typed.found.text() == "Not in the change history." and not typed.remove.isEnabled()
