"""How a step is drawn in the list of the current case's steps: its number and title, wrapped,
with the heard tick before an agency's summary, the current step in bold.

The list is laid out again at every move; measuring each title is kept to once per title and
width (the default delegate asks the model a dozen questions per row, every time)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, CHECK_GAP = 6, 4, 6
WRAP = int(Qt.TextFlag.TextWordWrap) | int(
    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
)


class StepsDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple[str, int, str, bool], int] = {}

    @staticmethod
    def _checkable(index: Index) -> bool:
        return bool(index.flags() & Qt.ItemFlag.ItemIsUserCheckable)

    @staticmethod
    def _check_size(option: QStyleOptionViewItem) -> int:
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return 16
        return style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, option, widget)

    def _text_rect(self, option: QStyleOptionViewItem, checkable: bool) -> QRect:
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        if checkable:
            rect.setLeft(rect.left() + self._check_size(option) + CHECK_GAP)
        return rect

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        checkable = self._checkable(index)
        # Measured for the width the row will have: the list's, not the option's (which, when
        # asked for a size, is not yet the row's).
        view = option.widget
        full = view.viewport().width() if isinstance(view, QAbstractItemView) else 0
        probe = QStyleOptionViewItem(option)
        if full > 0:
            probe.rect = QRect(0, 0, full, option.rect.height())
        width = max(40, self._text_rect(probe, checkable).width())
        bold = QFont(option.font)
        bold.setBold(True)  # measured bold, so the current step never needs another line
        key = (text, width, bold.key(), checkable)
        height = self._heights.get(key)
        if height is None:
            bounds = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10_000), WRAP, text)
            height = self._heights[key] = bounds.height() + 2 * PAD_Y
        return QSize(full or option.rect.width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        checkable = self._checkable(index)
        painter.save()
        if style is not None:
            item_text, item.text = item.text, ""
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
            item.text = item_text
            if checkable:
                check = QStyleOptionViewItem(item)
                check.rect = self.check_rect(option)
                check.state = check.state & ~QStyle.StateFlag.State_HasFocus
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                check.state |= QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off
                style.drawPrimitive(
                    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, check, painter, widget
                )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(
            option.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        painter.setFont(item.font)
        painter.drawText(self._text_rect(option, checkable), WRAP, item.text)
        painter.restore()

    def check_rect(self, option: QStyleOptionViewItem) -> QRect:
        size = self._check_size(option)
        return QRect(
            option.rect.left() + PAD_X,
            option.rect.top() + (option.rect.height() - size) // 2,
            size,
            size,
        )

    def editorEvent(
        self, event: QEvent, model: QAbstractItemModel, option: QStyleOptionViewItem, index: Index
    ) -> bool:
        """A click on the tick ticks it (and does not jump to the step); keys as usual."""
        if not self._checkable(index):
            return False
        if isinstance(event, QMouseEvent):
            inside = (
                self.check_rect(option).adjusted(-3, -3, 3, 3).contains(event.position().toPoint())
            )
            if event.type() == QEvent.Type.MouseButtonRelease and inside:
                checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
                state = Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked
                return model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)
            return inside and event.type() in (
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseButtonDblClick,
            )
        return super().editorEvent(event, model, option, index)
