"""The audit tool of one audit: its domains and its grading scale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Audit, Domain, GradeLevel
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import attach, get, next_position, reorder

DEFAULT_DOMAINS: tuple[str, ...] = (
    "Referrals",
    "Assessment",
    "Voice of the child and lived experience",
    "Plans",
    "Supervision and management oversight",
    "Record keeping",
    "Safeguarding and escalation",
    "Life chances and outcomes",
    "Equality and diversity",
)

# Ofsted's four grades, best first, and the RAG alternative.
OFSTED_SCALE: tuple[tuple[str, str], ...] = (
    ("Outstanding", "#1B5E20"),
    ("Good", "#43A047"),
    ("Requires improvement", "#F9A825"),
    ("Inadequate", "#C62828"),
)
RAG_SCALE: tuple[tuple[str, str], ...] = (
    ("Green", "#2E7D32"),
    ("Amber", "#F9A825"),
    ("Red", "#C62828"),
)

DOMAIN_FIELDS: f.Spec = {
    "name": f.short("The domain's name", "name", required=True),
    "description": f.long("The domain's description", "description"),
}
LEVEL_FIELDS: f.Spec = {
    "label": f.short("The grade's label", "label", required=True),
    "colour": f.colour("The grade's colour", "colour"),
}


def set_default_tool(audit: Audit) -> None:
    """Give a new audit the default domains and the Ofsted scale."""
    audit.domains = [Domain(position=i, name=name) for i, name in enumerate(DEFAULT_DOMAINS)]
    audit.scale = [
        GradeLevel(position=i, label=label, colour=colour)
        for i, (label, colour) in enumerate(OFSTED_SCALE)
    ]


def _check_domain_name(session: Session, audit_id: int, name: str, domain_id: int | None) -> None:
    other = session.scalar(
        select(Domain).where(Domain.audit_id == audit_id, func.lower(Domain.name) == name.lower())
    )
    if other is not None and other.id != domain_id:
        raise DomainError(f"This audit already has a domain called '{other.name}'.", "name")


def add_domain(session: Session, audit_id: int, name: str, description: str = "") -> Domain:
    audit = get(session, Audit, audit_id, "audit")
    domain = Domain(audit_id=audit_id)
    f.apply(domain, DOMAIN_FIELDS, {"name": name, "description": description})
    _check_domain_name(session, audit_id, domain.name, None)
    domain.position = next_position(session, Domain.position, Domain.audit_id, audit_id)
    attach(session, audit, "domains", domain)
    session.flush()
    return domain


def update_domain(session: Session, domain_id: int, **changes: Any) -> Domain:
    domain = get(session, Domain, domain_id, "domain")
    if "name" in changes:
        _check_domain_name(
            session, domain.audit_id, DOMAIN_FIELDS["name"](changes["name"]), domain.id
        )
    f.apply(domain, DOMAIN_FIELDS, changes)
    session.flush()
    return domain


def delete_domain(session: Session, domain_id: int) -> None:
    """Delete a domain and every grade given for it."""
    session.delete(get(session, Domain, domain_id, "domain"))
    session.flush()


def reorder_domains(session: Session, audit_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, Audit, audit_id, "audit").domains, ordered_ids, "domains")
    session.flush()


def _check_label(session: Session, audit_id: int, label: str, level_id: int | None) -> None:
    other = session.scalar(
        select(GradeLevel).where(
            GradeLevel.audit_id == audit_id, func.lower(GradeLevel.label) == label.lower()
        )
    )
    if other is not None and other.id != level_id:
        raise DomainError(f"The grading scale already has a grade '{other.label}'.", "label")


def add_grade_level(
    session: Session, audit_id: int, label: str, colour: str = "#808080"
) -> GradeLevel:
    audit = get(session, Audit, audit_id, "audit")
    level = GradeLevel(audit_id=audit_id)
    f.apply(level, LEVEL_FIELDS, {"label": label, "colour": colour})
    _check_label(session, audit_id, level.label, None)
    level.position = next_position(session, GradeLevel.position, GradeLevel.audit_id, audit_id)
    attach(session, audit, "scale", level)
    session.flush()
    return level


def update_grade_level(session: Session, level_id: int, **changes: Any) -> GradeLevel:
    level = get(session, GradeLevel, level_id, "grade")
    if "label" in changes:
        _check_label(session, level.audit_id, LEVEL_FIELDS["label"](changes["label"]), level.id)
    f.apply(level, LEVEL_FIELDS, changes)
    session.flush()
    return level


def delete_grade_level(session: Session, level_id: int) -> None:
    """Delete a grade from the scale; every domain graded with it becomes ungraded."""
    session.delete(get(session, GradeLevel, level_id, "grade"))
    session.flush()


def reorder_scale(session: Session, audit_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, Audit, audit_id, "audit").scale, ordered_ids, "grades")
    session.flush()


def use_scale(session: Session, audit_id: int, scale: Sequence[tuple[str, str]]) -> None:
    """Replace the audit's scale (e.g. with ``RAG_SCALE``); existing grades are cleared."""
    audit = get(session, Audit, audit_id, "audit")
    audit.scale.clear()
    session.flush()
    for label, colour in scale:
        add_grade_level(session, audit_id, label, colour)
    session.expire(audit, ["scale"])
