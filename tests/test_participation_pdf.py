"""The participation table as a PDF, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from panel_app.database import Database
from panel_app.documents.export import export_document
from tests.builders import build_audit


def test_the_participation_pdf_shows_agencies_cases_totals_and_absences(
    database: Database, tmp_path: Path
) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        path = export_document(session, "participation", built.audit_id, tmp_path / "p.pdf")
    pages = PdfReader(path).pages
    text = "\n".join(page.extract_text() for page in pages)
    for expected in ("Participation table", "Child A", "Child B (escalated)", "Police",
                     "2 of 2", "Unable to participate", "Youth Offending Service",
                     "No involvement with the families audited."):  # fmt: skip
        assert expected in text
    assert "LCS-A123" not in text and b"LCS-A123" not in path.read_bytes()
    for number, page in enumerate(pages, start=1):
        words = page.extract_text()
        assert words.count("OFFICIAL-SENSITIVE") == 2
        assert f"Page {number} of {len(pages)}" in words
