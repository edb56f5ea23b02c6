"""Reading an archive document back in as a new audit, through the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

from db.models import Audit, CaseGrade, InvolvementGrade
from panel_app.archive.history import import_history
from panel_app.archive.references import check_references
from panel_app.archive.schema import DOCUMENT, FORMAT, VERSION, Problems
from panel_app.errors import DomainError
from panel_app.history import recorder
from panel_app.services import (
    actions,
    agencies,
    audit_tool,
    audits,
    cases,
    involvement,
    meetings,
    notes,
    participation,
)

APPROVAL = ("minutes_approved_on", "minutes_approved_by")


class ArchiveError(Exception):
    """The document cannot be imported; ``problems`` names each one by its path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def normalise(doc: Any) -> tuple[dict[str, Any], Problems]:
    """The document with defaults filled in, and every problem found in it."""
    problems = Problems()
    if isinstance(doc, dict) and doc.get("format") == FORMAT:
        version = doc.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            problems.add(
                "version",
                f"this archive was written by a newer version of Audit Panel (format {version}); "
                f"this version reads format {VERSION}",
            )
            return {}, problems
    elif isinstance(doc, dict):
        problems.add("format", f"this is not an Audit Panel archive (expected '{FORMAT}')")
        return {}, problems
    normal = DOCUMENT.check(doc, "", problems)
    if not problems:
        check_references(normal, problems)
    return normal, problems


def validate_document(doc: Any) -> list[str]:
    """Every problem in the document, by path; an empty list when it can be imported."""
    return list(normalise(doc)[1])


@contextmanager
def _at(path: str) -> Iterator[None]:
    try:
        yield
    except DomainError as error:
        raise ArchiveError([f"{path}: {error.message}"]) from error


def import_document(session: Session, doc: Any) -> Audit:
    """Create a new audit from the document. Raises ``ArchiveError`` listing every problem;
    the caller's transaction then rolls back, so nothing is written."""
    normal, problems = normalise(doc)
    if problems:
        raise ArchiveError(list(problems))
    approval = {key: normal["audit"].pop(key) for key in APPROVAL}
    with recorder.paused(session):  # the archive brings its own history
        with _at("partnership"):
            partnership = agencies.ensure_partnership(session, **normal["partnership"])
        audit = _audit(session, normal["audit"], partnership.id)
        agency_ids = _agencies(session, audit.id, normal["agencies"])
        case_ids = _cases(session, audit, normal["cases"], agency_ids)
        _meetings(session, audit.id, normal["meetings"], agency_ids, case_ids)
        _notes(session, audit, normal, agency_ids, case_ids)
        action_ids = _actions(session, audit.id, normal["actions"], case_ids)
        session.flush()
        import_history(session, audit, normal, case_ids, action_ids, approval)
    session.expire(audit)
    return audit


def _key(name: str | None) -> str | None:
    return None if name is None else name.strip().lower()


def _audit(session: Session, data: dict[str, Any], partnership_id: int) -> Audit:
    tool = data.pop("audit_tool")
    with _at("audit"):
        audit = audits.create_audit(
            session,
            partnership_id=partnership_id,
            tool_name=tool["name"],
            graded=tool["graded"],
            **data,
        )
    audit.domains.clear()
    audit.scale.clear()
    session.flush()
    for i, domain in enumerate(tool["domains"]):
        with _at(f"audit.audit_tool.domains[{i}]"):
            audit_tool.add_domain(session, audit.id, domain["name"], domain["description"])
    for i, level in enumerate(tool["scale"]):
        with _at(f"audit.audit_tool.scale[{i}]"):
            audit_tool.add_grade_level(session, audit.id, level["label"], level["colour"])
    session.expire(audit, ["domains", "scale"])
    return audit


