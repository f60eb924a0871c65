"""Measures how late an asyncio loop runs its callbacks: the lag people and chargers feel."""

from __future__ import annotations

import asyncio
import time
from collections import deque

from console.services.background import cancel_and_wait


class LoopLagMonitor:
    """Schedules a tick every ``interval`` seconds and records how late each tick ran.

    Lag is the figure that matters for replies and repaints: a loop busy for 40 ms makes
    every charger waiting on it 40 ms later. Samples are kept in a ring buffer.
    """

    def __init__(self, interval: float = 0.01, keep: int = 100_000) -> None:
        self.interval = interval
        self._lags_ms: deque[float] = deque(maxlen=keep)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start measuring on the running loop."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop measuring; the samples stay readable."""
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    def reset(self) -> None:
        """Forget the samples taken so far (for example after a warm-up)."""
        self._lags_ms.clear()

    async def _run(self) -> None:
        while True:
            expected = time.perf_counter() + self.interval
            await asyncio.sleep(self.interval)
            self._lags_ms.append(max(0.0, (time.perf_counter() - expected) * 1000.0))

    def percentile(self, fraction: float) -> float:
        """The lag in milliseconds below which ``fraction`` of the samples fall (0 if none)."""
        if not self._lags_ms:
            return 0.0
        ordered = sorted(self._lags_ms)
        index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
        return ordered[index]

    def summary(self) -> dict[str, float]:
        """p50, p99 and max lag in milliseconds, and the sample count."""
        return {
            "loop_lag_p50_ms": round(self.percentile(0.50), 3),
            "loop_lag_p99_ms": round(self.percentile(0.99), 3),
            "loop_lag_max_ms": round(max(self._lags_ms, default=0.0), 3),
            "loop_lag_samples": float(len(self._lags_ms)),
        }
