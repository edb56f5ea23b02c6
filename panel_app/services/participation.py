"""Which agencies take part in an audit, and who audits for each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import ParticipationStatus, label
from db.models import Agency, Audit, Case, Involvement, Participation
from panel_app.errors import DomainError
from panel_app.services import agencies
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
    return _new_participation(session, audit_id, agency_id, None, values)


def _new_participation(
    session: Session, audit_id: int, agency_id: int, ident: int | None, values: dict[str, Any]
) -> Participation:
    audit = get(session, Audit, audit_id, "audit")
    agency = get(session, Agency, agency_id, "agency")
    if participation_of(session, audit_id, agency_id) is not None:
        raise DomainError(f"{agency.name} is already one of this audit's agencies.", "agency")
    participation = Participation(id=ident, audit_id=audit_id, agency_id=agency_id)
    values.setdefault("status", ParticipationStatus.PARTICIPATING)
    f.apply(participation, PARTICIPATION_FIELDS, values)
    _check_email(participation)
    attach(session, audit, "participations", participation)
    session.flush()
    return participation


def update_participation(session: Session, participation_id: int, **changes: Any) -> Participation:
    """Change an agency's part in the audit. One that is not taking part has no involvement
    in any case, so it can only stop taking part once its row of the grid is clear."""
    participation = get(session, Participation, participation_id, "agency's participation")
    status = PARTICIPATION_FIELDS["status"](changes.get("status", participation.status))
    if status is not ParticipationStatus.PARTICIPATING:
        involved = involved_cases(session, participation.audit_id, participation.agency_id)
        if involved:
            raise DomainError(
                f"{participation.agency.name} has involvement recorded in {_joined(involved)}, "
                f"so it cannot be '{label(status)}'. Clear its row on the Involvement grid "
                "first.",
                "status",
            )
    f.apply(participation, PARTICIPATION_FIELDS, changes)
    _check_email(participation)
    session.flush()
    return participation


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def involved_cases(session: Session, audit_id: int, agency_id: int) -> list[str]:
    """The pseudonyms of the audit's cases with involvement recorded for the agency."""
    return list(
        session.scalars(
            select(Case.pseudonym)
            .join(Involvement, Involvement.case_id == Case.id)
            .where(Case.audit_id == audit_id, Involvement.agency_id == agency_id)
            .order_by(Case.position, Case.id)
        )
    )


def check_removable(session: Session, participation_id: int) -> Participation:
    """The participation, if the agency can be taken out of its audit; else the refusal."""
    participation = get_participation(session, participation_id)
    involved = involved_cases(session, participation.audit_id, participation.agency_id)
    if involved:
        raise DomainError(
            f"{participation.agency.name} has involvement recorded in {_joined(involved)}. "
            "Clear its row on the Involvement grid first."
        )
    return participation


def remove_participation(session: Session, participation_id: int) -> None:
    """Take an agency out of an audit; refused while it has involvement recorded in a case."""
    session.delete(check_removable(session, participation_id))
    session.flush()


def require_agency_in_audit(session: Session, audit_id: int, agency_id: int) -> Agency:
    agency = get(session, Agency, agency_id, "agency")
    if participation_of(session, audit_id, agency_id) is None:
        raise DomainError(f"{agency.name} is not one of this audit's agencies.", "agency")
    return agency


def require_taking_part(session: Session, audit_id: int, agency_id: int) -> Agency:
    """The agency, if it takes part in the audit: only then is its involvement recorded."""
    agency = require_agency_in_audit(session, audit_id, agency_id)
    found = participation_of(session, audit_id, agency_id)
    assert found is not None
    if found.status is ParticipationStatus.UNABLE:
        raise DomainError(
            f"{agency.name} is unable to participate in this audit, so nothing can be recorded "
            "for it. Change its status on the Agencies screen if it is taking part after all.",
            "agency",
        )
    if found.status is ParticipationStatus.INVITED_NOT_INVOLVED:
        raise DomainError(
            f"{agency.name} was invited but is not involved in this audit, so nothing can be "
            "recorded for it. Change its status on the Agencies screen if it is involved after "
            "all.",
            "agency",
        )
    return agency


def get_participation(session: Session, participation_id: int) -> Participation:
    return get(session, Participation, participation_id, "agency's participation")


@dataclass(frozen=True)
class ParticipationRow:
    """One of an audit's agencies as its list shows it."""

    id: int
    agency_id: int
    agency: str
    status: ParticipationStatus
    reason: str
    lead_auditor_name: str
    lead_auditor_role: str
    lead_auditor_email: str


def participation_rows(session: Session, audit_id: int) -> list[ParticipationRow]:
    """The audit's agencies in the order they were added (the order documents list them)."""
    return [
        ParticipationRow(
            id=p.id,
            agency_id=p.agency_id,
            agency=p.agency.name,
            status=p.status,
            reason=p.reason,
            lead_auditor_name=p.lead_auditor_name,
            lead_auditor_role=p.lead_auditor_role,
            lead_auditor_email=p.lead_auditor_email,
        )
        for p in get(session, Audit, audit_id, "audit").participations
    ]


def agencies_to_add(session: Session, audit_id: int) -> list[Agency]:
    """The partnership's agencies not yet in this audit, by name."""
    taken = select(Participation.agency_id).where(Participation.audit_id == audit_id)
    return list(
        session.scalars(
            select(Agency).where(Agency.id.not_in(taken)).order_by(func.lower(Agency.name))
        )
    )


def add_agency_to_audit(session: Session, audit_id: int, name: str) -> tuple[Participation, bool]:
    """Add the agency of that name to the audit, first adding it to the partnership's list if
    it is new; also says whether it was new."""
    if not isinstance(name, str) or not name.strip():
        raise DomainError(
            "Choose an agency from the list, or type the name of a new one.", "agency"
        )
    found = agencies.agency_named(session, name)
    agency = found or agencies.create_agency(session, name)
    return add_participation(session, audit_id, agency.id), found is None


def participation_values(session: Session, participation_id: int) -> dict[str, Any]:
    """What the participation holds, to put it back later exactly as it was."""
    participation = get_participation(session, participation_id)
    return {field: getattr(participation, field) for field in PARTICIPATION_FIELDS}


def restore_participation(
    session: Session, participation_id: int, audit_id: int, agency_id: int, **values: Any
) -> Participation:
    """Put a removed participation back under its old id, so the undo history still finds it."""
    if session.get(Participation, participation_id) is not None:
        raise DomainError("That agency is already one of this audit's agencies.", "agency")
    return _new_participation(session, audit_id, agency_id, participation_id, values)
