"""The chair's walk-through: the agenda and the case's steps on the left; the step, what was
captured at it, and the capture line on the right."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from db.enums import Step
from panel_app.dates import format_long
from panel_app.panel import entries
from panel_app.panel.entries import Entry
from panel_app.panel.flow import CaseState
from ui.binding import error_label
from ui.panel.agenda_delegate import AgendaDelegate
from ui.panel.agenda_models import AgendaModel, StepsModel
from ui.panel.capture_line import CaptureLine
from ui.panel.capture_model import CaptureModel
from ui.panel.capture_table import CaptureTable
from ui.panel.controller import PanelController
from ui.panel.escalation_dialog import EscalateDialog
from ui.panel.step_content import StepContent
from ui.panel.steps_delegate import StepsDelegate
from ui.panel.type_through import TypeThrough

#: How much of the height the step itself gets; the captured list has the rest.
READING_SHARE = {
    Step.INTRODUCTION: 0.6,
    Step.AGENCY_SUMMARIES: 0.62,
    Step.FAMILY_VIEWS: 0.55,
    Step.DISCUSSION: 0.42,
    Step.CONCLUSION: 0.68,
}
CAPTURING_SHARE = 0.2


def _list(model: AgendaModel | StepsModel, name: str) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


class WalkView(QWidget):
    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("PanelWalk")
        self.controller = controller
        self._escalating: EscalateDialog | None = None
        self.agenda_model = AgendaModel(controller)
        self.steps_model = StepsModel(controller)
        self.capture_model = CaptureModel(controller)
        # After a change of text size, once the new fonts are in place (owned: it dies with us).
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit_agenda)
        self._share = 0.0
        self._agenda_fitted: tuple[int, int] | None = None

        self.agenda = _list(self.agenda_model, "Agenda: the meeting's cases")
        self.agenda.setObjectName("panelAgenda")
        self.agenda.setItemDelegate(AgendaDelegate(self.agenda))
        self.agenda.clicked.connect(self._case_chosen)
        self.agenda.activated.connect(self._case_chosen)
        self.steps = _list(self.steps_model, "Steps of the current case")
        self.steps.setObjectName("panelSteps")
        self.steps.setItemDelegate(StepsDelegate(self.steps))
        self.steps.clicked.connect(self._step_chosen)
        self.steps.activated.connect(self._step_chosen)
        agenda_label = QLabel("Agen&da")  # Alt+A is the main window's: all audits
        agenda_label.setBuddy(self.agenda)
        agenda_label.setObjectName("panelSubheading")
        steps_label = QLabel("Ste&ps")
        steps_label.setBuddy(self.steps)
        steps_label.setObjectName("panelSubheading")
        self.escalate_button = QPushButton("Escalate…")  # Ctrl+Shift+E (Alt+E: the Edit menu)
        self.escalate_button.setToolTip("A child may be at current risk (Ctrl+Shift+E)")
        self.escalate_button.setAccessibleName("Escalate the case")
        self.escalate_button.clicked.connect(self.escalate)
        self.done_button = QPushButton("Mark done")
        self.done_button.setToolTip("The case has been discussed (moving on from its "
                                    "conclusion does this too)")  # fmt: skip
        self.done_button.setAccessibleName("Mark the case done")
        self.done_button.clicked.connect(self.toggle_done)
        state = controller.state
        when = f" · {format_long(state.meeting_date)}" if state.meeting_date else ""
        audit = QLabel(f"{state.theme}{when}")
        audit.setObjectName("panelQuiet")
        audit.setWordWrap(True)
        audit.setToolTip(state.title)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(audit)
        left.addWidget(agenda_label)
        left.addWidget(self.agenda)
        left.addWidget(steps_label)
        left.addWidget(self.steps, 1)
        case_buttons = QHBoxLayout()
        case_buttons.addWidget(self.escalate_button)
        case_buttons.addWidget(self.done_button)
        left.addLayout(case_buttons)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setMinimumWidth(240)
        left_box.setMaximumWidth(420)

        self.case_label = QLabel()
        self.case_label.setObjectName("panelCase")
        self.step_label = QLabel()
        self.step_label.setObjectName("panelStep")
        self.step_label.setWordWrap(True)
        self.back_button = QPushButton("◀ &Back")
        self.back_button.setToolTip("The step before (Page Up)")
        self.back_button.setAccessibleName("Back to the step before")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("&Next ▶")
        self.next_button.setObjectName("panelPrimary")
        self.next_button.setToolTip("The next step (Page Down)")
        self.next_button.setAccessibleName("Next step")
        self.next_button.clicked.connect(self.next)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.case_label)
        titles.addWidget(self.step_label)
        header.addLayout(titles, 1)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignBottom)

        self.content = StepContent(controller)
        self.table = CaptureTable(controller, self.capture_model)
        self.captured_label = QLabel()
        self.captured_label.setObjectName("panelSubheading")
        self.whole_case = QCheckBox("Whole ca&se")
        self.whole_case.setToolTip("Show everything captured on this case, not just this step")
        self.whole_case.setAccessibleName("Show the whole case")
        self.whole_case.toggled.connect(self._whole_case)
        self.table_error = error_label()
        captured_head = QHBoxLayout()
        captured_head.addWidget(self.captured_label, 1)
        captured_head.addWidget(self.whole_case)
        captured = QWidget()
        captured_layout = QVBoxLayout(captured)
        captured_layout.setContentsMargins(0, 0, 0, 0)
        captured_layout.setSpacing(2)
        captured_layout.addLayout(captured_head)
        captured_layout.addWidget(self.table, 1)
        captured_layout.addWidget(self.table_error)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.content)
        self.splitter.addWidget(captured)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.capture = CaptureLine(controller)
        self.capture.recorded.connect(lambda _r: self._captured_count())
        self.status = QLabel()
        self.status.setObjectName("panelQuiet")
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(header)
        right.addWidget(self.splitter, 1)
        right.addWidget(self.capture)
        right.addWidget(self.status)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(left_box, 1)
        layout.addLayout(right, 3)

        self.type_through = TypeThrough(self.capture.line, [self.agenda, self.steps, self.table])
        controller.moved.connect(self.show_position)
        controller.agenda_changed.connect(self._agenda_changed)
        controller.entries_changed.connect(self._entries_changed)
        controller.entry_added.connect(self._entry_added)
        controller.message.connect(self.status.setText)
        controller.escalation_changed.connect(
            lambda: self.content.show_position(self.controller.position)
        )
        self.capture_model.dataChanged.connect(lambda *_: self._show_table_error())
        self.show_position()

    # -- showing ---------------------------------------------------------------------------------
    def show_position(self) -> None:
        """A move: everything on the screen follows the new case and step."""
        position = self.controller.position
        case = self.controller.case
        self.content.show_position(position)
        self.capture_model.reset()
        self.capture.step_changed()
        self.table_error.setVisible(False)
        self._agenda_changed()
        if position is None or case is None:
            self.case_label.setText("No cases on the agenda")
            self.step_label.setText("")
            return
        number = self.controller.walk.step_index(position) + 1
        total = len(self.controller.walk.steps(position.case_id))
        self.case_label.setText(case.pseudonym)
        self.step_label.setText(
            f"Step {number} of {total}: {self.controller.title_of(position.ref)}"
        )
        self._captured_count()
        self.back_button.setEnabled(self.controller.walk.back(position) is not None)
        self._balance()

    def _balance(self) -> None:
        """Share the height between the step and what was captured: the steps read from
        (summaries, views, the conclusion) get most of it, the capturing steps give it to
        the list. Only a change of kind of step moves the divider."""
        position = self.controller.position
        if position is None:
            return
        share = READING_SHARE.get(position.step, CAPTURING_SHARE)
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if share == self._share or total <= 0:
            return
        self._share = share
        content = int(total * share)
        self.splitter.setSizes([content, total - content])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._agenda_fitted = None
            self._refit.start()

    def _select_current(self) -> None:
        position = self.controller.position
        if position is None:
            return
        row = self.agenda_model.row_of(position.case_id)
        if row is not None and self.agenda.currentIndex().row() != row:
            self.agenda.setCurrentIndex(self.agenda_model.index(row))
        step_row = self.steps_model.row_of(position.ref)
        if step_row is not None and self.steps.currentIndex().row() != step_row:
            self.steps.setCurrentIndex(self.steps_model.index(step_row))
            self.steps.scrollTo(self.steps_model.index(step_row))

    def _case_buttons(self) -> None:
        case = self.controller.case
        if case is None:
            return
        self.escalate_button.setText("Escalation note…" if case.escalated else "Escalate…")
        done = case.state is CaseState.DONE
        self.done_button.setText("Not done" if done else "Mark done")

    def _captured_count(self) -> None:
        shown = self.capture_model.rowCount()
        position = self.controller.position
        if self.whole_case.isChecked():
            where = "on this case"
        elif position is not None and position.step is Step.CONCLUSION:
            where = "at the conclusion, with every action of the case"
        else:
            where = "at this step"
        missing = len(entries.not_smart(self.controller.entries))
        extra = f" · {missing} action{'s' if missing != 1 else ''} not SMART" if missing else ""
        self.captured_label.setText(f"Captured {where} ({shown}){extra}")

    def _agenda_changed(self) -> None:
        self.agenda_model.refresh()
        self.steps_model.refresh()
        self._fit_agenda()
        self._select_current()
        self._case_buttons()
        self.content.show_heard()

    def _entries_changed(self) -> None:
        self.capture_model.reset()
        self._captured_count()
        self._conclusion_follows()

    def _entry_added(self, entry: Entry) -> None:
        self.capture_model.append(entry)
        # After the layout settles (the action prompt may have just opened below the list).
        QTimer.singleShot(0, self.table, self.table.scrollToBottom)
        self._captured_count()
        self._conclusion_follows()

    def _fit_agenda(self) -> None:
        """The agenda as tall as its cases (a panel has a handful), the steps below it."""
        rows = self.agenda_model.rowCount()
        fitted = (rows, self.agenda.fontMetrics().height())
        if fitted == self._agenda_fitted:
            return
        self._agenda_fitted = fitted
        height = sum(self.agenda.sizeHintForRow(row) for row in range(min(rows, 8)))
        frame = 2 * self.agenda.frameWidth() + 4
        self.agenda.setFixedHeight(max(height, self.agenda.fontMetrics().height() * 2) + frame)

    def _conclusion_follows(self) -> None:
        position = self.controller.position
        if position is not None and position.step is Step.CONCLUSION:
            self.content.show_position(position)  # its list of actions not yet SMART

    def _whole_case(self, on: bool) -> None:
        self.capture_model.whole_case = on
        self.capture_model.reset()
        self._captured_count()

    def _show_table_error(self) -> None:
        self.table_error.setText(self.capture_model.error)
        self.table_error.setVisible(bool(self.capture_model.error))

    # -- acting ----------------------------------------------------------------------------------
    def _case_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.content.commit()
            self.controller.jump_case(self.agenda_model.case_at(index.row()).case_id)
            self.capture.line.setFocus()  # the minute-taker types on where the chair went

    def _step_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            target = self.steps_model.position_at(index.row())
            if target != self.controller.position:
                self.content.commit()
                self.controller.go(target)
            self.capture.line.setFocus()

    def next(self) -> None:
        self.content.commit()
        self.controller.next()
        self.capture.line.setFocus()

    def back(self) -> None:
        self.content.commit()
        self.controller.back()
        self.capture.line.setFocus()

    def toggle_heard(self) -> None:
        position = self.controller.position
        if position is not None and position.agency_id is not None:
            heard = self.controller.heard(position.case_id, position.agency_id)
            self.controller.set_heard(position.case_id, position.agency_id, not heard)

    def toggle_done(self) -> None:
        case = self.controller.case
        if case is not None:
            self.controller.set_done(case.case_id, case.state is not CaseState.DONE)

    def escalate(self) -> EscalateDialog | None:
        case = self.controller.case
        if case is None:
            return None
        dialog = EscalateDialog(self.controller, case.case_id, self)
        dialog.open()
        self._escalating = dialog
        return dialog

    def leave(self) -> None:
        escalating = self._escalating
        if escalating is not None and shiboken6.isValid(escalating) and escalating.isVisible():
            escalating.save_now()  # the app closing, or locking, with the note being typed
        self.content.commit()
        self.capture.save_draft()
