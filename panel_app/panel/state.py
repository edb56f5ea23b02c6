"""A running panel as one value: the agenda with each case's times, where the chair is, and
what has been heard. ``moved`` is what ``progress.go_to`` does to the database, done to the
value, so the screens can show a move before it has been written (see ``PanelController``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from panel_app.panel.flow import AgendaCase, Position, Walk


@dataclass(frozen=True)
class PanelState:
    """Everything the walk-through needs to draw the agenda and the clock."""

    audit_id: int
    meeting_id: int
    title: str
    theme: str
    graded: bool
    meeting_date: date | None
    start_time: time | None
    end_time: time | None
    register_done: bool
    cases: tuple[AgendaCase, ...]
    position: Position | None
    entered_at: datetime | None
    heard: frozenset[tuple[int, int]]
    draft: str

    @property
    def walk(self) -> Walk:
        return Walk(self.cases)


def _seconds(since: datetime | None, now: datetime) -> int:
    return 0 if since is None else max(0, int((now - since).total_seconds()))


def moved(
    state: PanelState, position: Position, now: datetime, finish: Iterable[int] = ()
) -> PanelState:
    """The panel after moving to ``position`` at ``now``: the time on the case left is banked,
    the case arrived at is started, and each case in ``finish`` (concluded) is done."""
    finished = set(finish)
    left = state.position.case_id if state.position is not None else None
    changed_case = left != position.case_id

    def after(case: AgendaCase) -> AgendaCase:
        if case.case_id in finished:
            case = replace(
                case, started_at=case.started_at or now, finished_at=case.finished_at or now
            )
        if changed_case and case.case_id == left:
            case = replace(case, spent_seconds=case.spent_seconds + _seconds(state.entered_at, now))
        if case.case_id == position.case_id and case.started_at is None:
            case = replace(case, started_at=now)
        return case

    entered = now if changed_case or state.entered_at is None else state.entered_at
    return replace(
        state,
        cases=tuple(after(case) for case in state.cases),
        position=position,
        entered_at=entered,
        register_done=True,
    )
