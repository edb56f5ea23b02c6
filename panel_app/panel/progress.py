"""Where the panel has got to, kept in the database after every move so that a window closed
(or a laptop that died) reopens on the same case and step."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus, Step
from db.models import (
    AgendaItem,
    Audit,
    Case,
    CaseProgress,
    Escalation,
    HeardSummary,
    Involvement,
    PanelMeeting,
    PanelProgress,
    Participation,
)
from panel_app.errors import DomainError
from panel_app.panel.flow import AgendaCase, Position, Walk
from panel_app.panel.register import prepare_register
from panel_app.panel.state import PanelState
from panel_app.services import meetings
from panel_app.services.common import get


def _latest(found: list[PanelMeeting]) -> PanelMeeting | None:
    dated = sorted(found, key=lambda m: (m.date is not None, m.date or date.min, m.id))
    return dated[-1] if dated else None


def panel_meeting(session: Session, audit_id: int) -> int:
    """The meeting the panel runs in: the one already under way, else the latest with an
    agenda, else the latest; one is made when the audit has none. An empty agenda is filled
    with the audit's cases, since the walk-through needs something to walk."""
    audit = get(session, Audit, audit_id, "audit")
    if not audit.cases:
        raise DomainError("This audit has no cases yet. Add its cases before starting the panel.")
    ids = [m.id for m in audit.meetings]
    under_way = session.scalars(
        select(PanelProgress)
        .where(PanelProgress.meeting_id.in_(ids))
        .order_by(PanelProgress.updated_at.desc())
    ).first()
    if under_way is not None:
        return under_way.meeting_id
    meeting = _latest([m for m in audit.meetings if m.agenda]) or _latest(list(audit.meetings))
    if meeting is None:
        meeting = meetings.create_meeting(session, audit_id)
    if not meeting.agenda:
        for case in audit.cases:
            meetings.add_agenda_item(session, meeting.id, case.id)
    return meeting.id


def _progress(session: Session, meeting_id: int) -> PanelProgress:
    found = session.scalar(select(PanelProgress).where(PanelProgress.meeting_id == meeting_id))
    if found is not None:
        return found
    get(session, PanelMeeting, meeting_id, "meeting")
    progress = PanelProgress(meeting_id=meeting_id, register_done=False, draft="")
    session.add(progress)
    # The first time panel mode opens, everyone expected is put on the register.
    prepare_register(session, meeting_id)
    session.flush()
    return progress


def _case_progress(session: Session, meeting_id: int, case_id: int) -> CaseProgress:
    found = session.scalar(
        select(CaseProgress).where(
            CaseProgress.meeting_id == meeting_id, CaseProgress.case_id == case_id
        )
    )
    if found is None:
        found = CaseProgress(meeting_id=meeting_id, case_id=case_id, spent_seconds=0)
        session.add(found)
    return found


def _agency_order(session: Session, audit_id: int) -> dict[int, int]:
    rows = session.execute(
        select(Participation.agency_id)
        .where(Participation.audit_id == audit_id)
        .where(Participation.status != ParticipationStatus.INVITED_NOT_INVOLVED)
        .order_by(Participation.id)
    )
    return {agency_id: order for order, (agency_id,) in enumerate(rows)}


def _audited(session: Session, case_ids: list[int], order: dict[int, int]) -> dict[int, list[int]]:
    audited: dict[int, list[int]] = {case_id: [] for case_id in case_ids}
    rows = session.execute(
        select(Involvement.case_id, Involvement.agency_id)
        .where(Involvement.case_id.in_(case_ids))
        .where(Involvement.status == InvolvementStatus.AUDITED)
    )
    for case_id, agency_id in rows:
        audited[case_id].append(agency_id)
    for agencies in audited.values():
        agencies.sort(key=lambda agency_id: order.get(agency_id, len(order)))
    return audited


