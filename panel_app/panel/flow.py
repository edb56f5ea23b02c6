"""The chair's walk-through: the steps of each case, and next / back / jump across the agenda.

Pure: it works on an agenda already read from the database (``progress.load``), so moving
about costs nothing until the new position is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from db.enums import Step
from db.enums import label as enum_label

#: The steps after the agencies' summaries, in the order the chair takes them.
CLOSING_STEPS: tuple[Step, ...] = (
    Step.FAMILY_VIEWS,
    Step.DISCUSSION,
    Step.GOOD_PRACTICE,
    Step.LEARNING,
    Step.ACTIONS,
    Step.CONCLUSION,
)


class CaseState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    ESCALATED = "escalated"


STATE_LABELS = {
    CaseState.NOT_STARTED: "Not started",
    CaseState.IN_PROGRESS: "In progress",
    CaseState.DONE: "Done",
    CaseState.ESCALATED: "Escalated",
}


@dataclass(frozen=True)
class StepRef:
    """A step of a case; on the agency-summaries step, the agency being heard."""

    step: Step
    agency_id: int | None = None


@dataclass(frozen=True)
class Position:
    case_id: int
    ref: StepRef

    @property
    def step(self) -> Step:
        return self.ref.step

    @property
    def agency_id(self) -> int | None:
        return self.ref.agency_id


@dataclass(frozen=True)
class AgendaCase:
    """A case on the meeting's agenda, with how far the panel has got with it."""

    case_id: int
    pseudonym: str
    minutes: int
    #: The agencies that audited the case, in the order their summaries are heard.
    agency_ids: tuple[int, ...] = ()
    escalated: bool = False
    started_at: datetime | None = None
    finished_at: datetime | None = None
    spent_seconds: int = 0

    @property
    def state(self) -> CaseState:
        return case_state(self.escalated, self.started_at, self.finished_at)


def case_state(escalated: bool, started: datetime | None, finished: datetime | None) -> CaseState:
    if escalated:
        return CaseState.ESCALATED
    if finished is not None:
        return CaseState.DONE
    if started is not None:
        return CaseState.IN_PROGRESS
    return CaseState.NOT_STARTED


def case_steps(agency_ids: Sequence[int]) -> list[StepRef]:
    """Introduction, each audited agency's summary in turn, then the closing steps."""
    return [
        StepRef(Step.INTRODUCTION),
        *(StepRef(Step.AGENCY_SUMMARIES, agency_id) for agency_id in agency_ids),
        *(StepRef(step) for step in CLOSING_STEPS),
    ]


def step_title(ref: StepRef, agency_name: str = "") -> str:
    if ref.step is Step.AGENCY_SUMMARIES:
        return f"Agency summary: {agency_name}" if agency_name else "Agency summary"
    return enum_label(ref.step)


class Walk:
    """Next, back and jump over an agenda. Escalated cases are taken out of the audit, so
    next and back pass over them; the chair can still jump to one on purpose."""

    def __init__(self, cases: Sequence[AgendaCase]) -> None:
        self.cases = list(cases)
        self._by_id = {case.case_id: case for case in self.cases}

    def __contains__(self, case_id: object) -> bool:
        return case_id in self._by_id

    def case(self, case_id: int) -> AgendaCase:
        return self._by_id[case_id]

    def steps(self, case_id: int) -> list[StepRef]:
        return case_steps(self._by_id[case_id].agency_ids)

    def _open_cases(self) -> list[AgendaCase]:
        return [case for case in self.cases if not case.escalated]

    def first(self) -> Position | None:
        candidates = self._open_cases() or self.cases
        return self.start_of(candidates[0].case_id) if candidates else None

    def start_of(self, case_id: int) -> Position:
        return Position(case_id, self.steps(case_id)[0])

    def end_of(self, case_id: int) -> Position:
        return Position(case_id, self.steps(case_id)[-1])

    def step_index(self, position: Position) -> int:
        return self.steps(position.case_id).index(position.ref)

    def is_last_step(self, position: Position) -> bool:
        return position.ref == self.steps(position.case_id)[-1]

    def _neighbour_case(self, case_id: int, direction: int) -> AgendaCase | None:
        order = [case.case_id for case in self.cases]
        index = order.index(case_id) + direction
        while 0 <= index < len(order):
            candidate = self.cases[index]
            if not candidate.escalated:
                return candidate
            index += direction
        return None

    def next_case(self, case_id: int) -> Position | None:
        following = self._neighbour_case(case_id, +1)
        return None if following is None else self.start_of(following.case_id)

    def previous_case(self, case_id: int) -> Position | None:
        before = self._neighbour_case(case_id, -1)
        return None if before is None else self.start_of(before.case_id)

    def next(self, position: Position) -> Position | None:
        """The following step, or the next case's introduction; None at the agenda's end."""
        steps = self.steps(position.case_id)
        index = steps.index(position.ref)
        if index + 1 < len(steps):
            return Position(position.case_id, steps[index + 1])
        return self.next_case(position.case_id)

    def back(self, position: Position) -> Position | None:
        """The step before, or the previous case's conclusion; None at the very start."""
        steps = self.steps(position.case_id)
        index = steps.index(position.ref)
        if index > 0:
            return Position(position.case_id, steps[index - 1])
        before = self._neighbour_case(position.case_id, -1)
        return None if before is None else self.end_of(before.case_id)

    def resolve(self, case_id: int | None, step: Step | None, agency_id: int | None) -> Position:
        """The stored position made valid again: the agenda or a case's agencies may have
        changed since it was saved. Falls back to the case's start, then the agenda's."""
        if case_id is None or case_id not in self._by_id:
            first = self.first()
            if first is None:
                raise ValueError("the agenda is empty")
            return first
        steps = self.steps(case_id)
        wanted = StepRef(step, agency_id) if step is not None else steps[0]
        if wanted in steps:
            return Position(case_id, wanted)
        if step is Step.AGENCY_SUMMARIES:
            agency_steps = [ref for ref in steps if ref.step is Step.AGENCY_SUMMARIES]
            if agency_steps:
                return Position(case_id, agency_steps[0])
        same_step = [ref for ref in steps if ref.step is step]
        return Position(case_id, same_step[0] if same_step else steps[0])
