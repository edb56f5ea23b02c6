"""The hidden sheet that tells the reader what a return is: which audit, which agency, which
case each sheet is about and which question each row asks.

It holds pseudonyms and names only. The private reference of a case never goes in: a return
is emailed to an agency, and the file is all the app needs to match it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.workbook.workbook import Workbook

from panel_app.returns.plan import ReturnError
from panel_app.returns.workbook import (
    FORMAT,
    GRADE,
    META_SHEET,
    TEXT_QUESTIONS,
    VERSION,
    Question,
    cell_text,
)

NOT_A_RETURN = (
    "{name} is not an Audit Panel agency return: it has none of the details the app puts in "
    "the returns it makes. Import the file the app made for the agency, once filled in."
)


@dataclass
class Metadata:
    audit_id: int
    audit_title: str
    agency: str
    questions: list[Question]
    sheets: list[tuple[str, str]] = field(default_factory=list)
    """(sheet title, pseudonym) for each case sheet, in order."""
    scale: list[str] = field(default_factory=list)
    """The grading scale when the return was made (the drop-down may refer to it)."""


def _put(sheet: Any, *values: object) -> int:
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        # Text stays text: a title such as "=Neglect" must never become a formula.
        if isinstance(cell.value, str):
            cell.data_type = "s"
    return int(sheet.max_row)


def write_metadata(workbook: Workbook, meta: Metadata) -> str:
    """Add the hidden sheet; returns a reference to the scale's cells, for a drop-down."""
    sheet = workbook.create_sheet(META_SHEET)
    # "veryHidden": not listed by Excel's Unhide, so it is not changed by accident.
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
    _put(sheet, "note", "Audit Panel reads this sheet when the return is imported.")
    _put(sheet, "format", FORMAT)
    _put(sheet, "version", VERSION)
    _put(sheet, "audit id", meta.audit_id)
    _put(sheet, "audit title", cell_text(meta.audit_title))
    _put(sheet, "agency", cell_text(meta.agency))
    for question in meta.questions:
        _put(sheet, "question", question.key, cell_text(question.domain), question.text)
    rows = [_put(sheet, "grade", cell_text(label)) for label in meta.scale] or [sheet.max_row]
    for title, pseudonym in meta.sheets:
        _put(sheet, "sheet", title, cell_text(pseudonym))
    return f"'{META_SHEET}'!$B${rows[0]}:$B${rows[-1]}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def read_metadata(workbook: Workbook, name: str) -> Metadata:
    """The return's details, or a ``ReturnError`` saying why the file is not a usable return."""
    if META_SHEET not in workbook.sheetnames:
        raise ReturnError([NOT_A_RETURN.format(name=name)])
    scalars: dict[str, object] = {}
    questions: list[Question] = []
    sheets: list[tuple[str, str]] = []
    scale: list[str] = []
    for row in workbook[META_SHEET].iter_rows(values_only=True):
        cells: list[object] = [*list(row), None, None, None, None]
        key, rest = cells[0], cells[1:4]
        values = [_text(value) for value in rest]
        if key == "question":
            questions.append(Question(values[0], values[2], values[1]))
        elif key == "sheet":
            sheets.append((values[0], values[1]))
        elif key == "grade":
            scale.append(values[0])
        elif isinstance(key, str):
            scalars[key] = rest[0]
    if scalars.get("format") != FORMAT:
        raise ReturnError([NOT_A_RETURN.format(name=name)])
    version = scalars.get("version")
    if isinstance(version, int) and version > VERSION:
        raise ReturnError(
            [
                f"{name} was made by a newer version of Audit Panel (return format {version}); "
                f"this version reads format {VERSION}. Update Audit Panel to import it."
            ]
        )
    audit_id = scalars.get("audit id")
    damaged = (
        version != VERSION
        or not all(isinstance(scalars.get(k), str) for k in ("audit title", "agency"))
        or any(q.key != GRADE and q.key not in TEXT_QUESTIONS for q in questions)
        or not questions
    )
    if not isinstance(audit_id, int) or damaged:
        raise ReturnError(
            [
                f"The Audit Panel details hidden in {name} are damaged, so the app cannot tell "
                "what the return is about. Make a new return for the agency."
            ]
        )
    return Metadata(
        audit_id,
        _text(scalars["audit title"]),
        _text(scalars["agency"]),
        questions,
        sheets,
        scale,
    )
