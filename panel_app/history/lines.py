"""The change history read back in plain English, for a case, an action or a whole audit:
"10/05/2017 14:32 — Jo Bloggs changed the owner of the action 'Review the HSB guidance' from
'LAPP' to 'BSM'"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ChangeKind
from db.models import Action, Amendment, Audit, HistoryEntry
from panel_app.history.subjects import snippet
from panel_app.services.common import get

SOMEONE = "Someone"
#: How much of a long value a sentence quotes; the whole of it is in ``old`` and ``new``.
QUOTED = 80


@dataclass(frozen=True)
class HistoryLine:
    id: int
    made_at: datetime
    made_by: str
    sentence: str
    """What happened, without the time or the person: 'changed the owner of …'."""
    old: str | None
    new: str | None
    amendment: str = ""
    """The reason given for the amendment this change was made under, if any."""

    @property
    def when(self) -> str:
        return self.made_at.strftime("%d/%m/%Y %H:%M")

    @property
    def who(self) -> str:
        return self.made_by or SOMEONE

    @property
    def text(self) -> str:
        return f"{self.when} — {self.who} {self.sentence}"


#: Where a long value changed further in than this, the sentence quotes from near the change.
LEAD = 24


def _q(value: str | None) -> str:
    return f"'{snippet(value, QUOTED)}'"


def _pair(old: str, new: str) -> tuple[str, str]:
    """Both values quoted; when they begin alike, from just before where they differ, so
    the sentence shows what changed rather than the same opening twice."""
    old_flat, new_flat = " ".join(old.split()), " ".join(new.split())
    same = next(
        (i for i, (a, b) in enumerate(zip(old_flat, new_flat, strict=False)) if a != b),
        min(len(old_flat), len(new_flat)),
    )
    if same <= LEAD or (len(old_flat) <= QUOTED and len(new_flat) <= QUOTED):
        return _q(old), _q(new)
    start = old_flat.rfind(" ", 0, same - LEAD // 2) + 1 or same - LEAD
    return f"'…{snippet(old_flat[start:], QUOTED)}'", f"'…{snippet(new_flat[start:], QUOTED)}'"


def sentence(entry: HistoryEntry) -> str:
    """What the entry records, as the predicate of a sentence whose subject is the person."""
    op, subject, field = entry.operation, entry.subject, entry.field
    old, new = entry.old_value, entry.new_value
    if op is ChangeKind.APPROVED:
        return f"recorded the minutes as approved by {new}" if new else "approved the minutes"
    if op is ChangeKind.REOPENED:
        return f"reopened the minutes: {_q(new)}" if new else "reopened the minutes"
    if op is ChangeKind.IMPORTED:
        return "imported the audit from an archive"
    if op is ChangeKind.ADDED:
        if entry.kind == "audit":
            return f"created the audit {_q(new)}"
        return f"added {subject}"
    if op is ChangeKind.DELETED:
        if entry.kind == "history":  # see redaction.py: the words themselves are never kept
            return f"removed {subject}: {_q(new)}" if new else f"removed {subject}"
        return f"deleted {subject}"
    if old is None and new is None:
        return f"changed the {field} of {subject}"  # a value the history never keeps
    if not old:
        return f"set the {field} of {subject} to {_q(new)}"
    if not new:
        return f"cleared the {field} of {subject} (it was {_q(old)})"
    before, after = _pair(old, new)
    return f"changed the {field} of {subject} from {before} to {after}"


def _lines(session: Session, where: object) -> list[HistoryLine]:
    query = (
        select(HistoryEntry, Amendment.reason)
        .outerjoin(Amendment, Amendment.id == HistoryEntry.amendment_id)
        .where(where)  # type: ignore[arg-type]
        .order_by(HistoryEntry.made_at.desc(), HistoryEntry.id.desc())
    )
    return [
        HistoryLine(
            entry.id,
            entry.made_at,
            entry.made_by,
            sentence(entry),
            entry.old_value,
            entry.new_value,
            reason or "",
        )
        for entry, reason in session.execute(query)
    ]


def audit_history(session: Session, audit_id: int) -> list[HistoryLine]:
    """Everything recorded for the audit, newest first."""
    return _lines(session, HistoryEntry.audit_id == audit_id)


def case_history(session: Session, case_id: int) -> list[HistoryLine]:
    """The case, its agencies' summaries and grades, family views, escalation, and the
    discussion, findings and actions on it; newest first."""
    return _lines(session, HistoryEntry.case_id == case_id)


def action_history(session: Session, action_id: int) -> list[HistoryLine]:
    """The action and its progress updates, newest first."""
    get(session, Action, action_id, "action")
    return _lines(session, HistoryEntry.action_id == action_id)


def amendment_changes(session: Session, amendment_id: int) -> list[str]:
    """What was changed under an amendment, oldest first, as sentences without a subject."""
    entries = session.scalars(
        select(HistoryEntry)
        .where(HistoryEntry.amendment_id == amendment_id)
        .order_by(HistoryEntry.made_at, HistoryEntry.id)
    )
    return [sentence(entry) for entry in entries]


@dataclass(frozen=True)
class Choices:
    """What a history can be shown for: the audit's cases and its actions, by name."""

    cases: list[tuple[int, str]]
    actions: list[tuple[int, str]]


def choices(session: Session, audit_id: int) -> Choices:
    audit = get(session, Audit, audit_id, "audit")
    names = {case.id: case.pseudonym for case in audit.cases}
    return Choices(
        [(case.id, case.pseudonym) for case in audit.cases],
        [
            (
                action.id,
                f"{names.get(action.case_id or 0, 'Partnership')}: {snippet(action.text)}",
            )
            for action in audit.actions
        ],
    )
