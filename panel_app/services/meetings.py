"""Panel meetings: when and where, who came, and the agenda."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import AttendanceStatus
from db.models import AgendaItem, Attendance, Audit, Case, PanelMeeting, PanelProgress
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import attach, get, next_position, reorder
from panel_app.services.participation import require_agency_in_audit

MEETING_FIELDS: f.Spec = {
    "date": f.optional_date("The meeting date", "date"),
    "start_time": f.optional_time("The start time", "start_time"),
    "end_time": f.optional_time("The end time", "end_time"),
    "location": f.short("The location", "location"),
    "chair": f.short("The chair", "chair"),
    "minute_taker": f.short("The minute-taker", "minute_taker"),
    "default_minutes": f.whole_number("The usual minutes per case", "default_minutes", 1, 240),
}
ATTENDANCE_FIELDS: f.Spec = {
    "name": f.short("The attendee's name", "name", required=True),
    "role": f.short("The attendee's role", "role"),
    "status": f.choice(AttendanceStatus, "Attendance", "status"),
}
MINUTES = f.whole_number("The minutes allotted", "minutes_allotted", 1, 240)


def _check_times(meeting: PanelMeeting) -> None:
    if meeting.start_time and meeting.end_time and meeting.end_time <= meeting.start_time:
        raise DomainError("The meeting ends before it starts.", "end_time")


def create_meeting(session: Session, audit_id: int, **values: Any) -> PanelMeeting:
    audit = get(session, Audit, audit_id, "audit")
    values.setdefault("date", audit.panel_date)
    meeting = PanelMeeting(audit_id=audit_id)
    f.apply(meeting, MEETING_FIELDS, values)
    _check_times(meeting)
    attach(session, audit, "meetings", meeting)
    session.flush()
    return meeting


def update_meeting(session: Session, meeting_id: int, **changes: Any) -> PanelMeeting:
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    f.apply(meeting, MEETING_FIELDS, changes)
    _check_times(meeting)
    session.flush()
    return meeting


def delete_meeting(session: Session, meeting_id: int) -> None:
    session.delete(get(session, PanelMeeting, meeting_id, "meeting"))
    session.flush()


def _set_attendee_agency(
    session: Session, attendee: Attendance, audit_id: int, agency_id: int | None
) -> None:
    if agency_id is not None:
        require_agency_in_audit(session, audit_id, agency_id)
    attendee.agency_id = agency_id


def add_attendee(
    session: Session, meeting_id: int, *, agency_id: int | None = None, **values: Any
) -> Attendance:
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    position = next_position(session, Attendance.position, Attendance.meeting_id, meeting_id)
    attendee = Attendance(meeting_id=meeting_id, position=position)
    values.setdefault("name", "")
    values.setdefault("status", AttendanceStatus.PRESENT)
    f.apply(attendee, ATTENDANCE_FIELDS, values)
    _set_attendee_agency(session, attendee, meeting.audit_id, agency_id)
    attach(session, meeting, "attendance", attendee)
    session.flush()
    return attendee


def update_attendee(session: Session, attendee_id: int, **changes: Any) -> Attendance:
    attendee = get(session, Attendance, attendee_id, "attendee")
    if "agency_id" in changes:
        audit_id = attendee.meeting.audit_id
        _set_attendee_agency(session, attendee, audit_id, changes.pop("agency_id"))
    f.apply(attendee, ATTENDANCE_FIELDS, changes)
    session.flush()
    return attendee


def remove_attendee(session: Session, attendee_id: int) -> None:
    session.delete(get(session, Attendance, attendee_id, "attendee"))
    session.flush()


def add_agenda_item(
    session: Session, meeting_id: int, case_id: int, minutes_allotted: int | str | None = None
) -> AgendaItem:
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    case = get(session, Case, case_id, "case")
    if case.audit_id != meeting.audit_id:
        raise DomainError(f"{case.pseudonym} is not a case of this audit.", "case")
    if any(item.case_id == case_id for item in meeting.agenda):
        raise DomainError(f"{case.pseudonym} is already on the agenda.", "case")
    minutes = meeting.default_minutes if minutes_allotted is None else MINUTES(minutes_allotted)
    item = AgendaItem(case_id=case_id, minutes_allotted=minutes)
    item.position = next_position(session, AgendaItem.position, AgendaItem.meeting_id, meeting_id)
    meeting.agenda.append(item)
    session.flush()
    return item


def set_minutes_allotted(session: Session, item_id: int, minutes: int | str) -> AgendaItem:
    item = get(session, AgendaItem, item_id, "agenda item")
    item.minutes_allotted = MINUTES(minutes)
    session.flush()
    return item


def remove_agenda_item(session: Session, item_id: int) -> None:
    session.delete(get(session, AgendaItem, item_id, "agenda item"))
    session.flush()


def reorder_agenda(session: Session, meeting_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, PanelMeeting, meeting_id, "meeting").agenda, ordered_ids, "agenda items")
    session.flush()


@dataclass(frozen=True)
class AgendaRow:
    """One case on the agenda, as the agenda screen lists it."""

    item_id: int
    case_id: int
    pseudonym: str
    minutes: int
    escalated: bool


def find_agenda_meeting(session: Session, audit_id: int) -> PanelMeeting | None:
    """The meeting whose agenda is being planned: the same one panel mode runs (the one under
    way, else the latest with an agenda, else the latest), or None when there is none."""
    audit = get(session, Audit, audit_id, "audit")
    if not audit.meetings:
        return None
    ids = [m.id for m in audit.meetings]
    under_way = session.scalars(
        select(PanelProgress.meeting_id)
        .where(PanelProgress.meeting_id.in_(ids))
        .order_by(PanelProgress.updated_at.desc())
    ).first()
    if under_way is not None:
        return get(session, PanelMeeting, under_way, "meeting")
    with_agenda = [m for m in audit.meetings if m.agenda] or list(audit.meetings)
    return max(with_agenda, key=lambda m: (m.date is not None, m.date or date.min, m.id))


def agenda_meeting(session: Session, audit_id: int) -> PanelMeeting:
    """The meeting whose agenda is being planned; one is made if the audit has none yet."""
    return find_agenda_meeting(session, audit_id) or create_meeting(session, audit_id)


def agenda_rows(session: Session, meeting_id: int) -> list[AgendaRow]:
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    return [
        AgendaRow(
            item.id,
            item.case_id,
            item.case.pseudonym,
            item.minutes_allotted,
            item.case.escalation is not None,
        )
        for item in meeting.agenda
    ]


def cases_off_agenda(session: Session, meeting_id: int) -> list[tuple[int, str]]:
    """The audit's cases not yet on the meeting's agenda, as (id, pseudonym), in case order."""
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    on_agenda = {item.case_id for item in meeting.agenda}
    return [(c.id, c.pseudonym) for c in meeting.audit.cases if c.id not in on_agenda]


def set_agenda(session: Session, meeting_id: int, entries: Sequence[tuple[int, int]]) -> None:
    """Make the agenda exactly ``entries``: (case id, minutes allotted), in order. Cases left
    out come off it, new ones go on; used to undo and redo any change to the agenda."""
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    case_ids = [case_id for case_id, _minutes in entries]
    if len(set(case_ids)) != len(case_ids):
        raise DomainError("A case can be on the agenda only once.", "case")
    kept = {item.case_id: item for item in meeting.agenda}
    for item in list(meeting.agenda):
        if item.case_id not in case_ids:
            meeting.agenda.remove(item)
    session.flush()
    for position, (case_id, minutes) in enumerate(entries):
        item = kept.get(case_id) or add_agenda_item(session, meeting_id, case_id, minutes)
        item.minutes_allotted = MINUTES(minutes)
        item.position = position
    meeting.agenda.sort(key=lambda item: item.position)
    session.flush()


def agenda_times(start: time, minutes: Sequence[int]) -> tuple[list[time], time]:
    """When each case is expected to start, and when the last one ends, taking the cases one
    after another from ``start`` with no breaks."""
    clock = datetime.combine(date(2000, 1, 1), start)
    starts = []
    for allotted in minutes:
        starts.append(clock.time())
        clock += timedelta(minutes=allotted)
    return starts, clock.time()


def minutes_over(start: time, minutes: Sequence[int], end: time) -> int:
    """How many minutes the agenda runs past the meeting's end (0 if it fits)."""
    finish = datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=sum(minutes))
    over = finish - datetime.combine(date(2000, 1, 1), end)
    return max(0, int(over.total_seconds() // 60))
