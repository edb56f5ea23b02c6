"""Agency summaries: what each agency that audited a case still has to send, at a glance.

found = completeness(session, audit_id)
found.agencies / found.cases            # the agencies that audit something × every case
found.cells[row][column]                # a Summary, or None where the agency audits nothing
found.complete, found.missing, found.unfinished, found.due
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus, label
from db.models import Audit, Case, Involvement, InvolvementGrade
from panel_app.services.cases import escalated_ids
from panel_app.services.common import get


@dataclass(frozen=True)
class Summary:
    """One agency's summary of one case it audits, and how far it has got."""

    involvement_id: int
    summary: bool
    strengths: bool
    areas: bool
    grades: int
    domains: int  # grades wanted: the audit's domains, or 0 when the audit is ungraded

    @property
    def missing(self) -> bool:
        return not self.summary

    @property
    def complete(self) -> bool:
        return self.summary and self.strengths and self.areas and self.grades >= self.domains

    def to_do(self) -> list[str]:
        """What is still to be written, in plain words ('the strengths', '5 of 9 grades')."""
        parts = (
            ("the summary", self.summary),
            ("the strengths", self.strengths),
            ("the areas for development", self.areas),
        )
        left = [name for name, done in parts if not done]
        if self.grades < self.domains:
            left.append(f"{self.domains - self.grades} of {self.domains} grades")
        return left

    @property
    def short(self) -> str:
        """What its cell in the completeness view says."""
        if self.complete:
            return "✓"
        if self.missing:
            return "No summary"
        if self.grades < self.domains:
            return f"{self.grades}/{self.domains} grades"
        return "Part written"


@dataclass(frozen=True)
class Completeness:
    agencies: tuple[tuple[int, str], ...]  # (agency id, name), in the audit's order
    cases: tuple[tuple[int, str], ...]  # (case id, pseudonym), in panel order
    cells: tuple[tuple[Summary | None, ...], ...]
    #: Where an agency audits nothing, what it is instead ("Not known"), for the tooltip.
    other: tuple[tuple[str, ...], ...]
    graded: bool
    domains: int
    #: The cases escalated to a separate meeting, marked in the headers as on other screens.
    escalated: frozenset[int] = frozenset()

    def summaries(self) -> list[Summary]:
        return [cell for row in self.cells for cell in row if cell is not None]

    @property
    def due(self) -> int:
        return len(self.summaries())

    @property
    def complete(self) -> int:
        return sum(1 for s in self.summaries() if s.complete)

    @property
    def missing(self) -> int:
        return sum(1 for s in self.summaries() if s.missing)

    @property
    def unfinished(self) -> int:
        return self.due - self.complete - self.missing

    def order(self) -> list[int]:
        """The involvement ids agency by agency, case by case: how returns come in."""
        return [s.involvement_id for s in self.summaries()]


def completeness(session: Session, audit_id: int) -> Completeness:
    audit = get(session, Audit, audit_id, "audit")
    domains = len(audit.domains) if audit.graded else 0
    graded_count = (
        select(InvolvementGrade.involvement_id, func.count().label("n"))
        .group_by(InvolvementGrade.involvement_id)
        .subquery()
    )
    found = session.execute(
        select(Involvement, func.coalesce(graded_count.c.n, 0))
        .join(Case, Involvement.case_id == Case.id)
        .outerjoin(graded_count, graded_count.c.involvement_id == Involvement.id)
        .where(Case.audit_id == audit_id)
    ).all()
    by_pair = {(i.case_id, i.agency_id): (i, int(n)) for i, n in found}
    cases = tuple((c.id, c.pseudonym) for c in audit.cases)
    taking_part = [p for p in audit.participations if p.status is ParticipationStatus.PARTICIPATING]
    agencies, cells, other = [], [], []
    for p in taking_part:
        row: list[Summary | None] = []
        words: list[str] = []
        for case_id, _name in cases:
            item, grades = by_pair.get((case_id, p.agency_id), (None, 0))
            if item is None or item.status is not InvolvementStatus.AUDITED:
                row.append(None)
                words.append(label(item.status.value) if item is not None else "Not recorded")
                continue
            row.append(
                Summary(
                    item.id,
                    bool(item.summary.strip()),
                    bool(item.strengths.strip()),
                    bool(item.areas_for_development.strip()),
                    min(grades, domains),
                    domains,
                )
            )
            words.append("Audited")
        if any(cell is not None for cell in row):
            agencies.append((p.agency_id, p.agency.name))
            cells.append(tuple(row))
            other.append(tuple(words))
    escalated = frozenset(escalated_ids(session, audit_id))  # one query, not one per case
    return Completeness(
        tuple(agencies), cases, tuple(cells), tuple(other), audit.graded, domains, escalated
    )


@dataclass(frozen=True)
class Heading:
    """Which summary the editor shows: the agency and the case, and the grades given."""

    involvement_id: int
    agency: str
    case: str
    grades: dict[int, int]  # domain id -> grade level id


def heading(session: Session, involvement_id: int) -> Heading:
    item = get(session, Involvement, involvement_id, "agency summary")
    grades = {grade.domain_id: grade.level_id for grade in item.grades}
    return Heading(item.id, item.agency.name, item.case.pseudonym, grades)


Named = list[tuple[int, str]]


def grade_choices(session: Session, audit_id: int) -> tuple[Named, Named]:
    """The audit's domains and its scale (best first), as (id, name)."""
    audit = get(session, Audit, audit_id, "audit")
    return [(d.id, d.name) for d in audit.domains], [(g.id, g.label) for g in audit.scale]
