"""Locking the app: Ctrl+L, or after a while without a key press or a click (not while the
presentation view is shown: the room is looking at it).

Locking saves what is being typed first (the panel's capture line keeps its draft), then covers
every window, the presentation view and any open dialog included, with a curtain, and opens
the unlock window. What unlocks it protects a shared laptop as far as the setup allows: the
database passphrase when the database is encrypted, else the app's unlock password if one is
set (``panel_app.unlock``), else a plain Unlock button with a note suggesting one.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QToolTip, QWidget

from panel_app import settings, unlock
from ui.lock_screen import LOCKED_TITLE, Curtain, UnlockWindow
from ui.panel import refcounts

if TYPE_CHECKING:
    from ui.main_window import MainWindow

log = logging.getLogger(__name__)

#: A person at the keyboard: these restart the idle clock (and are held back while locked).
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}
BLOCKED_WHILE_LOCKED = {*ACTIVITY, QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride}
#: How often the idle time is looked at (a lock due at 15 minutes comes within 15 s of it).
CHECK_MS = 15_000
#: Menus and tooltips are closed on locking, never covered.
NOT_COVERED = {Qt.WindowType.Popup, Qt.WindowType.ToolTip}


@dataclass
class Covered:
    curtain: Curtain
    hidden: list[QWidget]
    title: str


class LockController(QObject):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.is_locked = False
        self.since = datetime.now()
        self._covered: dict[QWidget, Covered] = {}
        self._focus: QWidget | None = None
        self.unlock_window: UnlockWindow | None = None
        # The filter below sees every event of the app, so it only notes the time of each key
        # press or click (no Qt call: on this PySide build each void call leaks a reference
        # to None, see ui/panel/refcounts.py); a timer looks now and then whether it is time.
        refcounts.guard()
        self.idle_ms = 0
        self._last_activity = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check_idle)
        self.set_idle_minutes(settings.load().idle_lock_minutes)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    # -- idle ----------------------------------------------------------------------------------
    def set_idle_minutes(self, minutes: int) -> None:
        """0 (or less) never locks by itself."""
        self.set_idle_interval(max(0, minutes) * 60_000)

    def set_idle_interval(self, ms: int) -> None:
        self.idle_ms = max(0, ms)
        self._last_activity = time.monotonic()
        self.timer.stop()
        if self.idle_ms > 0:
            self.timer.setInterval(min(self.idle_ms, CHECK_MS))
            self.timer.start()

    def idle_for(self) -> float:
        """Seconds since the last key press or click."""
        return time.monotonic() - self._last_activity

    def _check_idle(self) -> None:
        if self.is_locked or self.idle_ms <= 0:
            return
        if self.presenting():
            # The room is watching the projector while the chair talks, perhaps for longer
            # than the wait: the curtain would fall mid-case. Ctrl+L still locks.
            self._last_activity = time.monotonic()
            return
        if self.idle_for() * 1000 >= self.idle_ms:
            self.lock()

    @staticmethod
    def presenting() -> bool:
        """Whether the presentation view is on a screen."""
        from ui.panel.presentation import PresentationWindow

        return any(
            isinstance(widget, PresentationWindow) and widget.isVisible()
            for widget in QApplication.topLevelWidgets()
        )

    # -- how it unlocks ------------------------------------------------------------------------
    def mode(self) -> str:
        """``passphrase``, ``password`` or ``none``."""
        database = self.window.database
        if database is not None and database.key is not None:
            return "passphrase"
        return "password" if unlock.is_set() else "none"

    def check(self, secret: str) -> bool:
        mode = self.mode()
        database = self.window.database
        if mode == "passphrase" and database is not None and database.key is not None:
            return database.key.matches(secret)
        if mode == "password":
            return unlock.check(secret)
        return True

    # -- locking -------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.is_locked or self.window.database is None or not self.window.isVisible():
            return  # nothing on screen to hide yet (or any more: the app is closing)
        refused = self.window.flush()
        if refused:
            log.warning("locked with text not saved (it stays in its field): %s", refused)
        self.is_locked = True
        self.since = datetime.now()
        self._focus = QApplication.focusWidget()
        for _ in range(10):  # menus and pop-ups close (nested ones one by one)
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        QToolTip.hideText()
        for widget in QApplication.topLevelWidgets():
            self._cover(widget)
        self.unlock_window = UnlockWindow(self.mode(), self.unlock, self.window)
        self._show_unlock_window()
        self.locked.emit()

    def _cover(self, window: QWidget) -> None:
        if (
            not window.isVisible()
            or window in self._covered
            or window is self.unlock_window
            or window.windowType() in NOT_COVERED
        ):
            return
        children = window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        hidden = [c for c in children if not c.isWindow() and c.isVisible()]
        for child in hidden:
            child.hide()
        title = window.windowTitle()
        window.setWindowTitle(LOCKED_TITLE)
        curtain = Curtain(window, self.since, words=not isinstance(window, QDialog))
        self._covered[window] = Covered(curtain, hidden, title)

    def _show_unlock_window(self) -> None:
        """Shown (again) last, so it is the modal window that has the keyboard."""
        shown = self.unlock_window
        if shown is None:
            return
        shown.hide()
        covered = self._covered.get(self.window)
        shown.place_over(self.window, covered.curtain.detail if covered else None)
        shown.show()
        shown.raise_()
        shown.activateWindow()
        if shown.secret.isVisible():
            shown.secret.setFocus()
        else:
            shown.button.setFocus()

    def unlock(self, secret: str = "") -> bool:
        """Unlock if ``secret`` is right for the mode; False (still locked) if not."""
        if not self.is_locked:
            return True
        if not self.check(secret):
            return False
        self.is_locked = False
        for window, covered in self._covered.items():
            if not shiboken6.isValid(window):
                continue
            covered.curtain.deleteLater()
            covered.curtain.hide()
            for child in covered.hidden:
                if shiboken6.isValid(child):
                    child.show()
            window.setWindowTitle(covered.title)
        self._covered.clear()
        if self.unlock_window is not None:
            self.unlock_window.hide()
            self.unlock_window.deleteLater()
            self.unlock_window = None
        if self._focus is not None and shiboken6.isValid(self._focus):
            self._focus.activateWindow()
            self._focus.setFocus()
        self._focus = None
        self._last_activity = time.monotonic()
        self.unlocked.emit()
        return True

    # -- every event of the app passes here ---------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.is_locked:
            if kind not in ACTIVITY:
                return False
            self._last_activity = time.monotonic()
            # Application shortcuts do not reach a window behind a modal dialog: Ctrl+L does.
            if (
                kind == QEvent.Type.KeyPress
                and _is_lock_key(event)
                and QApplication.activeModalWidget() is not None
            ):
                self.lock()
                return True
            return False
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            if watched is not self.unlock_window:
                QTimer.singleShot(0, self, lambda: self._cover_late(watched))
            return False
        if kind in BLOCKED_WHILE_LOCKED:
            return not self._in_unlock_window(watched)
        return False

    def _cover_late(self, window: QWidget) -> None:
        """A window that opened while locked (a message, say) is covered, and the unlock
        window goes back on top of it."""
        if self.is_locked and shiboken6.isValid(window):
            self._cover(window)
            if window in self._covered and window.isModal():
                self._show_unlock_window()

    def _in_unlock_window(self, watched: QObject) -> bool:
        shown = self.unlock_window
        if shown is None:
            return False
        if watched.isWindowType():
            return True  # a window's QWindow passes events on to its widgets: judged there
        # A shortcut's receiver is its action (or QShortcut): judged by the widget it is in.
        owner: QObject | None = watched
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()
        return isinstance(owner, QWidget) and (owner is shown or shown.isAncestorOf(owner))


def _is_lock_key(event: QEvent) -> bool:
    return (
        isinstance(event, QKeyEvent)
        and event.key() == Qt.Key.Key_L
        and event.modifiers() == Qt.KeyboardModifier.ControlModifier
    )
