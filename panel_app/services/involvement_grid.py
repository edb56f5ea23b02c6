"""The involvement grid: every agency of an audit against every case, read and written whole.

    grid = involvement_grid(session, audit_id)
    grid.agencies[i].cells[j].status        # InvolvementStatus, or None when nothing recorded
    grid.agencies[i].total                  # "3 of 5 (1 out of scope, 1 not known)"
    grid.case_counts(j)                     # per case, over the agencies taking part
    set_cells(session, audit_id, {(case_id, agency_id): status_or_None, ...}, kept)

A change to many cells (a paste) is written in one transaction: all of it or none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus, label
from db.models import Audit, Case, Involvement, InvolvementGrade
from panel_app.errors import DomainError
from panel_app.services import involvement as involvement_service
from panel_app.services.cases import escalated_ids
from panel_app.services.common import get
from panel_app.services.snapshots import Snapshot

#: The statuses in the order totals give them (the participation table's order).
STATUSES: tuple[InvolvementStatus, ...] = tuple(InvolvementStatus)

Pair = tuple[int, int]  # (case id, agency id)


def total_text(counts: Sequence[int], cases: int) -> str:
    """The reference's wording, as the participation table prints it: '3 of 5 (1 out of
    scope, 1 not known)', '0 (not known)', or '-' when nothing is recorded."""
    audited, others = (
        counts[0],
        [
            (label(status.value).lower(), number)
            for status, number in zip(STATUSES[1:], counts[1:], strict=True)
            if number
        ],
    )
    if audited == 0 and not others:
        return "-"
    if audited == 0 and len(others) == 1 and others[0][1] == cases:
        return f"0 ({others[0][0]})"
    words = ", ".join(f"{number} {name}" for name, number in others)
    if audited == 0:
        return f"0 ({words})"
    text = f"{audited} of {cases}"
    return f"{text} ({words})" if others else text


@dataclass(frozen=True)
class GridCell:
    status: InvolvementStatus | None
    involvement_id: int | None = None
    has_summary: bool = False  # any of the summary, strengths or areas for development
    grades: int = 0


@dataclass(frozen=True)
class GridCase:
    id: int
    pseudonym: str
    escalated: bool


@dataclass(frozen=True)
class GridAgency:
    agency_id: int
    participation_id: int
    name: str
    status: ParticipationStatus
    reason: str
    cells: tuple[GridCell, ...]

    @property
    def taking_part(self) -> bool:
        return self.status is ParticipationStatus.PARTICIPATING

    @property
    def counts(self) -> tuple[int, ...]:
        return _counts(self.cells)

    @property
    def total(self) -> str:
        return total_text(self.counts, len(self.cells))


def _counts(cells: Sequence[GridCell]) -> tuple[int, ...]:
    return tuple(sum(1 for cell in cells if cell.status is status) for status in STATUSES)


@dataclass(frozen=True)
class Grid:
    cases: tuple[GridCase, ...]
    agencies: tuple[GridAgency, ...]

    def case_counts(self, column: int) -> tuple[int, ...]:
        """How many agencies taking part had each status in the case, in ``STATUSES`` order."""
        return _counts([a.cells[column] for a in self.agencies if a.taking_part])

    def taking_part(self) -> int:
        return sum(1 for a in self.agencies if a.taking_part)


def involvement_grid(session: Session, audit_id: int) -> Grid:
    audit = get(session, Audit, audit_id, "audit")
    grades = (
        select(InvolvementGrade.involvement_id, func.count().label("n"))
        .group_by(InvolvementGrade.involvement_id)
        .subquery()
    )
    found = session.execute(
        select(Involvement, func.coalesce(grades.c.n, 0))
        .join(Case, Involvement.case_id == Case.id)
        .outerjoin(grades, grades.c.involvement_id == Involvement.id)
        .where(Case.audit_id == audit_id)
    ).all()
    by_pair = {
        (i.case_id, i.agency_id): GridCell(
            i.status,
            i.id,
            bool(i.summary.strip() or i.strengths.strip() or i.areas_for_development.strip()),
            int(n),
        )
        for i, n in found
    }
    escalated = escalated_ids(session, audit.id)  # one query, not one per case
    cases = tuple(GridCase(c.id, c.pseudonym, c.id in escalated) for c in audit.cases)
    agencies = tuple(
        GridAgency(
            p.agency_id,
            p.id,
            p.agency.name,
            p.status,
            p.reason,
            tuple(by_pair.get((c.id, p.agency_id), GridCell(None)) for c in cases),
        )
        for p in audit.participations
    )
    return Grid(cases, agencies)


def content_lost(session: Session, audit_id: int, pairs: Sequence[Pair]) -> list[str]:
    """What clearing these cells would delete with them, as "Police's summary for Child A"."""
    grid = involvement_grid(session, audit_id)
    cases = {c.id: (i, c.pseudonym) for i, c in enumerate(grid.cases)}
    lost = []
    for agency in grid.agencies:
        for case_id, agency_id in pairs:
            if agency_id != agency.agency_id or case_id not in cases:
                continue
            column, pseudonym = cases[case_id]
            cell = agency.cells[column]
            held = [word for word, has in (("summary", cell.has_summary),
                                           (_grades(cell.grades), cell.grades)) if has]  # fmt: skip
            if held:
                lost.append(f"{agency.name}'s {' and '.join(held)} for {pseudonym}")
    return lost


def _grades(count: int) -> str:
    return "grade" if count == 1 else f"{count} grades"


def set_cells(
    session: Session,
    audit_id: int,
    wanted: Mapping[Pair, InvolvementStatus | None],
    kept: Mapping[Pair, Snapshot],
) -> dict[Pair, Snapshot]:
    """Make each cell hold its wanted status (``None`` clears it, summary and grades too).

    A cell cleared earlier comes back from its snapshot in ``kept``, with what it held; the
    snapshots of the cells cleared now are returned, for undo to put them back.
    """
    case_ids = {c.id for c in get(session, Audit, audit_id, "audit").cases}
    cleared: dict[Pair, Snapshot] = {}
    for (case_id, agency_id), status in wanted.items():
        if case_id not in case_ids:
            raise DomainError("That case is no longer in this audit: it may have been deleted.")
        current = involvement_service.involvement_of(session, case_id, agency_id)
        if status is None:
            if current is not None:
                taken = involvement_service.clear_involvement(session, current.id)
                cleared[case_id, agency_id] = taken
            continue
        if current is None and (case_id, agency_id) in kept:
            current = involvement_service.restore_involvement(session, kept[case_id, agency_id])
        if current is None:
            involvement_service.set_involvement(session, case_id, agency_id, status=status)
        elif current.status is not status:
            involvement_service.update_involvement(session, current.id, status=status)
    session.flush()
    return cleared
