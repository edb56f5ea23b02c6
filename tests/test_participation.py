"""The participation table: its model (agencies × cases, totals, absences) and its Excel file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.enums import InvolvementStatus, ParticipationStatus
from panel_app.database import Database
from panel_app.demo import load_demo
from panel_app.documents.export import export_document
from panel_app.documents.participation import participation_model
from panel_app.documents.participation_xlsx import write_participation_xlsx
from panel_app.services import agencies, cases, involvement, participation
from tests.builders import Built, build_audit

MARKER = "PRIVATE-REF-7WKD"
AUDITED, OUT, UNKNOWN, NOT_OPEN = (
    InvolvementStatus.AUDITED,
    InvolvementStatus.OUT_OF_SCOPE,
    InvolvementStatus.NOT_KNOWN,
    InvolvementStatus.NOT_OPEN,
)


@pytest.fixture
def built(database: Database) -> Built:
    """build_audit, with every status used and an agency invited but not involved."""
    with database.transaction() as session:
        made = build_audit(session)
        cases.update_case(session, made.case_ids[0], private_reference=MARKER)
        police, health = made.agency_ids[1], made.agency_ids[2]
        involvement.set_involvement(session, made.case_ids[0], police, status=OUT)
        involvement.set_involvement(session, made.case_ids[1], health, status=UNKNOWN)
        education = made.agency_ids[3]
        involvement.set_involvement(session, made.case_ids[1], education, status=NOT_OPEN)
        nspcc = agencies.ensure_agency(session, "=NSPCC & partners")
        participation.add_participation(
            session,
            made.audit_id,
            nspcc.id,
            status=ParticipationStatus.INVITED_NOT_INVOLVED,
            reason="None of the cases were open to the service.",
        )
        return made


def test_the_model_is_agencies_by_cases_with_totals_and_absences(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        model = participation_model(session, built.audit_id)
    assert [c.pseudonym for c in model.cases] == ["Child A", "Child B"]
    assert model.status_labels == ("Audited", "Out of scope", "Not known", "Not open")
    grid = {row.agency: [cell.label for cell in row.cells] for row in model.rows}
    assert grid == {
        "Children's Social Care": ["Audited", "Audited"],
        "Police": ["Out of scope", "Audited"],
        "Health": ["Audited", "Not known"],
        "Education": ["", "Not open"],
    }
    summaries = {row.agency: row.summary for row in model.rows}
    assert summaries == {
        "Children's Social Care": "2 of 2",
        "Police": "1 of 2 (1 out of scope)",
        "Health": "1 of 2 (1 not known)",
        "Education": "0 (1 not open)",
    }
    police = model.rows[1]
    assert (police.count(AUDITED), police.count(OUT), police.lead_auditor) == (1, 1, "A Lead")
    child_a, child_b = model.cases
    assert [child_a.count(s) for s in model.statuses] == [2, 1, 0, 0]
    assert [child_b.count(s) for s in model.statuses] == [2, 0, 1, 1]
    assert (child_a.escalated, child_b.escalated) == (False, True)
    assert [model.total(s) for s in model.statuses] == [4, 1, 1, 1]
    assert [(a.agency, a.reason) for a in model.unable] == [
        ("Youth Offending Service", "No involvement with the families audited.")
    ]
    assert [a.agency for a in model.invited] == ["=NSPCC & partners"]
    assert model.masthead.marking == "OFFICIAL-SENSITIVE"
    assert model.masthead.document_title == "Participation table"


def test_the_familial_sexual_abuse_demo_matches_its_reference_table(database: Database) -> None:
    """The reference: 'UAVA 2 (3 out of the 5 were not known)', 'SSTOP -', 'DNLRC 0 (not
    known)', 'GP (CCG) 4 (out of the 5)'."""
    with database.transaction() as session:
        load_demo(session)
        fsa = next(r.audit_id for r in load_demo(session) if "Familial" in r.title)
        model = participation_model(session, fsa)
    summaries = {row.agency: row.summary for row in model.rows}
    assert summaries["UAVA"] == "2 of 5 (3 not known)"
    assert summaries["SSTOP"] == "-"
    assert summaries["DNLRC"] == "0 (not known)"
    assert summaries["GP (CCG)"].startswith("4 of 5")
    assert len(model.cases) == 5 and len(model.rows) == 13


def test_the_excel_table_shows_the_model_with_the_marking(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        path = write_participation_xlsx(session, built.audit_id, tmp_path / "p.xlsx")
        model = participation_model(session, built.audit_id)
    sheet = load_workbook(path)["Participation"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "OFFICIAL-SENSITIVE" and rows[1][0] == "Participation table"
    assert rows[4][:8] == [
        "Agency", "Child A", "Child B", "Audited", "Out of scope", "Not known", "Not open",
        "Cases audited (of 2)",
    ]  # fmt: skip
    assert rows[6][:8] == [
        "Police",
        "Out of scope",
        "Audited",
        1,
        1,
        0,
        0,
        "1 of 2 (1 out of scope)",
    ]
    assert rows[8][:3] == ["Education", None, "Not open"]
    assert rows[9][:4] == ["Total: audited", 2, 2, 4]
    assert rows[12][:3] == ["Total: not open", 0, 1] and rows[12][6] == 1
    text = [row[0] for row in rows if row[0]]
    assert "Youth Offending Service: No involvement with the families audited." in text
    assert "Invited, not involved" in text and "Taken out of the audit to a separate meeting: " \
        "Child B." in text  # fmt: skip
    assert text[-1] == "OFFICIAL-SENSITIVE"
    formula_like = next(c for row in sheet.iter_rows() for c in row if c.value and
                        str(c.value).startswith("=NSPCC"))  # fmt: skip
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.right.text == "Page &P of &N"
    assert sheet.freeze_panes == "B6" and model.rows[0].agency == rows[5][0]


def test_the_private_reference_is_in_no_part_of_the_file(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        path = export_document(session, "participation", built.audit_id, tmp_path / "p.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(name) for name in archive.namelist()]
    assert len(parts) > 5
    assert all(MARKER.encode() not in part and b"LCS-B123" not in part for part in parts)
