"""The executive summary, in the shape of the partnership's published summaries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import ActionKind, Consent, FindingKind, ParticipationStatus
from db.models import Audit
from panel_app.dates import format_long
from panel_app.documents.blocks import GradeChart
from panel_app.documents.model_common import (
    ActionLine,
    Masthead,
    action_line,
    count_words,
    findings_of,
    load_audit,
    masthead,
    of_the,
)
from panel_app.documents.text import clean

_NUMBERED = re.compile(r"^(\d+\.\d+\.?|\d+\.)\s+")

DEFAULT_METHODOLOGY = (
    "The audits are qualitative: they do not intend to provide a statistically valid, "
    "quantitative audit of practice, but a window on the system, to illuminate practice "
    "strengths and areas for development across the partnership."
)


@dataclass(frozen=True)
class AgencyLine:
    name: str
    reason: str = ""


@dataclass(frozen=True)
class SummaryModel:
    masthead: Masthead
    introduction: tuple[str, ...]
    audit: tuple[str, ...]
    process: tuple[str, ...]
    participating: tuple[AgencyLine, ...]
    unable: tuple[AgencyLine, ...]
    not_involved: tuple[AgencyLine, ...]
    good_practice: tuple[str, ...]
    themes: tuple[str, ...]
    learning: tuple[str, ...]
    areas_for_development: tuple[str, ...]
    chart: GradeChart | None
    recommendations: tuple[ActionLine, ...]
    signatory: str
    signatory_title: str


def paragraphs(text: str) -> tuple[str, ...]:
    """Text split at blank lines into paragraphs (single line breaks stay inside them).

    Lines numbered by hand ("1.1 ...", "2. ...") become paragraphs of their own without the
    number: the document numbers its paragraphs itself.
    """
    out: list[str] = []
    for chunk in clean(text).split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if lines and all(_NUMBERED.match(line) for line in lines):
            out += [_NUMBERED.sub("", line, count=1) for line in lines]
        elif lines:
            out.append(chunk.strip())
    return tuple(p for p in out if p)


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _introduction(audit: Audit, partnership: str) -> tuple[str, ...]:
    if clean(audit.introduction):
        return paragraphs(audit.introduction)
    when = f" on {format_long(audit.panel_date)}" if audit.panel_date else ""
    return (
        f"{partnership} quality assures safeguarding practice through joint audits of case "
        "files with the agencies that worked with the children, involving practitioners and "
        "identifying lessons to be learned.",
        f"This multi-agency case audit (MACA) into practice with "
        f"{clean(audit.theme).lower() or 'children'} was undertaken by {partnership}{when}, "
        "as part of its rolling programme of audits.",
    )


def scope_sentence(audit: Audit) -> str:
    """The period looked at and what was in scope, as a sentence (or nothing)."""
    described = clean(audit.scope_description).rstrip(".")
    if audit.scope_start and audit.scope_end:
        period = (
            f"The audit looked at practice from {format_long(audit.scope_start)} to "
            f"{format_long(audit.scope_end)}."
        )
        return period + (f" Scope: {described}." if described else "")
    return f"Scope: {described}." if described else ""


def _cases_selected(audit: Audit) -> str:
    total = len(audit.cases)
    consents = [c.consent for c in audit.cases]
    text = "One case was selected." if total == 1 else f"{count_words(total).capitalize()} "
    if total != 1:
        text += "cases were selected."
    obtained, declined = consents.count(Consent.OBTAINED), consents.count(Consent.DECLINED)
    if obtained or declined:
        text += f" Consent was obtained from {count_words(obtained)} "
        text += f"famil{'y' if obtained == 1 else 'ies'}"
        text += f" and declined by {count_words(declined)}." if declined else "."
    return text


def _the_audit(audit: Audit) -> tuple[str, ...]:
    """Rationale, scope and methodology as written; what the app knows where none is."""
    out = [*paragraphs(audit.rationale), scope_sentence(audit)]
    if clean(audit.methodology):
        out += paragraphs(audit.methodology)
    else:
        out += [DEFAULT_METHODOLOGY, _cases_selected(audit)]
        if audit.graded and audit.domains:
            out.append(
                f"Each agency audited its own work on the cases with the "
                f"{clean(audit.tool_name)}, grading its practice in "
                f"{count_words(len(audit.domains))} domains."
            )
    return tuple(p for p in out if p)


def _process(audit: Audit) -> tuple[str, ...]:
    """The process as written, or told from the agencies' participation and the cases."""
    if clean(audit.process):
        return paragraphs(audit.process)
    out: list[str] = []
    taking_part = [p for p in audit.participations if p.status is ParticipationStatus.PARTICIPATING]
    if taking_part:
        names = [clean(p.agency.name) for p in taking_part]
        out.append(
            f"{count_words(len(names)).capitalize()} lead auditor"
            f"{'s' if len(names) != 1 else ''} from key agencies participated and facilitated "
            f"the audit for their agency: {listed(names)}."
        )
    cases = audit.cases
    with_views = sum(1 for c in cases if c.family_views)
    if cases:
        out.append(
            "A summary sheet of each audit was requested from all lead auditors. Family or "
            f"child feedback was gathered in {count_words(with_views)} of the "
            f"{count_words(len(cases))} case{'s' if len(cases) != 1 else ''}."
        )
        discussed = sum(1 for c in cases if c.discussed)
        when = f" on {format_long(audit.panel_date)}" if audit.panel_date else ""
        out.append(
            f"The panel met{when}, where {of_the(discussed, len(cases), 'cases')} discussed "
            "and learning identified."
        )
    for case in cases:
        if case.escalation is not None:
            note = clean(case.escalation.note).rstrip(".")
            outcome = clean(case.escalation.outcome)
            text = f"{clean(case.pseudonym)} was taken out of the audit to a separate meeting"
            text += f": {note}." if note else "."
            out.append(text + (f" {outcome}" if outcome else ""))
    return tuple(out) or ("No agencies or cases have been recorded for this audit yet.",)


