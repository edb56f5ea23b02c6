"""The action log in Excel: one row per action, ready to filter, update and read back.

    write_action_log(session, path, audit_id=None) -> Path   # one audit, or every audit
    action_log_model(session, audit_id=None) -> ActionLogModel
    render_action_log(model, path)                           # the .xlsx itself

The log is a real Excel table ("ActionLog") with filters, a frozen header row, the status as
a drop-down, dates as dates (DD/MM/YYYY) and the RAG rating as a formula on TODAY(), so the
colours are right whenever the file is opened: red overdue, amber due within 14 days, green
otherwise, grey once the action is no longer live. Overdue rows are shaded by conditional
formatting on the same test. The columns with yellow headings are the ones agencies update;
``action_log_import`` reads them back, finding each action by its ``A-<audit>-<action>`` ID.

The workbook is written in openpyxl's write-only mode (tables, validation and conditional
formatting all work there), which keeps 10,000 actions to a second or two.

The small Excel helpers at the end (text that never becomes a formula, the protective marking
in page headers and footers, saving without leaving half a file) are shared with
``participation_xlsx``.
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from db.enums import LIVE_ACTION_STATUSES, ActionStatus, label
from db.models import DEFAULT_MARKING, Action, Audit, Partnership
from panel_app.dates import format_long
from panel_app.documents.atomic import save_atomically
from panel_app.documents.text import clean
from panel_app.errors import DomainError
from panel_app.services.common import get

SHEET = "Action log"
ABOUT_SHEET = "About this log"
LAYOUT_SHEET = "Layout"
TABLE_NAME = "ActionLog"
FORMAT = "Audit Panel action log"
FORMAT_VERSION = 1
DATE_FORMAT = "[$-809]DD/MM/YYYY"  # en-GB: LibreOffice too shows day first, whatever its locale
PARTNERSHIP_ROW = "Partnership"  # the case column of an action on no case
AMBER_DAYS = 14
EXCEL_CELL_LIMIT = 32_767
MAX_ROW_HEIGHT = 409  # points: Excel's limit

STATUS_LABELS: tuple[str, ...] = tuple(label(status.value) for status in ActionStatus)
LIVE_LABELS: tuple[str, ...] = tuple(
    label(status.value) for status in ActionStatus if status in LIVE_ACTION_STATUSES
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    editable: bool = False
    width: int = 40  # the widest the column is made, in characters
    is_date: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("id", "Action ID", width=14),
    Column("audit", "Audit", width=30),
    Column("case", "Case", width=16),
    Column("kind", "Kind", width=16),
    Column("text", "Action", width=60),
    Column("owner", "Owner", width=28),
    Column("due", "Due date", is_date=True),
    Column("status", "Status", editable=True, width=14),
    Column("rag", "RAG", width=8),
    Column("review", "Review date", editable=True, is_date=True),
    Column("last_on", "Last update on", is_date=True),
    Column("last", "Last update", width=50),
    Column("new", "New update", editable=True, width=50),
    Column("new_on", "New update date", editable=True, is_date=True),
    Column("evidence", "Evidence", editable=True, width=50),
)
INDEX = {column.key: index for index, column in enumerate(COLUMNS)}


def letter(key: str) -> str:
    """The spreadsheet column of a field: ``letter("status") == "H"``."""
    return str(get_column_letter(INDEX[key] + 1))


def action_ident(audit_id: int, action_id: int) -> str:
    """The action's ID in the log, unique across audits and unchanged by a re-import."""
    return f"A-{audit_id}-{action_id}"


_IDENT = re.compile(r"^\s*A\s*-\s*(\d+)\s*-\s*(\d+)\s*$", re.IGNORECASE)


def parse_ident(text: str) -> tuple[int, int] | None:
    """(audit id, action id) from 'A-3-42', or None if it is not an action ID."""
    match = _IDENT.match(text)
    return (int(match[1]), int(match[2])) if match else None


def rag(status: ActionStatus, due: date | None, today: date) -> str:
    """Red overdue, Amber due within 14 days, Green otherwise, Grey once no longer live."""
    if status not in LIVE_ACTION_STATUSES:
        return "Grey"
    if due is None or (due - today).days > AMBER_DAYS:
        return "Green"
    return "Red" if due < today else "Amber"


