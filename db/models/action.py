"""Actions (case actions and partnership recommendations) and their progress updates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import SHORT_TEXT, Base, enum_column_type
from db.enums import LIVE_ACTION_STATUSES, ActionKind, ActionStatus, Step
from db.models.audit import Audit
from db.models.case import Case


class Action(Base):
    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_case.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[ActionKind] = mapped_column(enum_column_type(ActionKind, "action_kind"))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    due_date: Mapped[date | None]
    review_date: Mapped[date | None]
    status: Mapped[ActionStatus] = mapped_column(
        enum_column_type(ActionStatus, "action_status"), default=ActionStatus.OPEN, index=True
    )
    evidence: Mapped[str] = mapped_column(Text, default="")
    #: The panel step it was agreed at; empty for actions written afterwards.
    step: Mapped[Step | None] = mapped_column(enum_column_type(Step, "step"))
    created_at: Mapped[datetime] = mapped_column(default=datetime.now)
    updated_at: Mapped[datetime] = mapped_column(default=datetime.now, onupdate=datetime.now)

    audit: Mapped[Audit] = relationship(back_populates="actions")
    case: Mapped[Case | None] = relationship()
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="(ActionUpdate.date, ActionUpdate.id)",
    )

    @property
    def is_smart(self) -> bool:
        """An action nobody owns, or with no date to be done by, is not SMART."""
        return bool(self.owner.strip()) and self.due_date is not None

    def is_overdue(self, today: date) -> bool:
        return (
            self.status in LIVE_ACTION_STATUSES
            and self.due_date is not None
            and self.due_date < today
        )


class ActionUpdate(Base):
    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    date: Mapped[date]
    text: Mapped[str] = mapped_column(Text)

    action: Mapped[Action] = relationship(back_populates="updates")
