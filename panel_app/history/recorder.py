"""The change history, recorded at the session layer so that every service and every import is
covered without any of them knowing.

Mapper events note each row the unit of work inserts, updates or deletes; after the flush the
notes become history rows, written in one statement on the flush's own connection, so a change
and its history commit (or roll back) together. The same pass refuses a change to approved
minutes unless the session is making an amendment (``MinutesLockedError``).

``session.info`` carries who is working (``USER``), the amendment in progress (``AMENDMENT``)
and a switch for imports that bring their own history (``OFF``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import delete, event, insert, inspect, select, update
from sqlalchemy.orm import Mapper, Session, object_session, sessionmaker

from db.base import SHORT_TEXT
from db.enums import ChangeKind
from db.models import Amendment, Audit, HistoryEntry
from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.history.kinds import KINDS
from panel_app.history.subjects import REFERENCES, WITHHELD, Kind, column_of, shown

USER = "history.user"  # the same keys as panel_app.database's HISTORY_*
AMENDMENT = "history.amendment"
OFF = "history.off"
_INSTALLED = "history.installed"
_PENDING = "history.pending"

#: One person's edits of one field closer together than this are one change: typing a summary
#: over ten minutes, saved at every pause, is "changed the summary", not forty changes.
MERGE_WITHIN = timedelta(minutes=10)

Row = dict[str, Any]


class MinutesLockedError(DomainError):
    """The change would alter approved minutes, and no amendment is being made."""


def install(sessions: sessionmaker[Session]) -> None:
    """Record history for every session ``sessions`` makes."""
    info = dict(sessions.kw.get("info") or {})
    info[_INSTALLED] = True
    sessions.configure(info=info)
    # Marked on the sessionmaker itself, not asked of ``event.contains``: SQLAlchemy's event
    # registry is keyed by id(), and a new sessionmaker given the id of one just freed was
    # sometimes taken as listened to already, so nothing it wrote was recorded.
    if not getattr(sessions, _INSTALLED, False):
        event.listen(sessions, "after_flush", _after_flush)
        setattr(sessions, _INSTALLED, True)
    _listen_to_models()


@contextmanager
def paused(session: Session) -> Iterator[None]:
    """Make changes that are not recorded (an import that brings its own history)."""
    was = session.info.get(OFF)
    session.info[OFF] = True
    try:
        yield
    finally:
        session.info[OFF] = was


def note(
    session: Session,
    audit_id: int,
    operation: ChangeKind,
    subject: str,
    new_value: str | None = None,
    old_value: str | None = None,
    *,
    kind: str = "audit",
) -> None:
    """Record something that is not a change of a row's fields (approving the minutes)."""
    session.connection().execute(
        insert(HistoryEntry),
        [
            {
                "audit_id": audit_id,
                "made_at": _now(),
                "made_by": session.info.get(USER, ""),
                "operation": operation,
                "kind": kind,
                "entity_id": audit_id,
                "subject": subject[:SHORT_TEXT],
                "field": "",
                "old_value": old_value,
                "new_value": new_value,
            }
        ],
    )


_listening = False


def _listen_to_models() -> None:
    global _listening
    if _listening:
        return
    for model in KINDS:
        event.listen(model, "after_insert", partial(_noted, ChangeKind.ADDED))
        event.listen(model, "after_update", partial(_noted, ChangeKind.CHANGED))
        event.listen(model, "after_delete", partial(_noted, ChangeKind.DELETED))
    _listening = True


def _noted(operation: ChangeKind, _mapper: Mapper[Any], _connection: object, target: Any) -> None:
    session = object_session(target)
    if session is not None and session.info.get(_INSTALLED) and not session.info.get(OFF):
        session.info.setdefault(_PENDING, []).append((operation, target))


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _after_flush(session: Session, _context: object) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending or session.info.get(OFF):
        return
    rows = _rows(session, pending)
    if not rows:
        return
    _check_locks(session, rows)
    for row in rows:
        del row["_locked"]
    if len(rows) == 1 and rows[0]["operation"] is ChangeKind.CHANGED and _merged(session, rows[0]):
        return
    session.connection().execute(insert(HistoryEntry), rows)


def _rows(session: Session, pending: list[tuple[ChangeKind, Any]]) -> list[Row]:
    deleted = {(type(obj), obj.id) for op, obj in pending if op is ChangeKind.DELETED}
    new_audits = {o.id for op, o in pending if op is ChangeKind.ADDED and isinstance(o, Audit)}
    gone_audits = {o.id for op, o in pending if op is ChangeKind.DELETED and isinstance(o, Audit)}
    base = {"made_at": _now(), "made_by": session.info.get(USER, ""), "amendment_id": None}
    rows: list[Row] = []
    for operation, obj in pending:
        kind = KINDS[type(obj)]
        if operation is ChangeKind.DELETED and any(
            (model, getattr(obj, key)) in deleted for key, model in kind.parents
        ):
            continue  # listed as part of its parent's deletion
        audit_id = kind.audit_id(session, obj)
        if audit_id is None or audit_id in gone_audits:
            continue
        if audit_id in new_audits and not isinstance(obj, Audit):
            continue  # a new audit's default tool and the like: "added the audit" says it
        where = {
            **base,
            "audit_id": audit_id,
            "kind": kind.name,
            "entity_id": obj.id,
            "case_id": kind.case_id(session, obj),
            "action_id": kind.action_id(session, obj),
            "subject": kind.subject(session, obj)[:SHORT_TEXT],
        }
        if operation is ChangeKind.DELETED:
            # The row has gone: the history keeps its name, not a reference to it.
            if kind.name == "case":
                where["case_id"] = None
            if kind.name == "action":
                where["action_id"] = None
        rows.extend(_describe(session, operation, obj, kind, where))
    return rows


