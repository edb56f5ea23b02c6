"""Deleting an audit for good: from the database and from the backups made before a chosen date.

Deleting a row leaves its text in SQLite's free pages and in the write-ahead log, so after the
delete the database is vacuumed and its log truncated. Each backup that holds the audit is
copied, the audit deleted from the copy (through the services when the copy is at this
version's schema, by the same cascading delete in SQL when it is older), the copy vacuumed,
and the copy put in the backup's place in one rename: a backup is never left half-cleaned. A
backup that cannot be read is removed, since nobody can say what it holds. The backups of an
encrypted database are read and rewritten with its key, and stay encrypted.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, select, text
from sqlalchemy.orm import Session

from db import schema
from db.models import Audit
from panel_app import backups, encryption
from panel_app.database import Database
from panel_app.encryption import Key
from panel_app.errors import DomainError
from panel_app.services.audits import delete_audit, get_audit


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting the audit for good would take, for the user to confirm."""

    audit_id: int
    title: str
    cases: int
    actions: int
    created: str
    #: Backups made before this date are cleaned; later ones are left as they are.
    before: date
    rewrite: tuple[backups.Backup, ...] = ()
    remove: tuple[Path, ...] = ()
    kept: tuple[backups.Backup, ...] = ()
    server: bool = False

    def describe(self) -> list[str]:
        """The confirmation, paragraph by paragraph."""
        cases = "1 case" if self.cases == 1 else f"{self.cases} cases"
        actions = "1 action" if self.actions == 1 else f"{self.actions} actions"
        lines = [
            f"“{self.title}” will be deleted for good: its {cases}, their agencies' summaries, "
            f"the minutes, findings, {actions} and the change history. Agencies stay.",
        ]
        if self.server:
            lines.append(
                "The database is on a server: ask its administrator about the server's own "
                "backups, which this cannot reach."
            )
        day = f"{self.before:%d/%m/%Y}"
        if self.rewrite:
            lines.append(f"Backups made before {day} rewritten without it:")
            lines += [f"  {backup.label}  ({backup.path.name})" for backup in self.rewrite]
        if self.remove:
            lines.append("Removed, because they are damaged and cannot be cleaned:")
            lines += [f"  {path.name}" for path in self.remove]
        if self.kept:
            lines.append(f"Kept as they are (made on or after {day}), so still holding it:")
            lines += [f"  {backup.label}  ({backup.path.name})" for backup in self.kept]
        if not (self.rewrite or self.remove or self.kept or self.server):
            lines.append("No backup holds it.")
        lines.append("This cannot be undone.")
        return lines


@dataclass
class DeletionReport:
    rewritten: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    log_truncated: bool = True


def _created(session: Session, audit_id: int) -> str:
    # The stored text itself, so a backup's row is matched exactly as it was written.
    value = session.execute(
        text("SELECT created_at FROM audit WHERE id = :id"), {"id": audit_id}
    ).scalar()
    return str(value)


def _connect(path: Path, key: Key | None, read_only: bool = False) -> Any:
    """A connection to a backup: SQLCipher's, keyed, for an encrypted database's."""
    if key is not None:
        return encryption.connect(path, key, read_only)
    if read_only:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return sqlite3.connect(path)


def _errors(key: Key | None) -> tuple[type[Exception], ...]:
    return (sqlite3.Error, *encryption.errors()) if key is not None else (sqlite3.Error,)


def _holds(path: Path, audit_id: int, created: str, key: Key | None = None) -> bool | None:
    """Whether the backup holds this audit (same id, made at the same moment); ``None`` when
    the file cannot be read."""
    if not backups.is_healthy(path, key):
        return None
    try:
        with closing(_connect(path, key, read_only=True)) as connection:
            row = connection.execute(
                "SELECT 1 FROM audit WHERE id = ? AND created_at = ?", (audit_id, created)
            ).fetchone()
    except _errors(key):
        return None
    return row is not None


def _damaged_copies(database_path: Path, before: date) -> list[Path]:
    """Damaged databases a restore set aside (see ``backups.restore``)."""
    found = []
    for path in backups.backup_dir(database_path).glob("damaged-*"):
        if datetime.fromtimestamp(path.stat().st_mtime).date() < before:
            found.append(path)
    return found


