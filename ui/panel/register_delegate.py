"""The register's attendance cell as three choices side by side (Present, Apologies, Absent):
one click on the one that applies marks the person, the current one filled in."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from db.enums import AttendanceStatus
from db.enums import label as enum_label
from ui.panel.register_model import COLOURS, STATUS_ROLE

Index = QModelIndex | QPersistentModelIndex
CHOICES = tuple(AttendanceStatus)
GAP, PAD = 4, 8
BORDER = QColor("#C5CDD8")


def _rects(rect: QRect, metrics: QFontMetrics) -> list[QRect]:
    widths = [metrics.horizontalAdvance(enum_label(status)) + 2 * PAD for status in CHOICES]
    spare = max(0, rect.width() - sum(widths) - GAP * (len(widths) + 1))
    extra = spare // len(widths)
    rects, left = [], rect.left() + GAP
    for width in widths:
        rects.append(QRect(left, rect.top() + 3, width + extra, rect.height() - 6))
        left += width + extra + GAP
    return rects


class StatusDelegate(QStyledItemDelegate):
    #: (row, status) when a choice is clicked.
    chosen = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        width = sum(metrics.horizontalAdvance(enum_label(s)) + 2 * PAD for s in CHOICES)
        return QSize(width + GAP * (len(CHOICES) + 1), metrics.height() + 12)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = option.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        current = index.data(STATUS_ROLE)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(option.font)
        for status, rect in zip(CHOICES, _rects(option.rect, QFontMetrics(option.font)),
                                strict=True):  # fmt: skip
            colour = COLOURS[status]
            if status == current:
                painter.setPen(colour)
                painter.setBrush(colour)
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(QColor("#FFFFFF"))
            else:
                painter.setPen(BORDER)
                painter.setBrush(QColor("#FFFFFF"))
                painter.drawRoundedRect(rect, 4, 4)
                painter.setPen(QColor("#4A5568"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, enum_label(status))
        painter.restore()

    def editorEvent(
        self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            point = event.position().toPoint()
            for status, rect in zip(CHOICES, _rects(option.rect, QFontMetrics(option.font)),
                                    strict=True):  # fmt: skip
                if rect.contains(point):
                    self.chosen.emit(index.row(), status)
                    return True
        return False

    def choice_at(self, option: QStyleOptionViewItem, status: AttendanceStatus) -> QRect:
        """Where ``status`` is drawn in a cell (tests click it)."""
        return _rects(option.rect, QFontMetrics(option.font))[CHOICES.index(status)]
