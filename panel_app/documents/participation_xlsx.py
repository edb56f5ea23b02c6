"""The participation table in Excel: agencies × cases, totals, and the agencies absent.

Drawn from ``participation.ParticipationModel`` (the PDF is drawn from the same model), with
the protective marking at the top and bottom of the sheet and of every printed page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, PatternFill, Side
from openpyxl.utils import get_column_letter
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus
from panel_app.documents.action_log import (
    font,
    mark_pages,
    put_text,
    row_height,
    save_xlsx,
)
from panel_app.documents.participation import ParticipationModel, participation_model

SHEET = "Participation"
AGENCY_WIDTH = 40
SUMMARY_WIDTH = 34
FILLS = {
    InvolvementStatus.AUDITED: PatternFill("solid", fgColor="C6EFCE"),
    InvolvementStatus.OUT_OF_SCOPE: PatternFill("solid", fgColor="EDEDED"),
    InvolvementStatus.NOT_KNOWN: PatternFill("solid", fgColor="FFF2CC"),
    InvolvementStatus.NOT_OPEN: PatternFill("solid", fgColor="DDEBF7"),
}
HEADING_FILL = PatternFill("solid", fgColor="1F4E78")
TOTAL_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


def _put(sheet: Any, row: int, column: int, value: str | int, **style: Any) -> Any:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _heading_row(sheet: Any, row: int, model: ParticipationModel) -> None:
    headings = ["Agency", *(c.pseudonym for c in model.cases), *model.status_labels]
    headings.append(f"Cases audited (of {len(model.cases)})")
    for column, text in enumerate(headings, start=1):
        _put(
            sheet, row, column, text,
            font=font(bold=True, color="FFFFFF"), fill=HEADING_FILL, alignment=CENTRED,
            border=GRID,
        )  # fmt: skip


def _agency_rows(sheet: Any, row: int, model: ParticipationModel) -> int:
    statuses = len(model.statuses)
    for agency in model.rows:
        _put(sheet, row, 1, agency.agency, alignment=LEFT, border=GRID, font=font(bold=True))
        sheet.row_dimensions[row].height = row_height(
            [(agency.agency, AGENCY_WIDTH * 0.85), (agency.summary, SUMMARY_WIDTH)]  # bold
        )
        for column, cell in enumerate(agency.cells, start=2):
            target = _put(sheet, row, column, cell.label, alignment=CENTRED, border=GRID)
            if cell.status is not None:
                target.fill = FILLS[cell.status]
        first = len(agency.cells) + 2
        for offset, count in enumerate(agency.counts):
            _put(sheet, row, first + offset, count, alignment=CENTRED, border=GRID)
        _put(sheet, row, first + statuses, agency.summary, alignment=LEFT, border=GRID)
        row += 1
    return row


def _total_rows(sheet: Any, row: int, model: ParticipationModel) -> int:
    bold = font(bold=True)
    first = len(model.cases) + 2
    for index, (status, name) in enumerate(zip(model.statuses, model.status_labels, strict=True)):
        _put(sheet, row, 1, f"Total: {name.lower()}", font=bold, fill=TOTAL_FILL, border=GRID)
        for column, case in enumerate(model.cases, start=2):
            _put(sheet, row, column, case.count(status), alignment=CENTRED, border=GRID,
                 fill=TOTAL_FILL)  # fmt: skip
        for offset in range(len(model.statuses) + 1):
            value: str | int = model.total(status) if offset == index else ""
            _put(sheet, row, first + offset, value, alignment=CENTRED, border=GRID,
                 fill=TOTAL_FILL, font=bold)  # fmt: skip
        row += 1
    return row


def _notes(sheet: Any, row: int, model: ParticipationModel) -> int:
    lines: list[tuple[str, bool]] = []
    for title, absences in (
        ("Unable to participate", model.unable),
        ("Invited, not involved", model.invited),
    ):
        if absences:
            lines.append((title, True))
            lines += [
                (f"{a.agency}: {a.reason}" if a.reason else a.agency, False) for a in absences
            ]
    escalated = [c.pseudonym for c in model.cases if c.escalated]
    if escalated:
        lines.append((
            f"Taken out of the audit to a separate meeting: {', '.join(escalated)}.", False
        ))  # fmt: skip
    not_discussed = [c.pseudonym for c in model.cases if not c.discussed]
    if not_discussed and len(not_discussed) < len(model.cases):
        lines.append((f"Not discussed at the panel: {', '.join(not_discussed)}.", False))
    lines.append(("A blank cell: no involvement was recorded.", False))
    width = len(model.cases) + len(model.statuses) + 2
    for text, bold in lines:
        _put(sheet, row, 1, text, font=font(bold=bold), alignment=LEFT)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row


def render_participation_xlsx(model: ParticipationModel, path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    head = model.masthead
    mark_pages(sheet, head.marking, f"{head.partnership} – {head.audit_title}")
    marking = font(bold=True, color="C00000")
    _put(sheet, 1, 1, head.marking, font=marking)
    _put(sheet, 2, 1, head.document_title, font=font(bold=True, size=14))
    when = f" – panel {head.panel_date}" if head.panel_date else ""
    _put(sheet, 3, 1, f"{head.partnership} – {head.audit_title}{when}", font=font())
    _heading_row(sheet, 5, model)
    row = _agency_rows(sheet, 6, model)
    row = _total_rows(sheet, row, model)
    row = _notes(sheet, row + 1, model)
    _put(sheet, row + 1, 1, head.marking, font=marking)
    sheet.freeze_panes = "B6"
    sheet.print_title_rows = "5:5"
    sheet.column_dimensions["A"].width = AGENCY_WIDTH
    for column in range(2, len(model.cases) + len(model.statuses) + 2):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    summary = get_column_letter(len(model.cases) + len(model.statuses) + 2)
    sheet.column_dimensions[summary].width = SUMMARY_WIDTH
    workbook.save(path)


def write_participation_xlsx(session: Session, audit_id: int, path: Path) -> Path:
    """Export the audit's participation table to ``path`` (.xlsx), safely (see save_xlsx)."""
    model = participation_model(session, audit_id)
    return save_xlsx(Path(path), lambda temp: render_participation_xlsx(model, temp))


def participation_xlsx_writer(
    session: Session, audit_id: int, path: Path, draft: bool | None
) -> None:
    """The ``export_document`` writer."""
    render_participation_xlsx(participation_model(session, audit_id), path)
