"""Each document in each format: build its model, lay it out, render it to a path."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from panel_app.documents.docx_render import render_docx
from panel_app.documents.layout_briefing import briefing_blocks
from panel_app.documents.layout_cases import case_summary_blocks
from panel_app.documents.layout_minutes import minutes_blocks
from panel_app.documents.layout_participation import participation_blocks
from panel_app.documents.layout_summary import summary_blocks
from panel_app.documents.model_briefing import briefing_model
from panel_app.documents.model_cases import case_summaries_model
from panel_app.documents.model_minutes import minutes_model
from panel_app.documents.model_summary import summary_model
from panel_app.documents.participation import participation_model
from panel_app.documents.pdf_render import render_pdf


def write_minutes_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = minutes_model(session, audit_id, draft=draft)
    render_pdf(path, model.masthead, minutes_blocks(model))


def write_minutes_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = minutes_model(session, audit_id, draft=draft)
    render_docx(path, model.masthead, minutes_blocks(model))


def write_summary_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = summary_model(session, audit_id)
    render_pdf(path, model.masthead, summary_blocks(model))


def write_summary_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = summary_model(session, audit_id)
    render_docx(path, model.masthead, summary_blocks(model))


def write_briefing_pdf(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = briefing_model(session, audit_id)
    render_pdf(path, model.masthead, briefing_blocks(model))


def write_briefing_docx(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
    model = briefing_model(session, audit_id)
    render_docx(path, model.masthead, briefing_blocks(model))


def write_case_summaries_pdf(
    session: Session, audit_id: int, path: Path, draft: bool | None
) -> None:
    model = case_summaries_model(session, audit_id)
    render_pdf(path, model.masthead, case_summary_blocks(model))


def write_participation_pdf(
    session: Session, audit_id: int, path: Path, draft: bool | None
) -> None:
    model = participation_model(session, audit_id)
    render_pdf(path, model.masthead, participation_blocks(model))