@dataclass(frozen=True)
class ActionLogRow:
    ident: str
    action_id: int
    audit: str
    case: str  # the pseudonym, or "Partnership"
    kind: str
    text: str
    owner: str
    due: date | None
    status: str
    rag: str  # as on the day the model was built; the file works it out each time it opens
    review: date | None
    last_update_on: date | None
    last_update: str
    evidence: str


@dataclass(frozen=True)
class ActionLogModel:
    partnership: str
    marking: str
    title: str  # "Action log: Neglect panel", or "Action log: all audits"
    exported_on: date
    rows: tuple[ActionLogRow, ...]


def _row(action: Action, today: date) -> ActionLogRow:
    newest = action.updates[-1] if action.updates else None
    return ActionLogRow(
        ident=action_ident(action.audit_id, action.id),
        action_id=action.id,
        audit=clean(action.audit.title),
        case=clean(action.case.pseudonym) if action.case else PARTNERSHIP_ROW,
        kind=label(action.kind.value),
        text=clean(action.text),
        owner=clean(action.owner),
        due=action.due_date,
        status=label(action.status.value),
        rag=rag(action.status, action.due_date, today),
        review=action.review_date,
        last_update_on=newest.date if newest else None,
        last_update=clean(newest.text) if newest else "",
        evidence=clean(action.evidence),
    )


def load_actions(session: Session, audit_id: int | None) -> list[Action]:
    """The actions of one audit, or of every audit (by panel date), in their agreed order."""
    query = (
        select(Action)
        .join(Action.audit)
        .options(joinedload(Action.audit), joinedload(Action.case), selectinload(Action.updates))
        .order_by(Audit.panel_date.asc().nulls_last(), Audit.id, Action.position, Action.id)
    )
    if audit_id is not None:
        query = query.where(Action.audit_id == audit_id)
    return list(session.scalars(query).unique())


def action_log_model(
    session: Session, audit_id: int | None = None, *, today: date | None = None
) -> ActionLogModel:
    """The log of one audit's actions, or (``audit_id=None``) of every audit's."""
    today = today or date.today()
    partnership: Partnership | None
    if audit_id is None:
        title = "Action log: all audits"
        partnership = session.scalar(select(Partnership).order_by(Partnership.id).limit(1))
    else:
        audit = get(session, Audit, audit_id, "audit")
        title = f"Action log: {clean(audit.title)}"
        partnership = audit.partnership
    return ActionLogModel(
        partnership=clean(partnership.name) if partnership else "",
        marking=(clean(partnership.protective_marking) if partnership else "") or DEFAULT_MARKING,
        title=title,
        exported_on=today,
        rows=tuple(_row(action, today) for action in load_actions(session, audit_id)),
    )


# --- rendering --------------------------------------------------------------------------

EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADING_FILL = PatternFill("solid", fgColor="1F4E78")  # set on the cells too: LibreOffice
# shows no table styles
OVERDUE_FILL = PatternFill("solid", bgColor="FFC7CE")
NOT_SMART_FILL = PatternFill("solid", bgColor="F4B183")
RAG_STYLES = {
    "Grey": ("D9D9D9", "404040"),
    "Red": ("C00000", "FFFFFF"),
    "Amber": ("FFC000", "000000"),
    "Green": ("00B050", "FFFFFF"),
}
TOP = Alignment(vertical="top")
WRAPPED = Alignment(vertical="top", wrap_text=True)
WRAPPED_STYLE, TOP_STYLE, DATE_STYLE = "Log text", "Log cell", "Log date"
WRAPPED_KEYS = frozenset({"audit", "text", "owner", "last", "new", "evidence"})


def _live(status: str) -> str:
    return "OR(" + ",".join(f'{status}="{name}"' for name in LIVE_LABELS) + ")"


def rag_formula(row: int) -> str:
    """The RAG cell of a row: worked out from TODAY() and the status each time it opens."""
    due, live = f"${letter('due')}{row}", _live(f"${letter('status')}{row}")
    return (
        f'=IF({live},IF(NOT(ISNUMBER({due})),"Green",IF({due}<TODAY(),"Red",'
        f'IF({due}-TODAY()<={AMBER_DAYS},"Amber","Green"))),"Grey")'
    )


def overdue_formula() -> str:
    """True on a row whose action is live and past its due date (written for row 2)."""
    due, live = f"${letter('due')}2", _live(f"${letter('status')}2")
    return f"AND(ISNUMBER({due}),{due}<TODAY(),{live})"


