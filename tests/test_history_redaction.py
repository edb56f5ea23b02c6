"""Words taken out of the change history: a real name typed by mistake and corrected leaves no
trace in the history or in an archive, the removal is recorded with its reason and never with
the words, and nothing else is touched."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from panel_app import archive
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.history import lines, redaction
from panel_app.services import approval, cases, notes
from tests.builders import Built, build_audit

NAME = "Tommy Smith"


@pytest.fixture
def built(database: Database) -> Built:
    database.user_name = "Sam Minutes"
    with database.transaction() as session:
        made = build_audit(session)
    with database.transaction() as session:
        case = made.case_ids[0]
        cases.update_case(session, case, pseudonym=NAME)
        cases.update_case(session, case, key_facts=f"{NAME} lives with mum; tommy  SMITH\nagain.")
        notes.add_finding(
            session, made.audit_id, case_id=case, kind="learning", text="Tomorrow: chase GP."
        )
    with database.transaction() as session:  # corrected a moment later
        cases.update_case(session, case, pseudonym="Child A", key_facts="Child A lives with mum.")
    return made


def stored(database: Database) -> str:
    with database.transaction() as session:
        rows = session.execute(text("SELECT * FROM history_entry")).all()
        amendments = session.execute(text("SELECT reason FROM amendment")).all()
    return "\n".join(str(row) for row in [*rows, *amendments])


def test_a_name_typed_by_mistake_is_taken_out_of_the_history_and_archive(
    database: Database, built: Built
) -> None:
    assert NAME in stored(database)
    with database.transaction() as session:
        assert redaction.count(session, built.audit_id, "tommy smith") >= 2
        removed = redaction.remove_words(
            session, built.audit_id, "  tommy   smith ", reason="A real name typed by mistake"
        )
        document = archive.dumps(archive.export_audit(session, built.audit_id))
        found = lines.audit_history(session, built.audit_id)
    everything = stored(database)
    assert "tommy" not in everything.lower() and "tommy" not in document.lower()
    assert "Tomorrow: chase GP." in everything  # a whole-word match only
    assert f"{redaction.REMOVED} lives with mum" in everything
    assert removed.changes >= 2
    latest = found[0]
    assert latest.who == "Sam Minutes"
    assert latest.sentence == (
        f"removed words from {removed.changes} lines of the change history: "
        "'A real name typed by mistake'"
    )
    with database.transaction() as session:  # nothing left to find; the removal line is kept
        assert redaction.count(session, built.audit_id, NAME) == 0
        with pytest.raises(DomainError, match="is not in this audit's change history"):
            redaction.remove_words(session, built.audit_id, NAME, reason="Again")
    with database.transaction() as session:
        case = cases.get_case(session, built.case_ids[0])
        assert (case.pseudonym, case.key_facts) == ("Child A", "Child A lives with mum.")


def test_words_can_be_taken_out_of_approved_minutes_history_and_amendment_reasons(
    database: Database, built: Built
) -> None:
    with database.transaction() as session:
        approval.approve_minutes(session, built.audit_id, by="The chair", on=date.today())
    with database.transaction() as session:
        amendment = approval.start_amendment(
            session, built.audit_id, reason=f"{NAME}'s summary corrected"
        )
    with database.transaction(amendment=amendment.id) as session:
        cases.update_case(session, built.case_ids[1], key_facts="Seen weekly.")
    with database.transaction() as session:
        redaction.remove_words(session, built.audit_id, NAME, reason="Real name")
        reasons = [line.reason for line in approval.amendments(session, built.audit_id)]
    assert NAME not in stored(database)
    assert reasons == [f"{redaction.REMOVED}'s summary corrected"]


@pytest.mark.parametrize(
    ("words", "reason", "message"),
    [
        ("", "Real name", "at least two letters"),
        (" T ", "Real name", "at least two letters"),
        ("Nobody Here", "Real name", "'Nobody Here' is not in this audit's change history"),
        (NAME, "   ", "reason"),
    ],
)
def test_a_removal_that_cannot_be_made_says_why_and_changes_nothing(
    database: Database, built: Built, words: str, reason: str, message: str
) -> None:
    before = stored(database)
    with pytest.raises(DomainError, match=message), database.transaction() as session:
        redaction.remove_words(session, built.audit_id, words, reason=reason)
    assert stored(database) == before
