"""What the walk-through and the presentation view show, read in one go per screen.

None of these carries a case's private reference: the chair's screen is often the projector.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import InvolvementStatus
from db.enums import label as enum_label
from db.models import Audit, Case, Domain, GradeLevel, InvolvementGrade, Participation
from panel_app.panel.capture import CaptureKind
from panel_app.panel.entries import Entry, case_entries
from panel_app.services.actions import ROLE_OWNERS
from panel_app.services.common import get
from panel_app.services.involvement import involvement_of


@dataclass(frozen=True)
class Grade:
    domain: str
    level: str
    colour: str


@dataclass(frozen=True)
class CaseFacts:
    case_id: int
    pseudonym: str
    consent: str
    age_band: str
    gender: str
    ethnicity: str
    disability: str
    key_facts: str
    conclusion: str
    involvement: tuple[tuple[str, str], ...]
    family_views: int
    escalated: bool


@dataclass(frozen=True)
class AgencySummary:
    agency_id: int
    agency: str
    status: str
    summary: str
    strengths: str
    areas_for_development: str
    grades: tuple[Grade, ...]


@dataclass(frozen=True)
class FamilyViewItem:
    speaker: str
    text: str
    verbatim: bool


@dataclass(frozen=True)
class AgreedAction:
    text: str
    owner: str
    due_date: date | None
    smart: bool


@dataclass(frozen=True)
class Agreed:
    good_practice: tuple[str, ...]
    learning: tuple[str, ...]
    actions: tuple[AgreedAction, ...]

    @property
    def empty(self) -> bool:
        return not (self.good_practice or self.learning or self.actions)


@dataclass(frozen=True)
class Grading:
    graded: bool
    domains: tuple[tuple[int, str], ...]
    scale: tuple[tuple[int, str, str], ...]
    grades: dict[int, int]


@dataclass(frozen=True)
class Projected:
    """The presentation view: safe to put on a projector."""

    theme: str
    title: str
    marking: str
    pseudonym: str
    escalated: bool
    agreed: Agreed


def case_facts(session: Session, case_id: int) -> CaseFacts:
    case = get(session, Case, case_id, "case")
    return CaseFacts(
        case_id=case.id,
        pseudonym=case.pseudonym,
        consent=enum_label(case.consent),
        age_band=case.age_band,
        gender=case.gender,
        ethnicity=case.ethnicity,
        disability=case.disability,
        key_facts=case.key_facts,
        conclusion=case.conclusion,
        involvement=tuple((i.agency.name, enum_label(i.status)) for i in case.involvements),
        family_views=len(case.family_views),
        escalated=case.escalation is not None,
    )


def agency_summary(session: Session, case_id: int, agency_id: int) -> AgencySummary:
    found = involvement_of(session, case_id, agency_id)
    if found is None:
        agency_name = agency_names(session, get(session, Case, case_id, "case").audit_id)
        return AgencySummary(
            agency_id, agency_name.get(agency_id, ""), enum_label(InvolvementStatus.NOT_KNOWN),
            "", "", "", (),
        )  # fmt: skip
    # One query for the grades (read at every agency's turn), not one per grade.
    grades = session.execute(
        select(Domain.name, GradeLevel.label, GradeLevel.colour)
        .select_from(InvolvementGrade)
        .join(Domain, Domain.id == InvolvementGrade.domain_id)
        .join(GradeLevel, GradeLevel.id == InvolvementGrade.level_id)
        .where(InvolvementGrade.involvement_id == found.id)
        .order_by(Domain.position, Domain.id)
    )
    return AgencySummary(
        agency_id=agency_id,
        agency=found.agency.name,
        status=enum_label(found.status),
        summary=found.summary,
        strengths=found.strengths,
        areas_for_development=found.areas_for_development,
        grades=tuple(Grade(domain, level, colour) for domain, level, colour in grades),
    )


def conclusion_of(session: Session, case_id: int) -> str:
    return get(session, Case, case_id, "case").conclusion


def areas_for_development(session: Session, case_id: int) -> list[tuple[str, str]]:
    """Each audited agency's areas for development: the chair's prompts for the discussion."""
    case = get(session, Case, case_id, "case")
    return [
        (i.agency.name, i.areas_for_development)
        for i in case.involvements
        if i.status is InvolvementStatus.AUDITED and i.areas_for_development.strip()
    ]


def family_views(session: Session, case_id: int) -> list[FamilyViewItem]:
    case = get(session, Case, case_id, "case")
    return [FamilyViewItem(v.speaker, v.text, v.verbatim) for v in case.family_views]


def agreed_from(items: list[Entry]) -> Agreed:
    def texts(kind: CaptureKind) -> tuple[str, ...]:
        return tuple(item.text for item in items if item.kind is kind)

    return Agreed(
        texts(CaptureKind.GOOD_PRACTICE),
        texts(CaptureKind.LEARNING),
        tuple(
            AgreedAction(item.text, item.owner, item.due_date, item.smart)
            for item in items
            if item.kind is CaptureKind.ACTION
        ),
    )


def agreed(session: Session, audit_id: int, case_id: int) -> Agreed:
    return agreed_from(case_entries(session, audit_id, case_id))


def grading(session: Session, case_id: int) -> Grading:
    case = get(session, Case, case_id, "case")
    audit = case.audit
    return Grading(
        graded=audit.graded,
        domains=tuple((d.id, d.name) for d in audit.domains),
        scale=tuple((g.id, g.label, g.colour) for g in audit.scale),
        grades={grade.domain_id: grade.level_id for grade in case.grades},
    )


def agency_names(session: Session, audit_id: int) -> dict[int, str]:
    found = session.scalars(select(Participation).where(Participation.audit_id == audit_id))
    return {p.agency_id: p.agency.name for p in found}


def owner_candidates(session: Session, audit_id: int) -> list[str]:
    """Who an action can be for: the audit's agencies (full and short names) and roles."""
    found = session.scalars(
        select(Participation).where(Participation.audit_id == audit_id).order_by(Participation.id)
    )
    names: list[str] = []
    for participation in found:
        names += [participation.agency.name, participation.agency.short_name]
    names += ROLE_OWNERS
    return list(dict.fromkeys(name for name in names if name.strip()))


@dataclass(frozen=True)
class Banner:
    """What the presentation view shows of the audit itself."""

    theme: str
    title: str
    marking: str


def banner(session: Session, audit_id: int) -> Banner:
    audit = get(session, Audit, audit_id, "audit")
    return Banner(audit.theme, audit.title, audit.partnership.protective_marking)


def project(banner: Banner, pseudonym: str, escalated: bool, items: list[Entry]) -> Projected:
    """The presentation view of a case from what panel mode already holds: no reading, so the
    projector follows each Enter without the chair's screen waiting for it."""
    return Projected(
        theme=banner.theme,
        title=banner.title,
        marking=banner.marking,
        pseudonym=pseudonym,
        escalated=escalated,
        agreed=agreed_from(items),
    )


def projected(session: Session, audit_id: int, case_id: int) -> Projected:
    case = get(session, Case, case_id, "case")
    return project(
        banner(session, audit_id),
        case.pseudonym,
        case.escalation is not None,
        case_entries(session, audit_id, case_id),
    )
