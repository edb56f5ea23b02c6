"""What every document shares: its masthead, and the small lines several documents list.

Models hold plain, cleaned text: renderers never touch the ORM, and a case's private
reference is never read here, so it cannot reach a document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db.enums import FindingKind, label
from db.models import Action, Audit, Case, Finding, Involvement
from panel_app.dates import format_long, format_short
from panel_app.documents.text import clean
from panel_app.errors import NotFoundError

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class Masthead:
    """Printed at the top of the first page, and (in part) on every page."""

    partnership: str
    marking: str
    audit_title: str
    theme: str
    panel_date: str
    document_title: str
    draft: bool = False


@dataclass(frozen=True)
class ActionLine:
    """An action as documents print it. ``owner`` is empty when none was agreed; ``due`` is
    the due date, else "Review <date>" (as the reference summaries give a review date in
    place of a deadline), else empty."""

    text: str
    owner: str
    due: str
    status: str
    case: str = ""

    @property
    def not_smart(self) -> tuple[str, ...]:
        """What the action lacks to be SMART: "owner", "date", both or neither."""
        return tuple(gap for gap, value in (("owner", self.owner), ("date", self.due)) if not value)


@dataclass(frozen=True)
class FindingLine:
    text: str
    kind: str
    domains: tuple[str, ...] = ()
    theme: str = ""
    case: str = ""


def load_audit(session: Session, audit_id: int) -> Audit:
    """The audit with what documents read loaded in a few queries, not one per case."""
    audit = session.scalar(
        select(Audit)
        .where(Audit.id == audit_id)
        .options(
            selectinload(Audit.cases).options(
                selectinload(Case.involvements).selectinload(Involvement.grades),
                selectinload(Case.grades),
                selectinload(Case.family_views),
                selectinload(Case.escalation),
            ),
            selectinload(Audit.findings).selectinload(Finding.domains),
            selectinload(Audit.actions).selectinload(Action.case),
            selectinload(Audit.domains),
            selectinload(Audit.scale),
            selectinload(Audit.participations),
        )
    )
    if audit is None:
        raise NotFoundError("That audit no longer exists: it may have been deleted.")
    return audit


def masthead(audit: Audit, document_title: str, *, draft: bool = False) -> Masthead:
    partnership = audit.partnership
    return Masthead(
        partnership=clean(partnership.name),
        marking=clean(partnership.protective_marking) or "OFFICIAL-SENSITIVE",
        audit_title=clean(audit.title),
        theme=clean(audit.theme),
        panel_date=format_long(audit.panel_date),
        document_title=document_title,
        draft=draft,
    )


def is_draft(audit: Audit, forced: bool | None) -> bool:
    """Minutes are a draft until they are approved, unless the caller says."""
    return forced if forced is not None else audit.minutes_approved_on is None


def action_line(action: Action) -> ActionLine:
    return ActionLine(
        text=clean(action.text),
        owner=clean(action.owner),
        due=_when(action),
        status=label(action.status.value),
        case=clean(action.case.pseudonym) if action.case else "",
    )


def _when(action: Action) -> str:
    if action.due_date is not None:
        return format_short(action.due_date)
    if action.review_date is not None:
        return f"Review {format_short(action.review_date)}"
    return ""


def finding_line(finding: Finding) -> FindingLine:
    return FindingLine(
        text=clean(finding.text),
        kind=label(finding.kind.value),
        domains=tuple(clean(domain.name) for domain in finding.domains),
        theme=clean(finding.theme),
        case=clean(finding.case.pseudonym) if finding.case else "",
    )


def findings_of(findings: Iterable[Finding], kind: FindingKind) -> list[FindingLine]:
    return [finding_line(f) for f in findings if f.kind is kind and clean(f.text)]


def of_the(number: int, total: int, noun: str) -> str:
    """'four of the five cases were', 'one of the two cases was', 'all five cases were'."""
    if number == total > 1:
        return f"all {count_words(total)} {noun} were"
    first = "none" if number == 0 else count_words(number)
    return f"{first} of the {count_words(total)} {noun} {'was' if number == 1 else 'were'}"


def count_words(number: int) -> str:
    """'five' for 5, as the reference documents write small numbers; digits above ten."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)
