"""Tells staff of a new alarm outside the window: a tray notification and an optional chime."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon

from console.core.alarms import Alarm
from console.ui.alarms.alarm_sound import AlarmSoundPlayer
from console.ui.alarms.words import SOUND_KEY, alarm_headline, kind_word

TRAY_MESSAGE_MS = 10_000


def sound_enabled() -> bool:
    """Whether a new alarm plays the chime (a setting; off unless staff turned it on)."""
    return str(QSettings().value(SOUND_KEY, "false")).lower() in ("true", "1")


def set_sound_enabled(value: bool) -> None:
    """Turn the alarm chime on or off."""
    QSettings().setValue(SOUND_KEY, "true" if value else "false")


def tray_available() -> bool:
    """A system tray exists (never offscreen, as in tests and screenshots)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return False
    return QSystemTrayIcon.isSystemTrayAvailable()


class AlarmNotifier(QObject):
    """Shows each new alarm in the system tray when there is one, and chimes if wanted.

    ``player`` is anything with ``play()``; by default the chime of resources/sounds.
    """

    def __init__(
        self, parent: QObject | None = None, player: AlarmSoundPlayer | None = None
    ) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self.notified: list[Alarm] = []
        self.player = player if player is not None else AlarmSoundPlayer(self)
        if tray_available():
            app = QApplication.instance()
            icon = QIcon()
            if isinstance(app, QApplication):
                icon = app.windowIcon()  # ChargeDesk's, set when the application is made
                if icon.isNull():
                    icon = app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("ChargeDesk alarms"))
            self.tray.show()

    def notify(self, alarm: Alarm) -> None:
        """Tell staff of a new alarm."""
        self.notified.append(alarm)
        if self.tray is not None:
            title = self.tr("Alarm: %1 at %2").replace("%1", kind_word(alarm.kind))
            self.tray.showMessage(
                title.replace("%2", alarm.charger_id),
                alarm_headline(alarm),
                QSystemTrayIcon.MessageIcon.Warning,
                TRAY_MESSAGE_MS,
            )
        if sound_enabled():
            self.player.play()
