"""The audit's change history (who changed what, and when) and amendments to approved minutes.

History rows are written by ``panel_app.history`` at the session layer, never by hand. They
outlive what they describe: a deleted case or action leaves its rows, with ``case_id`` and
``action_id`` set to null by the database, and the row's ``subject`` still names it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import SHORT_TEXT, Base, enum_column_type
from db.enums import ChangeKind


class Amendment(Base):
    """A change to minutes already approved: when, by whom and why. What changed is the
    history rows made under it."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    made_at: Mapped[datetime] = mapped_column(default=datetime.now)
    made_by: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class HistoryEntry(Base):
    """One change to an audit's content. Values are kept as a person reads them ('Good',
    '10/05/2017'), never a case's private reference (only that it changed)."""

    __tablename__ = "history_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audit.id", ondelete="CASCADE"), index=True)
    made_at: Mapped[datetime] = mapped_column(default=datetime.now)
    made_by: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    operation: Mapped[ChangeKind] = mapped_column(enum_column_type(ChangeKind, "change_kind"))
    #: What kind of thing changed ('case', 'action', 'involvement', ...), and its id.
    kind: Mapped[str] = mapped_column(String(24))
    entity_id: Mapped[int | None]
    case_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_case.id", ondelete="SET NULL"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    #: The thing as the sentence names it: "the action 'Review the HSB guidance'".
    subject: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    #: The field as the sentence names it ("owner", "grade for Referrals"); empty for a whole
    #: thing added or deleted.
    field: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # Not indexed: amendments are few, and each index is one more page written per change.
    amendment_id: Mapped[int | None] = mapped_column(
        ForeignKey("amendment.id", ondelete="SET NULL")
    )
