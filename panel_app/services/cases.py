"""Cases: pseudonyms, consent, diversity facts, family views and escalation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import Consent, ParticipationStatus
from db.models import (
    Action,
    AgendaItem,
    Audit,
    Case,
    CaseGrade,
    DiscussionPoint,
    Escalation,
    FamilyView,
    Finding,
    Involvement,
)
from panel_app.errors import DomainError
from panel_app.services import fields as f
from panel_app.services import snapshots
from panel_app.services.common import attach, get, next_position, reorder
from panel_app.services.snapshots import Snapshot

CASE_FIELDS: f.Spec = {
    "pseudonym": f.short("The pseudonym", "pseudonym", required=True),
    "consent": f.choice(Consent, "Consent", "consent"),
    "discussed": f.flag("Discussed", "discussed"),
    "private_reference": f.short("The private reference", "private_reference"),
    "age_band": f.short("The age band", "age_band"),
    "gender": f.short("The gender", "gender"),
    "ethnicity": f.short("The ethnicity", "ethnicity"),
    "disability": f.short("Disability or learning difficulty", "disability"),
    "key_facts": f.long("The key facts", "key_facts"),
    "conclusion": f.long("The conclusion", "conclusion"),
}
FAMILY_VIEW_FIELDS: f.Spec = {
    "speaker": f.short("Who said it", "speaker"),
    "text": f.long("The view", "text", required=True),
    "verbatim": f.flag("Verbatim", "verbatim"),
}
ESCALATION_FIELDS: f.Spec = {
    "note": f.long("The reason for escalating", "note", required=True),
    "raised_on": f.optional_date("The date it was raised", "raised_on"),
    "outcome": f.long("The outcome", "outcome"),
    "resolved_on": f.optional_date("The date it was resolved", "resolved_on"),
}


def _check_pseudonym(session: Session, audit_id: int, pseudonym: str, case_id: int | None) -> None:
    other = session.scalar(
        select(Case).where(
            Case.audit_id == audit_id, func.lower(Case.pseudonym) == pseudonym.lower()
        )
    )
    if other is not None and other.id != case_id:
        raise DomainError(
            f"This audit already has a case called '{other.pseudonym}'. "
            "Give each case its own pseudonym.",
            "pseudonym",
        )


def add_case(session: Session, audit_id: int, **values: Any) -> Case:
    audit = get(session, Audit, audit_id, "audit")
    case = Case(audit_id=audit_id)
    values.setdefault("pseudonym", "")
    f.apply(case, CASE_FIELDS, values)
    _check_pseudonym(session, audit_id, case.pseudonym, None)
    case.position = next_position(session, Case.position, Case.audit_id, audit_id)
    attach(session, audit, "cases", case)
    session.flush()
    return case


def update_case(session: Session, case_id: int, **changes: Any) -> Case:
    case = get(session, Case, case_id, "case")
    if "pseudonym" in changes:
        pseudonym = CASE_FIELDS["pseudonym"](changes["pseudonym"])
        _check_pseudonym(session, case.audit_id, pseudonym, case.id)
    f.apply(case, CASE_FIELDS, changes)
    session.flush()
    return case


def delete_case(session: Session, case_id: int) -> None:
    """Delete a case with its involvement, views, discussion, findings and actions."""
    session.delete(get(session, Case, case_id, "case"))
    session.flush()


def reorder_cases(session: Session, audit_id: int, ordered_ids: Sequence[int]) -> None:
    reorder(get(session, Audit, audit_id, "audit").cases, ordered_ids, "cases")
    session.flush()


def add_family_view(session: Session, case_id: int, **values: Any) -> FamilyView:
    case = get(session, Case, case_id, "case")
    view = FamilyView(case_id=case_id)
    values.setdefault("text", "")
    f.apply(view, FAMILY_VIEW_FIELDS, values)
    view.position = next_position(session, FamilyView.position, FamilyView.case_id, case_id)
    attach(session, case, "family_views", view)
    session.flush()
    return view


def update_family_view(session: Session, view_id: int, **changes: Any) -> FamilyView:
    view = get(session, FamilyView, view_id, "family view")
    f.apply(view, FAMILY_VIEW_FIELDS, changes)
    session.flush()
    return view


def delete_family_view(session: Session, view_id: int) -> None:
    session.delete(get(session, FamilyView, view_id, "family view"))
    session.flush()


def escalate_case(session: Session, case_id: int, **values: Any) -> Escalation:
    """Mark a case as escalated (a child may be at current risk), or edit its escalation."""
    case = get(session, Case, case_id, "case")
    escalation = case.escalation or Escalation(case_id=case_id)
    if case.escalation is None:
        values.setdefault("note", "")
    f.apply(escalation, ESCALATION_FIELDS, values)
    if (
        escalation.raised_on
        and escalation.resolved_on
        and escalation.resolved_on < escalation.raised_on
    ):
        raise DomainError("The escalation is resolved before it was raised.", "resolved_on")
    case.escalation = escalation
    session.flush()
    return escalation


def withdraw_escalation(session: Session, case_id: int) -> None:
    case = get(session, Case, case_id, "case")
    case.escalation = None
    session.flush()


def get_case(session: Session, case_id: int) -> Case:
    return get(session, Case, case_id, "case")


@dataclass(frozen=True)
class CaseRow:
    """A case as the list of cases shows it. The private reference itself is left out, so
    no list can show it by mistake; only whether there is one."""

    id: int
    pseudonym: str
    consent: Consent
    discussed: bool
    has_private_reference: bool
    escalated: bool = False


def case_rows(session: Session, audit_id: int) -> list[CaseRow]:
    escalated = escalated_ids(session, audit_id)
    return [
        CaseRow(
            c.id, c.pseudonym, c.consent, c.discussed, bool(c.private_reference), c.id in escalated
        )
        for c in get(session, Audit, audit_id, "audit").cases
    ]


def escalated_ids(session: Session, audit_id: int) -> set[int]:
    """The audit's cases taken out of it because a child may be at current risk."""
    query = select(Escalation.case_id).join(Case, Escalation.case_id == Case.id)
    return set(session.scalars(query.where(Case.audit_id == audit_id)))


