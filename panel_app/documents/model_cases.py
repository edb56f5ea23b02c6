"""Case summaries for the chair: one page per case, each agency's summary and grades."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, label
from db.models import Audit, Case, CaseGrade, InvolvementGrade
from panel_app.documents.model_common import Masthead, load_audit, masthead
from panel_app.documents.model_minutes import View, case_facts
from panel_app.documents.text import clean

Grade = tuple[str, str]  # (label, colour)


@dataclass(frozen=True)
class GradeRow:
    who: str
    grades: tuple[Grade | None, ...]  # one per domain of the audit tool, in order


@dataclass(frozen=True)
class AgencyCaseSummary:
    agency: str
    status: str
    summary: str
    strengths: str
    areas_for_development: str


@dataclass(frozen=True)
class CaseSummary:
    pseudonym: str
    facts: str
    key_facts: str
    escalation: str | None
    agencies: tuple[AgencyCaseSummary, ...]
    grades: tuple[GradeRow, ...]
    family_views: tuple[View, ...]


@dataclass(frozen=True)
class CaseSummariesModel:
    masthead: Masthead
    domains: tuple[str, ...]
    cases: tuple[CaseSummary, ...]


def _row(who: str, grades: Sequence[InvolvementGrade | CaseGrade], audit: Audit) -> GradeRow:
    by_domain = {g.domain_id: (clean(g.level.label), g.level.colour) for g in grades}
    return GradeRow(who, tuple(by_domain.get(d.id) for d in audit.domains))


def _grades(case: Case, audit: Audit) -> tuple[GradeRow, ...]:
    if not audit.graded:
        return ()
    rows = [
        _row(clean(i.agency.short_name) or clean(i.agency.name), i.grades, audit)
        for i in case.involvements
        if i.grades
    ]
    if case.grades:
        rows.append(_row("Panel", case.grades, audit))
    return tuple(rows)


def _case(case: Case, audit: Audit) -> CaseSummary:
    escalation = case.escalation
    return CaseSummary(
        pseudonym=clean(case.pseudonym),
        facts=case_facts(case),
        key_facts=clean(case.key_facts),
        escalation=None if escalation is None else clean(escalation.note) or "Escalated",
        agencies=tuple(
            AgencyCaseSummary(
                clean(i.agency.name),
                label(i.status.value),
                clean(i.summary),
                clean(i.strengths),
                clean(i.areas_for_development),
            )
            for i in case.involvements
            if i.status is InvolvementStatus.AUDITED
        ),
        grades=_grades(case, audit),
        family_views=tuple(
            View(clean(v.speaker), clean(v.text), v.verbatim)
            for v in case.family_views
            if clean(v.text)
        ),
    )


def case_summaries_model(session: Session, audit_id: int) -> CaseSummariesModel:
    audit = load_audit(session, audit_id)
    return CaseSummariesModel(
        masthead=masthead(audit, "Case summaries"),
        domains=tuple(clean(d.name) for d in audit.domains),
        cases=tuple(_case(case, audit) for case in audit.cases),
    )