def grade_chart(audit: Audit) -> GradeChart | None:
    """Grades by domain: the panel's grades where it gave any, else the agencies' own."""
    if not audit.graded or not audit.domains or not audit.scale:
        return None
    panel = [(c.id, g) for c in audit.cases for g in c.grades]
    agencies = [(c.id, g) for c in audit.cases for i in c.involvements for g in i.grades]
    graded = panel or agencies
    if not graded:
        return None
    grades = [grade for _, grade in graded]
    domains = {d.id: i for i, d in enumerate(audit.domains)}
    levels = {level.id: i for i, level in enumerate(audit.scale)}
    counts = [[0] * len(levels) for _ in domains]
    for grade in grades:
        if grade.domain_id in domains and grade.level_id in levels:
            counts[domains[grade.domain_id]][levels[grade.level_id]] += 1
    whose = "the panel's grades" if panel else "each agency's grades of its own work"
    total = len({case_id for case_id, _ in graded})
    return GradeChart(
        caption=f"Grades by domain: {whose} in the {count_words(total)} "
        f"case{'s' if total != 1 else ''} graded ({len(grades)} grades).",
        domains=tuple(clean(d.name) for d in audit.domains),
        levels=tuple((clean(level.label), level.colour) for level in audit.scale),
        counts=tuple(tuple(row) for row in counts),
    )


def summary_model(session: Session, audit_id: int) -> SummaryModel:
    audit = load_audit(session, audit_id)
    partnership = audit.partnership
    findings = audit.findings

    def texts(kind: FindingKind) -> tuple[str, ...]:
        return tuple(f.text for f in findings_of(findings, kind))

    def agencies(status: ParticipationStatus) -> tuple[AgencyLine, ...]:
        return tuple(
            AgencyLine(clean(p.agency.name), clean(p.reason))
            for p in audit.participations
            if p.status is status
        )

    return SummaryModel(
        masthead=masthead(audit, "Executive summary"),
        introduction=_introduction(audit, clean(partnership.name)),
        audit=_the_audit(audit),
        process=_process(audit),
        participating=agencies(ParticipationStatus.PARTICIPATING),
        unable=agencies(ParticipationStatus.UNABLE),
        not_involved=agencies(ParticipationStatus.INVITED_NOT_INVOLVED),
        good_practice=texts(FindingKind.GOOD_PRACTICE),
        themes=texts(FindingKind.THEME),
        learning=texts(FindingKind.LEARNING),
        areas_for_development=texts(FindingKind.AREA_FOR_DEVELOPMENT),
        chart=grade_chart(audit),
        recommendations=tuple(
            action_line(a) for a in audit.actions if a.kind is ActionKind.RECOMMENDATION
        ),
        signatory=clean(partnership.business_manager),
        signatory_title=clean(partnership.business_manager_title) or "Business Manager",
    )
