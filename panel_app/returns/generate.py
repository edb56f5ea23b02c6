"""Making the returns: one workbook per agency, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from sqlalchemy.orm import Session

from db.models import Agency, Audit
from panel_app.errors import DomainError
from panel_app.returns.metadata import Metadata, write_metadata
from panel_app.returns.scope import (
    agencies_with_returns,
    audited_involvements,
    require_participating,
)
from panel_app.returns.sheets import Context, fill_case, fill_instructions
from panel_app.returns.workbook import (
    INSTRUCTIONS_SHEET,
    file_name,
    questions_for,
    sheet_titles,
)
from panel_app.services.audits import get_audit


def _inline_list(labels: list[str]) -> str | None:
    """The scale as an in-cell list, where Excel can hold it that way (no commas or quotes,
    255 characters at most); otherwise the drop-down reads the labels from the hidden sheet."""
    formula = '"' + ",".join(labels) + '"'
    if any("," in label or '"' in label for label in labels) or len(formula) > 255:
        return None
    return formula


def build_workbook(
    session: Session, audit: Audit, agency: Agency, deadline: date | None = None
) -> Workbook:
    involvements = audited_involvements(session, audit.id, agency.id)
    if not involvements:
        raise DomainError(
            f"{agency.name} is not recorded as auditing any case in '{audit.title}', "
            "so there is nothing to ask it for."
        )
    questions = questions_for(audit)
    titles = sheet_titles(item.case.pseudonym for item in involvements)
    scale = [level.label for level in audit.scale]
    workbook = Workbook()
    meta = Metadata(
        audit.id,
        audit.title,
        agency.name,
        questions,
        [(title, item.case.pseudonym) for title, item in zip(titles, involvements, strict=True)],
        scale,
    )
    scale_range = write_metadata(workbook, meta)
    context = Context(
        audit,
        agency,
        audit.partnership.protective_marking,
        scale,
        _inline_list(scale) or f"={scale_range}",
        deadline,
    )
    instructions = workbook.active
    instructions.title = INSTRUCTIONS_SHEET
    fill_instructions(instructions, context)
    for index, (title, item) in enumerate(zip(titles, involvements, strict=True)):
        # Case sheets go before the hidden sheet, so that it stays last.
        fill_case(workbook.create_sheet(title, index + 1), context, item, questions)
    workbook.active = 0
    # Sheets cannot be added, renamed or removed by accident: the reader matches them by name.
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.properties.creator = "Audit Panel"
    workbook.properties.title = f"{audit.title} - {agency.name} - return"
    return workbook


def _cannot_save(path: Path, error: OSError) -> DomainError:
    if isinstance(error, FileNotFoundError):
        return DomainError(f"The return cannot be saved: the folder {path.parent} does not exist.")
    if isinstance(error, PermissionError):
        return DomainError(
            f"The return cannot be saved as {path}: the folder is read-only, or the file is open "
            "in another program such as Excel. Close it there and try again."
        )
    return DomainError(f"The return cannot be saved as {path}: {error.strerror or error}.")


def _save(workbook: Workbook, path: Path) -> None:
    """Save beside the target, then swap it in: a failure never leaves half a file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".return-", suffix=".xlsx")
        os.close(handle)
    except OSError as error:
        raise _cannot_save(path, error) from error
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise _cannot_save(path, error) from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def generate_return(
    session: Session,
    audit_id: int,
    agency_id: int,
    path: str | Path,
    *,
    deadline: date | None = None,
) -> Path:
    """Write the return for one agency to ``path``; returns the path written."""
    audit = get_audit(session, audit_id)
    agency = require_participating(session, audit, agency_id)
    path = Path(path)
    if path.is_dir():
        raise DomainError(f"{path} is a folder: choose a file name for the return.")
    _save(build_workbook(session, audit, agency, deadline), path)
    return path


def generate_returns(
    session: Session, audit_id: int, folder: str | Path, *, deadline: date | None = None
) -> list[Path]:
    """A return for every agency taking part that audits at least one case, into ``folder``."""
    audit = get_audit(session, audit_id)
    folder = Path(folder)
    if not folder.is_dir():
        raise DomainError(f"The returns cannot be saved: the folder {folder} does not exist.")
    written: list[Path] = []
    for agency in agencies_with_returns(session, audit):
        name = file_name(audit.title, agency.name, (path.name for path in written))
        path = folder / name
        _save(build_workbook(session, audit, agency, deadline), path)
        written.append(path)
    if not written:
        raise DomainError(
            f"No agency taking part in '{audit.title}' is recorded as auditing a case yet, "
            "so there are no returns to make."
        )
    return written