def plan_deletion(database: Database, audit_id: int, *, before: date | None = None) -> DeletionPlan:
    """What would go, and which backups would be rewritten, removed or kept."""
    before = before or date.today() + timedelta(days=1)
    with database.transaction() as session:
        audit = get_audit(session, audit_id)
        title, cases, actions = audit.title, len(audit.cases), len(audit.actions)
        created = _created(session, audit_id)
    if database.path is None:
        return DeletionPlan(audit_id, title, cases, actions, created, before, server=True)
    rewrite, remove, kept = [], [], []
    for backup in backups.list_backups(database.path):
        holds = _holds(backup.path, audit_id, created, database.key)
        if holds is None and backup.made.date() < before:
            remove.append(backup.path)
        elif holds and backup.made.date() < before:
            rewrite.append(backup)
        elif holds:
            kept.append(backup)
    remove += _damaged_copies(database.path, before)
    return DeletionPlan(
        audit_id,
        title,
        cases,
        actions,
        created,
        before,
        tuple(sorted(rewrite, key=lambda b: b.made)),
        tuple(remove),
        tuple(sorted(kept, key=lambda b: b.made)),
    )


def delete_permanently(database: Database, plan: DeletionPlan) -> DeletionReport:
    """Delete the audit from the database, then clean the backups the plan names. A backup
    that cannot be cleaned is reported and left as it was."""
    if database.read_only:
        raise DomainError("This database is open read-only: nothing can be deleted from it.")
    with database.transaction() as session:
        if session.get(Audit, plan.audit_id) is None:
            raise DomainError("That audit no longer exists: it may have been deleted.")
        delete_audit(session, plan.audit_id)
    report = DeletionReport()
    if database.path is None:
        return report
    report.log_truncated = _compact_live(database)
    failures: tuple[type[Exception], ...] = (*_errors(database.key), OSError)
    for backup in plan.rewrite:
        try:
            _clean_backup(backup.path, plan.audit_id, plan.created, database.key)
        except failures as error:
            report.problems.append(f"{backup.path.name} could not be cleaned: {error}.")
        else:
            report.rewritten.append(backup.path)
    for path in plan.remove:
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            report.problems.append(f"{path.name} could not be removed: {error}.")
        else:
            report.removed.append(path)
    return report


def _compact_live(database: Database) -> bool:
    """Vacuum the open database and empty its write-ahead log, so no deleted text is left in
    free pages or old log frames. False when another reader kept the log from emptying."""
    with database.engine.connect() as connection:
        quiet = connection.execution_options(isolation_level="AUTOCOMMIT")
        quiet.exec_driver_sql("PRAGMA temp_store=MEMORY")  # no temporary file holding the text
        quiet.exec_driver_sql("VACUUM")
        busy, _log, _done = quiet.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    return not busy


def _foreign_keys_on(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _delete_from_copy(path: Path, audit_id: int, created: str, key: Key | None) -> None:
    with closing(_connect(path, key)) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")  # no log beside the copy
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision == (schema.HEAD,):
        engine = create_engine(encryption.engine_url(path, key) if key else f"sqlite:///{path}")
        event.listen(engine, "connect", _foreign_keys_on)
        try:
            with Session(engine) as session, session.begin():
                found = session.scalar(select(Audit.id).where(Audit.id == audit_id))
                if found is not None and _created(session, audit_id) == created:
                    delete_audit(session, audit_id)
        finally:
            engine.dispose()
        return
    # An older schema: the services cannot read it, but every table of every version
    # cascades from the audit.
    with closing(_connect(path, key)) as connection:
        connection.execute("PRAGMA foreign_keys=ON")
        with connection:
            connection.execute(
                "DELETE FROM audit WHERE id = ? AND created_at = ?", (audit_id, created)
            )


def _clean_backup(path: Path, audit_id: int, created: str, key: Key | None = None) -> None:
    partial = path.with_name(f".{path.name}.cleaning")
    shutil.copyfile(path, partial)  # an encrypted backup's copy is encrypted the same way
    try:
        _delete_from_copy(partial, audit_id, created, key)
        with closing(_connect(partial, key)) as connection:
            connection.execute("PRAGMA temp_store=MEMORY")
            connection.execute("VACUUM")
            if tuple(connection.execute("PRAGMA quick_check").fetchone()) != ("ok",):
                raise sqlite3.DatabaseError("the cleaned copy did not pass its check")
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
