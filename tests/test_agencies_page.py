"""The Agencies screen, driven through its widgets, and the services it added."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from db.enums import ParticipationStatus
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import agencies, participation
from tests.audit_windows import audit_window, screen
from tests.builders import Built, build_audit
from ui import msgbox
from ui.main_window import MainWindow
from ui.pages.agencies import AgenciesPage

pytestmark = pytest.mark.gui


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        agencies.ensure_agency(session, "NSPCC")
        return made


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> Iterator[MainWindow]:
    yield audit_window(qtbot, sqlite_database, built.audit_id)


@pytest.fixture
def page(window: MainWindow) -> AgenciesPage:
    return screen(window, AgenciesPage)


def members(database: Database, audit_id: int) -> dict[str, participation.ParticipationRow]:
    with database.transaction() as session:
        return {r.agency: r for r in participation.participation_rows(session, audit_id)}


def select_member(page: AgenciesPage, name: str) -> None:
    row = [r.agency for r in page.audit_model.rows()].index(name)
    page.members.view.selectRow(row)
    assert page.member_box.title().replace("&&", "&") == name


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()


def answer(monkeypatch: pytest.MonkeyPatch, reply: bool) -> list[str]:
    asked: list[str] = []

    def ask(_cls: object, _parent: object, _title: str, message: str, default: bool = False):  # type: ignore[no-untyped-def]
        asked.append(message)
        return reply

    monkeypatch.setattr(msgbox.Question, "ask", classmethod(ask))
    return asked


def choices(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


# -- adding and removing -----------------------------------------------------------------------
def test_an_agency_from_the_partnership_list_is_added(
    page: AgenciesPage, built: Built, sqlite_database: Database
) -> None:
    assert choices(page.choose) == ["NSPCC"]
    page.choose.setEditText("nspcc")
    page.add_button.click()
    assert members(sqlite_database, built.audit_id)["NSPCC"].status == "participating"
    assert choices(page.choose) == []
    assert page.member_box.title() == "NSPCC"  # selected, ready for its lead auditor


def test_a_typed_new_agency_joins_the_partnership_and_undo_takes_both_back(
    page: AgenciesPage, window: MainWindow, built: Built, sqlite_database: Database
) -> None:
    page.choose.setEditText("Harbour Drugs and Alcohol Service")
    page.add_button.click()
    added = members(sqlite_database, built.audit_id)["Harbour Drugs and Alcohol Service"]
    window.undo_action.trigger()
    assert "Harbour Drugs and Alcohol Service" not in members(sqlite_database, built.audit_id)
    with sqlite_database.transaction() as session:
        assert agencies.agency_named(session, "Harbour Drugs and Alcohol Service") is None
    window.redo_action.trigger()
    again = members(sqlite_database, built.audit_id)["Harbour Drugs and Alcohol Service"]
    assert (again.id, again.agency_id) == (added.id, added.agency_id)


def test_adding_nothing_or_an_agency_already_in_is_explained(
    page: AgenciesPage, built: Built, sqlite_database: Database
) -> None:
    page.add_button.click()
    assert page.add_error.text() == (
        "Choose an agency from the list, or type the name of a new one."
    )
    page.choose.setEditText("Police")
    page.add_button.click()
    assert page.add_error.text() == "Police is already one of this audit's agencies."
    assert len(members(sqlite_database, built.audit_id)) == 5


def test_removing_an_agency_asks_first_and_undo_puts_it_back(
    page: AgenciesPage,
    window: MainWindow,
    built: Built,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    select_member(page, "Education")
    asked = answer(monkeypatch, False)
    page.remove_button.click()
    assert asked and "Education" in asked[0]
    assert "Education" in members(sqlite_database, built.audit_id)
    answer(monkeypatch, True)
    page.remove_button.click()
    assert "Education" not in members(sqlite_database, built.audit_id)
    assert "Education" not in [r.agency for r in page.audit_model.rows()]
    window.undo_action.trigger()
    back = members(sqlite_database, built.audit_id)["Education"]
    assert back.lead_auditor_name == "A Lead"


def test_an_agency_with_involvement_cannot_be_removed(
    page: AgenciesPage, built: Built, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    select_member(page, "Police")
    asked = answer(monkeypatch, True)
    page.remove_button.click()
    assert asked == []  # refused before asking
    assert page.remove_error.text() == (
        "Police has involvement recorded in Child A and Child B. Clear its row on the "
        "Involvement grid first."
    )
    assert not page.remove_error.isHidden()
    assert "Police" in members(sqlite_database, built.audit_id)


# -- the lead auditor and the status -----------------------------------------------------------
def test_lead_auditor_fields_save_and_undo_returns_to_the_agency(
    page: AgenciesPage, window: MainWindow, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    select_member(page, "Police")
    type_into(qtbot, page.lead_name, "DS Jane Carter")
    type_into(qtbot, page.role, "Detective Sergeant, Public Protection Unit")
    type_into(qtbot, page.email, "jane.carter@police.example.uk")
    police = members(sqlite_database, built.audit_id)["Police"]
    assert police.lead_auditor_name == "DS Jane Carter"
    assert police.lead_auditor_role == "Detective Sergeant, Public Protection Unit"
    assert police.lead_auditor_email == "jane.carter@police.example.uk"
    row = page.audit_model.row_of(police.id)
    assert row is not None
    assert page.audit_model.index(row, 2).data() == "DS Jane Carter"

    select_member(page, "Health")
    window.undo_action.trigger()  # the email, made on Police
    assert page.member_box.title() == "Police"
    assert members(sqlite_database, built.audit_id)["Police"].lead_auditor_email == ""
    assert members(sqlite_database, built.audit_id)["Health"].lead_auditor_email == ""
    assert page.email.text() == ""


def test_an_invalid_email_is_explained_beside_the_field(
    page: AgenciesPage, qtbot: QtBot, built: Built, sqlite_database: Database
) -> None:
    select_member(page, "Health")
    type_into(qtbot, page.email, "named nurse at trust")
    error = page.auditor_form.binders["lead_auditor_email"].error
    assert error is not None and not error.isHidden()
    assert error.text() == "'named nurse at trust' is not an email address."
    assert page.email.text() == "named nurse at trust"  # kept, to put right
    assert members(sqlite_database, built.audit_id)["Health"].lead_auditor_email == ""
    type_into(qtbot, page.email, "nurse@trust.example.uk")
    assert error.isHidden()
    assert members(sqlite_database, built.audit_id)["Health"].lead_auditor_email == (
        "nurse@trust.example.uk"
    )


def test_status_changes_with_its_reason(
    page: AgenciesPage, built: Built, sqlite_database: Database
) -> None:
    select_member(page, "Education")
    index = page.status.findData(ParticipationStatus.INVITED_NOT_INVOLVED.value)
    page.status.setCurrentIndex(index)
    page.status.activated.emit(index)
    page.reason.setPlainText("None of the children attended a school in the area.")
    page.status_form.binders["reason"].commit()
    education = members(sqlite_database, built.audit_id)["Education"]
    assert education.status == ParticipationStatus.INVITED_NOT_INVOLVED
    assert education.reason == "None of the children attended a school in the area."
    row = page.audit_model.row_of(education.id)
    assert row is not None
    assert page.audit_model.index(row, 1).data() == "Invited, not involved"
    assert "None of the children" in page.audit_model.index(row, 0).data(3)  # tooltip


def test_an_agency_with_involvement_cannot_be_marked_unable(
    page: AgenciesPage, built: Built, sqlite_database: Database
) -> None:
    select_member(page, "Police")
    index = page.status.findData(ParticipationStatus.UNABLE.value)
    page.status.setCurrentIndex(index)
    page.status.activated.emit(index)
    error = page.status_form.binders["status"].error
    assert error is not None and not error.isHidden()
    assert error.text() == (
        "Police has involvement recorded in Child A and Child B, so it cannot be 'Unable to "
        "participate'. Clear its row on the Involvement grid first."
    )
    assert members(sqlite_database, built.audit_id)["Police"].status is (
        ParticipationStatus.PARTICIPATING
    )


# -- the partnership's list --------------------------------------------------------------------
def test_partnership_agencies_are_renamed_added_and_deleted_only_when_unused(
    page: AgenciesPage,
    window: MainWindow,
    qtbot: QtBot,
    sqlite_database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.tabs.setCurrentIndex(1)
    names = [r.name for r in page.partnership.agency_model.rows()]
    page.partnership.agencies.view.selectRow(names.index("Police"))
    type_into(qtbot, page.partnership.agency_name, "Devon & Cornwall Police")
    type_into(qtbot, page.partnership.short_name, "D&C Police")
    assert [r.agency for r in page.audit_model.rows()].count("Devon & Cornwall Police") == 1
    asked = answer(monkeypatch, True)
    page.partnership.delete_button.click()
    assert asked == []
    assert page.partnership.delete_error.text() == (
        "Devon & Cornwall Police is part of at least one audit, so it cannot be deleted. "
        "Remove it from those audits first."
    )

    page.partnership.new_button.click()
    assert (
        page.partnership.agency_name.text() == "New agency"
        and page.partnership.agency_name.hasFocus()
    )
    type_into(qtbot, page.partnership.agency_name, "Turning Point")
    with sqlite_database.transaction() as session:
        made = agencies.agency_named(session, "Turning Point")
        assert made is not None
        ident = made.id
    page.partnership.delete_button.click()
    assert asked and "Turning Point" in asked[-1]
    with sqlite_database.transaction() as session:
        assert agencies.agency_named(session, "Turning Point") is None
    window.undo_action.trigger()
    with sqlite_database.transaction() as session:
        back = agencies.agency_named(session, "Turning Point")
        police = agencies.agency_named(session, "Police")
        assert back is not None and back.id == ident
        assert police is None  # the rename stands


def test_the_models_pass_the_model_tester(page: AgenciesPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.audit_model)
    qtmodeltester.check(page.partnership.agency_model)


# -- the services the screen added (headless) --------------------------------------------------
def test_agency_use_decides_deletion_and_restore_keeps_the_id(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        spare = agencies.create_agency(session, "Turning Point", "TP")
        assert agencies.agency_in_use(session, built.agency_ids[0])
        assert not agencies.agency_in_use(session, spare.id)
        with pytest.raises(DomainError, match="part of at least one audit"):
            agencies.check_agency_deletable(session, built.agency_ids[0])
        rows = {r.name: r for r in agencies.agency_rows(session)}
        assert (rows["Police"].audits, rows["Turning Point"].audits) == (1, 0)
        ident = spare.id
        agencies.delete_agency(session, ident)
        restored = agencies.restore_agency(session, ident, "Turning Point", "TP")
        assert (restored.id, restored.short_name) == (ident, "TP")
        with pytest.raises(DomainError):
            agencies.restore_agency(session, ident, "Turning Point")


def test_agencies_are_added_by_name_and_participation_restored_as_it_was(
    database: Database,
) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        agencies.ensure_agency(session, "NSPCC")
        assert [a.name for a in participation.agencies_to_add(session, built.audit_id)] == ["NSPCC"]
        made, created = participation.add_agency_to_audit(session, built.audit_id, " nspcc ")
        assert (made.agency.name, created) == ("NSPCC", False)
        fresh, created = participation.add_agency_to_audit(session, built.audit_id, "Barnardo's")
        assert created
        with pytest.raises(DomainError, match="Choose an agency"):
            participation.add_agency_to_audit(session, built.audit_id, "  ")
        participation.update_participation(session, fresh.id, lead_auditor_name="K Patel")
        values = participation.participation_values(session, fresh.id)
        ident, agency_id = fresh.id, fresh.agency_id
        participation.remove_participation(session, ident)
        back = participation.restore_participation(
            session, ident, built.audit_id, agency_id, **values
        )
        assert (back.id, back.lead_auditor_name) == (ident, "K Patel")
        with pytest.raises(DomainError, match="involvement recorded"):
            participation.check_removable(
                session,
                participation.participation_of(session, built.audit_id, built.agency_ids[0]).id,  # type: ignore[union-attr]
            )
        rows = participation.participation_rows(session, built.audit_id)
        assert [r.agency for r in rows][-2:] == ["NSPCC", "Barnardo's"]
