"""Actions and recommendations, and their progress to completion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from db.enums import ActionKind, ActionStatus
from db.models import Action, ActionUpdate, Audit
from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import attach, get, next_position, reorder
from panel_app.services.notes import check_case_in_audit

ACTION_FIELDS: f.Spec = {
    "text": f.long("The action", "text", required=True),
    "kind": f.choice(ActionKind, "The kind of action", "kind"),
    "owner": f.short("The owner", "owner"),
    "due_date": f.optional_date("The due date", "due_date"),
    "review_date": f.optional_date("The review date", "review_date"),
    "status": f.choice(ActionStatus, "The status", "status"),
    "evidence": f.long("The evidence of completion", "evidence"),
}
UPDATE_FIELDS: f.Spec = {
    "date": f.required_date("The date of the update", "date"),
    "text": f.long("The update", "text", required=True),
}

#: Owners offered beside the audit's agencies.
ROLE_OWNERS: tuple[str, ...] = ("All agencies", "Business Manager", "Panel chair")


def _check(action: Action, audit: Audit) -> None:
    if action.kind is ActionKind.CASE_ACTION and action.case_id is None:
        raise DomainError("A case action must name its case.", "case")
    panel = audit.panel_date
    for field, label in (("due_date", "due date"), ("review_date", "review date")):
        value: date | None = getattr(action, field)
        if panel and value and value < panel:
            raise DomainError(
                f"The {label} {format_short(value)} is before the panel "
                f"({format_short(panel)}). Choose a later date.",
                field,
            )


def add_action(
    session: Session, audit_id: int, *, case_id: int | None = None, **values: Any
) -> Action:
    audit = get(session, Audit, audit_id, "audit")
    check_case_in_audit(session, audit_id, case_id)
    position = next_position(session, Action.position, Action.audit_id, audit_id)
    action = Action(audit_id=audit_id, case_id=case_id, position=position)
    values.setdefault("text", "")
    values.setdefault("kind", ActionKind.CASE_ACTION if case_id else ActionKind.RECOMMENDATION)
    values.setdefault("status", ActionStatus.OPEN)
    f.apply(action, ACTION_FIELDS, values)
    _check(action, audit)
    attach(session, audit, "actions", action)
    session.flush()
    return action


def update_action(session: Session, action_id: int, **changes: Any) -> Action:
    action = get(session, Action, action_id, "action")
    if "case_id" in changes:
        case_id = changes.pop("case_id")
        check_case_in_audit(session, action.audit_id, case_id)
        action.case_id = case_id
    f.apply(action, ACTION_FIELDS, changes)
    _check(action, action.audit)
    session.flush()
    return action


def delete_action(session: Session, action_id: int) -> None:
    session.delete(get(session, Action, action_id, "action"))
    session.flush()


def reorder_actions(session: Session, audit_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, Audit, audit_id, "audit").actions, ordered_ids, "actions")
    session.flush()


def add_update(session: Session, action_id: int, **values: Any) -> ActionUpdate:
    """Record progress on an action, dated."""
    action = get(session, Action, action_id, "action")
    update = ActionUpdate()
    values.setdefault("date", date.today())
    values.setdefault("text", "")
    f.apply(update, UPDATE_FIELDS, values)
    action.updates.append(update)
    session.flush()
    return update


def delete_update(session: Session, update_id: int) -> None:
    session.delete(get(session, ActionUpdate, update_id, "progress update"))
    session.flush()
