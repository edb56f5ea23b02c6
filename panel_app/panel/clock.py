"""The panel's clock: time on the current case against its allotted minutes, and when the
panel will end at this rate."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from panel_app.panel.flow import AgendaCase


@dataclass(frozen=True)
class ClockReading:
    spent: timedelta
    allotted: timedelta
    estimated_end: datetime
    planned_end: datetime | None

    @property
    def over(self) -> bool:
        return self.spent > self.allotted

    @property
    def over_by(self) -> timedelta:
        return max(self.spent - self.allotted, timedelta(0))

    @property
    def late(self) -> bool:
        """The panel will run past its planned end (a minute's grace)."""
        return self.planned_end is not None and self.estimated_end > self.planned_end + timedelta(
            minutes=1
        )


def spent_on(case: AgendaCase, entered_at: datetime | None, now: datetime, current: bool) -> int:
    """Seconds spent on a case: earlier visits, plus this one if it is the current case."""
    running = 0
    if current and entered_at is not None:
        running = max(0, int((now - entered_at).total_seconds()))
    return case.spent_seconds + running


def read_clock(
    now: datetime,
    cases: Sequence[AgendaCase],
    current_case_id: int,
    entered_at: datetime | None,
    end_time: time | None = None,
) -> ClockReading:
    """Each case not done nor escalated still needs what is left of its minutes. The planned
    end is today's: a panel is timed on the day it runs, whatever date was planned."""
    spent = timedelta(0)
    allotted = timedelta(0)
    remaining = timedelta(0)
    for case in cases:
        current = case.case_id == current_case_id
        seconds = timedelta(seconds=spent_on(case, entered_at, now, current))
        if current:
            spent, allotted = seconds, timedelta(minutes=case.minutes)
        if case.escalated or (case.finished_at is not None and not current):
            continue
        remaining += max(timedelta(minutes=case.minutes) - seconds, timedelta(0))
    planned = datetime.combine(now.date(), end_time) if end_time is not None else None
    return ClockReading(spent, allotted, now + remaining, planned)


def format_duration(value: timedelta) -> str:
    """12:05 (minutes and seconds), or 1:02:05 from an hour on."""
    seconds = max(0, int(value.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
