"""Audits: create, edit, list, delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from db.enums import LIVE_ACTION_STATUSES, AuditStatus, ParticipationStatus
from db.models import Action, Audit, Domain, GradeLevel, PanelMeeting, Participation
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.agencies import default_partnership
from panel_app.services.audit_tool import set_default_tool
from panel_app.services.common import get

AUDIT_FIELDS: f.Spec = {
    "theme": f.short("The theme", "theme", required=True),
    "title": f.short("The title", "title", required=True),
    "panel_date": f.optional_date("The panel date", "panel_date"),
    "scope_start": f.optional_date("The start of the scope period", "scope_start"),
    "scope_end": f.optional_date("The end of the scope period", "scope_end"),
    "scope_description": f.short("The scope", "scope_description"),
    "introduction": f.long("The introduction", "introduction"),
    "rationale": f.long("The rationale", "rationale"),
    "methodology": f.long("The methodology", "methodology"),
    "process": f.long("The process", "process"),
    "status": f.choice(AuditStatus, "The status", "status"),
    "archived": f.flag("Archived", "archived"),
    "tool_name": f.short("The audit tool's name", "tool_name", required=True),
    "graded": f.flag("Graded", "graded"),
}


@dataclass(frozen=True)
class AuditSummary:
    """One line of the audit list."""

    id: int
    theme: str
    title: str
    panel_date: date | None
    status: AuditStatus
    archived: bool
    open_actions: int
    overdue_actions: int


def _check_scope(audit: Audit) -> None:
    if audit.scope_start and audit.scope_end and audit.scope_end < audit.scope_start:
        raise DomainError("The scope period ends before it starts.", "scope_end")


def create_audit(session: Session, *, partnership_id: int | None = None, **values: Any) -> Audit:
    """A new audit in planning, with the default audit tool."""
    if partnership_id is None:
        partnership_id = default_partnership(session).id
    audit = Audit(partnership_id=partnership_id, status=AuditStatus.PLANNING)
    values.setdefault("tool_name", "Multi-agency case audit tool")
    for required in ("theme", "title"):
        values.setdefault(required, "")
    f.apply(audit, AUDIT_FIELDS, values)
    _check_scope(audit)
    set_default_tool(audit)
    session.add(audit)
    session.flush()
    return audit


def get_audit(session: Session, audit_id: int) -> Audit:
    return get(session, Audit, audit_id, "audit")


def update_audit(session: Session, audit_id: int, **changes: Any) -> Audit:
    audit = get_audit(session, audit_id)
    f.apply(audit, AUDIT_FIELDS, changes)
    _check_scope(audit)
    session.flush()
    return audit


def delete_audit(session: Session, audit_id: int) -> None:
    """Delete the audit and everything that belongs to it; agencies stay."""
    session.delete(get_audit(session, audit_id))
    session.flush()


def list_audits(
    session: Session, *, include_archived: bool = True, today: date | None = None
) -> list[AuditSummary]:
    """Every audit, newest panel first, with counts of its open and overdue actions."""
    today = today or date.today()
    live = Action.status.in_([s.value for s in LIVE_ACTION_STATUSES])
    counts = (
        select(
            Action.audit_id,
            func.count().filter(live).label("open"),
            func.count().filter(live, Action.due_date < today).label("overdue"),
        )
        .group_by(Action.audit_id)
        .subquery()
    )
    query = (
        select(
            Audit.id,
            Audit.theme,
            Audit.title,
            Audit.panel_date,
            Audit.status,
            Audit.archived,
            func.coalesce(counts.c.open, 0),
            func.coalesce(counts.c.overdue, 0),
        )
        .outerjoin(counts, counts.c.audit_id == Audit.id)
        .order_by(case((Audit.panel_date.is_(None), 0), else_=1), Audit.panel_date.desc(), Audit.id)
    )
    if not include_archived:
        query = query.where(Audit.archived.is_(False))
    return [AuditSummary(*row) for row in session.execute(query)]


def duplicate_audit(session: Session, audit_id: int, *, title: str | None = None) -> Audit:
    """Start the next audit from an earlier one: its agencies and lead auditors, its audit
    tool and its panel timings come across; cases and everything said about them do not."""
    source = get_audit(session, audit_id)
    copy = Audit(
        partnership_id=source.partnership_id,
        status=AuditStatus.PLANNING,
        domains=[
            Domain(position=d.position, name=d.name, description=d.description)
            for d in source.domains
        ],
        scale=[
            GradeLevel(position=g.position, label=g.label, colour=g.colour) for g in source.scale
        ],
        participations=[
            Participation(
                agency_id=p.agency_id,
                status=ParticipationStatus.PARTICIPATING,
                lead_auditor_name=p.lead_auditor_name,
                lead_auditor_role=p.lead_auditor_role,
                lead_auditor_email=p.lead_auditor_email,
            )
            # Every agency is invited again, whatever it could manage last time.
            for p in source.participations
        ],
    )
    f.apply(
        copy,
        AUDIT_FIELDS,
        {
            "theme": source.theme,
            "title": title or f"{source.title} (copy)",
            "scope_description": source.scope_description,
            "methodology": source.methodology,
            "process": source.process,
            "tool_name": source.tool_name,
            "graded": source.graded,
        },
    )
    if source.meetings:
        last = source.meetings[-1]
        minutes = [item.minutes_allotted for item in last.agenda]
        copy.meetings = [
            PanelMeeting(
                date=None,
                start_time=last.start_time,
                end_time=last.end_time,
                location=last.location,
                chair=last.chair,
                minute_taker=last.minute_taker,
                # The usual slot per case is what the last agenda mostly gave.
                default_minutes=max(set(minutes), key=minutes.count)
                if minutes
                else last.default_minutes,
            )
        ]
    session.add(copy)
    session.flush()
    return copy
