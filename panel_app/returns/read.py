"""Reading a filled-in return: the whole file is checked, and either every problem is reported
by sheet and cell, or a plan of the changes comes back for the user to confirm."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook.workbook import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus
from db.models import Agency, Audit
from panel_app.returns.answers import CaseReader, at
from panel_app.returns.files import open_return
from panel_app.returns.metadata import Metadata, read_metadata
from panel_app.returns.plan import ReturnError, ReturnPlan
from panel_app.returns.scope import is_participating
from panel_app.returns.workbook import (
    AGENCY_CELL,
    FACT_ROWS,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    TITLE_CELL,
)
from panel_app.services.audits import get_audit
from panel_app.services.involvement import involvement_of

AUDIT_CELL = f"B{FACT_ROWS['Audit']}"


def _check_audit(meta: Metadata, audit: Audit, name: str) -> None:
    if meta.audit_id == audit.id and meta.audit_title == audit.title:
        return
    if meta.audit_id == audit.id:
        message = (
            f"{name} was made for '{meta.audit_title}', but this audit is now called "
            f"'{audit.title}'. Make new returns now that it has been renamed."
        )
    else:
        message = (
            f"this is the return for the audit '{meta.audit_title}', not for '{audit.title}'. "
            "Open that audit to import it."
        )
    raise ReturnError([at(INSTRUCTIONS_SHEET, AUDIT_CELL, message)])


def _check_agency(session: Session, meta: Metadata, audit: Audit, chosen: int | None) -> Agency:
    agency = session.scalar(select(Agency).where(func.lower(Agency.name) == meta.agency.lower()))
    if agency is None or not is_participating(session, audit.id, agency.id):
        message = f"this return is from {meta.agency}, which is not taking part in this audit."
        raise ReturnError([at(INSTRUCTIONS_SHEET, AGENCY_CELL, message)])
    if chosen is not None and chosen != agency.id:
        expected = session.get(Agency, chosen)
        wanted = f"{expected.name}'s" if expected else "another agency's"
        message = (
            f"this return is from {agency.name}, but you chose to import {wanted} return. "
            "Choose the right file, or the right agency."
        )
        raise ReturnError([at(INSTRUCTIONS_SHEET, AGENCY_CELL, message)])
    return agency


def _read_cases(
    session: Session, workbook: Workbook, meta: Metadata, audit: Audit, plan: ReturnPlan
) -> list[str]:
    problems: list[str] = []
    expected = {title for title, _ in meta.sheets}
    for title in workbook.sheetnames:
        if title not in expected | {INSTRUCTIONS_SHEET, META_SHEET}:
            message = (
                "this sheet was not in the return as it was sent, so the app cannot tell which "
                "case it is about. Copy its answers into the case's own sheet, then delete it."
            )
            problems.append(at(title, TITLE_CELL, message))
    reader = CaseReader(session, audit, plan, problems)
    cases = {case.pseudonym.lower(): case for case in audit.cases}
    seen: set[int] = set()
    for title, pseudonym in meta.sheets:
        if title not in workbook.sheetnames:
            problems.append(
                f"Sheet '{title}' is missing: it may have been renamed or deleted. Put it back "
                "as it was, or ask for a new return."
            )
            continue
        case = cases.get(pseudonym.lower())
        if case is None or case.id in seen:
            problems.append(
                at(
                    title,
                    TITLE_CELL,
                    f"this audit has no case called '{pseudonym}'. It may have been renamed or "
                    "deleted since the return was made.",
                )
            )
            continue
        seen.add(case.id)
        item = involvement_of(session, case.id, plan.agency_id)
        if item is None or item.status != InvolvementStatus.AUDITED:
            problems.append(
                at(
                    title,
                    TITLE_CELL,
                    f"{plan.agency} is not recorded as auditing {case.pseudonym}, so these "
                    "answers cannot be imported. Record its involvement as audited first.",
                )
            )
            continue
        reader.read(workbook[title], case, item, meta.questions)
    return problems


def read_return(
    session: Session, audit_id: int, path: str | Path, agency_id: int | None = None
) -> ReturnPlan:
    """Check the whole return at ``path`` against the audit, and say what importing it would
    change. Nothing is written. Raises ``ReturnError`` listing every problem found.

    ``agency_id``, when given, is the agency the user says the return is from.
    """
    path = Path(path)
    audit = get_audit(session, audit_id)
    workbook = open_return(path)
    meta = read_metadata(workbook, path.name)
    _check_audit(meta, audit, path.name)
    agency = _check_agency(session, meta, audit, agency_id)
    plan = ReturnPlan(audit.id, audit.title, agency.id, agency.name)
    problems = _read_cases(session, workbook, meta, audit, plan)
    if problems:
        raise ReturnError(problems)
    return plan
