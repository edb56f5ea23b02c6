"""Panel mode: the whole window given to running the meeting. The register first, then the
walk-through; a clock, the text size, the presentation view and F1 help along the top.

The open audit's workspace shows it in place of its screens (``AuditWorkspace.start_panel``);
the audit is remembered, so the next start of the app comes straight back here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from panel_app.panel import progress
from panel_app.panel.capture import CaptureKind
from ui.context import AuditContext
from ui.panel import refcounts, state
from ui.panel.clock_label import ClockLabel
from ui.panel.controller import PanelController
from ui.panel.help_overlay import HelpOverlay
from ui.panel.presentation import PresentationWindow
from ui.panel.register_view import RegisterView
from ui.panel.style import panel_style
from ui.panel.walk_view import WalkView

#: Shown by F1, by section; kept beside the shortcuts so the two cannot disagree.
HELP: list[tuple[str, list[tuple[str, str]]]] = [
    ("Capture", [
        ("Enter", "Record the line: a discussion point, or what the step is about"),
        ("gp:  or  +", "…as good practice"),
        ("l:  or  ?", "…as learning"),
        ("a:  or  !", "…as an action: owner after @, date after 'by' (+4w, end of March)"),
        ("d:", "…as a discussion point, at any step"),
        ("Ctrl+1 … Ctrl+4", "Kind of the line (or of the entry selected in the list)"),
        ("Esc", "Back to the capture line"),
    ]),
    ("Moving", [
        ("Page Down  /  Page Up", "Next step / step before"),
        ("Ctrl+Page Down  /  Up", "Next case / previous case"),
        ("Alt+D  /  Alt+P", "The agenda / the steps: arrows, then Enter to jump"),
        ("Ctrl+H", "This agency's summary heard (Next marks it too)"),
        ("Ctrl+Shift+E", "Escalate the case (a child may be at current risk)"),
        ("Ctrl+Enter", "Start the walk-through (from the register)"),
    ]),
    ("What was captured", [
        ("Alt+S", "Whole case or this step only"),
        ("F2  /  Delete", "Edit / delete the entry selected in the list"),
        ("Menu key", "Re-classify or move the selected entry to another case"),
        ("Ctrl+Z  /  Ctrl+Shift+Z", "Undo / redo, throughout panel mode"),
    ]),
    ("Screen", [
        ("F5", "Presentation view (projector or shared screen)"),
        ("Ctrl+=  /  Ctrl+-  /  Ctrl+0", "Larger / smaller / usual text"),
        ("F1", "These keys"),
    ]),
]  # fmt: skip


class PanelMode(QWidget):
    left_panel = Signal()

    def __init__(self, context: AuditContext, location: str) -> None:
        """Raises ``DomainError`` when the audit cannot run a panel (it has no cases)."""
        refcounts.guard()  # a panel runs for hours: see ui/panel/refcounts.py
        super().__init__()
        self.setObjectName("PanelMode")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.context, self.location = context, location
        meeting_id = context.write(lambda s: progress.panel_meeting(s, context.audit_id), "panel")
        self.controller = PanelController(context, meeting_id, self)
        self.register = RegisterView(self.controller)
        self.walk = WalkView(self.controller)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.register)
        self.stack.addWidget(self.walk)
        self.register.start_requested.connect(self.start_walkthrough)
        self.presentation: PresentationWindow | None = None
        self.point_size = state.point_size()

        self.register_tab = self._tab("Re&gister", "The attendance register")
        self.walk_tab = self._tab("&Walk-through", "The cases, step by step")
        self.register_tab.clicked.connect(self.show_register)
        self.walk_tab.clicked.connect(self.start_walkthrough)
        tabs = QButtonGroup(self)
        tabs.addButton(self.register_tab)
        tabs.addButton(self.walk_tab)
        self.clock = ClockLabel(self.controller)
        self.clock.ticked.connect(self.walk.agenda_model.tick)
        smaller = self._button("A−", "Smaller text (Ctrl+-)", "Smaller text")
        smaller.clicked.connect(lambda: self.set_point_size(self.point_size - 1))
        larger = self._button("A+", "Larger text (Ctrl+=)", "Larger text")
        larger.clicked.connect(lambda: self.set_point_size(self.point_size + 1))
        self.present_button = self._button(
            "Pro&jector view", "A read-only view for a projector or shared screen (F5)",
            "Presentation view",
        )  # fmt: skip
        self.present_button.clicked.connect(self.toggle_presentation)
        help_button = self._button("Help", "The keys of panel mode (F1)", "Help")
        help_button.clicked.connect(self.toggle_help)
        leave = self._button(
            "&Leave panel mode", "Back to the audit's screens; the panel can be resumed "
            "where it was", "Leave panel mode",
        )  # fmt: skip
        leave.clicked.connect(self.leave_panel)
        top = QHBoxLayout()
        top.setContentsMargins(10, 6, 10, 0)
        top.addWidget(self.register_tab)
        top.addWidget(self.walk_tab)
        top.addSpacing(8)
        top.addWidget(self.clock)
        top.addStretch(1)
        for button in (smaller, larger, self.present_button, help_button, leave):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self.help = HelpOverlay(self, HELP)
        self._shortcuts()
        self.setStyleSheet(panel_style(self.point_size))
        state.remember_open(location, context.audit_id)
        if self.controller.state.register_done and self.controller.position is not None:
            self._show_walk()
        else:
            self.show_register()

    def _tab(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("panelTab")
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        return button

    def _button(self, text: str, tip: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        return button

    def _shortcuts(self) -> None:
        walk = self.walk
        keys: list[tuple[str | QKeySequence.StandardKey, Callable[[], object]]] = [
            ("PgDown", self._next),
            ("PgUp", self._back),
            ("Ctrl+PgDown", self.controller.next_case),
            ("Ctrl+PgUp", self.controller.previous_case),
            ("Ctrl+H", walk.toggle_heard),
            ("Ctrl+Shift+E", walk.escalate),
            ("F5", self.toggle_presentation),
            ("F1", self.toggle_help),
            ("Ctrl+=", lambda: self.set_point_size(self.point_size + 1)),
            ("Ctrl++", lambda: self.set_point_size(self.point_size + 1)),
            ("Ctrl+-", lambda: self.set_point_size(self.point_size - 1)),
            ("Ctrl+0", lambda: self.set_point_size(state.DEFAULT_POINT_SIZE)),
            ("Ctrl+Return", self.start_walkthrough),
            ("Ctrl+Enter", self.start_walkthrough),
            ("Esc", self.focus_capture),
        ]
        for number, kind in enumerate(CaptureKind, start=1):
            keys.append((f"Ctrl+{number}", partial(self.choose_kind, kind)))
        self.actions_by_key: dict[str, QAction] = {}
        for sequence, slot in keys:
            action = QAction(self)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=slot: s())
            self.addAction(action)
            self.actions_by_key[str(sequence)] = action

    # -- stages ----------------------------------------------------------------------------------
    def show_register(self) -> None:
        self.walk.leave()
        self.register.reload()
        self.stack.setCurrentWidget(self.register)
        self.register_tab.setChecked(True)
        self.register.table.setFocus()

    def start_walkthrough(self) -> None:
        if self.stack.currentWidget() is self.walk:
            return
        self.controller.start_walkthrough()
        self._show_walk()

    def _show_walk(self) -> None:
        self.stack.setCurrentWidget(self.walk)
        self.walk_tab.setChecked(True)
        self.walk.show_position()
        self.clock.update_clock()
        self.focus_capture()

    def _in_walk(self) -> bool:
        return self.stack.currentWidget() is self.walk

    def _next(self) -> None:
        if self._in_walk():
            self.walk.next()

    def _back(self) -> None:
        if self._in_walk():
            self.walk.back()

    def focus_capture(self) -> None:
        if self.help.isVisible():
            self.help.close_overlay()
        if self._in_walk():
            self.walk.capture.prompt.setVisible(False)
            self.walk.capture.line.setFocus()

    def choose_kind(self, kind: CaptureKind) -> None:
        if not self._in_walk():
            return
        if self.walk.table.hasFocus() and self.walk.table.selected() is not None:
            self.walk.table.reclassify_selected(kind)
        else:
            self.walk.capture.choose(kind)

    # -- the rest --------------------------------------------------------------------------------
    def set_point_size(self, size: int) -> None:
        self.point_size = state.set_point_size(size)
        self.setStyleSheet(panel_style(self.point_size))

    def toggle_help(self) -> None:
        self.help.toggle()

    def toggle_presentation(self) -> PresentationWindow:
        if self.presentation is None:
            self.presentation = PresentationWindow(self.controller)
            self.destroyed.connect(self.presentation.deleteLater)
        if self.presentation.isVisible():
            self.presentation.hide()
        else:
            self.presentation.refresh()
            self.presentation.place(self.window())
        return self.presentation

    def flush(self) -> None:
        """Save what is being typed (the capture line's draft, the conclusion) and where the
        panel is."""
        self.walk.leave()
        self.controller.save_position()

    def leave_panel(self) -> None:
        self.flush()
        state.forget_open(self.location)
        self.close_presentation()
        self.left_panel.emit()

    def close_presentation(self) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
            self.presentation = None
