"""The learning briefing: one or two pages for practitioners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import ActionKind, FindingKind, InvolvementStatus, ParticipationStatus, label
from db.models import Audit
from panel_app.dates import format_long
from panel_app.documents.model_common import (
    Masthead,
    count_words,
    load_audit,
    masthead,
    of_the,
)
from panel_app.documents.model_summary import paragraphs, scope_sentence
from panel_app.documents.text import clean

INTRODUCTION = (
    "This briefing presents the key findings and recommendations from the audit and is aimed "
    "at managers and practitioners working with children and families. Please share it with "
    "colleagues."
)


@dataclass(frozen=True)
class AgencyCount:
    agency: str
    audited: str
    detail: str


@dataclass(frozen=True)
class DomainPoints:
    domain: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class BriefingModel:
    masthead: Masthead
    introduction: str
    background: tuple[str, ...]
    methodology: tuple[str, ...]
    agencies: tuple[AgencyCount, ...]
    key_points: tuple[DomainPoints, ...]
    do_now: tuple[str, ...]
    further: tuple[str, ...]


def _background(audit: Audit) -> tuple[str, ...]:
    """Why the audit was done: its rationale as written, else what it looked at."""
    found = paragraphs(audit.rationale)
    if found:
        return found
    theme = clean(audit.theme)
    return (
        f"The partnership audited multi-agency practice with children and families where "
        f"there were concerns about {theme.lower()}."
        if theme
        else "No rationale was recorded.",
    )


def _methodology(audit: Audit) -> tuple[str, ...]:
    """How: the period and scope, the cases and agencies, the panel."""
    out = [scope_sentence(audit)]
    cases = len(audit.cases)
    agencies = sum(1 for p in audit.participations if p.status is ParticipationStatus.PARTICIPATING)
    discussed = sum(1 for c in audit.cases if c.discussed)
    when = f" on {format_long(audit.panel_date)}" if audit.panel_date else ""
    if not cases:
        out.append("No cases have been added to this audit yet.")
    else:
        out.append(
            f"{count_words(cases).capitalize()} case{'s' if cases != 1 else ''} were audited "
            f"by {count_words(agencies)} agenc{'y' if agencies == 1 else 'ies'}; at the "
            f"panel{when} {of_the(discussed, cases, 'cases')} discussed."
        )
    return tuple(p for p in out if p)


def _further(audit: Audit) -> tuple[str, ...]:
    """Who to ask: the business manager (the partnership's contact for its audits)."""
    partnership = audit.partnership
    name = clean(partnership.business_manager)
    title = clean(partnership.business_manager_title) or "Business Manager"
    who = f"{name}, {title}" if name else f"the {title}"
    return (
        f"The executive summary of this audit gives its findings and recommendations in full. "
        f"For a copy, or to discuss the audit, contact {who}, {clean(partnership.name)}.",
    )


def _agency_counts(audit: Audit) -> tuple[AgencyCount, ...]:
    total = len(audit.cases)
    rows = []
    for participation in audit.participations:
        if participation.status is not ParticipationStatus.PARTICIPATING:
            continue
        statuses = [
            i.status
            for case in audit.cases
            for i in case.involvements
            if i.agency_id == participation.agency_id
        ]
        audited = statuses.count(InvolvementStatus.AUDITED)
        others = [
            f"{statuses.count(s)} {label(s.value).lower()}"
            for s in InvolvementStatus
            if s is not InvolvementStatus.AUDITED and statuses.count(s)
        ]
        rows.append(
            AgencyCount(
                clean(participation.agency.name), f"{audited} of {total}", ", ".join(others)
            )
        )
    return tuple(rows)


def _key_points(audit: Audit) -> tuple[DomainPoints, ...]:
    """What the audit found (good practice, themes, areas for development), each finding once,
    under the first domain it is tagged with; untagged themes first, other untagged last.
    Learning is what to do, so it goes under "What to do now" instead."""
    by_domain: dict[str, list[str]] = {clean(d.name): [] for d in audit.domains}
    themes: list[str] = []
    other: list[str] = []
    for finding in audit.findings:
        text = clean(finding.text)
        if not text or finding.kind is FindingKind.LEARNING:
            continue
        point = f"{label(finding.kind.value)}: {text}"
        if finding.domains:
            by_domain.setdefault(clean(finding.domains[0].name), []).append(point)
        elif finding.kind is FindingKind.THEME:
            themes.append(text)
        else:
            other.append(point)
    found = [DomainPoints(name, tuple(points)) for name, points in by_domain.items() if points]
    if themes:
        found.insert(0, DomainPoints("Themes", tuple(themes)))
    if other:
        found.append(DomainPoints("Across the domains", tuple(other)))
    return tuple(found)


def _do_now(audit: Audit) -> tuple[str, ...]:
    """The learning, then the recommendations with who leads and by when; advice that is
    both learning and a recommendation is said once, with its lead and date."""
    items: dict[str, str] = {}
    for finding in audit.findings:
        if finding.kind is FindingKind.LEARNING and clean(finding.text):
            items.setdefault(clean(finding.text).casefold(), clean(finding.text))
    for action in audit.actions:
        text = clean(action.text)
        if action.kind is not ActionKind.RECOMMENDATION or not text:
            continue
        who, when = clean(action.owner), format_long(action.due_date)
        tail = ", ".join(part for part in (who and f"lead: {who}", when and f"by {when}") if part)
        items[text.casefold()] = text + (f" ({tail})" if tail else "")
    return tuple(items.values())


def briefing_model(session: Session, audit_id: int) -> BriefingModel:
    audit = load_audit(session, audit_id)
    return BriefingModel(
        masthead=masthead(audit, "Learning briefing"),
        introduction=INTRODUCTION,
        background=_background(audit),
        methodology=_methodology(audit),
        agencies=_agency_counts(audit),
        key_points=_key_points(audit),
        do_now=_do_now(audit),
        further=_further(audit),
    )
