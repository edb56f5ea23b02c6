"""The demo audits are the three reference documents, entered faithfully."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from db.enums import AuditStatus, ParticipationStatus
from db.models import Audit
from panel_app.database import Database
from panel_app.demo import load_demo
from panel_app.services import audits


def by_theme(session: Session) -> dict[str, Audit]:
    load_demo(session)
    return {a.theme: audits.get_audit(session, a.id) for a in audits.list_audits(session)}


def agencies(audit: Audit, status: ParticipationStatus) -> list[str]:
    return [p.agency.name for p in audit.participations if p.status is status]


def test_loading_twice_adds_nothing(database: Database) -> None:
    with database.transaction() as session:
        first = load_demo(session)
    with database.transaction() as session:
        second = load_demo(session)
    assert [r.added for r in first] == [True] * 3
    assert [r.added for r in second] == [False] * 3
    assert [r.audit_id for r in first] == [r.audit_id for r in second]


def test_harmful_sexual_behaviour_panel(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        hsb = by_theme(session)["Harmful Sexual Behaviour"]
        assert hsb.panel_date == date(2017, 2, 20)
        assert hsb.partnership.name == "Plymouth Safeguarding Children Board"
        assert len(agencies(hsb, ParticipationStatus.PARTICIPATING)) == 7  # "Seven lead auditors"
        assert agencies(hsb, ParticipationStatus.UNABLE) == [
            "Livewell South West CIC",
            "Barnardo's",
            "Community Rehabilitation Company",
        ]
        assert len(hsb.cases) == 5
        # The document's "L&C 31,03,17".
        assert any(a.owner == "L&C" and a.due_date == date(2017, 3, 31) for a in hsb.actions)
        assert hsb.status is AuditStatus.CLOSED


def test_neglect_panel(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        neglect = by_theme(session)["Neglect"]
        assert neglect.panel_date == date(2017, 5, 10)
        escalated = [c.pseudonym for c in neglect.cases if c.escalation is not None]
        assert escalated == ["Child D"]  # the fourth case, taken to a separate meeting
        assert len(agencies(neglect, ParticipationStatus.UNABLE)) == 2
        assert neglect.findings and neglect.actions


def test_familial_sexual_abuse_audit(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        fsa = by_theme(session)["Familial Sexual Abuse"]
        assert fsa.partnership.name == "Leicester, Leicestershire and Rutland LSCB"
        assert len(fsa.participations) == 13
        assert len(fsa.cases) == 5
        tagged = [f for f in fsa.findings if f.domains]
        assert len(tagged) >= len(fsa.domains) // 2  # key points by domain


@pytest.mark.parametrize("theme", ["Harmful Sexual Behaviour", "Neglect", "Familial Sexual Abuse"])
def test_every_demo_has_material_for_every_screen(sqlite_database: Database, theme: str) -> None:
    with sqlite_database.transaction() as session:
        audit = by_theme(session)[theme]
        assert audit.rationale and audit.methodology
        assert all(c.pseudonym.startswith("Child ") for c in audit.cases)
        assert not any(c.private_reference for c in audit.cases)
        assert sum(len(c.involvements) for c in audit.cases) >= len(audit.cases)
        assert any(m.attendance and m.agenda for m in audit.meetings)
        assert len(audit.discussion_points) >= 20
