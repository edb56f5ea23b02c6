"""The presentation view: a read-only window for the projector or a shared Teams window, in large
type, following the chair live: the case, the step, and what the panel has agreed.

It shows only a ``views.Projected`` (no private reference, no escalation note, no discussion)
made from what panel mode already holds, and goes full screen on a second monitor when there
is one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from panel_app.panel import views
from ui.panel.agreed_view import AgreedView
from ui.panel.controller import PanelController

STYLE = """
#PresentationWindow { background: #FBFBF8; }
#PresentationWindow QLabel { color: #14213D; }
QLabel#presMarking { color: #8A1C1C; font-weight: 700; }
QLabel#presTheme, QLabel#presWhere { color: #4A5568; }
QLabel#presCase { font-weight: 700; }
QLabel#presStep { color: #2B5797; font-weight: 600; }
QWidget#presRule { background: #D5DBE3; }
"""
SMALLEST_PX = 14


class PresentationWindow(QWidget):
    def __init__(self, controller: PanelController) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.controller = controller
        self.setObjectName("PresentationWindow")
        self.setWindowTitle("Audit Panel — presentation view")
        self.setAccessibleName("Presentation view (read-only)")
        self.setStyleSheet(STYLE)
        # A projector window left open must not keep the app running once the chair quits.
        # Closing it only hides it (kept for the next F5; panel mode deletes it), and it must
        # accept that close: Qt abandons quitting when a window refuses to close.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Opening it must not take the keyboard from the minute-taker.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.banner = controller.context.read(lambda s: views.banner(s, controller.audit_id))
        self.marking = self._label("presMarking", Qt.AlignmentFlag.AlignRight)
        self.theme = self._label("presTheme")
        self.case = self._label("presCase")
        self.where = self._label("presWhere", Qt.AlignmentFlag.AlignRight)
        self.step = self._label("presStep")
        self.agreed = AgreedView()
        rule = QWidget()
        rule.setObjectName("presRule")
        rule.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        rule.setFixedHeight(2)
        top = QHBoxLayout()
        top.addWidget(self.theme, 1)
        top.addWidget(self.marking)
        case_line = QHBoxLayout()
        case_line.addWidget(self.case, 1)
        case_line.addWidget(self.where, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 20, 48, 24)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(case_line)
        layout.addWidget(self.step)
        layout.addSpacing(6)
        layout.addWidget(rule)
        layout.addSpacing(10)
        layout.addWidget(self.agreed, 1)
        # One redraw after whatever the chair did, once the chair's own screen has been drawn.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        for signal in (
            controller.moved,
            controller.agenda_changed,
            controller.entries_changed,
            controller.entry_added,
        ):
            signal.connect(self.follow)
        self.resize(1024, 576)
        self.refresh()

    def _label(self, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        if align & Qt.AlignmentFlag.AlignLeft:
            # Long titles are cut at the window's edge rather than widen it past the screen.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        return label

    # -- content ---------------------------------------------------------------------------------
    def follow(self, *_: object) -> None:
        if self.isVisible():
            self._pending.start()

    def refresh(self) -> None:
        self._pending.stop()
        controller = self.controller
        position, case = controller.position, controller.case
        banner = self.banner
        self.marking.setText(banner.marking)
        self.theme.setText(banner.title or banner.theme)
        if position is None or case is None or not controller.state.register_done:
            self.case.setText(banner.title or banner.theme)
            self.theme.setText(banner.theme if banner.title else "")
            self.where.setText("")
            self.step.setText("The panel will begin shortly.")
            self.agreed.show_nothing()
            self._fit()
            return
        shown = views.project(banner, case.pseudonym, case.escalated, controller.entries)
        open_cases = [c.case_id for c in controller.walk.cases if not c.escalated]
        self.case.setText(shown.pseudonym)
        if case.case_id in open_cases:
            self.where.setText(f"Case {open_cases.index(case.case_id) + 1} of {len(open_cases)}")
        else:
            self.where.setText("")
        self.step.setText(controller.title_of(position.ref))
        self.agreed.show_agreed(shown.agreed, shown.escalated)
        self._fit()

    def texts(self) -> list[str]:
        """Everything the window shows, as text (tests check nothing private leaks)."""
        labels = (self.marking, self.theme, self.case, self.where, self.step)
        return [label.text() for label in labels] + [self.agreed.text()]

    # -- size and place --------------------------------------------------------------------------
    def _fit(self) -> None:
        base = max(SMALLEST_PX, min(64, self.height() // 24))
        for label, scale in (
            (self.marking, 0.6),
            (self.theme, 0.75),
            (self.case, 2.0),
            (self.where, 0.75),
            (self.step, 1.15),
        ):
            font = QFont(label.font())
            font.setPixelSize(max(SMALLEST_PX, int(base * scale)))
            label.setFont(font)
        self.agreed.set_base_size(base)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # it may have missed moves while hidden

    def place(self, chair: QWidget | None) -> None:
        """Full screen on a screen other than the chair's, else a window to share."""
        screens = QGuiApplication.screens()
        own = chair.screen() if chair is not None else QGuiApplication.primaryScreen()
        others = [screen for screen in screens if screen is not own]
        if len(screens) > 1 and others:
            self.setScreen(others[0])
            self.setGeometry(others[0].geometry())
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        if chair is not None:
            chair.activateWindow()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
            return
        super().keyPressEvent(event)
