"""The alarm chime: the committed WAV file, and the notifier playing it for a new alarm."""

from __future__ import annotations

import os
import wave
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.core.alarms import Alarm, AlarmKind
from console.ui.alarms import alarm_sound
from console.ui.alarms.alarm_sound import AlarmSoundPlayer, alarm_sound_file
from console.ui.alarms.notifier import AlarmNotifier, set_sound_enabled

REPO = Path(__file__).resolve().parents[2]


class ObservedPlayer(AlarmSoundPlayer):
    """The real player's interface, counting plays instead of making a sound."""

    def __init__(self) -> None:
        super().__init__(sound=alarm_sound_file())
        self.plays = 0

    def play(self) -> None:
        """Count the chime."""
        self.plays += 1


def _alarm() -> Alarm:
    return Alarm(
        id=1,
        charger_id="CP-1",
        connector_id=1,
        kind=AlarmKind.FAULTED,
        message="GroundFailure",
        details={},
        raised_at=datetime(2026, 12, 7, 12, 0, tzinfo=UTC),
    )


def test_alarm_sound_is_a_short_16_bit_mono_wav() -> None:
    """The committed chime is a valid WAV, 16-bit mono, under a second, and small."""
    path = alarm_sound_file()
    assert path == REPO / "resources" / "sounds" / "alarm.wav"
    with wave.open(str(path)) as sound:
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
        seconds = sound.getnframes() / sound.getframerate()
        frames = sound.readframes(sound.getnframes())
    assert 0.4 < seconds < 1.0
    assert len(frames) == sound.getnframes() * 2
    assert path.stat().st_size < 64_000


def test_alarm_sound_script_is_deterministic(tmp_path: Path) -> None:
    """The script makes exactly the committed bytes."""
    import runpy

    script = runpy.run_path(str(REPO / "resources" / "make_alarm_sound.py"))
    script["write_wav"](tmp_path / "alarm.wav")
    assert (tmp_path / "alarm.wav").read_bytes() == alarm_sound_file().read_bytes()


def test_new_alarm_plays_the_chime_only_when_sound_is_on(qapp: object) -> None:
    """Sound off: no chime; sound on: one chime per new alarm."""
    player = ObservedPlayer()
    notifier = AlarmNotifier(player=player)
    notifier.notify(_alarm())
    assert player.plays == 0
    set_sound_enabled(True)
    notifier.notify(_alarm())
    assert player.plays == 1


def test_offscreen_player_only_beeps(qapp: object) -> None:
    """No screen (tests, screenshots): the system beep, never a real player."""
    assert AlarmSoundPlayer().backend == "beep"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the stand-in player is a POSIX script")
def test_command_player_runs_once_per_burst(
    qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A desk without QtMultimedia uses its sound server's player, one at a time."""
    monkeypatch.setattr(alarm_sound, "SILENT_PLATFORMS", ())
    monkeypatch.setattr(alarm_sound.sys, "platform", "linux")
    started = tmp_path / "started"
    release = tmp_path / "release"
    os.mkfifo(release)
    player_script = tmp_path / "pw-play"
    # A stand-in player: notes each start, then plays until the test releases it.
    player_script.write_text(f'#!/bin/sh\necho "$1" >> {started}\nread line < {release}\n')
    player_script.chmod(0o755)
    player = AlarmSoundPlayer(which=lambda name: str(player_script) if name == "pw-play" else None)
    if player.backend == "qt":
        pytest.skip("QtMultimedia is installed here: Qt plays the chime")
    assert player.backend == "command"
    player.play()
    player.play()  # still playing: not doubled
    release.write_text("end\n")  # blocks until the player reads: it was started
    assert player._process is not None
    player._process.wait(timeout=10)
    assert started.read_text().splitlines() == [str(alarm_sound_file())]
    player.stop()
