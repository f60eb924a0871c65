"""The energy meter and power curve of one simulated connector."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

# Power depends on SoC and SoC on energy, so a long (or sped-up) interval is
# integrated in sub-steps; 10 simulated seconds keeps the taper smooth.
_STEP_S = 10.0
# DC chargers hold full power up to about this SoC, then taper linearly to 0 at 100 %.
TAPER_START_SOC = 80.0
# AC power wanders a little below the rated power, as a real car's on-board charger does.
_AC_JITTER = 0.02
_DC_JITTER = 0.03


@dataclass(frozen=True)
class Reading:
    """One reading of a connector's meter."""

    power_w: float
    energy_wh: float
    soc: float | None


class ConnectorMeter:
    """Integrates a connector's power over time into a monotone energy register.

    ``speed`` is simulated seconds per real second: tests and demos use it to make
    energy and SoC move quickly while messages keep real wall-clock timestamps.
    """

    def __init__(
        self,
        kind: str,
        power_kw: float,
        rng: random.Random,
        *,
        battery_kwh: float = 60.0,
        speed: float = 1.0,
        register_wh: float = 0.0,
    ) -> None:
        self.kind = kind
        self.max_w = power_kw * 1000.0
        self.battery_wh = battery_kwh * 1000.0
        self.speed = speed
        self.energy_wh = register_wh
        self.power_w = 0.0
        self.soc: float | None = None
        self.charging = False
        self._rng = rng
        self._last = time.monotonic()

    def begin(self, soc: float | None, limit_w: float | None) -> None:
        """Start drawing power; ``soc`` is the car's state of charge (DC only)."""
        self.update(limit_w)  # settle the register before the power changes
        self.charging = True
        self.soc = soc if self.kind == "DC" else None
        self.power_w = self._target_w(limit_w)

    def end(self, limit_w: float | None = None) -> Reading:
        """Stop drawing power and return the final reading."""
        reading = self.update(limit_w)
        self.charging = False
        self.power_w = 0.0
        return reading

    def update(self, limit_w: float | None) -> Reading:
        """Advance the register to now and return the current reading."""
        now = time.monotonic()
        remaining = max(0.0, (now - self._last) * self.speed)
        self._last = now
        while self.charging and remaining > 0.0:
            step = min(_STEP_S, remaining)
            self._integrate(self._target_w(limit_w), step)
            remaining -= step
        self.power_w = self._target_w(limit_w) if self.charging else 0.0
        return self.reading()

    def reading(self) -> Reading:
        """The last computed reading, without advancing time."""
        soc = None if self.soc is None else round(self.soc, 1)
        return Reading(round(self.power_w, 1), self.energy_wh, soc)

    @property
    def full(self) -> bool:
        """True once a DC car has reached 100 % and draws nothing more."""
        return self.soc is not None and self.soc >= 100.0

    def _integrate(self, power_w: float, seconds: float) -> None:
        wh = power_w * seconds / 3600.0
        self.energy_wh += wh
        if self.soc is not None:
            self.soc = min(100.0, self.soc + 100.0 * wh / self.battery_wh)

    def _target_w(self, limit_w: float | None) -> float:
        if not self.charging:
            return 0.0
        if self.kind == "DC":
            soc = self.soc if self.soc is not None else 0.0
            if soc >= 100.0:
                power = 0.0
            elif soc >= TAPER_START_SOC:
                power = self.max_w * (100.0 - soc) / (100.0 - TAPER_START_SOC)
            else:
                power = self.max_w * (1.0 - self._rng.uniform(0.0, _DC_JITTER))
        else:
            power = self.max_w * (1.0 - self._rng.uniform(0.0, _AC_JITTER))
        if limit_w is not None:
            power = min(power, max(0.0, limit_w))
        return power
