"""What the panel says and agrees: discussion points and findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from db.enums import FindingKind, Step
from db.models import Audit, Case, DiscussionPoint, Domain, Finding
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services.common import attach, get, next_position, reorder
from panel_app.services.participation import require_agency_in_audit

POINT_FIELDS: f.Spec = {
    "text": f.long("The discussion point", "text", required=True),
    "step": f.choice(Step, "The step", "step"),
    "recorded_at": f.timestamp("The time recorded", "recorded_at"),
}
FINDING_FIELDS: f.Spec = {
    "text": f.long("The finding", "text", required=True),
    "kind": f.choice(FindingKind, "The kind of finding", "kind"),
    "theme": f.short("The theme", "theme"),
}


def check_case_in_audit(session: Session, audit_id: int, case_id: int | None) -> None:
    if case_id is None:
        return
    case = get(session, Case, case_id, "case")
    if case.audit_id != audit_id:
        raise DomainError(f"{case.pseudonym} is not a case of this audit.", "case")


def add_point(
    session: Session,
    audit_id: int,
    *,
    case_id: int | None = None,
    agency_id: int | None = None,
    **values: Any,
) -> DiscussionPoint:
    audit = get(session, Audit, audit_id, "audit")
    check_case_in_audit(session, audit_id, case_id)
    if agency_id is not None:
        require_agency_in_audit(session, audit_id, agency_id)
    point = DiscussionPoint(audit_id=audit_id, case_id=case_id, agency_id=agency_id)
    values.setdefault("text", "")
    values.setdefault("step", Step.DISCUSSION if case_id is not None else Step.GENERAL)
    values.setdefault("recorded_at", None)
    f.apply(point, POINT_FIELDS, values)
    attach(session, audit, "discussion_points", point)
    session.flush()
    return point


def update_point(session: Session, point_id: int, **changes: Any) -> DiscussionPoint:
    point = get(session, DiscussionPoint, point_id, "discussion point")
    if "case_id" in changes:
        point.case_id = _moved_case(session, point.audit_id, changes.pop("case_id"))
    f.apply(point, POINT_FIELDS, changes)
    session.flush()
    return point


def delete_point(session: Session, point_id: int) -> None:
    session.delete(get(session, DiscussionPoint, point_id, "discussion point"))
    session.flush()


def _moved_case(session: Session, audit_id: int, case_id: int | None) -> int | None:
    check_case_in_audit(session, audit_id, case_id)
    return case_id


def _domains(session: Session, audit_id: int, domain_ids: Sequence[int]) -> list[Domain]:
    domains = [get(session, Domain, ident, "domain") for ident in dict.fromkeys(domain_ids)]
    for domain in domains:
        if domain.audit_id != audit_id:
            raise DomainError(f"'{domain.name}' is not a domain of this audit's tool.", "domains")
    return domains


def add_finding(
    session: Session,
    audit_id: int,
    *,
    case_id: int | None = None,
    domain_ids: Sequence[int] = (),
    **values: Any,
) -> Finding:
    audit = get(session, Audit, audit_id, "audit")
    check_case_in_audit(session, audit_id, case_id)
    finding = Finding(audit_id=audit_id, case_id=case_id)
    values.setdefault("text", "")
    f.apply(finding, FINDING_FIELDS, values)
    finding.domains = _domains(session, audit_id, domain_ids)
    finding.position = next_position(session, Finding.position, Finding.audit_id, audit_id)
    attach(session, audit, "findings", finding)
    session.flush()
    return finding


def update_finding(session: Session, finding_id: int, **changes: Any) -> Finding:
    finding = get(session, Finding, finding_id, "finding")
    if "case_id" in changes:
        finding.case_id = _moved_case(session, finding.audit_id, changes.pop("case_id"))
    if "domain_ids" in changes:
        finding.domains = _domains(session, finding.audit_id, changes.pop("domain_ids"))
    f.apply(finding, FINDING_FIELDS, changes)
    session.flush()
    return finding


def delete_finding(session: Session, finding_id: int) -> None:
    session.delete(get(session, Finding, finding_id, "finding"))
    session.flush()


def reorder_findings(session: Session, audit_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, Audit, audit_id, "audit").findings, ordered_ids, "findings")
    session.flush()
