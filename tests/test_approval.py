"""Approving the minutes locks them; later changes are amendments (what, when, by whom, why)
that the minutes list, in PDF and Word alike."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import pytest

from panel_app import archive
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.history import MinutesLockedError
from panel_app.services import (
    actions,
    approval,
    audits,
    cases,
    involvement,
    meetings,
    notes,
)
from tests.builders import Built, build_audit
from tests.document_files import docx_header_footer, docx_text, export, pdf_pages


@pytest.fixture
def approved(database: Database) -> Built:
    database.user_name = "Tracey Watkinson"
    with database.transaction() as session:
        built = build_audit(session)
        approval.approve_minutes(session, built.audit_id, by="Dr Ada Chair", on="14/06/2017")
    return built


def summary_id(database: Database, built: Built) -> int:
    with database.transaction() as session:
        return audits.get_audit(session, built.audit_id).cases[0].involvements[0].id


def test_approved_minutes_refuse_changes_to_what_they_record(
    database: Database, approved: Built
) -> None:
    inv = summary_id(database, approved)
    with database.transaction() as session:
        meeting = audits.get_audit(session, approved.audit_id).meetings[0]
        attendee = meeting.attendance[0].id
    attempts = [
        lambda s: involvement.update_involvement(s, inv, summary="Rewritten."),
        lambda s: notes.add_point(s, approved.audit_id, text="A late thought."),
        lambda s: actions.update_action(s, approved.action_ids[0], owner="Police"),
        lambda s: actions.delete_action(s, approved.action_ids[1]),
        lambda s: cases.update_case(s, approved.case_ids[0], key_facts="New facts."),
        lambda s: cases.add_case(s, approved.audit_id, pseudonym="Child C"),
        lambda s: meetings.update_attendee(s, attendee, role="Vice chair"),
        lambda s: audits.update_audit(s, approved.audit_id, title="Renamed"),
    ]
    for attempt in attempts:
        with pytest.raises(MinutesLockedError) as refused, database.transaction() as session:
            attempt(session)
        assert refused.value.message.startswith(
            "The minutes of this audit were approved on 14/06/2017 by Dr Ada Chair, so what "
            "they record can only be changed by an amendment"
        )
    with database.transaction() as session:
        audit = audits.get_audit(session, approved.audit_id)
        assert audit.title == "Neglect panel" and len(audit.actions) == 2
        assert audit.cases[0].involvements[0].summary == "Known since birth."


def test_following_up_stays_open_after_approval(database: Database, approved: Built) -> None:
    with database.transaction() as session:
        actions.update_action(session, approved.action_ids[0], status="in_progress",
                              evidence="Training booked.", review_date="30/09/2017")  # fmt: skip
        actions.add_update(session, approved.action_ids[0], text="Half the teams trained.")
        audits.update_audit(session, approved.audit_id, introduction="For the board.",
                            status="follow_up")  # fmt: skip
        cases.update_case(session, approved.case_ids[0], private_reference="LCS-NEW")
        cases.escalate_case(session, approved.case_ids[1], outcome="Plan reviewed.")
    with database.transaction() as session:
        assert approval.amendments(session, approved.audit_id) == []


def test_approval_is_checked(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    cases_ = {
        "10/04/2017": "before the panel met (10/05/2017)",
        (date.today() + timedelta(days=2)).strftime("%d/%m/%Y"): "a date still to come",
        "31/02/2017": "February 2017 has 28 days",
    }
    for day, message in cases_.items():
        with pytest.raises(DomainError) as refused, database.transaction() as session:
            approval.approve_minutes(session, built.audit_id, by="Chair", on=day)
        assert message in refused.value.message
    with pytest.raises(DomainError, match="cannot be empty"), database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="  ", on="14/06/2017")
    with database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="Chair", on="14/06/2017")
    with pytest.raises(DomainError, match="already approved"), database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="Chair", on="15/06/2017")
    with pytest.raises(DomainError, match="reason cannot be empty"), database.transaction() as s:
        approval.start_amendment(s, built.audit_id, reason="")


def amend(database: Database, built: Built) -> None:
    """Two changes made under one amendment."""
    inv = summary_id(database, built)
    database.user_name = "Sam Minutes"
    with database.transaction() as session:
        amendment = approval.start_amendment(
            session, built.audit_id, reason="Children's Social Care corrected its summary."
        ).id
    with database.transaction(amendment=amendment) as session:
        involvement.update_involvement(session, inv, summary="Known since birth; seen weekly.")
    with database.transaction(amendment=amendment) as session:
        actions.update_action(session, built.action_ids[0], owner="Business Manager")


def test_the_minutes_list_their_amendments_in_pdf_and_word(
    database: Database, approved: Built, tmp_path: Path
) -> None:
    amend(database, approved)
    today = date.today().strftime("%d/%m/%Y")
    pdf = pdf_pages(export(database, "minutes", approved.audit_id, tmp_path / "m.pdf"))
    word_path = export(database, "minutes", approved.audit_id, tmp_path / "m.docx")
    word = docx_text(word_path)
    assert not any("DRAFT" in page for page in pdf)
    assert "DRAFT" not in docx_header_footer(word_path)[0]
    pdf_text = " ".join(" ".join(pdf).split())
    word_text = " ".join(word.split())
    for text in (pdf_text, word_text):
        assert "14 June 2017 by Dr Ada Chair" in text
        assert "These minutes were approved on 14 June 2017 by Dr Ada Chair." in text
        assert "Known since birth; seen weekly." in text  # the minutes show the amended text
        for expected in (
            "Amendments", today, "Sam Minutes", "Children's Social Care corrected its summary.",
            "Changed the summary of Children's Social Care's involvement in 'Child A' from "
            "'Known since birth.' to 'Known since birth; seen weekly.'",
            "Changed the owner of the action 'Refresh neglect training.' from 'All agencies' "
            "to 'Business Manager'",
        ):  # fmt: skip
            assert expected in text, expected
    assert pdf_text.index("Amendments") > pdf_text.index("Recommendations")


def test_reopened_minutes_are_a_draft_and_change_freely(
    database: Database, approved: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        approval.reopen_minutes(session, approved.audit_id, reason="The panel asked for more.")
    with database.transaction() as session:
        notes.add_point(session, approved.audit_id, text="Added after reopening.")
        assert approval.approval(session, approved.audit_id) is None
    pages = pdf_pages(export(database, "minutes", approved.audit_id, tmp_path / "m.pdf"))
    assert all("DRAFT" in page for page in pages)
    with pytest.raises(DomainError, match="not approved"), database.transaction() as session:
        approval.reopen_minutes(session, approved.audit_id, reason="Again.")


def test_approval_and_amendments_survive_the_archive(database: Database, approved: Built) -> None:
    amend(database, approved)
    with database.transaction() as session:
        document = archive.export_audit(session, approved.audit_id)
    assert document["audit"]["minutes_approved_on"] == "2017-06-14"
    assert [a["reason"] for a in document["amendments"]] == [
        "Children's Social Care corrected its summary."
    ]
    with database.transaction() as session:
        again = archive.import_document(session, copy.deepcopy(document))
        assert archive.dumps(archive.export_audit(session, again.id)) == archive.dumps(document)
        (line,) = approval.amendments(session, again.id)
        assert len(line.changes) == 2 and line.made_by == "Sam Minutes"
    with pytest.raises(MinutesLockedError), database.transaction() as session:
        notes.add_point(session, again.id, text="The imported copy is locked too.")
