"""Export any document of an audit to a file: ``export_document`` and its registry.

``WRITERS`` maps a kind of document to the file types it comes in, each with the function
that writes it. A writer fills the (temporary) path it is given; ``export_document`` writes
beside the target and moves the finished file into place, so a failed export never leaves
half a file, and turns file-system errors into a plain message. Exports only read the
database: nothing is changed, whatever happens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from panel_app.documents.action_log import actions_xlsx_writer
from panel_app.documents.atomic import save_atomically
from panel_app.documents.catalogue import DOCUMENTS, describe_format
from panel_app.documents.participation_xlsx import participation_xlsx_writer
from panel_app.documents.writers import (
    write_briefing_docx,
    write_briefing_pdf,
    write_case_summaries_pdf,
    write_minutes_docx,
    write_minutes_pdf,
    write_participation_pdf,
    write_summary_docx,
    write_summary_pdf,
)
from panel_app.errors import DomainError

#: writer(session, audit_id, path, draft): draft forces the minutes' DRAFT marking on or off.
Writer = Callable[[Session, int, Path, "bool | None"], None]

WRITERS: dict[str, dict[str, Writer]] = {
    "minutes": {".pdf": write_minutes_pdf, ".docx": write_minutes_docx},
    "summary": {".pdf": write_summary_pdf, ".docx": write_summary_docx},
    "briefing": {".pdf": write_briefing_pdf, ".docx": write_briefing_docx},
    "case-summaries": {".pdf": write_case_summaries_pdf},
    "actions": {".xlsx": actions_xlsx_writer},
    "participation": {".pdf": write_participation_pdf, ".xlsx": participation_xlsx_writer},
}

NAMES = {document.kind: f"The {document.title.lower()}" for document in DOCUMENTS}


def _writer(kind: str, path: Path) -> Writer:
    formats = WRITERS.get(kind)
    if formats is None:
        known = ", ".join(sorted(WRITERS))
        raise DomainError(f"There is no document called '{kind}'. Choose one of: {known}.")
    suffix = path.suffix.lower()
    if suffix not in formats:
        offered = " or ".join(describe_format(s) for s in formats)
        name = NAMES.get(kind, kind)
        shown = f"'{suffix}'" if suffix else "a file with no extension"
        raise DomainError(f"{name} can be saved as {offered}, not as {shown}.", "path")
    return formats[suffix]


def export_document(
    session: Session, kind: str, audit_id: int, path: Path, *, draft: bool | None = None
) -> Path:
    """Write the audit's ``kind`` document to ``path`` (.pdf, or .docx where offered).

    ``draft`` forces the minutes' DRAFT marking on or off; by default minutes are a draft
    until they are approved (Minutes ▸ Approve the minutes…). Returns the path written.
    """
    path = Path(path)
    writer = _writer(kind, path)
    return save_atomically(path, lambda temporary: writer(session, audit_id, temporary, draft))
