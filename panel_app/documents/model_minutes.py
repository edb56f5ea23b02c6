"""The panel minutes: who came, then each case as the panel took it, escalations apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.enums import (
    AttendanceStatus,
    FindingKind,
    InvolvementStatus,
    ParticipationStatus,
    Step,
    label,
)
from db.models import Attendance, Audit, Case, DiscussionPoint, PanelMeeting
from panel_app.dates import format_long, format_short
from panel_app.documents.model_common import (
    ActionLine,
    FindingLine,
    Masthead,
    action_line,
    findings_of,
    is_draft,
    load_audit,
    masthead,
)
from panel_app.documents.text import clean
from panel_app.services.approval import amendments

NO_AGENCY = "Partnership"


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class AgencyPeople:
    agency: str
    people: tuple[Person, ...]


@dataclass(frozen=True)
class Point:
    time: str
    agency: str
    text: str


@dataclass(frozen=True)
class StepPoints:
    step: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class AgencySummary:
    agency: str
    summary: str
    strengths: str
    areas_for_development: str


@dataclass(frozen=True)
class View:
    speaker: str
    text: str
    verbatim: bool


@dataclass(frozen=True)
class EscalationLine:
    note: str
    raised_on: str
    outcome: str
    resolved_on: str


@dataclass(frozen=True)
class CaseMinutes:
    pseudonym: str
    facts: str
    discussed: bool
    key_facts: str
    agency_summaries: tuple[AgencySummary, ...]
    not_involved: tuple[str, ...]
    family_views: tuple[View, ...]
    discussion: tuple[StepPoints, ...]
    good_practice: tuple[FindingLine, ...]
    learning: tuple[FindingLine, ...]
    other_findings: tuple[FindingLine, ...]
    actions: tuple[ActionLine, ...]
    conclusion: str
    escalation: EscalationLine | None


@dataclass(frozen=True)
class AmendmentEntry:
    """A change made to the minutes after they were approved."""

    date: str
    by: str
    what: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class MinutesModel:
    masthead: Masthead
    date: str
    times: str
    location: str
    chair: str
    minute_taker: str
    present: tuple[AgencyPeople, ...]
    apologies: tuple[AgencyPeople, ...]
    absent: tuple[AgencyPeople, ...]
    unable: tuple[tuple[str, str], ...]
    general: tuple[StepPoints, ...]
    cases: tuple[CaseMinutes, ...]
    escalated: tuple[CaseMinutes, ...]
    findings: tuple[FindingLine, ...]
    recommendations: tuple[ActionLine, ...]
    #: "12 June 2017 by Jo Bloggs", or empty while the minutes are a draft.
    approved: str = ""
    amendments: tuple[AmendmentEntry, ...] = ()

    @property
    def draft(self) -> bool:
        return self.masthead.draft


def _by_agency(people: Iterable[Attendance]) -> tuple[AgencyPeople, ...]:
    groups: dict[str, list[Person]] = {}
    for person in people:
        agency = clean(person.agency.name) if person.agency else NO_AGENCY
        groups.setdefault(agency, []).append(Person(clean(person.name), clean(person.role)))
    return tuple(AgencyPeople(agency, tuple(found)) for agency, found in groups.items())


def _attendance(meeting: PanelMeeting | None, status: AttendanceStatus) -> tuple[AgencyPeople, ...]:
    if meeting is None:
        return ()
    return _by_agency(a for a in meeting.attendance if a.status is status)


def steps(points: Iterable[DiscussionPoint]) -> tuple[StepPoints, ...]:
    """Points in time order, grouped by the chair's steps in their running order."""
    grouped: dict[Step, list[Point]] = {}
    for point in sorted(points, key=lambda p: (p.recorded_at, p.id)):
        text = clean(point.text)
        if text:
            agency = clean(point.agency.name) if point.agency else ""
            grouped.setdefault(point.step, []).append(
                Point(point.recorded_at.strftime("%H:%M"), agency, text)
            )
    return tuple(
        StepPoints(label(step.value), tuple(grouped[step])) for step in Step if step in grouped
    )


def case_facts(case: Case) -> str:
    """'Age band: 5-9 · Gender: Male · ... · Consent: obtained', leaving out what is blank."""
    facts = (
        ("Age band", case.age_band),
        ("Gender", case.gender),
        ("Ethnicity", case.ethnicity),
        ("Disability", case.disability),
        ("Consent", label(case.consent.value).lower()),
    )
    return " · ".join(f"{name}: {clean(value)}" for name, value in facts if clean(value))


