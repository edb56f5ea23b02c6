"""The presentation view: a read-only window for the projector or a shared Teams window, in large
type, following the chair live: the case, the step, and what the panel has agreed.

It reads only ``views.projected`` (no private reference, no escalation note, no discussion) and
goes full screen on a second monitor when there is one.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from panel_app.dates import format_short
from panel_app.panel import views
from panel_app.panel.views import Agreed
from ui.panel.controller import PanelController

STYLE = """
#PresentationWindow { background: #FBFBF8; }
#PresentationWindow QLabel { color: #14213D; }
QLabel#presMarking { color: #8A1C1C; font-weight: 700; }
QLabel#presTheme { color: #4A5568; }
QLabel#presCase { font-weight: 700; }
QLabel#presStep { color: #2B5797; font-weight: 600; }
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
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.marking = self._label("presMarking", Qt.AlignmentFlag.AlignRight)
        self.theme = self._label("presTheme")
        self.case = self._label("presCase")
        self.step = self._label("presStep")
        self.agreed = self._label("presAgreed")
        self.agreed.setTextFormat(Qt.TextFormat.RichText)
        self.agreed.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.marking)
        layout.addWidget(self.theme)
        layout.addWidget(self.case)
        layout.addWidget(self.step)
        layout.addSpacing(12)
        layout.addWidget(self.agreed, 1)
        for signal in (
            controller.moved,
            controller.agenda_changed,
            controller.entries_changed,
            controller.entry_added,
        ):
            signal.connect(self.refresh)
        self.resize(1024, 576)
        self.refresh()

    def _label(self, name: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAlignment(align)
        return label

    # -- content ---------------------------------------------------------------------------------
    def refresh(self, *_: object) -> None:
        controller = self.controller
        position = controller.position
        state = controller.state
        if position is None or not state.register_done:
            self.marking.setText("")
            self.theme.setText(state.theme)
            self.case.setText(state.title)
            self.step.setText("The panel will begin shortly.")
            self.agreed.setText("")
            self._fit()
            return
        shown = controller.context.read(
            lambda s: views.projected(s, controller.audit_id, position.case_id)
        )
        self.marking.setText(shown.marking)
        self.theme.setText(f"{shown.theme} · {shown.title}")
        self.case.setText(shown.pseudonym)
        self.step.setText(controller.title_of(position.ref))
        if shown.escalated:
            self.agreed.setText(
                "<p>This case has been escalated and will be discussed at a separate meeting.</p>"
            )
        else:
            self.agreed.setText(agreed_html(shown.agreed))
        self._fit()

    def texts(self) -> list[str]:
        """Everything the window shows, as text (tests check nothing private leaks)."""
        return [w.text() for w in (self.marking, self.theme, self.case, self.step, self.agreed)]

    # -- size and place --------------------------------------------------------------------------
    def _fit(self) -> None:
        base = max(SMALLEST_PX, min(64, self.height() // 22))
        self._px(self.marking, int(base * 0.6))
        self._px(self.theme, int(base * 0.8))
        self._px(self.case, int(base * 2.0))
        self._px(self.step, int(base * 1.1))
        room = max(1, self.agreed.height())
        size = base
        self._px(self.agreed, size)
        # Long lists of what was agreed shrink to fit rather than fall off the screen.
        while size > SMALLEST_PX and self.agreed.heightForWidth(self.agreed.width()) > room:
            size -= 1
            self._px(self.agreed, size)

    @staticmethod
    def _px(label: QLabel, size: int) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(SMALLEST_PX, size))
        label.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F5):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.hide()
        event.ignore()  # kept for the next F5; panel mode deletes it when it closes


def agreed_html(agreed: Agreed) -> str:
    if agreed.empty:
        return "<p style='color:#4A5568'>Nothing agreed on this case yet.</p>"
    parts = ["<p style='color:#4A5568'>What the panel has agreed</p>"]
    for title, items in (("Good practice", agreed.good_practice), ("Learning", agreed.learning)):
        if items:
            parts.append(f"<p><b>{title}</b></p><ul>")
            parts += [f"<li>{escape(text)}</li>" for text in items]
            parts.append("</ul>")
    if agreed.actions:
        parts.append("<p><b>Actions</b></p><ul>")
        for action in agreed.actions:
            whom = escape(action.owner) if action.owner else "owner to be agreed"
            when = format_short(action.due_date) if action.due_date else "date to be agreed"
            parts.append(f"<li>{escape(action.text)} <i>({whom}, {when})</i></li>")
        parts.append("</ul>")
    return "".join(parts)
