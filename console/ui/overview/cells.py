"""The overview table's columns, roles, status styles and row rules (no state)."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from console.core.enums import ConnectorStatus
from console.core.site import ChargerState
from console.ui.table_model import FIRST_FREE_ROLE, ROW_ROLE

RowKey = tuple[str, int]  # (charger id, connector id)
AnyIndex = QModelIndex | QPersistentModelIndex

KEY_ROLE = ROW_ROLE  # the row's (charger id, connector id): the row itself
PROBLEM_ROLE = FIRST_FREE_ROLE  # True for faulted or offline rows

PENDING_STYLE = ("#E69F00", "◷")
REJECTED_STYLE = ("#7F7F7F", "⊘")
# Problems first when sorting by status.
SEVERITY = {
    ConnectorStatus.FAULTED: 0,
    ConnectorStatus.UNAVAILABLE: 2,
    ConnectorStatus.SUSPENDED_EVSE: 3,
    ConnectorStatus.SUSPENDED_EV: 4,
    ConnectorStatus.CHARGING: 5,
    ConnectorStatus.PREPARING: 6,
    ConnectorStatus.FINISHING: 7,
    ConnectorStatus.RESERVED: 8,
    ConnectorStatus.AVAILABLE: 9,
}


class Column(IntEnum):
    """The table's columns, in order."""

    CHARGER = 0
    CONNECTOR = 1
    STATUS = 2
    CONNECTION = 3
    POWER = 4
    CARD = 5  # the driver: the card's owner or the visitor, with the card id
    ENERGY = 6
    DURATION = 7
    COST = 8
    PROBLEM = 9


def connector_rows(charger: ChargerState) -> list[int]:
    """The connectors shown as rows: the physical ones, or 0 when none is known yet."""
    return sorted(c for c in charger.connectors if c > 0) or [0]


def is_problem(charger: ChargerState, connector_id: int) -> bool:
    """Offline, faulted, or reporting an error (on the connector or the whole charger)."""
    if not charger.online:
        return True
    for cid in {connector_id, 0}:
        state = charger.connectors.get(cid)
        if state is not None and (
            state.status is ConnectorStatus.FAULTED or state.error_code not in ("NoError", "")
        ):
            return True
    return False


def status_icon(colour: str, symbol: str) -> QIcon:
    """A status symbol drawn in its colour, for the Status cell."""
    pixmap = QPixmap(18, 18)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(15 if len(symbol) == 1 else 10)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return QIcon(pixmap)
