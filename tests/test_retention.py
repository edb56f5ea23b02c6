"""Deleting an audit for good: gone from the database file, its log and the backups made before
the chosen date (searched byte by byte), every other audit intact."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from panel_app import backups, retention
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.services import actions, audits, cases, involvement, notes
from tests.builders import Built, build_audit

MARKER = "Zq7-RETAIN-ME-NOT-4481"
KEEP = "Kx2-STAYS-FOREVER-9032"


def marked(database: Database, marker: str, title: str) -> Built:
    """An audit whose words carry ``marker`` in many places (and so in its history)."""
    with database.transaction() as session:
        built = build_audit(session, title=f"{title} {marker}")
        audit = audits.get_audit(session, built.audit_id)
        summary = audit.cases[0].involvements[0]
        involvement.update_involvement(session, summary.id, summary=f"Seen weekly {marker}.")
        cases.update_case(session, built.case_ids[0], key_facts=f"Facts {marker}")
        notes.add_point(session, built.audit_id, case_id=built.case_ids[0], text=f"Said {marker}")
        actions.update_action(session, built.action_ids[0], text=f"Act on {marker}")
    return built


def files_of(database: Database) -> list[Path]:
    assert database.path is not None
    around = [Path(f"{database.path}{suffix}") for suffix in ("", "-wal", "-shm")]
    return [p for p in around if p.exists()] + sorted(backups.backup_dir(database.path).iterdir())


def holding(paths: list[Path], marker: str) -> list[str]:
    needle = marker.encode()
    return [p.name for p in paths if p.is_file() and needle in p.read_bytes()]


def back_up(database: Database, when: datetime) -> Path:
    assert database.path is not None
    return backups.make_backup(database.path, "daily", now=when)


def test_an_audit_deleted_for_good_is_in_no_file_and_others_survive(
    sqlite_database: Database,
) -> None:
    database = sqlite_database
    gone = marked(database, MARKER, "Neglect")
    kept = marked(database, KEEP, "Exploitation")
    old = back_up(database, datetime(2026, 1, 5, 9, 0))
    older = back_up(database, datetime(2025, 11, 2, 9, 0))
    assert holding(files_of(database), MARKER)  # it is there to begin with

    plan = retention.plan_deletion(database, gone.audit_id)
    assert {b.path for b in plan.rewrite} == {old, older}
    assert (plan.cases, plan.actions, plan.remove, plan.kept) == (2, 2, (), ())
    text = "\n".join(plan.describe())
    assert f"“Neglect {MARKER}” will be deleted for good: its 2 cases" in text
    assert old.name in text and older.name in text and "This cannot be undone." in text

    report = retention.delete_permanently(database, plan)
    assert sorted(report.rewritten) == sorted([old, older])
    assert report.problems == [] and report.log_truncated
    assert holding(files_of(database), MARKER) == []
    assert set(holding(files_of(database), KEEP)) >= {old.name, older.name}
    with database.transaction() as session:
        (left,) = audits.list_audits(session)
        assert left.id == kept.audit_id
        assert len(audits.get_audit(session, kept.audit_id).cases) == 2
    for backup in (old, older):
        assert backups.is_healthy(backup)


def test_backups_on_or_after_the_date_are_kept_and_named(sqlite_database: Database) -> None:
    database = sqlite_database
    gone = marked(database, MARKER, "Neglect")
    early = back_up(database, datetime(2026, 1, 5, 9, 0))
    late = back_up(database, datetime(2026, 3, 1, 9, 0))
    damaged = backups.backup_dir(database.path) / "audit-panel-20251001-090000-daily.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200 + MARKER.encode())
    plan = retention.plan_deletion(database, gone.audit_id, before=date(2026, 2, 1))
    assert [b.path for b in plan.rewrite] == [early]
    assert [b.path for b in plan.kept] == [late]
    assert plan.remove == (damaged,)
    text = "\n".join(plan.describe())
    assert "Kept as they are (made on or after 01/02/2026), so still holding it:" in text
    assert "Removed, because they are damaged and cannot be cleaned:" in text
    retention.delete_permanently(database, plan)
    assert holding(files_of(database), MARKER) == [late.name]
    assert not damaged.exists()


def test_a_backup_from_an_older_version_is_cleaned_too(sqlite_database: Database) -> None:
    import sqlite3

    database = sqlite_database
    gone = marked(database, MARKER, "Neglect")
    old = back_up(database, datetime.now() - timedelta(days=3))
    with sqlite3.connect(old) as connection:  # as if made before an upgrade
        connection.execute("UPDATE alembic_version SET version_num = '0003'")
    connection.close()
    retention.delete_permanently(database, retention.plan_deletion(database, gone.audit_id))
    assert holding([old], MARKER) == []
    with sqlite3.connect(old) as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_case").fetchone() == (0,)
    connection.close()


def test_a_backup_of_another_database_is_left_alone(
    sqlite_database: Database, tmp_path: Path
) -> None:
    from panel_app.database import open_database

    database = sqlite_database
    gone = marked(database, MARKER, "Neglect")
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    marked(other, KEEP, "Another partnership's")  # the same id, made at another moment
    assert other.path is not None
    theirs = backups.make_backup(other.path, "daily", now=datetime.now() - timedelta(days=1))
    other.close()
    plan = retention.plan_deletion(database, gone.audit_id)
    assert theirs not in [b.path for b in plan.rewrite] + [b.path for b in plan.kept]
    retention.delete_permanently(database, plan)
    assert holding([theirs], KEEP) == [theirs.name]


def test_an_audit_already_gone_is_a_plain_message(database: Database) -> None:
    gone = marked(database, MARKER, "Neglect")
    plan = retention.plan_deletion(database, gone.audit_id)
    with database.transaction() as session:
        audits.delete_audit(session, gone.audit_id)
    with pytest.raises(DomainError, match="no longer exists"):
        retention.delete_permanently(database, plan)
