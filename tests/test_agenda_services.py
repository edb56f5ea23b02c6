"""The agenda's services: its timings, the meeting it belongs to, and setting it whole."""

from __future__ import annotations

from datetime import time

import pytest

from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import audits, cases, meetings
from tests.builders import build_audit


def test_each_case_starts_when_the_one_before_ends() -> None:
    starts, end = meetings.agenda_times(time(9, 30), [30, 45, 30])
    assert starts == [time(9, 30), time(10, 0), time(10, 45)]
    assert end == time(11, 15)


def test_an_empty_agenda_ends_when_it_starts() -> None:
    assert meetings.agenda_times(time(14, 0), []) == ([], time(14, 0))


def test_minutes_over_counts_only_what_runs_past_the_end() -> None:
    assert meetings.minutes_over(time(9, 30), [30, 45, 30], time(11, 0)) == 15
    assert meetings.minutes_over(time(9, 30), [30, 45, 30], time(11, 15)) == 0
    assert meetings.minutes_over(time(9, 30), [30], time(12, 0)) == 0


def test_a_late_panel_runs_past_midnight_without_wrapping_round() -> None:
    starts, end = meetings.agenda_times(time(23, 0), [45, 30])
    assert starts == [time(23, 0), time(23, 45)] and end == time(0, 15)
    assert meetings.minutes_over(time(23, 0), [45, 30], time(23, 30)) == 45


def test_the_agenda_meeting_is_made_once_when_the_audit_has_none(database: Database) -> None:
    with database.transaction() as session:
        audit = audits.create_audit(session, theme="Neglect", title="No meeting yet")
        assert meetings.find_agenda_meeting(session, audit.id) is None
        first = meetings.agenda_meeting(session, audit.id).id
        assert meetings.agenda_meeting(session, audit.id).id == first
        assert meetings.find_agenda_meeting(session, audit.id).id == first  # type: ignore[union-attr]


def test_set_agenda_adds_removes_orders_and_times_cases(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        third = cases.add_case(session, built.audit_id, pseudonym="Child C").id
        meeting_id = meetings.agenda_meeting(session, built.audit_id).id
        first, second = built.case_ids
        meetings.set_agenda(session, meeting_id, [(third, 45), (first, 20)])
    with database.transaction() as session:
        rows = meetings.agenda_rows(session, meeting_id)
        assert [(r.pseudonym, r.minutes) for r in rows] == [("Child C", 45), ("Child A", 20)]
        assert meetings.cases_off_agenda(session, meeting_id) == [(second, "Child B")]
        meetings.set_agenda(session, meeting_id, [(second, 30), (third, 45)])
    with database.transaction() as session:
        rows = meetings.agenda_rows(session, meeting_id)
        assert [(r.pseudonym, r.escalated) for r in rows] == [("Child B", True), ("Child C", False)]


def test_set_agenda_refuses_a_case_twice_or_silly_minutes_and_changes_nothing(
    database: Database,
) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        meeting_id = meetings.agenda_meeting(session, built.audit_id).id
        before = meetings.agenda_rows(session, meeting_id)
    first = built.case_ids[0]
    with pytest.raises(DomainError, match="only once"), database.transaction() as session:
        meetings.set_agenda(session, meeting_id, [(first, 30), (first, 30)])
    with pytest.raises(DomainError, match="between 1 and 240"), database.transaction() as session:
        meetings.set_agenda(session, meeting_id, [(first, 0)])
    with database.transaction() as session:
        assert meetings.agenda_rows(session, meeting_id) == before
