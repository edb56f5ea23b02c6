"""Where a running panel has got to: its current case and step, each case's times, and which
agencies' summaries have been heard. Kept so a panel left (or a crashed laptop) resumes exactly
where it was; none of it is part of what the audit publishes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column_type
from db.enums import Step


class PanelProgress(Base):
    """One per meeting that has been run in panel mode."""

    __tablename__ = "panel_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("panel_meeting.id", ondelete="CASCADE"), unique=True
    )
    #: False while the attendance register is being taken, True once the walk-through began.
    register_done: Mapped[bool] = mapped_column(default=False)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_case.id", ondelete="SET NULL"), index=True
    )
    step: Mapped[Step | None] = mapped_column(enum_column_type(Step, "step"))
    #: The agency whose summary is being heard, on the agency-summaries step.
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("agency.id", ondelete="SET NULL"), index=True
    )
    #: When the chair came to the current case (its clock runs from here).
    entered_at: Mapped[datetime | None]
    #: What the minute-taker had typed in the capture line but not yet recorded.
    draft: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=datetime.now, onupdate=datetime.now)


class CaseProgress(Base):
    """A case's time at one meeting: first reached, finished, and minutes spent on it."""

    __tablename__ = "case_progress"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meeting.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    #: Seconds spent on earlier visits; the current visit runs from PanelProgress.entered_at.
    spent_seconds: Mapped[int] = mapped_column(default=0)


class HeardSummary(Base):
    """An agency's summary of a case, heard at a meeting."""

    __tablename__ = "heard_summary"
    __table_args__ = (UniqueConstraint("meeting_id", "case_id", "agency_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("panel_meeting.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id", ondelete="CASCADE"), index=True)
    heard_at: Mapped[datetime] = mapped_column(default=datetime.now)
