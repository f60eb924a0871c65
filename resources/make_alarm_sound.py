"""Synthesise the console's alarm sound: a short two-tone chime (resources/sounds/alarm.wav).

    python resources/make_alarm_sound.py [OUTPUT]    (default: resources/sounds/alarm.wav)

Made here from sine waves with the standard library only, so the sound is the project's
own and licence-clean. Deterministic: the same bytes on every run. A falling major third
(E6 then C6, "ding-dong"), each note a soft attack and a bell-like decay with a quiet
octave overtone; 0.7 s, 16-bit mono at 22 050 Hz (about 30 kB).
"""

from __future__ import annotations

import argparse
import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
DURATION_S = 0.7
PEAK = 0.6  # of full scale: noticeable without being harsh, room for the two notes to overlap
# (start seconds, frequency Hz, decay time constant seconds)
NOTES = ((0.0, 1318.51, 0.16), (0.22, 1046.50, 0.20))
ATTACK_S = 0.006  # a few milliseconds of fade-in: no click at the start of a note
RELEASE_S = 0.05  # the last milliseconds fade to silence: no click at the end of the file
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "sounds" / "alarm.wav"


def _note(t: float, frequency: float, decay: float) -> float:
    """One bell-like note at ``t`` seconds after its start, in -1..1 before scaling."""
    if t < 0:
        return 0.0
    envelope = min(1.0, t / ATTACK_S) * math.exp(-t / decay)
    tone = math.sin(2 * math.pi * frequency * t) + 0.25 * math.sin(4 * math.pi * frequency * t)
    return envelope * tone / 1.25


def samples() -> list[int]:
    """The chime as 16-bit signed sample values."""
    count = round(RATE * DURATION_S)
    values: list[int] = []
    for index in range(count):
        t = index / RATE
        value = sum(_note(t - start, frequency, decay) for start, frequency, decay in NOTES)
        remaining = DURATION_S - t
        if remaining < RELEASE_S:
            value *= remaining / RELEASE_S
        values.append(round(max(-1.0, min(1.0, value * PEAK)) * 32767))
    return values


def write_wav(target: Path) -> None:
    """Write the chime to ``target`` as a 16-bit mono WAV file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    values = samples()
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(values)}h", *values))


def main(argv: list[str] | None = None) -> int:
    """Command line: write the sound (by default over resources/sounds/alarm.wav)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    write_wav(args.output)
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
