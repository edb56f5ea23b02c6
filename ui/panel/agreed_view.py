"""What the panel has agreed on a case, drawn to fit the presentation view's screen: the type is
as large as the room allows, in two columns (findings, actions) when both have something, and
when even the smallest type cannot hold it all, the newest items of each list are kept (the
ones the room is talking about) with a count of those left out."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget

from panel_app.dates import format_short
from panel_app.panel.views import Agreed, AgreedAction

SMALLEST_PX = 14
#: The newest items of a list the screen shows at most: more is not readable across a room.
MOST_SHOWN = 8
QUIET = "#4A5568"
TEXT = "#14213D"


def _items(texts: list[str], keep: int | None) -> str:
    shown = texts if keep is None or keep >= len(texts) else texts[-keep:]
    earlier = len(texts) - len(shown)
    parts = [f"<li>{text}</li>" for text in shown]
    if earlier:
        parts.insert(0, f"<li style='color:{QUIET}'>… and {earlier} agreed earlier</li>")
    return "<ul style='margin-top:0'>" + "".join(parts) + "</ul>"


def _action(action: AgreedAction) -> str:
    whom = escape(action.owner) if action.owner else "owner to be agreed"
    when = format_short(action.due_date) if action.due_date else "date to be agreed"
    return f"{escape(action.text)} <i style='color:{QUIET}'>({whom}, {when})</i>"


def agreed_html(agreed: Agreed, keep: int | None = None, columns: bool = False) -> str:
    if agreed.empty:
        return f"<p style='color:{QUIET}'>Nothing agreed on this case yet.</p>"
    findings = ""
    for title, texts in (("Good practice", agreed.good_practice), ("Learning", agreed.learning)):
        if texts:
            findings += f"<p><b>{title}</b></p>" + _items([escape(t) for t in texts], keep)
    actions = ""
    if agreed.actions:
        actions = "<p><b>Actions</b></p>" + _items([_action(a) for a in agreed.actions], keep)
    if columns and findings and actions:
        return (
            "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
            f"<td width='50%' style='padding-right:24px'>{findings}</td>"
            f"<td width='50%' style='padding-left:24px'>{actions}</td></tr></table>"
        )
    return findings + actions


class AgreedView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("presAgreed")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.document = QTextDocument(self)
        self.document.setDocumentMargin(0)
        self.agreed: Agreed | None = None
        self.escalated = False
        self.base = 28
        self._laid_out: tuple[object, ...] | None = None
        self._size = self.base

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def show_nothing(self) -> None:
        self.agreed, self.escalated = None, False
        self._lay_out()

    def show_agreed(self, agreed: Agreed, escalated: bool) -> None:
        """Lays out again only when something agreed changed (not on every discussion point)."""
        self.agreed, self.escalated = agreed, escalated
        self._lay_out()

    def set_base_size(self, pixels: int) -> None:
        if pixels != self.base:
            self.base = pixels
            self._lay_out()

    def text(self) -> str:
        return self.document.toPlainText()

    def _content(self, html: str) -> None:
        self.document.setHtml(f"<div style='color:{TEXT}'>{html}</div>")
        self.document.setTextWidth(max(1, self.width()))

    def _fits(self, pixels: int) -> bool:
        """Lay the content out at ``pixels`` (no parsing again: the sizes in it are relative
        to the default font): does it fit?"""
        font = QFont(self.font())
        font.setPixelSize(pixels)
        self.document.setDefaultFont(font)
        return self.document.size().height() <= self.height()

    def _largest(self) -> int:
        """The largest type that fits, searched from the last one (usually still right, so
        one layout per change), by halving when it no longer fits."""
        top = max(SMALLEST_PX, self.base)
        size = min(max(SMALLEST_PX, self._size), top)
        low, high = SMALLEST_PX, size - 1
        if self._fits(size):
            low = high = size
            while size < top:  # room to grow (after a resize, or entries deleted)?
                trial = min(top, size + max(1, size // 8))
                if not self._fits(trial):
                    low, high = size, trial - 1
                    break
                low = high = size = trial
        while low < high:
            middle = (low + high + 1) // 2
            if self._fits(middle):
                low = middle
            else:
                high = middle - 1
        self._fits(low)
        return low

    def _lay_out(self) -> None:
        key = (self.agreed, self.escalated, self.width(), self.height(), self.base)
        if key == self._laid_out:
            return
        self._laid_out = key
        agreed = self.agreed
        if agreed is None or self.escalated:
            words = (
                "This case has been escalated and will be discussed at a separate meeting."
                if self.escalated
                else ""
            )
            self._content(f"<p>{escape(words)}</p>")
            self._fits(self.base)
            self.update()
            return
        columns = self.width() > 1.4 * self.height()
        longest = max(len(agreed.good_practice), len(agreed.learning), len(agreed.actions))
        keep = min(longest, MOST_SHOWN)
        self._content(agreed_html(agreed, keep, columns))
        self._size = self._largest()
        if not self._fits(self._size):
            # Even the smallest type cannot hold it: only the newest items that the room holds.
            fewest, most = 1, max(1, keep - 1)
            while fewest < most:
                middle = (fewest + most + 1) // 2
                self._content(agreed_html(agreed, middle, columns))
                if self._fits(self._size):
                    fewest = middle
                else:
                    most = middle - 1
            self._content(agreed_html(agreed, fewest, columns))
            self._fits(self._size)
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.document.drawContents(painter)
        painter.end()
