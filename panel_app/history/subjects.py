"""How the change history names things and values: quoting, reading a value as a person reads
it, looking a name up cheaply, and ``Kind``, what it knows about one kind of audit content (the
kinds themselves are in kinds.py).

A field left out of ``fields`` (ids, positions, timestamps) is never recorded. A case's private
reference is recorded as changed, never with its value: history goes into the JSON archive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from db.enums import label
from db.models import (
    Agency,
    Case,
    GradeLevel,
)
from panel_app.dates import format_short

SNIPPET = 60
#: Recorded as changed, never with the value.
WITHHELD = frozenset({"private_reference"})


def snippet(text: str | None, limit: int = SNIPPET) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def quoted(text: str | None) -> str:
    return f"'{snippet(text)}'"


def before(obj: Any, key: str) -> Any:
    """The value a flush is changing away from (the value itself when it is not changing)."""
    history = inspect(obj).attrs[key].history
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, key)


def shown(value: Any) -> str | None:
    """A stored value as a person reads it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return label(str(value.value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_short(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def column_of(session: Session, model: type[Any], ident: int | None, attr: str) -> Any:
    """One column of a row, from the session when it holds the row, else one small query
    (loading the whole row would cost the minute-taker a few milliseconds a line)."""
    if ident is None:
        return None
    held = session.identity_map.get(identity_key(model, ident))
    if held is not None:
        return getattr(held, attr)
    table = model.__table__
    query = select(table.c[attr]).where(table.c.id == ident)
    return session.connection().execute(query).scalar()


def pseudonym_of(session: Session, case_id: int | None) -> str:
    name = column_of(session, Case, case_id, "pseudonym")
    return quoted(name) if name is not None else "a case"


def on_case(session: Session, case_id: int | None) -> str:
    return f" on {pseudonym_of(session, case_id)}" if case_id is not None else ""


def agency_of(session: Session, agency_id: int | None) -> str:
    return possessive(column_of(session, Agency, agency_id, "name") or "an agency")


def possessive(name: str) -> str:
    """ "Police's", "Children and Families'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


#: How a foreign key is shown: as the name of what it points at.
REFERENCES: dict[str, Callable[[Session, Any], str | None]] = {
    "agency_id": lambda s, v: column_of(s, Agency, v, "name"),
    "case_id": lambda s, v: column_of(s, Case, v, "pseudonym"),
    "level_id": lambda s, v: column_of(s, GradeLevel, v, "label"),
}


@dataclass(frozen=True)
class Kind:
    """One kind of tracked content."""

    name: str
    fields: dict[str, str]
    #: (session, obj) → the noun phrase a sentence names it by.
    subject: Callable[[Session, Any], str]
    audit_id: Callable[[Session, Any], int | None]
    case_id: Callable[[Session, Any], int | None] = lambda _s, _o: None
    action_id: Callable[[Session, Any], int | None] = lambda _s, _o: None
    #: The text recorded when the whole thing is added or deleted.
    text: Callable[[Any], str | None] = lambda _o: None
    #: Fields the approved minutes show (changed only by amendment); ``adding_locked`` says
    #: whether adding or deleting one changes the minutes too.
    locked: frozenset[str] = frozenset()
    adding_locked: bool = False
    #: Parent keys: a thing deleted with its parent is not listed on its own.
    parents: tuple[tuple[str, type[Any]], ...] = ()
    #: A grade is a field of what it grades: (session, obj) → the field's name.
    grade_of: Callable[[Session, Any], str] | None = field(default=None)
