"""Deleting a record and putting it back exactly as it was, with everything that hung off it.

Deleting a case also deletes its involvement, summaries, grades, views, notes, findings and
actions (the database cascades). Undo must bring all of that back, under the same ids so the
rest of the undo history still finds it. ``take`` reads the record and every row that would go
with it, following the schema's cascading foreign keys, so a table added later is covered
without anyone remembering to list it; ``put_back`` adds them again, parents first, through
the session (so the change history records them coming back).

A row that points at something deleted since (a domain, an agency) is left out, as the
database would have deleted it; a link that would merely have been cleared (``SET NULL``) is
restored only if the row it points at is being put back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.base import Base
from panel_app.errors import DomainError

Row = dict[str, Any]


@dataclass(frozen=True)
class Link:
    """A ``SET NULL`` reference the delete clears: which row, which column, to what."""

    table: str
    key: tuple[Any, ...]
    column: str
    value: Any


@dataclass
class Snapshot:
    """A record and what hangs off it, table by table in the order they can be inserted."""

    root: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _key(table: Table, row: Row) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _ids(rows: Iterable[Row], column: str) -> set[Any]:
    return {row[column] for row in rows}


def take(session: Session, table_name: str, ident: int) -> Snapshot:
    """The row ``ident`` of ``table_name`` and every row its deletion would delete or unlink."""
    session.flush()
    tables = _tables()
    by_name = {t.name: t for t in tables}
    root = by_name[table_name]
    snapshot = Snapshot(table_name)
    found = [dict(r) for r in session.execute(select(root).where(root.c.id == ident)).mappings()]
    snapshot.rows[table_name] = found
    for table in tables:
        rows: dict[tuple[Any, ...], Row] = {}
        for fk in table.foreign_keys:
            parent = fk.column.table
            if parent.name not in snapshot.rows or parent is table:
                continue
            ids = _ids(snapshot.rows[parent.name], fk.column.name)
            if not ids:
                continue
            query = select(table).where(fk.parent.in_(ids))
            for row in session.execute(query).mappings():
                if fk.ondelete == "CASCADE":
                    rows[_key(table, dict(row))] = dict(row)
                elif fk.ondelete == "SET NULL":
                    key = _key(table, dict(row))
                    snapshot.links.append(
                        Link(table.name, key, fk.parent.name, row[fk.parent.name])
                    )
        if rows and table.name != table_name:
            snapshot.rows[table.name] = list(rows.values())
    return snapshot


def _exists(session: Session, table: Table, column: str, values: set[Any]) -> set[Any]:
    if not values:
        return set()
    target = table.c[column]
    return set(session.scalars(select(target).where(target.in_(values))))


def _keep(session: Session, table: Table, rows: list[Row], kept: dict[str, list[Row]]) -> list[Row]:
    """The rows whose references all still resolve; a dangling nullable one is cleared."""
    for fk in table.foreign_keys:
        parent, column = fk.column.table, fk.parent.name
        wanted = {row[column] for row in rows if row[column] is not None}
        present = _ids(kept.get(parent.name, []), fk.column.name)
        present |= _exists(session, parent, fk.column.name, wanted - present)
        survivors = []
        for row in rows:
            if row[column] is None or row[column] in present:
                survivors.append(row)
            elif fk.parent.nullable:
                survivors.append({**row, column: None})
        rows = survivors
    return rows


def put_back(session: Session, snapshot: Snapshot) -> None:
    """Write the snapshot's rows again under their old ids, parents first.

    Mapped rows go back as objects through the session, so whatever listens to it (the change
    history, and its lock on approved minutes) sees them come back as it saw them go.
    """
    session.flush()
    mappers = {m.class_.__tablename__: m for m in Base.registry.mappers}
    kept: dict[str, list[Row]] = {}
    try:
        for table in _tables():
            rows = snapshot.rows.get(table.name)
            if not rows:
                continue
            rows = _keep(session, table, rows, kept)
            if not rows:
                continue
            mapper = mappers.get(table.name)
            if mapper is None:  # a link table (a finding's domains)
                session.execute(insert(table), rows)
            else:
                for row in rows:
                    key = mapper.identity_key_from_primary_key(_key(table, row))
                    stale = session.identity_map.get(key)
                    if stale is not None:  # deleted by the database's cascade, still in memory
                        session.expunge(stale)
                    record = mapper.class_()
                    for column in table.columns:
                        setattr(record, mapper.get_property_by_column(column).key, row[column.name])
                    session.add(record)
                session.flush()  # table by table: parents are in before their children
            kept[table.name] = rows
        for link in snapshot.links:
            _relink(session, link, kept)
    except IntegrityError:
        raise DomainError(
            "It cannot be put back: something recorded since takes its place."
        ) from None
    session.expire_all()  # collections loaded before know nothing of what came back


def _relink(session: Session, link: Link, kept: dict[str, list[Row]]) -> None:
    """Point the row back at what it pointed at, if that is being put back too."""
    table = Base.metadata.tables[link.table]
    (fk,) = table.c[link.column].foreign_keys
    if link.value not in _ids(kept.get(fk.column.table.name, []), fk.column.name):
        return
    where = [
        column == value for column, value in zip(table.primary_key.columns, link.key, strict=True)
    ]
    session.execute(update(table).where(*where).values({link.column: link.value}))
