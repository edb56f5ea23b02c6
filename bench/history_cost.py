"""What the change history costs the minute-taker: the same commits timed with the history
recorder installed and without it, in alternating rounds so that a busy machine weighs on both.

  capture   one captured line (discussion point, finding or action), committed as panel mode
            commits it (its own transaction, synced to disk, the capture draft cleared);
  typing    a pause while typing a case's key facts: one field saved (merged into one history
            row per edit);
  import    an archive imported (the history it brings is copied, nothing recorded).

Prints the median and 99th percentile of each, with and without history, and the difference.
Works on a copy of bench/large.db (made by generate_large.py if missing).

    python bench/history_cost.py [--rounds 6] [--per-round 50] [--database PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINES = (
    "The agencies shared information promptly at the strategy discussion.",
    "gp: Persistent challenge by the Virtual School until a place was agreed.",
    "l: Plans must say what will change for the child, not list adult tasks.",
    "a: Refresh the chronology @Police by +4w",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--per-round", type=int, default=50)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "large.db")
    args = parser.parse_args()
    if not args.database.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)
    work = Path(tempfile.mkdtemp(prefix="history-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    copy = work / "large.db"
    shutil.copyfile(args.database, copy)

    from sqlalchemy import text

    from db.engine import make_sessionmaker
    from db.enums import Step
    from panel_app import archive
    from panel_app.database import Database, open_database
    from panel_app.panel.capture import parse_capture
    from panel_app.panel.entries import record
    from panel_app.services import audits, cases

    recorded = open_database(f"sqlite:///{copy}")
    recorded.user_name = "Bench Minute-Taker"
    # The same engine and file, but sessions the recorder was never installed on.
    plain = Database(recorded.url, recorded.engine, make_sessionmaker(recorded.engine))
    with recorded.transaction() as session:
        summaries = audits.list_audits(session)
        audit = audits.get_audit(session, summaries[0].id)
        audit_id, case_id = audit.id, audit.cases[0].id
        meeting_id = audit.meetings[0].id if audit.meetings else None
        document = archive.export_audit(session, audit_id)

    def capture(database: Database, number: int) -> None:
        parsed = parse_capture(f"{LINES[number % len(LINES)]} ({number})", owners=["Police"])
        with database.transaction() as session:
            record(
                session,
                audit_id,
                parsed,
                case_id=case_id,
                step=Step.DISCUSSION,
                meeting_id=meeting_id,
            )

    def typing(database: Database, number: int) -> None:
        with database.transaction() as session:
            cases.update_case(session, case_id, key_facts=f"Known to services {number} times.")

    def importing(database: Database, _number: int) -> None:
        with database.transaction() as session:
            archive.import_document(session, archive.read_document(saved))

    saved = work / "audit.json"
    saved.write_text(archive.dumps(document), encoding="utf-8")
    tasks: list[tuple[str, Callable[[Database, int], None], int]] = [
        ("capture a line (Enter)", capture, args.per_round),
        ("save a field while typing", typing, args.per_round),
        ("import an archive", importing, max(2, args.per_round // 25)),
    ]
    times: dict[tuple[str, str], list[float]] = {}
    counter = 0
    for round_number in range(args.rounds):
        order = [("with history", recorded), ("without", plain)]
        if round_number % 2:
            order.reverse()
        for name, work_fn, count in tasks:
            for label, database in order:
                for _ in range(count):
                    counter += 1
                    began = time.perf_counter()
                    work_fn(database, counter)
                    times.setdefault((name, label), []).append(time.perf_counter() - began)

    with recorded.transaction() as session:
        rows = session.execute(text("SELECT COUNT(*) FROM history_entry")).scalar() or 0
    print(
        f"Change history on {args.database.name} ({len(summaries)} audits; "
        f"{rows:,} history rows written), SQLite synchronous=FULL, {args.rounds} rounds:"
    )
    for name, _fn, _count in tasks:
        with_ms = [t * 1000 for t in times[(name, "with history")]]
        without_ms = [t * 1000 for t in times[(name, "without")]]
        extra = statistics.median(with_ms) - statistics.median(without_ms)
        print(
            f"  {name:<28} with history median {statistics.median(with_ms):7.2f} ms "
            f"p99 {percentile(with_ms, 0.99):7.2f} ms | without median "
            f"{statistics.median(without_ms):7.2f} ms p99 {percentile(without_ms, 0.99):7.2f} ms"
            f" | difference {extra:+.2f} ms (n={len(with_ms)} each)"
        )
    recorded.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
