"""The document models (what a print preview shows) against the database."""

from __future__ import annotations

from datetime import date

from db.enums import AuditStatus, FindingKind
from panel_app.database import Database
from panel_app.documents import (
    briefing_model,
    case_summaries_model,
    minutes_model,
    summary_model,
)
from panel_app.services import actions, approval, audits, involvement, notes
from tests.builders import build_audit


def test_minutes_model_sets_escalated_cases_apart_and_knows_when_it_is_a_draft(
    database: Database,
) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        model = minutes_model(session, built.audit_id)
        assert model.draft  # planning
        assert [c.pseudonym for c in model.cases] == ["Child A"]
        assert [c.pseudonym for c in model.escalated] == ["Child B"]
        escalated = model.escalated[0]
        assert escalated.escalation is not None
        assert escalated.escalation.note == "Drift in the plan."
        assert escalated.escalation.raised_on == "10 May 2017"
        assert [a.text for a in escalated.actions] == ["Review the plan for Child B."]
        child_a = model.cases[0]
        assert [s.agency for s in child_a.agency_summaries] == [
            "Children's Social Care",
            "Police",
            "Health",
        ]
        assert child_a.discussion[0].points[0].time == "10:05"
        assert child_a.facts == "Consent: obtained"
        assert [r.text for r in model.recommendations] == ["Refresh neglect training."]
        assert model.unable == (
            ("Youth Offending Service", "No involvement with the families audited."),
        )
        audits.update_audit(session, built.audit_id, status=AuditStatus.CLOSED)
        assert minutes_model(session, built.audit_id).draft  # closed, but not approved
        approval.approve_minutes(session, built.audit_id, by="Dr Ada Chair", on="12/05/2017")
        approved = minutes_model(session, built.audit_id)
        assert not approved.draft
        assert approved.approved == "12 May 2017 by Dr Ada Chair"
        assert minutes_model(session, built.audit_id, draft=True).draft


def test_summary_model_counts_grades_by_domain(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        model = summary_model(session, built.audit_id)
        assert model.chart is not None
        assert model.chart.domains[0] == "Referrals"
        good = [label for label, _ in model.chart.levels].index("Good")
        assert model.chart.counts[0][good] == 6  # three agencies in each of two cases
        assert sum(map(sum, model.chart.counts)) == 6
        assert [a.name for a in model.participating][:2] == ["Children's Social Care", "Police"]
        assert model.unable[0].reason == "No involvement with the families audited."
        assert model.signatory_title == "Business Manager"
        assert [r.owner for r in model.recommendations] == ["All agencies"]


def test_briefing_model_says_advice_shared_by_learning_and_a_recommendation_once(
    database: Database,
) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        notes.add_finding(
            session, built.audit_id, kind=FindingKind.LEARNING, text="Refresh neglect training."
        )
        actions.add_action(
            session,
            built.audit_id,
            text="Audit the plans again.",
            owner="",
            due_date=date(2018, 1, 31),
        )
        model = briefing_model(session, built.audit_id)
        assert model.do_now == ("Refresh neglect training.", "Audit the plans again.")
        assert [g.domain for g in model.key_points] == ["Referrals"]


def test_case_summaries_model_grades_each_agency_by_domain(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
        audit = audits.get_audit(session, built.audit_id)
        outstanding = audit.scale[0]
        item = audit.cases[0].involvements[1]
        involvement.set_involvement_grade(session, item.id, audit.domains[2].id, outstanding.id)
        model = case_summaries_model(session, built.audit_id)
        first = model.cases[0]
        assert [row.who for row in first.grades] == ["Children's Social Care", "Police", "Health"]
        assert first.grades[0].grades[0] == ("Good", "#43A047")
        assert first.grades[1].grades[2] == ("Outstanding", "#1B5E20")
        assert first.grades[0].grades[1] is None
        assert model.cases[1].escalation == "Drift in the plan."
        assert len(model.domains) == 9
