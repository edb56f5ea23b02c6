"""Which agencies take part in an audit, and who audits for each."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ParticipationStatus
from db.models import Agency, Audit, Case, Involvement, Participation
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import attach, get

PARTICIPATION_FIELDS: f.Spec = {
    "status": f.choice(ParticipationStatus, "Participation", "status"),
    "reason": f.long("The reason", "reason"),
    "lead_auditor_name": f.short("The lead auditor's name", "lead_auditor_name"),
    "lead_auditor_role": f.short("The lead auditor's role", "lead_auditor_role"),
    "lead_auditor_email": f.short("The lead auditor's email", "lead_auditor_email"),
}


def _check_email(participation: Participation) -> None:
    email = participation.lead_auditor_email
    if email and ("@" not in email or " " in email or email.startswith("@") or email.endswith("@")):
        raise DomainError(f"'{email}' is not an email address.", "lead_auditor_email")


def participation_of(session: Session, audit_id: int, agency_id: int) -> Participation | None:
    return session.scalar(
        select(Participation).where(
            Participation.audit_id == audit_id, Participation.agency_id == agency_id
        )
    )


def add_participation(
    session: Session, audit_id: int, agency_id: int, **values: Any
) -> Participation:
    audit = get(session, Audit, audit_id, "audit")
    agency = get(session, Agency, agency_id, "agency")
    if participation_of(session, audit_id, agency_id) is not None:
        raise DomainError(f"{agency.name} is already one of this audit's agencies.", "agency")
    participation = Participation(audit_id=audit_id, agency_id=agency_id)
    values.setdefault("status", ParticipationStatus.PARTICIPATING)
    f.apply(participation, PARTICIPATION_FIELDS, values)
    _check_email(participation)
    attach(session, audit, "participations", participation)
    session.flush()
    return participation


def update_participation(session: Session, participation_id: int, **changes: Any) -> Participation:
    participation = get(session, Participation, participation_id, "agency's participation")
    f.apply(participation, PARTICIPATION_FIELDS, changes)
    _check_email(participation)
    session.flush()
    return participation


def remove_participation(session: Session, participation_id: int) -> None:
    """Take an agency out of an audit; refused while it has involvement recorded in a case."""
    participation = get(session, Participation, participation_id, "agency's participation")
    involved = session.scalar(
        select(Case.pseudonym)
        .join(Involvement, Involvement.case_id == Case.id)
        .where(Case.audit_id == participation.audit_id)
        .where(Involvement.agency_id == participation.agency_id)
        .limit(1)
    )
    if involved is not None:
        raise DomainError(
            f"{participation.agency.name} has involvement recorded in {involved}. "
            "Remove that first."
        )
    session.delete(participation)
    session.flush()


def require_agency_in_audit(session: Session, audit_id: int, agency_id: int) -> Agency:
    agency = get(session, Agency, agency_id, "agency")
    if participation_of(session, audit_id, agency_id) is None:
        raise DomainError(f"{agency.name} is not one of this audit's agencies.", "agency")
    return agency