def _case(audit: Audit, case: Case, points: list[DiscussionPoint]) -> CaseMinutes:
    findings = [f for f in audit.findings if f.case_id == case.id]
    audited = [i for i in case.involvements if i.status is InvolvementStatus.AUDITED]
    escalation = case.escalation
    return CaseMinutes(
        pseudonym=clean(case.pseudonym),
        facts=case_facts(case),
        discussed=case.discussed,
        key_facts=clean(case.key_facts),
        agency_summaries=tuple(
            AgencySummary(
                clean(i.agency.name),
                clean(i.summary),
                clean(i.strengths),
                clean(i.areas_for_development),
            )
            for i in audited
        ),
        not_involved=tuple(
            f"{clean(i.agency.name)} ({label(i.status.value).lower()})"
            for i in case.involvements
            if i.status is not InvolvementStatus.AUDITED
        ),
        family_views=tuple(
            View(clean(v.speaker), clean(v.text), v.verbatim)
            for v in case.family_views
            if clean(v.text)
        ),
        discussion=steps(points),
        good_practice=tuple(findings_of(findings, FindingKind.GOOD_PRACTICE)),
        learning=tuple(findings_of(findings, FindingKind.LEARNING)),
        other_findings=tuple(
            findings_of(findings, FindingKind.THEME)
            + findings_of(findings, FindingKind.AREA_FOR_DEVELOPMENT)
        ),
        actions=tuple(action_line(a) for a in audit.actions if a.case_id == case.id),
        conclusion=clean(case.conclusion),
        escalation=None
        if escalation is None
        else EscalationLine(
            clean(escalation.note),
            format_long(escalation.raised_on),
            clean(escalation.outcome),
            format_long(escalation.resolved_on),
        ),
    )


def ordered_cases(audit: Audit, meeting: PanelMeeting | None) -> list[Case]:
    """The cases in agenda order, then any not on the agenda in the audit's order."""
    agenda = [item.case for item in meeting.agenda] if meeting else []
    on_agenda = {case.id for case in agenda}
    return agenda + [case for case in audit.cases if case.id not in on_agenda]


def _times(meeting: PanelMeeting | None) -> str:
    if meeting is None or meeting.start_time is None:
        return ""
    start = meeting.start_time.strftime("%H:%M")
    return f"{start} to {meeting.end_time.strftime('%H:%M')}" if meeting.end_time else start


def _approved(audit: Audit) -> str:
    if audit.minutes_approved_on is None:
        return ""
    by = clean(audit.minutes_approved_by)
    return f"{format_long(audit.minutes_approved_on)}{f' by {by}' if by else ''}"


def _amendments(session: Session, audit_id: int) -> tuple[AmendmentEntry, ...]:
    return tuple(
        AmendmentEntry(
            date=format_short(line.made_at.date()),
            by=clean(line.made_by) or "Not recorded",
            what=tuple(clean(change[:1].upper() + change[1:]) for change in line.changes),
            why=clean(line.reason),
        )
        for line in amendments(session, audit_id)
    )


def minutes_model(session: Session, audit_id: int, *, draft: bool | None = None) -> MinutesModel:
    """The minutes of the audit's panel meeting (its first, when it met more than once)."""
    audit = load_audit(session, audit_id)
    meeting = audit.meetings[0] if audit.meetings else None
    by_case: dict[int | None, list[DiscussionPoint]] = {}
    for point in audit.discussion_points:
        by_case.setdefault(point.case_id, []).append(point)
    minutes = [_case(audit, c, by_case.get(c.id, [])) for c in ordered_cases(audit, meeting)]
    meeting_date = meeting.date if meeting and meeting.date else audit.panel_date
    return MinutesModel(
        masthead=masthead(audit, "Panel minutes", draft=is_draft(audit, draft)),
        date=format_long(meeting_date),
        times=_times(meeting),
        location=clean(meeting.location) if meeting else "",
        chair=clean(meeting.chair) if meeting else "",
        minute_taker=clean(meeting.minute_taker) if meeting else "",
        present=_attendance(meeting, AttendanceStatus.PRESENT),
        apologies=_attendance(meeting, AttendanceStatus.APOLOGIES),
        absent=_attendance(meeting, AttendanceStatus.ABSENT),
        unable=tuple(
            (clean(p.agency.name), clean(p.reason))
            for p in audit.participations
            if p.status is ParticipationStatus.UNABLE
        ),
        general=steps(by_case.get(None, [])),
        cases=tuple(m for m in minutes if m.escalation is None),
        escalated=tuple(m for m in minutes if m.escalation is not None),
        findings=tuple(
            finding
            for kind in FindingKind
            for finding in findings_of((f for f in audit.findings if f.case_id is None), kind)
        ),
        recommendations=tuple(action_line(a) for a in audit.actions if a.case_id is None),
        approved=_approved(audit),
        amendments=_amendments(session, audit.id),
    )
