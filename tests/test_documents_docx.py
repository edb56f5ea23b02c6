"""The Word documents read back with python-docx (and unzipped) and checked against the database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from docx import Document

from db.enums import AuditStatus, FindingKind
from panel_app.database import Database
from panel_app.demo import load_demo
from panel_app.documents.model_summary import summary_model
from panel_app.services import (
    actions,
    agencies,
    approval,
    audits,
    cases,
    involvement,
    meetings,
    notes,
)
from tests.builders import Built, build_audit
from tests.document_files import (
    DOCX_KINDS,
    docx_header_footer,
    docx_parts,
    docx_text,
    export,
    pdf_text,
)

MARKING = "OFFICIAL-SENSITIVE: PANEL"


@pytest.fixture
def built(database: Database) -> Built:
    with database.transaction() as session:
        result = build_audit(session)
        audit = audits.get_audit(session, result.audit_id)
        agencies.update_partnership(
            session,
            audit.partnership_id,
            protective_marking=MARKING,
            business_manager="Tracey Watkinson",
            business_manager_title="Business Board Manager",
        )
    return result


@pytest.mark.parametrize("kind", DOCX_KINDS)
def test_every_page_has_the_marking_and_page_x_of_y_fields(
    database: Database, built: Built, kind: str, tmp_path: Path
) -> None:
    path = export(database, kind, built.audit_id, tmp_path / f"{kind}.docx")
    document = Document(str(path))
    assert len(document.sections) == 1  # one header and footer for every page
    header, footer = docx_header_footer(path)
    assert MARKING in header and MARKING in footer
    assert "Safeguarding Children Partnership" in header and "Neglect panel" in header
    footer_xml = next(v for k, v in docx_parts(path).items() if k.startswith("word/footer"))
    assert b"PAGE \\* MERGEFORMAT" in footer_xml and b"NUMPAGES \\* MERGEFORMAT" in footer_xml
    assert "Page 1 of 1" in footer  # the fields' text until Word counts the pages


def test_word_and_pdf_minutes_say_the_same(
    database: Database, built: Built, tmp_path: Path
) -> None:
    word = docx_text(export(database, "minutes", built.audit_id, tmp_path / "m.docx"))
    pdf = pdf_text(export(database, "minutes", built.audit_id, tmp_path / "m.pdf"))
    for expected in (
        "J Smith", "Youth Offending Service: No involvement with the families audited.",
        "Known since birth.", "Clear chronology.", "Late referral.", "They listened to me.",
        "10:05", "Referral was timely.", "Strong multi-agency working.",
        "Refresh neglect training.", "30/09/2017", "Review the plan for Child B.",
        "01/06/2017", "Drift in the plan.", "Escalated: Child B",
    ):  # fmt: skip
        assert expected in word, expected
        assert expected in pdf, expected
    assert word.index("Child A") < word.index("Escalations") < word.index("Child B")


def test_draft_minutes_carry_a_draft_banner_on_every_page(
    database: Database, built: Built, tmp_path: Path
) -> None:
    header, _ = docx_header_footer(export(database, "minutes", built.audit_id, tmp_path / "a.docx"))
    assert "DRAFT" in header  # the header repeats on every page
    with database.transaction() as session:
        audits.update_audit(session, built.audit_id, status=AuditStatus.FOLLOW_UP)
    header, _ = docx_header_footer(export(database, "minutes", built.audit_id, tmp_path / "f.docx"))
    assert "DRAFT" in header  # follow-up, but the minutes are not approved yet
    with database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="Dr Ada Chair", on="12/05/2017")
    approved = export(database, "minutes", built.audit_id, tmp_path / "b.docx")
    header, _ = docx_header_footer(approved)
    assert "DRAFT" not in header
    assert "12 May 2017 by Dr Ada Chair" in docx_text(approved)
    forced = export(database, "minutes", built.audit_id, tmp_path / "c.docx", draft=True)
    assert "DRAFT" in docx_header_footer(forced)[0]
    assert (
        "DRAFT"
        not in docx_header_footer(export(database, "summary", built.audit_id, tmp_path / "s.docx"))[
            0
        ]
    )


def test_summary_has_the_sections_whom_and_when_and_the_sign_off(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = export(database, "summary", built.audit_id, tmp_path / "summary.docx")
    text = docx_text(path)
    for expected in (
        "1.0  Introduction", "3.0  The process", "Youth Offending Service",
        "Unable to participate", "No involvement with the families audited.",
        "Strong multi-agency working.", "Recommendation", "Whom", "When",
        "Refresh neglect training.", "All agencies", "30/09/2017",
        "Tracey Watkinson", "Business Board Manager",
    ):  # fmt: skip
        assert expected in text, expected
    assert text.rstrip().endswith("Tracey Watkinson\nBusiness Board Manager")
    styles = {p.text: p.style.name for p in Document(str(path)).paragraphs}
    assert styles["1.0  Introduction"] == "Heading 2"
    assert styles["SAFEGUARDING CHILDREN PARTNERSHIP"] == "Title"
    assert styles["Strong multi-agency working."] == "List Bullet"
    with database.transaction() as session:
        grades = summary_model(session, built.audit_id).chart
    assert grades is not None
    pictures = [name for name in docx_parts(path) if name.startswith("word/media/")]
    # Column widths in the table grid too: LibreOffice (and Word on a Mac) lay tables out by it.
    recommendations = Document(str(path)).tables[-1]
    widths = [column.w for column in recommendations._tbl.tblGrid.gridCol_lst]
    assert [round(w / sum(widths), 2) for w in widths] == [0.64, 0.22, 0.14]
    assert len(pictures) == 1  # the PDF's chart, drawn as a PNG
    assert docx_parts(path)[pictures[0]].startswith(b"\x89PNG")
    assert grades.caption in text


def test_word_whom_and_when_match_the_pdf_dash_review_date_and_not_smart_flag(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        actions.add_action(
            session, built.audit_id, text="Train on HSB.", owner="LAPP",
            review_date=date(2017, 6, 8),
        )  # fmt: skip
        actions.add_action(session, built.audit_id, text="Think about it.", owner="")
    summary = docx_text(export(database, "summary", built.audit_id, tmp_path / "s.docx"))
    minutes = docx_text(export(database, "minutes", built.audit_id, tmp_path / "m.docx"))
    assert "Train on HSB.\nLAPP\nReview 08/06/2017" in summary
    assert "Think about it.\n–\n–" in summary and "Not set" not in summary
    assert "Think about it.\nNot SMART: no owner\nNot SMART: no date" in minutes


def test_briefing_has_key_points_and_what_to_do(
    database: Database, built: Built, tmp_path: Path
) -> None:
    text = docx_text(export(database, "briefing", built.audit_id, tmp_path / "briefing.docx"))
    assert text.index("Background") < text.index("Key points") < text.index("What to do now")
    assert text.index("Referrals", text.index("Key points")) < text.index("Strong multi-agency")
    assert "1.\tRefresh neglect training." in text


def test_user_text_stays_as_typed_with_its_line_breaks(
    database: Database, built: Built, tmp_path: Path
) -> None:
    typed = "Use <b>bold</b> & <i>x</i> < 3 > 2 &amp; =SUM(A1)"
    with database.transaction() as session:
        notes.add_finding(session, built.audit_id, kind=FindingKind.GOOD_PRACTICE, text=typed)
        notes.add_point(
            session, built.audit_id, case_id=built.case_ids[0],
            text="First line\nSecond line", recorded_at=datetime(2017, 5, 10, 11, 0),
        )  # fmt: skip
    for kind in DOCX_KINDS:
        assert typed in docx_text(export(database, kind, built.audit_id, tmp_path / f"{kind}.docx"))
    assert "First line\nSecond line" in docx_text(tmp_path / "minutes.docx")


def test_control_characters_very_long_text_and_other_alphabets(
    database: Database, built: Built, tmp_path: Path
) -> None:
    huge = " ".join(f"word{n}" for n in range(3000))[:20_000]
    names = ("Zażółć Gęślą Jaźń", "عائشة محمد", "王小明")
    with database.transaction() as session:
        audit = audits.get_audit(session, built.audit_id)
        involvement.update_involvement(
            session, audit.cases[0].involvements[0].id,
            summary="Bell\x07 null\x00 escape\x1b[31m\x0bend", strengths=huge,
        )  # fmt: skip
        actions.add_action(session, built.audit_id, text=huge, owner="Police")
        for name in names:
            meetings.add_attendee(session, audit.meetings[0].id, name=name)
        notes.add_finding(session, built.audit_id, kind=FindingKind.THEME, text=names[2])
    for kind in DOCX_KINDS:
        text = docx_text(export(database, kind, built.audit_id, tmp_path / f"{kind}.docx"))
        assert names[2] in text, kind
        if kind != "briefing":  # which leaves the police's recommendation to the summary
            assert huge[-40:] in text, kind
    minutes = docx_text(tmp_path / "minutes.docx")
    assert "Bell null escape[31mend" in minutes
    assert all(name in minutes for name in names)


def test_no_private_reference_in_any_part_of_any_word_file(
    database: Database, built: Built, tmp_path: Path
) -> None:
    marker = "PRIVREF-7Q3Z-MARKER"
    with database.transaction() as session:
        for case_id in built.case_ids:
            cases.update_case(session, case_id, private_reference=marker)
    for kind in DOCX_KINDS:
        parts = docx_parts(export(database, kind, built.audit_id, tmp_path / f"{kind}.docx"))
        assert len(parts) > 5
        assert not [name for name, data in parts.items() if marker.encode() in data], kind


def test_every_demo_audit_exports_every_word_file(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        demos = {result.title: result.audit_id for result in load_demo(session)}
    for title, audit_id in demos.items():
        for kind in DOCX_KINDS:
            path = export(database, kind, audit_id, tmp_path / f"{audit_id}-{kind}.docx")
            header, footer = docx_header_footer(path)
            assert "OFFICIAL-SENSITIVE" in header and "OFFICIAL-SENSITIVE" in footer
            assert title in header, (title, kind)
    neglect = next(i for t, i in demos.items() if "Neglect" in t)
    summary = docx_text(tmp_path / f"{neglect}-summary.docx")
    assert "Tracey Watkinson" in summary and "Plymouth Domestic Abuse Service" in summary