def _describe(
    session: Session, operation: ChangeKind, obj: Any, kind: Kind, where: Row
) -> list[Row]:
    if kind.grade_of is not None:
        return _grade(session, operation, obj, kind, where)
    if operation is not ChangeKind.CHANGED:
        text = shown(kind.text(obj))
        return [
            {
                **where,
                "operation": operation,
                "field": "",
                "old_value": text if operation is ChangeKind.DELETED else None,
                "new_value": text if operation is ChangeKind.ADDED else None,
                "_locked": kind.adding_locked,
            }
        ]
    rows = []
    attrs = inspect(obj).attrs
    for key, name in kind.fields.items():
        history = attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if key in WITHHELD:
            old_text = new_text = None
        elif key in REFERENCES:
            old_text, new_text = REFERENCES[key](session, old), REFERENCES[key](session, new)
        else:
            old_text, new_text = shown(old), shown(new)
        if old_text == new_text and key not in WITHHELD:
            continue
        rows.append(_change(where, name, old_text, new_text, key in kind.locked))
    if "domains" in kind.locked:
        rows.extend(_domains(obj, where))
    return rows


def _change(where: Row, field: str, old: str | None, new: str | None, locked: bool) -> Row:
    return {
        **where,
        "operation": ChangeKind.CHANGED,
        "field": field,
        "old_value": old,
        "new_value": new,
        "_locked": locked,
    }


def _domains(obj: Any, where: Row) -> list[Row]:
    history = inspect(obj).attrs["domains"].history
    if not history.has_changes():
        return []
    old = [d.name for d in (*history.unchanged, *history.deleted)]
    new = [d.name for d in (*history.unchanged, *history.added)]
    if sorted(old) == sorted(new):
        return []
    return [_change(where, "domains", ", ".join(old) or None, ", ".join(new) or None, True)]


def _grade(session: Session, operation: ChangeKind, obj: Any, kind: Kind, where: Row) -> list[Row]:
    assert kind.grade_of is not None
    level = REFERENCES["level_id"]
    history = inspect(obj).attrs["level_id"].history
    if operation is ChangeKind.ADDED:
        old, new = None, level(session, obj.level_id)
    elif operation is ChangeKind.DELETED:
        old, new = level(session, history.deleted[0] if history.deleted else obj.level_id), None
    else:
        if not history.has_changes():
            return []
        old = level(session, history.deleted[0] if history.deleted else None)
        new = level(session, obj.level_id)
    if old == new:
        return []
    return [_change(where, kind.grade_of(session, obj), old, new, False)]


def _check_locks(session: Session, rows: list[Row]) -> None:
    amendment_id = session.info.get(AMENDMENT)
    approved: dict[int, bool] = {}
    for row in rows:
        if not row["_locked"]:
            continue
        audit_id = row["audit_id"]
        if audit_id not in approved:  # one column, not the audit row: this is the hot path
            approved[audit_id] = (
                column_of(session, Audit, audit_id, "minutes_approved_on") is not None
            )
        if not approved[audit_id]:
            continue
        audit = session.get(Audit, audit_id)
        if audit is None:
            continue
        amendment = session.get(Amendment, amendment_id) if amendment_id is not None else None
        if amendment is None or amendment.audit_id != audit.id:
            raise MinutesLockedError(locked_message(audit))
        row["amendment_id"] = amendment.id


def locked_message(audit: Audit) -> str:
    by = f" by {audit.minutes_approved_by}" if audit.minutes_approved_by else ""
    return (
        f"The minutes of this audit were approved on {format_short(audit.minutes_approved_on)}"
        f"{by}, so what they record can only be changed by an amendment, with the reason for it. "
        "Nothing was changed."
    )


def _merged(session: Session, row: Row) -> bool:
    """Fold the change into the audit's last history row when it carries on the same edit."""
    table = HistoryEntry.__table__
    query = select(table).where(table.c.audit_id == row["audit_id"])
    last = session.connection().execute(query.order_by(table.c.id.desc()).limit(1)).first()
    if last is None or not (
        last.operation == ChangeKind.CHANGED
        and (last.kind, last.entity_id, last.field) == (row["kind"], row["entity_id"], row["field"])
        and (last.made_by, last.amendment_id) == (row["made_by"], row["amendment_id"])
        and row["made_at"] - last.made_at <= MERGE_WITHIN
        and row["field"] not in ("private reference",)
    ):
        return False
    if last.old_value == row["new_value"]:
        session.connection().execute(delete(HistoryEntry).where(HistoryEntry.id == last.id))
    else:
        session.connection().execute(
            update(HistoryEntry)
            .where(HistoryEntry.id == last.id)
            .values(new_value=row["new_value"], made_at=row["made_at"])
        )
    return True
