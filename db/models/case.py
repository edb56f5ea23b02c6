"""A case, each agency's involvement in it, grades, family views and escalation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import SHORT_TEXT, Base, enum_column_type
from db.enums import Consent, InvolvementStatus
from db.models.audit import Audit, Domain, GradeLevel
from db.models.partnership import Agency


class Case(Base):
    """An anonymised case. ``private_reference`` is the case-file id: never printed or exported."""

    __tablename__ = "audit_case"
    __table_args__ = (UniqueConstraint("audit_id", "pseudonym"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    pseudonym: Mapped[str] = mapped_column(String(SHORT_TEXT))
    consent: Mapped[Consent] = mapped_column(
        enum_column_type(Consent, "consent"), default=Consent.SOUGHT
    )
    discussed: Mapped[bool] = mapped_column(default=False)
    private_reference: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    age_band: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    gender: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    ethnicity: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    disability: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    key_facts: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")

    audit: Mapped[Audit] = relationship(back_populates="cases")
    involvements: Mapped[list[Involvement]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Involvement.id"
    )
    grades: Mapped[list[CaseGrade]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    family_views: Mapped[list[FamilyView]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="FamilyView.position"
    )
    escalation: Mapped[Escalation | None] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )


class Involvement(Base):
    """One agency's involvement in one case, and its audit summary."""

    __tablename__ = "involvement"
    __table_args__ = (UniqueConstraint("case_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("audit_case.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"), index=True)
    status: Mapped[InvolvementStatus] = mapped_column(
        enum_column_type(InvolvementStatus, "involvement_status"),
        default=InvolvementStatus.AUDITED,
    )
    summary: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    areas_for_development: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="involvements")
    agency: Mapped[Agency] = relationship(lazy="joined")
    grades: Mapped[list[InvolvementGrade]] = relationship(
        back_populates="involvement", cascade="all, delete-orphan"
    )


class InvolvementGrade(Base):
    """An agency's grade of its own work on a case, for one domain."""

    __tablename__ = "involvement_grade"
    __table_args__ = (UniqueConstraint("involvement_id", "domain_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    involvement_id: Mapped[int] = mapped_column(ForeignKey("involvement.id", ondelete="CASCADE"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domain.id", ondelete="CASCADE"), index=True)
    level_id: Mapped[int] = mapped_column(
        ForeignKey("grade_level.id", ondelete="CASCADE"), index=True
    )

    involvement: Mapped[Involvement] = relationship(back_populates="grades")
    domain: Mapped[Domain] = relationship(lazy="joined")
    level: Mapped[GradeLevel] = relationship(lazy="joined")


class CaseGrade(Base):
    """The panel's grade for a case, for one domain (agreed at the case's conclusion)."""

    __tablename__ = "case_grade"
    __table_args__ = (UniqueConstraint("case_id", "domain_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("audit_case.id", ondelete="CASCADE"))
    domain_id: Mapped[int] = mapped_column(ForeignKey("domain.id", ondelete="CASCADE"), index=True)
    level_id: Mapped[int] = mapped_column(
        ForeignKey("grade_level.id", ondelete="CASCADE"), index=True
    )

    case: Mapped[Case] = relationship(back_populates="grades")
    domain: Mapped[Domain] = relationship(lazy="joined")
    level: Mapped[GradeLevel] = relationship(lazy="joined")


class FamilyView(Base):
    """What a parent, carer or young person said about the help they had."""

    __tablename__ = "family_view"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    speaker: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    verbatim: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case] = relationship(back_populates="family_views")


class Escalation(Base):
    """A child may be at current risk: the case is taken out of the audit to its own meeting."""

    __tablename__ = "escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), unique=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[date | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="escalation")
