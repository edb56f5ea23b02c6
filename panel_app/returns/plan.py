"""What importing a return will change, shown to the user before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from db.models import Involvement
from panel_app.errors import DomainError
from panel_app.services import involvement as involvement_service
from panel_app.services.common import get

NOT_GRADED = "not graded"


class ReturnError(DomainError):
    """The file cannot be imported; each of ``problems`` names its sheet and cell."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TextChange:
    pseudonym: str
    involvement_id: int
    field: str
    label: str
    old: str
    new: str

    def describe(self) -> str:
        where = f"{self.pseudonym} · {self.label}"
        if not self.old:
            return f"{where}: added ({len(self.new):,} characters)"
        if not self.new:
            return f"{where}: cleared (was {len(self.old):,} characters)"
        return f"{where}: changed (was {len(self.old):,} characters, now {len(self.new):,})"


@dataclass(frozen=True)
class GradeChange:
    pseudonym: str
    involvement_id: int
    domain_id: int
    domain: str
    old: str | None
    new_level_id: int | None
    new: str | None

    def describe(self) -> str:
        return (
            f"{self.pseudonym} · Grade for {self.domain}: "
            f"{self.old or NOT_GRADED} → {self.new or NOT_GRADED}"
        )


@dataclass
class ReturnPlan:
    audit_id: int
    audit_title: str
    agency_id: int
    agency: str
    texts: list[TextChange] = field(default_factory=list)
    grades: list[GradeChange] = field(default_factory=list)

    @property
    def changes(self) -> list[TextChange | GradeChange]:
        return [*self.texts, *self.grades]

    @property
    def is_empty(self) -> bool:
        return not self.texts and not self.grades

    @property
    def change_count(self) -> int:
        return len(self.texts) + len(self.grades)

    @property
    def headline(self) -> str:
        if self.is_empty:
            return f"{self.agency}'s return changes nothing: the audit already holds all of it."
        cases = {change.pseudonym for change in self.changes}
        answers = "answer" if self.change_count == 1 else "answers"
        in_cases = "case" if len(cases) == 1 else "cases"
        return (
            f"{self.agency}'s return changes {self.change_count} {answers} "
            f"in {len(cases)} {in_cases}."
        )

    def describe(self) -> list[str]:
        """One line per change, for the confirmation dialog; empty when nothing changes."""
        return [change.describe() for change in self.changes]


def _stale(pseudonym: str, label: str) -> DomainError:
    return DomainError(
        f"{pseudonym} · {label} was changed in the audit after this return was read. "
        "Import the return again to see what it would change now."
    )


def apply_return(session: Session, plan: ReturnPlan) -> int:
    """Write the plan through the services, and say how many answers changed.

    Each answer is checked to still hold what the plan was read against, so that an edit made
    meanwhile (another user, another window) is never silently overwritten; any refusal raises
    and the caller's transaction writes nothing.
    """
    for text in plan.texts:
        item = get(session, Involvement, text.involvement_id, "agency summary")
        if getattr(item, text.field) != text.old:
            raise _stale(text.pseudonym, text.label)
        involvement_service.update_involvement(session, item.id, **{text.field: text.new})
    for grade in plan.grades:
        item = get(session, Involvement, grade.involvement_id, "agency summary")
        current = next((g.level.label for g in item.grades if g.domain_id == grade.domain_id), None)
        if current != grade.old:
            raise _stale(grade.pseudonym, f"Grade for {grade.domain}")
        involvement_service.set_involvement_grade(
            session, item.id, grade.domain_id, grade.new_level_id
        )
    return plan.change_count
