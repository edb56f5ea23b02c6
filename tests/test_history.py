"""The change history: recorded at the session layer for every service and import, read back
in plain English per case, per action and per audit, never holding a private reference."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select, text, update

from db.models import HistoryEntry
from panel_app import archive
from panel_app.database import Database
from panel_app.documents.action_log import write_action_log
from panel_app.documents.action_log_import import apply_action_log, read_action_log
from panel_app.history import lines
from panel_app.services import actions, audits, cases, involvement, notes
from tests.builders import Built, build_audit


def built_by(database: Database, name: str = "Jo Bloggs") -> Built:
    database.user_name = name
    with database.transaction() as session:
        return build_audit(session)


def sentences(found: list[lines.HistoryLine]) -> list[str]:
    return [line.sentence for line in found]


def test_a_change_is_recorded_with_who_when_and_the_old_and_new_value(
    database: Database,
) -> None:
    built = built_by(database)
    database.user_name = "Sam Minutes"
    with database.transaction() as session:
        actions.update_action(session, built.action_ids[0], owner="LAPP")
    with database.transaction() as session:
        (latest, *_) = lines.action_history(session, built.action_ids[0])
    assert latest.who == "Sam Minutes"
    assert abs(latest.made_at - datetime.now()) < timedelta(minutes=1)
    assert latest.sentence == (
        "changed the owner of the action 'Refresh neglect training.' from 'All agencies' to 'LAPP'"
    )
    assert latest.text == f"{latest.made_at:%d/%m/%Y %H:%M} — Sam Minutes {latest.sentence}"
    assert (latest.old, latest.new) == ("All agencies", "LAPP")


def test_the_history_of_a_case_covers_what_hangs_off_it(database: Database) -> None:
    built = built_by(database)
    child_a = built.case_ids[0]
    with database.transaction() as session:
        audit = audits.get_audit(session, built.audit_id)
        summary = audit.cases[0].involvements[1]
        involvement.update_involvement(session, summary.id, summary="Seen at home twice.")
        outstanding = involvement.level_named(session, audit.id, "Outstanding")
        involvement.set_involvement_grade(session, summary.id, audit.domains[0].id, outstanding.id)
        cases.update_case(session, child_a, consent="declined", discussed=True)
        notes.add_finding(session, audit.id, case_id=child_a, kind="learning", text="Drift.")
    with database.transaction() as session:
        found = sentences(lines.case_history(session, child_a))
        other = sentences(lines.case_history(session, built.case_ids[1]))
    assert found[:5] == [
        "added the learning finding 'Drift.' on 'Child A'",
        "changed the discussed at panel of the case 'Child A' from 'no' to 'yes'",
        "changed the consent of the case 'Child A' from 'Obtained' to 'Declined'",
        "changed the grade for Referrals of Police's involvement in 'Child A' "
        "from 'Good' to 'Outstanding'",
        "changed the summary of Police's involvement in 'Child A' "
        "from 'Known since birth.' to 'Seen at home twice.'",
    ]
    assert found[-1] == "added the case 'Child A'"
    assert "added the family view 'They listened to me.' on 'Child A'" in found
    assert not any("Child A" in sentence for sentence in other)


def test_a_private_reference_is_recorded_as_changed_but_never_kept(database: Database) -> None:
    built = built_by(database)
    marker = "LCS-SECRET-7731"
    with database.transaction() as session:
        cases.update_case(session, built.case_ids[0], private_reference=marker)
    with database.transaction() as session:
        (latest, *_) = lines.case_history(session, built.case_ids[0])
        document = archive.dumps(archive.export_audit(session, built.audit_id))
        stored = session.execute(text("SELECT * FROM history_entry")).all()
    assert latest.sentence == "changed the private reference of the case 'Child A'"
    assert (latest.old, latest.new) == (None, None)
    assert marker not in document and "LCS-A123" not in document
    assert not any(marker in str(row) or "LCS-A123" in str(row) for row in stored)


def test_typing_one_field_at_pauses_is_one_change(database: Database) -> None:
    built = built_by(database)
    for typed in ("Known", "Known since", "Known since birth, seen weekly."):
        with database.transaction() as session:
            cases.update_case(session, built.case_ids[0], key_facts=typed)
    with database.transaction() as session:
        (latest, before, *_) = lines.case_history(session, built.case_ids[0])
    assert (
        latest.sentence
        == "set the key facts of the case 'Child A' to 'Known since birth, seen weekly.'"
    )
    assert before.sentence != latest.sentence
    with database.transaction() as session:  # typed back to what it was: nothing changed
        cases.update_case(session, built.case_ids[0], key_facts="")
    with database.transaction() as session:
        assert lines.case_history(session, built.case_ids[0])[0].id == before.id


def test_edits_apart_in_time_or_by_someone_else_stay_separate(database: Database) -> None:
    built = built_by(database)
    with database.transaction() as session:
        actions.update_action(session, built.action_ids[0], owner="LAPP")
    with database.transaction() as session:  # as if it were an hour ago
        session.execute(update(HistoryEntry).values(made_at=datetime.now() - timedelta(hours=1)))
    with database.transaction() as session:
        actions.update_action(session, built.action_ids[0], owner="BSM")
    database.user_name = "Another Person"
    with database.transaction() as session:
        actions.update_action(session, built.action_ids[0], owner="Police")
    with database.transaction() as session:
        found = lines.action_history(session, built.action_ids[0])
    assert [(line.old, line.new) for line in found[:3]] == [
        ("BSM", "Police"),
        ("LAPP", "BSM"),
        ("All agencies", "LAPP"),
    ]


def test_deleting_a_case_is_one_line_and_its_history_stays_with_the_audit(
    database: Database,
) -> None:
    built = built_by(database)
    with database.transaction() as session:
        cases.delete_case(session, built.case_ids[1])
    with database.transaction() as session:
        found = sentences(lines.audit_history(session, built.audit_id))
        orphans = session.scalars(
            select(HistoryEntry).where(HistoryEntry.subject.like("%Child B%"))
        ).all()
    assert found[0] == "deleted the case 'Child B'"
    assert "deleted" not in found[1]  # its summaries and grades went with it, unlisted
    assert orphans and all(entry.case_id is None for entry in orphans)


def test_deleting_an_audit_takes_its_history_with_it(database: Database) -> None:
    built = built_by(database)
    other = built_by(database)
    with database.transaction() as session:
        audits.delete_audit(session, built.audit_id)
    with database.transaction() as session:
        kept = set(session.scalars(select(HistoryEntry.audit_id)))
    assert kept == {other.audit_id}


def test_the_action_log_import_is_recorded(database: Database, tmp_path: Path) -> None:
    built = built_by(database)
    path = tmp_path / "actions.xlsx"
    with database.transaction() as session:
        write_action_log(session, path, built.audit_id)
    book = load_workbook(path)
    sheet = book["Action log"]
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet[f"A{r}"].value == f"A-{built.audit_id}-{built.action_ids[0]}"
    )
    sheet[f"H{row}"] = "In progress"
    book.save(path)
    database.user_name = "Agency Updater"
    with database.transaction() as session:
        apply_action_log(session, read_action_log(session, path))
    with database.transaction() as session:
        (latest, *_) = lines.action_history(session, built.action_ids[0])
    assert latest.who == "Agency Updater"
    assert latest.sentence == (
        "changed the status of the action 'Refresh neglect training.' from 'Open' to 'In progress'"
    )


def test_the_history_survives_the_archive_round_trip(database: Database) -> None:
    built = built_by(database)
    with database.transaction() as session:
        actions.update_action(session, built.action_ids[1], owner="BSM")
        cases.update_case(session, built.case_ids[0], pseudonym="Child Z")
        document = archive.export_audit(session, built.audit_id)
    assert document["version"] == 2
    assert document["history"][-1]["case"] == "Child Z"
    with database.transaction() as session:
        again = archive.import_document(session, copy.deepcopy(document))
        case_id = again.cases[0].id
        action_id = again.actions[1].id
        assert archive.dumps(archive.export_audit(session, again.id)) == archive.dumps(document)
        case_lines = sentences(lines.case_history(session, case_id))
        action_lines = sentences(lines.action_history(session, action_id))
    assert (
        case_lines[0] == "changed the pseudonym of the case 'Child A' from 'Child A' to 'Child Z'"
    )
    assert action_lines[0].startswith("changed the owner of the action 'Review the plan")


def test_an_archive_from_before_the_history_loads_with_one_line(database: Database) -> None:
    built = built_by(database)
    with database.transaction() as session:
        document = archive.export_audit(session, built.audit_id)
    old = {k: v for k, v in document.items() if k not in ("history", "amendments")}
    old["version"] = 1
    for key in ("minutes_approved_on", "minutes_approved_by"):
        del old["audit"][key]
    database.user_name = "Importer"
    with database.transaction() as session:
        audit = archive.import_document(session, old)
        found = lines.audit_history(session, audit.id)
    assert [line.text.split(" — ")[1] for line in found] == [
        "Importer imported the audit from an archive"
    ]


def test_a_bad_history_entry_is_named_by_its_path(database: Database) -> None:
    built = built_by(database)
    with database.transaction() as session:
        document = archive.export_audit(session, built.audit_id)
    bad = copy.deepcopy(document)
    bad["history"][2]["operation"] = "sneezed"
    (problem,) = archive.validate_document(bad)
    assert problem.startswith("history[2].operation: 'sneezed' is not one of added, changed")
    bad = copy.deepcopy(document)
    bad["history"][0]["action"] = 99
    bad["history"][1]["case"] = "Nobody"
    problems = archive.validate_document(bad)
    assert "history[0].action: there is no action 99 (the archive has 2)" in problems
    assert any(p.startswith("history[1].case: 'Nobody'") for p in problems)


def test_a_new_sessionmaker_where_a_freed_one_was_goes_on_recording(
    sqlite_database: Database,
) -> None:
    """Turning encryption on or off, or a restore, makes a new sessionmaker. SQLAlchemy's event
    registry is keyed by id(): one given the id of a sessionmaker just freed was taken as
    listened to already, and nothing written through it was recorded."""
    from db.engine import make_sessionmaker
    from panel_app.history import recorder

    built = built_by(sqlite_database)
    engine = sqlite_database.engine
    reused = False
    for number in range(50):
        freed = make_sessionmaker(engine)
        recorder.install(freed)
        freed_id = id(freed)
        del freed
        sessions = make_sessionmaker(engine)
        recorder.install(sessions)
        reused = reused or id(sessions) == freed_id
        session = sessions(info={recorder.USER: f"Person {number}"})  # a line each
        with session.begin():
            actions.update_action(session, built.action_ids[0], owner=f"Owner {number}")
        session.close()
        with sqlite_database.transaction() as check:
            latest = lines.action_history(check, built.action_ids[0])[0]
        assert latest.new == f"Owner {number}", f"nothing recorded by sessionmaker {number}"
        if reused:
            break
    assert reused, "no id was reused: this test did not try what it is for"
