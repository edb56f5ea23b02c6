"""Time the action log across the partnership with 10,000 actions: write it, read it back.

Copies bench/large.db (20 audits, 2,000 actions: make it with bench/generate_large.py) into a
temporary database, adds actions through the services until there are 10,000, then times
``write_action_log`` for every audit and ``read_action_log`` on the file it wrote (which
checks every row against the database and must find nothing to change).

    python bench/export_action_log.py
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from db.enums import ActionStatus  # noqa: E402
from db.models import Action, Audit  # noqa: E402
from panel_app.database import Database, open_database  # noqa: E402
from panel_app.documents.action_log import write_action_log  # noqa: E402
from panel_app.documents.action_log_import import read_action_log  # noqa: E402
from panel_app.services import actions  # noqa: E402

TARGET = 10_000
LARGE = ROOT / "bench" / "large.db"
TEXTS = (
    "Review the threshold guidance with every team and report back to the partnership.",
    "=Audit the referral pathway (a leading equals sign must stay text)",
    "Share the learning briefing with practitioners;\nrecord who attended the sessions.",
)


def copy_large(target: Path) -> None:
    if not LARGE.exists():
        sys.exit("bench/large.db is missing: run python bench/generate_large.py first.")
    # Read-only, and through SQLite's backup: safe with a WAL file beside it, unlike a copy.
    source = sqlite3.connect(f"{LARGE.as_uri()}?mode=ro", uri=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def top_up(database: Database) -> int:
    random.seed(10_000)
    with database.transaction() as session:
        have = session.scalar(select(func.count(Action.id))) or 0
        audits = list(session.scalars(select(Audit).order_by(Audit.id)))
        for number in range(have, TARGET):
            audit = audits[number % len(audits)]
            panel = audit.panel_date or date(2020, 1, 1)
            action = actions.add_action(
                session,
                audit.id,
                case_id=random.choice(audit.cases).id if number % 3 else None,
                text=f"{TEXTS[number % len(TEXTS)]} ({number})",
                owner=random.choice(["All agencies", "Business Manager", "Police"]),
                due_date=panel + timedelta(days=random.randint(14, 400)),
                status=random.choice(list(ActionStatus)),
            )
            if number % 2:
                actions.add_update(
                    session, action.id, date=panel + timedelta(days=7), text="Progress noted."
                )
        return session.scalar(select(func.count(Action.id))) or 0


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        copy_large(path)
        database = open_database(f"sqlite:///{path}")
        started = time.perf_counter()
        count = top_up(database)
        took = time.perf_counter() - started
        print(f"{count:,} actions in the database (topped up in {took:.1f} s)")
        log = Path(folder) / "action-log.xlsx"
        with database.transaction() as session:
            started, started_cpu = time.perf_counter(), time.process_time()
            write_action_log(session, log, None)
            written, written_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        with database.transaction() as session:
            started, started_cpu = time.perf_counter(), time.process_time()
            plan = read_action_log(session, log)
            read, read_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        assert plan.actions_read == count and not plan.changes, plan.describe()[:3]
        size = log.stat().st_size / 1_000_000
        cpu = f"CPU {written_cpu:.2f} s"
        print(f"write_action_log, all audits: {written:.2f} s ({cpu}, {size:.1f} MB)")
        print(
            f"read_action_log, every row checked, no changes: {read:.2f} s (CPU {read_cpu:.2f} s)"
        )
        database.close()


if __name__ == "__main__":
    main()
