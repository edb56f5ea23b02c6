"""The audit's change history, amendments and approval in the archive (format version 2).

An archive holds no database ids: a history row names its case by pseudonym and its action by
its place in ``actions``, and an amendment by its place in ``amendments``. Importing puts the
history back as it was (nothing of the import itself is recorded, so a round trip is exact);
an archive from before version 2, which has no history, gets one row saying it was imported.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.enums import ChangeKind
from db.models import Amendment, Audit, HistoryEntry
from panel_app.history import recorder


def _stamp(value: Any) -> str:
    return str(value.replace(microsecond=0).isoformat())


def export_history(session: Session, audit: Audit) -> dict[str, Any]:
    """The ``amendments`` and ``history`` sections of the archive."""
    case_names = {case.id: case.pseudonym for case in audit.cases}
    action_places = {action.id: place for place, action in enumerate(audit.actions)}
    amendments = list(
        session.scalars(
            select(Amendment).where(Amendment.audit_id == audit.id).order_by(Amendment.id)
        )
    )
    amendment_places = {amendment.id: place for place, amendment in enumerate(amendments)}
    entries = session.scalars(
        select(HistoryEntry).where(HistoryEntry.audit_id == audit.id).order_by(HistoryEntry.id)
    )
    return {
        "amendments": [
            {"made_at": _stamp(a.made_at), "made_by": a.made_by, "reason": a.reason}
            for a in amendments
        ],
        "history": [
            {
                "made_at": _stamp(e.made_at),
                "made_by": e.made_by,
                "operation": e.operation.value,
                "kind": e.kind,
                "case": case_names.get(e.case_id) if e.case_id is not None else None,
                "action": action_places.get(e.action_id) if e.action_id is not None else None,
                "subject": e.subject,
                "field": e.field,
                "old": e.old_value,
                "new": e.new_value,
                "amendment": amendment_places.get(e.amendment_id)
                if e.amendment_id is not None
                else None,
            }
            for e in entries
        ],
    }


def import_history(
    session: Session,
    audit: Audit,
    normal: dict[str, Any],
    case_ids: dict[str, int],
    action_ids: list[int],
    approval: dict[str, Any],
) -> None:
    """Put the archive's amendments, history and approval back on the new audit."""
    amendment_ids = []
    for entry in normal["amendments"]:
        amendment = Amendment(
            audit_id=audit.id,
            made_at=entry["made_at"],
            made_by=entry["made_by"],
            reason=entry["reason"],
        )
        session.add(amendment)
        session.flush()
        amendment_ids.append(amendment.id)
    rows = []
    for entry in normal["history"] or []:
        case = entry["case"]
        case_id = case_ids.get(case.strip().lower()) if case is not None else None
        place = entry["action"]
        action_id = action_ids[place] if place is not None else None
        kind = entry["kind"]
        rows.append(
            {
                "audit_id": audit.id,
                "made_at": entry["made_at"],
                "made_by": entry["made_by"],
                "operation": ChangeKind(entry["operation"]),
                "kind": kind,
                "entity_id": {"case": case_id, "action": action_id, "audit": audit.id}.get(kind),
                "case_id": case_id,
                "action_id": action_id,
                "subject": entry["subject"],
                "field": entry["field"],
                "old_value": entry["old"],
                "new_value": entry["new"],
                "amendment_id": amendment_ids[entry["amendment"]]
                if entry["amendment"] is not None
                else None,
            }
        )
    if rows:
        session.connection().execute(insert(HistoryEntry), rows)
    approved: date | None = approval["minutes_approved_on"]
    audit.minutes_approved_on = approved
    audit.minutes_approved_by = approval["minutes_approved_by"]
    session.flush()
    if normal["history"] is None:  # an archive from before there was a history
        recorder.note(session, audit.id, ChangeKind.IMPORTED, "the audit")
