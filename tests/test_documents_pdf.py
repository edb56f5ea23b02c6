"""The PDF documents read back with pypdf and checked against the database."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest

from db.enums import AuditStatus, FindingKind
from panel_app import archive
from panel_app.database import Database
from panel_app.demo import load_demo
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
from tests.document_files import PDF_KINDS, export, pdf_bytes, pdf_fonts, pdf_pages, pdf_text

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


def long_text() -> str:
    """20,000 characters of words: the most a long text field holds."""
    return " ".join(f"word{n}" for n in range(3000))[:20_000].rsplit(" ", 1)[0]


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_every_page_is_marked_top_and_bottom_and_numbered(
    database: Database, built: Built, kind: str, tmp_path: Path
) -> None:
    with database.transaction() as session:  # enough text to run over several pages
        involvement.update_involvement(
            session,
            audits.get_audit(session, built.audit_id).cases[0].involvements[0].id,
            summary=long_text(),
        )
        audits.update_audit(session, built.audit_id, rationale=long_text())
        for domain in audits.get_audit(session, built.audit_id).domains:  # the briefing's tiles
            for kind_of in (FindingKind.GOOD_PRACTICE, FindingKind.AREA_FOR_DEVELOPMENT):
                notes.add_finding(
                    session, built.audit_id, kind=kind_of, text=long_text()[:300] + ".",
                    domain_ids=[domain.id],
                )  # fmt: skip
    pages = pdf_pages(export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf"))
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert page.count(MARKING) >= 2, f"page {number} lacks the marking top and bottom"
        assert f"Page {number} of {len(pages)}" in page
        assert "Safeguarding Children Partnership" in page
        assert "Neglect panel" in page


def test_minutes_hold_the_meeting_and_set_escalations_apart(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        meeting = audits.get_audit(session, built.audit_id).meetings[0]
        meetings.update_meeting(
            session, meeting.id, chair="Dr Ada Chair", minute_taker="Sam Notes",
            start_time="09:30", end_time="12:45",
        )  # fmt: skip
        meetings.add_attendee(
            session, meeting.id, name="P Apology", agency_id=built.agency_ids[1],
            role="Lead auditor", status="apologies",
        )  # fmt: skip
    text = pdf_text(export(database, "minutes", built.audit_id, tmp_path / "minutes.pdf"))
    for expected in (
        "Dr Ada Chair", "Sam Notes", "09:30 to 12:45", "J Smith", "P Apology", "Apologies",
        "Youth Offending Service: No involvement with the families audited.",
        "Known since birth.", "Clear chronology.", "Late referral.", "They listened to me.",
        "10:05", "Referral was timely.", "Strong multi-agency working.",
        "Refresh neglect training.", "All agencies", "30/09/2017",
        "Review the plan for Child B.", "01/06/2017", "Drift in the plan.",
    ):  # fmt: skip
        assert expected in text, expected
    escalations = text.index("Escalations")
    assert text.index("Child A") < escalations < text.index("Child B")
    assert text.index("Review the plan for Child B.") > escalations


def draft_pages(database: Database, audit_id: int, path: Path, draft: bool | None) -> list[str]:
    return pdf_pages(export(database, "minutes", audit_id, path, draft=draft))


def test_draft_minutes_say_draft_on_every_page(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        case = audits.get_audit(session, built.audit_id).cases[0]
        cases.update_case(session, case.id, key_facts=long_text())
    with database.transaction() as session:  # closing the audit does not approve the minutes
        audits.update_audit(session, built.audit_id, status=AuditStatus.CLOSED)
    pages = draft_pages(database, built.audit_id, tmp_path / "a.pdf", None)
    assert len(pages) > 2 and all("DRAFT" in page for page in pages)
    assert "Not yet: these minutes are a draft" in pages[0]
    with database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="Dr Ada Chair", on="12/05/2017")
    approved = draft_pages(database, built.audit_id, tmp_path / "b.pdf", None)
    assert not any("DRAFT" in p for p in approved)
    assert "12 May 2017 by Dr Ada Chair" in approved[0]
    forced = draft_pages(database, built.audit_id, tmp_path / "c.pdf", True)
    assert all("DRAFT" in page for page in forced)
    with database.transaction() as session:
        approval.reopen_minutes(session, built.audit_id, reason="The chair asked for changes.")
    assert all(
        "DRAFT" in p for p in draft_pages(database, built.audit_id, tmp_path / "d.pdf", None)
    )
    assert not any(
        "DRAFT" in p for p in draft_pages(database, built.audit_id, tmp_path / "e.pdf", False)
    )


def test_summary_follows_the_reference_shape(
    database: Database, built: Built, tmp_path: Path
) -> None:
    text = pdf_text(export(database, "summary", built.audit_id, tmp_path / "summary.pdf"))
    headings = [
        "1.0 Introduction", "2.0 The audit and its methodology", "3.0 The process",
        "4.0 Summary of good practice", "5.0 Summary of learning and themes",
        "6.0 Grades by domain", "7.0 Multi-agency case audit recommendations",
    ]  # fmt: skip
    positions = [re.search(re.escape(h).replace(r"\ ", r"\s+"), text) for h in headings]
    assert all(positions), [h for h, p in zip(headings, positions, strict=True) if not p]
    starts = [p.start() for p in positions if p]
    assert starts == sorted(starts)
    for expected in (
        "Neglect is the most common reason for a child protection plan.",
        "1 April 2016 to 31 March 2017", "Children's Social Care", "Police", "Health",
        "Youth Offending Service", "Unable to participate (1)", "Took part (4)",
        "No involvement with the families audited.", "Strong multi-agency working.",
        "Refresh neglect training.", "All agencies", "30/09/2017",
        "Tracey Watkinson", "Business Board Manager", "Whom", "When",
    ):  # fmt: skip
        assert expected in text, expected
    # The chart: one bar per domain, a legend entry per grade.
    assert "Referrals" in text and "Equality and diversity" in text
    assert all(label in text for label in ("Outstanding", "Good", "Inadequate"))
    assert "Review the plan for Child B." not in text  # case actions belong to the minutes


def add_unsmart_recommendations(database: Database, built: Built) -> None:
    with database.transaction() as session:
        actions.add_action(
            session, built.audit_id, text="Train on HSB.", owner="LAPP",
            review_date=date(2017, 6, 8),
        )  # fmt: skip
        actions.add_action(session, built.audit_id, text="Think about it.", owner="")


def test_published_whom_and_when_read_as_the_references_and_the_minutes_flag_gaps(
    database: Database, built: Built, tmp_path: Path
) -> None:
    """A review date in place of a deadline reads "Review 08/06/2017"; a missing owner or
    date is a dash in the summary, and flagged as not SMART in the minutes."""
    add_unsmart_recommendations(database, built)
    summary, minutes = (
        " ".join(pdf_text(export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf")).split())
        for kind in ("summary", "minutes")
    )
    for text in (summary, minutes):
        assert "Not set" not in text
        assert "Train on HSB. LAPP Review 08/06/2017" in text
        assert "Refresh neglect training. All agencies 30/09/2017" in text
    assert "Think about it. – –" in summary and "Not SMART" not in summary
    assert "Think about it. Not SMART: no owner Not SMART: no date" in minutes


def test_an_ungraded_audit_has_no_chart(database: Database, built: Built, tmp_path: Path) -> None:
    with database.transaction() as session:
        audits.update_audit(session, built.audit_id, graded=False)
    text = pdf_text(export(database, "summary", built.audit_id, tmp_path / "summary.pdf"))
    assert "Grades by domain" not in text
    assert "Recommendations" in text.replace("\n", " ").title()


def test_briefing_gives_key_points_by_domain_and_what_to_do(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        audit = audits.get_audit(session, built.audit_id)
        plans = next(d for d in audit.domains if d.name == "Plans")
        notes.add_finding(
            session, built.audit_id, kind=FindingKind.AREA_FOR_DEVELOPMENT,
            text="Plans lacked outcomes.", domain_ids=[plans.id],
        )  # fmt: skip
        notes.add_finding(
            session, built.audit_id, kind=FindingKind.LEARNING, text="Record the child's voice."
        )
    pages = pdf_pages(export(database, "briefing", built.audit_id, tmp_path / "briefing.pdf"))
    text = " ".join(" ".join(pages).split())  # lines wrap in the columns and tiles
    assert len(pages) <= 2
    background, methodology, further, key_points, do_now = (
        text.index(h)
        for h in (
            "Background",
            "Methodology",
            "Further information",
            "Key points",
            "What to do now",
        )
    )  # the order of the familial sexual abuse briefing
    assert background < methodology < further < key_points < do_now
    assert methodology < text.index("Two cases were audited by four agencies") < further
    who = "contact Tracey Watkinson, Business Board Manager, Safeguarding Children Partnership."
    assert who in text
    referrals, plans_at = text.index("Referrals", key_points), text.index("Plans", key_points)
    assert referrals < text.index("Strong multi-agency working.") < plans_at
    assert plans_at < text.index("Plans lacked outcomes.") < do_now
    assert do_now < text.index("Record the child's voice.")
    assert do_now < text.index("Refresh neglect training.")


def test_case_summaries_give_each_case_its_page_and_coloured_grades(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = export(database, "case-summaries", built.audit_id, tmp_path / "cases.pdf")
    pages = pdf_pages(path)
    assert len(pages) == 2
    assert "Child A" in pages[0] and "Child B" not in pages[0]
    assert "Child B" in pages[1] and "Drift in the plan." in pages[1]
    for page in pages:
        assert "Known since birth." in page and "Late referral." in page
        assert "Referrals" in page and "Good" in page
    # "Good" is #43A047: its cells are filled with that colour, labelled in text as well.
    assert b".262745 .627451 .278431 rg" in pdf_bytes(path)


def test_a_case_a_few_lines_too_long_is_kept_to_its_page_and_a_long_one_runs_on(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        neglect = next(r.audit_id for r in load_demo(session) if "Neglect" in r.title)
        pseudonyms = [case.pseudonym for case in audits.get_audit(session, neglect).cases]
    # Child A's five agencies run a few lines over a page: shrunk a little, it keeps to its page.
    pages = pdf_pages(export(database, "case-summaries", neglect, tmp_path / "neglect.pdf"))
    assert len(pages) == len(pseudonyms) == 5
    for page, pseudonym in zip(pages, pseudonyms, strict=True):
        assert f"\n{pseudonym}\n" in page
    assert "Harbour Drugs" in pages[0]
    # Far too long to shrink: it runs on to a second page at full size, nothing lost.
    line = "Seen at home by the health visitor, who found the home cold and the fridge empty."
    with database.transaction() as session:
        cases.update_case(session, built.case_ids[0], key_facts="\n".join([line] * 60))
    long = pdf_pages(export(database, "case-summaries", built.audit_id, tmp_path / "c.pdf"))
    assert len(long) == 3 and "Child B" in long[2] and "Child B" not in long[1]
    assert sum(page.count("fridge empty") for page in long[:2]) == 60


def test_user_text_is_escaped_and_keeps_its_line_breaks(
    database: Database, built: Built, tmp_path: Path
) -> None:
    typed = "Use <b>bold</b> & <i>x</i> < 3 > 2 &amp;"
    with database.transaction() as session:
        notes.add_finding(session, built.audit_id, kind=FindingKind.GOOD_PRACTICE, text=typed)
        notes.add_point(
            session, built.audit_id, case_id=built.case_ids[0],
            text="First line\nSecond line", recorded_at=datetime(2017, 5, 10, 11, 0),
        )  # fmt: skip
    for kind in ("minutes", "summary", "briefing"):
        text = pdf_text(export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf"))
        assert typed in " ".join(text.split()), kind  # perhaps wrapped in a briefing's tile
    minutes = pdf_text(tmp_path / "minutes.pdf")
    assert "First line\nSecond line" in minutes


def test_control_characters_and_very_long_text_do_not_break_any_pdf(
    database: Database, built: Built, tmp_path: Path
) -> None:
    huge = long_text()
    last = huge.split()[-1]
    with database.transaction() as session:
        audit = audits.get_audit(session, built.audit_id)
        involvement.update_involvement(
            session, audit.cases[0].involvements[0].id,
            summary="Bell\x07 null\x00 escape\x1b[31m form\x0c feed\r\nend", strengths=huge,
        )  # fmt: skip
        actions.add_action(session, built.audit_id, text=huge, owner="x" * 200)
        actions.add_action(session, built.audit_id, text="y" * 20_000, owner="Police")
        notes.add_finding(session, built.audit_id, kind=FindingKind.LEARNING, text=huge)
    for kind in PDF_KINDS:
        pages = pdf_pages(export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf"))
        text = "\n".join(pages)
        if kind == "briefing":  # it says what to do in a few words: the start, cut short
            assert len(pages) <= 2 and f"{' '.join(huge.split()[:40])}..." in " ".join(text.split())
            continue
        assert len(pages) >= 2, kind
        assert last in text, kind
    minutes = pdf_text(tmp_path / "minutes.pdf")
    assert "Bell null escape[31m form feed\nend" in minutes


def test_polish_arabic_and_chinese_names_render_in_embedded_unicode_fonts(
    database: Database, built: Built, tmp_path: Path
) -> None:
    names = ("Zażółć Gęślą Jaźń", "عائشة محمد", "王小明")
    with database.transaction() as session:
        cases.update_case(session, built.case_ids[0], pseudonym="Dziecko Łucja")
        meeting = audits.get_audit(session, built.audit_id).meetings[0]
        for name in names:
            meetings.add_attendee(session, meeting.id, name=name, role="Lead auditor")
        cases.add_family_view(session, built.case_ids[0], speaker=names[1], text=names[2])
    path = export(database, "minutes", built.audit_id, tmp_path / "minutes.pdf")
    text = pdf_text(path)
    for name in (*names, "Dziecko Łucja"):
        assert name in text, name
    fonts = pdf_fonts(path)
    assert fonts.get("DejaVuSans") is True and fonts.get("DejaVuSans-Bold") is True
    assert len(fonts) > 2, "no fallback font for the Chinese name"
    assert all(fonts.values()), f"a font is not embedded: {fonts}"


def test_no_private_reference_reaches_any_pdf(
    database: Database, built: Built, tmp_path: Path
) -> None:
    marker = "PRIVREF-7Q3Z-MARKER"
    with database.transaction() as session:
        for case_id in built.case_ids:
            cases.update_case(session, case_id, private_reference=marker)
    for kind in PDF_KINDS:
        path = export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf")
        assert marker not in pdf_text(path)
        assert marker.encode() not in pdf_bytes(path)
        assert "Neglect panel" in pdf_text(path)


def test_exporting_changes_nothing_in_the_database(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        before = archive.dumps(archive.export_audit(session, built.audit_id))
    for kind in PDF_KINDS:
        export(database, kind, built.audit_id, tmp_path / f"{kind}.pdf")
    with database.transaction() as session:
        assert archive.dumps(archive.export_audit(session, built.audit_id)) == before


def test_every_demo_audit_exports_every_pdf(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        demos = {result.title: result.audit_id for result in load_demo(session)}
        assert len(demos) == 3
    for title, audit_id in demos.items():
        for kind in PDF_KINDS:
            pages = pdf_pages(export(database, kind, audit_id, tmp_path / f"{audit_id}-{kind}.pdf"))
            assert all("OFFICIAL-SENSITIVE" in page for page in pages), (title, kind)
            assert all(f"of {len(pages)}" in page for page in pages), (title, kind)
            assert all(title[:40] in page for page in pages), (title, kind)
    neglect = next(i for t, i in demos.items() if "Neglect" in t)
    minutes = pdf_text(tmp_path / f"{neglect}-minutes.pdf")
    assert minutes.index("Child E") < minutes.index("Escalations") < minutes.index("Child D\n")
    summary = pdf_text(tmp_path / f"{neglect}-summary.pdf")
    assert "Tracey Watkinson" in summary and "Grades by domain" in summary
    assert "Plymouth Domestic Abuse Service" in summary
