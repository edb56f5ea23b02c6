"""The visible sheets of a return: the instructions, and one sheet of questions per case."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from db.base import LONG_TEXT
from db.models import Agency, Audit, Involvement
from panel_app.dates import format_long
from panel_app.returns.workbook import (
    ANSWER_COLUMN,
    FACT_ROWS,
    FIRST_QUESTION_ROW,
    FIRST_STEP_ROW,
    GUIDANCE_ROW,
    HEADER_ROW,
    QUESTION_COLUMN,
    TITLE_CELL,
    Question,
    answer_cell,
    cell_text,
    question_cell,
)

QUESTION_WIDTH = 45
ANSWER_WIDTH = 95
MAX_ROW_HEIGHT = 409  # points: Excel's limit
TOP_WRAPPED = Alignment(wrap_text=True, vertical="top")
ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Context:
    """What every sheet of one return shows."""

    audit: Audit
    agency: Agency
    marking: str
    scale: list[str]
    scale_formula: str
    deadline: date | None


def put(cell: Any, value: str | int) -> Any:
    cell.value = cell_text(value) if isinstance(value, str) else value
    if isinstance(value, str):
        # User text is stored as text: "=…" or "#N/A" typed in a summary stays words.
        cell.data_type = "s"
    return cell


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in Excel's headers and footers


def _print_setup(sheet: Any, marking: str, *, landscape: bool) -> None:
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the answers need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = _header_text(marking)
    sheet.oddFooter.left.text = _header_text(marking)
    sheet.oddFooter.center.text = "&A"
    sheet.oddFooter.right.text = "Page &P of &N"


def _protect(sheet: Any) -> None:
    # No password: this stops a lead auditor changing a question by accident, not a determined
    # person, and a forgotten password would only get in the partnership's way.
    sheet.protection.sheet = True
    # Rows and columns may still be resized, so that long answers can be read in full.
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False


def _height(text: str, width: int, lowest: int) -> int:
    lines = sum(max(1, math.ceil(len(line) / width)) for line in text.split("\n"))
    return min(MAX_ROW_HEIGHT, max(lowest, 15 * lines + 5))


def _deadline_note(context: Context) -> str:
    if context.deadline is not None:
        return f"By {format_long(context.deadline)}."
    if context.audit.panel_date is not None:
        return (
            f"Before the panel on {format_long(context.audit.panel_date)}, by the date the "
            "partnership's business manager has given you."
        )
    return "By the date the partnership's business manager has given you."


def _steps(context: Context) -> list[str]:
    agency = context.agency.name
    steps = [
        f"There is a sheet for each case {agency} is asked about, named by the case's "
        "pseudonym. The sheets' tabs are along the bottom of the window.",
        "On each sheet, type your answers in the yellow cells of the 'Your answer' column: a "
        "summary of what your agency knew and did, the strengths of its work, and the areas "
        "for development.",
    ]
    if context.audit.graded and context.scale:
        steps.append(
            "Grade your agency's work in each domain by choosing from the drop-down list in its "
            f"yellow cell: {', '.join(context.scale)}. Leave it empty if it does not apply."
        )
    steps += [
        "Answers the partnership already holds are filled in: change them or leave them. A cell "
        "you empty clears that answer when the return is imported.",
        "Use pseudonyms only. Never type a child's or a family member's name, an address, a "
        "date of birth or a case-file number.",
        f"Each answer can be up to {LONG_TEXT:,} characters. To start a new line in a cell, "
        "press Alt+Enter (on a Mac, Control+Option+Return).",
        "Do not change the questions, or rename, add or remove sheets: the app checks them when "
        "it reads your return, and will ask for them to be put back.",
        "Save the file as an Excel Workbook (.xlsx) and send it back by secure email.",
    ]
    return steps


def fill_instructions(sheet: Any, context: Context) -> None:
    audit = context.audit
    put(sheet["A1"], context.marking).font = Font(bold=True, color="C00000")
    put(sheet["A2"], f"Agency return: {audit.title}").font = Font(bold=True, size=14)
    scope = ""
    if audit.scope_start and audit.scope_end:
        scope = f"{format_long(audit.scope_start)} to {format_long(audit.scope_end)}"
    facts = {
        "Audit": audit.title,
        "Theme": audit.theme,
        "Agency": context.agency.name,
        "Period audited": scope or audit.scope_description or "Not set",
        "Panel date": format_long(audit.panel_date) or "Not set yet",
        "Return by": _deadline_note(context),
    }
    for label, row in FACT_ROWS.items():
        put(sheet[f"A{row}"], label).font = Font(bold=True)
        put(sheet[f"B{row}"], facts[label]).alignment = TOP_WRAPPED
    put(sheet[f"A{FIRST_STEP_ROW - 1}"], "What to fill in").font = Font(bold=True, size=12)
    for number, step in enumerate(_steps(context), start=1):
        row = FIRST_STEP_ROW + number - 1
        put(sheet[f"A{row}"], f"{number}.").alignment = Alignment(vertical="top")
        put(sheet[f"B{row}"], step).alignment = TOP_WRAPPED
        sheet.row_dimensions[row].height = _height(step, ANSWER_WIDTH, 20)
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = ANSWER_WIDTH
    _print_setup(sheet, context.marking, landscape=False)
    _protect(sheet)


def _validations(context: Context) -> tuple[DataValidation, DataValidation]:
    scale = ", ".join(context.scale)
    grades = DataValidation(
        type="list",
        formula1=context.scale_formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not on the grading scale",
        error=f"Choose one of this audit's grades from the list: {scale}."[:255],
        showInputMessage=True,
        promptTitle="Choose a grade",
        prompt=f"Choose from the list: {scale}. Leave it empty if it does not apply."[:255],
    )
    texts = DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(LONG_TEXT),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Answer too long",
        error=f"An answer can be up to {LONG_TEXT:,} characters. Shorten it and try again.",
    )
    return grades, texts


def fill_case(
    sheet: Any, context: Context, involvement: Involvement, questions: list[Question]
) -> None:
    put(sheet[TITLE_CELL], involvement.case.pseudonym).font = Font(bold=True, size=14)
    put(sheet["B1"], f"{context.agency.name} · {context.audit.title}").alignment = TOP_WRAPPED
    sheet.merge_cells(f"A{GUIDANCE_ROW}:B{GUIDANCE_ROW}")
    put(
        sheet[f"A{GUIDANCE_ROW}"],
        "Type your answers in the yellow cells. Pseudonyms only: never a name or a case number.",
    ).font = Font(italic=True)
    for column, heading in ((QUESTION_COLUMN, "Question"), (ANSWER_COLUMN, "Your answer")):
        cell = put(sheet[f"{column}{HEADER_ROW}"], heading)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    grades = {grade.domain.name: grade.level.label for grade in involvement.grades}
    grade_check, text_check = _validations(context)
    grade_cells, text_cells = [], []
    for index, question in enumerate(questions):
        asked = put(sheet[question_cell(index)], question.text)
        asked.font, asked.alignment = Font(bold=True), TOP_WRAPPED
        answer = sheet[answer_cell(index)]
        answer.protection, answer.fill, answer.alignment = UNLOCKED, ANSWER_FILL, TOP_WRAPPED
        answer.number_format = "@"  # typed numbers and dates stay as typed
        if question.is_grade:
            put(answer, grades.get(question.domain, ""))
            grade_cells.append(answer.coordinate)
            height = _height(question.text, QUESTION_WIDTH, 20)
        else:
            text = getattr(involvement, question.key)
            put(answer, text)
            text_cells.append(answer.coordinate)
            height = max(
                _height(text, ANSWER_WIDTH, 90), _height(question.text, QUESTION_WIDTH, 90)
            )
        sheet.row_dimensions[FIRST_QUESTION_ROW + index].height = height
    # Questions come texts first, then grades, so each kind is one block of rows.
    text_check.add(f"{text_cells[0]}:{text_cells[-1]}")
    sheet.add_data_validation(text_check)
    # With no scale there is no list to offer; the reader reports any grade typed.
    if context.scale and grade_cells:
        grade_check.add(f"{grade_cells[0]}:{grade_cells[-1]}")
        sheet.add_data_validation(grade_check)
    sheet.column_dimensions[QUESTION_COLUMN].width = QUESTION_WIDTH
    sheet.column_dimensions[ANSWER_COLUMN].width = ANSWER_WIDTH
    sheet.freeze_panes = f"A{FIRST_QUESTION_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet, context.marking, landscape=True)
    _protect(sheet)
