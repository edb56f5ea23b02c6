"""Time every document export: the largest demo audit, and a 50-case audit.

The 50-case audit (10 agencies, every one graded in every domain of every case, 10
discussion points per case, findings and 100 actions) is written through the services into a
temporary SQLite file, as the app would write it. Aim: each export under a second.

    python bench/export_documents.py [RUNS]     # best of RUNS (default 3) for each document
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate_large import AGENCY_NAMES, SENTENCE  # noqa: E402

from db.enums import AuditStatus, Consent, FindingKind  # noqa: E402
from panel_app import archive  # noqa: E402
from panel_app.database import Database, open_database  # noqa: E402
from panel_app.demo import load_demo  # noqa: E402
from panel_app.documents.export import WRITERS, export_document  # noqa: E402
from panel_app.services import (  # noqa: E402
    actions,
    agencies,
    audits,
    cases,
    involvement,
    meetings,
    notes,
    participation,
)

CASES, POINTS_PER_CASE, ACTIONS = 50, 10, 100


def large_audit(database: Database) -> int:
    panel = date(2024, 3, 14)
    with database.transaction() as session:
        audit = audits.create_audit(
            session,
            theme="Neglect",
            title="Fifty-case neglect audit",
            panel_date=panel,
            scope_start=panel - timedelta(days=365),
            scope_end=panel - timedelta(days=30),
            rationale=SENTENCE,
            status=AuditStatus.IN_PANEL,
        )
        agency_ids = []
        for name in AGENCY_NAMES:
            agency = agencies.ensure_agency(session, name)
            participation.add_participation(session, audit.id, agency.id)
            agency_ids.append(agency.id)
        meeting = meetings.create_meeting(session, audit.id, chair="Independent chair")
        for number, agency_id in enumerate(agency_ids):
            meetings.add_attendee(
                session, meeting.id, name=f"Lead auditor {number + 1}", agency_id=agency_id
            )
        levels = [level.id for level in audit.scale]
        start = datetime.combine(panel, datetime.min.time()) + timedelta(hours=9)
        for number in range(CASES):
            case = cases.add_case(
                session,
                audit.id,
                pseudonym=f"Child {number + 1}",
                consent=Consent.OBTAINED,
                discussed=True,
                key_facts=SENTENCE,
            )
            meetings.add_agenda_item(session, meeting.id, case.id)
            cases.add_family_view(session, case.id, speaker="Mother", text=SENTENCE)
            for agency_number, agency_id in enumerate(agency_ids):
                item = involvement.set_involvement(
                    session,
                    case.id,
                    agency_id,
                    summary=SENTENCE,
                    strengths=SENTENCE,
                    areas_for_development=SENTENCE,
                )
                for domain_number, domain in enumerate(audit.domains):
                    level = levels[(number + agency_number + domain_number) % len(levels)]
                    involvement.set_involvement_grade(session, item.id, domain.id, level)
            for point in range(POINTS_PER_CASE):
                notes.add_point(
                    session,
                    audit.id,
                    case_id=case.id,
                    agency_id=agency_ids[point],
                    text=SENTENCE,
                    recorded_at=start + timedelta(minutes=number * 12 + point),
                )
            notes.add_finding(
                session, audit.id, case_id=case.id, kind=FindingKind.LEARNING, text=SENTENCE
            )
        domain_ids = [d.id for d in audit.domains]
        for number, kind in enumerate(list(FindingKind) * 5):
            notes.add_finding(
                session, audit.id, kind=kind, text=SENTENCE, domain_ids=[domain_ids[number % 9]]
            )
        case_ids = [c.id for c in audit.cases]
        for number in range(ACTIONS):
            actions.add_action(
                session,
                audit.id,
                case_id=case_ids[number % CASES] if number % 4 else None,
                text=f"Action {number + 1}: {SENTENCE}",
                owner=AGENCY_NAMES[number % len(AGENCY_NAMES)],
                due_date=panel + timedelta(days=30 + number),
            )
        return audit.id


def largest_demo(database: Database) -> tuple[str, int]:
    with database.transaction() as session:
        sizes = {
            (result.title, result.audit_id): len(
                archive.dumps(archive.export_audit(session, result.audit_id))
            )
            for result in load_demo(session)
        }
    return max(sizes, key=lambda key: sizes[key])


def time_exports(
    database: Database, audit_id: int, folder: Path, repeat: int = 1
) -> list[tuple[str, float, float, int]]:
    """(document, wall seconds, CPU seconds, bytes) for each, the best of ``repeat`` runs.

    The CPU time is this process's own: on a machine shared with other work the wall time
    also counts the waits for a core, the CPU time does not.
    """
    rows = []
    for kind, formats in WRITERS.items():
        for suffix in formats:
            path = folder / f"{audit_id}-{kind}{suffix}"
            wall = cpu = float("inf")
            for _ in range(repeat):
                began, began_cpu = time.perf_counter(), time.process_time()
                with database.transaction() as session:
                    export_document(session, kind, audit_id, path)
                wall = min(wall, time.perf_counter() - began)
                cpu = min(cpu, time.process_time() - began_cpu)
            rows.append((f"{kind}{suffix}", wall, cpu, path.stat().st_size))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        title, demo_id = largest_demo(database)
        began = time.perf_counter()
        big_id = large_audit(database)
        print(f"Generated the {CASES}-case audit in {time.perf_counter() - began:.1f} s")
        time_exports(database, demo_id, Path(folder))  # warm-up: fonts load once a process
        runs = ((f"Largest demo audit: {title}", demo_id), (f"{CASES}-case audit", big_id))
        repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
        print(f"Best of {repeat} runs; wall time, and this process's CPU time")
        for name, audit_id in runs:
            print(f"\n{name}")
            for document, wall, cpu, size in time_exports(database, audit_id, Path(folder), repeat):
                flag = "" if wall < 1 else "   (over a second)"
                kib = size / 1024
                print(f"  {document:<22} {wall:6.3f} s  (CPU {cpu:5.3f} s)  {kib:6.0f} KiB{flag}")
        database.close()


if __name__ == "__main__":
    main()
