"""Approving the minutes, reopening them, and amending them once approved.

Approved minutes are locked by the change history's recorder: any change to what they record
is refused unless the session is making an amendment (``start_amendment``), whose reason the
minutes then list beside what changed under it. Following actions up (status, progress,
evidence) and writing the executive summary stay free.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ChangeKind
from db.models import Amendment, Audit, DiscussionPoint, PanelMeeting
from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.history import recorder
from panel_app.history.lines import amendment_changes
from panel_app.services import fields as f
from panel_app.services.common import get

APPROVER = f.short("The name of whoever approved the minutes", "approved_by", required=True)
APPROVED_ON = f.required_date("The date the minutes were approved", "approved_on")
REASON = f.long("The reason", "reason", required=True)


@dataclass(frozen=True)
class Approval:
    on: date
    by: str


@dataclass(frozen=True)
class AmendmentLine:
    id: int
    made_at: datetime
    made_by: str
    reason: str
    changes: tuple[str, ...]


def approval(session: Session, audit_id: int) -> Approval | None:
    audit = get(session, Audit, audit_id, "audit")
    if audit.minutes_approved_on is None:
        return None
    return Approval(audit.minutes_approved_on, audit.minutes_approved_by)


def _panel_met(session: Session, audit: Audit) -> date | None:
    met = session.scalar(
        select(PanelMeeting.date)
        .where(PanelMeeting.audit_id == audit.id, PanelMeeting.date.is_not(None))
        .order_by(PanelMeeting.date)
        .limit(1)
    )
    return met or audit.panel_date


def approve_minutes(
    session: Session, audit_id: int, *, by: str, on: date | str | None = None
) -> Approval:
    """Record the minutes as approved by ``by`` on ``on`` (today by default): from now on,
    a change to what they record is an amendment."""
    audit = get(session, Audit, audit_id, "audit")
    if audit.minutes_approved_on is not None:
        raise DomainError(
            f"The minutes were already approved on {format_short(audit.minutes_approved_on)}"
            f" by {audit.minutes_approved_by}."
        )
    approver = APPROVER(by)
    day = APPROVED_ON(on if on is not None else date.today())
    met = _panel_met(session, audit)
    if met is not None and day < met:
        raise DomainError(
            f"The minutes cannot be approved on {format_short(day)}, before the panel met "
            f"({format_short(met)}).",
            "approved_on",
        )
    if day > date.today():
        raise DomainError("The minutes cannot be approved on a date still to come.", "approved_on")
    has_minutes = session.scalar(
        select(DiscussionPoint.id).where(DiscussionPoint.audit_id == audit.id).limit(1)
    )
    if has_minutes is None and not audit.cases:
        raise DomainError("There is nothing in these minutes to approve yet.")
    audit.minutes_approved_on, audit.minutes_approved_by = day, approver
    session.flush()
    recorder.note(
        session, audit.id, ChangeKind.APPROVED, "the minutes", f"{approver} on {format_short(day)}"
    )
    return Approval(day, approver)


def reopen_minutes(session: Session, audit_id: int, *, reason: str) -> None:
    """Take the approval back (the minutes become a draft again), saying why."""
    audit = get(session, Audit, audit_id, "audit")
    if audit.minutes_approved_on is None:
        raise DomainError("The minutes are not approved, so there is nothing to reopen.")
    why = REASON(reason)
    was = f"{audit.minutes_approved_by} on {format_short(audit.minutes_approved_on)}"
    audit.minutes_approved_on, audit.minutes_approved_by = None, ""
    session.flush()
    recorder.note(session, audit.id, ChangeKind.REOPENED, "the minutes", why, was)


def start_amendment(session: Session, audit_id: int, *, reason: str) -> Amendment:
    """An amendment to approved minutes; changes made with its id in the session's
    ``info[recorder.AMENDMENT]`` are allowed and listed under it."""
    audit = get(session, Audit, audit_id, "audit")
    if audit.minutes_approved_on is None:
        raise DomainError("The minutes are not approved: change them directly.")
    amendment = Amendment(
        audit_id=audit.id,
        made_at=datetime.now().replace(microsecond=0),
        made_by=session.info.get(recorder.USER, ""),
        reason=REASON(reason),
    )
    session.add(amendment)
    session.flush()
    return amendment


def amend(session: Session, amendment_id: int) -> None:
    """Let this session change approved minutes under the amendment."""
    get(session, Amendment, amendment_id, "amendment")
    session.info[recorder.AMENDMENT] = amendment_id


def amendments(session: Session, audit_id: int) -> list[AmendmentLine]:
    """The audit's amendments that changed something, oldest first, with what they changed."""
    found = session.scalars(
        select(Amendment)
        .where(Amendment.audit_id == audit_id)
        .order_by(Amendment.made_at, Amendment.id)
    )
    lines = []
    for amendment in found:
        changes = amendment_changes(session, amendment.id)
        if changes:
            lines.append(
                AmendmentLine(
                    amendment.id,
                    amendment.made_at,
                    amendment.made_by,
                    amendment.reason,
                    tuple(changes),
                )
            )
    return lines
