"""How a case is drawn on the agenda: its name, then its state and time on a quieter line (amber
once it has run over), with a heading above the escalated cases to set them apart."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.panel.agenda_models import AgendaModel

Index = QModelIndex | QPersistentModelIndex
PAD_X, PAD_Y, GAP = 8, 5, 2
QUIET = QColor("#4A5568")
OVER = QColor("#8A4B00")
HEADING = QColor("#7A4F01")
HEADING_RULE = QColor("#E5C07B")


class AgendaDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        detail = QFont(option.font)
        detail.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        return title, detail

    def _heading_height(self, option: QStyleOptionViewItem, index: Index) -> int:
        if not index.data(AgendaModel.HEADING):
            return 0
        return QFontMetrics(self._fonts(option)[1]).height() + 2 * PAD_Y + 4

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, detail = self._fonts(option)
        height = QFontMetrics(title).height() + GAP + QFontMetrics(detail).height() + 2 * PAD_Y
        return QSize(option.rect.width(), height + self._heading_height(option, index))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        title_font, detail_font = self._fonts(option)
        rect = QRect(option.rect)
        painter.save()
        heading = self._heading_height(option, index)
        if heading:
            band = QRect(rect.left(), rect.top(), rect.width(), heading)
            painter.setFont(detail_font)
            painter.setPen(HEADING)
            painter.drawText(
                band.adjusted(PAD_X, PAD_Y + 2, -PAD_X, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(index.data(AgendaModel.HEADING)),
            )
            painter.setPen(HEADING_RULE)
            painter.drawLine(
                band.left() + PAD_X, band.top() + 2, band.right() - PAD_X, band.top() + 2
            )
            rect.setTop(rect.top() + heading)
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = rect
        item.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        inner = rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        title_height = QFontMetrics(title_font).height()
        painter.setFont(title_font)
        painter.setPen(text)
        title = QFontMetrics(title_font).elidedText(
            str(index.data(AgendaModel.TITLE) or ""), Qt.TextElideMode.ElideRight, inner.width()
        )
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )
        painter.setFont(detail_font)
        over = bool(index.data(AgendaModel.OVER))
        painter.setPen(text if selected else (OVER if over else QUIET))
        detail = QFontMetrics(detail_font).elidedText(
            str(index.data(AgendaModel.DETAIL) or ""), Qt.TextElideMode.ElideRight, inner.width()
        )
        top = inner.top() + title_height + GAP
        painter.drawText(
            QRect(inner.left(), top, inner.width(), inner.bottom() - top + 1),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            detail,
        )
        painter.restore()