def not_smart_formulas(row: int = 2) -> dict[str, str]:
    """Column -> the test that flags a live action as not SMART in that column on ``row``
    (row 2 for conditional formatting): no owner, or neither a due date nor a review date."""
    live = _live(f"${letter('status')}{row}")
    owner = f"${letter('owner')}{row}"
    due, review = f"${letter('due')}{row}", f"${letter('review')}{row}"
    return {
        "owner": f"AND({live},LEN(TRIM({owner}))=0)",
        "due": f"AND({live},NOT(ISNUMBER({due})),NOT(ISNUMBER({review})))",
    }


def _values(row: ActionLogRow) -> dict[str, Any]:
    return {
        "id": row.ident,
        "audit": row.audit,
        "case": row.case,
        "kind": row.kind,
        "text": row.text,
        "owner": row.owner,
        "due": row.due,
        "status": row.status,
        "review": row.review,
        "last_on": row.last_update_on,
        "last": row.last_update,
        "new": None,
        "new_on": None,
        "evidence": row.evidence,
    }


def _widths(rows: list[dict[str, Any]]) -> list[float]:
    widths: list[float] = []
    for column in COLUMNS:
        longest = len(column.header) + 3  # room for the filter button
        if column.is_date:
            widths.append(max(12, longest))
            continue
        for values in rows:
            value = values.get(column.key)
            if value:
                longest = max(longest, max(len(line) for line in value.split("\n")) + 1)
                if longest >= column.width:
                    break
        widths.append(min(longest, column.width))
    return widths


def _header_cells(sheet: Any) -> list[WriteOnlyCell]:
    cells = []
    for column in COLUMNS:
        cell = text_cell(sheet, column.header)
        cell.alignment = WRAPPED
        cell.fill = EDITABLE_FILL if column.editable else HEADING_FILL
        cell.font = font(bold=True, color="000000" if column.editable else "FFFFFF")
        cells.append(cell)
    return cells


def _add_styles(workbook: Workbook) -> None:
    """Named cell styles: each cell takes one by name, much faster than styling each cell."""
    for name, alignment, number_format in (
        (WRAPPED_STYLE, WRAPPED, "General"),
        (TOP_STYLE, TOP, "General"),
        (DATE_STYLE, TOP, DATE_FORMAT),
    ):
        style = NamedStyle(name=name, font=font(), alignment=alignment)
        style.number_format = number_format
        workbook.add_named_style(style)


def _style_arrays(sheet: Any) -> dict[str, StyleArray]:
    """Each named style's cell style, looked up once: setting ``cell.style`` by name searches
    the workbook's styles for every cell, most of the time of writing a big log."""
    arrays = {}
    for name in (WRAPPED_STYLE, TOP_STYLE, DATE_STYLE):
        probe = WriteOnlyCell(sheet)
        probe.style = name
        arrays[name] = probe._style
    return arrays


def _data_cells(
    sheet: Any, values: dict[str, Any], number: int, styles: dict[str, StyleArray]
) -> list[WriteOnlyCell]:
    cells = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet)
        if column.key == "rag":
            cell._style = StyleArray(styles[TOP_STYLE])  # a copy: put_text may change it
            cell.value = rag_formula(number)
        elif column.is_date:
            cell._style = StyleArray(styles[DATE_STYLE])
            cell.value = values[column.key]
        else:
            name = WRAPPED_STYLE if column.key in WRAPPED_KEYS else TOP_STYLE
            cell._style = StyleArray(styles[name])
            put_text(cell, values[column.key] or "")
        cells.append(cell)
    return cells


def _table(last_row: int) -> Table:
    ref = f"A1:{get_column_letter(len(COLUMNS))}{last_row}"
    table = Table(
        displayName=TABLE_NAME,
        ref=ref,
        autoFilter=AutoFilter(ref=ref),
        tableStyleInfo=TableStyleInfo(name="TableStyleMedium2", showRowStripes=True),
    )
    for number, column in enumerate(COLUMNS, start=1):
        table.tableColumns.append(TableColumn(id=number, name=column.header))
    return table


