"""The layout of an agency return, shared by the writer and the reader: sheet names, rows,
cells, the questions asked, and the names Excel and file systems will accept."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from db.base import LONG_TEXT
from db.models import Audit

FORMAT = "audit-panel-agency-return"
VERSION = 1

INSTRUCTIONS_SHEET = "Instructions"
META_SHEET = "AuditPanel"

# Instructions sheet: label in column A, value in column B.
FACT_ROWS = {
    "Audit": 4,
    "Theme": 5,
    "Agency": 6,
    "Period audited": 7,
    "Panel date": 8,
    "Return by": 9,
}
AGENCY_CELL = f"B{FACT_ROWS['Agency']}"
FIRST_STEP_ROW = 11

# Case sheets: a title, one line of guidance, a header row, then one question per row.
TITLE_CELL = "A1"
GUIDANCE_ROW = 2
HEADER_ROW = 3
FIRST_QUESTION_ROW = 4
QUESTION_COLUMN = "A"
ANSWER_COLUMN = "B"

EXCEL_CELL_LIMIT = 32_767
"""Excel truncates (or refuses) text longer than this in one cell."""
if LONG_TEXT > EXCEL_CELL_LIMIT:  # pragma: no cover - a guard for whoever raises LONG_TEXT
    raise RuntimeError("LONG_TEXT no longer fits in one Excel cell: agency returns would cut it.")

SHEET_TITLE_LIMIT = 31
_FORBIDDEN_IN_TITLES = re.compile(r"[\\/?*\[\]:]")
# Excel keeps "History" for its change tracking; the others are this workbook's own sheets.
_RESERVED_TITLES = ("History", INSTRUCTIONS_SHEET, META_SHEET)
# The control characters a worksheet cannot hold (openpyxl refuses them; Excel would too).
_ILLEGAL_IN_CELLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORBIDDEN_IN_FILE_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')

GRADE = "grade"
TEXT_QUESTIONS: dict[str, tuple[str, str]] = {
    # key: (label in the plan, text of the question cell)
    "summary": (
        "Summary",
        "Summary: what your agency knew about the child and family, and what it did",
    ),
    "strengths": ("Strengths", "Strengths: what went well in your agency's work"),
    "areas_for_development": (
        "Areas for development",
        "Areas for development: what could have been done better, and what will change",
    ),
}


@dataclass(frozen=True)
class Question:
    key: str
    """A field of the involvement (``summary`` …), or ``grade``."""
    text: str
    """Exactly what the question cell holds: the reader checks it was not changed."""
    domain: str = ""
    """For a grade, the name of its domain."""

    @property
    def is_grade(self) -> bool:
        return self.key == GRADE

    @property
    def label(self) -> str:
        return f"Grade for {self.domain}" if self.is_grade else TEXT_QUESTIONS[self.key][0]


def questions_for(audit: Audit) -> list[Question]:
    questions = [Question(key, cell_text(text)) for key, (_, text) in TEXT_QUESTIONS.items()]
    if audit.graded:
        for domain in audit.domains:
            text = f"Grade for {domain.name}"
            if domain.description.strip():
                text += f"\n{domain.description.strip()}"
            questions.append(Question(GRADE, cell_text(text), domain.name))
    return questions


def question_cell(index: int) -> str:
    return f"{QUESTION_COLUMN}{FIRST_QUESTION_ROW + index}"


def answer_cell(index: int) -> str:
    return f"{ANSWER_COLUMN}{FIRST_QUESTION_ROW + index}"


def cell_text(text: str) -> str:
    """``text`` without the control characters a worksheet cannot hold (pasted from Word)."""
    return _ILLEGAL_IN_CELLS.sub("", text)


def _numbered(base: str, number: int, limit: int) -> str:
    suffix = f" ({number})"
    return base[: limit - len(suffix)].rstrip() + suffix


def sheet_titles(pseudonyms: Iterable[str]) -> list[str]:
    """A sheet title per pseudonym that Excel accepts: 31 characters at most, none of
    ``\\ / ? * [ ] :``, no apostrophe at either end, and unique whatever the case."""
    taken = {title.lower() for title in _RESERVED_TITLES}
    titles = []
    for pseudonym in pseudonyms:
        base = _FORBIDDEN_IN_TITLES.sub("-", cell_text(pseudonym))
        base = base.strip().strip("'").strip()[:SHEET_TITLE_LIMIT].rstrip() or "Case"
        title, number = base, 1
        while title.lower() in taken:
            number += 1
            title = _numbered(base, number, SHEET_TITLE_LIMIT)
        taken.add(title.lower())
        titles.append(title)
    return titles


def file_name(audit_title: str, agency_name: str, taken: Iterable[str] = ()) -> str:
    """``Neglect panel - Police - return.xlsx``, safe on Windows, macOS and Linux."""
    base = f"{audit_title} - {agency_name} - return"
    base = " ".join(_FORBIDDEN_IN_FILE_NAMES.sub("-", base).split())
    # Windows drops trailing dots and spaces; long names break old tools and zip files.
    base = base[:120].rstrip(". ") or "return"
    used = {name.lower() for name in taken}
    name, number = f"{base}.xlsx", 1
    while name.lower() in used:
        number += 1
        name = f"{_numbered(base, number, 120)}.xlsx"
    return name
