"""Each document in each format: build its model, lay it out as blocks, render the blocks.

``document_blocks`` is the one place a document's model meets its layout; the PDF and Word
writers below and the app's print preview (HTML) all draw what it returns.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from panel_app.documents.blocks import Block
from panel_app.documents.docx_render import render_docx
from panel_app.documents.layout_briefing import briefing_blocks
from panel_app.documents.layout_cases import case_summary_blocks
from panel_app.documents.layout_minutes import minutes_blocks
from panel_app.documents.layout_participation import participation_blocks
from panel_app.documents.layout_summary import summary_blocks
from panel_app.documents.model_briefing import briefing_model
from panel_app.documents.model_cases import case_summaries_model
from panel_app.documents.model_common import Masthead
from panel_app.documents.model_minutes import minutes_model
from panel_app.documents.model_summary import summary_model
from panel_app.documents.participation import participation_model
from panel_app.documents.pdf_render import render_pdf
from panel_app.errors import DomainError


def document_blocks(
    session: Session, kind: str, audit_id: int, draft: bool | None = None
) -> tuple[Masthead, list[Block]]:
    """The masthead and the laid-out blocks of the audit's ``kind`` document.

    ``draft`` forces the minutes' DRAFT marking on or off (other documents have none).
    """
    if kind == "minutes":
        minutes = minutes_model(session, audit_id, draft=draft)
        return minutes.masthead, minutes_blocks(minutes)
    if kind == "summary":
        summary = summary_model(session, audit_id)
        return summary.masthead, summary_blocks(summary)
    if kind == "briefing":
        briefing = briefing_model(session, audit_id)
        return briefing.masthead, briefing_blocks(briefing)
    if kind == "case-summaries":
        cases = case_summaries_model(session, audit_id)
        return cases.masthead, case_summary_blocks(cases)
    if kind == "participation":
        table = participation_model(session, audit_id)
        return table.masthead, participation_blocks(table)
    raise DomainError(f"There is no printable document called '{kind}'.")


def _pdf(kind: str, session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    render_pdf(path, *document_blocks(session, kind, audit_id, draft))


def _docx(kind: str, session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    render_docx(path, *document_blocks(session, kind, audit_id, draft))


def write_minutes_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _pdf("minutes", session, audit_id, path, draft)


def write_minutes_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _docx("minutes", session, audit_id, path, draft)


def write_summary_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _pdf("summary", session, audit_id, path, draft)


def write_summary_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _docx("summary", session, audit_id, path, draft)


def write_briefing_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _pdf("briefing", session, audit_id, path, draft)


def write_briefing_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    _docx("briefing", session, audit_id, path, draft)


def write_case_summaries_pdf(
    session: Session, audit_id: int, path: Path, draft: bool | None
) -> None:
    _pdf("case-summaries", session, audit_id, path, draft)


def write_participation_pdf(
    session: Session, audit_id: int, path: Path, draft: bool | None
) -> None:
    _pdf("participation", session, audit_id, path, draft)
