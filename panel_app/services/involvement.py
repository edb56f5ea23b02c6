"""Each agency's involvement in each case, its summary, and grades per domain."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus
from db.models import Case, CaseGrade, Domain, GradeLevel, Involvement, InvolvementGrade
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services import snapshots
from panel_app.services.common import attach, get
from panel_app.services.participation import require_taking_part

G = TypeVar("G", InvolvementGrade, CaseGrade)

INVOLVEMENT_FIELDS: f.Spec = {
    "status": f.choice(InvolvementStatus, "Involvement", "status"),
    "summary": f.long("The summary", "summary"),
    "strengths": f.long("The strengths", "strengths"),
    "areas_for_development": f.long("The areas for development", "areas_for_development"),
}


def involvement_of(session: Session, case_id: int, agency_id: int) -> Involvement | None:
    return session.scalar(
        select(Involvement).where(
            Involvement.case_id == case_id, Involvement.agency_id == agency_id
        )
    )


def set_involvement(session: Session, case_id: int, agency_id: int, **values: Any) -> Involvement:
    """Record (or change) an agency's involvement in a case; only an agency taking part in
    the audit has any."""
    case = get(session, Case, case_id, "case")
    require_taking_part(session, case.audit_id, agency_id)
    involvement = involvement_of(session, case_id, agency_id)
    if involvement is None:
        involvement = Involvement(case_id=case_id, agency_id=agency_id)
        values.setdefault("status", InvolvementStatus.AUDITED)
        attach(session, case, "involvements", involvement)
    f.apply(involvement, INVOLVEMENT_FIELDS, values)
    session.flush()
    return involvement


def get_involvement(session: Session, involvement_id: int) -> Involvement:
    return get(session, Involvement, involvement_id, "agency summary")


def _taking_part(session: Session, involvement: Involvement) -> None:
    # The agency may have stopped taking part since the involvement was recorded (in a
    # database from before that was refused, or a return filled in meanwhile).
    require_taking_part(session, involvement.case.audit_id, involvement.agency_id)


def update_involvement(session: Session, involvement_id: int, **changes: Any) -> Involvement:
    involvement = get_involvement(session, involvement_id)
    _taking_part(session, involvement)
    f.apply(involvement, INVOLVEMENT_FIELDS, changes)
    session.flush()
    return involvement


def delete_involvement(session: Session, involvement_id: int) -> None:
    session.delete(get(session, Involvement, involvement_id, "agency summary"))
    session.flush()


def clear_involvement(session: Session, involvement_id: int) -> snapshots.Snapshot:
    """Delete the involvement with its summary and grades; what it held, to put it back."""
    taken = snapshots.take(session, "involvement", involvement_id)
    delete_involvement(session, involvement_id)
    return taken


def restore_involvement(session: Session, taken: snapshots.Snapshot) -> Involvement:
    """Put a cleared involvement back as it was, summary and grades too, under its old id."""
    (row,) = taken.rows["involvement"]
    case = get(session, Case, row["case_id"], "case")
    require_taking_part(session, case.audit_id, row["agency_id"])
    if involvement_of(session, row["case_id"], row["agency_id"]) is not None:
        raise DomainError("Involvement has been recorded there since, so it was left as it is.")
    snapshots.put_back(session, taken)
    return get_involvement(session, row["id"])


def _domain_and_level(
    session: Session, audit_id: int, domain_id: int, level_id: int | None
) -> tuple[Domain, GradeLevel | None]:
    domain = get(session, Domain, domain_id, "domain")
    if domain.audit_id != audit_id:
        raise DomainError(f"'{domain.name}' is not a domain of this audit's tool.", "domain")
    if level_id is None:
        return domain, None
    level = get(session, GradeLevel, level_id, "grade")
    if level.audit_id != audit_id:
        raise DomainError(f"'{level.label}' is not on this audit's grading scale.", "grade")
    return domain, level


def _set_grade(grades: list[G], make: type[G], domain_id: int, level_id: int | None) -> None:
    existing = next((grade for grade in grades if grade.domain_id == domain_id), None)
    if level_id is None:
        if existing is not None:
            grades.remove(existing)
    elif existing is None:
        grades.append(make(domain_id=domain_id, level_id=level_id))
    else:
        existing.level_id = level_id


def set_involvement_grade(
    session: Session, involvement_id: int, domain_id: int, level_id: int | None
) -> None:
    """Grade an agency's work on a case for one domain; ``None`` clears the grade."""
    involvement = get_involvement(session, involvement_id)
    _taking_part(session, involvement)
    _domain_and_level(session, involvement.case.audit_id, domain_id, level_id)
    _set_grade(involvement.grades, InvolvementGrade, domain_id, level_id)
    session.flush()


def grade_given(session: Session, involvement_id: int, domain_id: int) -> int | None:
    """The grade level the agency gave itself in the domain, or None."""
    return session.scalar(
        select(InvolvementGrade.level_id).where(
            InvolvementGrade.involvement_id == involvement_id,
            InvolvementGrade.domain_id == domain_id,
        )
    )


def set_case_grade(session: Session, case_id: int, domain_id: int, level_id: int | None) -> None:
    """The panel's grade for a case in one domain; ``None`` clears it."""
    case = get(session, Case, case_id, "case")
    _domain_and_level(session, case.audit_id, domain_id, level_id)
    _set_grade(case.grades, CaseGrade, domain_id, level_id)
    session.flush()


def level_named(session: Session, audit_id: int, label: str) -> GradeLevel:
    """The grade on this audit's scale with that label, or a message listing the scale."""
    levels = list(
        session.scalars(
            select(GradeLevel).where(GradeLevel.audit_id == audit_id).order_by(GradeLevel.position)
        )
    )
    for level in levels:
        if level.label.lower() == label.strip().lower():
            return level
    allowed = ", ".join(level.label for level in levels)
    raise DomainError(f"'{label}' is not on this audit's grading scale ({allowed}).", "grade")