def _agencies(session: Session, audit_id: int, entries: list[dict[str, Any]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for i, entry in enumerate(entries):
        with _at(f"agencies[{i}]"):
            agency = agencies.ensure_agency(session, entry["name"], entry["short_name"])
            lead = entry["lead_auditor"]
            participation.add_participation(
                session,
                audit_id,
                agency.id,
                status=entry["status"],
                reason=entry["reason"],
                lead_auditor_name=lead["name"],
                lead_auditor_role=lead["role"],
                lead_auditor_email=lead["email"],
            )
        ids[entry["name"].strip().lower()] = agency.id
    return ids


def _grade_all(
    session: Session, audit: Audit, given: dict[str, str], grades: list[Any], make: type
) -> None:
    """Grades added to the owner's list as one flush with the rest (a flush each made the
    demo audits take seconds to load at first start); the references were checked already."""
    domains = {d.name.lower(): d.id for d in audit.domains}
    levels = {level.label.lower(): level.id for level in audit.scale}
    for domain, label in given.items():
        level_id = levels.get(label.strip().lower())
        if level_id is None:  # not on the scale: the service's message names the scale
            level_id = involvement.level_named(session, audit.id, label).id
        grades.append(make(domain_id=domains[domain.strip().lower()], level_id=level_id))


def _cases(
    session: Session, audit: Audit, entries: list[dict[str, Any]], agency_ids: dict[str, int]
) -> dict[str, int]:
    ids: dict[str, int] = {}
    for i, entry in enumerate(entries):
        path = f"cases[{i}]"
        grades, views = entry.pop("grades"), entry.pop("family_views")
        involvements, escalation = entry.pop("involvement"), entry.pop("escalation")
        with _at(path):
            case = cases.add_case(session, audit.id, **entry)
            _grade_all(session, audit, grades, case.grades, CaseGrade)
        ids[entry["pseudonym"].strip().lower()] = case.id
        for j, inv in enumerate(involvements):
            with _at(f"{path}.involvement[{j}]"):
                agency_id = agency_ids[inv.pop("agency").strip().lower()]
                inv_grades = inv.pop("grades")
                record = involvement.set_involvement(session, case.id, agency_id, **inv)
                _grade_all(session, audit, inv_grades, record.grades, InvolvementGrade)
        for j, view in enumerate(views):
            with _at(f"{path}.family_views[{j}]"):
                cases.add_family_view(session, case.id, **view)
        if escalation is not None:
            with _at(f"{path}.escalation"):
                cases.escalate_case(session, case.id, **escalation)
    return ids


def _meetings(
    session: Session,
    audit_id: int,
    entries: list[dict[str, Any]],
    agency_ids: dict[str, int],
    case_ids: dict[str, int],
) -> None:
    for i, entry in enumerate(entries):
        attendance, agenda = entry.pop("attendance"), entry.pop("agenda")
        with _at(f"meetings[{i}]"):
            meeting = meetings.create_meeting(session, audit_id, **entry)
        for j, person in enumerate(attendance):
            with _at(f"meetings[{i}].attendance[{j}]"):
                agency = _key(person.pop("agency"))
                meetings.add_attendee(
                    session,
                    meeting.id,
                    agency_id=agency_ids[agency] if agency else None,
                    **person,
                )
        for j, item in enumerate(agenda):
            with _at(f"meetings[{i}].agenda[{j}]"):
                meetings.add_agenda_item(
                    session, meeting.id, case_ids[item["case"].strip().lower()], item["minutes"]
                )


def _case_id(case_ids: dict[str, int], name: str | None) -> int | None:
    key = _key(name)
    return case_ids[key] if key else None


def _notes(
    session: Session,
    audit: Audit,
    normal: dict[str, Any],
    agency_ids: dict[str, int],
    case_ids: dict[str, int],
) -> None:
    for i, point in enumerate(normal["discussion"]):
        with _at(f"discussion[{i}]"):
            agency = _key(point.pop("agency"))
            notes.add_point(
                session,
                audit.id,
                case_id=_case_id(case_ids, point.pop("case")),
                agency_id=agency_ids[agency] if agency else None,
                **point,
            )
    domains = {d.name.lower(): d.id for d in audit.domains}
    for i, finding in enumerate(normal["findings"]):
        with _at(f"findings[{i}]"):
            notes.add_finding(
                session,
                audit.id,
                case_id=_case_id(case_ids, finding.pop("case")),
                domain_ids=[domains[name.strip().lower()] for name in finding.pop("domains")],
                **finding,
            )


def _actions(
    session: Session, audit_id: int, entries: list[dict[str, Any]], case_ids: dict[str, int]
) -> list[int]:
    ids = []
    for i, entry in enumerate(entries):
        updates = entry.pop("updates")
        with _at(f"actions[{i}]"):
            action = actions.add_action(
                session, audit_id, case_id=_case_id(case_ids, entry.pop("case")), **entry
            )
        for j, update in enumerate(updates):
            with _at(f"actions[{i}].updates[{j}]"):
                actions.add_update(session, action.id, **update)
        ids.append(action.id)
    return ids
