"""A table header that shortens a name too long for its section with "…" instead of cutting
it off mid-letter (the style sheet's padding defeats Qt's own eliding); the full name stays in
the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

#: The style sheet's header padding, each side (resources/style.qss).
PADDING = 8


class ElidingHeader(QHeaderView):
    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        self.initStyleOptionForIndex(option, logicalIndex)
        option.rect = rect
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)  # as the style sheet draws it
        width = rect.width() - 2 * PADDING - 4
        option.text = QFontMetrics(font).elidedText(option.text, Qt.TextElideMode.ElideRight, width)
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
