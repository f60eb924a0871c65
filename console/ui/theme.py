"""Colours and words for connector statuses, chosen so colour-blind people can tell them apart.

Each status has a colour from the Okabe-Ito palette (distinguishable with the common
colour-vision deficiencies) *and* a distinct symbol, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.enums import ConnectorStatus

# (colour, symbol) per status.
STATUS_STYLE: dict[ConnectorStatus, tuple[str, str]] = {
    ConnectorStatus.AVAILABLE: ("#009E73", "●"),  # bluish green
    ConnectorStatus.PREPARING: ("#56B4E9", "◐"),  # sky blue
    ConnectorStatus.CHARGING: ("#0072B2", "▶"),  # blue
    ConnectorStatus.SUSPENDED_EV: ("#CC79A7", "❚❚"),  # reddish purple
    ConnectorStatus.SUSPENDED_EVSE: ("#CC79A7", "❚❚"),
    ConnectorStatus.FINISHING: ("#56B4E9", "◑"),
    ConnectorStatus.RESERVED: ("#E69F00", "◆"),  # orange
    ConnectorStatus.UNAVAILABLE: ("#7F7F7F", "○"),  # grey
    ConnectorStatus.FAULTED: ("#D55E00", "✖"),  # vermillion
}
OFFLINE_STYLE = ("#7F7F7F", "⚠")
FAULT_BACKGROUND = QColor("#FBE3D6")
OFFLINE_BACKGROUND = QColor("#ECECEC")


def status_colour(status: ConnectorStatus | None) -> QColor:
    """The colour of a status (grey when unknown)."""
    if status is None:
        return QColor(OFFLINE_STYLE[0])
    return QColor(STATUS_STYLE[status][0])


def status_symbol(status: ConnectorStatus | None) -> str:
    """The symbol shown beside a status, so colour is not the only cue."""
    if status is None:
        return "?"
    return STATUS_STYLE[status][1]


def status_text(status: ConnectorStatus | None) -> str:
    """The status in words, translated."""
    words = {
        ConnectorStatus.AVAILABLE: QCoreApplication.translate("Status", "Available"),
        ConnectorStatus.PREPARING: QCoreApplication.translate("Status", "Preparing"),
        ConnectorStatus.CHARGING: QCoreApplication.translate("Status", "Charging"),
        ConnectorStatus.SUSPENDED_EV: QCoreApplication.translate("Status", "Suspended by car"),
        ConnectorStatus.SUSPENDED_EVSE: QCoreApplication.translate(
            "Status", "Suspended by charger"
        ),
        ConnectorStatus.FINISHING: QCoreApplication.translate("Status", "Finishing"),
        ConnectorStatus.RESERVED: QCoreApplication.translate("Status", "Reserved"),
        ConnectorStatus.UNAVAILABLE: QCoreApplication.translate("Status", "Unavailable"),
        ConnectorStatus.FAULTED: QCoreApplication.translate("Status", "Faulted"),
    }
    if status is None:
        return QCoreApplication.translate("Status", "Unknown")
    return words[status]