def _validation(last_row: int) -> list[DataValidation]:
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(STATUS_LABELS) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose a status from the list: " + ", ".join(STATUS_LABELS) + ".",
        promptTitle="Status",
        prompt="Choose from the list.",
        showInputMessage=True,
    )
    status.add(f"{letter('status')}2:{letter('status')}{last_row}")
    dates = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Date",
        error="Type a date, such as 31/03/2018.",
    )
    for key in ("review", "new_on"):
        dates.add(f"{letter(key)}2:{letter(key)}{last_row}")
    return [status, dates]


def _conditional_formats(sheet: Any, last_row: int) -> None:
    rag_range = f"{letter('rag')}2:{letter('rag')}{last_row}"
    for name, (background, text) in RAG_STYLES.items():
        sheet.conditional_formatting.add(
            rag_range,
            FormulaRule(
                formula=[f'${letter("rag")}2="{name}"'],
                fill=PatternFill("solid", bgColor=background),
                font=font(color=text, bold=True),
                stopIfTrue=True,
            ),
        )
    # Before the overdue shading, which would otherwise hide it.
    for key, formula in not_smart_formulas().items():
        sheet.conditional_formatting.add(
            f"{letter(key)}2:{letter(key)}{last_row}",
            FormulaRule(formula=[formula], fill=NOT_SMART_FILL, stopIfTrue=True),
        )
    sheet.conditional_formatting.add(
        f"A2:{get_column_letter(len(COLUMNS))}{last_row}",
        FormulaRule(formula=[overdue_formula()], fill=OVERDUE_FILL),
    )


def _log_sheet(workbook: Workbook, model: ActionLogModel) -> None:
    sheet = workbook.create_sheet(SHEET)
    rows = [_values(row) for row in model.rows]
    widths = _widths(rows)
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    mark_pages(sheet, model.marking, f"{model.partnership} – {model.title}")
    sheet.print_title_rows = "1:1"
    sheet.row_dimensions[1].height = 30
    sheet.append(_header_cells(sheet))
    wrapped = [
        (c.key, width) for c, width in zip(COLUMNS, widths, strict=True) if c.key in WRAPPED_KEYS
    ]
    styles = _style_arrays(sheet)
    for number, values in enumerate(rows, start=2):
        sheet.row_dimensions[number].height = row_height(
            (values[key] or "", width) for key, width in wrapped
        )
        sheet.append(_data_cells(sheet, values, number, styles))
    last_row = max(len(model.rows) + 1, 2)  # a table needs a row below its headings
    if not model.rows:
        sheet.append([None] * len(COLUMNS))
    with warnings.catch_warnings():
        # openpyxl warns that write-only tables need their columns named: _table names them.
        warnings.filterwarnings("ignore", "In write-only mode", UserWarning)
        sheet.add_table(_table(last_row))
    sheet.data_validations.dataValidation.extend(_validation(last_row))
    _conditional_formats(sheet, last_row)


