"""Each kind of audit content the change history records: its name in a sentence, the fields
worth recording, which audit, case and action it belongs to, and what approval of the minutes
locks. A field left out of a kind's ``fields`` (ids, positions, timestamps) is never recorded.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from db.enums import label
from db.models import (
    Action,
    ActionUpdate,
    Attendance,
    Audit,
    Case,
    CaseGrade,
    DiscussionPoint,
    Domain,
    Escalation,
    FamilyView,
    Finding,
    GradeLevel,
    Involvement,
    InvolvementGrade,
    PanelMeeting,
    Participation,
)
from panel_app.dates import format_short
from panel_app.history.subjects import (
    WITHHELD,
    Kind,
    agency_of,
    before,
    column_of,
    on_case,
    pseudonym_of,
    quoted,
)


def _involvement_subject(session: Session, inv: Involvement) -> str:
    return (
        f"{agency_of(session, inv.agency_id)} involvement in {pseudonym_of(session, inv.case_id)}"
    )


def _involvement(session: Session, ident: int) -> Involvement | None:
    return session.get(Involvement, ident)


def _grade_domain(session: Session, grade: InvolvementGrade | CaseGrade) -> str:
    return f"grade for {column_of(session, Domain, grade.domain_id, 'name') or 'a domain'}"


def _inv_grade_subject(session: Session, grade: InvolvementGrade) -> str:
    inv = _involvement(session, grade.involvement_id)
    return _involvement_subject(session, inv) if inv else "an agency's involvement"


def _inv_grade_case(session: Session, grade: InvolvementGrade) -> int | None:
    inv = _involvement(session, grade.involvement_id)
    return inv.case_id if inv else None


def _audit_of(session: Session, model: type[Any], ident: int | None) -> int | None:
    found = column_of(session, model, ident, "audit_id")
    return int(found) if found is not None else None


def _via_case(session: Session, obj: Any) -> int | None:
    return _audit_of(session, Case, obj.case_id)


def _via_action(session: Session, obj: ActionUpdate) -> int | None:
    return _audit_of(session, Action, obj.action_id)


def _via_meeting(session: Session, obj: Attendance) -> int | None:
    return _audit_of(session, PanelMeeting, obj.meeting_id)


def _own_audit(_session: Session, obj: Any) -> int | None:
    return int(obj.audit_id)


def _own_case(_session: Session, obj: Any) -> int | None:
    return obj.case_id  # type: ignore[no-any-return]


def _action_text(session: Session, action_id: int) -> str:
    action = session.get(Action, action_id)
    return quoted(before(action, "text")) if action is not None else "an action"


CASE_FIELDS = {
    "pseudonym": "pseudonym",
    "consent": "consent",
    "discussed": "discussed at panel",
    "private_reference": "private reference",
    "age_band": "age band",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "disability": "disability or learning difficulty",
    "key_facts": "key facts",
    "conclusion": "conclusion",
}
ACTION_FIELDS = {
    "text": "text",
    "kind": "kind",
    "case_id": "case",
    "owner": "owner",
    "due_date": "due date",
    "review_date": "review date",
    "status": "status",
    "evidence": "evidence of completion",
}
MEETING_FIELDS = {
    "date": "date",
    "start_time": "start time",
    "end_time": "end time",
    "location": "location",
    "chair": "chair",
    "minute_taker": "minute-taker",
}

KINDS: dict[type[Any], Kind] = {
    Audit: Kind(
        "audit",
        {
            "theme": "theme",
            "title": "title",
            "panel_date": "panel date",
            "scope_start": "start of the scope period",
            "scope_end": "end of the scope period",
            "scope_description": "scope",
            "introduction": "introduction",
            "rationale": "rationale",
            "methodology": "methodology",
            "process": "process",
            "status": "status",
            "archived": "archived",
            "tool_name": "audit tool's name",
            "graded": "graded",
        },
        subject=lambda _s, _a: "the audit",
        audit_id=lambda _s, a: int(a.id),
        text=lambda a: a.title,
        locked=frozenset({"theme", "title", "panel_date"}),
    ),
    Case: Kind(
        "case",
        CASE_FIELDS,
        subject=lambda _s, c: f"the case {quoted(before(c, 'pseudonym'))}",
        audit_id=_own_audit,
        case_id=lambda _s, c: int(c.id),
        locked=frozenset(CASE_FIELDS) - WITHHELD,
        adding_locked=True,
        parents=(("audit_id", Audit),),
    ),
    Involvement: Kind(
        "involvement",
        {
            "status": "involvement",
            "summary": "summary",
            "strengths": "strengths",
            "areas_for_development": "areas for development",
        },
        subject=_involvement_subject,
        audit_id=_via_case,
        case_id=_own_case,
        text=lambda i: i.summary,
        locked=frozenset({"status", "summary", "strengths", "areas_for_development"}),
        adding_locked=True,
        parents=(("case_id", Case),),
    ),
    InvolvementGrade: Kind(
        "involvement_grade",
        {"level_id": "grade"},
        subject=_inv_grade_subject,
        audit_id=lambda s, g: (
            _via_case(s, inv) if (inv := _involvement(s, g.involvement_id)) else None
        ),
        case_id=_inv_grade_case,
        parents=(("involvement_id", Involvement),),
        grade_of=_grade_domain,
    ),
    CaseGrade: Kind(
        "case_grade",
        {"level_id": "grade"},
        subject=lambda s, g: f"the panel's view of {pseudonym_of(s, g.case_id)}",
        audit_id=_via_case,
        case_id=_own_case,
        parents=(("case_id", Case),),
        grade_of=_grade_domain,
    ),
    FamilyView: Kind(
        "family_view",
        {"speaker": "speaker", "text": "text", "verbatim": "verbatim"},
        subject=lambda s, v: f"the family view {quoted(before(v, 'text'))}{on_case(s, v.case_id)}",
        audit_id=_via_case,
        case_id=_own_case,
        text=lambda v: v.text,
        locked=frozenset({"speaker", "text", "verbatim"}),
        adding_locked=True,
        parents=(("case_id", Case),),
    ),
    Escalation: Kind(
        "escalation",
        {
            "note": "reason for escalating",
            "raised_on": "date raised",
            "outcome": "outcome",
            "resolved_on": "date resolved",
        },
        subject=lambda s, e: f"the escalation of {pseudonym_of(s, e.case_id)}",
        audit_id=_via_case,
        case_id=_own_case,
        text=lambda e: e.note,
        locked=frozenset({"note", "raised_on"}),
        adding_locked=True,
        parents=(("case_id", Case),),
    ),
    DiscussionPoint: Kind(
        "discussion_point",
        {"text": "text", "step": "step", "agency_id": "agency", "case_id": "case"},
        subject=lambda s, p: (
            f"the discussion point {quoted(before(p, 'text'))}{on_case(s, before(p, 'case_id'))}"
        ),
        audit_id=_own_audit,
        case_id=_own_case,
        text=lambda p: p.text,
        locked=frozenset({"text", "step", "agency_id", "case_id"}),
        adding_locked=True,
        parents=(("audit_id", Audit), ("case_id", Case)),
    ),
    Finding: Kind(
        "finding",
        {"text": "text", "kind": "kind", "theme": "theme", "case_id": "case"},
        subject=lambda s, f: (
            f"the {label(before(f, 'kind').value).lower()} finding {quoted(before(f, 'text'))}"
            f"{on_case(s, before(f, 'case_id'))}"
        ),
        audit_id=_own_audit,
        case_id=_own_case,
        text=lambda f: f.text,
        locked=frozenset({"text", "kind", "theme", "case_id", "domains"}),
        adding_locked=True,
        parents=(("audit_id", Audit), ("case_id", Case)),
    ),
    Action: Kind(
        "action",
        ACTION_FIELDS,
        subject=lambda _s, a: f"the action {quoted(before(a, 'text'))}",
        audit_id=_own_audit,
        case_id=_own_case,
        action_id=lambda _s, a: int(a.id),
        text=lambda a: a.text,
        locked=frozenset({"text", "kind", "case_id", "owner", "due_date"}),
        adding_locked=True,
        parents=(("audit_id", Audit), ("case_id", Case)),
    ),
    ActionUpdate: Kind(
        "action_update",
        {"date": "date", "text": "text"},
        subject=lambda s, u: (
            f"the progress update of {format_short(before(u, 'date'))} "
            f"on {_action_text(s, u.action_id)}"
        ),
        audit_id=_via_action,
        case_id=lambda s, u: column_of(s, Action, u.action_id, "case_id"),
        action_id=lambda _s, u: int(u.action_id),
        text=lambda u: u.text,
        parents=(("action_id", Action),),
    ),
    PanelMeeting: Kind(
        "meeting",
        MEETING_FIELDS,
        subject=lambda _s, m: "the panel meeting",
        audit_id=_own_audit,
        locked=frozenset(MEETING_FIELDS),
        adding_locked=True,
        parents=(("audit_id", Audit),),
    ),
    Attendance: Kind(
        "attendance",
        {"name": "name", "role": "role", "status": "attendance", "agency_id": "agency"},
        subject=lambda _s, a: f"the attendee {quoted(before(a, 'name'))}",
        audit_id=_via_meeting,
        locked=frozenset({"name", "role", "status", "agency_id"}),
        adding_locked=True,
        parents=(("meeting_id", PanelMeeting),),
    ),
    Participation: Kind(
        "participation",
        {
            "status": "participation",
            "reason": "reason",
            "lead_auditor_name": "lead auditor",
            "lead_auditor_role": "lead auditor's role",
            "lead_auditor_email": "lead auditor's email",
        },
        subject=lambda s, p: f"{agency_of(s, p.agency_id)} part in the audit",
        audit_id=_own_audit,
        locked=frozenset({"status", "reason"}),
        adding_locked=True,
        parents=(("audit_id", Audit),),
    ),
    Domain: Kind(
        "domain",
        {"name": "name", "description": "description"},
        subject=lambda _s, d: f"the domain {quoted(before(d, 'name'))}",
        audit_id=_own_audit,
        parents=(("audit_id", Audit),),
    ),
    GradeLevel: Kind(
        "grade_level",
        {"label": "label"},
        subject=lambda _s, g: f"the grade {quoted(before(g, 'label'))} on the scale",
        audit_id=_own_audit,
        parents=(("audit_id", Audit),),
    ),
}
