"""The panel meeting: attendance, agenda, and what was said and agreed."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import SHORT_TEXT, Base, enum_column_type
from db.enums import AttendanceStatus, FindingKind, Step
from db.models.audit import Audit, Domain
from db.models.case import Case
from db.models.partnership import Agency


class PanelMeeting(Base):
    __tablename__ = "panel_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    date: Mapped[date | None]  # a panel is often planned before its date is fixed
    start_time: Mapped[time | None]
    end_time: Mapped[time | None]
    location: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    chair: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    minute_taker: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    #: Minutes given to a case added to the agenda; carried over when an audit is duplicated.
    default_minutes: Mapped[int] = mapped_column(default=30, server_default="30")

    audit: Mapped[Audit] = relationship(back_populates="meetings")
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class Attendance(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("panel_meeting.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT))
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    status: Mapped[AttendanceStatus] = mapped_column(
        enum_column_type(AttendanceStatus, "attendance_status"), default=AttendanceStatus.PRESENT
    )

    meeting: Mapped[PanelMeeting] = relationship(back_populates="attendance")
    agency: Mapped[Agency | None] = relationship(lazy="joined")


class AgendaItem(Base):
    __tablename__ = "agenda_item"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meeting.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    minutes_allotted: Mapped[int] = mapped_column(default=30)

    meeting: Mapped[PanelMeeting] = relationship(back_populates="agenda")
    case: Mapped[Case] = relationship(lazy="joined")


class DiscussionPoint(Base):
    """A timestamped note taken during the panel, on a case and step, or general."""

    __tablename__ = "discussion_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="RESTRICT"), index=True
    )
    step: Mapped[Step] = mapped_column(enum_column_type(Step, "step"), default=Step.DISCUSSION)
    text: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(default=datetime.now)

    audit: Mapped[Audit] = relationship(back_populates="discussion_points")
    case: Mapped[Case | None] = relationship()
    agency: Mapped[Agency | None] = relationship(lazy="joined")


finding_domain = Table(
    "finding_domain",
    Base.metadata,
    Column("finding_id", ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True),
    Column("domain_id", ForeignKey("domain.id", ondelete="CASCADE"), primary_key=True),
)


class Finding(Base):
    """Good practice, learning, a theme or an area for development: on a case or across cases."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[FindingKind] = mapped_column(enum_column_type(FindingKind, "finding_kind"))
    text: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    #: The panel step it was agreed at, and when; empty for findings written afterwards.
    step: Mapped[Step | None] = mapped_column(enum_column_type(Step, "step"))
    recorded_at: Mapped[datetime | None]

    audit: Mapped[Audit] = relationship(back_populates="findings")
    case: Mapped[Case | None] = relationship()
    domains: Mapped[list[Domain]] = relationship(
        secondary=finding_domain, order_by="Domain.position"
    )
