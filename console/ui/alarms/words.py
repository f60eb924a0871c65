"""How alarms look: a word, a symbol and a colour per kind (colour is never the only cue)."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QColor

from console.core.alarms import Alarm, AlarmKind

NAME_KEY = "alarms/name"
SOUND_KEY = "alarms/sound"

# (colour, symbol) per kind, from the Okabe-Ito palette.
KIND_STYLE: dict[AlarmKind, tuple[str, str]] = {
    AlarmKind.FAULTED: ("#D55E00", "✖"),  # vermillion
    AlarmKind.OFFLINE: ("#7F7F7F", "⚠"),  # grey
    AlarmKind.REBOOTS: ("#E69F00", "↻"),  # orange
    AlarmKind.SECURITY: ("#CC79A7", "⚑"),  # reddish purple
    AlarmKind.DISK_LOW: ("#0072B2", "⛁"),  # blue
    AlarmKind.LOCKED_OUT: ("#CC79A7", "🔒"),  # reddish purple, like security
}


def kind_word(kind: AlarmKind) -> str:
    """The kind in words, translated."""
    words = {
        AlarmKind.FAULTED: QCoreApplication.translate("Alarm", "Fault"),
        AlarmKind.OFFLINE: QCoreApplication.translate("Alarm", "Offline"),
        AlarmKind.REBOOTS: QCoreApplication.translate("Alarm", "Reboots"),
        AlarmKind.SECURITY: QCoreApplication.translate("Alarm", "Security"),
        AlarmKind.DISK_LOW: QCoreApplication.translate("Alarm", "Disk space"),
        AlarmKind.LOCKED_OUT: QCoreApplication.translate("Alarm", "Locked out"),
    }
    return words[kind]


def kind_label(kind: AlarmKind) -> str:
    """Symbol and word: "✖ Fault"."""
    return f"{KIND_STYLE[kind][1]} {kind_word(kind)}"


def kind_colour(kind: AlarmKind) -> QColor:
    """The colour of a kind."""
    return QColor(KIND_STYLE[kind][0])


def state_word(alarm: Alarm) -> str:
    """Open (the condition holds) or cleared, translated."""
    if alarm.open:
        return QCoreApplication.translate("Alarm", "● open")
    return QCoreApplication.translate("Alarm", "○ cleared")


def alarm_headline(alarm: Alarm) -> str:
    """One line for the banner and the tray: "✖ Fault · CP-1 / 2: GroundFailure…"."""
    where = alarm.charger_id
    if alarm.connector_id:
        where += f" / {alarm.connector_id}"
    return f"{kind_label(alarm.kind)} · {where}: {alarm.message}"


def staff_name() -> str:
    """Who acknowledges: the name set on the alarms page, else the computer login."""
    stored = QSettings().value(NAME_KEY, "")
    if stored:
        return str(stored)
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service environments
        return QCoreApplication.translate("Alarm", "staff")
