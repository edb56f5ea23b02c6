"""An audit as an archive document: names, never ids, so that a re-import exports the same."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from db.models import Audit, Case, CaseGrade, InvolvementGrade
from panel_app.archive.history import export_history
from panel_app.archive.schema import FORMAT, VERSION
from panel_app.services.audits import get_audit


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _stamp(value: datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def _grades(grades: Sequence[InvolvementGrade | CaseGrade]) -> dict[str, str]:
    ordered = sorted(grades, key=lambda grade: grade.domain.position)
    return {grade.domain.name: grade.level.label for grade in ordered}


def _pseudonym(case: Case | None) -> str | None:
    return case.pseudonym if case else None


def _case(case: Case) -> dict[str, Any]:
    # The private reference is deliberately absent: it never leaves the app.
    escalation = case.escalation
    return {
        "pseudonym": case.pseudonym,
        "consent": case.consent.value,
        "discussed": case.discussed,
        "age_band": case.age_band,
        "gender": case.gender,
        "ethnicity": case.ethnicity,
        "disability": case.disability,
        "key_facts": case.key_facts,
        "conclusion": case.conclusion,
        "grades": _grades(case.grades),
        "involvement": [
            {
                "agency": inv.agency.name,
                "status": inv.status.value,
                "summary": inv.summary,
                "strengths": inv.strengths,
                "areas_for_development": inv.areas_for_development,
                "grades": _grades(inv.grades),
            }
            for inv in case.involvements
        ],
        "family_views": [
            {"speaker": view.speaker, "text": view.text, "verbatim": view.verbatim}
            for view in case.family_views
        ],
        "escalation": None
        if escalation is None
        else {
            "note": escalation.note,
            "raised_on": _day(escalation.raised_on),
            "outcome": escalation.outcome,
            "resolved_on": _day(escalation.resolved_on),
        },
    }


def _audit(audit: Audit) -> dict[str, Any]:
    return {
        "theme": audit.theme,
        "title": audit.title,
        "panel_date": _day(audit.panel_date),
        "scope_start": _day(audit.scope_start),
        "scope_end": _day(audit.scope_end),
        "scope_description": audit.scope_description,
        "introduction": audit.introduction,
        "rationale": audit.rationale,
        "methodology": audit.methodology,
        "process": audit.process,
        "status": audit.status.value,
        "archived": audit.archived,
        "minutes_approved_on": _day(audit.minutes_approved_on),
        "minutes_approved_by": audit.minutes_approved_by,
        "audit_tool": {
            "name": audit.tool_name,
            "graded": audit.graded,
            "domains": [{"name": d.name, "description": d.description} for d in audit.domains],
            "scale": [{"label": s.label, "colour": s.colour} for s in audit.scale],
        },
    }


def export_audit(session: Session, audit_id: int) -> dict[str, Any]:
    """The whole audit as a document in the archive format (docs/archive-format.md)."""
    audit = get_audit(session, audit_id)
    partnership = audit.partnership
    return {
        "format": FORMAT,
        "version": VERSION,
        "partnership": {
            "name": partnership.name,
            "protective_marking": partnership.protective_marking,
            "business_manager": partnership.business_manager,
            "business_manager_title": partnership.business_manager_title,
        },
        "audit": _audit(audit),
        "agencies": [
            {
                "name": p.agency.name,
                "short_name": p.agency.short_name,
                "status": p.status.value,
                "reason": p.reason,
                "lead_auditor": {
                    "name": p.lead_auditor_name,
                    "role": p.lead_auditor_role,
                    "email": p.lead_auditor_email,
                },
            }
            for p in audit.participations
        ],
        "cases": [_case(case) for case in audit.cases],
        "meetings": [
            {
                "date": _day(m.date),
                "start_time": _clock(m.start_time),
                "end_time": _clock(m.end_time),
                "location": m.location,
                "chair": m.chair,
                "minute_taker": m.minute_taker,
                "default_minutes": m.default_minutes,
                "attendance": [
                    {
                        "name": a.name,
                        "agency": a.agency.name if a.agency else None,
                        "role": a.role,
                        "status": a.status.value,
                    }
                    for a in m.attendance
                ],
                "agenda": [
                    {"case": item.case.pseudonym, "minutes": item.minutes_allotted}
                    for item in m.agenda
                ],
            }
            for m in audit.meetings
        ],
        "discussion": [
            {
                "case": _pseudonym(p.case),
                "step": p.step.value,
                "agency": p.agency.name if p.agency else None,
                "text": p.text,
                "recorded_at": _stamp(p.recorded_at),
            }
            for p in audit.discussion_points
        ],
        "findings": [
            {
                "case": _pseudonym(fd.case),
                "kind": fd.kind.value,
                "text": fd.text,
                "domains": [d.name for d in fd.domains],
                "theme": fd.theme,
            }
            for fd in audit.findings
        ],
        "actions": [
            {
                "case": _pseudonym(a.case),
                "kind": a.kind.value,
                "text": a.text,
                "owner": a.owner,
                "due_date": _day(a.due_date),
                "review_date": _day(a.review_date),
                "status": a.status.value,
                "evidence": a.evidence,
                "updates": [{"date": _day(u.date), "text": u.text} for u in a.updates],
            }
            for a in audit.actions
        ],
        **export_history(session, audit),
    }
