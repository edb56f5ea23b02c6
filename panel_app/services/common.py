"""Small pieces every service uses: fetch by id, positions, reordering."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from panel_app.errors import DomainError, NotFoundError

T = TypeVar("T")


class Positioned(Protocol):
    id: Any
    position: Any


P = TypeVar("P", bound=Positioned)


def get(session: Session, model: type[T], ident: int, what: str) -> T:
    """The row with this id, or a ``NotFoundError`` saying the thing has gone."""
    found = session.get(model, ident)
    if found is None:
        raise NotFoundError(f"That {what} no longer exists: it may have been deleted.")
    return found


def next_position(session: Session, column: Any, parent_column: Any, parent_id: int) -> int:
    highest = session.scalar(select(func.max(column)).where(parent_column == parent_id))
    return 0 if highest is None else int(highest) + 1


def reorder(items: Sequence[P], ordered_ids: Sequence[int], what: str) -> None:
    """Put ``items`` in the order of ``ordered_ids``, which must name each of them once."""
    by_id = {item.id: item for item in items}
    if sorted(ordered_ids) != sorted(by_id):
        raise DomainError(f"The new order of the {what} must list each of them exactly once.")
    for position, ident in enumerate(ordered_ids):
        by_id[ident].position = position
    if isinstance(items, list):
        # The loaded collection is read again in this session (e.g. by the next screen).
        items.sort(key=lambda item: item.position)


def attach(session: Session, parent: object, collection: str, child: object) -> None:
    """Add a validated ``child`` and keep ``parent.<collection>`` right if it is loaded.

    Only a collection already in memory is appended to: loading every discussion point of
    an audit just to add one would make the minute-taker wait.
    """
    session.add(child)
    if collection in inspect(parent).dict:
        getattr(parent, collection).append(child)