def load(session: Session, meeting_id: int) -> PanelState:
    progress = _progress(session, meeting_id)
    meeting = get(session, PanelMeeting, meeting_id, "meeting")
    audit = meeting.audit
    items = list(
        session.execute(
            select(AgendaItem.case_id, AgendaItem.minutes_allotted, Case.pseudonym)
            .join(Case, Case.id == AgendaItem.case_id)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    case_ids = [case_id for case_id, _minutes, _name in items]
    escalated = set(
        session.scalars(select(Escalation.case_id).where(Escalation.case_id.in_(case_ids)))
    )
    times = {
        row.case_id: row
        for row in session.scalars(
            select(CaseProgress).where(CaseProgress.meeting_id == meeting_id)
        )
    }
    audited = _audited(session, case_ids, _agency_order(session, audit.id))
    cases = []
    for case_id, minutes, pseudonym in items:
        spent = times.get(case_id)
        cases.append(
            AgendaCase(
                case_id=case_id,
                pseudonym=pseudonym,
                minutes=minutes,
                agency_ids=tuple(audited[case_id]),
                escalated=case_id in escalated,
                started_at=spent.started_at if spent else None,
                finished_at=spent.finished_at if spent else None,
                spent_seconds=spent.spent_seconds if spent else 0,
            )
        )
    heard = frozenset(
        (case_id, agency_id)
        for case_id, agency_id in session.execute(
            select(HeardSummary.case_id, HeardSummary.agency_id).where(
                HeardSummary.meeting_id == meeting_id
            )
        )
    )
    position = None
    if cases:
        position = Walk(cases).resolve(progress.case_id, progress.step, progress.agency_id)
    return PanelState(
        audit_id=audit.id,
        meeting_id=meeting_id,
        title=audit.title,
        theme=audit.theme,
        graded=audit.graded,
        meeting_date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        register_done=progress.register_done,
        cases=tuple(cases),
        position=position,
        entered_at=progress.entered_at,
        heard=heard,
        draft=progress.draft,
    )


def go_to(
    session: Session,
    meeting_id: int,
    position: Position,
    now: datetime | None = None,
    *,
    finish: int | None = None,
) -> None:
    """Move the panel to ``position``; time on the case being left is banked. ``finish``
    names a case the chair has just concluded (by moving on from its last step)."""
    now = now or datetime.now()
    progress = _progress(session, meeting_id)
    if finish is not None:
        _finish(session, meeting_id, finish, now)
    if progress.case_id != position.case_id:
        if progress.case_id is not None and progress.entered_at is not None:
            left = _case_progress(session, meeting_id, progress.case_id)
            left.spent_seconds += max(0, int((now - progress.entered_at).total_seconds()))
        progress.entered_at = now
    elif progress.entered_at is None:
        progress.entered_at = now
    arrived = _case_progress(session, meeting_id, position.case_id)
    if arrived.started_at is None:
        arrived.started_at = now
    progress.case_id = position.case_id
    progress.step = position.step
    progress.agency_id = position.agency_id
    progress.register_done = True
    session.flush()


def _finish(session: Session, meeting_id: int, case_id: int, now: datetime) -> None:
    times = _case_progress(session, meeting_id, case_id)
    times.started_at = times.started_at or now
    times.finished_at = times.finished_at or now
    case = get(session, Case, case_id, "case")
    case.discussed = True


def set_case_done(
    session: Session, meeting_id: int, case_id: int, done: bool, now: datetime | None = None
) -> None:
    """Mark a case done (it was discussed) or open it again."""
    if done:
        _finish(session, meeting_id, case_id, now or datetime.now())
    else:
        _case_progress(session, meeting_id, case_id).finished_at = None
    session.flush()


def set_heard(session: Session, meeting_id: int, case_id: int, agency_id: int, heard: bool) -> None:
    found = session.scalar(
        select(HeardSummary).where(
            HeardSummary.meeting_id == meeting_id,
            HeardSummary.case_id == case_id,
            HeardSummary.agency_id == agency_id,
        )
    )
    if heard and found is None:
        session.add(HeardSummary(meeting_id=meeting_id, case_id=case_id, agency_id=agency_id))
    elif not heard and found is not None:
        session.delete(found)
    session.flush()


def set_register_done(session: Session, meeting_id: int, done: bool) -> None:
    _progress(session, meeting_id).register_done = done
    session.flush()


def save_draft(session: Session, meeting_id: int, text: str) -> None:
    """Keep what is typed in the capture line, so a crash mid-sentence loses nothing."""
    _progress(session, meeting_id).draft = text.replace("\x00", "")
    session.flush()


def step_of(session: Session, meeting_id: int) -> tuple[int | None, Step | None, int | None]:
    progress = _progress(session, meeting_id)
    return progress.case_id, progress.step, progress.agency_id
