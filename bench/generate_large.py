"""Make a large database: five years of quarterly audits, as a busy partnership would have.

20 audits, each with 10 agencies and 5 cases (every agency involved and graded in every
case), 2,000 actions with progress updates and 10,000 timestamped discussion points, all
written through the services so the data is what the app itself would write.

    python bench/generate_large.py [--database URL]   (default: bench/large.db)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.enums import ActionStatus, AuditStatus, Consent, FindingKind  # noqa: E402
from panel_app.database import open_database  # noqa: E402
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

AUDITS, CASES, AGENCIES, ACTIONS, POINTS = 20, 5, 10, 2_000, 10_000
THEMES = [
    "Neglect",
    "Harmful sexual behaviour",
    "Domestic abuse",
    "Child sexual exploitation",
    "Familial sexual abuse",
    "Adolescent mental health",
    "Missing children",
    "Early help",
    "Parental substance misuse",
    "Online harm",
]
AGENCY_NAMES = [
    "Children's Social Care",
    "Police",
    "Health Visiting",
    "School Nursing",
    "Education",
    "Youth Offending Service",
    "CAMHS",
    "Adult Mental Health",
    "Probation",
    "Housing",
]
SENTENCE = (
    "The agency knew the family well and shared information promptly; the plan "
    "lacked a clear focus on the child's lived experience and drifted after review."
)


def default_url() -> str:
    return f"sqlite:///{ROOT / 'bench' / 'large.db'}"


def generate(url: str, seed: int = 2017) -> None:
    rng = random.Random(seed)
    database = open_database(url)
    actions_each, points_each = ACTIONS // AUDITS, POINTS // AUDITS
    for number in range(AUDITS):
        panel = date(2015, 1, 15) + timedelta(days=91 * number)
        theme = THEMES[number % len(THEMES)]
        with database.transaction() as session:
            audit = audits.create_audit(
                session,
                theme=theme,
                title=f"{theme} multi-agency case audit",
                panel_date=panel,
                scope_start=panel - timedelta(days=365),
                scope_end=panel - timedelta(days=30),
                rationale=SENTENCE,
                status=AuditStatus.CLOSED if number < AUDITS - 4 else AuditStatus.FOLLOW_UP,
            )
            agency_ids = []
            for name in AGENCY_NAMES[:AGENCIES]:
                agency = agencies.ensure_agency(session, name)
                participation.add_participation(session, audit.id, agency.id)
                agency_ids.append(agency.id)
            levels = [level.id for level in audit.scale]
            case_ids = []
            for letter in "ABCDE"[:CASES]:
                case = cases.add_case(
                    session,
                    audit.id,
                    pseudonym=f"Child {letter}",
                    consent=rng.choice(list(Consent)),
                    discussed=True,
                )
                case_ids.append(case.id)
                for agency_id in agency_ids:
                    item = involvement.set_involvement(
                        session,
                        case.id,
                        agency_id,
                        summary=SENTENCE,
                        strengths=SENTENCE,
                        areas_for_development=SENTENCE,
                    )
                    for domain in audit.domains:
                        involvement.set_involvement_grade(
                            session, item.id, domain.id, rng.choice(levels)
                        )
            meeting = meetings.create_meeting(session, audit.id, chair="Independent chair")
            for case_id in case_ids:
                meetings.add_agenda_item(session, meeting.id, case_id)
            start = datetime.combine(panel, datetime.min.time()) + timedelta(hours=9, minutes=30)
            for i in range(points_each):
                notes.add_point(
                    session,
                    audit.id,
                    case_id=case_ids[i % CASES],
                    agency_id=agency_ids[i % AGENCIES],
                    text=SENTENCE,
                    recorded_at=start + timedelta(seconds=20 * i),
                )
            for kind in FindingKind:
                notes.add_finding(session, audit.id, kind=kind, text=SENTENCE)
            for i in range(actions_each):
                done = number < AUDITS - 4 and rng.random() < 0.8
                action = actions.add_action(
                    session,
                    audit.id,
                    case_id=case_ids[i % CASES] if i % 3 else None,
                    text=f"Action {i + 1}: {SENTENCE}",
                    owner=AGENCY_NAMES[i % AGENCIES],
                    due_date=panel + timedelta(days=30 + i % 120),
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                )
                if done:
                    actions.add_update(
                        session, action.id, date=panel + timedelta(days=20), text=SENTENCE
                    )
    database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=default_url())
    parser.add_argument("--replace", action="store_true", help="delete an existing file first")
    args = parser.parse_args()
    path = (
        Path(args.database.removeprefix("sqlite:///"))
        if args.database.startswith("sqlite:///")
        else None
    )
    if path is not None and path.exists():
        if not args.replace:
            print(f"{path} exists; use --replace to make it again.")
            return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    began = time.perf_counter()
    generate(args.database)
    print(
        f"Generated {AUDITS} audits, {AUDITS * CASES} cases, {ACTIONS:,} actions and "
        f"{POINTS:,} discussion points in {time.perf_counter() - began:.1f} s at {args.database}"
    )


if __name__ == "__main__":
    main()
