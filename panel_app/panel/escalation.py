"""Escalating a case at the panel, as a value that can be put back (for undo)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.models import Case
from panel_app.services import cases
from panel_app.services.common import get


@dataclass(frozen=True)
class EscalationInfo:
    note: str
    raised_on: date | None = None
    outcome: str = ""
    resolved_on: date | None = None


def escalation_of(session: Session, case_id: int) -> EscalationInfo | None:
    found = get(session, Case, case_id, "case").escalation
    if found is None:
        return None
    return EscalationInfo(found.note, found.raised_on, found.outcome, found.resolved_on)


def set_escalation(session: Session, case_id: int, info: EscalationInfo | None) -> None:
    """Escalate with ``info`` (or change it), or withdraw the escalation when it is None."""
    if info is None:
        cases.withdraw_escalation(session, case_id)
        return
    cases.escalate_case(
        session,
        case_id,
        note=info.note,
        raised_on=info.raised_on,
        outcome=info.outcome,
        resolved_on=info.resolved_on,
    )
