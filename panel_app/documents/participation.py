"""The participation table: which agency was involved in which case, and how.

A pure data model, built once from the database and drawn by each renderer (PDF, Excel) so
they never disagree. It reads no private reference, and holds only cleaned text.

    model = participation_model(session, audit_id)
    model.cases                  # the columns: CaseColumn(pseudonym, ...), in the audit's order
    model.rows                   # one AgencyRow per participating agency, in the audit's order
    row.cells[i].label           # "Audited", "Out of scope", "Not known", "Not open" or ""
    row.count(InvolvementStatus.AUDITED), row.summary   # "3 of 5 (1 out of scope, 1 not known)"
    model.cases[i].count(...)    # per case, over the participating agencies
    model.total(status)          # the whole grid
    model.unable, model.invited  # Absence(agency, reason): unable to participate / not involved

A blank cell means no involvement was recorded for that agency and case (the reference
documents print "-" there).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import InvolvementStatus, ParticipationStatus, label
from db.models import Audit
from panel_app.documents.model_common import Masthead, load_audit, masthead
from panel_app.documents.text import clean

TITLE = "Participation table"

#: The statuses in the order the table's totals are given.
STATUSES: tuple[InvolvementStatus, ...] = (
    InvolvementStatus.AUDITED,
    InvolvementStatus.OUT_OF_SCOPE,
    InvolvementStatus.NOT_KNOWN,
    InvolvementStatus.NOT_OPEN,
)


@dataclass(frozen=True)
class Cell:
    """One agency's involvement in one case; ``status`` is None when none was recorded."""

    status: InvolvementStatus | None

    @property
    def label(self) -> str:
        return "" if self.status is None else label(self.status.value)


@dataclass(frozen=True)
class CaseColumn:
    pseudonym: str
    discussed: bool
    escalated: bool
    #: How many participating agencies had each status in this case, in ``STATUSES`` order.
    counts: tuple[int, ...]

    def count(self, status: InvolvementStatus) -> int:
        return self.counts[STATUSES.index(status)]


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    lead_auditor: str
    cells: tuple[Cell, ...]  # one per case, in the order of ``ParticipationModel.cases``
    #: How many cases had each status for this agency, in ``STATUSES`` order.
    counts: tuple[int, ...]

    def count(self, status: InvolvementStatus) -> int:
        return self.counts[STATUSES.index(status)]

    @property
    def summary(self) -> str:
        """The reference's wording: '3 of 5 (1 out of scope, 1 not known)', '0 (not known)'."""
        audited = self.count(InvolvementStatus.AUDITED)
        others = [
            (label(status.value).lower(), number)
            for status, number in zip(STATUSES[1:], self.counts[1:], strict=True)
            if number
        ]
        if audited == 0 and not others:
            return "-"
        if audited == 0 and len(others) == 1 and others[0][1] == len(self.cells):
            return f"0 ({others[0][0]})"
        words = ", ".join(f"{number} {name}" for name, number in others)
        if audited == 0:
            return f"0 ({words})"
        text = f"{audited} of {len(self.cells)}"
        return f"{text} ({words})" if others else text


@dataclass(frozen=True)
class Absence:
    """An agency of the audit that audited no case, and why."""

    agency: str
    reason: str


@dataclass(frozen=True)
class ParticipationModel:
    masthead: Masthead
    statuses: tuple[InvolvementStatus, ...]
    cases: tuple[CaseColumn, ...]
    rows: tuple[AgencyRow, ...]
    unable: tuple[Absence, ...]  # unable to participate
    invited: tuple[Absence, ...]  # invited, not involved

    @property
    def status_labels(self) -> tuple[str, ...]:
        return tuple(label(status.value) for status in self.statuses)

    def total(self, status: InvolvementStatus) -> int:
        return sum(row.count(status) for row in self.rows)


def _counts(cells: list[Cell]) -> tuple[int, ...]:
    return tuple(sum(1 for cell in cells if cell.status is status) for status in STATUSES)


def _rows(audit: Audit) -> list[AgencyRow]:
    by_pair = {(i.case_id, i.agency_id): i.status for c in audit.cases for i in c.involvements}
    rows = []
    for p in audit.participations:
        if p.status is not ParticipationStatus.PARTICIPATING:
            continue
        cells = [Cell(by_pair.get((case.id, p.agency_id))) for case in audit.cases]
        auditor = ", ".join(
            x for x in (clean(p.lead_auditor_name), clean(p.lead_auditor_role)) if x
        )
        rows.append(AgencyRow(clean(p.agency.name), auditor, tuple(cells), _counts(cells)))
    return rows


def participation_model(session: Session, audit_id: int) -> ParticipationModel:
    """The audit's participating agencies × its cases, with totals and the agencies absent."""
    audit = load_audit(session, audit_id)
    rows = _rows(audit)
    cases = tuple(
        CaseColumn(
            pseudonym=clean(case.pseudonym),
            discussed=case.discussed,
            escalated=case.escalation is not None,
            counts=_counts([row.cells[index] for row in rows]),
        )
        for index, case in enumerate(audit.cases)
    )

    def absent(status: ParticipationStatus) -> tuple[Absence, ...]:
        return tuple(
            Absence(clean(p.agency.name), clean(p.reason))
            for p in audit.participations
            if p.status is status
        )

    return ParticipationModel(
        masthead=masthead(audit, TITLE),
        statuses=STATUSES,
        cases=cases,
        rows=tuple(rows),
        unable=absent(ParticipationStatus.UNABLE),
        invited=absent(ParticipationStatus.INVITED_NOT_INVOLVED),
    )
