"""Read back an action log that agencies have updated, and apply what they changed.

    plan = read_action_log(session, path)   # checks the whole file; changes nothing
    plan.describe()                         # the preview, in plain English
    apply_action_log(session, plan) -> int  # the number of changes made

Agencies may change the status, the review date and the evidence, and write a new progress
update (dated by its own column, or the day it is read). What the panel agreed (the action's
text, owner and due date) cannot be changed from the log. Problems anywhere in the file raise
``ActionLogError`` listing each by row number, and nothing is written. Reading the same file
again finds nothing to change: an update already recorded is not added twice.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from db.base import LONG_TEXT
from db.enums import ActionStatus, label
from db.models import Action
from panel_app.dates import format_short, parse_date
from panel_app.documents.action_log import (
    COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    LAYOUT_SHEET,
    SHEET,
    STATUS_LABELS,
    excel_text,
    parse_ident,
)
from panel_app.documents.text import clean
from panel_app.errors import DomainError
from panel_app.services import actions

AGREED = "the log cannot change what was agreed; edit it in the app"
_STATUSES = {label(s.value).casefold(): s for s in ActionStatus} | {
    s.value.casefold(): s for s in ActionStatus
}
_HEADERS = {column.header.casefold(): column.key for column in COLUMNS}
_BATCH = 500  # ids per query: well under every database's limit on parameters


class ActionLogError(DomainError):
    """The file cannot be imported; ``problems`` says why, row by row, in plain English."""

    def __init__(self, problems: list[str]) -> None:
        count = len(problems)
        super().__init__(
            f"The action log was not imported: {count} problem{'s' * (count != 1)} to put "
            "right first. Nothing was changed."
        )
        self.problems = problems


@dataclass(frozen=True)
class FieldChange:
    field: str  # the Action attribute: "status", "review_date" or "evidence"
    name: str  # as the log's heading says it
    old: str
    new: str
    value: Any  # what is stored


@dataclass(frozen=True)
class NewUpdate:
    on: date
    text: str


@dataclass(frozen=True)
class ActionChange:
    row: int
    action_id: int
    ident: str
    changes: tuple[FieldChange, ...]
    update: NewUpdate | None

    @property
    def count(self) -> int:
        return len(self.changes) + (self.update is not None)

    def describe(self) -> list[str]:
        lines = [f"Row {self.row}, action {self.ident}:"]
        lines += [f"  {c.name}: {_short(c.old)} → {_short(c.new)}" for c in self.changes]
        if self.update:
            lines.append(
                f"  New update ({format_short(self.update.on)}): {_short(self.update.text)}"
            )
        return lines


@dataclass(frozen=True)
class ActionLogPlan:
    source: str
    actions_read: int
    changes: tuple[ActionChange, ...]

    @property
    def count(self) -> int:
        """How many changes applying the plan makes (fields and new updates)."""
        return sum(change.count for change in self.changes)

    def describe(self) -> list[str]:
        read = f"{self.actions_read} action{'s' * (self.actions_read != 1)}"
        if not self.changes:
            return [f"No changes: the {read} in {self.source} match the database."]
        lines = [
            f"{self.count} change{'s' * (self.count != 1)} to {len(self.changes)} of the "
            f"{read} in {self.source}:"
        ]
        for change in self.changes:
            lines += change.describe()
        return lines


def _short(text: str, limit: int = 80) -> str:
    if not text:
        return "(empty)"
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 1] + "…"}"'


# --- reading the cells ------------------------------------------------------------------


class _Problem(Exception):
    pass


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return format_short(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(str(value))


def _date(value: Any, name: str) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value))
    except DomainError as error:
        raise _Problem(f"the {name} {error.message}") from None


def _status(value: Any) -> ActionStatus:
    typed = _text(value)
    allowed = ", ".join(STATUS_LABELS)
    if not typed:
        raise _Problem(f"the status is empty: choose one of {allowed}")
    status = _STATUSES.get(typed.casefold())
    if status is None:
        raise _Problem(f"'{typed}' is not a status ({allowed})")
    return status


def _long(text: str, name: str) -> str:
    if len(text) > LONG_TEXT:
        raise _Problem(
            f"the {name} is {len(text):,} characters long; it can hold at most {LONG_TEXT:,}"
        )
    return text


def _open(path: Path) -> Any:
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except FileNotFoundError:
        raise DomainError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise DomainError(f"{path} is a folder. Choose the action log's .xlsx file.") from None
    except PermissionError:
        raise DomainError(f"{path.name} cannot be read: you do not have permission.") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise DomainError(
            f"{path.name} is not an Excel workbook (.xlsx) that Audit Panel can read. "
            "Save it from Excel as an .xlsx file and try again."
        ) from None


def _check_layout(workbook: Any) -> None:
    if LAYOUT_SHEET not in workbook.sheetnames:
        return  # copied into another workbook: the headings are enough
    first: tuple[Any, ...] = next(workbook[LAYOUT_SHEET].iter_rows(max_row=1, values_only=True), ())
    version = first[1] if len(first) >= 2 and first[0] == FORMAT else None
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise DomainError(
            "This action log was made by a newer version of Audit Panel. "
            "Update Audit Panel, then import it again."
        )


def _rows(workbook: Any) -> tuple[dict[str, int], Iterator[tuple[Any, ...]]]:
    if SHEET not in workbook.sheetnames:
        raise DomainError(
            f"The workbook has no '{SHEET}' sheet: is it an action log exported from Audit Panel?"
        )
    cells = workbook[SHEET].iter_rows()
    heading = next(cells, ())
    where = {}
    for index, cell in enumerate(heading):
        key = _HEADERS.get(_text(cell.value).casefold())
        if key and key not in where:
            where[key] = index
    missing = [c.header for c in COLUMNS if c.key in ("id", "status") and c.key not in where]
    if missing:
        raise ActionLogError(
            [
                f"Row 1: there is no '{name}' column; keep the headings as exported."
                for name in missing
            ]
        )
    return where, cells


# --- checking each row against the database ---------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    formulas: set[str]
    action_id: int = 0
    ident: str = ""


def _load(session: Session, ids: Iterable[int]) -> dict[int, Action]:
    wanted = sorted(set(ids))
    found: dict[int, Action] = {}
    for start in range(0, len(wanted), _BATCH):
        query = (
            select(Action)
            .where(Action.id.in_(wanted[start : start + _BATCH]))
            .options(joinedload(Action.audit), selectinload(Action.updates))
        )
        found.update((a.id, a) for a in session.scalars(query).unique())
    return found


def _agreed(row: _Row, action: Action) -> list[str]:
    """Problems with what the panel agreed: the text, owner, due date, past updates."""
    problems = []
    values = row.values
    for key, what, current in (
        ("text", "text", action.text),
        ("owner", "owner", action.owner),
    ):
        if key in values and _text(values[key]) != excel_text(current):
            problems.append(f"the action's {what} was changed — {AGREED}")
    if "due" in values:
        try:
            changed = _date(values["due"], "due date") != action.due_date
        except _Problem:
            changed = True
        if changed:
            problems.append(f"the due date was changed — {AGREED}")
    last = _text(values.get("last"))
    if last and last not in {excel_text(u.text) for u in action.updates}:
        problems.append(
            "the last update was changed — write new progress under 'New update' instead"
        )
    return problems


def _review(row: _Row, action: Action) -> date | None:
    if "review" not in row.values:
        return action.review_date
    review = _date(row.values["review"], "review date")
    panel = action.audit.panel_date
    if review != action.review_date and panel and review and review < panel:
        raise _Problem(
            f"the review date {format_short(review)} is before the panel "
            f"({format_short(panel)}); choose a later date"
        )
    return review


def _changes(row: _Row, action: Action, today: date) -> ActionChange | None:
    status = _status(row.values.get("status"))
    review = _review(row, action)
    changes = []
    if status is not action.status:
        old, new = label(action.status.value), label(status.value)
        changes.append(FieldChange("status", "Status", old, new, status))
    if review != action.review_date:
        old, new = format_short(action.review_date), format_short(review)
        changes.append(FieldChange("review_date", "Review date", old, new, review))
    if "evidence" in row.values:
        evidence = _long(_text(row.values["evidence"]), "evidence")
        if evidence != excel_text(action.evidence):
            changes.append(
                FieldChange("evidence", "Evidence", clean(action.evidence), evidence, evidence)
            )
    update = _new_update(row, action, today)
    if not changes and update is None:
        return None
    panel = action.audit.panel_date
    if changes and panel and action.due_date and action.due_date < panel:
        raise _Problem(
            f"the action's due date ({format_short(action.due_date)}) is before the panel "
            f"({format_short(panel)}); correct it in the app first"
        )
    return ActionChange(row.number, action.id, row.ident, tuple(changes), update)


def _new_update(row: _Row, action: Action, today: date) -> NewUpdate | None:
    text = _long(_text(row.values.get("new")), "new update")
    on = _date(row.values.get("new_on"), "new update date")
    if not text:
        if on is not None:
            raise _Problem("there is a new update date but no new update")
        return None
    if on is not None and on > today:
        raise _Problem(f"the new update is dated {format_short(on)}, which is in the future")
    if text in {excel_text(u.text) for u in action.updates}:
        return None  # already recorded: the same file imported again
    return NewUpdate(on or today, text)


def _read_rows(where: dict[str, int], cells: Iterator[tuple[Any, ...]]) -> Iterator[_Row]:
    rag = where.get("rag")
    for number, line in enumerate(cells, start=2):
        values, formulas = {}, set()
        for key, index in where.items():
            if index == rag:
                continue
            cell = line[index] if index < len(line) else None
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) in ("f", "e"):
                formulas.add(key)
            values[key] = value
        if any(_text(v) for v in values.values()):
            yield _Row(number, values, formulas)


def _identify(rows: list[_Row], problems: list[str]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        typed = _text(row.values.get("id"))
        parsed = parse_ident(typed)
        if not typed:
            problems.append(
                f"Row {row.number}: the action has no Action ID — new actions are added in "
                "the app, not in the log"
            )
        elif parsed is None:
            problems.append(f"Row {row.number}: '{typed}' is not an Action ID (such as A-1-4)")
        else:
            row.ident = f"A-{parsed[0]}-{parsed[1]}"
            row.action_id = parsed[1]
            if row.ident in first:
                problems.append(
                    f"Row {row.number}: action {row.ident} appears twice "
                    f"(rows {first[row.ident]} and {row.number})"
                )
                row.action_id = 0
            else:
                first[row.ident] = row.number


def read_action_log(session: Session, path: Path, *, today: date | None = None) -> ActionLogPlan:
    """Check the whole file against the database; return what importing it would change.

    Raises ``ActionLogError`` (every problem, by row) or ``DomainError`` (a file that is not
    an action log). Changes nothing.
    """
    path = Path(path)
    today = today or date.today()
    workbook = _open(path)
    try:
        _check_layout(workbook)
        where, cells = _rows(workbook)
        rows = list(_read_rows(where, cells))
    finally:
        workbook.close()
    problems: list[str] = []
    _identify(rows, problems)
    found = _load(session, (row.action_id for row in rows if row.action_id))
    planned = []
    for row in rows:
        if not row.action_id:
            continue
        action = found.get(row.action_id)
        if action is None or row.ident != f"A-{action.audit_id}-{action.id}":
            problems.append(f"Row {row.number}: action {row.ident} is not in the database")
            continue
        found_problems = _agreed(row, action)
        found_problems += [
            f"the {_name(key)} is a formula; type it as words or a date"
            for key in sorted(row.formulas)
        ]
        try:
            change = _changes(row, action, today)
        except _Problem as problem:
            found_problems.append(str(problem))
            change = None
        problems += [f"Row {row.number}: {text}" for text in found_problems]
        if change is not None and not found_problems:
            planned.append(change)
    if problems:
        problems.sort(key=lambda text: int(text.split(":")[0].removeprefix("Row ")))
        raise ActionLogError(problems)
    return ActionLogPlan(path.name, len(rows), tuple(planned))


def _name(key: str) -> str:
    return next(c.header for c in COLUMNS if c.key == key).lower()


def apply_action_log(session: Session, plan: ActionLogPlan) -> int:
    """Make the plan's changes through the services; returns how many were made.

    Run it in the same transaction as ``read_action_log``: a failure part-way raises
    ``ActionLogError`` and the caller's transaction rolls back, so nothing is half applied.
    """
    made = 0
    for change in plan.changes:
        try:
            if change.changes:
                values = {c.field: c.value for c in change.changes}
                actions.update_action(session, change.action_id, **values)
            if change.update is not None:
                actions.add_update(
                    session, change.action_id, date=change.update.on, text=change.update.text
                )
        except DomainError as error:
            raise ActionLogError([f"Row {change.row}: {error.message}"]) from error
        made += change.count
    return made
