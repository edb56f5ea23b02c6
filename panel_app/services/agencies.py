"""The partnership and its agencies (shared by every audit)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Agency, Attendance, DiscussionPoint, Involvement, Participation, Partnership
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import get

DEFAULT_PARTNERSHIP = "Safeguarding Children Partnership"

PARTNERSHIP_FIELDS: f.Spec = {
    "name": f.short("The partnership's name", "name", required=True),
    "protective_marking": f.short("The protective marking", "protective_marking", required=True),
    "business_manager": f.short("The business manager", "business_manager"),
    "business_manager_title": f.short("The business manager's title", "business_manager_title"),
}

AGENCY_FIELDS: f.Spec = {
    "name": f.short("The agency's name", "name", required=True),
    "short_name": f.short("The short name", "short_name"),
}


def partnership_named(session: Session, name: str) -> Partnership | None:
    return session.scalar(select(Partnership).where(Partnership.name == name))


def ensure_partnership(session: Session, name: str, **values: Any) -> Partnership:
    """The partnership of that name, created with ``values`` if it is not there yet."""
    name = PARTNERSHIP_FIELDS["name"](name)
    found = partnership_named(session, name)
    if found is not None:
        return found
    partnership = Partnership(name=name)
    f.apply(partnership, PARTNERSHIP_FIELDS, values)
    session.add(partnership)
    session.flush()
    return partnership


def default_partnership(session: Session) -> Partnership:
    """The first partnership in the database (a laptop normally has one), made if none."""
    found = session.scalar(select(Partnership).order_by(Partnership.id).limit(1))
    return found or ensure_partnership(session, DEFAULT_PARTNERSHIP)


def update_partnership(session: Session, partnership_id: int, **changes: Any) -> Partnership:
    partnership = get(session, Partnership, partnership_id, "partnership")
    if "name" in changes:
        name = PARTNERSHIP_FIELDS["name"](changes["name"])
        other = partnership_named(session, name)
        if other is not None and other.id != partnership.id:
            raise DomainError(f"There is already a partnership called '{name}'.", "name")
    f.apply(partnership, PARTNERSHIP_FIELDS, changes)
    session.flush()
    return partnership


def list_agencies(session: Session) -> list[Agency]:
    return list(session.scalars(select(Agency).order_by(func.lower(Agency.name))))


def agency_named(session: Session, name: str) -> Agency | None:
    return session.scalar(select(Agency).where(func.lower(Agency.name) == name.strip().lower()))


def _check_name_free(session: Session, name: str, agency_id: int | None = None) -> None:
    other = agency_named(session, name)
    if other is not None and other.id != agency_id:
        raise DomainError(f"There is already an agency called '{other.name}'.", "name")


def create_agency(session: Session, name: str, short_name: str = "") -> Agency:
    agency = Agency()
    f.apply(agency, AGENCY_FIELDS, {"name": name, "short_name": short_name})
    _check_name_free(session, agency.name)
    session.add(agency)
    session.flush()
    return agency


def ensure_agency(session: Session, name: str, short_name: str = "") -> Agency:
    """The agency of that name (any case), created if new; a missing short name is filled in."""
    found = agency_named(session, f.short("The agency's name", "name", required=True)(name))
    if found is None:
        return create_agency(session, name, short_name)
    if short_name and not found.short_name:
        found.short_name = AGENCY_FIELDS["short_name"](short_name)
    return found


def update_agency(session: Session, agency_id: int, **changes: Any) -> Agency:
    agency = get(session, Agency, agency_id, "agency")
    if "name" in changes:
        _check_name_free(session, AGENCY_FIELDS["name"](changes["name"]), agency.id)
    f.apply(agency, AGENCY_FIELDS, changes)
    session.flush()
    return agency


def get_agency(session: Session, agency_id: int) -> Agency:
    return get(session, Agency, agency_id, "agency")


#: Every column that ties an agency to an audit: while one refers to it, it cannot go.
_AGENCY_REFERENCES = (
    Participation.agency_id,
    Involvement.agency_id,
    Attendance.agency_id,
    DiscussionPoint.agency_id,
)


def agency_in_use(session: Session, agency_id: int) -> bool:
    """Whether any audit refers to the agency (so it must be kept)."""
    return any(
        session.scalar(select(column).where(column == agency_id).limit(1)) is not None
        for column in _AGENCY_REFERENCES
    )


def check_agency_deletable(session: Session, agency_id: int) -> Agency:
    """The agency, if nothing refers to it; otherwise the refusal a screen shows."""
    agency = get_agency(session, agency_id)
    if agency_in_use(session, agency.id):
        raise DomainError(
            f"{agency.name} is part of at least one audit, so it cannot be deleted. "
            "Remove it from those audits first."
        )
    return agency


def delete_agency(session: Session, agency_id: int) -> None:
    """Delete an agency no audit refers to; one that took part anywhere is kept."""
    session.delete(check_agency_deletable(session, agency_id))
    session.flush()


def restore_agency(session: Session, agency_id: int, name: str, short_name: str = "") -> Agency:
    """Put a deleted agency back under its old id, so the undo history still finds it."""
    if session.get(Agency, agency_id) is not None:
        raise DomainError("That agency is already in the list.")
    agency = Agency(id=agency_id)
    f.apply(agency, AGENCY_FIELDS, {"name": name, "short_name": short_name})
    _check_name_free(session, agency.name)
    session.add(agency)
    session.flush()
    return agency


@dataclass(frozen=True)
class AgencyRow:
    """An agency as the partnership's list shows it, with the number of audits it is in."""

    id: int
    name: str
    short_name: str
    audits: int


def agency_rows(session: Session) -> list[AgencyRow]:
    counts = dict(
        session.execute(
            select(Participation.agency_id, func.count()).group_by(Participation.agency_id)
        ).all()
    )
    return [
        AgencyRow(a.id, a.name, a.short_name, int(counts.get(a.id, 0)))
        for a in list_agencies(session)
    ]
