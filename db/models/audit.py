"""An audit, its audit tool (domains and grading scale) and the agencies taking part."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import SHORT_TEXT, Base, enum_column_type
from db.enums import AuditStatus, ParticipationStatus
from db.models.partnership import Agency, Partnership

if TYPE_CHECKING:
    from db.models.action import Action
    from db.models.case import Case
    from db.models.meeting import DiscussionPoint, Finding, PanelMeeting

DEFAULT_TOOL_NAME = "Multi-agency case audit tool"


class Audit(Base):
    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnership.id", ondelete="RESTRICT"))
    theme: Mapped[str] = mapped_column(String(SHORT_TEXT))
    title: Mapped[str] = mapped_column(String(SHORT_TEXT))
    panel_date: Mapped[date | None]
    scope_start: Mapped[date | None]
    scope_end: Mapped[date | None]
    scope_description: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    introduction: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    methodology: Mapped[str] = mapped_column(Text, default="")
    process: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[AuditStatus] = mapped_column(
        enum_column_type(AuditStatus, "audit_status"), default=AuditStatus.PLANNING
    )
    archived: Mapped[bool] = mapped_column(default=False)
    tool_name: Mapped[str] = mapped_column(String(SHORT_TEXT), default=DEFAULT_TOOL_NAME)
    graded: Mapped[bool] = mapped_column(default=True)
    #: When the minutes were approved, and by whom; approved minutes change only by amendment.
    minutes_approved_on: Mapped[date | None]
    minutes_approved_by: Mapped[str] = mapped_column(
        String(SHORT_TEXT), default="", server_default=""
    )
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    updated_at: Mapped[datetime] = mapped_column(default=datetime.now, onupdate=datetime.now)

    partnership: Mapped[Partnership] = relationship()
    domains: Mapped[list[Domain]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Domain.position"
    )
    scale: Mapped[list[GradeLevel]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="GradeLevel.position"
    )
    participations: Mapped[list[Participation]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Participation.id"
    )
    cases: Mapped[list[Case]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Case.position"
    )
    meetings: Mapped[list[PanelMeeting]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="PanelMeeting.date"
    )
    discussion_points: Mapped[list[DiscussionPoint]] = relationship(
        back_populates="audit",
        cascade="all, delete-orphan",
        order_by="(DiscussionPoint.recorded_at, DiscussionPoint.id)",
    )
    findings: Mapped[list[Finding]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Finding.position"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="audit", cascade="all, delete-orphan", order_by="Action.position"
    )


class Domain(Base):
    """One question area of the audit tool (Referrals, Assessment, ...)."""

    __tablename__ = "domain"
    __table_args__ = (UniqueConstraint("audit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    description: Mapped[str] = mapped_column(Text, default="")

    audit: Mapped[Audit] = relationship(back_populates="domains")


class GradeLevel(Base):
    """One step of the audit's grading scale, best first (position 0)."""

    __tablename__ = "grade_level"
    __table_args__ = (UniqueConstraint("audit_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label: Mapped[str] = mapped_column(String(SHORT_TEXT))
    colour: Mapped[str] = mapped_column(String(7), default="#808080")

    audit: Mapped[Audit] = relationship(back_populates="scale")


class Participation(Base):
    """An agency's part in one audit, and who audits for it."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("audit_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="RESTRICT"))
    status: Mapped[ParticipationStatus] = mapped_column(
        enum_column_type(ParticipationStatus, "participation_status"),
        default=ParticipationStatus.PARTICIPATING,
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    lead_auditor_name: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    lead_auditor_role: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    lead_auditor_email: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")

    audit: Mapped[Audit] = relationship(back_populates="participations")
    agency: Mapped[Agency] = relationship(lazy="joined")
