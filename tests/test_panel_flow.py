"""The panel without Qt: steps and moves, the saved position, the register, the clock, and the
entries the capture line makes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from db.enums import AttendanceStatus, FindingKind, Step
from db.models import Action, Case, DiscussionPoint, Finding
from panel_app.database import Database
from panel_app.demo import load_demo
from panel_app.errors import DomainError, NotFoundError
from panel_app.panel import entries, progress, register, views
from panel_app.panel.capture import Capture, CaptureKind
from panel_app.panel.clock import format_duration, read_clock
from panel_app.panel.flow import AgendaCase, CaseState, Position, StepRef, Walk, case_steps
from panel_app.services import audits, cases, participation
from tests.builders import Built, build_audit

NOON = datetime(2017, 5, 10, 12, 0)


def walk() -> Walk:
    return Walk(
        [
            AgendaCase(1, "Child A", 30, (10, 11)),
            AgendaCase(2, "Child B", 30, (), escalated=True),
            AgendaCase(3, "Child C", 20, (11,)),
        ]
    )


# -- the flow -------------------------------------------------------------------------------
def test_a_case_has_each_audited_agency_in_turn_between_introduction_and_closing_steps() -> None:
    steps = case_steps((10, 11))
    assert [s.step for s in steps] == [
        Step.INTRODUCTION,
        Step.AGENCY_SUMMARIES,
        Step.AGENCY_SUMMARIES,
        Step.FAMILY_VIEWS,
        Step.DISCUSSION,
        Step.GOOD_PRACTICE,
        Step.LEARNING,
        Step.ACTIONS,
        Step.CONCLUSION,
    ]
    assert [s.agency_id for s in steps[1:3]] == [10, 11]


def test_next_walks_every_step_and_passes_over_an_escalated_case() -> None:
    w = walk()
    position = w.first()
    visited = []
    while position is not None:
        visited.append(position)
        position = w.next(position)
    assert [p.case_id for p in visited] == [1] * 9 + [3] * 8
    assert w.next(visited[-1]) is None


def test_back_from_an_introduction_goes_to_the_previous_conclusion() -> None:
    w = walk()
    start_c = w.start_of(3)
    assert w.back(start_c) == Position(1, StepRef(Step.CONCLUSION))
    assert w.back(w.start_of(1)) is None
    assert w.previous_case(3) == w.start_of(1)
    assert w.next_case(1) == w.start_of(3)


def test_a_stale_position_falls_back_sensibly() -> None:
    w = walk()
    assert w.resolve(99, Step.DISCUSSION, None) == w.start_of(1)
    assert w.resolve(1, Step.AGENCY_SUMMARIES, 77) == Position(
        1, StepRef(Step.AGENCY_SUMMARIES, 10)
    )
    assert w.resolve(3, Step.LEARNING, None) == Position(3, StepRef(Step.LEARNING))
    assert w.resolve(2, Step.AGENCY_SUMMARIES, 10) == w.start_of(2)


def test_case_states() -> None:
    assert AgendaCase(1, "A", 30).state is CaseState.NOT_STARTED
    assert AgendaCase(1, "A", 30, started_at=NOON).state is CaseState.IN_PROGRESS
    assert AgendaCase(1, "A", 30, started_at=NOON, finished_at=NOON).state is CaseState.DONE
    assert AgendaCase(1, "A", 30, escalated=True, started_at=NOON).state is CaseState.ESCALATED


# -- the clock -------------------------------------------------------------------------------
def test_the_clock_counts_the_current_case_and_estimates_the_end() -> None:
    agenda = [
        AgendaCase(1, "A", 30, started_at=NOON, finished_at=NOON, spent_seconds=1800),
        AgendaCase(2, "B", 40, spent_seconds=600),
        AgendaCase(3, "C", 20),
        AgendaCase(4, "D", 20, escalated=True),
    ]
    reading = read_clock(NOON, agenda, 2, NOON - timedelta(minutes=35), time(12, 30))
    assert reading.spent == timedelta(minutes=45)
    assert reading.allotted == timedelta(minutes=40)
    assert reading.over and reading.over_by == timedelta(minutes=5)
    # B is over its time, so only C's 20 minutes remain.
    assert reading.estimated_end == NOON + timedelta(minutes=20)
    assert reading.planned_end == datetime.combine(NOON.date(), time(12, 30))
    assert not reading.late
    early = read_clock(NOON, agenda, 2, NOON - timedelta(minutes=5), time(12, 10))
    assert not early.over and early.late
    assert early.estimated_end == NOON + timedelta(minutes=45)


def test_durations_read_as_a_clock() -> None:
    assert format_duration(timedelta(seconds=65)) == "1:05"
    assert format_duration(timedelta(hours=1, seconds=5)) == "1:00:05"
    assert format_duration(timedelta(seconds=-3)) == "0:00"


# -- the saved position ------------------------------------------------------------------------
@pytest.fixture
def built(database: Database) -> Built:
    with database.transaction() as session:
        return build_audit(session)


def meeting_of(database: Database, audit_id: int) -> int:
    with database.transaction() as session:
        return progress.panel_meeting(session, audit_id)


def state(database: Database, meeting_id: int) -> progress.PanelState:
    with database.transaction() as session:
        return progress.load(session, meeting_id)


def test_starting_fills_an_empty_agenda_and_starts_at_the_first_open_case(
    database: Database, built: Built
) -> None:
    meeting_id = meeting_of(database, built.audit_id)
    first = state(database, meeting_id)
    # The builder's agenda holds Child A only; Child B (escalated) is not added to it.
    assert [c.pseudonym for c in first.cases] == ["Child A"]
    assert first.position == Walk(first.cases).start_of(built.case_ids[0])
    assert not first.register_done
    assert meeting_of(database, built.audit_id) == meeting_id


def test_an_audit_without_a_meeting_gets_one_with_every_case(database: Database) -> None:
    with database.transaction() as session:
        audit = audits.create_audit(session, theme="Neglect", title="New")
        cases.add_case(session, audit.id, pseudonym="Child A")
        cases.add_case(session, audit.id, pseudonym="Child B")
        audit_id = audit.id
    loaded = state(database, meeting_of(database, audit_id))
    assert [c.pseudonym for c in loaded.cases] == ["Child A", "Child B"]


def test_an_audit_without_cases_is_refused_in_plain_words(database: Database) -> None:
    with database.transaction() as session:
        audit_id = audits.create_audit(session, theme="Neglect", title="Empty").id
    with pytest.raises(DomainError, match="no cases yet"), database.transaction() as session:
        progress.panel_meeting(session, audit_id)


def test_moving_banks_time_and_a_fresh_read_returns_to_the_same_step(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        meetings_id = progress.panel_meeting(session, built.audit_id)
        from panel_app.services import meetings

        meetings.add_agenda_item(session, meetings_id, built.case_ids[1], 20)
        cases.withdraw_escalation(session, built.case_ids[1])
    loaded = state(database, meetings_id)
    w = loaded.walk
    a, b = built.case_ids
    agency = w.case(a).agency_ids[1]
    start = NOON
    with database.transaction() as session:
        progress.go_to(session, meetings_id, w.start_of(a), start)
        progress.go_to(
            session, meetings_id, Position(a, StepRef(Step.AGENCY_SUMMARIES, agency)), start
        )
        progress.set_heard(session, meetings_id, a, agency, True)
    with database.transaction() as session:
        progress.go_to(session, meetings_id, w.start_of(b), start + timedelta(minutes=25), finish=a)
    again = state(database, meetings_id)
    assert again.register_done
    assert again.position == w.start_of(b)
    assert again.entered_at == start + timedelta(minutes=25)
    assert (a, agency) in again.heard
    first, second = again.cases
    assert first.state is CaseState.DONE and first.spent_seconds == 25 * 60
    assert second.state is CaseState.IN_PROGRESS
    with database.transaction() as session:
        assert session.get(Case, a).discussed  # type: ignore[union-attr]
        progress.set_case_done(session, meetings_id, a, False)
        progress.set_heard(session, meetings_id, a, agency, False)
    reopened = state(database, meetings_id)
    assert reopened.cases[0].state is CaseState.IN_PROGRESS and not reopened.heard


def test_the_draft_of_the_capture_line_is_kept(database: Database, built: Built) -> None:
    meeting_id = meeting_of(database, built.audit_id)
    with database.transaction() as session:
        progress.save_draft(session, meeting_id, "The chair asked whether")
    assert state(database, meeting_id).draft == "The chair asked whether"


# -- the register -------------------------------------------------------------------------------
def test_the_register_lists_each_participating_agency_once_and_people_can_be_added(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        agency_id = built.agency_ids[1]
        found = participation.participation_of(session, built.audit_id, agency_id)
        assert found is not None
        participation.update_participation(
            session, found.id, lead_auditor_name="DS Jones", lead_auditor_role="PPU"
        )
    meeting_id = meeting_of(database, built.audit_id)
    state(database, meeting_id)  # first opening prepares the register
    state(database, meeting_id)  # ...once
    with database.transaction() as session:
        rows = register.register(session, meeting_id)
        assert [r.name for r in rows] == ["J Smith", "A Lead", "DS Jones", "A Lead", "A Lead"]
        assert rows[2].role == "Lead auditor, PPU"
        assert {r.status for r in rows[1:]} == {AttendanceStatus.ABSENT}
        register.mark(session, rows[1].id, AttendanceStatus.PRESENT)
        register.mark(session, rows[2].id, AttendanceStatus.APOLOGIES)
        added = register.add_person(session, meeting_id, "R Patel", role="Observer")
        register.remove_person(session, rows[3].id)
        register.restore_person(session, meeting_id, rows[3])
        rows = register.register(session, meeting_id)
    assert [r.name for r in rows][-1] == "R Patel" and added.status is AttendanceStatus.PRESENT
    assert rows[3].name == "A Lead"  # put back where it was
    assert register.counts(rows) == {
        AttendanceStatus.PRESENT: 3,
        AttendanceStatus.APOLOGIES: 1,
        AttendanceStatus.ABSENT: 2,
    }


def test_the_demo_registers_need_nobody_added(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        results = load_demo(session)
    for result in results:
        with sqlite_database.transaction() as session:
            meeting_id = progress.panel_meeting(session, result.audit_id)
            before = len(register.register(session, meeting_id))
            loaded = progress.load(session, meeting_id)
            assert len(register.register(session, meeting_id)) >= before
            assert loaded.cases and loaded.position is not None


# -- entries ---------------------------------------------------------------------------------------
def count(database: Database, model: type) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_each_kind_of_line_lands_in_its_own_table(database: Database, built: Built) -> None:
    case_id = built.case_ids[0]
    meeting_id = meeting_of(database, built.audit_id)
    with database.transaction() as session:
        progress.save_draft(session, meeting_id, "typing")
        made = [
            entries.record(
                session,
                built.audit_id,
                Capture(kind, f"{kind} text", "Police" if kind is CaptureKind.ACTION else ""),
                case_id=case_id,
                step=Step.DISCUSSION,
                now=NOON,
                meeting_id=meeting_id,
            ).entry
            for kind in CaptureKind
        ]
    assert [m.kind for m in made] == list(CaptureKind)
    assert not made[3].smart and made[0].smart
    with database.transaction() as session:
        listed = entries.case_entries(session, built.audit_id, case_id)
        finding = session.get(Finding, made[1].id)
        assert finding is not None and finding.kind is FindingKind.GOOD_PRACTICE
        assert finding.step is Step.DISCUSSION and finding.recorded_at == NOON
        action = session.get(Action, made[3].id)
        assert action is not None and action.step is Step.DISCUSSION and action.owner == "Police"
    assert state(database, meeting_id).draft == ""
    # The builder's point on Child A was recorded earlier in the morning.
    assert [e.text for e in listed][-4:] == [m.text for m in made]
    at_gp = entries.at_step(listed, Step.GOOD_PRACTICE)
    assert [e.kind for e in at_gp] == [CaptureKind.GOOD_PRACTICE]
    assert entries.not_smart(listed) == [made[3]]


def test_a_due_date_before_the_panel_is_left_off_with_the_reason(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        recorded = entries.record(
            session,
            built.audit_id,
            Capture(CaptureKind.ACTION, "Train staff", "Police", date(2017, 1, 1)),
            case_id=built.case_ids[0],
            step=Step.ACTIONS,
        )
    assert recorded.entry.due_date is None and not recorded.entry.smart
    assert "before the panel" in recorded.warning


def test_change_reclassifies_moves_deletes_and_restores(database: Database, built: Built) -> None:
    a, b = built.case_ids
    with database.transaction() as session:
        point = entries.record(
            session, built.audit_id, Capture(CaptureKind.POINT, "Chronology out of date"),
            case_id=a, step=Step.DISCUSSION, now=NOON,
        ).entry  # fmt: skip
    points_before = count(database, DiscussionPoint)
    with database.transaction() as session:
        action = entries.change(session, point, entries.edited(point, "kind", "action"))
        assert action is not None
        action = entries.change(session, action, entries.edited(action, "owner", "CYPFS"))
        assert action is not None
        action = entries.change(session, action, entries.edited(action, "due_date", "+4w"))
        assert action is not None and action.smart
        moved = entries.change(session, action, replace(action, case_id=b))
        assert moved is not None and moved.id == action.id
    assert count(database, DiscussionPoint) == points_before - 1
    with database.transaction() as session:
        stored = session.get(Action, moved.id)
        assert stored is not None and stored.case_id == b and stored.created_at == NOON
        back = entries.change(session, moved, point)  # undo all the way
        assert back is not None and back.kind is CaptureKind.POINT and back.recorded_at == NOON
        assert entries.change(session, back, None) is None
    assert count(database, DiscussionPoint) == points_before - 1
    with pytest.raises(NotFoundError), database.transaction() as session:
        entries.change(session, back, None)


def test_only_actions_have_owners_and_empty_text_is_refused(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        point = entries.record(
            session, built.audit_id, Capture(CaptureKind.POINT, "Point"),
            case_id=built.case_ids[0], step=Step.DISCUSSION,
        ).entry  # fmt: skip
    with pytest.raises(DomainError, match="Only an action"):
        entries.edited(point, "owner", "Police")
    with pytest.raises(DomainError, match="cannot be empty"):
        entries.edited(point, "text", "  ")
    with pytest.raises(DomainError, match="not a date"):
        entries.edited(replace(point, kind=CaptureKind.ACTION), "due_date", "31/02/2018")


# -- what the screens read -----------------------------------------------------------------------
def test_nothing_the_panel_shows_carries_a_private_reference(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        a = built.case_ids[0]
        shown = [
            views.case_facts(session, a),
            views.agency_summary(session, a, built.agency_ids[0]),
            views.family_views(session, a),
            views.projected(session, built.audit_id, a),
            views.grading(session, a),
        ]
    assert "LCS-A123" not in repr(shown)
    assert shown[0].involvement[0] == ("Children's Social Care", "Audited")  # type: ignore[union-attr]
    assert shown[1].grades[0].level == "Good"  # type: ignore[union-attr]


def test_owner_candidates_are_the_audits_agencies_and_roles(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        owners = views.owner_candidates(session, built.audit_id)
    assert owners[:2] == ["Children's Social Care", "Police"]
    assert {"All agencies", "Business Manager", "Youth Offending Service"} <= set(owners)


# -- a move shown before it is saved ------------------------------------------------------------
def test_a_move_made_in_memory_is_what_the_database_holds_once_it_is_saved(
    database: Database, built: Built
) -> None:
    """``state.moved`` (what the screen shows at once) and ``progress.go_to`` (what is saved
    straight after) must never drift apart: walk a few moves both ways and compare."""
    from panel_app.panel.state import moved

    with database.transaction() as session:
        meeting_id = progress.panel_meeting(session, built.audit_id)
        from panel_app.services import meetings

        meetings.add_agenda_item(session, meeting_id, built.case_ids[1], 20)
        cases.withdraw_escalation(session, built.case_ids[1])
    shown = state(database, meeting_id)
    w = shown.walk
    a, b = built.case_ids
    agency = w.case(a).agency_ids[0]
    moves = [
        (w.start_of(a), NOON, None),
        (Position(a, StepRef(Step.AGENCY_SUMMARIES, agency)), NOON + timedelta(minutes=3), None),
        (w.end_of(a), NOON + timedelta(minutes=20), None),
        (w.start_of(b), NOON + timedelta(minutes=31), a),
        (w.start_of(a), NOON + timedelta(minutes=40), None),
        (w.start_of(b), NOON + timedelta(minutes=44, seconds=30), None),
    ]
    for position, when, finish in moves:
        shown = moved(shown, position, when, () if finish is None else (finish,))
        with database.transaction() as session:
            progress.go_to(session, meeting_id, position, when, finish=finish)
        saved = state(database, meeting_id)
        assert saved.cases == shown.cases
        assert (saved.position, saved.entered_at, saved.register_done) == (
            shown.position,
            shown.entered_at,
            shown.register_done,
        )
    first = next(c for c in shown.cases if c.case_id == a)
    assert first.state is CaseState.DONE and first.spent_seconds == 31 * 60 + 4 * 60 + 30


# -- what the chair reads ------------------------------------------------------------------------
def test_the_owners_offered_put_the_best_match_first() -> None:
    from panel_app.panel.capture import rank_owners

    owners = ["Plymouth Domestic Abuse Service", "Devon & Cornwall Police", "Business Manager",
              "All agencies", "NSPCC"]  # fmt: skip
    assert rank_owners("bus", owners)[:2] == ["Business Manager", "Plymouth Domestic Abuse Service"]
    assert rank_owners("pol", owners)[0] == "Devon & Cornwall Police"  # a word starts with it
    assert rank_owners("  ALL  ag ", owners)[0] == "All agencies"
    assert rank_owners("", owners) == owners
    assert sorted(rank_owners("zzz", owners)) == sorted(owners)  # none lost, none matching


def test_the_conclusion_lists_every_action_of_the_case_to_be_made_smart(
    database: Database, built: Built
) -> None:
    a = built.case_ids[0]
    with database.transaction() as session:
        for line, step in (
            (Capture(CaptureKind.ACTION, "Share the plan"), Step.DISCUSSION),
            (Capture(CaptureKind.ACTION, "Audit the files", "Police"), Step.ACTIONS),
            (Capture(CaptureKind.POINT, "Agreed to close"), Step.CONCLUSION),
            (Capture(CaptureKind.POINT, "Not at the conclusion"), Step.DISCUSSION),
        ):
            entries.record(session, built.audit_id, line, case_id=a, step=step)
        found = entries.case_entries(session, built.audit_id, a)
    shown = [e.text for e in entries.at_step(found, Step.CONCLUSION)]
    assert {"Share the plan", "Audit the files", "Agreed to close"} <= set(shown)
    assert "Not at the conclusion" not in shown
    assert [e.text for e in entries.not_smart(found) if e.text in shown] == [
        "Share the plan",
        "Audit the files",
    ]


def test_an_agencys_grades_come_in_the_audit_tools_order(database: Database, built: Built) -> None:
    with database.transaction() as session:
        summary = views.agency_summary(session, built.case_ids[0], built.agency_ids[0])
        tool = [name for _id, name in views.grading(session, built.case_ids[0]).domains]
    graded = [grade.domain for grade in summary.grades]
    assert graded == [name for name in tool if name in graded] and graded
    assert all(grade.colour.startswith("#") for grade in summary.grades)


def test_a_name_or_role_on_the_register_can_be_put_right(database: Database, built: Built) -> None:
    meeting_id = meeting_of(database, built.audit_id)
    with database.transaction() as session:
        first = register.register(session, meeting_id)[0]
        changed = register.edit(session, first.id, "name", "  Jo   Bloggs ")
        assert changed.name == "Jo Bloggs" and changed.status is first.status
        register.edit(session, first.id, "role", "Deputy lead auditor")
    with pytest.raises(DomainError, match="name cannot be empty"), database.transaction() as s:
        register.edit(s, first.id, "name", "   ")
    with database.transaction() as session:
        again = register.attendee(session, first.id)
    assert (again.name, again.role) == ("Jo Bloggs", "Deputy lead auditor")
