"""The running panel as the screens see it: where it is, moving on, and every change made in
panel mode, each written in one transaction and each undoable (Ctrl+Z) through ``ui.undo.Edit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from db.enums import Step
from panel_app.errors import DomainError
from panel_app.panel import entries, progress, views
from panel_app.panel.capture import CaptureKind, default_kind, parse_capture
from panel_app.panel.clock import ClockReading, read_clock
from panel_app.panel.entries import Entry, Recorded
from panel_app.panel.escalation import EscalationInfo, escalation_of, set_escalation
from panel_app.panel.flow import AgendaCase, Position, StepRef, Walk, step_title
from panel_app.panel.state import moved
from panel_app.services import involvement
from ui import msgbox
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

T = TypeVar("T")


class EntryRef:
    """One captured entry across undo and redo: re-creating it (after a delete, or a change of
    kind between tables) gives it a new id, and every command holding this ref follows."""

    __slots__ = ("entry",)

    def __init__(self, entry: Entry | None) -> None:
        self.entry = entry


class PanelController(QObject):
    moved = Signal()
    agenda_changed = Signal()
    entries_changed = Signal()
    entry_added = Signal(object)
    #: The case's own record changed (a grade, the conclusion): redraw what shows it.
    case_changed = Signal()
    #: A case was escalated, its note changed, or the escalation was withdrawn.
    escalation_changed = Signal()
    #: Something the chair should know (e.g. the agenda is complete), for the status line.
    message = Signal(str)

    def __init__(self, context: AuditContext, meeting_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.meeting_id = context, meeting_id
        audit_id = context.audit_id

        def first(session: Session) -> tuple[Any, ...]:
            return (
                progress.load(session, meeting_id),
                views.agency_names(session, audit_id),
                views.owner_candidates(session, audit_id),
            )

        self.state, self.agency_names, self.owners = context.read(first)
        self.walk = Walk(self.state.cases)
        self.position: Position | None = self.state.position
        self.entries: list[Entry] = []
        self._refs: dict[tuple[CaptureKind, int], EntryRef] = {}
        #: What the screen shows already but is not written yet (moves, and the summary heard
        #: on moving on): written in order straight after the repaint.
        self._pending: list[Callable[[Session], object]] = []
        # A real zero-interval timer (not a queued call): it fires after the repaint that
        # shows the move, so the chair never waits for the disk to see the next case.
        self._saver = QTimer(self)
        self._saver.setSingleShot(True)
        self._saver.setInterval(0)
        self._saver.timeout.connect(self.save_position)
        self._load_entries()

    # -- reading ----------------------------------------------------------------------------
    @property
    def audit_id(self) -> int:
        return self.context.audit_id

    @property
    def case(self) -> AgendaCase | None:
        return None if self.position is None else self.walk.case(self.position.case_id)

    def title_of(self, ref: StepRef) -> str:
        return step_title(ref, self.agency_names.get(ref.agency_id or 0, ""))

    def default_kind(self) -> CaptureKind:
        return default_kind(self.position.step if self.position else None)

    def heard(self, case_id: int, agency_id: int) -> bool:
        return (case_id, agency_id) in self.state.heard

    def reading(self, now: datetime | None = None) -> ClockReading | None:
        if self.position is None:
            return None
        return read_clock(
            now or datetime.now(),
            self.state.cases,
            self.position.case_id,
            self.state.entered_at,
            self.state.end_time,
        )

    def visible_entries(self, whole_case: bool) -> list[Entry]:
        if whole_case or self.position is None:
            return list(self.entries)
        agency = self.position.agency_id if self.position.step is Step.AGENCY_SUMMARIES else None
        return entries.at_step(self.entries, self.position.step, agency)

    def _load_entries(self) -> None:
        self._refs.clear()
        if self.position is None:
            self.entries = []
            return
        case_id = self.position.case_id
        self.entries = self.context.read(
            lambda session: entries.case_entries(session, self.audit_id, case_id)
        )

    def reload(self) -> None:
        """Read the agenda and progress again (after an escalation, or a change elsewhere)."""
        self.save_position()
        self.state = self.context.read(lambda session: progress.load(session, self.meeting_id))
        self.walk = Walk(self.state.cases)
        self.position = self.state.position
        self.agenda_changed.emit()

    def _write(self, work: Callable[[Session], T], what: str) -> T:
        """Every write of panel mode: the moves not yet saved go first, so that the database
        sees changes in the order the chair made them."""
        self.save_position()
        return self.context.write(work, what)

    # -- moving -----------------------------------------------------------------------------
    def go(self, position: Position, *, finish: int | None = None) -> None:
        """Show ``position`` at once and save it straight after the repaint (``_saver``)."""
        now = datetime.now()
        if self.position is None or self.position.case_id != position.case_id:
            case_id = position.case_id
            self.entries = self.context.read(
                lambda session: entries.case_entries(session, self.audit_id, case_id)
            )
            self._refs.clear()
        self.state = moved(self.state, position, now, () if finish is None else (finish,))
        self.walk = Walk(self.state.cases)
        self.position = position
        self._later(lambda s: progress.go_to(s, self.meeting_id, position, now, finish=finish))
        self.moved.emit()

    def _later(self, work: Callable[[Session], object]) -> None:
        self._pending.append(work)
        self._saver.start()

    def save_position(self) -> None:
        """Write what was shown but not yet saved (called by ``_saver`` straight after the
        repaint, and before any other write so the database sees changes in their order)."""
        self._saver.stop()
        if not self._pending:
            return
        made, self._pending = self._pending, []

        def work(session: Session) -> None:
            for each in made:
                each(session)

        try:
            self.context.write(work, "panel")
        except DomainError as refusal:  # e.g. the case was deleted from another computer
            msgbox.error(None, "The panel could not move there", refusal.message)
            self.reload()

    def start_walkthrough(self) -> None:
        target = self.position or self.walk.first()
        if target is not None:
            self.go(target)

    def next(self) -> bool:
        """On to the next step; moving on from a conclusion marks the case done."""
        if self.position is None:
            return False
        here = self.position
        if here.agency_id is not None and not self.heard(here.case_id, here.agency_id):
            # Moving on: it was heard (written with the move, after the repaint).
            self.set_heard(here.case_id, here.agency_id, True, later=True)
        target = self.walk.next(here)
        finishing = here.case_id if self.walk.is_last_step(here) else None
        if target is None:
            if finishing is not None:
                self.set_done(finishing, True)
                self.message.emit("That was the last case on the agenda: the panel is done.")
            return False
        self.go(target, finish=finishing)
        return True

    def back(self) -> bool:
        target = None if self.position is None else self.walk.back(self.position)
        if target is not None:
            self.go(target)
        return target is not None

    def next_case(self) -> bool:
        target = None if self.position is None else self.walk.next_case(self.position.case_id)
        if target is not None:
            self.go(target)
        return target is not None

    def previous_case(self) -> bool:
        if self.position is None:
            return False
        target = self.walk.previous_case(self.position.case_id)
        if target is not None:
            self.go(target)
        return target is not None

    def jump_case(self, case_id: int) -> None:
        if self.position is None or self.position.case_id != case_id:
            self.go(self.walk.start_of(case_id))

    # -- heard, done, escalated ---------------------------------------------------------------
    def _undoable(self, text: str, write: Callable[[Any], None], old: Any, new: Any) -> None:
        write(new)
        self.context.undo.push(Edit(text, write, old, new))

    def set_heard(self, case_id: int, agency_id: int, heard: bool, *, later: bool = False) -> None:
        if self.heard(case_id, agency_id) == heard:
            return
        deferred = later  # only the first write: an undo or redo is written at once

        def write(value: bool) -> None:
            nonlocal deferred

            def work(session: Session) -> None:
                progress.set_heard(session, self.meeting_id, case_id, agency_id, value)

            if deferred:
                deferred = False
                self._later(work)
            else:
                self._write(work, "panel")
            pair = {(case_id, agency_id)}
            heard = self.state.heard | pair if value else self.state.heard - pair
            self.state = replace(self.state, heard=frozenset(heard))
            self.agenda_changed.emit()

        name = self.agency_names.get(agency_id, "the agency")
        what = "heard" if heard else "not heard"
        self._undoable(f"Summary of {name} {what}", write, not heard, heard)

    def set_done(self, case_id: int, done: bool) -> None:
        case = self.walk.case(case_id)
        if (case.finished_at is not None) == done:
            return

        def write(value: bool) -> None:
            self._write(
                lambda s: progress.set_case_done(s, self.meeting_id, case_id, value), "panel"
            )
            self.reload()

        self._undoable(f"Mark {case.pseudonym} {'done' if done else 'not done'}", write,
                       not done, done)  # fmt: skip

    def escalation(self, case_id: int) -> EscalationInfo | None:
        return self.context.read(lambda session: escalation_of(session, case_id))

    _UNSET: Any = object()

    def set_escalation(
        self, case_id: int, info: EscalationInfo | None, *, was: Any = _UNSET
    ) -> None:
        """Escalate a case with a note, change the note, or withdraw the escalation: one undo
        step back to ``was`` (what the case had before its note was saved as it was typed)."""
        old = self.escalation(case_id) if was is self._UNSET else was
        pseudonym = self.walk.case(case_id).pseudonym
        text = f"Escalate {pseudonym}" if info is not None else f"Withdraw {pseudonym}'s escalation"
        self._undoable(text, partial(self._store_escalation, case_id), old, self._dated(info, old))

    def keep_escalation(self, case_id: int, info: EscalationInfo | None) -> None:
        """Save the escalation as its note is typed (no undo step: ``set_escalation`` makes
        the one step when the dialog is closed)."""
        self._store_escalation(case_id, self._dated(info, self.escalation(case_id)))

    def _store_escalation(self, case_id: int, info: EscalationInfo | None) -> None:
        self._write(lambda s: set_escalation(s, case_id, info), "case")
        self.reload()
        self.escalation_changed.emit()

    @staticmethod
    def _dated(info: EscalationInfo | None, old: EscalationInfo | None) -> EscalationInfo | None:
        if info is not None and info.raised_on is None:
            return replace(info, raised_on=old.raised_on if old else date.today())
        return info

    def set_case_grade(self, case_id: int, domain_id: int, level_id: int | None) -> None:
        old = self.context.read(lambda s: views.grading(s, case_id)).grades.get(domain_id)
        if old == level_id:
            return

        def write(value: int | None) -> None:
            self._write(lambda s: involvement.set_case_grade(s, case_id, domain_id, value), "case")
            self.case_changed.emit()

        self._undoable("Grade the case", write, old, level_id)

    # -- capture ---------------------------------------------------------------------------
    def save_draft(self, text: str) -> None:
        self._write(lambda s: progress.save_draft(s, self.meeting_id, text), "draft")

    def capture(self, line: str, default: CaptureKind | None = None) -> Recorded:
        """Record one line at the current case and step; raises ``DomainError`` (nothing
        written) when the line holds nothing to record."""
        parsed = parse_capture(line, default=default or self.default_kind(), owners=self.owners)
        position = self.position
        case_id = position.case_id if position else None
        step = position.step if position else Step.GENERAL
        agency = position.agency_id if position else None

        def work(session: Session) -> Recorded:
            return entries.record(
                session,
                self.audit_id,
                parsed,
                case_id=case_id,
                step=step,
                agency_id=agency,
                meeting_id=self.meeting_id,
            )

        recorded = self._write(work, "capture")
        made = recorded.entry
        ref = self._ref(made)
        self.entries.append(made)
        self.context.undo.push(
            Edit(f"Record “{_short(made.text)}”", lambda wanted: self._apply(ref, wanted),
                 None, made)
        )  # fmt: skip
        self.entry_added.emit(made)
        return recorded

    def _ref(self, entry: Entry) -> EntryRef:
        ref = self._refs.get(entry.key)
        if ref is None:
            ref = self._refs[entry.key] = EntryRef(entry)
        return ref

    def _apply(self, ref: EntryRef, wanted: Entry | None) -> None:
        current = ref.entry
        stored = self._write(lambda s: entries.change(s, current, wanted), "capture")
        if current is not None:
            self._refs.pop(current.key, None)
        ref.entry = stored
        if stored is not None:
            self._refs[stored.key] = ref
        self._refresh_entries()

    def _refresh_entries(self) -> None:
        refs = dict(self._refs)
        self._load_entries()
        self._refs.update({key: ref for key, ref in refs.items() if ref.entry is not None})
        self.entries_changed.emit()

    def change_entry(self, entry: Entry, field: str, value: Any) -> Entry | None:
        """Edit, re-classify (field "kind") or move (field "case_id") an entry in place."""
        wanted = entries.edited(entry, field, value)
        if wanted == entry:
            return entry
        ref = self._ref(entry)
        self._apply(ref, wanted)
        verb = {"kind": "Re-classify", "case_id": "Move"}.get(field, "Edit")
        self.context.undo.push(
            Edit(f"{verb} “{_short(entry.text)}”", lambda w: self._apply(ref, w), entry, wanted)
        )
        return ref.entry

    def delete_entry(self, entry: Entry) -> None:
        ref = self._ref(entry)
        self._apply(ref, None)
        self.context.undo.push(
            Edit(f"Delete “{_short(entry.text)}”", lambda w: self._apply(ref, w), entry, None)
        )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
