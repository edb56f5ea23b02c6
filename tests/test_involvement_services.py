"""The involvement grid's services, a deleted case put back whole, and who may have involvement."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus
from db.models import ActionUpdate, Involvement, InvolvementGrade, PanelProgress
from panel_app.archive.export import export_audit
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import (
    actions,
    agencies,
    cases,
    involvement,
    involvement_grid,
    meetings,
    participation,
)
from tests.builders import Built, build_audit

AUDITED, OUT, UNKNOWN, NOT_OPEN = tuple(InvolvementStatus)


def content(session: Session, audit_id: int) -> dict[str, object]:
    """The audit as its archive holds it, less the change history (which records the delete
    and its undo, as it should)."""
    exported = export_audit(session, audit_id)
    exported.pop("history", None)
    return exported


@pytest.fixture
def built(database: Database) -> Built:
    with database.transaction() as session:
        return build_audit(session)


def police_participation(database: Database, built: Built) -> int:
    with database.transaction() as session:
        found = participation.participation_of(session, built.audit_id, built.agency_ids[1])
        assert found is not None
        return found.id


def yos(database: Database) -> int:
    with database.transaction() as session:
        found = agencies.agency_named(session, "Youth Offending Service")
        assert found is not None
        return found.id


def grid(database: Database, built: Built) -> involvement_grid.Grid:
    with database.transaction() as session:
        return involvement_grid.involvement_grid(session, built.audit_id)


# -- the grid ----------------------------------------------------------------------------------
def test_the_grid_is_every_agency_by_every_case_with_totals(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        involvement.set_involvement(session, built.case_ids[1], built.agency_ids[3], status=UNKNOWN)
    found = grid(database, built)
    assert [c.pseudonym for c in found.cases] == ["Child A", "Child B"]
    assert [(c.escalated) for c in found.cases] == [False, True]
    rows = {a.name: a for a in found.agencies}
    assert list(rows) == [
        "Children's Social Care", "Police", "Health", "Education", "Youth Offending Service",
    ]  # fmt: skip
    assert [c.status for c in rows["Police"].cells] == [AUDITED, AUDITED]
    assert rows["Police"].cells[0].has_summary and rows["Police"].cells[0].grades == 1
    assert rows["Police"].total == "2 of 2"
    assert rows["Education"].total == "0 (1 not known)"
    assert rows["Youth Offending Service"].total == "-"
    assert not rows["Youth Offending Service"].taking_part
    assert rows["Youth Offending Service"].reason == "No involvement with the families audited."
    assert found.case_counts(1) == (3, 0, 1, 0)
    assert found.taking_part() == 4


def test_totals_use_the_participation_tables_words() -> None:
    text = involvement_grid.total_text
    assert text((3, 1, 1, 0), 5) == "3 of 5 (1 out of scope, 1 not known)"
    assert text((0, 0, 5, 0), 5) == "0 (not known)"
    assert text((0, 2, 3, 0), 5) == "0 (2 out of scope, 3 not known)"
    assert text((1, 0, 0, 0), 5) == "1 of 5"
    assert text((0, 0, 0, 0), 5) == "-"


def test_cells_are_set_and_cleared_in_one_go_and_clearing_comes_back_whole(
    database: Database, built: Built
) -> None:
    first, second = built.case_ids
    csc, police, _health, education = built.agency_ids[:4]
    with database.transaction() as session:
        wanted = {(first, police): OUT, (second, education): NOT_OPEN, (second, csc): None}
        lost = involvement_grid.content_lost(session, built.audit_id, [(second, csc)])
        assert lost == ["Children's Social Care's summary and grade for Child B"]
        kept = involvement_grid.set_cells(session, built.audit_id, wanted, {})
    assert list(kept) == [(second, csc)]
    rows = {a.name: a for a in grid(database, built).agencies}
    assert [c.status for c in rows["Police"].cells] == [OUT, AUDITED]
    assert rows["Police"].cells[0].has_summary  # a status change keeps what was written
    assert [c.status for c in rows["Children's Social Care"].cells] == [AUDITED, None]
    old_id = kept[second, csc].rows["involvement"][0]["id"]
    with database.transaction() as session:
        involvement_grid.set_cells(session, built.audit_id, {(second, csc): AUDITED}, kept)
    with database.transaction() as session:
        back = involvement.involvement_of(session, second, csc)
        assert back is not None and back.id == old_id
        assert (back.summary, back.strengths) == ("Known since birth.", "Clear chronology.")
        assert [g.level.label for g in back.grades] == ["Good"]


def test_a_paste_that_fails_changes_nothing(database: Database, built: Built) -> None:
    first, second = built.case_ids
    before = grid(database, built)
    wanted = {(first, built.agency_ids[3]): AUDITED, (second, yos(database)): AUDITED}
    refused = pytest.raises(DomainError, match="unable to participate")
    with refused, database.transaction() as session:
        involvement_grid.set_cells(session, built.audit_id, wanted, {})
    assert grid(database, built) == before


# -- who may have involvement ------------------------------------------------------------------
def test_an_agency_not_taking_part_has_no_involvement(database: Database, built: Built) -> None:
    absent = yos(database)
    with pytest.raises(DomainError) as refused, database.transaction() as session:
        involvement.set_involvement(session, built.case_ids[0], absent, status=OUT)
    assert refused.value.message == (
        "Youth Offending Service is unable to participate in this audit, so nothing can be "
        "recorded for it. Change its status on the Agencies screen if it is taking part after "
        "all."
    )


def test_an_agency_with_involvement_cannot_stop_taking_part(
    database: Database, built: Built
) -> None:
    ident = police_participation(database, built)
    with pytest.raises(DomainError) as refused, database.transaction() as session:
        participation.update_participation(
            session, ident, status=ParticipationStatus.UNABLE, reason="Staff shortages."
        )
    assert refused.value.field == "status"
    assert refused.value.message == (
        "Police has involvement recorded in Child A and Child B, so it cannot be 'Unable to "
        "participate'. Clear its row on the Involvement grid first."
    )
    with database.transaction() as session:  # the reason alone can still change
        participation.update_participation(session, ident, reason="Named nurse on leave.")
        assert participation.get_participation(session, ident).status is (
            ParticipationStatus.PARTICIPATING
        )


def test_involvement_recorded_before_an_agency_stopped_cannot_be_edited(
    database: Database, built: Built
) -> None:
    """A database from before the rule (or changed behind the app's back) is still safe."""
    ident = police_participation(database, built)
    with database.transaction() as session:
        participation.get_participation(
            session, ident
        ).status = ParticipationStatus.INVITED_NOT_INVOLVED
        item = involvement.involvement_of(session, built.case_ids[0], built.agency_ids[1])
        assert item is not None
        item_id, domain_id = item.id, item.grades[0].domain_id
    refused = pytest.raises(DomainError, match="Police was invited but is not involved")
    with refused, database.transaction() as session:
        involvement.update_involvement(session, item_id, summary="Changed.")
    with pytest.raises(DomainError, match="Police was invited"), database.transaction() as s:
        involvement.set_involvement_grade(s, item_id, domain_id, None)
    with database.transaction() as session:  # clearing it is always allowed
        pair = (built.case_ids[0], built.agency_ids[1])
        involvement_grid.set_cells(session, built.audit_id, {pair: None}, {})
        assert involvement.involvement_of(session, *pair) is None


# -- a deleted case comes back whole -----------------------------------------------------------
def test_a_deleted_case_comes_back_with_everything_recorded_in_it(
    database: Database, built: Built
) -> None:
    first = built.case_ids[0]
    with database.transaction() as session:
        meeting_id = meetings.agenda_meeting(session, built.audit_id).id
        session.add(PanelProgress(meeting_id=meeting_id, case_id=first))
        action = actions.add_action(session, built.audit_id, case_id=first, text="Refer to UAVA.")
        actions.add_update(session, action.id, text="Referral made.")
        involvement.set_case_grade(
            session, first, cases.get_case(session, first).audit.domains[1].id,
            involvement.level_named(session, built.audit_id, "Inadequate").id,
        )  # fmt: skip
        before = content(session, built.audit_id)
        counts = [session.scalar(select(func.count()).select_from(m))
                  for m in (Involvement, InvolvementGrade, ActionUpdate)]  # fmt: skip
        taken = cases.take_case(session, first)
        cases.delete_case(session, first)
    with database.transaction() as session:
        assert content(session, built.audit_id) != before
        cases.restore_case(session, built.audit_id, taken, 0)
    with database.transaction() as session:
        assert content(session, built.audit_id) == before
        history = export_audit(session, built.audit_id)["history"]
        kinds = [(h["operation"], h["kind"]) for h in history]
        assert kinds.count(("deleted", "case")) == kinds.count(("added", "case")) - 2
        assert ("added", "involvement") in kinds[-10:]  # its coming back is in the history too
        assert counts == [session.scalar(select(func.count()).select_from(m))
                          for m in (Involvement, InvolvementGrade, ActionUpdate)]  # fmt: skip
        progress = session.scalar(
            select(PanelProgress).where(PanelProgress.meeting_id == meeting_id)
        )
        assert progress is not None and progress.case_id == first  # the SET NULL link too
        with pytest.raises(DomainError, match="already in the audit"):
            cases.restore_case(session, built.audit_id, taken, 0)


def test_a_case_comes_back_without_what_was_deleted_since(database: Database, built: Built) -> None:
    first = built.case_ids[0]
    with database.transaction() as session:
        taken = cases.take_case(session, first)
        cases.delete_case(session, first)
        domain = cases.get_case(session, built.case_ids[1]).audit.domains[0]
        session.delete(domain)  # the domain its grades were in
        session.flush()
        health = built.agency_ids[2]
        involvement_grid.set_cells(session, built.audit_id, {(built.case_ids[1], health): None}, {})
        found = participation.participation_of(session, built.audit_id, health)
        assert found is not None
        participation.update_participation(session, found.id, status=ParticipationStatus.UNABLE)
    with pytest.raises(DomainError), database.transaction() as session:
        participation.update_participation(session, found.id, status="bogus")
    with database.transaction() as session:
        cases.restore_case(session, built.audit_id, taken, 0)
    with database.transaction() as session:
        back = cases.get_case(session, first)
        assert sorted(i.agency.name for i in back.involvements) == [
            "Children's Social Care",
            "Police",
        ]  # fmt: skip: Health stopped taking part meanwhile
        assert all(i.grades == [] for i in back.involvements)
        assert [v.text for v in back.family_views] == ["They listened to me."]
