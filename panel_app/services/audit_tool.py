"""The audit tool of one audit: its domains and its grading scale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Audit, CaseGrade, Domain, GradeLevel, InvolvementGrade
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


def get_domain(session: Session, domain_id: int) -> Domain:
    return get(session, Domain, domain_id, "domain")


def get_grade_level(session: Session, level_id: int) -> GradeLevel:
    return get(session, GradeLevel, level_id, "grade")


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


@dataclass(frozen=True)
class DomainRow:
    """A domain as the audit tool screen lists it, with how many grades it has been given."""

    id: int
    name: str
    description: str
    grades_given: int


@dataclass(frozen=True)
class LevelRow:
    """A grade of the scale as the audit tool screen lists it, with how often it was given."""

    id: int
    label: str
    colour: str
    grades_given: int


def _grade_counts(session: Session, column: str, ids: Sequence[int]) -> dict[int, int]:
    """Grades given (by agencies and by the panel), counted by domain or by grade level."""
    counts: dict[int, int] = dict.fromkeys(ids, 0)
    if not ids:
        return counts
    for model in (InvolvementGrade, CaseGrade):
        key = getattr(model, column)
        rows = session.execute(select(key, func.count()).where(key.in_(ids)).group_by(key))
        for ident, number in rows:
            counts[ident] += number
    return counts


def grades_given_for_domain(session: Session, domain_id: int) -> int:
    """How many grades (agencies' and the panel's) deleting this domain would lose."""
    get(session, Domain, domain_id, "domain")
    return _grade_counts(session, "domain_id", [domain_id])[domain_id]


def grades_given_with_level(session: Session, level_id: int) -> int:
    """How many grades removing this step of the scale would clear."""
    get(session, GradeLevel, level_id, "grade")
    return _grade_counts(session, "level_id", [level_id])[level_id]


def grades_given(session: Session, audit_id: int) -> int:
    """Every grade given in the audit: what replacing its scale would clear."""
    audit = get(session, Audit, audit_id, "audit")
    return sum(_grade_counts(session, "level_id", [level.id for level in audit.scale]).values())


def domain_rows(session: Session, audit_id: int) -> list[DomainRow]:
    domains = get(session, Audit, audit_id, "audit").domains
    counts = _grade_counts(session, "domain_id", [d.id for d in domains])
    return [DomainRow(d.id, d.name, d.description, counts[d.id]) for d in domains]


def level_rows(session: Session, audit_id: int) -> list[LevelRow]:
    scale = get(session, Audit, audit_id, "audit").scale
    counts = _grade_counts(session, "level_id", [g.id for g in scale])
    return [LevelRow(g.id, g.label, g.colour, counts[g.id]) for g in scale]


def _move(ids: list[int], ident: int, position: int) -> list[int]:
    ids.remove(ident)
    ids.insert(max(0, min(position, len(ids))), ident)
    return ids


def move_domain(session: Session, domain_id: int, position: int) -> None:
    """Put a domain at ``position`` (0 is first), the others keeping their order."""
    domain = get(session, Domain, domain_id, "domain")
    ids = [d.id for d in domain.audit.domains]
    reorder_domains(session, domain.audit_id, _move(ids, domain_id, position))


def move_grade_level(session: Session, level_id: int, position: int) -> None:
    """Put a grade at ``position`` of the scale (0 is the best), the others keeping their order."""
    level = get(session, GradeLevel, level_id, "grade")
    ids = [g.id for g in level.audit.scale]
    reorder_scale(session, level.audit_id, _move(ids, level_id, position))
