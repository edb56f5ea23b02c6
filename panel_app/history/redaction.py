"""Taking words out of an audit's change history: a child's real name typed by mistake and
corrected stays in the history (and in every archive exported from it) until it is removed here.

The words are matched whole and in any case ('Tom' is not taken out of 'Tomorrow'), replaced by
``REMOVED`` wherever the history quotes them, and the removal itself is recorded with its reason
but never with the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.enums import ChangeKind
from db.models import Amendment, Audit, HistoryEntry
from panel_app.errors import DomainError
from panel_app.history import recorder
from panel_app.services.approval import REASON
from panel_app.services.common import get

REMOVED = "[removed]"
KIND = "history"
SHORTEST = 2


@dataclass(frozen=True)
class Removal:
    changes: int
    """How many lines of the history quoted the words."""


def _pattern(words: str) -> re.Pattern[str]:
    wanted = " ".join(words.split())
    if len(wanted) < SHORTEST:
        raise DomainError(
            "Type the words to take out of the history (at least two letters).", "words"
        )
    # Any run of spaces or line breaks matches one space: a name broken over a line is found.
    body = r"\s+".join(re.escape(part) for part in wanted.split(" "))
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _scrubbed(pattern: re.Pattern[str], text: str | None) -> str | None:
    return None if text is None else pattern.sub(REMOVED, text)


def count(session: Session, audit_id: int, words: str) -> int:
    """How many lines of the audit's history quote ``words``."""
    pattern = _pattern(words)
    return sum(1 for _ in _matches(session, audit_id, pattern))


Quoted = tuple[int, str, str | None, str | None]


def _matches(session: Session, audit_id: int, pattern: re.Pattern[str]) -> Iterator[Quoted]:
    rows = session.execute(
        select(
            HistoryEntry.id, HistoryEntry.subject, HistoryEntry.old_value, HistoryEntry.new_value
        ).where(HistoryEntry.audit_id == audit_id, HistoryEntry.kind != KIND)
    )
    for ident, subject, old, new in rows:
        if any(text and pattern.search(text) for text in (subject, old, new)):
            yield ident, subject, old, new


def remove_words(session: Session, audit_id: int, words: str, *, reason: str) -> Removal:
    """Replace ``words`` wherever the audit's history (and its amendments' reasons) quotes
    them; the removal is recorded with ``reason``."""
    get(session, Audit, audit_id, "audit")
    pattern = _pattern(words)
    why = REASON(reason)
    found = list(_matches(session, audit_id, pattern))
    amendments = [
        (ident, text)
        for ident, text in session.execute(
            select(Amendment.id, Amendment.reason).where(Amendment.audit_id == audit_id)
        )
        if pattern.search(text)
    ]
    if not found and not amendments:
        raise DomainError(
            f"'{' '.join(words.split())}' is not in this audit's change history.", "words"
        )
    for ident, subject, old, new in found:
        session.execute(
            update(HistoryEntry)
            .where(HistoryEntry.id == ident)
            .values(
                subject=_scrubbed(pattern, subject),
                old_value=_scrubbed(pattern, old),
                new_value=_scrubbed(pattern, new),
            )
        )
    for ident, text in amendments:
        session.execute(
            update(Amendment).where(Amendment.id == ident).values(reason=pattern.sub(REMOVED, text))
        )
    changes = len(found) + len(amendments)
    recorder.note(
        session,
        audit_id,
        ChangeKind.DELETED,
        f"words from {changes} {'line' if changes == 1 else 'lines'} of the change history",
        why,
        kind=KIND,
    )
    return Removal(changes)
