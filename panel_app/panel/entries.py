"""What the minute-taker captures, as one kind of thing: an ``Entry`` is a discussion point,
a finding (good practice or learning) or an action, with the case and step it belongs to.

``change`` makes the database hold a given entry (or none): undo, redo, re-classifying and
moving to another case are all that one operation, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ActionKind, ActionStatus, FindingKind, Step
from db.models import Action, DiscussionPoint, Domain, Finding, finding_domain
from panel_app.errors import DomainError
from panel_app.panel import progress
from panel_app.panel.capture import STEP_KINDS, Capture, CaptureKind
from panel_app.services import actions, notes
from panel_app.services.common import get
from panel_app.services.fields import optional_date

FINDING_KINDS = {
    CaptureKind.GOOD_PRACTICE: FindingKind.GOOD_PRACTICE,
    CaptureKind.LEARNING: FindingKind.LEARNING,
}
TABLES: dict[CaptureKind, type[DiscussionPoint] | type[Finding] | type[Action]] = {
    CaptureKind.POINT: DiscussionPoint,
    CaptureKind.GOOD_PRACTICE: Finding,
    CaptureKind.LEARNING: Finding,
    CaptureKind.ACTION: Action,
}


@dataclass(frozen=True)
class Entry:
    kind: CaptureKind
    id: int
    audit_id: int
    case_id: int | None
    step: Step | None
    agency_id: int | None
    text: str
    recorded_at: datetime | None
    owner: str = ""
    due_date: date | None = None
    # Kept so that a deleted finding or action comes back whole on undo.
    theme: str = ""
    domain_ids: tuple[int, ...] = ()
    status: ActionStatus = ActionStatus.OPEN
    review_date: date | None = None
    evidence: str = ""

    @property
    def key(self) -> tuple[CaptureKind, int]:
        return self.kind, self.id

    @property
    def smart(self) -> bool:
        """Only an action can fail to be SMART: it needs an owner and a due date."""
        return self.kind is not CaptureKind.ACTION or (
            bool(self.owner.strip()) and self.due_date is not None
        )


@dataclass(frozen=True)
class Recorded:
    entry: Entry
    #: Why part of the line was not used (e.g. a due date before the panel), if it was not.
    warning: str = ""


def _point(point: DiscussionPoint) -> Entry:
    return Entry(
        CaptureKind.POINT,
        point.id,
        point.audit_id,
        point.case_id,
        point.step,
        point.agency_id,
        point.text,
        point.recorded_at,
    )


def _finding(finding: Finding) -> Entry:
    kind = (
        CaptureKind.GOOD_PRACTICE
        if finding.kind is FindingKind.GOOD_PRACTICE
        else CaptureKind.LEARNING
    )
    return Entry(
        kind,
        finding.id,
        finding.audit_id,
        finding.case_id,
        finding.step,
        None,
        finding.text,
        finding.recorded_at,
        theme=finding.theme,
        domain_ids=tuple(domain.id for domain in finding.domains),
    )


def _action(action: Action) -> Entry:
    return Entry(
        CaptureKind.ACTION,
        action.id,
        action.audit_id,
        action.case_id,
        action.step,
        None,
        action.text,
        action.created_at,
        owner=action.owner,
        due_date=action.due_date,
        status=action.status,
        review_date=action.review_date,
        evidence=action.evidence,
    )


def entry(session: Session, kind: CaptureKind, ident: int) -> Entry:
    if kind is CaptureKind.POINT:
        return _point(get(session, DiscussionPoint, ident, "discussion point"))
    if kind is CaptureKind.ACTION:
        return _action(get(session, Action, ident, "action"))
    return _finding(get(session, Finding, ident, "finding"))


def case_entries(session: Session, audit_id: int, case_id: int) -> list[Entry]:
    """Everything recorded on a case (at the panel or before it), oldest first.

    Read as plain rows, not ORM objects: this runs on every change of case, and a case
    discussed for an hour holds a few hundred entries."""
    found = [
        Entry(CaptureKind.POINT, ident, audit_id, case_id, step, agency_id, text, recorded_at)
        for ident, step, agency_id, text, recorded_at in session.execute(
            select(
                DiscussionPoint.id,
                DiscussionPoint.step,
                DiscussionPoint.agency_id,
                DiscussionPoint.text,
                DiscussionPoint.recorded_at,
            ).where(DiscussionPoint.audit_id == audit_id, DiscussionPoint.case_id == case_id)
        )
    ]
    findings = list(
        session.execute(
            select(
                Finding.id,
                Finding.kind,
                Finding.step,
                Finding.text,
                Finding.recorded_at,
                Finding.theme,
            ).where(
                Finding.audit_id == audit_id,
                Finding.case_id == case_id,
                Finding.kind.in_(list(FINDING_KINDS.values())),
            )
        )
    )
    domains: dict[int, list[int]] = {}
    if findings:
        for finding_id, domain_id in session.execute(
            select(finding_domain.c.finding_id, finding_domain.c.domain_id)
            .join(Domain, Domain.id == finding_domain.c.domain_id)
            .where(finding_domain.c.finding_id.in_([row.id for row in findings]))
            .order_by(Domain.position)
        ):
            domains.setdefault(finding_id, []).append(domain_id)
    found += [
        Entry(
            CaptureKind.GOOD_PRACTICE
            if kind is FindingKind.GOOD_PRACTICE
            else CaptureKind.LEARNING,
            ident,
            audit_id,
            case_id,
            step,
            None,
            text,
            recorded_at,
            theme=theme,
            domain_ids=tuple(domains.get(ident, ())),
        )
        for ident, kind, step, text, recorded_at, theme in findings
    ]
    found += [
        Entry(
            CaptureKind.ACTION,
            ident,
            audit_id,
            case_id,
            step,
            None,
            text,
            created_at,
            owner=owner,
            due_date=due_date,
            status=status,
            review_date=review_date,
            evidence=evidence,
        )
        for ident, step, text, created_at, owner, due_date, status, review_date, evidence in (
            session.execute(
                select(
                    Action.id,
                    Action.step,
                    Action.text,
                    Action.created_at,
                    Action.owner,
                    Action.due_date,
                    Action.status,
                    Action.review_date,
                    Action.evidence,
                ).where(Action.audit_id == audit_id, Action.case_id == case_id)
            )
        )
    ]
    return sorted(found, key=_order)


def _order(item: Entry) -> tuple[datetime, int, int]:
    # Undated entries (written before the panel) come first, in the order they were made.
    return (item.recorded_at or datetime.min, list(CaptureKind).index(item.kind), item.id)


def at_step(items: Iterable[Entry], step: Step, agency_id: int | None = None) -> list[Entry]:
    """What the capture list shows at a step: what was captured there; at the good practice,
    learning and actions steps everything of that kind agreed on the case; and at the
    conclusion every action, so the chair can make each one SMART in place."""
    wanted = CaptureKind.ACTION if step is Step.CONCLUSION else STEP_KINDS.get(step)
    return [
        item
        for item in items
        if item.kind is wanted
        or (item.step is step and (agency_id is None or item.agency_id == agency_id))
    ]


def not_smart(items: Iterable[Entry]) -> list[Entry]:
    return [item for item in items if not item.smart]


def record(
    session: Session,
    audit_id: int,
    capture: Capture,
    *,
    case_id: int | None,
    step: Step | None,
    agency_id: int | None = None,
    now: datetime | None = None,
    meeting_id: int | None = None,
) -> Recorded:
    """Commit one captured line. A due date the services refuse (one before the panel) is
    left off, with the reason, rather than losing the action; the capture line's draft is
    cleared in the same transaction."""
    wanted = Entry(
        capture.kind,
        0,
        audit_id,
        case_id,
        step,
        agency_id if capture.kind is CaptureKind.POINT else None,
        capture.text,
        (now or datetime.now()).replace(microsecond=0),
        owner=capture.owner,
        due_date=capture.due_date,
    )
    warning = ""
    try:
        made = _create(session, wanted)
    except DomainError as refusal:
        if refusal.field != "due_date":
            raise
        warning = f"{refusal.message} The action was recorded without a due date."
        made = _create(session, replace(wanted, due_date=None))
    if meeting_id is not None:
        progress.save_draft(session, meeting_id, "")
    return Recorded(made, warning)


def _create(session: Session, wanted: Entry) -> Entry:
    if wanted.kind is CaptureKind.POINT:
        point = notes.add_point(
            session,
            wanted.audit_id,
            case_id=wanted.case_id,
            agency_id=wanted.agency_id,
            text=wanted.text,
            step=wanted.step or (Step.DISCUSSION if wanted.case_id else Step.GENERAL),
            recorded_at=wanted.recorded_at,
        )
        return _point(point)
    if wanted.kind is CaptureKind.ACTION:
        action = actions.add_action(
            session,
            wanted.audit_id,
            case_id=wanted.case_id,
            kind=ActionKind.CASE_ACTION if wanted.case_id else ActionKind.RECOMMENDATION,
            text=wanted.text,
            owner=wanted.owner,
            due_date=wanted.due_date,
            status=wanted.status,
            review_date=wanted.review_date,
            evidence=wanted.evidence,
        )
        action.step = wanted.step
        if wanted.recorded_at is not None:
            action.created_at = wanted.recorded_at
        session.flush()
        return _action(action)
    finding = notes.add_finding(
        session,
        wanted.audit_id,
        case_id=wanted.case_id,
        domain_ids=wanted.domain_ids,
        kind=FINDING_KINDS[wanted.kind],
        text=wanted.text,
        theme=wanted.theme,
    )
    finding.step = wanted.step
    finding.recorded_at = wanted.recorded_at
    session.flush()
    return _finding(finding)


def _update(session: Session, current: Entry, wanted: Entry) -> Entry:
    """Change an entry in place (same table): its text, case, kind of finding, owner, date."""
    if wanted.kind is CaptureKind.POINT:
        return _point(
            notes.update_point(
                session,
                current.id,
                case_id=wanted.case_id,
                text=wanted.text,
                step=wanted.step or Step.DISCUSSION,
            )
        )
    if wanted.kind is CaptureKind.ACTION:
        changes: dict[str, Any] = {
            "case_id": wanted.case_id,
            "text": wanted.text,
            "owner": wanted.owner,
            "due_date": wanted.due_date,
        }
        if wanted.case_id is not None:
            changes["kind"] = ActionKind.CASE_ACTION
        return _action(actions.update_action(session, current.id, **changes))
    return _finding(
        notes.update_finding(
            session,
            current.id,
            case_id=wanted.case_id,
            text=wanted.text,
            kind=FINDING_KINDS[wanted.kind],
        )
    )


def change(session: Session, current: Entry | None, wanted: Entry | None) -> Entry | None:
    """Make the database hold ``wanted`` in place of ``current``: create (no current),
    delete (nothing wanted), update in place, or re-create in another table when the kind
    moves between a point, a finding and an action. Returns what is stored now."""
    if current is not None:
        get(session, TABLES[current.kind], current.id, "entry")  # gone? say so plainly
    if wanted is None:
        if current is not None:
            delete(session, current)
        return None
    if current is None:
        return _create(session, wanted)
    if TABLES[current.kind] is TABLES[wanted.kind]:
        return _update(session, current, wanted)
    delete(session, current)
    return _create(session, wanted)


def delete(session: Session, current: Entry) -> None:
    if current.kind is CaptureKind.POINT:
        notes.delete_point(session, current.id)
    elif current.kind is CaptureKind.ACTION:
        actions.delete_action(session, current.id)
    else:
        notes.delete_finding(session, current.id)


def edited(current: Entry, field: str, value: Any) -> Entry:
    """``current`` with one field changed as typed (a due date as text is read UK style)."""
    if field == "kind":
        kind = CaptureKind(value)
        owner = current.owner if kind is CaptureKind.ACTION else ""
        due = current.due_date if kind is CaptureKind.ACTION else None
        return replace(current, kind=kind, owner=owner, due_date=due)
    if field in ("owner", "due_date") and current.kind is not CaptureKind.ACTION:
        raise DomainError("Only an action has an owner and a due date.", field)
    if field == "due_date" and isinstance(value, str):
        value = optional_date("The due date", "due_date")(value)
    if field == "text" and isinstance(value, str) and not value.strip():
        raise DomainError("The text cannot be empty: delete the entry instead.", "text")
    return replace(current, **{field: value})