def _about_sheet(workbook: Workbook, model: ActionLogModel) -> None:
    sheet = workbook.create_sheet(ABOUT_SHEET)
    sheet.column_dimensions["A"].width = 110
    mark_pages(sheet, model.marking, f"{model.partnership} – {model.title}")
    editable = ", ".join(c.header for c in COLUMNS if c.editable)
    count = len(model.rows)
    lines: list[tuple[str, bool]] = [
        (model.marking, True),
        (model.partnership, True),
        (model.title, True),
        (
            f"Exported on {format_long(model.exported_on)}: {count} action{'s' * (count != 1)}.",
            False,
        ),
        ("", False),
        ("How to update this log", True),
        (
            f"Change only the columns with yellow headings ({editable}). Choose the status "
            "from its list. Write what has been done since the last update under 'New update'; "
            "its date is the day the log is read back unless you give one.",
            False,
        ),
        (
            "The other columns are what the panel agreed: change them in Audit Panel, not here. "
            "Do not change or delete the Action ID: it is how each row finds its action when "
            "the log is read back into Audit Panel.",
            False,
        ),
        ("", False),
        ("RAG", True),
        (
            f"Red: overdue. Amber: due within {AMBER_DAYS} days. Green: due later, or no due "
            "date. Grey: done, not achieved or superseded. The rating is worked out from "
            "today's date each time the file is opened, and overdue rows are shaded red.",
            False,
        ),
        ("", False),
        ("Not SMART", True),
        (
            "An empty Owner, or an empty Due date where there is no review date either, is "
            "shaded orange while the action is open: it is not SMART until someone owns it and "
            "it has a date. Agree them at the next panel, or add a review date here.",
            False,
        ),
        ("", False),
        (model.marking, True),
    ]
    for text, bold in lines:
        cell = text_cell(sheet, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = font(bold=True)
        sheet.append([cell])


def _layout_sheet(workbook: Workbook) -> None:
    """A hidden note of the layout, so an import knows the file and its columns."""
    sheet = workbook.create_sheet(LAYOUT_SHEET)
    sheet.sheet_state = "hidden"
    sheet.append([text_cell(sheet, FORMAT), FORMAT_VERSION])
    for column in COLUMNS:
        sheet.append(
            [
                text_cell(sheet, column.key),
                text_cell(sheet, column.header),
                text_cell(sheet, "editable" if column.editable else "agreed"),
            ]
        )


def render_action_log(model: ActionLogModel, path: Path) -> None:
    """Write the model as an .xlsx at ``path`` (straight there: see ``save_xlsx``)."""
    workbook = Workbook(write_only=True)
    _add_styles(workbook)
    _log_sheet(workbook, model)
    _about_sheet(workbook, model)
    _layout_sheet(workbook)
    workbook.save(path)


def write_action_log(session: Session, path: Path, audit_id: int | None = None) -> Path:
    """Export the action log of one audit, or of every audit, to ``path`` (.xlsx).

    Nothing in the database changes. A folder that cannot be written, or a file held open
    by another program, raises ``DomainError`` with a plain message and leaves no half file.
    """
    model = action_log_model(session, audit_id)
    return save_xlsx(Path(path), lambda temporary: render_action_log(model, temporary))


def actions_xlsx_writer(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    """The ``export_document`` writer: one audit's action log."""
    render_action_log(action_log_model(session, audit_id), path)


# --- Excel helpers, shared with participation_xlsx ----------------------------------------

_FORMULA_START = ("=", "+", "-", "@")


def excel_text(value: str | None) -> str:
    """Text a cell can hold: no control characters, and at most Excel's 32,767 characters."""
    text = clean(value)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - 1] + "…"
    return text


def text_cell(sheet: Any, value: str) -> WriteOnlyCell:
    """A write-only cell that holds ``value`` as text, never as a formula."""
    cell = WriteOnlyCell(sheet)
    put_text(cell, value)
    return cell


def put_text(cell: Any, value: str) -> None:
    """Store ``value`` in ``cell`` as text. '=SUM(A1)' stays words, in Excel and LibreOffice
    alike, and stays words when someone edits the cell (the quote prefix)."""
    text = excel_text(value)
    cell.value = text or None
    if not text:
        return
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def font(*, bold: bool = False, color: str = "000000", size: float = 11) -> Font:
    """Calibri, named: a font without a name shows in a serif face in LibreOffice."""
    return Font(name="Calibri", bold=bold, color=color, size=size)


def row_height(texts: Iterable[tuple[str, float]]) -> float:
    """Points for a row whose wrapped cells hold these (text, column width) pairs: set, as
    LibreOffice does not fit rows to wrapped text when it opens a workbook."""
    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.1))
        lines = max(lines, sum(math.ceil(len(line) / per_line) or 1 for line in text.split("\n")))
    return float(min(MAX_ROW_HEIGHT, 15 * lines))


def _header_text(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())[:limit]
    return text.replace("&", "&&")  # "&" starts a code in Excel's headers and footers


def mark_pages(sheet: Any, marking: str, title: str) -> None:
    """The protective marking at the top and bottom of every printed page, with the
    partnership and document title, and 'Page X of Y'; landscape A4, fitted to the width."""
    sheet.oddHeader.center.text = _header_text(marking)
    sheet.oddHeader.center.font = "Arial,Bold"
    sheet.oddFooter.left.text = _header_text(title)
    sheet.oddFooter.center.text = _header_text(marking)
    sheet.oddFooter.center.font = "Arial,Bold"
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def save_xlsx(path: Path, write: Callable[[Path], None]) -> Path:
    """``atomic.save_atomically``, for a workbook only."""
    if path.suffix.lower() != ".xlsx":
        raise DomainError(f"Save the file as an Excel workbook (.xlsx), not as {path.name}.")
    return save_atomically(path, write)
