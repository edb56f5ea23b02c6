"""The partnership and its agencies, which outlive any one audit."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import SHORT_TEXT, Base

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


class Partnership(Base):
    __tablename__ = "partnership"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT), unique=True)
    protective_marking: Mapped[str] = mapped_column(String(SHORT_TEXT), default=DEFAULT_MARKING)
    business_manager: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")
    business_manager_title: Mapped[str] = mapped_column(
        String(SHORT_TEXT), default="Business Manager"
    )


class Agency(Base):
    """A partner organisation. Shared by every audit: deleting an audit never deletes one."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(SHORT_TEXT), unique=True)
    short_name: Mapped[str] = mapped_column(String(SHORT_TEXT), default="")

    @property
    def display_name(self) -> str:
        return self.name
