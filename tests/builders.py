"""A small but complete audit built through the services, for tests that need real content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from db.enums import ActionStatus, Consent, FindingKind, ParticipationStatus
from panel_app.services import (
    actions,
    agencies,
    audits,
    cases,
    involvement,
    meetings,
    notes,
    participation,
)


@dataclass
class Built:
    audit_id: int
    agency_ids: list[int]
    case_ids: list[int]
    action_ids: list[int]


def build_audit(session: Session, title: str = "Neglect panel") -> Built:
    audit = audits.create_audit(
        session,
        theme="Neglect",
        title=title,
        panel_date=date(2017, 5, 10),
        scope_start=date(2016, 4, 1),
        scope_end=date(2017, 3, 31),
        rationale="Neglect is the most common reason for a child protection plan.",
    )
    names = ["Children's Social Care", "Police", "Health", "Education"]
    agency_ids = []
    for name in names:
        agency = agencies.ensure_agency(session, name)
        participation.add_participation(session, audit.id, agency.id, lead_auditor_name="A Lead")
        agency_ids.append(agency.id)
    absent = agencies.ensure_agency(session, "Youth Offending Service")
    participation.add_participation(
        session,
        audit.id,
        absent.id,
        status=ParticipationStatus.UNABLE,
        reason="No involvement with the families audited.",
    )
    case_ids = []
    for letter, consent in (("A", Consent.OBTAINED), ("B", Consent.DECLINED)):
        case = cases.add_case(
            session,
            audit.id,
            pseudonym=f"Child {letter}",
            consent=consent,
            private_reference=f"LCS-{letter}123",
        )
        case_ids.append(case.id)
        for agency_id in agency_ids[:3]:
            item = involvement.set_involvement(
                session,
                case.id,
                agency_id,
                summary="Known since birth.",
                strengths="Clear chronology.",
                areas_for_development="Late referral.",
            )
            level = involvement.level_named(session, audit.id, "Good")
            involvement.set_involvement_grade(session, item.id, audit.domains[0].id, level.id)
    cases.add_family_view(session, case_ids[0], speaker="Mother", text="They listened to me.")
    cases.escalate_case(
        session, case_ids[1], note="Drift in the plan.", raised_on=date(2017, 5, 10)
    )
    meeting = meetings.create_meeting(session, audit.id)
    meetings.add_attendee(session, meeting.id, name="J Smith", role="Chair")
    meetings.add_agenda_item(session, meeting.id, case_ids[0])
    notes.add_point(
        session,
        audit.id,
        case_id=case_ids[0],
        agency_id=agency_ids[0],
        text="Referral was timely.",
        recorded_at=datetime(2017, 5, 10, 10, 5),
    )
    notes.add_finding(
        session,
        audit.id,
        kind=FindingKind.GOOD_PRACTICE,
        text="Strong multi-agency working.",
        domain_ids=[audit.domains[0].id],
    )
    action_ids = [
        actions.add_action(
            session,
            audit.id,
            text="Refresh neglect training.",
            owner="All agencies",
            due_date=date(2017, 9, 30),
        ).id,
        actions.add_action(
            session,
            audit.id,
            case_id=case_ids[1],
            text="Review the plan for Child B.",
            owner="Children's Social Care",
            due_date=date(2017, 6, 1),
            status=ActionStatus.DONE,
            evidence="Plan reviewed at conference.",
        ).id,
    ]
    actions.add_update(session, action_ids[1], date=date(2017, 5, 30), text="Conference booked.")
    return Built(audit.id, agency_ids, case_ids, action_ids)
