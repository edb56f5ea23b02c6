"""What the agenda screen shows, read in one go: the cases on the agenda and off it, the
meeting's times, and the words that say how the timings add up. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import TYPE_CHECKING

from panel_app.services import cases, meetings
from panel_app.services.meetings import AgendaRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

USUAL_MINUTES = 30  # an audit without a meeting yet gets this for each case


@dataclass(frozen=True)
class OffAgenda:
    id: int
    pseudonym: str
    escalated: bool = False

    @property
    def shown(self) -> str:
        return f"⚠ {self.pseudonym} (escalated)" if self.escalated else self.pseudonym


@dataclass(frozen=True)
class Plan:
    rows: list[AgendaRow]
    off: list[OffAgenda]
    start: time | None
    end: time | None
    usual: int


EMPTY = Plan([], [], None, None, USUAL_MINUTES)


def read_plan(session: Session, audit_id: int) -> Plan:
    meeting = meetings.find_agenda_meeting(session, audit_id)
    escalated = cases.escalated_ids(session, audit_id)
    if meeting is None:
        off = [OffAgenda(c.id, c.pseudonym, c.id in escalated)
               for c in cases.case_rows(session, audit_id)]  # fmt: skip
        return Plan([], off, None, None, USUAL_MINUTES)
    off = [OffAgenda(i, name, i in escalated)
           for i, name in meetings.cases_off_agenda(session, meeting.id)]  # fmt: skip
    rows = meetings.agenda_rows(session, meeting.id)
    return Plan(rows, off, meeting.start_time, meeting.end_time, meeting.default_minutes)


def _minutes(at: time) -> int:
    return at.hour * 60 + at.minute


def describe(plan: Plan, ends: time | None) -> tuple[str, str]:
    """The summary line, and a warning when the cases run past the planned end (or "")."""
    if not plan.rows:
        return "No cases on the agenda yet: add them from the list on the right.", ""
    minutes = [r.minutes for r in plan.rows]
    noun = "case" if len(minutes) == 1 else "cases"
    text = f"{len(minutes)} {noun}, {sum(minutes)} minutes."
    if plan.start is None or ends is None:
        return text + " Set the start time to see when each case starts.", ""
    text += f" It starts at {plan.start:%H:%M} and ends at about {ends:%H:%M}"
    warning = ""
    if plan.end is not None:
        over = meetings.minutes_over(plan.start, minutes, plan.end)
        spare = _minutes(plan.end) - _minutes(plan.start) - sum(minutes)
        if over:
            warning = (
                f"That runs {over} minutes past the planned end ({plan.end:%H:%M}): "
                "shorten a case, or end later."
            )
        elif spare > 0:
            text += f", {spare} minutes before the planned end"
    return text + ".", warning
