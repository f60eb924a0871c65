"""Draws a share (0..1) as a bar beside its percentage, so the column reads at a glance."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.ui.reports.colours import GRID_COLOUR
from console.ui.reports.utilisation_model import SHARE_ROLE

TEXT_SAMPLE = "100.0 % "


class ShareBarDelegate(QStyledItemDelegate):
    """A bar in ``colour`` as long as the share, left of the right-aligned percentage.

    The bar and the text never overlap, so the text keeps its contrast on any bar colour.
    """

    def __init__(self, colour: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """The cell's background and text as usual, then the bar in the room left of it."""
        super().paint(painter, option, index)
        share = index.data(SHARE_ROLE)
        if share is None:
            return
        rect: QRect = option.rect
        text_width = option.fontMetrics.horizontalAdvance(TEXT_SAMPLE)
        room = rect.width() - text_width - 12
        if room < 12:
            return
        height = max(6, rect.height() // 2)
        top = rect.top() + (rect.height() - height) // 2
        track = QRect(rect.left() + 6, top, room, height)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        selected = option.state & QStyle.StateFlag.State_Selected
        painter.setBrush(QColor(GRID_COLOUR) if not selected else QColor("#FFFFFF"))
        painter.drawRect(track)
        painter.setBrush(self.colour)
        painter.drawRect(
            QRect(track.left(), top, round(room * min(1.0, max(0.0, float(share)))), height)
        )
        painter.restore()
