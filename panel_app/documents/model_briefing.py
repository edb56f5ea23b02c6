"""The learning briefing: two pages for practitioners, after the familial sexual abuse briefing.

It says less than the executive summary, on purpose: the background and methodology in a few
lines, each domain's findings in a few sentences, and a short list of what practitioners
should do now (``condense`` chooses the sentences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import ActionKind, FindingKind, InvolvementStatus, ParticipationStatus, label
from db.models import Audit
from panel_app.dates import format_long
from panel_app.documents.condense import action_sentence, choose, is_directive, repeats
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


#: Words for each domain's key points, and for the background: a briefing is two pages.
DOMAIN_WORDS = 55
BACKGROUND_WORDS = 60
#: "What to do now": at most this many actions, each at most this many words.
DO_NOW_ITEMS = 6
DO_NOW_WORDS = 40
#: Recommendation owners that mean everyone, so practice for every practitioner.
EVERYONE = re.compile(r"^\s*(all\b|every|practitioners|partners)", re.IGNORECASE)


@dataclass(frozen=True)
class AgencyCount:
    agency: str
    audited: str
    detail: str


@dataclass(frozen=True)
class DomainPoints:
    """A domain's key points condensed: what the panel found (its themes), what worked well
    and what is to improve, each a few sentences, any of them empty."""

    domain: str
    found: str
    worked_well: str
    to_improve: str


@dataclass(frozen=True)
class BriefingModel:
    masthead: Masthead
    introduction: str
    background: str
    methodology: str
    agencies: tuple[AgencyCount, ...]
    key_points: tuple[DomainPoints, ...]
    do_now: tuple[str, ...]
    further: str


def _background(audit: Audit) -> str:
    """Why the audit was done: its rationale in a few sentences, else what it looked at."""
    found = paragraphs(audit.rationale)
    if found:
        return choose([found], BACKGROUND_WORDS)[0]
    theme = clean(audit.theme)
    return (
        f"The partnership audited multi-agency practice with children and families where "
        f"there were concerns about {theme.lower()}."
        if theme
        else "No rationale was recorded."
    )


def _methodology(audit: Audit) -> str:
    """How, in a sentence or two: the period and scope, the cases and agencies, the panel."""
    out = [scope_sentence(audit)]
    cases = len(audit.cases)
    agencies = sum(1 for p in audit.participations if p.status is ParticipationStatus.PARTICIPATING)
    discussed = sum(1 for c in audit.cases if c.discussed)
    when = f" on {format_long(audit.panel_date)}" if audit.panel_date else ""
    if not cases:
        out.append("No cases have been added to this audit yet.")
    else:
        out.append(
            f"{count_words(cases).capitalize()} case{'s' if cases != 1 else ''} "
            f"{'were' if cases != 1 else 'was'} audited by {count_words(agencies)} "
            f"agenc{'y' if agencies == 1 else 'ies'}; at the panel{when} "
            f"{of_the(discussed, cases, 'cases')} discussed."
        )
    return " ".join(p for p in out if p)


def _further(audit: Audit) -> str:
    """Where the rest is, and who to ask: the business manager."""
    partnership = audit.partnership
    name = clean(partnership.business_manager)
    title = clean(partnership.business_manager_title) or "Business Manager"
    who = f"{name}, {title}" if name else f"the {title}"
    count = sum(1 for a in audit.actions if a.kind is ActionKind.RECOMMENDATION and clean(a.text))
    recommendations = (
        f", with all {count_words(count)} recommendations and who leads each"
        if count > 1
        else (", with its recommendation and who leads it" if count else "")
    )
    return (
        f"The executive summary gives the audit's findings in full{recommendations}. For a "
        f"copy, or to discuss the audit, contact {who}, {clean(partnership.name)}."
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


def _do_now(audit: Audit) -> tuple[str, ...]:
    """A few practice actions: from the learning and the recommendations for everyone, the
    sentence of each that says what to do. Those that say what to do come first; each thing
    is said once; the rest of the recommendations are for the bodies named, in the summary."""
    general: list[str] = []
    for_cases: list[str] = []
    for finding in audit.findings:
        if finding.kind is FindingKind.LEARNING and clean(finding.text):
            (for_cases if finding.case_id else general).append(clean(finding.text))
    everyone = [
        clean(a.text)
        for a in audit.actions
        if a.kind is ActionKind.RECOMMENDATION
        and clean(a.text)
        and (not clean(a.owner) or EVERYONE.match(a.owner))
    ]
    offered = [action_sentence(text, DO_NOW_WORDS) for text in (*general, *everyone, *for_cases)]
    ranked = [s for s in offered if is_directive(s)] + [s for s in offered if not is_directive(s)]
    chosen: list[str] = []
    for sentence in ranked:
        if sentence and not repeats(sentence, chosen):
            chosen.append(sentence)
        if len(chosen) == DO_NOW_ITEMS:
            break
    return tuple(chosen)


def _key_points(audit: Audit, said: tuple[str, ...]) -> tuple[DomainPoints, ...]:
    """Each domain's findings in a few sentences: themes, good practice, then areas for
    development and learning. A finding counts under the first domain it is tagged with;
    untagged themes come first, other untagged findings last. What "What to do now" says
    already is not said again, nor is the rest of a learning finding it quotes."""
    kinds = {
        FindingKind.THEME: 0,
        FindingKind.GOOD_PRACTICE: 1,
        FindingKind.AREA_FOR_DEVELOPMENT: 2,
        FindingKind.LEARNING: 2,
    }
    by_domain: dict[str, tuple[list[str], list[str], list[str]]] = {
        clean(d.name): ([], [], []) for d in audit.domains
    }
    themes: tuple[list[str], list[str], list[str]] = ([], [], [])
    other: tuple[list[str], list[str], list[str]] = ([], [], [])
    for finding in audit.findings:
        text = clean(finding.text)
        if not text:
            continue
        if finding.kind is FindingKind.LEARNING and action_sentence(text, DO_NOW_WORDS) in said:
            continue  # learning "What to do now" gives: the rest of it is its background
        if finding.domains:
            groups = by_domain.setdefault(clean(finding.domains[0].name), ([], [], []))
        else:
            groups = themes if finding.kind is FindingKind.THEME else other
        groups[kinds[finding.kind]].append(text)
    named = [("Themes", themes), *by_domain.items(), ("Across the domains", other)]
    out = []
    for name, groups in named:
        if any(groups):
            found, well, improve = choose(groups, DOMAIN_WORDS, said)
            if found or well or improve:
                out.append(DomainPoints(name, found, well, improve))
    return tuple(out)


def briefing_model(session: Session, audit_id: int) -> BriefingModel:
    audit = load_audit(session, audit_id)
    do_now = _do_now(audit)
    return BriefingModel(
        masthead=masthead(audit, "Learning briefing"),
        introduction=INTRODUCTION,
        background=_background(audit),
        methodology=_methodology(audit),
        agencies=_agency_counts(audit),
        key_points=_key_points(audit, do_now),
        do_now=do_now,
        further=_further(audit),
    )
