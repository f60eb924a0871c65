"""Plays the alarm chime (resources/sounds/alarm.wav) with whatever this desk PC offers.

Qt's own player (QtMultimedia's QSoundEffect) ships in PySide6-Addons, not in the
PySide6-Essentials wheel ChargeDesk depends on; a bundle or an install that has it uses
it. Otherwise: Windows plays WAV files itself (winsound), a Linux desktop has a command
line player of its sound server (PipeWire, PulseAudio or ALSA), macOS has afplay. Where
none is there, or with no screen (offscreen tests, screenshots), it is the system beep.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from console.assets import resource_path

# In the order tried: the sound servers' own players first, ALSA's last.
LINUX_PLAYERS = ("pw-play", "paplay", "aplay")
MAC_PLAYERS = ("afplay",)
SILENT_PLATFORMS = ("offscreen", "minimal")


def alarm_sound_file() -> Path:
    """The chime's file (in the checkout, the installed package or the bundle)."""
    return resource_path("sounds", "alarm.wav")


class AlarmSoundPlayer(QObject):
    """Plays the chime once per call; ``backend`` says how ("qt", "winsound", "command",
    "beep"), chosen once when the player is made."""

    def __init__(
        self,
        parent: QObject | None = None,
        sound: Path | None = None,
        which: Callable[[str], str | None] = shutil.which,
    ) -> None:
        super().__init__(parent)
        self.sound = sound or alarm_sound_file()
        self.backend = "beep"
        self._command: list[str] = []
        self._process: subprocess.Popen[bytes] | None = None
        self._effect: QObject | None = None
        if QGuiApplication.platformName() in SILENT_PLATFORMS or not self.sound.is_file():
            return
        if self._use_qt_multimedia():
            self.backend = "qt"
        elif sys.platform == "win32":
            self.backend = "winsound"
        else:
            players = MAC_PLAYERS if sys.platform == "darwin" else LINUX_PLAYERS
            for name in players:
                found = which(name)
                if found:
                    self._command = [found, str(self.sound)]
                    self.backend = "command"
                    break

    def _use_qt_multimedia(self) -> bool:
        """Set up QSoundEffect when QtMultimedia is installed and an audio output exists."""
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:  # PySide6-Essentials only: no QtMultimedia
            return False
        if not QMediaDevices.audioOutputs():
            return False
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(self.sound)))
        self._effect = effect
        return True

    def play(self) -> None:
        """Play the chime once (never blocks; a chime still playing is not doubled)."""
        if self.backend == "qt" and self._effect is not None:
            self._effect.play()  # type: ignore[attr-defined]
        elif self.backend == "winsound" and sys.platform == "win32":
            import winsound

            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            winsound.PlaySound(str(self.sound), flags)
        elif self.backend == "command":
            self._play_with_command()
        else:
            QApplication.beep()

    def _play_with_command(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return  # a burst of alarms is one chime, not a pile of players
        try:
            self._process = subprocess.Popen(
                self._command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # the player went away: the beep still says something happened
            self.backend = "beep"
            QApplication.beep()

    def stop(self) -> None:
        """End a chime still playing (the console is closing)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=1)
