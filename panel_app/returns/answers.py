"""Reading one case sheet's answers: each becomes a change in the plan, or a problem named
by its cell."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from db.models import Audit, Case, Involvement
from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.returns.plan import GradeChange, ReturnPlan, TextChange
from panel_app.returns.workbook import Question, answer_cell, cell_text, question_cell
from panel_app.services.involvement import INVOLVEMENT_FIELDS, level_named


def at(sheet: str, cell: str, message: str) -> str:
    # The services' messages start a sentence ("The summary is…"); here they continue one.
    if message.startswith("The "):
        message = "the " + message[4:]
    return f"Sheet '{sheet}', cell {cell}: {message}"


def answer_text(value: Any) -> str:
    """A cell's value as the text a lead auditor sees in it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_short(value.date())
    if isinstance(value, date):
        return format_short(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _shorten(text: str, limit: int = 80) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


class CaseReader:
    """Reads one case sheet into the plan, noting each problem by its cell."""

    def __init__(
        self, session: Session, audit: Audit, plan: ReturnPlan, problems: list[str]
    ) -> None:
        self.session, self.audit, self.plan, self.problems = session, audit, plan, problems
        self.domains = {domain.name.lower(): domain for domain in audit.domains}

    def read(self, sheet: Any, case: Case, item: Involvement, questions: list[Question]) -> None:
        for index, question in enumerate(questions):
            where = question_cell(index)
            if answer_text(sheet[where].value) != question.text:
                self.problem(
                    sheet,
                    where,
                    f"the question has been changed; it should read '{_shorten(question.text)}'. "
                    "Put it back as it was and try again.",
                )
                continue
            cell = sheet[answer_cell(index)]
            if cell.data_type == "f":
                self.problem(
                    sheet, cell.coordinate, "the answer is a formula. Type it as words instead."
                )
            elif question.is_grade:
                self.grade(sheet, cell, case, item, question)
            else:
                self.text(sheet, cell, case, item, question)

    def problem(self, sheet: Any, cell: str, message: str) -> None:
        self.problems.append(at(sheet.title, cell, message))

    def text(self, sheet: Any, cell: Any, case: Case, item: Involvement, q: Question) -> None:
        try:
            new = INVOLVEMENT_FIELDS[q.key](answer_text(cell.value))
        except DomainError as error:
            self.problem(sheet, cell.coordinate, error.message)
            return
        old = getattr(item, q.key)
        # The return was written without the control characters a cell cannot hold.
        if new not in (old, cell_text(old)):
            self.plan.texts.append(TextChange(case.pseudonym, item.id, q.key, q.label, old, new))

    def grade(self, sheet: Any, cell: Any, case: Case, item: Involvement, q: Question) -> None:
        label = answer_text(cell.value).strip()
        domain = self.domains.get(q.domain.lower())
        if domain is None:
            if label:
                self.problem(
                    sheet,
                    cell.coordinate,
                    f"this audit's tool no longer has a domain called '{q.domain}', so this "
                    "grade cannot be imported. Make a new return for the agency.",
                )
            return
        try:
            level = level_named(self.session, self.audit.id, label) if label else None
        except DomainError as error:
            self.problem(sheet, cell.coordinate, error.message)
            return
        old = next((g.level for g in item.grades if g.domain_id == domain.id), None)
        if old != level:
            self.plan.grades.append(
                GradeChange(
                    case.pseudonym,
                    item.id,
                    domain.id,
                    domain.name,
                    old.label if old else None,
                    level.id if level else None,
                    level.label if level else None,
                )
            )
