"""Services against a real database: validation in plain English, nothing half-written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from db.base import Base
from db.enums import ActionStatus, ParticipationStatus
from db.models import Agency, Audit, Case, Partnership
from panel_app.database import Database
from panel_app.errors import DomainError, NotFoundError
from panel_app.services import (
    actions,
    agencies,
    audit_tool,
    audits,
    cases,
    involvement,
    meetings,
    notes,
    participation,
)
from tests.builders import build_audit


def count(database: Database, model: type) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_due_date_before_the_panel_is_refused_with_both_dates(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with pytest.raises(DomainError) as caught, database.transaction() as session:
        actions.add_action(session, built.audit_id, text="Train staff", due_date="01/04/2017")
    assert caught.value.message == (
        "The due date 01/04/2017 is before the panel (10/05/2017). Choose a later date."
    )
    assert caught.value.field == "due_date"


@pytest.mark.parametrize("typed", ["", "   ", "\n\t"])
def test_an_empty_pseudonym_is_refused(database: Database, typed: str) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with (
        pytest.raises(DomainError, match="The pseudonym cannot be empty"),
        database.transaction() as session,
    ):
        cases.add_case(session, built.audit_id, pseudonym=typed)
    assert count(database, Case) == 2


def test_two_cases_cannot_share_a_pseudonym_whatever_the_case(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with (
        pytest.raises(DomainError, match="already has a case called 'Child A'"),
        database.transaction() as session,
    ):
        cases.add_case(session, built.audit_id, pseudonym="child a")
    with database.transaction() as session:  # another audit may reuse it
        other = build_audit(session, title="Another panel")
    assert other.case_ids


def test_an_agency_outside_the_audit_is_refused(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        stranger = agencies.create_agency(session, "Probation")
        stranger_id = stranger.id
    with (
        pytest.raises(DomainError, match="Probation is not one of this audit's agencies"),
        database.transaction() as session,
    ):
        involvement.set_involvement(session, built.case_ids[0], stranger_id, summary="x")


def test_an_unknown_agency_is_named_as_missing(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with pytest.raises(NotFoundError, match="agency"), database.transaction() as session:
        participation.add_participation(session, built.audit_id, 9999)


def test_a_grade_from_another_audits_scale_is_refused(database: Database) -> None:
    with database.transaction() as session:
        first = build_audit(session)
        second = build_audit(session, title="Second panel")
        foreign = involvement.level_named(session, second.audit_id, "Good")
        item = involvement.involvement_of(session, first.case_ids[0], first.agency_ids[0])
        assert item is not None
        domain_id = session.get(Audit, first.audit_id).domains[0].id  # type: ignore[union-attr]
        foreign_id, item_id = foreign.id, item.id
    with (
        pytest.raises(DomainError, match="'Good' is not on this audit's grading scale"),
        database.transaction() as session,
    ):
        involvement.set_involvement_grade(session, item_id, domain_id, foreign_id)


def test_an_unknown_grade_label_lists_the_scale(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with pytest.raises(DomainError) as caught, database.transaction() as session:
        involvement.level_named(session, built.audit_id, "Brilliant")
    assert "Outstanding" in caught.value.message and "Good" in caught.value.message


def test_a_huge_paste_is_refused_with_its_length_and_nothing_changes(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    paste = "word " * 10_000
    with pytest.raises(DomainError) as caught, database.transaction() as session:
        notes.add_point(session, built.audit_id, text="ok")  # written, then rolled back
        cases.update_case(session, built.case_ids[0], pseudonym=paste)
    assert "50,000 characters" in caught.value.message or "at most 200" in caught.value.message
    with database.transaction() as session:
        case = session.get(Case, built.case_ids[0])
        assert case is not None and case.pseudonym == "Child A"
        texts = [p.text for p in session.get(Audit, built.audit_id).discussion_points]  # type: ignore[union-attr]
    assert "ok" not in texts


def test_a_long_field_keeps_up_to_its_limit(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        notes.add_point(session, built.audit_id, text="é" * 20_000)
    with (
        pytest.raises(DomainError, match="20,001 characters long; it can hold at most 20,000"),
        database.transaction() as session,
    ):
        notes.add_point(session, built.audit_id, text="é" * 20_001)


def test_an_impossible_date_is_explained(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    with pytest.raises(DomainError) as caught, database.transaction() as session:
        audits.update_audit(session, built.audit_id, panel_date="31/02/2017")
    assert "31/02/2017" in caught.value.message
    assert caught.value.field == "panel_date"


def test_a_scope_that_ends_before_it_starts_is_refused(database: Database) -> None:
    with (
        pytest.raises(DomainError, match="ends before it starts"),
        database.transaction() as session,
    ):
        audits.create_audit(
            session,
            theme="Neglect",
            title="T",
            scope_start=date(2017, 1, 1),
            scope_end=date(2016, 1, 1),
        )
    assert count(database, Audit) == 0


def test_deleting_an_audit_removes_all_it_owns_and_keeps_agencies(database: Database) -> None:
    with database.transaction() as session:
        kept = build_audit(session, title="Kept")
        gone = build_audit(session, title="Gone")
    before = {table.name: _rows(database, table) for table in Base.metadata.sorted_tables}
    with database.transaction() as session:
        audits.delete_audit(session, gone.audit_id)
    after = {table.name: _rows(database, table) for table in Base.metadata.sorted_tables}
    assert after["agency"] == before["agency"] > 0
    assert after["partnership"] == before["partnership"]
    for name, rows in before.items():
        if name not in ("agency", "partnership", "alembic_version"):
            assert rows == 0 or after[name] * 2 == rows, name  # exactly the kept half is left
    with database.transaction() as session:
        assert [a.id for a in audits.list_audits(session)] == [kept.audit_id]


def _rows(database: Database, table: object) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[arg-type]


def test_an_agency_with_involvement_cannot_leave_the_audit(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        held = participation.participation_of(session, built.audit_id, built.agency_ids[0])
        assert held is not None
        held_id = held.id
    with (
        pytest.raises(DomainError, match="has involvement recorded in Child A"),
        database.transaction() as session,
    ):
        participation.remove_participation(session, held_id)


def test_reordering_cases_keeps_the_new_order(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        third = cases.add_case(session, built.audit_id, pseudonym="Child C").id
    with database.transaction() as session:
        cases.reorder_cases(session, built.audit_id, [third, *built.case_ids])
    with database.transaction() as session:
        audit = audits.get_audit(session, built.audit_id)
        assert [c.pseudonym for c in audit.cases] == ["Child C", "Child A", "Child B"]
    with pytest.raises(DomainError), database.transaction() as session:
        cases.reorder_cases(session, built.audit_id, [third])


def test_the_audit_list_counts_open_and_overdue_actions(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        actions.add_action(session, built.audit_id, text="Later", due_date=date(2030, 1, 1))
        actions.add_action(session, built.audit_id, text="Dropped", status=ActionStatus.SUPERSEDED)
    with database.transaction() as session:
        (summary,) = audits.list_audits(session, today=date(2018, 1, 1))
    assert (summary.open_actions, summary.overdue_actions) == (2, 1)


def test_the_audit_tool_can_be_edited_per_audit(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        domain = audit_tool.add_domain(session, built.audit_id, "Voice of the child")
        audit_tool.use_scale(session, built.audit_id, audit_tool.RAG_SCALE)
        names = [d.name for d in audits.get_audit(session, built.audit_id).domains]
    assert names[-1] == domain.name == "Voice of the child"
    with pytest.raises(DomainError, match="already"), database.transaction() as session:
        audit_tool.add_domain(session, built.audit_id, "voice of the child")


def test_agency_names_are_unique_and_shared(database: Database) -> None:
    with database.transaction() as session:
        build_audit(session)
        build_audit(session, title="Again")
    assert count(database, Agency) == 5
    assert count(database, Partnership) == 1
    with pytest.raises(DomainError, match="already"), database.transaction() as session:
        agencies.create_agency(session, "police")


def test_duplicating_carries_agencies_tool_and_timings_but_no_cases(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        audit_tool.add_domain(session, built.audit_id, "Voice of the child")
        meeting = audits.get_audit(session, built.audit_id).meetings[0]
        meetings.update_meeting(session, meeting.id, start_time="09:30", location="Room 2")
        meetings.set_minutes_allotted(session, meeting.agenda[0].id, 40)
        copy_id = audits.duplicate_audit(session, built.audit_id).id
    with database.transaction() as session:
        source, copy = audits.get_audit(session, built.audit_id), audits.get_audit(session, copy_id)
        assert copy.title == "Neglect panel (copy)" and copy.theme == "Neglect"
        assert copy.panel_date is None and copy.cases == [] and copy.actions == []
        assert copy.findings == [] and copy.discussion_points == []
        assert [d.name for d in copy.domains] == [d.name for d in source.domains]
        assert [g.label for g in copy.scale] == [g.label for g in source.scale]
        assert [(p.agency_id, p.lead_auditor_name) for p in copy.participations] == [
            (p.agency_id, p.lead_auditor_name) for p in source.participations
        ]
        assert {p.status for p in copy.participations} == {ParticipationStatus.PARTICIPATING}
        (planned,) = copy.meetings
        assert (planned.date, str(planned.start_time), planned.location) == (
            None,
            "09:30:00",
            "Room 2",
        )
        assert planned.default_minutes == 40 and planned.agenda == []
        case = cases.add_case(session, copy_id, pseudonym="Child A")
        item = meetings.add_agenda_item(session, planned.id, case.id)
        assert item.minutes_allotted == 40
