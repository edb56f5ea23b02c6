"""The attendance register taken at the start of the panel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import AttendanceStatus, ParticipationStatus
from db.models import Attendance, PanelMeeting, Participation
from panel_app.services import meetings
from panel_app.services.common import get

LEAD_AUDITOR = "Lead auditor"


@dataclass(frozen=True)
class RegisterRow:
    id: int
    name: str
    agency_id: int | None
    agency: str
    role: str
    status: AttendanceStatus
    position: int = 0


@dataclass(frozen=True)
class Expected:
    """Someone the register should list: a participating agency's lead auditor."""

    agency_id: int
    name: str
    role: str


def _row(attendee: Attendance) -> RegisterRow:
    agency = attendee.agency.name if attendee.agency is not None else ""
    return RegisterRow(
        attendee.id,
        attendee.name,
        attendee.agency_id,
        agency,
        attendee.role,
        attendee.status,
        attendee.position,
    )


def expected_people(session: Session, meeting_id: int) -> list[Expected]:
    """Each participating agency's lead auditor (by name, else by role)."""
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    found = session.scalars(
        select(Participation)
        .where(Participation.audit_id == meeting.audit_id)
        .where(Participation.status == ParticipationStatus.PARTICIPATING)
        .order_by(Participation.id)
    )
    people = []
    for participation in found:
        name = participation.lead_auditor_name.strip() or participation.lead_auditor_role.strip()
        role = LEAD_AUDITOR
        if participation.lead_auditor_name.strip() and participation.lead_auditor_role.strip():
            role = f"{LEAD_AUDITOR}, {participation.lead_auditor_role.strip()}"
        people.append(Expected(participation.agency_id, name or LEAD_AUDITOR, role))
    return people


def prepare_register(session: Session, meeting_id: int) -> int:
    """Put on the register each expected person whose agency nobody represents yet, marked
    absent until they are seen; returns how many were added."""
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    represented = {attendee.agency_id for attendee in meeting.attendance}
    added = 0
    for person in expected_people(session, meeting_id):
        if person.agency_id in represented:
            continue
        meetings.add_attendee(
            session,
            meeting_id,
            agency_id=person.agency_id,
            name=person.name,
            role=person.role,
            status=AttendanceStatus.ABSENT,
        )
        represented.add(person.agency_id)
        added += 1
    return added


def register(session: Session, meeting_id: int) -> list[RegisterRow]:
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    return [_row(attendee) for attendee in meeting.attendance]


def attendee(session: Session, attendee_id: int) -> RegisterRow:
    return _row(get(session, Attendance, attendee_id, "attendee"))


def mark(session: Session, attendee_id: int, status: AttendanceStatus) -> RegisterRow:
    return _row(meetings.update_attendee(session, attendee_id, status=status))


def edit(session: Session, attendee_id: int, field: str, value: str) -> RegisterRow:
    """Put right a name or a role (the deputy who came, the lead auditor's name)."""
    if field not in ("name", "role"):
        raise ValueError(f"not a field of the register: {field}")
    return _row(meetings.update_attendee(session, attendee_id, **{field: value}))


def add_person(
    session: Session,
    meeting_id: int,
    name: str,
    *,
    agency_id: int | None = None,
    role: str = "",
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> RegisterRow:
    """Someone who came but was not expected (a deputy, an observer)."""
    added = meetings.add_attendee(
        session, meeting_id, agency_id=agency_id, name=name, role=role, status=status
    )
    return _row(added)


def restore_person(session: Session, meeting_id: int, row: RegisterRow) -> RegisterRow:
    """Put back someone removed from the register (undo), where they were in the list."""
    added = meetings.add_attendee(
        session,
        meeting_id,
        agency_id=row.agency_id,
        name=row.name,
        role=row.role,
        status=row.status,
    )
    added.position = row.position
    session.flush()
    session.expire(added.meeting, ["attendance"])
    return _row(added)


def remove_person(session: Session, attendee_id: int) -> None:
    meetings.remove_attendee(session, attendee_id)


def meeting_agencies(session: Session, meeting_id: int) -> list[tuple[int, str]]:
    """The agencies a person on the register can be from: the audit's."""
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    found = session.scalars(
        select(Participation)
        .where(Participation.audit_id == meeting.audit_id)
        .order_by(Participation.id)
    )
    return [(p.agency_id, p.agency.name) for p in found]


def counts(rows: Sequence[RegisterRow]) -> dict[AttendanceStatus, int]:
    tally = Counter(row.status for row in rows)
    return {status: tally.get(status, 0) for status in AttendanceStatus}
