"""Which agencies get a return, and which of their cases it covers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus
from db.models import Agency, Audit, Case, Involvement
from panel_app.errors import DomainError
from panel_app.services.participation import participation_of, require_agency_in_audit


def audited_involvements(session: Session, audit_id: int, agency_id: int) -> list[Involvement]:
    """The agency's involvement in each case it audits, in the audit's case order.

    Only *audited* involvement is asked about: an agency that did not know the family, or
    whose case was out of scope, has no summary to write.
    """
    return list(
        session.scalars(
            select(Involvement)
            .join(Case, Involvement.case_id == Case.id)
            .where(Case.audit_id == audit_id, Involvement.agency_id == agency_id)
            .where(Involvement.status == InvolvementStatus.AUDITED)
            .order_by(Case.position, Case.id)
        )
    )


def is_participating(session: Session, audit_id: int, agency_id: int) -> bool:
    found = participation_of(session, audit_id, agency_id)
    return found is not None and found.status == ParticipationStatus.PARTICIPATING


def require_participating(session: Session, audit: Audit, agency_id: int) -> Agency:
    agency = require_agency_in_audit(session, audit.id, agency_id)
    if not is_participating(session, audit.id, agency_id):
        raise DomainError(f"{agency.name} is not taking part in '{audit.title}'.", "agency")
    return agency


def agencies_with_returns(session: Session, audit: Audit) -> list[Agency]:
    """Every agency taking part that audits at least one case, in the audit's agency order."""
    return [
        participation.agency
        for participation in audit.participations
        if participation.status == ParticipationStatus.PARTICIPATING
        and audited_involvements(session, audit.id, participation.agency_id)
    ]