def next_pseudonym(session: Session, audit_id: int) -> str:
    """'Case 3' for an audit with two cases, or the next number not yet taken."""
    taken = {c.pseudonym.lower() for c in get(session, Audit, audit_id, "audit").cases}
    number = len(taken) + 1
    while f"case {number}" in taken:
        number += 1
    return f"Case {number}"


def move_case(session: Session, case_id: int, position: int) -> None:
    """Put a case at ``position`` (0 is first), the others keeping their order."""
    case = get_case(session, case_id)
    ids = [c.id for c in case.audit.cases]
    ids.remove(case.id)
    ids.insert(max(0, min(position, len(ids))), case.id)
    reorder_cases(session, case.audit_id, ids)


def take_case(session: Session, case_id: int) -> Snapshot:
    """The case and everything recorded in it (involvement, summaries, grades, views, notes,
    findings, actions, its place on the agenda), to put it all back after a delete."""
    get_case(session, case_id)
    return snapshots.take(session, "audit_case", case_id)


def restore_case(session: Session, audit_id: int, taken: Snapshot, position: int) -> Case:
    """Put a deleted case back, with all it held, under its old ids and in its old place, so
    the undo history still finds it."""
    (row,) = taken.rows["audit_case"]
    if session.get(Case, row["id"]) is not None:
        raise DomainError("That case is already in the audit.")
    if row["audit_id"] != audit_id:
        raise DomainError("That case belongs to another audit.")
    _check_pseudonym(session, audit_id, row["pseudonym"], None)
    # Involvement only of agencies still taking part: one may have stopped since.
    taking_part = {
        p.agency_id
        for p in get(session, Audit, audit_id, "audit").participations
        if p.status is ParticipationStatus.PARTICIPATING
    }
    kept = [r for r in taken.rows.get("involvement", []) if r["agency_id"] in taking_part]
    snapshots.put_back(session, replace(taken, rows={**taken.rows, "involvement": kept}))
    move_case(session, row["id"], position)
    return get_case(session, row["id"])


def _count(number: int, one: str, many: str) -> str:
    return f"1 {one}" if number == 1 else f"{number} {many}"


def deletion_losses(session: Session, case_id: int) -> list[str]:
    """What deleting the case would also delete, in plain English ('2 actions'); empty when
    the case holds nothing but its own details."""
    get_case(session, case_id)

    def count(model: Any) -> int:
        return session.scalar(select(func.count()).where(model.case_id == case_id)) or 0

    losses = []
    if agencies := count(Involvement):
        losses.append(_count(agencies, "agency's involvement", "agencies' involvement"))
    for model, one, many in (
        (FamilyView, "family view", "family views"),
        (DiscussionPoint, "discussion point", "discussion points"),
        (Finding, "finding", "findings"),
        (Action, "action", "actions"),
    ):
        if number := count(model):
            losses.append(_count(number, one, many))
    if count(CaseGrade):
        losses.append("the panel's grades")
    if count(Escalation):
        losses.append("its escalation")
    if count(AgendaItem):
        losses.append("its place on the agenda")
    return losses
